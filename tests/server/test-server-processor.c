/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "cp-server-test.h"

/*
 * The portal and the payment processor as two processes, and the faults
 * between them: the processor killed in the middle of a charge, answering
 * after the portal stopped waiting, and down then back. Every payment must
 * end in exactly one final state, with exactly one charge at the processor,
 * and no balance is ever wrong on the way; the verifier (every second here)
 * settles what was left pending.
 */

#define API_KEY "sk_test_processor_faults"
#define PORTAL_TIMEOUT "2"

static CpTestServer *portal;
static GSubprocess *processor;
static char *dir;
static char *processor_db;
static char *key_file;
static char *processor_log;
static guint16 processor_port;
static char *processor_url;
static guint payments_made;

static void
processor_start (const char *answer_delay)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", processor_port);
  g_autofree char *line = NULL;
  const char *argv[] = { g_getenv ("CP_PROCESSOR_BINARY"), "--db", processor_db,
                         "--key-file", key_file, "--listen", listen, "--api-key", API_KEY,
                         "--ach-delay", "2",
                         answer_delay ? "--answer-delay" : NULL, answer_delay, NULL };

  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  g_assert_nonnull (argv[0]);
  g_assert_null (processor);

  /* Its log is one of the files the at-rest scan reads. */
  g_subprocess_launcher_set_stderr_file_path (launcher, processor_log);
  processor = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (processor));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  if (processor_port == 0)
    {
      processor_url = g_strdup (line + strlen ("listening on "));
      processor_port = (guint16) g_ascii_strtoull (strrchr (processor_url, ':') + 1, NULL, 10);
    }
}

/* kill -9: no clean shutdown, no answer to what is in flight. */
static void
processor_kill (void)
{
  g_subprocess_send_signal (processor, SIGKILL);
  g_subprocess_wait (processor, NULL, NULL);
  g_clear_object (&processor);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (const char *path,
           const char *sql,
           const char *text)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The key the portal charges payment @id under, from its database. */
static char *
processor_key_of (const char *id)
{
  sqlite3 *db = open_db (cp_test_server_get_db_path (portal));
  sqlite3_stmt *stmt = NULL;
  char *key = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT processor_key FROM payments WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (id, NULL, 10));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (key);
  return key;
}

static gint64
charges_under (const char *key)
{
  return query_int (processor_db, "SELECT count (*) FROM charges WHERE idempotency_key = ?", key);
}

typedef struct
{
  char *token;
  char *customer_id;
  char *card;
  char *invoice;
} Who;

static void
who_clear (Who *who)
{
  g_free (who->token);
  g_free (who->customer_id);
  g_free (who->card);
  g_free (who->invoice);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Who, who_clear)

static Who
sign_in_ada (void)
{
  Who who = { cp_login (portal, "ada@example.com", "demo-customer-password") };
  g_autoptr(CpResponse) me = cp_call (portal, "GET", "/me", who.token, NULL);
  g_autofree char *cards_path = NULL;
  g_autofree char *invoices_path = NULL;
  g_autoptr(CpResponse) cards = NULL;
  g_autoptr(CpResponse) invoices = NULL;
  JsonArray *items;

  who.customer_id = g_strdup (cp_response_string (me, "customer_id"));
  cards_path = g_strdup_printf ("/customers/%s/payment-methods", who.customer_id);
  cards = cp_call (portal, "GET", cards_path, who.token, NULL);
  items = cp_response_items (cards);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (items, i), "is_primary"))
      who.card = g_strdup (json_object_get_string_member (json_array_get_object_element (items, i),
                                                          "id"));
  invoices_path = g_strdup_printf ("/customers/%s/invoices?status=open", who.customer_id);
  invoices = cp_call (portal, "GET", invoices_path, who.token, NULL);
  items = cp_response_items (invoices);
  g_assert_cmpuint (json_array_get_length (items), >=, 1);
  who.invoice = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                         "id"));
  g_assert_nonnull (who.card);
  return who;
}

