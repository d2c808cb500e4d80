/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <string.h>

#include "cp-server-test.h"

static CpTestServer *demo;

typedef struct
{
  char *token;
  char *customer_id;
} Who;

static Who
sign_in (const char *email,
         const char *password)
{
  Who who = { cp_login (demo, email, password), NULL };
  g_autoptr(CpResponse) me = cp_call (demo, "GET", "/me", who.token, NULL);

  who.customer_id = g_strdup (cp_response_string (me, "customer_id"));
  return who;
}

static void
who_clear (Who *who)
{
  g_free (who->token);
  g_free (who->customer_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Who, who_clear)

/* Fills @INV@ and @CARD@ in a body template. */
static char *
fill (const char *template,
      const char *invoice,
      const char *card)
{
  g_auto(GStrv) parts = g_strsplit (template, "@INV@", -1);
  g_autofree char *with_invoice = g_strjoinv (invoice, parts);
  g_auto(GStrv) parts2 = g_strsplit (with_invoice, "@CARD@", -1);

  return g_strjoinv (card, parts2);
}

static CpResponse *
pay (const Who  *who,
     const char *customer_id,
     const char *key,
     const char *body)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments", customer_id);
  const char *headers[] = { "Idempotency-Key", key, NULL };

  return cp_call_with_headers (demo, "POST", path, who->token, body, key ? headers : NULL);
}

static char *
pay_body (const char *invoices,
          gint64      amount,
          const char *card)
{
  return g_strdup_printf ("{\"invoice_ids\": [%s], \"amount\": {\"amount\": %" G_GINT64_FORMAT ","
                          " \"currency\": \"USD\"}, \"payment_method_id\": \"%s\"}",
                          invoices, amount, card);
}

/* The open invoices of a customer, newest first: ids and balances. */
static guint
open_invoices (const Who  *who,
               const char *customer_id,
               char      **ids,
               gint64     *balances)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/invoices?status=open", customer_id);
  g_autoptr(CpResponse) r = cp_call (demo, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);
  guint n = json_array_get_length (items);

  for (guint i = 0; i < n && i < 4; i++)
    {
      JsonObject *inv = json_array_get_object_element (items, i);

      g_assert_cmpstr (json_object_get_string_member (inv, "status"), ==, "open");
      if (ids != NULL)
        ids[i] = g_strdup (json_object_get_string_member (inv, "id"));
      if (balances != NULL)
        balances[i] = json_object_get_int_member (json_object_get_object_member (inv, "balance"),
                                                  "amount");
    }
  return n;
}

static char *
primary_card (const Who  *who,
              const char *customer_id)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", customer_id);
  g_autoptr(CpResponse) r = cp_call (demo, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (items, i), "is_primary"))
      return g_strdup (json_object_get_string_member (json_array_get_object_element (items, i),
                                                      "id"));
  g_assert_not_reached ();
}

static guint
count_payments (const Who  *who,
                const char *customer_id)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments?limit=100", customer_id);
  g_autoptr(CpResponse) r = cp_call (demo, "GET", path, who->token, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_array_get_length (cp_response_items (r));
}

static void
test_partial_payments (void)
{
  g_auto(Who) grace = sign_in ("grace@example.com", "demo-customer-password");
  g_autofree char *card = primary_card (&grace, grace.customer_id);
  char *ids[4] = { NULL };
  gint64 balances[4] = { 0 };
  g_autofree char *quoted = NULL;
  g_autofree char *body = NULL;
  CpResponse *r;
  JsonObject *alloc;

  g_assert_cmpuint (open_invoices (&grace, grace.customer_id, ids, balances), ==, 1);
  g_assert_cmpint (balances[0], ==, 24500);
  quoted = g_strdup_printf ("\"%s\"", ids[0]);

  body = pay_body (quoted, 99, card);
  r = pay (&grace, grace.customer_id, "p-small", body);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "amount");
  cp_response_free (r);
  g_free (body);
  body = pay_body (quoted, 24501, card);
  r = pay (&grace, grace.customer_id, "p-big", body);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "amount");
  cp_response_free (r);

  /* 1.00 is the smallest payment; the invoice stays open. */
  g_free (body);
  body = pay_body (quoted, 100, card);
  r = pay (&grace, grace.customer_id, "p-1", body);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (cp_response_string (r, "status"), ==, "succeeded");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cp_response_object (r),
                                                                               "amount"),
                                               "amount"), ==, 100);
  g_assert_nonnull (cp_response_string (r, "created_at"));
  alloc = json_array_get_object_element (json_object_get_array_member (cp_response_object (r),
                                                                       "allocations"), 0);
  g_assert_cmpstr (json_object_get_string_member (alloc, "invoice_id"), ==, ids[0]);
  cp_response_free (r);
  g_assert_cmpuint (open_invoices (&grace, grace.customer_id, NULL, balances), ==, 1);
  g_assert_cmpint (balances[0], ==, 24400);

  /* The rest closes it. */
  g_free (body);
  body = pay_body (quoted, 24400, card);
  r = pay (&grace, grace.customer_id, "p-2", body);
  g_assert_cmpuint (r->status, ==, 201);
  cp_response_free (r);
  g_assert_cmpuint (open_invoices (&grace, grace.customer_id, NULL, NULL), ==, 0);

  /* A paid invoice takes no more money. */
  r = pay (&grace, grace.customer_id, "p-3", body);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "invoice_ids");
  cp_response_free (r);

  g_assert_cmpuint (count_payments (&grace, grace.customer_id), ==, 2);
  g_free (ids[0]);
}

