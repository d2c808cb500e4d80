/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>
#include <sys/resource.h>

#include "cp-server.h"
#include "cp-connections.h"
#include "api/cp-api.h"
#include "demo/cp-demo.h"
#include "mail/cp-mailer.h"
#include "store/cp-clock.h"
#include "store/cp-db.h"
#include "store/cp-password.h"
#include "store/cp-store.h"
#include "store/cp-store-codes.h"
#include "store/cp-store-users.h"
#include "api/cp-api-payments.h"
#include "processor/cp-processor.h"
#include "processor/cp-processor-client.h"

#define DEFAULT_ACCESS_TTL (15 * 60)
#define DEFAULT_REFRESH_TTL (30 * 24 * 60 * 60)
#define SHUTDOWN_GRACE_USEC (10 * G_USEC_PER_SEC)
#define CLEANUP_INTERVAL_SECONDS 300
#define DEFAULT_VERIFY_INTERVAL (15 * 60)
/* The first AutoPay run after starting comes this soon (or after the
 * interval, if shorter), so that restarts never starve it. */
#define FIRST_AUTOPAY_DELAY 10
#define DEFAULT_PROCESSOR_TIMEOUT 20

struct _CpServer
{
  GObject parent_instance;

  /* Owned services; the API borrows them through env. */
  SoupServer *soup;
  CpConnections *connections;
  guint max_connections;
  guint idle_timeout;
  CpDb *db;
  CpProcessor *processor;          /* embedded, without --processor */
  CpProcessorClient *processor_client;
  GHashTable *charging;
  guint verify_interval;
  guint autopay_interval;          /* 0: never */
  guint processor_timeout;
  CpMailer *mailer;
  char *base_url;
  char *dummy_hash;
  GHashTable *throttle;
  guint8 code_key[CP_CODE_KEY_SIZE];
  CpApiEnv env;

  guint in_flight;
  gboolean stopping;
  gint64 shutdown_deadline;
  guint drain_id;
  guint cleanup_id;
  guint verify_id;
  guint first_verify_id;
  guint autopay_id;
  guint first_autopay_id;
};

G_DEFINE_FINAL_TYPE (CpServer, cp_server, G_TYPE_OBJECT)

enum {
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cp_server_dispose (GObject *object)
{
  CpServer *self = CP_SERVER (object);

  g_clear_handle_id (&self->drain_id, g_source_remove);
  g_clear_handle_id (&self->cleanup_id, g_source_remove);
  g_clear_handle_id (&self->verify_id, g_source_remove);
  g_clear_handle_id (&self->first_verify_id, g_source_remove);
  g_clear_handle_id (&self->autopay_id, g_source_remove);
  g_clear_handle_id (&self->first_autopay_id, g_source_remove);
  if (self->processor_client != NULL)
    cp_processor_client_close (self->processor_client);
  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
    }
  g_clear_pointer (&self->connections, cp_connections_free);
  g_clear_object (&self->soup);
  g_clear_object (&self->processor_client);
  g_clear_object (&self->processor);

  G_OBJECT_CLASS (cp_server_parent_class)->dispose (object);
}

static void
cp_server_finalize (GObject *object)
{
  CpServer *self = CP_SERVER (object);

  g_clear_pointer (&self->db, cp_db_close);
  g_clear_pointer (&self->charging, g_hash_table_unref);
  g_clear_pointer (&self->mailer, cp_mailer_free);
  g_clear_pointer (&self->throttle, g_hash_table_unref);
  g_free (self->base_url);
  g_free (self->dummy_hash);
  sodium_memzero (self->code_key, sizeof self->code_key);

  G_OBJECT_CLASS (cp_server_parent_class)->finalize (object);
}

static void
cp_server_class_init (CpServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_server_dispose;
  object_class->finalize = cp_server_finalize;

  /**
   * CpServer::stopped:
   *
   * Emitted once after cp_server_shutdown(), when the requests in flight
   * have ended or the grace period is over.
   */
  signals[STOPPED] = g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cp_server_init (CpServer *self)
{
  self->throttle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->env.access_ttl = DEFAULT_ACCESS_TTL;
  self->env.refresh_ttl = DEFAULT_REFRESH_TTL;
  self->env.throttle = self->throttle;
  self->max_connections = CP_CONNECTIONS_DEFAULT_MAX;
  self->idle_timeout = CP_CONNECTIONS_DEFAULT_IDLE_TIMEOUT;
  self->charging = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->env.charging = self->charging;
  self->verify_interval = DEFAULT_VERIFY_INTERVAL;
  self->autopay_interval = CP_SERVER_DEFAULT_AUTOPAY_INTERVAL;
  self->processor_timeout = DEFAULT_PROCESSOR_TIMEOUT;
}

/**
 * cp_server_new:
 * @db_path: the portal database file, created and migrated as needed
 *
 * Returns: (transfer full) (nullable): a server that does not listen yet
 */
CpServer *
cp_server_new (const char  *db_path,
               GError     **error)
{
  g_autoptr(CpServer) self = NULL;
  g_autofree char *key_path = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  /* Safe to call again; main() calls it first to say why it cannot start. */
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot initialize libsodium");
      return NULL;
    }
  self = g_object_new (CP_TYPE_SERVER, NULL);
  self->db = cp_db_open (db_path, "portal", error);
  if (self->db == NULL || !cp_db_migrate_portal (self->db, error))
    return NULL;
  self->env.db = self->db;
  /* The key of the mailed codes' digests, beside the database, not in it. */
  key_path = g_strconcat (db_path, "-secret", NULL);
  if (!cp_store_code_key_load (key_path, self->code_key, error))
    return NULL;
  self->env.code_key = self->code_key;
  return g_steal_pointer (&self);
}

