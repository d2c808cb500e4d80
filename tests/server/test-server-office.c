/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <string.h>

#include "cp-server-test.h"

/*
 * The office desk's contract: the Saved Payment Methods report
 * (GET /payment-methods) and who may read it; its filters, order and
 * keyset pages; a card added and a payment taken by staff, recorded as the
 * office's and the staff member's, on the same payment path as the
 * customer's (same bounds, same idempotency); last_used_at.
 */

#define N_SCALE 1500

static CpTestServer *demo;
static char *staff;
static char *admin;
static char *ada;
static char *grace;
static char *ada_id;
static char *grace_id;

static char *
customer_id_of (const char *token)
{
  g_autoptr(CpResponse) me = cp_call (demo, "GET", "/me", token, NULL);

  return g_strdup (cp_response_string (me, "customer_id"));
}

static JsonObject *
find_item (JsonArray  *items,
           const char *last4,
           const char *customer_id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *customer = json_object_get_object_member (item, "customer");

      if (g_strcmp0 (json_object_get_string_member (item, "last4"), last4) == 0
          && g_strcmp0 (json_object_get_string_member (customer, "id"), customer_id) == 0)
        return item;
    }
  return NULL;
}

/* No run of more than four digits of a card number in a body. */
static void
assert_no_card_digits (const char *body)
{
  guint run = 0;

  g_assert_null (strstr (body, "4242424242424242"));
  g_assert_null (strstr (body, "vault_token"));
  g_assert_null (strstr (body, "\"token\""));
  g_assert_null (strstr (body, "\"number\""));
  for (const char *p = body; *p != '\0'; p++)
    {
      run = g_ascii_isdigit (*p) ? run + 1 : 0;
      /* Ids and times have digits too, but a card's 12 to 19 never. */
      g_assert_cmpuint (run, <, 12);
    }
}

/* Who may read the report: staff and admins; a customer 403, no session 401. */
static void
test_report_roles (void)
{
  CpResponse *r;

  r = cp_call (demo, "GET", "/payment-methods", NULL, NULL);
  cp_assert_error (r, 401, "unauthorized");
  cp_response_free (r);

  r = cp_call (demo, "GET", "/payment-methods", ada, NULL);
  cp_assert_error (r, 403, "forbidden");
  cp_response_free (r);
  r = cp_call (demo, "GET", "/payment-methods?status=expired", grace, NULL);
  cp_assert_error (r, 403, "forbidden");
  cp_response_free (r);

  r = cp_call (demo, "GET", "/payment-methods?limit=100", staff, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (cp_response_items (r)), ==, 100);
  assert_no_card_digits (r->body);
  cp_response_free (r);

  r = cp_call (demo, "GET", "/payment-methods?limit=5", admin, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (cp_response_items (r)), ==, 5);
  assert_no_card_digits (r->body);
  cp_response_free (r);
}

/* Every page in order, each method once: sorted by expiry, then id. */
static void
test_report_paging (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  gint64 last_key = 0;
  guint pages = 0;

  do
    {
      g_autofree char *path = cursor != NULL
                              ? g_strdup_printf ("/payment-methods?limit=100&cursor=%s", cursor)
                              : g_strdup ("/payment-methods?limit=100");
      g_autoptr(CpResponse) r = cp_call (demo, "GET", path, staff, NULL);
      JsonArray *items;

      g_assert_cmpuint (r->status, ==, 200);
      items = cp_response_items (r);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          gint64 key = json_object_get_int_member (item, "exp_year") * 12
                       + json_object_get_int_member (item, "exp_month");

          g_assert_cmpint (key, >=, last_key);
          last_key = key;
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (item,
                                                                                          "id"))));
          g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "card");
          g_assert_true (json_object_has_member (item, "last_used_at"));
          g_assert_true (json_object_has_member (item, "updated_at"));
          g_assert_nonnull (json_object_get_object_member (item, "added_by"));
        }
      g_free (cursor);
      cursor = g_strdup (cp_response_string (r, "next_cursor"));
      pages++;
    }
  while (cursor != NULL);

  /* The demo's three cards and the scale seed's. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_SCALE + 3);
  g_assert_cmpuint (pages, ==, (N_SCALE + 3 + 99) / 100);
}

static void
test_report_filters (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 now_key = g_date_time_get_year (now) * 12 + g_date_time_get_month (now);
  CpResponse *r;
  JsonArray *items;
  JsonObject *mastercard;

  /* Expired: every one before this month, and some there are. */
  r = cp_call (demo, "GET", "/payment-methods?status=expired&limit=100", staff, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  items = cp_response_items (r);
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_true (json_object_get_boolean_member (item, "expired"));
      g_assert_cmpint (json_object_get_int_member (item, "exp_year") * 12
                       + json_object_get_int_member (item, "exp_month"), <, now_key);
    }
  cp_response_free (r);

  /* Expiring within 90 days: not expired, and Ada's Mastercard among them. */
  r = cp_call (demo, "GET", "/payment-methods?status=expiring&within_days=90&type=card&limit=100",
               staff, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  items = cp_response_items (r);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 key = json_object_get_int_member (item, "exp_year") * 12
                   + json_object_get_int_member (item, "exp_month");

      g_assert_false (json_object_get_boolean_member (item, "expired"));
      g_assert_cmpint (key, >=, now_key);
      g_assert_cmpint (key, <=, now_key + 3);
    }
  mastercard = find_item (items, "4444", ada_id);
  g_assert_nonnull (mastercard);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (mastercard,
                                                                                 "customer"),
                                                  "name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (mastercard,
                                                                                 "added_by"),
                                                  "name"), ==, "Sam Rivera");
  g_assert_null (find_item (items, "4242", ada_id));
  cp_response_free (r);

  /* Within one day: only what runs out by tomorrow. */
  r = cp_call (demo, "GET", "/payment-methods?status=expiring&within_days=1", staff, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_null (find_item (cp_response_items (r), "4242", ada_id));
  cp_response_free (r);

  /* Refused: bad status, days, type, cursor. */
  {
    const char *bad[][2] = {
      { "/payment-methods?status=soon", "status" },
      { "/payment-methods?status=expiring&within_days=0", "within_days" },
      { "/payment-methods?status=expiring&within_days=99999", "within_days" },
      { "/payment-methods?status=expiring&within_days=ten", "within_days" },
      { "/payment-methods?type=bitcoin", "type" },
      { "/payment-methods?limit=0", "limit" },
      { "/payment-methods?cursor=%21%21", "cursor" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        r = cp_call (demo, "GET", bad[i][0], staff, NULL);
        cp_assert_error (r, 400, "invalid_request");
        g_assert_cmpstr (cp_response_field (r), ==, bad[i][1]);
        cp_response_free (r);
      }
  }
}

static CpResponse *
pay (const char *token,
     const char *customer_id,
     const char *key,
     const char *body)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments", customer_id);
  const char *headers[] = { "Idempotency-Key", key, NULL };

  return cp_call_with_headers (demo, "POST", path, token, body, headers);
}

