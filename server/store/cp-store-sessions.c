/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-store-sessions.h"

static void
hash_token (const char *token,
            guchar      out[32])
{
  crypto_hash_sha256 (out, (const guchar *) token, strlen (token));
}

gint64
cp_store_session_add (CpDb   *db,
                      gint64  user_id,
                      gint64  at)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO sessions (user_id, created_at)"
                                          " VALUES (?, ?)");

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, at);
  if (cp_db_step (db, stmt) != SQLITE_DONE)
    return 0;
  return cp_db_last_insert_id (db);
}

gboolean
cp_store_token_add (CpDb        *db,
                    CpTokenKind  kind,
                    const char  *token,
                    gint64       session_id,
                    gint64       expires_at)
{
  guchar hash[32];
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, kind == CP_TOKEN_ACCESS
                                              ? "INSERT INTO access_tokens (hash, session_id,"
                                                " expires_at) VALUES (?, ?, ?)"
                                              : "INSERT INTO refresh_tokens (hash, session_id,"
                                                " expires_at) VALUES (?, ?, ?)");

  hash_token (token, hash);
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int64 (stmt, 3, expires_at);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}

gboolean
cp_store_token_find (CpDb         *db,
                     CpTokenKind   kind,
                     const char   *token,
                     CpStoreToken *out)
{
  guchar hash[32];
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, kind == CP_TOKEN_ACCESS
                                              ? "SELECT t.hash, t.expires_at, NULL, s.id,"
                                                " s.revoked_at, s.user_id FROM access_tokens t"
                                                " JOIN sessions s ON s.id = t.session_id"
                                                " WHERE t.hash = ?"
                                              : "SELECT t.hash, t.expires_at, t.used_at, s.id,"
                                                " s.revoked_at, s.user_id FROM refresh_tokens t"
                                                " JOIN sessions s ON s.id = t.session_id"
                                                " WHERE t.hash = ?");
  const void *stored;

  hash_token (token, hash);
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_ROW
      || sqlite3_column_bytes (stmt, 0) != sizeof hash
      || (stored = sqlite3_column_blob (stmt, 0)) == NULL
      || sodium_memcmp (stored, hash, sizeof hash) != 0)
    return FALSE;

  out->expires_at = sqlite3_column_int64 (stmt, 1);
  out->used = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  out->session_id = sqlite3_column_int64 (stmt, 3);
  out->session_revoked = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  out->user_id = sqlite3_column_int64 (stmt, 5);
  return TRUE;
}

gboolean
cp_store_token_use (CpDb       *db,
                    const char *refresh_token,
                    gint64      at)
{
  guchar hash[32];
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "UPDATE refresh_tokens SET used_at = ?"
                                          " WHERE hash = ? AND used_at IS NULL");

  hash_token (refresh_token, hash);
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_blob (stmt, 2, hash, sizeof hash, SQLITE_TRANSIENT);
  return cp_db_step (db, stmt) == SQLITE_DONE && cp_db_changes (db) == 1;
}

void
cp_store_session_revoke (CpDb   *db,
                         gint64  session_id,
                         gint64  at)
{
  g_autoptr(CpStmt) revoke = cp_db_prepare (db,
                                            "UPDATE sessions SET revoked_at = ?"
                                            " WHERE id = ? AND revoked_at IS NULL");
  g_autoptr(CpStmt) drop = NULL;

  sqlite3_bind_int64 (revoke, 1, at);
  sqlite3_bind_int64 (revoke, 2, session_id);
  cp_db_step (db, revoke);
  drop = cp_db_prepare (db, "DELETE FROM access_tokens WHERE session_id = ?");
  sqlite3_bind_int64 (drop, 1, session_id);
  cp_db_step (db, drop);
}

void
cp_store_user_sessions_revoke (CpDb   *db,
                               gint64  user_id,
                               gint64  at)
{
  g_autoptr(CpStmt) drop = cp_db_prepare (db,
                                          "DELETE FROM access_tokens WHERE session_id IN"
                                          " (SELECT id FROM sessions WHERE user_id = ?)");
  g_autoptr(CpStmt) revoke = NULL;

  sqlite3_bind_int64 (drop, 1, user_id);
  cp_db_step (db, drop);
  revoke = cp_db_prepare (db,
                          "UPDATE sessions SET revoked_at = ?"
                          " WHERE user_id = ? AND revoked_at IS NULL");
  sqlite3_bind_int64 (revoke, 1, at);
  sqlite3_bind_int64 (revoke, 2, user_id);
  cp_db_step (db, revoke);
}
