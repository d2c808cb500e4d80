/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "cp-mailer.h"

struct _CpMailer
{
  char *dir;
  char *from;
};

CpMailer *
cp_mailer_new (const char *dir,
               const char *from)
{
  CpMailer *self = g_new0 (CpMailer, 1);

  self->dir = g_strdup (dir);
  self->from = g_strdup (from);
  return self;
}

void
cp_mailer_free (CpMailer *self)
{
  if (self == NULL)
    return;
  g_free (self->dir);
  g_free (self->from);
  g_free (self);
}

/* Header values come from our own code and from validated addresses, but a
 * line break in one would forge headers: refuse it. */
static gboolean
header_safe (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

/**
 * cp_mailer_send:
 *
 * Writes the message atomically (a temporary name first, then a rename), so
 * a reader never sees half a message. Logs the file name only: the body
 * holds secrets such as verification codes.
 */
gboolean
cp_mailer_send (CpMailer    *self,
                const char  *to,
                const char  *subject,
                const char  *body,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S +0000");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_auto(GStrv) lines = NULL;
  guint32 random = randombytes_random ();

  if (!header_safe (to) || !header_safe (subject))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Refusing a mail header with a line break");
      return FALSE;
    }

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create the mail folder %s: %s", self->dir, g_strerror (errno));
      return FALSE;
    }

  g_string_append_printf (message, "Date: %s\r\n", date);
  g_string_append_printf (message, "From: %s\r\n", self->from);
  g_string_append_printf (message, "To: %s\r\n", to);
  g_string_append_printf (message, "Subject: %s\r\n", subject);
  g_string_append_printf (message, "Message-ID: <%" G_GINT64_FORMAT ".%08x@customer-portal>\r\n",
                          g_get_real_time (), random);
  g_string_append (message, "MIME-Version: 1.0\r\n");
  g_string_append (message, "Content-Type: text/plain; charset=utf-8\r\n");
  g_string_append (message, "Content-Transfer-Encoding: 8bit\r\n\r\n");
  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (message, "%s\r\n", lines[i]);

  name = g_strdup_printf ("%013" G_GINT64_FORMAT "-%08x.eml", g_get_real_time () / 1000, random);
  path = g_build_filename (self->dir, name, NULL);
  tmp = g_strconcat (path, ".part", NULL);
  if (!g_file_set_contents_full (tmp, message->str, (gssize) message->len,
                                 G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      sodium_memzero (message->str, message->len);
      return FALSE;
    }
  sodium_memzero (message->str, message->len);
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot rename %s: %s", tmp, g_strerror (errno));
      g_unlink (tmp);
      return FALSE;
    }

  g_message ("Mail written to %s", path);
  return TRUE;
}
