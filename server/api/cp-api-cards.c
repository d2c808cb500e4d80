/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-api-cards.h"
#include "cp-json-writer.h"
#include "store/cp-clock.h"
#include "store/cp-store-autopay.h"
#include "store/cp-store-cards.h"

/* Whether a card's last month is over (by the server's clock). */
gboolean
cp_api_cards_expired (int exp_month,
                      int exp_year)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (cp_now ());

  return exp_year * 12 + exp_month
         < g_date_time_get_year (now) * 12 + g_date_time_get_month (now);
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *name,
                  CpStmt      *stmt,
                  int          column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_null_value (builder);
    }
  else
    cp_json_add_time (builder, name, sqlite3_column_int64 (stmt, column));
}

/**
 * cp_api_cards_write_card:
 *
 * One saved card as the API shows it (never more of the number than the
 * last four digits), from a row whose first columns are
 * CP_STORE_CARD_COLUMNS; the report adds the customer after them.
 */
void
cp_api_cards_write_card (JsonBuilder *builder,
                         CpStmt      *stmt,
                         gboolean     with_customer)
{
  int exp_month = sqlite3_column_int (stmt, 3);
  int exp_year = sqlite3_column_int (stmt, 4);

  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_add_string (builder, "brand", cp_stmt_text (stmt, 1));
  cp_json_add_string (builder, "last4", cp_stmt_text (stmt, 2));
  cp_json_add_int (builder, "exp_month", exp_month);
  cp_json_add_int (builder, "exp_year", exp_year);
  cp_json_add_string (builder, "cardholder_name", cp_stmt_text (stmt, 5));
  cp_json_add_bool (builder, "is_primary", sqlite3_column_int (stmt, 6) != 0);
  cp_json_add_bool (builder, "expired", cp_api_cards_expired (exp_month, exp_year));
  cp_json_add_time (builder, "added_at", sqlite3_column_int64 (stmt, 7));
  cp_json_add_string (builder, "added_via", cp_stmt_text (stmt, 8));
  cp_json_add_string (builder, "type", cp_stmt_text (stmt, 13));
  if (g_str_equal (cp_stmt_text (stmt, 13), "bank_account"))
    cp_json_add_string (builder, "bank_name", cp_stmt_text (stmt, 14));
  json_builder_set_member_name (builder, "added_by");
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "role", cp_stmt_text (stmt, 9));
  cp_json_add_string (builder, "name", cp_stmt_text (stmt, 10));
  json_builder_end_object (builder);
  add_time_or_null (builder, "updated_at", stmt, 11);
  add_time_or_null (builder, "last_used_at", stmt, 12);
  if (with_customer)
    {
      json_builder_set_member_name (builder, "customer");
      json_builder_begin_object (builder);
      cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 15));
      cp_json_add_string (builder, "name", cp_stmt_text (stmt, 16));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_card (JsonBuilder *builder,
          CpStmt      *stmt)
{
  cp_api_cards_write_card (builder, stmt, FALSE);
}

static void
answer_card (CpRequest *req,
             gint64     pm_id,
             guint      status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CpStmt) stmt = cp_store_card_select (req->env->db, pm_id);

  if (cp_db_step (req->env->db, stmt) != SQLITE_ROW)
    {
      cp_http_internal (req);
      return;
    }
  add_card (builder, stmt);
  cp_http_json_builder (req, status, builder);
}

void
cp_api_cards_list (CpRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CpStmt) stmt = cp_store_cards_select (req->env->db, req->customer_id);
  int rc;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while ((rc = cp_db_step (req->env->db, stmt)) == SQLITE_ROW)
    add_card (builder, stmt);
  if (rc != SQLITE_DONE)
    {
      cp_http_internal (req);
      return;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next_cursor");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/* The signed-in user, as the card history names them. */
static CpActor
user_actor (CpRequest *req)
{
  CpActor actor = { req->user.role, req->user.name, cp_request_channel (req) };

  return actor;
}

/* Card digits belong to the vault. A body that carries a `number`, or a run
 * of twelve or more digits (spaces and dashes between groups allowed), is
 * refused without being logged. */
static gboolean
body_has_card_digits (CpRequest *req)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (req->raw_body, &size);
  guint run = 0;

  if (json_object_has_member (cp_request_body_object (req), "number")
      || json_object_has_member (cp_request_body_object (req), "card_number")
      || json_object_has_member (cp_request_body_object (req), "cvc"))
    return TRUE;

  for (gsize i = 0; i < size; i++)
    {
      if (g_ascii_isdigit (data[i]))
        {
          if (++run >= 12)
            return TRUE;
        }
      else if ((data[i] == ' ' || data[i] == '-') && run > 0 && i + 1 < size
               && g_ascii_isdigit (data[i + 1]))
        continue;
      else
        run = 0;
    }
  return FALSE;
}

static void attached_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data);

