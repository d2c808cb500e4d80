/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-client-error.h"
#include "cp-models-private.h"

gboolean
cp_model_bad_reply (GError    **error,
                    const char *member)
{
  g_debug ("Bad reply: member “%s” fails its check", member);
  g_set_error_literal (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE,
                       _("The server sent a reply this app cannot read."));
  return FALSE;
}
