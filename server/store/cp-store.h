/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/* Settings the office changes at run time (company name, currency, online
 * payments), kept in the portal database. */
char     *cp_store_setting_dup               (CpDb       *db,
                                              const char *key) G_GNUC_WARN_UNUSED_RESULT;
gboolean  cp_store_setting_set               (CpDb       *db,
                                              const char *key,
                                              const char *value);
gboolean  cp_store_online_payments_enabled   (CpDb       *db);

/* Whether the database has neither logins nor customers (the demo fills
 * only such a one); -1 on error. */
int       cp_store_is_empty                  (CpDb       *db);

/* Drops expired tokens, codes and idempotency records. */
void      cp_store_drop_expired              (CpDb       *db,
                                              gint64      now);

G_END_DECLS
