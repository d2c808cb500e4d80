/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-add-bank-dialog.h"
#include "cp-add-card-dialog.h"
#include "cp-autopay-off.h"
#include "cp-card-history-dialog.h"
#include "cp-card-row.h"
#include "cp-pay-dialog.h"
#include "cp-customer-record.h"
#include "cp-payment-row.h"
#include "cp-paged-view.h"
#include "cp-ui-util.h"
#include "cp-staff-format.h"

/* One customer's record as the office sees it: contact details, balance,
 * portal account, saved cards (as the customer sees them, with their
 * history), open invoices, payments and service history. The office desk
 * works from here: Add Payment Method (a card the customer reads out on the
 * phone, through the customer's own Add New Card dialog), Set as Primary
 * and Delete (confirmed) on a card, Take a Payment on an open invoice
 * (the customer's Pay dialog, with a memo). */
struct _CpCustomerRecord
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  AdwPreferencesPage *page;
  GtkWidget *notice_box;
  GtkLabel *notice_label;
  GtkLabel *name_label;
  AdwActionRow *email_row;
  AdwActionRow *phone_row;
  AdwActionRow *address_row;
  AdwActionRow *balance_row;
  AdwActionRow *portal_row;
  AdwActionRow *autopay_row;
  GtkWidget *autopay_off_button;
  GtkListBox *cards_list;
  GtkListBox *invoices_list;
  GtkListBox *visits_list;
  GtkListBox *payments_list;
  CpPagedView *payments_view;
  CpPagedView *invoices_view;
  CpPagedView *visits_view;
  GtkWidget *history_button;

  /* Owned */
  CpCustomer *customer;
  CpAutopay *autopay;
  GListStore *cards;
  CpPagedList *invoices;
  CpPagedList *visits;
  CpPagedList *payments;
  GtkLabel *cards_placeholder;
  guint n_pending;
  gboolean loading;
  guint recheck_id;                /* asks again while a payment is pending */
};

/* How often the record asks again about a payment that is pending while
 * it is on screen (as the Pay dialog does). */
#define RECHECK_SECONDS 5

G_DEFINE_FINAL_TYPE (CpCustomerRecord, cp_customer_record, CP_TYPE_PAGE)

/* The portal's words in one sentence of ours: each at most this long. */
#define SERVER_WORDS_MAX 300

