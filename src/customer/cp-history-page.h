/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-client.h"
#include "cp-page.h"
#include "cp-paged-list.h"

G_BEGIN_DECLS

#define CP_TYPE_HISTORY_PAGE (cp_history_page_get_type ())

G_DECLARE_FINAL_TYPE (CpHistoryPage, cp_history_page, CP, HISTORY_PAGE, CpPage)

CpPagedList *cp_history_page_get_model  (CpHistoryPage *self);
GtkListView *cp_history_page_get_view   (CpHistoryPage *self);

G_END_DECLS
