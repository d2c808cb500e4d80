/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-pay-dialog.h"
#include "cp-payment-row.h"
#include "cp-client-error.h"
#include "cp-ui-util.h"

/*
 * Pay: which open invoices (all by default), how much (the total due by
 * default; a part of it between 1.00 and the amount due is fine), with
 * which saved card (the primary one preselected), confirmed with a summary
 * naming card and amount. One idempotency key per payment attempt: a retry
 * of the same payment after a failed connection reuses it, so the customer
 * is never charged twice, and Pay is insensitive while a payment is in
 * flight. The receipt replaces the form when the payment succeeds. When the
 * portal answers that the payment is pending (the payment processor's
 * answer is not in), the dialog says so instead, asks again every few
 * seconds while it is open and updates in place; when it settles, a desktop
 * notification says so too (the dialog may be behind other windows).
 */
struct _CpPayDialog
{
  CpCustomerDialog parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkButton *cancel_button;
  GtkSpinner *spinner;
  GtkButton *pay_button;
  GtkListBox *invoice_list;
  GtkEditable *amount_entry;
  AdwComboRow *card_row;
  GtkEditable *memo_entry;
  AdwWindowTitle *form_title;
  GtkLabel *hint_label;
  GtkLabel *error_label;
  GtkButton *done_button;
  AdwBin *receipt_bin;
  AdwWindowTitle *receipt_title;
  GtkLabel *currency_label;        /* beside the amount */

  /* Owned */
  CpConfig *config;
  GListStore *invoices;            /* CpInvoice */
  GPtrArray *checks;               /* GtkCheckButton, one per invoice */
  GListStore *cards;               /* CpCard that can be charged */
  GtkStringList *card_names;
  CpReceiptPage *receipt_page;
  AdwMessageDialog *confirm_dialog;
  char *currency;
  guint minor_digits;
  gint64 due;                      /* of the invoices chosen */
  gboolean amount_edited;
  gboolean setting_amount;
  gboolean cards_loaded;
  gboolean busy;
  char *idempotency_key;
  char *key_signature;             /* what the key was made for */
  guint n_attempts;
  CpPayment *pending;              /* the payment shown as pending */
  CpCard *paid_card;
  GPtrArray *paid_invoices;
  guint recheck_id;
};

/* How often a pending payment is asked about while the dialog is open. */
#define RECHECK_SECONDS 5

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_INVOICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PAID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CpPayDialog, cp_pay_dialog, CP_TYPE_CUSTOMER_DIALOG)

/* The smallest payment the portal takes, in minor units (1.00). */
#define MIN_PAYMENT_MAJOR 1

static gint64
min_payment (CpPayDialog *self)
{
  gint64 min = MIN_PAYMENT_MAJOR;

  for (guint i = 0; i < self->minor_digits; i++)
    min *= 10;
  return min;
}

static char *
format_money (CpPayDialog *self,
              gint64       amount)
{
  g_autoptr(CpMoney) money = cp_money_new (amount, self->currency);

  return cp_money_format (money);
}

/* The amount as the user types it, in the locale's digits: "125.50", or
 * "125,50" in German; parse_amount() reads it back. */
static char *
format_plain (CpPayDialog *self,
              gint64       amount)
{
  g_autoptr(CpMoney) money = cp_money_new (amount, self->currency);

  return cp_money_format_number (money);
}

static CpCard *
selected_card (CpPayDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->card_row);

  if (selected == GTK_INVALID_LIST_POSITION
      || selected >= g_list_model_get_n_items (G_LIST_MODEL (self->cards)))
    return NULL;

  /* The store keeps it alive. */
  {
    g_autoptr(CpCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), selected);
    return card;
  }
}

static GPtrArray *
selected_invoices (CpPayDialog *self)
{
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (chosen, g_list_model_get_item (G_LIST_MODEL (self->invoices), i));
  return chosen;
}

static gboolean
parse_amount (CpPayDialog *self,
              gint64      *amount,
              GError     **error)
{
  return cp_money_parse (gtk_editable_get_text (self->amount_entry), self->currency, amount,
                         error);
}