enum {
  PROP_0,
  PROP_CUSTOMER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_loading (CpCustomerRecord *self)
{
  gboolean loading = cp_customer_record_get_loading (self);

  if (loading == self->loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_pending (CpCustomerRecord *self,
             guint             n_pending)
{
  self->n_pending = n_pending;
  update_loading (self);
}

static void
request_done (CpCustomerRecord *self)
{
  g_assert (self->n_pending > 0);
  set_pending (self, self->n_pending - 1);
}

static void
set_row_text (AdwActionRow *row,
              const char   *text,
              const char   *missing)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : missing);
}

static void
show_customer (CpCustomerRecord *self)
{
  CpCustomer *c = self->customer;

  gtk_label_set_text (self->name_label, cp_customer_get_name (c));
  set_row_text (self->email_row, cp_customer_get_email (c), _("No email on file"));
  set_row_text (self->phone_row, cp_customer_get_phone (c), _("No phone on file"));
  set_row_text (self->address_row, cp_customer_get_address (c), _("No address on file"));
  set_row_text (self->balance_row, cp_customer_get_balance_text (c), NULL);
  set_row_text (self->portal_row,
                cp_staff_format_portal_account (cp_customer_get_portal_account (c)), NULL);
}

static GtkWidget *
new_placeholder (GtkLabel **out)
{
  GtkWidget *label = gtk_label_new (_("Loading…"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  *out = GTK_LABEL (label);
  return label;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Server text is text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

/* The same pill badges as the customer's Saved Cards page. */
static GtkWidget *
new_badge (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, "cp-badge");
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/* The same row as on the customer's Saved Credit Cards page, with who
 * added the card and how instead of the expiry line, and no actions. */
static GtkWidget *
create_card_row (gpointer item,
                 gpointer user_data)
{
  g_autofree char *subtitle = cp_staff_format_card_subtitle (CP_CARD (item));
  GtkWidget *row = cp_card_row_new (CP_CARD (item));

  cp_card_row_set_details (CP_CARD_ROW (row), subtitle);
  /* Set as Primary and Delete: the record's "cards." actions. */
  cp_card_row_set_actions (CP_CARD_ROW (row), TRUE);
  return row;
}

static GtkWidget *
create_invoice_row (gpointer item,
                    gpointer user_data)
{
  CpInvoice *invoice = CP_INVOICE (item);
  /* TRANSLATORS: an invoice title, %s is its number */
  g_autofree char *title = g_strdup_printf (_("Invoice %s"), cp_invoice_get_number (invoice));
  /* TRANSLATORS: %s is a date, then the invoice's summary */
  g_autofree char *due = g_strdup_printf (_("Due %s"), cp_invoice_get_due_on_text (invoice));
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *amount;
  const char *summary = cp_invoice_get_summary (invoice);
  g_autoptr(GDateTime) now = NULL;

  subtitle = summary != NULL && *summary != '\0'
             ? g_strdup_printf ("%s · %s", due, summary) : g_strdup (due);
  row = new_row (title, subtitle);

  /* Past its due date: the office should know. */
  now = g_date_time_new_now_local ();
  if (cp_invoice_is_overdue (invoice, now))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_badge (_("Overdue"), "warning"));

  /* Held by a pending payment: still in the balance, not payable again. */
  if (cp_invoice_get_pending_text (invoice) != NULL)
    {
      /* TRANSLATORS: what a pending payment holds of an invoice, e.g. "$50.00 pending" */
      g_autofree char *text = g_strdup_printf (_("%s pending"),
                                               cp_invoice_get_pending_text (invoice));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_badge (text, "warning"));
    }

  amount = gtk_label_new (cp_invoice_get_balance_text (invoice));
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);

  {
    GtkWidget *take = gtk_button_new_with_mnemonic (_("_Take a Payment"));
    /* TRANSLATORS: the button's name for a screen reader: "Take a Payment:
     * Invoice INV-1042" (the visible words first) */
    g_autofree char *name = g_strdup_printf (_("Take a Payment: %s"), title);

    gtk_widget_set_valign (take, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (take), "record.take-payment");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (take), "s", cp_invoice_get_id (invoice));
    cp_ui_set_accessible_name (take, name);
    cp_ui_wrap_button_label (GTK_BUTTON (take));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), take);
  }
  return row;
}

/* A payment with its status (Pending, Succeeded, Failed) and how it was
 * made. */
static GtkWidget *
create_payment_row (gpointer item,
                    gpointer user_data)
{
  CpPayment *payment = CP_PAYMENT (item);
  const char *channel = cp_payment_get_channel (payment);
  const char *actor = cp_payment_get_actor_name (payment);
  const char *memo = cp_payment_get_memo (payment);
  g_autoptr(GString) details = g_string_new (NULL);

  /* The portal made it by itself, on the invoice's due date: no one to
   * name, and its memo says only that. */
  if (g_strcmp0 (channel, "autopay") == 0)
    return cp_payment_row_new (payment, _("AutoPay"));
  if (g_strcmp0 (channel, "office") == 0)
    /* TRANSLATORS: how a payment was made: taken by the office, by whom */
    g_string_append (details, _("Office"));
  else if (channel != NULL)
    /* TRANSLATORS: how a payment was made: by the customer in the portal */
    g_string_append (details, _("Portal"));
  if (actor != NULL && *actor != '\0')
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", actor);
  if (memo != NULL && *memo != '\0')
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", memo);

  return cp_payment_row_new (payment, details->str);
}

