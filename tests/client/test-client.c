/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-client-test.h"
#include "cp-test-server.h"

/* Every client call against the real reference server with demo data. */

static CpTestServer *server;

static void
test_url_policy (void)
{
  static const struct
  {
    const char *url;
    int error;
  } cases[] = {
    { "https://portal.example.com", -1 },
    { "https://portal.example.com/", -1 },
    { "http://127.0.0.1:8088", -1 },
    { "http://127.1.2.3", -1 },
    { "http://[::1]:8088", -1 },
    { "http://localhost:8088", -1 },
    { "http://portal.example.com", CP_CLIENT_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.com", CP_CLIENT_ERROR_INSECURE_URL },
    { "http://10.0.0.1", CP_CLIENT_ERROR_INSECURE_URL },
    { "http://[::2]", CP_CLIENT_ERROR_INSECURE_URL },
    { "ftp://127.0.0.1", CP_CLIENT_ERROR_INVALID_URL },
    { "portal.example.com", CP_CLIENT_ERROR_INVALID_URL },
    { "https://user:pw@portal.example.com", CP_CLIENT_ERROR_INVALID_URL },
    { "https://portal.example.com/?x=1", CP_CLIENT_ERROR_INVALID_URL },
    { "", CP_CLIENT_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CpClient) client = cp_client_new (cases[i].url, &error);

      g_test_message ("URL “%s”", cases[i].url);
      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (client);
          g_assert_false (g_str_has_suffix (cp_client_get_base_url (client), "/"));
        }
      else
        {
          g_assert_null (client);
          g_assert_error (error, CP_CLIENT_ERROR, cases[i].error);
        }
    }
}

static void
test_config (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = NULL;

  CP_AWAIT (res, cp_client_get_config_async (client, NULL, cp_test_result_cb, &res));
  config = cp_client_get_config_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_config_get_currency (config), ==, "USD");
  g_assert_true (cp_config_get_online_payments_enabled (config));
  g_assert_nonnull (cp_config_get_company_name (config));
  g_assert_true (g_str_has_prefix (cp_config_get_vault_url (config), "http"));
  g_assert_cmpuint (cp_config_get_password_min_length (config), >=, 8);
  g_assert_true (cp_client_get_config (client) == config);
}

static void
test_login_refused (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAccount) account = NULL;

  CP_AWAIT (res, cp_client_login_async (client, "ada@example.com", "not-her-password", NULL,
                                        cp_test_result_cb, &res));
  account = cp_client_login_finish (client, res, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (cp_client_get_logged_in (client));
  g_clear_error (&error);

  /* Routes that need a session fail locally, without a request. */
  CP_AWAIT (res, cp_client_get_me_async (client, NULL, cp_test_result_cb, &res));
  g_assert_null (cp_client_get_me_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_NOT_LOGGED_IN);
}

