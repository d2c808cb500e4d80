/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-payment-methods-report.h"
#include "cp-paged-view.h"
#include "cp-ui-util.h"

/*
 * Saved Payment Methods: every customer's stored payment methods, soonest
 * expiry first, read from the server a page at a time as the list is
 * scrolled (keyset paging: fast with 100,000 methods). Filters: all,
 * expired, or expiring within a number of days; the payment type. Export
 * CSV writes exactly the rows the filters select, every page of them, not
 * only those scrolled to. Activating a row opens that customer's record.
 */
struct _CpPaymentMethodsReport
{
  CpPage parent_instance;

  /* Template children */
  GtkDropDown *status_dropdown;
  GtkSpinButton *days_spin;
  GtkWidget *days_box;
  GtkDropDown *type_dropdown;
  CpPagedView *paged_view;
  GtkListView *list_view;

  /* Owned */
  CpPagedList *items;
  GtkNoSelection *selection;
  GtkFileChooserNative *chooser;
  gboolean setting_filter;
};

G_DEFINE_FINAL_TYPE (CpPaymentMethodsReport, cp_payment_methods_report, CP_TYPE_PAGE)

enum {
  CUSTOMER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the Type menu; a bank account type joins it with the
 * processor's bank accounts. */
static const char *types[] = { NULL, "card" };

static CpExpiryFilter
current_filter (CpPaymentMethodsReport *self)
{
  return (CpExpiryFilter) gtk_drop_down_get_selected (self->status_dropdown);
}

static const char *
current_type (CpPaymentMethodsReport *self)
{
  guint i = gtk_drop_down_get_selected (self->type_dropdown);

  return i < G_N_ELEMENTS (types) ? types[i] : NULL;
}

/* A list of the filters as they are now, not loaded yet. */
static CpPagedList *
new_list (CpPaymentMethodsReport *self)
{
  return cp_paged_list_new_saved_payment_methods (cp_page_get_client (CP_PAGE (self)),
                                                  current_filter (self),
                                                  (guint) gtk_spin_button_get_value_as_int (self->days_spin),
                                                  current_type (self));
}

static void
clear_items (CpPaymentMethodsReport *self)
{
  if (self->items == NULL)
    return;
  cp_paged_view_set_model (self->paged_view, NULL);
  gtk_no_selection_set_model (self->selection, NULL);
  cp_paged_list_cancel (self->items);
  g_clear_object (&self->items);
}

static void
cp_payment_methods_report_reload (CpPage       *page,
                                  GCancellable *cancellable)
{
  CpPaymentMethodsReport *self = CP_PAYMENT_METHODS_REPORT (page);

  clear_items (self);
  if (cp_page_get_client (page) == NULL)
    return;
  self->items = new_list (self);
  cp_paged_list_set_page_size (self->items, 50);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->items));
  cp_paged_view_set_model (self->paged_view, self->items);
  cp_paged_list_load_more (self->items);
}

static void
filter_changed_cb (CpPaymentMethodsReport *self)
{
  gtk_widget_set_sensitive (self->days_box, current_filter (self) == CP_EXPIRY_FILTER_EXPIRING);
  if (!self->setting_filter)
    cp_page_reload (CP_PAGE (self));
}

static void
list_activate_cb (CpPaymentMethodsReport *self,
                  guint                   position,
                  GtkListView            *list_view)
{
  g_autoptr(CpCard) card = NULL;

  if (self->items == NULL)
    return;
  card = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  if (card != NULL && cp_card_get_customer_id (card) != NULL)
    g_signal_emit (self, signals[CUSTOMER_ACTIVATED], 0, card);
}

