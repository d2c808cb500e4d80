/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "cp-server-test.h"

/*
 * AutoPay (AUTOPAY.md, docs/openapi.yaml). The routes per role against one
 * demo server whose scheduler never runs; then the scheduler itself: a
 * payment processor of its own and two portals on one database (each
 * running AutoPay every second), all on a test clock (CP_SERVER_CLOCK_FILE)
 * that the test moves to an invoice's due date. An invoice is paid once, on
 * its due date and not before; a decline is recorded and mailed and never
 * retried; what was overdue when AutoPay was turned on is left alone.
 */

#define API_KEY "sk_test_autopay"
#define TERMS "2026-12-01"
#define DAY (24 * 60 * 60)

static CpTestServer *routes;     /* --autopay-interval 0 */

static CpTestServer *portal;     /* the scheduler's: --autopay-interval 1 */
static GSubprocess *second;      /* another portal on the same database */
static char *second_url;
static GSubprocess *processor;
static char *dir;
static char *processor_db;
static char *clock_file;

typedef struct
{
  CpTestServer *server;
  char *token;
  char *customer_id;
} Who;

static void
who_clear (Who *who)
{
  g_free (who->token);
  g_free (who->customer_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Who, who_clear)

static Who
sign_in (CpTestServer *server,
         const char   *email,
         const char   *password)
{
  Who who = { server, cp_login (server, email, password), NULL };
  g_autoptr(CpResponse) me = cp_call (server, "GET", "/me", who.token, NULL);

  who.customer_id = g_strdup (cp_response_string (me, "customer_id"));
  return who;
}

static Who
sign_in_customer (CpTestServer *server,
                  const char   *email)
{
  return sign_in (server, email, "demo-customer-password");
}

static CpResponse *
autopay_call (const Who  *who,
              const char *method,
              const char *customer_id,
              const char *body)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/autopay", customer_id);

  return cp_call (who->server, method, path, who->token, body);
}

static CpResponse *
turn_on (const Who  *who,
         const char *card)
{
  g_autofree char *body = g_strdup_printf ("{\"enabled\": true, \"payment_method_id\": \"%s\","
                                           " \"consent_version\": \"" TERMS "\"}", card);

  return autopay_call (who, "PUT", who->customer_id, body);
}

/* The card of @who with @last4 (an active one). */
static char *
card_with (const Who  *who,
           const char *last4)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", who->customer_id);
  g_autoptr(CpResponse) r = cp_call (who->server, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *card = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (card, "last4"), last4))
        return g_strdup (json_object_get_string_member (card, "id"));
    }
  return NULL;
}

static JsonObject *
event_at (JsonObject *autopay,
          guint       i)
{
  JsonArray *events = json_object_get_array_member (autopay, "events");

  g_assert_cmpuint (json_array_get_length (events), >, i);
  return json_array_get_object_element (events, i);
}

static guint
n_events (JsonObject *autopay)
{
  return json_array_get_length (json_object_get_array_member (autopay, "events"));
}

static const char *
actor_member (JsonObject *object,
              const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (object, "actor"), member);
}

static void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
query_int (const char *db_path,
           const char *sql,
           const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *db_path,
            const char *sql,
            const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gboolean
tick_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, tick_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- the routes ---- */

static void
test_roles (void)
{
  g_auto(Who) ada = sign_in_customer (routes, "ada@example.com");
  g_auto(Who) grace = sign_in_customer (routes, "grace@example.com");
  g_auto(Who) staff = sign_in (routes, "staff@example.com", "demo-staff-password");
  g_auto(Who) admin = sign_in (routes, "admin@example.com", "demo-admin-password");
  g_autofree char *visa = card_with (&ada, "4242");
  g_autofree char *body = g_strdup_printf ("{\"enabled\": true, \"payment_method_id\": \"%s\","
                                           " \"consent_version\": \"" TERMS "\"}", visa);
  CpResponse *r;
  JsonObject *o, *terms;

  /* Off at first; the terms are rendered with the primary card. */
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  o = cp_response_object (r);
  g_assert_false (json_object_get_boolean_member (o, "enabled"));
  g_assert_true (json_object_get_null_member (o, "payment_method"));
  g_assert_true (json_object_get_null_member (o, "consent"));
  g_assert_true (json_object_get_null_member (o, "last_failure"));
  g_assert_cmpuint (n_events (o), ==, 0);
  terms = json_object_get_object_member (o, "terms");
  g_assert_cmpstr (json_object_get_string_member (terms, "version"), ==, TERMS);
  g_assert_nonnull (strstr (json_object_get_string_member (terms, "text"),
                            "to charge Visa •••• 4242 for each invoice on its due date"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (terms, "text"),
                                   "I authorize Brightwater Home Services "));
  cp_response_free (r);

  /* Another customer's AutoPay does not exist for Ada. */
  r = autopay_call (&ada, "GET", grace.customer_id, NULL);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = autopay_call (&ada, "PUT", grace.customer_id, "{\"enabled\": false}");
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);
  r = autopay_call (&grace, "PUT", ada.customer_id, body);
  cp_assert_error (r, 404, "not_found");
  cp_response_free (r);

  /* The office reads it, and may not turn it on: the consent is the
   * customer's. */
  r = autopay_call (&staff, "GET", ada.customer_id, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
  r = autopay_call (&staff, "PUT", ada.customer_id, body);
  cp_assert_error (r, 403, "forbidden");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     cp_response_object (r), "error"), "message"), ==,
                   "Only the customer can turn AutoPay on.");
  cp_response_free (r);
  r = autopay_call (&admin, "PUT", ada.customer_id, body);
  cp_assert_error (r, 403, "forbidden");
  cp_response_free (r);
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  g_assert_false (json_object_get_boolean_member (cp_response_object (r), "enabled"));
  cp_response_free (r);

  /* Without a session: 401. */
  {
    g_autofree char *path = g_strdup_printf ("/customers/%s/autopay", ada.customer_id);

    r = cp_call (routes, "GET", path, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 401);
    cp_response_free (r);
  }
}

