/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* /customers/{customer}/autopay. */
void cp_api_autopay_get  (CpRequest *req);
void cp_api_autopay_put  (CpRequest *req);

/* The customer record's "autopay": {enabled, payment_method}. */
void cp_api_autopay_write_summary (JsonBuilder *builder,
                                   CpDb        *db,
                                   gint64       customer_id);

G_END_DECLS
