/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-token-store.h"

G_BEGIN_DECLS

/* The libsecret implementation: schema named after the app ID. */
#define CP_TYPE_SECRET_TOKEN_STORE (cp_secret_token_store_get_type ())

G_DECLARE_FINAL_TYPE (CpSecretTokenStore, cp_secret_token_store, CP, SECRET_TOKEN_STORE, GObject)

CpSecretTokenStore *cp_secret_token_store_new         (const char         *app_id);
const char         *cp_secret_token_store_get_app_id  (CpSecretTokenStore *self);
void                cp_secret_token_store_set_timeout (CpSecretTokenStore *self,
                                                       guint               timeout_ms);
guint               cp_secret_token_store_get_timeout (CpSecretTokenStore *self);

G_END_DECLS