static char *
date_text (GDateTime *time)
{
  return time != NULL ? cp_format_date (time) : g_strdup (_("never"));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *expiry = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_valign (expiry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (expiry, "numeric");

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), expiry);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CpCard *card = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *expiry = gtk_widget_get_next_sibling (text);
  g_autofree char *added = cp_format_date (cp_card_get_added_at (card));
  g_autofree char *updated = date_text (cp_card_get_updated_at (card));
  g_autofree char *used = date_text (cp_card_get_last_used_at (card));
  g_autofree char *title_text = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *expiry_text = NULL;
  g_autofree char *row_name = NULL;
  const char *by = cp_card_get_added_by_name (card);

  /* TRANSLATORS: a row of the payment methods report: the card ("Visa ••••
   * 4242"), then the customer's name */
  title_text = g_strdup_printf (_("%s · %s"), cp_card_get_title (card),
                                cp_card_get_customer_name (card) != NULL
                                ? cp_card_get_customer_name (card) : "");
  /* TRANSLATORS: the type, then when and by whom a card was added, its last
   * change and its last payment ("never") */
  if (cp_card_get_is_bank_account (card))
    {
      /* TRANSLATORS: the type, then when and by whom a bank account was
       * added, its last change and its last payment ("never") */
      detail_text = g_strdup_printf (_("Bank account · Added %s by %s · Updated %s · Last used %s"),
                                     added, by != NULL && *by != '\0' ? by : _("unknown"),
                                     updated, used);
      /* TRANSLATORS: in the expiry column, for a bank account */
      expiry_text = g_strdup (_("No expiry"));
    }
  else
    {
      detail_text = g_strdup_printf (_("Credit card · Added %s by %s · Updated %s · Last used %s"),
                                     added, by != NULL && *by != '\0' ? by : _("unknown"),
                                     updated, used);
      expiry_text = cp_card_get_expired (card)
                    /* TRANSLATORS: %s is an expiry date such as 12/2030 */
                    ? g_strdup_printf (_("Expired %s"), cp_card_get_expiry_text (card))
                    : g_strdup_printf (_("Expires %s"), cp_card_get_expiry_text (card));
    }

  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (detail), detail_text);
  gtk_label_set_text (GTK_LABEL (expiry), expiry_text);
  if (cp_card_get_expired (card))
    gtk_widget_add_css_class (expiry, "error");
  else
    gtk_widget_remove_css_class (expiry, "error");
  /* TRANSLATORS: what a screen reader says for a report row */
  row_name = g_strdup_printf (_("%s, %s, %s"), title_text, expiry_text, detail_text);
  cp_ui_name_list_item (item, row_name);
}

/* ---- Export ------------------------------------------------------------ */

typedef struct
{
  CpPagedList *list;
  GFile *file;
  gulong handler;
  GCancellable *cancellable;
  gulong cancelled_id;
  char *csv;
} Export;

static void
export_free (Export *export)
{
  if (export->handler != 0)
    g_signal_handler_disconnect (export->list, export->handler);
  if (export->cancelled_id != 0)
    g_cancellable_disconnect (export->cancellable, export->cancelled_id);
  g_clear_object (&export->cancellable);
  if (export->list != NULL)
    cp_paged_list_cancel (export->list);
  g_clear_object (&export->list);
  g_clear_object (&export->file);
  g_free (export->csv);
  g_free (export);
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, g_list_model_get_n_items (G_LIST_MODEL (export->list)));
}

static void export_next_page (GTask *task);

/* Cancelled while pages load: the list drops its page without a word, so
 * the export ends here (from an idle, never inside the cancel). */
static gboolean
export_cancelled_idle (gpointer user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);

  if (export->handler != 0)
    {
      g_signal_handler_disconnect (export->list, export->handler);
      export->handler = 0;
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

static void
export_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, export_cancelled_idle, g_object_ref (task),
                   g_object_unref);
}

static void
export_loading_cb (CpPagedList *list,
                   GParamSpec  *pspec,
                   GTask       *task)
{
  if (!cp_paged_list_get_loading (list))
    export_next_page (task);
}

/* Every page of the filters, then the file, in one write. */
static void
export_next_page (GTask *task)
{
  Export *export = g_task_get_task_data (task);
  const GError *error = cp_paged_list_get_error (export->list);

  if (g_task_return_error_if_cancelled (task))
    {
      g_signal_handler_disconnect (export->list, export->handler);
      export->handler = 0;
      g_object_unref (task);
      return;
    }
  if (error != NULL)
    {
      g_signal_handler_disconnect (export->list, export->handler);
      export->handler = 0;
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }
  if (cp_paged_list_get_has_more (export->list))
    {
      cp_paged_list_load_more (export->list);
      return;
    }

  g_signal_handler_disconnect (export->list, export->handler);
  export->handler = 0;
  export->csv = cp_csv_saved_payment_methods (G_LIST_MODEL (export->list));
  /* The task's reference goes on to the write. */
  g_file_replace_contents_async (export->file, export->csv, strlen (export->csv), NULL, FALSE,
                                 G_FILE_CREATE_REPLACE_DESTINATION,
                                 g_task_get_cancellable (task), export_written_cb, task);
}

/**
 * cp_payment_methods_report_export_async:
 * @file: where the CSV goes (replaced)
 *
 * Writes every payment method the filters select (all pages) as CSV.
 */
void
cp_payment_methods_report_export_async (CpPaymentMethodsReport *self,
                                        GFile                  *file,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  GTask *task;
  Export *export;

  g_return_if_fail (CP_IS_PAYMENT_METHODS_REPORT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cp_page_get_client (CP_PAGE (self)) != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_payment_methods_report_export_async);
  export = g_new0 (Export, 1);
  export->list = new_list (self);
  cp_paged_list_set_page_size (export->list, 100);
  export->file = g_object_ref (file);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  export->handler = g_signal_connect (export->list, "notify::loading",
                                      G_CALLBACK (export_loading_cb), task);
  if (cancellable != NULL)
    export->cancellable = g_object_ref (cancellable);
  if (cancellable != NULL)
    export->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (export_cancelled_cb),
                                                  task, NULL);
  cp_paged_list_load_more (export->list);
}

