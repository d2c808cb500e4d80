/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cp-server-test.h"

static CpTestServer *demo;

static CpResponse *
login (CpTestServer *server,
       const char   *email,
       const char   *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}",
                                           email, password);

  return cp_call (server, "POST", "/auth/login", NULL, body);
}

static CpResponse *
refresh (CpTestServer *server,
         const char   *token)
{
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\": \"%s\"}", token);

  return cp_call (server, "POST", "/auth/refresh", NULL, body);
}

static void
sql (CpTestServer *server,
     const char   *statement)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (cp_test_server_get_db_path (server), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
count_mail (CpTestServer *server)
{
  g_autoptr(GDir) dir = g_dir_open (cp_test_server_get_mail_dir (server), 0, NULL);
  guint n = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      n++;
  return n;
}

static void
test_config (void)
{
  g_autoptr(CpResponse) r = cp_call (demo, "GET", "/config", NULL, NULL);
  JsonObject *o;

  g_assert_cmpuint (r->status, ==, 200);
  o = cp_response_object (r);
  g_assert_cmpstr (json_object_get_string_member (o, "company_name"), ==,
                   "Brightwater Home Services");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "USD");
  g_assert_true (json_object_get_boolean_member (o, "online_payments_enabled"));
  /* The processor's own address, and a key that only makes tokens: not
   * the secret key the portal charges with. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "vault_url"),
                                   "http://127.0.0.1:"));
  g_assert_cmpstr (json_object_get_string_member (o, "vault_url"), !=,
                   cp_test_server_get_url (demo));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "vault_key"), "pk_"));
  g_assert_cmpstr (json_object_get_string_member (o, "vault_key"), !=,
                   cp_test_server_get_vault_key (demo));
  g_assert_cmpint (json_object_get_int_member (o, "password_min_length"), ==, 12);
}

static void
test_login (void)
{
  g_autoptr(CpResponse) ok = login (demo, "ADA@example.com ", "demo-customer-password");
  g_autoptr(CpResponse) again = login (demo, "ada@example.com", "demo-customer-password");
  g_autoptr(CpResponse) wrong = login (demo, "ada@example.com", "not-the-password");
  g_autoptr(CpResponse) unknown = login (demo, "nobody@example.com", "not-the-password");
  g_autoptr(CpResponse) missing = cp_call (demo, "POST", "/auth/login", NULL, "{\"email\": \"a@b.c\"}");
  g_autoptr(CpResponse) garbage = cp_call (demo, "POST", "/auth/login", NULL, "{not json");
  g_autoptr(CpResponse) typed = cp_call (demo, "POST", "/auth/login", NULL,
                                         "{\"email\": 5, \"password\": \"x\"}");
  JsonObject *user;

  g_assert_cmpuint (ok->status, ==, 200);
  /* At least 128 random bits, base64url. */
  g_assert_cmpuint (strlen (cp_response_string (ok, "access_token")), >=, 22);
  g_assert_cmpuint (strlen (cp_response_string (ok, "refresh_token")), >=, 22);
  g_assert_cmpstr (cp_response_string (ok, "access_token"), !=,
                   cp_response_string (again, "access_token"));
  g_assert_cmpint (json_object_get_int_member (cp_response_object (ok), "expires_in"), ==, 900);
  user = json_object_get_object_member (cp_response_object (ok), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "ada@example.com");
  g_assert_nonnull (json_object_get_string_member (user, "customer_id"));

  /* Unknown email and wrong password look the same. */
  cp_assert_error (wrong, 401, "unauthorized");
  cp_assert_error (unknown, 401, "unauthorized");
  g_assert_cmpstr (wrong->body, ==, unknown->body);

  cp_assert_error (missing, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (missing), ==, "password");
  cp_assert_error (garbage, 400, "invalid_request");
  cp_assert_error (typed, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (typed), ==, "email");
}

