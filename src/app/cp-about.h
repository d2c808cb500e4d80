/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *cp_about_window_new_from_metainfo (const char  *resource_path,
                                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
