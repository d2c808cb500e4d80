/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <unistd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cp-access-log.h"
#include "cp-listen.h"
#include "cp-server.h"
#include "store/cp-clock.h"
#include "store/cp-password.h"

/* The command line of customer-portal-server: options, listening, signals.
 * Everything the server does is in CpServer (cp-server.c) and below it. */

static gboolean
signal_cb (gpointer user_data)
{
  cp_server_shutdown (CP_SERVER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
stopped_cb (CpServer  *server,
            GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

/* ---- command line ---- */


static int
add_user (CpServer   *server,
          const char *spec)
{
  g_autofree char *role = NULL;
  g_autofree char *email = NULL;
  g_autoptr(GError) error = NULL;
  const char *colon = strchr (spec, ':');
  char password[CP_PASSWORD_MAX_LENGTH + 2];
  gboolean added;
  gsize len;

  if (colon == NULL)
    {
      g_printerr ("--add-user wants ROLE:EMAIL, with ROLE staff or admin\n");
      return 2;
    }
  role = g_strndup (spec, (gsize) (colon - spec));
  email = g_ascii_strdown (colon + 1, -1);
  if (!g_str_equal (role, "staff") && !g_str_equal (role, "admin"))
    {
      g_printerr ("The role must be staff or admin\n");
      return 2;
    }
  if (strchr (email, '@') == NULL || strchr (email, ' ') != NULL || strlen (email) > 254)
    {
      g_printerr ("“%s” is not an email address\n", email);
      return 2;
    }

  if (isatty (0))
    g_printerr ("Password for %s: ", email);
  if (fgets (password, sizeof password, stdin) == NULL)
    {
      g_printerr ("No password on standard input\n");
      return 1;
    }
  len = strcspn (password, "\r\n");
  password[len] = '\0';
  if (g_utf8_strlen (password, -1) < CP_PASSWORD_MIN_LENGTH || len > CP_PASSWORD_MAX_LENGTH)
    {
      sodium_memzero (password, sizeof password);
      g_printerr ("The password must have %d to %d characters\n", CP_PASSWORD_MIN_LENGTH,
                  CP_PASSWORD_MAX_LENGTH);
      return 1;
    }
  added = cp_server_add_login (server, role, email, password, &error);
  sodium_memzero (password, sizeof password);
  if (!added)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_printerr ("Added %s login %s\n", role, email);
  return 0;
}

/* Every connection is a file descriptor: take all the process may have. */
static void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
    return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_message ("Cannot raise the open files limit: %s", g_strerror (errno));
}

static guint
env_uint (const char *name)
{
  const char *value = g_getenv (name);
  guint64 n = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT, &n, NULL))
    return 0;
  return (guint) n;
}