static void
test_invalid (void)
{
  g_auto(Who) ada = sign_in_customer (routes, "ada@example.com");
  g_auto(Who) grace = sign_in_customer (routes, "grace@example.com");
  g_autofree char *amex = card_with (&grace, "0005");
  g_autofree char *visa = card_with (&ada, "4242");
  g_autofree char *expired = cp_add_card (routes, ada.token, ada.customer_id,
                                          "4000056655665556", FALSE);
  g_autofree char *sql = g_strdup_printf ("UPDATE payment_methods SET exp_year = 2020"
                                          " WHERE id = %s", expired);
  g_autofree char *outdated = g_strdup_printf ("{\"enabled\": true, \"payment_method_id\": \"%s\","
                                               " \"consent_version\": \"2025-01-01\"}", visa);
  g_autofree char *no_version = g_strdup_printf ("{\"enabled\": true,"
                                                 " \"payment_method_id\": \"%s\"}", visa);
  CpResponse *r;

  r = autopay_call (&ada, "PUT", ada.customer_id, "{}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "enabled");
  cp_response_free (r);
  r = autopay_call (&ada, "PUT", ada.customer_id, "{\"enabled\": \"yes\"}");
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);

  /* Not a method of Ada's: unknown, someone else's, none. */
  r = turn_on (&ada, "999999");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "payment_method_id");
  cp_response_free (r);
  r = turn_on (&ada, amex);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "payment_method_id");
  cp_response_free (r);
  r = autopay_call (&ada, "PUT", ada.customer_id,
                    "{\"enabled\": true, \"consent_version\": \"" TERMS "\"}");
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "payment_method_id");
  cp_response_free (r);

  /* An expired card. */
  exec_sql (cp_test_server_get_db_path (routes), sql);
  r = turn_on (&ada, expired);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "payment_method_id");
  g_assert_nonnull (strstr (r->body, "This card has expired."));
  cp_response_free (r);

  /* Terms other than the current ones. */
  r = autopay_call (&ada, "PUT", ada.customer_id, outdated);
  cp_assert_error (r, 409, "consent_outdated");
  g_assert_nonnull (strstr (r->body, "The AutoPay terms changed; read them again."));
  cp_response_free (r);
  r = autopay_call (&ada, "PUT", ada.customer_id, no_version);
  cp_assert_error (r, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (r), ==, "consent_version");
  cp_response_free (r);

  /* None of it turned anything on. */
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  g_assert_false (json_object_get_boolean_member (cp_response_object (r), "enabled"));
  g_assert_cmpuint (n_events (cp_response_object (r)), ==, 0);
  cp_response_free (r);
}

