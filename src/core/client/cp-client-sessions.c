/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include "cp-client-private.h"
#include "cp-client-sessions.h"
#include "cp-session-private.h"

/* Signed-in devices: the user's own sessions, ending one or all others. */

static const CpListRoute sessions_route = { "me/sessions", cp_session_get_type, cp_session_parse };

void
cp_client_list_sessions_async (CpClient            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CP_IS_CLIENT (self));

  cp_client_start_list (self, &sessions_route, NULL, NULL, NULL, NULL, 0,
                        cp_client_list_sessions_async, cancellable, callback, user_data);
}

/**
 * cp_client_list_sessions_finish:
 *
 * Returns: (transfer full): a #GListModel of #CpSession
 */
GListModel *
cp_client_list_sessions_finish (CpClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return cp_client_finish_list (self, result, cp_client_list_sessions_async, NULL, error);
}

void
cp_client_revoke_session_async (CpClient            *self,
                                const char          *session_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (session_id != NULL);

  cp_client_start (self,
                   cp_request_new (self, "DELETE",
                                   cp_client_api_url (self, "me", "sessions", session_id, NULL)),
                   cp_client_revoke_session_async, cancellable, callback, user_data);
}

CP_CLIENT_DEFINE_BOOLEAN_FINISH (revoke_session)

void
cp_client_revoke_other_sessions_async (CpClient            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CP_IS_CLIENT (self));

  cp_client_start (self,
                   cp_request_new (self, "POST",
                                   cp_client_api_url (self, "me", "sessions", "revoke-others",
                                                      NULL)),
                   cp_client_revoke_other_sessions_async, cancellable, callback, user_data);
}

CP_CLIENT_DEFINE_BOOLEAN_FINISH (revoke_other_sessions)
