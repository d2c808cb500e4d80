/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Sends" mail by writing one RFC 5322 file per message into a folder,
 * named `<unix-ms>-<random>.eml` so that names sort by time. */
typedef struct _CpMailer CpMailer;

CpMailer *cp_mailer_new   (const char  *dir,
                           const char  *from);
void      cp_mailer_free  (CpMailer    *self);
gboolean  cp_mailer_send  (CpMailer    *self,
                           const char  *to,
                           const char  *subject,
                           const char  *body,
                           GError     **error);

G_END_DECLS
