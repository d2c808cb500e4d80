/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-account-view.h"

#include <string.h>

#include "cp-add-card-dialog.h"
#include "cp-cards-page.h"
#include "cp-core.h"
#include "cp-login-page.h"
#include "cp-overview-page.h"
#include "cp-test-server.h"
#include "cp-staff-view.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * Sessions: a wrong password said in plain words, a start without a
 * keyring, the view while online payments are off, and a session that
 * expires under an open dialog.
 */

static CpTestServer *server;
static CpApplication *app;    /* one per program: GApplication exports itself on the bus */

/* A keyring that is not there: every call fails as libsecret does without
 * a Secret Service. */
#define TEST_TYPE_NO_KEYRING (test_no_keyring_get_type ())
G_DECLARE_FINAL_TYPE (TestNoKeyring, test_no_keyring, TEST, NO_KEYRING, GObject)

struct _TestNoKeyring
{
  GObject parent_instance;
  guint calls;
};

static void test_no_keyring_iface_init (CpTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNoKeyring, test_no_keyring, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_TOKEN_STORE,
                                                      test_no_keyring_iface_init))

static void
fail_async (CpTokenStore        *store,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  TEST_NO_KEYRING (store)->calls++;
  g_task_return_new_error (task, CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_NO_KEYRING,
                           "org.freedesktop.secrets was not provided by any .service files");
}

static void
no_store_async (CpTokenStore *store, const char *server_url, const char *email,
                const char *token, GCancellable *cancellable, GAsyncReadyCallback callback,
                gpointer user_data)
{
  fail_async (store, cancellable, callback, user_data);
}

static void
no_lookup_async (CpTokenStore *store, const char *server_url, const char *email,
                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  fail_async (store, cancellable, callback, user_data);
}

static gboolean
no_finish (CpTokenStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
no_lookup_finish (CpTokenStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_no_keyring_iface_init (CpTokenStoreInterface *iface)
{
  iface->store_async = no_store_async;
  iface->store_finish = no_finish;
  iface->lookup_async = no_lookup_async;
  iface->lookup_finish = no_lookup_finish;
  iface->delete_async = no_lookup_async;
  iface->delete_finish = no_finish;
}

static void
test_no_keyring_class_init (TestNoKeyringClass *klass)
{
}

static void
test_no_keyring_init (TestNoKeyring *self)
{
}

static CpLoginPage *
login_page (CpWindow *window)
{
  return CP_LOGIN_PAGE (cp_ui_find_type (GTK_WIDGET (window), CP_TYPE_LOGIN_PAGE));
}

static gboolean
login_error_cb (gpointer data)
{
  CpLoginPage *page = login_page (data);

  return page != NULL && !cp_login_page_get_busy (page) && cp_login_page_get_error (page) != NULL;
}

static gboolean
overview_ready_cb (gpointer data)
{
  return g_strcmp0 (cp_page_get_state (CP_PAGE (data)), "content") == 0;
}

/* Wrong password: said next to the form, in plain words; the password is
 * emptied, the email kept. */
/* A window of its own, nothing remembered, and a login typed in. */
static CpWindow *
open_and_log_in (const char *email,
                 const char *password)
{
  CpWindow *window;

  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");
  window = cp_ui_open_window (app);
  cp_ui_login (window, email, password);
  return window;
}

static void
test_wrong_password (void)
{
  CpWindow *window;
  CpLoginPage *page;

  window = open_and_log_in ("ada@example.com", "not-the-password");
  g_assert_true (cp_test_ui_wait_for (login_error_cb, window, 10000));
  page = login_page (window);
  g_assert_cmpstr (cp_login_page_get_error (page), ==, "The email or password is not right.");
  g_assert_cmpstr (cp_login_page_get_password (page), ==, "");
  g_assert_cmpstr (cp_login_page_get_email (page), ==, "ada@example.com");
  cp_ui_shot (GTK_WIDGET (window), "session-wrong-password");
  cp_ui_close_window (window);
}

static gboolean
toast_cb (gpointer data)
{
  return cp_ui_find_label (data, "cannot be remembered") != NULL;
}

/* No keyring: the app works for this run and says so once, calmly; the
 * next start shows the login page. */
static void
test_no_keyring (void)
{
  g_autoptr(TestNoKeyring) store = g_object_new (TEST_TYPE_NO_KEYRING, NULL);
  CpWindow *window;
  CpCustomerView *view;

  cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");
  window = cp_ui_open_window (app);
  cp_ui_login (window, "grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_nonnull (view);
  g_assert_true (cp_test_ui_wait_for (toast_cb, window, 5000));
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, cp_ui_page (view, "overview"), 10000));
  cp_ui_shot (GTK_WIDGET (window), "session-no-keyring");
  g_assert_cmpuint (store->calls, >=, 1);
  cp_ui_close_window (window);

  /* The next start finds nothing remembered and asks to log in. */
  window = cp_ui_open_window (app);
  g_assert_true (cp_ui_wait_page (window, "login", 10000));
  g_assert_null (cp_login_page_get_error (login_page (window)));
  g_assert_cmpstr (cp_login_page_get_email (login_page (window)), ==, "grace@example.com");
  cp_ui_close_window (window);
}

static void
admin_set_online_payments (gboolean enabled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpClient) admin = cp_client_new (cp_test_server_get_url (server), &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CpAccount) account = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_client_set_token_store (admin, CP_TOKEN_STORE (store));
  }
  cp_client_login_async (admin, "admin@example.com", "demo-admin-password", NULL,
                         cp_ui_result_cb, &result);
  cp_ui_wait_result (&result);
  account = cp_client_login_finish (admin, result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  cp_client_set_online_payments_async (admin, enabled, NULL,
                                       cp_ui_result_cb, &result);
  cp_ui_wait_result (&result);
  g_assert_true (cp_client_set_online_payments_finish (admin, result, &error));
  g_assert_no_error (error);
}

