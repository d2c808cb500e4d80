/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-customer-dialog.h"
#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_ADD_CARD_DIALOG (cp_add_card_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CpAddCardDialog, cp_add_card_dialog, CP, ADD_CARD_DIALOG, CpCustomerDialog)

GtkWidget *cp_add_card_dialog_new       (CpClient        *client,
                                         const char      *customer_id,
                                         gboolean         first_card);
gboolean   cp_add_card_dialog_get_busy  (CpAddCardDialog *self);
gboolean   cp_add_card_dialog_is_wiped  (CpAddCardDialog *self);

G_END_DECLS
