/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-add-card-dialog.h"
#include "cp-card-history-dialog.h"
#include "cp-cards-page.h"
#include "cp-memory-token-store.h"
#include "cp-overview-page.h"
#include "cp-pay-dialog.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * Cards and payments beyond the happy path: a card the processor declines,
 * an expired card refused before any request, the fields of Add New Card
 * (grouping, brand, CVC length) and their wiping, the "expires soon"
 * warning.
 */

static CpTestServer *server;
static CpApplication *app;
static CpWindow *window;
static CpCustomerView *view;

static gboolean
overview_ready_cb (gpointer data)
{
  return g_strcmp0 (cp_page_get_state (CP_PAGE (data)), "content") == 0;
}

static CpCardsPage *
cards_page (void)
{
  return CP_CARDS_PAGE (cp_ui_page (view, "cards"));
}

typedef struct
{
  guint n;
} WaitCards;

static gboolean
n_cards_cb (gpointer data)
{
  WaitCards *wait = data;

  return g_list_model_get_n_items (cp_cards_page_get_cards (cards_page ())) == wait->n
         && g_strcmp0 (cp_page_get_state (CP_PAGE (cards_page ())), "list") == 0;
}

static void
wait_n_cards (guint n)
{
  WaitCards wait = { n };

  g_assert_true (cp_test_ui_wait_for (n_cards_cb, &wait, 10000));
}

static guint
n_cards (void)
{
  return g_list_model_get_n_items (cp_cards_page_get_cards (cards_page ()));
}

static GtkWindow *
open_add_card (void)
{
  GtkWindow *dialog;

  cp_ui_select_page (view, "cards");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Add Card"));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_CARD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
fill_card (GtkWindow  *dialog,
           const char *number,
           const char *expiry,
           const char *cvc)
{
  cp_ui_type (GTK_WIDGET (dialog), "Card Number", number);
  cp_ui_type (GTK_WIDGET (dialog), "Expiry (MM/YY)", expiry);
  cp_ui_type (GTK_WIDGET (dialog), "CVC", cvc);
  cp_ui_type (GTK_WIDGET (dialog), "Name on Card", "Grace Hopper");
  cp_ui_type (GTK_WIDGET (dialog), "ZIP Code", "10001");
}

static const char *
row_text (GtkWindow  *dialog,
          const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (cp_ui_find_row (GTK_WIDGET (dialog), title)));
}

/* Grouping as typed, the brand shown live, the CVC as long as the brand
 * wants, and every field wiped when the dialog is cancelled. */
static void
test_card_fields (void)
{
  g_autoptr(GtkWindow) dialog = open_add_card ();
  GtkWidget *number_row = cp_ui_find_row (GTK_WIDGET (dialog), "Card Number");
  GtkWidget *cvc_row = cp_ui_find_row (GTK_WIDGET (dialog), "CVC");

  g_object_ref (number_row);
  g_object_ref (cvc_row);

  cp_ui_type (GTK_WIDGET (dialog), "Card Number", "378282246310005");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "3782 822463 10005");
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (dialog), "American Express"));
  cp_ui_type (GTK_WIDGET (dialog), "CVC", "123456");
  g_assert_cmpstr (row_text (dialog, "CVC"), ==, "1234");

  cp_ui_type (GTK_WIDGET (dialog), "Card Number", "4242 4242-4242 42424");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "4242 4242 4242 4242 4");
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (dialog), "Visa"));
  /* Visa takes three digits: the fourth went. */
  g_assert_cmpstr (row_text (dialog, "CVC"), ==, "123");
  cp_ui_type (GTK_WIDGET (dialog), "Expiry (MM/YY)", "7");
  g_assert_cmpstr (row_text (dialog, "Expiry (MM/YY)"), ==, "07");
  cp_ui_type (GTK_WIDGET (dialog), "Expiry (MM/YY)", "0731");
  g_assert_cmpstr (row_text (dialog, "Expiry (MM/YY)"), ==, "07/31");
  cp_ui_shot (GTK_WIDGET (dialog), "cards-fields");

  /* Escape, as a person leaves a dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  g_assert_true (cp_add_card_dialog_is_wiped (CP_ADD_CARD_DIALOG (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cvc_row)), ==, "");
  g_object_unref (number_row);
  g_object_unref (cvc_row);
}

static int
row_caret (GtkWindow  *dialog,
           const char *title)
{
  return gtk_editable_get_position (GTK_EDITABLE (cp_ui_find_row (GTK_WIDGET (dialog), title)));
}

static void
clear_row (GtkWindow  *dialog,
           const char *title)
{
  gtk_editable_set_text (GTK_EDITABLE (cp_ui_find_row (GTK_WIDGET (dialog), title)), "");
}

/* The fields typed key by key, as a person does: each key lands where the
 * caret is, and the caret ends after the digit just typed. Backspace and
 * Delete in the middle, over a separator, paste-like bursts and typing
 * over a selection keep the digits a person meant. */
