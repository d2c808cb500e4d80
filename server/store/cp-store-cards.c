/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-store-cards.h"

static const CpActor system_actor = { "system", "Customer Portal", "system" };

static gboolean
record_event (CpDb          *db,
              gint64         customer_id,
              gint64         pm_id,
              gint64         at,
              const char    *action,
              const CpActor *actor)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO payment_method_events (customer_id,"
                                          " payment_method_id, at, action, actor_role, actor_name,"
                                          " channel) VALUES (?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, pm_id);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, actor->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, actor->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, actor->channel, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_DONE)
    return FALSE;

  /* Every change to a card is its "last updated" in the report. */
  {
    g_autoptr(CpStmt) touch = cp_db_prepare (db,
                                             "UPDATE payment_methods SET updated_at = ?"
                                             " WHERE id = ?");

    sqlite3_bind_int64 (touch, 1, at);
    sqlite3_bind_int64 (touch, 2, pm_id);
    return cp_db_step (db, touch) == SQLITE_DONE;
  }
}

static gboolean
clear_primary (CpDb   *db,
               gint64  customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "UPDATE payment_methods SET is_primary = 0"
                                          " WHERE customer_id = ? AND is_primary = 1");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}

static gboolean
mark_primary (CpDb   *db,
              gint64  pm_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "UPDATE payment_methods SET is_primary = 1 WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, pm_id);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}

static gint64
count_active (CpDb   *db,
              gint64  customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT COUNT(*) FROM payment_methods"
                                          " WHERE customer_id = ? AND removed_at IS NULL");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
cp_store_card_add (CpDb              *db,
                   gint64             customer_id,
                   const CpVaultCard *card,
                   gboolean           make_primary,
                   gint64             at,
                   const CpActor     *actor,
                   gint64            *pm_id)
{
  g_autoptr(CpStmt) insert = NULL;
  gint64 active = count_active (db, customer_id);

  if (active < 0)
    return FALSE;
  insert = cp_db_prepare (db,
                          "INSERT INTO payment_methods (customer_id, vault_token, brand, last4,"
                          " exp_month, exp_year, cardholder_name, is_primary, added_at, added_via,"
                          " added_by_role, added_by_name, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?8, ?, ?, ?, ?8)");
  sqlite3_bind_int64 (insert, 1, customer_id);
  sqlite3_bind_text (insert, 2, card->token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, card->brand, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, card->last4, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 5, card->exp_month);
  sqlite3_bind_int (insert, 6, card->exp_year);
  sqlite3_bind_text (insert, 7, card->cardholder_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 8, at);
  sqlite3_bind_text (insert, 9, actor->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 10, actor->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 11, actor->name, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, insert) != SQLITE_DONE)
    return FALSE;
  *pm_id = cp_db_last_insert_id (db);

  if (!record_event (db, customer_id, *pm_id, at, "added", actor))
    return FALSE;
  if (!make_primary && active > 0)
    return TRUE;
  /* The first card becomes primary by itself: that is the system's doing. */
  return clear_primary (db, customer_id)
         && mark_primary (db, *pm_id)
         && record_event (db, customer_id, *pm_id, at, "set_primary",
                          make_primary ? actor : &system_actor);
}

gboolean
cp_store_card_set_primary (CpDb          *db,
                           gint64         customer_id,
                           gint64         pm_id,
                           gint64         at,
                           const CpActor *actor)
{
  return clear_primary (db, customer_id)
         && mark_primary (db, pm_id)
         && record_event (db, customer_id, pm_id, at, "set_primary", actor);
}

gboolean
cp_store_card_remove (CpDb          *db,
                      gint64         customer_id,
                      gint64         pm_id,
                      gboolean       was_primary,
                      gint64         at,
                      const CpActor *actor)
{
  g_autoptr(CpStmt) remove = cp_db_prepare (db,
                                            "UPDATE payment_methods SET removed_at = ?,"
                                            " is_primary = 0 WHERE id = ?");
  g_autoptr(CpStmt) next = NULL;
  gint64 next_id = 0;

  sqlite3_bind_int64 (remove, 1, at);
  sqlite3_bind_int64 (remove, 2, pm_id);
  if (cp_db_step (db, remove) != SQLITE_DONE
      || !record_event (db, customer_id, pm_id, at, "removed", actor))
    return FALSE;
  if (!was_primary)
    return TRUE;

  /* The most recently added remaining card takes over. */
  next = cp_db_prepare (db,
                        "SELECT id FROM payment_methods"
                        " WHERE customer_id = ? AND removed_at IS NULL"
                        " ORDER BY added_at DESC, id DESC LIMIT 1");
  sqlite3_bind_int64 (next, 1, customer_id);
  if (cp_db_step (db, next) == SQLITE_ROW)
    next_id = sqlite3_column_int64 (next, 0);
  cp_stmt_release (next);
  return next_id == 0
         || (mark_primary (db, next_id)
             && record_event (db, customer_id, next_id, at, "set_primary", &system_actor));
}

gboolean
cp_store_card_find (CpDb     *db,
                    gint64    customer_id,
                    gint64    pm_id,
                    gboolean *is_primary)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT is_primary FROM payment_methods"
                                          " WHERE id = ? AND customer_id = ?"
                                          " AND removed_at IS NULL");

  sqlite3_bind_int64 (stmt, 1, pm_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return FALSE;
  *is_primary = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
cp_store_card_token_used (CpDb       *db,
                          const char *token)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT 1 FROM payment_methods WHERE vault_token = ?");

  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  return cp_db_step (db, stmt) == SQLITE_ROW;
}

char *
cp_store_card_token_dup (CpDb   *db,
                         gint64  customer_id,
                         gint64  pm_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT vault_token FROM payment_methods"
                                          " WHERE id = ? AND customer_id = ?"
                                          " AND removed_at IS NULL");

  sqlite3_bind_int64 (stmt, 1, pm_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (cp_stmt_text (stmt, 0));
}

CpStmt *
cp_store_card_select (CpDb   *db,
                      gint64  pm_id)
{
  CpStmt *stmt = cp_db_prepare (db, "SELECT " CP_STORE_CARD_COLUMNS " FROM payment_methods"
                                    " WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, pm_id);
  return stmt;
}

CpStmt *
cp_store_cards_select (CpDb   *db,
                       gint64  customer_id)
{
  CpStmt *stmt = cp_db_prepare (db, "SELECT " CP_STORE_CARD_COLUMNS " FROM payment_methods"
                                    " WHERE customer_id = ? AND removed_at IS NULL"
                                    " ORDER BY is_primary DESC, added_at DESC, id DESC");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return stmt;
}

CpStmt *
cp_store_card_events_select (CpDb   *db,
                             gint64  customer_id,
                             gint64  before_id,
                             int     limit)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT e.id, e.at, e.action, p.brand, p.last4, p.exp_month,"
                                " p.exp_year, e.actor_role, e.actor_name, e.channel"
                                " FROM payment_method_events e"
                                " JOIN payment_methods p ON p.id = e.payment_method_id"
                                " WHERE e.customer_id = ?1 AND (?2 = 0 OR e.id < ?2)"
                                " ORDER BY e.id DESC LIMIT ?3");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int (stmt, 3, limit);
  return stmt;
}
