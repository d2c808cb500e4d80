/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-core.h"
#include "cp-add-card-dialog.h"
#include "cp-card-history-dialog.h"
#include "cp-customer-record.h"
#include "cp-customer-search.h"
#include "cp-pay-dialog.h"
#include "cp-payment-methods-report.h"
#include "cp-staff-view.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * The office desk against the real server with the demo data, in the order
 * of a working day: Grace calls and reads out a new card (Add Payment
 * Method › Credit Card, made primary), then pays part of her open invoice
 * with it (Take a Payment, a memo); the history, the payments list and the
 * report show the office and Sam Rivera; the report finds Ada's card that
 * runs out next month, exports it (the CSV checked byte for byte) and opens
 * her record. Then a card is deleted from the record, after confirming.
 */

#define WAIT_MS 15000

static CpTestServer *server;
static CpClient *client;
static CpAccount *account;
static GtkWindow *window;
static CpStaffView *view;
static char *grace_id;
static char *ada_id;

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  g_assert_true (cp_test_ui_wait_for (result_ready, slot, WAIT_MS));
  return *slot;
}

static char *
customer_id_of (const char *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CpCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  cp_client_list_customers_async (client, query, NULL, 5, NULL, cp_ui_result_cb, &result);
  found = cp_client_list_customers_finish (client, await (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  customer = g_list_model_get_item (found, 0);
  return g_strdup (cp_customer_get_id (customer));
}

static CpCustomerRecord *
record (void)
{
  return CP_CUSTOMER_RECORD (cp_ui_find_type (GTK_WIDGET (view), CP_TYPE_CUSTOMER_RECORD));
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

static void
open_record (const char *customer_id)
{
  cp_staff_view_open_customer (view, customer_id);
  g_assert_true (cp_test_ui_wait_for (record_ready, (gpointer) customer_id, WAIT_MS));
  cp_test_ui_spin (300);
}

static guint
n_cards (void)
{
  return g_list_model_get_n_items (cp_customer_record_get_cards (record ()));
}

static CpCard *
card_with_last4 (GListModel *cards,
                 const char *last4)
{
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (cp_card_get_last4 (card), last4) == 0)
        return card;
    }
  return NULL;
}

/* In the report: the card of that customer. */
static CpCard *
customer_card (GListModel *cards,
               const char *last4,
               const char *customer_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (cp_card_get_last4 (card), last4) == 0
          && g_strcmp0 (cp_card_get_customer_id (card), customer_id) == 0)
        return card;
    }
  return NULL;
}

static gboolean
record_has_card (gpointer last4)
{
  return !cp_customer_record_get_loading (record ())
         && card_with_last4 (cp_customer_record_get_cards (record ()), last4) != NULL;
}

/* Add Payment Method › Credit Card: the customer's own Add New Card dialog,
 * in the office's words; the card is recorded as the office's, by Sam. */
