/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cp-account-private.h"
#include "cp-client-error.h"
#include "cp-client-private.h"
#include "cp-models-private.h"

/* The object, the session and its refresh, and the transport. The routes
 * live in the resource files named in cp-client-private.h. */

/* Replies above this size are parsed in a worker thread. */
#define PARSE_IN_THREAD_SIZE (256 * 1024)
#define READ_CHUNK (64 * 1024)
/* A Retry-After longer than this is not waited for: the error goes up. */
#define MAX_RETRY_AFTER_MS (60 * 1000)
/* libsoup's timeout covers connecting as well as waiting for a reply. */
#define IO_TIMEOUT_S 30
/* The whole of one call, whatever the server does: a reply trickling in a
 * byte at a time never trips libsoup's timeout, which counts silence. */
#define DEFAULT_DEADLINE_MS (30 * 1000)

G_DEFINE_FINAL_TYPE (CpClient, cp_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BASE_URL,
  PROP_ACCOUNT,
  PROP_LOGGED_IN,
  PROP_TOKEN_STORE,
  PROP_CONFIG,
  N_PROPS
};

enum
{
  SESSION_EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Requests ---------------------------------------------------------- */

/* What a list route's task holds until its finish function. */
typedef struct
{
  GListModel *items;
  char *next_cursor;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->items);
  g_free (page->next_cursor);
  g_free (page);
}

void
cp_client_wipe_free (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

void
cp_auth_reply_free (CpAuthReply *reply)
{
  cp_client_wipe_free (reply->access_token);
  cp_client_wipe_free (reply->refresh_token);
  g_clear_object (&reply->account);
  g_free (reply);
}

void
cp_request_free (CpRequest *req)
{
  g_assert (req->backoff_id == 0);
  g_clear_handle_id (&req->deadline_id, g_source_remove);
  if (req->caller_handler != 0)
    g_cancellable_disconnect (req->caller_cancellable, req->caller_handler);
  g_clear_object (&req->caller_cancellable);
  g_clear_object (&req->io);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->idempotency_key);
  cp_client_wipe_free (req->vault_key);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  if (req->buffer != NULL)
    {
      explicit_bzero (req->buffer->data, req->buffer->len);
      g_byte_array_unref (req->buffer);
    }
  g_free (req->login_email);
  g_clear_error (&req->store_error);
  g_free (req);
}

/* A request with the defaults of an API call: the session's bearer token,
 * a refresh when it has expired, retries for GETs only. Takes @url. */
CpRequest *
cp_request_new (CpClient   *self,
                const char *method,
                char       *url)
{
  CpRequest *req = g_new0 (CpRequest, 1);

  req->method = method;
  req->url = url;
  req->auth = CP_REQUEST_AUTH_SESSION;
  req->refresh_on_expiry = TRUE;
  req->retry = g_str_equal (method, "GET");
  req->generation = self->generation;
  return req;
}

/* The same, for a reply that is one model built by @parse. */
CpRequest *
cp_request_new_object (CpClient        *self,
                       const char      *method,
                       char            *url,
                       CpJsonParseFunc  parse)
{
  CpRequest *req = cp_request_new (self, method, url);

  req->reply = cp_client_reply_object;
  req->parse = parse;
  return req;
}

/* Joins escaped path segments onto the API base URL; a segment starting
 * with '?' is a query. */
char *
cp_client_api_url (CpClient   *self,
                   const char *first_segment,
                   ...)
{
  GString *url = g_string_new (self->api_url);
  va_list args;

  va_start (args, first_segment);
  for (const char *s = first_segment; s != NULL; s = va_arg (args, const char *))
    {
      if (s[0] == '?')
        {
          g_string_append (url, s);
          continue;
        }
      g_string_append_c (url, '/');
      g_string_append_uri_escaped (url, s, NULL, FALSE);
    }
  va_end (args);
  return g_string_free (url, FALSE);
}

static void
append_query (GString    *url,
              const char *name,
              const char *value)
{
  if (value == NULL)
    return;
  g_string_append_c (url, strchr (url->str, '?') ? '&' : '?');
  g_string_append (url, name);
  g_string_append_c (url, '=');
  g_string_append_uri_escaped (url, value, NULL, FALSE);
}

GBytes *
cp_client_json_body (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* A body that held a password, a refresh token or card digits (a GString):
 * wiped when the last reference goes. */
void
cp_client_wipe_bytes_free (gpointer data)
{
  GString *text = data;

  explicit_bzero (text->str, text->allocated_len);
  g_string_free (text, TRUE);
}

GBytes *
cp_client_secret_json_body (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  GString *text = g_string_new (NULL);

  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, text);
  return g_bytes_new_with_free_func (text->str, text->len, cp_client_wipe_bytes_free, text);
}

