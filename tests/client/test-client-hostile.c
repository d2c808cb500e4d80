/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cp-client-test.h"

/*
 * The client against a small, deliberately broken SoupServer in this
 * process: dropped connections, 5xx and 429 answers, oversized, deep and
 * ill-typed replies, redirects, a revoked session and a bad certificate.
 */

/* A self-signed certificate for 127.0.0.1, made for this test only. */
static const char test_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBksC/o8lef9z25nd\n"
  "zFhYwazr5NoIsC/qpaazcmQjWJihRANCAAQkgvQqASatSFk475hHvFamJ7jbXqqC\n"
  "ckWGgSHqpAI9atAgUfDOSpIzIAHCqLjoNHgbw6epbgZYsrdizwe0C5lo\n"
  "-----END PRIVATE KEY-----\n"
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUBGf1bM6nKXxTkAkH95VBcrwqD+UwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNjA5MDgzNloYDzIxMjYxMTAy\n"
  "MDkwODM2WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAQkgvQqASatSFk475hHvFamJ7jbXqqCckWGgSHqpAI9atAgUfDOSpIz\n"
  "IAHCqLjoNHgbw6epbgZYsrdizwe0C5loo2QwYjAdBgNVHQ4EFgQUqdQL9AWdy13i\n"
  "op3nPGQh4d7vDhQwHwYDVR0jBBgwFoAUqdQL9AWdy13iop3nPGQh4d7vDhQwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IHibhlyqjjMp8C81tNh6yeUTnZSCFNBlZtCPEzw8xc7GAiEAlGFP1zGhNIoBOMG9\n"
  "ZRWr4H9mEXPFl7QSR139ybYrQnU=\n"
  "-----END CERTIFICATE-----\n";

#define CONFIG_JSON \
  "{\"company_name\":\"Acme\",\"currency\":\"USD\",\"online_payments_enabled\":true," \
  "\"vault_url\":\"http://127.0.0.1:1\",\"vault_key\":\"pk\",\"password_min_length\":12}"

#define LOGIN_JSON \
  "{\"access_token\":\"access-1\",\"refresh_token\":\"refresh-1\",\"expires_in\":60," \
  "\"user\":{\"id\":\"1\",\"email\":\"ada@example.com\",\"name\":\"Ada\",\"role\":\"customer\"," \
  "\"customer_id\":\"7\"}}"

#define PAYMENT_JSON \
  "{\"id\":\"55\",\"status\":\"succeeded\",\"amount\":{\"amount\":12550,\"currency\":\"USD\"}," \
  "\"receipt_number\":\"R-55\",\"created_at\":\"2026-01-02T03:04:05Z\"}"

#define VISIT_JSON \
  "{\"id\":\"%u\",\"date\":\"2026-03-14\",\"job_number\":\"J-%u\",\"job_type\":\"Repair\"," \
  "\"summary\":\"%s\",\"technician\":\"Sam\",\"status\":\"completed\",\"invoice_id\":null}"

#define INVOICE_JSON \
  "{\"id\":\"%u\",\"number\":\"INV-%u\",\"issued_on\":\"2026-02-01\",\"due_on\":\"2026-03-01\"," \
  "\"total\":{\"amount\":12550,\"currency\":\"USD\"}," \
  "\"balance\":{\"amount\":12550,\"currency\":\"USD\"},\"status\":\"open\",\"summary\":null}"

typedef struct
{
  SoupServer *server;
  char *url;
  /* What the next /config answers are, in order; then CONFIG_JSON. */
  const char *config_mode;
  guint config_failures;
  guint n_config;
  guint n_login;
  const char *login_mode;
  guint n_payments;
  GPtrArray *payment_keys;
  GPtrArray *payment_bodies;
  gboolean revoked;
  /* 100 visits, each with a long summary: a page above the threshold. */
  GString *big_list;
  /* 2,000 visits and 10,000 invoices, whatever the limit asked. */
  GString *long_list;
  GString *invoices;
  /* Connections taken from libsoup that answer slowly or never. */
  GPtrArray *held;
  guint trickle_id;
  guint trickle_sent;
} Hostile;

static Hostile *hostile;

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  if (json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                      strlen (json));
}