static void
test_login_me_and_customer (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpAccount) me = NULL;
  g_autoptr(CpCustomer) customer = NULL;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean saw_primary_4242 = FALSE;

  cp_client_set_token_store (client, CP_TOKEN_STORE (store));
  CP_AWAIT (res, cp_client_login_async (client, "Ada@Example.com ", "demo-customer-password",
                                        NULL, cp_test_result_cb, &res));
  account = cp_client_login_finish (client, res, &store_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (store_error);
  g_assert_cmpint (cp_account_get_role (account), ==, CP_ROLE_CUSTOMER);
  g_assert_nonnull (cp_account_get_customer_id (account));
  g_assert_true (cp_client_get_logged_in (client));
  g_assert_true (cp_client_get_account (client) == account);
  g_assert_cmpuint (cp_memory_token_store_get_n_items (store), ==, 1);

  CP_AWAIT (res, cp_client_get_me_async (client, NULL, cp_test_result_cb, &res));
  me = cp_client_get_me_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_account_get_id (me), ==, cp_account_get_id (account));
  g_assert_cmpstr (cp_account_get_email (me), ==, "ada@example.com");

  CP_AWAIT (res, cp_client_get_customer_async (client, cp_account_get_customer_id (account), NULL,
                                               cp_test_result_cb, &res));
  customer = cp_client_get_customer_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_customer_get_id (customer), ==, cp_account_get_customer_id (account));
  g_assert_cmpint (cp_customer_get_portal_account (customer), ==, CP_PORTAL_ACCOUNT_ACTIVE);
  g_assert_cmpint (cp_money_get_amount (cp_customer_get_balance (customer)), >, 0);
  g_assert_true (g_str_has_prefix (cp_customer_get_balance_text (customer), "$"));

  /* Another customer's record is not found, never shown. */
  CP_AWAIT (res, cp_client_get_customer_async (client, "999999", NULL, cp_test_result_cb, &res));
  g_assert_null (cp_client_get_customer_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  CP_AWAIT (res, cp_client_list_payment_methods_async (client, cp_account_get_customer_id (account),
                                                       NULL, cp_test_result_cb, &res));
  cards = cp_client_list_payment_methods_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (cp_card_get_is_primary (card))
        saw_primary_4242 = g_str_equal (cp_card_get_last4 (card), "4242")
                           && cp_card_get_brand (card) == CP_CARD_BRAND_VISA;
    }
  g_assert_true (saw_primary_4242);

  /* A cancelled call finishes as cancelled. */
  g_cancellable_cancel (cancellable);
  CP_AWAIT (res, cp_client_get_me_async (client, cancellable, cp_test_result_cb, &res));
  g_assert_null (cp_client_get_me_finish (client, res, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_lists (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = cp_test_login (client, "ada@example.com", "demo-customer-password");
  const char *id = cp_account_get_customer_id (account);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) page1 = NULL;
  g_autoptr(GListModel) page2 = NULL;
  g_autoptr(GListModel) open = NULL;
  g_autoptr(GListModel) paid = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) payments = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(CpVisit) first = NULL;
  g_autoptr(CpVisit) sixth = NULL;

  CP_AWAIT (res, cp_client_list_service_history_async (client, id, NULL, 5, NULL,
                                                       cp_test_result_cb, &res));
  page1 = cp_client_list_service_history_finish (client, res, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page1), ==, 5);
  g_assert_nonnull (cursor);
  CP_AWAIT (res, cp_client_list_service_history_async (client, id, cursor, 5, NULL,
                                                       cp_test_result_cb, &res));
  page2 = cp_client_list_service_history_finish (client, res, &cursor2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page2), ==, 5);
  first = g_list_model_get_item (page1, 4);
  sixth = g_list_model_get_item (page2, 0);
  /* Newest first, and the pages do not overlap. */
  g_assert_cmpstr (cp_visit_get_id (first), !=, cp_visit_get_id (sixth));
  g_assert_cmpint (g_date_time_compare (cp_visit_get_date (first), cp_visit_get_date (sixth)), >=, 0);

  CP_AWAIT (res, cp_client_list_invoices_async (client, id, CP_INVOICE_FILTER_OPEN, NULL, 0, NULL,
                                                cp_test_result_cb, &res));
  open = cp_client_list_invoices_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (open); i++)
    {
      g_autoptr(CpInvoice) invoice = g_list_model_get_item (open, i);

      g_assert_cmpint (cp_invoice_get_status (invoice), ==, CP_INVOICE_STATUS_OPEN);
      g_assert_cmpint (cp_money_get_amount (cp_invoice_get_balance (invoice)), >, 0);
    }
  CP_AWAIT (res, cp_client_list_invoices_async (client, id, CP_INVOICE_FILTER_PAID, NULL, 0, NULL,
                                                cp_test_result_cb, &res));
  paid = cp_client_list_invoices_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (paid), >, 0);
  CP_AWAIT (res, cp_client_list_invoices_async (client, id, CP_INVOICE_FILTER_ALL, NULL, 100, NULL,
                                                cp_test_result_cb, &res));
  all = cp_client_list_invoices_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==,
                    g_list_model_get_n_items (open) + g_list_model_get_n_items (paid));

  CP_AWAIT (res, cp_client_list_payment_method_history_async (client, id, NULL, 0, NULL,
                                                              cp_test_result_cb, &res));
  events = cp_client_list_payment_method_history_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 2);

  CP_AWAIT (res, cp_client_list_payments_async (client, id, NULL, 0, NULL, cp_test_result_cb, &res));
  payments = cp_client_list_payments_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (payments) == CP_TYPE_PAYMENT);
}

