/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The card vault: it stands in for a payment processor, so it is the only
 * part of the server that ever holds card digits, in its own database file.
 * The portal keeps the opaque token, the brand, the last four and the expiry.
 */
typedef struct _CpVault CpVault;

typedef struct
{
  char token[48];
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

CpVault            *cp_vault_open           (const char   *path,
                                             const char   *key,
                                             GError      **error);
void                cp_vault_free           (CpVault      *self);
const char         *cp_vault_get_key        (CpVault      *self);
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
/* Whether the portal holds @token (a saved card): such tokens never expire. */
typedef gboolean  (*CpVaultTokenUsedFunc)     (const char   *token,
                                               gpointer      user_data);

#define CP_VAULT_DEFAULT_TOKEN_TTL (15 * 60)

void                cp_vault_set_token_ttl  (CpVault      *self,
                                             gint64        seconds);
guint               cp_vault_drop_unused    (CpVault      *self,
                                             gint64        now,
                                             CpVaultTokenUsedFunc used,
                                             gpointer      user_data);
gboolean            cp_vault_lookup         (CpVault      *self,
                                             const char   *token,
                                             CpVaultCard  *out);
CpVaultChargeResult cp_vault_charge         (CpVault      *self,
                                             const char   *token,
                                             gint64        amount,
                                             const char  **decline_message);
void                cp_vault_card_clear     (CpVaultCard  *card);
gboolean            cp_vault_take_busy      (CpVault      *self);
gboolean            cp_vault_begin          (CpVault      *self);
gboolean            cp_vault_commit         (CpVault      *self);

G_END_DECLS
