/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "cp-core.h"
#include "cp-add-bank-dialog.h"
#include "cp-cards-page.h"
#include "cp-customer-record.h"
#include "cp-memory-token-store.h"
#include "cp-overview-page.h"
#include "cp-pay-dialog.h"
#include "cp-staff-view.h"
#include "cp-test-server.h"
#include "cp-test-notifications.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * Bank accounts (ACH) through a real payment processor: the portal and a
 * separate customer-portal-processor that settles bank debits a few
 * seconds after they are made. A customer adds one on Saved Credit Cards
 * (the routing number's checksum checked as it is typed), sees it without
 * an expiry, makes it primary and finds it in the Pay dialog; pays with
 * it and sees the payment Pending on the overview (the invoice's held
 * amount too), then Succeeded without a touch. The office adds one from
 * the record's Add Payment Method menu, and sees a pending payment on the
 * record turn Succeeded in place.
 */

#define API_KEY "sk_test_bank_ui"
#define WAIT_MS 15000
#define BANK_TITLE "Stripe Test Bank •••• 6789"

static GTestDBus *test_bus;
static CpTestServer *server;
static GSubprocess *processor;
static CpApplication *app;
static CpWindow *window;
static CpCustomerView *view;

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

static CpCardsPage *
cards_page (void)
{
  return CP_CARDS_PAGE (cp_ui_page (view, "cards"));
}

static CpCard *
card_titled (GListModel *cards,
             const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (cp_card_get_title (card), title) == 0)
        return card;
    }
  return NULL;
}

static gboolean
cards_have_bank (gpointer data)
{
  return card_titled (cp_cards_page_get_cards (cards_page ()), BANK_TITLE) != NULL;
}

static gboolean
bank_is_primary (gpointer data)
{
  CpCard *bank = card_titled (cp_cards_page_get_cards (cards_page ()), BANK_TITLE);

  return bank != NULL && cp_card_get_is_primary (bank);
}

static gboolean
error_shown (gpointer data)
{
  GtkWidget *label = cp_ui_find_label (data, "routing number is not valid");

  return label != NULL && cp_ui_is_showing (label);
}

/* Log in once as Ada; the tests below share her window. */
static void
ensure_customer (void)
{
  if (view != NULL)
    return;
  window = cp_ui_open_window (app);
  cp_ui_login (window, "ada@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, WAIT_MS);
  g_assert_nonnull (view);
}

static GtkWindow *
open_add_bank (void)
{
  GtkWindow *dialog;

  ensure_customer ();
  cp_ui_select_page (view, "cards");
  g_assert_nonnull (cp_ui_wait_button (GTK_WIDGET (cards_page ()), "Add Bank Account", WAIT_MS));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (cards_page ()), "Add Bank Account"));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_BANK_DIALOG, 5000);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Add Bank Account");
  return dialog;
}

/* The routing number's checksum, as it is typed: a wrong one says so at
 * once, in words and on the field (for a screen reader too); a right one
 * clears it. Save says what is missing. */
