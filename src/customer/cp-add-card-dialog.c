/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-add-card-dialog.h"
#include "cp-client-error.h"
#include "cp-digit-entry.h"
#include "cp-ui-util.h"

/*
 * Add New Card. The digits live only here and in the one vault request:
 * the number and CVC fields use GtkPasswordEntryBuffer (non-pageable memory,
 * wiped when changed), keep no undo history, refuse copy and cut, and are
 * emptied whichever way the dialog closes. Only the vault's token goes to
 * the portal API. Nothing here logs, and no accessible name or description
 * carries a digit of the card.
 */
struct _CpAddCardDialog
{
  CpCustomerDialog parent_instance;

  /* Template children */
  GtkButton *cancel_button;
  GtkButton *save_button;
  GtkSpinner *spinner;
  GtkEditable *number_entry;
  GtkLabel *brand_label;
  GtkEditable *expiry_entry;
  GtkEditable *cvc_entry;
  GtkEditable *name_entry;
  GtkEditable *zip_entry;
  AdwActionRow *primary_row;
  GtkSwitch *primary_switch;
  GtkLabel *error_label;

  /* Owned */
  gboolean first_card;
  CpCardInput *input;              /* only while the vault request runs */
  CpCardBrand brand;
  gboolean formatting;
  gboolean busy;
  gboolean wiped;
};

enum {
  PROP_0,
  PROP_FIRST_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CpAddCardDialog, cp_add_card_dialog, CP_TYPE_CUSTOMER_DIALOG)

static void
wipe_entry (CpAddCardDialog *self,
            GtkEditable     *row)
{
  cp_customer_dialog_wipe_entry (CP_CUSTOMER_DIALOG (self), row);
}

static void
wipe (CpAddCardDialog *self)
{
  if (self->wiped || self->number_entry == NULL)
    return;

  self->formatting = TRUE;
  wipe_entry (self, self->number_entry);
  wipe_entry (self, self->cvc_entry);
  wipe_entry (self, self->expiry_entry);
  self->formatting = FALSE;
  if (self->input != NULL)
    cp_card_input_wipe (self->input);
  g_clear_object (&self->input);
  self->wiped = TRUE;
}

static void
set_error (CpAddCardDialog *self,
           GtkEditable     *row,
           const char      *message)
{
  GtkEditable *rows[] = { self->number_entry, self->expiry_entry, self->cvc_entry,
                          self->name_entry, self->zip_entry };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
update_sensitivity (CpAddCardDialog *self)
{
  GtkEditable *rows[] = { self->number_entry, self->expiry_entry, self->cvc_entry,
                          self->name_entry, self->zip_entry };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_editable (rows[i], !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_switch), !self->busy && !self->first_card);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.save", !self->busy);
}

static void
set_busy (CpAddCardDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  update_sensitivity (self);
}

/* The field formats, for cp_digit_entry_attach(): the number grouped by
 * brand and the expiry as MM/YY (cp-digit-entry.c), the CVC as long as the
 * brand's. */
static char *
format_cvc (char     *digits,
            gpointer  user_data)
{
  CpAddCardDialog *self = user_data;
  guint max = self->brand == CP_CARD_BRAND_UNKNOWN ? 4 : cp_card_brand_cvc_length (self->brand);

  if (strlen (digits) > max)
    digits[max] = '\0';
  return g_strdup (digits);
}

static void
number_changed_cb (CpAddCardDialog *self)
{
  char *digits;
  CpCardBrand brand;

  if (self->formatting)
    return;

  digits = cp_card_normalize_digits (gtk_editable_get_text (self->number_entry));
  brand = cp_card_brand_from_digits (digits);
  cp_card_wipe_string (digits);
  g_free (digits);

  gtk_label_set_text (self->brand_label, brand == CP_CARD_BRAND_UNKNOWN
                                         ? "" : cp_card_brand_get_display_name (brand));
  /* An Amex takes a 4-digit CVC, the others 3. */
  if (brand != self->brand)
    {
      self->brand = brand;
      cp_digit_entry_reformat (self->cvc_entry);
    }
  set_error (self, NULL, NULL);
}

static void
field_changed_cb (CpAddCardDialog *self)
{
  set_error (self, NULL, NULL);
}

