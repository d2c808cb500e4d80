/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-autopay.h"
#include "cp-client.h"

G_BEGIN_DECLS

/* AutoPay (cp-client-autopay.c). */

/* GET /customers/{id}/autopay, its terms worded for @terms_method_id (one
 * of the customer's payment methods), or when %NULL for the method AutoPay
 * pays with, else the primary one. */
void       cp_client_get_autopay_async   (CpClient            *self,
                                          const char          *customer_id,
                                          const char          *terms_method_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CpAutopay *cp_client_get_autopay_finish  (CpClient            *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* PUT /customers/{id}/autopay: on with @payment_method_id under the terms
 * of @terms_version (the customer's own consent), or off (@payment_method_id
 * and @terms_version %NULL). */
void       cp_client_set_autopay_async   (CpClient            *self,
                                          const char          *customer_id,
                                          const char          *payment_method_id,
                                          const char          *terms_version,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CpAutopay *cp_client_set_autopay_finish  (CpClient            *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
