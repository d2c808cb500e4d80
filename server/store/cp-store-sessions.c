/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-clock.h"
#include "cp-store-sessions.h"

static void
hash_token (const char *token,
            guchar      out[32])
{
  crypto_hash_sha256 (out, (const guchar *) token, strlen (token));
}

gint64
cp_store_session_add (CpDb       *db,
                      gint64      user_id,
                      const char *device_name,
                      const char *app_version,
                      gint64      at)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO sessions (user_id, created_at,"
                                          " device_name, app_version, last_used_at)"
                                          " VALUES (?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, device_name != NULL ? device_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, app_version != NULL ? app_version : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, at);
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
                                                " s.revoked_at, s.user_id, s.revoked_reason FROM access_tokens t"
                                                " JOIN sessions s ON s.id = t.session_id"
                                                " WHERE t.hash = ?"
                                              : "SELECT t.hash, t.expires_at, t.used_at, s.id,"
                                                " s.revoked_at, s.user_id, s.revoked_reason FROM refresh_tokens t"
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
  out->signed_out = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "signed_out") == 0;
  out->last_used_at = 0;
  return TRUE;
}

gboolean
cp_store_access_token_find (CpDb         *db,
                            const char   *token,
                            CpStoreToken *out,
                            CpStoreUser  *user)
{
  guchar hash[32];
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT t.hash, t.expires_at, s.id, s.revoked_at,"
                                          " s.user_id, s.revoked_reason,"
                                          " COALESCE (s.last_used_at, 0), COALESCE (u.id, 0),"
                                          " u.email, u.name, u.role, COALESCE (u.customer_id, 0)"
                                          " FROM access_tokens t"
                                          " JOIN sessions s ON s.id = t.session_id"
                                          " LEFT JOIN users u ON u.id = s.user_id"
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
  out->used = FALSE;
  out->session_id = sqlite3_column_int64 (stmt, 2);
  out->session_revoked = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  out->user_id = sqlite3_column_int64 (stmt, 4);
  out->signed_out = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "signed_out") == 0;
  out->last_used_at = sqlite3_column_int64 (stmt, 6);
  user->id = sqlite3_column_int64 (stmt, 7);
  if (user->id != 0)
    {
      user->email = g_strdup (cp_stmt_text (stmt, 8));
      user->name = g_strdup (cp_stmt_text (stmt, 9));
      user->role = g_strdup (cp_stmt_text (stmt, 10));
      user->customer_id = sqlite3_column_int64 (stmt, 11);
    }
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

/* The minute is also checked by the caller (with the session's
 * last_used_at as the request's lookup read it), so that most requests
 * write nothing and take no write lock. */
void
cp_store_session_touch (CpDb   *db,
                        gint64  session_id,
                        gint64  at)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "UPDATE sessions SET last_used_at = ?1"
                                          " WHERE id = ?2 AND (last_used_at IS NULL"
                                          " OR last_used_at <= ?1 - ?3)");

  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int64 (stmt, 3, CP_SESSION_TOUCH_SECONDS);
  cp_db_step (db, stmt);
}

CpStmt *
cp_store_user_sessions_select (CpDb   *db,
                               gint64  user_id)
{
  /* A session that still works has a refresh token that has neither been
   * used nor expired. */
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT s.id, s.device_name, s.app_version, s.created_at,"
                                " COALESCE (s.last_used_at, s.created_at)"
                                " FROM sessions s WHERE s.user_id = ? AND s.revoked_at IS NULL"
                                " AND EXISTS (SELECT 1 FROM refresh_tokens t"
                                "   WHERE t.session_id = s.id AND t.used_at IS NULL"
                                "   AND t.expires_at > ?)"
                                " ORDER BY COALESCE (s.last_used_at, s.created_at) DESC, s.id DESC"
                                " LIMIT 100");

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, cp_now ());
  return stmt;
}

gboolean
cp_store_user_session_revoke (CpDb   *db,
                              gint64  user_id,
                              gint64  session_id,
                              gint64  at)
{
  g_autoptr(CpStmt) find = cp_db_prepare (db,
                                          "SELECT 1 FROM sessions WHERE id = ? AND user_id = ?"
                                          " AND revoked_at IS NULL");

  g_autoptr(CpStmt) revoke = NULL;

  sqlite3_bind_int64 (find, 1, session_id);
  sqlite3_bind_int64 (find, 2, user_id);
  if (cp_db_step (db, find) != SQLITE_ROW)
    return FALSE;
  /* Its access tokens are kept until they expire, so that the device
   * learns that it was signed out (401 session_revoked), not just that
   * its token is unknown. */
  revoke = cp_db_prepare (db, "UPDATE sessions SET revoked_at = ?, revoked_reason = 'signed_out'"
                                " WHERE id = ?");
  sqlite3_bind_int64 (revoke, 1, at);
  sqlite3_bind_int64 (revoke, 2, session_id);
  return cp_db_step (db, revoke) == SQLITE_DONE;
}

guint
cp_store_user_sessions_revoke_others (CpDb   *db,
                                      gint64  user_id,
                                      gint64  keep_session_id,
                                      gint64  at)
{
  g_autoptr(CpStmt) revoke = NULL;

  /* As above: the access tokens stay (refused) until they expire. */
  revoke = cp_db_prepare (db,
                          "UPDATE sessions SET revoked_at = ?, revoked_reason = 'signed_out'"
                          " WHERE user_id = ? AND id != ? AND revoked_at IS NULL");
  sqlite3_bind_int64 (revoke, 1, at);
  sqlite3_bind_int64 (revoke, 2, user_id);
  sqlite3_bind_int64 (revoke, 3, keep_session_id);
  if (cp_db_step (db, revoke) != SQLITE_DONE)
    return 0;
  return (guint) cp_db_changes (db);
}
