/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/cp-db.h"
#include "processor/cp-vault.h"

G_BEGIN_DECLS

/* Makes a token for a demo card at the processor (in this process or over
 * HTTP), attached as a saved payment method. */
typedef gboolean (*CpDemoTokenizeFunc) (const char   *number,
                                        int           exp_month,
                                        int           exp_year,
                                        const char   *cvc,
                                        const char   *cardholder_name,
                                        const char   *postal_code,
                                        CpVaultCard  *out,
                                        gpointer      user_data,
                                        GError      **error);

gboolean cp_demo_seed (CpDb               *db,
                       CpDemoTokenizeFunc  tokenize,
                       gpointer            user_data,
                       GError            **error);

gboolean cp_demo_seed_scale (CpDb     *db,
                             guint     n_methods,
                             GError  **error);

G_END_DECLS