static void
test_add_card (void)
{
  g_autoptr(GtkWindow) dialog = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *menu_button, *primary_row, *history_dialog;
  GMenuModel *menu;
  g_autofree char *action = NULL;
  g_autofree char *label = NULL;
  CpCard *visa;
  CpCardEvent *event;

  open_record (grace_id);
  g_assert_cmpuint (n_cards (), ==, 1);

  /* The menu offers the payment method types: a credit card, a bank
   * account (tests/ui/test-bank.c). */
  menu_button = cp_ui_find_type (GTK_WIDGET (record ()), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), ==,
                   "_Add Payment Method");
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_object_unref (menu);
  g_assert_cmpstr (label, ==, "_Credit Card");
  g_assert_cmpstr (action, ==, "record.add-card");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record ()), action, NULL));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_CARD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  primary_row = cp_ui_find_row (GTK_WIDGET (dialog), "This is the primary payment method");
  g_assert_nonnull (primary_row);
  cp_ui_type (GTK_WIDGET (dialog), "Card Number", "4242424242424242");
  cp_ui_type (GTK_WIDGET (dialog), "Expiry (MM/YY)", "1234");
  cp_ui_type (GTK_WIDGET (dialog), "CVC", "123");
  cp_ui_type (GTK_WIDGET (dialog), "Name on Card", "Grace Hopper");
  cp_ui_type (GTK_WIDGET (dialog), "ZIP Code", "10001");
  gtk_switch_set_active (GTK_SWITCH (cp_ui_find_type (primary_row, GTK_TYPE_SWITCH)), TRUE);
  cp_test_ui_screenshot (GTK_WIDGET (dialog), "office-add-card");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, WAIT_MS));

  /* At once on the record: the Visa, now the primary card. */
  g_assert_true (cp_test_ui_wait_for (record_has_card, "4242", WAIT_MS));
  g_assert_cmpuint (n_cards (), ==, 2);
  visa = card_with_last4 (cp_customer_record_get_cards (record ()), "4242");
  g_assert_true (cp_card_get_is_primary (visa));
  g_assert_cmpint (cp_card_get_added_via (visa), ==, CP_CARD_CHANNEL_OFFICE);
  g_assert_cmpstr (cp_card_get_added_by_name (visa), ==, "Sam Rivera");
  g_assert_nonnull (cp_ui_wait_row (GTK_WIDGET (record ()), "Visa •••• 4242", 5000));

  /* And in View History: added and made primary, by Sam at the office. */
  cp_client_list_payment_method_history_async (client, grace_id, NULL, 10, NULL, cp_ui_result_cb,
                                               &result);
  history = cp_client_list_payment_method_history_finish (client, await (&result), NULL, &error);
  g_assert_no_error (error);
  event = g_list_model_get_item (history, 0);
  g_assert_cmpint (cp_card_event_get_action (event), ==, CP_CARD_ACTION_SET_PRIMARY);
  g_assert_cmpstr (cp_card_event_get_actor_name (event), ==, "Sam Rivera");
  g_assert_cmpint (cp_card_event_get_channel (event), ==, CP_CARD_CHANNEL_OFFICE);
  g_object_unref (event);
  event = g_list_model_get_item (history, 1);
  g_assert_cmpint (cp_card_event_get_action (event), ==, CP_CARD_ACTION_ADDED);
  g_assert_cmpstr (cp_card_event_get_actor_name (event), ==, "Sam Rivera");
  g_assert_cmpint (cp_card_event_get_channel (event), ==, CP_CARD_CHANNEL_OFFICE);
  g_object_unref (event);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record ()), "record.view-history", NULL));
  history_dialog = GTK_WIDGET (cp_ui_wait_window (CP_TYPE_CARD_HISTORY_DIALOG, 5000));
  g_assert_nonnull (history_dialog);
  g_assert_nonnull (cp_ui_wait_label (history_dialog, "Sam Rivera", WAIT_MS));
  g_assert_nonnull (cp_ui_wait_label (history_dialog, "4242", WAIT_MS));
  cp_test_ui_screenshot (history_dialog, "office-card-history");
  gtk_window_destroy (GTK_WINDOW (history_dialog));
  g_object_unref (history_dialog);
  cp_test_ui_screenshot (GTK_WIDGET (window), "office-record-card-added");
}

static gboolean
payment_listed (gpointer data)
{
  GListModel *payments = cp_customer_record_get_payments (record ());

  return payments != NULL && g_list_model_get_n_items (payments) == 1
         && !cp_customer_record_get_loading (record ());
}

static gboolean
balance_is (gpointer data)
{
  CpCustomer *customer = cp_customer_record_get_customer (record ());

  return customer != NULL && g_strcmp0 (cp_customer_get_balance_text (customer), data) == 0;
}

/* The staff search's row for the open customer shows @data as balance. */
static gboolean
search_balance_is (gpointer data)
{
  CpCustomerSearch *search = CP_CUSTOMER_SEARCH (cp_ui_find_type (GTK_WIDGET (view),
                                                                  CP_TYPE_CUSTOMER_SEARCH));
  GListModel *results = search != NULL ? cp_customer_search_get_results (search) : NULL;
  guint n = results != NULL ? g_list_model_get_n_items (results) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpCustomer) customer = g_list_model_get_item (results, i);

      if (g_strcmp0 (cp_customer_get_id (customer), grace_id) == 0)
        return g_strcmp0 (cp_customer_get_balance_text (customer), data) == 0;
    }
  return FALSE;
}

