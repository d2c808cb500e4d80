/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-api-customers.h"
#include "cp-api-autopay.h"
#include "cp-json-writer.h"
#include "store/cp-clock.h"
#include "store/cp-store.h"
#include "store/cp-store-customers.h"

/* Columns: id, name, email, phone, address, balance. */
static void
add_customer (JsonBuilder *builder,
              CpStmt      *stmt,
              const char  *currency)
{
  json_builder_begin_object (builder);
  cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_add_string (builder, "name", cp_stmt_text (stmt, 1));
  cp_json_add_string_or_null (builder, "email", cp_stmt_text (stmt, 2));
  cp_json_add_string (builder, "phone", cp_stmt_text (stmt, 3));
  cp_json_add_string (builder, "address", cp_stmt_text (stmt, 4));
  cp_json_add_money (builder, "balance", sqlite3_column_int64 (stmt, 5), currency);
}

static void
write_customer_row (CpJsonWriter *writer,
                    CpStmt       *stmt,
                    gpointer      currency)
{
  cp_json_writer_begin_object (writer);
  cp_json_writer_add_id (writer, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_writer_add_string (writer, "name", cp_stmt_text (stmt, 1));
  cp_json_writer_add_string_or_null (writer, "email", cp_stmt_text (stmt, 2));
  cp_json_writer_add_string (writer, "phone", cp_stmt_text (stmt, 3));
  cp_json_writer_add_string (writer, "address", cp_stmt_text (stmt, 4));
  cp_json_writer_add_money (writer, "balance", sqlite3_column_int64 (stmt, 5), currency);
  cp_json_writer_end_object (writer);
}

/* Staff search: by name, email or phone, ordered by name, keyset-paged. */
void
cp_api_customers_list (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *cursor_key = NULL;
  g_autofree char *search = NULL;
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  const char *query = req->query ? g_hash_table_lookup (req->query, "query") : NULL;
  gint64 cursor_id;
  guint limit;

  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;
  if (query != NULL && strlen (query) > 200)
    {
      cp_http_invalid (req, "query", "The search is too long.");
      return;
    }

  search = g_strstrip (g_strdup (query ? query : ""));
  stmt = cp_store_customers_search (env->db, search, cursor_key, cursor_id, (int) limit + 1);
  cp_json_answer_page (req, stmt, limit, 1, write_customer_row, currency);
}

static void
answer_customer (CpRequest *req,
                 gint64     customer_id,
                 guint      status)
{
  CpApiEnv *env = req->env;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  g_autoptr(CpStmt) stmt = cp_store_customer_select (env->db, customer_id);

  if (cp_db_step (env->db, stmt) != SQLITE_ROW)
    {
      cp_http_not_found (req);
      return;
    }
  add_customer (builder, stmt, currency);
  cp_json_add_string (builder, "portal_account",
                      cp_store_customer_portal_account (env->db, customer_id));
  cp_api_autopay_write_summary (builder, env->db, customer_id);
  json_builder_end_object (builder);
  cp_http_json_builder (req, status, builder);
}

void
cp_api_customers_get (CpRequest *req)
{
  answer_customer (req, req->customer_id, SOUP_STATUS_OK);
}

static gboolean
get_text_field (CpRequest   *req,
                const char  *name,
                gboolean     required,
                glong        max_length,
                char       **out)
{
  const char *value;

  if (!cp_request_get_string (req, name, required, &value))
    return FALSE;
  *out = g_strstrip (g_strdup (value ? value : ""));
  if (required && **out == '\0')
    {
      g_autofree char *message = g_strdup_printf ("“%s” is required.", name);

      cp_http_invalid (req, name, message);
      return FALSE;
    }
  if (g_utf8_strlen (*out, -1) > max_length)
    {
      g_autofree char *message = g_strdup_printf ("“%s” is too long.", name);

      cp_http_invalid (req, name, message);
      return FALSE;
    }
  for (const char *p = *out; *p; p++)
    if (g_ascii_iscntrl (*p) && *p != '\n')
      {
        g_autofree char *message = g_strdup_printf ("“%s” has characters that are not allowed.",
                                                    name);

        cp_http_invalid (req, name, message);
        return FALSE;
      }
  return TRUE;
}

/* "Call Booking": staff add a customer, who can then ask for an invitation. */
void
cp_api_customers_create (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  gint64 id = 0;
  int rc;

  if (!get_text_field (req, "name", TRUE, 200, &name)
      || !get_text_field (req, "email", FALSE, 254, &email)
      || !get_text_field (req, "phone", FALSE, 40, &phone)
      || !get_text_field (req, "address", FALSE, 500, &address))
    return;

  if (*email != '\0')
    {
      const char *at = strchr (email, '@');
      char *lower = g_ascii_strdown (email, -1);

      g_free (email);
      email = lower;
      if (at == NULL || strchr (email, '@') == email || strchr (email, '@')[1] == '\0'
          || strchr (email, ' ') != NULL || strchr (email, '\n') != NULL
          || strchr (strchr (email, '@') + 1, '@') != NULL)
        {
          cp_http_invalid (req, "email", "Enter a valid email address.");
          return;
        }
    }
  if (strchr (name, '\n') != NULL)
    {
      cp_http_invalid (req, "name", "The name must be one line.");
      return;
    }

  rc = cp_store_customer_add (env->db, name, *email ? email : NULL, phone, address, cp_now (),
                              &id);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      cp_http_error (req, SOUP_STATUS_CONFLICT, "conflict", "email",
                     "A customer with this email already exists.");
      return;
    }
  if (rc != SQLITE_DONE)
    {
      cp_http_internal (req);
      return;
    }

  g_message ("Customer %" G_GINT64_FORMAT " booked by user %" G_GINT64_FORMAT, id, req->user.id);
  answer_customer (req, id, SOUP_STATUS_CREATED);
}

