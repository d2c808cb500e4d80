/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-api-account.h"
#include "cp-api-auth.h"
#include "store/cp-clock.h"
#include "store/cp-password.h"
#include "store/cp-store.h"
#include "store/cp-store-users.h"

/* Login throttling: failures counted per account and per client address in
 * a sliding window; past the limit, logins answer 429 until the lockout ends. */
#define ACCOUNT_FAILURE_LIMIT 5
#define ADDRESS_FAILURE_LIMIT 20
#define THROTTLE_WINDOW (15 * 60)
#define DEFAULT_LOCKOUT (15 * 60)

/* Email codes: six digits, 15 minutes, five wrong tries. */
#define CODE_LIFETIME (15 * 60)
#define CODE_MAX_ATTEMPTS 5
#define CODES_PER_HOUR 5

typedef struct
{
  guint failures;
  gint64 window_start;
  gint64 locked_until;
} Throttle;

static gint64 lockout_seconds = DEFAULT_LOCKOUT;

/* Test hook: extra time each password hash takes in its worker thread, so a
 * test can tell whether hashing holds up the main loop. */
static gulong hash_delay_usec = 0;

void
cp_api_auth_init (void)
{
  const char *lockout = g_getenv ("CP_SERVER_LOGIN_LOCKOUT");
  const char *delay = g_getenv ("CP_SERVER_TEST_HASH_DELAY_MS");

  if (lockout != NULL && g_ascii_strtoll (lockout, NULL, 10) > 0)
    lockout_seconds = g_ascii_strtoll (lockout, NULL, 10);
  if (delay != NULL && g_ascii_strtoll (delay, NULL, 10) > 0)
    hash_delay_usec = (gulong) MIN (g_ascii_strtoll (delay, NULL, 10), 10000) * 1000;
}

static void
hash_token (const char *token,
            guchar      out[32])
{
  crypto_hash_sha256 (out, (const guchar *) token, strlen (token));
}

/* 256 random bits, base64url without padding. */
static char *
new_token (void)
{
  guchar raw[32];
  char *text = g_malloc (sodium_base64_ENCODED_LEN (sizeof raw,
                                                    sodium_base64_VARIANT_URLSAFE_NO_PADDING));

  randombytes_buf (raw, sizeof raw);
  sodium_bin2base64 (text, sodium_base64_ENCODED_LEN (sizeof raw,
                                                      sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                     raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  return text;
}

static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

static char *
normalize_email (const char *email)
{
  g_autofree char *stripped = g_strstrip (g_strdup (email));

  return g_ascii_strdown (stripped, -1);
}

static gboolean
email_looks_valid (const char *email)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email || at[1] == '\0' || strchr (at + 1, '@') != NULL
      || strlen (email) > 254 || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == '<' || *p == '>' || *p == ',')
      return FALSE;
  return TRUE;
}

/* ---- throttling ---- */

static Throttle *
throttle_get (CpApiEnv   *env,
              const char *key)
{
  return g_hash_table_lookup (env->throttle, key);
}

static gint64
throttle_retry_after (CpApiEnv   *env,
                      const char *key)
{
  Throttle *t = throttle_get (env, key);
  gint64 now = cp_now ();

  if (t == NULL || t->locked_until <= now)
    return 0;
  return t->locked_until - now;
}

static void
throttle_prune (CpApiEnv *env)
{
  GHashTableIter iter;
  Throttle *t;
  gint64 now = cp_now ();

  g_hash_table_iter_init (&iter, env->throttle);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &t))
    if (t->locked_until <= now && t->window_start + THROTTLE_WINDOW <= now)
      g_hash_table_iter_remove (&iter);
}