static gboolean
trickle_cb (gpointer data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (data));

  if (hostile->trickle_sent >= strlen (CONFIG_JSON)
      || !g_output_stream_write_all (out, CONFIG_JSON + hostile->trickle_sent, 1, NULL, NULL,
                                     NULL))
    {
      hostile->trickle_id = 0;
      return G_SOURCE_REMOVE;
    }
  hostile->trickle_sent++;
  return G_SOURCE_CONTINUE;
}

static void
handle_config (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *mode = hostile->config_mode;

  hostile->n_config++;
  if (mode == NULL || hostile->n_config > hostile->config_failures)
    {
      answer (msg, 200, CONFIG_JSON);
      return;
    }

  if (g_str_equal (mode, "503"))
    answer (msg, 503, "{\"error\":{\"code\":\"internal\",\"message\":\"Down for a moment.\"}}");
  else if (g_str_equal (mode, "500-no-body"))
    answer (msg, 500, NULL);
  else if (g_str_equal (mode, "429-seconds"))
    {
      soup_message_headers_replace (headers, "Retry-After", "1");
      answer (msg, 429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down.\"}}");
    }
  else if (g_str_equal (mode, "429-date"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "Retry-After", date);
      answer (msg, 429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down.\"}}");
    }
  else if (g_str_equal (mode, "429-long"))
    {
      soup_message_headers_replace (headers, "Retry-After", "120");
      answer (msg, 429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down.\"}}");
    }
  else if (g_str_equal (mode, "huge-length") || g_str_equal (mode, "huge-chunked"))
    {
      gsize size = 9 * 1024 * 1024;
      char *body = g_malloc (size);

      memset (body, ' ', size);
      memcpy (body, CONFIG_JSON, strlen (CONFIG_JSON));
      if (g_str_equal (mode, "huge-chunked"))
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (mode, "deep"))
    {
      gsize size = 300 * 1024;
      char *body = g_malloc (size);

      memset (body, '[', size);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (mode, "wrong-type"))
    answer (msg, 200, "{\"company_name\":\"Acme\",\"currency\":\"USD\","
                      "\"online_payments_enabled\":\"yes\",\"vault_url\":\"https://v\","
                      "\"vault_key\":\"pk\",\"password_min_length\":12}");
  else if (g_str_equal (mode, "not-json"))
    answer (msg, 200, "<html>Welcome to the captive portal</html>");
  else if (g_str_equal (mode, "redirect"))
    {
      soup_message_headers_replace (headers, "Location", "http://127.0.0.1:1/elsewhere");
      answer (msg, 302, NULL);
    }
  else if (g_str_equal (mode, "silent"))
    {
      /* The request arrived; not a byte of an answer ever comes. */
      g_ptr_array_add (hostile->held, soup_server_message_steal_connection (msg));
    }
  else if (g_str_equal (mode, "trickle"))
    {
      /* The headers at once, then the body one byte at a time: never
       * silent for long, so no I/O timeout ever trips. */
      GIOStream *io = soup_server_message_steal_connection (msg);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Content-Length: %zu\r\n\r\n",
                                               strlen (CONFIG_JSON));

      g_output_stream_write_all (g_io_stream_get_output_stream (io), head, strlen (head), NULL,
                                 NULL, NULL);
      g_ptr_array_add (hostile->held, io);
      hostile->trickle_sent = 0;
      g_clear_handle_id (&hostile->trickle_id, g_source_remove);
      hostile->trickle_id = g_timeout_add (250, trickle_cb, io);
    }
  else if (g_str_equal (mode, "drop"))
    {
      GIOStream *io = soup_server_message_steal_connection (msg);

      g_io_stream_close (io, NULL, NULL);
      g_object_unref (io);
    }
  else
    g_assert_not_reached ();
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (request_headers, "Authorization");
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/v1/config"))
    handle_config (msg);
  else if (g_str_equal (path, "/api/v1/auth/login"))
    {
      hostile->n_login++;
      if (hostile->login_mode != NULL)
        answer (msg, 503, NULL);
      else
        answer (msg, 200, LOGIN_JSON);
    }
  else if (g_str_equal (path, "/api/v1/auth/invitations"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "42");
      answer (msg, 400, "{\"error\":{\"code\":\"invalid_request\","
                        "\"message\":\"Enter a valid email.\",\"field\":\"email\"}}");
    }
  else if (g_strcmp0 (auth, "Bearer access-1") != 0)
    answer (msg, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Sign in.\"}}");
  else if (g_str_equal (path, "/api/v1/me"))
    {
      if (hostile->revoked)
        answer (msg, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Sign in.\"}}");
      else
        answer (msg, 200, "{\"id\":\"1\",\"email\":\"ada@example.com\",\"name\":\"Ada\","
                          "\"role\":\"customer\",\"customer_id\":\"7\"}");
    }
  else if (g_str_equal (path, "/api/v1/customers/7/payments") && g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      const char *key = soup_message_headers_get_one (request_headers, "Idempotency-Key");

      hostile->n_payments++;
      g_ptr_array_add (hostile->payment_keys, g_strdup (key));
      g_ptr_array_add (hostile->payment_bodies, g_bytes_ref (bytes));
      if (hostile->n_payments == 1)
        {
          /* The request arrived; the answer never does. */
          GIOStream *io = soup_server_message_steal_connection (msg);

          g_io_stream_close (io, NULL, NULL);
          g_object_unref (io);
        }
      else if (hostile->n_payments == 2)
        answer (msg, 502, NULL);
      else
        answer (msg, 201, PAYMENT_JSON);
    }
  else if (g_str_equal (path, "/api/v1/customers/7/service-history"))
    answer (msg, 200, hostile->big_list->str);
  else if (g_str_equal (path, "/api/v1/customers/8/service-history"))
    answer (msg, 200, hostile->long_list->str);
  else if (g_str_equal (path, "/api/v1/customers/7/invoices"))
    answer (msg, 200, hostile->invoices->str);
  else
    answer (msg, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"No such thing.\"}}");
}

