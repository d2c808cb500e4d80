/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      cp_test_ui_init            (int          *argc,
                                      char       ***argv);
void      cp_test_ui_spin            (guint         ms);
gboolean  cp_test_ui_wait_for        (gboolean    (*predicate) (gpointer data),
                                      gpointer      data,
                                      guint         timeout_ms);
char     *cp_test_ui_screenshot      (GtkWidget    *widget,
                                      const char   *name);
GtkWidget *cp_test_ui_find_by_label  (GtkWidget    *root,
                                      GType         type,
                                      const char   *accessible_label);

G_END_DECLS
