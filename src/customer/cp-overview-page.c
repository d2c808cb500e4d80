/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-bench-mark.h"
#include "cp-overview-page.h"
#include "cp-payment-row.h"
#include "cp-ui-util.h"

/*
 * The balance, large; the open invoices (number, dates, amount due, what
 * a pending payment holds of it) with Pay; the recent payments with their
 * status; the paid invoices when asked for. While online payments are off,
 * Pay gives way to one line saying so. While a payment is pending and the
 * page is on screen, it asks again every few seconds and updates in place.
 */
struct _CpOverviewPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkLabel *greeting_label;
  GtkLabel *balance_label;
  GtkButton *pay_button;
  GtkLabel *payments_off_label;
  AdwPreferencesGroup *open_group;
  GtkListBox *open_list;
  AdwPreferencesGroup *payments_group;
  GtkListBox *payments_list;
  AdwPreferencesGroup *paid_group;
  GtkToggleButton *paid_toggle;
  GtkStack *paid_stack;
  GtkSpinner *paid_spinner;
  GtkListBox *paid_list;
  AdwStatusPage *error_status;

  /* Owned */
  GCancellable *load;              /* of the current load (CpPage cancels it) */
  GListStore *open_invoices;
  GListStore *paid_invoices;
  GListStore *payments;
  GHashTable *pending_ids;         /* payments shown pending, to tell when they settle */
  GtkWidget *paid_placeholder;
  guint recheck_id;
  gboolean online_payments;
  gboolean paid_loaded;
  gboolean shown_once;
  guint pending;                   /* replies still awaited by the current load */
  GError *load_error;
};

enum {
  SIGNAL_PAY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CpOverviewPage, cp_overview_page, CP_TYPE_PAGE)

/* The newest payments shown, and how often a pending one is asked about
 * again while the page is on screen (as the Pay dialog does). */
#define N_RECENT_PAYMENTS 5
#define RECHECK_SECONDS 5

/* Something is left to pay: an open invoice whose balance is not all held
 * by a pending payment (that cannot be paid twice). */
static gboolean
has_payable (CpOverviewPage *self)
{
  GListModel *invoices = G_LIST_MODEL (self->open_invoices);

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (invoices, i);
      const CpMoney *pending = cp_invoice_get_pending (invoice);

      if (pending == NULL
          || cp_money_get_amount (pending) < cp_money_get_amount (cp_invoice_get_balance (invoice)))
        return TRUE;
    }
  return FALSE;
}

static void
update_pay (CpOverviewPage *self)
{
  gboolean can_pay = self->online_payments && has_payable (self);

  gtk_widget_set_visible (GTK_WIDGET (self->pay_button), self->online_payments);
  gtk_widget_set_visible (GTK_WIDGET (self->payments_off_label), !self->online_payments);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.pay", can_pay);
}

static GtkWidget *
make_placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
make_badge (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "badge");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
make_invoice_row (CpInvoice *invoice,
                  gboolean   paid)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *amount;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean overdue = FALSE;

  title = g_strdup_printf (_("Invoice %s"), cp_invoice_get_number (invoice));
  if (paid)
    subtitle = g_strdup_printf (_("Issued %s"), cp_invoice_get_issued_on_text (invoice));
  else
    {
      overdue = cp_invoice_is_overdue (invoice, now);
      /* Translators: the first %s is the date issued, the second the due date. */
      subtitle = g_strdup_printf (_("Issued %s · Due %s"), cp_invoice_get_issued_on_text (invoice),
                                  cp_invoice_get_due_on_text (invoice));
    }
  if (cp_invoice_get_summary (invoice) != NULL && cp_invoice_get_summary (invoice)[0] != '\0')
    {
      char *with_summary = g_strdup_printf ("%s\n%s", cp_invoice_get_summary (invoice), subtitle);

      g_free (subtitle);
      subtitle = with_summary;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* The number and the summary come from the server: bounded. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (overdue)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (_("Overdue"), "warning"));
  if (paid)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (_("Paid"), "success"));
  /* Held by a pending payment: still in the balance, not payable again. */
  if (!paid && cp_invoice_get_pending_text (invoice) != NULL)
    {
      /* Translators: what a pending payment holds of an invoice, e.g. "$50.00 pending" */
      g_autofree char *text = g_strdup_printf (_("%s pending"),
                                               cp_invoice_get_pending_text (invoice));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (text, "warning"));
    }

  amount = gtk_label_new (paid ? cp_invoice_get_total_text (invoice)
                               : cp_invoice_get_balance_text (invoice));
  gtk_widget_add_css_class (amount, "heading");
  gtk_widget_add_css_class (amount, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);

  if (paid)
    accessible = g_strdup_printf (_("Invoice %s, paid, total %s"), cp_invoice_get_number (invoice),
                                  cp_invoice_get_total_text (invoice));
  else if (cp_invoice_get_pending_text (invoice) != NULL)
    /* Translators: an open invoice with a pending payment: its number, due
     * date, amount due, then what the pending payment holds */
    accessible = g_strdup_printf (_("Invoice %s, due %s, amount due %s, %s pending"),
                                  cp_invoice_get_number (invoice),
                                  cp_invoice_get_due_on_text (invoice),
                                  cp_invoice_get_balance_text (invoice),
                                  cp_invoice_get_pending_text (invoice));
  else
    accessible = g_strdup_printf (_("Invoice %s, due %s, amount due %s"),
                                  cp_invoice_get_number (invoice),
                                  cp_invoice_get_due_on_text (invoice),
                                  cp_invoice_get_balance_text (invoice));
  cp_ui_set_accessible_name (row, accessible);
  cp_ui_wrap_row_words (ADW_ACTION_ROW (row));
  return row;
}

