/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-client.h"
#include "cp-config.h"

G_BEGIN_DECLS

/* The configuration and the online-payments setting (cp-client-settings.c). */

/* GET /config (no auth), every time; the answer replaces the cached
 * configuration. Finish: (transfer full) CpConfig. */
void          cp_client_get_config_async    (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CpConfig     *cp_client_get_config_finish   (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The cached configuration, fetched only when there is none yet: what
 * views use. Finish: (transfer full) CpConfig. */
void          cp_client_ensure_config_async  (CpClient            *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CpConfig     *cp_client_ensure_config_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* GET /settings/online-payments. Finish: TRUE on success, @enabled set. */
void          cp_client_get_online_payments_async  (CpClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      cp_client_get_online_payments_finish (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    gboolean            *enabled,
                                                    GError             **error);

/* PUT /settings/online-payments (admin). */
void          cp_client_set_online_payments_async  (CpClient            *self,
                                                    gboolean             enabled,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      cp_client_set_online_payments_finish (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
