/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * The server's listening socket and the connections accepted on it, handed
 * to libsoup one by one: at most max_connections at a time (a new one
 * drops the connection idle the longest), each closed when it has been
 * idle or slow for idle_timeout seconds (a request must be in within that
 * time of the connection's start or its previous answer), and accepting
 * goes on after the process ran out of file descriptors.
 */
typedef struct _CpConnections CpConnections;

#define CP_CONNECTIONS_DEFAULT_MAX 1000
#define CP_CONNECTIONS_DEFAULT_IDLE_TIMEOUT 30

CpConnections *cp_connections_listen    (SoupServer      *soup,
                                         GSocketAddress  *address,
                                         guint            max_connections,
                                         guint            idle_timeout,
                                         GError         **error);
guint16        cp_connections_get_port  (CpConnections   *self);
guint          cp_connections_get_max   (CpConnections   *self);
void           cp_connections_free      (CpConnections   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpConnections, cp_connections_free)

G_END_DECLS
