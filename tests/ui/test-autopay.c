/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-autopay-dialog.h"
#include "cp-cards-page.h"
#include "cp-customer-record.h"
#include "cp-memory-token-store.h"
#include "cp-staff-view.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * AutoPay against the real server, its scheduler running every second and
 * its clock moved by the test (CP_SERVER_CLOCK_FILE): Ada turns AutoPay on
 * from Saved Credit Cards, agreeing to the terms that name her card; once
 * the clock passes an invoice's due date the portal pays it by itself, the
 * invoices already overdue when she turned it on are left alone, and a
 * receipt is mailed; deleting the card AutoPay pays with moves AutoPay to
 * another card (its terms agreed to in the confirmation); the office sees
 * AutoPay on her record and turns it off.
 */

#define WAIT_MS 15000

static CpTestServer *server;
static CpApplication *app;
static CpWindow *window;
static CpCustomerView *view;
static CpClient *ada;               /* Ada's own second client, to check */
static char *ada_id;
static char *clock_path;

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

static CpClient *
login (const char *email,
       const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpClient) client = cp_client_new (cp_test_server_get_url (server), &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CpAccount) account = NULL;

  g_assert_no_error (error);
  cp_client_login_async (client, email, password, NULL, cp_ui_result_cb, &result);
  account = cp_client_login_finish (client, await (&result), NULL, &error);
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (client), "account", g_steal_pointer (&account),
                          g_object_unref);
  return g_steal_pointer (&client);
}

static CpAutopay *
get_autopay_of (CpClient   *client,
                const char *customer_id,
                const char *terms_method_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CpAutopay *autopay;

  cp_client_get_autopay_async (client, customer_id, terms_method_id, NULL, cp_ui_result_cb,
                               &result);
  autopay = cp_client_get_autopay_finish (client, await (&result), &error);
  g_assert_no_error (error);
  return autopay;
}

static CpAutopay *
get_autopay (void)
{
  return get_autopay_of (ada, ada_id, NULL);
}

static GListModel *
open_invoices_of (CpClient   *client,
                  const char *customer_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *invoices;

  cp_client_list_invoices_async (client, customer_id, CP_INVOICE_FILTER_OPEN, NULL, 50, NULL,
                                 cp_ui_result_cb, &result);
  invoices = cp_client_list_invoices_finish (client, await (&result), NULL, &error);
  g_assert_no_error (error);
  return invoices;
}

static GListModel *
open_invoices (void)
{
  return open_invoices_of (ada, ada_id);
}

static gboolean
is_open (const char *number)
{
  g_autoptr(GListModel) invoices = open_invoices ();

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (invoices, i);

      if (g_str_equal (cp_invoice_get_number (invoice), number))
        return TRUE;
    }
  return FALSE;
}

/* Moves the server's clock @seconds ahead of real time. */
static void
set_clock_offset (gint64 seconds)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", seconds);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (clock_path, text, -1, &error));
  g_assert_no_error (error);
}

