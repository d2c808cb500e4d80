/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include "cp-card-event-private.h"
#include "cp-card-private.h"
#include "cp-client-cards.h"
#include "cp-client-private.h"

/* A customer's saved cards (payment methods) and their history. Card
 * digits never come here: only the vault's token does (cp-client-vault.c). */

enum
{
  LIST_PAYMENT_METHODS,
  LIST_PAYMENT_METHOD_HISTORY,
  LIST_SAVED_PAYMENT_METHODS,
};

static const CpListRoute lists[] = {
  [LIST_PAYMENT_METHODS] = { "payment-methods", cp_card_get_type, cp_card_parse },
  [LIST_PAYMENT_METHOD_HISTORY] = { "payment-methods/history", cp_card_event_get_type,
                                    cp_card_event_parse },
  /* Below the API root: every customer's (staff only). */
  [LIST_SAVED_PAYMENT_METHODS] = { "payment-methods", cp_card_get_type, cp_card_parse },
};

/**
 * cp_client_list_saved_payment_methods_async:
 * @filter: which, by expiry
 * @within_days: with %CP_EXPIRY_FILTER_EXPIRING, the days ahead (1..3650)
 * @type: (nullable): one payment type ("card"), or %NULL for all
 *
 * GET /payment-methods: the Saved Payment Methods report across customers
 * (staff and admins), soonest expiry first, one page; each #CpCard carries
 * its customer.
 */
void
cp_client_list_saved_payment_methods_async (CpClient            *self,
                                            CpExpiryFilter       filter,
                                            guint                within_days,
                                            const char          *type,
                                            const char          *cursor,
                                            guint                limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  static const char *filters[] = { "all", "expired", "expiring" };
  g_autofree char *days = NULL;
  const char *query[6];

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (filter <= CP_EXPIRY_FILTER_EXPIRING);

  if (filter == CP_EXPIRY_FILTER_EXPIRING)
    days = g_strdup_printf ("%u", CLAMP (within_days, 1, 3650));
  query[0] = "status";
  query[1] = filters[filter];
  query[2] = "within_days";
  query[3] = days;
  query[4] = "type";
  query[5] = type;
  cp_client_start_list_query (self, &lists[LIST_SAVED_PAYMENT_METHODS], NULL, query, 3, cursor,
                              limit, cp_client_list_saved_payment_methods_async, cancellable,
                              callback, user_data);
}

CP_CLIENT_DEFINE_LIST_FINISH (list_saved_payment_methods)

/* The saved cards come in one page: no cursor, no limit. */
void
cp_client_list_payment_methods_async (CpClient            *self,
                                      const char          *customer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  cp_client_start_list (self, &lists[LIST_PAYMENT_METHODS], customer_id, NULL, NULL, NULL, 0,
                        cp_client_list_payment_methods_async, cancellable, callback, user_data);
}

/**
 * cp_client_list_payment_methods_finish:
 *
 * Returns: (transfer full): a #GListModel of #CpCard
 */
GListModel *
cp_client_list_payment_methods_finish (CpClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return cp_client_finish_list (self, result, cp_client_list_payment_methods_async, NULL, error);
}

CP_CLIENT_DEFINE_CUSTOMER_LIST (list_payment_method_history, &lists[LIST_PAYMENT_METHOD_HISTORY])

void
cp_client_add_payment_method_async (CpClient            *self,
                                    const char          *customer_id,
                                    const char          *card_token,
                                    gboolean             make_primary,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (card_token != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "card_token");
  json_builder_add_string_value (builder, card_token);
  json_builder_set_member_name (builder, "make_primary");
  json_builder_add_boolean_value (builder, make_primary);
  json_builder_end_object (builder);

  req = cp_request_new_object (self, "POST",
                               cp_client_api_url (self, "customers", customer_id,
                                                  "payment-methods", NULL),
                               cp_card_parse);
  /* The token stands for a card: the body is wiped too. */
  req->body = cp_client_secret_json_body (builder);
  cp_client_start (self, req, cp_client_add_payment_method_async, cancellable, callback,
                   user_data);
}

/**
 * cp_client_add_payment_method_finish:
 *
 * Returns: (transfer full): the saved card
 */
CpCard *
cp_client_add_payment_method_finish (CpClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_add_payment_method_async, error);
}

void
cp_client_set_primary_payment_method_async (CpClient            *self,
                                            const char          *customer_id,
                                            const char          *payment_method_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL && payment_method_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "is_primary");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  req = cp_request_new_object (self, "PATCH",
                               cp_client_api_url (self, "customers", customer_id,
                                                  "payment-methods", payment_method_id, NULL),
                               cp_card_parse);
  req->body = cp_client_json_body (builder);
  cp_client_start (self, req, cp_client_set_primary_payment_method_async, cancellable, callback,
                   user_data);
}

/**
 * cp_client_set_primary_payment_method_finish:
 *
 * Returns: (transfer full): the card, now primary
 */
CpCard *
cp_client_set_primary_payment_method_finish (CpClient      *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_set_primary_payment_method_async,
                                   error);
}

void
cp_client_delete_payment_method_async (CpClient            *self,
                                       const char          *customer_id,
                                       const char          *payment_method_id,
                                       gboolean             turn_off_autopay,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  char *url;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (customer_id != NULL && payment_method_id != NULL);

  url = cp_client_api_url (self, "customers", customer_id, "payment-methods", payment_method_id,
                           NULL);
  if (turn_off_autopay)
    {
      char *with_query = g_strconcat (url, "?autopay=off", NULL);

      g_free (url);
      url = with_query;
    }
  cp_client_start (self, cp_request_new (self, "DELETE", url),
                   cp_client_delete_payment_method_async, cancellable, callback, user_data);
}

CP_CLIENT_DEFINE_BOOLEAN_FINISH (delete_payment_method)
