/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cp-server-test.h"

/*
 * The server under attack: oversized and ambiguous requests spoken over raw
 * sockets (libsoup's client would not send them), parallel password
 * guesses, keep-alive after a 204, exhausted connections, a database
 * locked from outside. Each test starts its own server, so that what one
 * attack leaves behind (a lockout, a closed connection) does not reach
 * the others.
 */

#define MIB (1024 * 1024)
#define GIB (1024 * MIB)

/* ---- raw HTTP ---- */

static GSocket *
raw_connect (CpTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback,
                                                                 cp_test_server_get_port (server));
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

static gboolean
raw_send (GSocket    *socket,
          const char *data,
          gsize       size)
{
  while (size > 0)
    {
      gssize sent = g_socket_send (socket, data, size, NULL, NULL);

      if (sent <= 0)
        return FALSE;
      data += sent;
      size -= (gsize) sent;
    }
  return TRUE;
}

typedef struct
{
  guint status;            /* 0: the connection ended before an answer */
  SoupMessageHeaders *headers;
  char *body;
} RawResponse;

static void
raw_response_free (RawResponse *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r->body);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawResponse, raw_response_free)

/* Reads one response: the headers, then a body of Content-Length bytes. */
static RawResponse *
raw_read (GSocket *socket)
{
  RawResponse *r = g_new0 (RawResponse, 1);
  g_autoptr(GString) data = g_string_new (NULL);
  const char *end = NULL;
  goffset length = 0;
  gsize header_len;

  r->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  while ((end = strstr (data->str, "\r\n\r\n")) == NULL)
    {
      char buf[4096];
      gssize n = g_socket_receive (socket, buf, sizeof buf - 1, NULL, NULL);

      if (n <= 0)
        return r;
      g_string_append_len (data, buf, n);
    }
  header_len = (gsize) (end - data->str) + 4;
  if (!soup_headers_parse_response (data->str, (int) header_len, r->headers, NULL, &r->status,
                                    NULL))
    g_error ("Not an HTTP response: %s", data->str);
  if (r->status != 204)
    length = soup_message_headers_get_content_length (r->headers);
  while (data->len < header_len + (gsize) length)
    {
      char buf[4096];
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (data, buf, n);
    }
  r->body = g_strndup (data->str + header_len, (gsize) length);
  return r;
}

/* Whether the server closes the connection: what else it still sends is
 * read and dropped; a timeout (10 s) means it is still open. */
static gboolean
raw_closed (GSocket *socket)
{
  for (;;)
    {
      char buf[4096];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);

      if (n > 0)
        continue;
      return n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    }
}

static RawResponse *
raw_exchange (CpTestServer *server,
              const char   *request)
{
  g_autoptr(GSocket) socket = raw_connect (server);

  g_assert_true (raw_send (socket, request, strlen (request)));
  return raw_read (socket);
}

static gboolean
readable_within (GSocket *socket,
                 guint    ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

/* ---- the server process ---- */

/* A line of /proc/PID/status, in KiB. */
static gint64
proc_status_kib (CpTestServer *server,
                 const char   *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", cp_test_server_get_pid (server));
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  line = strstr (contents, key);
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

static GSocket *
try_connect (CpTestServer *server,
             guint         timeout)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback,
                                                                 cp_test_server_get_port (server));
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);

  g_assert_nonnull (socket);
  g_socket_set_timeout (socket, timeout);
  if (!g_socket_connect (socket, address, NULL, NULL))
    return NULL;
  return g_steal_pointer (&socket);
}

/* The status of GET /config on a new connection, 0 for no answer in 10 s. */
static guint
config_status (CpTestServer *server)
{
  g_autoptr(GSocket) socket = try_connect (server, 10);
  g_autoptr(RawResponse) r = NULL;
  const char *request = "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  if (socket == NULL || !raw_send (socket, request, strlen (request)))
    return 0;
  r = raw_read (socket);
  return r->status;
}

