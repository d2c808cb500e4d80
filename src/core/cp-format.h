/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cp_format_date      (GDateTime *datetime) G_GNUC_WARN_UNUSED_RESULT;
char *cp_format_date_time (GDateTime *datetime) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