static void
throttle_fail (CpApiEnv   *env,
               const char *key,
               guint       limit)
{
  Throttle *t = throttle_get (env, key);
  gint64 now = cp_now ();

  if (g_hash_table_size (env->throttle) > 10000)
    throttle_prune (env);

  if (t == NULL)
    {
      t = g_new0 (Throttle, 1);
      g_hash_table_insert (env->throttle, g_strdup (key), t);
    }
  if (t->window_start + THROTTLE_WINDOW <= now)
    {
      t->window_start = now;
      t->failures = 0;
    }
  if (++t->failures >= limit)
    {
      t->locked_until = now + lockout_seconds;
      t->failures = 0;
      t->window_start = now;
    }
}

static void
rate_limited (CpRequest *req,
              gint64     retry_after)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (retry_after, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", value);
  cp_http_error (req, 429, "rate_limited", NULL,
                 "Too many failed attempts. Try again later.");
}

/* ---- access tokens ---- */

/**
 * cp_api_auth_authenticate:
 *
 * Checks the `Authorization: Bearer` access token and fills in req->user.
 * Answers 401 (`unauthorized`, or `token_expired` for a token that was valid)
 * and returns %FALSE otherwise.
 */
gboolean
cp_api_auth_authenticate (CpRequest *req)
{
  CpApiEnv *env = req->env;
  const char *header;
  guchar hash[32];
  g_autoptr(CpStmt) stmt = NULL;
  const void *stored;

  if (req->authenticated)
    return TRUE;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Sign in to continue.");
      return FALSE;
    }

  hash_token (header + 7, hash);
  stmt = cp_db_prepare (env->db,
                        "SELECT t.hash, t.expires_at, s.revoked_at, s.id, u.id, u.role,"
                        " COALESCE (u.customer_id, 0), u.name, u.email"
                        " FROM access_tokens t JOIN sessions s ON s.id = t.session_id"
                        " JOIN users u ON u.id = s.user_id WHERE t.hash = ?");
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW
      || sqlite3_column_bytes (stmt, 0) != sizeof hash
      || (stored = sqlite3_column_blob (stmt, 0)) == NULL
      || sodium_memcmp (stored, hash, sizeof hash) != 0
      || sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Your session has ended. Sign in again.");
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 1) <= cp_now ())
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "token_expired", NULL,
                     "The access token has expired.");
      return FALSE;
    }

  req->user.session_id = sqlite3_column_int64 (stmt, 3);
  req->user.id = sqlite3_column_int64 (stmt, 4);
  req->user.role = g_strdup (cp_stmt_text (stmt, 5));
  req->user.customer_id = sqlite3_column_int64 (stmt, 6);
  req->user.name = g_strdup (cp_stmt_text (stmt, 7));
  req->user.email = g_strdup (cp_stmt_text (stmt, 8));
  req->authenticated = TRUE;
  return TRUE;
}

/* ---- sessions ---- */

static gboolean
insert_token (CpApiEnv   *env,
              const char *sql,
              const char *token,
              gint64      session_id,
              gint64      expires_at)
{
  guchar hash[32];
  g_autoptr(CpStmt) stmt = cp_db_prepare (env->db, sql);

  hash_token (token, hash);
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int64 (stmt, 3, expires_at);
  return cp_db_step (env->db, stmt) == SQLITE_DONE;
}

/* Issues a new access and refresh token in @session_id and answers with the
 * login shape. Runs inside the caller's transaction. */
