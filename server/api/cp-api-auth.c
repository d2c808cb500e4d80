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
#include "store/cp-store-codes.h"
#include "store/cp-store-customers.h"
#include "store/cp-store-sessions.h"
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
  guint pending;           /* attempts reserved and being checked now */
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
    if (t->pending == 0 && t->locked_until <= now && t->window_start + THROTTLE_WINDOW <= now)
      g_hash_table_iter_remove (&iter);
}

static Throttle *
throttle_ensure (CpApiEnv   *env,
                 const char *key)
{
  Throttle *t = throttle_get (env, key);
  gint64 now = cp_now ();

  if (t == NULL)
    {
      if (g_hash_table_size (env->throttle) > 10000)
        throttle_prune (env);
      t = g_new0 (Throttle, 1);
      g_hash_table_insert (env->throttle, g_strdup (key), t);
    }
  if (t->window_start + THROTTLE_WINDOW <= now)
    {
      t->window_start = now;
      t->failures = 0;
    }
  return t;
}

/* Reserves one check under @key before the password is hashed, so that
 * attempts running at the same time count as much as ones after another:
 * with @limit failures and reservations together, further attempts wait
 * (429). Returns the seconds to wait, or 0 with the attempt reserved. */
static gint64
throttle_reserve (CpApiEnv   *env,
                  const char *key,
                  guint       limit)
{
  Throttle *t = throttle_ensure (env, key);
  gint64 now = cp_now ();

  if (t->locked_until > now)
    return t->locked_until - now;
  if (t->failures + t->pending >= limit)
    return 1;
  t->pending++;
  return 0;
}

static void
throttle_release (CpApiEnv   *env,
                  const char *key)
{
  Throttle *t = throttle_get (env, key);

  if (t != NULL && t->pending > 0)
    t->pending--;
}

static void
throttle_fail (CpApiEnv   *env,
               const char *key,
               guint       limit)
{
  Throttle *t = throttle_ensure (env, key);
  gint64 now = cp_now ();

  if (++t->failures >= limit)
    {
      t->locked_until = now + lockout_seconds;
      t->failures = 0;
      t->window_start = now;
    }
}

/* A successful login or reset ends the account's failures and lockout;
 * checks still under way keep their reservations. */
static void
throttle_clear (CpApiEnv   *env,
                const char *key)
{
  Throttle *t = throttle_get (env, key);

  if (t == NULL)
    return;
  if (t->pending == 0)
    {
      g_hash_table_remove (env->throttle, key);
      return;
    }
  t->failures = 0;
  t->locked_until = 0;
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
  g_auto(CpStoreUser) user = { 0 };
  CpStoreToken token;
  const char *header;
  gboolean found;

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

  found = cp_store_access_token_find (env->db, header + 7, &token, &user);
  if (found && token.session_revoked && token.signed_out)
    {
      /* Signed out from another device: the app says so. */
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "session_revoked", NULL,
                     "This device was signed out. Sign in again.");
      return FALSE;
    }
  if (!found
      || token.session_revoked
      || user.id == 0)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Your session has ended. Sign in again.");
      return FALSE;
    }
  if (token.expires_at <= cp_now ())
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "token_expired", NULL,
                     "The access token has expired.");
      return FALSE;
    }

  /* "Last used" is kept to the minute: at most one write a minute per
   * session, and none at all on the requests in between. */
  if (token.last_used_at <= cp_now () - CP_SESSION_TOUCH_SECONDS)
    cp_store_session_touch (env->db, token.session_id, cp_now ());
  req->user.session_id = token.session_id;
  req->user.id = user.id;
  req->user.role = g_steal_pointer (&user.role);
  req->user.customer_id = user.customer_id;
  req->user.name = g_steal_pointer (&user.name);
  req->user.email = g_steal_pointer (&user.email);
  req->authenticated = TRUE;
  return TRUE;
}

/* ---- sessions ---- */

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

  ok = cp_store_token_add (env->db, CP_TOKEN_ACCESS, access, session_id, now + env->access_ttl)
       && cp_store_token_add (env->db, CP_TOKEN_REFRESH, refresh, session_id,
                              now + env->refresh_ttl);
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
  char *device_name;      /* login: what the app calls this device */
  char *app_version;
} Work;

static void
work_free (Work *work)
{
  secret_free (work->password);
  g_free (work->hash);
  g_free (work->email);
  g_free (work->address);
  g_free (work->device_name);
  g_free (work->app_version);
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

  throttle_release (env, account_key);
  throttle_release (env, address_key);
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
      gint64 session_id = 0;

      throttle_clear (env, account_key);
      if (!cp_db_begin (env->db))
        cp_http_internal (req);
      else if ((session_id = cp_store_session_add (env->db, work->user_id, work->device_name,
                                                          work->app_version, cp_now ())) == 0)
        {
          cp_db_rollback (env->db);
          cp_http_internal (req);
        }
      else
        issue_tokens (req, session_id, work->user_id, SOUP_STATUS_OK);
    }

  work_free (work);
  cp_request_resume (req);
}