static void
test_card_fields_typed (void)
{
  static const struct
  {
    const char *keys;
    const char *shown;
    int caret;
  } numbers[] = {
    { "4242424242424242", "4242 4242 4242 4242", 19 },
    { "5555555555554444", "5555 5555 5555 4444", 19 },
    { "378282246310005", "3782 822463 10005", 17 },
    { "6011111111111117", "6011 1111 1111 1117", 19 },
    /* A wrong digit, Backspace, the right one. */
    { "42424247\b242424242", "4242 4242 4242 4242", 19 },
    /* Left to just after the group's space, Backspace: the digit before
     * the space goes, the caret stays after the digits before it. */
    { "42424\x02\b", "4244", 3 },
    /* ... and typing goes on from there. */
    { "42424\x02\b" "2", "4242 4", 4 },
  };
  g_autoptr(GtkWindow) dialog = open_add_card ();
  GtkWidget *number_row = cp_ui_find_row (GTK_WIDGET (dialog), "Card Number");
  GtkWidget *focus = gtk_window_get_focus (dialog);

  /* Typing starts in the card number, not on Cancel. */
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, number_row));

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      clear_row (dialog, "Card Number");
      cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", numbers[i].keys);
      g_assert_cmpstr (row_text (dialog, "Card Number"), ==, numbers[i].shown);
      g_assert_cmpint (row_caret (dialog, "Card Number"), ==, numbers[i].caret);
    }

  /* Back to a whole number to edit in the middle. */
  clear_row (dialog, "Card Number");
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "4242424242424242");

  /* Into the middle: three keys left of the end of "4242 4242 4242 4242"
   * is after "4242 4242 4242 4"; a 9 typed there shifts the rest, and the
   * caret sits after the 9. */
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "\x02\x02\x02" "9");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "4242 4242 4242 4924 2");
  g_assert_cmpint (row_caret (dialog, "Card Number"), ==, strlen ("4242 4242 4242 49"));
  /* Backspace takes the 9 away again, the caret stays put before the 2. */
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "\b");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "4242 4242 4242 4242");
  g_assert_cmpint (row_caret (dialog, "Card Number"), ==, strlen ("4242 4242 4242 4"));
  /* Delete just before a space takes the digit after it. */
  gtk_editable_set_position (GTK_EDITABLE (number_row), strlen ("4242"));
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "\x7f");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "4242 2424 2424 242");
  g_assert_cmpint (row_caret (dialog, "Card Number"), ==, strlen ("4242"));

  /* Select all and type: the selection is replaced. */
  gtk_editable_select_region (GTK_EDITABLE (number_row), 0, -1);
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "37");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "37");
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (dialog), "American Express"));

  /* A pasted number arrives in one piece, separators and all. */
  clear_row (dialog, "Card Number");
  {
    int position = 0;

    gtk_editable_insert_text (GTK_EDITABLE (number_row), "3782-822463-10005", -1, &position);
    g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "3782 822463 10005");
    g_assert_cmpint (position, ==, strlen ("3782 822463 10005"));
  }
  /* No key beyond the brand's length lands. */
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "9");
  g_assert_cmpstr (row_text (dialog, "Card Number"), ==, "3782 822463 10005");

  /* Expiry: the slash comes with the year, a lone 4 is April. */
  cp_ui_type_keys (GTK_WIDGET (dialog), "Expiry (MM/YY)", "1229");
  g_assert_cmpstr (row_text (dialog, "Expiry (MM/YY)"), ==, "12/29");
  g_assert_cmpint (row_caret (dialog, "Expiry (MM/YY)"), ==, 5);
  cp_ui_type_keys (GTK_WIDGET (dialog), "Expiry (MM/YY)", "\b\b");
  g_assert_cmpstr (row_text (dialog, "Expiry (MM/YY)"), ==, "12");
  cp_ui_type_keys (GTK_WIDGET (dialog), "Expiry (MM/YY)", "31");
  g_assert_cmpstr (row_text (dialog, "Expiry (MM/YY)"), ==, "12/31");
  clear_row (dialog, "Expiry (MM/YY)");
  cp_ui_type_keys (GTK_WIDGET (dialog), "Expiry (MM/YY)", "4/28");
  g_assert_cmpstr (row_text (dialog, "Expiry (MM/YY)"), ==, "04/28");

  /* The CVC: four digits for the Amex above, three once it is a Visa. */
  cp_ui_type_keys (GTK_WIDGET (dialog), "CVC", "12345");
  g_assert_cmpstr (row_text (dialog, "CVC"), ==, "1234");
  clear_row (dialog, "Card Number");
  cp_ui_type_keys (GTK_WIDGET (dialog), "Card Number", "4242");
  g_assert_cmpstr (row_text (dialog, "CVC"), ==, "123");

  gtk_window_close (dialog);
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
}

