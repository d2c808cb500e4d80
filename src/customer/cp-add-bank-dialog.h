/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-customer-dialog.h"
#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_ADD_BANK_DIALOG (cp_add_bank_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CpAddBankDialog, cp_add_bank_dialog, CP, ADD_BANK_DIALOG, CpCustomerDialog)

GtkWidget *cp_add_bank_dialog_new      (CpClient        *client,
                                        const char      *customer_id,
                                        gboolean         first_method);
gboolean   cp_add_bank_dialog_get_busy (CpAddBankDialog *self);
gboolean   cp_add_bank_dialog_is_wiped (CpAddBankDialog *self);

G_END_DECLS
