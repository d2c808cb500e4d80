/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-devices-dialog.h"
#include "cp-login-page.h"
#include "cp-memory-token-store.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * Signed-in Devices against the real server: the window's session and a
 * second device (another CpClient, as another computer would be) listed,
 * this one marked; Sign Out on the other one ends it at once (its next call
 * fails, told why); a device signed out from elsewhere goes back to the
 * login page saying so.
 */

static CpTestServer *server;
static CpApplication *app;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static CpClient *
second_device (const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpClient) client = cp_client_new (cp_test_server_get_url (server), &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CpAccount) account = NULL;

  g_assert_no_error (error);
  cp_client_login_async (client, email, "demo-customer-password", NULL, store_result,
                         &result);
  g_assert_true (cp_test_ui_wait_for (result_ready, &result, 15000));
  account = cp_client_login_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

/* A call on @client, to the end: its error, or NULL. */
static GError *
me_error (CpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CpAccount) account = NULL;
  GError *error = NULL;

  cp_client_get_me_async (client, NULL, store_result, &result);
  g_assert_true (cp_test_ui_wait_for (result_ready, &result, 15000));
  account = cp_client_get_me_finish (client, result, &error);
  return error;
}

typedef struct
{
  CpDevicesDialog *dialog;
  guint n;
} WaitSessions;

static gboolean
sessions_cb (gpointer data)
{
  WaitSessions *wait = data;
  GListModel *sessions = cp_devices_dialog_get_sessions (wait->dialog);

  return sessions != NULL && !cp_devices_dialog_get_busy (wait->dialog)
         && g_list_model_get_n_items (sessions) == wait->n;
}

static GtkWidget *
find_accessible_button (GtkWidget  *root,
                        const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (child));

          if (g_strcmp0 (label, prefix) == 0)
            return child;
        }
      found = find_accessible_button (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
signed_out_message_cb (gpointer data)
{
  CpLoginPage *page = CP_LOGIN_PAGE (cp_ui_find_type (GTK_WIDGET (data), CP_TYPE_LOGIN_PAGE));

  return page != NULL && cp_login_page_get_error (page) != NULL
         && strstr (cp_login_page_get_error (page), "signed out from another device") != NULL;
}

static void
test_devices (void)
{
  g_autoptr(CpClient) other = second_device ("grace@example.com");
  g_autoptr(CpClient) third = NULL;
  g_autoptr(GtkWindow) dialog = NULL;
  g_autoptr(GError) error = NULL;
  CpWindow *window;
  CpCustomerView *view;
  WaitSessions wait = { NULL, 2 };
  GListModel *sessions;
  guint current = 0;

  window = cp_ui_open_window (app);
  cp_ui_login (window, "grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_nonnull (view);

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "devices"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "devices", NULL);
  dialog = cp_ui_wait_window (CP_TYPE_DEVICES_DIALOG, 5000);
  g_assert_nonnull (dialog);
  wait.dialog = CP_DEVICES_DIALOG (dialog);
  g_assert_true (cp_test_ui_wait_for (sessions_cb, &wait, 10000));

  /* Both listed with the device name and version the logins sent, this one
   * marked. */
  sessions = cp_devices_dialog_get_sessions (wait.dialog);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CpSession) session = g_list_model_get_item (sessions, i);

      g_assert_cmpstr (cp_session_get_device_name (session), ==, g_get_host_name ());
      g_assert_cmpstr (cp_session_get_app_version (session), ==, PACKAGE_VERSION);
      current += cp_session_get_current (session);
    }
  g_assert_cmpuint (current, ==, 1);
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (dialog), "This Device"));
  cp_ui_shot (GTK_WIDGET (dialog), "devices");

  /* Sign Out on the other device: its next call is refused at once, and
   * it is told that it was signed out from elsewhere. */
  cp_ui_click (find_accessible_button (GTK_WIDGET (dialog), "Sign Out"));
  wait.n = 1;
  g_assert_true (cp_test_ui_wait_for (sessions_cb, &wait, 10000));
  error = me_error (other);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_true (cp_client_get_signed_out_elsewhere (other));
  g_assert_false (cp_client_get_logged_in (other));
  g_clear_error (&error);

  /* Sign Out Everywhere Else: with two more devices, both end. */
  g_clear_object (&other);
  other = second_device ("grace@example.com");
  third = second_device ("grace@example.com");
  gtk_window_close (dialog);
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  g_clear_object (&dialog);
  g_action_group_activate_action (G_ACTION_GROUP (window), "devices", NULL);
  dialog = cp_ui_wait_window (CP_TYPE_DEVICES_DIALOG, 5000);
  wait.dialog = CP_DEVICES_DIALOG (dialog);
  wait.n = 3;
  g_assert_true (cp_test_ui_wait_for (sessions_cb, &wait, 10000));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Sign Out Everywhere Else"));
  wait.n = 1;
  g_assert_true (cp_test_ui_wait_for (sessions_cb, &wait, 10000));
  /* Nobody else left to sign out. */
  g_assert_null (cp_ui_find_button (GTK_WIDGET (dialog), "Sign Out Everywhere Else"));
  error = me_error (other);
  g_assert_nonnull (error);
  g_clear_error (&error);
  error = me_error (third);
  g_assert_nonnull (error);
  g_assert_true (cp_client_get_signed_out_elsewhere (third));
  g_clear_error (&error);

  /* The other way round: this window's session ended from another device.
   * Its next call takes it back to the login page, saying why, and the
   * dialog goes. */
  g_clear_object (&other);
  other = second_device ("grace@example.com");
  {
    g_autoptr(GAsyncResult) result = NULL;

    cp_client_revoke_other_sessions_async (other, NULL, store_result, &result);
    g_assert_true (cp_test_ui_wait_for (result_ready, &result, 15000));
    g_assert_true (cp_client_revoke_other_sessions_finish (other, result, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.refresh", NULL));
  g_assert_true (cp_test_ui_wait_for (signed_out_message_cb, window, 15000));
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  g_assert_null (cp_window_get_account_view (window));
  cp_ui_shot (GTK_WIDGET (window), "devices-signed-out-elsewhere");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "devices"));
  cp_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cp_test_ui_init (&argc, &argv);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  app = cp_ui_app_new (server);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");

  g_test_add_func ("/ui/devices/sign-out", test_devices);

  status = g_test_run ();
  g_clear_object (&app);
  cp_test_server_stop (server);
  return status;
}
