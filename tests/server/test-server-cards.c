/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cp-server-test.h"

static CpTestServer *demo;
static char *ada;
static char *ada_id;
static char *grace;
static char *staff;
static char *admin;

static const char *test_numbers[] = {
  "4242424242424242", "5555555555554444", "378282246310005", "6011111111111117",
  "4000000000000002",
};

static CpResponse *
vault (CpTestServer *server,
       const char   *key,
       const char   *number,
       int           exp_month,
       int           exp_year,
       const char   *cvc,
       const char   *name)
{
  g_autofree char *url = g_strconcat (cp_vault_url (server), "/v1/tokens", NULL);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"number\": \"%s\", \"exp_month\": %d, \"exp_year\": %d,"
                          " \"cvc\": \"%s\"%s%s%s, \"postal_code\": \"94110\"}",
                          number, exp_month, exp_year, cvc,
                          name ? ", \"cardholder_name\": \"" : "", name ? name : "",
                          name ? "\"" : "");
  return cp_call (server, "POST", url, key, body);
}

static int
next_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_get_year (now) + 1;
}

static void
assert_vault_error (CpResponse *r,
                    const char *field)
{
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, field);
}

static void
test_vault_tokens (void)
{
  const char *key = cp_vault_key (demo);
  int year = next_year ();
  static const struct { const char *number, *cvc, *brand, *last4; } good[] = {
    { "4242424242424242", "123", "visa", "4242" },
    { "4242 4242 4242 4242", "123", "visa", "4242" },
    { "5555555555554444", "123", "mastercard", "4444" },
    { "2223003122003222", "123", "mastercard", "3222" },
    { "378282246310005", "1234", "amex", "0005" },
    { "6011111111111117", "123", "discover", "1117" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(CpResponse) r = vault (demo, key, good[i].number, 7, year, good[i].cvc, "Ada L");
      JsonObject *o;

      g_assert_cmpuint (r->status, ==, 200);
      o = cp_response_object (r);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "token"), "tok_"));
      g_assert_cmpstr (json_object_get_string_member (o, "brand"), ==, good[i].brand);
      g_assert_cmpstr (json_object_get_string_member (o, "last4"), ==, good[i].last4);
      g_assert_cmpint (json_object_get_int_member (o, "exp_month"), ==, 7);
      g_assert_cmpint (json_object_get_int_member (o, "exp_year"), ==, year);
      g_assert_false (json_object_has_member (o, "number"));
    }
}

static void
test_vault_errors (void)
{
  const char *key = cp_vault_key (demo);
  int year = next_year ();
  CpResponse *r;

  r = vault (demo, NULL, "4242424242424242", 7, year, "123", "A");
  cp_assert_error (r, 401, "unauthorized");
  cp_response_free (r);
  r = vault (demo, "wrong-key", "4242424242424242", 7, year, "123", "A");
  cp_assert_error (r, 401, "unauthorized");
  cp_response_free (r);

  /* Luhn, brand ranges and lengths. */
  r = vault (demo, key, "4242424242424241", 7, year, "123", "A");
  assert_vault_error (r, "number");
  cp_response_free (r);
  r = vault (demo, key, "424242424242424", 7, year, "123", "A");   /* Visa, 15 digits */
  assert_vault_error (r, "number");
  cp_response_free (r);
  r = vault (demo, key, "37828224631003", 7, year, "1234", "A");   /* Amex, 14 digits */
  assert_vault_error (r, "number");
  cp_response_free (r);
  r = vault (demo, key, "555555555555442", 7, year, "123", "A");   /* Mastercard, 15 */
  assert_vault_error (r, "number");
  cp_response_free (r);
  r = vault (demo, key, "9999999999999995", 7, year, "123", "A");  /* no such brand */
  assert_vault_error (r, "number");
  cp_response_free (r);
  r = vault (demo, key, "4242x24242424242", 7, year, "123", "A");
  assert_vault_error (r, "number");
  cp_response_free (r);

  /* Security code length by brand. */
  r = vault (demo, key, "378282246310005", 7, year, "123", "A");
  assert_vault_error (r, "cvc");
  cp_response_free (r);
  r = vault (demo, key, "4242424242424242", 7, year, "1234", "A");
  assert_vault_error (r, "cvc");
  cp_response_free (r);
  r = vault (demo, key, "4242424242424242", 7, year, "12a", "A");
  assert_vault_error (r, "cvc");
  cp_response_free (r);

  /* Expiry. */
  r = vault (demo, key, "4242424242424242", 13, year, "123", "A");
  assert_vault_error (r, "exp_month");
  cp_response_free (r);
  r = vault (demo, key, "4242424242424242", 12, year - 2, "123", "A");
  assert_vault_error (r, "exp_year");
  cp_response_free (r);

  r = vault (demo, key, "4242424242424242", 7, year, "123", NULL);
  assert_vault_error (r, "cardholder_name");
  cp_response_free (r);
}

