/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include "cp-customer-dialog.h"

typedef struct
{
  CpClient *client;
  char *customer_id;
  gboolean office;
  GCancellable *cancellable;
} CpCustomerDialogPrivate;

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CUSTOMER_ID,
  PROP_OFFICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (CpCustomerDialog, cp_customer_dialog, ADW_TYPE_WINDOW)

static void
cp_customer_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CpCustomerDialogPrivate *priv =
    cp_customer_dialog_get_instance_private (CP_CUSTOMER_DIALOG (object));

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, priv->client);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, priv->customer_id);
      break;
    case PROP_OFFICE:
      g_value_set_boolean (value, priv->office);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_customer_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CpCustomerDialogPrivate *priv =
    cp_customer_dialog_get_instance_private (CP_CUSTOMER_DIALOG (object));

  switch (prop_id)
    {
    case PROP_CLIENT:
      priv->client = g_value_dup_object (value);
      break;
    case PROP_CUSTOMER_ID:
      priv->customer_id = g_value_dup_string (value);
      break;
    case PROP_OFFICE:
      priv->office = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_customer_dialog_dispose (GObject *object)
{
  CpCustomerDialogPrivate *priv =
    cp_customer_dialog_get_instance_private (CP_CUSTOMER_DIALOG (object));

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->client);

  G_OBJECT_CLASS (cp_customer_dialog_parent_class)->dispose (object);
}

static void
cp_customer_dialog_finalize (GObject *object)
{
  CpCustomerDialogPrivate *priv =
    cp_customer_dialog_get_instance_private (CP_CUSTOMER_DIALOG (object));

  g_clear_object (&priv->cancellable);
  g_free (priv->customer_id);

  G_OBJECT_CLASS (cp_customer_dialog_parent_class)->finalize (object);
}

static void
cancel_and_wipe (CpCustomerDialog *self)
{
  CpCustomerDialogPrivate *priv = cp_customer_dialog_get_instance_private (self);
  CpCustomerDialogClass *klass = CP_CUSTOMER_DIALOG_GET_CLASS (self);

  if (klass->wipe == NULL)
    return;
  g_cancellable_cancel (priv->cancellable);
  klass->wipe (self);
}

static gboolean
cp_customer_dialog_close_request (GtkWindow *window)
{
  cancel_and_wipe (CP_CUSTOMER_DIALOG (window));

  return GTK_WINDOW_CLASS (cp_customer_dialog_parent_class)->close_request (window);
}

static void
cp_customer_dialog_unmap (GtkWidget *widget)
{
  cancel_and_wipe (CP_CUSTOMER_DIALOG (widget));

  GTK_WIDGET_CLASS (cp_customer_dialog_parent_class)->unmap (widget);
}

static void
cp_customer_dialog_class_init (CpCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = cp_customer_dialog_get_property;
  object_class->set_property = cp_customer_dialog_set_property;
  object_class->dispose = cp_customer_dialog_dispose;
  object_class->finalize = cp_customer_dialog_finalize;
  widget_class->unmap = cp_customer_dialog_unmap;
  window_class->close_request = cp_customer_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The office's desk uses the dialog for the customer (a call): the
   * wording is the office's, the rest the same. */
  properties[PROP_OFFICE] =
    g_param_spec_boolean ("office", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_customer_dialog_init (CpCustomerDialog *self)
{
  CpCustomerDialogPrivate *priv = cp_customer_dialog_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

/**
 * cp_customer_dialog_get_client:
 *
 * Returns: (transfer none) (nullable): the client the dialog works with
 */
CpClient *
cp_customer_dialog_get_client (CpCustomerDialog *self)
{
  CpCustomerDialogPrivate *priv;

  g_return_val_if_fail (CP_IS_CUSTOMER_DIALOG (self), NULL);

  priv = cp_customer_dialog_get_instance_private (self);
  return priv->client;
}

/**
 * cp_customer_dialog_get_customer_id:
 *
 * Returns: (nullable): the customer the dialog is about
 */
const char *
cp_customer_dialog_get_customer_id (CpCustomerDialog *self)
{
  CpCustomerDialogPrivate *priv;

  g_return_val_if_fail (CP_IS_CUSTOMER_DIALOG (self), NULL);

  priv = cp_customer_dialog_get_instance_private (self);
  return priv->customer_id;
}

/**
 * cp_customer_dialog_get_cancellable:
 *
 * Returns: (transfer none): for the dialog's requests; cancelled when it
 *   goes away
 */
GCancellable *
cp_customer_dialog_get_cancellable (CpCustomerDialog *self)
{
  CpCustomerDialogPrivate *priv;

  g_return_val_if_fail (CP_IS_CUSTOMER_DIALOG (self), NULL);

  priv = cp_customer_dialog_get_instance_private (self);
  return priv->cancellable;
}

/**
 * cp_customer_dialog_get_office:
 *
 * Returns: whether staff use the dialog on the customer's behalf
 */
gboolean
cp_customer_dialog_get_office (CpCustomerDialog *self)
{
  CpCustomerDialogPrivate *priv = cp_customer_dialog_get_instance_private (self);

  g_return_val_if_fail (CP_IS_CUSTOMER_DIALOG (self), FALSE);

  return priv->office;
}

/* The GtkText inside an entry row. */
static GtkText *
text_of (GtkEditable *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (row);

  g_assert (GTK_IS_TEXT (delegate));
  return GTK_TEXT (delegate);
}

static void
block_clipboard_cb (GtkText *text,
                    gpointer user_data)
{
  /* Digits of a card or an account never go to the clipboard (nor its
   * history). */
  g_signal_stop_emission_by_name (text, g_signal_name (GPOINTER_TO_UINT (user_data)));
}

/**
 * cp_customer_dialog_protect_entry:
 * @row: an entry row of the dialog that will hold secret digits
 *
 * Gives @row a GtkPasswordEntryBuffer (non-pageable memory, wiped when
 * changed), no undo history, and refuses copy and cut.
 */
void
cp_customer_dialog_protect_entry (CpCustomerDialog *self,
                                  GtkEditable      *row)
{
  GtkText *text;
  g_autoptr(GtkEntryBuffer) buffer = NULL;

  g_return_if_fail (CP_IS_CUSTOMER_DIALOG (self));
  g_return_if_fail (GTK_IS_EDITABLE (row));

  text = text_of (row);
  buffer = gtk_password_entry_buffer_new ();
  gtk_text_set_buffer (text, buffer);
  gtk_editable_set_enable_undo (GTK_EDITABLE (text), FALSE);
  g_signal_connect (text, "copy-clipboard", G_CALLBACK (block_clipboard_cb),
                    GUINT_TO_POINTER (g_signal_lookup ("copy-clipboard", GTK_TYPE_TEXT)));
  g_signal_connect (text, "cut-clipboard", G_CALLBACK (block_clipboard_cb),
                    GUINT_TO_POINTER (g_signal_lookup ("cut-clipboard", GTK_TYPE_TEXT)));
}

/**
 * cp_customer_dialog_wipe_entry:
 * @row: an entry row of the dialog
 *
 * Empties @row; GtkEntryBuffer overwrites the bytes it deletes.
 */
void
cp_customer_dialog_wipe_entry (CpCustomerDialog *self,
                               GtkEditable      *row)
{
  g_return_if_fail (CP_IS_CUSTOMER_DIALOG (self));
  g_return_if_fail (GTK_IS_EDITABLE (row));

  gtk_entry_buffer_delete_text (gtk_text_get_buffer (text_of (row)), 0, -1);
}