static GtkWidget *
create_visit_row (gpointer item,
                  gpointer user_data)
{
  CpVisit *visit = CP_VISIT (item);
  g_autofree char *title = g_strdup_printf ("%s · %s", cp_visit_get_date_text (visit),
                                            cp_visit_get_job_type (visit));
  g_autoptr(GString) subtitle = g_string_new (cp_visit_get_summary (visit));
  GtkWidget *row, *status;

  if (cp_visit_get_technician (visit) != NULL && *cp_visit_get_technician (visit) != '\0')
    /* TRANSLATORS: who did a service visit */
    g_string_append_printf (subtitle, " · %s", cp_visit_get_technician (visit));
  if (cp_visit_get_job_number (visit) != NULL)
    /* TRANSLATORS: a job's reference number */
    g_string_append_printf (subtitle, " · %s\u00a0%s", _("Job"), cp_visit_get_job_number (visit));

  row = new_row (title, subtitle->str);
  status = gtk_label_new (cp_staff_format_visit_status (cp_visit_get_status (visit)));
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

static void start_lists (CpCustomerRecord *self);

static void
show (CpCustomerRecord *self,
      const char       *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  cp_page_set_state (CP_PAGE (self), state);
}

static gboolean
has_pending_payment (CpCustomerRecord *self)
{
  GListModel *payments = G_LIST_MODEL (self->payments);

  for (guint i = 0; payments != NULL && i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(CpPayment) payment = g_list_model_get_item (payments, i);

      if (cp_payment_is_pending (payment))
        return TRUE;
    }
  return FALSE;
}

static void get_customer_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* A payment is pending: its invoice, the balance and the payments again,
 * in place (the rows are replaced when the answers are in). */
static gboolean
recheck_cb (gpointer user_data)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (user_data);
  CpPage *page = CP_PAGE (self);

  self->recheck_id = 0;
  if (cp_page_get_client (page) == NULL || cp_page_get_customer_id (page) == NULL)
    return G_SOURCE_REMOVE;
  set_pending (self, self->n_pending + 1);
  cp_client_get_customer_async (cp_page_get_client (page), cp_page_get_customer_id (page),
                                cp_page_get_cancellable (page), get_customer_cb, self);
  cp_paged_list_refresh (self->invoices);
  cp_paged_list_refresh (self->payments);
  return G_SOURCE_REMOVE;
}

static void
schedule_recheck (CpCustomerRecord *self)
{
  if (self->recheck_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || self->payments == NULL || cp_paged_list_get_loading (self->payments)
      || !has_pending_payment (self))
    return;
  self->recheck_id = g_timeout_add_seconds (RECHECK_SECONDS, recheck_cb, self);
}

static void
paged_loading_cb (CpCustomerRecord *self)
{
  update_loading (self);
  schedule_recheck (self);
}

static void
get_customer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CpCustomerRecord *self;
  g_autoptr(CpCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled means the record is gone or reloading: touch nothing. */
  customer = cp_client_get_customer_finish (CP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CP_CUSTOMER_RECORD (user_data);
  request_done (self);

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      show (self, "error");
      return;
    }

  g_set_object (&self->customer, customer);
  show_customer (self);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  show (self, "record");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

static void
list_cards_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CpCustomerRecord *self;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  cards = cp_client_list_payment_methods_finish (CP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CP_CUSTOMER_RECORD (user_data);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not load the saved cards: %s"),
                                               error->message);

      g_list_store_remove_all (self->cards);
      gtk_label_set_text (self->cards_placeholder, text);
      request_done (self);
      return;
    }

  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (cards, i));
  g_list_store_splice (self->cards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cards)),
                       items->pdata, items->len);
  gtk_label_set_text (self->cards_placeholder, _("No saved cards."));
  request_done (self);
}

/* ---- AutoPay ------------------------------------------------------------ */

/* The AutoPay row: whether it is on, with which method, who agreed when,
 * and the last automatic payment that was declined. The office can turn it
 * off (the customer's consent is theirs to give, so not on). */