static gboolean
issue_tokens (CpRequest *req,
              gint64     session_id,
              gint64     user_id,
              guint      status)
{
  CpApiEnv *env = req->env;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char *access = new_token ();
  char *refresh = new_token ();
  gint64 now = cp_now ();
  gboolean ok;

  ok = insert_token (env, "INSERT INTO access_tokens (hash, session_id, expires_at)"
                     " VALUES (?, ?, ?)", access, session_id, now + env->access_ttl)
       && insert_token (env, "INSERT INTO refresh_tokens (hash, session_id, expires_at)"
                        " VALUES (?, ?, ?)", refresh, session_id, now + env->refresh_ttl);
  if (ok)
    {
      json_builder_begin_object (builder);
      cp_json_add_string (builder, "access_token", access);
      cp_json_add_string (builder, "refresh_token", refresh);
      cp_json_add_string (builder, "token_type", "Bearer");
      cp_json_add_int (builder, "expires_in", env->access_ttl);
      json_builder_set_member_name (builder, "user");
      cp_api_add_user (req, builder, user_id);
      json_builder_end_object (builder);
    }
  secret_free (access);
  secret_free (refresh);

  if (!ok || !cp_db_commit (env->db))
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      return FALSE;
    }

  {
    g_autoptr(JsonNode) root = json_builder_get_root (builder);
    g_autofree char *text = json_to_string (root, FALSE);

    cp_http_raw_json (req, status, text);
    sodium_memzero (text, strlen (text));
  }
  return TRUE;
}

static void
revoke_session (CpApiEnv *env,
                gint64    session_id)
{
  g_autoptr(CpStmt) revoke = cp_db_prepare (env->db,
                                            "UPDATE sessions SET revoked_at = ?"
                                            " WHERE id = ? AND revoked_at IS NULL");
  g_autoptr(CpStmt) drop = NULL;

  sqlite3_bind_int64 (revoke, 1, cp_now ());
  sqlite3_bind_int64 (revoke, 2, session_id);
  cp_db_step (env->db, revoke);
  drop = cp_db_prepare (env->db, "DELETE FROM access_tokens WHERE session_id = ?");
  sqlite3_bind_int64 (drop, 1, session_id);
  cp_db_step (env->db, drop);
}

static void
revoke_user_sessions (CpApiEnv *env,
                      gint64    user_id)
{
  g_autoptr(CpStmt) drop = cp_db_prepare (env->db,
                                          "DELETE FROM access_tokens WHERE session_id IN"
                                          " (SELECT id FROM sessions WHERE user_id = ?)");
  g_autoptr(CpStmt) revoke = NULL;

  sqlite3_bind_int64 (drop, 1, user_id);
  cp_db_step (env->db, drop);
  revoke = cp_db_prepare (env->db,
                          "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL");
  sqlite3_bind_int64 (revoke, 1, cp_now ());
  sqlite3_bind_int64 (revoke, 2, user_id);
  cp_db_step (env->db, revoke);
}

/* ---- password hashing off the main loop ---- */

typedef enum
{
  WORK_VERIFY,
  WORK_HASH,
} WorkKind;

typedef struct
{
  WorkKind kind;
  CpRequest *req;
  char *password;
  char *hash;             /* in for WORK_VERIFY, out for WORK_HASH */
  gboolean verified;
  gint64 user_id;
  gboolean known;
  gboolean email_verified;
  char *email;
  char *address;
  gint64 customer_id;
  char *purpose;
} Work;

static void
work_free (Work *work)
{
  secret_free (work->password);
  g_free (work->hash);
  g_free (work->email);
  g_free (work->address);
  g_free (work->purpose);
  g_free (work);
}

static void
work_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;

  if (hash_delay_usec > 0)
    g_usleep (hash_delay_usec);
  if (work->kind == WORK_VERIFY)
    work->verified = cp_password_verify (work->hash, work->password);
  else
    work->hash = cp_password_hash (work->password);
  g_task_return_boolean (task, TRUE);
}

static void
run_work (Work                *work,
          GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, NULL);

  cp_request_pause (work->req);
  g_task_set_task_data (task, work, NULL);
  g_task_run_in_thread (task, work_thread);
}

