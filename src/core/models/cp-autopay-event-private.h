/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-autopay-event.h"

G_BEGIN_DECLS

/* Builds a CpAutopayEvent from an untrusted reply object, checking every
 * member (CP_CLIENT_ERROR_BAD_RESPONSE otherwise). Fits CpJsonParseFunc. */
gpointer cp_autopay_event_parse (JsonObject  *object,
                                 GError     **error);

/* "Visa •••• 4242" from a payment method object that has no expiry, as
 * AutoPay's events send it. */
char    *cp_autopay_method_title (JsonObject  *method,
                                  GError     **error);

G_END_DECLS
