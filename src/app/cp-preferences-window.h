/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CP_TYPE_PREFERENCES_WINDOW (cp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CpPreferencesWindow, cp_preferences_window, CP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *cp_preferences_window_new              (GtkWindow   *parent);

char      *cp_preferences_window_check_server_url (const char  *address,
                                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
