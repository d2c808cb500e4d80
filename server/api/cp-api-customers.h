/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* /customers and /customers/{customer}, its service history and invoices. */
void cp_api_customers_list      (CpRequest *req);
void cp_api_customers_create    (CpRequest *req);
void cp_api_customers_get       (CpRequest *req);
void cp_api_customers_history   (CpRequest *req);
void cp_api_customers_invoices  (CpRequest *req);

G_END_DECLS
