/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "cp-test-server.h"

struct _CpTestServer
{
  GSubprocess *process;
  char *dir;
  char *db_path;
  char *mail_dir;
  char *vault_key;
  char *url;
  char *api_url;
  GStrv argv;          /* to start it again on the same port */
};

static rlim_t next_fd_soft, next_fd_hard;

/**
 * cp_test_server_set_fd_limit:
 * @soft: the number of files the next server started may open, or 0 for
 *   the test's own limits
 * @hard: the most it may raise that to, or 0 to keep the test's
 */
void
cp_test_server_set_fd_limit (guint soft,
                             guint hard)
{
  next_fd_soft = soft;
  next_fd_hard = hard;
}

/* A server whose test crashed must not live on holding the test's output
 * pipe open: it gets SIGTERM when its parent dies. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (next_fd_soft > 0)
    {
      struct rlimit limit;

      getrlimit (RLIMIT_NOFILE, &limit);
      limit.rlim_cur = next_fd_soft;
      if (next_fd_hard > 0)
        limit.rlim_max = next_fd_hard;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

static const char *
server_binary (void)
{
  const char *path = g_getenv ("CP_SERVER_BINARY");

  g_assert_nonnull (path);
  return path;
}

/* Runs the server with @argv and reads its "listening on" line. */
static void
spawn (CpTestServer       *self,
       const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;

  /* The server's log goes to our stderr, where TAP does not read. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_free (self->url);
  self->url = g_strdup (line + strlen ("listening on "));
  /* Accept a trailing slash, but keep the URL canonical without it. */
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
}

/**
 * cp_test_server_start_with:
 * @flags: whether to seed the demo data
 * @extra_args: (nullable): more command-line arguments for the server
 *
 * Starts `customer-portal-server` on 127.0.0.1 port 0 with a fresh database
 * and mail folder in a temporary directory, and waits for its first line.
 * Fails the test when the server does not come up.
 */
CpTestServer *
cp_test_server_start_with (CpTestServerFlags   flags,
                           const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  CpTestServer *self = g_new0 (CpTestServer, 1);
  guint8 key[16];

  self->dir = g_dir_make_tmp ("cp-test-server-XXXXXX", &error);
  g_assert_no_error (error);
  self->db_path = g_build_filename (self->dir, "portal.db", NULL);
  self->mail_dir = g_build_filename (self->dir, "mail", NULL);
  g_assert_cmpint (g_mkdir (self->mail_dir, 0700), ==, 0);

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) g_random_int_range (0, 256);
  self->vault_key = g_compute_checksum_for_data (G_CHECKSUM_SHA256, key, sizeof key);

  g_ptr_array_add (argv, (char *) server_binary ());
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, self->db_path);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  g_ptr_array_add (argv, "--mail-dir");
  g_ptr_array_add (argv, self->mail_dir);
  g_ptr_array_add (argv, "--vault-key");
  g_ptr_array_add (argv, self->vault_key);
  if (flags & CP_TEST_SERVER_DEMO)
    g_ptr_array_add (argv, "--demo");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  spawn (self, (const char * const *) argv->pdata);
  self->api_url = g_strconcat (self->url, "/api/v1", NULL);
  self->argv = g_strdupv ((char **) argv->pdata);

  return self;
}

CpTestServer *
cp_test_server_start (CpTestServerFlags flags)
{
  return cp_test_server_start_with (flags, NULL);
}

const char *
cp_test_server_get_url (CpTestServer *self)
{
  return self->url;
}

const char *
cp_test_server_get_api_url (CpTestServer *self)
{
  return self->api_url;
}

const char *
cp_test_server_get_mail_dir (CpTestServer *self)
{
  return self->mail_dir;
}

const char *
cp_test_server_get_db_path (CpTestServer *self)
{
  return self->db_path;
}

const char *
cp_test_server_get_vault_key (CpTestServer *self)
{
  return self->vault_key;
}

/* The server's process id, for what a test reads of it in /proc. */
int
cp_test_server_get_pid (CpTestServer *self)
{
  const char *id = g_subprocess_get_identifier (self->process);

  g_assert_nonnull (id);
  return (int) g_ascii_strtoll (id, NULL, 10);
}

