/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include "cp-client-customers.h"
#include "cp-client-private.h"
#include "cp-customer-private.h"
#include "cp-visit-private.h"

/* Customers (staff search and booking, a customer's own record) and their
 * service history. */

enum
{
  LIST_CUSTOMERS,
  LIST_SERVICE_HISTORY,
};

static const CpListRoute lists[] = {
  [LIST_CUSTOMERS] = { "customers", cp_customer_get_type, cp_customer_parse },
  [LIST_SERVICE_HISTORY] = { "service-history", cp_visit_get_type, cp_visit_parse },
};

void
cp_client_list_customers_async (CpClient            *self,
                                const char          *query,
                                const char          *cursor,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CP_IS_CLIENT (self));

  cp_client_start_list (self, &lists[LIST_CUSTOMERS], NULL,
                        "query", query != NULL && *query != '\0' ? query : NULL, cursor, limit,
                        cp_client_list_customers_async, cancellable, callback, user_data);
}

CP_CLIENT_DEFINE_LIST_FINISH (list_customers)

CP_CLIENT_DEFINE_CUSTOMER_LIST (list_service_history, &lists[LIST_SERVICE_HISTORY])

void
cp_client_create_customer_async (CpClient            *self,
                                 const char          *name,
                                 const char          *email,
                                 const char          *phone,
                                 const char          *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  req = cp_request_new_object (self, "POST", cp_client_api_url (self, "customers", NULL),
                               cp_customer_parse);
  req->body = cp_client_strings_body ("name", name, "email", email, "phone", phone,
                                      "address", address, NULL);
  cp_client_start (self, req, cp_client_create_customer_async, cancellable, callback,
                   user_data);
}

/**
 * cp_client_create_customer_finish:
 *
 * Returns: (transfer full): the new customer
 */
CpCustomer *
cp_client_create_customer_finish (CpClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_create_customer_async, error);
}

void
cp_client_get_customer_async (CpClient            *self,
                              const char          *customer_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  cp_client_start (self,
                   cp_request_new_object (self, "GET",
                                          cp_client_api_url (self, "customers", customer_id,
                                                             NULL),
                                          cp_customer_parse),
                   cp_client_get_customer_async, cancellable, callback, user_data);
}

/**
 * cp_client_get_customer_finish:
 *
 * Returns: (transfer full): the customer
 */
CpCustomer *
cp_client_get_customer_finish (CpClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_get_customer_async, error);
}
