/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-api-payments.h"
#include "store/cp-clock.h"
#include "store/cp-store.h"

#define IDEMPOTENCY_LIFETIME (24 * 60 * 60)
#define MIN_PAYMENT 100
#define MAX_INVOICES_PER_PAYMENT 50

/* Writes the payment object of @payment_id into @builder. */
static gboolean
build_payment (CpApiEnv    *env,
               JsonBuilder *builder,
               gint64       payment_id,
               const char  *currency)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (env->db,
                                          "SELECT p.id, p.status, p.amount, p.receipt_number,"
                                          " p.created_at, m.id, m.brand, m.last4"
                                          " FROM payments p"
                                          " JOIN payment_methods m ON m.id = p.payment_method_id"
                                          " WHERE p.id = ?");
  g_autoptr(CpStmt) alloc = NULL;
  int rc;

  sqlite3_bind_int64 (stmt, 1, payment_id);
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

  alloc = cp_db_prepare (env->db,
                         "SELECT invoice_id, amount FROM payment_allocations"
                         " WHERE payment_id = ? ORDER BY position");
  sqlite3_bind_int64 (alloc, 1, payment_id);
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

static void
store_idempotent (CpApiEnv     *env,
                  gint64        user_id,
                  const char   *key,
                  const guchar  hash[32],
                  guint         status,
                  const char   *response)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (env->db,
                                          "INSERT OR REPLACE INTO idempotency_keys (user_id, key,"
                                          " request_hash, status, response, created_at)"
                                          " VALUES (?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 3, hash, 32, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) status);
  sqlite3_bind_text (stmt, 5, response, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, cp_now ());
  cp_db_step (env->db, stmt);
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
  CpApiEnv *env = req->env;
  g_autoptr(CpStmt) stmt = cp_db_prepare (env->db,
                                          "SELECT request_hash, status, response, created_at"
                                          " FROM idempotency_keys WHERE user_id = ? AND key = ?");
  const void *stored;

  sqlite3_bind_int64 (stmt, 1, req->user.id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    return FALSE;

  if (sqlite3_column_int64 (stmt, 3) + IDEMPOTENCY_LIFETIME <= cp_now ())
    {
      g_autoptr(CpStmt) forget = NULL;

      cp_stmt_release (stmt);
      forget = cp_db_prepare (env->db,
                              "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?");
      sqlite3_bind_int64 (forget, 1, req->user.id);
      sqlite3_bind_text (forget, 2, key, -1, SQLITE_TRANSIENT);
      cp_db_step (env->db, forget);
      return FALSE;
    }

  stored = sqlite3_column_blob (stmt, 0);
  if (sqlite3_column_bytes (stmt, 0) != 32 || stored == NULL
      || sodium_memcmp (stored, hash, 32) != 0)
    {
      cp_http_error (req, SOUP_STATUS_CONFLICT, "idempotency_conflict", "Idempotency-Key",
                     "This Idempotency-Key was already used for a different payment.");
      return TRUE;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Idempotent-Replayed", "true");
  cp_http_raw_json (req, (guint) sqlite3_column_int (stmt, 1), cp_stmt_text (stmt, 2));
  return TRUE;
}

/**
 * cp_api_payments_create:
 *
 * Charges a saved card for one or more open invoices. The amount (at least
 * 1.00, at most the sum due) is applied to the invoices in the order given.
 * The answer (success or decline) is kept for 24 hours under the caller's
 * Idempotency-Key, so a retry never charges twice.
 */
void
cp_api_payments_create (CpRequest *req)
{
  gint64 customer_id = req->customer_id;
  CpApiEnv *env = req->env;
  JsonObject *body;
  JsonNode *ids_node, *amount_node, *pm_node;
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Idempotency-Key");
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  g_autoptr(GArray) invoice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) balances = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CpStmt) pm_stmt = NULL;
  g_autoptr(CpStmt) insert = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *response = NULL;
  g_autofree char *receipt = NULL;
  crypto_hash_sha256_state state;
  guchar hash[32];
  gint64 amount = 0, pm_id = 0, due = 0, remaining, payment_id, now;
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
      g_autoptr(CpStmt) inv = NULL;
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
      inv = cp_db_prepare (env->db,
                           "SELECT balance FROM invoices WHERE id = ? AND customer_id = ?");
      sqlite3_bind_int64 (inv, 1, id);
      sqlite3_bind_int64 (inv, 2, customer_id);
      if (cp_db_step (env->db, inv) != SQLITE_ROW)
        {
          cp_http_invalid (req, "invoice_ids", "An invoice was not found.");
          return;
        }
      balance = sqlite3_column_int64 (inv, 0);
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

  /* payment_method_id: an active card of this customer. */
  pm_node = json_object_get_member (body, "payment_method_id");
  if (!id_from_node (pm_node, &pm_id))
    {
      cp_http_invalid (req, "payment_method_id", "Choose a card to pay with.");
      return;
    }
  pm_stmt = cp_db_prepare (env->db,
                           "SELECT vault_token FROM payment_methods"
                           " WHERE id = ? AND customer_id = ? AND removed_at IS NULL");
  sqlite3_bind_int64 (pm_stmt, 1, pm_id);
  sqlite3_bind_int64 (pm_stmt, 2, customer_id);
  if (cp_db_step (env->db, pm_stmt) != SQLITE_ROW)
    {
      cp_http_invalid (req, "payment_method_id", "The card was not found.");
      return;
    }
  token = g_strdup (cp_stmt_text (pm_stmt, 0));
  cp_stmt_release (pm_stmt);

  switch (cp_vault_charge (env->vault, token, amount, &decline))
    {
    case CP_VAULT_CHARGE_OK:
      break;
    case CP_VAULT_CHARGE_DECLINED:
      {
        g_autofree char *error = cp_http_error_json ("card_declined", "payment_method_id", decline);

        g_message ("Payment declined for customer %" G_GINT64_FORMAT, customer_id);
        store_idempotent (env, req->user.id, key, hash, SOUP_STATUS_PAYMENT_REQUIRED, error);
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
  if (!cp_db_begin (env->db))
    goto fail;
  {
    g_autoptr(CpStmt) next = cp_db_prepare (env->db,
                                            "SELECT COALESCE (MAX (id), 0) + 1 FROM payments");
    g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
    g_autofree char *day = g_date_time_format (today, "%Y%m%d");

    if (cp_db_step (env->db, next) != SQLITE_ROW)
      goto fail;
    payment_id = sqlite3_column_int64 (next, 0);
    receipt = g_strdup_printf ("R-%s-%06" G_GINT64_FORMAT, day, payment_id);
  }
  insert = cp_db_prepare (env->db,
                          "INSERT INTO payments (id, customer_id, payment_method_id, user_id, amount,"
                          " status, receipt_number, created_at)"
                          " VALUES (?, ?, ?, ?, ?, 'succeeded', ?, ?)");
  sqlite3_bind_int64 (insert, 1, payment_id);
  sqlite3_bind_int64 (insert, 2, customer_id);
  sqlite3_bind_int64 (insert, 3, pm_id);
  sqlite3_bind_int64 (insert, 4, req->user.id);
  sqlite3_bind_int64 (insert, 5, amount);
  sqlite3_bind_text (insert, 6, receipt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 7, now);
  if (cp_db_step (env->db, insert) != SQLITE_DONE)
    goto fail;

  remaining = amount;
  for (guint i = 0; i < invoice_ids->len && remaining > 0; i++)
    {
      g_autoptr(CpStmt) alloc = NULL;
      g_autoptr(CpStmt) pay = NULL;
      gint64 id = g_array_index (invoice_ids, gint64, i);
      gint64 part = MIN (remaining, g_array_index (balances, gint64, i));

      alloc = cp_db_prepare (env->db,
                             "INSERT INTO payment_allocations (payment_id, invoice_id, position,"
                             " amount) VALUES (?, ?, ?, ?)");
      sqlite3_bind_int64 (alloc, 1, payment_id);
      sqlite3_bind_int64 (alloc, 2, id);
      sqlite3_bind_int (alloc, 3, (int) i);
      sqlite3_bind_int64 (alloc, 4, part);
      if (cp_db_step (env->db, alloc) != SQLITE_DONE)
        goto fail;
      cp_stmt_release (alloc);

      pay = cp_db_prepare (env->db,
                           "UPDATE invoices SET balance = balance - ?1"
                           " WHERE id = ?2 AND balance >= ?1");
      sqlite3_bind_int64 (pay, 1, part);
      sqlite3_bind_int64 (pay, 2, id);
      if (cp_db_step (env->db, pay) != SQLITE_DONE || cp_db_changes (env->db) != 1)
        goto fail;
      remaining -= part;
    }

  builder = json_builder_new ();
  if (!build_payment (env, builder, payment_id, currency))
    goto fail;
  root = json_builder_get_root (builder);
  response = json_to_string (root, FALSE);
  store_idempotent (env, req->user.id, key, hash, SOUP_STATUS_CREATED, response);
  if (!cp_db_commit (env->db))
    goto fail;

  g_message ("Payment %s of %" G_GINT64_FORMAT " for customer %" G_GINT64_FORMAT,
             receipt, amount, customer_id);
  cp_http_raw_json (req, SOUP_STATUS_CREATED, response);
  return;

fail:
  g_warning ("Cannot record a charged payment for customer %" G_GINT64_FORMAT ": %s",
             customer_id, cp_db_errmsg (env->db));
  cp_db_rollback (env->db);
  cp_http_internal (req);
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

  stmt = cp_db_prepare (env->db,
                        "SELECT id FROM payments WHERE customer_id = ?1 AND (?2 = 0 OR id < ?2)"
                        " ORDER BY id DESC LIMIT ?3");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, cursor_id);
  sqlite3_bind_int (stmt, 3, (int) limit + 1);
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
