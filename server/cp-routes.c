/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-routes.h"

static gboolean
seg_is (CpRequest  *req,
        guint       i,
        const char *text)
{
  return i < req->n_segments && strcmp (req->segments[i], text) == 0;
}

static gboolean
method_is (CpRequest  *req,
           const char *method)
{
  return strcmp (soup_server_message_get_method (req->msg), method) == 0;
}

/**
 * cp_route_authenticate:
 *
 * Checks the `Authorization: Bearer` access token and fills in req->user.
 * Answers 401 (`unauthorized`, or `token_expired` for a token that was valid)
 * and returns %FALSE otherwise.
 */
gboolean
cp_route_authenticate (CpRequest *req)
{
  CpServer *server = req->server;
  const char *header;
  guchar hash[32];
  g_autoptr(CpStmt) stmt = NULL;
  const void *stored;

  if (req->authenticated)
    return TRUE;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Sign in to continue.");
      return FALSE;
    }

  cp_auth_hash_token (header + 7, hash);
  stmt = cp_db_prepare (server->db,
                        "SELECT t.hash, t.expires_at, s.revoked_at, s.id, u.id, u.role,"
                        " COALESCE (u.customer_id, 0), u.name, u.email"
                        " FROM access_tokens t JOIN sessions s ON s.id = t.session_id"
                        " JOIN users u ON u.id = s.user_id WHERE t.hash = ?");
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (cp_db_step (server->db, stmt) != SQLITE_ROW
      || sqlite3_column_bytes (stmt, 0) != sizeof hash
      || (stored = sqlite3_column_blob (stmt, 0)) == NULL
      || sodium_memcmp (stored, hash, sizeof hash) != 0
      || sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "Your session has ended. Sign in again.");
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 1) <= cp_now ())
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "token_expired", NULL,
                     "The access token has expired.");
      return FALSE;
    }

  req->user.session_id = sqlite3_column_int64 (stmt, 3);
  req->user.id = sqlite3_column_int64 (stmt, 4);
  req->user.role = g_strdup (cp_stmt_text (stmt, 5));
  req->user.customer_id = sqlite3_column_int64 (stmt, 6);
  req->user.name = g_strdup (cp_stmt_text (stmt, 7));
  req->user.email = g_strdup (cp_stmt_text (stmt, 8));
  req->authenticated = TRUE;
  return TRUE;
}

static gboolean
is_staff (CpRequest *req)
{
  return g_strcmp0 (req->user.role, "staff") == 0 || g_strcmp0 (req->user.role, "admin") == 0;
}

gboolean
cp_route_require_staff (CpRequest *req)
{
  if (is_staff (req))
    return TRUE;
  cp_http_error (req, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                 "Only office staff can do this.");
  return FALSE;
}

gboolean
cp_route_require_admin (CpRequest *req)
{
  if (g_strcmp0 (req->user.role, "admin") == 0)
    return TRUE;
  cp_http_error (req, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                 "Only an administrator can do this.");
  return FALSE;
}

/* The channel of a change: customers act through the portal, staff through
 * the office. */
const char *
cp_route_channel (CpRequest *req)
{
  return is_staff (req) ? "office" : "portal";
}

/**
 * cp_route_customer:
 *
 * Resolves the `{id}` of a customer path. A customer may reach only their
 * own record; anything else answers 404, as if it did not exist.
 */
