/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_CARD (cp_card_get_type ())

G_DECLARE_FINAL_TYPE (CpCard, cp_card, CP, CARD, GObject)

/*
 * A saved card (payment method). Never holds more than brand, last 4 and
 * expiry. Properties: id, brand (#CpCardBrand), last4, exp-month, exp-year,
 * cardholder-name, is-primary, expired, added-at (#GDateTime), added-via
 * (#CpCardChannel), title ("Visa •••• 4242"), expiry-text ("12/2030").
 * Plain getters (where the portal sends them): who added the card, its last
 * change and last use, and in the office's report its customer.
 */
const char    *cp_card_get_id              (CpCard *self);
CpCardBrand    cp_card_get_brand           (CpCard *self);
const char    *cp_card_get_last4           (CpCard *self);
guint          cp_card_get_exp_month       (CpCard *self);
guint          cp_card_get_exp_year        (CpCard *self);
const char    *cp_card_get_cardholder_name (CpCard *self);
gboolean       cp_card_get_is_primary      (CpCard *self);
gboolean       cp_card_get_expired         (CpCard *self);
GDateTime     *cp_card_get_added_at        (CpCard *self);
CpCardChannel  cp_card_get_added_via       (CpCard *self);
const char    *cp_card_get_title           (CpCard *self);
const char    *cp_card_get_expiry_text     (CpCard *self);
gboolean       cp_card_get_is_bank_account (CpCard *self);
int            cp_card_get_days_left       (CpCard    *self,
                                            GDateTime *now);
const char    *cp_card_get_added_by_name   (CpCard *self);
const char    *cp_card_get_added_by_role   (CpCard *self);
GDateTime     *cp_card_get_updated_at      (CpCard *self);
GDateTime     *cp_card_get_last_used_at    (CpCard *self);
const char    *cp_card_get_customer_id     (CpCard *self);
const char    *cp_card_get_customer_name   (CpCard *self);
char          *cp_card_dup_details         (CpCard    *self,
                                            GDateTime *now) G_GNUC_WARN_UNUSED_RESULT;

/* A card that stops working within this many days "expires soon". */
#define CP_CARD_EXPIRES_SOON_DAYS 60

G_END_DECLS