static gint64
invoice_balance (const Who *who)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/invoices?status=all&limit=100",
                                           who->customer_id);
  g_autoptr(CpResponse) r = cp_call (portal, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *inv = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (inv, "id"), who->invoice))
        return json_object_get_int_member (json_object_get_object_member (inv, "balance"),
                                           "amount");
    }
  g_assert_not_reached ();
}

static gint64
invoice_pending (const Who *who)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/invoices?status=all&limit=100",
                                           who->customer_id);
  g_autoptr(CpResponse) r = cp_call (portal, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *inv = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (inv, "id"), who->invoice))
        return json_object_get_int_member (json_object_get_object_member (inv, "pending"),
                                           "amount");
    }
  g_assert_not_reached ();
}

static CpCall *
pay_start (const Who  *who,
           const char *key,
           gint64      amount)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments", who->customer_id);
  g_autofree char *body = g_strdup_printf ("{\"invoice_ids\": [\"%s\"], \"amount\": {\"amount\": %"
                                           G_GINT64_FORMAT ", \"currency\": \"USD\"},"
                                           " \"payment_method_id\": \"%s\"}",
                                           who->invoice, amount, who->card);
  const char *headers[] = { "Idempotency-Key", key, NULL };

  payments_made++;
  return cp_call_start (portal, "POST", path, who->token, body, headers);
}

/* The payment @id as the payments list shows it. */
static JsonObject *
find_payment (const Who  *who,
              const char *id)
{
  g_autofree char *path = g_strdup_printf ("/customers/%s/payments?limit=100", who->customer_id);
  g_autoptr(CpResponse) r = cp_call (portal, "GET", path, who->token, NULL);
  JsonArray *items = cp_response_items (r);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *payment = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (payment, "id"), id))
        return json_object_ref (payment);
    }
  g_assert_not_reached ();
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

/* Waits (up to 15 s) for the verifier to settle payment @id. */
static JsonObject *
wait_settled (const Who  *who,
              const char *id)
{
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(JsonObject) payment = find_payment (who, id);

      if (!g_str_equal (json_object_get_string_member (payment, "status"), "pending"))
        return g_steal_pointer (&payment);
      wait_ms (100);
    }
  g_error ("Payment %s is still pending", id);
}

/* A pending payment holds its amount: the balance is as before, and what
 * is held cannot be paid again. */
static void
assert_held (const Who  *who,
             gint64      balance_before,
             gint64      amount)
{
  CpResponse *again;

  g_assert_cmpint (invoice_balance (who), ==, balance_before);
  g_assert_cmpint (invoice_pending (who), ==, amount);
  again = cp_call_finish (pay_start (who, "fault-pay-the-held-part", balance_before));
  payments_made--;
  cp_assert_error (again, 400, "invalid_request");
  cp_response_free (again);
}

/* One final state, after exactly one pending: the events say so. */
static void
assert_one_final_state (JsonObject *payment,
                        const char *status)
{
  JsonArray *events = json_object_get_array_member (payment, "events");

  g_assert_cmpstr (json_object_get_string_member (payment, "status"), ==, status);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0),
                                                  "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1),
                                                  "status"), ==, status);
}

static void
test_killed_mid_charge (void)
{
  g_auto(Who) ada = sign_in_ada ();
  gint64 before = invoice_balance (&ada);
  g_autoptr(JsonObject) settled = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  CpResponse *r;
  CpCall *call;

  /* The processor makes the charge, then is killed before it answers. */
  processor_kill ();
  processor_start ("30");
  call = pay_start (&ada, "fault-killed", 500);
  for (guint i = 0; i < 100
       && query_int (processor_db, "SELECT count (*) FROM charges", NULL) < 1; i++)
    wait_ms (50);
  g_assert_false (cp_call_is_done (call));
  processor_kill ();

  r = cp_call_finish (call);
  g_assert_cmpuint (r->status, ==, 202);
  g_assert_cmpstr (cp_response_string (r, "status"), ==, "pending");
  g_assert_true (json_object_get_null_member (cp_response_object (r), "receipt_number"));
  id = g_strdup (cp_response_string (r, "id"));
  cp_response_free (r);
  key = processor_key_of (id);
  assert_held (&ada, before, 500);

  processor_start (NULL);
  settled = wait_settled (&ada, id);
  assert_one_final_state (settled, "succeeded");
  g_assert_nonnull (json_object_get_string_member (settled, "receipt_number"));
  g_assert_cmpint (invoice_balance (&ada), ==, before - 500);
  g_assert_cmpint (invoice_pending (&ada), ==, 0);
  g_assert_cmpint (charges_under (key), ==, 1);
}

