/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-store-autopay.h"

/* AutoPay's own payments are made, and their events written, as this. */
static const CpActor autopay_actor = { "system", "AutoPay", "system" };

void
cp_autopay_clear (CpAutopay *autopay)
{
  g_free (autopay->enabled_on);
  g_free (autopay->consent_version);
  g_free (autopay->consent_text);
  g_free (autopay->consent_actor_role);
  g_free (autopay->consent_actor_name);
  g_free (autopay->consent_channel);
  memset (autopay, 0, sizeof *autopay);
}

static char *
dup_column (CpStmt *stmt,
            int     column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? NULL : g_strdup (cp_stmt_text (stmt, column));
}

gboolean
cp_store_autopay_get (CpDb      *db,
                      gint64     customer_id,
                      CpAutopay *out)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT enabled, payment_method_id, enabled_on,"
                                          " consent_version, consent_text, consent_at,"
                                          " consent_actor_role, consent_actor_name,"
                                          " consent_channel, last_failure_payment_id,"
                                          " last_failure_at FROM autopay WHERE customer_id = ?");
  int rc;

  memset (out, 0, sizeof *out);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = cp_db_step (db, stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return FALSE;
  out->enabled = sqlite3_column_int (stmt, 0) != 0;
  out->payment_method_id = sqlite3_column_int64 (stmt, 1);
  out->enabled_on = dup_column (stmt, 2);
  out->consent_version = dup_column (stmt, 3);
  out->consent_text = dup_column (stmt, 4);
  out->consent_at = sqlite3_column_int64 (stmt, 5);
  out->consent_actor_role = dup_column (stmt, 6);
  out->consent_actor_name = dup_column (stmt, 7);
  out->consent_channel = dup_column (stmt, 8);
  out->last_failure_payment_id = sqlite3_column_int64 (stmt, 9);
  out->last_failure_at = sqlite3_column_int64 (stmt, 10);
  return TRUE;
}

gint64
cp_store_autopay_method (CpDb   *db,
                         gint64  customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT payment_method_id FROM autopay"
                                          " WHERE customer_id = ? AND enabled = 1");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  gint64 payment_method_id;
  gint64 invoice_id;
  gint64 payment_id;
  gint64 amount;
  const char *consent_version;
  const char *reason;
} Event;

static gboolean
add_event (CpDb          *db,
           gint64         customer_id,
           gint64         at,
           const char    *action,
           const CpActor *actor,
           const Event   *event)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO autopay_events (customer_id, at, action,"
                                          " actor_role, actor_name, channel, payment_method_id,"
                                          " invoice_id, payment_id, amount, consent_version,"
                                          " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, actor->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, actor->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, actor->channel, -1, SQLITE_TRANSIENT);
  if (event->payment_method_id > 0)
    sqlite3_bind_int64 (stmt, 7, event->payment_method_id);
  if (event->invoice_id > 0)
    sqlite3_bind_int64 (stmt, 8, event->invoice_id);
  if (event->payment_id > 0)
    sqlite3_bind_int64 (stmt, 9, event->payment_id);
  if (event->payment_id > 0)
    sqlite3_bind_int64 (stmt, 10, event->amount);
  cp_stmt_bind_text (stmt, 11, event->consent_version);
  cp_stmt_bind_text (stmt, 12, event->reason);
  return cp_db_step (db, stmt) == SQLITE_DONE;
}

gboolean
cp_store_autopay_enable (CpDb          *db,
                         gint64         customer_id,
                         const char    *action,
                         gint64         pm_id,
                         const char    *today,
                         const char    *version,
                         const char    *text,
                         gint64         at,
                         const CpActor *actor)
{
  gboolean turning_on = g_str_equal (action, "enabled");
  Event event = { .payment_method_id = pm_id, .consent_version = version };
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO autopay (customer_id, enabled,"
                                          " payment_method_id, enabled_on, consent_version,"
                                          " consent_text, consent_at, consent_actor_role,"
                                          " consent_actor_name, consent_channel,"
                                          " last_failure_payment_id, last_failure_at)"
                                          " VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, NULL)"
                                          " ON CONFLICT (customer_id) DO UPDATE SET enabled = 1,"
                                          " payment_method_id = ?2,"
                                          " enabled_on = CASE WHEN ?10 THEN ?3 ELSE enabled_on END,"
                                          " consent_version = ?4, consent_text = ?5,"
                                          " consent_at = ?6, consent_actor_role = ?7,"
                                          " consent_actor_name = ?8, consent_channel = ?9,"
                                          " last_failure_payment_id = NULL,"
                                          " last_failure_at = NULL");

  g_return_val_if_fail (turning_on || g_str_equal (action, "method_changed"), FALSE);

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, pm_id);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, at);
  sqlite3_bind_text (stmt, 7, actor->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, actor->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, actor->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, turning_on);
  if (cp_db_step (db, stmt) != SQLITE_DONE)
    return FALSE;
  return add_event (db, customer_id, at, action, actor, &event);
}

