/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>

#include "cp-processor-client.h"

struct _CpProcessorClient
{
  GObject parent_instance;

  SoupSession *session;
  GCancellable *cancellable;
  char *base_url;
  char *api_key;
  char *publishable_key;
};

G_DEFINE_FINAL_TYPE (CpProcessorClient, cp_processor_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (cp-processor-error-quark, cp_processor_error)

/* A processor's answer: its status and parsed JSON body (may be NULL). */
typedef struct
{
  guint status;
  JsonNode *root;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

static void
cp_processor_client_dispose (GObject *object)
{
  CpProcessorClient *self = CP_PROCESSOR_CLIENT (object);

  cp_processor_client_close (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cp_processor_client_parent_class)->dispose (object);
}

static void
cp_processor_client_finalize (GObject *object)
{
  CpProcessorClient *self = CP_PROCESSOR_CLIENT (object);

  g_clear_object (&self->cancellable);
  if (self->api_key != NULL)
    sodium_memzero (self->api_key, strlen (self->api_key));
  g_free (self->api_key);
  g_free (self->publishable_key);
  g_free (self->base_url);

  G_OBJECT_CLASS (cp_processor_client_parent_class)->finalize (object);
}

static void
cp_processor_client_class_init (CpProcessorClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_processor_client_dispose;
  object_class->finalize = cp_processor_client_finalize;
}

static void
cp_processor_client_init (CpProcessorClient *self)
{
  self->cancellable = g_cancellable_new ();
}

char *
cp_processor_publishable_key (const char *api_key)
{
  guchar digest[20];
  char hex[sizeof digest * 2 + 1];
  static const char label[] = "customer-portal publishable key";

  /* Keyed BLAKE2b of a fixed label: knowing it tells nothing of the key. */
  crypto_generichash (digest, sizeof digest, (const guchar *) label, sizeof label - 1,
                      (const guchar *) api_key, MIN (strlen (api_key), crypto_generichash_KEYBYTES_MAX));
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strconcat ("pk_", hex, NULL);
}

/**
 * cp_processor_client_new:
 * @base_url: the processor's `http://HOST:PORT`, no trailing slash
 * @api_key: its secret key
 * @timeout_seconds: how long an answer may take before it counts as lost
 */
CpProcessorClient *
cp_processor_client_new (const char *base_url,
                         const char *api_key,
                         guint       timeout_seconds)
{
  CpProcessorClient *self;

  g_return_val_if_fail (base_url != NULL && api_key != NULL, NULL);

  self = g_object_new (CP_TYPE_PROCESSOR_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->api_key = g_strdup (api_key);
  self->publishable_key = cp_processor_publishable_key (api_key);
  self->session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                 "idle-timeout", 30,
                                                 "user-agent", "customer-portal-server/" PACKAGE_VERSION,
                                                 NULL);
  return self;
}

const char *
cp_processor_client_get_url (CpProcessorClient *self)
{
  g_return_val_if_fail (CP_IS_PROCESSOR_CLIENT (self), NULL);

  return self->base_url;
}

const char *
cp_processor_client_get_publishable_key (CpProcessorClient *self)
{
  g_return_val_if_fail (CP_IS_PROCESSOR_CLIENT (self), NULL);

  return self->publishable_key;
}

void
cp_processor_client_close (CpProcessorClient *self)
{
  g_return_if_fail (CP_IS_PROCESSOR_CLIENT (self));

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);
}

gboolean
cp_processor_client_is_closed (CpProcessorClient *self)
{
  g_return_val_if_fail (CP_IS_PROCESSOR_CLIENT (self), TRUE);

  return g_cancellable_is_cancelled (self->cancellable);
}

static SoupMessage *
new_message (CpProcessorClient *self,
             const char        *method,
             const char        *path,
             const char        *idempotency_key,
             JsonBuilder       *body,
             const char        *key)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", key, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  if (msg == NULL)
    return NULL;
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Authorization", auth);
  sodium_memzero (auth, strlen (auth));
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body != NULL)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (body);
      gsize len = 0;
      char *json = json_to_string (root, FALSE);
      g_autoptr(GBytes) bytes = NULL;

      len = strlen (json);
      bytes = g_bytes_new_take (json, len);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  Reply *reply;
  gsize size = 0;
  const char *data;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  reply = g_new0 (Reply, 1);
  reply->status = soup_message_get_status (msg);
  data = g_bytes_get_data (bytes, &size);
  if (size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (json_parser_load_from_data (parser, data, (gssize) size, NULL)
          && json_parser_get_root (parser) != NULL)
        reply->root = json_node_ref (json_parser_get_root (parser));
    }
  g_task_return_pointer (task, reply, (GDestroyNotify) reply_free);
}

