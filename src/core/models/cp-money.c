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

G_DEFINE_QUARK (cp-money-error-quark, cp_money_error)

static const char *
find_symbol (const char *currency)
{
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, currency) == 0)
      return currencies[i].symbol;
  return NULL;
}

/* The separators that cp_money_format() writes and cp_money_parse() reads,
 * both from the current locale (LC_NUMERIC), so that what is shown can
 * always be typed back: "," between thousands where the locale names none
 * (as C does), and never the decimal point twice over. */
static void
locale_separators (const char **point,
                   const char **sep)
{
  const struct lconv *lc = localeconv ();

  *point = lc->decimal_point != NULL && *lc->decimal_point != '\0' ? lc->decimal_point : ".";
  *sep = lc->thousands_sep != NULL && *lc->thousands_sep != '\0' ? lc->thousands_sep : ",";
  if (strcmp (*point, *sep) == 0)
    *sep = strcmp (*point, ",") == 0 ? "." : ",";
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

/* The magnitude without sign or currency: "1,250.50", or "1.250,50" in German. */
static void
append_number (GString       *out,
               const CpMoney *self)
{
  const char *point, *sep;
  guint digits = cp_money_get_minor_digits (self);
  guint64 magnitude, divisor = 1;

  locale_separators (&point, &sep);
  for (guint i = 0; i < digits; i++)
    divisor *= 10;

  /* Careful with G_MININT64, whose magnitude does not fit a gint64. */
  magnitude = self->amount < 0 ? (guint64) (-(self->amount + 1)) + 1 : (guint64) self->amount;

  append_grouped (out, magnitude / divisor, sep);
  if (digits > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, point, (int) digits,
                            magnitude % divisor);
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
  const char *symbol;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  symbol = find_symbol (self->currency);
  if (self->amount < 0)
    g_string_append_c (out, '-');
  if (symbol != NULL)
    g_string_append (out, symbol);
  append_number (out, self);
  if (symbol == NULL)
    g_string_append_printf (out, " %s", self->currency);

  return g_string_free (out, FALSE);
}

/**
 * cp_money_format_number:
 *
 * Formats the amount as a person types it, in the current locale and
 * without the currency: "1,250.50", or "1.250,50" in German.
 * cp_money_parse() reads it back.
 *
 * Returns: (transfer full): the text
 */
char *
cp_money_format_number (const CpMoney *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  if (self->amount < 0)
    g_string_append_c (out, '-');
  append_number (out, self);
  return g_string_free (out, FALSE);
}

static gboolean
is_space_separator (gunichar c)
{
  /* Space, no-break space, thin and narrow no-break space (French). */
  return c == ' ' || c == 0x00A0 || c == 0x2009 || c == 0x202F;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static const char *
trim_spaces_back (const char *start,
                  const char *end)
{
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return end;
}

static gboolean
fail (GError     **error,
      CpMoneyError code,
      const char  *what,
      const char  *text)
{
  g_set_error (error, CP_MONEY_ERROR, code, "%s: “%s”", what, text);
  return FALSE;
}

/**
 * cp_money_parse:
 * @text: what a person typed: "1,250.50", "$1250.5", "1250 USD", or in
 *   German "1.250,50"
 * @currency: the ISO 4217 code of the amount
 * @amount: (out): the amount in minor units
 * @error: why @text is not an amount of @currency
 *
 * Reads an amount written the way cp_money_format() and
 * cp_money_format_number() write it in the current locale: its decimal
 * point, groups of three digits between its thousands separators, up to
 * as many decimals as @currency has, and the currency's symbol or code
 * before or after. Anything else is refused rather than guessed at:
 * "461.50" in a German locale could be a typo for 461,50 or for 46.150,
 * and is %CP_MONEY_ERROR_AMBIGUOUS.
 *
 * Returns: whether @text was an amount
 */
gboolean
cp_money_parse (const char  *text,
                const char  *currency,
                gint64      *amount,
                GError     **error)
{
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autoptr(GString) fraction = g_string_new (NULL);
  g_autoptr(CpMoney) probe = NULL;
  g_autofree char *code = NULL;
  g_autofree char *symbol = NULL;
  const char *marks[2];
  const char *point, *sep;
  const char *start, *end, *p;
  gboolean space_groups;
  gboolean seen_point = FALSE;
  gboolean grouped = FALSE;
  guint group_len = 0;
  guint digits;
  gint64 value = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL && strlen (currency) == 3, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  probe = cp_money_new (0, currency);
  digits = cp_money_get_minor_digits (probe);
  code = g_strdup (cp_money_get_currency (probe));
  symbol = g_strdup (find_symbol (code));
  if (symbol != NULL)
    g_strchomp (symbol);
  marks[0] = symbol;
  marks[1] = code;
  locale_separators (&point, &sep);
  space_groups = is_space_separator (g_utf8_get_char (sep));

  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, CP_MONEY_ERROR_INVALID, "Not UTF-8", "");

  /* The currency's symbol or code, before or after the number. */
  start = skip_spaces (text);
  end = trim_spaces_back (start, start + strlen (start));
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (marks[i] != NULL && (gsize) (end - start) >= strlen (marks[i])
        && g_ascii_strncasecmp (start, marks[i], strlen (marks[i])) == 0)
      {
        start = skip_spaces (start + strlen (marks[i]));
        break;
      }
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (marks[i] != NULL && (gsize) (end - start) >= strlen (marks[i])
        && g_ascii_strncasecmp (end - strlen (marks[i]), marks[i], strlen (marks[i])) == 0)
      {
        end = trim_spaces_back (start, end - strlen (marks[i]));
        break;
      }
  if (start >= end)
    return fail (error, CP_MONEY_ERROR_EMPTY, "No amount", text);

  /* Letters, signs, other currencies' symbols: not an amount at all. */
  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_ascii_isdigit (*p) && !g_str_has_prefix (p, point) && !g_str_has_prefix (p, sep)
          && *p != '.' && *p != ',' && *p != '\'' && !is_space_separator (c))
        return fail (error, CP_MONEY_ERROR_INVALID, "Not a number", text);
    }

  for (p = start; p < end;)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          if (seen_point)
            g_string_append_c (fraction, *p);
          else
            {
              g_string_append_c (whole, *p);
              group_len++;
            }
          p++;
        }
      else if (g_str_has_prefix (p, point))
        {
          if (seen_point || (grouped && group_len != 3))
            return fail (error, CP_MONEY_ERROR_AMBIGUOUS, "Misplaced decimal point", text);
          seen_point = TRUE;
          p += strlen (point);
        }
      else if (g_str_has_prefix (p, sep) || (space_groups && is_space_separator (c)))
        {
          /* Groups of three digits, after a first one of one to three. */
          if (seen_point || group_len == 0 || group_len > 3 || (grouped && group_len != 3))
            return fail (error, CP_MONEY_ERROR_AMBIGUOUS, "Misplaced thousands separator", text);
          grouped = TRUE;
          group_len = 0;
          p = g_str_has_prefix (p, sep) ? p + strlen (sep) : g_utf8_next_char (p);
        }
      else if (*p == '.' || *p == ',' || *p == '\'' || is_space_separator (c))
        return fail (error, CP_MONEY_ERROR_AMBIGUOUS, "Separator of another locale", text);
      else
        return fail (error, CP_MONEY_ERROR_INVALID, "Not a number", text);
    }

  if (grouped && !seen_point && group_len != 3)
    return fail (error, CP_MONEY_ERROR_AMBIGUOUS, "Misplaced thousands separator", text);
  if (whole->len == 0 && fraction->len == 0)
    return fail (error, CP_MONEY_ERROR_INVALID, "No digits", text);
  if (fraction->len > digits || (seen_point && digits == 0))
    return fail (error, CP_MONEY_ERROR_DECIMALS, "Too many decimals", text);

  /* Leading zeros do not count; 15 digits in all keep well inside a gint64
   * and above any invoice. */
  while (whole->len > 1 && whole->str[0] == '0')
    g_string_erase (whole, 0, 1);
  if (whole->len + digits > 15)
    return fail (error, CP_MONEY_ERROR_TOO_LARGE, "Too large", text);

  for (gsize i = 0; i < whole->len; i++)
    value = value * 10 + (whole->str[i] - '0');
  for (guint i = 0; i < digits; i++)
    value = value * 10 + (i < fraction->len ? fraction->str[i] - '0' : 0);

  *amount = value;
  return TRUE;
}