/* The check button that reads @label. */
static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_CHECK_BUTTON (child)
          && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), label) == 0)
        return child;
      found = find_check (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button that shows the label @text (a label inside a stack). */
static GtkWidget *
find_labelled_button (GtkWidget  *root,
                      const char *text)
{
  GtkWidget *label = cp_ui_find_label (root, text);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;
}

static CpCardsPage *
cards_page (void)
{
  return CP_CARDS_PAGE (cp_ui_page (view, "cards"));
}

static gboolean
autopay_shown_cb (gpointer data)
{
  CpAutopay *autopay = cp_cards_page_get_autopay (cards_page ());
  GtkWidget *row = cp_ui_find_row (GTK_WIDGET (cards_page ()), "AutoPay");
  const char *subtitle = row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;

  return autopay != NULL && cp_autopay_get_enabled (autopay) == GPOINTER_TO_INT (data)
         && subtitle != NULL && g_str_has_prefix (subtitle, data ? "On:" : "Off:");
}

static gboolean
n_cards_cb (gpointer data)
{
  return g_list_model_get_n_items (cp_cards_page_get_cards (cards_page ()))
         == GPOINTER_TO_UINT (data);
}

/* Turn On, from Saved Credit Cards: the primary card offered, the terms
 * naming it, Turn On only once they are agreed to; the consent recorded
 * as shown, Ada's, through the portal. */
static void
test_set_up (void)
{
  g_autoptr(GtkWindow) dialog = NULL;
  g_autoptr(CpAutopay) autopay = NULL;
  GtkWidget *row, *terms;

  cp_ui_select_page (view, "cards");
  g_assert_true (cp_test_ui_wait_for (n_cards_cb, GUINT_TO_POINTER (2), WAIT_MS));
  g_assert_true (cp_test_ui_wait_for (autopay_shown_cb, GINT_TO_POINTER (FALSE), WAIT_MS));
  cp_ui_shot (GTK_WIDGET (window), "autopay-off");

  cp_ui_click (cp_ui_find_button (GTK_WIDGET (cards_page ()), "Set Up…"));
  dialog = cp_ui_wait_window (CP_TYPE_AUTOPAY_DIALOG, 5000);
  g_assert_nonnull (dialog);
  row = cp_ui_find_row (GTK_WIDGET (dialog), "Pay With");
  g_assert_nonnull (row);
  {
    GObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), ==,
                     "Visa •••• 4242 (primary)");
  }
  terms = cp_ui_wait_label (GTK_WIDGET (dialog), "to charge Visa •••• 4242", WAIT_MS);
  g_assert_nonnull (terms);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (terms)), "{method}"));
  /* Nothing is agreed to yet. */
  g_assert_false (gtk_widget_is_sensitive (find_labelled_button (GTK_WIDGET (dialog), "Turn On")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (dialog),
                                                             "I _agree to these terms")),
                               TRUE);
  g_assert_true (gtk_widget_is_sensitive (find_labelled_button (GTK_WIDGET (dialog), "Turn On")));
  cp_ui_shot (GTK_WIDGET (dialog), "autopay-dialog");
  cp_ui_click (find_labelled_button (GTK_WIDGET (dialog), "Turn On"));
  g_assert_true (cp_ui_wait_gone (dialog, WAIT_MS));

  g_assert_true (cp_test_ui_wait_for (autopay_shown_cb, GINT_TO_POINTER (TRUE), WAIT_MS));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              cp_ui_find_row (GTK_WIDGET (cards_page ()), "AutoPay"))),
                            "Visa •••• 4242"));
  cp_ui_shot (GTK_WIDGET (window), "autopay-on");

  autopay = get_autopay ();
  g_assert_true (cp_autopay_get_enabled (autopay));
  g_assert_cmpstr (cp_autopay_get_payment_method_title (autopay), ==, "Visa •••• 4242");
  g_assert_cmpstr (cp_autopay_get_consent_actor_name (autopay), ==, "Ada Lovelace");
  g_assert_cmpstr (cp_autopay_get_consent_version (autopay), ==,
                   cp_autopay_get_terms_version (autopay));
  g_assert_nonnull (strstr (cp_autopay_get_consent_text (autopay), "Visa •••• 4242"));
  /* The text recorded is the text shown. */
  g_assert_cmpstr (cp_autopay_get_consent_text (autopay), ==, gtk_label_get_text (GTK_LABEL (terms)));
}

typedef struct
{
  const char *number;
} WaitPaid;

static gboolean
paid_cb (gpointer data)
{
  WaitPaid *wait = data;

  return !is_open (wait->number);
}

/* Finds the mail whose text has @needle. */
static char *
find_mail (const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (cp_test_server_get_mail_dir (server), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (cp_test_server_get_mail_dir (server), name,
                                                NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL)
        return g_steal_pointer (&contents);
    }
  return NULL;
}

