/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cp-card.h"
#include "cp-csv.h"
#include "cp-types.h"

void
cp_csv_append_field (GString    *csv,
                     const char *field,
                     gboolean    first)
{
  gboolean formula, quote;

  if (!first)
    g_string_append_c (csv, ',');
  if (field == NULL || *field == '\0')
    return;

  formula = strchr ("=+-@\t\r", field[0]) != NULL;
  quote = strpbrk (field, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  if (quote)
    g_string_append_c (csv, '"');
}

void
cp_csv_append_record (GString            *csv,
                      const char * const *fields,
                      guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    cp_csv_append_field (csv, fields[i], i == 0);
  g_string_append (csv, "\r\n");
}

static char *
date_text (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : NULL;
}

char *
cp_csv_saved_payment_methods (GListModel *cards)
{
  GString *csv = g_string_new (NULL);
  const char *header[] = {
    /* Translators: the columns of the exported Saved Payment Methods report */
    _("Payment Type"), _("Brand"), _("Last 4"), _("Expiration"), _("Customer"),
    _("Customer ID"), _("Added"), _("Added By"), _("Last Updated"), _("Last Used"),
  };

  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);

  cp_csv_append_record (csv, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);
      g_autofree char *added = date_text (cp_card_get_added_at (card));
      g_autofree char *updated = date_text (cp_card_get_updated_at (card));
      g_autofree char *used = date_text (cp_card_get_last_used_at (card));
      const char *fields[] = {
        _("Credit Card"),
        cp_card_brand_get_display_name (cp_card_get_brand (card)),
        cp_card_get_last4 (card),
        cp_card_get_expiry_text (card),
        cp_card_get_customer_name (card),
        cp_card_get_customer_id (card),
        added,
        cp_card_get_added_by_name (card),
        updated,
        used,
      };

      cp_csv_append_record (csv, fields, G_N_ELEMENTS (fields));
    }
  return g_string_free (csv, FALSE);
}
