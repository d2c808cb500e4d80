/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <glib-unix.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cp-demo.h"
#include "cp-http.h"
#include "cp-routes.h"

#define DEFAULT_ACCESS_TTL (15 * 60)
#define DEFAULT_REFRESH_TTL (30 * 24 * 60 * 60)
#define SHUTDOWN_GRACE_USEC (10 * G_USEC_PER_SEC)

gint64
cp_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
cp_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
cp_setting_dup (CpServer   *server,
                const char *key)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (server->db, "SELECT value FROM settings WHERE key = ?");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (cp_db_step (server->db, stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (cp_stmt_text (stmt, 0));
}

gboolean
cp_setting_set (CpServer   *server,
                const char *key,
                const char *value)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (server->db,
                                          "INSERT INTO settings (key, value) VALUES (?, ?)"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return cp_db_step (server->db, stmt) == SQLITE_DONE;
}

gboolean
cp_online_payments_enabled (CpServer *server)
{
  g_autofree char *value = cp_setting_dup (server, "online_payments_enabled");

  return g_strcmp0 (value, "1") == 0;
}

/* ---- early refusal of big bodies ---- */

/* A declared Content-Length over the cap is answered 413 as soon as the
 * headers are in, so the body is never buffered; bodies without a length
 * are checked by the router once read. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = 0;
  g_autofree char *body = NULL;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return;
  length = soup_message_headers_get_content_length (headers);
  if (length <= CP_BODY_MAX)
    return;

  body = cp_http_error_json ("invalid_request", NULL, "The request body is too large.");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    CpServer          *server)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), server);
}

/* ---- clean shutdown: stop on SIGINT/SIGTERM once in-flight requests end ---- */

static gint64 shutdown_deadline;

/* A request is in flight from the moment it has been read until its answer
 * is written (or the client goes away). "request-started" would not do: it
 * also fires for idle keep-alive connections waiting for a next request. */
static void
request_read_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 CpServer          *server)
{
  g_object_set_data (G_OBJECT (msg), "cp-in-flight", GINT_TO_POINTER (1));
  server->in_flight++;
}

static void
request_ended_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  CpServer          *server)
{
  if (g_object_get_data (G_OBJECT (msg), "cp-in-flight") == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), "cp-in-flight", NULL);
  g_assert (server->in_flight > 0);
  server->in_flight--;
}

