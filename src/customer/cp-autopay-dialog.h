/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"
#include "cp-customer-dialog.h"

G_BEGIN_DECLS

#define CP_TYPE_AUTOPAY_DIALOG (cp_autopay_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CpAutopayDialog, cp_autopay_dialog, CP, AUTOPAY_DIALOG, CpCustomerDialog)

GtkWidget *cp_autopay_dialog_new      (CpClient        *client,
                                       const char      *customer_id,
                                       GListModel      *cards,
                                       CpAutopay       *autopay);
gboolean   cp_autopay_dialog_get_busy (CpAutopayDialog *self);

G_END_DECLS
