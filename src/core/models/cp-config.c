/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-config-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"
#include "cp-models-private.h"
struct _CpConfig
{
  GObject parent_instance;

  char *company_name;
  char *currency;
  gboolean online_payments_enabled;
  char *vault_url;
  char *vault_key;
  guint password_min_length;
};

G_DEFINE_FINAL_TYPE (CpConfig, cp_config, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_COMPANY_NAME,
  PROP_CURRENCY,
  PROP_ONLINE_PAYMENTS_ENABLED,
  PROP_VAULT_URL,
  PROP_VAULT_KEY,
  PROP_PASSWORD_MIN_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_config_finalize (GObject *object)
{
  CpConfig *self = (CpConfig *) object;

  g_free (self->company_name);
  g_free (self->currency);
  g_free (self->vault_url);
  g_free (self->vault_key);

  G_OBJECT_CLASS (cp_config_parent_class)->finalize (object);
}

static void
cp_config_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CpConfig *self = (CpConfig *) object;

  switch (prop_id)
    {
    case PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_ONLINE_PAYMENTS_ENABLED:
      g_value_set_boolean (value, self->online_payments_enabled);
      break;

    case PROP_VAULT_URL:
      g_value_set_string (value, self->vault_url);
      break;

    case PROP_VAULT_KEY:
      g_value_set_string (value, self->vault_key);
      break;

    case PROP_PASSWORD_MIN_LENGTH:
      g_value_set_uint (value, self->password_min_length);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_config_class_init (CpConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_config_finalize;
  object_class->get_property = cp_config_get_property;

  properties[PROP_COMPANY_NAME] =
    g_param_spec_string ("company-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE_PAYMENTS_ENABLED] =
    g_param_spec_boolean ("online-payments-enabled", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VAULT_URL] =
    g_param_spec_string ("vault-url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VAULT_KEY] =
    g_param_spec_string ("vault-key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD_MIN_LENGTH] =
    g_param_spec_uint ("password-min-length", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_config_init (CpConfig *self)
{
}

const char *
cp_config_get_company_name (CpConfig *self)
{
  g_return_val_if_fail (CP_IS_CONFIG (self), NULL);
  return self->company_name;
}

const char *
cp_config_get_currency (CpConfig *self)
{
  g_return_val_if_fail (CP_IS_CONFIG (self), NULL);
  return self->currency;
}

gboolean
cp_config_get_online_payments_enabled (CpConfig *self)
{
  g_return_val_if_fail (CP_IS_CONFIG (self), 0);
  return self->online_payments_enabled;
}

const char *
cp_config_get_vault_url (CpConfig *self)
{
  g_return_val_if_fail (CP_IS_CONFIG (self), NULL);
  return self->vault_url;
}

const char *
cp_config_get_vault_key (CpConfig *self)
{
  g_return_val_if_fail (CP_IS_CONFIG (self), NULL);
  return self->vault_key;
}

guint
cp_config_get_password_min_length (CpConfig *self)
{
  g_return_val_if_fail (CP_IS_CONFIG (self), 0);
  return self->password_min_length;
}

/* Builds the model from one reply object, checking every member. */
CpConfig *
cp_config_new_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(CpConfig) self = g_object_new (CP_TYPE_CONFIG, NULL);
  gint64 number;

  if (!cp_json_get_string (object, "company_name", FALSE, &self->company_name, error))
    return NULL;
  if (!cp_json_get_string (object, "currency", FALSE, &self->currency, error))
    return NULL;
  if (!cp_json_get_bool (object, "online_payments_enabled", &self->online_payments_enabled, error))
    return NULL;
  if (!cp_json_get_string (object, "vault_url", FALSE, &self->vault_url, error))
    return NULL;
  if (!cp_json_get_string (object, "vault_key", FALSE, &self->vault_key, error))
    return NULL;
  if (!cp_json_get_int (object, "password_min_length", 1, 1024, &number, error))
    return NULL;
  self->password_min_length = (guint) number;
  if (strlen (self->currency) != 3)
    return cp_model_bad_reply (error, "currency"), NULL;
  if (!g_str_has_prefix (self->vault_url, "https://") && !g_str_has_prefix (self->vault_url, "http://"))
    return cp_model_bad_reply (error, "vault_url"), NULL;

  return g_steal_pointer (&self);
}

gpointer
cp_config_parse (JsonObject  *object,
                 GError     **error)
{
  return cp_config_new_from_json (object, error);
}
