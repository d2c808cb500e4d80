/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-api.h"
#include "cp-api-account.h"
#include "cp-api-auth.h"
#include "cp-api-autopay.h"
#include "cp-api-cards.h"
#include "cp-api-customers.h"
#include "cp-api-payments.h"
#include "cp-api-report.h"
#include "cp-api-sessions.h"
#include "store/cp-store-customers.h"

/*
 * The router. Every route is one row of a table below. When a request's
 * headers are in (the early handler), the router answers 413 for a declared
 * body over the cap, finds the request's row and checks who is asking: the
 * session (from USER up), the role, and the {customer} of the path (a
 * customer may reach only their own; anything else is 404, as if it did not
 * exist). Only once the body is read does the row's handler run, with the
 * JSON body parsed. A handler parses its input, calls the store and writes
 * JSON. A new route is a row here plus a handler in its resource's file.
 */

typedef enum
{
  PUBLIC,
  USER,                    /* any session */
  STAFF,
  ADMIN,
} Access;

typedef enum
{
  ROUTE_SECRET_BODY = 1 << 0,  /* the body carries card digits: wipe it after */
} RouteFlags;

typedef struct
{
  const char *method;
  const char *path;        /* below the area's prefix; {customer} and {pm} match a segment */
  Access access;
  CpApiHandler handler;
  RouteFlags flags;
} Route;

typedef struct
{
  const char *prefix;
  const Route *routes;
  guint n_routes;
} Area;

static const Route api_routes[] = {
  { "GET",    "config",                                       PUBLIC, cp_api_config },
  { "POST",   "auth/login",                                   PUBLIC, cp_api_auth_login },
  { "POST",   "auth/refresh",                                 PUBLIC, cp_api_auth_refresh },
  { "POST",   "auth/logout",                                  PUBLIC, cp_api_auth_logout },
  { "POST",   "auth/invitations",                             PUBLIC, cp_api_auth_invitation },
  { "POST",   "auth/verify",                                  PUBLIC, cp_api_auth_verify },
  { "POST",   "auth/password-reset",                          PUBLIC, cp_api_auth_reset },
  { "POST",   "auth/password-reset/confirm",                  PUBLIC, cp_api_auth_reset_confirm },
  { "GET",    "me",                                           USER,   cp_api_me },
  { "GET",    "me/sessions",                                  USER,   cp_api_sessions_list },
  { "POST",   "me/sessions/revoke-others",                    USER,   cp_api_sessions_revoke_others },
  { "DELETE", "me/sessions/{pm}",                             USER,   cp_api_sessions_revoke },
  { "GET",    "customers",                                    STAFF,  cp_api_customers_list },
  { "POST",   "customers",                                    STAFF,  cp_api_customers_create },
  { "GET",    "customers/{customer}",                         USER,   cp_api_customers_get },
  { "GET",    "customers/{customer}/service-history",         USER,   cp_api_customers_history },
  { "GET",    "customers/{customer}/invoices",                USER,   cp_api_customers_invoices },
  { "GET",    "customers/{customer}/payment-methods",         USER,   cp_api_cards_list },
  { "POST",   "customers/{customer}/payment-methods",         USER,   cp_api_cards_add },
  { "GET",    "customers/{customer}/payment-methods/history", USER,   cp_api_cards_history },
  { "PATCH",  "customers/{customer}/payment-methods/{pm}",    USER,   cp_api_cards_update },
  { "DELETE", "customers/{customer}/payment-methods/{pm}",    USER,   cp_api_cards_delete },
  { "POST",   "customers/{customer}/payments",                USER,   cp_api_payments_create },
  { "GET",    "customers/{customer}/payments",                USER,   cp_api_payments_list },
  { "GET",    "customers/{customer}/autopay",                 USER,   cp_api_autopay_get },
  { "PUT",    "customers/{customer}/autopay",                 USER,   cp_api_autopay_put },
  { "GET",    "payment-methods",                              STAFF,  cp_api_report_payment_methods },
  { "GET",    "customers/{customer}/payments/{pm}",           USER,   cp_api_payments_get },
  { "GET",    "settings/online-payments",                     USER,   cp_api_online_payments_get },
  { "PUT",    "settings/online-payments",                     ADMIN,  cp_api_online_payments_put },
};

static const Area areas[] = {
  { "/api/v1", api_routes, G_N_ELEMENTS (api_routes) },
  { NULL, NULL, 0 },       /* everything else: 404 */
};