/* Take a Payment on the open invoice: the primary card first, marked (P);
 * a part of the balance; a memo; the receipt; the payment as the office's. */
static void
test_take_payment (void)
{
  g_autoptr(GtkWindow) pay = NULL;
  g_autoptr(GtkWindow) confirm = NULL;
  g_autoptr(CpPayment) payment = NULL;
  g_autofree char *key = NULL;
  GtkWidget *take, *card_row;
  GListModel *names;

  open_record (grace_id);
  take = cp_ui_wait_button (GTK_WIDGET (record ()), "Take a Payment", WAIT_MS);
  g_assert_nonnull (take);
  cp_ui_click (take);
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_nonnull (pay);
  g_assert_cmpstr (gtk_window_get_title (pay), ==, "Take a Payment");

  card_row = cp_ui_find_row (GTK_WIDGET (pay), "Pay With");
  g_assert_nonnull (card_row);
  names = adw_combo_row_get_model (ADW_COMBO_ROW (card_row));
  g_assert_true (cp_test_ui_wait_for ((gboolean (*) (gpointer)) g_list_model_get_n_items,
                                      names, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==,
                   "Visa •••• 4242 (P)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==,
                   "American Express •••• 0005");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (card_row)), ==, 0);

  /* The same bounds as the customer's: not below 1.00, not above the due. */
  cp_ui_type (GTK_WIDGET (pay), "Amount", "0.50");
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  cp_ui_type (GTK_WIDGET (pay), "Amount", "245.01");
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  cp_ui_type (GTK_WIDGET (pay), "Amount", "50.00");
  cp_ui_type (GTK_WIDGET (pay), "Memo", "Paid by phone, call 1042");
  cp_test_ui_screenshot (GTK_WIDGET (pay), "office-take-payment");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Pay"));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            "Visa •••• 4242"));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Pay"));
  g_assert_nonnull (cp_ui_wait_button (GTK_WIDGET (pay), "Save as PDF", WAIT_MS));
  g_assert_cmpstr (cp_pay_dialog_get_page_name (CP_PAY_DIALOG (pay)), ==, "receipt");
  g_assert_cmpuint (cp_pay_dialog_get_n_attempts (CP_PAY_DIALOG (pay)), ==, 1);
  key = g_strdup (cp_pay_dialog_get_idempotency_key (CP_PAY_DIALOG (pay)));
  g_assert_nonnull (key);
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "$50.00"));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "$50.00 was charged to Visa •••• 4242."));
  cp_test_ui_screenshot (GTK_WIDGET (pay), "office-receipt");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Done"));
  g_assert_true (cp_ui_wait_gone (pay, 5000));

  /* The record behind: $195.00 left, and the payment as the office's. */
  g_assert_true (cp_test_ui_wait_for (balance_is, "$195.00", WAIT_MS));
  /* And the search list beside it agrees (it read $245.00 before). */
  g_assert_true (cp_test_ui_wait_for (search_balance_is, "$195.00", WAIT_MS));
  g_assert_true (cp_test_ui_wait_for (payment_listed, NULL, WAIT_MS));
  payment = g_list_model_get_item (cp_customer_record_get_payments (record ()), 0);
  g_assert_cmpstr (cp_payment_get_channel (payment), ==, "office");
  g_assert_cmpstr (cp_payment_get_actor_name (payment), ==, "Sam Rivera");
  g_assert_cmpstr (cp_payment_get_actor_role (payment), ==, "staff");
  g_assert_cmpstr (cp_payment_get_memo (payment), ==, "Paid by phone, call 1042");
  g_assert_cmpstr (cp_payment_get_amount_text (payment), ==, "$50.00");
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (record ()),
                                      "Office · Sam Rivera · Paid by phone, call 1042", WAIT_MS));
  cp_test_ui_screenshot (GTK_WIDGET (window), "office-record-paid");
}

static CpPaymentMethodsReport *
report (void)
{
  return CP_PAYMENT_METHODS_REPORT (cp_ui_find_type (GTK_WIDGET (view),
                                                     CP_TYPE_PAYMENT_METHODS_REPORT));
}

