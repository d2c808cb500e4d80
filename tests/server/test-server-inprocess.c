/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cp-server.h"
#include "api/cp-rate-limit.h"

/*
 * The server library run inside the test's own process: a CpServer on a
 * loopback port, spoken to with an async SoupSession on the same main
 * context (a sync send from the thread that runs the server would block).
 * The other server tests start the binary; this one shows the library
 * alone is enough, and that a CpServer shuts down and finalizes cleanly.
 */

typedef struct
{
  char *dir;
  CpServer *server;
  SoupSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *db_path = NULL;
  g_autofree char *vault_path = NULL;
  g_autofree char *mail_dir = NULL;

  fixture->dir = g_dir_make_tmp ("cp-inprocess-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->dir, "portal.db", NULL);
  vault_path = g_build_filename (fixture->dir, "portal.db-vault", NULL);
  mail_dir = g_build_filename (fixture->dir, "mail", NULL);

  fixture->server = cp_server_new (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (cp_server_open_vault (fixture->server, vault_path, "vk_inprocess", &error));
  g_assert_no_error (error);
  cp_server_set_mail_dir (fixture->server, mail_dir);
  g_assert_true (cp_server_listen (fixture->server, loopback, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cp_server_get_base_url (fixture->server), "http://127.0.0.1:"));

  fixture->session = soup_session_new ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->server);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* Sends GET @path (below /api/v1) and spins the main context until the
 * answer is in; returns its status and, in @body, the parsed JSON object. */
static guint
get (Fixture     *fixture,
     const char  *path,
     JsonObject **body)
{
  g_autofree char *url = g_strconcat (cp_server_get_base_url (fixture->server), "/api/v1",
                                      path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb,
                                    &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);

  data = g_bytes_get_data (bytes, &size);
  g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  *body = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return soup_message_get_status (msg);
}

static void
test_config (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *vault_url = g_strconcat (cp_server_get_base_url (fixture->server), "/vault",
                                            NULL);

  g_assert_cmpuint (get (fixture, "/config", &body), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (body, "vault_url"), ==, vault_url);
  g_assert_cmpstr (json_object_get_string_member (body, "vault_key"), ==, "vk_inprocess");
  g_assert_cmpstr (json_object_get_string_member (body, "currency"), ==, "USD");
}

/* The early handler refuses before any handler runs; the route table
 * answers 404 for what it does not list. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(JsonObject) nowhere = NULL;
  JsonObject *error;

  g_assert_cmpuint (get (fixture, "/me", &me), ==, SOUP_STATUS_UNAUTHORIZED);
  error = json_object_get_object_member (me, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "unauthorized");

  g_assert_cmpuint (get (fixture, "/nowhere", &nowhere), ==, SOUP_STATUS_NOT_FOUND);
  error = json_object_get_object_member (nowhere, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "not_found");
}

static void
stopped_cb (CpServer *server,
            gboolean *stopped)
{
  *stopped = TRUE;
}

static void
test_shutdown (Fixture       *fixture,
               gconstpointer  user_data)
{
  gboolean stopped = FALSE;

  g_signal_connect (fixture->server, "stopped", G_CALLBACK (stopped_cb), &stopped);
  cp_server_shutdown (fixture->server);
  /* Nothing is in flight, so it stops at once; a second call does nothing. */
  g_assert_true (stopped);
  stopped = FALSE;
  cp_server_shutdown (fixture->server);
  g_assert_false (stopped);
}

/* The limiter alone, on a clock of its own: a burst, then one per refill. */
static void
test_rate_limit (void)
{
  g_autoptr(CpRateLimit) limit = cp_rate_limit_new (3, 60);
  gint64 t = (gint64) 1000 * G_USEC_PER_SEC;

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t), ==, 0);
  g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t), ==, 1);
  /* Another key has its own bucket. */
  g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.2", t), ==, 0);
  /* 60 a minute: one more after a second, not before. */
  g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t + G_USEC_PER_SEC / 2), ==, 1);
  g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t + G_USEC_PER_SEC), ==, 0);
  g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t + G_USEC_PER_SEC), ==, 1);
  /* Refills up to the burst only. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t + (gint64) 3600 * G_USEC_PER_SEC), ==, 0);
  g_assert_cmpint (cp_rate_limit_take (limit, "10.0.0.1", t + (gint64) 3600 * G_USEC_PER_SEC), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* TAP owns stdout; the server's log goes to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/inprocess/config", Fixture, NULL,
              fixture_set_up, test_config, fixture_tear_down);
  g_test_add ("/server/inprocess/refusals", Fixture, NULL,
              fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/server/inprocess/shutdown", Fixture, NULL,
              fixture_set_up, test_shutdown, fixture_tear_down);
  g_test_add_func ("/server/inprocess/rate-limit", test_rate_limit);
  return g_test_run ();
}