static void
test_unknown_email_timing (void)
{
  gint64 wrong_time = 0, unknown_time = 0;

  for (guint i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CpResponse) wrong = login (demo, "harbor@example.com", "wrong-password-here");
      gint64 middle = g_get_monotonic_time ();
      g_autoptr(CpResponse) unknown = login (demo, "ghost@example.com", "wrong-password-here");

      wrong_time += middle - start;
      unknown_time += g_get_monotonic_time () - middle;
      cp_assert_error (wrong, 401, "unauthorized");
      cp_assert_error (unknown, 401, "unauthorized");
    }
  g_test_message ("wrong password %.1f ms, unknown email %.1f ms",
                  wrong_time / 3000.0, unknown_time / 3000.0);
  /* Both pay for an argon2id verification: neither is a fast path. */
  g_assert_cmpint (unknown_time * 4, >, wrong_time);
  g_assert_cmpint (wrong_time * 4, >, unknown_time);
}

static void
test_me_roles (void)
{
  static const struct { const char *email, *password, *role; } logins[] = {
    { "admin@example.com", "demo-admin-password", "admin" },
    { "staff@example.com", "demo-staff-password", "staff" },
    { "grace@example.com", "demo-customer-password", "customer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autofree char *token = cp_login (demo, logins[i].email, logins[i].password);
      g_autoptr(CpResponse) me = cp_call (demo, "GET", "/me", token, NULL);
      JsonNode *customer_id;

      g_assert_cmpuint (me->status, ==, 200);
      g_assert_cmpstr (cp_response_string (me, "role"), ==, logins[i].role);
      g_assert_cmpstr (cp_response_string (me, "email"), ==, logins[i].email);
      g_assert_nonnull (cp_response_string (me, "id"));
      g_assert_nonnull (cp_response_string (me, "name"));
      customer_id = json_object_get_member (cp_response_object (me), "customer_id");
      g_assert_nonnull (customer_id);
      g_assert_cmpint (JSON_NODE_HOLDS_NULL (customer_id), ==,
                       g_strcmp0 (logins[i].role, "customer") != 0);
    }
}

static void
test_no_token (void)
{
  g_autoptr(CpResponse) none = cp_call (demo, "GET", "/me", NULL, NULL);
  g_autoptr(CpResponse) bogus = cp_call (demo, "GET", "/me", "bogus-token", NULL);
  g_autoptr(CpResponse) customers = cp_call (demo, "GET", "/customers", NULL, NULL);
  g_autoptr(CpResponse) nowhere = cp_call (demo, "GET", "/no/such/route", NULL, NULL);

  cp_assert_error (none, 401, "unauthorized");
  g_assert_nonnull (soup_message_headers_get_one (none->headers, "WWW-Authenticate"));
  cp_assert_error (bogus, 401, "unauthorized");
  cp_assert_error (customers, 401, "unauthorized");
  cp_assert_error (nowhere, 404, "not_found");
}

static void
test_refresh_rotation_and_reuse (void)
{
  g_autoptr(CpResponse) first = login (demo, "grace@example.com", "demo-customer-password");
  g_autoptr(CpResponse) second = refresh (demo, cp_response_string (first, "refresh_token"));
  g_autoptr(CpResponse) me = NULL;
  g_autoptr(CpResponse) reuse = NULL;
  g_autoptr(CpResponse) after = NULL;
  g_autoptr(CpResponse) third = NULL;
  g_autoptr(CpResponse) empty = refresh (demo, "");

  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpstr (cp_response_string (second, "refresh_token"), !=,
                   cp_response_string (first, "refresh_token"));
  g_assert_cmpstr (cp_response_string (second, "access_token"), !=,
                   cp_response_string (first, "access_token"));
  me = cp_call (demo, "GET", "/me", cp_response_string (second, "access_token"), NULL);
  g_assert_cmpuint (me->status, ==, 200);

  /* The rotated-out token comes back: the whole session ends. */
  reuse = refresh (demo, cp_response_string (first, "refresh_token"));
  cp_assert_error (reuse, 401, "unauthorized");
  after = cp_call (demo, "GET", "/me", cp_response_string (second, "access_token"), NULL);
  cp_assert_error (after, 401, "unauthorized");
  third = refresh (demo, cp_response_string (second, "refresh_token"));
  cp_assert_error (third, 401, "unauthorized");
  cp_assert_error (empty, 401, "unauthorized");
}

static void
test_logout (void)
{
  g_autoptr(CpResponse) session = login (demo, "staff@example.com", "demo-staff-password");
  const char *access = cp_response_string (session, "access_token");
  g_autoptr(CpResponse) out = cp_call (demo, "POST", "/auth/logout", access, NULL);
  g_autoptr(CpResponse) me = cp_call (demo, "GET", "/me", access, NULL);
  g_autoptr(CpResponse) again = refresh (demo, cp_response_string (session, "refresh_token"));
  g_autoptr(CpResponse) anonymous = cp_call (demo, "POST", "/auth/logout", NULL, NULL);

  g_assert_cmpuint (out->status, ==, 204);
  cp_assert_error (me, 401, "unauthorized");
  cp_assert_error (again, 401, "unauthorized");
  cp_assert_error (anonymous, 401, "unauthorized");
}

static void
test_access_expiry (void)
{
  const char *args[] = { "--access-ttl", "1", NULL };
  g_autoptr(CpTestServer) server = cp_test_server_start_with (CP_TEST_SERVER_DEMO, args);
  g_autoptr(CpResponse) session = login (server, "ada@example.com", "demo-customer-password");
  g_autoptr(CpResponse) expired = NULL;
  g_autoptr(CpResponse) renewed = NULL;
  g_autoptr(CpResponse) me = NULL;
  g_autoptr(CpResponse) out = NULL;

  g_assert_cmpint (json_object_get_int_member (cp_response_object (session), "expires_in"), ==, 1);
  g_usleep (2100 * 1000);
  expired = cp_call (server, "GET", "/me", cp_response_string (session, "access_token"), NULL);
  cp_assert_error (expired, 401, "token_expired");

  renewed = refresh (server, cp_response_string (session, "refresh_token"));
  g_assert_cmpuint (renewed->status, ==, 200);
  me = cp_call (server, "GET", "/me", cp_response_string (renewed, "access_token"), NULL);
  g_assert_cmpuint (me->status, ==, 200);

  /* An expired access token still signs out. */
  g_usleep (2100 * 1000);
  out = cp_call (server, "POST", "/auth/logout", cp_response_string (renewed, "access_token"), NULL);
  g_assert_cmpuint (out->status, ==, 204);
}

static void
test_throttle_account (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autoptr(CpResponse) limited = NULL;
  g_autoptr(CpResponse) right = NULL;
  g_autoptr(CpResponse) other = NULL;
  const char *retry;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CpResponse) r = login (server, "grace@example.com", "wrong-password-guess");

      cp_assert_error (r, 401, "unauthorized");
    }
  limited = login (server, "grace@example.com", "wrong-password-guess");
  cp_assert_error (limited, 429, "rate_limited");
  retry = soup_message_headers_get_one (limited->headers, "Retry-After");
  g_assert_nonnull (retry);
  g_assert_cmpint (g_ascii_strtoll (retry, NULL, 10), >, 0);

  /* Locked even with the right password; other accounts are not. */
  right = login (server, "grace@example.com", "demo-customer-password");
  cp_assert_error (right, 429, "rate_limited");
  other = login (server, "ada@example.com", "demo-customer-password");
  g_assert_cmpuint (other->status, ==, 200);
}