/* What to do about an amount that cp_money_parse() refused, with an example
 * written the way this locale writes amounts (and so the field reads them). */
static char *
amount_problem (CpPayDialog  *self,
                const GError *error)
{
  g_autofree char *example = format_plain (self, self->minor_digits > 0 ? 125050 : 1250);

  switch (error->code)
    {
    case CP_MONEY_ERROR_EMPTY:
      /* Translators: %s is an example amount such as 1,250.50. */
      return g_strdup_printf (_("Enter the amount to pay, such as %s."), example);
    case CP_MONEY_ERROR_DECIMALS:
      if (self->minor_digits == 0)
        /* Translators: %s is a currency code such as JPY. */
        return g_strdup_printf (_("Amounts in %s have no decimals."), self->currency);
      /* Translators: %u is a number of decimals, %s an example amount such as 1,250.50. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Enter at most %u decimal, such as %s.",
                                           "Enter at most %u decimals, such as %s.",
                                           self->minor_digits),
                              self->minor_digits, example);
    case CP_MONEY_ERROR_AMBIGUOUS:
      /* Translators: %s is an example amount such as 1,250.50. */
      return g_strdup_printf (_("The decimals and the thousands are not clear. Write the "
                                "amount as in %s."), example);
    case CP_MONEY_ERROR_TOO_LARGE:
      return g_strdup (_("That amount is too large."));
    case CP_MONEY_ERROR_INVALID:
    default:
      /* Translators: %s is an example amount such as 1,250.50. */
      return g_strdup_printf (_("Enter the amount as a number, such as %s."), example);
    }
}

/* NULL when the amount typed can be paid; else what is wrong with it. */
static char *
amount_check (CpPayDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 amount;

  if (!parse_amount (self, &amount, &error))
    return amount_problem (self, error);
  if (amount < min_payment (self) || amount > self->due)
    {
      g_autofree char *low = format_money (self, min_payment (self));
      g_autofree char *high = format_money (self, self->due);

      if (self->due < min_payment (self))
        return g_strdup_printf (_("The amount due is below the smallest payment of %s."), low);
      /* Translators: both are amounts of money. */
      return g_strdup_printf (_("Enter an amount between %s and %s."), low, high);
    }
  return NULL;
}

/* NULL when the form can be paid; else what is wrong with it. */
static char *
form_problem (CpPayDialog *self)
{
  g_autoptr(GPtrArray) chosen = selected_invoices (self);
  char *problem;

  if (chosen->len == 0)
    return g_strdup (_("Choose at least one invoice to pay."));
  if ((problem = amount_check (self)) != NULL)
    return problem;
  if (!self->cards_loaded)
    return g_strdup (_("Loading your cards…"));
  if (selected_card (self) == NULL)
    return g_strdup (_("Add a card under Saved Credit Cards to pay online."));
  return NULL;
}

static void
set_error (CpPayDialog *self,
           const char  *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_form (CpPayDialog *self)
{
  g_autoptr(GPtrArray) chosen = selected_invoices (self);
  g_autofree char *problem = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  gint64 amount;

  self->due = 0;
  for (guint i = 0; i < chosen->len; i++)
    self->due += cp_money_get_amount (cp_invoice_get_balance (g_ptr_array_index (chosen, i)));

  /* Until the user types an amount, it follows the invoices chosen. */
  if (!self->amount_edited)
    {
      g_autofree char *text = format_plain (self, self->due);

      /* Only on a change, which would drop the selection. */
      if (g_strcmp0 (text, gtk_editable_get_text (self->amount_entry)) != 0)
        {
          self->setting_amount = TRUE;
          gtk_editable_set_text (self->amount_entry, text);
          self->setting_amount = FALSE;
        }
    }

  low = format_money (self, min_payment (self));
  high = format_money (self, self->due);
  hint = g_strdup_printf (_("You can pay the total due, %s, or part of it (at least %s)."),
                          high, low);
  gtk_label_set_text (self->hint_label, hint);

  problem = form_problem (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pay.pay", !self->busy && problem == NULL);
  if (parse_amount (self, &amount, NULL) && amount >= min_payment (self) && amount <= self->due)
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_entry), "error");
}

