/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* GET /payment-methods: the Saved Payment Methods report (staff, admins). */
void cp_api_report_payment_methods (CpRequest *req);

G_END_DECLS
