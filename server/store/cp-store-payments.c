/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>

#include "cp-store-payments.h"

gboolean
cp_store_invoice_balance (CpDb   *db,
                          gint64  customer_id,
                          gint64  invoice_id,
                          gint64 *balance)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT balance FROM invoices"
                                          " WHERE id = ? AND customer_id = ?");

  sqlite3_bind_int64 (stmt, 1, invoice_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return FALSE;
  *balance = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
allocate (CpDb   *db,
          gint64  payment_id,
          gint64  invoice_id,
          guint   position,
          gint64  part)
{
  g_autoptr(CpStmt) alloc = cp_db_prepare (db,
                                           "INSERT INTO payment_allocations (payment_id,"
                                           " invoice_id, position, amount) VALUES (?, ?, ?, ?)");
  g_autoptr(CpStmt) pay = NULL;

  sqlite3_bind_int64 (alloc, 1, payment_id);
  sqlite3_bind_int64 (alloc, 2, invoice_id);
  sqlite3_bind_int (alloc, 3, (int) position);
  sqlite3_bind_int64 (alloc, 4, part);
  if (cp_db_step (db, alloc) != SQLITE_DONE)
    return FALSE;

  /* The balance cannot go below zero, even if it changed since the check. */
  pay = cp_db_prepare (db,
                       "UPDATE invoices SET balance = balance - ?1"
                       " WHERE id = ?2 AND balance >= ?1");
  sqlite3_bind_int64 (pay, 1, part);
  sqlite3_bind_int64 (pay, 2, invoice_id);
  return cp_db_step (db, pay) == SQLITE_DONE && cp_db_changes (db) == 1;
}

gboolean
cp_store_payment_add (CpDb          *db,
                      gint64         customer_id,
                      gint64         payment_method_id,
                      gint64         user_id,
                      gint64         amount,
                      gint64         at,
                      const gint64  *invoice_ids,
                      const gint64  *balances,
                      guint          n_invoices,
                      gint64        *payment_id,
                      char         **receipt_number)
{
  g_autoptr(CpStmt) next = cp_db_prepare (db, "SELECT COALESCE (MAX (id), 0) + 1 FROM payments");
  g_autoptr(CpStmt) insert = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (at);
  g_autofree char *day = g_date_time_format (today, "%Y%m%d");
  g_autofree char *receipt = NULL;
  gint64 id, remaining = amount;

  if (cp_db_step (db, next) != SQLITE_ROW)
    return FALSE;
  id = sqlite3_column_int64 (next, 0);
  receipt = g_strdup_printf ("R-%s-%06" G_GINT64_FORMAT, day, id);

  insert = cp_db_prepare (db,
                          "INSERT INTO payments (id, customer_id, payment_method_id, user_id,"
                          " amount, status, receipt_number, created_at)"
                          " VALUES (?, ?, ?, ?, ?, 'succeeded', ?, ?)");
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, customer_id);
  sqlite3_bind_int64 (insert, 3, payment_method_id);
  sqlite3_bind_int64 (insert, 4, user_id);
  sqlite3_bind_int64 (insert, 5, amount);
  sqlite3_bind_text (insert, 6, receipt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 7, at);
  if (cp_db_step (db, insert) != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < n_invoices && remaining > 0; i++)
    {
      gint64 part = MIN (remaining, balances[i]);

      if (!allocate (db, id, invoice_ids[i], i, part))
        return FALSE;
      remaining -= part;
    }

  *payment_id = id;
  *receipt_number = g_steal_pointer (&receipt);
  return TRUE;
}

CpStmt *
cp_store_payment_select (CpDb   *db,
                         gint64  payment_id)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT p.id, p.status, p.amount, p.receipt_number,"
                                " p.created_at, m.id, m.brand, m.last4, p.channel, p.memo,"
                                " COALESCE (u.role, 'system'), COALESCE (u.name, '')"
                                " FROM payments p"
                                " JOIN payment_methods m ON m.id = p.payment_method_id"
                                " LEFT JOIN users u ON u.id = p.user_id"
                                " WHERE p.id = ?");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  return stmt;
}

CpStmt *
cp_store_payment_allocations_select (CpDb   *db,
                                     gint64  payment_id)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT invoice_id, amount FROM payment_allocations"
                                " WHERE payment_id = ? ORDER BY position");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  return stmt;
}

CpStmt *
cp_store_payment_ids_select (CpDb   *db,
                             gint64  customer_id,
                             gint64  before_id,
                             int     limit)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT id FROM payments"
                                " WHERE customer_id = ?1 AND (?2 = 0 OR id < ?2)"
                                " ORDER BY id DESC LIMIT ?3");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int (stmt, 3, limit);
  return stmt;
}

CpIdempotency
cp_store_idempotency_get (CpDb          *db,
                          gint64         user_id,
                          const char    *key,
                          const guchar   request_hash[32],
                          gint64         expired_at,
                          guint         *status,
                          char         **response)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT request_hash, status, response, created_at"
                                          " FROM idempotency_keys WHERE user_id = ? AND key = ?");
  const void *stored;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return CP_IDEMPOTENCY_NEW;

  if (sqlite3_column_int64 (stmt, 3) <= expired_at)
    {
      g_autoptr(CpStmt) forget = NULL;

      cp_stmt_release (stmt);
      forget = cp_db_prepare (db, "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?");
      sqlite3_bind_int64 (forget, 1, user_id);
      sqlite3_bind_text (forget, 2, key, -1, SQLITE_TRANSIENT);
      cp_db_step (db, forget);
      return CP_IDEMPOTENCY_NEW;
    }

  stored = sqlite3_column_blob (stmt, 0);
  if (sqlite3_column_bytes (stmt, 0) != 32 || stored == NULL
      || sodium_memcmp (stored, request_hash, 32) != 0)
    return CP_IDEMPOTENCY_CONFLICT;

  *status = (guint) sqlite3_column_int (stmt, 1);
  *response = g_strdup (cp_stmt_text (stmt, 2));
  return CP_IDEMPOTENCY_REPLAY;
}

void
cp_store_idempotency_put (CpDb          *db,
                          gint64         user_id,
                          const char    *key,
                          const guchar   request_hash[32],
                          guint          status,
                          const char    *response,
                          gint64         at)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT OR REPLACE INTO idempotency_keys (user_id, key,"
                                          " request_hash, status, response, created_at)"
                                          " VALUES (?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 3, request_hash, 32, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) status);
  sqlite3_bind_text (stmt, 5, response, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, at);
  cp_db_step (db, stmt);
}

gboolean
cp_store_payment_set_origin (CpDb       *db,
                             gint64      payment_id,
                             gint64      payment_method_id,
                             const char *channel,
                             const char *memo,
                             gint64      at)
{
  g_autoptr(CpStmt) origin = cp_db_prepare (db,
                                            "UPDATE payments SET channel = ?, memo = ?"
                                            " WHERE id = ?");
  g_autoptr(CpStmt) used = NULL;

  sqlite3_bind_text (origin, 1, channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (origin, 2, memo != NULL ? memo : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (origin, 3, payment_id);
  if (cp_db_step (db, origin) != SQLITE_DONE)
    return FALSE;

  used = cp_db_prepare (db, "UPDATE payment_methods SET last_used_at = ? WHERE id = ?");
  sqlite3_bind_int64 (used, 1, at);
  sqlite3_bind_int64 (used, 2, payment_method_id);
  return cp_db_step (db, used) == SQLITE_DONE;
}
