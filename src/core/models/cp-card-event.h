/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_CARD_EVENT (cp_card_event_get_type ())

G_DECLARE_FINAL_TYPE (CpCardEvent, cp_card_event, CP, CARD_EVENT, GObject)

/*
 * One entry of a customer's payment-method history. Properties: id, at
 * (#GDateTime), at-text, action (#CpCardAction), brand (#CpCardBrand),
 * last4, exp-month, exp-year, card-title ("Visa •••• 4242"), actor-role
 * (string: "customer", "staff", "admin", "system"), actor-name, channel
 * (#CpCardChannel).
 */
const char    *cp_card_event_get_id         (CpCardEvent *self);
GDateTime     *cp_card_event_get_at         (CpCardEvent *self);
const char    *cp_card_event_get_at_text    (CpCardEvent *self);
CpCardAction   cp_card_event_get_action     (CpCardEvent *self);
CpCardBrand    cp_card_event_get_brand      (CpCardEvent *self);
const char    *cp_card_event_get_last4      (CpCardEvent *self);
guint          cp_card_event_get_exp_month  (CpCardEvent *self);
guint          cp_card_event_get_exp_year   (CpCardEvent *self);
const char    *cp_card_event_get_card_title (CpCardEvent *self);
gboolean       cp_card_event_get_is_bank_account (CpCardEvent *self);
const char    *cp_card_event_get_actor_role (CpCardEvent *self);
const char    *cp_card_event_get_actor_name (CpCardEvent *self);
CpCardChannel  cp_card_event_get_channel    (CpCardEvent *self);

G_END_DECLS
