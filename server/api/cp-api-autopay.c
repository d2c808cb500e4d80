/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-api-autopay.h"
#include "cp-api-cards.h"
#include "mail/cp-mailer.h"
#include "store/cp-clock.h"
#include "store/cp-store.h"
#include "store/cp-store-autopay.h"
#include "store/cp-store-cards.h"

/*
 * AutoPay (the contract is docs/openapi.yaml and AUTOPAY.md): a customer
 * consents to have each open invoice charged on its due date with one saved
 * payment method; the office may only turn it off. The charges themselves
 * are the scheduler's (cp_api_payments_autopay() in cp-api-payments.c).
 */

#define MAX_EVENTS 20

/* The consent, rendered with the company's name and the method chosen. */
static char *
render_terms (CpDb   *db,
              gint64  pm_id)
{
  g_autofree char *company = cp_store_setting_dup (db, "company_name");
  g_autofree char *method = NULL;

  if (pm_id > 0)
    {
      g_autoptr(CpStmt) stmt = cp_store_card_select (db, pm_id);

      if (cp_db_step (db, stmt) == SQLITE_ROW)
        method = cp_mail_method_label (cp_stmt_text (stmt, 13), cp_stmt_text (stmt, 1),
                                       cp_stmt_text (stmt, 2));
    }
  return g_strdup_printf ("I authorize %s to charge %s for each invoice on its due date, for the"
                          " amount due, until I turn AutoPay off. I can turn it off at any time"
                          " in the app or by calling the office.",
                          company ? company : "the company",
                          method ? method : "my chosen payment method");
}

/* The customer's primary active method, or 0. */
static gint64
primary_method (CpDb   *db,
                gint64  customer_id)
{
  g_autoptr(CpStmt) stmt = cp_store_cards_select (db, customer_id);
  gint64 first = 0;

  while (cp_db_step (db, stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 6) != 0)
        return sqlite3_column_int64 (stmt, 0);
      if (first == 0)
        first = sqlite3_column_int64 (stmt, 0);
    }
  return first;
}

/* {id, type, brand, last4} and, with @with_expiry, exp_month and exp_year. */
static void
add_method (JsonBuilder *builder,
            CpDb        *db,
            const char  *member,
            gint64       pm_id,
            gboolean     with_expiry)
{
  g_autoptr(CpStmt) stmt = cp_store_card_select (db, pm_id);

  json_builder_set_member_name (builder, member);
  if (pm_id <= 0 || cp_db_step (db, stmt) != SQLITE_ROW)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", pm_id);
  cp_json_add_string (builder, "type", cp_stmt_text (stmt, 13));
  cp_json_add_string (builder, "brand", cp_stmt_text (stmt, 1));
  cp_json_add_string (builder, "last4", cp_stmt_text (stmt, 2));
  if (with_expiry)
    {
      cp_json_add_int (builder, "exp_month", sqlite3_column_int (stmt, 3));
      cp_json_add_int (builder, "exp_year", sqlite3_column_int (stmt, 4));
    }
  json_builder_end_object (builder);
}

static void
add_actor (JsonBuilder *builder,
           const char  *role,
           const char  *name)
{
  json_builder_set_member_name (builder, "actor");
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "role", role);
  cp_json_add_string (builder, "name", name);
  json_builder_end_object (builder);
}

static void
add_text_or_null (JsonBuilder *builder,
                  const char  *member,
                  CpStmt      *stmt,
                  int          column)
{
  cp_json_add_string_or_null (builder, member,
                              sqlite3_column_type (stmt, column) == SQLITE_NULL
                              ? NULL : cp_stmt_text (stmt, column));
}