gboolean
cp_route_customer (CpRequest  *req,
                   const char *segment,
                   gint64     *customer_id)
{
  g_autoptr(CpStmt) stmt = NULL;
  gint64 id = 0;

  if (!cp_parse_id (segment, &id)
      || (!is_staff (req) && id != req->user.customer_id))
    {
      cp_http_not_found (req);
      return FALSE;
    }

  stmt = cp_db_prepare (req->server->db, "SELECT 1 FROM customers WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (cp_db_step (req->server->db, stmt) != SQLITE_ROW)
    {
      cp_http_not_found (req);
      return FALSE;
    }

  *customer_id = id;
  return TRUE;
}

gboolean
cp_route_require_online_payments (CpRequest *req)
{
  if (cp_online_payments_enabled (req->server))
    return TRUE;
  cp_http_error (req, SOUP_STATUS_FORBIDDEN, "online_payments_disabled", NULL,
                 "Online payments are turned off.");
  return FALSE;
}

void
cp_route_set_user_me (CpRequest   *req,
                      JsonBuilder *builder,
                      gint64       user_id)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (req->server->db,
                                          "SELECT id, email, name, role, customer_id"
                                          " FROM users WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, user_id);
  json_builder_begin_object (builder);
  if (cp_db_step (req->server->db, stmt) == SQLITE_ROW)
    {
      cp_json_add_id (builder, "id", sqlite3_column_int64 (stmt, 0));
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, cp_stmt_text (stmt, 1));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, cp_stmt_text (stmt, 2));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, cp_stmt_text (stmt, 3));
      cp_json_add_id (builder, "customer_id", sqlite3_column_int64 (stmt, 4));
    }
  json_builder_end_object (builder);
}

void
cp_route_me (CpRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  cp_route_set_user_me (req, builder, req->user.id);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

void
cp_route_config (CpRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *company = cp_setting_dup (req->server, "company_name");
  g_autofree char *currency = cp_setting_dup (req->server, "currency");
  g_autofree char *vault_url = g_strconcat (req->server->base_url, "/vault", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "company_name");
  json_builder_add_string_value (builder, company ? company : "");
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, currency ? currency : "USD");
  json_builder_set_member_name (builder, "online_payments_enabled");
  json_builder_add_boolean_value (builder, cp_online_payments_enabled (req->server));
  json_builder_set_member_name (builder, "vault_url");
  json_builder_add_string_value (builder, vault_url);
  json_builder_set_member_name (builder, "vault_key");
  json_builder_add_string_value (builder, cp_vault_get_key (req->server->vault));
  json_builder_set_member_name (builder, "password_min_length");
  json_builder_add_int_value (builder, CP_PASSWORD_MIN_LENGTH);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/* Routes under /customers/{id}. */
static void
dispatch_customer (CpRequest *req)
{
  gint64 customer_id = 0;

  if (!cp_route_customer (req, req->segments[1], &customer_id))
    return;

  if (req->n_segments == 2 && method_is (req, "GET"))
    cp_customers_get (req, customer_id);
  else if (req->n_segments == 3 && seg_is (req, 2, "service-history") && method_is (req, "GET"))
    cp_customers_history (req, customer_id);
  else if (req->n_segments == 3 && seg_is (req, 2, "invoices") && method_is (req, "GET"))
    cp_customers_invoices (req, customer_id);
  else if (req->n_segments == 3 && seg_is (req, 2, "payment-methods") && method_is (req, "GET"))
    cp_cards_list (req, customer_id);
  else if (req->n_segments == 3 && seg_is (req, 2, "payment-methods") && method_is (req, "POST"))
    cp_cards_add (req, customer_id);
  else if (req->n_segments == 4 && seg_is (req, 2, "payment-methods") && seg_is (req, 3, "history")
           && method_is (req, "GET"))
    cp_cards_history (req, customer_id);
  else if (req->n_segments == 4 && seg_is (req, 2, "payment-methods") && method_is (req, "PATCH"))
    cp_cards_update (req, customer_id, req->segments[3]);
  else if (req->n_segments == 4 && seg_is (req, 2, "payment-methods") && method_is (req, "DELETE"))
    cp_cards_delete (req, customer_id, req->segments[3]);
  else if (req->n_segments == 3 && seg_is (req, 2, "payments") && method_is (req, "POST"))
    cp_payments_create (req, customer_id);
  else if (req->n_segments == 3 && seg_is (req, 2, "payments") && method_is (req, "GET"))
    cp_payments_list (req, customer_id);
  else
    cp_http_not_found (req);
}

static gboolean
body_too_large (CpRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);

  if (body->length <= CP_BODY_MAX)
    return FALSE;
  cp_http_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid_request", NULL,
                 "The request body is too large.");
  return TRUE;
}

