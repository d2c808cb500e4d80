/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-account-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"
#include "cp-models-private.h"
struct _CpAccount
{
  GObject parent_instance;

  char *id;
  char *email;
  char *name;
  CpRole role;
  char *customer_id;
};

G_DEFINE_FINAL_TYPE (CpAccount, cp_account, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ROLE,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_account_finalize (GObject *object)
{
  CpAccount *self = (CpAccount *) object;

  g_free (self->id);
  g_free (self->email);
  g_free (self->name);
  g_free (self->customer_id);

  G_OBJECT_CLASS (cp_account_parent_class)->finalize (object);
}

static void
cp_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CpAccount *self = (CpAccount *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_account_class_init (CpAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_account_finalize;
  object_class->get_property = cp_account_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, CP_TYPE_ROLE, CP_ROLE_CUSTOMER, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_account_init (CpAccount *self)
{
}

const char *
cp_account_get_id (CpAccount *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
cp_account_get_email (CpAccount *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT (self), NULL);
  return self->email;
}

const char *
cp_account_get_name (CpAccount *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT (self), NULL);
  return self->name;
}

CpRole
cp_account_get_role (CpAccount *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT (self), 0);
  return self->role;
}

const char *
cp_account_get_customer_id (CpAccount *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT (self), NULL);
  return self->customer_id;
}

/* Builds the model from one reply object, checking every member. */
CpAccount *
cp_account_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(CpAccount) self = g_object_new (CP_TYPE_ACCOUNT, NULL);
  int choice;

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  if (!cp_json_get_string (object, "email", FALSE, &self->email, error))
    return NULL;
  if (!cp_json_get_string (object, "name", FALSE, &self->name, error))
    return NULL;
  {
    static const char * const names[] = { "customer", "staff", "admin", NULL };

    if (!cp_json_get_enum (object, "role", names, &choice, error))
      return NULL;
    self->role = (CpRole) choice;
  }
  if (json_object_has_member (object, "customer_id"))
    {
      if (!cp_json_get_id (object, "customer_id", TRUE, &self->customer_id, error))
        return NULL;
    }
  if (self->role == CP_ROLE_CUSTOMER && self->customer_id == NULL)
    return cp_model_bad_reply (error, "customer_id"), NULL;

  return g_steal_pointer (&self);
}

gpointer
cp_account_parse (JsonObject  *object,
                  GError     **error)
{
  return cp_account_new_from_json (object, error);
}

/**
 * cp_account_is_staff:
 *
 * Returns: %TRUE for staff and admins
 */
gboolean
cp_account_is_staff (CpAccount *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT (self), FALSE);
  return self->role == CP_ROLE_STAFF || self->role == CP_ROLE_ADMIN;
}