static gboolean
mail_cb (gpointer data)
{
  g_autofree char *mail = find_mail (data);

  return mail != NULL;
}

/* The clock passes the next due date: the portal pays that invoice by
 * itself, and only that one; the receipt is mailed with no more of the
 * card than its brand and last four. */
static void
test_pays_on_due_date (void)
{
  g_autoptr(GListModel) invoices = open_invoices ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *future = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(CpAutopay) autopay = NULL;
  GDateTime *due_on = NULL;
  WaitPaid wait;

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (invoices, i);
      GDateTime *due = cp_invoice_get_due_on (invoice);

      if (g_date_time_difference (due, now) > G_TIME_SPAN_DAY)
        {
          if (future == NULL || g_date_time_compare (due, due_on) < 0)
            {
              g_free (future);
              future = g_strdup (cp_invoice_get_number (invoice));
              due_on = due;
            }
        }
      else if (g_date_time_difference (now, due) > G_TIME_SPAN_DAY)
        g_ptr_array_add (overdue, g_strdup (cp_invoice_get_number (invoice)));
    }
  /* The demo has both: an old balance and an invoice due later. */
  g_assert_nonnull (future);
  g_assert_cmpuint (overdue->len, >, 0);

  /* Not before its due date: a scheduler run or three change nothing. */
  cp_test_ui_spin (3000);
  g_assert_true (is_open (future));

  /* A day after it. */
  set_clock_offset (g_date_time_difference (due_on, now) / G_TIME_SPAN_SECOND + 24 * 3600);
  wait.number = future;
  g_assert_true (cp_test_ui_wait_for (paid_cb, &wait, WAIT_MS));
  for (guint i = 0; i < overdue->len; i++)
    g_assert_true (is_open (overdue->pdata[i]));

  g_assert_true (cp_test_ui_wait_for (mail_cb, future, WAIT_MS));
  receipt = find_mail (future);
  g_assert_nonnull (strstr (receipt, "4242"));
  g_assert_null (strstr (receipt, "4242424242424242"));
  g_assert_null (strstr (receipt, "tok_"));

  autopay = get_autopay ();
  g_assert_true (cp_autopay_get_enabled (autopay));
  g_assert_null (cp_autopay_get_failure_invoice_number (autopay));
  g_assert_cmpuint (g_list_model_get_n_items (cp_autopay_get_events (autopay)), >=, 2);
  {
    g_autoptr(CpAutopayEvent) newest = g_list_model_get_item (cp_autopay_get_events (autopay), 0);
    g_autofree char *summary = cp_autopay_event_dup_summary (newest);

    g_assert_cmpint (cp_autopay_event_get_action (newest), ==, CP_AUTOPAY_ACTION_PAID);
    g_assert_cmpstr (cp_autopay_event_get_invoice_number (newest), ==, future);
    needle = g_strdup_printf ("Paid %s", future);
    g_assert_true (g_str_has_prefix (summary, needle));
  }

  /* The overview shows the payment among the recent ones. */
  cp_ui_select_page (view, "overview");
  cp_page_reload (CP_PAGE (cp_ui_page (view, "overview")));
  g_assert_nonnull (cp_ui_wait_label (cp_ui_page (view, "overview"), future, WAIT_MS));
  /* A payment AutoPay made says so. */
  g_assert_nonnull (cp_ui_wait_label (cp_ui_page (view, "overview"), "· AutoPay", WAIT_MS));
  cp_ui_shot (GTK_WIDGET (window), "autopay-paid");
}

/* Deleting the card AutoPay pays with: the confirmation says so and offers
 * the other card (Delete only once its terms are agreed to) or turning
 * AutoPay off; AutoPay then pays with the other card. */
