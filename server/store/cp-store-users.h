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

typedef struct
{
  gint64 id;
  char *email;
  char *name;
  char *role;              /* "customer", "staff", "admin" */
  gint64 customer_id;      /* 0 unless role is customer */
} CpStoreUser;

void      cp_store_user_clear          (CpStoreUser  *user);
gboolean  cp_store_user_get            (CpDb         *db,
                                        gint64        user_id,
                                        CpStoreUser  *out);
/* 0 when no login has @email. */
gint64    cp_store_user_id_by_email    (CpDb         *db,
                                        const char   *email);
/* What a login attempt needs; FALSE when no login has @email. */
gboolean  cp_store_user_find_login     (CpDb         *db,
                                        const char   *email,
                                        gint64       *user_id,
                                        char        **password_hash,
                                        gboolean     *email_verified);
/* A new password also proves the email (it came through a mailed code). */
gboolean  cp_store_user_set_password   (CpDb         *db,
                                        gint64        user_id,
                                        const char   *password_hash);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CpStoreUser, cp_store_user_clear)

G_END_DECLS