/* A flat JSON object of string members, wiped after use (it may hold a
 * password). */
GBytes *
cp_client_strings_body (const char *first_member,
                        ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  va_list args;

  va_start (args, first_member);
  json_builder_begin_object (builder);
  for (const char *m = first_member; m != NULL; m = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      json_builder_set_member_name (builder, m);
      json_builder_add_string_value (builder, value ? value : "");
    }
  json_builder_end_object (builder);
  va_end (args);
  return cp_client_secret_json_body (builder);
}

static void
set_error_from_status (GError     **error,
                       guint        status,
                       const char  *code,
                       const char  *message,
                       const char  *field,
                       gint64       retry_after)
{
  CpClientError value = cp_client_error_from_code (code);
  const char *fallback;

  if (value == CP_CLIENT_ERROR_UNKNOWN)
    {
      if (status == 401)
        value = CP_CLIENT_ERROR_UNAUTHORIZED;
      else if (status == 403)
        value = CP_CLIENT_ERROR_FORBIDDEN;
      else if (status == 404)
        value = CP_CLIENT_ERROR_NOT_FOUND;
      else if (status == 409)
        value = CP_CLIENT_ERROR_CONFLICT;
      else if (status == 413)
        value = CP_CLIENT_ERROR_PAYLOAD_TOO_LARGE;
      else if (status == 429)
        value = CP_CLIENT_ERROR_RATE_LIMITED;
      else if (status >= 500)
        value = CP_CLIENT_ERROR_INTERNAL;
      else if (status >= 400)
        value = CP_CLIENT_ERROR_INVALID_REQUEST;
    }

  switch (value)
    {
    case CP_CLIENT_ERROR_RATE_LIMITED:
      fallback = _("Too many attempts. Wait a moment and try again.");
      break;
    case CP_CLIENT_ERROR_NOT_FOUND:
      fallback = _("This item no longer exists.");
      break;
    case CP_CLIENT_ERROR_UNAUTHORIZED:
    case CP_CLIENT_ERROR_TOKEN_EXPIRED:
      fallback = _("You are not signed in.");
      break;
    case CP_CLIENT_ERROR_FORBIDDEN:
      fallback = _("You are not allowed to do this.");
      break;
    case CP_CLIENT_ERROR_INTERNAL:
      fallback = _("The server had a problem. Try again later.");
      break;
    case CP_CLIENT_ERROR_UNKNOWN:
      fallback = _("The server sent an unexpected reply.");
      break;
    default:
      fallback = _("The request was refused.");
      break;
    }

  if (error != NULL)
    *error = cp_client_error_new_full (value, field, retry_after,
                                       message != NULL && *message != '\0' ? message : fallback);
}

/* Reads an untrusted error body: {"error": {"code", "message", "field"}}. */
static void
error_from_reply (GError     **error,
                  guint        status,
                  GBytes      *body,
                  gint64       retry_after,
                  char       **code_out)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *field = NULL;
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;

  if (length > 0)
    root = cp_json_parse (data, length, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *err = json_object_get_member (object, "error");

      if (err != NULL && JSON_NODE_HOLDS_OBJECT (err))
        {
          JsonObject *eo = json_node_get_object (err);

          if (!cp_json_get_string (eo, "code", FALSE, &code, NULL))
            g_clear_pointer (&code, g_free);
          if (!cp_json_get_string (eo, "message", TRUE, &message, NULL))
            g_clear_pointer (&message, g_free);
          if (!cp_json_get_string (eo, "field", TRUE, &field, NULL))
            g_clear_pointer (&field, g_free);
          /* A message is shown as is: keep it to one reasonable line. */
          if (message != NULL && g_utf8_strlen (message, -1) > 500)
            g_clear_pointer (&message, g_free);
          if (field != NULL && strlen (field) > 64)
            g_clear_pointer (&field, g_free);
        }
    }

  set_error_from_status (error, status, code, message, field, retry_after);
  if (code_out != NULL)
    *code_out = g_steal_pointer (&code);
}

/* The error an error reply means (for the fuzzing harness too). */
GError *
cp_client_error_from_reply (guint       status,
                            const char *data,
                            gsize       length)
{
  g_autoptr(GBytes) body = g_bytes_new (data, length);
  GError *error = NULL;

  error_from_reply (&error, status, body, -1, NULL);
  return error;
}

