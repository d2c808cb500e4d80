/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-money.h"
#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_CUSTOMER (cp_customer_get_type ())

G_DECLARE_FINAL_TYPE (CpCustomer, cp_customer, CP, CUSTOMER, GObject)

/*
 * A customer record. Properties: id, name, email (nullable: some customers
 * have none on file), phone, address, balance (#CpMoney), balance-text
 * (formatted for display), portal-account (#CpPortalAccount; unknown in
 * list replies).
 */
const char      *cp_customer_get_id             (CpCustomer *self);
const char      *cp_customer_get_name           (CpCustomer *self);
const char      *cp_customer_get_email          (CpCustomer *self);
const char      *cp_customer_get_phone          (CpCustomer *self);
const char      *cp_customer_get_address        (CpCustomer *self);
const CpMoney   *cp_customer_get_balance        (CpCustomer *self);
const char      *cp_customer_get_balance_text   (CpCustomer *self);
CpPortalAccount  cp_customer_get_portal_account (CpCustomer *self);

G_END_DECLS
