/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-money.h"

G_BEGIN_DECLS

#define CP_TYPE_PAYMENT (cp_payment_get_type ())

G_DECLARE_FINAL_TYPE (CpPayment, cp_payment, CP, PAYMENT, GObject)

/*
 * A payment. Properties: id, status (string: "pending" until the payment
 * processor's answer is in, then "succeeded" or "failed"), amount
 * (#CpMoney), amount-text, receipt-number (once succeeded), created-at
 * (#GDateTime), created-at-text.
 */
const char    *cp_payment_get_id              (CpPayment *self);
const char    *cp_payment_get_status          (CpPayment *self);
const CpMoney *cp_payment_get_amount          (CpPayment *self);
const char    *cp_payment_get_amount_text     (CpPayment *self);
const char    *cp_payment_get_receipt_number  (CpPayment *self);
gboolean       cp_payment_is_pending          (CpPayment *self);
const char    *cp_payment_get_failure_message (CpPayment *self);
GDateTime     *cp_payment_get_created_at      (CpPayment *self);
const char    *cp_payment_get_created_at_text (CpPayment *self);
const char    *cp_payment_get_channel         (CpPayment *self);
const char    *cp_payment_get_actor_name      (CpPayment *self);
const char    *cp_payment_get_actor_role      (CpPayment *self);
const char    *cp_payment_get_memo            (CpPayment *self);
gboolean       cp_payment_pays_invoice        (CpPayment  *self,
                                               const char *invoice_id);

G_END_DECLS