void
cp_api_cards_add (CpRequest *req)
{
  CpDb *db = req->env->db;
  const char *token;
  gboolean make_primary = FALSE;

  if (!cp_request_require_online_payments (req))
    return;
  if (body_has_card_digits (req))
    {
      cp_http_invalid (req, "card_token",
                       "Card numbers go to the vault, never to the portal. Send a card token.");
      return;
    }
  if (!cp_request_get_string (req, "card_token", TRUE, &token)
      || !cp_request_get_bool (req, "make_primary", FALSE, &make_primary))
    return;

  if (cp_store_card_token_used (db, token))
    {
      cp_http_invalid (req, "card_token", "This card token has already been used.");
      return;
    }

  /* The processor says what the token is (and stops it expiring); the
   * request waits for it without blocking anyone else. */
  cp_request_pause (req);
  g_object_set_data (G_OBJECT (req->msg), "cp-make-primary", GINT_TO_POINTER (make_primary));
  cp_processor_client_attach_async (req->env->processor, token, attached_cb, req);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpProcessorClient *processor = CP_PROCESSOR_CLIENT (source);
  CpRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  CpActor actor;
  CpDb *db;
  CpVaultCard card;
  gboolean make_primary = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (req->msg),
                                                              "cp-make-primary"));
  gint64 pm_id = 0;
  gboolean ok;

  ok = cp_processor_client_attach_finish (processor, result, &card, &error);
  if (cp_processor_client_is_closed (processor))
    {
      /* The server is going away: touch nothing of it. */
      cp_vault_card_clear (&card);
      cp_http_internal (req);
      cp_request_resume (req);
      return;
    }
  if (!ok)
    {
      if (g_error_matches (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_NOT_FOUND))
        cp_http_invalid (req, "card_token", "The card token is not valid.");
      else
        {
          g_warning ("Cannot check a card token with the processor: %s", error->message);
          cp_http_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "internal", NULL,
                         "The payment processor cannot be reached. Try again later.");
        }
      cp_request_resume (req);
      return;
    }

  db = req->env->db;
  actor = user_actor (req);
  ok = !cp_store_card_token_used (db, card.token) && cp_db_begin (db);
  if (ok)
    {
      ok = cp_store_card_add (db, req->customer_id, &card, make_primary, cp_now (), &actor, &pm_id)
           && cp_db_commit (db);
      if (!ok)
        cp_db_rollback (db);
    }
  cp_vault_card_clear (&card);
  if (!ok)
    {
      cp_http_internal (req);
      cp_request_resume (req);
      return;
    }

  g_message ("Card %" G_GINT64_FORMAT " added for customer %" G_GINT64_FORMAT " via %s",
             pm_id, req->customer_id, actor.channel);
  answer_card (req, pm_id, SOUP_STATUS_CREATED);
  cp_request_resume (req);
}

/* Resolves the {pm} of the path to an active card of the customer; answers
 * 404 otherwise. */
static gboolean
find_card (CpRequest *req,
           gint64    *pm_id,
           gboolean  *is_primary)
{
  if (!cp_parse_id (req->pm, pm_id)
      || !cp_store_card_find (req->env->db, req->customer_id, *pm_id, is_primary))
    {
      cp_http_not_found (req);
      return FALSE;
    }
  return TRUE;
}

void
cp_api_cards_update (CpRequest *req)
{
  CpDb *db = req->env->db;
  CpActor actor = user_actor (req);
  gint64 pm_id;
  gboolean was_primary, want = FALSE;

  if (!cp_request_require_online_payments (req)
      || !find_card (req, &pm_id, &was_primary)
      || !cp_request_get_bool (req, "is_primary", TRUE, &want))
    return;
  if (!want)
    {
      cp_http_invalid (req, "is_primary",
                       "A card stops being primary when another card is made primary.");
      return;
    }
  if (was_primary)
    {
      answer_card (req, pm_id, SOUP_STATUS_OK);
      return;
    }

  if (!cp_db_begin (db)
      || !cp_store_card_set_primary (db, req->customer_id, pm_id, cp_now (), &actor)
      || !cp_db_commit (db))
    {
      cp_db_rollback (db);
      cp_http_internal (req);
      return;
    }
  answer_card (req, pm_id, SOUP_STATUS_OK);
}

void
cp_api_cards_delete (CpRequest *req)
{
  CpDb *db = req->env->db;
  CpActor actor = user_actor (req);
  const char *autopay = req->query ? g_hash_table_lookup (req->query, "autopay") : NULL;
  gboolean autopay_off = g_strcmp0 (autopay, "off") == 0;
  gboolean autopay_method;
  gint64 pm_id;
  gboolean was_primary;

  if (!cp_request_require_online_payments (req)
      || !find_card (req, &pm_id, &was_primary))
    return;
  if (autopay != NULL && !autopay_off)
    {
      cp_http_invalid (req, "autopay", "“autopay” can only be “off”.");
      return;
    }
  /* AutoPay pays with it: another method for AutoPay first, or AutoPay
   * off with it (?autopay=off), in the same transaction. */
  autopay_method = cp_store_autopay_method (db, req->customer_id) == pm_id;
  if (autopay_method && !autopay_off)
    {
      cp_http_error (req, SOUP_STATUS_CONFLICT, "autopay_method", NULL,
                     "AutoPay pays with this payment method. Choose another one for AutoPay"
                     " or turn AutoPay off first.");
      return;
    }

  if (!cp_db_begin (db)
      || (autopay_method
          && !cp_store_autopay_disable (db, req->customer_id, cp_now (), &actor, "method_removed"))
      || !cp_store_card_remove (db, req->customer_id, pm_id, was_primary, cp_now (), &actor)
      || !cp_store_deletion_add (db, pm_id, cp_now ())
      || !cp_db_commit (db))
    {
      cp_db_rollback (db);
      cp_http_internal (req);
      return;
    }

  g_message ("Card %" G_GINT64_FORMAT " removed for customer %" G_GINT64_FORMAT,
             pm_id, req->customer_id);
  /* The answer waits until the processor has destroyed the number (or
   * could not be reached: then the queue retries it later). */
  cp_request_pause (req);
  cp_api_cards_destroy_removed (req->env, req);
}