static void
test_throttle_address (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autoptr(CpResponse) limited = NULL;

  /* Different accounts each time: only the per-address limit can trip. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *email = g_strdup_printf ("spray%u@example.com", i);
      g_autoptr(CpResponse) r = login (server, email, "wrong-password-guess");

      cp_assert_error (r, 401, "unauthorized");
    }
  limited = login (server, "ada@example.com", "demo-customer-password");
  cp_assert_error (limited, 429, "rate_limited");
  g_assert_nonnull (soup_message_headers_get_one (limited->headers, "Retry-After"));
}

static void
test_login_off_main_loop (void)
{
  /* Each password check takes an extra second in its worker thread. */
  CpTestServer *server;
  const char *body = "{\"email\": \"grace@example.com\", \"password\": \"demo-customer-password\"}";
  CpCall *login;
  g_autoptr(CpResponse) config = NULL;
  g_autoptr(CpResponse) answer = NULL;
  gint64 start, config_time;

  g_setenv ("CP_SERVER_TEST_HASH_DELAY_MS", "1000", TRUE);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_unsetenv ("CP_SERVER_TEST_HASH_DELAY_MS");

  login = cp_call_start (server, "POST", "/auth/login", NULL, body, NULL);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 100 * 1000)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (cp_call_is_done (login));

  /* While that login is being checked, the server answers others. */
  start = g_get_monotonic_time ();
  config = cp_call (server, "GET", "/config", NULL, NULL);
  config_time = g_get_monotonic_time () - start;
  g_assert_cmpuint (config->status, ==, 200);
  g_assert_false (cp_call_is_done (login));
  /* Reported, not asserted: the order above is what proves it. */
  g_test_message ("/config answered in %.1f ms during a login", config_time / 1000.0);

  answer = cp_call_finish (login);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpuint (config->order, <, answer->order);
  cp_test_server_stop (server);
}