static GError *
transport_error (const GError *error)
{
  if (error->domain == G_TLS_ERROR)
    return cp_client_error_new_full (CP_CLIENT_ERROR_TLS, NULL, -1,
                                     _("The server’s security certificate is not valid. "
                                       "The connection was refused."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return cp_client_error_new_full (CP_CLIENT_ERROR_TIMEOUT, NULL, -1,
                                     _("The server did not answer in time."));
  return cp_client_error_new_full (CP_CLIENT_ERROR_NETWORK, NULL, -1,
                                   _("Cannot reach the server. Check your connection."));
}

static GError *
deadline_error (void)
{
  return cp_client_error_new_full (CP_CLIENT_ERROR_TIMEOUT, NULL, -1,
                                   _("The server did not answer in time."));
}

/* What a cancelled step of @req means: the caller's cancellation, or the
 * call's deadline. */
static GError *
cancelled_error (CpRequest *req,
                 GError    *error)
{
  if (req->timed_out)
    {
      g_clear_error (&error);
      return deadline_error ();
    }
  return error;
}

/* Retry-After is either delay-seconds or an HTTP-date. */
static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end;
  guint64 seconds;

  if (value == NULL)
    return -1;
  while (*value == ' ')
    value++;
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      while (*end == ' ')
        end++;
      if (*end != '\0')
        return -1;
      return (gint64) MIN (seconds, (guint64) G_MAXINT32);
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
}

static guint
backoff_ms (CpClient *self,
            guint     attempt,
            gint64    retry_after)
{
  guint64 delay = self->retry_base_ms;

  for (guint i = 1; i < attempt && delay < self->retry_cap_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->retry_cap_ms);
  /* Equal jitter: half fixed, half random, so clients spread out. */
  delay = delay / 2 + (delay > 1 ? (guint64) g_random_int_range (0, (gint32) (delay / 2 + 1)) : 0);

  if (retry_after >= 0)
    delay = MAX (delay, (guint64) retry_after * 1000);
  return (guint) MIN (delay, (guint64) G_MAXUINT);
}

static gboolean
backoff_done_cb (gpointer data)
{
  GTask *task = data;
  CpRequest *req = g_task_get_task_data (task);

  req->backoff_id = 0;
  if (!g_task_return_error_if_cancelled (task))
    cp_client_send (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Schedules another attempt when this request may be retried; returns
 * %FALSE when the caller should fail instead. */
static gboolean
maybe_retry (GTask  *task,
             gint64  retry_after)
{
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);
  guint delay;

  if (!req->retry || req->attempt >= self->max_attempts || req->timed_out)
    return FALSE;
  if (retry_after >= 0 && retry_after * 1000 > MAX_RETRY_AFTER_MS)
    return FALSE;

  delay = backoff_ms (self, req->attempt, retry_after);
  /* A wait that ends past the deadline is no retry: fail now. */
  if (g_get_monotonic_time () + (gint64) delay * 1000 >= req->deadline)
    return FALSE;
  g_debug ("%s %s: attempt %u failed, next in %u ms", req->method,
           g_task_get_name (task) ? g_task_get_name (task) : "", req->attempt, delay);
  req->backoff_id = g_timeout_add (delay, backoff_done_cb, g_object_ref (task));
  return TRUE;
}

/* ---- Sessions ---------------------------------------------------------- */

/* Ends the session locally: the tokens are wiped, late replies ignored. */
void
cp_client_end_session (CpClient *self)
{
  gboolean was_logged_in = self->access_token != NULL || self->refresh_token != NULL;

  self->generation++;
  g_clear_pointer (&self->access_token, cp_client_wipe_free);
  g_clear_pointer (&self->refresh_token, cp_client_wipe_free);
  cp_client_set_account (self, NULL);
  if (was_logged_in)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cp_token_store_store_finish (CP_TOKEN_STORE (object), result, &error))
    g_message ("Could not remember the session: %s", error->message);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cp_token_store_delete_finish (CP_TOKEN_STORE (object), result, &error))
    g_message ("Could not forget the stored session: %s", error->message);
}

/* Deletes the refresh token stored for (server, @email), if any store. */
void
cp_client_forget_stored (CpClient   *self,
                         const char *email)
{
  if (self->token_store != NULL && email != NULL)
    cp_token_store_delete_async (self->token_store, self->base_url, email,
                                 NULL, delete_done_cb, NULL);
}

static void
adopt_session (CpClient    *self,
               CpAuthReply *reply)
{
  gboolean was_logged_in = self->access_token != NULL;

  g_clear_pointer (&self->access_token, cp_client_wipe_free);
  g_clear_pointer (&self->refresh_token, cp_client_wipe_free);
  self->access_token = g_steal_pointer (&reply->access_token);
  self->refresh_token = g_steal_pointer (&reply->refresh_token);
  self->token_serial++;
  cp_client_set_account (self, reply->account);
  if (!was_logged_in)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
}

/* A login or a restored session replaces whatever session there was. The
 * caller stores the new refresh token. */