static void
show_autopay (CpCustomerRecord *self)
{
  CpAutopay *autopay = self->autopay;
  g_autoptr(GString) text = g_string_new (NULL);

  if (autopay == NULL || !cp_autopay_get_enabled (autopay))
    g_string_append (text, _("Off"));
  else
    {
      g_autofree char *since = cp_format_date (cp_autopay_get_consent_accepted_at (autopay));
      g_autofree char *who = cp_ui_dup_bounded (cp_autopay_get_consent_actor_name (autopay),
                                                SERVER_WORDS_MAX);

      /* TRANSLATORS: %s is a payment method, "Visa •••• 4242" */
      g_string_append_printf (text, _("On: pays each invoice on its due date with %s."),
                              cp_autopay_get_payment_method_title (autopay));
      g_string_append_c (text, ' ');
      /* TRANSLATORS: who agreed to AutoPay ("Ada Lovelace"), then the date */
      g_string_append_printf (text, _("%s agreed on %s."), who, since);
    }
  if (autopay != NULL && cp_autopay_get_failure_invoice_number (autopay) != NULL)
    {
      g_autofree char *number = cp_ui_dup_bounded (cp_autopay_get_failure_invoice_number (autopay),
                                                   SERVER_WORDS_MAX);
      g_autofree char *reason = cp_ui_dup_bounded (cp_autopay_get_failure_message (autopay),
                                                   SERVER_WORDS_MAX);

      g_string_append_c (text, ' ');
      /* TRANSLATORS: an invoice number, then the processor's reason */
      g_string_append_printf (text, _("The automatic payment of %s was declined: %s"), number,
                              reason);
    }
  adw_action_row_set_subtitle (self->autopay_row, text->str);
  cp_ui_wrap_row_words (self->autopay_row);
  gtk_widget_set_visible (self->autopay_off_button,
                          autopay != NULL && cp_autopay_get_enabled (autopay));
}

static void
get_autopay_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_get_autopay_finish (CP_CLIENT (object), result,
                                                               &error);
  CpCustomerRecord *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_CUSTOMER_RECORD (user_data);
  if (autopay == NULL)
    {
      g_autofree char *reason = cp_ui_error_message (error);
      /* TRANSLATORS: why the AutoPay status could not be read */
      g_autofree char *text = g_strdup_printf (_("Could not load AutoPay: %s"), reason);

      g_clear_object (&self->autopay);
      adw_action_row_set_subtitle (self->autopay_row, text);
      cp_ui_wrap_row_words (self->autopay_row);
      gtk_widget_set_visible (self->autopay_off_button, FALSE);
    }
  else
    {
      g_set_object (&self->autopay, autopay);
      show_autopay (self);
    }
  request_done (self);
}

static void
turned_off (CpPage    *page,
            CpAutopay *autopay)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (page);

  g_set_object (&self->autopay, autopay);
  show_autopay (self);
}

/* Turn Off…: after a confirmation; recorded as the office's. */
static void
autopay_off_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  g_autofree char *body = NULL;

  if (self->autopay == NULL || !cp_autopay_get_enabled (self->autopay))
    return;

  /* TRANSLATORS: %s is the customer's name */
  body = g_strdup_printf (_("%s's invoices will no longer be paid automatically. Only the "
                            "customer can turn AutoPay on again, in the app."),
                          self->customer != NULL ? cp_customer_get_name (self->customer) : "");
  cp_autopay_confirm_turn_off (CP_PAGE (self), body, self->autopay_off_button, turned_off);
}

/* Does AutoPay pay with @card? */
static gboolean
is_autopay_method (CpCustomerRecord *self,
                   CpCard           *card)
{
  return self->autopay != NULL && cp_autopay_pays_with (self->autopay, cp_card_get_id (card));
}

