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
cp_customer_dialog_class_init (CpCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cp_customer_dialog_get_property;
  object_class->set_property = cp_customer_dialog_set_property;
  object_class->dispose = cp_customer_dialog_dispose;
  object_class->finalize = cp_customer_dialog_finalize;

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
