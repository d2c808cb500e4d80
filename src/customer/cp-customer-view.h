/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_CUSTOMER_VIEW (cp_customer_view_get_type ())

G_DECLARE_FINAL_TYPE (CpCustomerView, cp_customer_view, CP, CUSTOMER_VIEW, AdwBin)

GtkWidget          *cp_customer_view_new                 (CpClient       *client,
                                                          CpAccount      *account);
AdwViewStack       *cp_customer_view_get_stack           (CpCustomerView *self);
AdwViewSwitcherBar *cp_customer_view_get_switcher_bar    (CpCustomerView *self);
gboolean            cp_customer_view_get_online_payments (CpCustomerView *self);
gboolean            cp_customer_view_get_loaded          (CpCustomerView *self);
gboolean            cp_customer_view_get_unreachable     (CpCustomerView *self);
void                cp_customer_view_refresh             (CpCustomerView *self);
void                cp_customer_view_add_card            (CpCustomerView *self);
void                cp_customer_view_pay                 (CpCustomerView *self);

G_END_DECLS