static void
set_busy (CpPayDialog *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->invoice_list), !busy);
  gtk_editable_set_editable (self->amount_entry, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->card_row), !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
  update_form (self);
}

static void
invoice_toggled_cb (CpPayDialog *self)
{
  set_error (self, NULL);
  update_form (self);
}

static void
amount_changed_cb (CpPayDialog *self)
{
  if (self->setting_amount)
    return;
  self->amount_edited = TRUE;
  set_error (self, NULL);
  update_form (self);

  /* Pay stays insensitive while the amount is wrong, so say why now. */
  {
    g_autofree char *problem = amount_check (self);

    set_error (self, problem);
  }
}

static void
build_invoice_rows (CpPayDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->invoices));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (G_LIST_MODEL (self->invoices), i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *amount = gtk_label_new (cp_invoice_get_balance_text (invoice));
      g_autofree char *title = g_strdup_printf (_("Invoice %s"), cp_invoice_get_number (invoice));
      g_autofree char *subtitle = g_strdup_printf (_("Due %s"), cp_invoice_get_due_on_text (invoice));
      g_autofree char *accessible = g_strdup_printf (_("Pay invoice %s, %s due"),
                                                     cp_invoice_get_number (invoice),
                                                     cp_invoice_get_balance_text (invoice));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (invoice_toggled_cb), self);
      gtk_widget_add_css_class (amount, "numeric");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      cp_ui_wrap_row_words (ADW_ACTION_ROW (row));
      /* After the row made its title the check's labelled-by. */
      cp_ui_set_accessible_name (check, accessible);
      gtk_list_box_append (self->invoice_list, row);
      g_ptr_array_add (self->checks, check);
    }
}

static void
cards_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = cp_client_list_payment_methods_finish (CP_CLIENT (source), result,
                                                                       &error);
  CpPayDialog *self;
  guint primary = GTK_INVALID_LIST_POSITION;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_PAY_DIALOG (user_data);

  if (cards == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      set_error (self, message);
      return;
    }

  self->cards_loaded = TRUE;
  /* The primary card first, then the others in the portal's order. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
      {
        g_autoptr(CpCard) card = g_list_model_get_item (cards, i);
        g_autofree char *name = NULL;

        /* An expired card cannot be charged. */
        if (cp_card_get_expired (card) || cp_card_get_is_primary (card) != (pass == 0))
          continue;

        if (cp_card_get_is_primary (card))
          {
            primary = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
            if (cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (self)))
              /* Translators: the office's card chooser: a card, e.g. "Visa •••• 4242",
               * marked (P) as the customer's primary one. */
              name = g_strdup_printf (_("%s (P)"), cp_card_get_title (card));
            else
              /* Translators: a card, e.g. "Visa •••• 4242", marked as the primary one. */
              name = g_strdup_printf (_("%s (primary)"), cp_card_get_title (card));
          }
        else
          name = g_strdup (cp_card_get_title (card));

        g_list_store_append (self->cards, card);
        gtk_string_list_append (self->card_names, name);
      }

  adw_combo_row_set_selected (self->card_row, primary != GTK_INVALID_LIST_POSITION ? primary : 0);
  update_form (self);
}

/* The invoices chosen or, with @payment, those of them the portal applied
 * its amount to (a part payment may reach only the first). */
static char *
invoice_numbers (CpPayment *payment,
                 GPtrArray *invoices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < invoices->len; i++)
    {
      CpInvoice *invoice = g_ptr_array_index (invoices, i);

      if (payment != NULL && !cp_payment_pays_invoice (payment, cp_invoice_get_id (invoice)))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, cp_invoice_get_number (invoice));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void recheck_start (CpPayDialog *self);

