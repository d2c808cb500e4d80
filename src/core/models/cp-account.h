/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_ACCOUNT (cp_account_get_type ())

G_DECLARE_FINAL_TYPE (CpAccount, cp_account, CP, ACCOUNT, GObject)

/*
 * The logged-in user (`GET /me`, and the `user` of a login reply).
 * Properties: id, email, name, role (#CpRole), customer-id (nullable: staff
 * and admins have none).
 */
const char *cp_account_get_id          (CpAccount *self);
const char *cp_account_get_email       (CpAccount *self);
const char *cp_account_get_name        (CpAccount *self);
CpRole      cp_account_get_role        (CpAccount *self);
const char *cp_account_get_customer_id (CpAccount *self);
gboolean    cp_account_is_staff        (CpAccount *self);

G_END_DECLS
