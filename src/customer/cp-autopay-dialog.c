/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-autopay-dialog.h"
#include "cp-ui-util.h"

/*
 * AutoPay: "Pay invoices automatically on their due date with" one of the
 * customer's saved payment methods (the one AutoPay uses, else the
 * primary), under the portal's terms, shown in full with the method named
 * and agreed to with a check box before Turn On is offered. The portal
 * records the consent (the text, its version, who, when, which method).
 * Terms that changed while the dialog was open are refused by the portal
 * and shown again, to be read and agreed to again. Expired cards are not
 * offered. Emits "changed" with the new #CpAutopay and closes.
 */
struct _CpAutopayDialog
{
  CpCustomerDialog parent_instance;

  /* Template children */
  GtkWidget *save_button;
  GtkStack *save_stack;
  GtkLabel *save_label;
  GtkSpinner *save_spinner;
  AdwComboRow *method_row;
  GtkLabel *terms_label;
  GtkCheckButton *agree_check;
  GtkLabel *error_label;
  GtkWidget *events_group;
  GtkListBox *events_list;

  /* Owned */
  CpAutopay *autopay;              /* its terms are for terms_for */
  char *terms_for;                 /* the method the terms shown name */
  char *terms_loading_for;
  GCancellable *terms_cancellable;
  gboolean terms_changed;          /* the portal refused older terms */
  GListStore *methods;             /* the cards offered, as method_names */
  GtkStringList *method_names;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (CpAutopayDialog, cp_autopay_dialog, CP_TYPE_CUSTOMER_DIALOG)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Returns: (transfer full) (nullable): the method chosen */
static CpCard *
selected_method (CpAutopayDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->method_row);

  if (selected >= g_list_model_get_n_items (G_LIST_MODEL (self->methods)))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->methods), selected);
}

static void
update_form (CpAutopayDialog *self)
{
  g_autoptr(CpCard) card = selected_method (self);
  gboolean shown = card != NULL && g_strcmp0 (self->terms_for, cp_card_get_id (card)) == 0;
  gboolean ready = shown && gtk_check_button_get_active (self->agree_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->method_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->agree_check), !self->busy && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "autopay.save", ready && !self->busy);
  gtk_stack_set_visible_child_name (self->save_stack, self->busy ? "busy" : "label");
  gtk_spinner_set_spinning (self->save_spinner, self->busy);
}

static void show_error (CpAutopayDialog *self,
                        const char      *message);
static void show_events (CpAutopayDialog *self);

static void
terms_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_get_autopay_finish (CP_CLIENT (source), result, &error);
  CpAutopayDialog *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_AUTOPAY_DIALOG (user_data);
  if (autopay == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);
      /* Translators: why the AutoPay terms could not be shown */
      g_autofree char *text = g_strdup_printf (_("Could not load the terms: %s"), message);

      g_clear_pointer (&self->terms_loading_for, g_free);
      gtk_label_set_text (self->terms_label, text);
      update_form (self);
      return;
    }
  g_set_object (&self->autopay, autopay);
  g_free (self->terms_for);
  self->terms_for = g_steal_pointer (&self->terms_loading_for);
  gtk_label_set_text (self->terms_label, cp_autopay_get_terms_text (autopay));
  show_events (self);
  if (self->terms_changed)
    show_error (self, _("The AutoPay terms have changed. Read them again, and agree to turn "
                        "AutoPay on."));
  self->terms_changed = FALSE;
  update_form (self);
}

/* The terms, worded by the portal for the method chosen: what it records
 * when they are agreed to. Asked for again for each method chosen. */
static void
load_terms (CpAutopayDialog *self)
{
  CpCustomerDialog *dialog = CP_CUSTOMER_DIALOG (self);
  g_autoptr(CpCard) card = selected_method (self);

  g_cancellable_cancel (self->terms_cancellable);
  g_clear_object (&self->terms_cancellable);
  g_clear_pointer (&self->terms_for, g_free);
  g_clear_pointer (&self->terms_loading_for, g_free);
  if (card == NULL)
    {
      gtk_label_set_text (self->terms_label,
                          _("Add a card or a bank account that has not expired to use AutoPay."));
      return;
    }
  gtk_label_set_text (self->terms_label, _("Loading the terms…"));
  self->terms_cancellable = g_cancellable_new ();
  self->terms_loading_for = g_strdup (cp_card_get_id (card));
  cp_client_get_autopay_async (cp_customer_dialog_get_client (dialog),
                               cp_customer_dialog_get_customer_id (dialog), cp_card_get_id (card),
                               self->terms_cancellable, terms_ready_cb, self);
}

static void
method_selected_cb (CpAutopayDialog *self)
{
  /* Agreeing names one method: another needs agreeing again. */
  gtk_check_button_set_active (self->agree_check, FALSE);
  load_terms (self);
  update_form (self);
}

