/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-card.h"

G_BEGIN_DECLS

#define CP_TYPE_CARD_ROW (cp_card_row_get_type ())

G_DECLARE_FINAL_TYPE (CpCardRow, cp_card_row, CP, CARD_ROW, AdwActionRow)

GtkWidget  *cp_card_row_new         (CpCard     *card);
CpCard     *cp_card_row_get_card    (CpCardRow  *self);
void        cp_card_row_set_card    (CpCardRow  *self,
                                     CpCard     *card);
void        cp_card_row_set_details (CpCardRow  *self,
                                     const char *details);
const char *cp_card_row_get_spoken_name (CpCardRow  *self);
gboolean    cp_card_row_get_busy    (CpCardRow  *self);
void        cp_card_row_set_busy    (CpCardRow  *self,
                                     gboolean    busy);
void        cp_card_row_set_actions (CpCardRow  *self,
                                     gboolean    actions);

G_END_DECLS
