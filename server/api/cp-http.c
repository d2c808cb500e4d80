/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-http.h"
#include "cp-http-parse.h"
#include "store/cp-clock.h"
#include "store/cp-store.h"

CpRequest *
cp_request_new (CpApiEnv          *env,
                SoupServerMessage *msg,
                const char        *prefix,
                const char        *path,
                GHashTable        *query)
{
  CpRequest *req = g_new0 (CpRequest, 1);
  const char *rest = path;

  req->env = env;
  req->msg = msg;
  req->query = query ? g_hash_table_ref (query) : NULL;

  if (g_str_has_prefix (rest, prefix))
    rest += strlen (prefix);
  while (*rest == '/')
    rest++;
  req->segments = g_strsplit (rest, "/", -1);
  req->n_segments = g_strv_length (req->segments);
  /* A trailing slash is not a segment. */
  if (req->n_segments > 0 && req->segments[req->n_segments - 1][0] == '\0')
    {
      g_free (req->segments[req->n_segments - 1]);
      req->segments[--req->n_segments] = NULL;
    }

  return req;
}

void
cp_request_free (CpRequest *req)
{
  if (req == NULL)
    return;
  if (req->wipe_body && req->raw_body != NULL)
    {
      gsize size = 0;
      gpointer data = (gpointer) g_bytes_get_data (req->raw_body, &size);

      if (data != NULL)
        sodium_memzero (data, size);
    }
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_strfreev (req->segments);
  g_free (req->pm);
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->raw_body, g_bytes_unref);
  g_free (req->user.role);
  g_free (req->user.name);
  g_free (req->user.email);
  g_free (req);
}

/* While paused, a message counts as in flight: a clean shutdown waits for
 * it. The reference keeps the message, and so the request, alive while a
 * worker thread runs, even if the client goes away. */
void
cp_request_pause (CpRequest *req)
{
  g_object_ref (req->msg);
  soup_server_message_pause (req->msg);
}

void
cp_request_resume (CpRequest *req)
{
  SoupServerMessage *msg = req->msg;

  soup_server_message_unpause (msg);
  /* May free the message and with it @req: nothing may touch @req after. */
  g_object_unref (msg);
}

gboolean
cp_request_is_staff (CpRequest *req)
{
  return g_strcmp0 (req->user.role, "staff") == 0 || g_strcmp0 (req->user.role, "admin") == 0;
}

/* The channel of a change: customers act through the portal, staff through
 * the office. */
const char *
cp_request_channel (CpRequest *req)
{
  return cp_request_is_staff (req) ? "office" : "portal";
}

gboolean
cp_request_require_online_payments (CpRequest *req)
{
  if (cp_store_online_payments_enabled (req->env->db))
    return TRUE;
  cp_http_error (req, SOUP_STATUS_FORBIDDEN, "online_payments_disabled", NULL,
                 "Online payments are turned off.");
  return FALSE;
}

static void
set_common_headers (CpRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

void
cp_http_raw_json (CpRequest  *req,
                  guint       status,
                  const char *json)
{
  set_common_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

void
cp_http_take_json (CpRequest *req,
                   guint      status,
                   char      *json)
{
  set_common_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                    json, strlen (json));
}

void
cp_http_json (CpRequest *req,
              guint      status,
              JsonNode  *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  cp_http_raw_json (req, status, text);
}

void
cp_http_json_builder (CpRequest   *req,
                      guint        status,
                      JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  cp_http_json (req, status, root);
}

/* libsoup 3.2 drops Content-Length from a 204 as it writes the headers (as
 * RFC 9110 asks), and then takes the response for one that ends with the
 * connection: the keep-alive connection would be closed after every 204.
 * A 204 ends at its headers, so once they are written the length is put
 * back where only the keep-alive check reads it. */
static void
no_content_wrote_headers_cb (SoupServerMessage *msg,
                             gpointer           user_data)
{
  soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg), 0);
}