static CpCard *
add_card (CpClient   *client,
          const char *customer_id,
          const char *number,
          const char *cvc,
          gboolean    make_primary)
{
  g_autoptr(CpCardInput) input = cp_card_input_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCardToken) token = NULL;
  CpCard *card;

  cp_card_input_set_number (input, number);
  cp_card_input_set_cvc (input, cvc);
  cp_card_input_set_expiry (input, 12, 2031);
  g_assert_true (cp_card_input_validate (input, NULL, &error));
  CP_AWAIT (res, cp_client_tokenize_card_async (client, input, "Ada Lovelace", "12345", NULL,
                                                cp_test_result_cb, &res));
  cp_card_input_wipe (input);
  token = cp_client_tokenize_card_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_card_token_get_last4 (token), ==, number + strlen (number) - 4);
  g_assert_cmpuint (cp_card_token_get_exp_year (token), ==, 2031);

  CP_AWAIT (res, cp_client_add_payment_method_async (client, customer_id,
                                                     cp_card_token_get_token (token), make_primary,
                                                     NULL, cp_test_result_cb, &res));
  card = cp_client_add_payment_method_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_card_get_added_via (card), ==, CP_CARD_CHANNEL_PORTAL);
  return card;
}

static void
test_cards (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = cp_test_login (client, "grace@example.com",
                                                "demo-customer-password");
  const char *id = cp_account_get_customer_id (account);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) amex = NULL;
  g_autoptr(CpCard) primary = NULL;
  g_autoptr(CpCardInput) bad = cp_card_input_new ();
  g_autoptr(CpCardToken) token = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(CpCardEvent) newest = NULL;

  amex = add_card (client, id, "378282246310005", "1234", FALSE);
  g_assert_cmpint (cp_card_get_brand (amex), ==, CP_CARD_BRAND_AMEX);
  g_assert_false (cp_card_get_is_primary (amex));

  CP_AWAIT (res, cp_client_set_primary_payment_method_async (client, id, cp_card_get_id (amex),
                                                             NULL, cp_test_result_cb, &res));
  primary = cp_client_set_primary_payment_method_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_true (cp_card_get_is_primary (primary));

  CP_AWAIT (res, cp_client_list_payment_method_history_async (client, id, NULL, 10, NULL,
                                                              cp_test_result_cb, &res));
  events = cp_client_list_payment_method_history_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  newest = g_list_model_get_item (events, 0);
  g_assert_cmpint (cp_card_event_get_action (newest), ==, CP_CARD_ACTION_SET_PRIMARY);
  g_assert_cmpstr (cp_card_event_get_last4 (newest), ==, "0005");
  g_assert_cmpint (cp_card_event_get_channel (newest), ==, CP_CARD_CHANNEL_PORTAL);

  /* Deleting the primary card makes the remaining one primary. */
  CP_AWAIT (res, cp_client_delete_payment_method_async (client, id, cp_card_get_id (amex), FALSE,
                                                        NULL,
                                                        cp_test_result_cb, &res));
  g_assert_true (cp_client_delete_payment_method_finish (client, res, &error));
  g_assert_no_error (error);
  CP_AWAIT (res, cp_client_list_payment_methods_async (client, id, NULL, cp_test_result_cb, &res));
  cards = cp_client_list_payment_methods_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 1);
  {
    g_autoptr(CpCard) left = g_list_model_get_item (cards, 0);

    g_assert_true (cp_card_get_is_primary (left));
  }

  /* Deleting it again: not found. */
  CP_AWAIT (res, cp_client_delete_payment_method_async (client, id, cp_card_get_id (amex), FALSE,
                                                        NULL,
                                                        cp_test_result_cb, &res));
  g_assert_false (cp_client_delete_payment_method_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The vault checks too, and names the field. */
  cp_card_input_set_number (bad, "4242424242424241");
  cp_card_input_set_cvc (bad, "123");
  cp_card_input_set_expiry (bad, 12, 2031);
  CP_AWAIT (res, cp_client_tokenize_card_async (client, bad, "Grace Hopper", NULL, NULL,
                                                cp_test_result_cb, &res));
  token = cp_client_tokenize_card_finish (client, res, &error);
  g_assert_null (token);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (cp_client_error_get_field (error), ==, "number");
}

