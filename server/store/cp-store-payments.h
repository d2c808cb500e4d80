/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/* The open balance of an invoice of @customer_id; FALSE if there is none. */
gboolean  cp_store_invoice_balance          (CpDb          *db,
                                             gint64         customer_id,
                                             gint64         invoice_id,
                                             gint64        *balance);

/* What is held against an invoice by pending payments. */
gint64    cp_store_invoice_held             (CpDb          *db,
                                             gint64         invoice_id);

/*
 * Records the intent of a payment, before anything is charged: status
 * pending, the key it will be charged under at the processor, a receipt
 * number kept for it (shown once it succeeds), and @amount held against the
 * @n_invoices invoices in the order given, each up to what it has payable
 * (@payable: balance less what is already held, as read when the payment
 * was checked). No balance changes until cp_store_payment_settle(). The
 * caller holds the transaction.
 */
gboolean  cp_store_payment_add              (CpDb          *db,
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
                                             char         **receipt_number);

/*
 * Settles a pending payment once: succeeded (the held amounts come off the
 * invoices' balances) or failed (the hold is released, @failure_message
 * kept). Returns 1 when it settled it, 0 when it was no longer pending, -1
 * on a database error. The caller holds the transaction.
 */
int       cp_store_payment_settle           (CpDb          *db,
                                             gint64         payment_id,
                                             gboolean       succeeded,
                                             const char    *failure_message,
                                             gint64         at);

/* Pending payments, oldest first. Columns: id, processor_key, token,
 * amount. */
CpStmt   *cp_store_payments_pending_select  (CpDb          *db);
/* A payment's changes of status, oldest first. Columns: at, status. */
CpStmt   *cp_store_payment_events_select    (CpDb          *db,
                                             gint64         payment_id);

/* Where a recorded payment came from ("portal" or "office", and the memo
 * the office wrote), and the card's last use. The caller holds the
 * transaction of cp_store_payment_add(). */
gboolean  cp_store_payment_set_origin       (CpDb          *db,
                                             gint64         payment_id,
                                             gint64         payment_method_id,
                                             const char    *channel,
                                             const char    *memo,
                                             gint64         at);

/* Marks a payment just added (same transaction) as AutoPay's, for the
 * invoice due on @due_on: its channel reads "autopay", its actor AutoPay. */
gboolean  cp_store_payment_set_autopay      (CpDb          *db,
                                             gint64         payment_id,
                                             const char    *due_on);
/* Whether a payment was ever made under @processor_key. */
gboolean  cp_store_payment_key_used         (CpDb          *db,
                                             const char    *processor_key);

/* Columns: id, status, amount, receipt_number, created_at, card id, card
 * brand, card last4, failure_message, processor_key, channel ("portal",
 * "office" or "autopay"), memo, actor role, actor name. */
CpStmt   *cp_store_payment_select           (CpDb          *db,
                                             gint64         payment_id);
/* Columns: invoice_id, amount; in the order the payment was applied. */
CpStmt   *cp_store_payment_allocations_select (CpDb        *db,
                                             gint64         payment_id);
/* The customer of a payment, or 0 if there is none. */
gint64    cp_store_payment_customer         (CpDb          *db,
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
                                             char         **response,
                                             gint64        *payment_id);
/* @payment_id: the payment the key made (its current state is the answer
 * to a replay), or 0 with @status and @response the answer to give. */
void          cp_store_idempotency_put      (CpDb          *db,
                                             gint64         user_id,
                                             const char    *key,
                                             const guchar   request_hash[32],
                                             guint          status,
                                             const char    *response,
                                             gint64         payment_id,
                                             gint64         at);

G_END_DECLS
