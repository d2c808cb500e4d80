/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-api-payments.h"
#include "store/cp-clock.h"
#include "store/cp-store.h"
#include "store/cp-store-autopay.h"
#include "store/cp-store-cards.h"
#include "store/cp-store-payments.h"
#include "cp-api-cards.h"

#define IDEMPOTENCY_LIFETIME (24 * 60 * 60)
#define MIN_PAYMENT 100
#define MAX_INVOICES_PER_PAYMENT 50
#define MAX_MEMO 500

/* One charge call to the processor, from a payment request (@req) or from
 * the verifier (@req NULL). Retries of the request with its key that come
 * while it is out wait for it (@waiters). env->charging maps the payment id
 * to it while it is out (to NULL while the verifier asks about it). */
typedef struct
{
  CpApiEnv *env;
  gint64 payment_id;
  CpRequest *req;
  GPtrArray *waiters;
  char *processor_key;
  char *token;
  gint64 amount;
} Charge;

static void
charge_free (Charge *charge)
{
  g_ptr_array_unref (charge->waiters);
  g_free (charge->processor_key);
  g_free (charge->token);
  g_free (charge);
}

/* Writes the payment object of @payment_id into @builder. */
static gboolean
build_payment (CpApiEnv    *env,
               JsonBuilder *builder,
               gint64       payment_id,
               const char  *currency)
{
  g_autoptr(CpStmt) stmt = cp_store_payment_select (env->db, payment_id);
  g_autoptr(CpStmt) alloc = NULL;
  g_autoptr(CpStmt) events = NULL;
  gboolean succeeded;
  int rc;

  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    return FALSE;

  succeeded = g_strcmp0 (cp_stmt_text (stmt, 1), "succeeded") == 0;
  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_add_string (builder, "status", cp_stmt_text (stmt, 1));
  cp_json_add_money (builder, "amount", sqlite3_column_int64 (stmt, 2), currency);
  /* The receipt number is kept from the start, but only a payment that
   * went through has a receipt. */
  cp_json_add_string_or_null (builder, "receipt_number", succeeded ? cp_stmt_text (stmt, 3) : NULL);
  cp_json_add_string_or_null (builder, "failure_message",
                              sqlite3_column_type (stmt, 8) == SQLITE_NULL
                              ? NULL : cp_stmt_text (stmt, 8));
  cp_json_add_time (builder, "created_at", sqlite3_column_int64 (stmt, 4));
  json_builder_set_member_name (builder, "payment_method");
  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 5));
  cp_json_add_string (builder, "brand", cp_stmt_text (stmt, 6));
  cp_json_add_string (builder, "last4", cp_stmt_text (stmt, 7));
  json_builder_end_object (builder);
  cp_json_add_string (builder, "channel", cp_stmt_text (stmt, 10));
  cp_json_add_string (builder, "memo", cp_stmt_text (stmt, 11));
  json_builder_set_member_name (builder, "actor");
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "role", cp_stmt_text (stmt, 12));
  cp_json_add_string (builder, "name", cp_stmt_text (stmt, 13));
  json_builder_end_object (builder);

  alloc = cp_store_payment_allocations_select (env->db, payment_id);
  json_builder_set_member_name (builder, "allocations");
  json_builder_begin_array (builder);
  while ((rc = cp_db_step (env->db, alloc)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      cp_json_add_id (builder, "invoice_id", sqlite3_column_int64 (alloc, 0));
      cp_json_add_money (builder, "amount", sqlite3_column_int64 (alloc, 1), currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return FALSE;

  /* Every change of status, with its time. */
  events = cp_store_payment_events_select (env->db, payment_id);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((rc = cp_db_step (env->db, events)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      cp_json_add_string (builder, "status", cp_stmt_text (events, 1));
      cp_json_add_time (builder, "at", sqlite3_column_int64 (events, 0));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return rc == SQLITE_DONE;
}

/* Answers with the payment as it is now: 201 succeeded, 202 pending (the
 * processor's answer is not in yet), 402 declined. */
static void
answer_payment (CpRequest *req,
                gint64     payment_id)
{
  CpApiEnv *env = req->env;
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CpStmt) stmt = cp_store_payment_select (env->db, payment_id);
  g_autofree char *status = NULL;
  g_autofree char *failure = NULL;

  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    {
      cp_http_internal (req);
      return;
    }
  status = g_strdup (cp_stmt_text (stmt, 1));
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    failure = g_strdup (cp_stmt_text (stmt, 8));
  cp_stmt_release (g_steal_pointer (&stmt));

  if (g_str_equal (status, "failed"))
    {
      cp_http_error (req, SOUP_STATUS_PAYMENT_REQUIRED, "card_declined", "payment_method_id",
                     failure ? failure : "The payment was declined.");
      return;
    }
  if (!build_payment (env, builder, payment_id, currency))
    {
      cp_http_internal (req);
      return;
    }
  cp_http_json_builder (req, g_str_equal (status, "pending") ? SOUP_STATUS_ACCEPTED
                                                             : SOUP_STATUS_CREATED, builder);
}

static gboolean
id_from_node (JsonNode *node,
              gint64   *out)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return cp_parse_id (json_node_get_string (node), out);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return *out > 0;
    }
  return FALSE;
}

static gboolean
valid_idempotency_key (const char *key)
{
  gsize len;

  if (key == NULL)
    return FALSE;
  len = strlen (key);
  if (len == 0 || len > 255)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

/* Replays the stored answer for the key, answers 409 for another body, or
 * returns FALSE when the key is new (or expired, and then forgotten). */
static gboolean
replay_idempotent (CpRequest    *req,
                   const char   *key,
                   const guchar  hash[32])
{
  g_autofree char *response = NULL;
  guint status = 0;
  gint64 payment_id = 0;

  switch (cp_store_idempotency_get (req->env->db, req->user.id, key, hash,
                                    cp_now () - IDEMPOTENCY_LIFETIME, &status, &response,
                                    &payment_id))
    {
    case CP_IDEMPOTENCY_NEW:
      return FALSE;
    case CP_IDEMPOTENCY_CONFLICT:
      cp_http_error (req, SOUP_STATUS_CONFLICT, "idempotency_conflict", "Idempotency-Key",
                     "This Idempotency-Key was already used for a different payment.");
      return TRUE;
    case CP_IDEMPOTENCY_REPLAY:
    default:
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Idempotent-Replayed", "true");
      if (payment_id > 0)
        {
          Charge *charge = g_hash_table_lookup (req->env->charging, &payment_id);

          /* Its charge is out: the retry gets the same answer, once in. */
          if (charge != NULL)
            {
              cp_request_pause (req);
              g_ptr_array_add (charge->waiters, req);
            }
          else
            answer_payment (req, payment_id);
        }
      else
        cp_http_raw_json (req, status, response);
      return TRUE;
    }
}


/* The receipt, or the news of the decline, of an AutoPay payment, to the
 * customer's email on file (none: no mail). Brand and last 4 only. */
static void
mail_autopay_outcome (CpApiEnv *env,
                      gint64    payment_id,
                      gboolean  succeeded,
                      gint64    at)
{
  g_autoptr(CpStmt) stmt = cp_store_autopay_mail_select (env->db, payment_id);
  g_autofree char *company = cp_store_setting_dup (env->db, "company_name");
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  g_autoptr(GError) error = NULL;
  CpPaymentMail mail = { 0 };
  gboolean sent;

  if (cp_db_step (env->db, stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return;
  mail.company = company ? company : "Customer Portal";
  mail.customer_name = cp_stmt_text (stmt, 1);
  mail.receipt_number = cp_stmt_text (stmt, 2);
  mail.amount = sqlite3_column_int64 (stmt, 3);
  mail.currency = currency;
  mail.invoice_number = cp_stmt_text (stmt, 4);
  mail.method_type = cp_stmt_text (stmt, 5);
  mail.brand = cp_stmt_text (stmt, 6);
  mail.last4 = cp_stmt_text (stmt, 7);
  mail.failure_message = cp_stmt_text (stmt, 8);
  mail.due_on = cp_stmt_text (stmt, 9);
  mail.at = at;
  sent = succeeded
         ? cp_mailer_send_autopay_receipt (env->mailer, cp_stmt_text (stmt, 0), &mail, &error)
         : cp_mailer_send_autopay_declined (env->mailer, cp_stmt_text (stmt, 0), &mail, &error);
  if (!sent)
    g_message ("Cannot mail the outcome of AutoPay payment %" G_GINT64_FORMAT ": %s",
               payment_id, error->message);
}

/* Applies what the processor said; an unknown outcome leaves the payment
 * pending for the verifier. */
static void
settle (CpApiEnv       *env,
        gint64          payment_id,
        CpChargeStatus  status,
        const char     *message)
{
  gboolean succeeded = status == CP_CHARGE_SUCCEEDED;
  gboolean autopay = FALSE;
  gint64 now;
  int rc;

  if (status != CP_CHARGE_SUCCEEDED && status != CP_CHARGE_FAILED)
    {
      g_message ("Payment %" G_GINT64_FORMAT " stays pending (%s)", payment_id,
                 status == CP_CHARGE_PENDING ? "the processor has not settled it"
                                             : "no answer from the processor");
      return;
    }
  if (!cp_db_begin (env->db))
    return;
  now = cp_now ();
  rc = cp_store_payment_settle (env->db, payment_id, succeeded,
                                succeeded ? NULL : (message ? message : "The payment was declined."),
                                now);
  /* Only the one who settled it (another server may have been first)
   * writes AutoPay's event and mails the customer. */
  if (rc == 1 && !cp_store_autopay_settled (env->db, payment_id, succeeded, now, &autopay))
    rc = -1;
  if (rc < 0 || !cp_db_commit (env->db))
    {
      g_warning ("Cannot settle payment %" G_GINT64_FORMAT ": %s", payment_id,
                 cp_db_errmsg (env->db));
      cp_db_rollback (env->db);
      return;
    }
  if (rc != 1)
    return;
  g_message ("Payment %" G_GINT64_FORMAT " %s", payment_id, succeeded ? "succeeded" : "failed");
  if (autopay)
    mail_autopay_outcome (env, payment_id, succeeded, now);
}

static void
charged_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CpProcessorClient *processor = CP_PROCESSOR_CLIENT (source);
  Charge *charge = user_data;
  g_autofree char *message = NULL;
  CpChargeStatus status = cp_processor_client_charge_finish (processor, result, &message);

  if (cp_processor_client_is_closed (processor))
    {
      /* The server is going away; the payment stays pending in the
       * database and the verifier of the next run settles it. */
      if (charge->req != NULL)
        g_ptr_array_insert (charge->waiters, 0, charge->req);
      for (guint i = 0; i < charge->waiters->len; i++)
        {
          cp_http_error (charge->waiters->pdata[i], SOUP_STATUS_SERVICE_UNAVAILABLE, "internal",
                         NULL, "The portal is shutting down; the payment is pending.");
          cp_request_resume (charge->waiters->pdata[i]);
        }
      charge_free (charge);
      return;
    }

  g_hash_table_remove (charge->env->charging, &charge->payment_id);
  settle (charge->env, charge->payment_id, status, message);
  if (charge->req != NULL)
    g_ptr_array_insert (charge->waiters, 0, charge->req);
  for (guint i = 0; i < charge->waiters->len; i++)
    {
      CpRequest *waiter = charge->waiters->pdata[i];

      answer_payment (waiter, charge->payment_id);
      cp_request_resume (waiter);
    }
  charge_free (charge);
}

static void
start_charge (CpApiEnv   *env,
              gint64      payment_id,
              const char *processor_key,
              const char *token,
              gint64      amount,
              CpRequest  *req)
{
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  Charge *charge = g_new0 (Charge, 1);
  gint64 *id = g_new (gint64, 1);

  charge->env = env;
  charge->payment_id = payment_id;
  charge->req = req;
  charge->waiters = g_ptr_array_new ();
  charge->processor_key = g_strdup (processor_key);
  charge->token = g_strdup (token);
  charge->amount = amount;
  *id = payment_id;
  g_hash_table_replace (env->charging, id, charge);
  cp_processor_client_charge_async (env->processor, processor_key, token, amount,
                                    currency ? currency : "USD", charged_cb, charge);
}

/**
 * cp_api_payments_pay:
 * @actor: who pays, and through which channel ("portal" or "office")
 *
 * Pays one or more open invoices of the path's customer with a saved
 * payment method. The amount (at least 1.00, at most what the invoices have
 * payable: their balance less what pending payments hold) is applied to
 * them in the order given. Intent before charge: the payment is committed
 * as pending, with the key it is charged under, before the processor is
 * called; then it settles. The answer is 201 (succeeded), 402 (declined)
 * or 202 (pending: no answer from the processor yet; the verifier settles
 * it). The Idempotency-Key stays bound to the payment for 24 hours, so a
 * retry answers the payment as it is then and never charges twice.
 */
void
cp_api_payments_pay (CpRequest     *req,
                     const CpActor *actor)
{
  gint64 customer_id = req->customer_id;
  CpApiEnv *env = req->env;
  JsonObject *body;
  JsonNode *ids_node, *amount_node, *pm_node;
  const char *memo = NULL;
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Idempotency-Key");
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  g_autoptr(GArray) invoice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) balances = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *token = NULL;
  g_autofree char *receipt = NULL;
  crypto_hash_sha256_state state;
  guchar hash[32], raw_key[16];
  char processor_key[3 + sizeof raw_key * 2 + 1];
  gint64 amount = 0, pm_id = 0, due = 0, payment_id = 0, now;
  gsize raw_size = 0;
  gconstpointer raw;
  JsonArray *ids;

  if (!cp_request_require_online_payments (req))
    return;
  if (!valid_idempotency_key (key))
    {
      cp_http_invalid (req, "Idempotency-Key",
                       "Send an Idempotency-Key header: one new key per payment attempt.");
      return;
    }

  raw = g_bytes_get_data (req->raw_body, &raw_size);
  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, (const guchar *) &customer_id, sizeof customer_id);
  crypto_hash_sha256_update (&state, raw, raw_size);
  crypto_hash_sha256_final (&state, hash);
  if (replay_idempotent (req, key, hash))
    return;

  body = cp_request_body_object (req);

  /* invoice_ids: a non-empty list of distinct open invoices of this customer. */
  ids_node = json_object_get_member (body, "invoice_ids");
  if (ids_node == NULL || !JSON_NODE_HOLDS_ARRAY (ids_node)
      || json_array_get_length (ids = json_node_get_array (ids_node)) == 0
      || json_array_get_length (ids) > MAX_INVOICES_PER_PAYMENT)
    {
      cp_http_invalid (req, "invoice_ids", "Choose the invoices to pay.");
      return;
    }
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      gint64 id, balance;

      if (!id_from_node (json_array_get_element (ids, i), &id))
        {
          cp_http_invalid (req, "invoice_ids", "An invoice id is not valid.");
          return;
        }
      for (guint j = 0; j < invoice_ids->len; j++)
        if (g_array_index (invoice_ids, gint64, j) == id)
          {
            cp_http_invalid (req, "invoice_ids", "An invoice is listed twice.");
            return;
          }
      if (!cp_store_invoice_balance (env->db, customer_id, id, &balance))
        {
          cp_http_invalid (req, "invoice_ids", "An invoice was not found.");
          return;
        }
      if (balance <= 0)
        {
          cp_http_invalid (req, "invoice_ids", "An invoice is already paid.");
          return;
        }
      /* What pending payments hold cannot be paid again. */
      balance -= cp_store_invoice_held (env->db, id);
      if (balance <= 0)
        {
          cp_http_invalid (req, "invoice_ids", "A payment of this invoice is pending.");
          return;
        }
      g_array_append_val (invoice_ids, id);
      g_array_append_val (balances, balance);
      due += balance;
    }

  /* amount: {amount, currency} in minor units (a bare integer is accepted). */
  amount_node = json_object_get_member (body, "amount");
  if (amount_node != NULL && JSON_NODE_HOLDS_OBJECT (amount_node))
    {
      JsonObject *money = json_node_get_object (amount_node);
      JsonNode *value = json_object_get_member (money, "amount");
      JsonNode *code = json_object_get_member (money, "currency");

      if (value == NULL || JSON_NODE_TYPE (value) != JSON_NODE_VALUE
          || json_node_get_value_type (value) != G_TYPE_INT64)
        {
          cp_http_invalid (req, "amount", "The amount must be whole minor units.");
          return;
        }
      amount = json_node_get_int (value);
      if (code != NULL && (JSON_NODE_TYPE (code) != JSON_NODE_VALUE
                           || json_node_get_value_type (code) != G_TYPE_STRING
                           || g_strcmp0 (json_node_get_string (code), currency) != 0))
        {
          cp_http_invalid (req, "amount", "The currency does not match the invoices.");
          return;
        }
    }
  else if (amount_node != NULL && JSON_NODE_TYPE (amount_node) == JSON_NODE_VALUE
           && json_node_get_value_type (amount_node) == G_TYPE_INT64)
    amount = json_node_get_int (amount_node);
  else
    {
      cp_http_invalid (req, "amount", "“amount” is required.");
      return;
    }
  if (amount < MIN_PAYMENT)
    {
      cp_http_invalid (req, "amount", "The smallest payment is 1.00.");
      return;
    }
  if (amount > due)
    {
      cp_http_invalid (req, "amount", "The amount is more than the balance due.");
      return;
    }

  /* memo: an optional note, e.g. what the caller said on the phone. */
  if (!cp_request_get_string (req, "memo", FALSE, &memo))
    return;
  if (memo != NULL && (g_utf8_strlen (memo, -1) > MAX_MEMO || !g_utf8_validate (memo, -1, NULL)))
    {
      cp_http_invalid (req, "memo", "The memo is too long.");
      return;
    }

  /* payment_method_id: an active card of this customer. */
  pm_node = json_object_get_member (body, "payment_method_id");
  if (!id_from_node (pm_node, &pm_id))
    {
      cp_http_invalid (req, "payment_method_id", "Choose a card to pay with.");
      return;
    }
  token = cp_store_card_token_dup (env->db, customer_id, pm_id);
  if (token == NULL)
    {
      cp_http_invalid (req, "payment_method_id", "The card was not found.");
      return;
    }

  /* Intent: the payment and its key are committed before any charge. */
  randombytes_buf (raw_key, sizeof raw_key);
  memcpy (processor_key, "cp_", 3);
  sodium_bin2hex (processor_key + 3, sizeof processor_key - 3, raw_key, sizeof raw_key);
  now = cp_now ();
  if (!cp_db_begin (env->db)
      || !cp_store_payment_add (env->db, customer_id, pm_id, req->user.id, actor->channel, amount,
                                now, processor_key, (const gint64 *) invoice_ids->data,
                                (const gint64 *) balances->data, invoice_ids->len,
                                &payment_id, &receipt)
      || !cp_store_payment_set_origin (env->db, payment_id, pm_id, actor->channel, memo, now))
    {
      g_warning ("Cannot record a payment for customer %" G_GINT64_FORMAT ": %s",
                 customer_id, cp_db_errmsg (env->db));
      cp_db_rollback (env->db);
      cp_http_internal (req);
      return;
    }
  cp_store_idempotency_put (env->db, req->user.id, key, hash, 0, "", payment_id, now);
  if (!cp_db_commit (env->db))
    {
      g_warning ("Cannot record a payment for customer %" G_GINT64_FORMAT ": %s",
                 customer_id, cp_db_errmsg (env->db));
      cp_db_rollback (env->db);
      cp_http_internal (req);
      return;
    }

  g_message ("Payment %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " for customer %"
             G_GINT64_FORMAT " via %s: pending, charging", payment_id, amount, customer_id,
             actor->channel);
  cp_request_pause (req);
  start_charge (env, payment_id, processor_key, token, amount, req);
}