/* ---- login ---- */

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Work *work = g_task_get_task_data (G_TASK (result));
  CpRequest *req = work->req;
  CpApiEnv *env = req->env;
  g_autofree char *account_key = g_strconcat ("account:", work->email, NULL);
  g_autofree char *address_key = g_strconcat ("address:", work->address, NULL);

  if (!work->known || !work->verified)
    {
      throttle_fail (env, account_key, ACCOUNT_FAILURE_LIMIT);
      throttle_fail (env, address_key, ADDRESS_FAILURE_LIMIT);
      g_message ("Failed login from %s", work->address);
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "The email or password is not correct.");
    }
  else if (!work->email_verified)
    {
      cp_http_error (req, SOUP_STATUS_FORBIDDEN, "email_not_verified", NULL,
                     "Verify your email address before signing in.");
    }
  else
    {
      g_autoptr(CpStmt) stmt = NULL;

      g_hash_table_remove (env->throttle, account_key);
      if (!cp_db_begin (env->db))
        cp_http_internal (req);
      else
        {
          stmt = cp_db_prepare (env->db,
                                "INSERT INTO sessions (user_id, created_at) VALUES (?, ?)");
          sqlite3_bind_int64 (stmt, 1, work->user_id);
          sqlite3_bind_int64 (stmt, 2, cp_now ());
          if (cp_db_step (env->db, stmt) != SQLITE_DONE)
            {
              cp_db_rollback (env->db);
              cp_http_internal (req);
            }
          else
            issue_tokens (req, cp_db_last_insert_id (env->db), work->user_id, SOUP_STATUS_OK);
        }
    }

  work_free (work);
  cp_request_resume (req);
}

void
cp_api_auth_login (CpRequest *req)
{
  CpApiEnv *env = req->env;
  const char *email_in, *password;
  g_autofree char *email = NULL;
  g_autofree char *account_key = NULL;
  g_autofree char *address_key = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  const char *address = soup_server_message_get_remote_host (req->msg);
  gint64 retry;
  Work *work;

  if (!cp_request_get_string (req, "email", TRUE, &email_in)
      || !cp_request_get_string (req, "password", TRUE, &password))
    return;

  email = normalize_email (email_in);
  account_key = g_strconcat ("account:", email, NULL);
  address_key = g_strconcat ("address:", address ? address : "", NULL);
  retry = MAX (throttle_retry_after (env, account_key),
               throttle_retry_after (env, address_key));
  if (retry > 0)
    {
      rate_limited (req, retry);
      return;
    }

  work = g_new0 (Work, 1);
  work->kind = WORK_VERIFY;
  work->req = req;
  work->password = g_strdup (password);
  work->email = g_steal_pointer (&email);
  work->address = g_strdup (address ? address : "");

  stmt = cp_db_prepare (env->db,
                        "SELECT id, password_hash, email_verified FROM users WHERE email = ?");
  sqlite3_bind_text (stmt, 1, work->email, -1, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) == SQLITE_ROW)
    {
      work->known = TRUE;
      work->user_id = sqlite3_column_int64 (stmt, 0);
      work->hash = g_strdup (cp_stmt_text (stmt, 1));
      work->email_verified = sqlite3_column_int (stmt, 2) != 0;
    }
  else
    {
      /* Same work for an unknown email, so timing does not tell. */
      work->hash = g_strdup (env->dummy_hash);
    }

  run_work (work, login_done_cb);
}

/* ---- refresh and logout ---- */

