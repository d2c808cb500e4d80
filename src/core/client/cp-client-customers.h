/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-client.h"
#include "cp-customer.h"

G_BEGIN_DECLS

/* Customers and their service history (cp-client-customers.c). */

/*
 * One page of a list route. @cursor is %NULL for the first page, @limit 0
 * for the server's default. Finish: (transfer full) a #GListModel of the
 * items (CpCustomer, CpVisit, CpInvoice, CpCardEvent, CpPayment), and in
 * @next_cursor (out, transfer full, nullable) the cursor of the next page
 * or %NULL on the last one. For whole lists use #CpPagedList.
 */
void          cp_client_list_customers_async   (CpClient            *self,
                                                const char          *query,
                                                const char          *cursor,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GListModel   *cp_client_list_customers_finish  (CpClient            *self,
                                                GAsyncResult        *result,
                                                char               **next_cursor,
                                                GError             **error);

/* POST /customers (staff). */
void          cp_client_create_customer_async  (CpClient            *self,
                                                const char          *name,
                                                const char          *email,
                                                const char          *phone,
                                                const char          *address,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CpCustomer   *cp_client_create_customer_finish (CpClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* GET /customers/{id}. */
void          cp_client_get_customer_async  (CpClient            *self,
                                             const char          *customer_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CpCustomer   *cp_client_get_customer_finish (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /customers/{id}/service-history. */
void          cp_client_list_service_history_async  (CpClient            *self,
                                                     const char          *customer_id,
                                                     const char          *cursor,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel   *cp_client_list_service_history_finish (CpClient            *self,
                                                     GAsyncResult        *result,
                                                     char               **next_cursor,
                                                     GError             **error);

G_END_DECLS
