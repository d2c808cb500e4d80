/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-add-bank-dialog.h"
#include "cp-card-input.h"
#include "cp-client-error.h"
#include "cp-digit-entry.h"
#include "cp-ui-util.h"

/*
 * Add Bank Account (ACH): account holder, routing number (its ABA checksum
 * checked as it is typed), account number. Like Add New Card, on the same
 * CpCustomerDialog: the number fields use protected buffers, keep no undo
 * history, refuse copy and cut and are emptied whichever way the dialog
 * closes; the digits go once to the processor's vault, only its token to
 * the portal API. Nothing here logs, and no accessible name or description
 * carries a digit of the account.
 */
struct _CpAddBankDialog
{
  CpCustomerDialog parent_instance;

  /* Template children */
  GtkButton *cancel_button;
  GtkButton *save_button;
  GtkSpinner *spinner;
  GtkEditable *holder_entry;
  GtkEditable *routing_entry;
  GtkEditable *account_entry;
  AdwActionRow *primary_row;
  GtkSwitch *primary_switch;
  GtkLabel *error_label;

  /* Owned */
  gboolean first_method;
  gboolean busy;
  gboolean wiped;
  gboolean wiping;
};

enum {
  PROP_0,
  PROP_FIRST_METHOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CpAddBankDialog, cp_add_bank_dialog, CP_TYPE_CUSTOMER_DIALOG)

static void
wipe (CpAddBankDialog *self)
{
  if (self->wiped || self->routing_entry == NULL)
    return;

  self->wiping = TRUE;
  cp_customer_dialog_wipe_entry (CP_CUSTOMER_DIALOG (self), self->routing_entry);
  cp_customer_dialog_wipe_entry (CP_CUSTOMER_DIALOG (self), self->account_entry);
  self->wiping = FALSE;
  self->wiped = TRUE;
}

static void
set_error (CpAddBankDialog *self,
           GtkEditable     *row,
           const char      *message,
           gboolean         focus)
{
  GtkEditable *rows[] = { self->holder_entry, self->routing_entry, self->account_entry };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (rows[i]),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
      if (focus)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
update_sensitivity (CpAddBankDialog *self)
{
  GtkEditable *rows[] = { self->holder_entry, self->routing_entry, self->account_entry };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_editable (rows[i], !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_switch), !self->busy && !self->first_method);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.save", !self->busy);
}

static void
set_busy (CpAddBankDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  update_sensitivity (self);
}

/* The field formats, for cp_digit_entry_attach(): digits only, cut at the
 * longest a routing or account number can be. */
static char *
format_routing (char     *digits,
                gpointer  user_data)
{
  if (strlen (digits) > CP_BANK_ROUTING_LENGTH)
    digits[CP_BANK_ROUTING_LENGTH] = '\0';
  return g_strdup (digits);
}

static char *
format_account (char     *digits,
                gpointer  user_data)
{
  if (strlen (digits) > CP_BANK_ACCOUNT_MAX_LENGTH)
    digits[CP_BANK_ACCOUNT_MAX_LENGTH] = '\0';
  return g_strdup (digits);
}

static char *
dup_digits (GtkEditable *row)
{
  return cp_card_normalize_digits (gtk_editable_get_text (row));
}

static void
free_digits (char *digits)
{
  cp_card_wipe_string (digits);
  g_free (digits);
}

/* Digits of an account, wiped when freed. */
typedef char CpBankDigits;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpBankDigits, free_digits)

/* As it is typed: once the routing number has its nine digits, say at
 * once when its checksum is wrong (a digit mistyped or two swapped). */
static void
routing_changed_cb (CpAddBankDialog *self)
{
  g_autoptr(CpBankDigits) digits = NULL;

  if (self->wiping)
    return;

  digits = dup_digits (self->routing_entry);
  if (strlen (digits) == CP_BANK_ROUTING_LENGTH && !cp_bank_routing_number_valid (digits))
    set_error (self, self->routing_entry,
               _("This routing number is not valid. Check the 9 digits printed at the bottom "
                 "left of a check."), FALSE);
  else
    set_error (self, NULL, NULL, FALSE);
}

static void
field_changed_cb (CpAddBankDialog *self)
{
  if (self->wiping)
    return;
  set_error (self, NULL, NULL, FALSE);
}

static void
add_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) card = cp_client_add_payment_method_finish (CP_CLIENT (source), result, &error);
  CpAddBankDialog *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_ADD_BANK_DIALOG (user_data);

  set_busy (self, FALSE);
  if (card == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      set_error (self, NULL, message, FALSE);
      return;
    }

  wipe (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, card);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkEditable *
row_for_field (CpAddBankDialog *self,
               const char      *field)
{
  if (g_strcmp0 (field, "account_holder") == 0)
    return self->holder_entry;
  if (g_strcmp0 (field, "routing_number") == 0)
    return self->routing_entry;
  if (g_strcmp0 (field, "account_number") == 0)
    return self->account_entry;
  return NULL;
}