static void
test_on_change_off (void)
{
  g_auto(Who) ada = sign_in_customer (routes, "ada@example.com");
  g_auto(Who) staff = sign_in (routes, "staff@example.com", "demo-staff-password");
  g_autofree char *visa = card_with (&ada, "4242");
  g_autofree char *mastercard = card_with (&ada, "4444");
  g_autofree char *record_path = g_strdup_printf ("/customers/%s", ada.customer_id);
  CpResponse *r;
  JsonObject *o, *consent, *event, *method;

  r = turn_on (&ada, visa);
  g_assert_cmpuint (r->status, ==, 200);
  o = cp_response_object (r);
  g_assert_true (json_object_get_boolean_member (o, "enabled"));
  method = json_object_get_object_member (o, "payment_method");
  g_assert_cmpstr (json_object_get_string_member (method, "id"), ==, visa);
  g_assert_cmpstr (json_object_get_string_member (method, "type"), ==, "card");
  g_assert_cmpstr (json_object_get_string_member (method, "brand"), ==, "visa");
  g_assert_cmpstr (json_object_get_string_member (method, "last4"), ==, "4242");
  g_assert_cmpint (json_object_get_int_member (method, "exp_month"), ==, 12);
  consent = json_object_get_object_member (o, "consent");
  g_assert_cmpstr (json_object_get_string_member (consent, "version"), ==, TERMS);
  g_assert_cmpstr (json_object_get_string_member (consent, "text"), ==,
                   "I authorize Brightwater Home Services to charge Visa •••• 4242 for each"
                   " invoice on its due date, for the amount due, until I turn AutoPay off."
                   " I can turn it off at any time in the app or by calling the office.");
  g_assert_cmpstr (actor_member (consent, "role"), ==, "customer");
  g_assert_cmpstr (actor_member (consent, "name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (consent, "channel"), ==, "portal");
  g_assert_nonnull (json_object_get_string_member (consent, "accepted_at"));
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "enabled");
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "portal");
  g_assert_cmpstr (json_object_get_string_member (event, "consent_version"), ==, TERMS);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event,
                                                                                 "payment_method"),
                                                  "last4"), ==, "4242");
  g_assert_true (json_object_get_null_member (event, "reason"));
  g_assert_true (json_object_get_null_member (event, "amount"));
  g_assert_cmpuint (n_events (o), ==, 1);
  cp_response_free (r);

  /* The record shows it to the office and to Ada. */
  r = cp_call (routes, "GET", record_path, staff.token, NULL);
  o = json_object_get_object_member (cp_response_object (r), "autopay");
  g_assert_true (json_object_get_boolean_member (o, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o,
                                                                                 "payment_method"),
                                                  "id"), ==, visa);
  cp_response_free (r);

  /* On again with the same card: nothing changes. */
  r = turn_on (&ada, visa);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (n_events (cp_response_object (r)), ==, 1);
  cp_response_free (r);

  /* Another card: method_changed, and the consent names it. */
  r = turn_on (&ada, mastercard);
  g_assert_cmpuint (r->status, ==, 200);
  o = cp_response_object (r);
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (o,
                                                                                          "consent"),
                                                           "text"),
                            "to charge Mastercard •••• 4444 for each"));
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "method_changed");
  g_assert_cmpstr (json_object_get_string_member (event, "consent_version"), ==, TERMS);
  cp_response_free (r);

  /* The office turns it off. */
  r = autopay_call (&staff, "PUT", ada.customer_id, "{\"enabled\": false}");
  g_assert_cmpuint (r->status, ==, 200);
  o = cp_response_object (r);
  g_assert_false (json_object_get_boolean_member (o, "enabled"));
  g_assert_true (json_object_get_null_member (o, "payment_method"));
  g_assert_true (json_object_get_null_member (o, "consent"));
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "disabled");
  g_assert_cmpstr (json_object_get_string_member (event, "reason"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "office");
  g_assert_cmpstr (actor_member (event, "role"), ==, "staff");
  g_assert_true (json_object_get_null_member (event, "consent_version"));
  g_assert_cmpuint (n_events (o), ==, 3);
  cp_response_free (r);

  /* Off when off: no event. */
  r = autopay_call (&staff, "PUT", ada.customer_id, "{\"enabled\": false}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (n_events (cp_response_object (r)), ==, 3);
  cp_response_free (r);
  r = cp_call (routes, "GET", record_path, ada.token, NULL);
  o = json_object_get_object_member (cp_response_object (r), "autopay");
  g_assert_false (json_object_get_boolean_member (o, "enabled"));
  g_assert_true (json_object_get_null_member (o, "payment_method"));
  cp_response_free (r);

  /* Ada on and off herself, until there are more events than a page
   * holds: the newest 20, newest first. */
  for (guint i = 0; i < 10; i++)
    {
      r = turn_on (&ada, visa);
      g_assert_cmpuint (r->status, ==, 200);
      cp_response_free (r);
      r = autopay_call (&ada, "PUT", ada.customer_id, "{\"enabled\": false}");
      g_assert_cmpuint (r->status, ==, 200);
      cp_response_free (r);
    }
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  o = cp_response_object (r);
  g_assert_cmpuint (n_events (o), ==, 20);
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "disabled");
  g_assert_cmpstr (json_object_get_string_member (event, "reason"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "portal");
  g_assert_cmpstr (actor_member (event, "name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (event_at (o, 1), "action"), ==, "enabled");
  g_assert_cmpstr (json_object_get_string_member (event_at (o, 19), "action"), ==, "enabled");
  cp_response_free (r);
}

static void
test_payments_disabled (void)
{
  g_auto(Who) ada = sign_in_customer (routes, "ada@example.com");
  g_auto(Who) admin = sign_in (routes, "admin@example.com", "demo-admin-password");
  g_autofree char *visa = card_with (&ada, "4242");
  CpResponse *r;

  r = cp_call (routes, "PUT", "/settings/online-payments", admin.token, "{\"enabled\": false}");
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);

  r = turn_on (&ada, visa);
  cp_assert_error (r, 403, "online_payments_disabled");
  cp_response_free (r);
  r = autopay_call (&admin, "PUT", ada.customer_id, "{\"enabled\": false}");
  cp_assert_error (r, 403, "online_payments_disabled");
  cp_response_free (r);
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);

  r = cp_call (routes, "PUT", "/settings/online-payments", admin.token, "{\"enabled\": true}");
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
}

static void
test_delete_guard (void)
{
  g_auto(Who) ada = sign_in_customer (routes, "ada@example.com");
  g_auto(Who) staff = sign_in (routes, "staff@example.com", "demo-staff-password");
  g_autofree char *first = cp_add_card (routes, ada.token, ada.customer_id, "2223003122003222",
                                        FALSE);
  g_autofree char *other = cp_add_card (routes, ada.token, ada.customer_id, "5200828282828210",
                                        FALSE);
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods/%s", ada.customer_id,
                                           first);
  g_autofree char *path_off = g_strconcat (path, "?autopay=off", NULL);
  g_autofree char *path_maybe = g_strconcat (path, "?autopay=maybe", NULL);
  g_autofree char *other_off = g_strdup_printf ("/customers/%s/payment-methods/%s?autopay=off",
                                                ada.customer_id, other);
  CpResponse *r;
  JsonObject *o, *event;

  r = turn_on (&ada, first);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);

  /* Not without saying what becomes of AutoPay; nothing is deleted. */
  r = cp_call (routes, "DELETE", path, ada.token, NULL);
  cp_assert_error (r, 409, "autopay_method");
  g_assert_nonnull (strstr (r->body, "AutoPay pays with this payment method. Choose another one"
                                     " for AutoPay or turn AutoPay off first."));
  cp_response_free (r);
  r = cp_call (routes, "DELETE", path, staff.token, NULL);
  cp_assert_error (r, 409, "autopay_method");
  cp_response_free (r);
  g_assert_nonnull (card_with (&ada, "3222"));
  r = cp_call (routes, "DELETE", path_maybe, ada.token, NULL);
  cp_assert_error (r, 400, "invalid_request");
  cp_response_free (r);

  /* Switching first: then the old one goes without a word. ?autopay=off
   * on a method AutoPay does not use leaves AutoPay on. */
  r = turn_on (&ada, other);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
  r = cp_call (routes, "DELETE", path_off, ada.token, NULL);
  g_assert_cmpuint (r->status, ==, 204);
  cp_response_free (r);
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  g_assert_true (json_object_get_boolean_member (cp_response_object (r), "enabled"));
  cp_response_free (r);

  /* ?autopay=off by the office: off (channel office) and deleted. */
  r = cp_call (routes, "DELETE", other_off, staff.token, NULL);
  g_assert_cmpuint (r->status, ==, 204);
  cp_response_free (r);
  g_assert_null (card_with (&ada, "8210"));
  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  o = cp_response_object (r);
  g_assert_false (json_object_get_boolean_member (o, "enabled"));
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "disabled");
  g_assert_cmpstr (json_object_get_string_member (event, "reason"), ==, "method_removed");
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event,
                                                                                 "payment_method"),
                                                  "last4"), ==, "8210");
  cp_response_free (r);
}