static CpInvoice *
first_open_invoice (CpClient   *client,
                    const char *customer_id)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) open = NULL;

  CP_AWAIT (res, cp_client_list_invoices_async (client, customer_id, CP_INVOICE_FILTER_OPEN, NULL,
                                                0, NULL, cp_test_result_cb, &res));
  open = cp_client_list_invoices_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  if (g_list_model_get_n_items (open) == 0)
    return NULL;
  return g_list_model_get_item (open, 0);
}

static void
test_payments (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = cp_test_login (client, "ada@example.com", "demo-customer-password");
  const char *id = cp_account_get_customer_id (account);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpInvoice) invoice = first_open_invoice (client, id);
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(CpCard) primary = NULL;
  g_autoptr(CpCard) declining = NULL;
  g_autoptr(CpPayment) payment = NULL;
  g_autoptr(CpPayment) replay = NULL;
  g_autoptr(CpMoney) one_cent = NULL;
  g_autofree char *key = cp_client_new_idempotency_key ();
  const char *ids[2] = { NULL, NULL };

  g_assert_nonnull (invoice);
  ids[0] = cp_invoice_get_id (invoice);

  CP_AWAIT (res, cp_client_list_payment_methods_async (client, id, NULL, cp_test_result_cb, &res));
  cards = cp_client_list_payment_methods_finish (client, res, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cards) && primary == NULL; i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (cp_card_get_is_primary (card))
        primary = g_steal_pointer (&card);
    }
  g_assert_nonnull (primary);

  /* A card that declines at payment time (a published test number). */
  declining = add_card (client, id, "4000000000000002", "123", FALSE);
  CP_AWAIT (res, cp_client_create_payment_async (client, id, ids, cp_invoice_get_balance (invoice),
                                                 cp_card_get_id (declining), NULL, NULL,
                                                 cp_test_result_cb, &res));
  g_assert_null (cp_client_create_payment_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_CARD_DECLINED);
  g_clear_error (&error);

  CP_AWAIT (res, cp_client_create_payment_async (client, id, ids, cp_invoice_get_balance (invoice),
                                                 cp_card_get_id (primary), key, NULL,
                                                 cp_test_result_cb, &res));
  payment = cp_client_create_payment_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_payment_get_status (payment), ==, "succeeded");
  g_assert_true (cp_money_equal (cp_payment_get_amount (payment), cp_invoice_get_balance (invoice)));
  g_assert_nonnull (cp_payment_get_receipt_number (payment));

  /* The same key and body: the first answer again, not a second charge. */
  CP_AWAIT (res, cp_client_create_payment_async (client, id, ids, cp_invoice_get_balance (invoice),
                                                 cp_card_get_id (primary), key, NULL,
                                                 cp_test_result_cb, &res));
  replay = cp_client_create_payment_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_payment_get_id (replay), ==, cp_payment_get_id (payment));

  /* The same key with another body is a conflict. */
  one_cent = cp_money_new (1, "USD");
  CP_AWAIT (res, cp_client_create_payment_async (client, id, ids, one_cent,
                                                 cp_card_get_id (primary), key, NULL,
                                                 cp_test_result_cb, &res));
  g_assert_null (cp_client_create_payment_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_IDEMPOTENCY_CONFLICT);
  g_clear_error (&error);

  /* A new attempt on the paid invoice is refused, naming the field. */
  CP_AWAIT (res, cp_client_create_payment_async (client, id, ids, cp_invoice_get_balance (invoice),
                                                 cp_card_get_id (primary), NULL, NULL,
                                                 cp_test_result_cb, &res));
  g_assert_null (cp_client_create_payment_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (cp_client_error_get_field (error), ==, "invoice_ids");
}