static void
test_invitation (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  const char *email = "alan.turing@example.com";
  g_autofree char *code = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *good = NULL;
  g_autofree char *wrong = NULL;
  guint before = count_mail (server);
  CpResponse *r;

  /* Unknown emails, and customers who already have an account, get the
   * same 202 and no mail. */
  r = cp_call (server, "POST", "/auth/invitations", NULL, "{\"email\": \"stranger@example.com\"}");
  g_assert_cmpuint (r->status, ==, 202);
  cp_response_free (r);
  r = cp_call (server, "POST", "/auth/invitations", NULL, "{\"email\": \"ada@example.com\"}");
  g_assert_cmpuint (r->status, ==, 202);
  cp_response_free (r);
  g_assert_cmpuint (count_mail (server), ==, before);

  r = cp_call (server, "POST", "/auth/invitations", NULL, "{\"email\": \"not an email\"}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "email");
  cp_response_free (r);

  r = cp_call (server, "POST", "/auth/invitations", NULL, "{\"email\": \"alan.turing@example.com\"}");
  g_assert_cmpuint (r->status, ==, 202);
  cp_response_free (r);
  g_assert_cmpuint (count_mail (server), ==, before + 1);
  code = cp_test_server_dup_last_code (server, email);
  g_assert_nonnull (code);

  /* Five wrong tries retire the code, even for the right one after. */
  wrong = g_strdup_printf ("%06d", (atoi (code) + 1) % 1000000);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"code\": \"%s\","
                                               " \"password\": \"alan-password-long\"}",
                                               email, wrong);

      r = cp_call (server, "POST", "/auth/verify", NULL, body);
      cp_assert_error (r, 400, "invalid_request");
      g_assert_cmpstr (cp_response_field (r), ==, "code");
      cp_response_free (r);
    }
  good = g_strdup_printf ("{\"email\": \"%s\", \"code\": \"%s\","
                          " \"password\": \"alan-password-long\"}", email, code);
  r = cp_call (server, "POST", "/auth/verify", NULL, good);
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);

  /* A new invitation, a new code. */
  r = cp_call (server, "POST", "/auth/invitations", NULL, "{\"email\": \"alan.turing@example.com\"}");
  cp_response_free (r);
  code2 = cp_test_server_dup_last_code (server, email);
  g_assert_nonnull (code2);
  g_free (good);
  good = g_strdup_printf ("{\"email\": \"%s\", \"code\": \"%s\", \"password\": \"short\"}",
                          email, code2);
  r = cp_call (server, "POST", "/auth/verify", NULL, good);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "password");
  cp_response_free (r);

  g_free (good);
  good = g_strdup_printf ("{\"email\": \"%s\", \"code\": \"%s\","
                          " \"password\": \"alan-password-long\"}", email, code2);
  r = cp_call (server, "POST", "/auth/verify", NULL, good);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (cp_response_string (r, "role"), ==, "customer");
  cp_response_free (r);

  /* The code is spent and the account exists. */
  r = cp_call (server, "POST", "/auth/verify", NULL, good);
  cp_assert_error (r, 409, "conflict");
  cp_response_free (r);
  g_free (cp_login (server, email, "alan-password-long"));
}

