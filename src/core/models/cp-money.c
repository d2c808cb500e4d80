/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cp-money.h"

struct _CpMoney
{
  gint64 amount;
  char currency[4];
};

G_DEFINE_BOXED_TYPE (CpMoney, cp_money, cp_money_copy, cp_money_free)

/**
 * cp_money_new:
 * @amount: minor units (cents)
 * @currency: a three-letter ISO 4217 code
 *
 * Returns: (transfer full): a new #CpMoney
 */
CpMoney *
cp_money_new (gint64      amount,
              const char *currency)
{
  CpMoney *self;

  g_return_val_if_fail (currency != NULL && strlen (currency) == 3, NULL);

  self = g_new0 (CpMoney, 1);
  self->amount = amount;
  for (guint i = 0; i < 3; i++)
    self->currency[i] = g_ascii_toupper (currency[i]);
  return self;
}

CpMoney *
cp_money_copy (const CpMoney *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

void
cp_money_free (CpMoney *self)
{
  g_free (self);
}

gint64
cp_money_get_amount (const CpMoney *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->amount;
}

const char *
cp_money_get_currency (const CpMoney *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->currency;
}

gboolean
cp_money_equal (const CpMoney *a,
                const CpMoney *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->amount == b->amount && strcmp (a->currency, b->currency) == 0;
}

static const struct
{
  const char *code;
  const char *symbol;
  guint digits;
} currencies[] = {
  { "USD", "$", 2 },
  { "CAD", "CA$", 2 },
  { "AUD", "A$", 2 },
  { "NZD", "NZ$", 2 },
  { "EUR", "€", 2 },
  { "GBP", "£", 2 },
  { "CHF", "CHF ", 2 },
  { "JPY", "¥", 0 },
  { "KRW", "₩", 0 },
  { "INR", "₹", 2 },
  { "MXN", "MX$", 2 },
  { "BHD", "BHD ", 3 },
  { "KWD", "KWD ", 3 },
};

/**
 * cp_money_get_minor_digits:
 *
 * Returns: how many decimal digits the minor unit has (2 for USD, 0 for JPY)
 */
guint
cp_money_get_minor_digits (const CpMoney *self)
{
  g_return_val_if_fail (self != NULL, 2);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, self->currency) == 0)
      return currencies[i].digits;
  return 2;
}

/* Groups the digits of @major with the locale's thousands separator. */
static void
append_grouped (GString    *out,
                guint64     major,
                const char *sep)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, major);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0 && sep != NULL)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * cp_money_format:
 *
 * Formats for display with the currency's symbol and the current locale's
 * decimal point and thousands separator: "$125.50", "-$3.00", "¥1,200",
 * or "125.50 SEK" for a currency without a known symbol.
 *
 * Returns: (transfer full): the text
 */
char *
cp_money_format (const CpMoney *self)
{
  const char *symbol = NULL;
  const struct lconv *lc = localeconv ();
  const char *point = lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
  const char *sep = lc->thousands_sep && *lc->thousands_sep ? lc->thousands_sep : ",";
  guint digits;
  guint64 magnitude, divisor = 1;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  digits = cp_money_get_minor_digits (self);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, self->currency) == 0)
      symbol = currencies[i].symbol;
  for (guint i = 0; i < digits; i++)
    divisor *= 10;

  /* Careful with G_MININT64, whose magnitude does not fit a gint64. */
  magnitude = self->amount < 0 ? (guint64) (-(self->amount + 1)) + 1 : (guint64) self->amount;

  if (self->amount < 0)
    g_string_append_c (out, '-');
  if (symbol != NULL)
    g_string_append (out, symbol);
  append_grouped (out, magnitude / divisor, sep);
  if (digits > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, point, (int) digits,
                            magnitude % divisor);
  if (symbol == NULL)
    g_string_append_printf (out, " %s", self->currency);

  return g_string_free (out, FALSE);
}