static void
hostile_reset (void)
{
  g_clear_handle_id (&hostile->trickle_id, g_source_remove);
  g_ptr_array_set_size (hostile->held, 0);
  hostile->config_mode = NULL;
  hostile->config_failures = 0;
  hostile->n_config = 0;
  hostile->n_login = 0;
  hostile->login_mode = NULL;
  hostile->revoked = FALSE;
}

/* GET /config, or with @cached the client's cached configuration. */
static CpConfig *
await_config (CpClient  *client,
              gboolean   cached,
              GError   **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  if (cached)
    {
      CP_AWAIT (res, cp_client_ensure_config_async (client, NULL, cp_test_result_cb, &res));
      return cp_client_ensure_config_finish (client, res, error);
    }
  CP_AWAIT (res, cp_client_get_config_async (client, NULL, cp_test_result_cb, &res));
  return cp_client_get_config_finish (client, res, error);
}

#define get_config(client, error) await_config ((client), FALSE, (error))
#define ensure_config(client, error) await_config ((client), TRUE, (error))

static void
test_retry_5xx (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = NULL;

  hostile_reset ();
  hostile->config_mode = "503";
  hostile->config_failures = 2;
  config = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  g_assert_cmpuint (hostile->n_config, ==, 3);

  /* A server that stays down: max_attempts tries, then its message. */
  hostile_reset ();
  hostile->config_mode = "503";
  hostile->config_failures = 100;
  g_assert_null (get_config (client, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INTERNAL);
  g_assert_cmpstr (error->message, ==, "Down for a moment.");
  g_assert_cmpuint (hostile->n_config, ==, 4);
  g_clear_error (&error);

  /* No body at all: still an error with a message of our own. */
  hostile_reset ();
  hostile->config_mode = "500-no-body";
  hostile->config_failures = 100;
  g_assert_null (get_config (client, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INTERNAL);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* A dropped connection on a GET is retried too. */
  hostile_reset ();
  hostile->config_mode = "drop";
  hostile->config_failures = 1;
  config = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hostile->n_config, ==, 2);
}

static void
test_retry_after (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = NULL;
  gint64 start;

  hostile_reset ();
  hostile->config_mode = "429-seconds";
  hostile->config_failures = 1;
  start = g_get_monotonic_time ();
  config = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 950 * 1000);
  g_assert_cmpuint (hostile->n_config, ==, 2);
  g_clear_object (&config);

  /* An HTTP-date two seconds ahead (whole seconds: at least one). */
  hostile_reset ();
  hostile->config_mode = "429-date";
  hostile->config_failures = 1;
  start = g_get_monotonic_time ();
  config = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (hostile->n_config, ==, 2);

  /* Too long to wait: the error goes up with how long to wait. */
  hostile_reset ();
  hostile->config_mode = "429-long";
  hostile->config_failures = 100;
  g_assert_null (get_config (client, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpint (cp_client_error_get_retry_after (error), ==, 120);
  g_assert_cmpuint (hostile->n_config, ==, 1);
}

/* Waits for @res at most @max_ms; FALSE if it never came. */
static gboolean
wait_at_most (GAsyncResult **res,
              guint          max_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (max_ms, cp_test_timeout_cb, &expired);

  while (*res == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *res != NULL;
}

/* One deadline for the whole call: a server that never answers, and one
 * that answers a byte at a time, both end in a timeout soon after it. */
static void
test_deadline (void)
{
  static const char *modes[] = { "silent", "trickle" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CpConfig) config = NULL;
      gint64 start, took;

      g_test_message ("server: %s", modes[i]);
      hostile_reset ();
      hostile->config_mode = modes[i];
      hostile->config_failures = 100;
      cp_client_set_deadline (client, 1500);
      start = g_get_monotonic_time ();
      cp_client_get_config_async (client, NULL, cp_test_result_cb, &res);
      /* Without a deadline: 4 × 30 s for "silent", forever for "trickle". */
      g_assert_true (wait_at_most (&res, 10 * 1000));
      took = (g_get_monotonic_time () - start) / 1000;
      g_test_message ("%s: an error after %" G_GINT64_FORMAT " ms", modes[i], took);
      config = cp_client_get_config_finish (client, res, &error);
      g_assert_null (config);
      g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TIMEOUT);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (took, >=, 1400);
      g_assert_cmpint (took, <, 4000);
      /* The trickle had begun: the deadline cut a reply being read. */
      if (g_str_equal (modes[i], "trickle"))
        g_assert_cmpuint (hostile->trickle_sent, >, 0);
    }
  hostile_reset ();
}

/* The deadline counts the backoff too: retries that would end past it are
 * not waited for. */
static void
test_deadline_backoff (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, took;

  hostile_reset ();
  hostile->config_mode = "503";
  hostile->config_failures = 100;
  cp_client_set_retry_policy (client, 4000, 4000, 10);
  cp_client_set_deadline (client, 1500);
  start = g_get_monotonic_time ();
  cp_client_get_config_async (client, NULL, cp_test_result_cb, &res);
  g_assert_true (wait_at_most (&res, 10 * 1000));
  took = (g_get_monotonic_time () - start) / 1000;
  g_assert_null (cp_client_get_config_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INTERNAL);
  g_assert_cmpint (took, <, 1500);
  g_assert_cmpuint (hostile->n_config, ==, 1);
}

static void
test_bad_replies (void)
{
  static const char *modes[] = {
    "huge-length", "huge-chunked", "deep", "wrong-type", "not-json", "redirect",
  };
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CpConfig) config = NULL;

      g_test_message ("reply: %s", modes[i]);
      hostile_reset ();
      hostile->config_mode = modes[i];
      hostile->config_failures = 100;
      config = get_config (client, &error);
      g_assert_null (config);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CP_CLIENT_ERROR);
      if (!g_str_equal (modes[i], "redirect"))
        g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
      /* A bad reply is not a reason to ask again. */
      g_assert_cmpuint (hostile->n_config, ==, 1);
      g_assert_null (cp_client_get_config (client));
    }
}

