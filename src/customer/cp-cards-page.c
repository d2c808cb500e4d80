/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-add-bank-dialog.h"
#include "cp-add-card-dialog.h"
#include "cp-autopay-dialog.h"
#include "cp-autopay-off.h"
#include "cp-card-history-dialog.h"
#include "cp-card-row.h"
#include "cp-cards-page.h"
#include "cp-ui-util.h"

/*
 * Saved Credit Cards: each card as brand, last four digits and expiry, with
 * a Primary badge, an Expired badge or an "expires soon" warning; Set as
 * Primary; Delete after a confirmation that names the card; Add Card opens
 * the Add New Card dialog, Add Bank Account the Add Bank Account one (bank
 * accounts, ACH, are listed among the cards, without an expiry); View
 * History lists every change to them (who, when, in the app or through
 * the office), as the office sees it. AutoPay, above them: whether the
 * portal pays each invoice on its due date by itself and with which of
 * them, Set Up… (CpAutopayDialog, with its terms), Turn Off…, and the last
 * automatic payment that was declined. Deleting the method AutoPay pays
 * with asks for another one (agreeing to the terms for it) or turns
 * AutoPay off.
 */
struct _CpCardsPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkButton *add_button;
  GtkListView *list_view;
  AdwStatusPage *error_status;
  AdwActionRow *autopay_row;
  GtkButton *autopay_button;
  GtkWidget *autopay_off_button;
  AdwActionRow *autopay_failure_row;

  /* Owned */
  CpAutopay *autopay;
  GListStore *cards;
  GHashTable *busy_ids;            /* card ids with a change in flight */
  GHashTable *rows;                /* card id → its row, for the rows that exist */
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (CpCardsPage, cp_cards_page, CP_TYPE_PAGE)

/* The portal's words in one sentence of ours: each at most this long. */
#define SERVER_WORDS_MAX 300

static void
show (CpCardsPage *self,
      const char  *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  cp_page_set_state (CP_PAGE (self), state);
}

static CpCard *
find_card (CpCardsPage *self,
           const char  *card_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cards)); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      if (g_strcmp0 (cp_card_get_id (card), card_id) == 0)
        return card;
    }
  return NULL;
}

/* The list view makes rows for what is on screen and reuses them as it
 * scrolls: a row is made once (setup), then shows one card after another
 * (bind, unbind). */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = g_object_new (CP_TYPE_CARD_ROW, "actions", TRUE, NULL);

  gtk_widget_add_css_class (row, "card");
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CpCardsPage *self = user_data;
  CpCardRow *row = CP_CARD_ROW (gtk_list_item_get_child (item));
  CpCard *card = gtk_list_item_get_item (item);
  const char *id = cp_card_get_id (card);

  cp_card_row_set_card (row, card);
  cp_card_row_set_busy (row, g_hash_table_contains (self->busy_ids, id));
  /* GTK 4.8 names no list view row: the row that takes focus says the card. */
  cp_ui_name_list_item (item, cp_card_row_get_spoken_name (row));
  g_hash_table_replace (self->rows, g_strdup (id), row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CpCardsPage *self = user_data;
  CpCardRow *row = CP_CARD_ROW (gtk_list_item_get_child (item));
  CpCard *card = cp_card_row_get_card (row);

  if (card != NULL && g_hash_table_lookup (self->rows, cp_card_get_id (card)) == row)
    g_hash_table_remove (self->rows, cp_card_get_id (card));
}

static void
set_busy (CpCardsPage *self,
          const char  *card_id,
          gboolean     busy)
{
  GtkWidget *row = cp_cards_page_get_row (self, card_id);

  if (busy)
    g_hash_table_add (self->busy_ids, g_strdup (card_id));
  else
    g_hash_table_remove (self->busy_ids, card_id);
  if (row != NULL)
    cp_card_row_set_busy (CP_CARD_ROW (row), busy);
}