static gboolean
payments_off_cb (gpointer data)
{
  return !cp_customer_view_get_online_payments (data);
}

/* Online payments off: the balance and history still show; no card or
 * payment action anywhere, one line saying why. */
static void
test_online_payments_off (void)
{
  CpWindow *window;
  CpCustomerView *view;
  CpOverviewPage *overview;
  AdwViewStackPage *cards;

  admin_set_online_payments (FALSE);
  window = open_and_log_in ("grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  overview = CP_OVERVIEW_PAGE (cp_ui_page (view, "overview"));
  g_assert_true (cp_test_ui_wait_for (payments_off_cb, view, 10000));
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, overview, 10000));

  g_assert_nonnull (strchr (cp_overview_page_get_balance_text (overview), '$'));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (view), "Online payments are not available"));
  g_assert_null (cp_ui_find_button (GTK_WIDGET (window), "Pay"));
  g_assert_null (cp_ui_find_button (GTK_WIDGET (window), "Add Card"));
  cards = adw_view_stack_get_page (cp_customer_view_get_stack (view), cp_ui_page (view, "cards"));
  g_assert_false (adw_view_stack_page_get_visible (cards));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-card"));
  /* <Alt>3 does not reach the hidden page either. */
  gtk_widget_activate_action (GTK_WIDGET (view), "customer.select-page", "s", "cards");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (cp_customer_view_get_stack (view)), ==,
                   "overview");
  cp_ui_shot (GTK_WIDGET (window), "session-online-payments-off");

  /* The history is still there. */
  cp_ui_select_page (view, "history");
  cp_ui_shot (GTK_WIDGET (window), "session-online-payments-off-history");

  admin_set_online_payments (TRUE);
  cp_ui_close_window (window);
}

static void
reset_password (const char *email,
                const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpClient) other = cp_client_new (cp_test_server_get_url (server), &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *code = NULL;

  g_assert_no_error (error);
  cp_client_request_password_reset_async (other, email, NULL,
                                          cp_ui_result_cb, &result);
  cp_ui_wait_result (&result);
  g_assert_true (cp_client_request_password_reset_finish (other, result, &error));
  g_clear_object (&result);

  code = cp_test_server_dup_last_code (server, email);
  g_assert_nonnull (code);
  cp_client_confirm_password_reset_async (other, email, code, password, NULL,
                                          cp_ui_result_cb, &result);
  cp_ui_wait_result (&result);
  g_assert_true (cp_client_confirm_password_reset_finish (other, result, &error));
  g_assert_no_error (error);
}

static gboolean
expired_cb (gpointer data)
{
  CpLoginPage *page = login_page (data);

  return g_strcmp0 (cp_window_get_page_name (data), "login") == 0
         && cp_login_page_get_error (page) != NULL
         && strstr (cp_login_page_get_error (page), "expired") != NULL;
}

