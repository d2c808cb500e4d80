/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <string.h>

#include "cp-add-card-dialog.h"
#include "cp-cards-page.h"
#include "cp-memory-token-store.h"
#include "cp-test-server.h"
#include "cp-test-notifications.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * Card expiry on the desktop, against the real server and a stand-in
 * org.freedesktop.Notifications on the test's session bus (as in
 * test-pending.c): a card saved with an expiry this month brings, at the
 * next start of the session, one notification "Your Mastercard •••• 4444
 * expires on MM/YYYY — update it" and no more that month (remembered in
 * GSettings); its action opens Add New Card; a card far from its expiry
 * brings none.
 */

static CpTestServer *server;
static CpApplication *app;

static GPtrArray *notified;   /* CpTestNotification, as the desktop got them */

static void
serve_notifications (void)
{
  notified = cp_test_notifications_serve ();
}

static gboolean
n_notified_cb (gpointer data)
{
  return notified->len >= GPOINTER_TO_UINT (data);
}

/* The Cards page is not loaded until shown: the reminder reads the cards
 * itself once the session has started. */
static gboolean
overview_loaded_cb (gpointer data)
{
  return g_strcmp0 (cp_page_get_state (CP_PAGE (cp_ui_page (data, "overview"))), "content") == 0;
}

static CpCustomerView *
log_in (CpWindow *window)
{
  CpCustomerView *view;

  cp_ui_login (window, "grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_nonnull (view);
  g_assert_true (cp_test_ui_wait_for (overview_loaded_cb, view, 10000));
  /* The reminder's own read of the cards, to its end. */
  cp_test_ui_spin (1500);
  return view;
}

static void
log_out (CpWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "logout", NULL);
  g_assert_true (cp_ui_wait_page (window, "login", 10000));
}

static void
test_expiry (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *typed = g_date_time_format (now, "%m%y");
  g_autofree char *body = g_strdup_printf ("Your Mastercard •••• 4444 expires on %02d/%04d — update it",
                                           g_date_time_get_month (now), g_date_time_get_year (now));
  g_autoptr(GtkWindow) dialog = NULL;
  g_auto(GStrv) reminded = NULL;
  CpCustomerView *view;
  CpWindow *window;
  CpTestNotification *n;

  window = cp_ui_open_window (app);
  /* Grace's card expires in years: nothing to say. */
  view = log_in (window);
  g_assert_cmpuint (notified->len, ==, 0);

  /* A card that expires this month. */
  cp_ui_select_page (view, "cards");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Add Card"));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_CARD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  cp_ui_type (GTK_WIDGET (dialog), "Card Number", "5555555555554444");
  cp_ui_type (GTK_WIDGET (dialog), "Expiry (MM/YY)", typed);
  cp_ui_type (GTK_WIDGET (dialog), "CVC", "321");
  cp_ui_type (GTK_WIDGET (dialog), "Name on Card", "Grace Hopper");
  cp_ui_type (GTK_WIDGET (dialog), "ZIP Code", "10001");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, 10000));
  g_clear_object (&dialog);

  /* The next start of the session: one reminder, brand and last 4 only. */
  log_out (window);
  log_in (window);
  g_assert_true (cp_test_ui_wait_for (n_notified_cb, GUINT_TO_POINTER (1), 10000));
  g_assert_cmpuint (notified->len, ==, 1);
  n = notified->pdata[0];
  g_assert_cmpstr (n->summary, ==, "Card expires soon");
  g_assert_cmpstr (n->body, ==, body);
  g_assert_null (strstr (n->body, "5555"));
  g_assert_true (g_strv_length (n->actions) >= 2);
  reminded = g_settings_get_strv (cp_application_get_settings (app), "expiry-reminders");
  g_assert_cmpuint (g_strv_length (reminded), ==, 1);
  g_assert_nonnull (strchr (reminded[0], '@'));

  /* Again: remembered for this month, not sent twice. */
  log_out (window);
  view = log_in (window);
  g_assert_cmpuint (notified->len, ==, 1);

  /* Last month's entry no longer counts: due again. */
  {
    const char *stale[] = { NULL, NULL };
    g_autofree char *old = NULL;

    old = g_strdup_printf ("%.*s@2000-01", (int) (strchr (reminded[0], '@') - reminded[0]),
                           reminded[0]);
    stale[0] = old;
    g_settings_set_strv (cp_application_get_settings (app), "expiry-reminders", stale);
    log_out (window);
    view = log_in (window);
    g_assert_true (cp_test_ui_wait_for (n_notified_cb, GUINT_TO_POINTER (2), 10000));
  }

  /* The notification's action: Add New Card. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "add-card", NULL);
  dialog = cp_ui_wait_window (CP_TYPE_ADD_CARD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  gtk_window_close (dialog);
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  g_clear_object (&dialog);
  cp_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cp_test_ui_init (&argc, &argv);
  serve_notifications ();
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  app = cp_ui_app_new (server);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");

  g_test_add_func ("/ui/expiry/notification", test_expiry);

  status = g_test_run ();
  g_clear_object (&app);
  cp_test_server_stop (server);
  return status;
}