void
cp_http_empty (CpRequest *req,
               guint      status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  set_common_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
  soup_message_headers_set_content_length (headers, 0);
  if (status == SOUP_STATUS_NO_CONTENT
      && g_object_get_data (G_OBJECT (req->msg), "cp-no-content-hook") == NULL)
    {
      g_object_set_data (G_OBJECT (req->msg), "cp-no-content-hook", GINT_TO_POINTER (1));
      g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (no_content_wrote_headers_cb),
                        NULL);
    }
}

/**
 * cp_http_refuse:
 *
 * Answers @status with an error body written straight to the client's
 * socket, then closes the connection without reading any more of the
 * request: for a body over the cap or framing that cannot be trusted,
 * where libsoup would otherwise read (and keep) the body first. Without a
 * socket (a stream handed over by other means), the answer is queued as
 * usual and the rest of the body is read but not kept.
 */
void
cp_http_refuse (SoupServerMessage *msg,
                guint              status,
                const char        *code,
                const char        *message)
{
  g_autofree char *body = cp_http_error_json (code, NULL, message);
  GSocket *socket = cp_http_message_socket (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_headers_replace (headers, "Connection", "close");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
  if (socket != NULL && g_object_get_data (G_OBJECT (msg), "cp-refused") == NULL)
    {
      g_autofree char *wire = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Content-Length: %zu\r\n"
                                               "Connection: close\r\n"
                                               "Cache-Control: no-store\r\n"
                                               "X-Content-Type-Options: nosniff\r\n"
                                               "\r\n%s",
                                               status, soup_status_get_phrase (status),
                                               strlen (body), body);

      g_object_set_data (G_OBJECT (msg), "cp-refused", GINT_TO_POINTER (1));
      /* A fresh answer on a connection whose earlier answers are all out:
       * it fits the socket's buffer, so a non-blocking send takes it whole. */
      g_socket_send_with_blocking (socket, wire, strlen (wire), FALSE, NULL, NULL);
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
}

/**
 * cp_http_message_socket:
 *
 * Returns: (transfer none) (nullable): the socket @msg came in on, from
 *   libsoup or, for connections the server accepted itself, as it tagged
 *   their remote address
 */
GSocket *
cp_http_message_socket (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  GSocketAddress *remote;

  if (socket != NULL)
    return socket;
  remote = soup_server_message_get_remote_address (msg);
  return remote != NULL ? g_object_get_data (G_OBJECT (remote), "cp-socket") : NULL;
}

/* Whether the JSON text escapes a NUL byte (\u0000): json-glib would cut the
 * string there, so that "a@example.com\u0000junk" reads as "a@example.com".
 * Backslashes occur only inside strings; an escaped backslash is skipped. */
static gboolean
json_escapes_nul (const char *data,
                  gsize       size)
{
  for (gsize i = 0; i + 1 < size; i++)
    {
      if (data[i] != '\\')
        continue;
      if (data[i + 1] == 'u' && i + 5 < size && memcmp (data + i + 2, "0000", 4) == 0)
        return TRUE;
      i++;
    }
  return FALSE;
}

char *
cp_http_error_json (const char *code,
                    const char *field,
                    const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "code", code);
  cp_json_add_string (builder, "message", message);
  if (field != NULL)
    {
      cp_json_add_string (builder, "field", field);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
cp_http_error (CpRequest  *req,
               guint       status,
               const char *code,
               const char *field,
               const char *message)
{
  g_autofree char *text = cp_http_error_json (code, field, message);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "WWW-Authenticate", "Bearer realm=\"customer-portal\"");
  cp_http_raw_json (req, status, text);
}

/* A failure because another program holds the database's lock is not the
 * server's fault and passes: 503 with Retry-After, rather than 500. */
void
cp_http_internal (CpRequest *req)
{
  if (req->env->db != NULL && cp_db_take_busy (req->env->db))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", "1");
      cp_http_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", NULL,
                     "The server is busy. Try again in a moment.");
      return;
    }
  cp_http_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", NULL,
                 "Something went wrong on the server.");
}

void
cp_http_not_found (CpRequest *req)
{
  cp_http_error (req, SOUP_STATUS_NOT_FOUND, "not_found", NULL, "Not found.");
}

void
cp_http_invalid (CpRequest  *req,
                 const char *field,
                 const char *message)
{
  cp_http_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request", field, message);
}