/* The configuration is fetched once: every later ensure gets the cached
 * one, and only an explicit get fetches again. */
static void
test_config_cached (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) first = NULL;
  g_autoptr(CpConfig) second = NULL;
  g_autoptr(CpConfig) fresh = NULL;

  /* A failed fetch caches nothing, so the next ensure asks again. */
  hostile_reset ();
  hostile->config_mode = "not-json";
  hostile->config_failures = 1;
  g_assert_null (ensure_config (client, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_null (cp_client_get_config (client));
  g_clear_error (&error);

  first = ensure_config (client, &error);
  g_assert_no_error (error);
  g_assert_true (cp_client_get_config (client) == first);
  second = ensure_config (client, &error);
  g_assert_true (second == first);
  g_assert_cmpuint (hostile->n_config, ==, 2);

  fresh = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_true (cp_client_get_config (client) == fresh);
  g_assert_cmpuint (hostile->n_config, ==, 3);
}

static void
test_error_details (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAccount) account = NULL;

  hostile_reset ();
  CP_AWAIT (res, cp_client_request_invitation_async (client, "nope", NULL, cp_test_result_cb, &res));
  g_assert_false (cp_client_request_invitation_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "Enter a valid email.");
  g_assert_cmpstr (cp_client_error_get_field (error), ==, "email");
  g_assert_cmpint (cp_client_error_get_retry_after (error), ==, 42);
  g_clear_error (&error);

  /* A POST other than a payment is never retried. */
  hostile->login_mode = "503";
  CP_AWAIT (res, cp_client_login_async (client, "ada@example.com", "pw", NULL,
                                        cp_test_result_cb, &res));
  account = cp_client_login_finish (client, res, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INTERNAL);
  g_assert_cmpuint (hostile->n_login, ==, 1);
}