/* ---- the scheduler ---- */

static void
set_clock (gint64 offset)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", offset);
  g_autofree char *tmp = g_strconcat (clock_file, ".tmp", NULL);

  g_assert_true (g_file_set_contents (tmp, text, -1, NULL));
  g_assert_cmpint (g_rename (tmp, clock_file), ==, 0);
  /* The servers look at the file at most once a second. */
  if (portal != NULL)
    wait_ms (1300);
}

/* The offset that makes the servers' date @date (YYYY-MM-DD), at noon. */
static gint64
offset_to (const char *date)
{
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00Z", date);
  g_autoptr(GDateTime) noon = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (noon);
  return g_date_time_to_unix (noon) - g_get_real_time () / G_USEC_PER_SEC;
}

static char *
date_plus (gint64 offset)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC
                                                           + offset);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static void
processor_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *key_file = g_build_filename (dir, "processor.key", NULL);
  g_autofree char *line = NULL;
  const char *argv[] = { g_getenv ("CP_PROCESSOR_BINARY"), "--db", processor_db,
                         "--key-file", key_file, "--listen", "127.0.0.1:0", "--api-key", API_KEY,
                         NULL };

  g_assert_nonnull (argv[0]);
  g_subprocess_launcher_setenv (launcher, "CP_SERVER_CLOCK_FILE", clock_file, TRUE);
  processor = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (processor));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_setenv ("CP_TEST_PROCESSOR_URL", line + strlen ("listening on "), TRUE);
}

/* A second portal on the first one's database and mail folder. */
static void
second_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *line = NULL;
  const char *argv[] = { g_getenv ("CP_SERVER_BINARY"), "--db", cp_test_server_get_db_path (portal),
                         "--listen", "127.0.0.1:0",
                         "--mail-dir", cp_test_server_get_mail_dir (portal),
                         "--processor", g_getenv ("CP_TEST_PROCESSOR_URL"),
                         "--processor-key", API_KEY,
                         "--autopay-interval", "1", "--verify-interval", "1", NULL };

  g_subprocess_launcher_setenv (launcher, "CP_SERVER_CLOCK_FILE", clock_file, TRUE);
  second = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (second));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  second_url = g_strdup (line + strlen ("listening on "));
}

