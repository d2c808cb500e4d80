/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cp-card-input.h"
#include "cp-enum-types.h"

#define MAX_DIGITS 19
#define MAX_CVC 4

G_DEFINE_QUARK (cp-card-input-error-quark, cp_card_input_error)

struct _CpCardInput
{
  GObject parent_instance;

  /* Fixed buffers inside the object, so that nothing is reallocated and
   * left behind, and one wipe clears everything. */
  char number[MAX_DIGITS + 1];
  char cvc[MAX_CVC + 1];
  gboolean number_overflow;
  gboolean cvc_overflow;
  guint exp_month;
  guint exp_year;
  CpCardBrand brand;
};

G_DEFINE_FINAL_TYPE (CpCardInput, cp_card_input, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BRAND,
  PROP_N_DIGITS,
  PROP_NUMBER_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Issuer identification number ranges: a prefix of @length digits between
 * @low and @high. Where ranges overlap, the longer prefix wins (Discover's
 * 622126–622925 inside UnionPay's 62). */
static const struct
{
  CpCardBrand brand;
  guint length;
  guint low;
  guint high;
} iin_ranges[] = {
  { CP_CARD_BRAND_VISA, 1, 4, 4 },
  { CP_CARD_BRAND_MASTERCARD, 2, 51, 55 },
  { CP_CARD_BRAND_MASTERCARD, 4, 2221, 2720 },
  { CP_CARD_BRAND_AMEX, 2, 34, 34 },
  { CP_CARD_BRAND_AMEX, 2, 37, 37 },
  { CP_CARD_BRAND_DISCOVER, 4, 6011, 6011 },
  { CP_CARD_BRAND_DISCOVER, 3, 644, 649 },
  { CP_CARD_BRAND_DISCOVER, 2, 65, 65 },
  { CP_CARD_BRAND_DISCOVER, 6, 622126, 622925 },
  { CP_CARD_BRAND_JCB, 4, 3528, 3589 },
  { CP_CARD_BRAND_DINERS, 3, 300, 305 },
  { CP_CARD_BRAND_DINERS, 2, 36, 36 },
  { CP_CARD_BRAND_DINERS, 2, 38, 39 },
  { CP_CARD_BRAND_UNIONPAY, 2, 62, 62 },
};

static guint
power10 (guint n)
{
  guint value = 1;

  while (n-- > 0)
    value *= 10;
  return value;
}

/**
 * cp_card_brand_from_digits:
 * @digits: (nullable): the digits typed so far, nothing else
 *
 * Recognises the brand as soon as the prefix can belong to one brand only:
 * "4" is Visa, "3" is still unknown (Amex, JCB or Diners), "2" too (only
 * 2221–2720 is Mastercard).
 *
 * Returns: the brand, or %CP_CARD_BRAND_UNKNOWN
 */
CpCardBrand
cp_card_brand_from_digits (const char *digits)
{
  CpCardBrand best = CP_CARD_BRAND_UNKNOWN;
  guint best_length = 0;
  gboolean tie = FALSE;
  guint n;

  if (digits == NULL)
    return CP_CARD_BRAND_UNKNOWN;
  n = (guint) strlen (digits);
  if (n == 0 || strspn (digits, "0123456789") != n)
    return CP_CARD_BRAND_UNKNOWN;

  /* A definite match beats shorter ones; a longer range that is still
   * possible makes the answer wait for more digits. */
  for (guint i = 0; i < G_N_ELEMENTS (iin_ranges); i++)
    {
      guint len = iin_ranges[i].length;
      guint prefix = 0;

      for (guint j = 0; j < MIN (n, len); j++)
        prefix = prefix * 10 + (guint) (digits[j] - '0');

      if (n >= len)
        {
          if (prefix < iin_ranges[i].low || prefix > iin_ranges[i].high)
            continue;
          if (len > best_length)
            {
              best = iin_ranges[i].brand;
              best_length = len;
              tie = FALSE;
            }
          else if (len == best_length && best != iin_ranges[i].brand)
            tie = TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (iin_ranges); i++)
    {
      guint len = iin_ranges[i].length;
      guint prefix = 0, scale, lo, hi;

      if (n >= len)
        continue;
      for (guint j = 0; j < n; j++)
        prefix = prefix * 10 + (guint) (digits[j] - '0');
      scale = power10 (len - n);
      lo = prefix * scale;
      hi = lo + scale - 1;
      if (hi < iin_ranges[i].low || lo > iin_ranges[i].high)
        continue;
      /* Still possible: a different brand, or a longer range, blocks. */
      if (iin_ranges[i].brand != best || best == CP_CARD_BRAND_UNKNOWN)
        return CP_CARD_BRAND_UNKNOWN;
    }

  return tie ? CP_CARD_BRAND_UNKNOWN : best;
}

/**
 * cp_card_luhn_check:
 * @digits: digits only
 *
 * Returns: %TRUE when @digits passes the Luhn (mod 10) check
 */
gboolean
cp_card_luhn_check (const char *digits)
{
  guint sum = 0;
  gsize n;

  if (digits == NULL)
    return FALSE;
  n = strlen (digits);
  if (n < 2 || strspn (digits, "0123456789") != n)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      guint d = (guint) (digits[n - 1 - i] - '0');

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

/**
 * cp_card_brand_length_ok:
 *
 * Returns: %TRUE when a number of @brand may have @n_digits digits
 */
gboolean
cp_card_brand_length_ok (CpCardBrand brand,
                         guint       n_digits)
{
  switch (brand)
    {
    case CP_CARD_BRAND_VISA:
      return n_digits == 13 || n_digits == 16 || n_digits == 19;
    case CP_CARD_BRAND_MASTERCARD:
      return n_digits == 16;
    case CP_CARD_BRAND_AMEX:
      return n_digits == 15;
    case CP_CARD_BRAND_DINERS:
      return n_digits >= 14 && n_digits <= 19;
    case CP_CARD_BRAND_DISCOVER:
    case CP_CARD_BRAND_JCB:
    case CP_CARD_BRAND_UNIONPAY:
      return n_digits >= 16 && n_digits <= 19;
    case CP_CARD_BRAND_UNKNOWN:
    default:
      return FALSE;
    }
}

/**
 * cp_card_brand_max_length:
 *
 * Returns: the most digits a number of @brand has (19 when unknown)
 */
guint
cp_card_brand_max_length (CpCardBrand brand)
{
  switch (brand)
    {
    case CP_CARD_BRAND_MASTERCARD:
      return 16;
    case CP_CARD_BRAND_AMEX:
      return 15;
    case CP_CARD_BRAND_VISA:
    case CP_CARD_BRAND_DINERS:
    case CP_CARD_BRAND_DISCOVER:
    case CP_CARD_BRAND_JCB:
    case CP_CARD_BRAND_UNIONPAY:
    case CP_CARD_BRAND_UNKNOWN:
    default:
      return MAX_DIGITS;
    }
}

/**
 * cp_card_brand_cvc_length:
 *
 * Returns: the digits of the security code: 4 for Amex, 3 otherwise
 */
guint
cp_card_brand_cvc_length (CpCardBrand brand)
{
  return brand == CP_CARD_BRAND_AMEX ? 4 : 3;
}

/**
 * cp_card_wipe_string:
 * @text: (nullable): a string that held digits
 *
 * Overwrites @text with zeros (in a way the compiler cannot drop).
 */
void
cp_card_wipe_string (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

/**
 * cp_bank_routing_number_valid:
 * @digits: (nullable): the routing number, digits only
 *
 * Returns: whether @digits is an ABA routing number: nine digits whose
 *   checksum (weights 3, 7, 1 repeated) is a multiple of ten
 */
gboolean
cp_bank_routing_number_valid (const char *digits)
{
  static const guint weights[] = { 3, 7, 1, 3, 7, 1, 3, 7, 1 };
  guint sum = 0;

  if (digits == NULL || strlen (digits) != CP_BANK_ROUTING_LENGTH
      || strspn (digits, "0123456789") != CP_BANK_ROUTING_LENGTH)
    return FALSE;
  for (guint i = 0; i < CP_BANK_ROUTING_LENGTH; i++)
    sum += weights[i] * (guint) (digits[i] - '0');
  return sum % 10 == 0;
}

/**
 * cp_bank_account_number_valid:
 * @digits: (nullable): the account number, digits only
 *
 * Returns: whether @digits has the length of a US bank account number
 *   (4 to 17 digits)
 */
gboolean
cp_bank_account_number_valid (const char *digits)
{
  gsize n;

  if (digits == NULL)
    return FALSE;
  n = strlen (digits);
  return n >= CP_BANK_ACCOUNT_MIN_LENGTH && n <= CP_BANK_ACCOUNT_MAX_LENGTH
         && strspn (digits, "0123456789") == n;
}

/**
 * cp_card_normalize_digits:
 * @text: (nullable): what the user typed or pasted
 *
 * Returns: (transfer full): the ASCII digits of @text, nothing else; wipe it
 *   with cp_card_wipe_string() before freeing
 */
char *
cp_card_normalize_digits (const char *text)
{
  gsize n = 0;
  char *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_malloc (strlen (text) + 1);
  for (const char *p = text; *p != '\0'; p++)
    if (*p >= '0' && *p <= '9')
      out[n++] = *p;
  out[n] = '\0';
  return out;
}

/**
 * cp_card_format_digits:
 * @digits: digits only, complete or not
 * @brand: the brand, for the grouping
 *
 * Returns: (transfer full): @digits grouped for display, 4-6-5 for Amex and
 *   groups of four otherwise; wipe it before freeing
 */
char *
cp_card_format_digits (const char  *digits,
                       CpCardBrand  brand)
{
  static const guint amex_groups[] = { 4, 6, 5 };
  gsize n = digits ? strlen (digits) : 0;
  char *out = g_malloc0 (n * 2 + 1);
  gsize o = 0, group = 0, in_group = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint size = brand == CP_CARD_BRAND_AMEX && group < G_N_ELEMENTS (amex_groups)
                     ? amex_groups[group] : 4;

      if (in_group == size)
        {
          out[o++] = ' ';
          group++;
          in_group = 0;
        }
      out[o++] = digits[i];
      in_group++;
    }
  out[o] = '\0';
  return out;
}

/**
 * cp_card_expiry_ok:
 * @month: 1–12
 * @year: four digits
 * @now: (nullable): the current time, %NULL for now
 *
 * Returns: %TRUE when the card is valid through the end of @month/@year,
 *   that month is not past, and it is at most 50 years ahead
 */
gboolean
cp_card_expiry_ok (guint      month,
                   guint      year,
                   GDateTime *now)
{
  g_autoptr(GDateTime) local_now = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  guint this_year = (guint) g_date_time_get_year (local_now);
  guint this_month = (guint) g_date_time_get_month (local_now);

  if (month < 1 || month > 12)
    return FALSE;
  if (year < this_year || (year == this_year && month < this_month))
    return FALSE;
  return year <= this_year + 50;
}

static void
update_number (CpCardInput *self)
{
  CpCardBrand brand = cp_card_brand_from_digits (self->number);

  if (brand != self->brand)
    {
      self->brand = brand;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRAND]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DIGITS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER_COMPLETE]);
}

/**
 * cp_card_input_set_number:
 * @text: (nullable): what the user typed; spaces, dashes and anything else
 *   but digits are dropped
 *
 * Replaces the number, wiping the previous digits.
 */
void
cp_card_input_set_number (CpCardInput *self,
                          const char  *text)
{
  gsize n = 0;

  g_return_if_fail (CP_IS_CARD_INPUT (self));

  explicit_bzero (self->number, sizeof self->number);
  self->number_overflow = FALSE;
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p < '0' || *p > '9')
        continue;
      if (n == MAX_DIGITS)
        {
          self->number_overflow = TRUE;
          break;
        }
      self->number[n++] = *p;
    }
  update_number (self);
}