static void
test_several_invoices_in_order (void)
{
  g_auto(Who) ada = sign_in ("ada@example.com", "demo-customer-password");
  g_autofree char *card = primary_card (&ada, ada.customer_id);
  char *ids[4] = { NULL };
  gint64 balances[4] = { 0 };
  gint64 after[4] = { 0 };
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;
  g_autoptr(CpResponse) r = NULL;
  JsonArray *allocations;

  g_assert_cmpuint (open_invoices (&ada, ada.customer_id, ids, balances), ==, 2);

  /* Older invoice first: it is paid in full, the newer one in part. */
  list = g_strdup_printf ("\"%s\", \"%s\"", ids[1], ids[0]);
  body = pay_body (list, balances[1] + 500, card);
  r = pay (&ada, ada.customer_id, "multi-1", body);
  g_assert_cmpuint (r->status, ==, 201);
  allocations = json_object_get_array_member (cp_response_object (r), "allocations");
  g_assert_cmpuint (json_array_get_length (allocations), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (allocations, 0),
                                                  "invoice_id"), ==, ids[1]);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_array_get_object_element (allocations, 0),
                                                    "amount"), "amount"), ==, balances[1]);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_array_get_object_element (allocations, 1),
                                                    "amount"), "amount"), ==, 500);

  g_assert_cmpuint (open_invoices (&ada, ada.customer_id, NULL, after), ==, 1);
  g_assert_cmpint (after[0], ==, balances[0] - 500);
  g_free (ids[0]);
  g_free (ids[1]);
}

