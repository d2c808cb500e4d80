/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-card.h"
#include "cp-client.h"

G_BEGIN_DECLS

/* Saved cards and their history (cp-client-cards.c). */

/* GET /customers/{id}/payment-methods. Finish: a #GListModel of #CpCard. */
void          cp_client_list_payment_methods_async  (CpClient            *self,
                                                     const char          *customer_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel   *cp_client_list_payment_methods_finish (CpClient            *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST /customers/{id}/payment-methods with a vault token. */
void          cp_client_add_payment_method_async  (CpClient            *self,
                                                   const char          *customer_id,
                                                   const char          *card_token,
                                                   gboolean             make_primary,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CpCard       *cp_client_add_payment_method_finish (CpClient            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* PATCH /customers/{id}/payment-methods/{pm} {"is_primary": true}. */
void          cp_client_set_primary_payment_method_async  (CpClient            *self,
                                                           const char          *customer_id,
                                                           const char          *payment_method_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
CpCard       *cp_client_set_primary_payment_method_finish (CpClient            *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* DELETE /customers/{id}/payment-methods/{pm}. The method AutoPay pays
 * with is deleted only with @turn_off_autopay (which turns AutoPay off in
 * the same step); without, that fails with CP_CLIENT_ERROR_AUTOPAY_METHOD. */
void          cp_client_delete_payment_method_async  (CpClient            *self,
                                                      const char          *customer_id,
                                                      const char          *payment_method_id,
                                                      gboolean             turn_off_autopay,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean      cp_client_delete_payment_method_finish (CpClient            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET /customers/{id}/payment-methods/history: #CpCardEvent items. */
void          cp_client_list_payment_method_history_async  (CpClient            *self,
                                                            const char          *customer_id,
                                                            const char          *cursor,
                                                            guint                limit,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GListModel   *cp_client_list_payment_method_history_finish (CpClient            *self,
                                                            GAsyncResult        *result,
                                                            char               **next_cursor,
                                                            GError             **error);

/* GET /payment-methods: the office's Saved Payment Methods report, as
 * cp_client_list_customers_async(). */
void          cp_client_list_saved_payment_methods_async  (CpClient            *self,
                                                           CpExpiryFilter       filter,
                                                           guint                within_days,
                                                           const char          *type,
                                                           const char          *cursor,
                                                           guint                limit,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GListModel   *cp_client_list_saved_payment_methods_finish (CpClient            *self,
                                                           GAsyncResult        *result,
                                                           char               **next_cursor,
                                                           GError             **error);

G_END_DECLS