static gboolean
drain_cb (gpointer user_data)
{
  CpServer *server = user_data;

  if (server->in_flight == 0 || g_get_monotonic_time () > shutdown_deadline)
    {
      if (server->in_flight > 0)
        g_message ("Stopping with %u requests unfinished", server->in_flight);
      g_main_loop_quit (server->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
signal_cb (gpointer user_data)
{
  CpServer *server = user_data;

  if (server->stopping)
    return G_SOURCE_CONTINUE;
  server->stopping = TRUE;
  g_message ("Shutting down");
  shutdown_deadline = g_get_monotonic_time () + SHUTDOWN_GRACE_USEC;
  if (drain_cb (server))
    g_timeout_add (20, drain_cb, server);
  return G_SOURCE_CONTINUE;
}

/* Expired tokens, codes and idempotency records are dropped now and then. */
static gboolean
cleanup_cb (gpointer user_data)
{
  CpServer *server = user_data;
  static const char * const statements[] = {
    "DELETE FROM access_tokens WHERE expires_at < ?1",
    "DELETE FROM refresh_tokens WHERE expires_at < ?1",
    "DELETE FROM email_codes WHERE expires_at < ?1 - 7 * 86400",
    "DELETE FROM idempotency_keys WHERE created_at < ?1 - 86400",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(CpStmt) stmt = cp_db_prepare (server->db, statements[i]);

      sqlite3_bind_int64 (stmt, 1, cp_now ());
      cp_db_step (server->db, stmt);
    }
  return G_SOURCE_CONTINUE;
}

/* ---- command line ---- */

static gboolean
parse_listen (const char       *listen,
              GInetAddress    **address,
              guint16          *port,
              GError          **error)
{
  g_autofree char *host = NULL;
  const char *colon = strrchr (listen, ':');
  guint64 value;

  if (colon == NULL
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants HOST:PORT, e.g. 127.0.0.1:8088");
      return FALSE;
    }
  host = g_strndup (listen, (gsize) (colon - listen));
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
    }
  if (g_strcmp0 (host, "localhost") == 0 || host[0] == '\0')
    {
      g_free (host);
      host = g_strdup ("127.0.0.1");
    }
  *address = g_inet_address_new_from_string (host);
  if (*address == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants an IP address, not “%s”", host);
      return FALSE;
    }
  *port = (guint16) value;
  return TRUE;
}

static int
add_user (CpServer   *server,
          const char *spec)
{
  g_autofree char *role = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  const char *colon = strchr (spec, ':');
  char password[CP_PASSWORD_MAX_LENGTH + 2];
  gsize len;
  int rc;

  if (colon == NULL)
    {
      g_printerr ("--add-user wants ROLE:EMAIL, with ROLE staff or admin\n");
      return 2;
    }
  role = g_strndup (spec, (gsize) (colon - spec));
  email = g_ascii_strdown (colon + 1, -1);
  if (!g_str_equal (role, "staff") && !g_str_equal (role, "admin"))
    {
      g_printerr ("The role must be staff or admin\n");
      return 2;
    }
  if (strchr (email, '@') == NULL || strchr (email, ' ') != NULL || strlen (email) > 254)
    {
      g_printerr ("“%s” is not an email address\n", email);
      return 2;
    }

  if (isatty (0))
    g_printerr ("Password for %s: ", email);
  if (fgets (password, sizeof password, stdin) == NULL)
    {
      g_printerr ("No password on standard input\n");
      return 1;
    }
  len = strcspn (password, "\r\n");
  password[len] = '\0';
  if (g_utf8_strlen (password, -1) < CP_PASSWORD_MIN_LENGTH || len > CP_PASSWORD_MAX_LENGTH)
    {
      sodium_memzero (password, sizeof password);
      g_printerr ("The password must have %d to %d characters\n", CP_PASSWORD_MIN_LENGTH,
                  CP_PASSWORD_MAX_LENGTH);
      return 1;
    }
  hash = cp_hash_password (password);
  sodium_memzero (password, sizeof password);
  if (hash == NULL)
    return 1;

  name = g_strndup (email, (gsize) (strchr (email, '@') - email));
  stmt = cp_db_prepare (server->db,
                        "INSERT INTO users (email, name, role, password_hash, email_verified,"
                        " created_at) VALUES (?, ?, ?, ?, 1, ?)");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, cp_now ());
  rc = cp_db_step (server->db, stmt);
  if (rc != SQLITE_DONE)
    {
      g_printerr ("Cannot add %s: %s\n", email,
                  (rc & 0xff) == SQLITE_CONSTRAINT ? "a login with this email exists"
                                                   : cp_db_errmsg (server->db));
      return 1;
    }
  g_printerr ("Added %s login %s\n", role, email);
  return 0;
}

static char *
random_key (void)
{
  guchar raw[24];
  char hex[sizeof raw * 2 + 1];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  return g_strconcat ("vk_", hex, NULL);
}

static void
server_free (CpServer *server)
{
  g_clear_object (&server->soup);
  g_clear_pointer (&server->loop, g_main_loop_unref);
  g_clear_pointer (&server->db, cp_db_close);
  g_clear_pointer (&server->vault, cp_vault_free);
  g_clear_pointer (&server->mailer, cp_mailer_free);
  g_clear_pointer (&server->throttle, g_hash_table_unref);
  g_free (server->base_url);
  g_free (server->dummy_hash);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *mail_dir = NULL;
  g_autofree char *vault_key = NULL;
  g_autofree char *add_user_spec = NULL;
  g_autofree char *vault_path = NULL;
  g_autofree char *host = NULL;
  gboolean demo = FALSE;
  gint access_ttl = 0;
  const char *ttl_env = g_getenv ("CP_SERVER_ACCESS_TTL");
  CpServer server = { 0 };
  guint16 port = 0;
  GSList *uris;
  int status = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database file (required)", "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      "Address to listen on (default 127.0.0.1:8088; port 0 picks one)", "HOST:PORT" },
    { "mail-dir", 0, 0, G_OPTION_ARG_FILENAME, &mail_dir,
      "Folder for outgoing mail as .eml files (default: PATH-mail)", "DIR" },
    { "vault-key", 0, 0, G_OPTION_ARG_STRING, &vault_key,
      "Key clients present to the card vault (default: random)", "KEY" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill an empty database with demo data", NULL },
    { "add-user", 0, 0, G_OPTION_ARG_STRING, &add_user_spec,
      "Create a staff or admin login (password on stdin) and exit", "ROLE:EMAIL" },
    { "access-ttl", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &access_ttl,
      "Access token lifetime in seconds (for tests; also CP_SERVER_ACCESS_TTL)", "SECONDS" },
    { NULL }
  };

  /* Logs go to stderr; stdout carries only the "listening on" line. */
  g_log_writer_default_set_use_stderr (TRUE);

#ifdef __linux__
  /* Under the test harness, a test that aborts must not leave its server
   * running (holding the test's output pipes open): end with the parent. */
  if (g_strcmp0 (g_getenv ("CP_SERVER_EXIT_WITH_PARENT"), "1") == 0)
    prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif

  context = g_option_context_new ("- Customer Portal reference server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db_path == NULL)
    {
      g_printerr ("--db PATH is required\n");
      return 2;
    }
  if (sodium_init () < 0)
    {
      g_printerr ("Cannot initialize libsodium\n");
      return 1;
    }

  server.access_ttl = DEFAULT_ACCESS_TTL;
  if (ttl_env != NULL && g_ascii_strtoll (ttl_env, NULL, 10) > 0)
    server.access_ttl = g_ascii_strtoll (ttl_env, NULL, 10);
  if (access_ttl > 0)
    server.access_ttl = access_ttl;
  server.refresh_ttl = DEFAULT_REFRESH_TTL;

  server.db = cp_db_open (db_path, "portal", &error);
  if (server.db == NULL || !cp_db_migrate_portal (server.db, &error))
    {
      g_printerr ("%s\n", error->message);
      server_free (&server);
      return 1;
    }

  if (add_user_spec != NULL)
    {
      status = add_user (&server, add_user_spec);
      server_free (&server);
      return status;
    }

  /* The vault lives in its own file, so the portal database never holds digits. */
  vault_path = g_strconcat (db_path, "-vault", NULL);
  if (vault_key == NULL)
    vault_key = random_key ();
  server.vault = cp_vault_open (vault_path, vault_key, &error);
  if (server.vault == NULL)
    {
      g_printerr ("%s\n", error->message);
      server_free (&server);
      return 1;
    }
  if (mail_dir == NULL)
    mail_dir = g_strconcat (db_path, "-mail", NULL);
  server.mailer = cp_mailer_new (mail_dir, "Customer Portal <no-reply@customer-portal.invalid>");
  cp_auth_init (&server);

  if (demo && !cp_demo_seed (&server, &error))
    {
      g_printerr ("%s\n", error->message);
      server_free (&server);
      return 1;
    }

  /* Unknown emails are checked against this hash, so they cost the same. */
  server.dummy_hash = cp_hash_password ("not a real password, only for timing");

  if (!parse_listen (listen ? listen : "127.0.0.1:8088", &inet, &port, &error))
    {
      g_printerr ("%s\n", error->message);
      server_free (&server);
      return 2;
    }
  server.soup = soup_server_new ("server-header", "customer-portal-server/" PACKAGE_VERSION, NULL);
  cp_server_register_routes (&server);
  g_signal_connect (server.soup, "request-started", G_CALLBACK (request_started_cb), &server);
  g_signal_connect (server.soup, "request-read", G_CALLBACK (request_read_cb), &server);
  g_signal_connect (server.soup, "request-finished", G_CALLBACK (request_ended_cb), &server);
  g_signal_connect (server.soup, "request-aborted", G_CALLBACK (request_ended_cb), &server);

  address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (server.soup, address, 0, &error))
    {
      g_printerr ("Cannot listen on %s: %s\n", listen ? listen : "127.0.0.1:8088", error->message);
      server_free (&server);
      return 1;
    }

  uris = soup_server_get_uris (server.soup);
  if (uris != NULL)
    port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  host = g_inet_address_to_string (inet);
  if (g_inet_address_get_is_any (inet))
    {
      g_free (host);
      host = g_strdup (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "::1"
                                                                               : "127.0.0.1");
    }
  if (strchr (host, ':') != NULL)
    server.base_url = g_strdup_printf ("http://[%s]:%u", host, port);
  else
    server.base_url = g_strdup_printf ("http://%s:%u", host, port);

  printf ("listening on %s\n", server.base_url);
  fflush (stdout);

  if (demo)
    g_printerr ("Demo logins (demo data only; never for a real deployment):\n"
                "  admin@example.com   demo-admin-password     admin\n"
                "  staff@example.com   demo-staff-password     office staff\n"
                "  ada@example.com     demo-customer-password  customer, two saved cards\n"
                "  grace@example.com   demo-customer-password  customer, one card\n"
                "  harbor@example.com  demo-customer-password  100,000 service visits\n");
  g_message ("Mail goes to %s; access tokens live %" G_GINT64_FORMAT " s",
             mail_dir, server.access_ttl);

  server.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, signal_cb, &server);
  g_unix_signal_add (SIGTERM, signal_cb, &server);
  g_timeout_add_seconds (300, cleanup_cb, &server);
  g_main_loop_run (server.loop);

  soup_server_disconnect (server.soup);
  server_free (&server);
  return 0;
}
