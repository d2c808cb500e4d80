/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-store-customers.h"

int
cp_store_customer_add (CpDb       *db,
                       const char *name,
                       const char *email,
                       const char *phone,
                       const char *address,
                       gint64      created_at,
                       gint64     *id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO customers (name, email, phone, address,"
                                          " created_at) VALUES (?, ?, ?, ?, ?)");
  int rc;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  cp_stmt_bind_text (stmt, 2, email);
  sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, created_at);
  rc = cp_db_step (db, stmt);
  *id = rc == SQLITE_DONE ? cp_db_last_insert_id (db) : 0;
  return rc;
}

gboolean
cp_store_customer_exists (CpDb   *db,
                          gint64  customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db, "SELECT 1 FROM customers WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return cp_db_step (db, stmt) == SQLITE_ROW;
}

int
cp_store_invoice_add (CpDb       *db,
                      gint64      customer_id,
                      const char *number,
                      const char *issued_on,
                      const char *due_on,
                      gint64      total,
                      gint64      balance,
                      const char *summary,
                      gint64     *id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO invoices (customer_id, number, issued_on,"
                                          " due_on, total, balance, summary)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?)");
  int rc;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, issued_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, total);
  sqlite3_bind_int64 (stmt, 6, balance);
  sqlite3_bind_text (stmt, 7, summary, -1, SQLITE_TRANSIENT);
  rc = cp_db_step (db, stmt);
  *id = rc == SQLITE_DONE ? cp_db_last_insert_id (db) : 0;
  return rc;
}

int
cp_store_visit_add (CpDb       *db,
                    gint64      customer_id,
                    const char *date,
                    const char *job_number,
                    const char *job_type,
                    const char *summary,
                    const char *technician,
                    const char *status,
                    gint64      invoice_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "INSERT INTO service_visits (customer_id, date,"
                                          " job_number, job_type, summary, technician, status,"
                                          " invoice_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, job_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, job_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, summary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, technician, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_TRANSIENT);
  if (invoice_id > 0)
    sqlite3_bind_int64 (stmt, 8, invoice_id);
  else
    sqlite3_bind_null (stmt, 8);
  return cp_db_step (db, stmt);
}
