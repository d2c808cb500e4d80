/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cp-client-test.h"
#include "cp-test-server.h"

/*
 * The libsecret token store against the harness's real gnome-keyring, and
 * in child processes: on a session bus without any Secret Service, with no
 * session bus at all, and with a Secret Service that never answers.
 */

#define TEST_APP_ID "io.github.customerportal.CustomerPortal.Test"

static char *
lookup (CpTokenStore *store,
        const char   *server,
        const char   *email,
        GError      **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  CP_AWAIT (res, cp_token_store_lookup_async (store, server, email, NULL, cp_test_result_cb, &res));
  return cp_token_store_lookup_finish (store, res, error);
}

static gboolean
store_token (CpTokenStore *store,
             const char   *server,
             const char   *email,
             const char   *token,
             GError      **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  CP_AWAIT (res, cp_token_store_store_async (store, server, email, token, NULL,
                                             cp_test_result_cb, &res));
  return cp_token_store_store_finish (store, res, error);
}

static gboolean
delete_token (CpTokenStore *store,
              const char   *server,
              const char   *email,
              GError      **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  CP_AWAIT (res, cp_token_store_delete_async (store, server, email, NULL, cp_test_result_cb, &res));
  return cp_token_store_delete_finish (store, res, error);
}

static gboolean
have_keyring (void)
{
  /* tests/run-headless.sh starts and unlocks one on a private bus. */
  if (g_getenv ("CP_HEADLESS_INNER") == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs the unlocked gnome-keyring of tests/run-headless.sh");
      return FALSE;
    }
  return TRUE;
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(CpSecretTokenStore) secret = NULL;
  CpTokenStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;

  if (!have_keyring ())
    return;

  secret = cp_secret_token_store_new (TEST_APP_ID);
  store = CP_TOKEN_STORE (secret);
  server = g_strdup_printf ("http://127.0.0.1:%u", g_random_int_range (1024, 65535));

  g_assert_null (lookup (store, server, "ada@example.com", &error));
  g_assert_no_error (error);

  g_assert_true (store_token (store, server, "ada@example.com", "first-token", &error));
  g_assert_no_error (error);
  g_assert_true (store_token (store, server, "grace@example.com", "grace-token", &error));
  g_assert_no_error (error);
  token = lookup (store, server, "ada@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "first-token");
  g_clear_pointer (&token, g_free);

  /* Storing again replaces: one item per (server, email). */
  store_token (store, server, "ada@example.com", "second-token", &error);
  g_assert_no_error (error);
  token = lookup (store, server, "ada@example.com", &error);
  g_assert_cmpstr (token, ==, "second-token");
  g_clear_pointer (&token, g_free);

  g_assert_true (delete_token (store, server, "ada@example.com", &error));
  g_assert_no_error (error);
  g_assert_null (lookup (store, server, "ada@example.com", &error));
  g_assert_no_error (error);
  /* Deleting what is not there is fine; the other login is untouched. */
  g_assert_true (delete_token (store, server, "ada@example.com", &error));
  g_assert_no_error (error);
  token = lookup (store, server, "grace@example.com", &error);
  g_assert_cmpstr (token, ==, "grace-token");
  g_assert_true (delete_token (store, server, "grace@example.com", &error));
}

/* The app's remembered session: login stores in the keyring, the next
 * client restores from it, logout deletes it. */
static void
test_keyring_with_client (void)
{
  g_autoptr(CpTestServer) server = NULL;
  g_autoptr(CpSecretTokenStore) store = NULL;
  g_autoptr(CpClient) first = NULL;
  g_autoptr(CpClient) second = NULL;
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpAccount) restored = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autofree char *left = NULL;

  if (!have_keyring ())
    return;

  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  store = cp_secret_token_store_new (TEST_APP_ID);
  first = cp_test_client_new (cp_test_server_get_url (server));
  second = cp_test_client_new (cp_test_server_get_url (server));
  cp_client_set_token_store (first, CP_TOKEN_STORE (store));
  cp_client_set_token_store (second, CP_TOKEN_STORE (store));

  CP_AWAIT (res, cp_client_login_async (first, "ada@example.com", "demo-customer-password", NULL,
                                        cp_test_result_cb, &res));
  account = cp_client_login_finish (first, res, &store_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (store_error);

  CP_AWAIT (res, cp_client_restore_session_async (second, "ada@example.com", NULL,
                                                  cp_test_result_cb, &res));
  restored = cp_client_restore_session_finish (second, res, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpstr (cp_account_get_id (restored), ==, cp_account_get_id (account));

  CP_AWAIT (res, cp_client_logout_async (second, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_logout_finish (second, res, &error));
  g_assert_no_error (error);
  /* The deletion runs alongside; give it a moment, then look. */
  cp_test_sleep (300);
  left = lookup (CP_TOKEN_STORE (store), cp_client_get_base_url (second), "ada@example.com",
                 &error);
  g_assert_no_error (error);
  g_assert_null (left);
}

/* ---- Child processes without a working keyring ------------------------ */

static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:tmpdir=/tmp</listen>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

static int
child_expect_no_keyring (void)
{
  g_autoptr(CpSecretTokenStore) store = cp_secret_token_store_new (TEST_APP_ID);
  g_autoptr(GError) error = NULL;
  const char *url = g_getenv ("CP_TEST_URL");
  gint64 start = g_get_monotonic_time ();

  g_assert_false (store_token (CP_TOKEN_STORE (store), "http://127.0.0.1:1", "ada@example.com",
                               "token", &error));
  g_assert_error (error, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_NO_KEYRING);
  g_printerr ("store without keyring: %s\n", error->message);
  g_clear_error (&error);
  g_assert_null (lookup (CP_TOKEN_STORE (store), "http://127.0.0.1:1", "ada@example.com", &error));
  g_assert_error (error, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_NO_KEYRING);
  g_clear_error (&error);
  g_assert_false (delete_token (CP_TOKEN_STORE (store), "http://127.0.0.1:1", "ada@example.com",
                                &error));
  g_assert_error (error, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_NO_KEYRING);
  g_clear_error (&error);
  /* A clear answer, and a quick one. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* The login still works; only remembering it fails, and says so. */
  if (url != NULL)
    {
      g_autoptr(CpClient) client = cp_test_client_new (url);
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GError) store_error = NULL;
      g_autoptr(CpAccount) account = NULL;

      cp_client_set_token_store (client, CP_TOKEN_STORE (store));
      CP_AWAIT (res, cp_client_login_async (client, "ada@example.com", "demo-customer-password",
                                            NULL, cp_test_result_cb, &res));
      account = cp_client_login_finish (client, res, &store_error, &error);
      g_assert_no_error (error);
      g_assert_nonnull (account);
      g_assert_error (store_error, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_NO_KEYRING);
      g_assert_true (cp_client_get_logged_in (client));
    }
  return 0;
}

static const char secret_service_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Secret.Service'>"
  "    <method name='OpenSession'>"
  "      <arg type='s' name='algorithm' direction='in'/>"
  "      <arg type='v' name='input' direction='in'/>"
  "      <arg type='v' name='output' direction='out'/>"
  "      <arg type='o' name='result' direction='out'/>"
  "    </method>"
  "    <method name='SearchItems'>"
  "      <arg type='a{ss}' name='attributes' direction='in'/>"
  "      <arg type='ao' name='unlocked' direction='out'/>"
  "      <arg type='ao' name='locked' direction='out'/>"
  "    </method>"
  "    <method name='ReadAlias'>"
  "      <arg type='s' name='name' direction='in'/>"
  "      <arg type='o' name='collection' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static GPtrArray *stalled_calls;

/* A keyring that takes every call and never answers. */
static void
stalled_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  g_ptr_array_add (stalled_calls, g_object_ref (invocation));
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static int
child_expect_timeout (void)
{
  static const GDBusInterfaceVTable vtable = { stalled_method_cb, NULL, NULL, { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(CpSecretTokenStore) store = cp_secret_token_store_new (TEST_APP_ID);
  gboolean owned = FALSE;
  gint64 start;
  guint owner_id, object_id;

  g_assert_no_error (error);
  stalled_calls = g_ptr_array_new_with_free_func (g_object_unref);
  node = g_dbus_node_info_new_for_xml (secret_service_xml, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/secrets",
                                                 node->interfaces[0], &vtable, NULL, NULL,
                                                 &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.secrets",
                                           G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb, NULL,
                                           &owned, NULL);
  while (!owned)
    g_main_context_iteration (NULL, TRUE);

  cp_secret_token_store_set_timeout (store, 300);
  start = g_get_monotonic_time ();
  g_assert_null (lookup (CP_TOKEN_STORE (store), "http://127.0.0.1:1", "ada@example.com", &error));
  g_assert_error (error, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_TIMEOUT);
  g_printerr ("stalled keyring: %s after %" G_GINT64_FORMAT " ms (%u calls held)\n",
              error->message, (g_get_monotonic_time () - start) / 1000, stalled_calls->len);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (stalled_calls->len, >, 0);
  g_clear_error (&error);

  g_assert_false (store_token (CP_TOKEN_STORE (store), "http://127.0.0.1:1", "ada@example.com",
                               "token", &error));
  g_assert_error (error, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_TIMEOUT);

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_clear_pointer (&stalled_calls, g_ptr_array_unref);
  return 0;
}

static void
run_child (const char  *mode,
           const char  *bus_address,
           const char  *url)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  g_subprocess_launcher_unsetenv (launcher, "CP_HEADLESS_INNER");
  if (url != NULL)
    g_subprocess_launcher_setenv (launcher, "CP_TEST_URL", url, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe", mode, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

typedef struct
{
  GSubprocess *daemon;
  char *address;
  char *config_path;
} PrivateBus;

/* A session bus with no activatable services, so no Secret Service. */
static void
private_bus_start (PrivateBus *bus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *arg = NULL;
  int fd;

  fd = g_file_open_tmp ("cp-test-bus-XXXXXX.conf", &bus->config_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (bus->config_path, bus_config, -1, &error));
  arg = g_strdup_printf ("--config-file=%s", bus->config_path);
  bus->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  "dbus-daemon", arg, "--nofork", "--print-address=1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  bus->address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bus->address);
}

static void
private_bus_stop (PrivateBus *bus)
{
  g_subprocess_force_exit (bus->daemon);
  g_subprocess_wait (bus->daemon, NULL, NULL);
  g_clear_object (&bus->daemon);
  g_unlink (bus->config_path);
  g_free (bus->config_path);
  g_free (bus->address);
}

static void
test_no_secret_service (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  PrivateBus bus = { NULL, };

  if (g_find_program_in_path ("dbus-daemon") == NULL)
    {
      g_test_skip ("needs dbus-daemon");
      return;
    }
  private_bus_start (&bus);
  run_child ("--child-no-keyring", bus.address, cp_test_server_get_url (server));
  private_bus_stop (&bus);
}

static void
test_no_session_bus (void)
{
  run_child ("--child-no-keyring", "unix:path=/nonexistent/cp-test-bus", NULL);
}

static void
test_stalled_keyring (void)
{
  PrivateBus bus = { NULL, };

  private_bus_start (&bus);
  run_child ("--child-stalled", bus.address, NULL);
  private_bus_stop (&bus);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && g_str_equal (argv[1], "--child-no-keyring"))
    return child_expect_no_keyring ();
  if (argc == 2 && g_str_equal (argv[1], "--child-stalled"))
    return child_expect_timeout ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-store/keyring-round-trip", test_keyring_round_trip);
  g_test_add_func ("/token-store/keyring-with-client", test_keyring_with_client);
  g_test_add_func ("/token-store/no-secret-service", test_no_secret_service);
  g_test_add_func ("/token-store/no-session-bus", test_no_session_bus);
  g_test_add_func ("/token-store/stalled-keyring", test_stalled_keyring);

  return g_test_run ();
}