static char *
random_key (void)
{
  guchar raw[24];
  char hex[sizeof raw * 2 + 1];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  return g_strconcat ("vk_", hex, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(CpServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *mail_dir = NULL;
  g_autofree char *vault_key = NULL;
  g_autofree char *add_user_spec = NULL;
  g_autofree char *processor_path = NULL;
  g_autofree char *processor_key_file = NULL;
  g_autofree char *processor_url = NULL;
  g_autofree char *processor_key = NULL;
  gint verify_interval = 0, processor_timeout = 0;
  gint autopay_interval = CP_SERVER_DEFAULT_AUTOPAY_INTERVAL;
  g_autofree char *access_log = NULL;
  gboolean demo = FALSE;
  gint demo_scale = 0;
  gint access_ttl = 0;
  gint max_connections = 0;
  gint idle_timeout = 0;
  const char *ttl_env = g_getenv ("CP_SERVER_ACCESS_TTL");
  guint16 port = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database file (required)", "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      "Address to listen on (default 127.0.0.1:8088; port 0 picks one)", "HOST:PORT" },
    { "mail-dir", 0, 0, G_OPTION_ARG_FILENAME, &mail_dir,
      "Folder for outgoing mail as .eml files (default: PATH-mail)", "DIR" },
    { "processor", 0, 0, G_OPTION_ARG_STRING, &processor_url,
      "The payment processor's URL (default: run one in this process)", "URL" },
    { "processor-key", 0, 0, G_OPTION_ARG_STRING, &processor_key,
      "The processor's secret key (default: $CP_PROCESSOR_API_KEY)", "KEY" },
    { "verify-interval", 0, 0, G_OPTION_ARG_INT, &verify_interval,
      "Seconds between checks of pending payments with the processor (default 900)", "SECONDS" },
    { "autopay-interval", 0, 0, G_OPTION_ARG_INT, &autopay_interval,
      "Seconds between AutoPay runs, which pay what fell due (default 3600; 0: never)",
      "SECONDS" },
    { "processor-timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &processor_timeout,
      "Seconds the processor may take to answer (default 20)", "SECONDS" },
    { "vault-key", 0, 0, G_OPTION_ARG_STRING, &vault_key,
      "Secret key of the processor run in this process (default: random)", "KEY" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill an empty database with demo data", NULL },
    { "demo-scale", 0, 0, G_OPTION_ARG_INT, &demo_scale,
      "Also add N customers with a saved card each (the big payment-methods report)", "N" },
    { "add-user", 0, 0, G_OPTION_ARG_STRING, &add_user_spec,
      "Create a staff or admin login (password on stdin) and exit", "ROLE:EMAIL" },
    { "access-log", 0, 0, G_OPTION_ARG_FILENAME, &access_log,
      "Append a line per answered request (method, path, status) to FILE", "FILE" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      "Connections open at a time (default 1000, fewer under a lower open files limit)", "N" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      "Seconds a connection may be idle or take to send a request (default 30;"
      " also CP_SERVER_IDLE_TIMEOUT)", "SECONDS" },
    { "access-ttl", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &access_ttl,
      "Access token lifetime in seconds (for tests; also CP_SERVER_ACCESS_TTL)", "SECONDS" },
    { NULL }
  };

  /* Logs go to stderr; stdout carries only the "listening on" line. */
  g_log_writer_default_set_use_stderr (TRUE);

#ifdef __linux__
  /* Under the test harness, a test that aborts must not leave its server
   * running (holding the test's output pipes open): end with the parent. */
  if (g_strcmp0 (g_getenv ("CP_SERVER_EXIT_WITH_PARENT"), "1") == 0)
    prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif

  context = g_option_context_new ("- Customer Portal reference server");
  g_option_context_set_summary (context,
                                "Serves the Customer Portal API (the reference implementation) over "
                                "HTTP on loopback by default,\nwith its data in the SQLite database "
                                "--db PATH. Without --processor it runs the payment processor\n"
                                "in its own process, with the processor's data in PATH-processor "
                                "and its key in PATH-processor.key.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db_path == NULL)
    {
      g_printerr ("--db PATH is required\n");
      return 2;
    }
  if (max_connections < 0 || idle_timeout < 0)
    {
      g_printerr ("--max-connections and --idle-timeout want a positive number\n");
      return 2;
    }
  raise_fd_limit ();
  if (sodium_init () < 0)
    {
      g_printerr ("Cannot initialize libsodium\n");
      return 1;
    }

  server = cp_server_new (db_path, &error);
  if (server == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (ttl_env != NULL && g_ascii_strtoll (ttl_env, NULL, 10) > 0)
    cp_server_set_access_ttl (server, g_ascii_strtoll (ttl_env, NULL, 10));
  if (access_ttl > 0)
    cp_server_set_access_ttl (server, access_ttl);
  cp_server_set_connection_limits (server, (guint) max_connections,
                                   idle_timeout > 0 ? (guint) idle_timeout
                                                    : env_uint ("CP_SERVER_IDLE_TIMEOUT"));

  if (add_user_spec != NULL)
    return add_user (server, add_user_spec);

  if (verify_interval < 0 || processor_timeout < 0 || autopay_interval < 0)
    {
      g_printerr ("--verify-interval, --autopay-interval and --processor-timeout are seconds\n");
      return 2;
    }
  if (verify_interval > 0)
    cp_server_set_verify_interval (server, (guint) verify_interval);
  cp_server_set_autopay_interval (server, (guint) autopay_interval);
  if (processor_timeout > 0)
    cp_server_set_processor_timeout (server, (guint) processor_timeout);
  if (processor_url != NULL)
    {
      if (processor_key == NULL && g_getenv ("CP_PROCESSOR_API_KEY") != NULL)
        processor_key = g_strdup (g_getenv ("CP_PROCESSOR_API_KEY"));
      if (processor_key == NULL || *processor_key == '\0')
        {
          g_printerr ("--processor URL needs --processor-key KEY (or CP_PROCESSOR_API_KEY)\n");
          return 2;
        }
      if (!g_str_has_prefix (processor_url, "http://") && !g_str_has_prefix (processor_url, "https://"))
        {
          g_printerr ("--processor wants a URL, e.g. http://127.0.0.1:8089\n");
          return 2;
        }
      cp_server_use_processor (server, processor_url, processor_key);
      sodium_memzero (processor_key, strlen (processor_key));
    }
  else
    {
      g_autofree char *old_vault = g_strconcat (db_path, "-vault", NULL);

      if (g_file_test (old_vault, G_FILE_TEST_EXISTS))
        g_warning ("%s is the card vault of an older version, with card numbers in clear: its "
                   "cards are not taken over by the processor. Delete it.", old_vault);
      processor_path = g_strconcat (db_path, "-processor", NULL);
      processor_key_file = g_strconcat (db_path, "-processor.key", NULL);
      if (vault_key == NULL)
        vault_key = random_key ();
      if (!cp_server_open_processor (server, processor_path, processor_key_file, vault_key, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  if (mail_dir == NULL)
    mail_dir = g_strconcat (db_path, "-mail", NULL);
  cp_server_set_mail_dir (server, mail_dir);

  if (demo && !cp_server_seed_demo (server, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (demo_scale < 0 || demo_scale > 1000000)
    {
      g_printerr ("--demo-scale takes 0 to 1000000\n");
      return 2;
    }
  if (demo_scale > 0 && !cp_server_seed_demo_scale (server, (guint) demo_scale, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!cp_parse_listen (listen ? listen : "127.0.0.1:8088", "127.0.0.1:8088", &inet, &port,
                        &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!cp_server_listen (server, inet, port, &error))
    {
      g_printerr ("Cannot listen on %s: %s\n", listen ? listen : "127.0.0.1:8088", error->message);
      return 1;
    }

  if (access_log != NULL
      && !cp_access_log_attach (cp_server_get_soup_server (server), access_log, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Before the line that tells a caller it may talk to us (and stop us). */
  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (server, "stopped", G_CALLBACK (stopped_cb), loop);
  g_unix_signal_add (SIGINT, signal_cb, server);
  g_unix_signal_add (SIGTERM, signal_cb, server);

  printf ("listening on %s\n", cp_server_get_base_url (server));
  fflush (stdout);

  if (demo)
    g_printerr ("\nDemo logins (demo data only; never for a real deployment):\n"
                "  admin@example.com   demo-admin-password     admin\n"
                "  staff@example.com   demo-staff-password     office staff\n"
                "  ada@example.com     demo-customer-password  customer, two saved cards\n"
                "  grace@example.com   demo-customer-password  customer, one card, an open invoice\n"
                "  harbor@example.com  demo-customer-password  property manager, 100,000 visits\n\n");
  g_message ("Mail goes to %s; access tokens live %" G_GINT64_FORMAT " s",
             mail_dir, cp_server_get_access_ttl (server));
  if (cp_clock_get_file () != NULL)
    g_message ("Test clock: the time is offset by the seconds in %s (CP_SERVER_CLOCK_FILE;"
               " never in production)", cp_clock_get_file ());

  g_main_loop_run (loop);

  return 0;
}
