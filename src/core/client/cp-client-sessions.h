/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-client.h"
#include "cp-session.h"

G_BEGIN_DECLS

/* Signed-in devices of the logged-in user (cp-client-sessions.c). */

/* GET /me/sessions: a #GListModel of #CpSession, most recently used first. */
void        cp_client_list_sessions_async          (CpClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GListModel *cp_client_list_sessions_finish         (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* DELETE /me/sessions/{id}: signs that device out. */
void        cp_client_revoke_session_async         (CpClient            *self,
                                                    const char          *session_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    cp_client_revoke_session_finish        (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* POST /me/sessions/revoke-others: signs out every device but this one. */
void        cp_client_revoke_other_sessions_async  (CpClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    cp_client_revoke_other_sessions_finish (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