static void
session_expired_cb (CpClient *client,
                    gpointer  user_data)
{
  (*(guint *) user_data)++;
}

static void
test_payment_retry_same_key (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpPayment) payment = NULL;
  g_autoptr(CpMoney) amount = cp_money_new (12550, "USD");
  const char *ids[] = { "3", "4", NULL };

  hostile_reset ();
  account = cp_test_login (client, "ada@example.com", "pw");
  CP_AWAIT (res, cp_client_create_payment_async (client, "7", ids, amount, "5", NULL, NULL,
                                                 cp_test_result_cb, &res));
  payment = cp_client_create_payment_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_payment_get_id (payment), ==, "55");

  /* Dropped, 502, then answered: one key (a v4 UUID), one body. */
  g_assert_cmpuint (hostile->n_payments, ==, 3);
  g_assert_true (g_uuid_string_is_valid (hostile->payment_keys->pdata[0]));
  g_assert_cmpint (((char *) hostile->payment_keys->pdata[0])[14], ==, '4');
  for (guint i = 1; i < hostile->n_payments; i++)
    {
      g_assert_cmpstr (hostile->payment_keys->pdata[i], ==, hostile->payment_keys->pdata[0]);
      g_assert_true (g_bytes_equal (hostile->payment_bodies->pdata[i],
                                    hostile->payment_bodies->pdata[0]));
    }
}

