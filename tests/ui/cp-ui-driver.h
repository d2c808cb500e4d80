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
void       cp_ui_type_keys         (GtkWidget  *root,
                                    const char *row_title,
                                    const char *keys);
void       cp_ui_click             (GtkWidget  *button);
void       cp_ui_press_enter       (GtkWidget  *row);
gboolean   cp_ui_is_showing        (GtkWidget  *widget);

G_END_DECLS

#include "cp-application.h"
#include "cp-customer-view.h"
#include "cp-test-server.h"
#include "cp-window.h"

G_BEGIN_DECLS

CpApplication  *cp_ui_app_new          (CpTestServer   *server);
CpWindow       *cp_ui_open_window      (CpApplication  *app);
gboolean        cp_ui_wait_page        (CpWindow       *window,
                                        const char     *page,
                                        guint           timeout_ms);
CpCustomerView *cp_ui_wait_customer    (CpWindow       *window,
                                        guint           timeout_ms);
void            cp_ui_login            (CpWindow       *window,
                                        const char     *email,
                                        const char     *password);
void            cp_ui_select_page      (CpCustomerView *view,
                                        const char     *name);
GtkWidget      *cp_ui_page             (CpCustomerView *view,
                                        const char     *name);
void            cp_ui_shot             (GtkWidget      *widget,
                                        const char     *name);
void            cp_ui_close_window     (CpWindow       *window);

G_END_DECLS

G_BEGIN_DECLS
void cp_ui_result_cb   (GObject       *source,
                        GAsyncResult  *result,
                        gpointer       user_data);
void cp_ui_wait_result (GAsyncResult **slot);
G_END_DECLS