static void
second_stop (void)
{
  if (second == NULL)
    return;
  g_subprocess_send_signal (second, SIGTERM);
  g_subprocess_wait (second, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  g_clear_object (&second);
}

/* The mails in the portals' folder to @to with @subject. */
static GPtrArray *
mails_to (const char *to,
          const char *subject)
{
  g_autoptr(GDir) folder = g_dir_open (cp_test_server_get_mail_dir (portal), 0, NULL);
  g_autofree char *to_line = g_strdup_printf ("\r\nTo: %s\r\n", to);
  g_autofree char *subject_line = g_strdup_printf ("\r\nSubject: %s\r\n", subject);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      char *contents = NULL;

      if (!g_str_has_suffix (name, ".eml"))
        continue;
      path = g_build_filename (cp_test_server_get_mail_dir (portal), name, NULL);
      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      if (strstr (contents, to_line) != NULL && strstr (contents, subject_line) != NULL)
        g_ptr_array_add (found, contents);
      else
        g_free (contents);
    }
  return found;
}

/* AutoPay's payments of @invoice_id (any state). */
static gint64
autopay_payments_of (const char *invoice_id)
{
  return query_int (cp_test_server_get_db_path (portal),
                    "SELECT count (*) FROM payments p JOIN payment_allocations a"
                    " ON a.payment_id = p.id WHERE a.invoice_id = ?"
                    " AND p.autopay_due_on IS NOT NULL", invoice_id);
}

static gint64
charges_under (const char *key)
{
  return query_int (processor_db, "SELECT count (*) FROM charges WHERE idempotency_key = ?", key);
}

/* The customer's payments through AutoPay, as the payments list shows them. */
static JsonArray *
autopay_payments (const Who *who)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments?limit=100", who->customer_id);
  g_autoptr(CpResponse) r = cp_call (who->server, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);
  JsonArray *found = json_array_new ();

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *payment = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (payment, "channel"), "autopay"))
        json_array_add_object_element (found, json_object_ref (payment));
    }
  return found;
}

/* Waits (up to 15 s) until @who has @n settled AutoPay payments. */
static JsonArray *
wait_autopay_settled (const Who *who,
                      guint      n)
{
  for (guint i = 0; i < 150; i++)
    {
      JsonArray *found = autopay_payments (who);
      guint settled = 0;

      for (guint j = 0; j < json_array_get_length (found); j++)
        if (!g_str_equal (json_object_get_string_member (json_array_get_object_element (found, j),
                                                         "status"), "pending"))
          settled++;
      if (settled >= n)
        return found;
      json_array_unref (found);
      wait_ms (100);
    }
  g_error ("AutoPay did not settle %u payments", n);
}

/* Ada's open invoices: the newest (due in two weeks) and the overdue one. */
static void
ada_invoices (const Who  *ada,
              char      **upcoming,
              char      **upcoming_due,
              char      **overdue,
              gint64     *upcoming_balance,
              gint64     *overdue_balance)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/invoices?status=all&limit=100",
                                           ada->customer_id);
  g_autoptr(CpResponse) r = cp_call (ada->server, "GET", path, ada->token, NULL);
  JsonArray *items = cp_response_items (r);
  JsonObject *newest = json_array_get_object_element (items, 0);
  JsonObject *older = json_array_get_object_element (items, 1);

  *upcoming = g_strdup (json_object_get_string_member (newest, "id"));
  *upcoming_due = g_strdup (json_object_get_string_member (newest, "due_on"));
  *overdue = g_strdup (json_object_get_string_member (older, "id"));
  *upcoming_balance = json_object_get_int_member (json_object_get_object_member (newest,
                                                                                 "balance"),
                                                  "amount");
  *overdue_balance = json_object_get_int_member (json_object_get_object_member (older, "balance"),
                                                 "amount");
}

static void
assert_mail_safe (const char *mail,
                  const char *token,
                  const char *number)
{
  g_assert_null (strstr (mail, token));
  g_assert_null (strstr (mail, number));
  g_assert_null (strstr (mail, API_KEY));
  g_assert_null (strstr (mail, "tok_"));
}