void
cp_api_auth_refresh (CpRequest *req)
{
  CpApiEnv *env = req->env;
  const char *token;
  guchar hash[32];
  g_autoptr(CpStmt) stmt = NULL;
  g_autoptr(CpStmt) use = NULL;
  const void *stored;
  gint64 session_id, user_id;

  if (!cp_request_get_string (req, "refresh_token", TRUE, &token))
    return;

  hash_token (token, hash);
  stmt = cp_db_prepare (env->db,
                        "SELECT r.hash, r.expires_at, r.used_at, s.id, s.revoked_at, s.user_id"
                        " FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id"
                        " WHERE r.hash = ?");
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW
      || sqlite3_column_bytes (stmt, 0) != sizeof hash
      || (stored = sqlite3_column_blob (stmt, 0)) == NULL
      || sodium_memcmp (stored, hash, sizeof hash) != 0)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "refresh_token",
                     "Your session has ended. Sign in again.");
      return;
    }

  session_id = sqlite3_column_int64 (stmt, 3);
  user_id = sqlite3_column_int64 (stmt, 5);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL
      || sqlite3_column_int64 (stmt, 1) <= cp_now ())
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "refresh_token",
                     "Your session has ended. Sign in again.");
      return;
    }
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    {
      /* A rotated token came back: someone holds a copy. End the session. */
      cp_stmt_release (stmt);
      g_message ("Refresh token reuse in session %" G_GINT64_FORMAT "; session revoked",
                 session_id);
      revoke_session (env, session_id);
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "refresh_token",
                     "Your session has ended. Sign in again.");
      return;
    }
  cp_stmt_release (stmt);

  if (!cp_db_begin (env->db))
    {
      cp_http_internal (req);
      return;
    }
  use = cp_db_prepare (env->db,
                       "UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL");
  sqlite3_bind_int64 (use, 1, cp_now ());
  sqlite3_bind_blob (use, 2, hash, sizeof hash, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, use) != SQLITE_DONE || cp_db_changes (env->db) != 1)
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      return;
    }
  issue_tokens (req, session_id, user_id, SOUP_STATUS_OK);
}

static gint64
session_of_token (CpApiEnv   *env,
                  const char *sql,
                  const char *token)
{
  guchar hash[32];
  g_autoptr(CpStmt) stmt = cp_db_prepare (env->db, sql);
  const void *stored;

  hash_token (token, hash);
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW
      || sqlite3_column_bytes (stmt, 0) != sizeof hash
      || (stored = sqlite3_column_blob (stmt, 0)) == NULL
      || sodium_memcmp (stored, hash, sizeof hash) != 0)
    return 0;
  return sqlite3_column_int64 (stmt, 1);
}

/**
 * cp_api_auth_logout:
 *
 * Ends the session of the bearer access token (expired or not), or of the
 * `refresh_token` in the body, so that a client whose access token ran out
 * can still sign out.
 */
void
cp_api_auth_logout (CpRequest *req)
{
  CpApiEnv *env = req->env;
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Authorization");
  const char *refresh = NULL;
  gint64 session_id = 0;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    session_id = session_of_token (env, "SELECT hash, session_id FROM access_tokens"
                                   " WHERE hash = ?", header + 7);
  if (session_id == 0)
    {
      if (!cp_request_get_string (req, "refresh_token", FALSE, &refresh))
        return;
      if (refresh != NULL)
        session_id = session_of_token (env, "SELECT hash, session_id FROM refresh_tokens"
                                       " WHERE hash = ?", refresh);
    }
  if (session_id == 0)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Sign in to continue.");
      return;
    }

  revoke_session (env, session_id);
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* ---- email codes ---- */

static void
hash_code (const char *purpose,
           const char *email,
           const char *code,
           guchar      out[32])
{
  crypto_hash_sha256_state state;

  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, (const guchar *) purpose, strlen (purpose) + 1);
  crypto_hash_sha256_update (&state, (const guchar *) email, strlen (email) + 1);
  crypto_hash_sha256_update (&state, (const guchar *) code, strlen (code));
  crypto_hash_sha256_final (&state, out);
}

