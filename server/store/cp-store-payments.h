/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/* The open balance of an invoice of @customer_id; FALSE if there is none. */
gboolean  cp_store_invoice_balance          (CpDb          *db,
                                             gint64         customer_id,
                                             gint64         invoice_id,
                                             gint64        *balance);

/*
 * Records a charged payment: the receipt number, and @amount applied to
 * the @n_invoices invoices in the order given, each up to its balance
 * (@balances, as read when the payment was checked). The caller holds the
 * transaction.
 */
gboolean  cp_store_payment_add              (CpDb          *db,
                                             gint64         customer_id,
                                             gint64         payment_method_id,
                                             gint64         user_id,
                                             gint64         amount,
                                             gint64         at,
                                             const gint64  *invoice_ids,
                                             const gint64  *balances,
                                             guint          n_invoices,
                                             gint64        *payment_id,
                                             char         **receipt_number);

/* Where a recorded payment came from ("portal" or "office", and the memo
 * the office wrote), and the card's last use. The caller holds the
 * transaction of cp_store_payment_add(). */
gboolean  cp_store_payment_set_origin       (CpDb          *db,
                                             gint64         payment_id,
                                             gint64         payment_method_id,
                                             const char    *channel,
                                             const char    *memo,
                                             gint64         at);

/* Columns: id, status, amount, receipt_number, created_at, card id, card
 * brand, card last4, channel, memo, actor role, actor name. */
CpStmt   *cp_store_payment_select           (CpDb          *db,
                                             gint64         payment_id);
/* Columns: invoice_id, amount; in the order the payment was applied. */
CpStmt   *cp_store_payment_allocations_select (CpDb        *db,
                                             gint64         payment_id);
/* Ids of @customer_id's payments, newest first, before @before_id (0: all). */
CpStmt   *cp_store_payment_ids_select       (CpDb          *db,
                                             gint64         customer_id,
                                             gint64         before_id,
                                             int            limit);

/* Idempotency keys: the first answer to a payment request, kept per user
 * and key with a digest of the request; a record made at or before
 * @expired_at counts as gone. */
typedef enum
{
  CP_IDEMPOTENCY_NEW,      /* unknown key (or expired, and now forgotten) */
  CP_IDEMPOTENCY_REPLAY,   /* same request: *status and *response are the first answer */
  CP_IDEMPOTENCY_CONFLICT, /* the key was used for another request */
} CpIdempotency;

CpIdempotency cp_store_idempotency_get      (CpDb          *db,
                                             gint64         user_id,
                                             const char    *key,
                                             const guchar   request_hash[32],
                                             gint64         expired_at,
                                             guint         *status,
                                             char         **response);
void          cp_store_idempotency_put      (CpDb          *db,
                                             gint64         user_id,
                                             const char    *key,
                                             const guchar   request_hash[32],
                                             guint          status,
                                             const char    *response,
                                             gint64         at);

G_END_DECLS
