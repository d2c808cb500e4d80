/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "cp-test-server.h"
#include "cp-test-notifications.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"
#include "cp-memory-token-store.h"
#include "cp-overview-page.h"
#include "cp-pay-dialog.h"
#include "cp-receipt-page.h"

/*
 * A payment whose answer from the payment processor is lost: the portal
 * and a separate customer-portal-processor that answers charges 4 s late,
 * with the portal waiting 1 s. The Pay dialog shows "Payment Pending" with
 * its explanation instead of a receipt, no receipt number and nothing to
 * print, then (the portal's verifier having settled it, the dialog asking
 * again every few seconds) the receipt in place, without a touch.
 */

#define API_KEY "sk_test_pending_ui"

static CpTestServer *server;
static GSubprocess *processor;
static CpApplication *app;

/* A stand-in notification server on the test's session bus, which keeps
 * the summaries it is sent. */
static GPtrArray *notified;   /* CpTestNotification, as the desktop got them */

static void
serve_notifications (void)
{
  notified = cp_test_notifications_serve ();
}

static gboolean
notified_cb (gpointer data)
{
  return notified->len > 0;
}

static gboolean
overview_ready_cb (gpointer data)
{
  return g_strcmp0 (cp_page_get_state (CP_PAGE (data)), "content") == 0;
}

static gboolean
pay_ready_cb (gpointer data)
{
  GtkWidget *button = cp_ui_find_button (data, "Pay");

  return button != NULL && gtk_widget_is_sensitive (button);
}

static gboolean
title_cb (gpointer data)
{
  const char *want = g_object_get_data (G_OBJECT (data), "cp-want-title");

  return cp_ui_find_label (data, want) != NULL;
}

static gboolean
wait_title (GtkWindow  *pay,
            const char *title,
            guint       ms)
{
  g_object_set_data (G_OBJECT (pay), "cp-want-title", (gpointer) title);
  return cp_test_ui_wait_for (title_cb, pay, ms);
}

static void
test_pending_then_settled (void)
{
  CpWindow *window = cp_ui_open_window (app);
  CpCustomerView *view;
  g_autoptr(GtkWindow) pay = NULL;
  GtkWindow *confirm;
  CpReceiptPage *receipt;

  cp_ui_login (window, "ada@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, cp_ui_page (view, "overview"), 10000));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Pay"));
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_true (cp_test_ui_wait_for (pay_ready_cb, pay, 10000));
  gtk_widget_activate_action (GTK_WIDGET (pay), "pay.pay", NULL);
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_object_unref (confirm);
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Pay"));

  /* Pending: said so, with why; no receipt number, nothing to print. */
  g_assert_true (wait_title (pay, "Payment Pending", 10000));
  g_assert_cmpstr (cp_pay_dialog_get_page_name (CP_PAY_DIALOG (pay)), ==, "receipt");
  g_assert_cmpstr (gtk_window_get_title (pay), ==, "Payment Pending");
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "cannot be paid twice"));
  g_assert_false (cp_ui_is_showing (cp_ui_find_button (GTK_WIDGET (pay), "Print")));
  g_assert_false (cp_ui_is_showing (cp_ui_find_row (GTK_WIDGET (pay), "Receipt Number")));
  cp_ui_shot (GTK_WIDGET (pay), "pay-pending");

  /* Settled while the dialog is open: the receipt, in place. */
  g_assert_true (wait_title (pay, "Payment Received", 20000));
  g_assert_cmpstr (gtk_window_get_title (pay), ==, "Receipt");
  receipt = cp_pay_dialog_get_receipt_page (CP_PAY_DIALOG (pay));
  g_assert_nonnull (cp_receipt_page_get_receipt_number (receipt));
  g_assert_true (g_str_has_prefix (cp_receipt_page_get_receipt_number (receipt), "R-"));
  g_assert_true (cp_ui_is_showing (cp_ui_find_button (GTK_WIDGET (pay), "Print")));
  cp_ui_shot (GTK_WIDGET (pay), "pay-pending-settled");
  /* And a desktop notification says so. */
  g_assert_true (cp_test_ui_wait_for (notified_cb, NULL, 5000));
  g_assert_cmpstr (((CpTestNotification *) notified->pdata[0])->summary, ==, "Payment received");

  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Done"));
  g_assert_true (cp_ui_wait_gone (pay, 5000));
  /* Let it go before its parent window does. */
  g_clear_object (&pay);
  cp_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *line = NULL;
  const char *url;
  int status;

  cp_test_ui_init (&argc, &argv);
  /* The freedesktop backend, served by the stand-in above. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  serve_notifications ();
  dir = g_dir_make_tmp ("cp-test-pending-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "processor.db", NULL);
  key_file = g_build_filename (dir, "processor.key", NULL);
  {
    const char *pargv[] = { g_getenv ("CP_PROCESSOR_BINARY"), "--db", db, "--key-file", key_file,
                            "--listen", "127.0.0.1:0", "--api-key", API_KEY,
                            "--answer-delay", "4", NULL };

    processor = g_subprocess_newv (pargv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_assert_no_error (error);
  }
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (processor));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  url = line + strlen ("listening on ");
  {
    const char *extra[] = { "--processor", url, "--processor-key", API_KEY,
                            "--processor-timeout", "1", "--verify-interval", "1", NULL };

    server = cp_test_server_start_with (CP_TEST_SERVER_DEMO, extra);
  }
  app = cp_ui_app_new (server);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");

  g_test_add_func ("/ui/pay/pending-then-settled", test_pending_then_settled);
  status = g_test_run ();

  g_clear_object (&app);
  cp_test_server_stop (server);
  g_subprocess_send_signal (processor, SIGTERM);
  g_subprocess_wait (processor, NULL, NULL);
  g_clear_object (&processor);
  return status;
}