static void
test_revoked_session (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  guint expired = 0;

  hostile_reset ();
  g_signal_connect (client, "session-expired", G_CALLBACK (session_expired_cb), &expired);
  account = cp_test_login (client, "ada@example.com", "pw");
  hostile->revoked = TRUE;
  CP_AWAIT (res, cp_client_get_me_async (client, NULL, cp_test_result_cb, &res));
  g_assert_null (cp_client_get_me_finish (client, res, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_cmpuint (expired, ==, 1);
  g_assert_false (cp_client_get_logged_in (client));
}

/* A page above the threshold is parsed in a worker thread. */
static void
test_big_page (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autofree char *cursor = NULL;

  hostile_reset ();
  account = cp_test_login (client, "ada@example.com", "pw");
  g_assert_cmpuint (hostile->big_list->len, >, 256 * 1024);
  CP_AWAIT (res, cp_client_list_service_history_async (client, "7", NULL, 100, NULL,
                                                       cp_test_result_cb, &res));
  items = cp_client_list_service_history_finish (client, res, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 100);
  g_assert_cmpstr (cursor, ==, "next");
}

/* A server that ignores the page size: the page is refused with an error
 * of its own, before any item is built. */
static void
test_page_over_limit (void)
{
  g_autoptr(CpClient) client = cp_test_client_new (hostile->url);
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autofree char *cursor = NULL;
  gint64 start;

  hostile_reset ();
  account = cp_test_login (client, "ada@example.com", "pw");

  CP_AWAIT (res, cp_client_list_service_history_async (client, "8", NULL, 100, NULL,
                                                       cp_test_result_cb, &res));
  items = cp_client_list_service_history_finish (client, res, &cursor, &error);
  g_assert_null (items);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TOO_MANY_ITEMS);
  g_assert_null (cursor);
  g_clear_error (&error);

  /* 10,000 open invoices for a page of 25. */
  start = g_get_monotonic_time ();
  CP_AWAIT (res, cp_client_list_invoices_async (client, "7", CP_INVOICE_FILTER_OPEN, NULL, 25,
                                                NULL, cp_test_result_cb, &res));
  items = cp_client_list_invoices_finish (client, res, &cursor, &error);
  g_test_message ("10,000 invoices for a page of 25: refused after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_null (items);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TOO_MANY_ITEMS);
  g_assert_cmpstr (error->message, !=, "");
}

static void
bad_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_pem (test_pem, -1, &error);
  g_autoptr(SoupServer) tls_server = NULL;
  g_autoptr(CpClient) client = NULL;
  g_autoptr(CpConfig) config = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  g_assert_no_error (error);
  tls_server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (tls_server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (tls_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (tls_server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  hostile_reset ();
  client = cp_test_client_new (url);
  config = get_config (client, &error);
  g_assert_null (config);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TLS);
  /* Refused before any request reached the server. */
  g_assert_cmpuint (hostile->n_config, ==, 0);
}

/* In a child process: LeakSanitizer's tracer crashes at exit on the TLS
 * worker threads of glib-networking, so the child runs without leak
 * checking (AddressSanitizer's other checks stay on). */
static void
test_bad_certificate (void)
{
  g_autofree char *saved = NULL;

  if (g_test_subprocess ())
    {
      bad_certificate ();
      return;
    }

  saved = g_strdup (g_getenv ("ASAN_OPTIONS"));
  g_setenv ("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("ASAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("ASAN_OPTIONS");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int ret;

  g_test_init (&argc, &argv, NULL);

  hostile = g_new0 (Hostile, 1);
  hostile->payment_keys = g_ptr_array_new_with_free_func (g_free);
  hostile->payment_bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  hostile->held = g_ptr_array_new_with_free_func (g_object_unref);
  {
    g_autofree char *summary = g_strnfill (3000, 'x');

    hostile->big_list = g_string_new ("{\"items\":[");
    for (guint i = 0; i < 100; i++)
      {
        if (i > 0)
          g_string_append_c (hostile->big_list, ',');
        g_string_append_printf (hostile->big_list, VISIT_JSON, i + 1, i + 1, summary);
      }
    g_string_append (hostile->big_list, "],\"next_cursor\":\"next\"}");
  }
  hostile->long_list = g_string_new ("{\"items\":[");
  for (guint i = 0; i < 2000; i++)
    {
      if (i > 0)
        g_string_append_c (hostile->long_list, ',');
      g_string_append_printf (hostile->long_list, VISIT_JSON, i + 1, i + 1, "Fixed the boiler");
    }
  g_string_append (hostile->long_list, "],\"next_cursor\":\"next\"}");
  hostile->invoices = g_string_new ("{\"items\":[");
  for (guint i = 0; i < 10000; i++)
    {
      if (i > 0)
        g_string_append_c (hostile->invoices, ',');
      g_string_append_printf (hostile->invoices, INVOICE_JSON, i + 1, i + 1);
    }
  g_string_append (hostile->invoices, "],\"next_cursor\":null}");

  hostile->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (hostile->server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (hostile->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (hostile->server);
  hostile->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/client-hostile/retry-5xx", test_retry_5xx);
  g_test_add_func ("/client-hostile/retry-after", test_retry_after);
  g_test_add_func ("/client-hostile/bad-replies", test_bad_replies);
  g_test_add_func ("/client-hostile/deadline", test_deadline);
  g_test_add_func ("/client-hostile/deadline-backoff", test_deadline_backoff);
  g_test_add_func ("/client-hostile/config-cached", test_config_cached);
  g_test_add_func ("/client-hostile/error-details", test_error_details);
  g_test_add_func ("/client-hostile/payment-retry-same-key", test_payment_retry_same_key);
  g_test_add_func ("/client-hostile/revoked-session", test_revoked_session);
  g_test_add_func ("/client-hostile/big-page-in-thread", test_big_page);
  g_test_add_func ("/client-hostile/page-over-limit", test_page_over_limit);
  g_test_add_func ("/client-hostile/bad-certificate", test_bad_certificate);

  ret = g_test_run ();

  g_clear_object (&hostile->server);
  g_ptr_array_unref (hostile->payment_keys);
  g_ptr_array_unref (hostile->payment_bodies);
  g_ptr_array_unref (hostile->held);
  g_string_free (hostile->big_list, TRUE);
  g_string_free (hostile->long_list, TRUE);
  g_string_free (hostile->invoices, TRUE);
  g_free (hostile->url);
  g_free (hostile);
  return ret;
}
