/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"
#include "store/cp-store-cards.h"

G_BEGIN_DECLS

/* /customers/{customer}/payments */
void cp_api_payments_create  (CpRequest     *req);
void cp_api_payments_list    (CpRequest     *req);
/* GET /customers/{customer}/payments/{payment}: one payment as it is now
 * (the app re-checks a pending one with it). */
void cp_api_payments_get     (CpRequest     *req);

/* The one entry point of a payment, for any route that makes one (the
 * customer's above, the office's): @req is the request of the path's
 * customer, with its body and Idempotency-Key; @actor says who pays and
 * through which channel. */
void cp_api_payments_pay     (CpRequest     *req,
                              const CpActor *actor);
/* The verifier's round: settles pending payments the processor has an
 * answer for. */
void cp_api_payments_verify  (CpApiEnv      *env);
/* The AutoPay scheduler's round: pays what fell due today. */
void cp_api_payments_autopay (CpApiEnv      *env);

G_END_DECLS