static void
update_state (CpCardsPage *self)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  show (self, g_list_model_get_n_items (G_LIST_MODEL (self->cards)) > 0 ? "list" : "empty");
}

static void
cards_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = cp_client_list_payment_methods_finish (CP_CLIENT (source), result,
                                                                       &error);
  CpCardsPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_CARDS_PAGE (user_data);

  if (cards == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      if (self->loaded)
        {
          /* Keep the list we have; say why it may be stale. */
          cp_ui_toast (GTK_WIDGET (self), message);
          return;
        }
      gtk_spinner_set_spinning (self->spinner, FALSE);
      adw_status_page_set_description (self->error_status, message);
      show (self, "error");
      return;
    }

  self->loaded = TRUE;
  {
    guint n = g_list_model_get_n_items (cards);
    g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (cards, i));
    g_list_store_splice (self->cards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cards)),
                         items->pdata, n);
  }
  update_state (self);
}

/* ---- AutoPay ------------------------------------------------------------ */

static void
show_autopay (CpCardsPage *self)
{
  CpAutopay *autopay = self->autopay;
  gboolean on = autopay != NULL && cp_autopay_get_enabled (autopay);
  const char *invoice = autopay != NULL ? cp_autopay_get_failure_invoice_number (autopay) : NULL;
  g_autofree char *subtitle = NULL;

  if (on)
    /* Translators: %s is a payment method, "Visa •••• 4242" */
    subtitle = g_strdup_printf (_("On: each invoice is paid on its due date with %s."),
                                cp_autopay_get_payment_method_title (autopay));
  else
    subtitle = g_strdup (_("Off: pay each invoice automatically on its due date."));
  adw_action_row_set_subtitle (self->autopay_row, subtitle);
  gtk_button_set_label (self->autopay_button, on ? _("Change…") : _("Set Up…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->autopay_button), autopay != NULL);
  gtk_widget_set_visible (self->autopay_off_button, on);

  gtk_widget_set_visible (GTK_WIDGET (self->autopay_failure_row), invoice != NULL);
  if (invoice != NULL)
    {
      g_autofree char *number = cp_ui_dup_bounded (invoice, SERVER_WORDS_MAX);
      g_autofree char *reason = cp_ui_dup_bounded (cp_autopay_get_failure_message (autopay),
                                                   SERVER_WORDS_MAX);
      g_autofree char *text = NULL;

      /* Translators: an invoice number, then the processor's reason */
      text = g_strdup_printf (_("%s: %s Pay it from the overview, or choose another payment "
                                "method for AutoPay."),
                              number, reason);
      adw_action_row_set_subtitle (self->autopay_failure_row, text);
    }
  cp_ui_wrap_row_words (self->autopay_failure_row);
}

static void
set_autopay (CpCardsPage *self,
             CpAutopay   *autopay)
{
  g_set_object (&self->autopay, autopay);
  show_autopay (self);
}

static void
autopay_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_get_autopay_finish (CP_CLIENT (source), result, &error);
  CpCardsPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_CARDS_PAGE (user_data);
  if (autopay == NULL)
    {
      g_autofree char *reason = cp_ui_error_message (error);
      /* Translators: why the AutoPay status could not be read */
      g_autofree char *text = g_strdup_printf (_("Could not load AutoPay: %s"), reason);

      /* What was shown may be stale: offer nothing on it. */
      g_clear_object (&self->autopay);
      show_autopay (self);
      adw_action_row_set_subtitle (self->autopay_row, text);
      cp_ui_wrap_row_words (self->autopay_row);
      return;
    }
  set_autopay (self, autopay);
}

static void
autopay_changed_cb (CpCardsPage *self,
                    CpAutopay   *autopay)
{
  set_autopay (self, autopay);
  cp_ui_toast (GTK_WIDGET (self), _("AutoPay is on"));
}

/**
 * cp_cards_page_set_up_autopay:
 *
 * Opens the AutoPay dialog (to turn it on, or to choose another method).
 *
 * Returns: (transfer none) (nullable): the dialog shown
 */
GtkWidget *
cp_cards_page_set_up_autopay (CpCardsPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  if (self->autopay == NULL || cp_page_get_client (CP_PAGE (self)) == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = cp_autopay_dialog_new (cp_page_get_client (CP_PAGE (self)),
                                  cp_page_get_customer_id (CP_PAGE (self)),
                                  G_LIST_MODEL (self->cards), self->autopay);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (autopay_changed_cb), self,
                           G_CONNECT_SWAPPED);
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
autopay_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cp_cards_page_set_up_autopay (CP_CARDS_PAGE (widget));
}

static void
turned_off (CpPage    *page,
            CpAutopay *autopay)
{
  set_autopay (CP_CARDS_PAGE (page), autopay);
}

static void
autopay_off_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpCardsPage *self = CP_CARDS_PAGE (widget);

  if (self->autopay == NULL || !cp_autopay_get_enabled (self->autopay))
    return;
  cp_autopay_confirm_turn_off (CP_PAGE (self),
                               _("Your invoices will no longer be paid automatically. Pay "
                                 "each one by its due date."),
                               self->autopay_off_button, turned_off);
}

