/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "api/cp-http-parse.h"
#include "api/cp-http.h"
#include "cp-server.h"
#include "fuzz.h"

/*
 * The reference server's request parsing, on any bytes. The first byte
 * picks the part: the id and cursor parsers of api/cp-http.c directly,
 * or a whole request to a CpServer in this process on a loopback port
 * (bodies of the JSON routes, ids in paths, query strings), signed in as
 * staff. Every request must be answered, with a status the API uses, and
 * the server must stay up for the next one.
 */

static CpServer *server;
static GInetSocketAddress *address;
static char *token;
static char *dir;

typedef struct
{
  const char *method;
  const char *path;      /* for a GET or DELETE, the input follows */
  gboolean body;         /* the input is the body, not part of the path */
  gboolean auth;
} Template;

static const Template templates[] = {
  { "POST", "/api/v1/auth/invitations", TRUE, FALSE },
  { "POST", "/api/v1/auth/verify", TRUE, FALSE },
  { "POST", "/api/v1/auth/password-reset/confirm", TRUE, FALSE },
  { "POST", "/api/v1/auth/refresh", TRUE, FALSE },
  { "POST", "/api/v1/customers", TRUE, TRUE },
  { "PATCH", "/api/v1/customers/1/payment-methods/1", TRUE, TRUE },
  { "POST", "/api/v1/customers/1/payment-methods", TRUE, TRUE },
  { "POST", "/api/v1/customers/1/payments", TRUE, TRUE },
  { "PUT", "/api/v1/settings/online-payments", TRUE, TRUE },
  { "GET", "/api/v1/customers?", FALSE, TRUE },
  { "GET", "/api/v1/customers/1/invoices?", FALSE, TRUE },
  { "GET", "/api/v1/customers/1/service-history?", FALSE, TRUE },
  { "GET", "/api/v1/customers/", FALSE, TRUE },
  { "DELETE", "/api/v1/customers/1/payment-methods/", FALSE, TRUE },
  { "GET", "/api/v1/", FALSE, FALSE },
};

/* Sends one request on a new connection and reads the answer to its end,
 * running the server's main loop meanwhile. Returns the status. */
static guint
exchange (const char *request,
          gsize       length,
          GString    *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gsize sent = 0;
  guint status = 0;

  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  if (!g_socket_connect (socket, G_SOCKET_ADDRESS (address), NULL, &error))
    {
      g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING));
      g_clear_error (&error);
    }

  for (;;)
    {
      char buffer[16 * 1024];
      gssize n;

      if (g_get_monotonic_time () > deadline)
        g_error ("the server did not answer within 10 s:\n%.*s", (int) MIN (length, 300),
                 request);

      if (sent < length)
        {
          n = g_socket_send (socket, request + sent, length - sent, NULL, &error);
          if (n > 0)
            sent += (gsize) n;
          else if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)
                   && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
            sent = length;   /* the server closed early: read its answer */
          g_clear_error (&error);
        }

      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (n == 0 || (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)
                     && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED)))
        break;
      g_clear_error (&error);
      if (n > 0)
        {
          g_string_append_len (reply, buffer, n);
          continue;
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (100);
    }

  if (reply->len > 12 && g_str_has_prefix (reply->str, "HTTP/1.1 "))
    status = (guint) g_ascii_strtoull (reply->str + 9, NULL, 10);
  return status;
}