static void
show_receipt (CpPayDialog *self,
              CpPayment   *payment,
              CpCard      *card,
              GPtrArray   *invoices)
{
  g_autofree char *numbers = invoice_numbers (payment, invoices);
  gboolean pending = cp_payment_is_pending (payment);
  gboolean first = self->receipt_page == NULL;
  const char *title;

  if (first)
    {
      self->receipt_page = CP_RECEIPT_PAGE (cp_receipt_page_new ());
      adw_bin_set_child (self->receipt_bin, GTK_WIDGET (self->receipt_page));
    }
  cp_receipt_page_set_receipt (self->receipt_page,
                               self->config != NULL ? cp_config_get_company_name (self->config) : NULL,
                               cp_payment_get_receipt_number (payment),
                               cp_payment_get_amount_text (payment),
                               card != NULL ? cp_card_get_title (card) : "",
                               numbers,
                               cp_payment_get_created_at_text (payment));
  cp_receipt_page_set_status (self->receipt_page, cp_payment_get_status (payment),
                              cp_payment_get_failure_message (payment));
  if (cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (self))
      && g_str_equal (cp_payment_get_status (payment), "succeeded"))
    {
      /* Translators: the office's receipt: an amount ("$100.00"), then the
       * card ("Visa •••• 4242") */
      g_autofree char *text = g_strdup_printf (_("%s was charged to %s."),
                                               cp_payment_get_amount_text (payment),
                                               card != NULL ? cp_card_get_title (card) : "");

      cp_receipt_page_set_description (self->receipt_page, text);
    }
  else if (card != NULL && cp_card_get_is_bank_account (card)
           && g_str_equal (cp_payment_get_status (payment), "succeeded"))
    {
      /* Translators: "%s" is an amount of money such as "$125.50". */
      g_autofree char *text = g_strdup_printf (_("Thank you. %s was debited from your bank "
                                                 "account."),
                                               cp_payment_get_amount_text (payment));

      cp_receipt_page_set_description (self->receipt_page, text);
    }
  gtk_stack_set_visible_child_name (self->stack, "receipt");
  title = pending ? _("Payment Pending")
          : g_str_equal (cp_payment_get_status (payment), "failed") ? _("Payment Failed")
          : _("Receipt");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->receipt_title, title);
  if (first)
    gtk_widget_grab_focus (GTK_WIDGET (self->done_button));

  g_set_object (&self->pending, (pending ? payment : NULL));
  if (pending)
    {
      g_set_object (&self->paid_card, card);
      if (self->paid_invoices != invoices)
        {
          g_clear_pointer (&self->paid_invoices, g_ptr_array_unref);
          self->paid_invoices = g_ptr_array_ref (invoices);
        }
      recheck_start (self);
    }
}

static void
rechecked_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpPayment) payment = cp_client_get_payment_finish (CP_CLIENT (source), result,
                                                               &error);
  CpPayDialog *self = user_data;

  if (cp_ui_is_cancelled (error))
    return;
  if (payment == NULL || cp_payment_is_pending (payment))
    {
      /* Not yet (or the portal is away for now): ask again later. */
      recheck_start (self);
      return;
    }
  show_receipt (self, payment, self->paid_card, self->paid_invoices);
  cp_payment_row_notify_settled (payment);
  g_signal_emit (self, signals[SIGNAL_PAID], 0, payment);
}

static gboolean
recheck_cb (gpointer user_data)
{
  CpPayDialog *self = user_data;

  self->recheck_id = 0;
  if (self->pending == NULL)
    return G_SOURCE_REMOVE;
  cp_client_get_payment_async (cp_customer_dialog_get_client (CP_CUSTOMER_DIALOG (self)),
                               cp_customer_dialog_get_customer_id (CP_CUSTOMER_DIALOG (self)),
                               cp_payment_get_id (self->pending),
                               cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)),
                               rechecked_cb, self);
  return G_SOURCE_REMOVE;
}

static void
recheck_start (CpPayDialog *self)
{
  if (self->recheck_id == 0)
    self->recheck_id = g_timeout_add_seconds (RECHECK_SECONDS, recheck_cb, self);
}

