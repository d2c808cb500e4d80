/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-invoice-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"
#include "cp-models-private.h"
struct _CpInvoice
{
  GObject parent_instance;

  char *id;
  char *number;
  GDateTime *issued_on;
  GDateTime *due_on;
  char *issued_on_text;
  char *due_on_text;
  CpMoney *total;
  CpMoney *balance;
  char *total_text;
  char *balance_text;
  CpMoney *pending;                /* held by pending payments; NULL when none */
  char *pending_text;
  CpInvoiceStatus status;
  char *summary;
};

G_DEFINE_FINAL_TYPE (CpInvoice, cp_invoice, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_ISSUED_ON,
  PROP_DUE_ON,
  PROP_ISSUED_ON_TEXT,
  PROP_DUE_ON_TEXT,
  PROP_TOTAL,
  PROP_BALANCE,
  PROP_TOTAL_TEXT,
  PROP_BALANCE_TEXT,
  PROP_STATUS,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_invoice_finalize (GObject *object)
{
  CpInvoice *self = (CpInvoice *) object;

  g_free (self->id);
  g_free (self->number);
  g_clear_pointer (&self->issued_on, g_date_time_unref);
  g_clear_pointer (&self->due_on, g_date_time_unref);
  g_free (self->issued_on_text);
  g_free (self->due_on_text);
  g_clear_pointer (&self->total, cp_money_free);
  g_clear_pointer (&self->balance, cp_money_free);
  g_free (self->total_text);
  g_free (self->balance_text);
  g_clear_pointer (&self->pending, cp_money_free);
  g_free (self->pending_text);
  g_free (self->summary);

  G_OBJECT_CLASS (cp_invoice_parent_class)->finalize (object);
}

static void
cp_invoice_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CpInvoice *self = (CpInvoice *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_ISSUED_ON:
      g_value_set_boxed (value, self->issued_on);
      break;

    case PROP_DUE_ON:
      g_value_set_boxed (value, self->due_on);
      break;

    case PROP_ISSUED_ON_TEXT:
      g_value_set_string (value, self->issued_on_text);
      break;

    case PROP_DUE_ON_TEXT:
      g_value_set_string (value, self->due_on_text);
      break;

    case PROP_TOTAL:
      g_value_set_boxed (value, self->total);
      break;

    case PROP_BALANCE:
      g_value_set_boxed (value, self->balance);
      break;

    case PROP_TOTAL_TEXT:
      g_value_set_string (value, self->total_text);
      break;

    case PROP_BALANCE_TEXT:
      g_value_set_string (value, self->balance_text);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_invoice_class_init (CpInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_invoice_finalize;
  object_class->get_property = cp_invoice_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUED_ON] =
    g_param_spec_boxed ("issued-on", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_ON] =
    g_param_spec_boxed ("due-on", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUED_ON_TEXT] =
    g_param_spec_string ("issued-on-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_ON_TEXT] =
    g_param_spec_string ("due-on-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_boxed ("total", NULL, NULL, CP_TYPE_MONEY, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BALANCE] =
    g_param_spec_boxed ("balance", NULL, NULL, CP_TYPE_MONEY, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_TEXT] =
    g_param_spec_string ("total-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BALANCE_TEXT] =
    g_param_spec_string ("balance-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CP_TYPE_INVOICE_STATUS, CP_INVOICE_STATUS_OPEN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_invoice_init (CpInvoice *self)
{
}

const char *
cp_invoice_get_id (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->id;
}

const char *
cp_invoice_get_number (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->number;
}

GDateTime *
cp_invoice_get_issued_on (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->issued_on;
}

GDateTime *
cp_invoice_get_due_on (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->due_on;
}

const char *
cp_invoice_get_issued_on_text (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->issued_on_text;
}

/**
 * cp_invoice_is_overdue:
 * @self: a #CpInvoice
 * @now: the current time
 *
 * An invoice is overdue when something is still owed and the local calendar
 * day of @now is after its due date: on the due date itself it is not.
 *
 * Returns: whether @self is overdue at @now
 */
gboolean
cp_invoice_is_overdue (CpInvoice *self,
                       GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  int y, m, d, due_y, due_m, due_d;

  g_return_val_if_fail (CP_IS_INVOICE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->due_on == NULL || self->balance == NULL || cp_money_get_amount (self->balance) <= 0)
    return FALSE;

  local = g_date_time_to_local (now);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_time_get_ymd (self->due_on, &due_y, &due_m, &due_d);

  return y * 10000 + m * 100 + d > due_y * 10000 + due_m * 100 + due_d;
}

const char *
cp_invoice_get_due_on_text (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->due_on_text;
}

const CpMoney *
cp_invoice_get_total (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->total;
}

const CpMoney *
cp_invoice_get_balance (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->balance;
}

const char *
cp_invoice_get_total_text (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->total_text;
}

const char *
cp_invoice_get_balance_text (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->balance_text;
}

CpInvoiceStatus
cp_invoice_get_status (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), 0);
  return self->status;
}

const char *
cp_invoice_get_summary (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->summary;
}

/**
 * cp_invoice_get_pending:
 *
 * Returns: (nullable): what pending payments hold of the balance (still
 *   in it, not payable again), or %NULL when no payment is pending
 */
const CpMoney *
cp_invoice_get_pending (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->pending;
}

/**
 * cp_invoice_get_pending_text:
 *
 * Returns: (nullable): the pending amount formatted ("$50.00"), or %NULL
 */
const char *
cp_invoice_get_pending_text (CpInvoice *self)
{
  g_return_val_if_fail (CP_IS_INVOICE (self), NULL);
  return self->pending_text;
}

/* Builds the model from one reply object, checking every member. */
CpInvoice *
cp_invoice_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(CpInvoice) self = g_object_new (CP_TYPE_INVOICE, NULL);
  int choice;

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  if (!cp_json_get_string (object, "number", FALSE, &self->number, error))
    return NULL;
  if (!cp_json_get_date (object, "issued_on", &self->issued_on, error))
    return NULL;
  if (!cp_json_get_date (object, "due_on", &self->due_on, error))
    return NULL;
  if (!cp_json_get_money (object, "total", &self->total, error))
    return NULL;
  if (!cp_json_get_money (object, "balance", &self->balance, error))
    return NULL;
  {
    static const char * const names[] = { "open", "paid", NULL };

    if (!cp_json_get_enum (object, "status", names, &choice, error))
      return NULL;
    self->status = (CpInvoiceStatus) choice;
  }
  if (!cp_json_get_string (object, "summary", TRUE, &self->summary, error))
    return NULL;
  /* "pending" came with the payment processor; an older portal leaves it
   * out. */
  if (json_object_has_member (object, "pending"))
    {
      g_autoptr(CpMoney) pending = NULL;

      if (!cp_json_get_money (object, "pending", &pending, error))
        return NULL;
      if (strcmp (cp_money_get_currency (pending), cp_money_get_currency (self->balance)) != 0
          || cp_money_get_amount (pending) < 0)
        return cp_model_bad_reply (error, "pending"), NULL;
      if (cp_money_get_amount (pending) > 0)
        {
          self->pending_text = cp_money_format (pending);
          self->pending = g_steal_pointer (&pending);
        }
    }
  if (strcmp (cp_money_get_currency (self->total), cp_money_get_currency (self->balance)) != 0
      || cp_money_get_amount (self->balance) < 0)
    return cp_model_bad_reply (error, "balance"), NULL;
  self->issued_on_text = cp_format_date (self->issued_on);
  self->due_on_text = cp_format_date (self->due_on);
  self->total_text = cp_money_format (self->total);
  self->balance_text = cp_money_format (self->balance);

  return g_steal_pointer (&self);
}

gpointer
cp_invoice_parse (JsonObject  *object,
                  GError     **error)
{
  return cp_invoice_new_from_json (object, error);
}