/**
 * cp_card_input_set_cvc:
 * @text: (nullable): the security code; non-digits are dropped
 */
void
cp_card_input_set_cvc (CpCardInput *self,
                       const char  *text)
{
  gsize n = 0;

  g_return_if_fail (CP_IS_CARD_INPUT (self));

  explicit_bzero (self->cvc, sizeof self->cvc);
  self->cvc_overflow = FALSE;
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p < '0' || *p > '9')
        continue;
      if (n == MAX_CVC)
        {
          self->cvc_overflow = TRUE;
          break;
        }
      self->cvc[n++] = *p;
    }
}

/**
 * cp_card_input_set_expiry:
 * @month: 1–12
 * @year: four digits, or two (taken as 20YY)
 */
void
cp_card_input_set_expiry (CpCardInput *self,
                          guint        month,
                          guint        year)
{
  g_return_if_fail (CP_IS_CARD_INPUT (self));

  self->exp_month = month;
  self->exp_year = year < 100 ? 2000 + year : year;
}

/**
 * cp_card_input_set_expiry_text:
 * @text: "MM/YY", "MM/YYYY", "MM YY", "MMYY"
 *
 * Returns: %TRUE when @text has that shape (the values are checked by
 *   cp_card_input_validate())
 */
gboolean
cp_card_input_set_expiry_text (CpCardInput *self,
                               const char  *text)
{
  char digits[7] = { 0 };
  gsize n = 0;
  guint month, year;

  g_return_val_if_fail (CP_IS_CARD_INPUT (self), FALSE);

  self->exp_month = self->exp_year = 0;
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (n == 6)
            return FALSE;
          digits[n++] = *p;
        }
      else if (*p != '/' && *p != ' ' && *p != '-')
        return FALSE;
    }
  if (n != 4 && n != 6)
    return FALSE;

  month = (guint) (digits[0] - '0') * 10 + (guint) (digits[1] - '0');
  year = (guint) g_ascii_strtoull (digits + 2, NULL, 10);
  cp_card_input_set_expiry (self, month, year);
  return TRUE;
}

