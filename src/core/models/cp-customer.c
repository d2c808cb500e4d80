/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-customer-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"
struct _CpCustomer
{
  GObject parent_instance;

  char *id;
  char *name;
  char *email;
  char *phone;
  char *address;
  CpMoney *balance;
  char *balance_text;
  CpPortalAccount portal_account;
};

G_DEFINE_FINAL_TYPE (CpCustomer, cp_customer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_ADDRESS,
  PROP_BALANCE,
  PROP_BALANCE_TEXT,
  PROP_PORTAL_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_customer_finalize (GObject *object)
{
  CpCustomer *self = (CpCustomer *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->address);
  g_clear_pointer (&self->balance, cp_money_free);
  g_free (self->balance_text);

  G_OBJECT_CLASS (cp_customer_parent_class)->finalize (object);
}

static void
cp_customer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CpCustomer *self = (CpCustomer *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_BALANCE:
      g_value_set_boxed (value, self->balance);
      break;

    case PROP_BALANCE_TEXT:
      g_value_set_string (value, self->balance_text);
      break;

    case PROP_PORTAL_ACCOUNT:
      g_value_set_enum (value, self->portal_account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_customer_class_init (CpCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_customer_finalize;
  object_class->get_property = cp_customer_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BALANCE] =
    g_param_spec_boxed ("balance", NULL, NULL, CP_TYPE_MONEY, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BALANCE_TEXT] =
    g_param_spec_string ("balance-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORTAL_ACCOUNT] =
    g_param_spec_enum ("portal-account", NULL, NULL, CP_TYPE_PORTAL_ACCOUNT, CP_PORTAL_ACCOUNT_UNKNOWN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_customer_init (CpCustomer *self)
{
}

const char *
cp_customer_get_id (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->id;
}

const char *
cp_customer_get_name (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->name;
}

const char *
cp_customer_get_email (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->email;
}

const char *
cp_customer_get_phone (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->phone;
}

const char *
cp_customer_get_address (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->address;
}

const CpMoney *
cp_customer_get_balance (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->balance;
}

const char *
cp_customer_get_balance_text (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), NULL);
  return self->balance_text;
}

CpPortalAccount
cp_customer_get_portal_account (CpCustomer *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER (self), 0);
  return self->portal_account;
}

/* A negative balance is money the company owes the customer: a credit,
 * shown as such ("Credit $12.50"), not as a debt with a minus sign. */
static char *
format_balance (const CpMoney *balance)
{
  g_autoptr(CpMoney) credit = NULL;
  g_autofree char *amount = NULL;

  if (cp_money_get_amount (balance) >= 0)
    return cp_money_format (balance);

  /* cp_json_get_money() keeps amounts far from G_MININT64. */
  credit = cp_money_new (-cp_money_get_amount (balance), cp_money_get_currency (balance));
  amount = cp_money_format (credit);
  /* Translators: an account balance in the customer's favour; %s is an
   * amount such as "$12.50". */
  return g_strdup_printf (_("Credit %s"), amount);
}

/* Builds the model from one reply object, checking every member. */
CpCustomer *
cp_customer_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(CpCustomer) self = g_object_new (CP_TYPE_CUSTOMER, NULL);
  int choice;

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  if (!cp_json_get_string (object, "name", FALSE, &self->name, error))
    return NULL;
  if (!cp_json_get_string (object, "email", TRUE, &self->email, error))
    return NULL;
  if (!cp_json_get_string (object, "phone", TRUE, &self->phone, error))
    return NULL;
  if (!cp_json_get_string (object, "address", TRUE, &self->address, error))
    return NULL;
  if (!cp_json_get_money (object, "balance", &self->balance, error))
    return NULL;
  if (json_object_has_member (object, "portal_account"))
    {
      {
        static const char * const names[] = { "", "none", "invited", "active", NULL };

        if (!cp_json_get_enum (object, "portal_account", names, &choice, error))
          return NULL;
        self->portal_account = (CpPortalAccount) choice;
      }
    }
  self->balance_text = format_balance (self->balance);

  return g_steal_pointer (&self);
}

gpointer
cp_customer_parse (JsonObject  *object,
                   GError     **error)
{
  return cp_customer_new_from_json (object, error);
}
