/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/* Customer records and what the office system writes for them (invoices,
 * service visits). Inserts return the SQLite result code; @id is set on
 * SQLITE_DONE. A NULL @email means none on file. */
int       cp_store_customer_add      (CpDb       *db,
                                      const char *name,
                                      const char *email,
                                      const char *phone,
                                      const char *address,
                                      gint64      created_at,
                                      gint64     *id);
gboolean  cp_store_customer_exists   (CpDb       *db,
                                      gint64      customer_id);
int       cp_store_invoice_add       (CpDb       *db,
                                      gint64      customer_id,
                                      const char *number,
                                      const char *issued_on,
                                      const char *due_on,
                                      gint64      total,
                                      gint64      balance,
                                      const char *summary,
                                      gint64     *id);
int       cp_store_visit_add         (CpDb       *db,
                                      gint64      customer_id,
                                      const char *date,
                                      const char *job_number,
                                      const char *job_type,
                                      const char *summary,
                                      const char *technician,
                                      const char *status,
                                      gint64      invoice_id);

/* The customer on file with @email: FALSE if none; @has_login tells whether
 * a login with that email exists already. */
gboolean    cp_store_customer_by_email      (CpDb       *db,
                                             const char *email,
                                             gint64     *customer_id,
                                             gboolean   *has_login);

/* Reading, as bound statements of at most @limit rows, keyset-paged after
 * (@after_key, @after_id) in the list's order (@after_id 0: from the start).
 * Customer columns: id, name, email, phone, address, balance. */
CpStmt     *cp_store_customer_select        (CpDb       *db,
                                             gint64      customer_id);
/* Name, email or phone containing @query, by name. */
CpStmt     *cp_store_customers_search       (CpDb       *db,
                                             const char *query,
                                             const char *after_name,
                                             gint64      after_id,
                                             int         limit);
/* "none", "invited" (a code was mailed) or "active" (a login exists). */
const char *cp_store_customer_portal_account (CpDb      *db,
                                             gint64      customer_id);

/* Newest first. Columns: id, date, job_number, job_type, summary,
 * technician, status, invoice_id. */
CpStmt     *cp_store_visits_select          (CpDb       *db,
                                             gint64      customer_id,
                                             const char *after_date,
                                             gint64      after_id,
                                             int         limit);

typedef enum
{
  CP_STORE_INVOICES_ALL,
  CP_STORE_INVOICES_OPEN,
  CP_STORE_INVOICES_PAID,
} CpStoreInvoiceFilter;

/* Newest first. Columns: id, number, issued_on, due_on, total, balance, summary,
 * pending (what pending payments hold of the balance). */
CpStmt     *cp_store_invoices_select        (CpDb                 *db,
                                             gint64                customer_id,
                                             CpStoreInvoiceFilter  filter,
                                             const char           *after_issued_on,
                                             gint64                after_id,
                                             int                   limit);

G_END_DECLS
