/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-autopay-event.h"

G_BEGIN_DECLS

#define CP_TYPE_AUTOPAY (cp_autopay_get_type ())

G_DECLARE_FINAL_TYPE (CpAutopay, cp_autopay, CP, AUTOPAY, GObject)

/*
 * A customer's AutoPay (GET /customers/{id}/autopay): whether it is on,
 * the payment method it pays with, the consent the customer gave (the text
 * as accepted, its version, who, when, through which channel), the terms
 * a customer accepts now, the last automatic payment that was declined,
 * and the latest changes (#CpAutopayEvent).
 */
gboolean    cp_autopay_get_enabled               (CpAutopay *self);
const char *cp_autopay_get_payment_method_id     (CpAutopay *self);
const char *cp_autopay_get_payment_method_title  (CpAutopay *self);
const char *cp_autopay_get_terms_version         (CpAutopay *self);
const char *cp_autopay_get_terms_text            (CpAutopay *self);
const char *cp_autopay_get_consent_text          (CpAutopay *self);
const char *cp_autopay_get_consent_version       (CpAutopay *self);
GDateTime  *cp_autopay_get_consent_accepted_at   (CpAutopay *self);
const char *cp_autopay_get_consent_actor_name    (CpAutopay *self);
const char *cp_autopay_get_failure_invoice_number (CpAutopay *self);
const char *cp_autopay_get_failure_message       (CpAutopay *self);
GDateTime  *cp_autopay_get_failure_at            (CpAutopay *self);
GListModel *cp_autopay_get_events                (CpAutopay *self);
gboolean    cp_autopay_pays_with                 (CpAutopay  *self,
                                                  const char *payment_method_id);

G_END_DECLS