static void
write_visit_row (CpJsonWriter *writer,
                 CpStmt       *stmt,
                 gpointer      user_data)
{
  cp_json_writer_begin_object (writer);
  cp_json_writer_add_id (writer, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_writer_add_string (writer, "date", cp_stmt_text (stmt, 1));
  cp_json_writer_add_string (writer, "job_number", cp_stmt_text (stmt, 2));
  cp_json_writer_add_string (writer, "job_type", cp_stmt_text (stmt, 3));
  cp_json_writer_add_string (writer, "summary", cp_stmt_text (stmt, 4));
  cp_json_writer_add_string (writer, "technician", cp_stmt_text (stmt, 5));
  cp_json_writer_add_string (writer, "status", cp_stmt_text (stmt, 6));
  cp_json_writer_add_id (writer, "invoice_id", sqlite3_column_int64 (stmt, 7));
  cp_json_writer_end_object (writer);
}

/* Newest first, keyset-paged on (date, id) so any page costs the same. */
void
cp_api_customers_history (CpRequest *req)
{
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *cursor_key = NULL;
  gint64 cursor_id;
  guint limit;

  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;

  stmt = cp_store_visits_select (req->env->db, req->customer_id, cursor_key, cursor_id,
                                 (int) limit + 1);
  cp_json_answer_page (req, stmt, limit, 1, write_visit_row, NULL);
}

static void
write_invoice_row (CpJsonWriter *writer,
                   CpStmt       *stmt,
                   gpointer      currency)
{
  gint64 balance = sqlite3_column_int64 (stmt, 5);

  cp_json_writer_begin_object (writer);
  cp_json_writer_add_id (writer, "id", sqlite3_column_int64 (stmt, 0));
  cp_json_writer_add_string (writer, "number", cp_stmt_text (stmt, 1));
  cp_json_writer_add_string (writer, "issued_on", cp_stmt_text (stmt, 2));
  cp_json_writer_add_string (writer, "due_on", cp_stmt_text (stmt, 3));
  cp_json_writer_add_money (writer, "total", sqlite3_column_int64 (stmt, 4), currency);
  cp_json_writer_add_money (writer, "balance", balance, currency);
  cp_json_writer_add_string (writer, "status", balance > 0 ? "open" : "paid");
  cp_json_writer_add_string (writer, "summary", cp_stmt_text (stmt, 6));
  /* Held by pending payments: still in the balance, not payable again. */
  cp_json_writer_add_money (writer, "pending", sqlite3_column_int64 (stmt, 7), currency);
  cp_json_writer_end_object (writer);
}

void
cp_api_customers_invoices (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *cursor_key = NULL;
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");
  const char *status = req->query ? g_hash_table_lookup (req->query, "status") : NULL;
  CpStoreInvoiceFilter filter;
  gint64 cursor_id;
  guint limit;

  if (status == NULL || g_str_equal (status, "all"))
    filter = CP_STORE_INVOICES_ALL;
  else if (g_str_equal (status, "open"))
    filter = CP_STORE_INVOICES_OPEN;
  else if (g_str_equal (status, "paid"))
    filter = CP_STORE_INVOICES_PAID;
  else
    {
      cp_http_invalid (req, "status", "“status” must be open, paid or all.");
      return;
    }
  if (!cp_request_get_page (req, &limit, &cursor_key, &cursor_id))
    return;

  stmt = cp_store_invoices_select (env->db, req->customer_id, filter, cursor_key, cursor_id,
                                   (int) limit + 1);
  cp_json_answer_page (req, stmt, limit, 2, write_invoice_row, currency);
}
