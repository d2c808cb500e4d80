/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * Driving the real widgets as a person would: find a control by what it
 * shows (a button's label, a row's title), type into it, press it, and wait
 * for the answer, spinning the main loop meanwhile.
 */

GtkWidget *cp_ui_find_row          (GtkWidget  *root,
                                    const char *title);
GtkWidget *cp_ui_find_button       (GtkWidget  *root,
                                    const char *label);
GtkWidget *cp_ui_find_label        (GtkWidget  *root,
                                    const char *substring);
GtkWidget *cp_ui_find_type         (GtkWidget  *root,
                                    GType       type);
GtkWidget *cp_ui_wait_button       (GtkWidget  *root,
                                    const char *label,
                                    guint       timeout_ms);
GtkWidget *cp_ui_wait_row          (GtkWidget  *root,
                                    const char *title,
                                    guint       timeout_ms);
GtkWidget *cp_ui_wait_label        (GtkWidget  *root,
                                    const char *substring,
                                    guint       timeout_ms);
GtkWindow *cp_ui_wait_window       (GType       type,
                                    guint       timeout_ms);
gboolean   cp_ui_wait_gone         (GtkWindow  *window,
                                    guint       timeout_ms);
void       cp_ui_type              (GtkWidget  *root,
                                    const char *row_title,
                                    const char *text);
void       cp_ui_click             (GtkWidget  *button);
void       cp_ui_press_enter       (GtkWidget  *row);
gboolean   cp_ui_is_showing        (GtkWidget  *widget);

G_END_DECLS