static void
add_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) card = cp_client_add_payment_method_finish (CP_CLIENT (source), result, &error);
  CpAddCardDialog *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_ADD_CARD_DIALOG (user_data);

  set_busy (self, FALSE);
  if (card == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      set_error (self, NULL, message);
      return;
    }

  wipe (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, card);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkEditable *
row_for_field (CpAddCardDialog *self,
               const char      *field)
{
  if (g_strcmp0 (field, "number") == 0)
    return self->number_entry;
  if (g_strcmp0 (field, "exp_month") == 0 || g_strcmp0 (field, "exp_year") == 0)
    return self->expiry_entry;
  if (g_strcmp0 (field, "cvc") == 0)
    return self->cvc_entry;
  if (g_strcmp0 (field, "cardholder_name") == 0)
    return self->name_entry;
  if (g_strcmp0 (field, "postal_code") == 0)
    return self->zip_entry;
  return NULL;
}

static void
tokenize_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCardToken) token = cp_client_tokenize_card_finish (CP_CLIENT (source), result,
                                                                 &error);
  CpAddCardDialog *self;
  CpCustomerDialog *dialog;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_ADD_CARD_DIALOG (user_data);

  /* The digits have done their job, whatever the answer. */
  if (self->input != NULL)
    cp_card_input_wipe (self->input);
  g_clear_object (&self->input);

  if (token == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      set_busy (self, FALSE);
      set_error (self, row_for_field (self, cp_client_error_get_field (error)), message);
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
  CpAddCardDialog *self = CP_ADD_CARD_DIALOG (widget);
  g_autoptr(CpCardInput) input = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *zip = NULL;

  if (self->busy || cp_customer_dialog_get_client (CP_CUSTOMER_DIALOG (self)) == NULL)
    return;

  input = cp_card_input_new ();
  cp_card_input_set_number (input, gtk_editable_get_text (self->number_entry));
  cp_card_input_set_cvc (input, gtk_editable_get_text (self->cvc_entry));
  if (!cp_card_input_set_expiry_text (input, gtk_editable_get_text (self->expiry_entry)))
    {
      cp_card_input_validate (input, now, NULL);
      set_error (self, self->expiry_entry, _("Enter the expiry date as MM/YY, as printed on the "
                                             "card."));
      if (gtk_editable_get_text (self->number_entry)[0] == '\0')
        set_error (self, self->number_entry, _("Enter the card number."));
      cp_card_input_wipe (input);
      return;
    }

  if (!cp_card_input_validate (input, now, &error))
    {
      GtkEditable *row = self->number_entry;

      if (g_error_matches (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_EXPIRY))
        row = self->expiry_entry;
      else if (g_error_matches (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_CVC))
        row = self->cvc_entry;
      set_error (self, row, error->message);
      cp_card_input_wipe (input);
      return;
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  zip = g_strstrip (g_strdup (gtk_editable_get_text (self->zip_entry)));
  if (name[0] == '\0')
    {
      set_error (self, self->name_entry, _("Enter the name as it is printed on the card."));
      cp_card_input_wipe (input);
      return;
    }
  if (zip[0] == '\0')
    {
      set_error (self, self->zip_entry, _("Enter the billing ZIP code of the card."));
      cp_card_input_wipe (input);
      return;
    }

  set_error (self, NULL, NULL);
  set_busy (self, TRUE);
  self->input = g_steal_pointer (&input);
  cp_client_tokenize_card_async (cp_customer_dialog_get_client (CP_CUSTOMER_DIALOG (self)),
                                 self->input, name, zip,
                                 cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)),
                                 tokenize_ready_cb, self);
}

static void
activated_cb (CpAddCardDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "card.save", NULL);
}

