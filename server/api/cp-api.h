/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* Registers the API (/api/v1) and the 404 for any
 * other path on @soup, with @env for the handlers; @env must outlive @soup's
 * handlers. */
void cp_api_register (SoupServer *soup,
                      CpApiEnv   *env);

G_END_DECLS