void
cp_client_begin_session (CpClient    *self,
                         CpAuthReply *reply,
                         const char  *email)
{
  cp_client_end_session (self);
  self->signed_out_elsewhere = FALSE;
  adopt_session (self, reply);
  g_free (self->email);
  self->email = g_strdup (email);
}

/**
 * cp_client_get_signed_out_elsewhere:
 *
 * Returns: whether the session that ended last (#CpClient::session-expired)
 *   was signed out from another device, rather than expiring
 */
gboolean
cp_client_get_signed_out_elsewhere (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), FALSE);

  return self->signed_out_elsewhere;
}

/* The answer of a login or a refresh. */
CpAuthReply *
cp_auth_reply_new_from_json (JsonNode  *root,
                             GError   **error)
{
  CpAuthReply *reply;
  JsonObject *object;
  JsonObject *user;
  gint64 expires_in;

  object = cp_json_root_object (root, error);
  if (object == NULL)
    return NULL;

  reply = g_new0 (CpAuthReply, 1);
  if (!cp_json_get_string (object, "access_token", FALSE, &reply->access_token, error)
      || !cp_json_get_string (object, "refresh_token", FALSE, &reply->refresh_token, error)
      || !cp_json_get_int (object, "expires_in", 1, G_MAXINT32, &expires_in, error)
      || (user = cp_json_get_object (object, "user", error)) == NULL
      || (reply->account = cp_account_new_from_json (user, error)) == NULL)
    {
      cp_auth_reply_free (reply);
      return NULL;
    }
  if (*reply->access_token == '\0' || *reply->refresh_token == '\0'
      || strlen (reply->access_token) > 4096 || strlen (reply->refresh_token) > 4096)
    {
      cp_auth_reply_free (reply);
      cp_model_bad_reply (error, "access_token");
      return NULL;
    }
  return reply;
}

static void
refresh_reply_cb (GTask    *task,
                  JsonNode *root)
{
  GError *error = NULL;
  CpAuthReply *reply = cp_auth_reply_new_from_json (root, &error);

  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reply, (GDestroyNotify) cp_auth_reply_free);
}

static void refresh_request_done_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data);

static CpRequest *
refresh_request (CpClient   *self,
                 const char *refresh_token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CpRequest *req = cp_request_new (self, "POST", cp_client_api_url (self, "auth", "refresh", NULL));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh_token);
  json_builder_end_object (builder);
  req->body = cp_client_secret_json_body (builder);
  /* Refresh tokens rotate: a blind retry could present a spent token and
   * end the session, so a refresh is never retried. */
  req->auth = CP_REQUEST_AUTH_NONE;
  req->retry = FALSE;
  req->refresh_on_expiry = FALSE;
  req->reply = refresh_reply_cb;
  self->n_refreshes++;
  return req;
}

/* Makes sure one refresh runs; @waiter continues when it ends. */
void
cp_client_join_refresh (CpClient *self,
                        GTask    *waiter)
{
  g_ptr_array_add (self->refresh_waiters, g_object_ref (waiter));
  if (self->refreshing)
    return;

  if (self->refresh_token == NULL)
    {
      g_autoptr(GError) error =
        cp_client_error_new_full (CP_CLIENT_ERROR_SESSION_EXPIRED, NULL, -1,
                                  _("Your session has ended. Sign in again."));
      g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

      self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < waiters->len; i++)
        g_task_return_error (waiters->pdata[i], g_error_copy (error));
      return;
    }

  self->refreshing = TRUE;
  cp_client_start (self, refresh_request (self, self->refresh_token), refresh_request_done_cb,
                   NULL, refresh_request_done_cb, GUINT_TO_POINTER (self->generation));
}