/* Does AutoPay pay with @card? */
static gboolean
is_autopay_method (CpCardsPage *self,
                   CpCard      *card)
{
  return self->autopay != NULL && cp_autopay_pays_with (self->autopay, cp_card_get_id (card));
}

static void
cp_cards_page_reload (CpPage       *page,
                      GCancellable *cancellable)
{
  CpCardsPage *self = CP_CARDS_PAGE (page);

  if (!self->loaded)
    {
      show (self, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }
  cp_client_list_payment_methods_async (cp_page_get_client (page), cp_page_get_customer_id (page),
                                        cancellable, cards_ready_cb, self);
  cp_client_get_autopay_async (cp_page_get_client (page), cp_page_get_customer_id (page), NULL,
                               cancellable, autopay_ready_cb, self);
}

static void
card_saved_cb (CpCardsPage *self,
               CpCard      *card)
{
  g_autofree char *message = g_strdup_printf (_("%s was added"), cp_card_get_title (card));

  cp_ui_toast (GTK_WIDGET (self), message);
  cp_page_reload (CP_PAGE (self));
}

/**
 * cp_cards_page_add_card:
 *
 * Opens Add New Card.
 */
void
cp_cards_page_add_card (CpCardsPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;
  gboolean first;

  g_return_if_fail (CP_IS_CARDS_PAGE (self));

  if (cp_page_get_client (CP_PAGE (self)) == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  first = self->loaded && g_list_model_get_n_items (G_LIST_MODEL (self->cards)) == 0;
  dialog = cp_add_card_dialog_new (cp_page_get_client (CP_PAGE (self)),
                                   cp_page_get_customer_id (CP_PAGE (self)), first);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cp_cards_page_add_bank_account:
 *
 * Opens Add Bank Account.
 */
void
cp_cards_page_add_bank_account (CpCardsPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;
  gboolean first;

  g_return_if_fail (CP_IS_CARDS_PAGE (self));

  if (cp_page_get_client (CP_PAGE (self)) == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  first = self->loaded && g_list_model_get_n_items (G_LIST_MODEL (self->cards)) == 0;
  dialog = cp_add_bank_dialog_new (cp_page_get_client (CP_PAGE (self)),
                                   cp_page_get_customer_id (CP_PAGE (self)), first);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_bank_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cp_cards_page_add_bank_account (CP_CARDS_PAGE (widget));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  cp_cards_page_add_card (CP_CARDS_PAGE (widget));
}

/**
 * cp_cards_page_view_history:
 *
 * Opens the history of every change to the customer's saved cards.
 *
 * Returns: (transfer none) (nullable): the dialog shown
 */
CpCardHistoryDialog *
cp_cards_page_view_history (CpCardsPage *self)
{
  CpCardHistoryDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  if (cp_page_get_client (CP_PAGE (self)) == NULL || cp_page_get_customer_id (CP_PAGE (self)) == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = cp_card_history_dialog_new_own (cp_page_get_client (CP_PAGE (self)),
                                           cp_page_get_customer_id (CP_PAGE (self)));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cp_cards_page_view_history (CP_CARDS_PAGE (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_page_reload (CP_PAGE (widget));
}

typedef struct
{
  CpCardsPage *self;
  char *card_id;
  char *title;
} CardOp;

static void
card_op_free (CardOp *op)
{
  g_free (op->card_id);
  g_free (op->title);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardOp, card_op_free)

static CardOp *
card_op_new (CpCardsPage *self,
             CpCard      *card)
{
  CardOp *op = g_new0 (CardOp, 1);

  op->self = self;
  op->card_id = g_strdup (cp_card_get_id (card));
  op->title = g_strdup (cp_card_get_title (card));
  set_busy (self, op->card_id, TRUE);
  return op;
}

static void
card_op_done (CardOp     *op,
              const char *toast)
{
  set_busy (op->self, op->card_id, FALSE);
  if (toast != NULL)
    cp_ui_toast (GTK_WIDGET (op->self), toast);
  /* The server may have moved the primary badge too: read the list again. */
  cp_page_reload (CP_PAGE (op->self));
}

static void
set_primary_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CardOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) card = cp_client_set_primary_payment_method_finish (CP_CLIENT (source), result,
                                                                        &error);
  g_autofree char *message = NULL;

  if (cp_ui_is_cancelled (error))
    return;

  if (card == NULL)
    {
      g_autofree char *reason = cp_ui_error_message (error);

      message = g_strdup_printf (_("Could not make %s the primary card: %s"), op->title, reason);
    }
  else
    message = g_strdup_printf (_("%s is now the primary card"), op->title);
  card_op_done (op, message);
}

static void
set_primary_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpCardsPage *self = CP_CARDS_PAGE (widget);
  const char *card_id = g_variant_get_string (parameter, NULL);
  CpCard *card = find_card (self, card_id);

  if (card == NULL || g_hash_table_contains (self->busy_ids, card_id))
    return;

  cp_client_set_primary_payment_method_async (cp_page_get_client (CP_PAGE (self)),
                                              cp_page_get_customer_id (CP_PAGE (self)), card_id,
                                              cp_page_get_cancellable (CP_PAGE (self)),
                                              set_primary_ready_cb, card_op_new (self, card));
}

static void
delete_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CardOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cp_client_delete_payment_method_finish (CP_CLIENT (source), result, &error))
    {
      g_autofree char *reason = NULL;

      if (cp_ui_is_cancelled (error))
        return;
      reason = cp_ui_error_message (error);
      message = g_strdup_printf (_("Could not delete %s: %s"), op->title, reason);
    }
  else
    message = g_strdup_printf (_("%s was deleted"), op->title);
  card_op_done (op, message);
}

/* What becomes of AutoPay when the method it pays with is deleted: another
 * method (its terms agreed to in the confirmation), or off. */
typedef struct
{
  GListStore *others;              /* the methods AutoPay could move to */
  GtkDropDown *choice;             /* others…, then "Turn AutoPay off" */
  GtkLabel *terms;
  GtkCheckButton *agree;
  AdwMessageDialog *dialog;
  CpClient *client;
  char *customer_id;
  GCancellable *cancellable;
  CpAutopay *autopay;              /* its terms name terms_for */
  char *terms_for;
  char *terms_loading_for;
} AutopayChoice;

static void
autopay_choice_free (AutopayChoice *choice)
{
  g_cancellable_cancel (choice->cancellable);
  g_clear_object (&choice->cancellable);
  g_clear_object (&choice->others);
  g_clear_object (&choice->client);
  g_free (choice->customer_id);
  g_clear_object (&choice->autopay);
  g_free (choice->terms_for);
  g_free (choice->terms_loading_for);
  g_free (choice);
}

/* Returns: (transfer full) (nullable): the method AutoPay moves to, %NULL
 *   when it is to be turned off */
static CpCard *
autopay_choice_get_method (AutopayChoice *choice)
{
  guint selected = gtk_drop_down_get_selected (choice->choice);

  if (selected >= g_list_model_get_n_items (G_LIST_MODEL (choice->others)))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (choice->others), selected);
}

static void
autopay_choice_update (AutopayChoice *choice)
{
  g_autoptr(CpCard) card = autopay_choice_get_method (choice);
  gboolean shown = card != NULL && g_strcmp0 (choice->terms_for, cp_card_get_id (card)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (choice->terms), card != NULL);
  gtk_widget_set_visible (GTK_WIDGET (choice->agree), card != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (choice->agree), shown);
  adw_message_dialog_set_response_enabled (choice->dialog, "delete",
                                           card == NULL
                                           || (shown
                                               && gtk_check_button_get_active (choice->agree)));
}

static void
autopay_choice_terms_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_get_autopay_finish (CP_CLIENT (source), result, &error);
  AutopayChoice *choice;

  if (cp_ui_is_cancelled (error))
    return;
  choice = user_data;
  if (autopay == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);
      /* Translators: why the AutoPay terms could not be shown */
      g_autofree char *text = g_strdup_printf (_("Could not load the terms: %s"), message);

      g_clear_pointer (&choice->terms_loading_for, g_free);
      gtk_label_set_text (choice->terms, text);
    }
  else
    {
      g_set_object (&choice->autopay, autopay);
      g_free (choice->terms_for);
      choice->terms_for = g_steal_pointer (&choice->terms_loading_for);
      gtk_label_set_text (choice->terms, cp_autopay_get_terms_text (autopay));
    }
  autopay_choice_update (choice);
}