/* The whole record, e.g. again after the customer changed a card. */
static void
cp_customer_record_reload (CpPage       *page,
                           GCancellable *cancellable)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (page);
  CpClient *client = cp_page_get_client (page);
  const char *customer_id = cp_page_get_customer_id (page);

  if (customer_id == NULL)
    return;
  if (self->invoices == NULL)
    start_lists (self);

  if (self->customer == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      show (self, "loading");
    }

  set_pending (self, 3);
  cp_client_get_customer_async (client, customer_id, cancellable, get_customer_cb, self);
  gtk_label_set_text (self->cards_placeholder, _("Loading…"));
  cp_client_list_payment_methods_async (client, customer_id, cancellable, list_cards_cb, self);
  cp_client_get_autopay_async (client, customer_id, NULL, cancellable, get_autopay_cb, self);
  cp_paged_list_refresh (self->invoices);
  cp_paged_list_refresh (self->payments);
  cp_paged_list_refresh (self->visits);
}

/* ---- The office desk --------------------------------------------------- */

static CpCard *
find_card (CpCustomerRecord *self,
           const char       *card_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cards)); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      if (g_strcmp0 (cp_card_get_id (card), card_id) == 0)
        return card;
    }
  return NULL;
}

static void
present_dialog (CpCustomerRecord *self,
                GtkWidget        *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
card_saved_cb (CpCustomerRecord *self,
               CpCard           *card)
{
  /* TRANSLATORS: %s is a card, e.g. "Visa •••• 4242" */
  g_autofree char *message = g_strdup_printf (_("%s was added"), cp_card_get_title (card));

  cp_ui_toast (GTK_WIDGET (self), message);
  cp_page_reload (CP_PAGE (self));
}

/* Add Payment Method › Credit Card: the customer's Add New Card dialog,
 * for the office; the card goes through the vault as there. */
static void
add_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpClient *client = cp_page_get_client (CP_PAGE (self));
  GtkWidget *dialog;

  if (client == NULL || cp_page_get_customer_id (CP_PAGE (self)) == NULL)
    return;

  dialog = g_object_new (CP_TYPE_ADD_CARD_DIALOG,
                         "client", client,
                         "customer-id", cp_page_get_customer_id (CP_PAGE (self)),
                         "first-card", g_list_model_get_n_items (G_LIST_MODEL (self->cards)) == 0,
                         "office", TRUE,
                         NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  present_dialog (self, dialog);
}

/* Add Payment Method › Bank Account: the customer's Add Bank Account
 * dialog, for the office; the numbers go to the processor's vault. */
static void
add_bank_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpClient *client = cp_page_get_client (CP_PAGE (self));
  GtkWidget *dialog;

  if (client == NULL || cp_page_get_customer_id (CP_PAGE (self)) == NULL)
    return;

  dialog = g_object_new (CP_TYPE_ADD_BANK_DIALOG,
                         "client", client,
                         "customer-id", cp_page_get_customer_id (CP_PAGE (self)),
                         "first-method",
                         g_list_model_get_n_items (G_LIST_MODEL (self->cards)) == 0,
                         "office", TRUE,
                         NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  present_dialog (self, dialog);
}

typedef struct
{
  GWeakRef self;
  char *title;
  gboolean deleting;
} CardOp;

static void
card_op_free (CardOp *op)
{
  g_weak_ref_clear (&op->self);
  g_free (op->title);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardOp, card_op_free)

static CardOp *
card_op_new (CpCustomerRecord *self,
             CpCard           *card,
             gboolean          deleting)
{
  CardOp *op = g_new0 (CardOp, 1);

  g_weak_ref_init (&op->self, self);
  op->title = g_strdup (cp_card_get_title (card));
  op->deleting = deleting;
  return op;
}

static void
card_changed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CardOp) op = user_data;
  g_autoptr(CpCustomerRecord) self = g_weak_ref_get (&op->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) card = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (op->deleting)
    ok = cp_client_delete_payment_method_finish (CP_CLIENT (source), result, &error);
  else
    ok = (card = cp_client_set_primary_payment_method_finish (CP_CLIENT (source), result,
                                                              &error)) != NULL;
  if (cp_ui_is_cancelled (error) || self == NULL)
    return;

  if (!ok)
    {
      g_autofree char *reason = cp_ui_error_message (error);

      /* TRANSLATORS: a card ("Visa •••• 4242"), then why */
      message = op->deleting ? g_strdup_printf (_("Could not delete %s: %s"), op->title, reason)
                             : g_strdup_printf (_("Could not make %s primary: %s"), op->title,
                                                reason);
    }
  else
    message = op->deleting ? g_strdup_printf (_("%s was deleted"), op->title)
                           : g_strdup_printf (_("%s is now the primary card"), op->title);
  cp_ui_toast (GTK_WIDGET (self), message);
  cp_page_reload (CP_PAGE (self));
}