static void
test_mail_format (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autoptr(CpResponse) r = cp_call (server, "POST", "/auth/password-reset", NULL,
                                     "{\"email\": \"grace@example.com\"}");
  g_autoptr(GDir) dir = g_dir_open (cp_test_server_get_mail_dir (server), 0, NULL);
  g_autofree char *code = cp_test_server_dup_last_code (server, "grace@example.com");
  const char *name;
  guint found = 0;

  g_assert_cmpuint (r->status, ==, 202);
  g_assert_nonnull (code);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (cp_test_server_get_mail_dir (server), name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_str_has_suffix (name, ".eml"));
      /* <unix-ms>-<random>.eml: the name sorts by time. */
      g_assert_true (g_ascii_isdigit (name[0]) && strchr (name, '-') != NULL);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "\nTo: grace@example.com\r\n"));
      g_assert_nonnull (strstr (contents, "\nSubject: "));
      g_assert_nonnull (strstr (contents, "\nDate: ") ? strstr (contents, "\nDate: ")
                                                      : (g_str_has_prefix (contents, "Date: ")
                                                         ? contents : NULL));
      g_assert_nonnull (strstr (contents, code));
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_email_not_verified (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autoptr(CpResponse) right = NULL;
  g_autoptr(CpResponse) wrong = NULL;

  sql (server, "UPDATE users SET email_verified = 0 WHERE email = 'grace@example.com'");
  right = login (server, "grace@example.com", "demo-customer-password");
  cp_assert_error (right, 403, "email_not_verified");
  wrong = login (server, "grace@example.com", "wrong-password-guess");
  cp_assert_error (wrong, 401, "unauthorized");
}

static void
test_password_reset (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autofree char *old_session = cp_login (server, "ada@example.com", "demo-customer-password");
  g_autofree char *code = NULL;
  g_autofree char *body = NULL;
  CpResponse *r;

  r = cp_call (server, "POST", "/auth/password-reset", NULL, "{\"email\": \"nobody@example.com\"}");
  g_assert_cmpuint (r->status, ==, 202);
  cp_response_free (r);
  g_assert_cmpuint (count_mail (server), ==, 0);

  r = cp_call (server, "POST", "/auth/password-reset", NULL, "{\"email\": \"ada@example.com\"}");
  g_assert_cmpuint (r->status, ==, 202);
  cp_response_free (r);
  code = cp_test_server_dup_last_code (server, "ada@example.com");
  g_assert_nonnull (code);

  r = cp_call (server, "POST", "/auth/password-reset/confirm", NULL,
               "{\"email\": \"ada@example.com\", \"code\": \"abc\","
               " \"password\": \"a-brand-new-password\"}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "code");
  cp_response_free (r);

  body = g_strdup_printf ("{\"email\": \"ada@example.com\", \"code\": \"%s\","
                          " \"password\": \"a-brand-new-password\"}", code);
  r = cp_call (server, "POST", "/auth/password-reset/confirm", NULL, body);
  g_assert_cmpuint (r->status, ==, 204);
  cp_response_free (r);

  r = login (server, "ada@example.com", "demo-customer-password");
  cp_assert_error (r, 401, "unauthorized");
  cp_response_free (r);
  g_free (cp_login (server, "ada@example.com", "a-brand-new-password"));

  /* A new password ends the sessions that were open. */
  r = cp_call (server, "GET", "/me", old_session, NULL);
  cp_assert_error (r, 401, "unauthorized");
  cp_response_free (r);

  /* The code is single-use. */
  r = cp_call (server, "POST", "/auth/password-reset/confirm", NULL, body);
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);
}

