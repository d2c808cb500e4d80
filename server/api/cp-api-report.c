/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-api-report.h"
#include "cp-api-cards.h"
#include "store/cp-clock.h"
#include "store/cp-store-report.h"

#define MAX_WITHIN_DAYS 3650

static gint64
month_key (GDateTime *date)
{
  return (gint64) g_date_time_get_year (date) * 12 + g_date_time_get_month (date);
}

static void
write_row (JsonBuilder *builder,
           CpStmt      *stmt,
           gpointer     user_data)
{
  cp_api_cards_write_card (builder, stmt, TRUE);
}

static const char *
query_value (CpRequest  *req,
             const char *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

/**
 * cp_api_report_payment_methods:
 *
 * Every active payment method across customers, soonest expiry first, in
 * keyset pages. `status=expired` keeps those past their expiry month;
 * `status=expiring&within_days=N` those that stop working within N days
 * (a card works through the end of its expiry month); `type=card` one
 * payment type. Only the brand, the last four digits and the expiry are
 * ever shown: the vault keeps the number.
 */
void
cp_api_report_payment_methods (CpRequest *req)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (cp_now ());
  const char *status = query_value (req, "status");
  const char *within = query_value (req, "within_days");
  const char *type = query_value (req, "type");
  CpReportFilter filter = { 0, 0, NULL };
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *cursor_key = NULL;
  gint64 cursor_id, after_key = 0;
  guint limit;

  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;
  if (cursor_id != 0)
    {
      if (cursor_key == NULL || !cp_parse_id (cursor_key, &after_key))
        {
          cp_http_invalid (req, "cursor", "The cursor is not valid.");
          return;
        }
    }

  if (status == NULL || strcmp (status, "all") == 0)
    ;
  else if (strcmp (status, "expired") == 0)
    filter.max_key = month_key (now);
  else if (strcmp (status, "expiring") == 0)
    {
      gint64 days = 30;
      g_autoptr(GDateTime) until = NULL;

      if (within != NULL && (!cp_parse_id (within, &days) || days > MAX_WITHIN_DAYS))
        {
          cp_http_invalid (req, "within_days", "Give the number of days, 1 to 3650.");
          return;
        }
      until = g_date_time_add_days (now, (gint) days);
      filter.min_key = month_key (now);
      /* Cards that stop working on or before that day: their expiry month
       * is over by then. */
      filter.max_key = month_key (until);
    }
  else
    {
      cp_http_invalid (req, "status", "The status is “all”, “expired” or “expiring”.");
      return;
    }

  if (type != NULL && strcmp (type, "all") != 0)
    {
      if (strcmp (type, "card") != 0)
        {
          cp_http_invalid (req, "type", "The payment type is “card” or “all”.");
          return;
        }
      filter.type = type;
    }

  stmt = cp_store_report_payment_methods_select (req->env->db, &filter, after_key, cursor_id,
                                                 (int) limit + 1);
  cp_http_answer_page (req, stmt, limit, 15, write_row, NULL);
}
