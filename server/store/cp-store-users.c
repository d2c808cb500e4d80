/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-store-users.h"

int
cp_store_user_add (CpDb       *db,
                   const char *email,
                   const char *name,
                   const char *role,
                   gint64      customer_id,
                   const char *password_hash,
                   gint64      created_at,
                   gint64     *id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO users (email, name, role, customer_id,"
                                          " password_hash, email_verified, created_at)"
                                          " VALUES (?, ?, ?, ?, ?, 1, ?)");
  int rc;

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 4, customer_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, created_at);
  rc = cp_db_step (db, stmt);
  *id = rc == SQLITE_DONE ? cp_db_last_insert_id (db) : 0;
  return rc;
}

int
cp_store_user_add_for_customer (CpDb       *db,
                                gint64      customer_id,
                                const char *email,
                                const char *password_hash,
                                gint64      created_at,
                                gint64     *id)
{
  g_autoptr(CpStmt) customer = cp_db_prepare (db, "SELECT name FROM customers WHERE id = ?");
  g_autofree char *name = NULL;

  *id = 0;
  sqlite3_bind_int64 (customer, 1, customer_id);
  if (cp_db_step (db, customer) != SQLITE_ROW)
    return SQLITE_DONE;
  name = g_strdup (cp_stmt_text (customer, 0));
  cp_stmt_release (customer);
  return cp_store_user_add (db, email, name, "customer", customer_id, password_hash, created_at,
                            id);
}

void
cp_store_user_clear (CpStoreUser *user)
{
  g_clear_pointer (&user->email, g_free);
  g_clear_pointer (&user->name, g_free);
  g_clear_pointer (&user->role, g_free);
}

gboolean
cp_store_user_get (CpDb        *db,
                   gint64       user_id,
                   CpStoreUser *out)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT id, email, name, role,"
                                          " COALESCE (customer_id, 0) FROM users WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return FALSE;
  out->id = sqlite3_column_int64 (stmt, 0);
  out->email = g_strdup (cp_stmt_text (stmt, 1));
  out->name = g_strdup (cp_stmt_text (stmt, 2));
  out->role = g_strdup (cp_stmt_text (stmt, 3));
  out->customer_id = sqlite3_column_int64 (stmt, 4);
  return TRUE;
}

gint64
cp_store_user_id_by_email (CpDb       *db,
                           const char *email)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, "SELECT id FROM users WHERE email = ?");

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
cp_store_user_find_login (CpDb        *db,
                          const char  *email,
                          gint64      *user_id,
                          char       **password_hash,
                          gboolean    *email_verified)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT id, password_hash, email_verified"
                                          " FROM users WHERE email = ?");

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return FALSE;
  *user_id = sqlite3_column_int64 (stmt, 0);
  *password_hash = g_strdup (cp_stmt_text (stmt, 1));
  *email_verified = sqlite3_column_int (stmt, 2) != 0;
  return TRUE;
}

gboolean
cp_store_user_set_password (CpDb       *db,
                            gint64      user_id,
                            const char *password_hash)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "UPDATE users SET password_hash = ?, email_verified = 1"
                                          " WHERE id = ?");

  sqlite3_bind_text (stmt, 1, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user_id);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}