CpCardBrand
cp_card_input_get_brand (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), CP_CARD_BRAND_UNKNOWN);
  return self->brand;
}

guint
cp_card_input_get_n_digits (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), 0);
  return (guint) strlen (self->number);
}

/**
 * cp_card_input_peek_number:
 *
 * Returns: the digits, owned by @self; for the one vault request only
 */
const char *
cp_card_input_peek_number (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), NULL);
  return self->number;
}

/**
 * cp_card_input_peek_cvc:
 *
 * Returns: the security code, owned by @self; for the one vault request only
 */
const char *
cp_card_input_peek_cvc (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), NULL);
  return self->cvc;
}

guint
cp_card_input_get_exp_month (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), 0);
  return self->exp_month;
}

guint
cp_card_input_get_exp_year (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), 0);
  return self->exp_year;
}

/**
 * cp_card_input_dup_display_number:
 *
 * Returns: (transfer full): the digits grouped for the entry; wipe it with
 *   cp_card_wipe_string() before freeing
 */
char *
cp_card_input_dup_display_number (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), NULL);
  return cp_card_format_digits (self->number, self->brand);
}

/**
 * cp_card_input_dup_last4:
 *
 * Returns: (transfer full) (nullable): the last four digits, or %NULL with
 *   fewer than four
 */
