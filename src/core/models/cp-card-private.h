/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-card.h"

G_BEGIN_DECLS

/* Builds a CpCard from an untrusted reply object: checks the type and range
 * of every member and answers CP_CLIENT_ERROR_BAD_RESPONSE, never a
 * half-filled model. The _parse variant fits CpJsonParseFunc. */
CpCard   *cp_card_new_from_json (JsonObject  *object,
                                 GError     **error);
gpointer  cp_card_parse         (JsonObject  *object,
                                 GError     **error);

G_END_DECLS