/* A device name or app version as the login sent it, made safe to list:
 * control characters dropped, at most 100 characters. */
static char *
label_clean (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");
  for (const char *p = text; *p != '\0' && n < 100; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

void
cp_api_auth_login (CpRequest *req)
{
  CpApiEnv *env = req->env;
  const char *email_in, *password;
  const char *device_name = NULL, *app_version = NULL;
  g_autofree char *email = NULL;
  g_autofree char *account_key = NULL;
  g_autofree char *address_key = NULL;
  const char *address = soup_server_message_get_remote_host (req->msg);
  gint64 retry;
  Work *work;

  if (!cp_request_get_string (req, "email", TRUE, &email_in)
      || !cp_request_get_string (req, "password", TRUE, &password)
      || !cp_request_get_string (req, "device_name", FALSE, &device_name)
      || !cp_request_get_string (req, "app_version", FALSE, &app_version))
    return;

  email = normalize_email (email_in);
  account_key = g_strconcat ("account:", email, NULL);
  address_key = g_strconcat ("address:", address ? address : "", NULL);
  retry = MAX (throttle_retry_after (env, account_key),
               throttle_retry_after (env, address_key));
  if (retry == 0)
    {
      retry = throttle_reserve (env, address_key, ADDRESS_FAILURE_LIMIT);
      if (retry == 0 && (retry = throttle_reserve (env, account_key, ACCOUNT_FAILURE_LIMIT)) > 0)
        throttle_release (env, address_key);
    }
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
  work->device_name = label_clean (device_name);
  work->app_version = label_clean (app_version);

  work->known = cp_store_user_find_login (env->db, work->email, &work->user_id, &work->hash,
                                          &work->email_verified);
  /* Same work for an unknown email, so timing does not tell. */
  if (!work->known)
    work->hash = g_strdup (env->dummy_hash);

  run_work (work, login_done_cb);
}

/* ---- refresh and logout ---- */

void
cp_api_auth_refresh (CpRequest *req)
{
  CpApiEnv *env = req->env;
  const char *token;
  CpStoreToken found;

  if (!cp_request_get_string (req, "refresh_token", TRUE, &token))
    return;

  if (cp_store_token_find (env->db, CP_TOKEN_REFRESH, token, &found)
      && found.session_revoked && found.signed_out && !found.used
      && found.expires_at > cp_now ())
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "session_revoked", "refresh_token",
                     "This device was signed out. Sign in again.");
      return;
    }
  if (!cp_store_token_find (env->db, CP_TOKEN_REFRESH, token, &found)
      || found.session_revoked || found.expires_at <= cp_now ())
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "refresh_token",
                     "Your session has ended. Sign in again.");
      return;
    }
  if (found.used)
    {
      /* A rotated token came back: someone holds a copy. End the session. */
      g_message ("Refresh token reuse in session %" G_GINT64_FORMAT "; session revoked",
                 found.session_id);
      cp_store_session_revoke (env->db, found.session_id, cp_now ());
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "refresh_token",
                     "Your session has ended. Sign in again.");
      return;
    }

  if (!cp_db_begin (env->db))
    {
      cp_http_internal (req);
      return;
    }
  if (!cp_store_token_use (env->db, token, cp_now ()))
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      return;
    }
  cp_store_session_touch (env->db, found.session_id, cp_now ());
  issue_tokens (req, found.session_id, found.user_id, SOUP_STATUS_OK);
}

static gint64
session_of_token (CpApiEnv    *env,
                  CpTokenKind  kind,
                  const char  *token)
{
  CpStoreToken found;

  return cp_store_token_find (env->db, kind, token, &found) ? found.session_id : 0;
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
    session_id = session_of_token (env, CP_TOKEN_ACCESS, header + 7);
  if (session_id == 0)
    {
      if (!cp_request_get_string (req, "refresh_token", FALSE, &refresh))
        return;
      if (refresh != NULL)
        session_id = session_of_token (env, CP_TOKEN_REFRESH, refresh);
    }
  if (session_id == 0)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Sign in to continue.");
      return;
    }

  cp_store_session_revoke (env->db, session_id, cp_now ());
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* ---- email codes ---- */

