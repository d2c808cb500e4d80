/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-memory-token-store.h"
#include "cp-page.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * harbor@example.com (100,000 visits) logs in and stays on Overview: the
 * pages that are not shown load nothing. Counted at the server, from its
 * access log (--access-log), so that every request the app makes counts,
 * whichever part of it made the request.
 */

static char *log_path;

/* The requests in the log, each as "METHOD PATH" (no query), counted. */
static GHashTable *
read_log (guint *total)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *total = 0;
  g_assert_true (g_file_get_contents (log_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 3);
      g_autofree char *key = NULL;
      char *query;

      if (g_strv_length (fields) < 3)
        continue;
      query = strchr (fields[1], '?');
      if (query != NULL)
        *query = '\0';
      key = g_strdup_printf ("%s %s", fields[0], fields[1]);
      g_hash_table_insert (counts, g_strdup (key),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key))
                                             + 1));
      (*total)++;
    }
  return counts;
}

static guint
count (GHashTable *counts,
       const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
}

static gboolean
overview_loaded (gpointer data)
{
  return g_strcmp0 (cp_page_get_state (CP_PAGE (cp_ui_page (data, "overview"))), "content") == 0;
}

static void
test_overview_only (void)
{
  g_autoptr(CpTestServer) server = NULL;
  g_autoptr(CpApplication) app = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cp-hidden-XXXXXX", NULL);
  g_autofree char *customer = NULL;
  g_autofree char *invoices = NULL;
  g_autofree char *history = NULL;
  g_autofree char *cards = NULL;
  g_autofree char *payments = NULL;
  const char *args[] = { "--access-log", NULL, NULL };
  CpWindow *window;
  CpCustomerView *view;
  const char *customer_id;
  guint total, expected;

  g_assert_nonnull (dir);
  log_path = g_build_filename (dir, "access.log", NULL);
  args[1] = log_path;
  server = cp_test_server_start_with (CP_TEST_SERVER_DEMO, args);
  app = cp_ui_app_new (server);
  {
    g_autoptr(CpMemoryTokenStore) store = cp_memory_token_store_new ();

    cp_application_set_token_store (app, CP_TOKEN_STORE (store));
  }
  g_settings_set_string (cp_application_get_settings (app), "last-email", "");
  window = cp_ui_open_window (app);
  cp_ui_login (window, "harbor@example.com", "demo-customer-password");
  view = cp_ui_wait_customer (window, 15000);
  g_assert_nonnull (view);
  g_assert_true (cp_test_ui_wait_for (overview_loaded, view, 15000));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (cp_customer_view_get_stack (view)), ==,
                   "overview");

  /* Ten seconds on Overview, the window shown, doing nothing. */
  cp_test_ui_spin (10000);

  customer_id = cp_page_get_customer_id (CP_PAGE (cp_ui_page (view, "overview")));
  customer = g_strdup_printf ("GET /api/v1/customers/%s", customer_id);
  invoices = g_strdup_printf ("GET /api/v1/customers/%s/invoices", customer_id);
  history = g_strdup_printf ("GET /api/v1/customers/%s/service-history", customer_id);
  cards = g_strdup_printf ("GET /api/v1/customers/%s/payment-methods", customer_id);
  payments = g_strdup_printf ("GET /api/v1/customers/%s/payments", customer_id);
  counts = read_log (&total);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_test_message ("%3u × %s", GPOINTER_TO_UINT (value), (const char *) key);
  }

  /* Nothing of the hidden pages: the Cards page has not loaded, and the
   * only look at the cards is the expiry reminder's one request. */
  g_assert_cmpuint (count (counts, history), ==, 0);
  g_assert_cmpuint (count (counts, cards), ==, 1);
  g_assert_cmpstr (cp_page_get_state (CP_PAGE (cp_ui_page (view, "cards"))), !=, "list");
  g_assert_cmpstr (cp_page_get_state (CP_PAGE (cp_ui_page (view, "history"))), !=, "list");
  /* What the overview shows, once each: the balance, the open invoices
   * and the recent payments. */
  g_assert_cmpuint (count (counts, customer), ==, 1);
  g_assert_cmpuint (count (counts, invoices), ==, 1);
  g_assert_cmpuint (count (counts, payments), ==, 1);
  /* And the session: the login, the portal's configuration, who is in. */
  g_assert_cmpuint (count (counts, "POST /api/v1/auth/login"), ==, 1);
  g_assert_cmpuint (count (counts, "GET /api/v1/config"), ==, 1);
  expected = 6 + count (counts, "GET /api/v1/me");
  g_assert_cmpuint (count (counts, "GET /api/v1/me"), <=, 1);
  g_assert_cmpuint (total, ==, expected);

  /* The first look at Service History loads its first page and what fills
   * the screen (the view prefetches three screens ahead), no more. */
  cp_ui_select_page (view, "history");
  cp_test_ui_spin (3000);
  g_clear_pointer (&counts, g_hash_table_unref);
  counts = read_log (&total);
  g_assert_cmpuint (count (counts, history), >=, 1);
  g_assert_cmpuint (count (counts, history), <=, 4);

  /* Back on Overview, the hidden list fetches nothing more. */
  cp_ui_select_page (view, "overview");
  cp_test_ui_spin (500);
  g_clear_pointer (&counts, g_hash_table_unref);
  counts = read_log (&total);
  expected = count (counts, history);
  cp_test_ui_spin (5000);
  g_clear_pointer (&counts, g_hash_table_unref);
  counts = read_log (&total);
  g_assert_cmpuint (count (counts, history), ==, expected);

  cp_ui_close_window (window);
  cp_test_server_stop (g_steal_pointer (&server));
  g_unlink (log_path);
  g_rmdir (dir);
  g_clear_pointer (&log_path, g_free);
}

int
main (int   argc,
      char *argv[])
{
  cp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/hidden-pages/overview-only", test_overview_only);

  return g_test_run ();
}
