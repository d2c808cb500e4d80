/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-card.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"
#include "cp-models-private.h"
struct _CpCard
{
  GObject parent_instance;

  char *id;
  CpCardBrand brand;
  char *last4;
  guint exp_month;
  guint exp_year;
  char *cardholder_name;
  gboolean is_primary;
  gboolean expired;
  GDateTime *added_at;
  CpCardChannel added_via;
  char *title;
  char *expiry_text;
};

G_DEFINE_FINAL_TYPE (CpCard, cp_card, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_BRAND,
  PROP_LAST4,
  PROP_EXP_MONTH,
  PROP_EXP_YEAR,
  PROP_CARDHOLDER_NAME,
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
  g_free (self->last4);
  g_free (self->cardholder_name);
  g_clear_pointer (&self->added_at, g_date_time_unref);
  g_free (self->title);
  g_free (self->expiry_text);

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

    case PROP_BRAND:
      g_value_set_enum (value, self->brand);
      break;

    case PROP_LAST4:
      g_value_set_string (value, self->last4);
      break;

    case PROP_EXP_MONTH:
      g_value_set_uint (value, self->exp_month);
      break;

    case PROP_EXP_YEAR:
      g_value_set_uint (value, self->exp_year);
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
      g_value_set_string (value, self->title);
      break;

    case PROP_EXPIRY_TEXT:
      g_value_set_string (value, self->expiry_text);
      break;

    default:
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
  properties[PROP_BRAND] =
    g_param_spec_enum ("brand", NULL, NULL, CP_TYPE_CARD_BRAND, CP_CARD_BRAND_UNKNOWN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST4] =
    g_param_spec_string ("last4", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXP_MONTH] =
    g_param_spec_uint ("exp-month", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXP_YEAR] =
    g_param_spec_uint ("exp-year", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
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

CpCardBrand
cp_card_get_brand (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), 0);
  return self->brand;
}

const char *
cp_card_get_last4 (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->last4;
}

guint
cp_card_get_exp_month (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), 0);
  return self->exp_month;
}

guint
cp_card_get_exp_year (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), 0);
  return self->exp_year;
}

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

  if (self->expired || self->exp_month < 1 || self->exp_month > 12
      || self->exp_year < 1 || self->exp_year > 9998)
    return -1;

  year = (int) self->exp_year + (self->exp_month == 12 ? 1 : 0);
  month = self->exp_month == 12 ? 1 : (int) self->exp_month + 1;
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

  if (cp_card_get_days_left (self, now) < 0)
    /* Translators: a saved card's expiry, e.g. "Expired 04/2024" */
    g_string_append_printf (text, _("Expired %s"), self->expiry_text);
  else
    /* Translators: a saved card's expiry, e.g. "Expires 04/2030" */
    g_string_append_printf (text, _("Expires %s"), self->expiry_text);
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
  return self->title;
}

const char *
cp_card_get_expiry_text (CpCard *self)
{
  g_return_val_if_fail (CP_IS_CARD (self), NULL);
  return self->expiry_text;
}

/* Builds the model from one reply object, checking every member. */
CpCard *
cp_card_new_from_json (JsonObject  *object,
                       GError     **error)
{
  g_autoptr(CpCard) self = g_object_new (CP_TYPE_CARD, NULL);
  gint64 number;
  int choice;

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  {
    g_autofree char *brand = NULL;

    if (!cp_json_get_string (object, "brand", FALSE, &brand, error))
      return NULL;
    self->brand = cp_card_brand_from_string (brand);
  }
  if (!cp_json_get_string (object, "last4", FALSE, &self->last4, error))
    return NULL;
  if (!cp_json_get_int (object, "exp_month", 1, 12, &number, error))
    return NULL;
  self->exp_month = (guint) number;
  if (!cp_json_get_int (object, "exp_year", 2000, 2200, &number, error))
    return NULL;
  self->exp_year = (guint) number;
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
  if (strlen (self->last4) != 4 || strspn (self->last4, "0123456789") != 4)
    return cp_model_bad_reply (error, "last4"), NULL;
  self->title = cp_model_card_title (self->brand, self->last4);
  self->expiry_text = g_strdup_printf ("%02u/%u", self->exp_month, self->exp_year);

  return g_steal_pointer (&self);
}

gpointer
cp_card_parse (JsonObject  *object,
               GError     **error)
{
  return cp_card_new_from_json (object, error);
}