static void
test_routing_validation (void)
{
  g_autoptr(GtkWindow) dialog = open_add_bank ();
  GtkWidget *routing = cp_ui_find_row (GTK_WIDGET (dialog), "Routing Number");
  GtkWidget *label;

  g_assert_nonnull (routing);
  g_assert_nonnull (cp_ui_find_row (GTK_WIDGET (dialog), "Account Holder"));
  g_assert_nonnull (cp_ui_find_row (GTK_WIDGET (dialog), "Account Number"));
  g_assert_nonnull (cp_ui_find_row (GTK_WIDGET (dialog), "This is the primary payment method"));

  /* Eight digits: nothing to say yet. */
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "11000000");
  cp_test_ui_spin (100);
  g_assert_false (error_shown (dialog));
  /* The ninth, wrong: said at once. */
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "110000001");
  g_assert_true (cp_test_ui_wait_for (error_shown, dialog, 2000));
  g_assert_true (gtk_widget_has_css_class (routing, "error"));
  cp_test_ui_screenshot (GTK_WIDGET (dialog), "bank-routing-invalid");
  /* Two digits swapped of a right one, still wrong. */
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "012000021");
  g_assert_true (error_shown (dialog));
  /* Letters and more than nine digits never get in. */
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "11a0000000999");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (routing)), ==, "110000000");
  g_assert_false (error_shown (dialog));
  g_assert_false (gtk_widget_has_css_class (routing, "error"));

  /* Save says what is missing, field by field. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bank.save", NULL);
  label = cp_ui_wait_label (GTK_WIDGET (dialog), "name of the account holder", 2000);
  g_assert_true (cp_ui_is_showing (label));
  cp_ui_type (GTK_WIDGET (dialog), "Account Holder", "Ada Lovelace");
  cp_ui_type (GTK_WIDGET (dialog), "Account Number", "123");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bank.save", NULL);
  label = cp_ui_wait_label (GTK_WIDGET (dialog), "4 to 17 digits", 2000);
  g_assert_true (cp_ui_is_showing (label));
  g_assert_true (gtk_widget_has_css_class (cp_ui_find_row (GTK_WIDGET (dialog), "Account Number"),
                                           "error"));
  g_assert_false (cp_add_bank_dialog_get_busy (CP_ADD_BANK_DIALOG (dialog)));

  /* Closing wipes the numbers. */
  gtk_window_close (dialog);
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  g_assert_true (cp_add_bank_dialog_is_wiped (CP_ADD_BANK_DIALOG (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (routing)), ==, "");
}

static gboolean
chooser_has_bank (gpointer data)
{
  GtkWidget *row = cp_ui_find_row (data, "Pay With");
  GListModel *names;

  if (row == NULL)
    return FALSE;
  names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; names != NULL && i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                   BANK_TITLE " (primary)") == 0)
      return adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == i;
  return FALSE;
}

/* Added through the processor, shown without an expiry, made primary,
 * offered first by the Pay dialog. */
static void
test_customer_adds (void)
{
  g_autoptr(GtkWindow) dialog = open_add_bank ();
  g_autoptr(GtkWindow) confirm = NULL;
  g_autoptr(GtkWindow) pay = NULL;
  GtkWidget *row;
  CpCard *bank;
  const char *body;

  cp_ui_type (GTK_WIDGET (dialog), "Account Holder", "Ada Lovelace");
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "110000000");
  cp_ui_type (GTK_WIDGET (dialog), "Account Number", "000123456789");
  cp_test_ui_screenshot (GTK_WIDGET (dialog), "bank-add");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, WAIT_MS));
  g_assert_true (cp_add_bank_dialog_is_wiped (CP_ADD_BANK_DIALOG (dialog)));

  g_assert_true (cp_test_ui_wait_for (cards_have_bank, NULL, WAIT_MS));
  bank = card_titled (cp_cards_page_get_cards (cards_page ()), BANK_TITLE);
  g_assert_true (cp_card_get_is_bank_account (bank));
  g_assert_false (cp_card_get_is_primary (bank));
  g_assert_false (cp_card_get_expired (bank));
  cp_test_ui_spin (300);
  row = cp_cards_page_get_row (cards_page (), cp_card_get_id (bank));
  g_assert_nonnull (row);
  /* No expiry anywhere on its row. */
  g_assert_null (cp_ui_find_label (row, "2199"));
  g_assert_null (cp_ui_find_label (row, "Expires"));
  g_assert_nonnull (cp_ui_find_label (row, "Bank account"));
  cp_test_ui_screenshot (GTK_WIDGET (window), "bank-cards-page");

  /* Deleting asks first, naming it without an expiry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cards_page ()), "cards.delete", "s",
                                             cp_card_get_id (bank)));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==,
                   "Delete " BANK_TITLE "?");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm));
  g_assert_null (strstr (body, "2199"));
  g_assert_null (strstr (body, "expiring"));
  g_assert_nonnull (strstr (body, "will no longer be available"));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Cancel"));
  g_assert_true (cp_ui_wait_gone (confirm, 5000));

  /* Set as Primary. */
  bank = card_titled (cp_cards_page_get_cards (cards_page ()), BANK_TITLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cards_page ()), "cards.set-primary", "s",
                                             cp_card_get_id (bank)));
  g_assert_true (cp_test_ui_wait_for (bank_is_primary, NULL, WAIT_MS));

  /* The Pay dialog offers it first. */
  cp_ui_select_page (view, "overview");
  cp_ui_click (cp_ui_wait_button (GTK_WIDGET (view), "Pay", WAIT_MS));
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_nonnull (pay);
  g_assert_true (cp_test_ui_wait_for (chooser_has_bank, pay, WAIT_MS));
  cp_test_ui_screenshot (GTK_WIDGET (pay), "bank-pay-chooser");
  gtk_window_close (pay);
  g_assert_true (cp_ui_wait_gone (pay, 5000));
}

