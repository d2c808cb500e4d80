/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The request parsers of cp-http.c that take plain text, for the fuzzing
 * harness (tests/fuzz/fuzz-server.c) as much as for cp-http.c itself.
 */

/* Reads a list cursor made by cp_cursor_encode(): the sort key and the id
 * of the last row sent. */
gboolean cp_cursor_decode (const char  *cursor,
                           char       **key,
                           gint64      *id);

G_END_DECLS
