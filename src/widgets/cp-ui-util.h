/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"

G_BEGIN_DECLS

/* Small helpers shared by the views; no widget of their own. */

char     *cp_ui_error_message  (const GError *error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  cp_ui_is_cancelled   (const GError *error);
gboolean  cp_ui_is_unreachable (const GError *error);
void      cp_ui_add_toast      (AdwToastOverlay *overlay,
                                const char      *message);
void      cp_ui_toast          (GtkWidget    *widget,
                                const char   *message);
void      cp_ui_clear_list_box (GtkListBox   *list_box);
void      cp_ui_name_peek_button (AdwPasswordEntryRow *row);
void      cp_ui_set_accessible_name  (GtkWidget  *widget,
                                      const char *name);
void      cp_ui_set_decorative       (GtkWidget  *widget);
void      cp_ui_name_list_item       (GtkListItem *item,
                                      const char  *name);
void      cp_ui_fix_accessible_names (GtkWidget  *root);
void      cp_ui_fix_library_names    (GtkWidget  *root);
void      cp_ui_install_library_name_fixes (void);
void      cp_ui_fit_dialog           (GtkWindow    *dialog);
void      cp_ui_wrap_row_words       (AdwActionRow *row);
void      cp_ui_set_server_text      (GtkLabel     *label,
                                      const char   *text,
                                      int           lines);
void      cp_ui_wrap_button_label    (GtkButton    *button);
char     *cp_ui_dup_bounded          (const char   *text,
                                      guint         max_chars) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