static CpResponse *
list_cards (const char *token,
            const char *customer_id)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", customer_id);

  return cp_call (demo, "GET", path, token, NULL);
}

static JsonObject *
find_card (JsonArray  *items,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *card = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (card, "id"), id) == 0)
        return card;
    }
  return NULL;
}

static char *
primary_of (const char *token,
            const char *customer_id)
{
  g_autoptr(CpResponse) r = list_cards (token, customer_id);
  JsonArray *items = cp_response_items (r);
  char *primary = NULL;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *card = json_array_get_object_element (items, i);

      if (json_object_get_boolean_member (card, "is_primary"))
        {
          g_assert_null (primary);  /* at most one */
          primary = g_strdup (json_object_get_string_member (card, "id"));
        }
    }
  return primary;
}

/* A new customer with a portal account, to start from no cards. */
static char *
new_customer (const char  *email,
              char       **customer_id)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"Card Tester\", \"email\": \"%s\"}", email);
  g_autofree char *invite = g_strdup_printf ("{\"email\": \"%s\"}", email);
  g_autofree char *code = NULL;
  g_autofree char *verify = NULL;
  CpResponse *r = cp_call (demo, "POST", "/customers", staff, body);

  g_assert_cmpuint (r->status, ==, 201);
  *customer_id = g_strdup (cp_response_string (r, "id"));
  cp_response_free (r);
  r = cp_call (demo, "POST", "/auth/invitations", NULL, invite);
  cp_response_free (r);
  code = cp_test_server_dup_last_code (demo, email);
  verify = g_strdup_printf ("{\"email\": \"%s\", \"code\": \"%s\","
                            " \"password\": \"card-tester-password\"}", email, code);
  r = cp_call (demo, "POST", "/auth/verify", NULL, verify);
  g_assert_cmpuint (r->status, ==, 201);
  cp_response_free (r);
  return cp_login (demo, email, "card-tester-password");
}

static void
test_primary_rules (void)
{
  g_autofree char *id = NULL;
  g_autofree char *me = new_customer ("cards1@example.com", &id);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CpResponse) history = NULL;
  JsonArray *items;
  CpResponse *r;

  /* The first card becomes primary by itself. */
  a = cp_add_card (demo, me, id, "4242424242424242", FALSE);
  primary = primary_of (me, id);
  g_assert_cmpstr (primary, ==, a);
  g_clear_pointer (&primary, g_free);

  b = cp_add_card (demo, me, id, "5555555555554444", FALSE);
  c = cp_add_card (demo, me, id, "6011111111111117", FALSE);
  primary = primary_of (me, id);
  g_assert_cmpstr (primary, ==, a);
  g_clear_pointer (&primary, g_free);

  /* Setting false is not how primary changes. */
  path = g_strdup_printf ("/customers/%s/payment-methods/%s", id, b);
  r = cp_call (demo, "PATCH", path, me, "{\"is_primary\": false}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "is_primary");
  cp_response_free (r);
  r = cp_call (demo, "PATCH", path, me, "{}");
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);

  /* Deleting a card that is not primary leaves the primary alone. */
  r = cp_call (demo, "DELETE", path, me, NULL);
  g_assert_cmpuint (r->status, ==, 204);
  cp_response_free (r);
  r = cp_call (demo, "DELETE", path, me, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  primary = primary_of (me, id);
  g_assert_cmpstr (primary, ==, a);
  g_clear_pointer (&primary, g_free);

  /* Deleting the primary hands it to the most recently added card. */
  g_free (path);
  path = g_strdup_printf ("/customers/%s/payment-methods/%s", id, a);
  r = cp_call (demo, "DELETE", path, me, NULL);
  g_assert_cmpuint (r->status, ==, 204);
  cp_response_free (r);
  primary = primary_of (me, id);
  g_assert_cmpstr (primary, ==, c);

  g_free (path);
  path = g_strdup_printf ("/customers/%s/payment-methods/history", id);
  history = cp_call (demo, "GET", path, me, NULL);
  items = cp_response_items (history);
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  {
    JsonObject *last = json_array_get_object_element (items, 0);
    JsonObject *removed = json_array_get_object_element (items, 1);
    JsonObject *first = json_array_get_object_element (items, 5);

    g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "set_primary");
    g_assert_cmpstr (json_object_get_string_member (last, "channel"), ==, "system");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "card"),
                                                    "last4"), ==, "1117");
    g_assert_cmpstr (json_object_get_string_member (removed, "action"), ==, "removed");
    g_assert_cmpstr (json_object_get_string_member (removed, "channel"), ==, "portal");
    /* The first card's automatic primary is the system's doing. */
    g_assert_cmpstr (json_object_get_string_member (first, "action"), ==, "set_primary");
    g_assert_cmpstr (json_object_get_string_member (first, "channel"), ==, "system");
  }
}

