/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the models share (cp-models.c), and nothing else: each model's own
 * constructors from JSON are in its cp-*-private.h. This header must not
 * include the models', or every model would reach every other. */

/* Sets CP_CLIENT_ERROR_BAD_RESPONSE for @member and returns %FALSE. */
gboolean cp_model_bad_reply (GError    **error,
                             const char *member);

G_END_DECLS