/**
 * cp_request_parse_json:
 *
 * Parses the body as a JSON object. An empty body counts as `{}`.
 */
gboolean
cp_request_parse_json (CpRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  if (req->body != NULL)
    return TRUE;

  req->raw_body = soup_message_body_flatten (body);
  data = g_bytes_get_data (req->raw_body, &size);
  if (size == 0)
    {
      req->body = json_node_init_object (json_node_alloc (), json_object_new ());
      return TRUE;
    }
  if (size > CP_BODY_MAX)
    {
      cp_http_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid_request", NULL,
                     "The request body is too large.");
      return FALSE;
    }
  if (json_escapes_nul (data, size))
    {
      cp_http_invalid (req, NULL, "Text in the request must not hold NUL characters.");
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) size, NULL)
      || !json_parser_load_from_data (parser, data, (gssize) size, &error)
      /* Only white space parses, to no root at all. */
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      cp_http_invalid (req, NULL, "The request body must be a JSON object.");
      return FALSE;
    }
  req->body = json_node_ref (json_parser_get_root (parser));
  return TRUE;
}

JsonObject *
cp_request_body_object (CpRequest *req)
{
  g_assert (req->body != NULL);
  return json_node_get_object (req->body);
}

static JsonNode *
get_member (CpRequest  *req,
            const char *name,
            gboolean    required,
            gboolean   *ok)
{
  JsonObject *object;
  JsonNode *node;

  *ok = TRUE;
  if (!cp_request_parse_json (req))
    {
      *ok = FALSE;
      return NULL;
    }
  object = cp_request_body_object (req);
  node = json_object_get_member (object, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *message = g_strdup_printf ("“%s” is required.", name);

          cp_http_invalid (req, name, message);
          *ok = FALSE;
        }
      return NULL;
    }
  return node;
}

static void
wrong_type (CpRequest  *req,
            const char *name,
            const char *type)
{
  g_autofree char *message = g_strdup_printf ("“%s” must be %s.", name, type);

  cp_http_invalid (req, name, message);
}