static void
send_code (CpApiEnv   *env,
           const char *email,
           const char *purpose)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *company = cp_store_setting_dup (env->db, "company_name");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean invite = g_str_equal (purpose, "invite");
  char code[8];
  gint64 now = cp_now ();
  int sent;

  sent = cp_store_codes_count_since (env->db, email, purpose, now - 3600);
  if (sent < 0)
    return;
  if (sent >= CODES_PER_HOUR)
    {
      g_message ("Not sending another %s code this hour to the same address", purpose);
      return;
    }

  g_snprintf (code, sizeof code, "%06u", randombytes_uniform (1000000));
  if (!cp_db_begin (env->db))
    return;
  if (!cp_store_code_replace (env->db, env->code_key, email, purpose, code, now,
                              now + CODE_LIFETIME)
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
  gint64 customer_id;
  gboolean has_login, eligible;

  if (!get_email (req, &email))
    return;

  eligible = cp_store_customer_by_email (env->db, email, &customer_id, &has_login) && !has_login;

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
  gboolean known;

  if (!get_email (req, &email))
    return;

  known = cp_store_user_id_by_email (env->db, email) != 0;

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
  switch (cp_store_code_check (req->env->db, req->env->code_key, email, purpose, code,
                               CODE_MAX_ATTEMPTS, cp_now ()))
    {
    case CP_CODE_OK:
      return TRUE;
    case CP_CODE_ERROR:
      cp_http_internal (req);
      return FALSE;
    case CP_CODE_RETIRED:
      g_message ("A %s code was retired after %d wrong tries", purpose, CODE_MAX_ATTEMPTS);
      break;
    case CP_CODE_WRONG:
    case CP_CODE_NONE:
    default:
      break;
    }
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

/* The body of both code confirmations: {email, code, password}. */
static gboolean
get_code_request (CpRequest   *req,
                  char       **email,
                  const char **code,
                  const char **password)
{
  return get_email (req, email)
         && cp_request_get_string (req, "code", TRUE, code)
         && check_new_password (req, password);
}

/* Hashes @password in a worker thread, then calls @done_cb with the Work
 * (for the account of @user_id, or the sign-up of @customer_id). */
static void
hash_then (CpRequest           *req,
           char                *email,
           const char          *password,
           gint64               user_id,
           gint64               customer_id,
           GAsyncReadyCallback  done_cb)
{
  Work *work = g_new0 (Work, 1);

  work->kind = WORK_HASH;
  work->req = req;
  work->password = g_strdup (password);
  work->email = email;
  work->user_id = user_id;
  work->customer_id = customer_id;
  run_work (work, done_cb);
}

void
cp_api_auth_verify (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *email = NULL;
  const char *code, *password;
  gint64 customer_id;
  gboolean has_login;

  if (!get_code_request (req, &email, &code, &password))
    return;
  if (!cp_store_customer_by_email (env->db, email, &customer_id, &has_login))
    {
      cp_http_invalid (req, "code", "The code is wrong or has expired. Ask for a new one.");
      return;
    }
  if (has_login)
    {
      cp_http_error (req, SOUP_STATUS_CONFLICT, "conflict", "email",
                     "An account with this email already exists. Sign in instead.");
      return;
    }
  if (!check_code (req, email, "invite", code))
    return;
  hash_then (req, g_steal_pointer (&email), password, 0, customer_id, verify_done_cb);
}

static void
reset_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Work *work = g_task_get_task_data (G_TASK (result));
  CpRequest *req = work->req;
  CpApiEnv *env = req->env;
  g_autofree char *account_key = g_strconcat ("account:", work->email, NULL);

  if (work->hash == NULL || !cp_db_begin (env->db))
    {
      cp_http_internal (req);
      goto out;
    }
  if (!cp_store_user_set_password (env->db, work->user_id, work->hash))
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      goto out;
    }
  /* A new password ends every session of the account. */
  cp_store_user_sessions_revoke (env->db, work->user_id, cp_now ());
  if (!cp_db_commit (env->db))
    {
      cp_db_rollback (env->db);
      cp_http_internal (req);
      goto out;
    }
  throttle_clear (env, account_key);
  g_message ("Password reset for user %" G_GINT64_FORMAT, work->user_id);
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);

out:
  work_free (work);
  cp_request_resume (req);
}

void
cp_api_auth_reset_confirm (CpRequest *req)
{
  g_autofree char *email = NULL;
  const char *code, *password;
  gint64 user_id;

  if (!get_code_request (req, &email, &code, &password))
    return;
  user_id = cp_store_user_id_by_email (req->env->db, email);
  if (user_id == 0)
    {
      cp_http_invalid (req, "code", "The code is wrong or has expired. Ask for a new one.");
      return;
    }
  if (!check_code (req, email, "reset", code))
    return;
  hash_then (req, g_steal_pointer (&email), password, user_id, 0, reset_done_cb);
}
