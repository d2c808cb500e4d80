/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-card-face-private.h"
#include "cp-card-private.h"
#include "cp-enum-types.h"
#include "cp-json-private.h"

struct _CpCard
{
  GObject parent_instance;

  char *id;
  CpCardFace face;
  char *cardholder_name;
  gboolean is_primary;
  gboolean expired;
  GDateTime *added_at;
  CpCardChannel added_via;
  /* Newer members; a portal that does not send them leaves them unset. */
  char *added_by_name;
  char *added_by_role;
  GDateTime *updated_at;
  GDateTime *last_used_at;
  char *customer_id;               /* in the office's report only */
  char *customer_name;
};

G_DEFINE_FINAL_TYPE (CpCard, cp_card, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_FACE,
  PROP_CARDHOLDER_NAME = PROP_FACE + CP_CARD_FACE_N_PROPS,
  PROP_IS_PRIMARY,
  PROP_EXPIRED,
  PROP_ADDED_AT,
  PROP_ADDED_VIA,
  PROP_TITLE,
  PROP_EXPIRY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_card_finalize (GObject *object)
{
  CpCard *self = (CpCard *) object;

  g_free (self->id);
  cp_card_face_clear (&self->face);
  g_free (self->cardholder_name);
  g_clear_pointer (&self->added_at, g_date_time_unref);
  g_free (self->added_by_name);
  g_free (self->added_by_role);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->last_used_at, g_date_time_unref);
  g_free (self->customer_id);
  g_free (self->customer_name);

  G_OBJECT_CLASS (cp_card_parent_class)->finalize (object);
}

static void
cp_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CpCard *self = (CpCard *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CARDHOLDER_NAME:
      g_value_set_string (value, self->cardholder_name);
      break;

    case PROP_IS_PRIMARY:
      g_value_set_boolean (value, self->is_primary);
      break;

    case PROP_EXPIRED:
      g_value_set_boolean (value, self->expired);
      break;

    case PROP_ADDED_AT:
      g_value_set_boxed (value, self->added_at);
      break;

    case PROP_ADDED_VIA:
      g_value_set_enum (value, self->added_via);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->face.title);
      break;

    case PROP_EXPIRY_TEXT:
      g_value_set_string (value, self->face.expiry_text);
      break;

    default:
      if (!cp_card_face_get_property (&self->face, prop_id - PROP_FACE, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_class_init (CpCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_card_finalize;
  object_class->get_property = cp_card_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  cp_card_face_fill_properties (&properties[PROP_FACE]);
  properties[PROP_CARDHOLDER_NAME] =
    g_param_spec_string ("cardholder-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_PRIMARY] =
    g_param_spec_boolean ("is-primary", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRED] =
    g_param_spec_boolean ("expired", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDED_AT] =
    g_param_spec_boxed ("added-at", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDED_VIA] =
    g_param_spec_enum ("added-via", NULL, NULL, CP_TYPE_CARD_CHANNEL, CP_CARD_CHANNEL_PORTAL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRY_TEXT] =
    g_param_spec_string ("expiry-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_card_init (CpCard *self)
{
}

const char *
cp_card_get_id (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->id;
}

CP_CARD_FACE_DEFINE_GETTERS (CpCard, cp_card, CP_IS_CARD)

const char *
cp_card_get_cardholder_name (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->cardholder_name;
}

gboolean
cp_card_get_is_primary (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), 0);
  return self->is_primary;
}

gboolean
cp_card_get_expired (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), 0);
  return self->expired;
}

GDateTime *
cp_card_get_added_at (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->added_at;
}

/**
 * cp_card_get_days_left:
 * @self: a #CpCard
 * @now: the current time
 *
 * A card is valid through the last day of its expiry month.
 *
 * Returns: the days from @now until @self stops working; negative once it
 *   has expired, or when the server says it has
 */
int
cp_card_get_days_left (CpCard    *self,
                       GDateTime *now)
{
  g_autoptr(GDateTime) end = NULL;
  GTimeSpan diff;
  int year, month;

  g_return_val_if_fail (CP_IS_CARD (self), -1);
  g_return_val_if_fail (now != NULL, -1);

  if (self->expired || self->face.exp_month < 1 || self->face.exp_month > 12
      || self->face.exp_year < 1 || self->face.exp_year > 9998)
    return -1;

  year = (int) self->face.exp_year + (self->face.exp_month == 12 ? 1 : 0);
  month = self->face.exp_month == 12 ? 1 : (int) self->face.exp_month + 1;
  end = g_date_time_new (g_date_time_get_timezone (now), year, month, 1, 0, 0, 0);
  if (end == NULL)
    return -1;

  diff = g_date_time_difference (end, now);
  /* Round down, so that the first moment after the end is already -1. */
  if (diff <= 0)
    return -1 - (int) (-diff / G_TIME_SPAN_DAY);
  return (int) (diff / G_TIME_SPAN_DAY);
}

/**
 * cp_card_dup_details:
 * @self: a #CpCard
 * @now: the current time
 *
 * Returns: (transfer full): the line under a card's title, the same
 *   wherever a card is shown: "Expires 12/2030 · Ada Lovelace", or
 *   "Expired 04/2024 · …" once it has
 */
char *
cp_card_dup_details (CpCard    *self,
                     GDateTime *now)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (CP_IS_CARD (self), NULL);

  if (self->face.is_bank_account)
    /* Translators: the line under a saved bank account's title */
    g_string_append (text, _("Bank account"));
  else if (cp_card_get_days_left (self, now) < 0)
    /* Translators: a saved card's expiry, e.g. "Expired 04/2024" */
    g_string_append_printf (text, _("Expired %s"), self->face.expiry_text);
  else
    /* Translators: a saved card's expiry, e.g. "Expires 04/2030" */
    g_string_append_printf (text, _("Expires %s"), self->face.expiry_text);
  if (self->cardholder_name != NULL && self->cardholder_name[0] != '\0')
    g_string_append_printf (text, " · %s", self->cardholder_name);

  return g_string_free (text, FALSE);
}