static gint64
fd_limit (CpTestServer *server,
          gboolean      hard)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/limits", cp_test_server_get_pid (server));
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  line = strstr (contents, "Max open files");
  g_assert_nonnull (line);
  fields = g_regex_split_simple ("\\s+", line + strlen ("Max open files"), 0, 0);
  /* "", soft, hard, "files", … */
  g_assert_cmpuint (g_strv_length (fields), >=, 3);
  return g_ascii_strtoll (fields[hard ? 2 : 1], NULL, 10);
}

/* ---- 1: body size ---- */

static void
test_body_declared_too_large (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autoptr(RawResponse) early = NULL;
  g_autoptr(CpResponse) after = NULL;
  g_autofree char *block = g_malloc (MIB);
  gint64 before = proc_status_kib (server, "VmHWM");
  gint64 grown;
  const char *headers = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n";
  gsize sent = 0;

  memset (block, 'a', MIB);
  g_assert_true (raw_send (socket, headers, strlen (headers)));
  /* Refused on the headers: the answer comes before any of the body. */
  if (readable_within (socket, 2000))
    early = raw_read (socket);
  while (sent < GIB && raw_send (socket, block, MIB))
    sent += MIB;
  grown = proc_status_kib (server, "VmHWM") - before;
  g_test_message ("declared 1 GiB: %zu MiB sent, server RSS peak +%" G_GINT64_FORMAT " KiB, "
                  "answer before the body: %u", sent / MIB, grown, early ? early->status : 0);

  g_assert_nonnull (early);
  g_assert_cmpuint (early->status, ==, 413);
  g_assert_cmpstr (soup_message_headers_get_one (early->headers, "Connection"), ==, "close");
  g_assert_nonnull (strstr (early->body, "\"invalid_request\""));
  g_assert_cmpint (grown, <=, 16 * 1024);
  g_assert_cmpuint (sent, <, GIB);

  after = cp_call (server, "GET", "/config", NULL, NULL);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_body_chunked_too_large (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autoptr(CpResponse) after = NULL;
  g_autofree char *chunk = g_malloc (MIB + 32);
  gint64 before = proc_status_kib (server, "VmHWM");
  gint64 grown;
  const char *headers = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  gsize sent = 0;
  int prefix;

  prefix = g_snprintf (chunk, 32, "%x\r\n", MIB);
  memset (chunk + prefix, 'a', MIB);
  memcpy (chunk + prefix + MIB, "\r\n", 2);
  g_assert_true (raw_send (socket, headers, strlen (headers)));
  while (sent < GIB && raw_send (socket, chunk, (gsize) prefix + MIB + 2))
    sent += MIB;
  if (sent == GIB)
    raw_send (socket, "0\r\n\r\n", 5);
  grown = proc_status_kib (server, "VmHWM") - before;
  g_test_message ("chunked 1 GiB: %zu MiB sent before the server closed, "
                  "server RSS peak +%" G_GINT64_FORMAT " KiB", sent / MIB, grown);

  g_assert_cmpint (grown, <=, 16 * 1024);
  g_assert_cmpuint (sent, <, GIB);
  g_assert_true (raw_closed (socket));

  after = cp_call (server, "GET", "/config", NULL, NULL);
  g_assert_cmpuint (after->status, ==, 200);
}

/* ---- 3: lockout under parallel guesses ---- */

static void
test_lockout_parallel (void)
{
  CpTestServer *server;
  CpCall *calls[51];
  guint verified = 0, limited = 0, other = 0;
  g_autoptr(CpResponse) right = NULL;

  /* Each check takes a while, so that the guesses overlap. */
  g_setenv ("CP_SERVER_TEST_HASH_DELAY_MS", "300", TRUE);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_unsetenv ("CP_SERVER_TEST_HASH_DELAY_MS");

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"email\": \"ada@example.com\","
                                               " \"password\": \"%s-%u\"}",
                                               i + 1 < G_N_ELEMENTS (calls) ? "wrong" : "",
                                               i);

      if (i + 1 == G_N_ELEMENTS (calls))
        {
          g_free (body);
          body = g_strdup ("{\"email\": \"ada@example.com\","
                           " \"password\": \"demo-customer-password\"}");
        }
      calls[i] = cp_call_start (server, "POST", "/auth/login", NULL, body, NULL);
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(CpResponse) r = cp_call_finish (calls[i]);

      if (r->status == 401)
        verified++;
      else if (r->status == 429)
        {
          limited++;
          g_assert_nonnull (soup_message_headers_get_one (r->headers, "Retry-After"));
        }
      else
        other++;
    }
  right = cp_call_finish (calls[G_N_ELEMENTS (calls) - 1]);
  g_test_message ("50 parallel wrong guesses: %u verified, %u × 429, %u other;"
                  " the right password last: %u", verified, limited, other, right->status);

  g_assert_cmpuint (other, ==, 0);
  g_assert_cmpuint (verified, <=, 5);
  g_assert_cmpuint (limited, >=, 45);
  cp_assert_error (right, 429, "rate_limited");
  cp_test_server_stop (server);
}