gboolean
cp_request_get_string (CpRequest   *req,
                       const char  *name,
                       gboolean     required,
                       const char **out)
{
  gboolean ok;
  JsonNode *node = get_member (req, name, required, &ok);

  *out = NULL;
  if (node == NULL)
    return ok;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      wrong_type (req, name, "a string");
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
cp_request_get_int (CpRequest  *req,
                    const char *name,
                    gboolean    required,
                    gint64     *out)
{
  gboolean ok;
  JsonNode *node = get_member (req, name, required, &ok);

  if (node == NULL)
    return ok;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      wrong_type (req, name, "an integer");
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
cp_request_get_bool (CpRequest  *req,
                     const char *name,
                     gboolean    required,
                     gboolean   *out)
{
  gboolean ok;
  JsonNode *node = get_member (req, name, required, &ok);

  if (node == NULL)
    return ok;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      wrong_type (req, name, "true or false");
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
cp_parse_id (const char *text,
             gint64     *out)
{
  guint64 value;

  if (text == NULL || *text == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  value = g_ascii_strtoull (text, NULL, 10);
  if (value == 0 || value > G_MAXINT64)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

char *
cp_cursor_encode (const char *key,
                  gint64      id)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, key ? key : "");
  char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));

  /* base64url without padding, so it needs no escaping in a query. */
  for (char *p = encoded; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return encoded;
}

/**
 * cp_http_answer_page:
 * @stmt: a statement bound to select at most @limit + 1 rows, in the list's
 *   keyset order, with the row id in column 0
 * @key_column: the column holding the rest of the sort key, or -1 when the
 *   list is ordered by id alone
 * @write_row: writes one row
 *
 * Answers `{"items": [...], "next_cursor": ...}` with the first @limit rows;
 * the extra row only tells that there is a next page, whose cursor is the key
 * of the last row sent.
 */
void
cp_http_answer_page (CpRequest     *req,
                     CpStmt        *stmt,
                     guint          limit,
                     int            key_column,
                     CpPageRowFunc  write_row,
                     gpointer       user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *next = NULL;
  g_autofree char *last_key = NULL;
  gint64 last_id = 0;
  guint count = 0;
  int rc;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while ((rc = cp_db_step (req->env->db, stmt)) == SQLITE_ROW)
    {
      if (count == limit)
        {
          next = cp_cursor_encode (last_key != NULL ? last_key : "", last_id);
          break;
        }
      write_row (builder, stmt, user_data);
      if (key_column >= 0)
        {
          g_free (last_key);
          last_key = g_strdup (cp_stmt_text (stmt, key_column));
        }
      last_id = sqlite3_column_int64 (stmt, 0);
      count++;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cp_http_internal (req);
      return;
    }
  json_builder_end_array (builder);
  cp_json_add_string_or_null (builder, "next_cursor", next);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

gboolean
cp_cursor_decode (const char  *cursor,
                  char       **key,
                  gint64      *id)
{
  g_autoptr(GString) text = g_string_new (cursor);
  g_autofree guchar *plain = NULL;
  g_autofree char *plain_str = NULL;
  gsize len = 0;
  const char *colon;
  g_autofree char *id_part = NULL;

  if (text->len == 0 || text->len > 1024)
    return FALSE;
  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (c == '-')
        text->str[i] = '+';
      else if (c == '_')
        text->str[i] = '/';
      else if (!g_ascii_isalnum (c))
        return FALSE;
    }
  while (text->len % 4 != 0)
    g_string_append_c (text, '=');

  plain = g_base64_decode (text->str, &len);
  if (plain == NULL || len == 0)
    return FALSE;
  plain_str = g_strndup ((const char *) plain, len);
  if (strlen (plain_str) != len || !g_utf8_validate (plain_str, -1, NULL))
    return FALSE;
  colon = strchr (plain_str, ':');
  if (colon == NULL)
    return FALSE;
  id_part = g_strndup (plain_str, (gsize) (colon - plain_str));
  if (!cp_parse_id (id_part, id))
    return FALSE;
  *key = g_strdup (colon + 1);
  return TRUE;
}

gboolean
cp_request_get_page (CpRequest  *req,
                     guint      *limit,
                     char      **cursor_key,
                     gint64     *cursor_id)
{
  const char *limit_text = req->query ? g_hash_table_lookup (req->query, "limit") : NULL;
  const char *cursor = req->query ? g_hash_table_lookup (req->query, "cursor") : NULL;

  *limit = 25;
  *cursor_key = NULL;
  *cursor_id = 0;

  if (limit_text != NULL)
    {
      gint64 value = 0;

      if (!cp_parse_id (limit_text, &value) || value < 1 || value > 100)
        {
          cp_http_invalid (req, "limit", "“limit” must be a whole number from 1 to 100.");
          return FALSE;
        }
      *limit = (guint) value;
    }

  if (cursor != NULL && *cursor != '\0' && !cp_cursor_decode (cursor, cursor_key, cursor_id))
    {
      cp_http_invalid (req, "cursor", "The cursor is not valid.");
      return FALSE;
    }

  return TRUE;
}

void
cp_json_add_money (JsonBuilder *builder,
                   const char  *member,
                   gint64       amount,
                   const char  *currency)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  cp_json_add_int (builder, "amount", amount);
  cp_json_add_string (builder, "currency", currency);
  json_builder_end_object (builder);
}

/* Ids are decimal strings on the wire: opaque to clients, exact in any
 * JSON implementation. */
void
cp_json_add_id (JsonBuilder *builder,
                const char  *member,
                gint64       id)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, member);
  if (id <= 0)
    {
      json_builder_add_null_value (builder);
      return;
    }
  text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  json_builder_add_string_value (builder, text);
}

void
cp_json_add_time (JsonBuilder *builder,
                  const char  *member,
                  gint64       unix_seconds)
{
  g_autofree char *text = cp_format_time (unix_seconds);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

void
cp_json_add_string (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
cp_json_add_int (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
cp_json_add_bool (JsonBuilder *builder,
                  const char  *member,
                  gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

void
cp_json_add_string_or_null (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}
