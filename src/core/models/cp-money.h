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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpMoney, cp_money_free)

G_END_DECLS
