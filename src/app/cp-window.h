/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-application.h"
#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_WINDOW (cp_window_get_type ())

G_DECLARE_FINAL_TYPE (CpWindow, cp_window, CP, WINDOW, AdwApplicationWindow)

CpWindow   *cp_window_new                (CpApplication *application);
CpClient   *cp_window_get_client         (CpWindow      *self);
const char *cp_window_get_page_name      (CpWindow      *self);
GtkWidget  *cp_window_get_account_view   (CpWindow      *self);
GtkShortcutsWindow *cp_window_get_shortcuts_window (CpWindow *self);

G_END_DECLS