static gboolean
add_events (JsonBuilder *builder,
            CpDb        *db,
            gint64       customer_id,
            const char  *currency)
{
  g_autoptr(CpStmt) stmt = cp_store_autopay_events_select (db, customer_id, MAX_EVENTS);
  int rc;

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((rc = cp_db_step (db, stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      cp_json_add_time (builder, "at", sqlite3_column_int64 (stmt, 0));
      cp_json_add_string (builder, "action", cp_stmt_text (stmt, 1));
      add_actor (builder, cp_stmt_text (stmt, 2), cp_stmt_text (stmt, 3));
      cp_json_add_string (builder, "channel", cp_stmt_text (stmt, 4));
      json_builder_set_member_name (builder, "payment_method");
      if (sqlite3_column_type (stmt, 5) == SQLITE_NULL || sqlite3_column_type (stmt, 7) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 5));
          cp_json_add_string (builder, "type", cp_stmt_text (stmt, 6));
          cp_json_add_string (builder, "brand", cp_stmt_text (stmt, 7));
          cp_json_add_string (builder, "last4", cp_stmt_text (stmt, 8));
          json_builder_end_object (builder);
        }
      add_text_or_null (builder, "invoice_number", stmt, 9);
      if (sqlite3_column_type (stmt, 10) == SQLITE_NULL)
        {
          json_builder_set_member_name (builder, "amount");
          json_builder_add_null_value (builder);
        }
      else
        cp_json_add_money (builder, "amount", sqlite3_column_int64 (stmt, 10), currency);
      add_text_or_null (builder, "consent_version", stmt, 11);
      add_text_or_null (builder, "reason", stmt, 12);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return rc == SQLITE_DONE;
}

/* The whole AutoPay object; the terms rendered with @terms_pm_id, else
 * with the method AutoPay uses, else with the primary one. */
static gboolean
build_autopay (JsonBuilder *builder,
               CpDb        *db,
               gint64       customer_id,
               gint64       terms_pm_id)
{
  g_auto(CpAutopay) autopay = { 0 };
  g_autofree char *currency = cp_store_setting_dup (db, "currency");
  g_autofree char *terms = NULL;

  if (!cp_store_autopay_get (db, customer_id, &autopay))
    return FALSE;
  if (terms_pm_id == 0)
    terms_pm_id = autopay.enabled ? autopay.payment_method_id : primary_method (db, customer_id);
  terms = render_terms (db, terms_pm_id);

  json_builder_begin_object (builder);
  cp_json_add_bool (builder, "enabled", autopay.enabled);
  add_method (builder, db, "payment_method", autopay.enabled ? autopay.payment_method_id : 0,
              TRUE);

  json_builder_set_member_name (builder, "consent");
  if (!autopay.enabled)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      cp_json_add_string (builder, "version", autopay.consent_version);
      cp_json_add_string (builder, "text", autopay.consent_text);
      cp_json_add_time (builder, "accepted_at", autopay.consent_at);
      add_actor (builder, autopay.consent_actor_role, autopay.consent_actor_name);
      cp_json_add_string (builder, "channel", autopay.consent_channel);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "terms");
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "version", CP_AUTOPAY_TERMS_VERSION);
  cp_json_add_string (builder, "text", terms);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "last_failure");
  if (autopay.last_failure_payment_id == 0)
    json_builder_add_null_value (builder);
  else
    {
      g_autoptr(CpStmt) failure = cp_store_autopay_failure_select (db,
                                                                   autopay.last_failure_payment_id);

      if (cp_db_step (db, failure) != SQLITE_ROW)
        return FALSE;
      json_builder_begin_object (builder);
      cp_json_add_id (builder, "invoice_id", sqlite3_column_int64 (failure, 2));
      cp_json_add_string (builder, "invoice_number", cp_stmt_text (failure, 3));
      cp_json_add_id (builder, "payment_id", sqlite3_column_int64 (failure, 0));
      cp_json_add_string (builder, "message", cp_stmt_text (failure, 1));
      cp_json_add_time (builder, "at", autopay.last_failure_at);
      json_builder_end_object (builder);
    }

  if (!add_events (builder, db, customer_id, currency))
    return FALSE;
  json_builder_end_object (builder);
  return TRUE;
}

static void
answer_autopay (CpRequest *req,
                gint64     terms_pm_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!build_autopay (builder, req->env->db, req->customer_id, terms_pm_id))
    {
      cp_http_internal (req);
      return;
    }
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/* An active method of the path's customer, from a string id or a number. */
static gboolean
method_from_node (CpRequest *req,
                  JsonNode  *node,
                  gint64    *pm_id)
{
  gboolean is_primary;

  *pm_id = 0;
  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE)
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        cp_parse_id (json_node_get_string (node), pm_id);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        *pm_id = json_node_get_int (node);
    }
  return *pm_id > 0 && cp_store_card_find (req->env->db, req->customer_id, *pm_id, &is_primary);
}

/* GET: also ?payment_method_id= to read the terms as they would be
 * rendered with another of the customer's methods. */
void
cp_api_autopay_get (CpRequest *req)
{
  const char *pm = req->query ? g_hash_table_lookup (req->query, "payment_method_id") : NULL;
  gint64 pm_id = 0;

  gboolean is_primary;

  if (pm != NULL)
    {
      if (!cp_parse_id (pm, &pm_id)
          || !cp_store_card_find (req->env->db, req->customer_id, pm_id, &is_primary))
        {
          cp_http_invalid (req, "payment_method_id", "The payment method was not found.");
          return;
        }
    }
  answer_autopay (req, pm_id);
}

