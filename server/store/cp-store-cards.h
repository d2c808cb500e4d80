/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"
#include "vault/cp-vault.h"

G_BEGIN_DECLS

/* Who makes a change to a customer's cards, as the card history shows it. */
typedef struct
{
  const char *role;        /* "customer", "staff", "admin" or "system" */
  const char *name;
  const char *channel;     /* "portal", "office" or "system" */
} CpActor;

/*
 * Saved cards and their history, with the card rules of the API contract:
 * at most one primary card; the first card saved becomes primary; removing
 * the primary card makes the most recently added remaining card primary;
 * every change writes a history entry (the system's own changes as the
 * system). The caller holds the transaction, so that the routes and the demo
 * seeder can each group these with their other writes.
 */
gboolean  cp_store_card_add          (CpDb              *db,
                                      gint64             customer_id,
                                      const CpVaultCard *card,
                                      gboolean           make_primary,
                                      gint64             at,
                                      const CpActor     *actor,
                                      gint64            *pm_id);
gboolean  cp_store_card_set_primary  (CpDb              *db,
                                      gint64             customer_id,
                                      gint64             pm_id,
                                      gint64             at,
                                      const CpActor     *actor);
gboolean  cp_store_card_remove       (CpDb              *db,
                                      gint64             customer_id,
                                      gint64             pm_id,
                                      gboolean           was_primary,
                                      gint64             at,
                                      const CpActor     *actor);

/* Whether @pm_id is an active card of @customer_id, and if it is primary. */
gboolean  cp_store_card_find         (CpDb              *db,
                                      gint64             customer_id,
                                      gint64             pm_id,
                                      gboolean          *is_primary);
gboolean  cp_store_card_token_used   (CpDb              *db,
                                      const char        *token);
/* The vault token of an active card of @customer_id, or %NULL. */
char     *cp_store_card_token_dup    (CpDb              *db,
                                      gint64             customer_id,
                                      gint64             pm_id) G_GNUC_WARN_UNUSED_RESULT;

/* Statements for reading, already bound; columns as CP_STORE_CARD_COLUMNS. */
#define CP_STORE_CARD_COLUMNS \
  "id, brand, last4, exp_month, exp_year, cardholder_name, is_primary, added_at, added_via," \
  " added_by_role, added_by_name, updated_at, last_used_at"
CpStmt   *cp_store_card_select       (CpDb              *db,
                                      gint64             pm_id);
CpStmt   *cp_store_cards_select      (CpDb              *db,
                                      gint64             customer_id);

/* History newest first, @limit rows after @before_id (0: from the newest).
 * Columns: id, at, action, brand, last4, exp_month, exp_year, actor role,
 * actor name, channel. */
CpStmt   *cp_store_card_events_select (CpDb             *db,
                                       gint64            customer_id,
                                       gint64            before_id,
                                       int               limit);

G_END_DECLS
