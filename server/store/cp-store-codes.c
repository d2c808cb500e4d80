/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-store-codes.h"

static void
hash_code (const guint8 *key,
           const char   *purpose,
           const char   *email,
           const char   *code,
           guchar        out[32])
{
  crypto_auth_hmacsha256_state state;

  crypto_auth_hmacsha256_init (&state, key, CP_CODE_KEY_SIZE);
  crypto_auth_hmacsha256_update (&state, (const guchar *) purpose, strlen (purpose) + 1);
  crypto_auth_hmacsha256_update (&state, (const guchar *) email, strlen (email) + 1);
  crypto_auth_hmacsha256_update (&state, (const guchar *) code, strlen (code));
  crypto_auth_hmacsha256_final (&state, out);
  sodium_memzero (&state, sizeof state);
}

static gboolean
read_key (const char  *path,
          guint8       key[CP_CODE_KEY_SIZE],
          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean ok;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  ok = length == CP_CODE_KEY_SIZE;
  if (ok)
    memcpy (key, contents, CP_CODE_KEY_SIZE);
  sodium_memzero (contents, length);
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s is not a code key (%zu bytes, not %d)", path, length, CP_CODE_KEY_SIZE);
  return ok;
}

/**
 * cp_store_code_key_load:
 * @path: the key file (beside the database: PATH-secret)
 *
 * Reads the code key, or makes a new random one in a new file only its
 * owner may read. The key is kept out of the database on purpose: a copy
 * of the database (a backup, a dump) without it cannot be searched for the
 * codes. A new key only makes the codes already sent stop working.
 */
gboolean
cp_store_code_key_load (const char  *path,
                        guint8       key[CP_CODE_KEY_SIZE],
                        GError     **error)
{
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return read_key (path, key, error);

  randombytes_buf (key, CP_CODE_KEY_SIZE);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST)
    /* Another process (an --add-user beside the server) made it first. */
    return read_key (path, key, error);
  if (fd < 0
      || write (fd, key, CP_CODE_KEY_SIZE) != CP_CODE_KEY_SIZE
      || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (path);
        }
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write the code key %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

int
cp_store_codes_count_since (CpDb       *db,
                            const char *email,
                            const char *purpose,
                            gint64      since)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT COUNT(*) FROM email_codes"
                                          " WHERE email = ? AND purpose = ? AND created_at > ?");

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, purpose, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, since);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

gboolean
cp_store_code_replace (CpDb         *db,
                       const guint8 *key,
                       const char   *email,
                       const char *purpose,
                       const char *code,
                       gint64      at,
                       gint64      expires_at)
{
  g_autoptr(CpStmt) retire = cp_db_prepare (db,
                                            "UPDATE email_codes SET used_at = ?"
                                            " WHERE email = ? AND purpose = ? AND used_at IS NULL");
  g_autoptr(CpStmt) insert = NULL;
  guchar hash[32];

  sqlite3_bind_int64 (retire, 1, at);
  sqlite3_bind_text (retire, 2, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (retire, 3, purpose, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, retire) != SQLITE_DONE)
    return FALSE;

  hash_code (key, purpose, email, code, hash);
  insert = cp_db_prepare (db,
                          "INSERT INTO email_codes (email, purpose, code_hash, created_at,"
                          " expires_at) VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_text (insert, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, purpose, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (insert, 3, hash, sizeof hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, at);
  sqlite3_bind_int64 (insert, 5, expires_at);
  return cp_db_step (db, insert) == SQLITE_DONE;
}

CpCodeCheck
cp_store_code_check (CpDb         *db,
                     const guint8 *key,
                     const char   *email,
                     const char *purpose,
                     const char *code,
                     int         max_attempts,
                     gint64      now)
{
  g_autoptr(CpStmt) stmt = NULL;
  g_autoptr(CpStmt) update = NULL;
  guchar hash[32];
  gint64 code_id, attempts;
  gboolean valid_shape = strlen (code) == 6;
  gboolean match;
  const void *stored;

  for (const char *p = code; *p; p++)
    if (!g_ascii_isdigit (*p))
      valid_shape = FALSE;

  stmt = cp_db_prepare (db,
                        "SELECT id, code_hash, expires_at, attempts FROM email_codes"
                        " WHERE email = ? AND purpose = ? AND used_at IS NULL"
                        " ORDER BY id DESC LIMIT 1");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, purpose, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_ROW
      || sqlite3_column_int64 (stmt, 2) <= now
      || sqlite3_column_int64 (stmt, 3) >= max_attempts)
    return CP_CODE_NONE;
  code_id = sqlite3_column_int64 (stmt, 0);
  attempts = sqlite3_column_int64 (stmt, 3);
  /* A code of the wrong shape is hashed as "" all the same, so that the
   * answer takes as long. */
  hash_code (key, purpose, email, valid_shape ? code : "", hash);
  stored = sqlite3_column_blob (stmt, 1);
  match = valid_shape && sqlite3_column_bytes (stmt, 1) == sizeof hash
          && stored != NULL && sodium_memcmp (stored, hash, sizeof hash) == 0;
  cp_stmt_release (stmt);

  if (match)
    {
      update = cp_db_prepare (db, "UPDATE email_codes SET used_at = ? WHERE id = ?");
      sqlite3_bind_int64 (update, 1, now);
      sqlite3_bind_int64 (update, 2, code_id);
      return cp_db_step (db, update) == SQLITE_DONE ? CP_CODE_OK : CP_CODE_ERROR;
    }

  update = cp_db_prepare (db,
                          "UPDATE email_codes SET attempts = attempts + 1,"
                          " used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE NULL END"
                          " WHERE id = ?");
  sqlite3_bind_int (update, 1, max_attempts);
  sqlite3_bind_int64 (update, 2, now);
  sqlite3_bind_int64 (update, 3, code_id);
  cp_db_step (db, update);
  return attempts + 1 >= max_attempts ? CP_CODE_RETIRED : CP_CODE_WRONG;
}
