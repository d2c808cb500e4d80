/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cp-connections.h"

/*
 * Why the server accepts connections itself rather than letting libsoup
 * listen: libsoup 3.2's listener gives up its accept watch for good on the
 * first failed accept (EMFILE: out of file descriptors), and it has no cap
 * on connections and no timeout for a request that trickles in. Here each
 * accepted socket is handed to libsoup with soup_server_accept_iostream().
 *
 * libsoup keeps a connection alive after an answer only while it has a
 * listener of its own, so it is given one that can never accept: one end
 * of a socket pair whose other end stays silent.
 */

#define OUT_OF_FILES_RETRY_MS 100

typedef struct
{
  GSocketConnection *stream;
  GSocket *socket;
  GSocketAddress *remote;  /* the key libsoup hands back with each message */
  gint64 idle_since;       /* monotonic µs; while busy, when it became busy */
  guint busy;              /* requests read and not yet answered */
  gboolean dropped;        /* shut down by us, libsoup is closing it */
} Conn;

struct _CpConnections
{
  SoupServer *soup;        /* borrowed */
  GSocket *listener;
  GSocket *keepalive[2];
  GSource *accept_source;
  guint retry_id;
  guint sweep_id;
  int spare_fd;            /* given up to accept (and close) one connection */
  guint max;
  guint idle_timeout;      /* seconds */
  GQueue conns;            /* Conn, oldest first */
  GHashTable *by_remote;   /* GSocketAddress → its GList link in conns */
  guint n_live;            /* neither closed nor dropped */
  gint64 last_warning;
};

static gboolean accept_cb (GSocket      *listener,
                           GIOCondition  condition,
                           gpointer      user_data);

static void
conn_free (Conn *conn)
{
  g_object_unref (conn->stream);
  g_object_unref (conn->socket);
  g_object_unref (conn->remote);
  g_free (conn);
}

static void
drop (CpConnections *self,
      Conn          *conn)
{
  if (conn->dropped)
    return;
  /* libsoup reads the end of the stream and closes the connection itself. */
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
  conn->dropped = TRUE;
  self->n_live--;
}

static void
forget_closed (CpConnections *self)
{
  GList *link = self->conns.head;

  while (link != NULL)
    {
      GList *next = link->next;
      Conn *conn = link->data;

      if (g_io_stream_is_closed (G_IO_STREAM (conn->stream)))
        {
          if (!conn->dropped)
            self->n_live--;
          g_hash_table_remove (self->by_remote, conn->remote);
          g_queue_delete_link (&self->conns, link);
          conn_free (conn);
        }
      link = next;
    }
}

static Conn *
oldest_idle (CpConnections *self)
{
  for (GList *link = self->conns.head; link != NULL; link = link->next)
    {
      Conn *conn = link->data;

      if (!conn->dropped && conn->busy == 0
          && !g_io_stream_is_closed (G_IO_STREAM (conn->stream)))
        return conn;
    }
  return NULL;
}

static void
warn_now_and_then (CpConnections *self,
                   const char    *what)
{
  gint64 now = g_get_monotonic_time ();

  if (self->last_warning != 0 && now - self->last_warning < 10 * G_USEC_PER_SEC)
    return;
  self->last_warning = now;
  g_message ("%s (%u connections open)", what, self->n_live);
}

static void
take (CpConnections *self,
      GSocket       *socket)
{
  g_autoptr(GSocketAddress) local = NULL;
  GSocketAddress *remote;
  Conn *conn;

  if (self->n_live >= self->max)
    {
      Conn *old;

      forget_closed (self);
      old = self->n_live >= self->max ? oldest_idle (self) : NULL;
      if (old != NULL)
        drop (self, old);
      else if (self->n_live >= self->max)
        {
          warn_now_and_then (self, "Refusing connections: all are busy");
          g_socket_close (socket, NULL);
          return;
        }
    }

  local = g_socket_get_local_address (socket, NULL);
  remote = g_socket_get_remote_address (socket, NULL);
  if (local == NULL || remote == NULL)
    {
      g_clear_object (&remote);
      g_socket_close (socket, NULL);
      return;
    }

  /* Reads and writes that stall this long fail; a request that trickles
   * in is ended by the sweep. Answers go out at once, as libsoup's own
   * listener has them (no Nagle delay between headers and body). */
  g_socket_set_timeout (socket, self->idle_timeout);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  conn = g_new0 (Conn, 1);
  conn->socket = g_object_ref (socket);
  conn->stream = g_socket_connection_factory_create_connection (socket);
  conn->remote = remote;
  conn->idle_since = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (remote), "cp-socket", g_object_ref (socket), g_object_unref);
  g_queue_push_tail (&self->conns, conn);
  g_hash_table_insert (self->by_remote, remote, self->conns.tail);
  self->n_live++;

  soup_server_accept_iostream (self->soup, G_IO_STREAM (conn->stream), local, remote, NULL);
}

static void
start_accepting (CpConnections *self)
{
  g_assert (self->accept_source == NULL);
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, NULL);
}

