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
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO users (email, name, role, customer_id,"
                                          " password_hash, email_verified, created_at)"
                                          " SELECT ?, name, 'customer', id, ?, 1, ?"
                                          " FROM customers WHERE id = ?");
  int rc;

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, created_at);
  sqlite3_bind_int64 (stmt, 4, customer_id);
  rc = cp_db_step (db, stmt);
  *id = rc == SQLITE_DONE && cp_db_changes (db) == 1 ? cp_db_last_insert_id (db) : 0;
  return rc;
}