static void
tokenize_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCardToken) token = cp_client_tokenize_bank_account_finish (CP_CLIENT (source),
                                                                         result, &error);
  CpAddBankDialog *self;
  CpCustomerDialog *dialog;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_ADD_BANK_DIALOG (user_data);

  if (token == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      set_busy (self, FALSE);
      set_error (self, row_for_field (self, cp_client_error_get_field (error)), message, TRUE);
      return;
    }

  dialog = CP_CUSTOMER_DIALOG (self);
  cp_client_add_payment_method_async (cp_customer_dialog_get_client (dialog),
                                      cp_customer_dialog_get_customer_id (dialog),
                                      cp_card_token_get_token (token),
                                      gtk_switch_get_active (self->primary_switch),
                                      cp_customer_dialog_get_cancellable (dialog),
                                      add_ready_cb, self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpAddBankDialog *self = CP_ADD_BANK_DIALOG (widget);
  g_autofree char *holder = NULL;
  g_autoptr(CpBankDigits) routing = NULL;
  g_autoptr(CpBankDigits) account = NULL;

  if (self->busy)
    return;

  holder = g_strstrip (g_strdup (gtk_editable_get_text (self->holder_entry)));
  if (holder[0] == '\0')
    {
      set_error (self, self->holder_entry, _("Enter the name of the account holder."), TRUE);
      return;
    }
  routing = dup_digits (self->routing_entry);
  if (strlen (routing) != CP_BANK_ROUTING_LENGTH)
    {
      set_error (self, self->routing_entry, _("Enter the 9-digit routing number."), TRUE);
      return;
    }
  if (!cp_bank_routing_number_valid (routing))
    {
      set_error (self, self->routing_entry,
                 _("This routing number is not valid. Check the 9 digits printed at the bottom "
                   "left of a check."), TRUE);
      return;
    }
  account = dup_digits (self->account_entry);
  if (!cp_bank_account_number_valid (account))
    {
      set_error (self, self->account_entry, _("Enter the account number: 4 to 17 digits."), TRUE);
      return;
    }

  set_error (self, NULL, NULL, FALSE);
  set_busy (self, TRUE);
  /* The client copies the digits into its own request body, wiped once
   * sent; these copies are wiped as they go out of scope. */
  cp_client_tokenize_bank_account_async (cp_customer_dialog_get_client (CP_CUSTOMER_DIALOG (self)),
                                         holder, routing, account,
                                         cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)),
                                         tokenize_ready_cb, self);
}

static void
activated_cb (CpAddBankDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "bank.save", NULL);
}

static void
cp_add_bank_dialog_constructed (GObject *object)
{
  CpAddBankDialog *self = CP_ADD_BANK_DIALOG (object);

  G_OBJECT_CLASS (cp_add_bank_dialog_parent_class)->constructed (object);

  /* The first payment method is the primary one whatever the switch says. */
  if (self->first_method)
    {
      gtk_switch_set_active (self->primary_switch, TRUE);
      adw_action_row_set_subtitle (self->primary_row,
                                   _("The first payment method is always the primary one."));
    }
  update_sensitivity (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->holder_entry));
}

static void
cp_add_bank_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CpAddBankDialog *self = CP_ADD_BANK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FIRST_METHOD:
      g_value_set_boolean (value, self->first_method);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_add_bank_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CpAddBankDialog *self = CP_ADD_BANK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FIRST_METHOD:
      self->first_method = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_add_bank_dialog_dispose (GObject *object)
{
  CpAddBankDialog *self = CP_ADD_BANK_DIALOG (object);

  g_cancellable_cancel (cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)));
  wipe (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_ADD_BANK_DIALOG);

  G_OBJECT_CLASS (cp_add_bank_dialog_parent_class)->dispose (object);
}

/* CpCustomerDialog::wipe, on close and as the dialog leaves the screen. */
static void
cp_add_bank_dialog_wipe (CpCustomerDialog *dialog)
{
  wipe (CP_ADD_BANK_DIALOG (dialog));
}

static void
cp_add_bank_dialog_class_init (CpAddBankDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CpCustomerDialogClass *dialog_class = CP_CUSTOMER_DIALOG_CLASS (klass);

  object_class->constructed = cp_add_bank_dialog_constructed;
  object_class->get_property = cp_add_bank_dialog_get_property;
  object_class->set_property = cp_add_bank_dialog_set_property;
  object_class->dispose = cp_add_bank_dialog_dispose;
  dialog_class->wipe = cp_add_bank_dialog_wipe;

  properties[PROP_FIRST_METHOD] =
    g_param_spec_boolean ("first-method", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpAddBankDialog::saved:
   * @card: the saved bank account (bank name and last 4 only)
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-add-bank-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, holder_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, routing_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, account_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, primary_row);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, primary_switch);
  gtk_widget_class_bind_template_child (widget_class, CpAddBankDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, routing_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);

  gtk_widget_class_install_action (widget_class, "bank.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_add_bank_dialog_init (CpAddBankDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  cp_customer_dialog_protect_entry (CP_CUSTOMER_DIALOG (self), self->routing_entry);
  cp_customer_dialog_protect_entry (CP_CUSTOMER_DIALOG (self), self->account_entry);
  cp_digit_entry_attach (self->routing_entry, format_routing, self);
  cp_digit_entry_attach (self->account_entry, format_account, self);
}

/**
 * cp_add_bank_dialog_new:
 * @first_method: the customer has no payment method yet: this one will be
 *   primary
 *
 * Returns: (transfer floating): a new Add Bank Account dialog
 */
GtkWidget *
cp_add_bank_dialog_new (CpClient   *client,
                        const char *customer_id,
                        gboolean    first_method)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return g_object_new (CP_TYPE_ADD_BANK_DIALOG,
                       "client", client,
                       "customer-id", customer_id,
                       "first-method", first_method,
                       NULL);
}

gboolean
cp_add_bank_dialog_get_busy (CpAddBankDialog *self)
{
  g_return_val_if_fail (CP_IS_ADD_BANK_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * cp_add_bank_dialog_is_wiped:
 *
 * Returns: whether the number fields were emptied (after closing or saving)
 */
gboolean
cp_add_bank_dialog_is_wiped (CpAddBankDialog *self)
{
  g_return_val_if_fail (CP_IS_ADD_BANK_DIALOG (self), FALSE);

  return self->wiped;
}