CpCardChannel
cp_card_get_added_via (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), 0);
  return self->added_via;
}

const char *
cp_card_get_title (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->face.title;
}

const char *
cp_card_get_expiry_text (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->face.expiry_text;
}

/**
 * cp_card_get_is_bank_account:
 *
 * Returns: whether the payment method is a bank account (ACH), which has
 *   no expiry to show
 */
gboolean
cp_card_get_is_bank_account (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), FALSE);
  return self->face.is_bank_account;
}

/* A time that may be null or missing. */
static gboolean
optional_time (JsonObject  *object,
               const char  *member,
               GDateTime  **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return cp_json_get_time (object, member, out, error);
}

/* Builds the model from one reply object, checking every member. */
CpCard *
cp_card_new_from_json (JsonObject  *object,
                       GError     **error)
{
  g_autoptr(CpCard) self = g_object_new (CP_TYPE_CARD, NULL);
  int choice;

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  if (!cp_card_face_init_from_json (&self->face, object, error))
    return NULL;
  if (!cp_json_get_string (object, "cardholder_name", TRUE, &self->cardholder_name, error))
    return NULL;
  if (!cp_json_get_bool (object, "is_primary", &self->is_primary, error))
    return NULL;
  if (!cp_json_get_bool (object, "expired", &self->expired, error))
    return NULL;
  if (!cp_json_get_time (object, "added_at", &self->added_at, error))
    return NULL;
  {
    static const char * const names[] = { "portal", "office", "system", NULL };

    if (!cp_json_get_enum (object, "added_via", names, &choice, error))
      return NULL;
    self->added_via = (CpCardChannel) choice;
  }

  if (!optional_time (object, "updated_at", &self->updated_at, error)
      || !optional_time (object, "last_used_at", &self->last_used_at, error))
    return NULL;
  if (json_object_has_member (object, "added_by"))
    {
      JsonObject *by = cp_json_get_object (object, "added_by", error);

      if (by == NULL
          || !cp_json_get_string (by, "name", TRUE, &self->added_by_name, error)
          || !cp_json_get_string (by, "role", TRUE, &self->added_by_role, error))
        return NULL;
    }
  if (json_object_has_member (object, "customer"))
    {
      JsonObject *customer = cp_json_get_object (object, "customer", error);

      if (customer == NULL
          || !cp_json_get_id (customer, "id", FALSE, &self->customer_id, error)
          || !cp_json_get_string (customer, "name", TRUE, &self->customer_name, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * cp_card_get_added_by_name:
 *
 * Returns: (nullable): who added the card ("Sam Rivera"), where known
 */
const char *
cp_card_get_added_by_name (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->added_by_name;
}

/**
 * cp_card_get_added_by_role:
 *
 * Returns: (nullable): "customer", "staff" or "admin", where known
 */
const char *
cp_card_get_added_by_role (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->added_by_role;
}

/**
 * cp_card_get_updated_at:
 *
 * Returns: (nullable) (transfer none): the card's last change
 */
GDateTime *
cp_card_get_updated_at (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->updated_at;
}

/**
 * cp_card_get_last_used_at:
 *
 * Returns: (nullable) (transfer none): the card's last payment, %NULL if never
 */
GDateTime *
cp_card_get_last_used_at (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->last_used_at;
}

/**
 * cp_card_get_customer_id:
 *
 * Returns: (nullable): the customer's id, in the office's report
 */
const char *
cp_card_get_customer_id (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->customer_id;
}

/**
 * cp_card_get_customer_name:
 *
 * Returns: (nullable): the customer's name, in the office's report
 */
const char *
cp_card_get_customer_name (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->customer_name;
}

gpointer
cp_card_parse (JsonObject  *object,
               GError     **error)
{
  return cp_card_new_from_json (object, error);
}
