/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CP_TYPE_MONEY (cp_money_get_type ())

/**
 * CpMoney:
 *
 * An amount of money as the API carries it: an integer number of minor
 * units (cents) plus an ISO 4217 currency code. Immutable, boxed.
 */
typedef struct _CpMoney CpMoney;

#define CP_MONEY_ERROR (cp_money_error_quark ())

/**
 * CpMoneyError:
 * @CP_MONEY_ERROR_EMPTY: no digits at all
 * @CP_MONEY_ERROR_INVALID: characters that have no place in an amount
 *   (letters, a sign, another currency's symbol)
 * @CP_MONEY_ERROR_DECIMALS: more decimals than the currency has
 * @CP_MONEY_ERROR_AMBIGUOUS: separators that do not fit the locale, so the
 *   decimals cannot be told apart from the thousands ("461.50" in German)
 * @CP_MONEY_ERROR_TOO_LARGE: more digits than an amount can have
 *
 * Why cp_money_parse() refused a text. The messages are for logs; the UI
 * words its own for each code.
 */
typedef enum
{
  CP_MONEY_ERROR_EMPTY,
  CP_MONEY_ERROR_INVALID,
  CP_MONEY_ERROR_DECIMALS,
  CP_MONEY_ERROR_AMBIGUOUS,
  CP_MONEY_ERROR_TOO_LARGE,
} CpMoneyError;

GType        cp_money_get_type     (void) G_GNUC_CONST;
CpMoney     *cp_money_new          (gint64         amount,
                                    const char    *currency);
CpMoney     *cp_money_copy         (const CpMoney *self);
void         cp_money_free         (CpMoney       *self);
gint64       cp_money_get_amount   (const CpMoney *self);
const char  *cp_money_get_currency (const CpMoney *self);
gboolean     cp_money_equal        (const CpMoney *a,
                                    const CpMoney *b);
guint        cp_money_get_minor_digits (const CpMoney *self);
char        *cp_money_format       (const CpMoney *self) G_GNUC_WARN_UNUSED_RESULT;
char        *cp_money_format_number (const CpMoney *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean     cp_money_parse        (const char    *text,
                                    const char    *currency,
                                    gint64        *amount,
                                    GError       **error);
GQuark       cp_money_error_quark  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpMoney, cp_money_free)

G_END_DECLS