typedef struct
{
  CpPayDialog *self;
  CpCard *card;
  GPtrArray *invoices;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_clear_object (&attempt->card);
  g_clear_pointer (&attempt->invoices, g_ptr_array_unref);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

static void
payment_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpPayment) payment = cp_client_create_payment_finish (CP_CLIENT (source), result,
                                                                  &error);
  CpPayDialog *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = attempt->self;

  set_busy (self, FALSE);
  if (payment == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      if (g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_NETWORK)
          || g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TIMEOUT)
          || g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INTERNAL)
          || g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE))
        {
          /* We cannot know whether the charge went through: keep the key,
           * so that paying again cannot charge twice. */
          g_autofree char *full = g_strdup_printf (_("%s Paying again is safe: you will not be "
                                                     "charged twice."), message);

          set_error (self, full);
        }
      else
        {
          /* A definite answer (e.g. declined): the next try is a new attempt. */
          g_clear_pointer (&self->idempotency_key, g_free);
          g_clear_pointer (&self->key_signature, g_free);
          set_error (self, message);
        }
      return;
    }

  show_receipt (self, payment, attempt->card, attempt->invoices);
  g_signal_emit (self, signals[SIGNAL_PAID], 0, payment);
}

static void
pay_now (CpPayDialog *self)
{
  g_autoptr(GPtrArray) chosen = selected_invoices (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(CpMoney) money = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *memo = NULL;
  Attempt *attempt;
  CpCard *card = selected_card (self);
  gint64 amount;

  if (self->busy || card == NULL || chosen->len == 0 || !parse_amount (self, &amount, NULL))
    return;

  for (guint i = 0; i < chosen->len; i++)
    g_ptr_array_add (ids, (gpointer) cp_invoice_get_id (g_ptr_array_index (chosen, i)));
  g_ptr_array_add (ids, NULL);
  joined = g_strjoinv (",", (char **) ids->pdata);
  memo = g_strstrip (g_strdup (gtk_editable_get_text (self->memo_entry)));
  /* The key is for this body: another memo is another payment attempt. */
  signature = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%s", joined, amount,
                               cp_card_get_id (card), memo);

  if (self->idempotency_key == NULL || g_strcmp0 (signature, self->key_signature) != 0)
    {
      g_free (self->idempotency_key);
      self->idempotency_key = cp_client_new_idempotency_key ();
      g_free (self->key_signature);
      self->key_signature = g_steal_pointer (&signature);
    }

  attempt = g_new0 (Attempt, 1);
  attempt->self = self;
  attempt->card = g_object_ref (card);
  attempt->invoices = g_ptr_array_ref (chosen);

  self->n_attempts++;
  set_error (self, NULL);
  set_busy (self, TRUE);
  money = cp_money_new (amount, self->currency);
  cp_client_create_payment_with_memo_async (cp_customer_dialog_get_client (CP_CUSTOMER_DIALOG (self)),
                                            cp_customer_dialog_get_customer_id (CP_CUSTOMER_DIALOG (self)),
                                            (const char * const *) ids->pdata, money,
                                            cp_card_get_id (card), memo, self->idempotency_key,
                                            cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)),
                                            payment_ready_cb, attempt);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CpPayDialog      *self)
{
  self->confirm_dialog = NULL;
  if (g_strcmp0 (response, "pay") == 0)
    pay_now (self);
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CpPayDialog *self = CP_PAY_DIALOG (widget);
  g_autoptr(GPtrArray) chosen = selected_invoices (self);
  g_autofree char *problem = form_problem (self);
  g_autofree char *amount_text = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  CpCard *card = selected_card (self);
  GtkWidget *dialog;
  gint64 amount;

  if (self->busy || self->confirm_dialog != NULL)
    return;
  if (problem != NULL)
    {
      set_error (self, problem);
      return;
    }

  parse_amount (self, &amount, NULL);
  amount_text = format_money (self, amount);
  numbers = invoice_numbers (NULL, chosen);
  /* Translators: %s is an amount of money. */
  heading = g_strdup_printf (_("Pay %s?"), amount_text);
  /* Translators: a card ("Visa •••• 4242"), an amount, invoice numbers. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s will be charged %s for invoice %s.",
                                       "%s will be charged %s for invoices %s.",
                                       chosen->len),
                          cp_card_get_title (card), amount_text, numbers);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "pay", _("_Pay"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "pay",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "pay");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  self->confirm_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
amount_activated_cb (CpPayDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pay.pay", NULL);
}

static void
card_selected_cb (CpPayDialog *self)
{
  set_error (self, NULL);
  update_form (self);
}

static gboolean
cp_pay_dialog_close_request (GtkWindow *window)
{
  CpPayDialog *self = CP_PAY_DIALOG (window);

  /* Leaving mid-payment would hide its outcome. */
  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (cp_pay_dialog_parent_class)->close_request (window);
}

