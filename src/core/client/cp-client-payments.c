/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include "cp-client-payments.h"
#include "cp-client-private.h"
#include "cp-invoice-private.h"
#include "cp-payment-private.h"

/* A customer's invoices, and paying them with a saved card. */

enum
{
  LIST_INVOICES,
  LIST_PAYMENTS,
};

static const CpListRoute lists[] = {
  [LIST_INVOICES] = { "invoices", cp_invoice_get_type, cp_invoice_parse },
  [LIST_PAYMENTS] = { "payments", cp_payment_get_type, cp_payment_parse },
};

void
cp_client_list_invoices_async (CpClient            *self,
                               const char          *customer_id,
                               CpInvoiceFilter      filter,
                               const char          *cursor,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  static const char *filters[] = { "all", "open", "paid" };

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (filter <= CP_INVOICE_FILTER_PAID);

  cp_client_start_list (self, &lists[LIST_INVOICES], customer_id, "status", filters[filter],
                        cursor, limit, cp_client_list_invoices_async, cancellable, callback,
                        user_data);
}

CP_CLIENT_DEFINE_LIST_FINISH (list_invoices)

CP_CLIENT_DEFINE_CUSTOMER_LIST (list_payments, &lists[LIST_PAYMENTS])

/**
 * cp_client_new_idempotency_key:
 *
 * Returns: (transfer full): a new random (version 4) UUID
 */
char *
cp_client_new_idempotency_key (void)
{
  return g_uuid_string_random ();
}

void
cp_client_create_payment_async (CpClient            *self,
                                const char          *customer_id,
                                const char * const  *invoice_ids,
                                const CpMoney       *amount,
                                const char          *payment_method_id,
                                const char          *idempotency_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  cp_client_create_payment_with_memo_async (self, customer_id, invoice_ids, amount,
                                            payment_method_id, NULL, idempotency_key,
                                            cancellable, callback, user_data);
}

/**
 * cp_client_create_payment_with_memo_async:
 * @memo: (nullable): a note kept with the payment (the office's, e.g. what
 *   the caller said); part of the body the idempotency key is for
 *
 * As cp_client_create_payment_async(); finish with
 * cp_client_create_payment_finish().
 */
void
cp_client_create_payment_with_memo_async (CpClient            *self,
                                          const char          *customer_id,
                                          const char * const  *invoice_ids,
                                          const CpMoney       *amount,
                                          const char          *payment_method_id,
                                          const char          *memo,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL && invoice_ids != NULL);
  g_return_if_fail (amount != NULL && payment_method_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "invoice_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; invoice_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, invoice_ids[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, cp_money_get_amount (amount));
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, cp_money_get_currency (amount));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "payment_method_id");
  json_builder_add_string_value (builder, payment_method_id);
  if (memo != NULL && *memo != '\0')
    {
      json_builder_set_member_name (builder, "memo");
      json_builder_add_string_value (builder, memo);
    }
  json_builder_end_object (builder);

  req = cp_request_new_object (self, "POST",
                               cp_client_api_url (self, "customers", customer_id, "payments",
                                                  NULL),
                               cp_payment_parse);
  /* One body and one key for every attempt: the server replays the first
   * answer instead of charging twice. */
  req->body = cp_client_json_body (builder);
  req->idempotency_key = idempotency_key ? g_strdup (idempotency_key)
                                         : cp_client_new_idempotency_key ();
  req->retry = TRUE;
  cp_client_start (self, req, cp_client_create_payment_async, cancellable, callback, user_data);
}

/**
 * cp_client_create_payment_finish:
 *
 * Returns: (transfer full): the payment
 */
CpPayment *
cp_client_create_payment_finish (CpClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_create_payment_async, error);
}