/* The invoice lists are models bound to their list boxes: a page of
 * invoices is one splice, and the rows follow. A page is at most 100
 * invoices (the core refuses a longer one). */
static GtkWidget *
open_row_cb (gpointer item,
             gpointer user_data)
{
  return make_invoice_row (CP_INVOICE (item), FALSE);
}

static GtkWidget *
paid_row_cb (gpointer item,
             gpointer user_data)
{
  return make_invoice_row (CP_INVOICE (item), TRUE);
}

static GtkWidget *
payment_row_cb (gpointer item,
                gpointer user_data)
{
  /* A payment AutoPay made says so. */
  return cp_payment_row_new (CP_PAYMENT (item),
                             g_strcmp0 (cp_payment_get_channel (CP_PAYMENT (item)), "autopay") == 0
                             ? _("AutoPay") : NULL);
}

static void
replace_invoices (GListStore *store,
                  GListModel *invoices)
{
  guint n = invoices != NULL ? g_list_model_get_n_items (invoices) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (invoices, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata,
                       items->len);
}

static void
show_open_invoices (CpOverviewPage *self)
{
  update_pay (self);
}

static void
show (CpOverviewPage *self,
      const char     *state)
{
  /* The first page shown appears at once; later changes crossfade. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0
      && !self->shown_once)
    {
      self->shown_once = g_strcmp0 (state, "loading") != 0;
      gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child_name (self->stack, state);
      gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
      cp_page_set_state (CP_PAGE (self), state);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, state);
  cp_page_set_state (CP_PAGE (self), state);
}

/* Something shown waits for the payment processor: a pending payment, or
 * an invoice it holds. */
static gboolean
has_pending (CpOverviewPage *self)
{
  GListModel *payments = G_LIST_MODEL (self->payments);
  GListModel *invoices = G_LIST_MODEL (self->open_invoices);

  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(CpPayment) payment = g_list_model_get_item (payments, i);

      if (cp_payment_is_pending (payment))
        return TRUE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (invoices, i);

      if (cp_invoice_get_pending (invoice) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
recheck_cb (gpointer user_data)
{
  CpOverviewPage *self = CP_OVERVIEW_PAGE (user_data);

  self->recheck_id = 0;
  /* The page as it is, refreshed in place (the spinner only at first). */
  cp_page_reload (CP_PAGE (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_recheck (CpOverviewPage *self)
{
  if (self->recheck_id != 0 || self->pending > 0 || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || !has_pending (self))
    return;
  self->recheck_id = g_timeout_add_seconds (RECHECK_SECONDS, recheck_cb, self);
}

static void
load_finished (CpOverviewPage *self)
{
  g_assert (self->pending > 0);
  if (--self->pending > 0)
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (self->load_error != NULL)
    {
      g_autofree char *message = cp_ui_error_message (self->load_error);

      /* A refresh that failed leaves what is shown in place: the window's
       * banner says when the portal cannot be reached, a toast says any
       * other reason. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "content") == 0)
        {
          if (!cp_ui_is_unreachable (self->load_error))
            cp_ui_toast (GTK_WIDGET (self), message);
          show_open_invoices (self);
          schedule_recheck (self);
          return;
        }
      adw_status_page_set_description (self->error_status, message);
      show (self, "error");
      return;
    }

  show_open_invoices (self);
  show (self, "content");
  cp_bench_mark_next_frame (GTK_WIDGET (self), "balance");
  schedule_recheck (self);
}

static void
customer_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCustomer) customer = cp_client_get_customer_finish (CP_CLIENT (source), result,
                                                                  &error);
  CpOverviewPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_OVERVIEW_PAGE (user_data);

  if (customer == NULL)
    {
      if (self->load_error == NULL)
        self->load_error = g_steal_pointer (&error);
    }
  else
    {
      g_autofree char *accessible = g_strdup_printf (_("Balance: %s"),
                                                     cp_customer_get_balance_text (customer));

      cp_ui_set_server_text (self->greeting_label, cp_customer_get_name (customer), 2);
      gtk_label_set_text (self->balance_label, cp_customer_get_balance_text (customer));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->balance_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }

  load_finished (self);
}

static void
open_invoices_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  g_autoptr(GListModel) invoices = cp_client_list_invoices_finish (CP_CLIENT (source), result,
                                                                   &next_cursor, &error);
  CpOverviewPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_OVERVIEW_PAGE (user_data);

  if (invoices == NULL)
    {
      if (self->load_error == NULL)
        self->load_error = g_steal_pointer (&error);
    }
  else
    replace_invoices (self->open_invoices, invoices);

  load_finished (self);
}

static void
paid_invoices_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  g_autoptr(GListModel) invoices = cp_client_list_invoices_finish (CP_CLIENT (source), result,
                                                                   &next_cursor, &error);
  CpOverviewPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_OVERVIEW_PAGE (user_data);

  gtk_stack_set_visible_child_name (self->paid_stack, "list");
  gtk_spinner_set_spinning (self->paid_spinner, FALSE);
  if (invoices == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      replace_invoices (self->paid_invoices, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->paid_placeholder), message);
      return;
    }

  self->paid_loaded = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->paid_placeholder),
                                 _("No paid invoices yet."));
  replace_invoices (self->paid_invoices, invoices);
}

static void
payments_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  g_autoptr(GListModel) payments = cp_client_list_payments_finish (CP_CLIENT (source), result,
                                                                   &next_cursor, &error);
  CpOverviewPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_OVERVIEW_PAGE (user_data);

  if (payments == NULL)
    {
      if (self->load_error == NULL)
        self->load_error = g_steal_pointer (&error);
    }
  else
    {
      /* One shown pending before and settled now: a desktop notification
       * (the app may be in the background). */
      for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
        {
          g_autoptr(CpPayment) payment = g_list_model_get_item (payments, i);
          const char *id = cp_payment_get_id (payment);

          if (cp_payment_is_pending (payment))
            g_hash_table_add (self->pending_ids, g_strdup (id));
          else if (g_hash_table_remove (self->pending_ids, id))
            cp_payment_row_notify_settled (payment);
        }
      replace_invoices (self->payments, payments);
      gtk_widget_set_visible (GTK_WIDGET (self->payments_group),
                              g_list_model_get_n_items (payments) > 0);
    }

  load_finished (self);
}

static void
load_paid (CpOverviewPage *self)
{
  gtk_stack_set_visible_child_name (self->paid_stack, "loading");
  gtk_spinner_set_spinning (self->paid_spinner, TRUE);
  cp_client_list_invoices_async (cp_page_get_client (CP_PAGE (self)),
                                 cp_page_get_customer_id (CP_PAGE (self)),
                                 CP_INVOICE_FILTER_PAID, NULL, 100, self->load,
                                 paid_invoices_ready_cb, self);
}

static void
paid_toggled_cb (CpOverviewPage *self)
{
  gboolean show = gtk_toggle_button_get_active (self->paid_toggle);

  gtk_button_set_label (GTK_BUTTON (self->paid_toggle),
                        show ? _("Hide Paid Invoices") : _("Show Paid Invoices"));
  gtk_widget_set_visible (GTK_WIDGET (self->paid_stack), show);
  if (show && !self->paid_loaded && self->load != NULL)
    load_paid (self);
}

/* The balance and open invoices (and the paid ones when shown). */
static void
cp_overview_page_reload (CpPage       *page,
                         GCancellable *cancellable)
{
  CpOverviewPage *self = CP_OVERVIEW_PAGE (page);
  CpClient *client = cp_page_get_client (page);
  const char *customer_id = cp_page_get_customer_id (page);

  g_set_object (&self->load, cancellable);
  g_clear_error (&self->load_error);

  /* Keep showing what we have while refreshing; the spinner only at first. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "content") != 0)
    {
      show (self, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  self->pending = 3;
  cp_client_get_customer_async (client, customer_id, cancellable, customer_ready_cb, self);
  cp_client_list_invoices_async (client, customer_id, CP_INVOICE_FILTER_OPEN, NULL, 100,
                                 cancellable, open_invoices_ready_cb, self);
  cp_client_list_payments_async (client, customer_id, NULL, N_RECENT_PAYMENTS, cancellable,
                                 payments_ready_cb, self);

  self->paid_loaded = FALSE;
  if (gtk_toggle_button_get_active (self->paid_toggle))
    load_paid (self);
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_PAY], 0);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_page_reload (CP_PAGE (widget));
}

static void
cp_overview_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cp_overview_page_parent_class)->map (widget);
  schedule_recheck (CP_OVERVIEW_PAGE (widget));
}

/* Off screen, nobody looks: no more asking until it is shown again. */
static void
cp_overview_page_unmap (GtkWidget *widget)
{
  g_clear_handle_id (&CP_OVERVIEW_PAGE (widget)->recheck_id, g_source_remove);
  GTK_WIDGET_CLASS (cp_overview_page_parent_class)->unmap (widget);
}

static void
cp_overview_page_dispose (GObject *object)
{
  CpOverviewPage *self = CP_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->recheck_id, g_source_remove);

  /* No gtk_widget_dispose_template(): the bin's child is a template
   * child, and AdwBin unparents it itself. */

  g_clear_object (&self->load);

  G_OBJECT_CLASS (cp_overview_page_parent_class)->dispose (object);
}

static void
cp_overview_page_finalize (GObject *object)
{
  CpOverviewPage *self = CP_OVERVIEW_PAGE (object);

  g_clear_object (&self->open_invoices);
  g_clear_object (&self->paid_invoices);
  g_clear_object (&self->payments);
  g_clear_pointer (&self->pending_ids, g_hash_table_unref);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (cp_overview_page_parent_class)->finalize (object);
}

static void
cp_overview_page_class_init (CpOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_overview_page_dispose;
  CP_PAGE_CLASS (klass)->reload = cp_overview_page_reload;
  object_class->finalize = cp_overview_page_finalize;
  widget_class->map = cp_overview_page_map;
  widget_class->unmap = cp_overview_page_unmap;

  /**
   * CpOverviewPage::pay:
   *
   * The user pressed Pay.
   */
  signals[SIGNAL_PAY] =
    g_signal_new ("pay", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, balance_label);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, pay_button);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, payments_off_label);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, open_group);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, open_list);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, payments_group);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, payments_list);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, paid_group);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, paid_toggle);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, paid_stack);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, paid_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, paid_list);
  gtk_widget_class_bind_template_child (widget_class, CpOverviewPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, paid_toggled_cb);

  gtk_widget_class_install_action (widget_class, "overview.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "overview.reload", NULL, reload_action);
}

