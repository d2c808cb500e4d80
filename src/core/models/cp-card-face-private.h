/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-types.h"

G_BEGIN_DECLS

/*
 * What may be shown of a card wherever one appears (a saved card, a history
 * entry, the vault's answer): brand, last 4 and expiry, plus the display
 * strings made from them. Never more: no digit beyond the last 4 reaches a
 * model. Embedded as a `face` member in CpCard, CpCardEvent and CpCardToken,
 * which share its parsing, properties and getters through the helpers below.
 */
typedef struct
{
  CpCardBrand brand;
  char *last4;
  guint exp_month;
  guint exp_year;
  /* "Visa •••• 4242" and "12/2030"; a bank account (ACH) is titled by its
   * bank, "Stripe Test Bank •••• 6789", and has no expiry. */
  char *title;
  char *expiry_text;
  gboolean is_bank_account;
} CpCardFace;

/* The face's properties, in this order from the owner's first face
 * property id on: brand, last4, exp-month, exp-year. */
#define CP_CARD_FACE_N_PROPS 4

gboolean cp_card_face_init_from_json (CpCardFace  *face,
                                      JsonObject  *object,
                                      GError     **error);
void     cp_card_face_clear          (CpCardFace  *face);
void     cp_card_face_fill_properties (GParamSpec **properties);
gboolean cp_card_face_get_property   (const CpCardFace *face,
                                      guint             face_prop_id,
                                      GValue           *value);

/* Defines the public brand, last4, exp_month and exp_year getters of a type
 * whose instance struct has a `CpCardFace face` member. */
#define CP_CARD_FACE_DEFINE_GETTERS(TypeName, type_name, TYPE_CHECK)             \
  CpCardBrand                                                                   \
  type_name##_get_brand (TypeName *self)                                        \
  {                                                                             \
    g_return_val_if_fail (TYPE_CHECK (self), CP_CARD_BRAND_UNKNOWN);            \
    return self->face.brand;                                                    \
  }                                                                             \
                                                                                \
  const char *                                                                  \
  type_name##_get_last4 (TypeName *self)                                        \
  {                                                                             \
    g_return_val_if_fail (TYPE_CHECK (self), NULL);                             \
    return self->face.last4;                                                    \
  }                                                                             \
                                                                                \
  guint                                                                         \
  type_name##_get_exp_month (TypeName *self)                                    \
  {                                                                             \
    g_return_val_if_fail (TYPE_CHECK (self), 0);                                \
    return self->face.exp_month;                                                \
  }                                                                             \
                                                                                \
  guint                                                                         \
  type_name##_get_exp_year (TypeName *self)                                     \
  {                                                                             \
    g_return_val_if_fail (TYPE_CHECK (self), 0);                                \
    return self->face.exp_year;                                                 \
  }

G_END_DECLS