static void
cp_pay_dialog_constructed (GObject *object)
{
  CpPayDialog *self = CP_PAY_DIALOG (object);
  CpCustomerDialog *dialog;

  G_OBJECT_CLASS (cp_pay_dialog_parent_class)->constructed (object);

  if (self->config != NULL)
    {
      g_free (self->currency);
      self->currency = g_strdup (cp_config_get_currency (self->config));
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->invoices)) > 0)
    {
      g_autoptr(CpInvoice) first = g_list_model_get_item (G_LIST_MODEL (self->invoices), 0);

      g_free (self->currency);
      self->currency = g_strdup (cp_money_get_currency (cp_invoice_get_balance (first)));
    }
  {
    g_autoptr(CpMoney) probe = cp_money_new (0, self->currency);

    self->minor_digits = cp_money_get_minor_digits (probe);
  }

  gtk_label_set_text (self->currency_label, self->currency);

  /* Taken over the phone: the office's title, and a memo of the call. */
  if (cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (self)))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Take a Payment"));
      adw_window_title_set_title (self->form_title, _("Take a Payment"));
      gtk_widget_set_visible (GTK_WIDGET (self->memo_entry), TRUE);
    }

  build_invoice_rows (self);
  update_form (self);

  /* The amount is what a person checks or changes first; the header bar's
   * Cancel, first in the focus chain, would otherwise take the focus. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->amount_entry));
  /* Selected, so that typing a part payment replaces the total. */
  gtk_editable_select_region (self->amount_entry, 0, -1);

  dialog = CP_CUSTOMER_DIALOG (self);
  if (cp_customer_dialog_get_client (dialog) != NULL
      && cp_customer_dialog_get_customer_id (dialog) != NULL)
    cp_client_list_payment_methods_async (cp_customer_dialog_get_client (dialog),
                                          cp_customer_dialog_get_customer_id (dialog),
                                          cp_customer_dialog_get_cancellable (dialog),
                                          cards_ready_cb, self);
}

static void
cp_pay_dialog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpPayDialog *self = CP_PAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    case PROP_INVOICES:
      g_value_set_object (value, self->invoices);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_pay_dialog_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpPayDialog *self = CP_PAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    case PROP_INVOICES:
      {
        GListModel *model = g_value_get_object (value);

        /* A copy: the overview may refresh while the dialog is open. */
        for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (model, i);

            g_list_store_append (self->invoices, item);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_pay_dialog_dispose (GObject *object)
{
  CpPayDialog *self = CP_PAY_DIALOG (object);

  g_cancellable_cancel (cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)));
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  g_clear_object (&self->pending);
  g_clear_object (&self->paid_card);
  g_clear_pointer (&self->paid_invoices, g_ptr_array_unref);
  if (self->confirm_dialog != NULL)
    {
      AdwMessageDialog *dialog = g_steal_pointer (&self->confirm_dialog);

      g_signal_handlers_disconnect_by_func (dialog, confirm_response_cb, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_PAY_DIALOG);

  g_clear_object (&self->config);

  G_OBJECT_CLASS (cp_pay_dialog_parent_class)->dispose (object);
}

static void
cp_pay_dialog_finalize (GObject *object)
{
  CpPayDialog *self = CP_PAY_DIALOG (object);

  g_clear_object (&self->invoices);
  g_clear_object (&self->cards);
  g_clear_object (&self->card_names);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->currency);
  g_free (self->idempotency_key);
  g_free (self->key_signature);

  G_OBJECT_CLASS (cp_pay_dialog_parent_class)->finalize (object);
}

