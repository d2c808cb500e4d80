/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-api-payments.h"
#include "store/cp-clock.h"
#include "store/cp-store.h"
#include "store/cp-store-cards.h"
#include "store/cp-store-payments.h"

#define IDEMPOTENCY_LIFETIME (24 * 60 * 60)
#define MIN_PAYMENT 100
#define MAX_INVOICES_PER_PAYMENT 50
#define MAX_MEMO 500

/* Writes the payment object of @payment_id into @builder. */
static gboolean
build_payment (CpApiEnv    *env,
               JsonBuilder *builder,
               gint64       payment_id,
               const char  *currency)
{
  g_autoptr(CpStmt) stmt = cp_store_payment_select (env->db, payment_id);
  g_autoptr(CpStmt) alloc = NULL;
  int rc;

  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    return FALSE;

  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_add_string (builder, "status", cp_stmt_text (stmt, 1));
  cp_json_add_money (builder, "amount", sqlite3_column_int64 (stmt, 2), currency);
  cp_json_add_string (builder, "receipt_number", cp_stmt_text (stmt, 3));
  cp_json_add_time (builder, "created_at", sqlite3_column_int64 (stmt, 4));
  json_builder_set_member_name (builder, "payment_method");
  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 5));
  cp_json_add_string (builder, "brand", cp_stmt_text (stmt, 6));
  cp_json_add_string (builder, "last4", cp_stmt_text (stmt, 7));
  json_builder_end_object (builder);
  cp_json_add_string (builder, "channel", cp_stmt_text (stmt, 8));
  cp_json_add_string (builder, "memo", cp_stmt_text (stmt, 9));
  json_builder_set_member_name (builder, "actor");
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "role", cp_stmt_text (stmt, 10));
  cp_json_add_string (builder, "name", cp_stmt_text (stmt, 11));
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
  json_builder_end_object (builder);
  return rc == SQLITE_DONE;
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

  switch (cp_store_idempotency_get (req->env->db, req->user.id, key, hash,
                                    cp_now () - IDEMPOTENCY_LIFETIME, &status, &response))
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
      cp_http_raw_json (req, status, response);
      return TRUE;
    }
}

/**
 * cp_api_payments_take:
 * @channel: "portal" (the customer pays) or "office" (staff take a payment
 *   over the phone)
 * @actor_user_id: the user taking the payment, recorded with it
 *
 * Charges a saved card for one or more open invoices: the one payment path
 * for customers and the office alike. The amount (at least 1.00, at most
 * the sum due) is applied to the invoices in the order given; an optional
 * `memo` is kept with the payment. The answer (success or decline) is kept
 * for 24 hours under the caller's Idempotency-Key, so a retry never
 * charges twice.
 */
void
cp_api_payments_take (CpRequest  *req,
                      const char *channel,
                      gint64      actor_user_id)
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
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *response = NULL;
  g_autofree char *receipt = NULL;
  crypto_hash_sha256_state state;
  guchar hash[32];
  gint64 amount = 0, pm_id = 0, due = 0, payment_id = 0, now;
  const char *decline = NULL;
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

  switch (cp_vault_charge (env->vault, token, amount, &decline))
    {
    case CP_VAULT_CHARGE_OK:
      break;
    case CP_VAULT_CHARGE_DECLINED:
      {
        g_autofree char *error = cp_http_error_json ("card_declined", "payment_method_id", decline);

        g_message ("Payment declined for customer %" G_GINT64_FORMAT, customer_id);
        cp_store_idempotency_put (env->db, req->user.id, key, hash, SOUP_STATUS_PAYMENT_REQUIRED,
                                  error, cp_now ());
        cp_http_raw_json (req, SOUP_STATUS_PAYMENT_REQUIRED, error);
        return;
      }
    case CP_VAULT_CHARGE_UNKNOWN_TOKEN:
    case CP_VAULT_CHARGE_ERROR:
    default:
      g_warning ("The vault cannot charge card %" G_GINT64_FORMAT, pm_id);
      cp_http_internal (req);
      return;
    }

  /* Charged: record it all in one transaction. */
  now = cp_now ();
  if (!cp_db_begin (env->db)
      || !cp_store_payment_add (env->db, customer_id, pm_id, actor_user_id, amount, now,
                                (const gint64 *) invoice_ids->data,
                                (const gint64 *) balances->data, invoice_ids->len,
                                &payment_id, &receipt)
      || !cp_store_payment_set_origin (env->db, payment_id, pm_id, channel, memo, now))
    goto fail;

  builder = json_builder_new ();
  if (!build_payment (env, builder, payment_id, currency))
    goto fail;
  root = json_builder_get_root (builder);
  response = json_to_string (root, FALSE);
  cp_store_idempotency_put (env->db, req->user.id, key, hash, SOUP_STATUS_CREATED, response, now);
  if (!cp_db_commit (env->db))
    goto fail;

  g_message ("Payment %s of %" G_GINT64_FORMAT " for customer %" G_GINT64_FORMAT " via %s",
             receipt, amount, customer_id, channel);
  cp_http_raw_json (req, SOUP_STATUS_CREATED, response);
  return;

fail:
  g_warning ("Cannot record a charged payment for customer %" G_GINT64_FORMAT ": %s",
             customer_id, cp_db_errmsg (env->db));
  cp_db_rollback (env->db);
  cp_http_internal (req);
}

/* POST /customers/{id}/payments: a customer pays through the portal, or
 * the office takes the payment (staff and admins); both on one path. */
void
cp_api_payments_create (CpRequest *req)
{
  cp_api_payments_take (req, cp_request_channel (req), req->user.id);
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
