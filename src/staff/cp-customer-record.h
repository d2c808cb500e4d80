/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"
#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_CUSTOMER_RECORD (cp_customer_record_get_type ())

G_DECLARE_FINAL_TYPE (CpCustomerRecord, cp_customer_record, CP, CUSTOMER_RECORD, CpPage)

CpCustomerRecord *cp_customer_record_new             (CpClient         *client,
                                                      const char       *customer_id);
const char       *cp_customer_record_get_customer_id (CpCustomerRecord *self);
CpCustomer       *cp_customer_record_get_customer    (CpCustomerRecord *self);
GListModel       *cp_customer_record_get_cards       (CpCustomerRecord *self);
GListModel       *cp_customer_record_get_invoices    (CpCustomerRecord *self);
GListModel       *cp_customer_record_get_payments (CpCustomerRecord *self);
GListModel       *cp_customer_record_get_visits      (CpCustomerRecord *self);
gboolean          cp_customer_record_get_loading     (CpCustomerRecord *self);
void              cp_customer_record_set_notice      (CpCustomerRecord *self,
                                                      const char       *notice);

G_END_DECLS
