/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include "cp-autopay-private.h"
#include "cp-client-autopay.h"
#include "cp-client-private.h"

/* AutoPay: whether the portal pays a customer's invoices on their due
 * dates by itself, with which payment method, under which consent. */

void
cp_client_get_autopay_async (CpClient            *self,
                             const char          *customer_id,
                             const char          *terms_method_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  char *url;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  url = cp_client_api_url (self, "customers", customer_id, "autopay", NULL);
  if (terms_method_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (terms_method_id, NULL, FALSE);
      char *with_query = g_strconcat (url, "?payment_method_id=", escaped, NULL);

      g_free (url);
      url = with_query;
    }
  cp_client_start (self, cp_request_new_object (self, "GET", url, cp_autopay_parse),
                   cp_client_get_autopay_async, cancellable, callback, user_data);
}

/**
 * cp_client_get_autopay_finish:
 *
 * Returns: (transfer full): the customer's AutoPay
 */
CpAutopay *
cp_client_get_autopay_finish (CpClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_get_autopay_async, error);
}

void
cp_client_set_autopay_async (CpClient            *self,
                             const char          *customer_id,
                             const char          *payment_method_id,
                             const char          *terms_version,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail ((payment_method_id == NULL) == (terms_version == NULL));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, payment_method_id != NULL);
  if (payment_method_id != NULL)
    {
      json_builder_set_member_name (builder, "payment_method_id");
      json_builder_add_string_value (builder, payment_method_id);
      json_builder_set_member_name (builder, "consent_version");
      json_builder_add_string_value (builder, terms_version);
    }
  json_builder_end_object (builder);

  req = cp_request_new_object (self, "PUT",
                               cp_client_api_url (self, "customers", customer_id, "autopay",
                                                  NULL),
                               cp_autopay_parse);
  req->body = cp_client_json_body (builder);
  cp_client_start (self, req, cp_client_set_autopay_async, cancellable, callback, user_data);
}

/**
 * cp_client_set_autopay_finish:
 *
 * Returns: (transfer full): the customer's AutoPay, as changed
 */
CpAutopay *
cp_client_set_autopay_finish (CpClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_set_autopay_async, error);
}
