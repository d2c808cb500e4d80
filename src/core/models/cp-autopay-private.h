/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-autopay.h"

G_BEGIN_DECLS

/* Builds a CpAutopay from an untrusted reply object, checking every member
 * (CP_CLIENT_ERROR_BAD_RESPONSE otherwise). Fits CpJsonParseFunc. */
gpointer cp_autopay_parse (JsonObject  *object,
                           GError     **error);

G_END_DECLS
