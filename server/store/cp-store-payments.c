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

gint64
cp_store_invoice_held (CpDb   *db,
                       gint64  invoice_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT COALESCE (SUM (a.amount), 0)"
                                          " FROM payment_allocations a"
                                          " JOIN payments p ON p.id = a.payment_id"
                                          " WHERE a.invoice_id = ? AND p.status = 'pending'");

  sqlite3_bind_int64 (stmt, 1, invoice_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
add_event (CpDb       *db,
           gint64      payment_id,
           const char *status,
           gint64      at)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO payment_events (payment_id, at, status)"
                                          " VALUES (?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}

gboolean
cp_store_payment_add (CpDb          *db,
                      gint64         customer_id,
                      gint64         payment_method_id,
                      gint64         user_id,
                      const char    *channel,
                      gint64         amount,
                      gint64         at,
                      const char    *processor_key,
                      const gint64  *invoice_ids,
                      const gint64  *payable,
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
                          " amount, status, receipt_number, created_at, processor_key, channel)"
                          " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)");
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, customer_id);
  sqlite3_bind_int64 (insert, 3, payment_method_id);
  /* No user: the system's own payment (AutoPay). */
  if (user_id > 0)
    sqlite3_bind_int64 (insert, 4, user_id);
  else
    sqlite3_bind_null (insert, 4);
  sqlite3_bind_int64 (insert, 5, amount);
  sqlite3_bind_text (insert, 6, receipt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 7, at);
  sqlite3_bind_text (insert, 8, processor_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 9, channel, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, insert) != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < n_invoices && remaining > 0; i++)
    {
      gint64 part = MIN (remaining, payable[i]);
      g_autoptr(CpStmt) alloc = NULL;

      if (part <= 0)
        continue;
      alloc = cp_db_prepare (db,
                             "INSERT INTO payment_allocations (payment_id,"
                             " invoice_id, position, amount) VALUES (?, ?, ?, ?)");
      sqlite3_bind_int64 (alloc, 1, id);
      sqlite3_bind_int64 (alloc, 2, invoice_ids[i]);
      sqlite3_bind_int (alloc, 3, (int) i);
      sqlite3_bind_int64 (alloc, 4, part);
      if (cp_db_step (db, alloc) != SQLITE_DONE)
        return FALSE;
      remaining -= part;
    }
  if (remaining > 0 || !add_event (db, id, "pending", at))
    return FALSE;

  *payment_id = id;
  *receipt_number = g_steal_pointer (&receipt);
  return TRUE;
}

int
cp_store_payment_settle (CpDb       *db,
                         gint64      payment_id,
                         gboolean    succeeded,
                         const char *failure_message,
                         gint64      at)
{
  g_autoptr(CpStmt) update = cp_db_prepare (db,
                                            "UPDATE payments SET status = ?2, failure_message = ?3"
                                            " WHERE id = ?1 AND status = 'pending'");

  sqlite3_bind_int64 (update, 1, payment_id);
  sqlite3_bind_text (update, 2, succeeded ? "succeeded" : "failed", -1, SQLITE_STATIC);
  if (failure_message != NULL)
    sqlite3_bind_text (update, 3, failure_message, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (update, 3);
  if (cp_db_step (db, update) != SQLITE_DONE)
    return -1;
  if (cp_db_changes (db) != 1)
    return 0;

  if (succeeded)
    {
      g_autoptr(CpStmt) pay = cp_db_prepare (db,
                                             "UPDATE invoices SET balance = balance -"
                                             " (SELECT amount FROM payment_allocations a"
                                             "  WHERE a.payment_id = ?1 AND a.invoice_id = invoices.id)"
                                             " WHERE id IN (SELECT invoice_id FROM payment_allocations"
                                             "  WHERE payment_id = ?1)");
      g_autoptr(CpStmt) count = cp_db_prepare (db,
                                               "SELECT count (*) FROM payment_allocations"
                                               " WHERE payment_id = ?");

      /* The balance cannot go below zero (the table's CHECK): the holds
       * made sure there is enough. */
      sqlite3_bind_int64 (count, 1, payment_id);
      if (cp_db_step (db, count) != SQLITE_ROW)
        return -1;
      sqlite3_bind_int64 (pay, 1, payment_id);
      if (cp_db_step (db, pay) != SQLITE_DONE
          || cp_db_changes (db) != sqlite3_column_int (count, 0))
        return -1;
    }
  return add_event (db, payment_id, succeeded ? "succeeded" : "failed", at) ? 1 : -1;
}

CpStmt *
cp_store_payments_pending_select (CpDb *db)
{
  return cp_db_prepare (db,
                        "SELECT p.id, p.processor_key, m.vault_token, p.amount"
                        " FROM payments p JOIN payment_methods m ON m.id = p.payment_method_id"
                        " WHERE p.status = 'pending' ORDER BY p.id");
}

CpStmt *
cp_store_payment_events_select (CpDb   *db,
                                gint64  payment_id)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT at, status FROM payment_events"
                                " WHERE payment_id = ? ORDER BY id");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  return stmt;
}

CpStmt *
cp_store_payment_select (CpDb   *db,
                         gint64  payment_id)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT p.id, p.status, p.amount, p.receipt_number,"
                                " p.created_at, m.id, m.brand, m.last4, p.failure_message,"
                                " p.processor_key,"
                                " CASE WHEN p.autopay_due_on IS NULL THEN p.channel"
                                "  ELSE 'autopay' END, p.memo,"
                                " COALESCE (u.role, 'system'),"
                                " CASE WHEN p.autopay_due_on IS NULL THEN COALESCE (u.name, '')"
                                "  ELSE 'AutoPay' END"
                                " FROM payments p"
                                " JOIN payment_methods m ON m.id = p.payment_method_id"
                                " LEFT JOIN users u ON u.id = p.user_id"
                                " WHERE p.id = ?");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  return stmt;
}

gint64
cp_store_payment_customer (CpDb   *db,
                           gint64  payment_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, "SELECT customer_id FROM payments WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
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
                          char         **response,
                          gint64        *payment_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT request_hash, status, response, created_at,"
                                          " payment_id"
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
  *payment_id = sqlite3_column_int64 (stmt, 4);
  return CP_IDEMPOTENCY_REPLAY;
}

void
cp_store_idempotency_put (CpDb          *db,
                          gint64         user_id,
                          const char    *key,
                          const guchar   request_hash[32],
                          guint          status,
                          const char    *response,
                          gint64         payment_id,
                          gint64         at)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT OR REPLACE INTO idempotency_keys (user_id, key,"
                                          " request_hash, status, response, created_at, payment_id)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 3, request_hash, 32, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) status);
  sqlite3_bind_text (stmt, 5, response, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, at);
  if (payment_id > 0)
    sqlite3_bind_int64 (stmt, 7, payment_id);
  else
    sqlite3_bind_null (stmt, 7);
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

gboolean
cp_store_payment_set_autopay (CpDb       *db,
                              gint64      payment_id,
                              const char *due_on)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "UPDATE payments SET autopay_due_on = ? WHERE id = ?");

  sqlite3_bind_text (stmt, 1, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, payment_id);
  return cp_db_step (db, stmt) == SQLITE_DONE && cp_db_changes (db) == 1;
}

gboolean
cp_store_payment_key_used (CpDb       *db,
                           const char *processor_key)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, "SELECT 1 FROM payments WHERE processor_key = ?");

  sqlite3_bind_text (stmt, 1, processor_key, -1, SQLITE_TRANSIENT);
  return cp_db_step (db, stmt) == SQLITE_ROW;
}