static guint
request (const char *method,
         const char *target,
         gboolean    auth,
         const char *body,
         gsize       body_length,
         GString    *reply)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n",
                          method, target);
  if (auth)
    g_string_append_printf (text, "Authorization: Bearer %s\r\n", token);
  if (g_str_equal (method, "POST") && strstr (target, "/payments") != NULL)
    g_string_append (text, "Idempotency-Key: 6f1c3bb4-2d0e-4c5e-9f5e-8f8a1a2b3c4d\r\n");
  if (body != NULL)
    g_string_append_printf (text, "Content-Type: application/json\r\nContent-Length: %zu\r\n",
                            body_length);
  g_string_append (text, "\r\n");
  if (body != NULL)
    g_string_append_len (text, body, (gssize) body_length);
  return exchange (text->str, text->len, reply);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GString) reply = g_string_new (NULL);
  g_autofree char *db = NULL;
  g_autofree char *vault = NULL;
  g_autofree char *mail = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *login = "{\"email\":\"staff@example.com\",\"password\":\"fuzz-staff-password\"}";
  const char *customer = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"phone\":\"555\","
                         "\"address\":\"1 Road\"}";
  const char *start;

  fuzz_init_logging ();
  g_assert_cmpint (sodium_init (), >=, 0);
  dir = g_dir_make_tmp ("cp-fuzz-server-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "portal.db", NULL);
  vault = g_build_filename (dir, "portal.db-vault", NULL);
  mail = g_build_filename (dir, "mail", NULL);

  server = cp_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (cp_server_add_login (server, "staff", "staff@example.com", "fuzz-staff-password",
                                      &error));
  g_assert_true (cp_server_open_vault (server, vault, "fuzz-vault-key", &error));
  cp_server_set_mail_dir (server, mail);
  g_assert_true (cp_server_listen (server, loopback, 0, &error));
  uri = g_uri_parse (cp_server_get_base_url (server), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (loopback,
                                                             (guint16) g_uri_get_port (uri)));

  /* One staff session for the routes behind a login, and one customer. */
  g_assert_cmpuint (request ("POST", "/api/v1/auth/login", FALSE, login, strlen (login), reply),
                    ==, 200);
  start = strstr (reply->str, "\"access_token\":\"");
  g_assert_nonnull (start);
  start += strlen ("\"access_token\":\"");
  token = g_strndup (start, strcspn (start, "\""));
  g_string_truncate (reply, 0);
  g_assert_cmpuint (request ("POST", "/api/v1/customers", TRUE, customer, strlen (customer),
                             reply), ==, 201);
  return 0;
}

/* The input as a request target: what a client could put on the wire
 * (printable ASCII, no spaces), everything else percent-encoded. */
static char *
as_target (const char *data,
           gsize       length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c > 0x20 && c < 0x7f && c != '#')
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *input = (const char *) data + 1;
  gsize length;
  guint choice;

  if (size < 1)
    return 0;
  length = size - 1;
  choice = data[0] % (G_N_ELEMENTS (templates) + 2);

  if (choice == 0)
    {
      g_autofree char *text = g_strndup (input, length);
      gint64 id = 0;

      if (cp_parse_id (text, &id))
        g_assert_cmpint (id, >, 0);
    }
  else if (choice == 1)
    {
      g_autofree char *text = g_strndup (input, length);
      g_autofree char *key = NULL;
      gint64 id = 0;

      if (cp_cursor_decode (text, &key, &id))
        {
          g_autofree char *again = cp_cursor_encode (key, id);
          g_autofree char *key2 = NULL;
          gint64 id2 = 0;

          g_assert_cmpint (id, >, 0);
          g_assert_true (g_utf8_validate (key, -1, NULL));
          /* What it decodes to encodes to a cursor that decodes the same. */
          g_assert_true (cp_cursor_decode (again, &key2, &id2));
          g_assert_cmpstr (key2, ==, key);
          g_assert_cmpint (id2, ==, id);
        }
    }
  else
    {
      const Template *t = &templates[choice - 2];
      g_autoptr(GString) reply = g_string_new (NULL);
      g_autofree char *target = NULL;
      guint status;

      if (length > 4 * CP_BODY_MAX)
        return 0;
      if (t->body)
        status = request (t->method, t->path, t->auth, input, length, reply);
      else
        {
          g_autofree char *part = as_target (input, length);

          target = g_strconcat (t->path, part, NULL);
          status = request (t->method, target, t->auth, NULL, 0, reply);
        }
      /* Answered, with a status of the contract (or libsoup's own 400). */
      if (status < 200 || (status >= 500 && status != 503))
        g_error ("%s %s: status %u\n%s", t->method, target ? target : t->path, status,
                 reply->str);
    }
  return 0;
}
