/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <string.h>

#include "cp-server-test.h"

struct _CpCall
{
  SoupMessage *msg;
  GBytes *bytes;
  GError *error;
  gboolean done;
  guint order;
};

static SoupSession *session;
static GString *all_responses;
static guint completed;

static SoupSession *
get_session (void)
{
  if (session == NULL)
    {
      session = soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 16, NULL);
    }
  return session;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CpCall *call = user_data;

  call->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &call->error);
  call->done = TRUE;
  call->order = ++completed;
}

/**
 * cp_call_start:
 * @path: below the API base (e.g. "/me"), or an absolute URL
 * @headers: (nullable): name, value, name, value, …, %NULL
 */
CpCall *
cp_call_start (CpTestServer       *server,
               const char         *method,
               const char         *path,
               const char         *token,
               const char         *body,
               const char * const *headers)
{
  CpCall *call = g_new0 (CpCall, 1);
  g_autofree char *url = g_str_has_prefix (path, "http")
                         ? g_strdup (path)
                         : g_strconcat (cp_test_server_get_api_url (server), path, NULL);
  SoupMessageHeaders *request_headers;

  call->msg = soup_message_new (method, url);
  g_assert_nonnull (call->msg);
  request_headers = soup_message_get_request_headers (call->msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (request_headers, "Authorization", value);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (call->msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (get_session (), call->msg, G_PRIORITY_DEFAULT, NULL,
                                    sent_cb, call);
  return call;
}

gboolean
cp_call_is_done (CpCall *call)
{
  return call->done;
}

CpResponse *
cp_call_finish (CpCall *call)
{
  CpResponse *response = g_new0 (CpResponse, 1);
  gsize size = 0;
  const char *data;

  while (!call->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (call->error);

  response->status = soup_message_get_status (call->msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (call->msg));
  response->order = call->order;
  data = g_bytes_get_data (call->bytes, &size);
  response->body = g_strndup (data ? data : "", size);

  if (all_responses == NULL)
    all_responses = g_string_new (NULL);
  g_string_append (all_responses, response->body);
  g_string_append_c (all_responses, '\n');

  if (size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, response->body, -1, NULL))
        response->root = json_node_ref (json_parser_get_root (parser));
    }

  g_bytes_unref (call->bytes);
  g_object_unref (call->msg);
  g_free (call);
  return response;
}

CpResponse *
cp_call_with_headers (CpTestServer       *server,
                      const char         *method,
                      const char         *path,
                      const char         *token,
                      const char         *body,
                      const char * const *headers)
{
  return cp_call_finish (cp_call_start (server, method, path, token, body, headers));
}

CpResponse *
cp_call (CpTestServer *server,
         const char   *method,
         const char   *path,
         const char   *token,
         const char   *body)
{
  return cp_call_with_headers (server, method, path, token, body, NULL);
}

void
cp_response_free (CpResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  g_clear_pointer (&response->root, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

JsonObject *
cp_response_object (CpResponse *response)
{
  if (response->root == NULL || !JSON_NODE_HOLDS_OBJECT (response->root))
    g_error ("Expected a JSON object, got: %s", response->body);
  return json_node_get_object (response->root);
}

const char *
cp_response_string (CpResponse *response,
                    const char *member)
{
  return json_object_get_string_member_with_default (cp_response_object (response), member, NULL);
}

static JsonObject *
error_object (CpResponse *response)
{
  JsonObject *root = cp_response_object (response);
  JsonNode *error = json_object_get_member (root, "error");

  if (error == NULL || !JSON_NODE_HOLDS_OBJECT (error))
    g_error ("Expected an error body, got (%u): %s", response->status, response->body);
  return json_node_get_object (error);
}

const char *
cp_response_error (CpResponse *response)
{
  JsonObject *error = error_object (response);

  /* Every error carries a message for people. */
  g_assert_nonnull (json_object_get_string_member_with_default (error, "message", NULL));
  return json_object_get_string_member_with_default (error, "code", NULL);
}

const char *
cp_response_field (CpResponse *response)
{
  return json_object_get_string_member_with_default (error_object (response), "field", NULL);
}

JsonArray *
cp_response_items (CpResponse *response)
{
  JsonObject *root = cp_response_object (response);

  g_assert_true (json_object_has_member (root, "next_cursor"));
  return json_object_get_array_member (root, "items");
}

char *
cp_login (CpTestServer *server,
          const char   *email,
          const char   *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}",
                                           email, password);
  g_autoptr(CpResponse) response = cp_call (server, "POST", "/auth/login", NULL, body);

  if (response->status != 200)
    g_error ("Login of %s failed (%u): %s", email, response->status, response->body);
  return g_strdup (cp_response_string (response, "access_token"));
}

/* The processor's address and publishable key, as /config gives them to
 * the app; asked once per server. */
static GHashTable *configs;

static JsonObject *
server_config (CpTestServer *server)
{
  JsonObject *config;

  if (configs == NULL)
    configs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_object_unref);
  config = g_hash_table_lookup (configs, server);
  if (config == NULL)
    {
      g_autoptr(CpResponse) response = cp_call (server, "GET", "/config", NULL, NULL);

      g_assert_cmpuint (response->status, ==, 200);
      config = json_object_ref (cp_response_object (response));
      g_hash_table_insert (configs, server, config);
    }
  return config;
}

