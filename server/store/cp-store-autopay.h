/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"
#include "cp-store-cards.h"

G_BEGIN_DECLS

/* The consent terms the server renders and records (the text's version). */
#define CP_AUTOPAY_TERMS_VERSION "2026-12-01"

/* A customer's AutoPay, as stored. Strings are owned; cp_autopay_clear()
 * frees them. Off (or never turned on): enabled FALSE, the rest empty. */
typedef struct
{
  gboolean enabled;
  gint64 payment_method_id;
  char *enabled_on;                /* UTC date it was last turned on */
  char *consent_version;
  char *consent_text;
  gint64 consent_at;
  char *consent_actor_role;
  char *consent_actor_name;
  char *consent_channel;
  gint64 last_failure_payment_id;  /* 0: none */
  gint64 last_failure_at;
} CpAutopay;

void      cp_autopay_clear                 (CpAutopay     *autopay);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CpAutopay, cp_autopay_clear)

/* FALSE on a database error. */
gboolean  cp_store_autopay_get             (CpDb          *db,
                                            gint64         customer_id,
                                            CpAutopay     *out);
/* The method AutoPay pays with, or 0 when it is off. */
gint64    cp_store_autopay_method          (CpDb          *db,
                                            gint64         customer_id);

/*
 * Turns AutoPay on with @pm_id (@action "enabled", which also sets the date
 * it was turned on to @today) or changes its method ("method_changed"),
 * recording the consent as rendered (@text, @version) with @actor and @at,
 * clearing the last failure, and writing the event. The caller holds the
 * transaction.
 */
gboolean  cp_store_autopay_enable          (CpDb          *db,
                                            gint64         customer_id,
                                            const char    *action,
                                            gint64         pm_id,
                                            const char    *today,
                                            const char    *version,
                                            const char    *text,
                                            gint64         at,
                                            const CpActor *actor);
/* Turns AutoPay off, with a `disabled` event giving @reason ("customer",
 * "office", "method_removed"); nothing when it is off. The caller holds the
 * transaction. */
gboolean  cp_store_autopay_disable         (CpDb          *db,
                                            gint64         customer_id,
                                            gint64         at,
                                            const CpActor *actor,
                                            const char    *reason);

/* Newest first, at most @limit. Columns: at, action, actor role, actor
 * name, channel, method id (NULL if none), method type, brand, last4,
 * invoice number, amount, consent version, reason. */
CpStmt   *cp_store_autopay_events_select   (CpDb          *db,
                                            gint64         customer_id,
                                            int            limit);

/* A payment AutoPay made. Columns: payment id, failure message, invoice
 * id, invoice number. */
CpStmt   *cp_store_autopay_failure_select  (CpDb          *db,
                                            gint64         payment_id);

/* What falls due for AutoPay on @today (YYYY-MM-DD, UTC): every open invoice
 * of a customer with AutoPay on whose due date is today or before but not
 * before the day AutoPay was turned on, with what it has payable (balance
 * less what pending payments hold). Columns: customer id, method id, the
 * method's processor token, invoice id, due date, payable. */
CpStmt   *cp_store_autopay_due_select      (CpDb          *db,
                                            const char    *today);

/*
 * When an AutoPay payment has just settled (in the caller's transaction):
 * writes its `paid` or `declined` event, and sets (declined) or clears
 * (paid) the customer's last failure. Sets @is_autopay to whether the
 * payment was AutoPay's at all; FALSE only on a database error.
 */
gboolean  cp_store_autopay_settled         (CpDb          *db,
                                            gint64         payment_id,
                                            gboolean       succeeded,
                                            gint64         at,
                                            gboolean      *is_autopay);

/* What the receipt or decline mail of an AutoPay payment says. Columns:
 * customer email (NULL if none), customer name, receipt number, amount,
 * invoice number, method type, brand, last4, failure message, due date. */
CpStmt   *cp_store_autopay_mail_select     (CpDb          *db,
                                            gint64         payment_id);

G_END_DECLS
