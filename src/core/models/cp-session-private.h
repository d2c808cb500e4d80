/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-session.h"

G_BEGIN_DECLS

/* Builds a CpSession from an untrusted reply object, checking every
 * member (CP_CLIENT_ERROR_BAD_RESPONSE otherwise). Fits CpJsonParseFunc. */
gpointer cp_session_parse (JsonObject  *object,
                           GError     **error);

G_END_DECLS
