/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-token-store.h"

G_BEGIN_DECLS

/* The in-memory implementation, for tests and for sessions without a keyring. */
#define CP_TYPE_MEMORY_TOKEN_STORE (cp_memory_token_store_get_type ())

G_DECLARE_FINAL_TYPE (CpMemoryTokenStore, cp_memory_token_store, CP, MEMORY_TOKEN_STORE, GObject)

CpMemoryTokenStore *cp_memory_token_store_new         (void);

G_END_DECLS