static void
test_validation (void)
{
  g_auto(Who) ada = sign_in ("ada@example.com", "demo-customer-password");
  g_auto(Who) grace = sign_in ("grace@example.com", "demo-customer-password");
  g_autofree char *card = primary_card (&ada, ada.customer_id);
  g_autofree char *grace_card = primary_card (&grace, grace.customer_id);
  char *ids[4] = { NULL };
  g_autofree char *one = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *grace_invoice = NULL;
  static const struct { const char *body_format, *field; } bad[] = {
    { "{\"invoice_ids\": [], \"amount\": {\"amount\": 100, \"currency\": \"USD\"},"
      " \"payment_method_id\": \"@CARD@\"}", "invoice_ids" },
    { "{\"invoice_ids\": [@INV@, @INV@], \"amount\": {\"amount\": 100, \"currency\": \"USD\"},"
      " \"payment_method_id\": \"@CARD@\"}", "invoice_ids" },
    { "{\"invoice_ids\": [\"999999\"], \"amount\": {\"amount\": 100, \"currency\": \"USD\"},"
      " \"payment_method_id\": \"@CARD@\"}", "invoice_ids" },
    { "{\"invoice_ids\": [@INV@], \"amount\": {\"amount\": 100, \"currency\": \"EUR\"},"
      " \"payment_method_id\": \"@CARD@\"}", "amount" },
    { "{\"invoice_ids\": [@INV@], \"amount\": \"100\", \"payment_method_id\": \"@CARD@\"}",
      "amount" },
    { "{\"invoice_ids\": [@INV@], \"amount\": {\"amount\": 100, \"currency\": \"USD\"},"
      " \"payment_method_id\": \"999999\"}", "payment_method_id" },
    { "{\"invoice_ids\": [@INV@], \"amount\": {\"amount\": 100, \"currency\": \"USD\"}}",
      "payment_method_id" },
  };

  g_assert_cmpuint (open_invoices (&ada, ada.customer_id, ids, NULL), >=, 1);
  one = g_strdup_printf ("\"%s\"", ids[0]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *key = g_strdup_printf ("bad-%u", i);
      g_autoptr(CpResponse) r = NULL;

      g_free (body);
      body = fill (bad[i].body_format, one, card);
      r = pay (&ada, ada.customer_id, key, body);
      cp_assert_error (r, 400, "invalid_request");
      g_assert_cmpstr (cp_response_field (r), ==, bad[i].field);
    }

  /* Another customer's card or invoice is not found in this payment. */
  g_free (body);
  body = pay_body (one, 100, grace_card);
  {
    g_autoptr(CpResponse) r = pay (&ada, ada.customer_id, "bad-card", body);

    cp_assert_error (r, 400, "invalid_request");
    g_assert_cmpstr (cp_response_field (r), ==, "payment_method_id");
  }
  path = g_strdup_printf ("/customers/%s/invoices?status=all&limit=1", grace.customer_id);
  {
    g_autoptr(CpResponse) r = cp_call (demo, "GET", path, grace.token, NULL);

    grace_invoice = g_strdup_printf ("\"%s\"", json_object_get_string_member (
                                       json_array_get_object_element (cp_response_items (r), 0),
                                       "id"));
  }
  g_free (body);
  body = pay_body (grace_invoice, 100, card);
  {
    g_autoptr(CpResponse) r = pay (&ada, ada.customer_id, "bad-invoice", body);

    cp_assert_error (r, 400, "invalid_request");
    g_assert_cmpstr (cp_response_field (r), ==, "invoice_ids");
  }

  /* No key, no payment. */
  g_free (body);
  body = pay_body (one, 100, card);
  {
    g_autoptr(CpResponse) r = pay (&ada, ada.customer_id, NULL, body);

    cp_assert_error (r, 400, "invalid_request");
    g_assert_cmpstr (cp_response_field (r), ==, "Idempotency-Key");
  }

  /* Grace cannot pay on Ada's account: it does not exist for her. */
  {
    g_autoptr(CpResponse) r = pay (&grace, ada.customer_id, "not-mine", body);

    cp_assert_error (r, 404, "not_found");
  }
  g_free (ids[0]);
}

static void
test_declines (void)
{
  g_auto(Who) harbor = sign_in ("harbor@example.com", "demo-customer-password");
  char *ids[4] = { NULL };
  gint64 balances[4] = { 0 };
  gint64 after[4] = { 0 };
  g_autofree char *quoted = NULL;
  g_autofree char *generic = cp_add_card (demo, harbor.token, harbor.customer_id,
                                          "4000000000000002", TRUE);
  g_autofree char *funds = cp_add_card (demo, harbor.token, harbor.customer_id,
                                        "4000000000009995", FALSE);
  g_autofree char *body = NULL;
  guint before = count_payments (&harbor, harbor.customer_id);
  CpResponse *r;
  char *message;

  g_assert_cmpuint (open_invoices (&harbor, harbor.customer_id, ids, balances), >=, 1);
  quoted = g_strdup_printf ("\"%s\"", ids[0]);

  body = pay_body (quoted, 1000, generic);
  r = pay (&harbor, harbor.customer_id, "decline-1", body);
  cp_assert_error (r, 402, "card_declined");
  message = g_ascii_strdown (json_object_get_string_member (
                               json_object_get_object_member (cp_response_object (r), "error"),
                               "message"), -1);
  g_assert_nonnull (strstr (message, "declined"));
  g_free (message);
  cp_response_free (r);

  g_free (body);
  body = pay_body (quoted, 1000, funds);
  r = pay (&harbor, harbor.customer_id, "decline-2", body);
  cp_assert_error (r, 402, "card_declined");
  message = g_ascii_strdown (json_object_get_string_member (
                               json_object_get_object_member (cp_response_object (r), "error"),
                               "message"), -1);
  g_assert_nonnull (strstr (message, "insufficient funds"));
  g_free (message);
  cp_response_free (r);

  /* Nothing was charged; both attempts are on record as failed, with no
   * receipt (the intent is written before the charge). */
  open_invoices (&harbor, harbor.customer_id, NULL, after);
  g_assert_cmpint (after[0], ==, balances[0]);
  g_assert_cmpuint (count_payments (&harbor, harbor.customer_id), ==, before + 2);
  {
    g_autofree char *path = g_strdup_printf ("/customers/%s/payments", harbor.customer_id);
    g_autoptr(CpResponse) list = cp_call (demo, "GET", path, harbor.token, NULL);
    JsonObject *newest = json_array_get_object_element (cp_response_items (list), 0);
    JsonArray *events = json_object_get_array_member (newest, "events");

    g_assert_cmpstr (json_object_get_string_member (newest, "status"), ==, "failed");
    g_assert_true (json_object_get_null_member (newest, "receipt_number"));
    g_assert_nonnull (strstr (json_object_get_string_member (newest, "failure_message"),
                              "insufficient funds"));
    g_assert_cmpuint (json_array_get_length (events), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0),
                                                    "status"), ==, "pending");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1),
                                                    "status"), ==, "failed");
  }
  for (guint i = 0; i < 4; i++)
    g_free (ids[i]);
}