static void
refresh_request_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CpClient *self = CP_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);
  CpAuthReply *reply = g_task_propagate_pointer (G_TASK (result), &error);
  guint generation = GPOINTER_TO_UINT (user_data);

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->refreshing = FALSE;

  if (reply != NULL && generation == self->generation)
    {
      adopt_session (self, reply);
      if (self->token_store != NULL && self->email != NULL)
        cp_token_store_store_async (self->token_store, self->base_url, self->email,
                                    self->refresh_token, NULL, store_done_cb, NULL);
    }
  else if (reply != NULL)
    {
      /* The user signed out meanwhile: that session is over. */
      error = cp_client_error_new_full (CP_CLIENT_ERROR_SESSION_EXPIRED, NULL, -1,
                                        _("Your session has ended. Sign in again."));
    }
  else if (error->domain == CP_CLIENT_ERROR
           && error->code != CP_CLIENT_ERROR_NETWORK && error->code != CP_CLIENT_ERROR_TIMEOUT
           && error->code != CP_CLIENT_ERROR_TLS && error->code != CP_CLIENT_ERROR_INTERNAL
           && error->code != CP_CLIENT_ERROR_RATE_LIMITED)
    {
      /* The server refused the refresh token: the session is over. */
      gboolean elsewhere = error->code == CP_CLIENT_ERROR_SESSION_REVOKED;

      g_clear_error (&error);
      error = cp_client_error_new_full (CP_CLIENT_ERROR_SESSION_EXPIRED, NULL, -1,
                                        _("Your session has ended. Sign in again."));
      if (generation == self->generation)
        {
          cp_client_forget_stored (self, self->email);
          cp_client_end_session (self);
          self->signed_out_elsewhere = elsewhere;
          g_signal_emit (self, signals[SESSION_EXPIRED], 0);
        }
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      if (error != NULL)
        g_task_return_error (waiters->pdata[i], g_error_copy (error));
      else
        g_task_return_boolean (waiters->pdata[i], TRUE);
    }

  g_clear_pointer (&reply, cp_auth_reply_free);
}

static void
replay_after_refresh_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CpRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        error = cancelled_error (req, g_steal_pointer (&error));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  cp_client_send (task);
}

/* ---- Transport --------------------------------------------------------- */

/* Hands a 2xx reply's parsed body (or %NULL) to the route. */
static void
return_reply (GTask    *task,
              JsonNode *root)
{
  CpRequest *req = g_task_get_task_data (task);

  g_assert (req->reply != NULL);
  req->reply (task, root);
}

/* A list reply's page: may run in the parse thread, so that 10,000 items
 * become models off the main loop. */
static Page *
build_page (CpRequest  *req,
            JsonNode   *root,
            GError    **error)
{
  g_autofree char *cursor = NULL;
  GListStore *items;
  Page *page;

  if (req->limit > 0 && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *array = json_object_get_member (json_node_get_object (root), "items");

      /* A server that ignores the page size could send a million items,
       * and each becomes a model and a row: refuse the page instead. */
      if (array != NULL && JSON_NODE_HOLDS_ARRAY (array)
          && json_array_get_length (json_node_get_array (array)) > req->limit)
        {
          g_debug ("GET %s: %u items for a page of %u", req->list->path,
                   json_array_get_length (json_node_get_array (array)), req->limit);
          g_set_error_literal (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TOO_MANY_ITEMS,
                               _("The server sent more items than were asked for."));
          return NULL;
        }
    }

  items = cp_json_build_list (root, req->list->get_item_type (), req->list->parse, &cursor,
                              error);
  if (items == NULL)
    return NULL;
  page = g_new0 (Page, 1);
  page->items = G_LIST_MODEL (items);
  page->next_cursor = g_steal_pointer (&cursor);
  return page;
}

static JsonNode *
parse_buffer (CpRequest  *req,
              GError    **error)
{
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return cp_json_parse (data, length, error);
}

static void
parse_thread (GTask        *thread_task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GTask *task = task_data;
  CpRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = parse_buffer (req, &error);

  if (root == NULL)
    g_task_return_error (thread_task, error);
  else if (req->list != NULL)
    {
      /* A list's items are built here too: only the page crosses over. */
      Page *page = build_page (req, root, &error);

      if (page == NULL)
        g_task_return_error (thread_task, error);
      else
        g_task_return_pointer (thread_task, page, (GDestroyNotify) page_free);
    }
  else
    g_task_return_pointer (thread_task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static void
parse_thread_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CpRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else if (req->list != NULL)
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_pointer (task, value, (GDestroyNotify) page_free);
      else
        page_free (value);
    }
  else
    {
      g_autoptr(JsonNode) root = value;

      if (!g_task_return_error_if_cancelled (task))
        return_reply (task, root);
    }
}

