/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-format.h"

/**
 * cp_format_date:
 * @datetime: (nullable): a time in any zone
 *
 * Returns: (transfer full): the calendar date in the local time zone, in the
 *   locale's format, or an empty string for %NULL
 */
char *
cp_format_date (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  if (datetime == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (datetime);
  /* Translators: a date as in a list of visits or invoices, see strftime(3). */
  return g_date_time_format (local, _("%b %-d, %Y"));
}

/**
 * cp_format_date_time:
 * @datetime: (nullable): a time in any zone
 *
 * Returns: (transfer full): date and time of day in the local time zone
 */
char *
cp_format_date_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  if (datetime == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (datetime);
  /* Translators: a date and time, see strftime(3). */
  return g_date_time_format (local, _("%b %-d, %Y %H:%M"));
}
