/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "store/cp-db.h"

G_BEGIN_DECLS

/*
 * The card vault of the payment processor (customer-portal-processor): the
 * only code that ever holds card digits. It keeps them in the processor's
 * own database, sealed with XSalsa20-Poly1305 (crypto_secretbox) under a
 * key that lives in a key file, never in the database; a destroyed card
 * keeps only what a receipt needs (brand, last four, expiry). The portal
 * keeps the opaque token, the brand, the last four and the expiry.
 */
typedef struct _CpVault CpVault;

#define CP_VAULT_KEY_BYTES 32

typedef struct
{
  char token[48];
  char type[16];           /* "card" or "bank_account" */
  char bank_name[40];      /* a bank account's bank, when known */
  char brand[16];
  char last4[5];
  int exp_month;
  int exp_year;
  char *cardholder_name;
} CpVaultCard;

typedef enum
{
  CP_VAULT_CHARGE_OK,
  CP_VAULT_CHARGE_DECLINED,
  CP_VAULT_CHARGE_UNKNOWN_TOKEN,
  CP_VAULT_CHARGE_ERROR,
} CpVaultChargeResult;

/* The vault's table, for the processor's schema. number_sealed is nonce ||
 * crypto_secretbox_easy (digits), NULL once the card is destroyed; last4
 * stays for receipts and the portal's display. */
#define CP_VAULT_SCHEMA \
  "CREATE TABLE vault_cards (" \
  "  token TEXT PRIMARY KEY," \
  "  number_sealed BLOB," \
  "  last4 TEXT NOT NULL," \
  "  brand TEXT NOT NULL," \
  "  exp_month INTEGER NOT NULL," \
  "  exp_year INTEGER NOT NULL," \
  "  cardholder_name TEXT NOT NULL," \
  "  postal_code TEXT NOT NULL DEFAULT ''," \
  "  created_at INTEGER NOT NULL," \
  "  attached_at INTEGER," \
  "  destroyed_at INTEGER);" \
  "CREATE INDEX vault_cards_unattached ON vault_cards (created_at)" \
  "  WHERE attached_at IS NULL;"
/* Bank accounts beside cards: the account number is number_sealed. */
#define CP_VAULT_SCHEMA_2 \
  "ALTER TABLE vault_cards ADD COLUMN type TEXT NOT NULL DEFAULT 'card';" \
  "ALTER TABLE vault_cards ADD COLUMN routing_number TEXT;" \
  "ALTER TABLE vault_cards ADD COLUMN bank_name TEXT;"

/* Borrows @db (the processor's) for its lifetime; copies @key. */
CpVault            *cp_vault_new            (CpDb         *db,
                                             const guchar  key[CP_VAULT_KEY_BYTES]);
void                cp_vault_free           (CpVault      *self);
gboolean            cp_vault_tokenize       (CpVault      *self,
                                             const char   *number,
                                             gint64        exp_month,
                                             gint64        exp_year,
                                             const char   *cvc,
                                             const char   *cardholder_name,
                                             const char   *postal_code,
                                             CpVaultCard  *out,
                                             const char  **error_field,
                                             const char  **error_message);
/* A bank account (ACH): the routing number's ABA checksum, the account
 * number's length; brand "bank_account", the bank's name when known. */
gboolean            cp_vault_tokenize_bank  (CpVault      *self,
                                             const char   *holder,
                                             const char   *routing_number,
                                             const char   *account_number,
                                             CpVaultCard  *out,
                                             const char  **error_field,
                                             const char  **error_message);
/* What a bank debit of @token will come to once it settles: FALSE with a
 * message for the published test accounts that are returned. */
gboolean            cp_vault_bank_outcome   (CpVault      *self,
                                             const char   *token,
                                             gboolean     *is_bank,
                                             const char  **return_message);
gboolean            cp_vault_lookup         (CpVault      *self,
                                             const char   *token,
                                             CpVaultCard  *out);
CpVaultChargeResult cp_vault_charge         (CpVault      *self,
                                             const char   *token,
                                             gint64        amount,
                                             const char  **decline_message);
/* Marks a token as used by the portal; FALSE if unknown, destroyed or
 * expired. Fills @out like cp_vault_lookup(). */
gboolean            cp_vault_attach         (CpVault      *self,
                                             const char   *token,
                                             CpVaultCard  *out);
/* Destroys the stored number of @token (a deleted payment method). */
gboolean            cp_vault_destroy        (CpVault      *self,
                                             const char   *token);
/* Destroys tokens never attached and made at or before @created_before. */
int                 cp_vault_expire_unused  (CpVault      *self,
                                             gint64        created_before);
void                cp_vault_card_clear     (CpVaultCard  *card);
gboolean            cp_vault_begin          (CpVault      *self);
gboolean            cp_vault_commit         (CpVault      *self);

G_END_DECLS
