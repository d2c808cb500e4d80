/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/*
 * The office's Saved Payment Methods report: every active payment method
 * across customers, in expiry order (then id), read a page at a time by
 * keyset through the `payment_methods_by_expiry` index, so that it stays
 * fast with 100,000 methods. Expiry is compared as a month key,
 * year * 12 + month: a card works through the end of its expiry month.
 */
typedef struct
{
  gint64 min_key;          /* expiry month key at or after; 0: no bound */
  gint64 max_key;          /* expiry month key before; 0: no bound */
  const char *type;        /* "card", or %NULL for every type */
} CpReportFilter;

/* Columns: CP_STORE_CARD_COLUMNS, customer id, customer name, expiry key.
 * Rows after (@after_key, @after_id) (both 0: from the start). */
CpStmt   *cp_store_report_payment_methods_select (CpDb                 *db,
                                                  const CpReportFilter *filter,
                                                  gint64                after_key,
                                                  gint64                after_id,
                                                  int                   limit);

/* The query plan of that statement, one line per step (for the tests). */
char     *cp_store_report_payment_methods_plan   (CpDb                 *db) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