/* The whole reply is in req->buffer: decide what it means. */
static void
handle_reply (GTask *task)
{
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  gint64 retry_after = parse_retry_after (req->msg);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  if (status >= 200 && status < 300)
    {
      g_autoptr(JsonNode) root = NULL;

      if (req->reply == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (req->buffer->len > PARSE_IN_THREAD_SIZE)
        {
          GTask *thread_task = g_task_new (NULL, NULL, parse_thread_done_cb, g_object_ref (task));

          g_task_set_source_tag (thread_task, parse_thread);
          g_task_set_task_data (thread_task, g_object_ref (task), g_object_unref);
          g_task_run_in_thread (thread_task, parse_thread);
          g_object_unref (thread_task);
          return;
        }

      root = parse_buffer (req, &error);
      if (root == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        return_reply (task, root);
      return;
    }

  {
    g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));

    error_from_reply (&error, status, body, retry_after, &code);
  }

  if (status == 401 && req->auth == CP_REQUEST_AUTH_SESSION)
    {
      if (g_strcmp0 (code, "token_expired") == 0 && req->refresh_on_expiry && !req->refreshed
          && req->generation == self->generation)
        {
          GTask *waiter;

          req->refreshed = TRUE;
          /* Another call's refresh already brought a new token: just replay. */
          if (req->token_serial != self->token_serial && !self->refreshing)
            {
              req->attempt--;
              cp_client_send (task);
              return;
            }
          waiter = g_task_new (self, req->io, replay_after_refresh_cb, g_object_ref (task));
          g_task_set_source_tag (waiter, cp_client_join_refresh);
          cp_client_join_refresh (self, waiter);
          g_object_unref (waiter);
          return;
        }
      if (req->refresh_on_expiry && req->generation != self->generation)
        {
          /* The session this call belonged to has ended meanwhile. */
          g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED,
                                   _("Your session has ended. Sign in again."));
          return;
        }
      if (req->refresh_on_expiry && self->access_token != NULL)
        {
          /* The server no longer knows this session (revoked elsewhere, or
           * the refresh did not help): back to the login page. */
          if (g_strcmp0 (code, "session_revoked") == 0)
            cp_client_forget_stored (self, self->email);
          cp_client_end_session (self);
          self->signed_out_elsewhere = g_strcmp0 (code, "session_revoked") == 0;
          g_signal_emit (self, signals[SESSION_EXPIRED], 0);
          g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED,
                                   _("Your session has ended. Sign in again."));
          return;
        }
    }

  if ((status >= 500 || status == 429) && maybe_retry (task, retry_after))
    return;

  if (req->failed != NULL)
    req->failed (task, status);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CpRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object),
                                                             result, &error);

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, cancelled_error (req, g_steal_pointer (&error)));
      else if (!maybe_retry (task, -1))
        g_task_return_error (task, transport_error (error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&req->stream);
      handle_reply (task);
      return;
    }

  if (req->buffer->len + g_bytes_get_size (chunk) > CP_JSON_MAX_SIZE)
    {
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&req->stream);
      g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE,
                               _("The server sent a reply that is too large."));
      return;
    }

  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL),
                       (guint) g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->io, read_chunk_cb, g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CpRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  SoupMessageHeaders *headers;
  goffset length = -1;

  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, cancelled_error (req, g_steal_pointer (&error)));
      else if (error->domain == G_TLS_ERROR || !maybe_retry (task, -1))
        g_task_return_error (task, transport_error (error));
      return;
    }

  req->stream = stream;
  headers = soup_message_get_response_headers (req->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);
  if (length > CP_JSON_MAX_SIZE)
    {
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&req->stream);
      g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE,
                               _("The server sent a reply that is too large."));
      return;
    }

  if (req->buffer != NULL)
    {
      explicit_bzero (req->buffer->data, req->buffer->len);
      g_byte_array_unref (req->buffer);
    }
  req->buffer = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->io, read_chunk_cb, g_steal_pointer (&task));
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static gboolean
deadline_cb (gpointer data)
{
  CpRequest *req = data;
  GTask *task = req->task;

  req->deadline_id = 0;
  req->timed_out = TRUE;
  g_debug ("%s: the deadline passed", req->method);
  if (req->backoff_id != 0)
    {
      /* Waiting for the next attempt: there will be none. */
      g_clear_handle_id (&req->backoff_id, g_source_remove);
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, deadline_error ());
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  /* Whatever is in flight (connecting, waiting, reading, a refresh)
   * stops, and reports the deadline. */
  g_cancellable_cancel (req->io);
  return G_SOURCE_REMOVE;
}

/* The first attempt starts the call's clock. */
static void
arm_deadline (CpClient  *self,
              GTask     *task,
              CpRequest *req)
{
  GCancellable *caller = g_task_get_cancellable (task);

  req->task = task;
  req->io = g_cancellable_new ();
  if (caller != NULL)
    {
      req->caller_cancellable = g_object_ref (caller);
      req->caller_handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                                   req->io, NULL);
    }
  req->deadline = g_get_monotonic_time () + (gint64) self->deadline_ms * 1000;
  req->deadline_id = g_timeout_add (self->deadline_ms, deadline_cb, req);
  g_source_set_name_by_id (req->deadline_id, "[cp-client] deadline");
}

