/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-visit.h"

G_BEGIN_DECLS

#define CP_TYPE_VISIT_ROW (cp_visit_row_get_type ())

G_DECLARE_FINAL_TYPE (CpVisitRow, cp_visit_row, CP, VISIT_ROW, GtkBox)

GtkWidget  *cp_visit_row_new             (void);
void        cp_visit_row_set_visit       (CpVisitRow *self,
                                          CpVisit    *visit);
const char *cp_visit_row_get_description (CpVisitRow *self);

G_END_DECLS
