/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-clock.h"

gint64
cp_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* RFC 3339 in UTC, as the API contract writes every time. */
char *
cp_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
