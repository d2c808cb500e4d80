/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-store-report.h"

/* The expression must be written as the index has it for SQLite to use it. */
#define EXPIRY_KEY "(pm.exp_year * 12 + pm.exp_month)"

static const char report_sql[] =
  "SELECT pm.id, pm.brand, pm.last4, pm.exp_month, pm.exp_year, pm.cardholder_name,"
  " pm.is_primary, pm.added_at, pm.added_via, pm.added_by_role, pm.added_by_name,"
  " pm.updated_at, pm.last_used_at, c.id, c.name, " EXPIRY_KEY
  " FROM payment_methods pm INDEXED BY payment_methods_by_expiry"
  " JOIN customers c ON c.id = pm.customer_id"
  " WHERE pm.removed_at IS NULL"
  " AND " EXPIRY_KEY " >= ?1 AND " EXPIRY_KEY " < ?2"
  " AND (?3 IS NULL OR ?3 = 'card')"
  " AND (" EXPIRY_KEY ", pm.id) > (?4, ?5)"
  " ORDER BY " EXPIRY_KEY ", pm.id LIMIT ?6";

CpStmt *
cp_store_report_payment_methods_select (CpDb                 *db,
                                        const CpReportFilter *filter,
                                        gint64                after_key,
                                        gint64                after_id,
                                        int                   limit)
{
  CpStmt *stmt = cp_db_prepare (db, report_sql);

  sqlite3_bind_int64 (stmt, 1, filter->min_key);
  /* No bound is a bound that every card meets: the statement stays one
   * index range, never an OR the planner would scan through. */
  sqlite3_bind_int64 (stmt, 2, filter->max_key > 0 ? filter->max_key : G_MAXINT64);
  if (filter->type != NULL)
    sqlite3_bind_text (stmt, 3, filter->type, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, after_key);
  sqlite3_bind_int64 (stmt, 5, after_id);
  sqlite3_bind_int (stmt, 6, limit);
  return stmt;
}

char *
cp_store_report_payment_methods_plan (CpDb *db)
{
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", report_sql, NULL);
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, sql);
  g_autoptr(GString) plan = g_string_new (NULL);

  while (cp_db_step (db, stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", cp_stmt_text (stmt, 3));
  return g_string_free (g_steal_pointer (&plan), FALSE);
}