static char *
open_invoice (const char *token,
              const char *customer_id)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/invoices?status=open", customer_id);
  g_autoptr(CpResponse) r = cp_call (demo, "GET", path, token, NULL);

  return g_strdup (json_object_get_string_member (
    json_array_get_object_element (cp_response_items (r), 0), "id"));
}

/* Staff add a card for the customer and take a payment with it: both the
 * office's and Sam Rivera's; the customer's own payment stays the portal's. */
static void
test_office_card_and_payment (void)
{
  g_autofree char *card = cp_add_card (demo, staff, grace_id, "4242424242424242", TRUE);
  g_autofree char *invoice = open_invoice (staff, grace_id);
  g_autofree char *cards_path = g_strdup_printf ("/customers/%s/payment-methods", grace_id);
  g_autofree char *history_path = g_strdup_printf ("/customers/%s/payment-methods/history",
                                                   grace_id);
  g_autofree char *payments_path = g_strdup_printf ("/customers/%s/payments", grace_id);
  g_autofree char *body = NULL;
  g_autofree char *own = NULL;
  g_autofree char *long_memo = NULL;
  g_autofree char *long_body = NULL;
  CpResponse *r, *again;
  JsonObject *item, *actor;

  /* The card: added at the office, by Sam, primary as asked. */
  r = cp_call (demo, "GET", cards_path, staff, NULL);
  item = NULL;
  for (guint i = 0; i < json_array_get_length (cp_response_items (r)); i++)
    if (g_strcmp0 (json_object_get_string_member (
                     json_array_get_object_element (cp_response_items (r), i), "id"), card) == 0)
      item = json_array_get_object_element (cp_response_items (r), i);
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "added_via"), ==, "office");
  g_assert_true (json_object_get_boolean_member (item, "is_primary"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "added_by"),
                                                  "role"), ==, "staff");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "added_by"),
                                                  "name"), ==, "Sam Rivera");
  g_assert_true (json_object_get_null_member (item, "last_used_at"));
  assert_no_card_digits (r->body);
  cp_response_free (r);

  r = cp_call (demo, "GET", history_path, grace, NULL);
  item = json_array_get_object_element (cp_response_items (r), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "action"), ==, "added");
  g_assert_cmpstr (json_object_get_string_member (item, "channel"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "actor"),
                                                  "name"), ==, "Sam Rivera");
  cp_response_free (r);

  /* The payment: the customer's bounds apply to the office too. */
  body = g_strdup_printf ("{\"invoice_ids\": [\"%s\"], \"amount\": {\"amount\": 99, \"currency\":"
                          " \"USD\"}, \"payment_method_id\": \"%s\"}", invoice, card);
  r = pay (staff, grace_id, "office-too-small", body);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "amount");
  cp_response_free (r);
  g_free (body);
  long_memo = g_strnfill (501, 'x');
  long_body = g_strdup_printf ("{\"invoice_ids\": [\"%s\"], \"amount\": 5000,"
                               " \"payment_method_id\": \"%s\", \"memo\": \"%s\"}",
                               invoice, card, long_memo);
  r = pay (staff, grace_id, "office-long-memo", long_body);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "memo");
  cp_response_free (r);

  body = g_strdup_printf ("{\"invoice_ids\": [\"%s\"], \"amount\": {\"amount\": 5000, \"currency\":"
                          " \"USD\"}, \"payment_method_id\": \"%s\", \"memo\": \"By phone\"}",
                          invoice, card);
  r = pay (staff, grace_id, "office-key-1", body);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (cp_response_string (r, "channel"), ==, "office");
  g_assert_cmpstr (cp_response_string (r, "memo"), ==, "By phone");
  actor = json_object_get_object_member (cp_response_object (r), "actor");
  g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, "staff");
  g_assert_cmpstr (json_object_get_string_member (actor, "name"), ==, "Sam Rivera");

  /* The same key and body: the first answer, not a second charge. */
  again = pay (staff, grace_id, "office-key-1", body);
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpstr (again->body, ==, r->body);
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==, "true");
  cp_response_free (again);
  cp_response_free (r);

  /* The card's last use, on the record and in the report. */
  r = cp_call (demo, "GET", cards_path, grace, NULL);
  for (guint i = 0; i < json_array_get_length (cp_response_items (r)); i++)
    {
      JsonObject *c = json_array_get_object_element (cp_response_items (r), i);

      if (g_strcmp0 (json_object_get_string_member (c, "id"), card) == 0)
        g_assert_false (json_object_get_null_member (c, "last_used_at"));
    }
  cp_response_free (r);

  /* Grace pays the rest herself: the portal's, and hers. */
  own = g_strdup_printf ("{\"invoice_ids\": [\"%s\"], \"amount\": 19500,"
                         " \"payment_method_id\": \"%s\"}", invoice, card);
  r = pay (grace, grace_id, "grace-key-1", own);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (cp_response_string (r, "channel"), ==, "portal");
  actor = json_object_get_object_member (cp_response_object (r), "actor");
  g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (actor, "name"), ==, "Grace Hopper");
  cp_response_free (r);

  /* The payments list: newest first, each with its channel and actor. */
  r = cp_call (demo, "GET", payments_path, staff, NULL);
  g_assert_cmpuint (json_array_get_length (cp_response_items (r)), ==, 2);
  item = json_array_get_object_element (cp_response_items (r), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "channel"), ==, "portal");
  item = json_array_get_object_element (cp_response_items (r), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "channel"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (item, "memo"), ==, "By phone");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "actor"),
                                                  "name"), ==, "Sam Rivera");
  cp_response_free (r);

  /* A customer never reaches another's cards or payments. */
  r = cp_call (demo, "GET", payments_path, ada, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = pay (ada, grace_id, "ada-key", own);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
}