/* The terms for the method chosen, worded by the portal. */
static void
autopay_choice_load_terms (AutopayChoice *choice)
{
  g_autoptr(CpCard) card = autopay_choice_get_method (choice);

  g_cancellable_cancel (choice->cancellable);
  g_clear_object (&choice->cancellable);
  g_clear_pointer (&choice->terms_for, g_free);
  g_clear_pointer (&choice->terms_loading_for, g_free);
  if (card == NULL)
    return;
  gtk_label_set_text (choice->terms, _("Loading the terms…"));
  choice->cancellable = g_cancellable_new ();
  choice->terms_loading_for = g_strdup (cp_card_get_id (card));
  cp_client_get_autopay_async (choice->client, choice->customer_id, cp_card_get_id (card),
                               choice->cancellable, autopay_choice_terms_cb, choice);
}

static void
autopay_choice_selected_cb (AutopayChoice *choice)
{
  gtk_check_button_set_active (choice->agree, FALSE);
  autopay_choice_load_terms (choice);
  autopay_choice_update (choice);
}

/* Builds the choice into @dialog, for deleting @card, which AutoPay pays
 * with. */
static AutopayChoice *
autopay_choice_new (CpCardsPage      *self,
                    AdwMessageDialog *dialog,
                    CpCard           *card)
{
  AutopayChoice *choice = g_new0 (AutopayChoice, 1);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GListModel *cards = G_LIST_MODEL (self->cards);

  choice->others = g_list_store_new (CP_TYPE_CARD);
  choice->dialog = dialog;
  choice->client = g_object_ref (cp_page_get_client (CP_PAGE (self)));
  choice->customer_id = g_strdup (cp_page_get_customer_id (CP_PAGE (self)));
  choice->autopay = g_object_ref (self->autopay);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) other = g_list_model_get_item (cards, i);
      g_autofree char *name = NULL;

      if (other == card || cp_card_get_expired (other))
        continue;
      /* Translators: where AutoPay goes when its card is deleted: a card,
       * "Visa •••• 4242" */
      name = g_strdup_printf (_("AutoPay with %s"), cp_card_get_title (other));
      gtk_string_list_append (names, name);
      g_list_store_append (choice->others, other);
    }
  gtk_string_list_append (names, _("Turn AutoPay off"));

  choice->choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  cp_ui_set_accessible_name (GTK_WIDGET (choice->choice), _("AutoPay after deleting"));
  choice->terms = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (choice->terms, TRUE);
  gtk_label_set_xalign (choice->terms, 0);
  gtk_widget_add_css_class (GTK_WIDGET (choice->terms), "dim-label");
  choice->agree = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                                      _("I _agree to these terms")));
  /* GTK 4.8 would read out the underscore. */
  cp_ui_set_accessible_name (GTK_WIDGET (choice->agree), _("I agree to these terms"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (choice->choice));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (choice->terms));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (choice->agree));
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect_swapped (choice->choice, "notify::selected",
                            G_CALLBACK (autopay_choice_selected_cb), choice);
  g_signal_connect_swapped (choice->agree, "notify::active",
                            G_CALLBACK (autopay_choice_update), choice);
  autopay_choice_load_terms (choice);
  autopay_choice_update (choice);
  return choice;
}