static CpOverviewPage *
overview (void)
{
  return CP_OVERVIEW_PAGE (cp_ui_page (view, "overview"));
}

static gboolean
first_payment_is (gpointer status)
{
  GListModel *payments = cp_overview_page_get_payments (overview ());
  g_autoptr(CpPayment) payment = NULL;

  if (g_list_model_get_n_items (payments) == 0)
    return FALSE;
  payment = g_list_model_get_item (payments, 0);
  return g_strcmp0 (cp_payment_get_status (payment), status) == 0;
}

static gboolean
invoice_pending_shown (gpointer data)
{
  GtkWidget *label = cp_ui_find_label (GTK_WIDGET (overview ()), " pending");

  return label != NULL && cp_ui_is_showing (label);
}

static gboolean
pending_gone (gpointer data)
{
  GListModel *invoices = cp_overview_page_get_open_invoices (overview ());

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (invoices, i);

      if (cp_invoice_get_pending (invoice) != NULL)
        return FALSE;
    }
  return first_payment_is ("succeeded") && !invoice_pending_shown (NULL);
}

static gboolean
pay_ready_cb (gpointer data)
{
  GtkWidget *button = cp_ui_find_button (data, "Pay");

  return button != NULL && gtk_widget_is_sensitive (button) && chooser_has_bank (data);
}

/* A bank debit is pending until the processor settles it: the Pay dialog
 * says so; the overview shows the payment Pending and what it holds of
 * the invoice, asks again by itself, and shows it Succeeded with the
 * balance down, without a touch. */
static void
test_pay_pending_on_overview (void)
{
  g_autoptr(GtkWindow) pay = NULL;
  g_autoptr(GtkWindow) confirm = NULL;
  g_autofree char *balance_before = NULL;
  g_autoptr(CpPayment) payment = NULL;
  GtkWidget *row;

  ensure_customer ();
  g_ptr_array_set_size (notified, 0);
  cp_ui_select_page (view, "overview");
  g_assert_nonnull (cp_ui_wait_button (GTK_WIDGET (view), "Pay", WAIT_MS));
  balance_before = g_strdup (cp_overview_page_get_balance_text (overview ()));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Pay"));
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_true (cp_test_ui_wait_for (pay_ready_cb, pay, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (pay), "pay.pay", NULL);
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Pay"));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (pay), "Payment Pending", WAIT_MS));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Done"));
  g_assert_true (cp_ui_wait_gone (pay, 5000));

  /* On the overview: the payment Pending, the invoice's amount held. */
  g_assert_true (cp_test_ui_wait_for (first_payment_is, "pending", WAIT_MS));
  g_assert_true (cp_test_ui_wait_for (invoice_pending_shown, NULL, WAIT_MS));
  payment = g_list_model_get_item (cp_overview_page_get_payments (overview ()), 0);
  row = cp_ui_wait_label (GTK_WIDGET (overview ()), "Pending", 5000);
  g_assert_nonnull (row);
  g_assert_true (cp_ui_is_showing (row));
  /* All of it held: nothing left to pay for now. */
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (view), "Pay")));
  /* Still in the balance until it settles. */
  g_assert_cmpstr (cp_overview_page_get_balance_text (overview ()), ==, balance_before);
  cp_test_ui_screenshot (GTK_WIDGET (window), "bank-overview-pending");

  /* Settled at the processor (3 s), by the verifier (1 s), seen by the
   * overview asking again (5 s): Succeeded, the balance down, no hold. */
  g_assert_true (cp_test_ui_wait_for (pending_gone, NULL, 30000));
  g_assert_cmpstr (cp_overview_page_get_balance_text (overview ()), !=, balance_before);
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (overview ()), "Succeeded"));
  cp_test_ui_screenshot (GTK_WIDGET (window), "bank-overview-settled");
  /* With the Pay dialog long closed, the overview tells the desktop. */
  g_assert_true (cp_test_ui_wait_for (notified_cb, NULL, 5000));
  g_assert_cmpstr (((CpTestNotification *) notified->pdata[notified->len - 1])->summary, ==,
                   "Payment received");
}