typedef struct
{
  CpApiEnv *env;
  const Area *area;
} Registration;

/* Whether @route's path matches the request's; with @bind, takes the
 * path's {pm} and hands back its {customer} segment. Walks the route's
 * path in place: this runs for every route tried on every request. */
static gboolean
path_matches (const Route  *route,
              CpRequest    *req,
              gboolean      bind,
              const char  **customer)
{
  const char *part = route->path;
  guint i = 0;

  for (;; i++)
    {
      const char *slash = strchr (part, '/');
      gsize len = slash != NULL ? (gsize) (slash - part) : strlen (part);

      if (i >= req->n_segments)
        return FALSE;
      if (part[0] != '{')
        {
          if (strncmp (part, req->segments[i], len) != 0 || req->segments[i][len] != '\0')
            return FALSE;
        }
      else if (req->segments[i][0] == '\0')
        return FALSE;
      else if (bind && strncmp (part, "{customer}", len) == 0)
        *customer = req->segments[i];
      else if (bind && strncmp (part, "{pm}", len) == 0)
        {
          g_free (req->pm);
          req->pm = g_strdup (req->segments[i]);
        }
      if (slash == NULL)
        break;
      part = slash + 1;
    }
  return i + 1 == req->n_segments;
}

static const Route *
find_route (const Area  *area,
            CpRequest   *req,
            const char **customer)
{
  const char *method = soup_server_message_get_method (req->msg);

  for (guint i = 0; i < area->n_routes; i++)
    if (strcmp (area->routes[i].method, method) == 0
        && path_matches (&area->routes[i], req, FALSE, NULL))
      {
        path_matches (&area->routes[i], req, TRUE, customer);
        return &area->routes[i];
      }
  return NULL;
}

/* Whether the routes under the request's first segment need a session: there,
 * a path that is not found is only said to be so to someone signed in. */
static gboolean
area_needs_session (const Area *area,
                    CpRequest  *req)
{
  gsize len;

  if (req->n_segments == 0)
    return FALSE;
  len = strlen (req->segments[0]);
  for (guint i = 0; i < area->n_routes; i++)
    if (area->routes[i].access >= USER
        && strncmp (area->routes[i].path, req->segments[0], len) == 0
        && (area->routes[i].path[len] == '\0' || area->routes[i].path[len] == '/'))
      return TRUE;
  return FALSE;
}