/* The report's last use and type filter, after the office's payment. */
static void
test_report_last_used (void)
{
  g_autofree char *cursor = NULL;
  gboolean found = FALSE;

  do
    {
      g_autofree char *path = cursor != NULL
                              ? g_strdup_printf ("/payment-methods?type=card&limit=100&cursor=%s",
                                                 cursor)
                              : g_strdup ("/payment-methods?type=card&limit=100");
      g_autoptr(CpResponse) r = cp_call (demo, "GET", path, admin, NULL);
      JsonObject *visa;

      g_assert_cmpuint (r->status, ==, 200);
      visa = find_item (cp_response_items (r), "4242", grace_id);
      if (visa != NULL)
        {
          found = TRUE;
          g_assert_false (json_object_get_null_member (visa, "last_used_at"));
          g_assert_cmpstr (json_object_get_string_member (visa, "added_via"), ==, "office");
        }
      g_free (cursor);
      cursor = g_strdup (cp_response_string (r, "next_cursor"));
    }
  while (cursor != NULL);
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--demo-scale", G_STRINGIFY (N_SCALE), NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  demo = cp_test_server_start_with (CP_TEST_SERVER_DEMO, args);
  staff = cp_login (demo, "staff@example.com", "demo-staff-password");
  admin = cp_login (demo, "admin@example.com", "demo-admin-password");
  ada = cp_login (demo, "ada@example.com", "demo-customer-password");
  grace = cp_login (demo, "grace@example.com", "demo-customer-password");
  ada_id = customer_id_of (ada);
  grace_id = customer_id_of (grace);

  g_test_add_func ("/server/office/report-roles", test_report_roles);
  g_test_add_func ("/server/office/report-paging", test_report_paging);
  g_test_add_func ("/server/office/report-filters", test_report_filters);
  g_test_add_func ("/server/office/card-and-payment", test_office_card_and_payment);
  g_test_add_func ("/server/office/report-last-used", test_report_last_used);

  status = g_test_run ();
  g_free (staff);
  g_free (admin);
  g_free (ada);
  g_free (grace);
  g_free (ada_id);
  g_free (grace_id);
  cp_test_server_stop (demo);
  return status;
}
