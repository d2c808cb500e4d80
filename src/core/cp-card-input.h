/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-types.h"

G_BEGIN_DECLS

#define CP_CARD_INPUT_ERROR (cp_card_input_error_quark ())

/**
 * CpCardInputError:
 * @CP_CARD_INPUT_ERROR_NUMBER: the card number is incomplete, too long, of an
 *   unknown brand or fails the Luhn check
 * @CP_CARD_INPUT_ERROR_EXPIRY: the expiry is not a valid month, is in the
 *   past or more than 50 years ahead
 * @CP_CARD_INPUT_ERROR_CVC: the security code has the wrong length for the brand
 *
 * Which field of the Add Card form is at fault; messages are translated.
 */
typedef enum
{
  CP_CARD_INPUT_ERROR_NUMBER,
  CP_CARD_INPUT_ERROR_EXPIRY,
  CP_CARD_INPUT_ERROR_CVC,
} CpCardInputError;

GQuark cp_card_input_error_quark (void);

#define CP_TYPE_CARD_INPUT (cp_card_input_get_type ())

G_DECLARE_FINAL_TYPE (CpCardInput, cp_card_input, CP, CARD_INPUT, GObject)

/*
 * The digits of a card being typed in: number, expiry and CVC, validated
 * before they go (once) to the vault. Every buffer that held digits is
 * wiped when replaced, by cp_card_input_wipe() and when the object is
 * finalized. Properties (no digits): brand, number-complete, valid.
 */
CpCardInput *cp_card_input_new                 (void);

void         cp_card_input_set_number          (CpCardInput *self,
                                                const char  *text);
void         cp_card_input_set_expiry          (CpCardInput *self,
                                                guint        month,
                                                guint        year);
gboolean     cp_card_input_set_expiry_text     (CpCardInput *self,
                                                const char  *text);
void         cp_card_input_set_cvc             (CpCardInput *self,
                                                const char  *text);

CpCardBrand  cp_card_input_get_brand           (CpCardInput *self);
guint        cp_card_input_get_n_digits        (CpCardInput *self);
const char  *cp_card_input_peek_number         (CpCardInput *self);
const char  *cp_card_input_peek_cvc            (CpCardInput *self);
guint        cp_card_input_get_exp_month       (CpCardInput *self);
guint        cp_card_input_get_exp_year        (CpCardInput *self);
char        *cp_card_input_dup_display_number  (CpCardInput *self) G_GNUC_WARN_UNUSED_RESULT;
char        *cp_card_input_dup_last4           (CpCardInput *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean     cp_card_input_get_number_complete (CpCardInput *self);
gboolean     cp_card_input_validate            (CpCardInput *self,
                                                GDateTime   *now,
                                                GError     **error);
void         cp_card_input_wipe                (CpCardInput *self);

/* Stateless helpers on digit strings (no separators). */
char        *cp_card_normalize_digits          (const char  *text) G_GNUC_WARN_UNUSED_RESULT;
CpCardBrand  cp_card_brand_from_digits         (const char  *digits);
gboolean     cp_card_luhn_check                (const char  *digits);
gboolean     cp_card_brand_length_ok           (CpCardBrand  brand,
                                                guint        n_digits);
guint        cp_card_brand_max_length          (CpCardBrand  brand);
guint        cp_card_brand_cvc_length          (CpCardBrand  brand);
char        *cp_card_format_digits             (const char  *digits,
                                                CpCardBrand  brand) G_GNUC_WARN_UNUSED_RESULT;
gboolean     cp_card_expiry_ok                 (guint        month,
                                                guint        year,
                                                GDateTime   *now);
void         cp_card_wipe_string               (char        *text);

/* Bank accounts (ACH): digit strings without separators. */
#define CP_BANK_ROUTING_LENGTH 9
#define CP_BANK_ACCOUNT_MIN_LENGTH 4
#define CP_BANK_ACCOUNT_MAX_LENGTH 17

gboolean     cp_bank_routing_number_valid      (const char  *digits);
gboolean     cp_bank_account_number_valid      (const char  *digits);

G_END_DECLS
