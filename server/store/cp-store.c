/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-store.h"

char *
cp_store_setting_dup (CpDb       *db,
                      const char *key)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, "SELECT value FROM settings WHERE key = ?");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (cp_stmt_text (stmt, 0));
}

gboolean
cp_store_setting_set (CpDb       *db,
                      const char *key,
                      const char *value)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO settings (key, value) VALUES (?, ?)"
                                          " ON CONFLICT (key)"
                                          " DO UPDATE SET value = excluded.value");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}

gboolean
cp_store_online_payments_enabled (CpDb *db)
{
  g_autofree char *value = cp_store_setting_dup (db, "online_payments_enabled");

  return g_strcmp0 (value, "1") == 0;
}

int
cp_store_is_empty (CpDb *db)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT (SELECT COUNT(*) FROM users)"
                                          " + (SELECT COUNT(*) FROM customers)");

  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0) == 0;
}

void
cp_store_drop_expired (CpDb   *db,
                       gint64  now)
{
  static const char * const statements[] = {
    "DELETE FROM access_tokens WHERE expires_at < ?1",
    "DELETE FROM refresh_tokens WHERE expires_at < ?1",
    "DELETE FROM email_codes WHERE expires_at < ?1 - 7 * 86400",
    "DELETE FROM idempotency_keys WHERE created_at < ?1 - 86400",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(CpStmt) stmt = cp_db_prepare (db, statements[i]);

      sqlite3_bind_int64 (stmt, 1, now);
      cp_db_step (db, stmt);
    }
}
