/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/cp-db.h"
#include "vault/cp-vault.h"

G_BEGIN_DECLS

gboolean cp_demo_seed (CpDb     *db,
                       CpVault  *vault,
                       GError  **error);

gboolean cp_demo_seed_scale (CpDb     *db,
                             guint     n_methods,
                             GError  **error);

G_END_DECLS
