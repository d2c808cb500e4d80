/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* /customers/{customer}/payments */
void cp_api_payments_create  (CpRequest *req);
void cp_api_payments_list    (CpRequest *req);

/* The one payment path, for the portal and the office alike. */
void cp_api_payments_take    (CpRequest  *req,
                              const char *channel,
                              gint64      actor_user_id);

G_END_DECLS
