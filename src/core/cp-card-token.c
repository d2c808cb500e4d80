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
struct _CpCardToken
{
  GObject parent_instance;

  char *token;
  CpCardBrand brand;
  char *last4;
  guint exp_month;
  guint exp_year;
};

G_DEFINE_FINAL_TYPE (CpCardToken, cp_card_token, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TOKEN,
  PROP_BRAND,
  PROP_LAST4,
  PROP_EXP_MONTH,
  PROP_EXP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_card_token_finalize (GObject *object)
{
  CpCardToken *self = (CpCardToken *) object;

  /* The token stands for a card: wipe it too. */
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->last4);

  G_OBJECT_CLASS (cp_card_token_parent_class)->finalize (object);
}

static void
cp_card_token_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpCardToken *self = (CpCardToken *) object;

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_token_class_init (CpCardTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_card_token_finalize;
  object_class->get_property = cp_card_token_get_property;

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BRAND] =
    g_param_spec_enum ("brand", NULL, NULL, CP_TYPE_CARD_BRAND, CP_CARD_BRAND_UNKNOWN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST4] =
    g_param_spec_string ("last4", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXP_MONTH] =
    g_param_spec_uint ("exp-month", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXP_YEAR] =
    g_param_spec_uint ("exp-year", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_card_token_init (CpCardToken *self)
{
}

const char *
cp_card_token_get_token (CpCardToken *self)
{
  g_return_val_if_fail (CP_IS_CARD_TOKEN (self), NULL);
  return self->token;
}

CpCardBrand
cp_card_token_get_brand (CpCardToken *self)
{
  g_return_val_if_fail (CP_IS_CARD_TOKEN (self), 0);
  return self->brand;
}

const char *
cp_card_token_get_last4 (CpCardToken *self)
{
  g_return_val_if_fail (CP_IS_CARD_TOKEN (self), NULL);
  return self->last4;
}

guint
cp_card_token_get_exp_month (CpCardToken *self)
{
  g_return_val_if_fail (CP_IS_CARD_TOKEN (self), 0);
  return self->exp_month;
}

guint
cp_card_token_get_exp_year (CpCardToken *self)
{
  g_return_val_if_fail (CP_IS_CARD_TOKEN (self), 0);
  return self->exp_year;
}

/* Builds the model from one reply object, checking every member. */
CpCardToken *
cp_card_token_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(CpCardToken) self = g_object_new (CP_TYPE_CARD_TOKEN, NULL);
  gint64 number;

  if (!cp_json_get_string (object, "token", FALSE, &self->token, error))
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
  if (strlen (self->last4) != 4 || strspn (self->last4, "0123456789") != 4)
    return cp_model_bad_reply (error, "last4"), NULL;
  if (*self->token == '\0' || strlen (self->token) > 512)
    return cp_model_bad_reply (error, "token"), NULL;

  return g_steal_pointer (&self);
}

gpointer
cp_card_token_parse (JsonObject  *object,
                     GError     **error)
{
  return cp_card_token_new_from_json (object, error);
}
