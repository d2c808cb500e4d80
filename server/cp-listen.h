/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean cp_parse_listen (const char    *listen,
                          const char    *example,
                          GInetAddress **address,
                          guint16       *port,
                          GError       **error);

G_END_DECLS
