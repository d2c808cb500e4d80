/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cp-card-face-private.h"
#include "cp-enum-types.h"
#include "cp-json-private.h"
#include "cp-models-private.h"

enum
{
  FACE_PROP_BRAND,
  FACE_PROP_LAST4,
  FACE_PROP_EXP_MONTH,
  FACE_PROP_EXP_YEAR,
};

G_STATIC_ASSERT (FACE_PROP_EXP_YEAR + 1 == CP_CARD_FACE_N_PROPS);

/* Reads brand, last4, exp_month and exp_year from @object (a card, a
 * history entry's "card" member, a vault reply), checking each. On failure
 * @face may hold some members: cp_card_face_clear() frees them. */
gboolean
cp_card_face_init_from_json (CpCardFace  *face,
                             JsonObject  *object,
                             GError     **error)
{
  g_autofree char *brand = NULL;
  gint64 number;

  if (!cp_json_get_string (object, "brand", FALSE, &brand, error))
    return FALSE;
  face->brand = cp_card_brand_from_string (brand);
  if (!cp_json_get_string (object, "last4", FALSE, &face->last4, error))
    return FALSE;
  if (!cp_json_get_int (object, "exp_month", 1, 12, &number, error))
    return FALSE;
  face->exp_month = (guint) number;
  if (!cp_json_get_int (object, "exp_year", 2000, 2200, &number, error))
    return FALSE;
  face->exp_year = (guint) number;
  if (strlen (face->last4) != 4 || strspn (face->last4, "0123456789") != 4)
    return cp_model_bad_reply (error, "last4");

  face->is_bank_account = g_strcmp0 (brand, "bank_account") == 0;
  if (face->is_bank_account)
    {
      g_autofree char *bank = NULL;

      if (!cp_json_get_string (object, "bank_name", TRUE, &bank, error))
        return FALSE;
      /* Translators: a saved bank account, e.g. "Chase •••• 6789". */
      face->title = g_strdup_printf (_("%s •••• %s"),
                                     bank != NULL && *bank != '\0' ? bank : _("Bank account"),
                                     face->last4);
      face->expiry_text = g_strdup ("");
      return TRUE;
    }
  /* Translators: a saved card, e.g. "Visa •••• 4242". */
  face->title = g_strdup_printf (_("%s •••• %s"),
                                 cp_card_brand_get_display_name (face->brand), face->last4);
  face->expiry_text = g_strdup_printf ("%02u/%u", face->exp_month, face->exp_year);
  return TRUE;
}

void
cp_card_face_clear (CpCardFace *face)
{
  g_clear_pointer (&face->last4, g_free);
  g_clear_pointer (&face->title, g_free);
  g_clear_pointer (&face->expiry_text, g_free);
}

/* Fills @properties[0 .. CP_CARD_FACE_N_PROPS - 1], for the owner's
 * g_object_class_install_properties(). */
void
cp_card_face_fill_properties (GParamSpec **properties)
{
  properties[FACE_PROP_BRAND] =
    g_param_spec_enum ("brand", NULL, NULL, CP_TYPE_CARD_BRAND, CP_CARD_BRAND_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[FACE_PROP_LAST4] =
    g_param_spec_string ("last4", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[FACE_PROP_EXP_MONTH] =
    g_param_spec_uint ("exp-month", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[FACE_PROP_EXP_YEAR] =
    g_param_spec_uint ("exp-year", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

/* @face_prop_id counts from the owner's first face property. Returns
 * %FALSE when it is not one of the face's. */
gboolean
cp_card_face_get_property (const CpCardFace *face,
                           guint             face_prop_id,
                           GValue           *value)
{
  switch (face_prop_id)
    {
    case FACE_PROP_BRAND:
      g_value_set_enum (value, face->brand);
      return TRUE;

    case FACE_PROP_LAST4:
      g_value_set_string (value, face->last4);
      return TRUE;

    case FACE_PROP_EXP_MONTH:
      g_value_set_uint (value, face->exp_month);
      return TRUE;

    case FACE_PROP_EXP_YEAR:
      g_value_set_uint (value, face->exp_year);
      return TRUE;

    default:
      return FALSE;
    }
}
