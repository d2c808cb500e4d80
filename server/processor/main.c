/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-processor"

#include "config.h"

#include <glib-unix.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cp-listen.h"
#include "cp-processor.h"
#include "store/cp-clock.h"

/* The command line of customer-portal-processor. Everything it does is in
 * CpProcessor (cp-processor.c) and the vault (cp-vault.c). */

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
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(CpProcessor) processor = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *api_key = NULL;
  const char *env_key = g_getenv ("CP_PROCESSOR_API_KEY");
  gint answer_delay = 0, ach_delay = 30;
  guint16 port = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database file (required)", "PATH" },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      "File with the key that encrypts stored numbers; created (mode 0600) if absent (required)",
      "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      "Address to listen on (default 127.0.0.1:8089; port 0 picks one)", "HOST:PORT" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key,
      "Secret key the portal presents (default: $CP_PROCESSOR_API_KEY)", "KEY" },
    { "ach-delay", 0, 0, G_OPTION_ARG_INT, &ach_delay,
      "Seconds until a bank debit settles (default 30)", "SECONDS" },
    { "answer-delay", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &answer_delay,
      "Answer charges this many seconds late (for tests)", "SECONDS" },
    { NULL }
  };

  /* Logs go to stderr; stdout carries only the "listening on" line. */
  g_log_writer_default_set_use_stderr (TRUE);

#ifdef __linux__
  if (g_strcmp0 (g_getenv ("CP_SERVER_EXIT_WITH_PARENT"), "1") == 0)
    prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif

  context = g_option_context_new ("- Customer Portal demo payment processor");
  g_option_context_set_summary (context,
                                "The payment processor the Customer Portal reference server "
                                "charges through: a card vault\nand charges, over HTTP with a "
                                "bearer key, with its data in --db PATH.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db_path == NULL || key_file == NULL)
    {
      g_printerr ("--db PATH and --key-file PATH are required\n");
      return 2;
    }
  if (api_key == NULL && env_key != NULL && *env_key != '\0')
    api_key = g_strdup (env_key);
  if (api_key == NULL || *api_key == '\0')
    {
      g_printerr ("Give the portal's key with --api-key KEY or CP_PROCESSOR_API_KEY\n");
      return 2;
    }
  if (answer_delay < 0 || ach_delay < 0)
    {
      g_printerr ("Delays are zero or more seconds\n");
      return 2;
    }
  if (!cp_parse_listen (listen ? listen : "127.0.0.1:8089", "127.0.0.1:8089", &inet, &port,
                        &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  processor = cp_processor_new (db_path, key_file, api_key, &error);
  sodium_memzero (api_key, strlen (api_key));
  if (processor == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  cp_processor_set_answer_delay (processor, (guint) answer_delay);
  cp_processor_set_ach_delay (processor, (guint) ach_delay);
  if (!cp_processor_listen (processor, inet, port, &error))
    {
      g_printerr ("Cannot listen on %s: %s\n", listen ? listen : "127.0.0.1:8089",
                  error->message);
      return 1;
    }

  printf ("listening on %s\n", cp_processor_get_base_url (processor));
  fflush (stdout);
  if (cp_clock_get_file () != NULL)
    g_message ("Test clock: the time is offset by the seconds in %s (CP_SERVER_CLOCK_FILE;"
               " never in production)", cp_clock_get_file ());

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
