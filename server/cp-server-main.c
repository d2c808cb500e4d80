/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

static void
config_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "company_name");
  json_builder_add_string_value (builder, "Example Home Services");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  GSList *uris;
  static guint16 port = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database file", "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on", "HOST:PORT" },
    { NULL }
  };

  context = g_option_context_new ("- Customer Portal reference server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (listen != NULL)
    {
      const char *colon = strrchr (listen, ':');
      if (colon != NULL)
        port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
    }

  server = soup_server_new ("server-header", "customer-portal-server", NULL);
  soup_server_add_handler (server, "/api/v1/config", config_cb, NULL, NULL);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", port));
  if (!soup_server_listen (server, G_SOCKET_ADDRESS (address), 0, &error))
    {
      g_printerr ("Cannot listen: %s\n", error->message);
      return 1;
    }

  uris = soup_server_get_uris (server);
  if (uris != NULL)
    {
      g_autofree char *uri = g_uri_to_string (uris->data);
      g_print ("listening on %s\n", uri);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