static gboolean
error_shown_cb (gpointer data)
{
  return cp_ui_find_label (data, "expired") != NULL || cp_ui_find_label (data, "past") != NULL
         || cp_ui_find_label (data, "expiry") != NULL;
}

/* An expired card is refused in the dialog, next to the field, before any
 * request: the dialog stays open and no card is added. */
static void
test_expired_card_refused (void)
{
  g_autoptr(GtkWindow) dialog = NULL;
  guint before;

  cp_ui_select_page (view, "cards");
  before = n_cards ();
  dialog = open_add_card ();
  fill_card (dialog, "4242424242424242", "0120", "123");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_test_ui_wait_for (error_shown_cb, dialog, 2000));
  /* Refused here, not by the vault: nothing is in flight. */
  g_assert_false (cp_add_card_dialog_get_busy (CP_ADD_CARD_DIALOG (dialog)));
  g_assert_true (gtk_widget_has_css_class (cp_ui_find_row (GTK_WIDGET (dialog), "Expiry (MM/YY)"),
                                           "error"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  cp_ui_shot (GTK_WIDGET (dialog), "cards-expired-refused");

  gtk_window_close (dialog);
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
  cp_test_ui_spin (300);
  g_assert_cmpuint (n_cards (), ==, before);
}

static void
add_card (const char *number,
          const char *expiry,
          const char *cvc)
{
  g_autoptr(GtkWindow) dialog = NULL;
  guint before;

  cp_ui_select_page (view, "cards");
  before = n_cards ();
  dialog = open_add_card ();
  fill_card (dialog, number, expiry, cvc);
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, 10000));
  wait_n_cards (before + 1);
}

static gboolean
soon_badge_cb (gpointer data)
{
  return cp_ui_find_label (GTK_WIDGET (view), "Expires soon") != NULL;
}

/* A card that stops working within 60 days carries a warning. */
static void
test_expires_soon (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expiry = g_date_time_format (now, "%m%y");

  add_card ("5555555555554444", expiry, "321");
  g_assert_true (cp_test_ui_wait_for (soon_badge_cb, NULL, 5000));
  cp_ui_shot (GTK_WIDGET (window), "cards-expires-soon");
}

typedef struct
{
  GtkWindow *dialog;
  const char *title;
} WaitRow;

static gboolean
history_has_cb (gpointer data)
{
  WaitRow *wait = data;

  return cp_ui_find_row (GTK_WIDGET (wait->dialog), wait->title) != NULL;
}

/* The customer's own history on Saved Credit Cards: the office's list, the
 * card just added (expires-soon) on top, with who and which channel. */