static void
send_async (CpProcessorClient   *self,
            const char          *method,
            const char          *path,
            const char          *idempotency_key,
            JsonBuilder         *body,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, user_data);
  SoupMessage *msg = new_message (self, method, path, idempotency_key, body, self->api_key);

  g_task_set_source_tag (task, source_tag);
  if (msg == NULL)
    {
      g_task_return_new_error (task, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_FAILED,
                               "Not a valid processor address: %s", self->base_url);
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, self->cancellable,
                                    sent_cb, g_steal_pointer (&task));
}

static JsonObject *
reply_object (Reply *reply)
{
  if (reply->root == NULL || !JSON_NODE_HOLDS_OBJECT (reply->root))
    return NULL;
  return json_node_get_object (reply->root);
}

void
cp_processor_client_charge_async (CpProcessorClient   *self,
                                  const char          *idempotency_key,
                                  const char          *token,
                                  gint64               amount,
                                  const char          *currency,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) body = json_builder_new ();

  g_return_if_fail (CP_IS_PROCESSOR_CLIENT (self));

  json_builder_begin_object (body);
  json_builder_set_member_name (body, "token");
  json_builder_add_string_value (body, token);
  json_builder_set_member_name (body, "amount");
  json_builder_add_int_value (body, amount);
  json_builder_set_member_name (body, "currency");
  json_builder_add_string_value (body, currency);
  json_builder_end_object (body);
  send_async (self, "POST", "/v1/charges", idempotency_key, body,
              cp_processor_client_charge_async, callback, user_data);
}

void
cp_processor_client_get_charge_async (CpProcessorClient   *self,
                                      const char          *idempotency_key,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *escaped = g_uri_escape_string (idempotency_key, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/v1/charges/", escaped, NULL);

  g_return_if_fail (CP_IS_PROCESSOR_CLIENT (self));

  send_async (self, "GET", path, NULL, NULL, cp_processor_client_get_charge_async,
              callback, user_data);
}

CpChargeStatus
cp_processor_client_charge_finish (CpProcessorClient  *self,
                                   GAsyncResult       *result,
                                   char              **message)
{
  g_autoptr(GError) error = NULL;
  Reply *reply = g_task_propagate_pointer (G_TASK (result), &error);
  CpChargeStatus status = CP_CHARGE_UNKNOWN;
  JsonObject *object;
  const char *text;

  if (message != NULL)
    *message = NULL;
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("No answer from the processor: %s", error->message);
      return CP_CHARGE_UNKNOWN;
    }
  object = reply_object (reply);
  if (reply->status == SOUP_STATUS_NOT_FOUND)
    status = CP_CHARGE_NOT_FOUND;
  else if (reply->status == SOUP_STATUS_OK && object != NULL)
    {
      text = json_object_get_string_member_with_default (object, "status", "");
      if (strcmp (text, "succeeded") == 0)
        status = CP_CHARGE_SUCCEEDED;
      else if (strcmp (text, "failed") == 0)
        {
          status = CP_CHARGE_FAILED;
          if (message != NULL)
            *message = g_strdup (json_object_get_string_member_with_default (
              object, "failure_message", NULL));
        }
      else if (strcmp (text, "pending") == 0)
        status = CP_CHARGE_PENDING;
    }
  else
    g_message ("The processor answered %u to a charge", reply->status);
  reply_free (reply);
  return status;
}

void
cp_processor_client_attach_async (CpProcessorClient   *self,
                                  const char          *token,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/v1/tokens/", escaped, "/attach", NULL);
  g_autoptr(JsonBuilder) body = json_builder_new ();

  g_return_if_fail (CP_IS_PROCESSOR_CLIENT (self));

  json_builder_begin_object (body);
  json_builder_end_object (body);
  send_async (self, "POST", path, NULL, body, cp_processor_client_attach_async,
              callback, user_data);
}

static gboolean
read_card (JsonObject  *object,
           CpVaultCard *out)
{
  const char *token = json_object_get_string_member_with_default (object, "token", "");
  const char *brand = json_object_get_string_member_with_default (object, "brand", "");
  const char *last4 = json_object_get_string_member_with_default (object, "last4", "");

  memset (out, 0, sizeof *out);
  if (*token == '\0' || strlen (token) >= sizeof out->token || *brand == '\0'
      || strlen (brand) >= sizeof out->brand || strlen (last4) != 4)
    return FALSE;
  g_strlcpy (out->token, token, sizeof out->token);
  g_strlcpy (out->brand, brand, sizeof out->brand);
  g_strlcpy (out->last4, last4, sizeof out->last4);
  out->exp_month = (int) json_object_get_int_member_with_default (object, "exp_month", 0);
  out->exp_year = (int) json_object_get_int_member_with_default (object, "exp_year", 0);
  out->cardholder_name = g_strdup (json_object_get_string_member_with_default (
    object, "cardholder_name", ""));
  g_strlcpy (out->type, json_object_get_string_member_with_default (object, "type", "card"),
             sizeof out->type);
  if (!g_str_equal (out->type, "card") && !g_str_equal (out->type, "bank_account"))
    return FALSE;
  g_strlcpy (out->bank_name, json_object_get_string_member_with_default (object, "bank_name", ""),
             sizeof out->bank_name);
  return TRUE;
}