static void
test_paid_on_due_date (void)
{
  g_auto(Who) ada = sign_in_customer (portal, "ada@example.com");
  g_autofree char *visa = card_with (&ada, "4242");
  g_autofree char *upcoming = NULL, *due = NULL, *overdue = NULL;
  g_autofree char *key = NULL, *overdue_key = NULL, *overdue_due = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonArray) paid = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  gint64 balance, overdue_balance;
  JsonObject *payment, *o, *event;
  CpResponse *r;
  const char *receipt_number;

  ada_invoices (&ada, &upcoming, &due, &overdue, &balance, &overdue_balance);
  g_assert_cmpint (balance, >, 0);
  g_assert_cmpint (overdue_balance, >, 0);
  key = g_strdup_printf ("ap_%s_%s", upcoming, due);
  overdue_due = query_text (cp_test_server_get_db_path (portal),
                            "SELECT due_on FROM invoices WHERE id = ?", overdue);
  overdue_key = g_strdup_printf ("ap_%s_%s", overdue, overdue_due);
  token = query_text (cp_test_server_get_db_path (portal),
                      "SELECT vault_token FROM payment_methods WHERE id = ?", visa);

  r = turn_on (&ada, visa);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);

  /* Today and the day before the due date: nothing. The overdue invoice
   * was due before AutoPay was on: never. */
  wait_ms (2500);
  g_assert_cmpint (autopay_payments_of (upcoming), ==, 0);
  set_clock (offset_to (due) - DAY);
  wait_ms (3500);
  g_assert_cmpint (autopay_payments_of (upcoming), ==, 0);
  g_assert_cmpint (autopay_payments_of (overdue), ==, 0);

  /* On the due date, with two portals running AutoPay every second. */
  set_clock (offset_to (due));
  g_clear_pointer (&ada.token, g_free);
  ada.token = cp_login (portal, "ada@example.com", "demo-customer-password");
  paid = wait_autopay_settled (&ada, 1);
  g_assert_cmpuint (json_array_get_length (paid), ==, 1);
  payment = json_array_get_object_element (paid, 0);
  g_assert_cmpstr (json_object_get_string_member (payment, "status"), ==, "succeeded");
  g_assert_cmpstr (json_object_get_string_member (payment, "memo"), ==, "AutoPay");
  g_assert_cmpstr (actor_member (payment, "role"), ==, "system");
  g_assert_cmpstr (actor_member (payment, "name"), ==, "AutoPay");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (payment, "amount"),
                                               "amount"), ==, balance);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (payment,
                                                                                  "allocations"),
                                                    0), "invoice_id"), ==, upcoming);
  receipt_number = json_object_get_string_member (payment, "receipt_number");
  g_assert_nonnull (receipt_number);

  r = autopay_call (&ada, "GET", ada.customer_id, NULL);
  o = cp_response_object (r);
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "paid");
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "system");
  g_assert_cmpstr (actor_member (event, "role"), ==, "system");
  g_assert_cmpstr (actor_member (event, "name"), ==, "AutoPay");
  g_assert_nonnull (json_object_get_string_member (event, "invoice_number"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (event, "amount"),
                                               "amount"), ==, balance);
  g_assert_true (json_object_get_null_member (o, "last_failure"));
  cp_response_free (r);

  /* More runs of both, and a restart of one: still one payment, one
   * charge, one receipt; the overdue invoice untouched. */
  wait_ms (2500);
  cp_test_server_pause (portal);
  cp_test_server_resume (portal);
  wait_ms (2500);
  g_assert_cmpint (autopay_payments_of (upcoming), ==, 1);
  g_assert_cmpint (charges_under (key), ==, 1);
  g_assert_cmpint (query_int (processor_db, "SELECT count (*) FROM charges WHERE"
                              " idempotency_key LIKE 'ap_%'", NULL), ==, 1);
  g_assert_cmpint (autopay_payments_of (overdue), ==, 0);
  g_assert_cmpint (charges_under (overdue_key), ==, 0);
  g_assert_cmpint (query_int (cp_test_server_get_db_path (portal),
                              "SELECT balance FROM invoices WHERE id = ?", upcoming), ==, 0);
  g_assert_cmpint (query_int (cp_test_server_get_db_path (portal),
                              "SELECT balance FROM invoices WHERE id = ?", overdue), ==,
                   overdue_balance);

  receipts = mails_to ("ada@example.com", "Receipt for your payment");
  g_assert_cmpuint (receipts->len, ==, 1);
  g_assert_nonnull (strstr (receipts->pdata[0], receipt_number));
  g_assert_nonnull (strstr (receipts->pdata[0], "Visa •••• 4242"));
  g_assert_nonnull (strstr (receipts->pdata[0], due));
  {
    g_autofree char *amount = g_strdup_printf ("$%" G_GINT64_FORMAT ".%02d", balance / 100,
                                               (int) (balance % 100));
    g_autofree char *number = query_text (cp_test_server_get_db_path (portal),
                                          "SELECT number FROM invoices WHERE id = ?", upcoming);

    g_assert_nonnull (strstr (receipts->pdata[0], amount));
    g_assert_nonnull (strstr (receipts->pdata[0], number));
  }
  assert_mail_safe (receipts->pdata[0], token, "4242424242424242");
}

/* Adds an invoice of @amount for @customer_id that falls due today by the
 * servers' clock; returns its id. */
