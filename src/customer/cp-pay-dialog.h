/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-customer-dialog.h"
#include "cp-client.h"
#include "cp-receipt-page.h"

G_BEGIN_DECLS

#define CP_TYPE_PAY_DIALOG (cp_pay_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CpPayDialog, cp_pay_dialog, CP, PAY_DIALOG, CpCustomerDialog)

GtkWidget     *cp_pay_dialog_new                 (CpClient    *client,
                                                  const char  *customer_id,
                                                  CpConfig    *config,
                                                  GListModel  *open_invoices);
gboolean       cp_pay_dialog_get_busy            (CpPayDialog *self);
const char    *cp_pay_dialog_get_idempotency_key (CpPayDialog *self);
CpReceiptPage *cp_pay_dialog_get_receipt_page    (CpPayDialog *self);
const char    *cp_pay_dialog_get_page_name       (CpPayDialog *self);
guint          cp_pay_dialog_get_n_attempts      (CpPayDialog *self);

G_END_DECLS