/* POST /customers/{customer}/payments: the signed-in user pays. */
void
cp_api_payments_create (CpRequest *req)
{
  CpActor actor = { req->user.role, req->user.name, cp_request_channel (req) };

  cp_api_payments_pay (req, &actor);
}

typedef struct
{
  CpApiEnv *env;
  gint64 payment_id;
  char *processor_key;
  char *token;
  gint64 amount;
} Verify;

static void
verify_free (Verify *verify)
{
  g_free (verify->processor_key);
  g_free (verify->token);
  g_free (verify);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpProcessorClient *processor = CP_PROCESSOR_CLIENT (source);
  Verify *verify = user_data;
  g_autofree char *message = NULL;
  CpChargeStatus status = cp_processor_client_charge_finish (processor, result, &message);

  if (cp_processor_client_is_closed (processor))
    {
      verify_free (verify);
      return;
    }
  g_hash_table_remove (verify->env->charging, &verify->payment_id);
  if (status == CP_CHARGE_NOT_FOUND)
    {
      /* The charge never reached the processor: make it now, under the
       * same key, so that it is made once whatever else is in flight. */
      g_message ("Payment %" G_GINT64_FORMAT " is unknown to the processor; charging it",
                 verify->payment_id);
      start_charge (verify->env, verify->payment_id, verify->processor_key, verify->token,
                    verify->amount, NULL);
    }
  else
    settle (verify->env, verify->payment_id, status, message);
  verify_free (verify);
}