static void
test_own_history (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *added = g_strdup_printf ("Added Mastercard •••• 4444 (%02d/%04d)",
                                            g_date_time_get_month (now),
                                            g_date_time_get_year (now));
  g_autoptr(GtkWindow) dialog = NULL;
  GtkWidget *row;
  GListModel *events;
  WaitRow wait = { NULL, added };

  cp_ui_select_page (view, "cards");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "View History"));
  dialog = cp_ui_wait_window (CP_TYPE_CARD_HISTORY_DIALOG, 5000);
  g_assert_nonnull (dialog);
  wait.dialog = dialog;
  g_assert_true (cp_test_ui_wait_for (history_has_cb, &wait, 10000));
  row = cp_ui_find_row (GTK_WIDGET (dialog), added);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   " · Grace Hopper (customer) · Customer Portal"));
  events = cp_card_history_dialog_get_events (CP_CARD_HISTORY_DIALOG (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 2);
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (dialog), "Every change to your saved cards"));
  cp_ui_shot (GTK_WIDGET (dialog), "cards-own-history");
  gtk_window_close (dialog);
  g_assert_true (cp_ui_wait_gone (dialog, 5000));
}

static gboolean
balance_is (gpointer data)
{
  return g_strcmp0 (cp_overview_page_get_balance_text (CP_OVERVIEW_PAGE (cp_ui_page (view, "overview"))),
                    data) == 0;
}

static gboolean
pay_ready_cb (gpointer data)
{
  GtkWidget *button = cp_ui_find_button (data, "Pay");

  return button != NULL && gtk_widget_is_sensitive (button);
}

static gboolean
declined_cb (gpointer data)
{
  return cp_ui_find_label (data, "declined") != NULL;
}

static guint
find_card_position (GtkWindow  *pay,
                    const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (cp_ui_find_row (GTK_WIDGET (pay), "Pay With"));
  GListModel *names = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), title))
      return i;
  g_assert_not_reached ();
}

/* The generic decline test card: declined in plain words, nothing paid,
 * and the next try is a new attempt; then the primary card pays. A double
 * press of Pay opens one confirmation and makes one payment. */