static void
test_answer_after_timeout (void)
{
  g_auto(Who) ada = sign_in_ada ();
  gint64 before = invoice_balance (&ada);
  g_autoptr(JsonObject) settled = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  gint64 start = g_get_monotonic_time ();
  CpResponse *r;

  /* Answers 5 s late; the portal waits 2 s. */
  processor_kill ();
  processor_start ("5");
  r = cp_call_finish (pay_start (&ada, "fault-late", 700));
  g_assert_cmpuint (r->status, ==, 202);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  id = g_strdup (cp_response_string (r, "id"));
  cp_response_free (r);
  key = processor_key_of (id);

  /* The verifier asks by key and settles it, before the late answer. */
  settled = wait_settled (&ada, id);
  assert_one_final_state (settled, "succeeded");
  g_assert_cmpint (invoice_balance (&ada), ==, before - 700);
  g_assert_cmpint (charges_under (key), ==, 1);

  /* The late answer changes nothing. */
  wait_ms (4000);
  g_clear_pointer (&settled, json_object_unref);
  settled = find_payment (&ada, id);
  assert_one_final_state (settled, "succeeded");
  g_assert_cmpint (invoice_balance (&ada), ==, before - 700);
  g_assert_cmpint (charges_under (key), ==, 1);
}

static void
test_down_then_back (void)
{
  g_auto(Who) ada = sign_in_ada ();
  gint64 before = invoice_balance (&ada);
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) settled = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  CpResponse *r;

  processor_kill ();
  r = cp_call_finish (pay_start (&ada, "fault-down", 900));
  g_assert_cmpuint (r->status, ==, 202);
  id = g_strdup (cp_response_string (r, "id"));
  cp_response_free (r);
  key = processor_key_of (id);
  assert_held (&ada, before, 900);

  /* A retry with the same key is the same payment, still pending. */
  r = cp_call_finish (pay_start (&ada, "fault-down", 900));
  payments_made--;
  g_assert_cmpuint (r->status, ==, 202);
  g_assert_cmpstr (cp_response_string (r, "id"), ==, id);
  cp_response_free (r);

  /* The verifier keeps trying while it is down; nothing settles. */
  wait_ms (2500);
  pending = find_payment (&ada, id);
  g_assert_cmpstr (json_object_get_string_member (pending, "status"), ==, "pending");
  g_assert_cmpint (charges_under (key), ==, 0);
  assert_held (&ada, before, 900);

  processor_start (NULL);
  settled = wait_settled (&ada, id);
  assert_one_final_state (settled, "succeeded");
  g_assert_cmpint (invoice_balance (&ada), ==, before - 900);
  g_assert_cmpint (charges_under (key), ==, 1);

  /* The payment alone, as the app re-checks it; nobody else's. */
  {
    g_autofree char *path = g_strdup_printf ("/customers/%s/payments/%s", ada.customer_id, id);
    g_autofree char *grace = cp_login (portal, "grace@example.com", "demo-customer-password");
    g_autoptr(CpResponse) mine = cp_call (portal, "GET", path, ada.token, NULL);
    g_autoptr(CpResponse) theirs = cp_call (portal, "GET", path, grace, NULL);

    g_assert_cmpuint (mine->status, ==, 200);
    g_assert_cmpstr (cp_response_string (mine, "status"), ==, "succeeded");
    cp_assert_error (theirs, 404, "not_found");
  }
}

/* Charges at the processor beyond one per payment of the portal: a second
 * charge for a payment, or one under a key no payment has. */