/* ---- 4: keep-alive after a 204 ---- */

static void
test_no_content_keeps_alive (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autofree char *token = cp_login (server, "ada@example.com", "demo-customer-password");
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autofree char *logout = g_strdup_printf ("POST /api/v1/auth/logout HTTP/1.1\r\n"
                                             "Host: 127.0.0.1\r\n"
                                             "Authorization: Bearer %s\r\n"
                                             "Content-Length: 0\r\n\r\n", token);
  const char *config = "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr(RawResponse) first = NULL;
  guint answered = 0;

  g_assert_true (raw_send (socket, logout, strlen (logout)));
  first = raw_read (socket);
  g_assert_cmpuint (first->status, ==, 204);
  /* A 204 carries neither Content-Length nor Transfer-Encoding (RFC 9110). */
  g_assert_null (soup_message_headers_get_one (first->headers, "Transfer-Encoding"));
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "Connection"), !=, "close");

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RawResponse) r = NULL;

      if (!raw_send (socket, config, strlen (config)))
        break;
      r = raw_read (socket);
      if (r->status != 200)
        break;
      answered++;
    }
  g_test_message ("requests answered on the connection after a 204: %u of 5", answered);
  g_assert_cmpuint (answered, ==, 5);
}

/* ---- 8: ambiguous framing and NUL bytes ---- */

/* Refused with 400, or with 501 for a transfer coding libsoup does not
 * know (which it answers itself before any handler, as RFC 9112 §6.1 has
 * it), and the connection closed either way. */
static void
assert_refused_and_closed (CpTestServer *server,
                           const char   *request,
                           guint         status)
{
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autoptr(RawResponse) r = NULL;
  g_autofree char *shown = g_strescape (request, NULL);

  g_assert_true (raw_send (socket, request, strlen (request)));
  r = raw_read (socket);
  g_test_message ("%s → %u", shown, r->status);
  g_assert_cmpuint (r->status, ==, status);
  if (status == 400)
    {
      g_assert_nonnull (strstr (r->body, "\"invalid_request\""));
      g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Connection"), ==, "close");
    }
  g_assert_true (raw_closed (socket));
}

