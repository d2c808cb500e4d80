/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-add-card-dialog.h"
#include "cp-cards-page.h"
#include "cp-core.h"
#include "cp-history-page.h"
#include "cp-login-page.h"
#include "cp-overview-page.h"
#include "cp-pay-dialog.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * The customer's whole story, driven as a person would through the real
 * widgets against the real reference server (demo data): request an
 * invitation, read the code from the mail folder, set a password, see the
 * balance and the history, add two cards, make the second primary, delete
 * the first, pay an invoice, keep the receipt, and find the session still
 * there after a restart until logging out. Each step saves a screenshot.
 */

/* A demo customer with an email on file, an open invoice and no portal
 * account (see server/cp-demo.c: every third of the "others" owes). */
#define EMAIL "don@example.com"
#define PASSWORD "a-long-enough-passphrase"

static CpTestServer *server;

static gboolean
invitation_code_step (gpointer data)
{
  return cp_ui_find_label (data, "we sent it an email") != NULL;
}

static guint
n_cards (CpCustomerView *view)
{
  return g_list_model_get_n_items (cp_cards_page_get_cards (CP_CARDS_PAGE (cp_ui_page (view, "cards"))));
}

typedef struct
{
  CpCustomerView *view;
  guint n;
} WaitCards;

static gboolean
n_cards_cb (gpointer data)
{
  WaitCards *wait = data;
  CpCardsPage *page = CP_CARDS_PAGE (cp_ui_page (wait->view, "cards"));

  return n_cards (wait->view) == wait->n
         && g_strcmp0 (cp_page_get_state (CP_PAGE (page)), wait->n > 0 ? "list" : "empty") == 0;
}

static void
wait_n_cards (CpCustomerView *view,
              guint           n)
{
  WaitCards wait = { view, n };

  g_assert_true (cp_test_ui_wait_for (n_cards_cb, &wait, 10000));
}

static CpCard *
card_by_last4 (CpCustomerView *view,
               const char     *last4)
{
  GListModel *cards = cp_cards_page_get_cards (CP_CARDS_PAGE (cp_ui_page (view, "cards")));

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (cp_card_get_last4 (card), last4) == 0)
        return card;
    }
  return NULL;
}

typedef struct
{
  CpCustomerView *view;
  const char *last4;
} WaitPrimary;

static gboolean
primary_cb (gpointer data)
{
  WaitPrimary *wait = data;
  CpCard *card = card_by_last4 (wait->view, wait->last4);

  return card != NULL && cp_card_get_is_primary (card);
}

static gboolean
overview_ready_cb (gpointer data)
{
  CpOverviewPage *page = data;

  return g_strcmp0 (cp_page_get_state (CP_PAGE (page)), "content") == 0;
}

static gboolean
history_ready_cb (gpointer data)
{
  const char *state = cp_page_get_state (CP_PAGE (data));

  return g_strcmp0 (state, "list") == 0 || g_strcmp0 (state, "empty") == 0;
}

/* Adds a card through Add New Card, typing each field. */
static void
add_card (CpCustomerView *view,
          const char     *number,
          const char     *expiry,
          const char     *cvc,
          gboolean        primary,
          const char     *shot)
{
  g_autoptr(GtkWindow) dialog = NULL;
  GtkWidget *root;
  GtkWidget *number_row;
  GtkWidget *primary_switch;
  guint before = n_cards (view);

  /* <Ctrl>N, as the shortcuts window says. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.add-card", NULL));
  dialog = cp_ui_wait_window (CP_TYPE_ADD_CARD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  root = GTK_WIDGET (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Add New Card");

  cp_ui_type (root, "Card Number", number);
  number_row = cp_ui_find_row (root, "Card Number");
  /* Grouped as typed, and the brand shows. */
  g_assert_nonnull (strchr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ' '));
  cp_ui_type (root, "Expiry (MM/YY)", expiry);
  g_assert_nonnull (strchr (gtk_editable_get_text (GTK_EDITABLE (cp_ui_find_row (root, "Expiry (MM/YY)"))), '/'));
  cp_ui_type (root, "CVC", cvc);
  cp_ui_type (root, "Name on Card", "Donald Knuth");
  cp_ui_type (root, "ZIP Code", "62701");

  primary_switch = cp_ui_find_type (cp_ui_find_row (root, "Use as primary card"), GTK_TYPE_SWITCH);
  g_assert_nonnull (primary_switch);
  if (before == 0)
    {
      /* The first card is the primary one: on, and not to be turned off. */
      g_assert_true (gtk_switch_get_active (GTK_SWITCH (primary_switch)));
      g_assert_false (gtk_widget_is_sensitive (primary_switch));
    }
  else
    {
      g_assert_true (gtk_widget_is_sensitive (primary_switch));
      gtk_switch_set_active (GTK_SWITCH (primary_switch), primary);
    }

  cp_ui_shot (root, shot);
  cp_ui_click (cp_ui_find_button (root, "Save"));
  g_assert_true (cp_ui_wait_gone (dialog, 10000));
  wait_n_cards (view, before + 1);
}

