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
 */

static void
finished_cb (SoupServer        *soup,
             SoupServerMessage *msg,
             FILE              *file)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);

  fprintf (file, "%s %s%s%s %u\n", soup_server_message_get_method (msg), g_uri_get_path (uri),
           query != NULL ? "?" : "", query != NULL ? query : "",
           soup_server_message_get_status (msg));
}

static void
close_file (gpointer data)
{
  fclose (data);
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
  /* A line at a time, so a reader sees each request as soon as it ended. */
  setvbuf (file, NULL, _IOLBF, 0);
  g_object_set_data_full (G_OBJECT (soup), "cp-access-log", file, close_file);
  g_signal_connect (soup, "request-finished", G_CALLBACK (finished_cb), file);
  return TRUE;
}