static void
set_primary_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpCard *card = find_card (self, g_variant_get_string (parameter, NULL));

  if (card == NULL)
    return;
  cp_client_set_primary_payment_method_async (cp_page_get_client (CP_PAGE (self)),
                                              cp_page_get_customer_id (CP_PAGE (self)),
                                              cp_card_get_id (card),
                                              cp_page_get_cancellable (CP_PAGE (self)),
                                              card_changed_cb, card_op_new (self, card, FALSE));
}

static void
confirm_delete_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CpCustomerRecord *self)
{
  const char *card_id = g_object_get_data (G_OBJECT (dialog), "card-id");
  CpCard *card = find_card (self, card_id);

  if (g_strcmp0 (response, "delete") != 0 || card == NULL)
    return;
  cp_client_delete_payment_method_async (cp_page_get_client (CP_PAGE (self)),
                                         cp_page_get_customer_id (CP_PAGE (self)),
                                         cp_card_get_id (card), is_autopay_method (self, card),
                                         cp_page_get_cancellable (CP_PAGE (self)),
                                         card_changed_cb, card_op_new (self, card, TRUE));
}

/* Delete, after a confirmation naming the card and the customer. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpCard *card = find_card (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (card == NULL)
    return;

  /* TRANSLATORS: %s is a card, e.g. "Visa •••• 4242" */
  heading = g_strdup_printf (_("Delete %s?"), cp_card_get_title (card));
  /* TRANSLATORS: %s is the customer's name */
  body = cp_card_get_is_bank_account (card)
         /* TRANSLATORS: %s is the customer's name */
         ? g_strdup_printf (_("The bank account is removed from %s's saved payment methods. "
                              "The change is kept in the card history."),
                            self->customer != NULL ? cp_customer_get_name (self->customer) : "")
         : g_strdup_printf (_("The card is removed from %s's saved payment methods. The change "
                              "is kept in the card history."),
                            self->customer != NULL ? cp_customer_get_name (self->customer) : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "card-id", g_strdup (cp_card_get_id (card)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
paid_cb (CpCustomerRecord *self,
         CpPayment        *payment)
{
  /* The receipt stays up; the record behind it shows the new balance. */
  cp_page_reload (CP_PAGE (self));
}

/* Take a Payment on one open invoice: the customer's Pay dialog, with the
 * same amount rules and idempotency, for the office. */
static void
take_payment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpClient *client = cp_page_get_client (CP_PAGE (self));
  const char *invoice_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GListStore) chosen = g_list_store_new (CP_TYPE_INVOICE);
  GtkWidget *dialog;

  if (client == NULL || self->invoices == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->invoices)); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (G_LIST_MODEL (self->invoices), i);

      if (g_strcmp0 (cp_invoice_get_id (invoice), invoice_id) == 0)
        g_list_store_append (chosen, invoice);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (chosen)) == 0)
    return;

  dialog = g_object_new (CP_TYPE_PAY_DIALOG,
                         "client", client,
                         "customer-id", cp_page_get_customer_id (CP_PAGE (self)),
                         "config", cp_client_get_config (client),
                         "invoices", chosen,
                         "office", TRUE,
                         NULL);
  g_signal_connect_object (dialog, "paid", G_CALLBACK (paid_cb), self, G_CONNECT_SWAPPED);
  present_dialog (self, dialog);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_page_reload (CP_PAGE (widget));
}