static void
dispatch (CpRequest *req)
{
  gboolean has_body = method_is (req, "POST") || method_is (req, "PUT")
                      || method_is (req, "PATCH");

  if (body_too_large (req))
    return;

  /* Routes without a session. */
  if (req->n_segments == 1 && seg_is (req, 0, "config") && method_is (req, "GET"))
    {
      cp_route_config (req);
      return;
    }
  if (seg_is (req, 0, "auth") && method_is (req, "POST"))
    {
      if (!cp_request_parse_json (req))
        return;
      if (req->n_segments == 2 && seg_is (req, 1, "login"))
        cp_auth_login (req);
      else if (req->n_segments == 2 && seg_is (req, 1, "refresh"))
        cp_auth_refresh (req);
      else if (req->n_segments == 2 && seg_is (req, 1, "logout"))
        cp_auth_logout (req);
      else if (req->n_segments == 2 && seg_is (req, 1, "invitations"))
        cp_auth_invitation (req);
      else if (req->n_segments == 2 && seg_is (req, 1, "verify"))
        cp_auth_verify (req);
      else if (req->n_segments == 2 && seg_is (req, 1, "password-reset"))
        cp_auth_reset (req);
      else if (req->n_segments == 3 && seg_is (req, 1, "password-reset") && seg_is (req, 2, "confirm"))
        cp_auth_reset_confirm (req);
      else
        cp_http_not_found (req);
      return;
    }

  /* Everything else needs an access token, checked before the body is read. */
  if (!(seg_is (req, 0, "me") || seg_is (req, 0, "customers") || seg_is (req, 0, "settings")))
    {
      cp_http_not_found (req);
      return;
    }
  if (!cp_route_authenticate (req))
    return;
  if (has_body && !cp_request_parse_json (req))
    return;

  if (req->n_segments == 1 && seg_is (req, 0, "me") && method_is (req, "GET"))
    cp_route_me (req);
  else if (req->n_segments == 1 && seg_is (req, 0, "customers") && method_is (req, "GET"))
    {
      if (cp_route_require_staff (req))
        cp_customers_list (req);
    }
  else if (req->n_segments == 1 && seg_is (req, 0, "customers") && method_is (req, "POST"))
    {
      if (cp_route_require_staff (req))
        cp_customers_create (req);
    }
  else if (req->n_segments >= 2 && seg_is (req, 0, "customers"))
    dispatch_customer (req);
  else if (req->n_segments == 2 && seg_is (req, 0, "settings")
           && seg_is (req, 1, "online-payments")
           && (method_is (req, "GET") || method_is (req, "PUT")))
    cp_settings_online_payments (req);
  else
    cp_http_not_found (req);
}

static void
api_cb (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  CpRequest *req = cp_request_new (user_data, msg, path, query);

  dispatch (req);
  if (!req->async)
    cp_request_free (req);
}

static void
vault_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  CpRequest *req = cp_request_new (user_data, msg, path, query);

  if (body_too_large (req))
    ;
  else if (g_strcmp0 (path, "/vault/v1/tokens") == 0
           && strcmp (soup_server_message_get_method (msg), "POST") == 0)
    cp_vault_route_tokens (req);
  else
    cp_http_not_found (req);
  cp_request_free (req);
}

static void
fallback_cb (SoupServer        *soup,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  CpRequest *req = cp_request_new (user_data, msg, path, query);

  cp_http_not_found (req);
  cp_request_free (req);
}

void
cp_server_register_routes (CpServer *server)
{
  soup_server_add_handler (server->soup, "/api/v1", api_cb, server, NULL);
  soup_server_add_handler (server->soup, "/vault", vault_cb, server, NULL);
  soup_server_add_handler (server->soup, NULL, fallback_cb, server, NULL);
}