static gboolean
retry_cb (gpointer user_data)
{
  CpConnections *self = user_data;

  self->retry_id = 0;
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

/* Out of file descriptors with connections waiting: the one idle the
 * longest makes room for later, and the spare descriptor lets one waiting
 * connection be accepted and closed now, so that the backlog moves. Without
 * a spare, accepting pauses briefly instead of spinning. */
static gboolean
out_of_files (CpConnections *self)
{
  Conn *old;

  warn_now_and_then (self, "Out of file descriptors; dropping the oldest idle connection");
  forget_closed (self);
  old = oldest_idle (self);
  if (old != NULL)
    drop (self, old);

  if (self->spare_fd >= 0)
    {
      int fd;

      close (self->spare_fd);
      fd = accept (g_socket_get_fd (self->listener), NULL, NULL);
      if (fd >= 0)
        close (fd);
      self->spare_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
      if (self->spare_fd >= 0)
        return G_SOURCE_CONTINUE;
    }

  g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  self->retry_id = g_timeout_add (OUT_OF_FILES_RETRY_MS, retry_cb, self);
  return G_SOURCE_REMOVE;
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  CpConnections *self = user_data;

  /* A bounded batch, so that a flood cannot starve the requests. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          take (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        return out_of_files (self);
      /* A connection that went away before it was accepted, and the like. */
      g_debug ("Cannot accept a connection: %s", error->message);
    }
  return G_SOURCE_CONTINUE;
}

/* Ends connections idle (or taking in a request) for longer than the
 * timeout, and forgets the ones libsoup has closed. */
static gboolean
sweep_cb (gpointer user_data)
{
  CpConnections *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 limit = (gint64) self->idle_timeout * G_USEC_PER_SEC;

  forget_closed (self);
  for (GList *link = self->conns.head; link != NULL; link = link->next)
    {
      Conn *conn = link->data;

      if (!conn->dropped && conn->busy == 0 && now - conn->idle_since > limit)
        drop (self, conn);
    }
  return G_SOURCE_CONTINUE;
}

static Conn *
conn_of_message (CpConnections     *self,
                 SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  GList *link = remote != NULL ? g_hash_table_lookup (self->by_remote, remote) : NULL;

  return link != NULL ? link->data : NULL;
}

/* From the moment a request is read until its answer is written the
 * connection is busy: the handler's time does not count as idle. */
static void
request_read_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 CpConnections     *self)
{
  Conn *conn = conn_of_message (self, msg);

  if (conn == NULL)
    return;
  conn->busy++;
  g_object_set_data (G_OBJECT (msg), "cp-connection-busy", GINT_TO_POINTER (1));
}

static void
request_ended_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  CpConnections     *self)
{
  Conn *conn = conn_of_message (self, msg);

  if (g_object_get_data (G_OBJECT (msg), "cp-connection-busy") == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), "cp-connection-busy", NULL);
  if (conn == NULL || conn->busy == 0)
    return;
  if (--conn->busy == 0)
    conn->idle_since = g_get_monotonic_time ();
}

/**
 * cp_connections_listen:
 * @address: where to listen (port 0 picks one)
 * @max_connections: at most this many connections at a time
 * @idle_timeout: seconds a connection may be idle, or take to send a request
 *
 * Returns: (transfer full) (nullable): the listening socket and its
 *   connections, serving @soup until freed
 */
CpConnections *
cp_connections_listen (SoupServer      *soup,
                       GSocketAddress  *address,
                       guint            max_connections,
                       guint            idle_timeout,
                       GError         **error)
{
  g_autoptr(CpConnections) self = g_new0 (CpConnections, 1);
  int pair[2];

  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);
  g_return_val_if_fail (max_connections > 0 && idle_timeout > 0, NULL);

  self->soup = soup;
  self->max = max_connections;
  self->idle_timeout = idle_timeout;
  self->spare_fd = -1;
  g_queue_init (&self->conns);
  self->by_remote = g_hash_table_new (NULL, NULL);

  self->listener = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, error);
  if (self->listener == NULL)
    return NULL;
  g_socket_set_blocking (self->listener, FALSE);
  g_socket_set_listen_backlog (self->listener, 128);
  if (!g_socket_bind (self->listener, address, TRUE, error)
      || !g_socket_listen (self->listener, error))
    return NULL;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "socketpair: %s",
                   g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < 2; i++)
    if ((self->keepalive[i] = g_socket_new_from_fd (pair[i], error)) == NULL)
      {
        close (pair[i]);
        return NULL;
      }
  if (!soup_server_listen_socket (soup, self->keepalive[0], 0, error))
    return NULL;

  self->spare_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  g_signal_connect (soup, "request-read", G_CALLBACK (request_read_cb), self);
  g_signal_connect (soup, "request-finished", G_CALLBACK (request_ended_cb), self);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (request_ended_cb), self);
  self->sweep_id = g_timeout_add (MIN (1000, idle_timeout * 250), sweep_cb, self);
  start_accepting (self);
  return g_steal_pointer (&self);
}

guint16
cp_connections_get_port (CpConnections *self)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (self->listener, NULL);

  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

guint
cp_connections_get_max (CpConnections *self)
{
  return self->max;
}

void
cp_connections_free (CpConnections *self)
{
  Conn *conn;

  if (self == NULL)
    return;
  if (self->soup != NULL)
    g_signal_handlers_disconnect_by_data (self->soup, self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  while ((conn = g_queue_pop_head (&self->conns)) != NULL)
    conn_free (conn);
  g_clear_pointer (&self->by_remote, g_hash_table_unref);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  for (guint i = 0; i < 2; i++)
    g_clear_object (&self->keepalive[i]);
  if (self->spare_fd >= 0)
    close (self->spare_fd);
  g_free (self);
}
