/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server's one clock, in whole seconds since the epoch (UTC): every
 * expiry, history entry and timestamp on the wire is read from here, in the
 * portal and in the payment processor. With CP_SERVER_CLOCK_FILE set in the
 * environment (tests and the demo only), it is the real time plus the
 * offset in seconds that file holds (none, or an empty file: 0), read again
 * when the file changes. */
gint64       cp_now             (void);
const char  *cp_clock_get_file  (void);
char        *cp_format_time     (gint64 unix_seconds) G_GNUC_WARN_UNUSED_RESULT;
char        *cp_format_date     (gint64 unix_seconds) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
