/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_CARD_TOKEN (cp_card_token_get_type ())

G_DECLARE_FINAL_TYPE (CpCardToken, cp_card_token, CP, CARD_TOKEN, GObject)

/*
 * What the vault answers for a tokenized card: the opaque token to hand to
 * the portal API, and brand, last 4 and expiry for display.
 */
const char  *cp_card_token_get_token     (CpCardToken *self);
CpCardBrand  cp_card_token_get_brand     (CpCardToken *self);
const char  *cp_card_token_get_last4     (CpCardToken *self);
guint        cp_card_token_get_exp_month (CpCardToken *self);
guint        cp_card_token_get_exp_year  (CpCardToken *self);

G_END_DECLS