/* The office: Add Payment Method › Bank Account on the record. */
static CpStaffView *staff_view;

static CpCustomerRecord *
record (void)
{
  return CP_CUSTOMER_RECORD (cp_ui_find_type (GTK_WIDGET (staff_view), CP_TYPE_CUSTOMER_RECORD));
}

static gboolean
record_ready (gpointer data)
{
  CpCustomerRecord *shown = record ();

  return shown != NULL
         && g_strcmp0 (cp_customer_record_get_customer_id (shown), data) == 0
         && cp_customer_record_get_customer (shown) != NULL
         && !cp_customer_record_get_loading (shown);
}

static gboolean
record_has_bank (gpointer data)
{
  return !cp_customer_record_get_loading (record ())
         && card_titled (cp_customer_record_get_cards (record ()), BANK_TITLE) != NULL;
}

static gboolean
record_has_closed (gpointer data)
{
  return !cp_customer_record_get_loading (record ())
         && card_titled (cp_customer_record_get_cards (record ()),
                         "Stripe Test Bank •••• 1113") != NULL;
}

static gboolean
record_payment_is (gpointer status)
{
  GListModel *payments = cp_customer_record_get_payments (record ());
  g_autoptr(CpPayment) payment = NULL;

  if (cp_customer_record_get_loading (record ()) || payments == NULL
      || g_list_model_get_n_items (payments) == 0)
    return FALSE;
  payment = g_list_model_get_item (payments, 0);
  return g_strcmp0 (cp_payment_get_status (payment), status) == 0;
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_office_adds (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(CpClient) client = cp_client_new (cp_test_server_get_url (server), &error);
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CpCustomer) grace = NULL;
  g_autoptr(GtkWindow) dialog = NULL;
  GtkWindow *staff_window;
  GtkWidget *menu_button;
  GMenuModel *menu;
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;
  CpCard *bank;

  g_assert_no_error (error);
  cp_client_login_async (client, "staff@example.com", "demo-staff-password", NULL,
                         cp_ui_result_cb, &result);
  g_assert_true (cp_test_ui_wait_for (result_ready, &result, WAIT_MS));
  account = cp_client_login_finish (client, result, &store_error, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  cp_client_list_customers_async (client, "grace@example.com", NULL, 5, NULL, cp_ui_result_cb,
                                  &result);
  g_assert_true (cp_test_ui_wait_for (result_ready, &result, WAIT_MS));
  found = cp_client_list_customers_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  grace = g_list_model_get_item (found, 0);

  staff_window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (staff_window, 1100, 900);
  staff_view = cp_staff_view_new (client, account);
  adw_window_set_content (ADW_WINDOW (staff_window), GTK_WIDGET (staff_view));
  gtk_window_present (staff_window);
  cp_staff_view_open_customer (staff_view, cp_customer_get_id (grace));
  g_assert_true (cp_test_ui_wait_for (record_ready, (gpointer) cp_customer_get_id (grace),
                                      WAIT_MS));

  /* The menu: Credit Card, then Bank Account. */
  menu_button = cp_ui_find_type (GTK_WIDGET (record ()), GTK_TYPE_MENU_BUTTON);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_object_unref (menu);
  g_assert_cmpstr (label, ==, "_Bank Account");
  g_assert_cmpstr (action, ==, "record.add-bank");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record ()), action, NULL));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_BANK_DIALOG, 5000);
  g_assert_nonnull (dialog);
  g_assert_true (cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (dialog)));
  cp_ui_type (GTK_WIDGET (dialog), "Account Holder", "Grace Hopper");
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "110000000");
  cp_ui_type (GTK_WIDGET (dialog), "Account Number", "000123456789");
  cp_test_ui_screenshot (GTK_WIDGET (dialog), "office-add-bank");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, WAIT_MS));

  g_assert_true (cp_test_ui_wait_for (record_has_bank, NULL, WAIT_MS));
  bank = card_titled (cp_customer_record_get_cards (record ()), BANK_TITLE);
  g_assert_true (cp_card_get_is_bank_account (bank));
  g_assert_cmpint (cp_card_get_added_via (bank), ==, CP_CARD_CHANNEL_OFFICE);
  g_assert_nonnull (cp_ui_wait_row (GTK_WIDGET (record ()), BANK_TITLE, 5000));
  cp_test_ui_screenshot (GTK_WIDGET (staff_window), "office-record-bank");

  /* A payment with it, pending at first: the record shows it so, with
   * the invoice's held amount, and turns it Succeeded by itself. */
  {
    g_autoptr(GListModel) invoices = NULL;
    g_autoptr(CpInvoice) invoice = NULL;
    g_autoptr(CpMoney) amount = NULL;
    g_autoptr(CpPayment) payment = NULL;
    g_autofree char *key = cp_client_new_idempotency_key ();
    const char *ids[2] = { NULL, NULL };

    cp_client_list_invoices_async (client, cp_customer_get_id (grace), CP_INVOICE_FILTER_OPEN,
                                   NULL, 10, NULL, cp_ui_result_cb, &result);
    g_assert_true (cp_test_ui_wait_for (result_ready, &result, WAIT_MS));
    invoices = cp_client_list_invoices_finish (client, result, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    invoice = g_list_model_get_item (invoices, 0);
    ids[0] = cp_invoice_get_id (invoice);
    amount = cp_money_new (2500, "USD");
    cp_client_create_payment_async (client, cp_customer_get_id (grace), ids, amount,
                                    cp_card_get_id (bank), key, NULL, cp_ui_result_cb, &result);
    g_assert_true (cp_test_ui_wait_for (result_ready, &result, WAIT_MS));
    payment = cp_client_create_payment_finish (client, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_true (cp_payment_is_pending (payment));
  }
  cp_page_reload (CP_PAGE (record ()));
  g_assert_true (cp_test_ui_wait_for (record_payment_is, "pending", WAIT_MS));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (record ()), "$25.00 pending", WAIT_MS));
  g_assert_true (cp_ui_is_showing (cp_ui_find_label (GTK_WIDGET (record ()), "Pending")));
  cp_test_ui_screenshot (GTK_WIDGET (staff_window), "office-record-pending");
  g_assert_true (cp_test_ui_wait_for (record_payment_is, "succeeded", 30000));
  g_assert_null (cp_ui_find_label (GTK_WIDGET (record ()), "$25.00 pending"));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (record ()), "Succeeded", 5000));
  cp_test_ui_screenshot (GTK_WIDGET (staff_window), "office-record-settled");

  /* A returned account (the processor's test number for "account
   * closed"): the payment is pending, then Failed with the bank's reason,
   * and the hold on the invoice is released. */
  g_clear_object (&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record ()), "record.add-bank", NULL));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_BANK_DIALOG, 5000);
  cp_ui_type (GTK_WIDGET (dialog), "Account Holder", "Grace Hopper");
  cp_ui_type (GTK_WIDGET (dialog), "Routing Number", "110000000");
  cp_ui_type (GTK_WIDGET (dialog), "Account Number", "000111111113");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, WAIT_MS));
  g_assert_true (cp_test_ui_wait_for (record_has_closed, NULL, WAIT_MS));
  {
    CpCard *closed = card_titled (cp_customer_record_get_cards (record ()),
                                  "Stripe Test Bank •••• 1113");
    g_autoptr(GListModel) invoices = NULL;
    g_autoptr(CpInvoice) invoice = NULL;
    g_autoptr(CpMoney) amount = cp_money_new (1500, "USD");
    g_autoptr(CpPayment) payment = NULL;
    g_autofree char *key = cp_client_new_idempotency_key ();
    const char *ids[2] = { NULL, NULL };

    cp_client_list_invoices_async (client, cp_customer_get_id (grace), CP_INVOICE_FILTER_OPEN,
                                   NULL, 10, NULL, cp_ui_result_cb, &result);
    g_assert_true (cp_test_ui_wait_for (result_ready, &result, WAIT_MS));
    invoices = cp_client_list_invoices_finish (client, result, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    invoice = g_list_model_get_item (invoices, 0);
    ids[0] = cp_invoice_get_id (invoice);
    cp_client_create_payment_async (client, cp_customer_get_id (grace), ids, amount,
                                    cp_card_get_id (closed), key, NULL, cp_ui_result_cb, &result);
    g_assert_true (cp_test_ui_wait_for (result_ready, &result, WAIT_MS));
    payment = cp_client_create_payment_finish (client, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_true (cp_payment_is_pending (payment));
  }
  cp_page_reload (CP_PAGE (record ()));
  g_assert_true (cp_test_ui_wait_for (record_payment_is, "pending", WAIT_MS));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (record ()), "$15.00 pending", WAIT_MS));
  g_assert_true (cp_test_ui_wait_for (record_payment_is, "failed", 30000));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (record ()), "Failed", 5000));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (record ()), "The bank account is closed.", 5000));
  g_assert_null (cp_ui_find_label (GTK_WIDGET (record ()), "$15.00 pending"));
  cp_test_ui_screenshot (GTK_WIDGET (staff_window), "office-record-failed");

  /* The dialog goes before the window it was transient for. */
  g_clear_object (&dialog);
  gtk_window_destroy (staff_window);
  staff_view = NULL;
  cp_test_ui_spin (50);
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

  /* A session bus of its own: the stand-in notification server below
   * owns a well-known name, which another UI test running beside this one
   * on the shared bus (test-pending) owns too. */
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  /* GTestDBus unsets DISPLAY (against X11 autolaunch); the UI needs it. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  cp_test_ui_init (&argc, &argv);
  /* A payment settling while its Pay dialog is open is told by a desktop
   * notification: the freedesktop backend, served by the stand-in above. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  serve_notifications ();
  dir = g_dir_make_tmp ("cp-test-bank-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "processor.db", NULL);
  key_file = g_build_filename (dir, "processor.key", NULL);
  {
    const char *pargv[] = { g_getenv ("CP_PROCESSOR_BINARY"), "--db", db, "--key-file", key_file,
                            "--listen", "127.0.0.1:0", "--api-key", API_KEY,
                            "--ach-delay", "3", NULL };

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
                            "--verify-interval", "1", NULL };

    server = cp_test_server_start_with (CP_TEST_SERVER_DEMO, extra);
  }
  app = cp_ui_app_new (server);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");

  g_test_add_func ("/ui/bank/routing-validation", test_routing_validation);
  g_test_add_func ("/ui/bank/customer-adds", test_customer_adds);
  g_test_add_func ("/ui/bank/pay-pending-on-overview", test_pay_pending_on_overview);
  g_test_add_func ("/ui/bank/office-adds", test_office_adds);
  status = g_test_run ();

  if (window != NULL)
    cp_ui_close_window (window);
  g_clear_object (&app);
  cp_test_server_stop (server);
  g_subprocess_send_signal (processor, SIGTERM);
  g_subprocess_wait (processor, NULL, NULL);
  g_clear_object (&processor);
  /* Stopped, not taken down: g_test_dbus_down() would wait for the last
   * reference to the connection, which GApplication keeps. */
  g_test_dbus_stop (test_bus);
  return status;
}
