/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-card-history-dialog.h"
#include "cp-client.h"
#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_CARDS_PAGE (cp_cards_page_get_type ())

G_DECLARE_FINAL_TYPE (CpCardsPage, cp_cards_page, CP, CARDS_PAGE, CpPage)

void        cp_cards_page_add_card  (CpCardsPage *self);
void        cp_cards_page_add_bank_account (CpCardsPage *self);
GListModel *cp_cards_page_get_cards (CpCardsPage *self);
GtkWidget  *cp_cards_page_get_row   (CpCardsPage *self,
                                     const char  *card_id);
guint       cp_cards_page_get_n_rows (CpCardsPage *self);
CpCardHistoryDialog *cp_cards_page_view_history (CpCardsPage *self);
GtkWidget           *cp_cards_page_set_up_autopay (CpCardsPage *self);
CpAutopay           *cp_cards_page_get_autopay   (CpCardsPage *self);

G_END_DECLS