static void
test_idempotency (void)
{
  g_auto(Who) ada = sign_in ("ada@example.com", "demo-customer-password");
  g_autofree char *staff = cp_login (demo, "staff@example.com", "demo-staff-password");
  Who office = { staff, NULL };
  g_autofree char *card = primary_card (&ada, ada.customer_id);
  char *ids[4] = { NULL };
  gint64 balances[4] = { 0 };
  gint64 after[4] = { 0 };
  g_autofree char *quoted = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  g_autoptr(CpResponse) first = NULL;
  g_autoptr(CpResponse) replay = NULL;
  g_autoptr(CpResponse) conflict = NULL;
  g_autoptr(CpResponse) staff_same_key = NULL;
  guint before = count_payments (&ada, ada.customer_id);

  g_assert_cmpuint (open_invoices (&ada, ada.customer_id, ids, balances), >=, 1);
  quoted = g_strdup_printf ("\"%s\"", ids[0]);
  body = pay_body (quoted, 300, card);

  first = pay (&ada, ada.customer_id, "idem-key-1", body);
  g_assert_cmpuint (first->status, ==, 201);
  replay = pay (&ada, ada.customer_id, "idem-key-1", body);
  g_assert_cmpuint (replay->status, ==, 201);
  g_assert_cmpstr (replay->body, ==, first->body);
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==, "true");

  /* Charged once. */
  open_invoices (&ada, ada.customer_id, NULL, after);
  g_assert_cmpint (after[0], ==, balances[0] - 300);
  g_assert_cmpuint (count_payments (&ada, ada.customer_id), ==, before + 1);

  other = pay_body (quoted, 400, card);
  conflict = pay (&ada, ada.customer_id, "idem-key-1", other);
  cp_assert_error (conflict, 409, "idempotency_conflict");

  /* Keys belong to the user who sent them. */
  staff_same_key = pay (&office, ada.customer_id, "idem-key-1", other);
  g_assert_cmpuint (staff_same_key->status, ==, 201);
  g_assert_cmpuint (count_payments (&ada, ada.customer_id), ==, before + 2);
  g_free (ids[0]);
}

