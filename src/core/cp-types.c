/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-types.h"

static const struct
{
  CpCardBrand brand;
  const char *code;
  const char *name;
} brands[] = {
  { CP_CARD_BRAND_VISA, "visa", N_("Visa") },
  { CP_CARD_BRAND_MASTERCARD, "mastercard", N_("Mastercard") },
  { CP_CARD_BRAND_AMEX, "amex", N_("American Express") },
  { CP_CARD_BRAND_DISCOVER, "discover", N_("Discover") },
  { CP_CARD_BRAND_JCB, "jcb", N_("JCB") },
  { CP_CARD_BRAND_DINERS, "diners", N_("Diners Club") },
  { CP_CARD_BRAND_UNIONPAY, "unionpay", N_("UnionPay") },
};

/**
 * cp_card_brand_to_string:
 * @brand: a #CpCardBrand
 *
 * Returns: the API's name for @brand ("visa", …), or "unknown"
 */
const char *
cp_card_brand_to_string (CpCardBrand brand)
{
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (brands[i].brand == brand)
      return brands[i].code;
  return "unknown";
}

/**
 * cp_card_brand_from_string:
 * @text: (nullable): the API's name of a brand
 *
 * Returns: the brand, or %CP_CARD_BRAND_UNKNOWN
 */
CpCardBrand
cp_card_brand_from_string (const char *text)
{
  if (text == NULL)
    return CP_CARD_BRAND_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (g_ascii_strcasecmp (brands[i].code, text) == 0)
      return brands[i].brand;
  return CP_CARD_BRAND_UNKNOWN;
}

/**
 * cp_card_brand_get_display_name:
 * @brand: a #CpCardBrand
 *
 * Returns: the translated name to show ("Visa", "American Express", "Card")
 */
const char *
cp_card_brand_get_display_name (CpCardBrand brand)
{
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (brands[i].brand == brand)
      return g_dgettext (GETTEXT_PACKAGE, brands[i].name);
  return _("Card");
}
