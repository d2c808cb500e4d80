/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include "cp-token-store.h"

G_DEFINE_QUARK (cp-token-store-error-quark, cp_token_store_error)

G_DEFINE_INTERFACE (CpTokenStore, cp_token_store, G_TYPE_OBJECT)

/* The stores answer with a GTask whose source object is the store: unless
 * a store sets its own, these are their finish functions. */
static gboolean
task_finish_boolean (CpTokenStore  *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
task_finish_token (CpTokenStore  *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cp_token_store_default_init (CpTokenStoreInterface *iface)
{
  iface->store_finish = task_finish_boolean;
  iface->lookup_finish = task_finish_token;
  iface->delete_finish = task_finish_boolean;
}

/**
 * cp_token_store_store_async:
 * @server: the server's base URL
 * @email: the login
 * @refresh_token: the secret to keep, replacing any for (@server, @email)
 *
 * Remembers a refresh token.
 */
void
cp_token_store_store_async (CpTokenStore        *self,
                            const char          *server,
                            const char          *email,
                            const char          *refresh_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CP_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL && email != NULL && refresh_token != NULL);

  CP_TOKEN_STORE_GET_IFACE (self)->store_async (self, server, email, refresh_token,
                                                cancellable, callback, user_data);
}

gboolean
cp_token_store_store_finish (CpTokenStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CP_IS_TOKEN_STORE (self), FALSE);
  return CP_TOKEN_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

/**
 * cp_token_store_lookup_async:
 *
 * Looks up the refresh token remembered for (@server, @email).
 */
void
cp_token_store_lookup_async (CpTokenStore        *self,
                             const char          *server,
                             const char          *email,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CP_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL && email != NULL);

  CP_TOKEN_STORE_GET_IFACE (self)->lookup_async (self, server, email, cancellable, callback,
                                                 user_data);
}

/**
 * cp_token_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the token, or %NULL without an error
 *   when none is stored
 */
char *
cp_token_store_lookup_finish (CpTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CP_IS_TOKEN_STORE (self), NULL);
  return CP_TOKEN_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

/**
 * cp_token_store_delete_async:
 *
 * Forgets the token for (@server, @email); nothing stored is no error.
 */
void
cp_token_store_delete_async (CpTokenStore        *self,
                             const char          *server,
                             const char          *email,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CP_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL && email != NULL);

  CP_TOKEN_STORE_GET_IFACE (self)->delete_async (self, server, email, cancellable, callback,
                                                 user_data);
}

gboolean
cp_token_store_delete_finish (CpTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CP_IS_TOKEN_STORE (self), FALSE);
  return CP_TOKEN_STORE_GET_IFACE (self)->delete_finish (self, result, error);
}
