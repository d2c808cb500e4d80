/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CP_TOKEN_STORE_ERROR (cp_token_store_error_quark ())

/**
 * CpTokenStoreError:
 * @CP_TOKEN_STORE_ERROR_NO_KEYRING: no Secret Service (no session bus, or
 *   nothing provides org.freedesktop.secrets, or no default collection)
 * @CP_TOKEN_STORE_ERROR_LOCKED: the keyring is locked and was not unlocked
 * @CP_TOKEN_STORE_ERROR_TIMEOUT: the keyring did not answer in time
 * @CP_TOKEN_STORE_ERROR_FAILED: any other keyring failure
 *
 * Errors of the token stores. Their messages are translated and say what
 * the user can do; the app shows them and carries on without remembering
 * the login.
 */
typedef enum
{
  CP_TOKEN_STORE_ERROR_NO_KEYRING,
  CP_TOKEN_STORE_ERROR_LOCKED,
  CP_TOKEN_STORE_ERROR_TIMEOUT,
  CP_TOKEN_STORE_ERROR_FAILED,
} CpTokenStoreError;

GQuark cp_token_store_error_quark (void);

#define CP_TYPE_TOKEN_STORE (cp_token_store_get_type ())

G_DECLARE_INTERFACE (CpTokenStore, cp_token_store, CP, TOKEN_STORE, GObject)

/**
 * CpTokenStoreInterface:
 *
 * Where refresh tokens are kept between runs, one per (server, email).
 * Every call is asynchronous. A store whose calls answer with a #GTask (the
 * store as its source object) may leave the three `_finish` members unset:
 * the interface's defaults propagate the task's result.
 */
struct _CpTokenStoreInterface
{
  GTypeInterface parent_iface;

  void      (*store_async)   (CpTokenStore        *self,
                              const char          *server,
                              const char          *email,
                              const char          *refresh_token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*store_finish)  (CpTokenStore        *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*lookup_async)  (CpTokenStore        *self,
                              const char          *server,
                              const char          *email,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char     *(*lookup_finish) (CpTokenStore        *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*delete_async)  (CpTokenStore        *self,
                              const char          *server,
                              const char          *email,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*delete_finish) (CpTokenStore        *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void      cp_token_store_store_async   (CpTokenStore        *self,
                                        const char          *server,
                                        const char          *email,
                                        const char          *refresh_token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  cp_token_store_store_finish  (CpTokenStore        *self,
                                        GAsyncResult        *result,
                                        GError             **error);
void      cp_token_store_lookup_async  (CpTokenStore        *self,
                                        const char          *server,
                                        const char          *email,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *cp_token_store_lookup_finish (CpTokenStore        *self,
                                        GAsyncResult        *result,
                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void      cp_token_store_delete_async  (CpTokenStore        *self,
                                        const char          *server,
                                        const char          *email,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  cp_token_store_delete_finish (CpTokenStore        *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
