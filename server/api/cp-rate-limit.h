/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A rate limit per key (a client address, say): a token bucket of @burst
 * requests that refills at @per_minute. Plain data, no main loop: the
 * caller passes the time, so it works in any process and in a unit test.
 * Not thread-safe; use one per thread or lock around it.
 */
typedef struct _CpRateLimit CpRateLimit;

CpRateLimit *cp_rate_limit_new   (guint        burst,
                                  guint        per_minute);
void         cp_rate_limit_free  (CpRateLimit *self);
gint64       cp_rate_limit_take  (CpRateLimit *self,
                                  const char  *key,
                                  gint64       now_usec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpRateLimit, cp_rate_limit_free)

G_END_DECLS