static char *
add_invoice_due_today (const char *customer_id,
                       const char *number,
                       gint64      amount,
                       const char *summary)
{
  g_autofree char *offset_text = NULL;
  g_autofree char *today = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *select = NULL;

  g_assert_true (g_file_get_contents (clock_file, &offset_text, NULL, NULL));
  today = date_plus (g_ascii_strtoll (offset_text, NULL, 10));
  sql = g_strdup_printf ("INSERT INTO invoices (customer_id, number, issued_on, due_on, total,"
                         " balance, summary) VALUES (%s, '%s', '%s', '%s', %" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", '%s')", customer_id, number, today, today,
                         amount, amount, summary);
  exec_sql (cp_test_server_get_db_path (portal), sql);
  select = g_strdup_printf ("SELECT id FROM invoices WHERE number = '%s'", number);
  return g_strdup_printf ("%" G_GINT64_FORMAT,
                          query_int (cp_test_server_get_db_path (portal), select, NULL));
}

static void
test_declined (void)
{
  g_auto(Who) grace = sign_in_customer (portal, "grace@example.com");
  g_autofree char *declining = cp_add_card (portal, grace.token, grace.customer_id,
                                            "4000000000000002", FALSE);
  g_autofree char *amex = card_with (&grace, "0005");
  g_autofree char *today = NULL;
  g_autofree char *offset_text = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *key = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonArray) declined = NULL;
  g_autoptr(GPtrArray) mails = NULL;
  JsonObject *o, *failure, *event;
  CpResponse *r;
  gint64 offset;

  g_assert_true (g_file_get_contents (clock_file, &offset_text, NULL, NULL));
  offset = g_ascii_strtoll (offset_text, NULL, 10);
  today = date_plus (offset);

  r = turn_on (&grace, declining);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);

  invoice = add_invoice_due_today (grace.customer_id, "INV-AP-DECLINE", 12300, "Drain cleaning");
  key = g_strdup_printf ("ap_%s_%s", invoice, today);
  token = query_text (cp_test_server_get_db_path (portal),
                      "SELECT vault_token FROM payment_methods WHERE id = ?", declining);

  declined = wait_autopay_settled (&grace, 1);
  g_assert_cmpuint (json_array_get_length (declined), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (declined, 0),
                                                  "status"), ==, "failed");

  r = autopay_call (&grace, "GET", grace.customer_id, NULL);
  o = cp_response_object (r);
  g_assert_true (json_object_get_boolean_member (o, "enabled"));
  failure = json_object_get_object_member (o, "last_failure");
  g_assert_nonnull (failure);
  g_assert_cmpstr (json_object_get_string_member (failure, "invoice_id"), ==, invoice);
  g_assert_cmpstr (json_object_get_string_member (failure, "invoice_number"), ==,
                   "INV-AP-DECLINE");
  g_assert_cmpstr (json_object_get_string_member (failure, "payment_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (declined, 0),
                                                  "id"));
  g_assert_cmpstr (json_object_get_string_member (failure, "message"), ==,
                   "Your card was declined.");
  g_assert_nonnull (json_object_get_string_member (failure, "at"));
  event = event_at (o, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "declined");
  g_assert_cmpstr (json_object_get_string_member (event, "invoice_number"), ==, "INV-AP-DECLINE");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (event, "amount"),
                                               "amount"), ==, 12300);
  cp_response_free (r);

  /* Not retried, by either portal. */
  wait_ms (3000);
  g_assert_cmpint (autopay_payments_of (invoice), ==, 1);
  g_assert_cmpint (charges_under (key), ==, 1);
  g_assert_cmpint (query_int (cp_test_server_get_db_path (portal),
                              "SELECT balance FROM invoices WHERE id = ?", invoice), ==, 12300);

  mails = mails_to ("grace@example.com", "Your automatic payment was declined");
  g_assert_cmpuint (mails->len, ==, 1);
  g_assert_nonnull (strstr (mails->pdata[0], "INV-AP-DECLINE"));
  g_assert_nonnull (strstr (mails->pdata[0], "$123.00"));
  g_assert_nonnull (strstr (mails->pdata[0], "Visa •••• 0002"));
  g_assert_nonnull (strstr (mails->pdata[0], "Your card was declined."));
  assert_mail_safe (mails->pdata[0], token, "4000000000000002");

  /* Another method clears the failure. */
  r = turn_on (&grace, amex);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (json_object_get_null_member (cp_response_object (r), "last_failure"));
  g_assert_cmpstr (json_object_get_string_member (event_at (cp_response_object (r), 0), "action"),
                   ==, "method_changed");
  cp_response_free (r);
}

/* While the admin has online payments off, AutoPay charges nothing (the
 * portal takes no payments then); switched on again, what fell due is paid
 * on the next run. */
