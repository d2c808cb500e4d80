/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <sqlite3.h>

#include "cp-server-test.h"

/* The billing system is outside the portal API; the story writes its
 * invoice straight into the server's database, as that system would. */
static char *
insert_invoice (CpTestServer *server,
                const char   *customer_id,
                gint64        amount)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id;

  g_assert_cmpint (sqlite3_open (cp_test_server_get_db_path (server), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO invoices (customer_id, number, issued_on, due_on,"
                                       " total, balance, summary)"
                                       " VALUES (?, 'INV-STORY-1', '2026-01-02', '2026-02-01', ?, ?,"
                                       " 'Boiler service')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, amount);
  sqlite3_bind_int64 (stmt, 3, amount);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_last_insert_rowid (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

static void
assert_event (JsonArray  *items,
              guint       index,
              const char *action,
              const char *last4,
              const char *role,
              const char *name,
              const char *channel)
{
  JsonObject *event = json_array_get_object_element (items, index);
  JsonObject *card = json_object_get_object_member (event, "card");
  JsonObject *actor = json_object_get_object_member (event, "actor");

  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, action);
  g_assert_cmpstr (json_object_get_string_member (card, "last4"), ==, last4);
  g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, role);
  g_assert_cmpstr (json_object_get_string_member (actor, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, channel);
  g_assert_nonnull (json_object_get_string_member (event, "at"));
}

static void
test_whole_story (void)
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autofree char *staff = cp_login (server, "staff@example.com", "demo-staff-password");
  g_autofree char *customer_id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *kim = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  CpResponse *r;
  JsonArray *items;

  /* The office books a new customer over the phone. */
  r = cp_call (server, "POST", "/customers", staff,
               "{\"name\": \"Kim Park\", \"email\": \"Kim.Park@example.com\","
               " \"phone\": \"+1 555 0199\", \"address\": \"5 Elm Street\"}");
  g_assert_cmpuint (r->status, ==, 201);
  customer_id = g_strdup (cp_response_string (r, "id"));
  g_assert_cmpstr (cp_response_string (r, "email"), ==, "kim.park@example.com");
  g_assert_cmpstr (cp_response_string (r, "portal_account"), ==, "none");
  cp_response_free (r);

  /* The customer asks for an invitation and reads the mailed code. */
  r = cp_call (server, "POST", "/auth/invitations", NULL, "{\"email\": \"kim.park@example.com\"}");
  g_assert_cmpuint (r->status, ==, 202);
  cp_response_free (r);
  code = cp_test_server_dup_last_code (server, "kim.park@example.com");
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);

  path = g_strdup_printf ("/customers/%s", customer_id);
  r = cp_call (server, "GET", path, staff, NULL);
  g_assert_cmpstr (cp_response_string (r, "portal_account"), ==, "invited");
  cp_response_free (r);

  body = g_strdup_printf ("{\"email\": \"kim.park@example.com\", \"code\": \"%s\","
                          " \"password\": \"kim-likes-long-passwords\"}", code);
  r = cp_call (server, "POST", "/auth/verify", NULL, body);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (cp_response_string (r, "role"), ==, "customer");
  g_assert_cmpstr (cp_response_string (r, "customer_id"), ==, customer_id);
  cp_response_free (r);

  kim = cp_login (server, "kim.park@example.com", "kim-likes-long-passwords");
  r = cp_call (server, "GET", "/me", kim, NULL);
  g_assert_cmpstr (cp_response_string (r, "name"), ==, "Kim Park");
  cp_response_free (r);

  /* Cards: add as primary, add another, make it primary, delete it. */
  first = cp_add_card (server, kim, customer_id, "4242424242424242", TRUE);
  second = cp_add_card (server, kim, customer_id, "5555555555554444", FALSE);
  g_free (path);
  path = g_strdup_printf ("/customers/%s/payment-methods/%s", customer_id, second);
  r = cp_call (server, "PATCH", path, kim, "{\"is_primary\": true}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (cp_response_object (r), "is_primary"));
  cp_response_free (r);
  r = cp_call (server, "DELETE", path, kim, NULL);
  g_assert_cmpuint (r->status, ==, 204);
  cp_response_free (r);

  g_free (path);
  path = g_strdup_printf ("/customers/%s/payment-methods", customer_id);
  r = cp_call (server, "GET", path, kim, NULL);
  items = cp_response_items (r);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"),
                   ==, first);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (items, 0),
                                                 "is_primary"));
  cp_response_free (r);

  /* An invoice arrives; the customer pays it with the primary card. */
  invoice = insert_invoice (server, customer_id, 18950);
  g_free (body);
  body = g_strdup_printf ("{\"invoice_ids\": [\"%s\"], \"amount\": {\"amount\": 18950,"
                          " \"currency\": \"USD\"}, \"payment_method_id\": \"%s\"}", invoice, first);
  g_free (path);
  path = g_strdup_printf ("/customers/%s/payments", customer_id);
  r = cp_call_with_headers (server, "POST", path, kim, body,
                            (const char *[]) { "Idempotency-Key", "story-1", NULL });
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (cp_response_string (r, "status"), ==, "succeeded");
  g_assert_nonnull (cp_response_string (r, "receipt_number"));
  cp_response_free (r);

  /* The office opens the record and reads the history, newest first. */
  g_free (path);
  path = g_strdup_printf ("/customers/%s", customer_id);
  r = cp_call (server, "GET", path, staff, NULL);
  g_assert_cmpstr (cp_response_string (r, "portal_account"), ==, "active");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cp_response_object (r),
                                                                                "balance"),
                                               "amount"), ==, 0);
  cp_response_free (r);

  g_free (path);
  path = g_strdup_printf ("/customers/%s/payment-methods", customer_id);
  r = cp_call (server, "GET", path, staff, NULL);
  items = cp_response_items (r);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "added_via"), ==, "portal");
  cp_response_free (r);

  g_free (path);
  path = g_strdup_printf ("/customers/%s/payment-methods/history", customer_id);
  r = cp_call (server, "GET", path, staff, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  items = cp_response_items (r);
  g_assert_cmpuint (json_array_get_length (items), ==, 6);
  assert_event (items, 0, "set_primary", "4242", "system", "Customer Portal", "system");
  assert_event (items, 1, "removed", "4444", "customer", "Kim Park", "portal");
  assert_event (items, 2, "set_primary", "4444", "customer", "Kim Park", "portal");
  assert_event (items, 3, "added", "4444", "customer", "Kim Park", "portal");
  assert_event (items, 4, "set_primary", "4242", "customer", "Kim Park", "portal");
  assert_event (items, 5, "added", "4242", "customer", "Kim Park", "portal");
  cp_response_free (r);

  g_free (path);
  path = g_strdup_printf ("/customers/%s/payments", customer_id);
  r = cp_call (server, "GET", path, staff, NULL);
  items = cp_response_items (r);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  cp_response_free (r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/story/whole-story", test_whole_story);
  return g_test_run ();
}
