/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-account-private.h"
#include "cp-client-auth.h"
#include "cp-client-error.h"
#include "cp-client-private.h"

/* Signing in and out, restoring a remembered session, the unauthenticated
 * account routes and GET /me. */

static char *
normalize_email (const char *email)
{
  g_autofree char *stripped = g_strstrip (g_strdup (email));

  return g_ascii_strdown (stripped, -1);
}

static void
login_store_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);

  if (!cp_token_store_store_finish (CP_TOKEN_STORE (object), result, &req->store_error))
    g_message ("Could not remember the session: %s", req->store_error->message);
  if (self->account != NULL)
    g_task_return_pointer (task, g_object_ref (self->account), g_object_unref);
  else
    g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED,
                             _("Your session has ended. Sign in again."));
}

static void
restore_store_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cp_token_store_store_finish (CP_TOKEN_STORE (object), result, &error))
    g_message ("Could not remember the session: %s", error->message);
}

/* A login or a restored session: the client takes it over, then the
 * refresh token goes to the token store. A login waits for the store,
 * whose failure the user is told of (the login will not be remembered);
 * a restored session is handed over at once and its rotated token stored
 * in the background (the keyring had it already, and the session is
 * valid as soon as the server answered): the start does not wait for a
 * keyring write before showing the account. */
static void
session_reply_cb (GTask    *task,
                  JsonNode *root)
{
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  CpAuthReply *reply = cp_auth_reply_new_from_json (root, &error);

  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cp_client_begin_session (self, reply, req->login_email);
  cp_auth_reply_free (reply);
  if (self->token_store != NULL
      && g_task_get_source_tag (task) == cp_client_restore_session_async)
    {
      cp_token_store_store_async (self->token_store, self->base_url, self->email,
                                  self->refresh_token, NULL, restore_store_done_cb, NULL);
    }
  else if (self->token_store != NULL)
    {
      cp_token_store_store_async (self->token_store, self->base_url, self->email,
                                  self->refresh_token, NULL, login_store_done_cb,
                                  g_object_ref (task));
      return;
    }
  g_task_return_pointer (task, g_object_ref (self->account), g_object_unref);
}

void
cp_client_login_async (CpClient            *self,
                       const char          *email,
                       const char          *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  req = cp_request_new (self, "POST", cp_client_api_url (self, "auth", "login", NULL));
  /* The device's name and the app's version, for the user's list of
   * signed-in devices. */
  req->body = cp_client_strings_body ("email", email, "password", password,
                                      "device_name", g_get_host_name (),
                                      "app_version", PACKAGE_VERSION, NULL);
  req->auth = CP_REQUEST_AUTH_NONE;
  req->reply = session_reply_cb;
  req->login_email = normalize_email (email);
  cp_client_start (self, req, cp_client_login_async, cancellable, callback, user_data);
}

CpAccount *
cp_client_login_finish (CpClient      *self,
                        GAsyncResult  *result,
                        GError       **store_error,
                        GError       **error)
{
  CpAccount *account = cp_client_finish_pointer (self, result, cp_client_login_async, error);
  CpRequest *req = g_task_get_task_data (G_TASK (result));

  if (account != NULL && req->store_error != NULL && store_error != NULL)
    *store_error = g_error_copy (req->store_error);
  return account;
}

/* A remembered session the server refuses is forgotten, so that the next
 * start does not try it again. */
static void
restore_failed_cb (GTask *task,
                   guint  status)
{
  CpRequest *req = g_task_get_task_data (task);

  if (status == 400 || status == 401)
    cp_client_forget_stored (g_task_get_source_object (task), req->login_email);
}

static void
restore_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token = cp_token_store_lookup_finish (CP_TOKEN_STORE (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      cp_client_wipe_free (token);
      return;
    }

  req->body = cp_client_strings_body ("refresh_token", token, NULL);
  cp_client_wipe_free (token);
  self->n_refreshes++;
  cp_client_send (task);
}

void
cp_client_restore_session_async (CpClient            *self,
                                 const char          *email,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  req = cp_request_new (self, "POST", cp_client_api_url (self, "auth", "refresh", NULL));
  req->auth = CP_REQUEST_AUTH_NONE;
  req->retry = FALSE;
  req->reply = session_reply_cb;
  req->failed = restore_failed_cb;
  req->login_email = normalize_email (email);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_client_restore_session_async);
  g_task_set_task_data (task, req, (GDestroyNotify) cp_request_free);
  g_task_set_check_cancellable (task, TRUE);

  if (self->token_store == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  cp_token_store_lookup_async (self->token_store, self->base_url, req->login_email,
                               cancellable, restore_lookup_cb, g_object_ref (task));
}

/**
 * cp_client_restore_session_finish:
 *
 * Returns: (transfer full) (nullable): the account, %NULL (without error)
 *   when no session was stored
 */
CpAccount *
cp_client_restore_session_finish (CpClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_restore_session_async, error);
}