static void
test_concurrent_payments (void)
{
  g_auto(Who) ada = sign_in ("ada@example.com", "demo-customer-password");
  g_autofree char *card = primary_card (&ada, ada.customer_id);
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments", ada.customer_id);
  char *ids[4] = { NULL };
  gint64 balances[4] = { 0 };
  g_autofree char *quoted = NULL;
  g_autofree char *body = NULL;
  const char *same_key[] = { "Idempotency-Key", "race-same", NULL };
  const char *key_a[] = { "Idempotency-Key", "race-a", NULL };
  const char *key_b[] = { "Idempotency-Key", "race-b", NULL };
  CpCall *calls[4];
  CpResponse *answers[4];
  guint before = count_payments (&ada, ada.customer_id);
  guint created = 0, refused = 0;

  g_assert_cmpuint (open_invoices (&ada, ada.customer_id, ids, balances), >=, 1);
  quoted = g_strdup_printf ("\"%s\"", ids[0]);
  body = pay_body (quoted, balances[0], card);

  /* The same key twice at once: one charge, one replay. */
  calls[0] = cp_call_start (demo, "POST", path, ada.token, body, same_key);
  calls[1] = cp_call_start (demo, "POST", path, ada.token, body, same_key);
  answers[0] = cp_call_finish (calls[0]);
  answers[1] = cp_call_finish (calls[1]);
  g_assert_cmpuint (answers[0]->status, ==, 201);
  g_assert_cmpstr (answers[0]->body, ==, answers[1]->body);
  g_assert_cmpuint (count_payments (&ada, ada.customer_id), ==, before + 1);
  g_assert_cmpuint (open_invoices (&ada, ada.customer_id, NULL, NULL), ==, 0);
  cp_response_free (answers[0]);
  cp_response_free (answers[1]);

  /* Two keys paying the same invoice at once: one wins, one is refused. */
  g_free (ids[0]);
  ids[0] = NULL;
  {
    g_auto(Who) harbor = sign_in ("harbor@example.com", "demo-customer-password");
    g_autofree char *harbor_path = g_strdup_printf ("/customers/%s/payments", harbor.customer_id);
    g_autofree char *good = cp_add_card (demo, harbor.token, harbor.customer_id,
                                         "4242424242424242", TRUE);
    g_autofree char *hq = NULL;
    g_autofree char *hbody = NULL;

    g_assert_cmpuint (open_invoices (&harbor, harbor.customer_id, ids, balances), >=, 1);
    hq = g_strdup_printf ("\"%s\"", ids[0]);
    hbody = pay_body (hq, balances[0], good);
    calls[2] = cp_call_start (demo, "POST", harbor_path, harbor.token, hbody, key_a);
    calls[3] = cp_call_start (demo, "POST", harbor_path, harbor.token, hbody, key_b);
    answers[2] = cp_call_finish (calls[2]);
    answers[3] = cp_call_finish (calls[3]);
    for (guint i = 2; i < 4; i++)
      {
        if (answers[i]->status == 201)
          created++;
        else if (answers[i]->status == 400)
          refused++;
        cp_response_free (answers[i]);
      }
    g_assert_cmpuint (created, ==, 1);
    g_assert_cmpuint (refused, ==, 1);
  }
  for (guint i = 0; i < 4; i++)
    g_free (ids[i]);
}

static void
test_disabled_and_listing (void)
{
  g_auto(Who) grace = sign_in ("grace@example.com", "demo-customer-password");
  g_autofree char *admin = cp_login (demo, "admin@example.com", "demo-admin-password");
  g_autofree char *card = primary_card (&grace, grace.customer_id);
  g_autofree char *body = pay_body ("\"1\"", 100, card);
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments?limit=1", grace.customer_id);
  CpResponse *r;
  JsonObject *payment;
  const char *cursor;

  r = cp_call (demo, "PUT", "/settings/online-payments", admin, "{\"enabled\": false}");
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
  r = pay (&grace, grace.customer_id, "while-off", body);
  cp_assert_error (r, 403, "online_payments_disabled");
  cp_response_free (r);

  /* The list still answers, newest first, in pages. */
  r = cp_call (demo, "GET", path, grace.token, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  payment = json_array_get_object_element (cp_response_items (r), 0);
  g_assert_cmpstr (json_object_get_string_member (payment, "status"), ==, "succeeded");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (payment, "amount"),
                                               "amount"), ==, 24400);
  g_assert_nonnull (json_object_get_string_member (payment, "receipt_number"));
  cursor = cp_response_string (r, "next_cursor");
  g_assert_nonnull (cursor);
  {
    g_autofree char *next = g_strdup_printf ("%s&cursor=%s", path, cursor);
    g_autoptr(CpResponse) page = cp_call (demo, "GET", next, grace.token, NULL);
    JsonObject *older = json_array_get_object_element (cp_response_items (page), 0);

    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (older, "amount"),
                                                 "amount"), ==, 100);
  }
  cp_response_free (r);

  r = cp_call (demo, "PUT", "/settings/online-payments", admin, "{\"enabled\": true}");
  cp_response_free (r);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  demo = cp_test_server_start (CP_TEST_SERVER_DEMO);

  g_test_add_func ("/server/payments/partial", test_partial_payments);
  g_test_add_func ("/server/payments/several-invoices-in-order", test_several_invoices_in_order);
  g_test_add_func ("/server/payments/validation", test_validation);
  g_test_add_func ("/server/payments/declines", test_declines);
  g_test_add_func ("/server/payments/idempotency", test_idempotency);
  g_test_add_func ("/server/payments/concurrent", test_concurrent_payments);
  g_test_add_func ("/server/payments/disabled-and-listing", test_disabled_and_listing);

  status = g_test_run ();
  cp_test_server_stop (demo);
  return status;
}
