/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-listen.h"

/**
 * cp_parse_listen:
 * @listen: what --listen says: HOST:PORT, [IPv6]:PORT, localhost:PORT or :PORT
 * @example: an address to name in the error, e.g. "127.0.0.1:8088"
 *
 * The --listen option of the portal and of the processor.
 */
gboolean
cp_parse_listen (const char    *listen,
                 const char    *example,
                 GInetAddress **address,
                 guint16       *port,
                 GError       **error)
{
  g_autofree char *host = NULL;
  const char *colon = strrchr (listen, ':');
  guint64 value;

  if (colon == NULL
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants HOST:PORT, e.g. %s", example);
      return FALSE;
    }
  host = g_strndup (listen, (gsize) (colon - listen));
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
    }
  if (g_strcmp0 (host, "localhost") == 0 || host[0] == '\0')
    {
      g_free (host);
      host = g_strdup ("127.0.0.1");
    }
  *address = g_inet_address_new_from_string (host);
  if (*address == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants an IP address, not “%s”", host);
      return FALSE;
    }
  *port = (guint16) value;
  return TRUE;
}