static void
test_delete_method (void)
{
  g_autoptr(GtkWindow) confirm = NULL;
  g_autoptr(CpAutopay) autopay = NULL;
  g_autoptr(CpCard) visa = NULL;
  GtkWidget *agree;

  cp_ui_select_page (view, "cards");
  cp_page_reload (CP_PAGE (cards_page ()));
  g_assert_true (cp_test_ui_wait_for (autopay_shown_cb, GINT_TO_POINTER (TRUE), WAIT_MS));
  for (guint i = 0; i < g_list_model_get_n_items (cp_cards_page_get_cards (cards_page ())); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cp_cards_page_get_cards (cards_page ()), i);

      if (g_str_equal (cp_card_get_last4 (card), "4242"))
        g_set_object (&visa, card);
    }
  g_assert_nonnull (visa);

  gtk_widget_activate_action (GTK_WIDGET (cards_page ()), "cards.delete", "s",
                              cp_card_get_id (visa));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            "AutoPay pays your invoices with it"));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (confirm), "AutoPay with Mastercard •••• 4444"));
  /* The portal's terms, worded for the other card. */
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (confirm), "to charge Mastercard •••• 4444",
                                      WAIT_MS));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (confirm),
                                                           "delete"));
  agree = find_check (GTK_WIDGET (confirm), "I _agree to these terms");
  g_assert_nonnull (agree);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (agree), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (confirm),
                                                          "delete"));
  cp_ui_shot (GTK_WIDGET (confirm), "autopay-delete-method");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Delete"));
  g_assert_true (cp_ui_wait_gone (confirm, 5000));

  g_assert_true (cp_test_ui_wait_for (n_cards_cb, GUINT_TO_POINTER (1), WAIT_MS));
  autopay = get_autopay ();
  g_assert_true (cp_autopay_get_enabled (autopay));
  g_assert_cmpstr (cp_autopay_get_payment_method_title (autopay), ==, "Mastercard •••• 4444");
  {
    g_autoptr(CpAutopayEvent) newest = g_list_model_get_item (cp_autopay_get_events (autopay), 0);

    g_assert_cmpint (cp_autopay_event_get_action (newest), ==, CP_AUTOPAY_ACTION_METHOD_CHANGED);
  }
}

static CpCustomerRecord *
record (CpStaffView *staff)
{
  return CP_CUSTOMER_RECORD (cp_ui_find_type (GTK_WIDGET (staff), CP_TYPE_CUSTOMER_RECORD));
}

static gboolean
record_autopay_cb (gpointer data)
{
  CpCustomerRecord *shown = record (data);
  GtkWidget *row = shown != NULL ? cp_ui_find_row (GTK_WIDGET (shown), "AutoPay") : NULL;
  const char *expected = g_object_get_data (G_OBJECT (data), "expected");

  return row != NULL && !cp_customer_record_get_loading (shown)
         && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), expected);
}

/* The office sees AutoPay on Ada's record and turns it off: recorded as
 * the office's. */
