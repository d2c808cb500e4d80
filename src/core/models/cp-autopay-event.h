/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-money.h"
#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_AUTOPAY_EVENT (cp_autopay_event_get_type ())

G_DECLARE_FINAL_TYPE (CpAutopayEvent, cp_autopay_event, CP, AUTOPAY_EVENT, GObject)

/**
 * CpAutopayAction:
 * @CP_AUTOPAY_ACTION_ENABLED: the customer turned AutoPay on
 * @CP_AUTOPAY_ACTION_DISABLED: the customer, the office or the removal of
 *   its payment method turned it off
 * @CP_AUTOPAY_ACTION_METHOD_CHANGED: the customer chose another method
 * @CP_AUTOPAY_ACTION_PAID: AutoPay paid an invoice on its due date
 * @CP_AUTOPAY_ACTION_DECLINED: the processor declined that payment
 */
typedef enum
{
  CP_AUTOPAY_ACTION_ENABLED,
  CP_AUTOPAY_ACTION_DISABLED,
  CP_AUTOPAY_ACTION_METHOD_CHANGED,
  CP_AUTOPAY_ACTION_PAID,
  CP_AUTOPAY_ACTION_DECLINED,
} CpAutopayAction;

/*
 * One entry of a customer's AutoPay history (the "events" of
 * GET /customers/{id}/autopay): when, what, who, through which channel,
 * with which payment method (brand and last 4 only), and for a payment
 * the invoice and amount.
 */
GDateTime       *cp_autopay_event_get_at             (CpAutopayEvent *self);
CpAutopayAction  cp_autopay_event_get_action         (CpAutopayEvent *self);
const char      *cp_autopay_event_get_actor_role     (CpAutopayEvent *self);
const char      *cp_autopay_event_get_actor_name     (CpAutopayEvent *self);
CpCardChannel    cp_autopay_event_get_channel        (CpAutopayEvent *self);
const char      *cp_autopay_event_get_method_title   (CpAutopayEvent *self);
const char      *cp_autopay_event_get_invoice_number (CpAutopayEvent *self);
const CpMoney   *cp_autopay_event_get_amount         (CpAutopayEvent *self);
const char      *cp_autopay_event_get_reason         (CpAutopayEvent *self);
char            *cp_autopay_event_dup_summary        (CpAutopayEvent *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