typedef struct
{
  guint remaining;         /* calls of the sweep still out */
  CpRequest *req;          /* to answer once done, or NULL */
} Sweep;

typedef struct
{
  CpApiEnv *env;
  char *token;
  Sweep *sweep;
} Destroy;

static void
destroyed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CpProcessorClient *processor = CP_PROCESSOR_CLIENT (source);
  Destroy *destroy = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cp_processor_client_destroy_finish (processor, result, &error);

  if (!cp_processor_client_is_closed (processor))
    {
      if (ok)
        cp_store_deletion_done (destroy->env->db, destroy->token);
      else
        g_message ("The processor has not destroyed a removed card yet: %s", error->message);
    }
  if (--destroy->sweep->remaining == 0)
    {
      if (destroy->sweep->req != NULL)
        {
          cp_http_empty (destroy->sweep->req, SOUP_STATUS_NO_CONTENT);
          cp_request_resume (destroy->sweep->req);
        }
      g_free (destroy->sweep);
    }
  g_free (destroy->token);
  g_free (destroy);
}

/**
 * cp_api_cards_destroy_removed:
 * @req: (nullable): a paused request to answer 204 once done
 *
 * Asks the processor to destroy the numbers of every removed payment
 * method still queued (none that a pending payment needs).
 */
void
cp_api_cards_destroy_removed (CpApiEnv  *env,
                              CpRequest *req)
{
  g_autoptr(CpStmt) stmt = cp_store_deletions_select (env->db);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  Sweep *sweep;

  while (cp_db_step (env->db, stmt) == SQLITE_ROW)
    g_ptr_array_add (tokens, g_strdup (cp_stmt_text (stmt, 0)));
  cp_stmt_release (g_steal_pointer (&stmt));
  if (tokens->len == 0)
    {
      if (req != NULL)
        {
          cp_http_empty (req, SOUP_STATUS_NO_CONTENT);
          cp_request_resume (req);
        }
      return;
    }
  sweep = g_new0 (Sweep, 1);
  sweep->remaining = tokens->len;
  sweep->req = req;
  for (guint i = 0; i < tokens->len; i++)
    {
      Destroy *destroy = g_new0 (Destroy, 1);

      destroy->env = env;
      destroy->token = g_strdup (tokens->pdata[i]);
      destroy->sweep = sweep;
      cp_processor_client_destroy_async (env->processor, destroy->token, destroyed_cb, destroy);
    }
}

static void
write_card_event_row (CpJsonWriter *writer,
                      CpStmt       *stmt,
                      gpointer      user_data)
{
  cp_json_writer_begin_object (writer);
  cp_json_writer_add_id (writer, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_writer_add_time (writer, "at", sqlite3_column_int64 (stmt, 1));
  cp_json_writer_add_string (writer, "action", cp_stmt_text (stmt, 2));
  cp_json_writer_member (writer, "card");
  cp_json_writer_begin_object (writer);
  cp_json_writer_add_string (writer, "brand", cp_stmt_text (stmt, 3));
  cp_json_writer_add_string (writer, "last4", cp_stmt_text (stmt, 4));
  cp_json_writer_add_int (writer, "exp_month", sqlite3_column_int (stmt, 5));
  cp_json_writer_add_int (writer, "exp_year", sqlite3_column_int (stmt, 6));
  cp_json_writer_end_object (writer);
  cp_json_writer_member (writer, "actor");
  cp_json_writer_begin_object (writer);
  cp_json_writer_add_string (writer, "role", cp_stmt_text (stmt, 7));
  cp_json_writer_add_string (writer, "name", cp_stmt_text (stmt, 8));
  cp_json_writer_end_object (writer);
  cp_json_writer_add_string (writer, "channel", cp_stmt_text (stmt, 9));
  cp_json_writer_end_object (writer);
}

void
cp_api_cards_history (CpRequest *req)
{
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *cursor_key = NULL;
  gint64 cursor_id;
  guint limit;

  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;

  stmt = cp_store_card_events_select (req->env->db, req->customer_id, cursor_id,
                                      (int) limit + 1);
  cp_json_answer_page (req, stmt, limit, -1, write_card_event_row, NULL);
}