static void
test_office_turns_off (void)
{
  g_autoptr(CpClient) staff_client = login ("staff@example.com", "demo-staff-password");
  CpAccount *account = g_object_get_data (G_OBJECT (staff_client), "account");
  GtkWindow *staff_window = GTK_WINDOW (adw_window_new ());
  CpStaffView *staff = cp_staff_view_new (staff_client, account);
  g_autoptr(GtkWindow) confirm = NULL;
  g_autoptr(CpAutopay) autopay = NULL;
  GtkWidget *row;

  gtk_window_set_default_size (staff_window, 1100, 900);
  adw_window_set_content (ADW_WINDOW (staff_window), GTK_WIDGET (staff));
  gtk_window_present (staff_window);
  cp_staff_view_open_customer (staff, ada_id);
  g_object_set_data (G_OBJECT (staff), "expected", (gpointer) "On:");
  g_assert_true (cp_test_ui_wait_for (record_autopay_cb, staff, WAIT_MS));
  row = cp_ui_find_row (GTK_WIDGET (record (staff)), "AutoPay");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Mastercard •••• 4444"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Ada Lovelace agreed on"));
  gtk_widget_grab_focus (row);
  cp_ui_shot (GTK_WIDGET (staff_window), "autopay-office");

  cp_ui_click (cp_ui_find_button (GTK_WIDGET (row), "Turn Off…"));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==,
                   "Turn AutoPay Off?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            "Only the customer can turn AutoPay on again"));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Turn Off"));
  g_assert_true (cp_ui_wait_gone (confirm, 5000));
  g_object_set_data (G_OBJECT (staff), "expected", (gpointer) "Off");
  g_assert_true (cp_test_ui_wait_for (record_autopay_cb, staff, WAIT_MS));
  g_assert_false (cp_ui_is_showing (cp_ui_find_button (GTK_WIDGET (row), "Turn Off…")));

  autopay = get_autopay ();
  g_assert_false (cp_autopay_get_enabled (autopay));
  {
    g_autoptr(CpAutopayEvent) newest = g_list_model_get_item (cp_autopay_get_events (autopay), 0);

    g_assert_cmpint (cp_autopay_event_get_action (newest), ==, CP_AUTOPAY_ACTION_DISABLED);
    g_assert_cmpint (cp_autopay_event_get_channel (newest), ==, CP_CARD_CHANNEL_OFFICE);
    g_assert_cmpstr (cp_autopay_event_get_reason (newest), ==, "office");
  }
  /* The confirmation is transient for the window: it goes first. */
  g_clear_object (&confirm);
  gtk_window_destroy (staff_window);
}

typedef struct
{
  CpClient *client;
  const char *customer_id;
} WaitFailure;

static gboolean
failure_cb (gpointer data)
{
  WaitFailure *wait = data;
  g_autoptr(CpAutopay) autopay = get_autopay_of (wait->client, wait->customer_id, NULL);

  return cp_autopay_get_failure_invoice_number (autopay) != NULL;
}

static gboolean
failure_row_cb (gpointer data)
{
  GtkWidget *row = cp_ui_find_row (GTK_WIDGET (cards_page ()), "An Automatic Payment Was Declined");

  return row != NULL
         && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), data) != NULL;
}

static gboolean
no_logged_out_toast_cb (gpointer data)
{
  return cp_ui_find_label (GTK_WIDGET (window), "Logged out") == NULL;
}

/* A card the processor declines: on the due date AutoPay's charge fails,
 * the invoice stays open, the customer is mailed and, in the app, told on
 * Saved Credit Cards what to do. */