static gint64
charges_without_their_own_payment (void)
{
  sqlite3 *db = open_db (cp_test_server_get_db_path (portal));
  g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s' AS processor", processor_db);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count (*) FROM processor.charges)"
                                       " - (SELECT count (*) FROM payments p WHERE EXISTS"
                                       "    (SELECT 1 FROM processor.charges c"
                                       "     WHERE c.idempotency_key = p.processor_key))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The figures: every payment of the run, one charge each, no duplicates. */
static void
test_figures (void)
{
  gint64 charges = query_int (processor_db, "SELECT count (*) FROM charges", NULL);
  gint64 duplicates = charges_without_their_own_payment ();
  gint64 pending = query_int (cp_test_server_get_db_path (portal),
                              "SELECT count (*) FROM payments WHERE status = 'pending'", NULL);
  gint64 succeeded = query_int (cp_test_server_get_db_path (portal),
                                "SELECT count (*) FROM payments WHERE status = 'succeeded'", NULL);
  gint64 unmatched = query_int (cp_test_server_get_db_path (portal),
                                "SELECT count (*) FROM payments WHERE processor_key IS NULL",
                                NULL);

  g_test_message ("payments attempted: %u; charges at the processor: %" G_GINT64_FORMAT
                  "; succeeded: %" G_GINT64_FORMAT "; pending: %" G_GINT64_FORMAT
                  "; duplicates: %" G_GINT64_FORMAT, payments_made, charges, succeeded, pending,
                  duplicates);
  g_assert_cmpint (charges, ==, payments_made);
  g_assert_cmpint (succeeded, ==, payments_made);
  g_assert_cmpint (pending, ==, 0);
  g_assert_cmpint (duplicates, ==, 0);
  g_assert_cmpint (unmatched, ==, 0);
}

static CpResponse *
processor_call (const char *method,
                const char *path,
                const char *key,
                const char *body,
                const char *idempotency_key)
{
  g_autofree char *url = g_strconcat (processor_url, path, NULL);
  const char *headers[] = { "Idempotency-Key", idempotency_key, NULL };

  return cp_call_with_headers (portal, method, url, key, body,
                               idempotency_key ? headers : NULL);
}

static char *
tokenize (const char *number)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *body = g_strdup_printf ("{\"number\": \"%s\", \"exp_month\": 12,"
                                           " \"exp_year\": %d, \"cvc\": \"123\","
                                           " \"cardholder_name\": \"Test Holder\"}",
                                           number, g_date_time_get_year (now) + 2);
  g_autoptr(CpResponse) r = processor_call ("POST", "/v1/tokens", cp_vault_key (portal), body,
                                            NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (cp_response_string (r, "token"));
}

static char *
add_bank_account (const Who  *who,
                  const char *account)
{
  g_autofree char *body = g_strdup_printf ("{\"type\": \"bank_account\", \"account_holder\":"
                                           " \"Ada Lovelace\", \"routing_number\": \"110000000\","
                                           " \"account_number\": \"%s\"}", account);
  g_autoptr(CpResponse) token = processor_call ("POST", "/v1/tokens", cp_vault_key (portal), body,
                                                NULL);
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", who->customer_id);
  g_autofree char *save = NULL;
  g_autoptr(CpResponse) saved = NULL;

  g_assert_cmpuint (token->status, ==, 200);
  g_assert_cmpstr (cp_response_string (token, "type"), ==, "bank_account");
  g_assert_cmpstr (cp_response_string (token, "bank_name"), ==, "Stripe Test Bank");
  g_assert_cmpstr (cp_response_string (token, "last4"), ==, account + strlen (account) - 4);
  save = g_strdup_printf ("{\"card_token\": \"%s\"}", cp_response_string (token, "token"));
  saved = cp_call (portal, "POST", path, who->token, save);
  g_assert_cmpuint (saved->status, ==, 201);
  g_assert_cmpstr (cp_response_string (saved, "type"), ==, "bank_account");
  g_assert_cmpstr (cp_response_string (saved, "bank_name"), ==, "Stripe Test Bank");
  return g_strdup (cp_response_string (saved, "id"));
}

/* A bank account (ACH): the routing number's checksum is checked; a debit
 * is pending until the processor settles it (2 s here), to paid, or to
 * returned for the published "account closed" test account. */
static void
test_bank_account (void)
{
  g_auto(Who) ada = sign_in_ada ();
  g_autoptr(CpResponse) bad = processor_call ("POST", "/v1/tokens", cp_vault_key (portal),
                                              "{\"type\": \"bank_account\", \"account_holder\":"
                                              " \"A\", \"routing_number\": \"110000001\","
                                              " \"account_number\": \"000123456789\"}", NULL);
  gint64 before = invoice_balance (&ada);
  g_autoptr(JsonObject) paid = NULL;
  g_autoptr(JsonObject) returned = NULL;
  g_autofree char *paid_id = NULL;
  g_autofree char *returned_id = NULL;
  CpResponse *r;

  cp_assert_error (bad, 400, "invalid_request");
  g_assert_cmpstr (cp_response_field (bad), ==, "routing_number");

  processor_kill ();
  processor_start (NULL);
  g_free (ada.card);
  ada.card = add_bank_account (&ada, "000123456789");
  r = cp_call_finish (pay_start (&ada, "bank-good", 300));
  g_assert_cmpuint (r->status, ==, 202);
  paid_id = g_strdup (cp_response_string (r, "id"));
  cp_response_free (r);
  g_assert_cmpint (invoice_balance (&ada), ==, before);
  g_assert_cmpint (invoice_pending (&ada), ==, 300);
  paid = wait_settled (&ada, paid_id);
  assert_one_final_state (paid, "succeeded");
  g_assert_cmpint (invoice_balance (&ada), ==, before - 300);

  g_free (ada.card);
  ada.card = add_bank_account (&ada, "000111111113");
  r = cp_call_finish (pay_start (&ada, "bank-closed", 400));
  g_assert_cmpuint (r->status, ==, 202);
  returned_id = g_strdup (cp_response_string (r, "id"));
  cp_response_free (r);
  returned = wait_settled (&ada, returned_id);
  assert_one_final_state (returned, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (returned, "failure_message"), "closed"));
  g_assert_cmpint (invoice_balance (&ada), ==, before - 300);
  g_assert_cmpint (invoice_pending (&ada), ==, 0);
  g_assert_cmpint (charges_under (processor_key_of (returned_id)), ==, 1);
}