static gboolean
check_access (CpRequest    *req,
              const Route  *route)
{
  switch (route->access)
    {
    case PUBLIC:
      return TRUE;
    case USER:
      return cp_api_auth_authenticate (req);
    case STAFF:
      if (!cp_api_auth_authenticate (req))
        return FALSE;
      if (cp_request_is_staff (req))
        return TRUE;
      cp_http_error (req, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                     "Only office staff can do this.");
      return FALSE;
    case ADMIN:
      if (!cp_api_auth_authenticate (req))
        return FALSE;
      if (g_strcmp0 (req->user.role, "admin") == 0)
        return TRUE;
      cp_http_error (req, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                     "Only an administrator can do this.");
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

/* Resolves the {customer} of a path for the signed-in user. */
static gboolean
check_customer (CpRequest  *req,
                const char *segment)
{
  gint64 id = 0;

  /* A customer's own record exists: users.customer_id references it and
   * customers are never deleted. Only staff's ids are looked up. */
  if (!cp_parse_id (segment, &id)
      || (!cp_request_is_staff (req) && id != req->user.customer_id)
      || (cp_request_is_staff (req) && !cp_store_customer_exists (req->env->db, id)))
    {
      cp_http_not_found (req);
      return FALSE;
    }
  req->customer_id = id;
  return TRUE;
}

/* A body a little over the cap is read to its end and dropped, so that a
 * client that writes all of it before reading still gets its 413; one
 * further over is not read at all: the connection is closed at once. */
#define BODY_DRAIN_MAX (1024 * 1024)

static goffset
declared_body_length (CpRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return 0;
  return soup_message_headers_get_content_length (headers);
}

/* Answers 413 once the body has been read (and not kept). */
static void
drain_too_large (SoupServerMessage *msg)
{
  g_autofree char *body = cp_http_error_json ("invalid_request", NULL,
                                              "The request body is too large.");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_headers_replace (headers, "Connection", "close");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
too_large (CpRequest *req)
{
  cp_http_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid_request", NULL,
                 "The request body is too large.");
}

/* Framing a server and a proxy in front of it could read differently is
 * refused (RFC 9112 §6.1, §6.3): Transfer-Encoding together with
 * Content-Length, any Transfer-Encoding but chunked alone, or more than
 * one Content-Length. A coding libsoup does not know at all it answers
 * itself, before any handler, with 501 and a closed connection (RFC 9112
 * §6.1). */
static gboolean
framing_ambiguous (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_list (headers, "Transfer-Encoding");
  const char *length = soup_message_headers_get_list (headers, "Content-Length");

  /* Two Content-Length headers (libsoup would take one of them). */
  if (length != NULL && strchr (length, ',') != NULL)
    return TRUE;
  if (encoding == NULL)
    return FALSE;
  return length != NULL || g_ascii_strcasecmp (encoding, "chunked") != 0;
}

/* A chunked body has no length to refuse on: it is counted as it comes,
 * and the connection closed at the cap. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  gsize *received = g_object_get_data (G_OBJECT (msg), "cp-received");

  *received += g_bytes_get_size (chunk);
  if (*received > BODY_DRAIN_MAX)
    {
      g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
      cp_http_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                      "The request body is too large.");
    }
  else if (*received > CP_BODY_MAX && soup_server_message_get_status (msg) == 0)
    drain_too_large (msg);
}

static void
early_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Registration *registration = user_data;
  const Area *area = registration->area;
  CpRequest *req = cp_request_new (registration->env, msg, area->prefix ? area->prefix : "",
                                   path, query);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const Route *route;
  const char *customer = NULL;

  g_object_set_data_full (G_OBJECT (msg), "cp-request", req, (GDestroyNotify) cp_request_free);

  if (framing_ambiguous (msg))
    {
      cp_http_refuse (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                      "The request's length is ambiguous.");
      return;
    }
  /* A declared Content-Length over the cap is refused as soon as the
   * headers are in; a chunked body is counted as it comes. */
  if (declared_body_length (req) > BODY_DRAIN_MAX)
    {
      cp_http_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                      "The request body is too large.");
      return;
    }
  if (declared_body_length (req) > CP_BODY_MAX)
    {
      drain_too_large (msg);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    {
      g_object_set_data_full (G_OBJECT (msg), "cp-received", g_new0 (gsize, 1), g_free);
      g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
    }
  /* The form decoder would cut a value at an escaped NUL. */
  if (raw_query != NULL && strstr (raw_query, "%00") != NULL)
    {
      cp_http_invalid (req, NULL, "The query must not hold NUL characters.");
      return;
    }
  if (area->prefix == NULL)
    return;

  route = find_route (area, req, &customer);
  if (route == NULL)
    {
      if (!area_needs_session (area, req) || cp_api_auth_authenticate (req))
        cp_http_not_found (req);
      return;
    }
  req->wipe_body = (route->flags & ROUTE_SECRET_BODY) != 0;
  if (!check_access (req, route)
      || (customer != NULL && !check_customer (req, customer)))
    return;
  g_object_set_data (G_OBJECT (msg), "cp-route", (gpointer) route);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Registration *registration = user_data;
  CpRequest *req = g_object_get_data (G_OBJECT (msg), "cp-request");
  const Route *route = g_object_get_data (G_OBJECT (msg), "cp-route");
  const char *method = soup_server_message_get_method (msg);

  /* libsoup runs the early handler first for every message that gets here;
   * should it not have, the request is still answered (404, no route). */
  if (req == NULL)
    {
      req = cp_request_new (registration->env, msg, "", path, query);
      g_object_set_data_full (G_OBJECT (msg), "cp-request", req,
                              (GDestroyNotify) cp_request_free);
    }
  if (soup_server_message_get_request_body (msg)->length > CP_BODY_MAX)
    {
      too_large (req);
      return;
    }
  if (route == NULL)
    {
      cp_http_not_found (req);
      return;
    }
  if ((strcmp (method, "POST") == 0 || strcmp (method, "PUT") == 0
       || strcmp (method, "PATCH") == 0)
      && !cp_request_parse_json (req))
    return;
  route->handler (req);
}

void
cp_api_register (SoupServer *soup,
                 CpApiEnv   *env)
{
  cp_api_auth_init ();
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      Registration *registration = g_new0 (Registration, 1);

      registration->env = env;
      registration->area = &areas[i];
      soup_server_add_early_handler (soup, areas[i].prefix, early_cb, registration, g_free);
      soup_server_add_handler (soup, areas[i].prefix, handler_cb, registration, NULL);
    }
}