const char *
cp_vault_url (CpTestServer *server)
{
  return json_object_get_string_member (server_config (server), "vault_url");
}

const char *
cp_vault_key (CpTestServer *server)
{
  return json_object_get_string_member (server_config (server), "vault_key");
}

/* Forgets what /config said (a restarted server may say otherwise). */
void
cp_vault_forget (CpTestServer *server)
{
  if (configs != NULL)
    g_hash_table_remove (configs, server);
}

/* Tokenizes a card at the vault, with the vault key, as the app does. */
char *
cp_vault_token (CpTestServer *server,
                const char   *number,
                const char   *cvc)
{
  g_autofree char *url = g_strconcat (cp_vault_url (server), "/v1/tokens", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *body = g_strdup_printf ("{\"number\": \"%s\", \"exp_month\": 12,"
                                           " \"exp_year\": %d, \"cvc\": \"%s\","
                                           " \"cardholder_name\": \"Test Holder\","
                                           " \"postal_code\": \"12345\"}",
                                           number, g_date_time_get_year (now) + 2, cvc);
  g_autoptr(CpResponse) response = cp_call (server, "POST", url, cp_vault_key (server), body);

  if (response->status != 200)
    g_error ("The vault refused a card (%u): %s", response->status, response->body);
  return g_strdup (cp_response_string (response, "token"));
}

/* Adds a card through the vault and the portal; returns its id. */
char *
cp_add_card (CpTestServer *server,
             const char   *token,
             const char   *customer_id,
             const char   *number,
             gboolean      make_primary)
{
  g_autofree char *card_token = cp_vault_token (server, number,
                                                g_str_has_prefix (number, "3") ? "1234" : "123");
  g_autofree char *path = g_strdup_printf ("/customers/%s/payment-methods", customer_id);
  g_autofree char *body = g_strdup_printf ("{\"card_token\": \"%s\", \"make_primary\": %s}",
                                           card_token, make_primary ? "true" : "false");
  g_autoptr(CpResponse) response = cp_call (server, "POST", path, token, body);

  if (response->status != 201)
    g_error ("Adding a card failed (%u): %s", response->status, response->body);
  return g_strdup (cp_response_string (response, "id"));
}

/* Every response body this program received, for checks across all routes. */
const char *
cp_all_responses (void)
{
  return all_responses ? all_responses->str : "";
}

gboolean
cp_file_contains (const char *path,
                  const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_len = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + needle_len <= length; i++)
    if (memcmp (contents + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}
