/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-routes.h"

#define CARD_COLUMNS \
  "id, brand, last4, exp_month, exp_year, cardholder_name, is_primary, added_at, added_via"

static gboolean
card_expired (int exp_month,
              int exp_year)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return exp_year * 12 + exp_month
         < g_date_time_get_year (now) * 12 + g_date_time_get_month (now);
}

static void
add_card (JsonBuilder *builder,
          CpStmt      *stmt)
{
  int exp_month = sqlite3_column_int (stmt, 3);
  int exp_year = sqlite3_column_int (stmt, 4);

  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (builder, "brand");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 1));
  json_builder_set_member_name (builder, "last4");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 2));
  json_builder_set_member_name (builder, "exp_month");
  json_builder_add_int_value (builder, exp_month);
  json_builder_set_member_name (builder, "exp_year");
  json_builder_add_int_value (builder, exp_year);
  json_builder_set_member_name (builder, "cardholder_name");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 5));
  json_builder_set_member_name (builder, "is_primary");
  json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 6) != 0);
  json_builder_set_member_name (builder, "expired");
  json_builder_add_boolean_value (builder, card_expired (exp_month, exp_year));
  cp_json_add_time (builder, "added_at", sqlite3_column_int64 (stmt, 7));
  json_builder_set_member_name (builder, "added_via");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 8));
  json_builder_end_object (builder);
}

static void
answer_card (CpRequest *req,
             gint64     pm_id,
             guint      status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CpStmt) stmt = cp_db_prepare (req->server->db,
                                          "SELECT " CARD_COLUMNS " FROM payment_methods"
                                          " WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, pm_id);
  if (cp_db_step (req->server->db, stmt) != SQLITE_ROW)
    {
      cp_http_internal (req);
      return;
    }
  add_card (builder, stmt);
  cp_http_json_builder (req, status, builder);
}

void
cp_cards_list (CpRequest *req,
               gint64     customer_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CpStmt) stmt = cp_db_prepare (req->server->db,
                                          "SELECT " CARD_COLUMNS " FROM payment_methods"
                                          " WHERE customer_id = ? AND removed_at IS NULL"
                                          " ORDER BY is_primary DESC, added_at DESC, id DESC");
  int rc;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while ((rc = cp_db_step (req->server->db, stmt)) == SQLITE_ROW)
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

gboolean
cp_cards_record_event (CpServer   *server,
                       gint64      customer_id,
                       gint64      pm_id,
                       gint64      at,
                       const char *action,
                       const char *actor_role,
                       const char *actor_name,
                       const char *channel)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (server->db,
                                          "INSERT INTO payment_method_events (customer_id,"
                                          " payment_method_id, at, action, actor_role, actor_name,"
                                          " channel) VALUES (?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, pm_id);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, actor_role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, actor_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, channel, -1, SQLITE_STATIC);
  return cp_db_step (server->db, stmt) == SQLITE_DONE;
}

static gboolean
record_user_event (CpRequest  *req,
                   gint64      customer_id,
                   gint64      pm_id,
                   const char *action)
{
  return cp_cards_record_event (req->server, customer_id, pm_id, cp_now (), action,
                                req->user.role, req->user.name, cp_route_channel (req));
}