static void
start_delete (CpCardsPage *self,
              CardOp      *op,
              gboolean     turn_off_autopay)
{
  cp_client_delete_payment_method_async (cp_page_get_client (CP_PAGE (self)),
                                         cp_page_get_customer_id (CP_PAGE (self)), op->card_id,
                                         turn_off_autopay,
                                         cp_page_get_cancellable (CP_PAGE (self)),
                                         delete_ready_cb, op);
}

/* AutoPay has moved to another method: now the old one can go. */
static void
autopay_moved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CardOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_set_autopay_finish (CP_CLIENT (source), result, &error);
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;

  if (cp_ui_is_cancelled (error))
    return;
  if (autopay != NULL)
    {
      CpCardsPage *self = op->self;

      set_autopay (self, autopay);
      start_delete (self, g_steal_pointer (&op), FALSE);
      return;
    }
  reason = cp_ui_error_message (error);
  /* Translators: a card, "Visa •••• 4242", then why */
  message = g_strdup_printf (_("Could not delete %s: %s"), op->title, reason);
  card_op_done (op, message);
}

static void
confirm_delete_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CpCardsPage      *self)
{
  const char *card_id = g_object_get_data (G_OBJECT (dialog), "card-id");
  AutopayChoice *choice = g_object_get_data (G_OBJECT (dialog), "autopay-choice");
  g_autoptr(CpCard) other = NULL;
  CpCard *card;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  card = find_card (self, card_id);
  if (card == NULL || g_hash_table_contains (self->busy_ids, card_id))
    return;

  if (choice == NULL)
    {
      start_delete (self, card_op_new (self, card), FALSE);
      return;
    }
  other = autopay_choice_get_method (choice);
  if (other == NULL)
    start_delete (self, card_op_new (self, card), TRUE);
  else
    cp_client_set_autopay_async (cp_page_get_client (CP_PAGE (self)),
                                 cp_page_get_customer_id (CP_PAGE (self)),
                                 cp_card_get_id (other),
                                 cp_autopay_get_terms_version (choice->autopay),
                                 cp_page_get_cancellable (CP_PAGE (self)), autopay_moved_cb,
                                 card_op_new (self, card));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpCardsPage *self = CP_CARDS_PAGE (widget);
  const char *card_id = g_variant_get_string (parameter, NULL);
  CpCard *card = find_card (self, card_id);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (card == NULL || g_hash_table_contains (self->busy_ids, card_id))
    return;

  heading = g_strdup_printf (_("Delete %s?"), cp_card_get_title (card));
  {
    gboolean promote = cp_card_get_is_primary (card)
                       && g_list_model_get_n_items (G_LIST_MODEL (self->cards)) > 1;
    g_autofree char *what = NULL;

    /* A bank account has no expiry to name. */
    if (cp_card_get_is_bank_account (card))
      /* Translators: %s is a bank account, e.g. "Stripe Test Bank •••• 6789" */
      what = g_strdup_printf (_("%s will no longer be available for payments."),
                              cp_card_get_title (card));
    else
      /* Translators: %s is a card, then its expiry: "Visa •••• 4242, expiring 12/2030, …" */
      what = g_strdup_printf (_("%s, expiring %s, will no longer be available for payments."),
                              cp_card_get_title (card), cp_card_get_expiry_text (card));
    body = promote
           ? g_strdup_printf ("%s %s", what,
                              _("Your most recently added payment method will become the "
                                "primary one."))
           : g_steal_pointer (&what);
    if (is_autopay_method (self, card))
      {
        char *with_autopay = g_strdup_printf ("%s %s", body,
                                              _("AutoPay pays your invoices with it: choose "
                                                "another payment method for AutoPay, or turn "
                                                "AutoPay off."));

        g_free (body);
        body = with_autopay;
      }
  }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "card-id", g_strdup (card_id), g_free);
  if (is_autopay_method (self, card))
    g_object_set_data_full (G_OBJECT (dialog), "autopay-choice",
                            autopay_choice_new (self, ADW_MESSAGE_DIALOG (dialog), card),
                            (GDestroyNotify) autopay_choice_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cp_cards_page_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template(): the bin's child is a template
   * child, and AdwBin unparents it itself. */

  G_OBJECT_CLASS (cp_cards_page_parent_class)->dispose (object);
}

