/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* /customers/{customer}/payment-methods… */
void cp_api_cards_list     (CpRequest *req);
void cp_api_cards_add      (CpRequest *req);
void cp_api_cards_update   (CpRequest *req);
void cp_api_cards_delete   (CpRequest *req);
void cp_api_cards_history  (CpRequest *req);

/* One card's JSON from a row of CP_STORE_CARD_COLUMNS (then, with
 * @with_customer, the customer's id and name). */
void cp_api_cards_write_card (JsonBuilder *builder,
                              CpStmt      *stmt,
                              gboolean     with_customer);

gboolean cp_api_cards_expired (int exp_month,
                               int exp_year);

void cp_api_cards_destroy_removed (CpApiEnv  *env,
                                   CpRequest *req);

G_END_DECLS