/* The app's key (from /config) makes tokens and nothing else; the secret
 * key is needed for the rest; no key, nothing. */
static void
test_keys (void)
{
  g_autofree char *token = tokenize ("4242424242424242");
  g_autofree char *attach = g_strdup_printf ("/v1/tokens/%s/attach", token);
  g_autoptr(CpResponse) anonymous = processor_call ("GET", "/v1/charges/x", NULL, NULL, NULL);
  g_autoptr(CpResponse) wrong = processor_call ("GET", "/v1/charges/x", "sk_wrong", NULL, NULL);
  g_autoptr(CpResponse) app_charge = processor_call ("POST", "/v1/charges", cp_vault_key (portal),
                                                     "{}", "k");
  g_autoptr(CpResponse) app_attach = processor_call ("POST", attach, cp_vault_key (portal), "{}",
                                                     NULL);
  g_autoptr(CpResponse) secret_attach = processor_call ("POST", attach, API_KEY, "{}", NULL);
  g_autoptr(CpResponse) unknown = processor_call ("GET", "/v1/charges/never-made", API_KEY, NULL,
                                                  NULL);

  cp_assert_error (anonymous, 401, "unauthorized");
  cp_assert_error (wrong, 401, "unauthorized");
  cp_assert_error (app_charge, 403, "forbidden");
  cp_assert_error (app_attach, 403, "forbidden");
  g_assert_cmpuint (secret_attach->status, ==, 200);
  g_assert_cmpstr (cp_response_string (secret_attach, "last4"), ==, "4242");
  g_assert_cmpstr (cp_response_string (secret_attach, "brand"), ==, "visa");
  cp_assert_error (unknown, 404, "not_found");
}

