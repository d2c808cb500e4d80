/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* The vault's HTTP face, as a payment processor's would be. */
gboolean cp_api_vault_key_matches  (CpRequest *req);
void     cp_api_vault_tokens       (CpRequest *req);

G_END_DECLS