static void
cp_add_card_dialog_constructed (GObject *object)
{
  CpAddCardDialog *self = CP_ADD_CARD_DIALOG (object);

  G_OBJECT_CLASS (cp_add_card_dialog_parent_class)->constructed (object);

  /* At the office, staff add a card the customer reads out on the phone. */
  if (cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (self)))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->primary_row),
                                   _("This is the primary payment method"));

  /* The first card is the primary one whatever the switch says. */
  if (self->first_card)
    {
      gtk_switch_set_active (self->primary_switch, TRUE);
      adw_action_row_set_subtitle (self->primary_row,
                                   cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (self))
                                   ? _("The first payment method is always the primary one.")
                                   : _("Your first card is always the primary card."));
    }
  update_sensitivity (self);
  /* A person starts with the card number; the header bar's Cancel, first
   * in the focus chain, would otherwise take the focus. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->number_entry));
}

static void
cp_add_card_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CpAddCardDialog *self = CP_ADD_CARD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FIRST_CARD:
      g_value_set_boolean (value, self->first_card);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_add_card_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CpAddCardDialog *self = CP_ADD_CARD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FIRST_CARD:
      self->first_card = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_add_card_dialog_dispose (GObject *object)
{
  CpAddCardDialog *self = CP_ADD_CARD_DIALOG (object);

  g_cancellable_cancel (cp_customer_dialog_get_cancellable (CP_CUSTOMER_DIALOG (self)));
  wipe (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_ADD_CARD_DIALOG);


  G_OBJECT_CLASS (cp_add_card_dialog_parent_class)->dispose (object);
}

static void
cp_add_card_dialog_finalize (GObject *object)
{
  G_OBJECT_CLASS (cp_add_card_dialog_parent_class)->finalize (object);
}

/* CpCustomerDialog::wipe, on close and as the dialog leaves the screen. */
static void
cp_add_card_dialog_wipe (CpCustomerDialog *dialog)
{
  wipe (CP_ADD_CARD_DIALOG (dialog));
}

static void
cp_add_card_dialog_class_init (CpAddCardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CpCustomerDialogClass *dialog_class = CP_CUSTOMER_DIALOG_CLASS (klass);

  object_class->constructed = cp_add_card_dialog_constructed;
  object_class->get_property = cp_add_card_dialog_get_property;
  object_class->set_property = cp_add_card_dialog_set_property;
  object_class->dispose = cp_add_card_dialog_dispose;
  dialog_class->wipe = cp_add_card_dialog_wipe;
  object_class->finalize = cp_add_card_dialog_finalize;

  properties[PROP_FIRST_CARD] =
    g_param_spec_boolean ("first-card", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpAddCardDialog::saved:
   * @card: the saved card (brand, last 4, expiry only)
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-add-card-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, number_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, brand_label);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, expiry_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, cvc_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, zip_entry);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, primary_row);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, primary_switch);
  gtk_widget_class_bind_template_child (widget_class, CpAddCardDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);

  gtk_widget_class_install_action (widget_class, "card.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_add_card_dialog_init (CpAddCardDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->cvc_entry));

  cp_customer_dialog_protect_entry (CP_CUSTOMER_DIALOG (self), self->number_entry);
  cp_customer_dialog_protect_entry (CP_CUSTOMER_DIALOG (self), self->cvc_entry);
  cp_customer_dialog_protect_entry (CP_CUSTOMER_DIALOG (self), self->expiry_entry);
  cp_digit_entry_attach (self->number_entry, cp_digit_entry_format_card_number, self);
  cp_digit_entry_attach (self->expiry_entry, cp_digit_entry_format_expiry, self);
  cp_digit_entry_attach (self->cvc_entry, format_cvc, self);
}

/**
 * cp_add_card_dialog_new:
 * @first_card: the customer has no card yet: this one will be primary
 *
 * Returns: (transfer floating): a new Add New Card dialog
 */
GtkWidget *
cp_add_card_dialog_new (CpClient   *client,
                        const char *customer_id,
                        gboolean    first_card)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return g_object_new (CP_TYPE_ADD_CARD_DIALOG,
                       "client", client,
                       "customer-id", customer_id,
                       "first-card", first_card,
                       NULL);
}

gboolean
cp_add_card_dialog_get_busy (CpAddCardDialog *self)
{
  g_return_val_if_fail (CP_IS_ADD_CARD_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * cp_add_card_dialog_is_wiped:
 *
 * Returns: whether the card fields were emptied (after closing or saving)
 */
gboolean
cp_add_card_dialog_is_wiped (CpAddCardDialog *self)
{
  g_return_val_if_fail (CP_IS_ADD_CARD_DIALOG (self), FALSE);

  return self->wiped;
}
