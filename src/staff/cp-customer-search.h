/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"
#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_CUSTOMER_SEARCH (cp_customer_search_get_type ())

G_DECLARE_FINAL_TYPE (CpCustomerSearch, cp_customer_search, CP, CUSTOMER_SEARCH, CpPage)

CpCustomerSearch *cp_customer_search_new          (void);
GListModel       *cp_customer_search_get_results  (CpCustomerSearch *self);
void              cp_customer_search_set_query    (CpCustomerSearch *self,
                                                   const char       *query);
void              cp_customer_search_focus_entry  (CpCustomerSearch *self);
void              cp_customer_search_update       (CpCustomerSearch *self,
                                                   CpCustomer       *customer);

G_END_DECLS