static void
test_add_user (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_EMPTY);
  const char *db = cp_test_server_get_db_path (server);
  g_autofree char *token = NULL;
  g_autoptr(CpResponse) me = NULL;

  g_assert_true (cp_test_server_add_user (db, "admin", "jo@example.com", "jo-has-a-long-password"));
  g_assert_false (cp_test_server_add_user (db, "admin", "jo@example.com", "jo-has-a-long-password"));
  g_assert_false (cp_test_server_add_user (db, "customer", "x@example.com", "x-has-a-long-password"));
  g_assert_false (cp_test_server_add_user (db, "staff", "y@example.com", "short"));

  token = cp_login (server, "jo@example.com", "jo-has-a-long-password");
  me = cp_call (server, "GET", "/me", token, NULL);
  g_assert_cmpstr (cp_response_string (me, "role"), ==, "admin");
}

static void
test_body_limit (void)
{
  g_autofree char *staff = cp_login (demo, "staff@example.com", "demo-staff-password");
  GString *big = g_string_new ("{\"name\": \"");
  g_autoptr(CpResponse) anonymous = NULL;
  g_autoptr(CpResponse) authed = NULL;
  g_autoptr(CpResponse) vault = NULL;
  g_autofree char *vault_url = g_strconcat (cp_vault_url (demo), "/v1/tokens", NULL);

  while (big->len < 65 * 1024)
    g_string_append (big, "aaaaaaaaaaaaaaaa");
  g_string_append (big, "\"}");

  anonymous = cp_call (demo, "POST", "/auth/login", NULL, big->str);
  cp_assert_error (anonymous, 413, "invalid_request");
  authed = cp_call (demo, "POST", "/customers", staff, big->str);
  cp_assert_error (authed, 413, "invalid_request");
  vault = cp_call (demo, "POST", vault_url, cp_vault_key (demo), big->str);
  cp_assert_error (vault, 413, "invalid_request");
  g_string_free (big, TRUE);
}

static void
test_shutdown_finishes_in_flight (void)
{
  CpTestServer *server;
  gint64 until;
  CpCall *calls[3];

  /* Logins take a while (argon2id plus a second in the worker thread): stop
   * the server while they are under way. It finishes them, then exits with
   * 0 (which cp_test_server_stop() asserts). */
  g_setenv ("CP_SERVER_TEST_HASH_DELAY_MS", "1000", TRUE);
  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_unsetenv ("CP_SERVER_TEST_HASH_DELAY_MS");
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    calls[i] = cp_call_start (server, "POST", "/auth/login", NULL,
                              "{\"email\": \"ada@example.com\","
                              " \"password\": \"demo-customer-password\"}", NULL);
  until = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_assert_false (cp_call_is_done (calls[i]));
  cp_test_server_stop (server);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(CpResponse) r = cp_call_finish (calls[i]);

      g_assert_cmpuint (r->status, ==, 200);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  demo = cp_test_server_start (CP_TEST_SERVER_DEMO);

  g_test_add_func ("/server/auth/config", test_config);
  g_test_add_func ("/server/auth/login", test_login);
  g_test_add_func ("/server/auth/unknown-email-timing", test_unknown_email_timing);
  g_test_add_func ("/server/auth/me-roles", test_me_roles);
  g_test_add_func ("/server/auth/no-token", test_no_token);
  g_test_add_func ("/server/auth/refresh-rotation-and-reuse", test_refresh_rotation_and_reuse);
  g_test_add_func ("/server/auth/logout", test_logout);
  g_test_add_func ("/server/auth/login-off-main-loop", test_login_off_main_loop);
  g_test_add_func ("/server/auth/body-limit", test_body_limit);
  g_test_add_func ("/server/auth/access-expiry", test_access_expiry);
  g_test_add_func ("/server/auth/throttle-account", test_throttle_account);
  g_test_add_func ("/server/auth/throttle-address", test_throttle_address);
  g_test_add_func ("/server/auth/invitation", test_invitation);
  g_test_add_func ("/server/auth/mail-format", test_mail_format);
  g_test_add_func ("/server/auth/email-not-verified", test_email_not_verified);
  g_test_add_func ("/server/auth/password-reset", test_password_reset);
  g_test_add_func ("/server/auth/add-user", test_add_user);
  g_test_add_func ("/server/auth/shutdown-finishes-in-flight", test_shutdown_finishes_in_flight);

  status = g_test_run ();
  cp_test_server_stop (demo);
  return status;
}