static void
test_framing_ambiguous (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  g_autoptr(RawResponse) plain = NULL;
  g_autoptr(RawResponse) chunked = NULL;

  /* Both lengths: a proxy may take one, the server the other. */
  assert_refused_and_closed (server,
                             "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "0\r\n\r\n", 400);
  assert_refused_and_closed (server,
                             "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                             "0\r\n\r\n", 400);
  /* Any coding but chunked alone. */
  assert_refused_and_closed (server,
                             "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Transfer-Encoding: identity\r\n\r\n", 400);
  assert_refused_and_closed (server,
                             "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501);
  assert_refused_and_closed (server,
                             "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "0\r\n\r\n", 400);
  assert_refused_and_closed (server,
                             "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Length: 0\r\nTransfer-Encoding: identity\r\n\r\n", 400);

  /* Two lengths of the same kind. */
  assert_refused_and_closed (server,
                             "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}", 400);

  /* What is not ambiguous still works. */
  plain = raw_exchange (server, "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  g_assert_cmpuint (plain->status, ==, 200);
  chunked = raw_exchange (server,
                          "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                          "2\r\n{}\r\n0\r\n\r\n");
  g_assert_cmpuint (chunked->status, ==, 400);
  g_assert_nonnull (strstr (chunked->body, "\"email\""));
}

static void
test_nul_bytes (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autofree char *staff = cp_login (server, "staff@example.com", "demo-staff-password");
  g_autoptr(CpResponse) login = NULL;
  g_autoptr(CpResponse) escaped_backslash = NULL;
  g_autoptr(CpResponse) search = NULL;
  g_autoptr(CpResponse) search_ok = NULL;

  login = cp_call (server, "POST", "/auth/login", NULL,
                   "{\"email\": \"ada@example.com\\u0000junk\","
                   " \"password\": \"demo-customer-password\"}");
  g_test_message ("login as \"ada@example.com\\u0000junk\": %u", login->status);
  cp_assert_error (login, 400, "invalid_request");

  /* An escaped backslash before "u0000" is no NUL. */
  escaped_backslash = cp_call (server, "POST", "/auth/login", NULL,
                               "{\"email\": \"ada@example.com\\\\u0000\","
                               " \"password\": \"demo-customer-password\"}");
  g_assert_cmpuint (escaped_backslash->status, ==, 401);

  search = cp_call (server, "GET", "/customers?query=ada%00junk", staff, NULL);
  g_test_message ("search for \"ada%%00junk\": %u", search->status);
  cp_assert_error (search, 400, "invalid_request");
  search_ok = cp_call (server, "GET", "/customers?query=ada", staff, NULL);
  g_assert_cmpuint (search_ok->status, ==, 200);
}

/* ---- 2: connection exhaustion ---- */

static void
test_fd_limit_raised (void)
{
  g_autoptr(CpTestServer) server = NULL;

  cp_test_server_set_fd_limit (256, 0);
  server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  cp_test_server_set_fd_limit (0, 0);
  g_test_message ("open files limit: started with 256, now %" G_GINT64_FORMAT
                  " of %" G_GINT64_FORMAT, fd_limit (server, FALSE), fd_limit (server, TRUE));
  g_assert_cmpint (fd_limit (server, FALSE), ==, fd_limit (server, TRUE));
}

static void
test_connection_exhaustion (void)
{
  g_autoptr(CpTestServer) server = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  guint during, after;

  /* 64 files, and no way to raise that: 80 idle connections are more than
   * the process can hold. */
  cp_test_server_set_fd_limit (64, 64);
  server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  cp_test_server_set_fd_limit (0, 0);

  for (guint i = 0; i < 80; i++)
    {
      GSocket *socket = try_connect (server, 2);

      if (socket != NULL)
        g_ptr_array_add (held, socket);
    }
  during = config_status (server);
  g_ptr_array_set_size (held, 0);
  g_usleep (200 * 1000);
  after = config_status (server);
  g_test_message ("64 files, 80 idle connections: GET /config during: %u, after: %u",
                  during, after);
  g_assert_cmpuint (during, ==, 200);
  g_assert_cmpuint (after, ==, 200);
}

static void
test_connection_cap (void)
{
  const char * const args[] = { "--max-connections", "4", NULL };
  g_autoptr(CpTestServer) server = cp_test_server_start_with (CP_TEST_SERVER_EMPTY, args);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  guint closed = 0;

  /* Past the cap, a new connection ends the one idle the longest. */
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (held, raw_connect (server));
  g_assert_cmpuint (config_status (server), ==, 200);
  for (guint i = 0; i < held->len; i++)
    if (readable_within (held->pdata[i], 50) && raw_closed (held->pdata[i]))
      closed++;
  g_test_message ("at most 4 connections: of 10 idle ones, %u closed", closed);
  g_assert_cmpuint (closed, >=, 7);
}

/* Seconds until the server closes a connection that sends a request one
 * byte every half second (at most @give_up). */
static double
slowloris_seconds (CpTestServer *server,
                   double        give_up)
{
  g_autoptr(GSocket) socket = raw_connect (server);
  const char *start = "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  gint64 began = g_get_monotonic_time ();

  if (!raw_send (socket, start, strlen (start)))
    return 0;
  while ((g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC < give_up)
    {
      if (readable_within (socket, 500) && raw_closed (socket))
        break;
      if (!raw_send (socket, "a", 1))
        break;
    }
  return (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
}

static void
test_slow_and_idle_closed (void)
{
  CpTestServer *server;
  g_autoptr(GSocket) idle = NULL;
  g_autoptr(RawResponse) first = NULL;
  const char *config = "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  double slow, idle_seconds;
  gint64 began;

  g_setenv ("CP_SERVER_IDLE_TIMEOUT", "2", TRUE);
  server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  g_unsetenv ("CP_SERVER_IDLE_TIMEOUT");

  slow = slowloris_seconds (server, 8);

  idle = raw_connect (server);
  g_assert_true (raw_send (idle, config, strlen (config)));
  first = raw_read (idle);
  g_assert_cmpuint (first->status, ==, 200);
  began = g_get_monotonic_time ();
  readable_within (idle, 8000);
  idle_seconds = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
  g_test_message ("idle timeout 2 s: a request sent a byte every 0.5 s closed after %.1f s;"
                  " an idle keep-alive connection after %.1f s", slow, idle_seconds);
  g_assert_cmpfloat (slow, <, 4);
  g_assert_cmpfloat (idle_seconds, <, 4);
  g_assert_true (raw_closed (idle));
  g_assert_cmpuint (config_status (server), ==, 200);
  cp_test_server_stop (server);
}

/* ---- 5: the database locked from outside ---- */

static double
timed_call (CpTestServer  *server,
            const char    *method,
            const char    *path,
            const char    *token,
            const char    *body,
            CpResponse   **out)
{
  gint64 began = g_get_monotonic_time ();

  *out = cp_call (server, method, path, token, body);
  return (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
}

static void
test_database_locked (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autofree char *staff = cp_login (server, "staff@example.com", "demo-staff-password");
  g_autoptr(CpResponse) config = NULL;
  g_autoptr(CpResponse) list = NULL;
  g_autoptr(CpResponse) write = NULL;
  g_autoptr(CpResponse) later = NULL;
  const char *customer = "{\"name\": \"Locked Out\", \"email\": \"locked@example.com\","
                         " \"phone\": \"555-0100\", \"address\": \"1 Lock St\"}";
  double config_s, list_s, write_s;
  sqlite3 *db = NULL;

  /* Another program holds the write lock: a backup, an admin's shell. */
  g_assert_cmpint (sqlite3_open (cp_test_server_get_db_path (server), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* A write first, and reads right behind it: they must not wait for it. */
  {
    gint64 began = g_get_monotonic_time ();
    CpCall *write_call = cp_call_start (server, "POST", "/customers", staff, customer, NULL);
    CpCall *config_call;

    while (g_get_monotonic_time () - began < 50 * 1000)
      g_main_context_iteration (NULL, FALSE);
    config_call = cp_call_start (server, "GET", "/config", NULL, NULL, NULL);
    began = g_get_monotonic_time ();
    config = cp_call_finish (config_call);
    config_s = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
    write = cp_call_finish (write_call);
    write_s = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC + 0.05;
  }
  list_s = timed_call (server, "GET", "/customers?limit=5", staff, NULL, &list);
  g_test_message ("database locked from outside: GET /config %u in %.2f s, GET /customers %u"
                  " in %.2f s, POST /customers %u in %.2f s (Retry-After %s)",
                  config->status, config_s, list->status, list_s, write->status, write_s,
                  soup_message_headers_get_one (write->headers, "Retry-After"));

  g_assert_cmpuint (config->status, ==, 200);
  g_assert_cmpfloat (config_s, <, 1);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpfloat (list_s, <, 1);
  cp_assert_error (write, 503, "unavailable");
  g_assert_nonnull (soup_message_headers_get_one (write->headers, "Retry-After"));
  g_assert_cmpfloat (write_s, <, 1);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  later = cp_call (server, "POST", "/customers", staff, customer);
  g_assert_cmpuint (later->status, ==, 201);
}

/* ---- 7: mailed codes under a key ---- */

static gboolean
files_contain (const char   *db_path,
               const guint8 *needle,
               gsize         size)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (gsize j = 0; j + size <= length; j++)
        if (memcmp (contents + j, needle, size) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
test_codes_keyed (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  const char *email = "alan.turing@example.com";
  const char *db_path = cp_test_server_get_db_path (server);
  g_autofree char *key_path = g_strconcat (db_path, "-secret", NULL);
  g_autofree char *code = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(CpResponse) invite = NULL;
  g_autoptr(CpResponse) verify = NULL;
  guint8 digest[32], plain[32];
  gsize digest_len = sizeof digest;
  GStatBuf st;
  gboolean found;

  invite = cp_call (server, "POST", "/auth/invitations", NULL,
                    "{\"email\": \"alan.turing@example.com\"}");
  g_assert_cmpuint (invite->status, ==, 202);
  code = cp_test_server_dup_last_code (server, email);
  g_assert_nonnull (code);

  /* What the server stored before: SHA-256 of "invite\0EMAIL\0CODE", which
   * a copy of the database gives up to a million guesses. */
  g_checksum_update (checksum, (const guchar *) "invite", 7);
  g_checksum_update (checksum, (const guchar *) email, (gssize) strlen (email) + 1);
  g_checksum_update (checksum, (const guchar *) code, 6);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_checksum_reset (checksum);
  g_checksum_update (checksum, (const guchar *) code, 6);
  digest_len = sizeof plain;
  g_checksum_get_digest (checksum, plain, &digest_len);
  found = files_contain (db_path, digest, sizeof digest) || files_contain (db_path, plain, 32);
  g_test_message ("unkeyed SHA-256 of the code in the database: %s", found ? "yes" : "no");
  g_assert_false (found);

  /* The key is beside the database, for its owner alone. */
  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 32);

  body = g_strdup_printf ("{\"email\": \"%s\", \"code\": \"%s\","
                          " \"password\": \"alan-password-long\"}", email, code);
  verify = cp_call (server, "POST", "/auth/verify", NULL, body);
  g_assert_cmpuint (verify->status, ==, 201);
}

/* ---- 6: the vault ---- */

static CpResponse *
tokenize (CpTestServer *server)
{
  g_autofree char *url = g_strconcat (cp_test_server_get_url (server), "/vault/v1/tokens", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *body = g_strdup_printf ("{\"number\": \"4242424242424242\", \"exp_month\": 12,"
                                           " \"exp_year\": %d, \"cvc\": \"123\","
                                           " \"cardholder_name\": \"Test Holder\"}",
                                           g_date_time_get_year (now) + 2);

  return cp_call (server, "POST", url, cp_test_server_get_vault_key (server), body);
}

static void
test_vault_rate_limited (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  guint made = 0, limited = 0;
  gint64 began = g_get_monotonic_time ();

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(CpResponse) r = tokenize (server);

      if (r->status == 200)
        made++;
      else
        {
          cp_assert_error (r, 429, "rate_limited");
          g_assert_nonnull (soup_message_headers_get_one (r->headers, "Retry-After"));
          limited++;
        }
    }
  g_test_message ("100 tokenizations from one address in %.1f s: %u made, %u × 429",
                  (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC, made, limited);
  g_assert_cmpuint (made, <=, 31);
  g_assert_cmpuint (limited, >=, 69);
}

static guint
vault_rows (CpTestServer *server,
            const char   *token)
{
  g_autofree char *path = g_strconcat (cp_test_server_get_db_path (server), "-vault", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM vault_cards WHERE token = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_vault_tokens_expire (void)
{
  CpTestServer *server;
  g_autofree char *ada = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *unused = NULL;
  g_autofree char *late = NULL;
  g_autofree char *add_saved = NULL;
  g_autofree char *add_late = NULL;
  g_autoptr(CpResponse) first = NULL;
  g_autoptr(CpResponse) second = NULL;
  g_autoptr(CpResponse) third = NULL;
  g_autoptr(CpResponse) saved_r = NULL;
  g_autoptr(CpResponse) late_r = NULL;
  g_autoptr(CpResponse) me = NULL;
  const char *customer;
  gint64 until;

  g_setenv ("CP_SERVER_VAULT_TOKEN_TTL", "2", TRUE);
  g_setenv ("CP_SERVER_CLEANUP_INTERVAL", "1", TRUE);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_unsetenv ("CP_SERVER_VAULT_TOKEN_TTL");
  g_unsetenv ("CP_SERVER_CLEANUP_INTERVAL");
  ada = cp_login (server, "ada@example.com", "demo-customer-password");
  me = cp_call (server, "GET", "/me", ada, NULL);
  customer = cp_response_string (me, "customer_id");

  first = tokenize (server);
  second = tokenize (server);
  third = tokenize (server);
  saved = g_strdup (cp_response_string (first, "token"));
  unused = g_strdup (cp_response_string (second, "token"));
  late = g_strdup (cp_response_string (third, "token"));
  add_saved = g_strdup_printf ("{\"card_token\": \"%s\"}", saved);
  {
    g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", customer);

    saved_r = cp_call (server, "POST", path, ada, add_saved);
    g_assert_cmpuint (saved_r->status, ==, 201);

    /* Past the lifetime: a token no longer saves, and the cleanup deletes
     * the ones never saved (digits and all), not the saved one. */
    until = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    add_late = g_strdup_printf ("{\"card_token\": \"%s\"}", late);
    late_r = cp_call (server, "POST", path, ada, add_late);
  }
  g_test_message ("token lifetime 2 s: saving a 4 s old token: %u; rows left: saved %u,"
                  " unused %u", late_r->status, vault_rows (server, saved),
                  vault_rows (server, unused));
  cp_assert_error (late_r, 400, "invalid_request");
  g_assert_cmpuint (vault_rows (server, saved), ==, 1);
  g_assert_cmpuint (vault_rows (server, unused), ==, 0);
  g_assert_cmpuint (vault_rows (server, late), ==, 0);
  cp_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/hardening/body-declared-too-large", test_body_declared_too_large);
  g_test_add_func ("/server/hardening/body-chunked-too-large", test_body_chunked_too_large);
  g_test_add_func ("/server/hardening/lockout-parallel", test_lockout_parallel);
  g_test_add_func ("/server/hardening/no-content-keeps-alive", test_no_content_keeps_alive);
  g_test_add_func ("/server/hardening/fd-limit-raised", test_fd_limit_raised);
  g_test_add_func ("/server/hardening/connection-exhaustion", test_connection_exhaustion);
  g_test_add_func ("/server/hardening/connection-cap", test_connection_cap);
  g_test_add_func ("/server/hardening/slow-and-idle-closed", test_slow_and_idle_closed);
  g_test_add_func ("/server/hardening/database-locked", test_database_locked);
  g_test_add_func ("/server/hardening/codes-keyed", test_codes_keyed);
  g_test_add_func ("/server/hardening/vault-rate-limited", test_vault_rate_limited);
  g_test_add_func ("/server/hardening/vault-tokens-expire", test_vault_tokens_expire);
  g_test_add_func ("/server/hardening/framing-ambiguous", test_framing_ambiguous);
  g_test_add_func ("/server/hardening/nul-bytes", test_nul_bytes);

  return g_test_run ();
}
