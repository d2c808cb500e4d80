/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-client.h"
#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_OVERVIEW_PAGE (cp_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (CpOverviewPage, cp_overview_page, CP, OVERVIEW_PAGE, CpPage)

void        cp_overview_page_set_config          (CpOverviewPage *self,
                                                  CpConfig       *config);
void        cp_overview_page_set_online_payments (CpOverviewPage *self,
                                                  gboolean        enabled);
GListModel *cp_overview_page_get_open_invoices   (CpOverviewPage *self);
GListModel *cp_overview_page_get_payments        (CpOverviewPage *self);
const char *cp_overview_page_get_balance_text    (CpOverviewPage *self);

G_END_DECLS
