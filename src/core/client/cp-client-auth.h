/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-account.h"
#include "cp-client.h"

G_BEGIN_DECLS

/* The session routes of #CpClient (cp-client-auth.c). */

/* POST /auth/login. On success the client holds the session, hands the
 * refresh token to the token store (a store failure does not fail the
 * login: see cp_client_login_finish()'s @store_error) and returns the
 * user. */
void          cp_client_login_async         (CpClient            *self,
                                             const char          *email,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/**
 * cp_client_login_finish:
 * @store_error: (out) (optional) (nullable): set when the login worked but
 *   the refresh token could not be remembered (e.g. no keyring)
 *
 * Returns: (transfer full): the signed-in account
 */
CpAccount    *cp_client_login_finish        (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **store_error,
                                             GError             **error);

/* Looks up the refresh token stored for (server, @email), refreshes it
 * (POST /auth/refresh) and stores the rotated one. Finish: the account, or
 * %NULL with no error when nothing was stored. */
void          cp_client_restore_session_async  (CpClient            *self,
                                                const char          *email,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CpAccount    *cp_client_restore_session_finish (CpClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* POST /auth/refresh with the current refresh token (normally automatic). */
void          cp_client_refresh_async       (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      cp_client_refresh_finish      (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /auth/logout, then forget the session locally and delete the stored
 * token. The local part happens even when the server cannot be reached;
 * the error then only reports it. */
void          cp_client_logout_async        (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      cp_client_logout_finish       (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /auth/invitations. */
void          cp_client_request_invitation_async  (CpClient            *self,
                                                   const char          *email,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      cp_client_request_invitation_finish (CpClient            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /auth/verify: creates the account. */
void          cp_client_verify_async        (CpClient            *self,
                                             const char          *email,
                                             const char          *code,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      cp_client_verify_finish       (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /auth/password-reset. */
void          cp_client_request_password_reset_async  (CpClient            *self,
                                                       const char          *email,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      cp_client_request_password_reset_finish (CpClient            *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* POST /auth/password-reset/confirm. */
void          cp_client_confirm_password_reset_async  (CpClient            *self,
                                                       const char          *email,
                                                       const char          *code,
                                                       const char          *password,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      cp_client_confirm_password_reset_finish (CpClient            *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* GET /me. Also updates the account property. */
void          cp_client_get_me_async        (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CpAccount    *cp_client_get_me_finish       (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