static void
turn_off (CpRequest *req)
{
  CpDb *db = req->env->db;
  gboolean office = cp_request_is_staff (req);
  CpActor actor = { req->user.role, req->user.name, cp_request_channel (req) };

  if (cp_store_autopay_method (db, req->customer_id) != 0)
    {
      if (!cp_db_begin (db)
          || !cp_store_autopay_disable (db, req->customer_id, cp_now (), &actor,
                                        office ? "office" : "customer")
          || !cp_db_commit (db))
        {
          cp_db_rollback (db);
          cp_http_internal (req);
          return;
        }
      g_message ("AutoPay turned off for customer %" G_GINT64_FORMAT " via %s",
                 req->customer_id, actor.channel);
    }
  answer_autopay (req, 0);
}

/**
 * cp_api_autopay_put:
 *
 * Turns AutoPay on, changes its method (the customer only: the consent is
 * theirs) or turns it off (the customer or the office).
 */
void
cp_api_autopay_put (CpRequest *req)
{
  CpDb *db = req->env->db;
  CpActor actor = { req->user.role, req->user.name, cp_request_channel (req) };
  g_autoptr(CpStmt) card = NULL;
  g_autofree char *text = NULL;
  g_autofree char *today = NULL;
  const char *version = NULL;
  gboolean enabled = FALSE;
  gint64 pm_id, current, now;

  if (!cp_request_require_online_payments (req)
      || !cp_request_get_bool (req, "enabled", TRUE, &enabled))
    return;
  if (!enabled)
    {
      turn_off (req);
      return;
    }

  if (g_strcmp0 (req->user.role, "customer") != 0)
    {
      cp_http_error (req, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                     "Only the customer can turn AutoPay on.");
      return;
    }
  if (!method_from_node (req, json_object_get_member (cp_request_body_object (req),
                                                      "payment_method_id"), &pm_id))
    {
      cp_http_invalid (req, "payment_method_id", "Choose a saved payment method for AutoPay.");
      return;
    }
  card = cp_store_card_select (db, pm_id);
  if (cp_db_step (db, card) != SQLITE_ROW)
    {
      cp_http_internal (req);
      return;
    }
  if (g_strcmp0 (cp_stmt_text (card, 13), "card") == 0
      && cp_api_cards_expired (sqlite3_column_int (card, 3), sqlite3_column_int (card, 4)))
    {
      cp_http_invalid (req, "payment_method_id", "This card has expired.");
      return;
    }
  cp_stmt_release (g_steal_pointer (&card));
  if (!cp_request_get_string (req, "consent_version", TRUE, &version))
    return;
  if (!g_str_equal (version, CP_AUTOPAY_TERMS_VERSION))
    {
      cp_http_error (req, SOUP_STATUS_CONFLICT, "consent_outdated", "consent_version",
                     "The AutoPay terms changed; read them again.");
      return;
    }

  current = cp_store_autopay_method (db, req->customer_id);
  if (current == pm_id)
    {
      /* On with this method already: nothing changes. */
      answer_autopay (req, 0);
      return;
    }

  now = cp_now ();
  today = cp_format_date (now);
  text = render_terms (db, pm_id);
  if (!cp_db_begin (db)
      || !cp_store_autopay_enable (db, req->customer_id, current != 0 ? "method_changed" : "enabled",
                                   pm_id, today, CP_AUTOPAY_TERMS_VERSION, text, now, &actor)
      || !cp_db_commit (db))
    {
      cp_db_rollback (db);
      cp_http_internal (req);
      return;
    }
  g_message ("AutoPay %s for customer %" G_GINT64_FORMAT " with method %" G_GINT64_FORMAT,
             current != 0 ? "changed method" : "turned on", req->customer_id, pm_id);
  answer_autopay (req, 0);
}

void
cp_api_autopay_write_summary (JsonBuilder *builder,
                              CpDb        *db,
                              gint64       customer_id)
{
  gint64 pm_id = cp_store_autopay_method (db, customer_id);

  json_builder_set_member_name (builder, "autopay");
  json_builder_begin_object (builder);
  cp_json_add_bool (builder, "enabled", pm_id != 0);
  add_method (builder, db, "payment_method", pm_id, FALSE);
  json_builder_end_object (builder);
}
