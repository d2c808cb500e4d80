/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-memory-token-store.h"

G_BEGIN_DECLS

/* For tests: how many tokens the store holds, and how many times one was
 * stored. */
guint cp_memory_token_store_get_n_items  (CpMemoryTokenStore *self);
guint cp_memory_token_store_get_n_stores (CpMemoryTokenStore *self);

G_END_DECLS