gboolean
cp_store_autopay_disable (CpDb          *db,
                          gint64         customer_id,
                          gint64         at,
                          const CpActor *actor,
                          const char    *reason)
{
  Event event = { .payment_method_id = cp_store_autopay_method (db, customer_id),
                  .reason = reason };
  g_autoptr(CpStmt) stmt = NULL;

  if (event.payment_method_id == 0)
    return TRUE;
  stmt = cp_db_prepare (db,
                        "UPDATE autopay SET enabled = 0, payment_method_id = NULL,"
                        " consent_version = NULL, consent_text = NULL, consent_at = NULL,"
                        " consent_actor_role = NULL, consent_actor_name = NULL,"
                        " consent_channel = NULL WHERE customer_id = ? AND enabled = 1");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_DONE)
    return FALSE;
  return add_event (db, customer_id, at, "disabled", actor, &event);
}

CpStmt *
cp_store_autopay_events_select (CpDb   *db,
                                gint64  customer_id,
                                int     limit)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT e.at, e.action, e.actor_role, e.actor_name, e.channel,"
                                " e.payment_method_id, m.type, m.brand, m.last4, i.number,"
                                " e.amount, e.consent_version, e.reason"
                                " FROM autopay_events e"
                                " LEFT JOIN payment_methods m ON m.id = e.payment_method_id"
                                " LEFT JOIN invoices i ON i.id = e.invoice_id"
                                " WHERE e.customer_id = ? ORDER BY e.id DESC LIMIT ?");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, limit);
  return stmt;
}

CpStmt *
cp_store_autopay_failure_select (CpDb   *db,
                                 gint64  payment_id)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT p.id, COALESCE (p.failure_message, ''), i.id, i.number"
                                " FROM payments p"
                                " JOIN payment_allocations a ON a.payment_id = p.id"
                                " JOIN invoices i ON i.id = a.invoice_id"
                                " WHERE p.id = ? ORDER BY a.position LIMIT 1");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  return stmt;
}

CpStmt *
cp_store_autopay_due_select (CpDb       *db,
                             const char *today)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT a.customer_id, m.id, m.vault_token, i.id, i.due_on,"
                                " i.balance - COALESCE ((SELECT SUM (al.amount)"
                                "   FROM payment_allocations al"
                                "   JOIN payments p ON p.id = al.payment_id"
                                "   WHERE al.invoice_id = i.id AND p.status = 'pending'), 0)"
                                " FROM autopay a"
                                " JOIN payment_methods m ON m.id = a.payment_method_id"
                                "   AND m.removed_at IS NULL"
                                " JOIN invoices i ON i.customer_id = a.customer_id"
                                " WHERE a.enabled = 1 AND i.balance > 0"
                                "   AND i.due_on <= ?1 AND i.due_on >= a.enabled_on"
                                " ORDER BY a.customer_id, i.due_on, i.id");

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
cp_store_autopay_settled (CpDb     *db,
                          gint64    payment_id,
                          gboolean  succeeded,
                          gint64    at,
                          gboolean *is_autopay)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT p.customer_id, p.payment_method_id, p.amount,"
                                          " (SELECT invoice_id FROM payment_allocations"
                                          "  WHERE payment_id = p.id ORDER BY position LIMIT 1)"
                                          " FROM payments p"
                                          " WHERE p.id = ? AND p.autopay_due_on IS NOT NULL");
  g_autoptr(CpStmt) failure = NULL;
  Event event = { .payment_id = payment_id };
  gint64 customer_id;
  int rc;

  *is_autopay = FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  rc = cp_db_step (db, stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return FALSE;
  *is_autopay = TRUE;
  customer_id = sqlite3_column_int64 (stmt, 0);
  event.payment_method_id = sqlite3_column_int64 (stmt, 1);
  event.amount = sqlite3_column_int64 (stmt, 2);
  event.invoice_id = sqlite3_column_int64 (stmt, 3);
  cp_stmt_release (g_steal_pointer (&stmt));

  if (!add_event (db, customer_id, at, succeeded ? "paid" : "declined", &autopay_actor, &event))
    return FALSE;
  failure = cp_db_prepare (db,
                           succeeded
                           ? "UPDATE autopay SET last_failure_payment_id = NULL,"
                             " last_failure_at = NULL WHERE customer_id = ?1"
                           : "UPDATE autopay SET last_failure_payment_id = ?2,"
                             " last_failure_at = ?3 WHERE customer_id = ?1");
  sqlite3_bind_int64 (failure, 1, customer_id);
  if (!succeeded)
    {
      sqlite3_bind_int64 (failure, 2, payment_id);
      sqlite3_bind_int64 (failure, 3, at);
    }
  return cp_db_step (db, failure) == SQLITE_DONE;
}

CpStmt *
cp_store_autopay_mail_select (CpDb   *db,
                              gint64  payment_id)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT c.email, c.name, p.receipt_number, p.amount, i.number,"
                                " m.type, m.brand, m.last4, COALESCE (p.failure_message, ''),"
                                " p.autopay_due_on"
                                " FROM payments p"
                                " JOIN customers c ON c.id = p.customer_id"
                                " JOIN payment_methods m ON m.id = p.payment_method_id"
                                " JOIN payment_allocations a ON a.payment_id = p.id"
                                " JOIN invoices i ON i.id = a.invoice_id"
                                " WHERE p.id = ? ORDER BY a.position LIMIT 1");

  sqlite3_bind_int64 (stmt, 1, payment_id);
  return stmt;
}