static gboolean
record_system_event (CpRequest *req,
                     gint64     customer_id,
                     gint64     pm_id,
                     const char *action)
{
  return cp_cards_record_event (req->server, customer_id, pm_id, cp_now (), action,
                                "system", "Customer Portal", "system");
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

static gboolean
clear_primary (CpServer *server,
               gint64    customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (server->db,
                                          "UPDATE payment_methods SET is_primary = 0"
                                          " WHERE customer_id = ? AND is_primary = 1");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return cp_db_step (server->db, stmt) == SQLITE_DONE;
}

static gboolean
set_primary (CpServer *server,
             gint64    pm_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (server->db,
                                          "UPDATE payment_methods SET is_primary = 1 WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, pm_id);
  return cp_db_step (server->db, stmt) == SQLITE_DONE;
}

static gint64
count_active (CpServer *server,
              gint64    customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (server->db,
                                          "SELECT COUNT(*) FROM payment_methods"
                                          " WHERE customer_id = ? AND removed_at IS NULL");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (cp_db_step (server->db, stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

void
cp_cards_add (CpRequest *req,
              gint64     customer_id)
{
  CpServer *server = req->server;
  const char *token;
  gboolean make_primary = FALSE;
  CpVaultCard card;
  g_autoptr(CpStmt) used = NULL;
  g_autoptr(CpStmt) insert = NULL;
  gint64 active, pm_id;
  gboolean primary;

  if (!cp_route_require_online_payments (req))
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

  if (!cp_vault_lookup (server->vault, token, &card))
    {
      cp_http_invalid (req, "card_token", "The card token is not valid.");
      return;
    }

  used = cp_db_prepare (server->db, "SELECT 1 FROM payment_methods WHERE vault_token = ?");
  sqlite3_bind_text (used, 1, token, -1, SQLITE_TRANSIENT);
  if (cp_db_step (server->db, used) == SQLITE_ROW)
    {
      cp_vault_card_clear (&card);
      cp_http_invalid (req, "card_token", "This card token has already been used.");
      return;
    }

  if (!cp_db_begin (server->db))
    {
      cp_vault_card_clear (&card);
      cp_http_internal (req);
      return;
    }

  active = count_active (server, customer_id);
  primary = make_primary || active == 0;
  insert = cp_db_prepare (server->db,
                          "INSERT INTO payment_methods (customer_id, vault_token, brand, last4,"
                          " exp_month, exp_year, cardholder_name, is_primary, added_at, added_via)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
  sqlite3_bind_int64 (insert, 1, customer_id);
  sqlite3_bind_text (insert, 2, card.token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, card.brand, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, card.last4, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 5, card.exp_month);
  sqlite3_bind_int (insert, 6, card.exp_year);
  sqlite3_bind_text (insert, 7, card.cardholder_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 8, cp_now ());
  sqlite3_bind_text (insert, 9, cp_route_channel (req), -1, SQLITE_STATIC);
  cp_vault_card_clear (&card);

  if (active < 0 || cp_db_step (server->db, insert) != SQLITE_DONE)
    goto fail;
  pm_id = cp_db_last_insert_id (server->db);
  if (!record_user_event (req, customer_id, pm_id, "added"))
    goto fail;
  if (primary)
    {
      /* The first card becomes primary by itself: that is the system's doing. */
      if (!clear_primary (server, customer_id) || !set_primary (server, pm_id))
        goto fail;
      if (make_primary ? !record_user_event (req, customer_id, pm_id, "set_primary")
                       : !record_system_event (req, customer_id, pm_id, "set_primary"))
        goto fail;
    }
  if (!cp_db_commit (server->db))
    goto fail;

  g_message ("Card %" G_GINT64_FORMAT " added for customer %" G_GINT64_FORMAT " via %s",
             pm_id, customer_id, cp_route_channel (req));
  answer_card (req, pm_id, SOUP_STATUS_CREATED);
  return;

fail:
  cp_db_rollback (server->db);
  cp_http_internal (req);
}

/* Resolves an active card of @customer_id; answers 404 otherwise. */
static gboolean
find_card (CpRequest  *req,
           gint64      customer_id,
           const char *segment,
           gint64     *pm_id,
           gboolean   *is_primary)
{
  g_autoptr(CpStmt) stmt = NULL;
  gint64 id;

  if (!cp_parse_id (segment, &id))
    {
      cp_http_not_found (req);
      return FALSE;
    }
  stmt = cp_db_prepare (req->server->db,
                        "SELECT is_primary FROM payment_methods"
                        " WHERE id = ? AND customer_id = ? AND removed_at IS NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (cp_db_step (req->server->db, stmt) != SQLITE_ROW)
    {
      cp_http_not_found (req);
      return FALSE;
    }
  *pm_id = id;
  *is_primary = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

void
cp_cards_update (CpRequest  *req,
                 gint64      customer_id,
                 const char *segment)
{
  CpServer *server = req->server;
  gint64 pm_id;
  gboolean was_primary, want = FALSE;

  if (!cp_route_require_online_payments (req)
      || !find_card (req, customer_id, segment, &pm_id, &was_primary)
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

  if (!cp_db_begin (server->db)
      || !clear_primary (server, customer_id)
      || !set_primary (server, pm_id)
      || !record_user_event (req, customer_id, pm_id, "set_primary")
      || !cp_db_commit (server->db))
    {
      cp_db_rollback (server->db);
      cp_http_internal (req);
      return;
    }
  answer_card (req, pm_id, SOUP_STATUS_OK);
}

void
cp_cards_delete (CpRequest  *req,
                 gint64      customer_id,
                 const char *segment)
{
  CpServer *server = req->server;
  g_autoptr(CpStmt) remove = NULL;
  g_autoptr(CpStmt) next = NULL;
  gint64 pm_id, next_id = 0;
  gboolean was_primary;

  if (!cp_route_require_online_payments (req)
      || !find_card (req, customer_id, segment, &pm_id, &was_primary))
    return;

  if (!cp_db_begin (server->db))
    goto fail;
  remove = cp_db_prepare (server->db,
                          "UPDATE payment_methods SET removed_at = ?, is_primary = 0 WHERE id = ?");
  sqlite3_bind_int64 (remove, 1, cp_now ());
  sqlite3_bind_int64 (remove, 2, pm_id);
  if (cp_db_step (server->db, remove) != SQLITE_DONE
      || !record_user_event (req, customer_id, pm_id, "removed"))
    goto fail;

  if (was_primary)
    {
      /* The most recently added remaining card takes over. */
      next = cp_db_prepare (server->db,
                            "SELECT id FROM payment_methods"
                            " WHERE customer_id = ? AND removed_at IS NULL"
                            " ORDER BY added_at DESC, id DESC LIMIT 1");
      sqlite3_bind_int64 (next, 1, customer_id);
      if (cp_db_step (server->db, next) == SQLITE_ROW)
        next_id = sqlite3_column_int64 (next, 0);
      cp_stmt_release (next);
      if (next_id != 0
          && (!set_primary (server, next_id)
              || !record_system_event (req, customer_id, next_id, "set_primary")))
        goto fail;
    }
  if (!cp_db_commit (server->db))
    goto fail;

  g_message ("Card %" G_GINT64_FORMAT " removed for customer %" G_GINT64_FORMAT,
             pm_id, customer_id);
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);
  return;

fail:
  cp_db_rollback (server->db);
  cp_http_internal (req);
}

static void
write_card_event_row (JsonBuilder *builder,
                     CpStmt      *stmt,
                     gpointer     user_data)
{
  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_add_time (builder, "at", sqlite3_column_int64 (stmt, 1));
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 2));
  json_builder_set_member_name (builder, "card");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "brand");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 3));
  json_builder_set_member_name (builder, "last4");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 4));
  json_builder_set_member_name (builder, "exp_month");
  json_builder_add_int_value (builder, sqlite3_column_int (stmt, 5));
  json_builder_set_member_name (builder, "exp_year");
  json_builder_add_int_value (builder, sqlite3_column_int (stmt, 6));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 7));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 8));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, cp_stmt_text (stmt, 9));
  json_builder_end_object (builder);
}

void
cp_cards_history (CpRequest *req,
                  gint64     customer_id)
{
  CpServer *server = req->server;
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *cursor_key = NULL;
  gint64 cursor_id;
  guint limit;

  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;

  stmt = cp_db_prepare (server->db,
                        "SELECT e.id, e.at, e.action, p.brand, p.last4, p.exp_month, p.exp_year,"
                        " e.actor_role, e.actor_name, e.channel"
                        " FROM payment_method_events e"
                        " JOIN payment_methods p ON p.id = e.payment_method_id"
                        " WHERE e.customer_id = ?1 AND (?2 = 0 OR e.id < ?2)"
                        " ORDER BY e.id DESC LIMIT ?3");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, cursor_id);
  sqlite3_bind_int (stmt, 3, (int) limit + 1);

  cp_http_answer_page (req, stmt, limit, -1, write_card_event_row, NULL);
}
