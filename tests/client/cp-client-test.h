/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-core.h"
/* The test-only hooks of the core. */
#include "cp-client-private.h"
#include "cp-memory-token-store-private.h"

/* Runs the main context until an async call hands back its result. */
static inline void
cp_test_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline GAsyncResult *
cp_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Declares a result slot, starts CALL (whose last two arguments must be
 * cp_test_result_cb, &res), and waits. */
#define CP_AWAIT(res, call) \
  G_STMT_START { g_clear_object (&res); call; cp_test_wait (&res); } G_STMT_END

static inline CpClient *
cp_test_client_new (const char *url)
{
  g_autoptr(GError) error = NULL;
  CpClient *client = cp_client_new (url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  /* Fast retries keep the tests in seconds. */
  cp_client_set_retry_policy (client, 5, 40, 4);
  return client;
}

static inline CpAccount *
cp_test_login (CpClient   *client,
               const char *email,
               const char *password)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  CpAccount *account;

  CP_AWAIT (res, cp_client_login_async (client, email, password, NULL, cp_test_result_cb, &res));
  account = cp_client_login_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static inline gboolean
cp_test_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
cp_test_sleep (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, cp_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