static void
view_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpCardHistoryDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (cp_page_get_client (CP_PAGE (self)) == NULL)
    return;

  dialog = cp_card_history_dialog_new (cp_page_get_client (CP_PAGE (self)),
                                       cp_page_get_customer_id (CP_PAGE (self)),
                                       self->customer != NULL
                                       ? cp_customer_get_name (self->customer) : NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cp_customer_record_set_notice:
 * @notice: (nullable): a message shown at the top of the record, e.g. that
 *   a customer just booked can now request an invitation
 */
void
cp_customer_record_set_notice (CpCustomerRecord *self,
                               const char       *notice)
{
  g_return_if_fail (CP_IS_CUSTOMER_RECORD (self));

  gtk_label_set_text (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (self->notice_box, notice != NULL);
}

const char *
cp_customer_record_get_customer_id (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), NULL);

  return cp_page_get_customer_id (CP_PAGE (self));
}

/**
 * cp_customer_record_get_customer:
 *
 * Returns: (transfer none) (nullable): the record once loaded
 */
CpCustomer *
cp_customer_record_get_customer (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), NULL);

  return self->customer;
}

/**
 * cp_customer_record_get_cards:
 *
 * Returns: (transfer none): the #CpCard items shown under Payment Methods
 */
GListModel *
cp_customer_record_get_cards (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), NULL);

  return G_LIST_MODEL (self->cards);
}

/**
 * cp_customer_record_get_invoices:
 *
 * Returns: (transfer none) (nullable): the open #CpInvoice items shown, as
 *   far as loaded
 */
GListModel *
cp_customer_record_get_invoices (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), NULL);

  return self->invoices != NULL ? G_LIST_MODEL (self->invoices) : NULL;
}

/**
 * cp_customer_record_get_payments:
 *
 * Returns: (transfer none) (nullable): the #CpPayment items shown, newest
 *   first, as far as loaded
 */
GListModel *
cp_customer_record_get_payments (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), NULL);

  return self->payments != NULL ? G_LIST_MODEL (self->payments) : NULL;
}

/**
 * cp_customer_record_get_visits:
 *
 * Returns: (transfer none) (nullable): the #CpVisit items shown, newest
 *   first, as far as loaded
 */
GListModel *
cp_customer_record_get_visits (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), NULL);

  return self->visits != NULL ? G_LIST_MODEL (self->visits) : NULL;
}

gboolean
cp_customer_record_get_loading (CpCustomerRecord *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_RECORD (self), FALSE);

  return self->n_pending > 0
         || (self->invoices != NULL && cp_paged_list_get_loading (self->invoices))
         || (self->visits != NULL && cp_paged_list_get_loading (self->visits))
         || (self->payments != NULL && cp_paged_list_get_loading (self->payments));
}

CpCustomerRecord *
cp_customer_record_new (CpClient   *client,
                        const char *customer_id)
{
  CpCustomerRecord *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  self = g_object_new (CP_TYPE_CUSTOMER_RECORD, NULL);
  cp_page_set_client (CP_PAGE (self), client, customer_id);
  cp_page_reload (CP_PAGE (self));
  return self;
}

/* The record's two paged lists, for its client and customer. */
static void
start_lists (CpCustomerRecord *self)
{
  CpClient *client = cp_page_get_client (CP_PAGE (self));
  const char *customer_id = cp_page_get_customer_id (CP_PAGE (self));

  self->invoices = cp_paged_list_new_invoices (client, customer_id, CP_INVOICE_FILTER_OPEN);
  cp_paged_list_set_page_size (self->invoices, 25);
  g_signal_connect_swapped (self->invoices, "notify::loading", G_CALLBACK (paged_loading_cb), self);
  gtk_list_box_bind_model (self->invoices_list, G_LIST_MODEL (self->invoices),
                           create_invoice_row, NULL, NULL);
  cp_paged_view_set_model (self->invoices_view, self->invoices);

  self->payments = cp_paged_list_new_payments (client, customer_id);
  cp_paged_list_set_page_size (self->payments, 10);
  g_signal_connect_swapped (self->payments, "notify::loading", G_CALLBACK (paged_loading_cb), self);
  gtk_list_box_bind_model (self->payments_list, G_LIST_MODEL (self->payments),
                           create_payment_row, NULL, NULL);
  cp_paged_view_set_model (self->payments_view, self->payments);

  self->visits = cp_paged_list_new_service_history (client, customer_id);
  cp_paged_list_set_page_size (self->visits, 25);
  g_signal_connect_swapped (self->visits, "notify::loading", G_CALLBACK (paged_loading_cb), self);
  gtk_list_box_bind_model (self->visits_list, G_LIST_MODEL (self->visits),
                           create_visit_row, NULL, NULL);
  cp_paged_view_set_model (self->visits_view, self->visits);
}