gboolean
cp_processor_client_attach_finish (CpProcessorClient  *self,
                                   GAsyncResult       *result,
                                   CpVaultCard        *out,
                                   GError            **error)
{
  Reply *reply = g_task_propagate_pointer (G_TASK (result), error);
  JsonObject *object;
  gboolean ok = FALSE;

  memset (out, 0, sizeof *out);
  if (reply == NULL)
    return FALSE;
  object = reply_object (reply);
  if (reply->status == SOUP_STATUS_NOT_FOUND)
    g_set_error_literal (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_NOT_FOUND,
                         "The processor does not know this token");
  else if (reply->status != SOUP_STATUS_OK || object == NULL || !read_card (object, out))
    g_set_error (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_FAILED,
                 "The processor answered %u", reply->status);
  else
    ok = TRUE;
  reply_free (reply);
  return ok;
}

void
cp_processor_client_destroy_async (CpProcessorClient   *self,
                                   const char          *token,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/v1/tokens/", escaped, NULL);

  g_return_if_fail (CP_IS_PROCESSOR_CLIENT (self));

  send_async (self, "DELETE", path, NULL, NULL, cp_processor_client_destroy_async,
              callback, user_data);
}

gboolean
cp_processor_client_destroy_finish (CpProcessorClient  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  Reply *reply = g_task_propagate_pointer (G_TASK (result), error);
  gboolean ok;

  if (reply == NULL)
    return FALSE;
  ok = reply->status == SOUP_STATUS_NO_CONTENT || reply->status == SOUP_STATUS_NOT_FOUND;
  if (!ok)
    g_set_error (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_FAILED,
                 "The processor answered %u", reply->status);
  reply_free (reply);
  return ok;
}

static void
blocking_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* One request on a private main context, waited for. */
static JsonObject *
send_blocking (CpProcessorClient  *self,
               const char         *path,
               JsonBuilder        *body,
               JsonParser         *parser,
               GError            **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  msg = new_message (self, "POST", path, NULL, body, self->api_key);
  if (msg == NULL)
    {
      g_set_error (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_FAILED,
                   "Not a valid processor address: %s", self->base_url);
      return NULL;
    }
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, blocking_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  bytes = soup_session_send_and_read_finish (session, result, error);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK
      || !json_parser_load_from_data (parser, data ? data : "", (gssize) size, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_FAILED,
                   "The processor answered %u to %s", soup_message_get_status (msg), path);
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

gboolean
cp_processor_client_tokenize_blocking (CpProcessorClient  *self,
                                       const char         *number,
                                       int                 exp_month,
                                       int                 exp_year,
                                       const char         *cvc,
                                       const char         *cardholder_name,
                                       const char         *postal_code,
                                       CpVaultCard        *out,
                                       GError            **error)
{
  g_autoptr(JsonBuilder) body = json_builder_new ();
  g_autoptr(JsonBuilder) empty = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonParser) attach_parser = json_parser_new_immutable ();
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;

  memset (out, 0, sizeof *out);
  json_builder_begin_object (body);
  json_builder_set_member_name (body, "number");
  json_builder_add_string_value (body, number);
  json_builder_set_member_name (body, "exp_month");
  json_builder_add_int_value (body, exp_month);
  json_builder_set_member_name (body, "exp_year");
  json_builder_add_int_value (body, exp_year);
  json_builder_set_member_name (body, "cvc");
  json_builder_add_string_value (body, cvc);
  json_builder_set_member_name (body, "cardholder_name");
  json_builder_add_string_value (body, cardholder_name);
  json_builder_set_member_name (body, "postal_code");
  json_builder_add_string_value (body, postal_code);
  json_builder_end_object (body);

  object = send_blocking (self, "/v1/tokens", body, parser, error);
  if (object == NULL)
    return FALSE;
  if (!read_card (object, out))
    {
      g_set_error_literal (error, CP_PROCESSOR_ERROR, CP_PROCESSOR_ERROR_FAILED,
                           "The processor's token is not valid");
      return FALSE;
    }
  /* Attached at once, as the portal saves it: it must not expire. */
  escaped = g_uri_escape_string (out->token, NULL, FALSE);
  path = g_strconcat ("/v1/tokens/", escaped, "/attach", NULL);
  json_builder_begin_object (empty);
  json_builder_end_object (empty);
  if (send_blocking (self, path, empty, attach_parser, error) == NULL)
    {
      cp_vault_card_clear (out);
      return FALSE;
    }
  g_free (out->cardholder_name);
  out->cardholder_name = g_strdup (cardholder_name);
  return TRUE;
}