/* The processor itself charges once per key: the same key again answers
 * the first charge; with another amount it is refused. */
static void
test_charge_idempotency (void)
{
  g_autofree char *token = tokenize ("4242424242424242");
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\", \"amount\": 1234,"
                                           " \"currency\": \"USD\"}", token);
  g_autofree char *other = g_strdup_printf ("{\"token\": \"%s\", \"amount\": 999,"
                                            " \"currency\": \"USD\"}", token);
  g_autoptr(CpResponse) first = processor_call ("POST", "/v1/charges", API_KEY, body, "direct-1");
  g_autoptr(CpResponse) again = processor_call ("POST", "/v1/charges", API_KEY, body, "direct-1");
  g_autoptr(CpResponse) changed = processor_call ("POST", "/v1/charges", API_KEY, other,
                                                  "direct-1");
  g_autoptr(CpResponse) no_key = processor_call ("POST", "/v1/charges", API_KEY, body, NULL);
  g_autoptr(CpResponse) status = processor_call ("GET", "/v1/charges/direct-1", API_KEY, NULL,
                                                 NULL);

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (cp_response_string (first, "status"), ==, "succeeded");
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (cp_response_string (again, "id"), ==, cp_response_string (first, "id"));
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==,
                   "true");
  cp_assert_error (changed, 409, "idempotency_conflict");
  cp_assert_error (no_key, 400, "invalid_request");
  g_assert_cmpuint (status->status, ==, 200);
  g_assert_cmpstr (cp_response_string (status, "id"), ==, cp_response_string (first, "id"));
  g_assert_cmpint (charges_under ("direct-1"), ==, 1);
}

/* Deleting a payment method destroys its number at the processor; what a
 * receipt needs (brand, last four) stays. */
static void
test_deleted_means_gone (void)
{
  g_auto(Who) ada = sign_in_ada ();
  g_autofree char *pm = cp_add_card (portal, ada.token, ada.customer_id, "4000056655665556",
                                     FALSE);
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods/%s", ada.customer_id,
                                           pm);
  g_autofree char *token = NULL;
  g_autoptr(CpResponse) removed = NULL;
  sqlite3 *db = open_db (cp_test_server_get_db_path (portal));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT vault_token FROM payment_methods WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (pm, NULL, 10));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  token = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpint (query_int (processor_db, "SELECT count (*) FROM vault_cards"
                              " WHERE token = ? AND number_sealed IS NOT NULL", token), ==, 1);
  removed = cp_call (portal, "DELETE", path, ada.token, NULL);
  g_assert_cmpuint (removed->status, ==, 204);
  g_assert_cmpint (query_int (processor_db, "SELECT count (*) FROM vault_cards"
                              " WHERE token = ? AND number_sealed IS NULL"
                              " AND destroyed_at IS NOT NULL AND last4 = '5556'", token), ==, 1);
  /* Every removed method of the run: none keeps a number. */
  g_assert_cmpint (query_int (cp_test_server_get_db_path (portal),
                              "SELECT count (*) FROM processor_deletions", NULL), ==, 0);
}

/* The key that seals the numbers is in its own file, mode 0600, and not in
 * the database. */
static void
test_key_file (void)
{
  GStatBuf st;
  g_autofree char *key = NULL;
  g_autofree char *hex = NULL;
  gsize length = 0;

  g_assert_cmpint (g_stat (key_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (key_file, &key, &length, NULL));
  g_assert_cmpuint (length, ==, 32);
  for (const char *file_suffix = ""; file_suffix != NULL;
       file_suffix = *file_suffix == '\0' ? "-wal" : NULL)
    {
      g_autofree char *path = g_strconcat (processor_db, file_suffix, NULL);
      g_autofree char *contents = NULL;
      gsize size = 0;

      if (!g_file_get_contents (path, &contents, &size, NULL))
        continue;
      for (gsize i = 0; i + length <= size; i++)
        g_assert_true (memcmp (contents + i, key, length) != 0);
    }
}

static const char * const test_numbers[] = {
  "4242424242424242", "5555555555554444", "378282246310005", "4000056655665556",
  "000123456789", "000111111113",
};

static void
scan_tree (const char *path,
           guint      *files,
           guint      *hits)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          scan_tree (child, files, hits);
          continue;
        }
      (*files)++;
      for (guint i = 0; i < G_N_ELEMENTS (test_numbers); i++)
        if (cp_file_contains (child, test_numbers[i]))
          {
            g_test_message ("%s holds a card number in clear", child);
            (*hits)++;
          }
    }
}