static void
test_paused_while_payments_off (void)
{
  g_auto(Who) grace = sign_in_customer (portal, "grace@example.com");
  g_auto(Who) admin = sign_in (portal, "admin@example.com", "demo-admin-password");
  g_autofree char *amex = card_with (&grace, "0005");
  g_autofree char *invoice = NULL;
  CpResponse *r;

  r = turn_on (&grace, amex);
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
  r = cp_call (portal, "PUT", "/settings/online-payments", admin.token, "{\"enabled\": false}");
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);

  invoice = add_invoice_due_today (grace.customer_id, "INV-AP-PAUSED", 4500, "Filter change");

  /* Three runs of each portal's scheduler: nothing. */
  wait_ms (3000);
  g_assert_cmpint (autopay_payments_of (invoice), ==, 0);
  g_assert_cmpint (query_int (cp_test_server_get_db_path (portal),
                              "SELECT balance FROM invoices WHERE id = ?", invoice), ==, 4500);

  r = cp_call (portal, "PUT", "/settings/online-payments", admin.token, "{\"enabled\": true}");
  g_assert_cmpuint (r->status, ==, 200);
  cp_response_free (r);
  for (guint i = 0; i < 150 && query_int (cp_test_server_get_db_path (portal),
                                          "SELECT balance FROM invoices WHERE id = ?",
                                          invoice) != 0; i++)
    wait_ms (100);
  g_assert_cmpint (query_int (cp_test_server_get_db_path (portal),
                              "SELECT balance FROM invoices WHERE id = ?", invoice), ==, 0);
  g_assert_cmpint (autopay_payments_of (invoice), ==, 1);
}

/* The processor decides expiry and the portal reads it by the same clock:
 * a card that is valid today has expired for both once the clock is years
 * ahead. */
static void
test_one_clock (void)
{
  g_auto(Who) grace = sign_in_customer (portal, "grace@example.com");
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", grace.customer_id);
  g_autofree char *offset_text = NULL;
  CpResponse *r;
  JsonArray *items;

  g_assert_true (g_file_get_contents (clock_file, &offset_text, NULL, NULL));
  set_clock (g_ascii_strtoll (offset_text, NULL, 10) + 6 * 366 * (gint64) DAY);
  wait_ms (1200);
  g_clear_pointer (&grace.token, g_free);
  grace.token = cp_login (portal, "grace@example.com", "demo-customer-password");
  r = cp_call (portal, "GET", path, grace.token, NULL);
  items = cp_response_items (r);
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (items, i),
                                                   "expired"));
  cp_response_free (r);

  /* The processor refuses to tokenize a card expiring this (real) year + 2. */
  {
    g_autofree char *url = g_strconcat (cp_vault_url (portal), "/v1/tokens", NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *body = g_strdup_printf ("{\"number\": \"4242424242424242\", \"exp_month\": 12,"
                                             " \"exp_year\": %d, \"cvc\": \"123\","
                                             " \"cardholder_name\": \"Test Holder\","
                                             " \"postal_code\": \"12345\"}",
                                             g_date_time_get_year (now) + 2);

    r = cp_call (portal, "POST", url, cp_vault_key (portal), body);
    g_assert_cmpuint (r->status, ==, 400);
    cp_response_free (r);
  }
  set_clock (0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *no_scheduler[] = { "--autopay-interval", "0", NULL };
  const char *scheduler[] = { "--processor", NULL, "--processor-key", API_KEY,
                              "--autopay-interval", "1", "--verify-interval", "1", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);

  routes = cp_test_server_start_with (CP_TEST_SERVER_DEMO, no_scheduler);

  dir = g_dir_make_tmp ("cp-test-autopay-XXXXXX", &error);
  g_assert_no_error (error);
  processor_db = g_build_filename (dir, "processor.db", NULL);
  clock_file = g_build_filename (dir, "clock", NULL);
  set_clock (0);
  processor_start ();
  scheduler[1] = g_getenv ("CP_TEST_PROCESSOR_URL");
  /* The portal started by the harness inherits the clock from here (also
   * when it is started again). */
  g_setenv ("CP_SERVER_CLOCK_FILE", clock_file, TRUE);
  portal = cp_test_server_start_with (CP_TEST_SERVER_DEMO, scheduler);
  second_start ();

  g_test_add_func ("/autopay/roles", test_roles);
  g_test_add_func ("/autopay/invalid", test_invalid);
  g_test_add_func ("/autopay/on-change-off", test_on_change_off);
  g_test_add_func ("/autopay/payments-disabled", test_payments_disabled);
  g_test_add_func ("/autopay/delete-guard", test_delete_guard);
  g_test_add_func ("/autopay/paid-on-due-date", test_paid_on_due_date);
  g_test_add_func ("/autopay/declined", test_declined);
  g_test_add_func ("/autopay/paused-while-payments-off", test_paused_while_payments_off);
  g_test_add_func ("/autopay/one-clock", test_one_clock);
  status = g_test_run ();

  second_stop ();
  cp_test_server_stop (portal);
  cp_test_server_stop (routes);
  g_subprocess_send_signal (processor, SIGTERM);
  g_subprocess_wait (processor, NULL, NULL);
  g_clear_object (&processor);
  g_free (second_url);
  g_free (processor_db);
  g_free (clock_file);
  g_free (dir);
  return status;
}