/* The session ends elsewhere (a password reset ends them all) while Add
 * New Card is open: back to the login page with a message, the dialog
 * closed and its fields wiped. */
/* The shortcuts window lists the logged-in user's shortcuts only. */
static gboolean
overlay_lists (CpWindow   *window,
               const char *action_name)
{
  GtkWidget *overlay = GTK_WIDGET (cp_window_get_shortcuts_window (window));

  g_assert_nonnull (overlay);
  for (GtkWidget *w = overlay; w != NULL; )
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (w))
        {
          g_autofree char *action = NULL;

          g_object_get (w, "action-name", &action, NULL);
          if (g_strcmp0 (action, action_name) == 0)
            return TRUE;
        }
      /* Depth first over the whole tree. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != overlay && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == overlay ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return FALSE;
}

/* Alt+1, 2, 3 are the window's, so they work wherever focus is, the
 * header bar included: activated from the main menu button, as a key
 * press there would, they switch the account view's pages. */
static void
assert_page_shortcuts (CpWindow   *window,
                       const char *second_page)
{
  GtkWidget *menu_button = cp_test_ui_find_by_label (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                     "Main Menu");
  AdwViewStack *stack = cp_account_view_get_stack (CP_ACCOUNT_VIEW (cp_window_get_account_view (window)));
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Alt>2");

  g_assert_cmpstr (actions[0], ==, "win.select-page(2)");
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_activate_action (menu_button, "win.select-page", "i", 2));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, second_page);
  g_assert_true (gtk_widget_activate_action (menu_button, "win.select-page", "i", 1));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), !=, second_page);
}