/**
 * cp_payment_methods_report_export_finish:
 * @n_rows: (out) (optional): how many payment methods were written
 */
gboolean
cp_payment_methods_report_export_finish (CpPaymentMethodsReport  *self,
                                         GAsyncResult            *result,
                                         guint                   *n_rows,
                                         GError                 **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = (guint) n;
  return TRUE;
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpPaymentMethodsReport *self = CP_PAYMENT_METHODS_REPORT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!cp_payment_methods_report_export_finish (self, result, &n, &error))
    {
      g_autofree char *reason = NULL;

      if (cp_ui_is_cancelled (error))
        return;
      reason = cp_ui_error_message (error);
      /* TRANSLATORS: %s says why */
      message = g_strdup_printf (_("Could not export the payment methods: %s"), reason);
    }
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u payment method.",
                                            "Exported %u payment methods.", n), n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", TRUE);
  cp_ui_toast (GTK_WIDGET (self), message);
}

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     CpPaymentMethodsReport *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", FALSE);
  cp_payment_methods_report_export_async (self, file, cp_page_get_cancellable (CP_PAGE (self)),
                                          exported_cb, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpPaymentMethodsReport *self = CP_PAYMENT_METHODS_REPORT (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (cp_page_get_client (CP_PAGE (self)) == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Payment Methods"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* TRANSLATORS: the suggested file name of the export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     _("saved-payment-methods.csv"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_page_reload (CP_PAGE (widget));
}

/* ---- Public ------------------------------------------------------------ */

/**
 * cp_payment_methods_report_get_items:
 *
 * Returns: (transfer none) (nullable): the #CpCard rows, as far as loaded
 */
GListModel *
cp_payment_methods_report_get_items (CpPaymentMethodsReport *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT_METHODS_REPORT (self), NULL);

  return self->items != NULL ? G_LIST_MODEL (self->items) : NULL;
}

/**
 * cp_payment_methods_report_set_filter:
 * @type: (nullable): "card", or %NULL for every type
 *
 * Sets the filters as if chosen, and reloads once.
 */
void
cp_payment_methods_report_set_filter (CpPaymentMethodsReport *self,
                                      CpExpiryFilter          filter,
                                      guint                   within_days,
                                      const char             *type)
{
  g_return_if_fail (CP_IS_PAYMENT_METHODS_REPORT (self));

  self->setting_filter = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, filter);
  gtk_spin_button_set_value (self->days_spin, within_days);
  gtk_drop_down_set_selected (self->type_dropdown, g_strcmp0 (type, "card") == 0 ? 1 : 0);
  self->setting_filter = FALSE;
  filter_changed_cb (self);
}

CpPaymentMethodsReport *
cp_payment_methods_report_new (void)
{
  return g_object_new (CP_TYPE_PAYMENT_METHODS_REPORT, NULL);
}

static void
cp_payment_methods_report_dispose (GObject *object)
{
  CpPaymentMethodsReport *self = CP_PAYMENT_METHODS_REPORT (object);

  clear_items (self);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  G_OBJECT_CLASS (cp_payment_methods_report_parent_class)->dispose (object);
}

static void
cp_payment_methods_report_finalize (GObject *object)
{
  CpPaymentMethodsReport *self = CP_PAYMENT_METHODS_REPORT (object);

  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cp_payment_methods_report_parent_class)->finalize (object);
}

static void
cp_payment_methods_report_class_init (CpPaymentMethodsReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_payment_methods_report_dispose;
  object_class->finalize = cp_payment_methods_report_finalize;
  CP_PAGE_CLASS (klass)->reload = cp_payment_methods_report_reload;

  /**
   * CpPaymentMethodsReport::customer-activated:
   * @card: the chosen row's #CpCard, with its customer
   */
  signals[CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staff/cp-payment-methods-report.ui");
  gtk_widget_class_bind_template_child (widget_class, CpPaymentMethodsReport, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CpPaymentMethodsReport, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CpPaymentMethodsReport, days_box);
  gtk_widget_class_bind_template_child (widget_class, CpPaymentMethodsReport, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CpPaymentMethodsReport, paged_view);
  gtk_widget_class_bind_template_child (widget_class, CpPaymentMethodsReport, list_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "report.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "report.reload", NULL);
}

static void
cp_payment_methods_report_init (CpPaymentMethodsReport *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_type_ensure (CP_TYPE_PAGED_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->selection = gtk_no_selection_new (NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_widget_set_sensitive (self->days_box, FALSE);
}