static void
cp_customer_record_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, cp_customer_record_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
disconnect_list (CpCustomerRecord  *self,
                 CpPagedList      **list)
{
  if (*list == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*list, self);
  cp_paged_list_cancel (*list);
  g_clear_object (list);
}

static void
cp_customer_record_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cp_customer_record_parent_class)->map (widget);
  schedule_recheck (CP_CUSTOMER_RECORD (widget));
}

/* Off screen, nobody looks: no more asking. */
static void
cp_customer_record_unmap (GtkWidget *widget)
{
  g_clear_handle_id (&CP_CUSTOMER_RECORD (widget)->recheck_id, g_source_remove);
  GTK_WIDGET_CLASS (cp_customer_record_parent_class)->unmap (widget);
}

static void
cp_customer_record_dispose (GObject *object)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  disconnect_list (self, &self->invoices);
  disconnect_list (self, &self->visits);
  disconnect_list (self, &self->payments);
  g_clear_object (&self->customer);
  g_clear_object (&self->autopay);

  G_OBJECT_CLASS (cp_customer_record_parent_class)->dispose (object);
}

static void
cp_customer_record_finalize (GObject *object)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  g_clear_object (&self->cards);

  G_OBJECT_CLASS (cp_customer_record_parent_class)->finalize (object);
}

static void
cp_customer_record_class_init (CpCustomerRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cp_customer_record_get_property;
  object_class->dispose = cp_customer_record_dispose;
  widget_class->map = cp_customer_record_map;
  widget_class->unmap = cp_customer_record_unmap;
  object_class->finalize = cp_customer_record_finalize;
  CP_PAGE_CLASS (klass)->reload = cp_customer_record_reload;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, CP_TYPE_CUSTOMER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staff/cp-customer-record.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, stack);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, error_page);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, page);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, notice_box);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, name_label);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, email_row);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, address_row);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, balance_row);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, portal_row);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, autopay_row);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, autopay_off_button);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, cards_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, invoices_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, visits_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, payments_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, payments_view);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, invoices_view);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, visits_view);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, history_button);

  gtk_widget_class_install_action (widget_class, "record.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "record.autopay-off", NULL, autopay_off_action);
  gtk_widget_class_install_action (widget_class, "record.view-history", NULL, view_history_action);
  gtk_widget_class_install_action (widget_class, "record.add-card", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "record.add-bank", NULL, add_bank_action);
  gtk_widget_class_install_action (widget_class, "record.take-payment", "s", take_payment_action);
  gtk_widget_class_install_action (widget_class, "cards.set-primary", "s", set_primary_action);
  gtk_widget_class_install_action (widget_class, "cards.delete", "s", delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "record.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "record.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "record.view-history", NULL);
}

static void
cp_customer_record_init (CpCustomerRecord *self)
{
  g_type_ensure (CP_TYPE_PAGED_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->cards = g_list_store_new (CP_TYPE_CARD);
  gtk_list_box_bind_model (self->cards_list, G_LIST_MODEL (self->cards),
                           create_card_row, NULL, NULL);
  gtk_list_box_set_placeholder (self->cards_list, new_placeholder (&self->cards_placeholder));
}