void
cp_server_set_access_ttl (CpServer *self,
                          gint64    seconds)
{
  g_return_if_fail (CP_IS_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->env.access_ttl = seconds;
}

/**
 * cp_server_set_connection_limits:
 * @max_connections: connections open at a time (0: the default); fewer
 *   when the process may not open that many files
 * @idle_timeout: seconds a connection may stay idle or take to send a
 *   request (0: the default)
 *
 * Takes effect with cp_server_listen().
 */
void
cp_server_set_connection_limits (CpServer *self,
                                 guint     max_connections,
                                 guint     idle_timeout)
{
  g_return_if_fail (CP_IS_SERVER (self));

  self->max_connections = max_connections > 0 ? max_connections : CP_CONNECTIONS_DEFAULT_MAX;
  self->idle_timeout = idle_timeout > 0 ? idle_timeout : CP_CONNECTIONS_DEFAULT_IDLE_TIMEOUT;
}

/* Connections within the file descriptors the process may open, leaving
 * room for the databases, mail, the listening socket and GLib's own. */
static guint
connections_within_fd_limit (guint wanted)
{
  struct rlimit limit;
  const rlim_t reserve = 32;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return wanted;
  if (limit.rlim_cur < reserve + 8)
    return 8;
  return (guint) MIN ((rlim_t) wanted, limit.rlim_cur - reserve);
}

gint64
cp_server_get_access_ttl (CpServer *self)
{
  g_return_val_if_fail (CP_IS_SERVER (self), 0);

  return self->env.access_ttl;
}

/* A staff or admin login from the command line; its name is the email's
 * local part until the office renames it. */
gboolean
cp_server_add_login (CpServer    *self,
                     const char  *role,
                     const char  *email,
                     const char  *password,
                     GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (CP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (strchr (email, '@') != NULL, FALSE);

  hash = cp_password_hash (password);
  if (hash == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot hash the password");
      return FALSE;
    }
  name = g_strndup (email, (gsize) (strchr (email, '@') - email));
  rc = cp_store_user_add (self->db, email, name, role, 0, hash, cp_now (), &id);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CP_DB_ERROR, rc, "Cannot add %s: %s", email,
                   (rc & 0xff) == SQLITE_CONSTRAINT ? "a login with this email exists"
                                                    : cp_db_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

/* How often pending payments are checked with the processor. */
void
cp_server_set_verify_interval (CpServer *self,
                               guint     seconds)
{
  g_return_if_fail (CP_IS_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->verify_interval = seconds;
}

/* How often the AutoPay scheduler pays what fell due; 0: never. Before
 * cp_server_listen(). */
void
cp_server_set_autopay_interval (CpServer *self,
                                guint     seconds)
{
  g_return_if_fail (CP_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);

  self->autopay_interval = seconds;
}

/* How long the processor may take to answer before a charge's outcome
 * counts as unknown (the payment stays pending). Before a processor is set. */
void
cp_server_set_processor_timeout (CpServer *self,
                                 guint     seconds)
{
  g_return_if_fail (CP_IS_SERVER (self));
  g_return_if_fail (self->processor_client == NULL);

  self->processor_timeout = seconds;
}

/**
 * cp_server_use_processor:
 * @url: the processor's `http://HOST:PORT`
 * @api_key: its secret key
 *
 * Charges through a customer-portal-processor running elsewhere.
 */
void
cp_server_use_processor (CpServer   *self,
                         const char *url,
                         const char *api_key)
{
  g_return_if_fail (CP_IS_SERVER (self));
  g_return_if_fail (self->processor_client == NULL);

  self->processor_client = cp_processor_client_new (url, api_key, self->processor_timeout);
  self->env.processor = self->processor_client;
}

/**
 * cp_server_open_processor:
 * @store_path: the processor's own database (never the portal's)
 * @key_file: its key file, created if absent
 * @api_key: the key the portal presents to it
 *
 * Runs the processor in this process, on a loopback port of its own: the
 * portal still reaches it only over HTTP, as it would a remote one.
 */
gboolean
cp_server_open_processor (CpServer    *self,
                          const char  *store_path,
                          const char  *key_file,
                          const char  *api_key,
                          GError     **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  g_return_val_if_fail (CP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->processor_client == NULL, FALSE);

  self->processor = cp_processor_new (store_path, key_file, api_key, error);
  if (self->processor == NULL || !cp_processor_listen (self->processor, loopback, 0, error))
    {
      g_clear_object (&self->processor);
      return FALSE;
    }
  cp_server_use_processor (self, cp_processor_get_base_url (self->processor), api_key);
  return TRUE;
}

void
cp_server_set_mail_dir (CpServer   *self,
                        const char *mail_dir)
{
  g_return_if_fail (CP_IS_SERVER (self));

  g_clear_pointer (&self->mailer, cp_mailer_free);
  self->mailer = cp_mailer_new (mail_dir, "Customer Portal <no-reply@customer-portal.invalid>");
  self->env.mailer = self->mailer;
}

/* Demo cards at the processor in this process: through its vault. */
static gboolean
tokenize_embedded (const char   *number,
                   int           exp_month,
                   int           exp_year,
                   const char   *cvc,
                   const char   *cardholder_name,
                   const char   *postal_code,
                   CpVaultCard  *out,
                   gpointer      user_data,
                   GError      **error)
{
  CpVault *vault = cp_processor_get_vault (user_data);
  const char *field = NULL, *message = NULL;
  char token[sizeof out->token];

  if (!cp_vault_tokenize (vault, number, exp_month, exp_year, cvc, cardholder_name, postal_code,
                          out, &field, &message))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message ? message : "vault error");
      return FALSE;
    }
  g_strlcpy (token, out->token, sizeof token);
  cp_vault_card_clear (out);
  if (!cp_vault_attach (vault, token, out))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot attach a demo card");
      return FALSE;
    }
  return TRUE;
}

/* Demo cards at a processor elsewhere: over HTTP, before serving. */
static gboolean
tokenize_remote (const char   *number,
                 int           exp_month,
                 int           exp_year,
                 const char   *cvc,
                 const char   *cardholder_name,
                 const char   *postal_code,
                 CpVaultCard  *out,
                 gpointer      user_data,
                 GError      **error)
{
  return cp_processor_client_tokenize_blocking (user_data, number, exp_month, exp_year, cvc,
                                                cardholder_name, postal_code, out, error);
}

gboolean
cp_server_seed_demo (CpServer  *self,
                     GError   **error)
{
  g_return_val_if_fail (CP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->processor_client != NULL, FALSE);

  if (self->processor != NULL)
    return cp_demo_seed (self->db, tokenize_embedded, self->processor, error);
  return cp_demo_seed (self->db, tokenize_remote, self->processor_client, error);
}

/* --demo-scale N: the big-data payment methods of the office's report. */
gboolean
cp_server_seed_demo_scale (CpServer  *self,
                           guint      n_methods,
                           GError   **error)
{
  g_return_val_if_fail (CP_IS_SERVER (self), FALSE);

  return cp_demo_seed_scale (self->db, n_methods, error);
}

/* A request is in flight from the moment it has been read until its answer
 * is written (or the client goes away). "request-started" would not do: it
 * also fires for idle keep-alive connections waiting for a next request. */
static void
request_read_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 CpServer          *self)
{
  g_object_set_data (G_OBJECT (msg), "cp-in-flight", GINT_TO_POINTER (1));
  self->in_flight++;
}

