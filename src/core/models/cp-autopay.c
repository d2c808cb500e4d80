/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include "cp-autopay-event-private.h"
#include "cp-autopay-private.h"
#include "cp-json-private.h"
#include "cp-models-private.h"

/* At most this many events are kept, as the server sends them. */
#define MAX_EVENTS 50

struct _CpAutopay
{
  GObject parent_instance;

  gboolean enabled;
  char *method_id;
  char *method_title;
  char *terms_version;
  char *terms_text;
  char *consent_text;
  char *consent_version;
  GDateTime *consent_accepted_at;
  char *consent_actor_name;
  char *failure_invoice_number;
  char *failure_message;
  GDateTime *failure_at;
  GListStore *events;
};

G_DEFINE_FINAL_TYPE (CpAutopay, cp_autopay, G_TYPE_OBJECT)

static void
cp_autopay_finalize (GObject *object)
{
  CpAutopay *self = CP_AUTOPAY (object);

  g_free (self->method_id);
  g_free (self->method_title);
  g_free (self->terms_version);
  g_free (self->terms_text);
  g_free (self->consent_text);
  g_free (self->consent_version);
  g_clear_pointer (&self->consent_accepted_at, g_date_time_unref);
  g_free (self->consent_actor_name);
  g_free (self->failure_invoice_number);
  g_free (self->failure_message);
  g_clear_pointer (&self->failure_at, g_date_time_unref);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (cp_autopay_parent_class)->finalize (object);
}

static void
cp_autopay_class_init (CpAutopayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_autopay_finalize;
}

static void
cp_autopay_init (CpAutopay *self)
{
  self->events = g_list_store_new (CP_TYPE_AUTOPAY_EVENT);
}

gboolean
cp_autopay_get_enabled (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), FALSE);
  return self->enabled;
}

/* Returns: (nullable): the id of the payment method AutoPay pays with */
const char *
cp_autopay_get_payment_method_id (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->method_id;
}

/* Returns: (nullable): that method, "Visa •••• 4242" */
const char *
cp_autopay_get_payment_method_title (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->method_title;
}

/* The version of the terms a customer accepts now: sent back with the
 * consent, so that terms changed in between are not accepted unread. */
const char *
cp_autopay_get_terms_version (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->terms_version;
}

/* The terms as the portal words them, naming the payment method they were
 * asked for (cp_client_get_autopay_async()): what it records when they are
 * agreed to. */
const char *
cp_autopay_get_terms_text (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->terms_text;
}

/* Returns: (nullable): the consent as the customer accepted it */
const char *
cp_autopay_get_consent_text (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->consent_text;
}

const char *
cp_autopay_get_consent_version (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->consent_version;
}

GDateTime *
cp_autopay_get_consent_accepted_at (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->consent_accepted_at;
}

const char *
cp_autopay_get_consent_actor_name (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->consent_actor_name;
}

/* Returns: (nullable): the invoice of the last declined automatic payment,
 *   unless one went through since */
const char *
cp_autopay_get_failure_invoice_number (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->failure_invoice_number;
}

const char *
cp_autopay_get_failure_message (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->failure_message;
}

GDateTime *
cp_autopay_get_failure_at (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return self->failure_at;
}

/* Returns: (transfer none): the latest changes, newest first, a #GListModel
 *   of #CpAutopayEvent */
GListModel *
cp_autopay_get_events (CpAutopay *self)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), NULL);
  return G_LIST_MODEL (self->events);
}

/**
 * cp_autopay_pays_with:
 * @payment_method_id: one of the customer's payment methods
 *
 * Returns: whether AutoPay is on and pays with that method (so that it
 *   cannot simply be deleted)
 */
gboolean
cp_autopay_pays_with (CpAutopay  *self,
                      const char *payment_method_id)
{
  g_return_val_if_fail (CP_IS_AUTOPAY (self), FALSE);

  return self->enabled && g_strcmp0 (self->method_id, payment_method_id) == 0;
}

/* Returns the member @name when it is an object, %NULL when it is null or
 * missing; FALSE (with @error) for anything else. */
static gboolean
get_optional_object (JsonObject  *object,
                     const char  *name,
                     JsonObject **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return cp_model_bad_reply (error, name);
  *out = json_node_get_object (node);
  return TRUE;
}

static gpointer
bad_reply (GError     **error,
           const char  *member)
{
  cp_model_bad_reply (error, member);
  return NULL;
}

gpointer
cp_autopay_parse (JsonObject  *object,
                  GError     **error)
{
  g_autoptr(CpAutopay) self = g_object_new (CP_TYPE_AUTOPAY, NULL);
  JsonObject *method, *consent, *terms, *failure;
  JsonNode *node;

  if (!cp_json_get_bool (object, "enabled", &self->enabled, error)
      || !get_optional_object (object, "payment_method", &method, error)
      || !get_optional_object (object, "consent", &consent, error)
      || !get_optional_object (object, "last_failure", &failure, error))
    return NULL;
  terms = cp_json_get_object (object, "terms", error);
  if (terms == NULL
      || !cp_json_get_string (terms, "version", FALSE, &self->terms_version, error)
      || !cp_json_get_string (terms, "text", FALSE, &self->terms_text, error))
    return NULL;

  /* On, it pays with a method under a consent; off, it has neither. */
  if (self->enabled && (method == NULL || consent == NULL))
    return bad_reply (error, method == NULL ? "payment_method" : "consent");
  if (method != NULL)
    {
      if (!cp_json_get_id (method, "id", FALSE, &self->method_id, error))
        return NULL;
      self->method_title = cp_autopay_method_title (method, error);
      if (self->method_title == NULL)
        return NULL;
    }
  if (consent != NULL)
    {
      JsonObject *actor = cp_json_get_object (consent, "actor", error);

      if (actor == NULL
          || !cp_json_get_string (consent, "version", FALSE, &self->consent_version, error)
          || !cp_json_get_string (consent, "text", FALSE, &self->consent_text, error)
          || !cp_json_get_time (consent, "accepted_at", &self->consent_accepted_at, error)
          || !cp_json_get_string (actor, "name", TRUE, &self->consent_actor_name, error))
        return NULL;
    }
  if (failure != NULL
      && (!cp_json_get_string (failure, "invoice_number", FALSE, &self->failure_invoice_number,
                               error)
          || !cp_json_get_string (failure, "message", FALSE, &self->failure_message, error)
          || !cp_json_get_time (failure, "at", &self->failure_at, error)))
    return NULL;

  node = json_object_get_member (object, "events");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *events;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return bad_reply (error, "events");
      events = json_node_get_array (node);
      if (json_array_get_length (events) > MAX_EVENTS)
        return bad_reply (error, "events");
      for (guint i = 0; i < json_array_get_length (events); i++)
        {
          JsonNode *item = json_array_get_element (events, i);
          g_autoptr(CpAutopayEvent) event = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            return bad_reply (error, "events");
          event = cp_autopay_event_parse (json_node_get_object (item), error);
          if (event == NULL)
            return NULL;
          g_list_store_append (self->events, event);
        }
    }
  return g_steal_pointer (&self);
}
