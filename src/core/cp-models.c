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

char *
cp_model_card_title (CpCardBrand  brand,
                     const char  *last4)
{
  /* Translators: a saved card, e.g. "Visa •••• 4242". */
  return g_strdup_printf (_("%s •••• %s"), cp_card_brand_get_display_name (brand), last4);
}