static void
test_declined_card (void)
{
  g_autoptr(GtkWindow) pay = NULL;
  GtkWindow *confirm;
  CpOverviewPage *overview = CP_OVERVIEW_PAGE (cp_ui_page (view, "overview"));
  g_autofree char *first_key = NULL;
  AdwComboRow *card_row;
  GtkWidget *focus;
  GtkWidget *currency;

  add_card ("4000000000000002", "1231", "123");

  cp_ui_select_page (view, "overview");
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, overview, 10000));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Pay"));
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_true (cp_test_ui_wait_for (pay_ready_cb, pay, 10000));

  /* The chosen card in full, wrapped as the row's subtitle rather than cut
   * off; the focus on the amount, with its currency beside it. */
  card_row = ADW_COMBO_ROW (cp_ui_find_row (GTK_WIDGET (pay), "Pay With"));
  g_assert_true (adw_combo_row_get_use_subtitle (card_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (card_row)), ==,
                   "American Express •••• 0005 (primary)");
  focus = gtk_window_get_focus (pay);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, cp_ui_find_row (GTK_WIDGET (pay), "Amount")));
  {
    int start, end;

    /* All of it selected: typing replaces the total. */
    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (cp_ui_find_row (GTK_WIDGET (pay), "Amount")),
                                                      &start, &end));
    g_assert_cmpint (start, ==, 0);
    g_assert_cmpint (end, ==, (int) strlen ("245.00"));
  }
  currency = cp_ui_find_label (cp_ui_find_row (GTK_WIDGET (pay), "Amount"), "USD");
  g_assert_nonnull (currency);
  g_assert_true (cp_ui_is_showing (currency));
  cp_ui_shot (GTK_WIDGET (pay), "pay-dialog");
  /* As narrow as the main window goes: the card still shows in full. */
  gtk_window_set_default_size (pay, 360, 640);
  cp_test_ui_spin (200);
  cp_ui_shot (GTK_WIDGET (pay), "pay-dialog-360");

  adw_combo_row_set_selected (ADW_COMBO_ROW (cp_ui_find_row (GTK_WIDGET (pay), "Pay With")),
                              find_card_position (pay, "Visa •••• 0002"));
  /* Two presses in a row: one confirmation. */
  gtk_widget_activate_action (GTK_WIDGET (pay), "pay.pay", NULL);
  gtk_widget_activate_action (GTK_WIDGET (pay), "pay.pay", NULL);
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_object_unref (confirm);
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Pay"));
  /* In flight: Pay cannot be pressed again. */
  if (cp_pay_dialog_get_busy (CP_PAY_DIALOG (pay)))
    g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  g_assert_true (cp_test_ui_wait_for (declined_cb, pay, 10000));
  g_assert_cmpstr (cp_pay_dialog_get_page_name (CP_PAY_DIALOG (pay)), ==, "form");
  g_assert_cmpuint (cp_pay_dialog_get_n_attempts (CP_PAY_DIALOG (pay)), ==, 1);
  /* A decline is a definite answer: the next press is a new attempt. */
  g_assert_null (cp_pay_dialog_get_idempotency_key (CP_PAY_DIALOG (pay)));
  cp_ui_shot (GTK_WIDGET (pay), "cards-declined");

  /* A part of the amount due is fine; below 1.00 or above the amount due
   * is not, and Pay waits for a valid amount. */
  cp_ui_type (GTK_WIDGET (pay), "Amount", "0.50");
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  cp_ui_type (GTK_WIDGET (pay), "Amount", "100000");
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "Enter an amount between $1.00 and"));
  cp_ui_type (GTK_WIDGET (pay), "Amount", "abc");
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "as a number, such as 1,250.50"));
  /* Amounts are read as this locale (C) writes them, never guessed at. */
  cp_ui_type (GTK_WIDGET (pay), "Amount", "20,00");
  g_assert_false (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "are not clear. Write the amount as in 1,250.50"));
  cp_ui_shot (GTK_WIDGET (pay), "pay-amount-ambiguous");
  cp_ui_type (GTK_WIDGET (pay), "Amount", "20.00");
  g_assert_true (gtk_widget_is_sensitive (cp_ui_find_button (GTK_WIDGET (pay), "Pay")));

  /* Pay with the primary card instead. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (cp_ui_find_row (GTK_WIDGET (pay), "Pay With")),
                              find_card_position (pay, "American Express •••• 0005"));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Pay"));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_object_unref (confirm);
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Pay"));
  g_assert_nonnull (cp_ui_wait_button (GTK_WIDGET (pay), "Save as PDF", 15000));
  first_key = g_strdup (cp_pay_dialog_get_idempotency_key (CP_PAY_DIALOG (pay)));
  g_assert_nonnull (first_key);
  g_assert_cmpuint (cp_pay_dialog_get_n_attempts (CP_PAY_DIALOG (pay)), ==, 2);
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), "$20.00"));
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Done"));
  g_assert_true (cp_ui_wait_gone (pay, 5000));
  /* A part was paid: $225.00 still due. */
  g_assert_true (cp_test_ui_wait_for (balance_is, "$225.00", 10000));
}

static gboolean
bar_revealed_cb (gpointer data)
{
  return adw_view_switcher_bar_get_reveal (cp_customer_view_get_switcher_bar (view));
}

/* On a phone-sized window the switcher moves to a bar at the bottom. */
static void
test_narrow (void)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_widget_set_size_request (GTK_WIDGET (window), 360, 640);
  g_assert_true (cp_test_ui_wait_for (bar_revealed_cb, NULL, 5000));
  cp_ui_select_page (view, "cards");
  cp_ui_shot (GTK_WIDGET (window), "cards-narrow");
  cp_ui_select_page (view, "overview");
  cp_ui_shot (GTK_WIDGET (window), "overview-narrow");
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
  window = cp_ui_open_window (app);
  cp_ui_login (window, "grace@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, cp_ui_page (view, "overview"), 10000));
  cp_ui_select_page (view, "cards");
  wait_n_cards (1);

  g_test_add_func ("/ui/cards/fields", test_card_fields);
  g_test_add_func ("/ui/cards/fields-typed", test_card_fields_typed);
  g_test_add_func ("/ui/cards/expired-refused", test_expired_card_refused);
  g_test_add_func ("/ui/cards/expires-soon", test_expires_soon);
  g_test_add_func ("/ui/cards/own-history", test_own_history);
  g_test_add_func ("/ui/cards/declined", test_declined_card);
  g_test_add_func ("/ui/cards/narrow", test_narrow);

  status = g_test_run ();
  cp_ui_close_window (window);
  g_clear_object (&app);
  cp_test_server_stop (server);
  return status;
}