static void
send_code (CpApiEnv   *env,
           const char *email,
           const char *purpose)
{
  g_autoptr(CpStmt) count = NULL;
  g_autoptr(CpStmt) retire = NULL;
  g_autoptr(CpStmt) insert = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = cp_store_setting_dup (env->db, "company_name");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean invite = g_str_equal (purpose, "invite");
  char code[8];
  guchar hash[32];
  gint64 now = cp_now ();

  count = cp_db_prepare (env->db,
                         "SELECT COUNT(*) FROM email_codes"
                         " WHERE email = ? AND purpose = ? AND created_at > ?");
  sqlite3_bind_text (count, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (count, 2, purpose, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (count, 3, now - 3600);
  if (cp_db_step (env->db, count) != SQLITE_ROW)
    return;
  if (sqlite3_column_int (count, 0) >= CODES_PER_HOUR)
    {
      g_message ("Not sending another %s code this hour to the same address", purpose);
      return;
    }

  g_snprintf (code, sizeof code, "%06u", randombytes_uniform (1000000));
  hash_code (purpose, email, code, hash);

  if (!cp_db_begin (env->db))
    return;
  retire = cp_db_prepare (env->db,
                          "UPDATE email_codes SET used_at = ?"
                          " WHERE email = ? AND purpose = ? AND used_at IS NULL");
  sqlite3_bind_int64 (retire, 1, now);
  sqlite3_bind_text (retire, 2, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (retire, 3, purpose, -1, SQLITE_STATIC);
  insert = cp_db_prepare (env->db,
                          "INSERT INTO email_codes (email, purpose, code_hash, created_at, expires_at)"
                          " VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_text (insert, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, purpose, -1, SQLITE_STATIC);
  sqlite3_bind_blob (insert, 3, hash, sizeof hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, now);
  sqlite3_bind_int64 (insert, 5, now + CODE_LIFETIME);
  if (cp_db_step (env->db, retire) != SQLITE_DONE
      || cp_db_step (env->db, insert) != SQLITE_DONE
      || !cp_db_commit (env->db))
    {
      cp_db_rollback (env->db);
      sodium_memzero (code, sizeof code);
      return;
    }

  subject = g_strdup_printf (invite ? "Your %s portal invitation code"
                                    : "Your %s password reset code", company);
  body = g_strdup_printf ("Hello,\n\n"
                          "%s\n\n"
                          "    %s\n\n"
                          "The code works for 15 minutes. If you did not ask for it,"
                          " you can ignore this message.\n\n"
                          "%s\n",
                          invite ? "Use this code to finish setting up your customer portal account:"
                                 : "Use this code to choose a new password for the customer portal:",
                          code, company);
  sodium_memzero (code, sizeof code);
  if (!cp_mailer_send (env->mailer, email, subject, body, &error))
    g_warning ("Cannot send mail: %s", error->message);
  sodium_memzero (body, strlen (body));
}

static gboolean
get_email (CpRequest  *req,
           char      **out)
{
  const char *email;

  if (!cp_request_get_string (req, "email", TRUE, &email))
    return FALSE;
  *out = normalize_email (email);
  if (!email_looks_valid (*out))
    {
      g_clear_pointer (out, g_free);
      cp_http_invalid (req, "email", "Enter a valid email address.");
      return FALSE;
    }
  return TRUE;
}

void
cp_api_auth_invitation (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *email = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  gboolean eligible;

  if (!get_email (req, &email))
    return;

  stmt = cp_db_prepare (env->db,
                        "SELECT 1 FROM customers c WHERE c.email = ?"
                        " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.email = c.email)");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  eligible = cp_db_step (env->db, stmt) == SQLITE_ROW;
  cp_stmt_release (stmt);

  /* The answer is the same either way: no account enumeration. */
  if (eligible)
    send_code (env, email, "invite");
  cp_http_raw_json (req, SOUP_STATUS_ACCEPTED, "{}");
}

void
cp_api_auth_reset (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *email = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  gboolean known;

  if (!get_email (req, &email))
    return;

  stmt = cp_db_prepare (env->db, "SELECT 1 FROM users WHERE email = ?");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  known = cp_db_step (env->db, stmt) == SQLITE_ROW;
  cp_stmt_release (stmt);

  if (known)
    send_code (env, email, "reset");
  cp_http_raw_json (req, SOUP_STATUS_ACCEPTED, "{}");
}

/* Checks the code for @email and consumes it on success. Answers 400 and
 * returns FALSE otherwise; five wrong tries retire the code. */
static gboolean
check_code (CpRequest  *req,
            const char *email,
            const char *purpose,
            const char *code)
{
  CpApiEnv *env = req->env;
  g_autoptr(CpStmt) stmt = NULL;
  g_autoptr(CpStmt) update = NULL;
  guchar hash[32];
  gint64 code_id, attempts;
  gboolean valid_shape = strlen (code) == 6;
  gboolean match = FALSE;
  const void *stored;

  for (const char *p = code; *p; p++)
    if (!g_ascii_isdigit (*p))
      valid_shape = FALSE;

  stmt = cp_db_prepare (env->db,
                        "SELECT id, code_hash, expires_at, attempts FROM email_codes"
                        " WHERE email = ? AND purpose = ? AND used_at IS NULL"
                        " ORDER BY id DESC LIMIT 1");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, purpose, -1, SQLITE_STATIC);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW
      || sqlite3_column_int64 (stmt, 2) <= cp_now ()
      || sqlite3_column_int64 (stmt, 3) >= CODE_MAX_ATTEMPTS)
    {
      cp_http_invalid (req, "code", "The code is wrong or has expired. Ask for a new one.");
      return FALSE;
    }
  code_id = sqlite3_column_int64 (stmt, 0);
  attempts = sqlite3_column_int64 (stmt, 3);
  hash_code (purpose, email, valid_shape ? code : "", hash);
  stored = sqlite3_column_blob (stmt, 1);
  match = valid_shape && sqlite3_column_bytes (stmt, 1) == sizeof hash
          && stored != NULL && sodium_memcmp (stored, hash, sizeof hash) == 0;
  cp_stmt_release (stmt);

  if (match)
    {
      update = cp_db_prepare (env->db, "UPDATE email_codes SET used_at = ? WHERE id = ?");
      sqlite3_bind_int64 (update, 1, cp_now ());
      sqlite3_bind_int64 (update, 2, code_id);
      if (cp_db_step (env->db, update) != SQLITE_DONE)
        {
          cp_http_internal (req);
          return FALSE;
        }
      return TRUE;
    }

  update = cp_db_prepare (env->db,
                          "UPDATE email_codes SET attempts = attempts + 1,"
                          " used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE NULL END"
                          " WHERE id = ?");
  sqlite3_bind_int (update, 1, CODE_MAX_ATTEMPTS);
  sqlite3_bind_int64 (update, 2, cp_now ());
  sqlite3_bind_int64 (update, 3, code_id);
  cp_db_step (env->db, update);
  if (attempts + 1 >= CODE_MAX_ATTEMPTS)
    g_message ("A %s code was retired after %d wrong tries", purpose, CODE_MAX_ATTEMPTS);
  cp_http_invalid (req, "code", "The code is wrong or has expired. Ask for a new one.");
  return FALSE;
}

static gboolean
check_new_password (CpRequest   *req,
                    const char **password)
{
  glong length;

  if (!cp_request_get_string (req, "password", TRUE, password))
    return FALSE;
  length = g_utf8_strlen (*password, -1);
  if (length < CP_PASSWORD_MIN_LENGTH)
    {
      g_autofree char *message = g_strdup_printf ("Use at least %d characters.",
                                                  CP_PASSWORD_MIN_LENGTH);

      cp_http_invalid (req, "password", message);
      return FALSE;
    }
  if (length > CP_PASSWORD_MAX_LENGTH)
    {
      cp_http_invalid (req, "password", "The password is too long.");
      return FALSE;
    }
  return TRUE;
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Work *work = g_task_get_task_data (G_TASK (result));
  CpRequest *req = work->req;
  CpApiEnv *env = req->env;
  gint64 user_id = 0;
  int rc;

  if (work->hash == NULL)
    {
      cp_http_internal (req);
      goto out;
    }

  rc = cp_store_user_add_for_customer (env->db, work->customer_id, work->email, work->hash,
                                       cp_now (), &user_id);
  if (rc == SQLITE_DONE && user_id != 0)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      cp_api_add_user (req, builder, user_id);
      cp_http_json_builder (req, SOUP_STATUS_CREATED, builder);
      g_message ("Portal account created for customer %" G_GINT64_FORMAT, work->customer_id);
    }
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    cp_http_error (req, SOUP_STATUS_CONFLICT, "conflict", "email",
                   "An account with this email already exists.");
  else
    cp_http_not_found (req);

out:
  work_free (work);
  cp_request_resume (req);
}

void
cp_api_auth_verify (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *email = NULL;
  const char *code, *password;
  g_autoptr(CpStmt) stmt = NULL;
  gint64 customer_id;
  Work *work;

  if (!get_email (req, &email)
      || !cp_request_get_string (req, "code", TRUE, &code)
      || !check_new_password (req, &password))
    return;

  stmt = cp_db_prepare (env->db,
                        "SELECT c.id, EXISTS (SELECT 1 FROM users u WHERE u.email = c.email)"
                        " FROM customers c WHERE c.email = ?");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    {
      cp_http_invalid (req, "code", "The code is wrong or has expired. Ask for a new one.");
      return;
    }
  customer_id = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_int (stmt, 1))
    {
      cp_http_error (req, SOUP_STATUS_CONFLICT, "conflict", "email",
                     "An account with this email already exists. Sign in instead.");
      return;
    }
  cp_stmt_release (stmt);

  if (!check_code (req, email, "invite", code))
    return;

  work = g_new0 (Work, 1);
  work->kind = WORK_HASH;
  work->req = req;
  work->password = g_strdup (password);
  work->email = g_steal_pointer (&email);
  work->customer_id = customer_id;
  run_work (work, verify_done_cb);
}