guint16
cp_test_server_get_port (CpTestServer *self)
{
  const char *colon = strrchr (self->url, ':');

  g_assert_nonnull (colon);
  return (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
}

/**
 * cp_test_server_dup_last_code:
 * @email: the recipient
 *
 * Returns: (nullable): the six-digit code of the newest message in the mail
 *   folder addressed to @email, or %NULL when there is none.
 */
char *
cp_test_server_dup_last_code (CpTestServer *self,
                              const char   *email)
{
  g_autoptr(GDir) dir = g_dir_open (self->mail_dir, 0, NULL);
  g_autoptr(GRegex) code_re = g_regex_new ("(?<![0-9])[0-9]{6}(?![0-9])", 0, 0, NULL);
  g_autofree char *to_header = g_strdup_printf ("\nTo: %s", email);
  g_autofree char *best = NULL;
  g_autofree char *best_code = NULL;
  gint64 best_mtime = G_MININT64;
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      const char *body;
      GStatBuf st;
      gint64 mtime;

      if (!g_str_has_suffix (name, ".eml"))
        continue;

      path = g_build_filename (self->mail_dir, name, NULL);
      if (!g_file_get_contents (path, &contents, NULL, NULL) || g_stat (path, &st) != 0)
        continue;
      if (strstr (contents, to_header) == NULL && !g_str_has_prefix (contents, to_header + 1))
        continue;

      body = strstr (contents, "\r\n\r\n");
      if (body == NULL)
        body = strstr (contents, "\n\n");
      if (body == NULL || !g_regex_match (code_re, body, 0, &match))
        continue;

      /* Names sort by creation; the mtime breaks ties between folders. */
      mtime = (gint64) st.st_mtime;
      if (best == NULL || mtime > best_mtime
          || (mtime == best_mtime && g_strcmp0 (name, best) > 0))
        {
          g_free (best);
          best = g_strdup (name);
          best_mtime = mtime;
          g_free (best_code);
          best_code = g_match_info_fetch (match, 0);
        }
    }

  return g_steal_pointer (&best_code);
}

/**
 * cp_test_server_add_user:
 *
 * Runs `customer-portal-server --db PATH --add-user ROLE:EMAIL` with the
 * password on its standard input.
 */
gboolean
cp_test_server_add_user (const char *db_path,
                         const char *role,
                         const char *email,
                         const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *who = g_strdup_printf ("%s:%s", role, email);
  g_autofree char *input = g_strdup_printf ("%s\n", password);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                              server_binary (), "--db", db_path, "--add-user", who, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * cp_test_server_stop:
 *
 * Asks the server to shut down with SIGTERM, waits for it, checks that it
 * exited cleanly, and removes its temporary folder.
 */
static void
end_process (CpTestServer *self)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
  g_clear_object (&self->process);
}

/**
 * cp_test_server_pause:
 *
 * Stops the server, keeping its database, as when the portal goes away:
 * connections to its port are refused until cp_test_server_resume().
 */
void
cp_test_server_pause (CpTestServer *self)
{
  g_assert_nonnull (self->process);
  end_process (self);
}

/**
 * cp_test_server_resume:
 *
 * Starts the server again on the same port and database.
 */
void
cp_test_server_resume (CpTestServer *self)
{
  g_autofree char *old_url = g_strdup (self->url);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_assert_null (self->process);
  for (guint i = 0; self->argv[i] != NULL; i++)
    {
      /* The port it had, not a new one; the demo data is there already. */
      if (i > 0 && g_str_equal (self->argv[i - 1], "--listen"))
        g_strv_builder_add (builder, self->url + strlen ("http://"));
      else if (!g_str_equal (self->argv[i], "--demo"))
        g_strv_builder_add (builder, self->argv[i]);
    }
  argv = g_strv_builder_end (builder);
  spawn (self, (const char * const *) argv);
  g_assert_cmpstr (self->url, ==, old_url);
}

void
cp_test_server_stop (CpTestServer *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    end_process (self);
  remove_tree (self->dir);

  g_strfreev (self->argv);
  g_free (self->dir);
  g_free (self->db_path);
  g_free (self->mail_dir);
  g_free (self->vault_key);
  g_free (self->url);
  g_free (self->api_url);
  g_free (self);
}
