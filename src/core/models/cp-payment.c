/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-payment-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-client-error.h"
#include "cp-json-private.h"
#include "cp-models-private.h"
struct _CpPayment
{
  GObject parent_instance;

  char *id;
  char *status;
  CpMoney *amount;
  char *amount_text;
  char *receipt_number;
  char *failure_message;
  GDateTime *created_at;
  char *created_at_text;
  /* Where known: "portal" or "office", who took it, the office's memo. */
  char *channel;
  char *actor_name;
  char *actor_role;
  char *memo;
  /* The invoices the amount went to, in the order given (where sent). */
  GStrv paid_invoice_ids;
};

G_DEFINE_FINAL_TYPE (CpPayment, cp_payment, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_AMOUNT,
  PROP_AMOUNT_TEXT,
  PROP_RECEIPT_NUMBER,
  PROP_CREATED_AT,
  PROP_CREATED_AT_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_payment_finalize (GObject *object)
{
  CpPayment *self = (CpPayment *) object;

  g_free (self->id);
  g_free (self->status);
  g_clear_pointer (&self->amount, cp_money_free);
  g_free (self->amount_text);
  g_free (self->receipt_number);
  g_free (self->failure_message);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->created_at_text);
  g_free (self->channel);
  g_free (self->actor_name);
  g_free (self->actor_role);
  g_free (self->memo);
  g_strfreev (self->paid_invoice_ids);

  G_OBJECT_CLASS (cp_payment_parent_class)->finalize (object);
}

static void
cp_payment_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CpPayment *self = (CpPayment *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_AMOUNT:
      g_value_set_boxed (value, self->amount);
      break;

    case PROP_AMOUNT_TEXT:
      g_value_set_string (value, self->amount_text);
      break;

    case PROP_RECEIPT_NUMBER:
      g_value_set_string (value, self->receipt_number);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_CREATED_AT_TEXT:
      g_value_set_string (value, self->created_at_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_payment_class_init (CpPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_payment_finalize;
  object_class->get_property = cp_payment_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AMOUNT] =
    g_param_spec_boxed ("amount", NULL, NULL, CP_TYPE_MONEY, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AMOUNT_TEXT] =
    g_param_spec_string ("amount-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIPT_NUMBER] =
    g_param_spec_string ("receipt-number", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT_TEXT] =
    g_param_spec_string ("created-at-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_payment_init (CpPayment *self)
{
}

const char *
cp_payment_get_id (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->id;
}

const char *
cp_payment_get_status (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->status;
}

const CpMoney *
cp_payment_get_amount (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->amount;
}

const char *
cp_payment_get_amount_text (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->amount_text;
}

/* Whether the processor's answer is still out. */
gboolean
cp_payment_is_pending (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), FALSE);

  return g_strcmp0 (self->status, "pending") == 0;
}

/* Why a failed payment failed, for people; %NULL otherwise. */
const char *
cp_payment_get_failure_message (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);

  return self->failure_message;
}

const char *
cp_payment_get_receipt_number (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->receipt_number;
}

GDateTime *
cp_payment_get_created_at (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->created_at;
}

const char *
cp_payment_get_created_at_text (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->created_at_text;
}

/* Builds the model from one reply object, checking every member. */
CpPayment *
cp_payment_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(CpPayment) self = g_object_new (CP_TYPE_PAYMENT, NULL);

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  if (!cp_json_get_string (object, "status", FALSE, &self->status, error))
    return NULL;
  if (!g_str_equal (self->status, "pending") && !g_str_equal (self->status, "succeeded")
      && !g_str_equal (self->status, "failed"))
    {
      g_set_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE,
                   "The payment status “%s” is not known", self->status);
      return NULL;
    }
  if (!cp_json_get_money (object, "amount", &self->amount, error))
    return NULL;
  /* Only a payment that went through has a receipt. */
  if (!cp_json_get_string (object, "receipt_number", !g_str_equal (self->status, "succeeded"),
                           &self->receipt_number, error))
    return NULL;
  if (!cp_json_get_string (object, "failure_message", TRUE, &self->failure_message, error))
    return NULL;
  if (!cp_json_get_time (object, "created_at", &self->created_at, error))
    return NULL;
  if (!cp_json_get_string (object, "channel", TRUE, &self->channel, error)
      || !cp_json_get_string (object, "memo", TRUE, &self->memo, error))
    return NULL;
  if (json_object_has_member (object, "actor"))
    {
      JsonObject *actor = cp_json_get_object (object, "actor", error);

      if (actor == NULL
          || !cp_json_get_string (actor, "name", TRUE, &self->actor_name, error)
          || !cp_json_get_string (actor, "role", TRUE, &self->actor_role, error))
        return NULL;
    }
  if (json_object_has_member (object, "allocations"))
    {
      JsonNode *node = json_object_get_member (object, "allocations");
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      JsonArray *allocations;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          cp_model_bad_reply (error, "allocations");
          return NULL;
        }
      allocations = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (allocations); i++)
        {
          JsonNode *item = json_array_get_element (allocations, i);
          g_autofree char *id = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              cp_model_bad_reply (error, "allocations");
              return NULL;
            }
          if (!cp_json_get_id (json_node_get_object (item), "invoice_id", FALSE, &id, error))
            return NULL;
          g_strv_builder_add (ids, id);
        }
      self->paid_invoice_ids = g_strv_builder_end (ids);
    }
  self->amount_text = cp_money_format (self->amount);
  self->created_at_text = cp_format_date_time (self->created_at);

  return g_steal_pointer (&self);
}

gpointer
cp_payment_parse (JsonObject  *object,
                  GError     **error)
{
  return cp_payment_new_from_json (object, error);
}

/**
 * cp_payment_get_channel:
 *
 * Returns: (nullable): "portal" (the customer paid) or "office" (staff took
 *   the payment), where the portal says
 */
const char *
cp_payment_get_channel (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->channel;
}

/**
 * cp_payment_get_actor_name:
 *
 * Returns: (nullable): who made or took the payment
 */
const char *
cp_payment_get_actor_name (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->actor_name;
}

/**
 * cp_payment_get_actor_role:
 *
 * Returns: (nullable): "customer", "staff" or "admin"
 */
const char *
cp_payment_get_actor_role (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->actor_role;
}

/**
 * cp_payment_pays_invoice:
 * @invoice_id: an invoice's id
 *
 * Returns: whether the payment's amount went (or, pending, goes) to that
 *   invoice; %TRUE when the portal did not say which invoices it went to
 */
gboolean
cp_payment_pays_invoice (CpPayment  *self,
                         const char *invoice_id)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), FALSE);

  return self->paid_invoice_ids == NULL
         || g_strv_contains ((const char * const *) self->paid_invoice_ids, invoice_id);
}

/**
 * cp_payment_get_memo:
 *
 * Returns: (nullable): the memo written with the payment
 */
const char *
cp_payment_get_memo (CpPayment *self)
{
  g_return_val_if_fail (CP_IS_PAYMENT (self), NULL);
  return self->memo;
}
