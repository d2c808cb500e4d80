/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-customer-dialog.h"
#include "cp-core.h"

G_BEGIN_DECLS

#define CP_TYPE_CARD_HISTORY_DIALOG (cp_card_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CpCardHistoryDialog, cp_card_history_dialog, CP, CARD_HISTORY_DIALOG, CpCustomerDialog)

CpCardHistoryDialog *cp_card_history_dialog_new         (CpClient            *client,
                                                         const char          *customer_id,
                                                         const char          *customer_name);
CpCardHistoryDialog *cp_card_history_dialog_new_own     (CpClient            *client,
                                                         const char          *customer_id);
GListModel          *cp_card_history_dialog_get_events  (CpCardHistoryDialog *self);

G_END_DECLS
