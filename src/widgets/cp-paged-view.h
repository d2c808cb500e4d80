/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-paged-list.h"

G_BEGIN_DECLS

#define CP_TYPE_PAGED_VIEW (cp_paged_view_get_type ())

G_DECLARE_FINAL_TYPE (CpPagedView, cp_paged_view, CP, PAGED_VIEW, AdwBin)

GtkWidget   *cp_paged_view_new         (void);
CpPagedList *cp_paged_view_get_model   (CpPagedView *self);
void         cp_paged_view_set_model   (CpPagedView *self,
                                        CpPagedList *model);
GtkWidget   *cp_paged_view_get_content (CpPagedView *self);
void         cp_paged_view_set_content (CpPagedView *self,
                                        GtkWidget   *content);
const char  *cp_paged_view_get_state   (CpPagedView *self);

G_END_DECLS