static void
show_error (CpAutopayDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_events (CpAutopayDialog *self)
{
  GListModel *events = cp_autopay_get_events (self->autopay);
  guint n = g_list_model_get_n_items (events);

  cp_ui_clear_list_box (self->events_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpAutopayEvent) event = g_list_model_get_item (events, i);
      g_autofree char *summary = cp_autopay_event_dup_summary (event);
      g_autofree char *when = cp_format_date_time (cp_autopay_event_get_at (event));
      GtkWidget *row = adw_action_row_new ();

      /* The portal's invoice numbers and names: text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      cp_ui_wrap_row_words (ADW_ACTION_ROW (row));
      gtk_list_box_append (self->events_list, row);
    }
  gtk_widget_set_visible (self->events_group, n > 0);
}

static void
fill_methods (CpAutopayDialog *self,
              GListModel      *cards)
{
  const char *current = cp_autopay_get_enabled (self->autopay)
                        ? cp_autopay_get_payment_method_id (self->autopay) : NULL;
  guint chosen = GTK_INVALID_LIST_POSITION;
  guint primary = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);
      guint position = g_list_model_get_n_items (G_LIST_MODEL (self->methods));

      if (cp_card_get_expired (card))
        continue;
      if (g_strcmp0 (cp_card_get_id (card), current) == 0)
        chosen = position;
      if (cp_card_get_is_primary (card))
        {
          g_autofree char *name = NULL;

          primary = position;
          /* Translators: a card, e.g. "Visa •••• 4242", marked as the primary one. */
          name = g_strdup_printf (_("%s (primary)"), cp_card_get_title (card));
          gtk_string_list_append (self->method_names, name);
        }
      else
        gtk_string_list_append (self->method_names, cp_card_get_title (card));
      g_list_store_append (self->methods, card);
    }
  if (chosen == GTK_INVALID_LIST_POSITION)
    chosen = primary != GTK_INVALID_LIST_POSITION ? primary : 0;
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (self->method_names));
  adw_combo_row_set_selected (self->method_row, chosen);
  g_signal_connect_swapped (self->method_row, "notify::selected",
                            G_CALLBACK (method_selected_cb), self);
}

static void
set_busy (CpAutopayDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  update_form (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_set_autopay_finish (CP_CLIENT (source), result, &error);
  CpAutopayDialog *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_AUTOPAY_DIALOG (user_data);

  if (g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_CONSENT_OUTDATED))
    {
      /* Read the new terms; nothing is agreed to until they are. */
      set_busy (self, FALSE);
      gtk_check_button_set_active (self->agree_check, FALSE);
      self->terms_changed = TRUE;
      load_terms (self);
      update_form (self);
      return;
    }
  set_busy (self, FALSE);
  if (autopay == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      show_error (self, message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, autopay);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpAutopayDialog *self = CP_AUTOPAY_DIALOG (widget);
  CpCustomerDialog *dialog = CP_CUSTOMER_DIALOG (self);
  g_autoptr(CpCard) card = selected_method (self);

  if (card == NULL || self->busy || !gtk_check_button_get_active (self->agree_check))
    return;
  show_error (self, NULL);
  set_busy (self, TRUE);
  cp_client_set_autopay_async (cp_customer_dialog_get_client (dialog),
                               cp_customer_dialog_get_customer_id (dialog),
                               cp_card_get_id (card), cp_autopay_get_terms_version (self->autopay),
                               cp_customer_dialog_get_cancellable (dialog), saved_cb, self);
}

static void
cp_autopay_dialog_dispose (GObject *object)
{
  CpAutopayDialog *self = CP_AUTOPAY_DIALOG (object);

  g_cancellable_cancel (self->terms_cancellable);
  g_clear_object (&self->terms_cancellable);

  G_OBJECT_CLASS (cp_autopay_dialog_parent_class)->dispose (object);
}

static void
cp_autopay_dialog_finalize (GObject *object)
{
  CpAutopayDialog *self = CP_AUTOPAY_DIALOG (object);

  g_clear_object (&self->autopay);
  g_free (self->terms_for);
  g_free (self->terms_loading_for);
  g_clear_object (&self->methods);
  g_clear_object (&self->method_names);

  G_OBJECT_CLASS (cp_autopay_dialog_parent_class)->finalize (object);
}

static void
cp_autopay_dialog_class_init (CpAutopayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_autopay_dialog_dispose;
  object_class->finalize = cp_autopay_dialog_finalize;

  /**
   * CpAutopayDialog::changed:
   * @autopay: the customer's AutoPay, as the portal now has it
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_AUTOPAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-autopay-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, save_stack);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, save_label);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, terms_label);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, agree_check);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, events_group);
  gtk_widget_class_bind_template_child (widget_class, CpAutopayDialog, events_list);

  gtk_widget_class_install_action (widget_class, "autopay.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_autopay_dialog_init (CpAutopayDialog *self)
{
  self->methods = g_list_store_new (CP_TYPE_CARD);
  self->method_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_set_accessible_name (GTK_WIDGET (self->method_row), _("Pay with"));
  g_signal_connect_swapped (self->agree_check, "notify::active", G_CALLBACK (update_form), self);
}

/**
 * cp_autopay_dialog_new:
 * @cards: the customer's saved payment methods, a #GListModel of #CpCard
 * @autopay: the customer's AutoPay as last read, with the terms to show
 *
 * Returns: (transfer floating): the dialog, to turn AutoPay on or to
 *   change the method it pays with
 */
GtkWidget *
cp_autopay_dialog_new (CpClient   *client,
                       const char *customer_id,
                       GListModel *cards,
                       CpAutopay  *autopay)
{
  CpAutopayDialog *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);
  g_return_val_if_fail (CP_IS_AUTOPAY (autopay), NULL);

  self = g_object_new (CP_TYPE_AUTOPAY_DIALOG, "client", client, "customer-id", customer_id, NULL);
  self->autopay = g_object_ref (autopay);
  gtk_label_set_text (self->save_label, cp_autopay_get_enabled (autopay) ? _("Save")
                                                                        : _("Turn On"));
  /* A button whose child is not a plain label is not named by it. */
  cp_ui_set_accessible_name (self->save_button, gtk_label_get_text (self->save_label));
  fill_methods (self, cards);
  show_events (self);
  load_terms (self);
  update_form (self);
  return GTK_WIDGET (self);
}

gboolean
cp_autopay_dialog_get_busy (CpAutopayDialog *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_DIALOG (self), FALSE);
  return self->busy;
}
