/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server's one clock, in whole seconds since the epoch (UTC): every
 * expiry, history entry and timestamp on the wire is read from here. */
gint64  cp_now          (void);
char   *cp_format_time  (gint64 unix_seconds) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