/* Every file the processor and the portal wrote — databases, WAL, the
 * processor's log, the mail folder — scanned for the test numbers. */
static void
test_nothing_in_clear (void)
{
  g_autofree char *portal_dir = g_path_get_dirname (cp_test_server_get_db_path (portal));
  guint files = 0, hits = 0;

  g_assert_true (cp_file_contains (processor_db, "tok_")
                 || cp_file_contains (processor_db, "4242"));
  scan_tree (dir, &files, &hits);
  scan_tree (portal_dir, &files, &hits);
  g_test_message ("at-rest scan: %u files, %u numbers in clear", files, hits);
  g_assert_cmpuint (files, >=, 5);
  g_assert_cmpuint (hits, ==, 0);
}

/* Tokenizing is limited per address (a card-testing bot), with Retry-After. */
static void
test_tokenize_rate_limit (void)
{
  CpResponse *r = NULL;
  guint ok = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *body = g_strdup_printf ("{\"number\": \"4242424242424242\","
                                               " \"exp_month\": 12, \"exp_year\": %d,"
                                               " \"cvc\": \"123\", \"cardholder_name\": \"T\"}",
                                               g_date_time_get_year (now) + 2);

      g_clear_pointer (&r, cp_response_free);
      r = processor_call ("POST", "/v1/tokens", cp_vault_key (portal), body, NULL);
      if (r->status != 200)
        break;
      ok++;
    }
  g_assert_cmpuint (ok, <, 40);
  cp_assert_error (r, 429, "rate_limited");
  g_assert_cmpint (g_ascii_strtoll (soup_message_headers_get_one (r->headers, "Retry-After"),
                                    NULL, 10), >, 0);
  cp_response_free (r);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *extra[] = { "--processor", NULL, "--processor-key", API_KEY,
                          "--verify-interval", "1", "--processor-timeout", PORTAL_TIMEOUT, NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("cp-test-processor-XXXXXX", &error);
  g_assert_no_error (error);
  processor_db = g_build_filename (dir, "processor.db", NULL);
  key_file = g_build_filename (dir, "processor.key", NULL);
  processor_log = g_build_filename (dir, "processor.log", NULL);
  processor_start (NULL);
  extra[1] = processor_url;
  portal = cp_test_server_start_with (CP_TEST_SERVER_DEMO, extra);

  g_test_add_func ("/processor/killed-mid-charge", test_killed_mid_charge);
  g_test_add_func ("/processor/answer-after-timeout", test_answer_after_timeout);
  g_test_add_func ("/processor/down-then-back", test_down_then_back);
  g_test_add_func ("/processor/figures", test_figures);
  g_test_add_func ("/processor/bank-account", test_bank_account);
  g_test_add_func ("/processor/keys", test_keys);
  g_test_add_func ("/processor/charge-idempotency", test_charge_idempotency);
  g_test_add_func ("/processor/deleted-means-gone", test_deleted_means_gone);
  g_test_add_func ("/processor/key-file", test_key_file);
  g_test_add_func ("/processor/nothing-in-clear-at-rest", test_nothing_in_clear);
  g_test_add_func ("/processor/tokenize-rate-limit", test_tokenize_rate_limit);
  status = g_test_run ();

  cp_test_server_stop (portal);
  if (processor != NULL)
    processor_kill ();
  g_free (processor_url);
  g_free (processor_db);
  g_free (key_file);
  g_free (processor_log);
  g_free (dir);
  return status;
}