static void
cp_pay_dialog_class_init (CpPayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cp_pay_dialog_constructed;
  object_class->get_property = cp_pay_dialog_get_property;
  object_class->set_property = cp_pay_dialog_set_property;
  object_class->dispose = cp_pay_dialog_dispose;
  object_class->finalize = cp_pay_dialog_finalize;
  window_class->close_request = cp_pay_dialog_close_request;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, CP_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVOICES] =
    g_param_spec_object ("invoices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpPayDialog::paid:
   * @payment: the payment made
   */
  signals[SIGNAL_PAID] =
    g_signal_new ("paid", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_PAYMENT);

  g_type_ensure (CP_TYPE_RECEIPT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-pay-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, pay_button);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, invoice_list);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, card_row);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, memo_entry);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, form_title);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, receipt_bin);
  gtk_widget_class_bind_template_child (widget_class, CpPayDialog, receipt_title);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_activated_cb);

  gtk_widget_class_install_action (widget_class, "pay.pay", NULL, pay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_pay_dialog_init (CpPayDialog *self)
{
  self->invoices = g_list_store_new (CP_TYPE_INVOICE);
  self->cards = g_list_store_new (CP_TYPE_CARD);
  self->card_names = gtk_string_list_new (NULL);
  self->checks = g_ptr_array_new ();
  self->currency = g_strdup ("USD");
  self->minor_digits = 2;

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_set_accessible_name (GTK_WIDGET (self->card_row), _("Payment method to charge"));

  /* The currency code, so that "125.50" is never read as another currency. */
  self->currency_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->currency_label), "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->amount_entry), GTK_WIDGET (self->currency_label));

  adw_combo_row_set_model (self->card_row, G_LIST_MODEL (self->card_names));
  g_signal_connect_swapped (self->card_row, "notify::selected", G_CALLBACK (card_selected_cb), self);
}

/**
 * cp_pay_dialog_new:
 * @config: (nullable): the portal configuration (company name, currency)
 * @open_invoices: a #GListModel of the open #CpInvoice; all are chosen at first
 *
 * Returns: (transfer floating): a new Pay dialog
 */
GtkWidget *
cp_pay_dialog_new (CpClient   *client,
                   const char *customer_id,
                   CpConfig   *config,
                   GListModel *open_invoices)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (open_invoices), NULL);

  return g_object_new (CP_TYPE_PAY_DIALOG,
                       "client", client,
                       "customer-id", customer_id,
                       "config", config,
                       "invoices", open_invoices,
                       NULL);
}

gboolean
cp_pay_dialog_get_busy (CpPayDialog *self)
{
  g_return_val_if_fail (CP_IS_PAY_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * cp_pay_dialog_get_idempotency_key:
 *
 * Returns: (nullable): the key of the current payment attempt
 */
const char *
cp_pay_dialog_get_idempotency_key (CpPayDialog *self)
{
  g_return_val_if_fail (CP_IS_PAY_DIALOG (self), NULL);

  return self->idempotency_key;
}

/**
 * cp_pay_dialog_get_receipt_page:
 *
 * Returns: (transfer none) (nullable): the receipt, once paid
 */
CpReceiptPage *
cp_pay_dialog_get_receipt_page (CpPayDialog *self)
{
  g_return_val_if_fail (CP_IS_PAY_DIALOG (self), NULL);

  return self->receipt_page;
}

/**
 * cp_pay_dialog_get_page_name:
 *
 * Returns: "form" or "receipt"
 */
const char *
cp_pay_dialog_get_page_name (CpPayDialog *self)
{
  g_return_val_if_fail (CP_IS_PAY_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cp_pay_dialog_get_n_attempts:
 *
 * Returns: how many payment requests this dialog started
 */
guint
cp_pay_dialog_get_n_attempts (CpPayDialog *self)
{
  g_return_val_if_fail (CP_IS_PAY_DIALOG (self), 0);

  return self->n_attempts;
}
