/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cp-autopay-event-private.h"
#include "cp-format.h"
#include "cp-json-private.h"
#include "cp-models-private.h"

struct _CpAutopayEvent
{
  GObject parent_instance;

  GDateTime *at;
  CpAutopayAction action;
  char *actor_role;
  char *actor_name;
  CpCardChannel channel;
  char *method_title;
  char *invoice_number;
  CpMoney *amount;
  char *reason;
};

G_DEFINE_FINAL_TYPE (CpAutopayEvent, cp_autopay_event, G_TYPE_OBJECT)

static void
cp_autopay_event_finalize (GObject *object)
{
  CpAutopayEvent *self = CP_AUTOPAY_EVENT (object);

  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->actor_role);
  g_free (self->actor_name);
  g_free (self->method_title);
  g_free (self->invoice_number);
  g_clear_pointer (&self->amount, cp_money_free);
  g_free (self->reason);

  G_OBJECT_CLASS (cp_autopay_event_parent_class)->finalize (object);
}

static void
cp_autopay_event_class_init (CpAutopayEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_autopay_event_finalize;
}

static void
cp_autopay_event_init (CpAutopayEvent *self)
{
}

GDateTime *
cp_autopay_event_get_at (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->at;
}

CpAutopayAction
cp_autopay_event_get_action (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), 0);
  return self->action;
}

const char *
cp_autopay_event_get_actor_role (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->actor_role;
}

const char *
cp_autopay_event_get_actor_name (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->actor_name;
}

CpCardChannel
cp_autopay_event_get_channel (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), 0);
  return self->channel;
}

/* Returns: (nullable): the payment method, "Visa •••• 4242" */
const char *
cp_autopay_event_get_method_title (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->method_title;
}

/* Returns: (nullable): the invoice a payment or a decline was for */
const char *
cp_autopay_event_get_invoice_number (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->invoice_number;
}

/* Returns: (nullable): what a payment or a decline was of */
const CpMoney *
cp_autopay_event_get_amount (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->amount;
}

/* Returns: (nullable): why AutoPay was turned off: "customer", "office" or
 *   "method_removed" */
const char *
cp_autopay_event_get_reason (CpAutopayEvent *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);
  return self->reason;
}

/**
 * cp_autopay_event_dup_summary:
 *
 * Returns: (transfer full): what happened, in one sentence for a row and a
 *   screen reader: "Paid INV-1009 ($120.00) with Visa •••• 4242"
 */
char *
cp_autopay_event_dup_summary (CpAutopayEvent *self)
{
  const char *method;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (CP_IS_AUTOPAY_EVENT (self), NULL);

  method = self->method_title != NULL ? self->method_title : "";
  if (self->amount != NULL)
    amount = cp_money_format (self->amount);

  switch (self->action)
    {
    case CP_AUTOPAY_ACTION_ENABLED:
      /* Translators: %s is a payment method, "Visa •••• 4242" */
      return g_strdup_printf (_("Turned on with %s"), method);
    case CP_AUTOPAY_ACTION_METHOD_CHANGED:
      /* Translators: %s is a payment method, "Visa •••• 4242" */
      return g_strdup_printf (_("Now pays with %s"), method);
    case CP_AUTOPAY_ACTION_DISABLED:
      if (g_strcmp0 (self->reason, "method_removed") == 0)
        return g_strdup (_("Turned off: its payment method was deleted"));
      if (g_strcmp0 (self->reason, "office") == 0)
        return g_strdup (_("Turned off by the office"));
      return g_strdup (_("Turned off"));
    case CP_AUTOPAY_ACTION_PAID:
      /* Translators: an invoice number, its amount and a payment method:
       * "Paid INV-1009 ($120.00) with Visa •••• 4242" */
      return g_strdup_printf (_("Paid %s (%s) with %s"),
                              self->invoice_number ? self->invoice_number : "",
                              amount ? amount : "", method);
    case CP_AUTOPAY_ACTION_DECLINED:
      /* Translators: as "Paid %s (%s) with %s", for a payment that failed */
      return g_strdup_printf (_("Could not pay %s (%s): %s declined"),
                              self->invoice_number ? self->invoice_number : "",
                              amount ? amount : "", method);
    default:
      return g_strdup (_("Changed"));
    }
}

char *
cp_autopay_method_title (JsonObject  *method,
                         GError     **error)
{
  g_autofree char *brand = NULL;
  g_autofree char *last4 = NULL;

  if (!cp_json_get_string (method, "brand", FALSE, &brand, error)
      || !cp_json_get_string (method, "last4", FALSE, &last4, error))
    return NULL;
  if (strlen (last4) != 4 || strspn (last4, "0123456789") != 4)
    {
      cp_model_bad_reply (error, "last4");
      return NULL;
    }
  if (g_strcmp0 (brand, "bank_account") == 0)
    /* Translators: a saved bank account, e.g. "Chase •••• 6789". */
    return g_strdup_printf (_("%s •••• %s"), _("Bank account"), last4);
  /* Translators: a saved card, e.g. "Visa •••• 4242". */
  return g_strdup_printf (_("%s •••• %s"),
                          cp_card_brand_get_display_name (cp_card_brand_from_string (brand)),
                          last4);
}

gpointer
cp_autopay_event_parse (JsonObject  *object,
                        GError     **error)
{
  g_autoptr(CpAutopayEvent) self = g_object_new (CP_TYPE_AUTOPAY_EVENT, NULL);
  static const char * const actions[] = { "enabled", "disabled", "method_changed", "paid",
                                          "declined", NULL };
  static const char * const channels[] = { "portal", "office", "system", NULL };
  JsonObject *actor;
  JsonNode *node;
  int choice;

  if (!cp_json_get_time (object, "at", &self->at, error)
      || !cp_json_get_enum (object, "action", actions, &choice, error))
    return NULL;
  self->action = (CpAutopayAction) choice;
  if (!cp_json_get_enum (object, "channel", channels, &choice, error))
    return NULL;
  self->channel = (CpCardChannel) choice;
  actor = cp_json_get_object (object, "actor", error);
  if (actor == NULL
      || !cp_json_get_string (actor, "role", FALSE, &self->actor_role, error)
      || !cp_json_get_string (actor, "name", TRUE, &self->actor_name, error))
    return NULL;

  node = json_object_get_member (object, "payment_method");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          cp_model_bad_reply (error, "payment_method");
          return NULL;
        }
      self->method_title = cp_autopay_method_title (json_node_get_object (node), error);
      if (self->method_title == NULL)
        return NULL;
    }
  if (!cp_json_get_string (object, "invoice_number", TRUE, &self->invoice_number, error)
      || !cp_json_get_string (object, "reason", TRUE, &self->reason, error))
    return NULL;
  node = json_object_get_member (object, "amount");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node)
      && !cp_json_get_money (object, "amount", &self->amount, error))
    return NULL;
  return g_steal_pointer (&self);
}
