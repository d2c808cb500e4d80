/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-card-history-dialog.h"
#include "cp-customer-record.h"
#include "cp-paged-view.h"
#include "cp-ui-util.h"
#include "cp-staff-format.h"

/* One customer's record as the office sees it: contact details, balance,
 * portal account, saved cards (as the customer sees them, with their
 * history), open invoices and service history. */
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
  GtkListBox *cards_list;
  GtkListBox *invoices_list;
  GtkListBox *visits_list;
  CpPagedView *invoices_view;
  CpPagedView *visits_view;
  GtkWidget *history_button;

  /* Owned */
  CpClient *client;
  char *customer_id;
  GCancellable *cancellable;
  CpCustomer *customer;
  GListStore *cards;
  CpPagedList *invoices;
  CpPagedList *visits;
  GtkLabel *cards_placeholder;
  guint n_pending;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (CpCustomerRecord, cp_customer_record, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CUSTOMER_ID,
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

static GtkWidget *
create_card_row (gpointer item,
                 gpointer user_data)
{
  CpCard *card = CP_CARD (item);
  g_autofree char *subtitle = cp_staff_format_card_subtitle (card);
  g_autoptr(GString) description = g_string_new (subtitle);
  GtkWidget *row = new_row (cp_card_get_title (card), subtitle);
  GtkWidget *icon = gtk_image_new_from_icon_name ("auth-smartcard-symbolic");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int days_left = cp_card_get_days_left (card, now);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (cp_card_get_is_primary (card))
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_badge (_("Primary"), "accent"));
      /* TRANSLATORS: read by screen readers after a card's details */
      g_string_append_printf (description, ", %s", _("primary card"));
    }
  /* The same badges as on the customer's Saved Credit Cards page. */
  if (days_left < 0)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_badge (_("Expired"), "error"));
      g_string_append_printf (description, ", %s", _("expired"));
    }
  else if (days_left <= CP_CARD_EXPIRES_SOON_DAYS)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_badge (_("Expires soon"), "warning"));
      g_string_append_printf (description, ", %s", _("expires soon"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
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

  amount = gtk_label_new (cp_invoice_get_balance_text (invoice));
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  return row;
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

static void
paged_loading_cb (CpCustomerRecord *self)
{
  update_loading (self);
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
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_set_object (&self->customer, customer);
  show_customer (self);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "record");
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

/**
 * cp_customer_record_reload:
 *
 * Fetches the whole record again, e.g. after the customer changed a card.
 */
void
cp_customer_record_reload (CpCustomerRecord *self)
{
  g_return_if_fail (CP_IS_CUSTOMER_RECORD (self));

  if (self->client == NULL || self->invoices == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->customer == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  set_pending (self, 2);
  cp_client_get_customer_async (self->client, self->customer_id, self->cancellable,
                                get_customer_cb, self);
  gtk_label_set_text (self->cards_placeholder, _("Loading…"));
  cp_client_list_payment_methods_async (self->client, self->customer_id, self->cancellable,
                                        list_cards_cb, self);
  cp_paged_list_refresh (self->invoices);
  cp_paged_list_refresh (self->visits);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_customer_record_reload (CP_CUSTOMER_RECORD (widget));
}

static void
view_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (widget);
  CpCardHistoryDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->client == NULL)
    return;

  dialog = cp_card_history_dialog_new (self->client, self->customer_id,
                                       self->customer != NULL
                                       ? cp_customer_get_name (self->customer) : NULL);
  if (GTK_IS_WINDOW (root))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (root));
      int default_width, default_height;

      /* Never wider than the window it belongs to (a phone-sized one). */
      gtk_window_get_default_size (GTK_WINDOW (dialog), &default_width, &default_height);
      if (width > 0 && width < default_width)
        gtk_window_set_default_size (GTK_WINDOW (dialog), width, default_height);
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
    }
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

  return self->customer_id;
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
         || (self->visits != NULL && cp_paged_list_get_loading (self->visits));
}

CpCustomerRecord *
cp_customer_record_new (CpClient   *client,
                        const char *customer_id)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return g_object_new (CP_TYPE_CUSTOMER_RECORD,
                       "client", client,
                       "customer-id", customer_id,
                       NULL);
}

static void
cp_customer_record_constructed (GObject *object)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  G_OBJECT_CLASS (cp_customer_record_parent_class)->constructed (object);

  /* Built bare (e.g. to check its template), it loads nothing. */
  if (self->client == NULL || self->customer_id == NULL)
    return;

  self->invoices = cp_paged_list_new_invoices (self->client, self->customer_id,
                                               CP_INVOICE_FILTER_OPEN);
  cp_paged_list_set_page_size (self->invoices, 25);
  g_signal_connect_swapped (self->invoices, "notify::loading", G_CALLBACK (paged_loading_cb), self);
  gtk_list_box_bind_model (self->invoices_list, G_LIST_MODEL (self->invoices),
                           create_invoice_row, NULL, NULL);
  cp_paged_view_set_model (self->invoices_view, self->invoices);

  self->visits = cp_paged_list_new_service_history (self->client, self->customer_id);
  cp_paged_list_set_page_size (self->visits, 25);
  g_signal_connect_swapped (self->visits, "notify::loading", G_CALLBACK (paged_loading_cb), self);
  gtk_list_box_bind_model (self->visits_list, G_LIST_MODEL (self->visits),
                           create_visit_row, NULL, NULL);
  cp_paged_view_set_model (self->visits_view, self->visits);

  cp_customer_record_reload (self);
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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
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
cp_customer_record_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_dup_string (value);
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
cp_customer_record_dispose (GObject *object)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  disconnect_list (self, &self->invoices);
  disconnect_list (self, &self->visits);
  g_clear_object (&self->customer);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_customer_record_parent_class)->dispose (object);
}

static void
cp_customer_record_finalize (GObject *object)
{
  CpCustomerRecord *self = CP_CUSTOMER_RECORD (object);

  g_clear_object (&self->cards);
  g_free (self->customer_id);

  G_OBJECT_CLASS (cp_customer_record_parent_class)->finalize (object);
}

static void
cp_customer_record_class_init (CpCustomerRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cp_customer_record_constructed;
  object_class->get_property = cp_customer_record_get_property;
  object_class->set_property = cp_customer_record_set_property;
  object_class->dispose = cp_customer_record_dispose;
  object_class->finalize = cp_customer_record_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, cards_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, invoices_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, visits_list);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, invoices_view);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, visits_view);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerRecord, history_button);

  gtk_widget_class_install_action (widget_class, "record.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "record.view-history", NULL, view_history_action);

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

  self->cancellable = g_cancellable_new ();
  self->cards = g_list_store_new (CP_TYPE_CARD);
  gtk_list_box_bind_model (self->cards_list, G_LIST_MODEL (self->cards),
                           create_card_row, NULL, NULL);
  gtk_list_box_set_placeholder (self->cards_list, new_placeholder (&self->cards_placeholder));
}