static void
test_declined (void)
{
  g_autoptr(CpClient) grace = login ("grace@example.com", "demo-customer-password");
  const char *grace_id = cp_account_get_customer_id (g_object_get_data (G_OBJECT (grace),
                                                                        "account"));
  g_autoptr(CpCardInput) input = cp_card_input_new ();
  g_autoptr(CpCardToken) token = NULL;
  g_autoptr(CpCard) card = NULL;
  g_autoptr(CpAutopay) terms = NULL;
  g_autoptr(CpAutopay) autopay = NULL;
  g_autoptr(CpConfig) config = NULL;
  g_autoptr(GListModel) invoices = NULL;
  g_autoptr(CpInvoice) invoice = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mail = NULL;
  WaitFailure wait = { grace, grace_id };

  cp_client_get_config_async (grace, NULL, cp_ui_result_cb, &result);
  config = cp_client_get_config_finish (grace, await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The processor's published card that is always declined. */
  cp_card_input_set_number (input, "4000000000000002");
  cp_card_input_set_expiry (input, 12, 2034);
  cp_card_input_set_cvc (input, "123");
  cp_client_tokenize_card_async (grace, input, "Grace Hopper", "10001", NULL, cp_ui_result_cb,
                                 &result);
  token = cp_client_tokenize_card_finish (grace, await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  cp_client_add_payment_method_async (grace, grace_id, cp_card_token_get_token (token), FALSE,
                                      NULL, cp_ui_result_cb, &result);
  card = cp_client_add_payment_method_finish (grace, await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  terms = get_autopay_of (grace, grace_id, cp_card_get_id (card));
  g_assert_nonnull (strstr (cp_autopay_get_terms_text (terms), "Visa •••• 0002"));
  cp_client_set_autopay_async (grace, grace_id, cp_card_get_id (card),
                               cp_autopay_get_terms_version (terms), NULL, cp_ui_result_cb,
                               &result);
  autopay = cp_client_set_autopay_finish (grace, await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (cp_autopay_get_enabled (autopay));

  invoices = open_invoices_of (grace, grace_id);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 1);
  invoice = g_list_model_get_item (invoices, 0);
  set_clock_offset (g_date_time_difference (cp_invoice_get_due_on (invoice), now)
                    / G_TIME_SPAN_SECOND + 24 * 3600);
  g_assert_true (cp_test_ui_wait_for (failure_cb, &wait, WAIT_MS));

  g_clear_object (&invoices);
  invoices = open_invoices_of (grace, grace_id);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 1);
  g_assert_true (cp_test_ui_wait_for (mail_cb, "declined", WAIT_MS));
  mail = find_mail ("declined");
  g_assert_nonnull (strstr (mail, cp_invoice_get_number (invoice)));
  g_assert_nonnull (strstr (mail, "0002"));
  g_assert_null (strstr (mail, "4000000000000002"));

  /* Grace, in the app. Ada's "Logged out" goes with her session: it is
   * not shown over Grace's. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "logout", NULL);
  g_assert_true (cp_ui_wait_page (window, "login", WAIT_MS));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (window), "Logged out", WAIT_MS));
  cp_ui_login (window, "grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, WAIT_MS);
  g_assert_nonnull (view);
  g_assert_true (cp_test_ui_wait_for (no_logged_out_toast_cb, NULL, 5000));
  cp_ui_select_page (view, "cards");
  g_assert_true (cp_test_ui_wait_for (failure_row_cb, (gpointer) cp_invoice_get_number (invoice),
                                      WAIT_MS));
  cp_ui_shot (GTK_WIDGET (window), "autopay-declined");
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--autopay-interval", "1", NULL };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  cp_test_ui_init (&argc, &argv);
  dir = g_dir_make_tmp ("cp-autopay-XXXXXX", &error);
  g_assert_no_error (error);
  clock_path = g_build_filename (dir, "clock", NULL);
  g_assert_true (g_file_set_contents (clock_path, "0\n", -1, NULL));
  g_setenv ("CP_SERVER_CLOCK_FILE", clock_path, TRUE);
  server = cp_test_server_start_with (CP_TEST_SERVER_DEMO, args);
  g_unsetenv ("CP_SERVER_CLOCK_FILE");

  ada = login ("ada@example.com", "demo-customer-password");
  ada_id = g_strdup (cp_account_get_customer_id (g_object_get_data (G_OBJECT (ada), "account")));

  app = cp_ui_app_new (server);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");
  window = cp_ui_open_window (app);
  cp_ui_login (window, "ada@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, WAIT_MS);
  g_assert_nonnull (view);

  g_test_add_func ("/ui/autopay/set-up", test_set_up);
  g_test_add_func ("/ui/autopay/pays-on-due-date", test_pays_on_due_date);
  g_test_add_func ("/ui/autopay/delete-method", test_delete_method);
  g_test_add_func ("/ui/autopay/office-turns-off", test_office_turns_off);
  g_test_add_func ("/ui/autopay/declined", test_declined);

  status = g_test_run ();
  cp_ui_close_window (window);
  g_clear_object (&app);
  g_clear_object (&ada);
  cp_test_server_stop (server);
  g_unlink (clock_path);
  g_rmdir (dir);
  g_free (clock_path);
  g_free (ada_id);
  return status;
}
