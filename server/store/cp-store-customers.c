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

gboolean
cp_store_customer_by_email (CpDb       *db,
                            const char *email,
                            gint64     *customer_id,
                            gboolean   *has_login)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT c.id, EXISTS (SELECT 1 FROM users u"
                                          "                     WHERE u.email = c.email)"
                                          " FROM customers c WHERE c.email = ?");

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return FALSE;
  *customer_id = sqlite3_column_int64 (stmt, 0);
  *has_login = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
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

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.email, c.phone, c.address," \
  " (SELECT COALESCE (SUM (balance), 0) FROM invoices i WHERE i.customer_id = c.id)"

CpStmt *
cp_store_customer_select (CpDb   *db,
                          gint64  customer_id)
{
  CpStmt *stmt = cp_db_prepare (db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return stmt;
}

/* "%query%" for LIKE, with LIKE's own characters escaped. */
static char *
like_pattern (const char *query)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = query; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

CpStmt *
cp_store_customers_search (CpDb       *db,
                           const char *query,
                           const char *after_name,
                           gint64      after_id,
                           int         limit)
{
  g_autofree char *pattern = like_pattern (query);
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT " CUSTOMER_COLUMNS " FROM customers c"
                                " WHERE (c.name LIKE ?1 ESCAPE '\\' OR c.email LIKE ?1 ESCAPE '\\'"
                                "        OR c.phone LIKE ?1 ESCAPE '\\')"
                                "   AND (?2 = 0 OR c.name COLLATE NOCASE > ?3"
                                "        OR (c.name COLLATE NOCASE = ?3 AND c.id > ?2))"
                                " ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?4");

  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, after_id);
  cp_stmt_bind_text (stmt, 3, after_name ? after_name : "");
  sqlite3_bind_int (stmt, 4, limit);
  return stmt;
}

const char *
cp_store_customer_portal_account (CpDb   *db,
                                  gint64  customer_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (db,
                                          "SELECT EXISTS (SELECT 1 FROM users"
                                          "               WHERE customer_id = c.id),"
                                          " EXISTS (SELECT 1 FROM email_codes e"
                                          "         WHERE e.email = c.email"
                                          "           AND e.purpose = 'invite')"
                                          " FROM customers c WHERE c.id = ?");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (cp_db_step (db, stmt) != SQLITE_ROW)
    return "none";
  if (sqlite3_column_int (stmt, 0))
    return "active";
  if (sqlite3_column_int (stmt, 1))
    return "invited";
  return "none";
}

/* The big-list case (100,000 visits): two statements, so that the first
 * page has no key condition, and any page is a range of the
 * service_visits_by_customer index. */
CpStmt *
cp_store_visits_select (CpDb       *db,
                        gint64      customer_id,
                        const char *after_date,
                        gint64      after_id,
                        int         limit)
{
  CpStmt *stmt;

  if (after_id == 0)
    stmt = cp_db_prepare (db,
                          "SELECT id, date, job_number, job_type, summary, technician, status,"
                          " invoice_id FROM service_visits WHERE customer_id = ?1"
                          " ORDER BY date DESC, id DESC LIMIT ?4");
  else
    stmt = cp_db_prepare (db,
                          "SELECT id, date, job_number, job_type, summary, technician, status,"
                          " invoice_id FROM service_visits WHERE customer_id = ?1"
                          " AND (date < ?2 OR (date = ?2 AND id < ?3))"
                          " ORDER BY date DESC, id DESC LIMIT ?4");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (after_id != 0)
    {
      cp_stmt_bind_text (stmt, 2, after_date);
      sqlite3_bind_int64 (stmt, 3, after_id);
    }
  sqlite3_bind_int (stmt, 4, limit);
  return stmt;
}

CpStmt *
cp_store_invoices_select (CpDb                 *db,
                          gint64                customer_id,
                          CpStoreInvoiceFilter  filter,
                          const char           *after_issued_on,
                          gint64                after_id,
                          int                   limit)
{
  CpStmt *stmt = cp_db_prepare (db,
                                "SELECT id, number, issued_on, due_on, total, balance, summary,"
                                " (SELECT COALESCE (SUM (a.amount), 0) FROM payment_allocations a"
                                "  JOIN payments p ON p.id = a.payment_id"
                                "  WHERE a.invoice_id = invoices.id AND p.status = 'pending')"
                                " FROM invoices WHERE customer_id = ?1"
                                " AND (?2 = 0 OR (?2 = 1 AND balance > 0)"
                                "      OR (?2 = 2 AND balance = 0))"
                                " AND (?3 = 0 OR issued_on < ?4 OR (issued_on = ?4 AND id < ?3))"
                                " ORDER BY issued_on DESC, id DESC LIMIT ?5");

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, (int) filter);
  sqlite3_bind_int64 (stmt, 3, after_id);
  cp_stmt_bind_text (stmt, 4, after_issued_on ? after_issued_on : "");
  sqlite3_bind_int (stmt, 5, limit);
  return stmt;
}