static void
reset_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Work *work = g_task_get_task_data (G_TASK (result));
  CpRequest *req = work->req;
  CpApiEnv *env = req->env;
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *account_key = g_strconcat ("account:", work->email, NULL);

  if (work->hash == NULL || !cp_db_begin (env->db))
    {
      cp_http_internal (req);
      goto out;
    }

  stmt = cp_db_prepare (env->db,
                        "UPDATE users SET password_hash = ?, email_verified = 1 WHERE id = ?");
  sqlite3_bind_text (stmt, 1, work->hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, work->user_id);
  if (cp_db_step (env->db, stmt) != SQLITE_DONE)
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      goto out;
    }
  /* A new password ends every session of the account. */
  revoke_user_sessions (env, work->user_id);
  if (!cp_db_commit (env->db))
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      goto out;
    }
  g_hash_table_remove (env->throttle, account_key);
  g_message ("Password reset for user %" G_GINT64_FORMAT, work->user_id);
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);

out:
  work_free (work);
  cp_request_resume (req);
}

void
cp_api_auth_reset_confirm (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *email = NULL;
  const char *code, *password;
  g_autoptr(CpStmt) stmt = NULL;
  gint64 user_id;
  Work *work;

  if (!get_email (req, &email)
      || !cp_request_get_string (req, "code", TRUE, &code)
      || !check_new_password (req, &password))
    return;

  stmt = cp_db_prepare (env->db, "SELECT id FROM users WHERE email = ?");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    {
      cp_http_invalid (req, "code", "The code is wrong or has expired. Ask for a new one.");
      return;
    }
  user_id = sqlite3_column_int64 (stmt, 0);
  cp_stmt_release (stmt);

  if (!check_code (req, email, "reset", code))
    return;

  work = g_new0 (Work, 1);
  work->kind = WORK_HASH;
  work->req = req;
  work->password = g_strdup (password);
  work->email = g_steal_pointer (&email);
  work->user_id = user_id;
  run_work (work, reset_done_cb);
}
