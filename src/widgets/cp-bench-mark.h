/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cp_bench_mark_next_frame (GtkWidget  *widget,
                               const char *name);

G_END_DECLS