/* Hands a task's boolean result or error on to the task in @user_data. */
static void
forward_boolean_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cp_client_refresh_async (CpClient            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  GTask *waiter;

  g_return_if_fail (CP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_client_refresh_async);
  /* The refresh is shared by every call waiting for it: only this call's
   * wait may be cancelled, not the refresh. The waiter takes @task. */
  waiter = g_task_new (self, NULL, forward_boolean_cb, task);
  cp_client_join_refresh (self, waiter);
  g_object_unref (waiter);
}

CP_CLIENT_DEFINE_BOOLEAN_FINISH (refresh)

void
cp_client_logout_async (CpClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_client_logout_async);

  if (self->access_token != NULL)
    {
      req = cp_request_new (self, "POST", cp_client_api_url (self, "auth", "logout", NULL));
      req->refresh_on_expiry = FALSE;
      cp_client_start (self, req, cp_client_logout_async, NULL, forward_boolean_cb,
                       g_object_ref (task));
    }
  else
    g_task_return_boolean (task, TRUE);

  /* The local part does not wait for the server: the request above already
   * carries the token, and nothing may use the session any more. */
  cp_client_forget_stored (self, self->email);
  g_clear_pointer (&self->email, g_free);
  cp_client_end_session (self);
}

CP_CLIENT_DEFINE_BOOLEAN_FINISH (logout)

/* The account routes that need no session answer nothing but success:
 * one row each, path and the members of the body (wiped after use, as it
 * may hold a password). */
typedef struct
{
  const char *path;
  gboolean with_code;
} AccountRoute;

static const AccountRoute request_invitation_route = { "invitations", FALSE };
static const AccountRoute verify_route = { "verify", TRUE };
static const AccountRoute request_password_reset_route = { "password-reset", FALSE };
static const AccountRoute confirm_password_reset_route = { "password-reset/confirm", TRUE };

static void
start_account_route (CpClient            *self,
                     const AccountRoute  *route,
                     const char          *email,
                     const char          *code,
                     const char          *password,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_auto(GStrv) segments = g_strsplit (route->path, "/", 2);
  CpRequest *req;

  req = cp_request_new (self, "POST",
                        cp_client_api_url (self, "auth", segments[0], segments[1], NULL));
  req->auth = CP_REQUEST_AUTH_NONE;
  if (route->with_code)
    req->body = cp_client_strings_body ("email", email, "code", code, "password", password,
                                        NULL);
  else
    req->body = cp_client_strings_body ("email", email, NULL);
  cp_client_start (self, req, source_tag, cancellable, callback, user_data);
}

/* POST /auth/{invitations,password-reset} {email} */
#define DEFINE_EMAIL_ROUTE(name)                                                        \
  void                                                                                 \
  cp_client_##name##_async (CpClient *self, const char *email, GCancellable *cancellable, \
                            GAsyncReadyCallback callback, gpointer user_data)          \
  {                                                                                    \
    g_return_if_fail (CP_IS_CLIENT (self));                                            \
    g_return_if_fail (email != NULL);                                                  \
                                                                                       \
    start_account_route (self, &name##_route, email, NULL, NULL, cp_client_##name##_async, \
                         cancellable, callback, user_data);                            \
  }                                                                                    \
                                                                                       \
  CP_CLIENT_DEFINE_BOOLEAN_FINISH (name)

/* POST /auth/{verify,password-reset/confirm} {email, code, password} */
#define DEFINE_CODE_ROUTE(name)                                                         \
  void                                                                                 \
  cp_client_##name##_async (CpClient            *self,                                 \
                            const char          *email,                                \
                            const char          *code,                                 \
                            const char          *password,                             \
                            GCancellable        *cancellable,                          \
                            GAsyncReadyCallback  callback,                             \
                            gpointer             user_data)                            \
  {                                                                                    \
    g_return_if_fail (CP_IS_CLIENT (self));                                            \
    g_return_if_fail (email != NULL && code != NULL && password != NULL);              \
                                                                                       \
    start_account_route (self, &name##_route, email, code, password,                   \
                         cp_client_##name##_async, cancellable, callback, user_data);  \
  }                                                                                    \
                                                                                       \
  CP_CLIENT_DEFINE_BOOLEAN_FINISH (name)

DEFINE_EMAIL_ROUTE (request_invitation)
DEFINE_CODE_ROUTE (verify)
DEFINE_EMAIL_ROUTE (request_password_reset)
DEFINE_CODE_ROUTE (confirm_password_reset)

/* GET /me also brings the account property up to date, unless the session
 * it was asked in has ended meanwhile. */
static void
me_reply_cb (GTask    *task,
             JsonNode *root)
{
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  CpAccount *account = cp_json_build_object (root, cp_account_parse, &error);

  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (req->generation == self->generation)
    cp_client_set_account (self, account);
  g_task_return_pointer (task, account, g_object_unref);
}

void
cp_client_get_me_async (CpClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));

  req = cp_request_new (self, "GET", cp_client_api_url (self, "me", NULL));
  req->reply = me_reply_cb;
  cp_client_start (self, req, cp_client_get_me_async, cancellable, callback, user_data);
}

/**
 * cp_client_get_me_finish:
 *
 * Returns: (transfer full): the signed-in user
 */
CpAccount *
cp_client_get_me_finish (CpClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_get_me_async, error);
}
