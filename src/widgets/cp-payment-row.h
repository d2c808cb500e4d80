/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-payment.h"

G_BEGIN_DECLS

/* A payment as a row, the same on the customer's overview and the
 * office's record: its receipt (once it has one), when, the status as a
 * badge (Pending, Succeeded, Failed) and the amount. */
GtkWidget  *cp_payment_row_new          (CpPayment  *payment,
                                         const char *details);
const char *cp_payment_row_status_label (CpPayment  *payment);
void        cp_payment_row_notify_settled (CpPayment *payment);

G_END_DECLS