static void
request_ended_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  CpServer          *self)
{
  if (g_object_get_data (G_OBJECT (msg), "cp-in-flight") == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), "cp-in-flight", NULL);
  g_assert (self->in_flight > 0);
  self->in_flight--;
}

/* Expired tokens, codes and idempotency records are dropped now and then. */
static gboolean
cleanup_cb (gpointer user_data)
{
  CpServer *self = user_data;

  cp_store_drop_expired (self->db, cp_now ());
  return G_SOURCE_CONTINUE;
}

static gboolean
verify_cb (gpointer user_data)
{
  CpServer *self = user_data;

  if (!self->stopping)
    cp_api_payments_verify (&self->env);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_verify_cb (gpointer user_data)
{
  CpServer *self = user_data;

  self->first_verify_id = 0;
  verify_cb (self);
  return G_SOURCE_REMOVE;
}

static gboolean
autopay_cb (gpointer user_data)
{
  CpServer *self = user_data;

  if (!self->stopping)
    cp_api_payments_autopay (&self->env);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_autopay_cb (gpointer user_data)
{
  CpServer *self = user_data;

  self->first_autopay_id = 0;
  autopay_cb (self);
  self->autopay_id = g_timeout_add_seconds (self->autopay_interval, autopay_cb, self);
  return G_SOURCE_REMOVE;
}

gboolean
cp_server_listen (CpServer      *self,
                  GInetAddress  *address,
                  guint16        port,
                  GError       **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (CP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);
  g_return_val_if_fail (self->processor_client != NULL && self->mailer != NULL, FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  /* Unknown emails are checked against this hash, so they cost the same. */
  if (self->dummy_hash == NULL)
    self->dummy_hash = cp_password_hash ("not a real password, only for timing");
  self->env.dummy_hash = self->dummy_hash;

  self->soup = soup_server_new ("server-header", "customer-portal-server/" PACKAGE_VERSION, NULL);
  cp_api_register (self->soup, &self->env);
  g_signal_connect (self->soup, "request-read", G_CALLBACK (request_read_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_ended_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_ended_cb), self);

  socket_address = g_inet_socket_address_new (address, port);
  self->connections = cp_connections_listen (self->soup, socket_address,
                                             connections_within_fd_limit (self->max_connections),
                                             self->idle_timeout, error);
  if (self->connections == NULL)
    return FALSE;
  port = cp_connections_get_port (self->connections);
  g_debug ("At most %u connections, idle for %u s",
           cp_connections_get_max (self->connections), self->idle_timeout);
  host = g_inet_address_to_string (address);
  if (g_inet_address_get_is_any (address))
    {
      g_free (host);
      host = g_strdup (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "::1"
                                                                                 : "127.0.0.1");
    }
  g_free (self->base_url);
  if (strchr (host, ':') != NULL)
    self->base_url = g_strdup_printf ("http://[%s]:%u", host, port);
  else
    self->base_url = g_strdup_printf ("http://%s:%u", host, port);
  self->env.base_url = self->base_url;

  {
    const char *interval = g_getenv ("CP_SERVER_CLEANUP_INTERVAL");
    gint64 seconds = interval != NULL ? g_ascii_strtoll (interval, NULL, 10) : 0;

    /* Test hook: clean up every few seconds. */
    self->cleanup_id = g_timeout_add_seconds (seconds > 0 ? (guint) MIN (seconds, 3600)
                                                          : CLEANUP_INTERVAL_SECONDS,
                                              cleanup_cb, self);
  }
  /* Pending payments of an earlier run are checked soon after starting,
   * then every verify interval. */
  self->first_verify_id = g_timeout_add_seconds (1, first_verify_cb, self);
  self->verify_id = g_timeout_add_seconds (self->verify_interval, verify_cb, self);
  if (self->autopay_interval > 0)
    self->first_autopay_id = g_timeout_add_seconds (MIN (self->autopay_interval,
                                                         FIRST_AUTOPAY_DELAY),
                                                    first_autopay_cb, self);
  return TRUE;
}

/**
 * cp_server_get_base_url:
 *
 * Returns: `http://HOST:PORT` (no trailing slash) once listening, else %NULL
 */
const char *
cp_server_get_base_url (CpServer *self)
{
  g_return_val_if_fail (CP_IS_SERVER (self), NULL);

  return self->base_url;
}

/**
 * cp_server_get_soup_server:
 *
 * Returns: (transfer none) (nullable): the HTTP server, once listening
 */
SoupServer *
cp_server_get_soup_server (CpServer *self)
{
  g_return_val_if_fail (CP_IS_SERVER (self), NULL);

  return self->soup;
}

static gboolean
drain_cb (gpointer user_data)
{
  CpServer *self = user_data;

  if (self->in_flight > 0 && g_get_monotonic_time () <= self->shutdown_deadline)
    return G_SOURCE_CONTINUE;
  if (self->in_flight > 0)
    g_message ("Stopping with %u requests unfinished", self->in_flight);
  self->drain_id = 0;
  g_signal_emit (self, signals[STOPPED], 0);
  return G_SOURCE_REMOVE;
}

/**
 * cp_server_shutdown:
 *
 * Starts a clean shutdown: CpServer::stopped follows once the requests in
 * flight have ended, or after a grace period. Calling it again does nothing.
 */
void
cp_server_shutdown (CpServer *self)
{
  g_return_if_fail (CP_IS_SERVER (self));

  if (self->stopping)
    return;
  self->stopping = TRUE;
  g_message ("Shutting down");
  self->shutdown_deadline = g_get_monotonic_time () + SHUTDOWN_GRACE_USEC;
  if (drain_cb (self))
    self->drain_id = g_timeout_add (20, drain_cb, self);
}