char *
cp_card_input_dup_last4 (CpCardInput *self)
{
  gsize n;

  g_return_val_if_fail (CP_IS_CARD_INPUT (self), NULL);
  n = strlen (self->number);
  return n >= 4 ? g_strdup (self->number + n - 4) : NULL;
}

/**
 * cp_card_input_get_number_complete:
 *
 * Returns: %TRUE when the number has a known brand, a length that brand
 *   allows and a correct check digit
 */
gboolean
cp_card_input_get_number_complete (CpCardInput *self)
{
  g_return_val_if_fail (CP_IS_CARD_INPUT (self), FALSE);

  return !self->number_overflow
         && self->brand != CP_CARD_BRAND_UNKNOWN
         && cp_card_brand_length_ok (self->brand, (guint) strlen (self->number))
         && cp_card_luhn_check (self->number);
}

/**
 * cp_card_input_validate:
 * @now: (nullable): the current time, %NULL for now
 *
 * Checks number, expiry and CVC, in the order of the form.
 *
 * Returns: %TRUE when all are valid; else %FALSE with a %CP_CARD_INPUT_ERROR
 *   naming the first field at fault
 */
gboolean
cp_card_input_validate (CpCardInput *self,
                        GDateTime   *now,
                        GError     **error)
{
  guint n;

  g_return_val_if_fail (CP_IS_CARD_INPUT (self), FALSE);

  n = (guint) strlen (self->number);
  if (n == 0)
    {
      g_set_error_literal (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_NUMBER,
                           _("Enter the card number."));
      return FALSE;
    }
  if (self->brand == CP_CARD_BRAND_UNKNOWN)
    {
      g_set_error_literal (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_NUMBER,
                           _("This card type is not accepted."));
      return FALSE;
    }
  if (self->number_overflow || !cp_card_brand_length_ok (self->brand, n))
    {
      g_set_error_literal (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_NUMBER,
                           n < cp_card_brand_max_length (self->brand) && !self->number_overflow
                             ? _("The card number is incomplete.")
                             : _("The card number is too long."));
      return FALSE;
    }
  if (!cp_card_luhn_check (self->number))
    {
      g_set_error_literal (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_NUMBER,
                           _("The card number is not valid. Check it for typing errors."));
      return FALSE;
    }
  if (self->exp_month < 1 || self->exp_month > 12)
    {
      g_set_error_literal (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_EXPIRY,
                           _("Enter the expiry month as a number from 01 to 12."));
      return FALSE;
    }
  if (!cp_card_expiry_ok (self->exp_month, self->exp_year, now))
    {
      g_autoptr(GDateTime) local_now = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
      gboolean past = self->exp_year < (guint) g_date_time_get_year (local_now) + 50;

      g_set_error_literal (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_EXPIRY,
                           past ? _("This card has expired.")
                                : _("The expiry date is too far in the future."));
      return FALSE;
    }
  if (self->cvc_overflow || strlen (self->cvc) != cp_card_brand_cvc_length (self->brand))
    {
      g_set_error (error, CP_CARD_INPUT_ERROR, CP_CARD_INPUT_ERROR_CVC,
                   _("The security code has %u digits."),
                   cp_card_brand_cvc_length (self->brand));
      return FALSE;
    }

  return TRUE;
}