static void
test_make_primary_on_add (void)
{
  g_autofree char *visa = NULL;
  g_autofree char *amex = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", ada_id);
  g_autoptr(CpResponse) r = NULL;
  JsonObject *card;

  visa = primary_of (ada, ada_id);
  amex = cp_add_card (demo, ada, ada_id, "378282246310005", TRUE);
  primary = primary_of (ada, ada_id);
  g_assert_cmpstr (primary, ==, amex);

  r = list_cards (ada, ada_id);
  card = find_card (cp_response_items (r), amex);
  g_assert_nonnull (card);
  g_assert_cmpstr (json_object_get_string_member (card, "brand"), ==, "amex");
  g_assert_cmpstr (json_object_get_string_member (card, "last4"), ==, "0005");
  g_assert_cmpstr (json_object_get_string_member (card, "cardholder_name"), ==, "Test Holder");
  g_assert_cmpstr (json_object_get_string_member (card, "added_via"), ==, "portal");
  g_assert_false (json_object_get_boolean_member (card, "expired"));
  g_assert_nonnull (json_object_get_string_member (card, "added_at"));

  /* Put the demo's Visa back on top, for the other tests. */
  {
    g_autofree char *patch = g_strdup_printf ("%s/%s", path, visa);
    g_autoptr(CpResponse) p = cp_call (demo, "PATCH", patch, ada, "{\"is_primary\": true}");

    g_assert_cmpuint (p->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (cp_response_object (p), "is_primary"));
  }
}

static void
test_refuses_card_digits (void)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", ada_id);
  g_autofree char *token = cp_vault_token (demo, "4242424242424242", "123");
  g_autofree char *with_number = g_strdup_printf ("{\"card_token\": \"%s\","
                                                  " \"number\": \"4242424242424242\"}", token);
  CpResponse *r;

  r = cp_call (demo, "POST", path, ada, with_number);
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);
  r = cp_call (demo, "POST", path, ada, "{\"card_token\": \"4242 4242 4242 4242\"}");
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);
  r = cp_call (demo, "POST", path, ada, "{\"card_token\": \"tok\", \"note\": \"4242424242424242\"}");
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);
  r = cp_call (demo, "POST", path, ada, "{\"card_token\": \"tok_does_not_exist\"}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "card_token");
  cp_response_free (r);
  r = cp_call (demo, "POST", path, ada, "{}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "card_token");
  cp_response_free (r);

  /* A token is good for one card. */
  g_free (with_number);
  with_number = g_strdup_printf ("{\"card_token\": \"%s\"}", token);
  r = cp_call (demo, "POST", path, ada, with_number);
  g_assert_cmpuint (r->status, ==, 201);
  cp_response_free (r);
  r = cp_call (demo, "POST", path, ada, with_number);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "card_token");
  cp_response_free (r);
}

static void
test_staff_channel (void)
{
  g_autofree char *card = cp_add_card (demo, staff, ada_id, "5555555555554444", FALSE);
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods/history?limit=1", ada_id);
  g_autoptr(CpResponse) cards = list_cards (staff, ada_id);
  g_autoptr(CpResponse) history = cp_call (demo, "GET", path, staff, NULL);
  JsonObject *event = json_array_get_object_element (cp_response_items (history), 0);
  JsonObject *actor = json_object_get_object_member (event, "actor");

  g_assert_cmpstr (json_object_get_string_member (find_card (cp_response_items (cards), card),
                                                  "added_via"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "added");
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, "staff");
  g_assert_cmpstr (json_object_get_string_member (actor, "name"), ==, "Sam Rivera");
  g_assert_nonnull (json_object_get_string_member (cp_response_object (history), "next_cursor"));
}