static void
cp_overview_page_init (CpOverviewPage *self)
{
  self->open_invoices = g_list_store_new (CP_TYPE_INVOICE);
  self->paid_invoices = g_list_store_new (CP_TYPE_INVOICE);
  self->payments = g_list_store_new (CP_TYPE_PAYMENT);
  self->pending_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->online_payments = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->open_list, G_LIST_MODEL (self->open_invoices), open_row_cb,
                           self, NULL);
  gtk_list_box_set_placeholder (self->open_list,
                                make_placeholder_row (_("No open invoices: you are all paid up.")));
  gtk_list_box_bind_model (self->paid_list, G_LIST_MODEL (self->paid_invoices), paid_row_cb,
                           self, NULL);
  gtk_list_box_bind_model (self->payments_list, G_LIST_MODEL (self->payments), payment_row_cb,
                           self, NULL);
  self->paid_placeholder = make_placeholder_row (_("No paid invoices yet."));
  gtk_list_box_set_placeholder (self->paid_list, self->paid_placeholder);
  update_pay (self);
}

void
cp_overview_page_set_config (CpOverviewPage *self,
                             CpConfig       *config)
{
  g_return_if_fail (CP_IS_OVERVIEW_PAGE (self));

  cp_overview_page_set_online_payments (self, cp_config_get_online_payments_enabled (config));
}

void
cp_overview_page_set_online_payments (CpOverviewPage *self,
                                      gboolean        enabled)
{
  g_return_if_fail (CP_IS_OVERVIEW_PAGE (self));

  self->online_payments = !!enabled;
  update_pay (self);
}

/**
 * cp_overview_page_get_open_invoices:
 *
 * Returns: (transfer none): the open invoices shown, a #GListModel of #CpInvoice
 */
GListModel *
cp_overview_page_get_open_invoices (CpOverviewPage *self)
{
  g_return_val_if_fail (CP_IS_OVERVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->open_invoices);
}

/**
 * cp_overview_page_get_payments:
 *
 * Returns: (transfer none): the recent payments shown, newest first, a
 *   #GListModel of #CpPayment
 */
GListModel *
cp_overview_page_get_payments (CpOverviewPage *self)
{
  g_return_val_if_fail (CP_IS_OVERVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->payments);
}

const char *
cp_overview_page_get_balance_text (CpOverviewPage *self)
{
  g_return_val_if_fail (CP_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_label_get_text (self->balance_label);
}