static void
test_staff (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = cp_test_login (client, "staff@example.com", "demo-staff-password");
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CpCustomer) kim = NULL;
  g_autoptr(CpCustomer) again = NULL;
  g_autoptr(CpCustomer) ada = NULL;
  g_autofree char *code = NULL;
  g_autoptr(CpClient) kim_client = NULL;
  g_autoptr(CpAccount) kim_account = NULL;

  g_assert_true (cp_account_is_staff (account));
  g_assert_null (cp_account_get_customer_id (account));

  CP_AWAIT (res, cp_client_list_customers_async (client, "ada@", NULL, 10, NULL,
                                                 cp_test_result_cb, &res));
  found = cp_client_list_customers_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  ada = g_list_model_get_item (found, 0);
  g_assert_cmpstr (cp_customer_get_email (ada), ==, "ada@example.com");

  CP_AWAIT (res, cp_client_create_customer_async (client, "Kim Park", "kim.park@example.com",
                                                  "+1 555 0199", "5 Elm Street", NULL,
                                                  cp_test_result_cb, &res));
  kim = cp_client_create_customer_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_customer_get_name (kim), ==, "Kim Park");

  CP_AWAIT (res, cp_client_create_customer_async (client, "Kim Again", "kim.park@example.com",
                                                  "+1 555 0100", "6 Elm Street", NULL,
                                                  cp_test_result_cb, &res));
  again = cp_client_create_customer_finish (client, res, &error);
  g_assert_null (again);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Kim asks for an invitation, verifies, and logs in; then resets. */
  kim_client = cp_test_client_new (cp_test_server_get_url (server));
  CP_AWAIT (res, cp_client_request_invitation_async (kim_client, "kim.park@example.com", NULL,
                                                     cp_test_result_cb, &res));
  g_assert_true (cp_client_request_invitation_finish (kim_client, res, &error));
  g_assert_no_error (error);
  code = cp_test_server_dup_last_code (server, "kim.park@example.com");
  g_assert_nonnull (code);

  CP_AWAIT (res, cp_client_verify_async (kim_client, "kim.park@example.com", "000000",
                                         "a-long-new-password", NULL, cp_test_result_cb, &res));
  if (g_strcmp0 (code, "000000") != 0)
    {
      g_assert_false (cp_client_verify_finish (kim_client, res, &error));
      g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST);
      g_clear_error (&error);
    }
  CP_AWAIT (res, cp_client_verify_async (kim_client, "kim.park@example.com", code,
                                         "a-long-new-password", NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_verify_finish (kim_client, res, &error));
  g_assert_no_error (error);
  kim_account = cp_test_login (kim_client, "kim.park@example.com", "a-long-new-password");
  g_assert_cmpstr (cp_account_get_customer_id (kim_account), ==, cp_customer_get_id (kim));

  g_clear_pointer (&code, g_free);
  CP_AWAIT (res, cp_client_request_password_reset_async (kim_client, "kim.park@example.com", NULL,
                                                         cp_test_result_cb, &res));
  g_assert_true (cp_client_request_password_reset_finish (kim_client, res, &error));
  g_assert_no_error (error);
  code = cp_test_server_dup_last_code (server, "kim.park@example.com");
  g_assert_nonnull (code);
  CP_AWAIT (res, cp_client_confirm_password_reset_async (kim_client, "kim.park@example.com", code,
                                                         "another-long-password", NULL,
                                                         cp_test_result_cb, &res));
  g_assert_true (cp_client_confirm_password_reset_finish (kim_client, res, &error));
  g_assert_no_error (error);
  g_clear_object (&kim_account);
  kim_account = cp_test_login (kim_client, "kim.park@example.com", "another-long-password");
}