void
cp_client_send (GTask *task)
{
  CpClient *self = g_task_get_source_object (task);
  CpRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autofree char *bearer = NULL;

  if (req->io == NULL)
    arm_deadline (self, task, req);
  req->attempt++;
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);

  req->msg = soup_message_new (req->method, req->url);
  if (req->msg == NULL)
    {
      g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_URL,
                               _("The server address is not valid."));
      return;
    }
  /* A redirect could carry the bearer token elsewhere: none are followed. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (req->auth == CP_REQUEST_AUTH_SESSION)
    {
      if (self->access_token == NULL || req->generation != self->generation)
        {
          g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_NOT_LOGGED_IN,
                                   _("You are not signed in."));
          return;
        }
      bearer = g_strconcat ("Bearer ", self->access_token, NULL);
      req->token_serial = self->token_serial;
    }
  else if (req->auth == CP_REQUEST_AUTH_VAULT)
    bearer = g_strconcat ("Bearer ", req->vault_key, NULL);
  if (bearer != NULL)
    {
      soup_message_headers_replace (headers, "Authorization", bearer);
      explicit_bzero (bearer, strlen (bearer));
    }

  if (req->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", req->idempotency_key);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->io, send_cb, g_object_ref (task));
}

void
cp_client_start (CpClient            *self,
                 CpRequest           *req,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, (GDestroyNotify) cp_request_free);
  /* A cancelled call finishes with G_IO_ERROR_CANCELLED, whatever came in. */
  g_task_set_check_cancellable (task, TRUE);
  cp_client_send (task);
}

static void
list_reply_cb (GTask    *task,
               JsonNode *root)
{
  GError *error = NULL;
  Page *page = build_page (g_task_get_task_data (task), root, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) page_free);
}

void
cp_client_start_list (CpClient            *self,
                      const CpListRoute   *route,
                      const char          *customer_id,
                      const char          *query_name,
                      const char          *query_value,
                      const char          *cursor,
                      guint                limit,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  const char *query[] = { query_name, query_value };

  cp_client_start_list_query (self, route, customer_id, query, query_name != NULL ? 1 : 0,
                              cursor, limit, source_tag, cancellable, callback, user_data);
}

/* As cp_client_start_list(), with @n_query name and value pairs in @query
 * (a pair whose value is %NULL is left out). */
void
cp_client_start_list_query (CpClient            *self,
                            const CpListRoute   *route,
                            const char          *customer_id,
                            const char * const  *query,
                            guint                n_query,
                            const char          *cursor,
                            guint                limit,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *limit_text = limit > 0 ? g_strdup_printf ("%u", MIN (limit, 100)) : NULL;
  g_auto(GStrv) segments = g_strsplit (route->path, "/", -1);
  GString *url = g_string_new (self->api_url);
  CpRequest *req;

  if (customer_id != NULL)
    {
      g_string_append (url, "/customers/");
      g_string_append_uri_escaped (url, customer_id, NULL, FALSE);
    }
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_string_append_c (url, '/');
      g_string_append_uri_escaped (url, segments[i], NULL, FALSE);
    }
  for (guint i = 0; i < n_query; i++)
    append_query (url, query[2 * i], query[2 * i + 1]);
  append_query (url, "limit", limit_text);
  append_query (url, "cursor", cursor);

  req = cp_request_new (self, "GET", g_string_free (url, FALSE));
  req->reply = list_reply_cb;
  req->list = route;
  req->limit = limit > 0 ? MIN (limit, 100) : 0;
  cp_client_start (self, req, source_tag, cancellable, callback, user_data);
}

void
cp_client_reply_object (GTask    *task,
                        JsonNode *root)
{
  CpRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  GObject *object = cp_json_build_object (root, req->parse, &error);

  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

gpointer
cp_client_finish_pointer (CpClient      *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
cp_client_finish_boolean (CpClient      *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GListModel *
cp_client_finish_list (CpClient      *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       char         **next_cursor,
                       GError       **error)
{
  Page *page = cp_client_finish_pointer (self, result, source_tag, error);
  GListModel *items;

  if (page == NULL)
    return NULL;
  items = g_steal_pointer (&page->items);
  if (next_cursor != NULL)
    *next_cursor = g_steal_pointer (&page->next_cursor);
  page_free (page);
  return items;
}

/* ---- Construction ------------------------------------------------------ */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Checks a server or vault URL: https anywhere, http only on loopback. */
gboolean
cp_client_check_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0'
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_URL,
                           _("The server address is not valid."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (host))
        return TRUE;
      g_set_error_literal (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INSECURE_URL,
                           _("The server address must start with https://."));
      return FALSE;
    }

  g_set_error_literal (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_URL,
                       _("The server address is not valid."));
  return FALSE;
}

static void
cp_client_dispose (GObject *object)
{
  CpClient *self = CP_CLIENT (object);

  g_assert (self->refresh_waiters == NULL || self->refresh_waiters->len == 0);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->token_store);
  g_clear_object (&self->account);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (cp_client_parent_class)->dispose (object);
}

