/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cp-clock.h"

/* The test clock: CP_SERVER_CLOCK_FILE names a file holding an offset in
 * seconds that is added to the real time. The environment is read once;
 * the file is looked at again (stat) at most once a second, and read only
 * when it changed, so the clock costs a lock and a monotonic read. */
#define CHECK_INTERVAL_USEC G_USEC_PER_SEC

static gsize clock_ready;
static char *clock_file;
static GMutex clock_lock;
static gint64 clock_offset;
static gint64 clock_checked_at;
static gboolean clock_checked;
static struct { dev_t dev; ino_t ino; off_t size; gint64 mtime_ns; gboolean exists; } clock_seen;

static void
clock_init (void)
{
  if (g_once_init_enter (&clock_ready))
    {
      const char *path = g_getenv ("CP_SERVER_CLOCK_FILE");

      if (path != NULL && *path != '\0')
        clock_file = g_strdup (path);
      g_once_init_leave (&clock_ready, 1);
    }
}

/* "+3600", "-60", "0", or nothing at all (0); anything else counts as 0. */
static gint64
parse_offset (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *digits = copy[0] == '+' ? copy + 1 : copy;
  gint64 value = 0;

  if (*digits == '\0')
    return 0;
  if (!g_ascii_string_to_signed (digits, 10, G_MININT64 / 2, G_MAXINT64 / 2, &value, NULL))
    {
      g_message ("The test clock file %s does not hold a number of seconds; using 0", clock_file);
      return 0;
    }
  return value;
}

/* With clock_lock held. */
static void
refresh_offset (void)
{
  gint64 now = g_get_monotonic_time ();
  GStatBuf st;
  gboolean exists;
  gint64 mtime_ns = 0;

  if (clock_checked && now - clock_checked_at < CHECK_INTERVAL_USEC)
    return;
  clock_checked = TRUE;
  clock_checked_at = now;

  exists = g_stat (clock_file, &st) == 0;
  if (exists)
    mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  if (exists == clock_seen.exists
      && (!exists || (st.st_dev == clock_seen.dev && st.st_ino == clock_seen.ino
                      && st.st_size == clock_seen.size && mtime_ns == clock_seen.mtime_ns)))
    return;

  clock_seen.exists = exists;
  if (!exists)
    {
      clock_offset = 0;
      return;
    }
  clock_seen.dev = st.st_dev;
  clock_seen.ino = st.st_ino;
  clock_seen.size = st.st_size;
  clock_seen.mtime_ns = mtime_ns;
  {
    g_autofree char *contents = NULL;
    gint64 offset;

    if (!g_file_get_contents (clock_file, &contents, NULL, NULL))
      {
        clock_offset = 0;
        return;
      }
    offset = parse_offset (contents);
    if (offset != clock_offset)
      g_message ("Test clock: %+" G_GINT64_FORMAT " s from the real time", offset);
    clock_offset = offset;
  }
}

gint64
cp_now (void)
{
  gint64 real = g_get_real_time () / G_USEC_PER_SEC;
  gint64 offset;

  clock_init ();
  if (clock_file == NULL)
    return real;

  g_mutex_lock (&clock_lock);
  refresh_offset ();
  offset = clock_offset;
  g_mutex_unlock (&clock_lock);
  return real + offset;
}

/**
 * cp_clock_get_file:
 *
 * Returns: (nullable): the test clock's offset file (CP_SERVER_CLOCK_FILE),
 *   or %NULL when the clock is the real one
 */
const char *
cp_clock_get_file (void)
{
  clock_init ();
  return clock_file;
}

/* The UTC calendar date (YYYY-MM-DD) of @unix_seconds. */
char *
cp_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%d");
}

/* RFC 3339 in UTC, as the API contract writes every time. */
char *
cp_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
