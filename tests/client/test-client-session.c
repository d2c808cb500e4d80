/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-client-test.h"
#include "cp-test-server.h"

/* Access tokens that expire after a second, on the real server. */

static CpTestServer *server;

static void
session_expired_cb (CpClient *client,
                    gpointer  user_data)
{
  (*(guint *) user_data)++;
}

/* Five calls with an expired access token: one refresh, five answers. */
static void
test_refresh_once_under_concurrency (void)
{
  g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = NULL;
  GAsyncResult *results[5] = { NULL, };
  guint expired = 0;

  cp_client_set_token_store (client, CP_TOKEN_STORE (store));
  g_signal_connect (client, "session-expired", G_CALLBACK (session_expired_cb), &expired);
  account = cp_test_login (client, "ada@example.com", "demo-customer-password");
  g_assert_cmpuint (cp_client_get_n_refreshes (client), ==, 0);
  g_assert_cmpuint (cp_memory_token_store_get_n_stores (store), ==, 1);

  cp_test_sleep (2100);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      if (i % 2 == 0)
        cp_client_get_me_async (client, NULL, cp_test_result_cb, &results[i]);
      else
        cp_client_get_customer_async (client, cp_account_get_customer_id (account), NULL,
                                      cp_test_result_cb, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) object = NULL;

      cp_test_wait (&results[i]);
      if (i % 2 == 0)
        object = G_OBJECT (cp_client_get_me_finish (client, results[i], &error));
      else
        object = G_OBJECT (cp_client_get_customer_finish (client, results[i], &error));
      g_assert_no_error (error);
      g_assert_nonnull (object);
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (cp_client_get_n_refreshes (client), ==, 1);
  g_assert_cmpuint (expired, ==, 0);
  g_assert_true (cp_client_get_logged_in (client));
  /* The rotated refresh token replaced the stored one. */
  cp_test_sleep (50);
  g_assert_cmpuint (cp_memory_token_store_get_n_stores (store), ==, 2);
  g_assert_cmpuint (cp_memory_token_store_get_n_items (store), ==, 1);
}

/* The refresh token was spent by another client (the server treats the
 * reuse as theft and revokes the session): the session ends once, every
 * waiting call fails the same way, and the app hears about it. */
static void
test_failed_refresh_expires_session (void)
{
  g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();
  g_autoptr(CpClient) first = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpClient) second = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpAccount) restored = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *results[3] = { NULL, };
  guint expired = 0;

  cp_client_set_token_store (first, CP_TOKEN_STORE (store));
  cp_client_set_token_store (second, CP_TOKEN_STORE (store));
  g_signal_connect (first, "session-expired", G_CALLBACK (session_expired_cb), &expired);
  account = cp_test_login (first, "grace@example.com", "demo-customer-password");

  CP_AWAIT (res, cp_client_restore_session_async (second, "grace@example.com", NULL,
                                                  cp_test_result_cb, &res));
  restored = cp_client_restore_session_finish (second, res, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);

  cp_test_sleep (2100);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    cp_client_get_me_async (first, NULL, cp_test_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) call_error = NULL;
      g_autoptr(CpAccount) me = NULL;

      cp_test_wait (&results[i]);
      me = cp_client_get_me_finish (first, results[i], &call_error);
      g_assert_null (me);
      g_assert_error (call_error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED);
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (expired, ==, 1);
  g_assert_cmpuint (cp_client_get_n_refreshes (first), ==, 1);
  g_assert_false (cp_client_get_logged_in (first));
  g_assert_null (cp_client_get_account (first));
}

/* Signed out from another device (Signed-in Devices): the next call ends
 * the session at once, and the client can tell why; so does a call whose
 * access token has run out meanwhile, and a restore of the stored token. */
static void
test_signed_out_elsewhere (void)
{
  g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();
  g_autoptr(CpClient) here = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpClient) there = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpClient) later = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) a = NULL;
  g_autoptr(CpAccount) b = NULL;
  g_autoptr(CpAccount) me = NULL;
  g_autoptr(CpAccount) restored = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GAsyncResult) res2 = NULL;
  g_autoptr(GAsyncResult) res3 = NULL;
  g_autoptr(GError) error = NULL;
  guint expired = 0;

  cp_client_set_token_store (here, CP_TOKEN_STORE (store));
  cp_client_set_token_store (later, CP_TOKEN_STORE (store));
  g_signal_connect (here, "session-expired", G_CALLBACK (session_expired_cb), &expired);
  a = cp_test_login (here, "harbor@example.com", "demo-customer-password");
  b = cp_test_login (there, "harbor@example.com", "demo-customer-password");

  CP_AWAIT (res, cp_client_revoke_other_sessions_async (there, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_revoke_other_sessions_finish (there, res, &error));
  g_assert_no_error (error);

  /* Another start of the app on the signed-out device: the stored refresh
   * token is refused as signed out, and forgotten. */
  CP_AWAIT (res3, cp_client_restore_session_async (later, "harbor@example.com", NULL,
                                                   cp_test_result_cb, &res3));
  restored = cp_client_restore_session_finish (later, res3, &error);
  g_assert_null (restored);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_REVOKED);
  g_assert_cmpuint (cp_memory_token_store_get_n_items (store), ==, 0);
  g_clear_error (&error);

  /* After the access token ran out too: still told why, no refresh. */
  cp_test_sleep (2100);
  CP_AWAIT (res2, cp_client_get_me_async (here, NULL, cp_test_result_cb, &res2));
  me = cp_client_get_me_finish (here, res2, &error);
  g_assert_null (me);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpuint (expired, ==, 1);
  g_assert_true (cp_client_get_signed_out_elsewhere (here));
  g_assert_false (cp_client_get_logged_in (here));
  g_assert_cmpuint (cp_client_get_n_refreshes (here), ==, 0);

  /* The device that signed the other out goes on. */
  g_clear_object (&me);
  g_clear_object (&res2);
  CP_AWAIT (res2, cp_client_get_me_async (there, NULL, cp_test_result_cb, &res2));
  me = cp_client_get_me_finish (there, res2, &error);
  g_assert_no_error (error);
  g_assert_false (cp_client_get_signed_out_elsewhere (there));

}

int
main (int   argc,
      char *argv[])
{
  static const char * const args[] = { "--access-ttl", "1", NULL };
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-session/refresh-once-under-concurrency",
                   test_refresh_once_under_concurrency);
  g_test_add_func ("/client-session/failed-refresh-expires-session",
                   test_failed_refresh_expires_session);
  g_test_add_func ("/client-session/signed-out-elsewhere", test_signed_out_elsewhere);

  server = cp_test_server_start_with (CP_TEST_SERVER_DEMO, args);
  ret = g_test_run ();
  cp_test_server_stop (server);
  return ret;
}
