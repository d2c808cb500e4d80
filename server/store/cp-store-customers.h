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

G_END_DECLS