static void
cp_client_finalize (GObject *object)
{
  CpClient *self = CP_CLIENT (object);

  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
  g_free (self->base_url);
  g_free (self->api_url);
  cp_client_wipe_free (self->access_token);
  cp_client_wipe_free (self->refresh_token);
  g_free (self->email);

  G_OBJECT_CLASS (cp_client_parent_class)->finalize (object);
}

static void
cp_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CpClient *self = CP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_LOGGED_IN:
      g_value_set_boolean (value, cp_client_get_logged_in (self));
      break;

    case PROP_TOKEN_STORE:
      g_value_set_object (value, self->token_store);
      break;

    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CpClient *self = CP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len;

        g_assert (self->base_url == NULL);
        self->base_url = g_strdup (url ? url : "");
        len = strlen (self->base_url);
        while (len > 0 && self->base_url[len - 1] == '/')
          self->base_url[--len] = '\0';
        self->api_url = g_strconcat (self->base_url, "/api/v1", NULL);
      }
      break;

    case PROP_TOKEN_STORE:
      cp_client_set_token_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_client_class_init (CpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_client_dispose;
  object_class->finalize = cp_client_finalize;
  object_class->get_property = cp_client_get_property;
  object_class->set_property = cp_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CP_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOGGED_IN] =
    g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL, CP_TYPE_TOKEN_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, CP_TYPE_CONFIG,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpClient::session-expired:
   *
   * The session ended without the user signing out: the refresh token was
   * refused or the server revoked the session. The app returns to login.
   */
  signals[SESSION_EXPIRED] =
    g_signal_new ("session-expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cp_client_init (CpClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("%s/%s ", PACKAGE_NAME, PACKAGE_VERSION);

  /* libsoup checks certificates against the system's trust store; no
   * certificate-override handler is ever connected, so a bad one fails. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", IO_TIMEOUT_S,
                                                 "idle-timeout", 60,
                                                 NULL);
  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->retry_base_ms = 500;
  self->retry_cap_ms = 8000;
  self->max_attempts = 4;
  self->deadline_ms = DEFAULT_DEADLINE_MS;
}

CpClient *
cp_client_new (const char  *base_url,
               GError     **error)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  if (!cp_client_check_url (base_url, error))
    return NULL;
  return g_object_new (CP_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
cp_client_get_base_url (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), NULL);
  return self->base_url;
}

/**
 * cp_client_get_account:
 *
 * Returns: (transfer none) (nullable): the signed-in user
 */
CpAccount *
cp_client_get_account (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), NULL);
  return self->account;
}

gboolean
cp_client_get_logged_in (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), FALSE);
  return self->access_token != NULL;
}

/**
 * cp_client_get_config:
 *
 * The configuration the client holds: the one last fetched by
 * cp_client_get_config_async() or cp_client_ensure_config_async(). Views
 * read it here instead of fetching `/config` again.
 *
 * Returns: (transfer none) (nullable): the cached configuration, %NULL
 *   until one was fetched
 */
CpConfig *
cp_client_get_config (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), NULL);
  return self->config;
}

CpTokenStore *
cp_client_get_token_store (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), NULL);
  return self->token_store;
}

/**
 * cp_client_set_token_store:
 * @store: (nullable): where refresh tokens are remembered; %NULL to
 *   remember nothing
 */
void
cp_client_set_token_store (CpClient     *self,
                           CpTokenStore *store)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (store == NULL || CP_IS_TOKEN_STORE (store));

  if (g_set_object (&self->token_store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_STORE]);
}

void
cp_client_set_retry_policy (CpClient *self,
                            guint     base_ms,
                            guint     cap_ms,
                            guint     max_attempts)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->retry_base_ms = MAX (base_ms, 1);
  self->retry_cap_ms = MAX (cap_ms, self->retry_base_ms);
  self->max_attempts = max_attempts;
}

void
cp_client_set_deadline (CpClient *self,
                        guint     deadline_ms)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (deadline_ms >= 1);

  self->deadline_ms = deadline_ms;
}

/* ---- For the resource files and the tests ---------------------------- */

void
cp_client_set_account (CpClient  *self,
                       CpAccount *account)
{
  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

void
cp_client_set_config (CpClient *self,
                      CpConfig *config)
{
  if (g_set_object (&self->config, config))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIG]);
}

void
cp_client_set_access_token_for_testing (CpClient   *self,
                                        const char *access_token)
{
  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (self->access_token != NULL);

  cp_client_wipe_free (self->access_token);
  self->access_token = g_strdup (access_token);
}

guint
cp_client_get_n_refreshes (CpClient *self)
{
  g_return_val_if_fail (CP_IS_CLIENT (self), 0);
  return self->n_refreshes;
}
