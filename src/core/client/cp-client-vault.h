/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-card-input.h"
#include "cp-card-token.h"
#include "cp-client.h"

G_BEGIN_DECLS

/* Card tokenization at the vault (cp-client-vault.c). */

/**
 * cp_client_tokenize_card_async:
 * @card: the validated digits; read once, never kept
 * @cardholder_name: the name on the card
 * @postal_code: (nullable): the billing postal code
 *
 * POST {vault_url}/v1/tokens with Bearer vault_key from `/config` (fetched
 * first when the client has none). The request body is wiped once sent.
 * Only the returned token goes to cp_client_add_payment_method_async().
 * Finish: (transfer full) #CpCardToken.
 */
void          cp_client_tokenize_card_async  (CpClient            *self,
                                              CpCardInput         *card,
                                              const char          *cardholder_name,
                                              const char          *postal_code,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CpCardToken  *cp_client_tokenize_card_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/**
 * cp_client_tokenize_bank_account_async:
 * @account_holder: the name on the account
 * @routing_number: the ABA routing number, digits only
 * @account_number: the account number, digits only; read once, never kept
 *
 * The same request for a bank account (ACH): `{"type": "bank_account",
 * account_holder, routing_number, account_number}` to the vault, the body
 * wiped once sent. The caller wipes its own copies.
 * Finish: (transfer full) #CpCardToken (brand "bank_account", bank name).
 */
void          cp_client_tokenize_bank_account_async  (CpClient            *self,
                                                      const char          *account_holder,
                                                      const char          *routing_number,
                                                      const char          *account_number,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CpCardToken  *cp_client_tokenize_bank_account_finish (CpClient            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