static gboolean
report_loaded (gpointer data)
{
  GListModel *items = cp_payment_methods_report_get_items (report ());

  return items != NULL && !cp_paged_list_get_loading (CP_PAGED_LIST (items))
         && g_list_model_get_n_items (items) >= GPOINTER_TO_UINT (data);
}

static char *
utc_date (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

/* The report across customers: sorted by expiry, filtered, the last use
 * of Grace's new card, Ada's card running out, the CSV byte for byte. */
static void
test_report (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *added = NULL;
  g_autofree char *expiry = NULL;
  GListModel *items;
  g_autoptr(CpCard) kept = NULL;
  CpCard *visa, *mastercard;
  guint n_rows = 0;
  gsize length = 0;
  GtkListView *list;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.show-page", "s",
                                             "payment-methods"));
  g_assert_nonnull (report ());
  /* Shown, it reads the report again: Grace's new card is in it. */
  g_assert_true (cp_test_ui_wait_for (report_loaded, GUINT_TO_POINTER (4), WAIT_MS));
  items = cp_payment_methods_report_get_items (report ());
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  /* Every active card, soonest expiry first; Grace's Visa with its last use. */
  for (guint i = 1; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CpCard) a = g_list_model_get_item (items, i - 1);
      g_autoptr(CpCard) b = g_list_model_get_item (items, i);

      g_assert_cmpuint (cp_card_get_exp_year (a) * 12 + cp_card_get_exp_month (a), <=,
                        cp_card_get_exp_year (b) * 12 + cp_card_get_exp_month (b));
    }
  visa = customer_card (items, "4242", grace_id);
  g_assert_nonnull (visa);
  g_assert_cmpstr (cp_card_get_customer_name (visa), ==, "Grace Hopper");
  g_assert_nonnull (cp_card_get_last_used_at (visa));
  g_assert_null (cp_card_get_last_used_at (customer_card (items, "4242", ada_id)));
  mastercard = customer_card (items, "4444", ada_id);
  g_assert_nonnull (mastercard);
  g_assert_cmpstr (cp_card_get_customer_name (mastercard), ==, "Ada Lovelace");
  g_assert_null (cp_card_get_last_used_at (mastercard));
  /* After the page's crossfade, as a person would look. */
  cp_test_ui_spin (800);
  {
    GtkWidget *lv = cp_ui_find_type (GTK_WIDGET (report ()), GTK_TYPE_LIST_VIEW);
    guint rows = 0;

    g_assert_nonnull (lv);

    for (GtkWidget *c = gtk_widget_get_first_child (lv); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (gtk_widget_get_mapped (c))
        rows++;
    /* Every row on screen: the list fills the page, not one row of it. */
    g_assert_cmpuint (rows, ==, 4);
    g_assert_cmpint (gtk_widget_get_height (lv), >, 4 * 40);
  }
  cp_test_ui_screenshot (GTK_WIDGET (window), "office-report-all");

  /* Expiring within 90 days: only Ada's Mastercard. */
  cp_payment_methods_report_set_filter (report (), CP_EXPIRY_FILTER_EXPIRING, 90, "card");
  g_assert_true (cp_test_ui_wait_for (report_loaded, GUINT_TO_POINTER (1), WAIT_MS));
  items = cp_payment_methods_report_get_items (report ());
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  mastercard = customer_card (items, "4444", ada_id);
  g_assert_nonnull (mastercard);
  kept = g_object_ref (mastercard);
  cp_test_ui_spin (500);
  cp_test_ui_screenshot (GTK_WIDGET (window), "office-report-expiring");

  /* Expired: none in the demo. */
  cp_payment_methods_report_set_filter (report (), CP_EXPIRY_FILTER_EXPIRED, 90, NULL);
  g_assert_true (cp_test_ui_wait_for (report_loaded, GUINT_TO_POINTER (0), WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (cp_payment_methods_report_get_items (report ())), ==,
                    0);

  /* Export what the filters show, byte for byte. */
  cp_payment_methods_report_set_filter (report (), CP_EXPIRY_FILTER_EXPIRING, 90, "card");
  g_assert_true (cp_test_ui_wait_for (report_loaded, GUINT_TO_POINTER (1), WAIT_MS));
  path = g_build_filename (g_get_tmp_dir (), "office-desk-export.csv", NULL);
  file = g_file_new_for_path (path);
  cp_payment_methods_report_export_async (report (), file, NULL, cp_ui_result_cb, &result);
  g_assert_true (cp_payment_methods_report_export_finish (report (), await (&result), &n_rows,
                                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  added = utc_date (cp_card_get_added_at (kept));
  expiry = g_date_time_format (later, "%m/%Y");
  g_string_append (expected, "Payment Type,Brand,Last 4,Expiration,Customer,Customer ID,Added,"
                             "Added By,Last Updated,Last Used\r\n");
  g_string_append_printf (expected, "Credit Card,Mastercard,4444,%s,Ada Lovelace,%s,%s,Sam Rivera,"
                                    "%s,\r\n", expiry, ada_id, added, added);
  g_assert_cmpstr (contents, ==, expected->str);
  g_assert_cmpuint (length, ==, expected->len);
  g_unlink (path);

  /* A row opens that customer's record. */
  list = GTK_LIST_VIEW (cp_ui_find_type (GTK_WIDGET (report ()), GTK_TYPE_LIST_VIEW));
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_true (cp_test_ui_wait_for (record_ready, ada_id, WAIT_MS));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (cp_staff_view_get_stack (view)), ==,
                   "customers");
}

static gboolean
card_gone (gpointer last4)
{
  return !cp_customer_record_get_loading (record ())
         && card_with_last4 (cp_customer_record_get_cards (record ()), last4) == NULL;
}

/* Delete from the record, only after the confirmation. */
static void
test_delete_card (void)
{
  g_autoptr(GtkWindow) confirm = NULL;
  CpCard *amex;

  open_record (grace_id);
  g_assert_cmpuint (n_cards (), ==, 2);
  amex = card_with_last4 (cp_customer_record_get_cards (record ()), "0005");
  g_assert_nonnull (amex);

  /* Cancel keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record ()), "cards.delete", "s",
                                             cp_card_get_id (amex)));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==,
                   "Delete American Express •••• 0005?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            "Grace Hopper"));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Cancel"));
  g_assert_true (cp_ui_wait_gone (confirm, 5000));
  g_clear_object (&confirm);
  cp_test_ui_spin (500);
  g_assert_cmpuint (n_cards (), ==, 2);

  /* Delete removes it. */
  amex = card_with_last4 (cp_customer_record_get_cards (record ()), "0005");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record ()), "cards.delete", "s",
                                             cp_card_get_id (amex)));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  cp_test_ui_screenshot (GTK_WIDGET (confirm), "office-confirm-delete");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Delete"));
  g_assert_true (cp_test_ui_wait_for (card_gone, "0005", WAIT_MS));
  g_assert_cmpuint (n_cards (), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  int status;

  cp_test_ui_init (&argc, &argv);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  client = cp_client_new (cp_test_server_get_url (server), &error);
  g_assert_no_error (error);
  cp_client_login_async (client, "staff@example.com", "demo-staff-password", NULL,
                         cp_ui_result_cb, &result);
  account = cp_client_login_finish (client, await (&result), &store_error, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  {
    g_autoptr(CpConfig) config = NULL;

    cp_client_get_config_async (client, NULL, cp_ui_result_cb, &result);
    config = cp_client_get_config_finish (client, await (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  grace_id = customer_id_of ("grace@example.com");
  ada_id = customer_id_of ("ada@example.com");

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1100, 900);
  view = cp_staff_view_new (client, account);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (window);
  cp_test_ui_spin (300);

  g_test_add_func ("/ui/office/add-card", test_add_card);
  g_test_add_func ("/ui/office/take-payment", test_take_payment);
  g_test_add_func ("/ui/office/report", test_report);
  g_test_add_func ("/ui/office/delete-card", test_delete_card);

  status = g_test_run ();
  gtk_window_destroy (window);
  cp_test_ui_spin (50);
  g_clear_object (&account);
  g_clear_object (&client);
  g_free (grace_id);
  g_free (ada_id);
  cp_test_server_stop (server);
  return status;
}