/**
 * cp_api_payments_verify:
 *
 * The verifier: asks the processor, by idempotency key, what became of
 * every pending payment that has no call in flight, and settles those it
 * has an answer for. Also retries destroying removed payment methods.
 */
void
cp_api_payments_verify (CpApiEnv *env)
{
  g_autoptr(CpStmt) stmt = cp_store_payments_pending_select (env->db);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  while (cp_db_step (env->db, stmt) == SQLITE_ROW)
    {
      Verify *verify;
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (env->charging, &id))
        continue;
      verify = g_new0 (Verify, 1);
      verify->env = env;
      verify->payment_id = id;
      verify->processor_key = g_strdup (cp_stmt_text (stmt, 1));
      verify->token = g_strdup (cp_stmt_text (stmt, 2));
      verify->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (pending, verify);
    }
  cp_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < pending->len; i++)
    {
      Verify *verify = pending->pdata[i];
      gint64 *id = g_new (gint64, 1);

      *id = verify->payment_id;
      g_hash_table_replace (env->charging, id, NULL);
      cp_processor_client_get_charge_async (env->processor, verify->processor_key,
                                            verified_cb, verify);
    }
  cp_api_cards_destroy_removed (env, NULL);
}

void
cp_api_payments_list (CpRequest *req)
{
  gint64 customer_id = req->customer_id;
  CpApiEnv *env = req->env;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CpStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor_key = NULL;
  g_autofree char *next = NULL;
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  gint64 cursor_id;
  guint limit;
  int rc;

  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;

  stmt = cp_store_payment_ids_select (env->db, customer_id, cursor_id, (int) limit + 1);
  while ((rc = cp_db_step (env->db, stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      cp_http_internal (req);
      return;
    }
  cp_stmt_release (stmt);
  if (ids->len > limit)
    {
      g_array_set_size (ids, limit);
      next = cp_cursor_encode ("", g_array_index (ids, gint64, limit - 1));
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    if (!build_payment (env, builder, g_array_index (ids, gint64, i), currency))
      {
        cp_http_internal (req);
        return;
      }
  json_builder_end_array (builder);
  cp_json_add_string_or_null (builder, "next_cursor", next);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

void
cp_api_payments_get (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 payment_id = 0;

  if (!cp_parse_id (req->pm, &payment_id)
      || cp_store_payment_customer (env->db, payment_id) != req->customer_id)
    {
      cp_http_not_found (req);
      return;
    }
  if (!build_payment (env, builder, payment_id, currency))
    {
      cp_http_internal (req);
      return;
    }
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/**
 * cp_api_payments_autopay:
 *
 * The AutoPay scheduler's run: every open invoice that falls due for
 * AutoPay today (cp_store_autopay_due_select()) with something payable gets
 * one payment of what it has payable, with the AutoPay method, by the same
 * path as a customer's payment: pending and committed first, then charged,
 * then settled (the verifier finishes what is left pending). The payment's
 * processor key is ap_<invoice>_<due date>, unique in the database and at
 * the processor: a second server, a restart or a run while one is out never
 * makes it twice, and a declined one is not made again.
 */
void
cp_api_payments_autopay (CpApiEnv *env)
{
  typedef struct
  {
    gint64 customer_id, pm_id, invoice_id, payable;
    char *token, *due_on;
  } Due;
  g_autoptr(CpStmt) stmt = NULL;
  g_autoptr(GArray) due = NULL;
  g_autofree char *today = NULL;

  if (!cp_store_online_payments_enabled (env->db))
    return;

  today = cp_format_date (cp_now ());
  due = g_array_new (FALSE, TRUE, sizeof (Due));
  stmt = cp_store_autopay_due_select (env->db, today);
  while (cp_db_step (env->db, stmt) == SQLITE_ROW)
    {
      Due row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                  sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 5),
                  g_strdup (cp_stmt_text (stmt, 2)), g_strdup (cp_stmt_text (stmt, 4)) };

      g_array_append_val (due, row);
    }
  cp_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < due->len; i++)
    {
      Due *row = &g_array_index (due, Due, i);
      g_autofree char *key = g_strdup_printf ("ap_%" G_GINT64_FORMAT "_%s", row->invoice_id,
                                              row->due_on);
      g_autofree char *receipt = NULL;
      gint64 payment_id = 0, now = cp_now ();
      gboolean made;

      if (row->payable > 0 && !cp_store_payment_key_used (env->db, key))
        {
          made = cp_db_begin (env->db)
                 && cp_store_payment_add (env->db, row->customer_id, row->pm_id, 0, "portal",
                                          row->payable, now, key, &row->invoice_id,
                                          &row->payable, 1, &payment_id, &receipt)
                 && cp_store_payment_set_origin (env->db, payment_id, row->pm_id, "portal",
                                                 "AutoPay", now)
                 && cp_store_payment_set_autopay (env->db, payment_id, row->due_on)
                 && cp_db_commit (env->db);
          if (!made)
            {
              /* Most likely another server made it first (the key is
               * taken): it charges it, not this one. */
              g_message ("AutoPay did not make a payment of invoice %" G_GINT64_FORMAT
                         " due %s: %s", row->invoice_id, row->due_on, cp_db_errmsg (env->db));
              cp_db_rollback (env->db);
            }
          else
            {
              g_message ("AutoPay payment %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                         " for customer %" G_GINT64_FORMAT " (invoice %" G_GINT64_FORMAT
                         " due %s): pending, charging", payment_id, row->payable,
                         row->customer_id, row->invoice_id, row->due_on);
              start_charge (env, payment_id, key, row->token, row->payable, NULL);
            }
        }
      g_free (row->token);
      g_free (row->due_on);
    }
}
