/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/* Logins. Each call returns the SQLite result code, so callers can tell a
 * taken email (SQLITE_CONSTRAINT) from a failure; @id is set on SQLITE_DONE. */
int  cp_store_user_add                 (CpDb       *db,
                                        const char *email,
                                        const char *name,
                                        const char *role,
                                        gint64      customer_id,
                                        const char *password_hash,
                                        gint64      created_at,
                                        gint64     *id);

/* A customer's own portal login, named after the customer record; answers
 * SQLITE_DONE with *@id 0 when the customer does not exist. */
int  cp_store_user_add_for_customer    (CpDb       *db,
                                        gint64      customer_id,
                                        const char *email,
                                        const char *password_hash,
                                        gint64      created_at,
                                        gint64     *id);

G_END_DECLS