static void
test_session_expired (void)
{
  g_autoptr(GtkWindow) dialog = NULL;
  CpWindow *window;
  CpCustomerView *view;
  GtkWidget *number;

  window = open_and_log_in ("ada@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, cp_ui_page (view, "overview"), 10000));
  assert_page_shortcuts (window, "history");
  g_assert_true (overlay_lists (window, "view.add-card"));
  g_assert_false (overlay_lists (window, "view.find"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.add-card", NULL));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_CARD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  cp_ui_type (GTK_WIDGET (dialog), "Card Number", "4242424242424242");
  number = cp_ui_find_row (GTK_WIDGET (dialog), "Card Number");
  g_object_ref (number);

  reset_password ("ada@example.com", "another-long-passphrase");
  /* <Ctrl>R: the next call finds the session gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.refresh", NULL));
  g_assert_true (cp_test_ui_wait_for (expired_cb, window, 15000));
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  g_assert_true (cp_add_card_dialog_is_wiped (CP_ADD_CARD_DIALOG (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "");
  g_object_unref (number);
  g_assert_null (cp_window_get_account_view (window));
  cp_ui_shot (GTK_WIDGET (window), "session-expired");
  g_clear_object (&dialog);
  cp_ui_close_window (window);
}

static gboolean
unreachable_cb (gpointer data)
{
  return cp_customer_view_get_unreachable (data);
}

static gboolean
reachable_cb (gpointer data)
{
  return !cp_customer_view_get_unreachable (data)
         && g_strcmp0 (cp_page_get_state (CP_PAGE (cp_ui_page (data, "overview"))),
                       "content") == 0;
}

/* The portal goes away: what was shown stays, under a banner, with no
 * spinner left turning; when the portal answers again the view recovers
 * by itself, without a key pressed. */
static void
test_portal_away (void)
{
  CpWindow *window;
  CpCustomerView *view;
  GtkWidget *overview;
  GtkWidget *spinner;

  window = open_and_log_in ("grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  overview = cp_ui_page (view, "overview");
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, overview, 10000));
  g_assert_false (cp_customer_view_get_unreachable (view));
  g_assert_nonnull (cp_ui_find_label (overview, "$"));

  cp_test_server_pause (server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.refresh", NULL));
  g_assert_true (cp_test_ui_wait_for (unreachable_cb, view, 10000));
  g_assert_cmpstr (cp_page_get_state (CP_PAGE (overview)), ==, "content");
  g_assert_nonnull (cp_ui_find_label (overview, "$"));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (view), "Cannot reach the portal", 2000));
  spinner = cp_ui_find_type (overview, GTK_TYPE_SPINNER);
  g_assert_true (spinner == NULL || !gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  cp_ui_shot (GTK_WIDGET (window), "session-portal-away");

  /* It tries again by itself: the first retry comes 2 s later. */
  cp_test_server_resume (server);
  g_assert_true (cp_test_ui_wait_for (reachable_cb, view, 15000));
  g_assert_nonnull (cp_ui_find_label (overview, "$"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL));
  g_assert_true (cp_ui_wait_page (window, "login", 5000));
  cp_ui_close_window (window);
}

static gboolean
staff_view_cb (gpointer data)
{
  GtkWidget *view = cp_window_get_account_view (data);

  return CP_IS_STAFF_VIEW (view) && gtk_widget_get_mapped (view);
}

/* Staff log in to the office tools, with their switcher in the header bar
 * and Log Out in the menu. */
static void
test_staff_login (void)
{
  CpWindow *window;

  window = open_and_log_in ("staff@example.com", "demo-staff-password");
  g_assert_true (cp_test_ui_wait_for (staff_view_cb, window, 15000));
  g_assert_false (cp_staff_view_get_show_switcher (CP_STAFF_VIEW (cp_window_get_account_view (window))));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "logout"));
  /* No card to add here; the office's own shortcuts, and theirs alone. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "view.add-card", NULL));
  assert_page_shortcuts (window, "booking");
  g_assert_true (overlay_lists (window, "view.find"));
  g_assert_false (overlay_lists (window, "view.add-card"));
  cp_test_ui_spin (500);
  cp_ui_shot (GTK_WIDGET (window), "session-staff");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL));
  g_assert_true (cp_ui_wait_page (window, "login", 5000));
  /* Logged out: the general shortcuts only. */
  g_assert_false (overlay_lists (window, "view.find"));
  g_assert_true (overlay_lists (window, "app.preferences"));
  cp_ui_close_window (window);
}

static gboolean
code_step_cb (gpointer data)
{
  return cp_ui_find_label (data, "we sent it an email") != NULL;
}

static gboolean
hint_error_cb (gpointer data)
{
  return cp_ui_find_label (data, "too short") != NULL;
}

/* Forgot password? goes the way of the invitation: the email, the code
 * from the mail, a new password (too short is refused before sending),
 * then straight into the account. */
static void
test_forgot_password (void)
{
  g_autofree char *code = NULL;
  CpWindow *window;
  CpCustomerView *view;

  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "grace@example.com");
  window = cp_ui_open_window (app);
  g_assert_true (cp_ui_wait_page (window, "login", 10000));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (window), "Forgot Password?"));
  g_assert_true (cp_ui_wait_page (window, "invitation", 5000));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (window), "Reset Your Password"));
  /* The email typed on the login page comes along. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cp_ui_find_row (GTK_WIDGET (window), "Email"))),
                   ==, "grace@example.com");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (window), "Send Code"));
  g_assert_true (cp_test_ui_wait_for (code_step_cb, window, 10000));
  code = cp_test_server_dup_last_code (server, "grace@example.com");
  g_assert_nonnull (code);

  cp_ui_type (GTK_WIDGET (window), "6-Digit Code", code);
  cp_ui_type (GTK_WIDGET (window), "New Password", "short");
  cp_ui_type (GTK_WIDGET (window), "Confirm Password", "short");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (window), "Set Password"));
  g_assert_true (cp_test_ui_wait_for (hint_error_cb, window, 2000));
  cp_ui_shot (GTK_WIDGET (window), "session-reset-too-short");

  cp_ui_type (GTK_WIDGET (window), "New Password", "a-new-long-passphrase");
  cp_ui_type (GTK_WIDGET (window), "Confirm Password", "a-new-long-passphrase");
  cp_ui_press_enter (cp_ui_find_row (GTK_WIDGET (window), "Confirm Password"));
  view = cp_ui_wait_customer (window, 15000);
  g_assert_nonnull (view);
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

  g_test_add_func ("/ui/session/wrong-password", test_wrong_password);
  g_test_add_func ("/ui/session/no-keyring", test_no_keyring);
  g_test_add_func ("/ui/session/online-payments-off", test_online_payments_off);
  g_test_add_func ("/ui/session/expired", test_session_expired);
  g_test_add_func ("/ui/session/staff", test_staff_login);
  g_test_add_func ("/ui/session/portal-away", test_portal_away);
  /* Last: it changes grace's password. */
  g_test_add_func ("/ui/session/forgot-password", test_forgot_password);

  status = g_test_run ();
  g_clear_object (&app);
  cp_test_server_stop (server);
  return status;
}