static void
cp_cards_page_finalize (GObject *object)
{
  CpCardsPage *self = CP_CARDS_PAGE (object);

  g_clear_object (&self->cards);
  g_clear_object (&self->autopay);
  g_clear_pointer (&self->busy_ids, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (cp_cards_page_parent_class)->finalize (object);
}

static void
cp_cards_page_class_init (CpCardsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_cards_page_dispose;
  object_class->finalize = cp_cards_page_finalize;
  CP_PAGE_CLASS (klass)->reload = cp_cards_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-cards-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, autopay_row);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, autopay_button);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, autopay_off_button);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, autopay_failure_row);

  gtk_widget_class_install_action (widget_class, "cards.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "cards.add-bank", NULL, add_bank_action);
  gtk_widget_class_install_action (widget_class, "cards.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "cards.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "cards.set-primary", "s", set_primary_action);
  gtk_widget_class_install_action (widget_class, "cards.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "cards.autopay", NULL, autopay_action);
  gtk_widget_class_install_action (widget_class, "cards.autopay-off", NULL, autopay_off_action);
}

static void
cp_cards_page_init (CpCardsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->cards = g_list_store_new (CP_TYPE_CARD);
  self->busy_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_type_ensure (CP_TYPE_CARD_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->cards)))));
}

/**
 * cp_cards_page_get_cards:
 *
 * Returns: (transfer none): the saved cards shown, a #GListModel of #CpCard
 */
GListModel *
cp_cards_page_get_cards (CpCardsPage *self)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  return G_LIST_MODEL (self->cards);
}

/**
 * cp_cards_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row showing the card @card_id,
 *   if the list view made one (it makes rows for the cards on screen)
 */
GtkWidget *
cp_cards_page_get_row (CpCardsPage *self,
                       const char  *card_id)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  return g_hash_table_lookup (self->rows, card_id);
}

/**
 * cp_cards_page_get_n_rows:
 *
 * Returns: how many card rows exist: about a screenful, however many
 *   cards there are
 */
guint
cp_cards_page_get_n_rows (CpCardsPage *self)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), 0);

  return g_hash_table_size (self->rows);
}

/**
 * cp_cards_page_get_autopay:
 *
 * Returns: (transfer none) (nullable): the customer's AutoPay as last read
 */
CpAutopay *
cp_cards_page_get_autopay (CpCardsPage *self)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  return self->autopay;
}