static void
test_admin_online_payments (void)
{
  g_autoptr(CpClient) admin = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpClient) ada = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) admin_account = cp_test_login (admin, "admin@example.com",
                                                      "demo-admin-password");
  g_autoptr(CpAccount) ada_account = cp_test_login (ada, "ada@example.com",
                                                    "demo-customer-password");
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = NULL;
  gboolean enabled = FALSE;

  CP_AWAIT (res, cp_client_get_online_payments_async (admin, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_get_online_payments_finish (admin, res, &enabled, &error));
  g_assert_no_error (error);
  g_assert_true (enabled);

  /* A customer may not change it. */
  CP_AWAIT (res, cp_client_set_online_payments_async (ada, FALSE, NULL, cp_test_result_cb, &res));
  g_assert_false (cp_client_set_online_payments_finish (ada, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);

  CP_AWAIT (res, cp_client_set_online_payments_async (admin, FALSE, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_set_online_payments_finish (admin, res, &error));
  g_assert_no_error (error);
  CP_AWAIT (res, cp_client_get_config_async (ada, NULL, cp_test_result_cb, &res));
  config = cp_client_get_config_finish (ada, res, &error);
  g_assert_no_error (error);
  g_assert_false (cp_config_get_online_payments_enabled (config));

  CP_AWAIT (res, cp_client_set_online_payments_async (admin, TRUE, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_set_online_payments_finish (admin, res, &error));
  g_assert_no_error (error);
  CP_AWAIT (res, cp_client_get_online_payments_async (admin, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_get_online_payments_finish (admin, res, &enabled, &error));
  g_assert_true (enabled);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  GArray *calls = user_data;
  guint call[3] = { position, removed, added };

  g_array_append_vals (calls, call, 3);
}

static void
wait_loaded (CpPagedList *list)
{
  while (cp_paged_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_paged_list (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = cp_test_login (client, "harbor@example.com",
                                                "demo-customer-password");
  g_autoptr(CpPagedList) list = cp_paged_list_new_service_history (client,
                                                                   cp_account_get_customer_id (account));
  g_autoptr(CpPagedList) forbidden = cp_paged_list_new_service_history (client, "1");
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CpVisit) item = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CP_TYPE_VISIT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (cp_paged_list_get_has_more (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), calls);

  for (guint page = 0; page < 3; page++)
    {
      cp_paged_list_load_more (list);
      g_assert_true (cp_paged_list_get_loading (list));
      /* A second call while loading does nothing. */
      cp_paged_list_load_more (list);
      wait_loaded (list);
      g_assert_null (cp_paged_list_get_error (list));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 300);
  g_assert_cmpuint (calls->len, ==, 9);
  for (guint page = 0; page < 3; page++)
    {
      g_assert_cmpuint (g_array_index (calls, guint, page * 3), ==, page * 100);
      g_assert_cmpuint (g_array_index (calls, guint, page * 3 + 1), ==, 0);
      g_assert_cmpuint (g_array_index (calls, guint, page * 3 + 2), ==, 100);
    }
  g_assert_true (cp_paged_list_get_has_more (list));
  item = g_list_model_get_item (G_LIST_MODEL (list), 299);
  g_assert_nonnull (item);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 300));

  /* A refresh replaces everything with the first page, in one signal. */
  g_array_set_size (calls, 0);
  cp_paged_list_refresh (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  g_assert_cmpuint (calls->len, ==, 3);
  g_assert_cmpuint (g_array_index (calls, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (calls, guint, 1), ==, 300);
  g_assert_cmpuint (g_array_index (calls, guint, 2), ==, 100);

  /* Another customer's list: an error, no items, not loading. */
  cp_paged_list_load_more (forbidden);
  wait_loaded (forbidden);
  g_assert_nonnull (cp_paged_list_get_error (forbidden));
  g_assert_error ((GError *) cp_paged_list_get_error (forbidden), CP_CLIENT_ERROR,
                  CP_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (forbidden)), ==, 0);

  /* A list dropped while a page loads goes at once; the page is cancelled. */
  {
    CpPagedList *dropped = cp_paged_list_new_invoices (client, cp_account_get_customer_id (account),
                                                       CP_INVOICE_FILTER_ALL);

    cp_paged_list_load_more (dropped);
    g_assert_true (cp_paged_list_get_loading (dropped));
    g_assert_finalize_object (dropped);
    cp_test_sleep (100);
  }
}

static void
test_restore_and_logout (void)
{
  g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();
  g_autoptr(CpMemoryTokenStore) stolen = cp_memory_token_store_new ();
  g_autoptr(CpClient) first = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpClient) second = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpClient) thief = cp_test_client_new (cp_test_server_get_url (server));
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpAccount) restored = NULL;
  g_autoptr(CpAccount) nobody = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  cp_client_set_token_store (first, CP_TOKEN_STORE (store));
  account = cp_test_login (first, "grace@example.com", "demo-customer-password");
  g_assert_nonnull (account);

  /* The next run of the app: a new client restores from the store. */
  cp_client_set_token_store (second, CP_TOKEN_STORE (store));
  CP_AWAIT (res, cp_client_restore_session_async (second, "grace@example.com", NULL,
                                                  cp_test_result_cb, &res));
  restored = cp_client_restore_session_finish (second, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_account_get_id (restored), ==, cp_account_get_id (account));
  g_assert_true (cp_client_get_logged_in (second));
  g_assert_cmpuint (cp_memory_token_store_get_n_stores (store), ==, 2);

  /* Nothing stored for another login: no session, no error. */
  CP_AWAIT (res, cp_client_restore_session_async (second, "ada@example.com", NULL,
                                                  cp_test_result_cb, &res));
  nobody = cp_client_restore_session_finish (second, res, &error);
  g_assert_no_error (error);
  g_assert_null (nobody);

  /* Keep a copy of the stored (current) refresh token, then log out. */
  CP_AWAIT (res, cp_token_store_lookup_async (CP_TOKEN_STORE (store), cp_client_get_base_url (second),
                                              "grace@example.com", NULL, cp_test_result_cb, &res));
  token = cp_token_store_lookup_finish (CP_TOKEN_STORE (store), res, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  CP_AWAIT (res, cp_client_logout_async (second, NULL, cp_test_result_cb, &res));
  g_assert_true (cp_client_logout_finish (second, res, &error));
  g_assert_no_error (error);
  g_assert_false (cp_client_get_logged_in (second));
  g_assert_null (cp_client_get_account (second));
  /* The store forgets in the same main-loop turns. */
  cp_test_sleep (50);
  g_assert_cmpuint (cp_memory_token_store_get_n_items (store), ==, 0);

  /* The server revoked it: the old refresh token no longer works. */
  CP_AWAIT (res, cp_token_store_store_async (CP_TOKEN_STORE (stolen), cp_client_get_base_url (thief),
                                             "grace@example.com", token, NULL,
                                             cp_test_result_cb, &res));
  g_assert_true (cp_token_store_store_finish (CP_TOKEN_STORE (stolen), res, &error));
  cp_client_set_token_store (thief, CP_TOKEN_STORE (stolen));
  CP_AWAIT (res, cp_client_restore_session_async (thief, "grace@example.com", NULL,
                                                  cp_test_result_cb, &res));
  g_assert_null (cp_client_restore_session_finish (thief, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_false (cp_client_get_logged_in (thief));
  /* The refused token is forgotten. */
  cp_test_sleep (50);
  g_assert_cmpuint (cp_memory_token_store_get_n_items (stolen), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/url-policy", test_url_policy);
  g_test_add_func ("/client/config", test_config);
  g_test_add_func ("/client/login-refused", test_login_refused);
  g_test_add_func ("/client/login-me-customer", test_login_me_and_customer);
  g_test_add_func ("/client/lists", test_lists);
  g_test_add_func ("/client/cards", test_cards);
  g_test_add_func ("/client/payments", test_payments);
  g_test_add_func ("/client/staff-and-invitation", test_staff);
  g_test_add_func ("/client/admin-online-payments", test_admin_online_payments);
  g_test_add_func ("/client/paged-list", test_paged_list);
  g_test_add_func ("/client/restore-and-logout", test_restore_and_logout);

  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  ret = g_test_run ();
  cp_test_server_stop (server);
  return ret;
}
