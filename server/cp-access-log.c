/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-server"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "cp-access-log.h"

/*
 * --access-log FILE: one line per answered request, "METHOD PATH?QUERY
 * STATUS", written as each request finishes, so that a test or a benchmark
 * can count what a client asked for. Paths and queries carry no secret
 * (tokens travel in headers and bodies, never in the URL); headers and
 * bodies are not written.
 *
 * The lines are buffered and written out as soon as the main loop is idle,
 * or when the oldest one waiting is 100 ms old: a reader sees each request
 * once the server has nothing else to do, and a busy server does not pay a
 * write to the file for each one.
 */

#define FLUSH_AFTER_USEC (100 * 1000)

typedef struct
{
  FILE *file;
  guint flush_id;
  gint64 first_waiting;    /* monotonic µs of the oldest unwritten line */
} AccessLog;

static void
flush_now (AccessLog *log)
{
  fflush (log->file);
  log->first_waiting = 0;
}

static gboolean
flush_cb (gpointer user_data)
{
  AccessLog *log = user_data;

  log->flush_id = 0;
  flush_now (log);
  return G_SOURCE_REMOVE;
}

static void
finished_cb (SoupServer        *soup,
             SoupServerMessage *msg,
             AccessLog         *log)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  gint64 now = g_get_monotonic_time ();
  guint code = soup_server_message_get_status (msg);
  char status[16] = { ' ', '0', '0', '0', '\n', '\0' };

  /* Without printf's machinery, as this runs for every request. */
  if (code < 1000)
    {
      status[1] = (char) ('0' + code / 100);
      status[2] = (char) ('0' + code / 10 % 10);
      status[3] = (char) ('0' + code % 10);
    }
  else
    g_snprintf (status, sizeof status, " %u\n", code);
  fputs (soup_server_message_get_method (msg), log->file);
  fputc (' ', log->file);
  fputs (g_uri_get_path (uri), log->file);
  if (query != NULL)
    {
      fputc ('?', log->file);
      fputs (query, log->file);
    }
  fputs (status, log->file);
  if (log->first_waiting == 0)
    log->first_waiting = now;
  else if (now - log->first_waiting >= FLUSH_AFTER_USEC)
    flush_now (log);
  if (log->flush_id == 0)
    log->flush_id = g_idle_add (flush_cb, log);
}

static void
close_log (gpointer data)
{
  AccessLog *log = data;

  g_clear_handle_id (&log->flush_id, g_source_remove);
  fclose (log->file);
  g_free (log);
}

/**
 * cp_access_log_attach:
 * @path: the file, appended to
 *
 * Logs every finished request of @soup to @path, a line each.
 */
gboolean
cp_access_log_attach (SoupServer  *soup,
                      const char  *path,
                      GError     **error)
{
  FILE *file;
  AccessLog *log;

  g_return_val_if_fail (SOUP_IS_SERVER (soup), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_fopen (path, "ae");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot open the access log %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  setvbuf (file, NULL, _IOFBF, 64 * 1024);
  log = g_new0 (AccessLog, 1);
  log->file = file;
  g_object_set_data_full (G_OBJECT (soup), "cp-access-log", log, close_log);
  g_signal_connect (soup, "request-finished", G_CALLBACK (finished_cb), log);
  return TRUE;
}
