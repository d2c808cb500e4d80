/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-client.h"
#include "cp-money.h"
#include "cp-payment.h"
#include "cp-types.h"

G_BEGIN_DECLS

/* Invoices and payments (cp-client-payments.c). */

/* GET /customers/{id}/invoices?status=: one page, as
 * cp_client_list_customers_async(). */
void          cp_client_list_invoices_async  (CpClient            *self,
                                              const char          *customer_id,
                                              CpInvoiceFilter      filter,
                                              const char          *cursor,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel   *cp_client_list_invoices_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              char               **next_cursor,
                                              GError             **error);

/**
 * cp_client_create_payment_async:
 * @invoice_ids: (array zero-terminated=1): the invoices paid
 * @amount: the amount charged
 * @idempotency_key: (nullable): the key of this payment attempt; %NULL makes
 *   a new one. Pass the same key (see cp_client_new_idempotency_key()) when
 *   the user retries the same payment after an error, so that it is never
 *   charged twice. The client's own retries always reuse the key and body.
 *
 * POST /customers/{id}/payments.
 */
void          cp_client_create_payment_async  (CpClient            *self,
                                               const char          *customer_id,
                                               const char * const  *invoice_ids,
                                               const CpMoney       *amount,
                                               const char          *payment_method_id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void          cp_client_create_payment_with_memo_async (CpClient            *self,
                                                        const char          *customer_id,
                                                        const char * const  *invoice_ids,
                                                        const CpMoney       *amount,
                                                        const char          *payment_method_id,
                                                        const char          *memo,
                                                        const char          *idempotency_key,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CpPayment    *cp_client_create_payment_finish (CpClient            *self,
                                               GAsyncResult        *result,
                                               GError             **error);
char         *cp_client_new_idempotency_key   (void) G_GNUC_WARN_UNUSED_RESULT;

/* GET /customers/{id}/payments: #CpPayment items. */
void          cp_client_list_payments_async  (CpClient            *self,
                                              const char          *customer_id,
                                              const char          *cursor,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel   *cp_client_list_payments_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              char               **next_cursor,
                                              GError             **error);

G_END_DECLS