/**
 * cp_card_input_wipe:
 *
 * Forgets number, CVC and expiry, overwriting the buffers with zeros.
 */
void
cp_card_input_wipe (CpCardInput *self)
{
  g_return_if_fail (CP_IS_CARD_INPUT (self));

  explicit_bzero (self->number, sizeof self->number);
  explicit_bzero (self->cvc, sizeof self->cvc);
  self->number_overflow = self->cvc_overflow = FALSE;
  self->exp_month = self->exp_year = 0;
  update_number (self);
}

static void
cp_card_input_finalize (GObject *object)
{
  CpCardInput *self = CP_CARD_INPUT (object);

  explicit_bzero (self->number, sizeof self->number);
  explicit_bzero (self->cvc, sizeof self->cvc);

  G_OBJECT_CLASS (cp_card_input_parent_class)->finalize (object);
}

static void
cp_card_input_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpCardInput *self = CP_CARD_INPUT (object);

  switch (prop_id)
    {
    case PROP_BRAND:
      g_value_set_enum (value, self->brand);
      break;

    case PROP_N_DIGITS:
      g_value_set_uint (value, cp_card_input_get_n_digits (self));
      break;

    case PROP_NUMBER_COMPLETE:
      g_value_set_boolean (value, cp_card_input_get_number_complete (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_input_class_init (CpCardInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_card_input_finalize;
  object_class->get_property = cp_card_input_get_property;

  properties[PROP_BRAND] =
    g_param_spec_enum ("brand", NULL, NULL, CP_TYPE_CARD_BRAND, CP_CARD_BRAND_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_DIGITS] =
    g_param_spec_uint ("n-digits", NULL, NULL, 0, MAX_DIGITS, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NUMBER_COMPLETE] =
    g_param_spec_boolean ("number-complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_card_input_init (CpCardInput *self)
{
}

CpCardInput *
cp_card_input_new (void)
{
  return g_object_new (CP_TYPE_CARD_INPUT, NULL);
}