static void
test_other_customer_gets_404 (void)
{
  g_autofree char *card = primary_of (ada, ada_id);
  g_autofree char *list = g_strdup_printf ("/customers/%s/payment-methods", ada_id);
  g_autofree char *one = g_strdup_printf ("%s/%s", list, card);
  g_autofree char *history = g_strdup_printf ("%s/history", list);
  g_autofree char *token = cp_vault_token (demo, "4242424242424242", "123");
  g_autofree char *body = g_strdup_printf ("{\"card_token\": \"%s\"}", token);
  g_autofree char *still = NULL;
  CpResponse *r;

  r = cp_call (demo, "GET", list, grace, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = cp_call (demo, "POST", list, grace, body);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = cp_call (demo, "PATCH", one, grace, "{\"is_primary\": true}");
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = cp_call (demo, "DELETE", one, grace, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = cp_call (demo, "GET", history, grace, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);

  /* Grace's own path with Ada's card id: still not found. */
  {
    g_autoptr(CpResponse) me = cp_call (demo, "GET", "/me", grace, NULL);
    g_autofree char *mine = g_strdup_printf ("/customers/%s/payment-methods/%s",
                                             cp_response_string (me, "customer_id"), card);

    r = cp_call (demo, "DELETE", mine, grace, NULL);
    cp_assert_error (r, 404, "not_found");
    cp_response_free (r);
  }

  still = primary_of (ada, ada_id);
  g_assert_cmpstr (still, ==, card);
}

/* The card history by role: the customer their own (the same list the
 * office reads, actors and channels included), staff and admins anyone's,
 * another customer nothing (404), no session 401. */
static void
test_history_roles (void)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods/history", ada_id);
  g_autoptr(CpResponse) own = cp_call (demo, "GET", path, ada, NULL);
  g_autoptr(CpResponse) office = cp_call (demo, "GET", path, staff, NULL);
  g_autoptr(CpResponse) by_admin = cp_call (demo, "GET", path, admin, NULL);
  JsonArray *mine;
  JsonArray *theirs;
  CpResponse *r;

  g_assert_cmpuint (own->status, ==, 200);
  g_assert_cmpuint (office->status, ==, 200);
  g_assert_cmpuint (by_admin->status, ==, 200);
  mine = cp_response_items (own);
  theirs = cp_response_items (office);
  g_assert_cmpuint (json_array_get_length (mine), >, 0);
  g_assert_cmpuint (json_array_get_length (mine), ==, json_array_get_length (theirs));
  g_assert_cmpuint (json_array_get_length (mine), ==,
                    json_array_get_length (cp_response_items (by_admin)));
  for (guint i = 0; i < json_array_get_length (mine); i++)
    {
      JsonObject *a = json_array_get_object_element (mine, i);
      JsonObject *b = json_array_get_object_element (theirs, i);

      g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, json_object_get_string_member (b, "id"));
      g_assert_cmpstr (json_object_get_string_member (a, "channel"), ==, json_object_get_string_member (b, "channel"));
      g_assert_nonnull (json_object_get_object_member (a, "actor"));
      g_assert_nonnull (json_object_get_object_member (a, "card"));
      /* Never more than brand, last 4 and expiry of a card. */
      g_assert_false (json_object_has_member (json_object_get_object_member (a, "card"), "token"));
    }

  r = cp_call (demo, "GET", path, grace, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = cp_call (demo, "GET", path, NULL, NULL);
  cp_assert_error (r, 401, "unauthorized");
  cp_response_free (r);
}

static void
test_online_payments_switch (void)
{
  g_autofree char *card = primary_of (ada, ada_id);
  g_autofree char *list = g_strdup_printf ("/customers/%s/payment-methods", ada_id);
  g_autofree char *one = g_strdup_printf ("%s/%s", list, card);
  g_autofree char *token = cp_vault_token (demo, "4242424242424242", "123");
  g_autofree char *body = g_strdup_printf ("{\"card_token\": \"%s\"}", token);
  CpResponse *r;

  r = cp_call (demo, "PUT", "/settings/online-payments", staff, "{\"enabled\": false}");
  cp_assert_error (r, 403, "forbidden");
  cp_response_free (r);
  r = cp_call (demo, "PUT", "/settings/online-payments", ada, "{\"enabled\": false}");
  cp_assert_error (r, 403, "forbidden");
  cp_response_free (r);
  r = cp_call (demo, "PUT", "/settings/online-payments", admin, "{\"enabled\": \"no\"}");
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);

  r = cp_call (demo, "PUT", "/settings/online-payments", admin, "{\"enabled\": false}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (cp_response_object (r), "enabled"));
  cp_response_free (r);
  r = cp_call (demo, "GET", "/settings/online-payments", ada, NULL);
  g_assert_false (json_object_get_boolean_member (cp_response_object (r), "enabled"));
  cp_response_free (r);
  r = cp_call (demo, "GET", "/config", NULL, NULL);
  g_assert_false (json_object_get_boolean_member (cp_response_object (r), "online_payments_enabled"));
  cp_response_free (r);

  /* Reading still works; every card write is refused. */
  r = cp_call (demo, "GET", list, ada, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
  r = cp_call (demo, "POST", list, ada, body);
  cp_assert_error (r, 403, "online_payments_disabled");
  cp_response_free (r);
  r = cp_call (demo, "PATCH", one, ada, "{\"is_primary\": true}");
  cp_assert_error (r, 403, "online_payments_disabled");
  cp_response_free (r);
  r = cp_call (demo, "DELETE", one, staff, NULL);
  cp_assert_error (r, 403, "online_payments_disabled");
  cp_response_free (r);

  r = cp_call (demo, "PUT", "/settings/online-payments", admin, "{\"enabled\": true}");
  g_assert_true (json_object_get_boolean_member (cp_response_object (r), "enabled"));
  cp_response_free (r);
  r = cp_call (demo, "POST", list, ada, body);
  g_assert_cmpuint (r->status, ==, 201);
  cp_response_free (r);
}

static void
test_expired_flag (void)
{
  g_autofree char *card = cp_add_card (demo, ada, ada_id, "4242424242424242", FALSE);
  g_autofree char *statement = g_strdup_printf ("UPDATE payment_methods SET exp_year = 2020"
                                                " WHERE id = %s", card);
  g_autoptr(CpResponse) r = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (cp_test_server_get_db_path (demo), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  r = list_cards (ada, ada_id);
  g_assert_true (json_object_get_boolean_member (find_card (cp_response_items (r), card),
                                                 "expired"));
}

/* Runs last: after every card test, no test digits in the portal database,
 * in any answer, or in clear in the processor's files; the processor's
 * database does hold the last four (so the check reads the right file). */
static void
test_no_digits_stored_or_returned (void)
{
  g_autofree char *db = g_strdup (cp_test_server_get_db_path (demo));
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *vault_db = g_strconcat (db, "-processor", NULL);
  g_autofree char *vault_wal = g_strconcat (db, "-processor-wal", NULL);

  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_true (cp_file_contains (vault_db, "tok_") || cp_file_contains (vault_wal, "tok_"));
  for (guint i = 0; i < G_N_ELEMENTS (test_numbers); i++)
    {
      g_assert_false (cp_file_contains (db, test_numbers[i]));
      g_assert_false (cp_file_contains (wal, test_numbers[i]));
      g_assert_false (cp_file_contains (vault_db, test_numbers[i]));
      g_assert_false (cp_file_contains (vault_wal, test_numbers[i]));
      g_assert_null (strstr (cp_all_responses (), test_numbers[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  demo = cp_test_server_start (CP_TEST_SERVER_DEMO);
  ada = cp_login (demo, "ada@example.com", "demo-customer-password");
  grace = cp_login (demo, "grace@example.com", "demo-customer-password");
  staff = cp_login (demo, "staff@example.com", "demo-staff-password");
  admin = cp_login (demo, "admin@example.com", "demo-admin-password");
  {
    g_autoptr(CpResponse) me = cp_call (demo, "GET", "/me", ada, NULL);

    ada_id = g_strdup (cp_response_string (me, "customer_id"));
  }

  g_test_add_func ("/server/cards/vault-tokens", test_vault_tokens);
  g_test_add_func ("/server/cards/vault-errors", test_vault_errors);
  g_test_add_func ("/server/cards/primary-rules", test_primary_rules);
  g_test_add_func ("/server/cards/make-primary-on-add", test_make_primary_on_add);
  g_test_add_func ("/server/cards/refuses-card-digits", test_refuses_card_digits);
  g_test_add_func ("/server/cards/staff-channel", test_staff_channel);
  g_test_add_func ("/server/cards/other-customer-gets-404", test_other_customer_gets_404);
  g_test_add_func ("/server/cards/history-roles", test_history_roles);
  g_test_add_func ("/server/cards/online-payments-switch", test_online_payments_switch);
  g_test_add_func ("/server/cards/expired-flag", test_expired_flag);
  g_test_add_func ("/server/cards/no-digits-stored-or-returned", test_no_digits_stored_or_returned);

  status = g_test_run ();
  g_free (ada);
  g_free (ada_id);
  g_free (grace);
  g_free (staff);
  g_free (admin);
  cp_test_server_stop (demo);
  return status;
}