static void
test_story (void)
{
  g_autoptr(CpApplication) app = cp_ui_app_new (server);
  g_autofree char *code = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pdf_data = NULL;
  g_autofree char *balance_before = NULL;
  gsize pdf_len = 0;
  CpWindow *window;
  CpCustomerView *view;
  CpOverviewPage *overview;
  CpCardsPage *cards_page;
  g_autoptr(GtkWindow) pay = NULL;
  GtkWindow *confirm;
  GtkWidget *row;
  CpCard *visa;
  CpCard *mastercard;
  CpReceiptPage *receipt;
  char *visa_id;

  /* 1. The login page; Request an invitation. */
  window = cp_ui_open_window (app);
  g_assert_true (cp_ui_wait_page (window, "login", 5000));
  cp_ui_shot (GTK_WIDGET (window), "story-01-login");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (window), "Request Invitation"));
  g_assert_true (cp_ui_wait_page (window, "invitation", 5000));
  cp_ui_type (GTK_WIDGET (window), "Email", EMAIL);
  cp_ui_shot (GTK_WIDGET (window), "story-02-invitation");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (window), "Send Code"));
  g_assert_true (cp_test_ui_wait_for (invitation_code_step, window, 10000));

  /* 2. The code from the mail folder, and a password. */
  code = cp_test_server_dup_last_code (server, EMAIL);
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (window), "The password needs at least"));
  cp_ui_type (GTK_WIDGET (window), "6-Digit Code", code);
  cp_ui_type (GTK_WIDGET (window), "New Password", PASSWORD);
  cp_ui_type (GTK_WIDGET (window), "Confirm Password", PASSWORD);
  cp_ui_shot (GTK_WIDGET (window), "story-03-code");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (window), "Create Account"));

  /* 3. Logged in: the balance. */
  view = cp_ui_wait_customer (window, 15000);
  overview = CP_OVERVIEW_PAGE (cp_ui_page (view, "overview"));
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, overview, 10000));
  balance_before = g_strdup (cp_overview_page_get_balance_text (overview));
  g_assert_nonnull (strchr (balance_before, '$'));
  g_assert_cmpstr (balance_before, !=, "$0.00");
  g_assert_cmpuint (g_list_model_get_n_items (cp_overview_page_get_open_invoices (overview)), >, 0);
  g_assert_nonnull (cp_ui_find_button (GTK_WIDGET (view), "Pay"));
  cp_ui_shot (GTK_WIDGET (window), "story-04-overview");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Show Paid Invoices"));
  cp_test_ui_spin (500);
  cp_ui_shot (GTK_WIDGET (window), "story-05-overview-paid");

  /* 4. The service history. */
  cp_ui_select_page (view, "history");
  g_assert_true (cp_test_ui_wait_for (history_ready_cb, cp_ui_page (view, "history"), 10000));
  cp_ui_shot (GTK_WIDGET (window), "story-06-history");

  /* 5. Saved Credit Cards: none yet; a primary card, then a second one. */
  cp_ui_select_page (view, "cards");
  cards_page = CP_CARDS_PAGE (cp_ui_page (view, "cards"));
  wait_n_cards (view, 0);
  cp_ui_shot (GTK_WIDGET (window), "story-07-no-cards");
  add_card (view, "4242424242424242", "1230", "123", TRUE, "story-08-add-card");
  visa = card_by_last4 (view, "4242");
  g_assert_nonnull (visa);
  g_assert_true (cp_card_get_is_primary (visa));
  cp_ui_shot (GTK_WIDGET (window), "story-09-one-card");

  add_card (view, "5555555555554444", "1129", "456", FALSE, "story-10-add-second-card");
  mastercard = card_by_last4 (view, "4444");
  g_assert_nonnull (mastercard);
  g_assert_false (cp_card_get_is_primary (mastercard));
  cp_ui_shot (GTK_WIDGET (window), "story-11-two-cards");

  /* 6. Set as Primary on the Mastercard. */
  row = cp_cards_page_get_row (cards_page, cp_card_get_id (mastercard));
  g_assert_nonnull (row);
  cp_ui_click (cp_ui_find_button (row, "Set as Primary"));
  {
    WaitPrimary wait = { view, "4444" };

    g_assert_true (cp_test_ui_wait_for (primary_cb, &wait, 10000));
  }
  visa = card_by_last4 (view, "4242");
  g_assert_false (cp_card_get_is_primary (visa));
  cp_test_ui_spin (200);
  cp_ui_shot (GTK_WIDGET (window), "story-12-set-primary");

  /* 7. Delete the Visa, after the confirmation that names it. */
  visa_id = g_strdup (cp_card_get_id (visa));
  row = cp_cards_page_get_row (cards_page, visa_id);
  cp_ui_click (cp_ui_find_button (row, "Delete"));
  confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_object_unref (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)),
                            "Visa •••• 4242"));
  cp_ui_shot (GTK_WIDGET (confirm), "story-13-confirm-delete");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Delete"));
  wait_n_cards (view, 1);
  g_assert_null (card_by_last4 (view, "4242"));
  g_assert_null (cp_cards_page_get_row (cards_page, visa_id));
  g_free (visa_id);
  cp_test_ui_spin (200);
  cp_ui_shot (GTK_WIDGET (window), "story-14-deleted");

  /* 8. Pay the open invoices with the primary card. */
  cp_ui_select_page (view, "overview");
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Pay"));
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_nonnull (pay);
  {
    GtkWidget *card_row = cp_ui_find_row (GTK_WIDGET (pay), "Pay With");
    GtkWidget *pay_button;

    g_assert_true (cp_test_ui_wait_for ((gboolean (*) (gpointer)) gtk_widget_is_sensitive,
                                        cp_ui_find_button (GTK_WIDGET (pay), "Pay"), 10000));
    g_assert_nonnull (card_row);
    /* The primary card is preselected. */
    g_assert_nonnull (cp_ui_find_label (card_row, "Mastercard •••• 4444"));
    cp_ui_shot (GTK_WIDGET (pay), "story-15-pay");

    pay_button = cp_ui_find_button (GTK_WIDGET (pay), "Pay");
    cp_ui_click (pay_button);
    confirm = cp_ui_wait_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
    g_assert_nonnull (confirm);
    g_object_unref (confirm);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                              "Mastercard •••• 4444"));
    cp_ui_shot (GTK_WIDGET (confirm), "story-16-confirm-pay");
    cp_ui_click (cp_ui_find_button (GTK_WIDGET (confirm), "Pay"));
  }

  /* 9. The receipt, saved as PDF. */
  g_assert_true (cp_ui_wait_button (GTK_WIDGET (pay), "Save as PDF", 15000) != NULL);
  g_assert_cmpuint (cp_pay_dialog_get_n_attempts (CP_PAY_DIALOG (pay)), ==, 1);
  receipt = cp_pay_dialog_get_receipt_page (CP_PAY_DIALOG (pay));
  g_assert_nonnull (receipt);
  g_assert_nonnull (cp_receipt_page_get_receipt_number (receipt));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), cp_receipt_page_get_receipt_number (receipt)));
  cp_ui_shot (GTK_WIDGET (pay), "story-17-receipt");
  pdf = g_build_filename (g_get_tmp_dir (), "cp-story-receipt.pdf", NULL);
  g_assert_true (cp_receipt_page_export_pdf (receipt, pdf, NULL));
  g_assert_true (g_file_get_contents (pdf, &pdf_data, &pdf_len, NULL));
  g_assert_cmpuint (pdf_len, >, 1000);
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF-"));
  g_unlink (pdf);
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (pay), "Done"));
  g_assert_true (cp_ui_wait_gone (pay, 5000));
  g_clear_object (&pay);
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, overview, 10000));
  cp_test_ui_spin (500);
  g_assert_cmpstr (cp_overview_page_get_balance_text (overview), ==, "$0.00");
  cp_ui_shot (GTK_WIDGET (window), "story-18-paid");

  /* 10. Close the window and open a new one, as starting the app again
   * does (a new client, the token looked up in the keyring afresh):
   * straight into the account, the login page never shows. */
  cp_ui_close_window (window);
  window = cp_window_new (app);
  g_assert_cmpstr (cp_window_get_page_name (window), ==, "restoring");
  {
    GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

    gtk_window_present (GTK_WINDOW (window));
    while (g_strcmp0 (cp_window_get_page_name (window), "account") != 0)
      {
        const char *page = cp_window_get_page_name (window);

        if (pages->len == 0 || g_strcmp0 (g_ptr_array_index (pages, pages->len - 1), page) != 0)
          g_ptr_array_add (pages, g_strdup (page));
        g_assert_cmpstr (page, !=, "login");
        g_main_context_iteration (NULL, TRUE);
      }
    g_ptr_array_unref (pages);
  }
  view = cp_ui_wait_customer (window, 10000);
  overview = CP_OVERVIEW_PAGE (cp_ui_page (view, "overview"));
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, overview, 10000));
  cp_ui_shot (GTK_WIDGET (window), "story-19-restored");

  /* 11. Log out: the login page, and the next start no longer restores. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL));
  g_assert_true (cp_ui_wait_page (window, "login", 5000));
  cp_test_ui_spin (300);
  cp_ui_shot (GTK_WIDGET (window), "story-20-logged-out");
  cp_ui_close_window (window);
  window = cp_ui_open_window (app);
  g_assert_true (cp_ui_wait_page (window, "login", 10000));
  cp_test_ui_spin (200);
  g_assert_cmpstr (cp_window_get_page_name (window), ==, "login");
  cp_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cp_test_ui_init (&argc, &argv);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);

  g_test_add_func ("/ui/customer/story", test_story);

  status = g_test_run ();
  cp_test_server_stop (server);
  return status;
}
