/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-account.h"
#include "cp-card-event.h"
#include "cp-card-token.h"
#include "cp-card.h"
#include "cp-config.h"
#include "cp-customer.h"
#include "cp-invoice.h"
#include "cp-payment.h"
#include "cp-visit.h"

G_BEGIN_DECLS

/* Model constructors from untrusted reply objects: each checks the type and
 * range of every member and answers CP_CLIENT_ERROR_BAD_RESPONSE, never a
 * half-filled model. The _parse variants fit CpJsonParseFunc. */
CpConfig *cp_config_new_from_json (JsonObject  *object,
                                  GError     **error);
gpointer  cp_config_parse (JsonObject  *object,
                          GError     **error);

CpAccount *cp_account_new_from_json (JsonObject  *object,
                                    GError     **error);
gpointer   cp_account_parse (JsonObject  *object,
                            GError     **error);

CpCustomer *cp_customer_new_from_json (JsonObject  *object,
                                      GError     **error);
gpointer    cp_customer_parse (JsonObject  *object,
                              GError     **error);

CpVisit *cp_visit_new_from_json (JsonObject  *object,
                                GError     **error);
gpointer cp_visit_parse (JsonObject  *object,
                        GError     **error);

CpInvoice *cp_invoice_new_from_json (JsonObject  *object,
                                    GError     **error);
gpointer   cp_invoice_parse (JsonObject  *object,
                            GError     **error);

CpCard *cp_card_new_from_json (JsonObject  *object,
                              GError     **error);
gpointer cp_card_parse (JsonObject  *object,
                      GError     **error);

CpCardToken *cp_card_token_new_from_json (JsonObject  *object,
                                         GError     **error);
gpointer     cp_card_token_parse (JsonObject  *object,
                                 GError     **error);

CpCardEvent *cp_card_event_new_from_json (JsonObject  *object,
                                         GError     **error);
gpointer     cp_card_event_parse (JsonObject  *object,
                                 GError     **error);

CpPayment *cp_payment_new_from_json (JsonObject  *object,
                                    GError     **error);
gpointer   cp_payment_parse (JsonObject  *object,
                            GError     **error);

gboolean cp_model_bad_reply (GError    **error,
                             const char *member);

G_END_DECLS
