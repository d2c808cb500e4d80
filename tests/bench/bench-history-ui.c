/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "cp-history-page.h"
#include "cp-memory-token-store.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"

/*
 * For benchmarks/run: harbor's Service History in the real window. First
 * it scrolls, a step each frame, while pages arrive and measures the frame
 * intervals; then it loads the rest of the visits (--visits, default all
 * 100,000), measuring the main thread's CPU per page, and reports how much
 * the anonymous memory grew from the first page. Output, on stderr:
 *   cp-mark frame-p95-ms X, cp-mark frames-over N, cp-mark frames N,
 *   cp-mark scroll-page-cpu-ms X (scrolling and paging), cp-mark page-cpu-ms X, cp-mark anon-growth KIB, cp-mark visits N
 * Run it as benchmarks/run does, under tests/run-headless.sh.
 */

static CpCustomerView *view;
static GArray *paints;
static guint scroll_px = 240;

static CpHistoryPage *
history (void)
{
  return CP_HISTORY_PAGE (cp_ui_page (view, "history"));
}

static CpPagedList *
visits (void)
{
  return cp_history_page_get_model (history ());
}

static guint
n_loaded (void)
{
  return visits () != NULL ? g_list_model_get_n_items (G_LIST_MODEL (visits ())) : 0;
}

static gboolean
has_first_page (gpointer data)
{
  return n_loaded () > 0 && !cp_paged_list_get_loading (visits ());
}

static gsize
rss_anon_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "RssAnon:");
  return line ? (gsize) g_ascii_strtoull (line + strlen ("RssAnon:"), NULL, 10) : 0;
}

static gint64
thread_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec
         + (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (paints, now);
}

static GtkAdjustment *
vadjustment (void)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (cp_history_page_get_view (history ())),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* A step each frame, as a kinetic scroll would. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GtkAdjustment *adj = vadjustment ();

  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + scroll_px);
  return G_SOURCE_CONTINUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CpTestServer) server = NULL;
  g_autoptr(CpApplication) app = NULL;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint want_visits = 100000, scroll_pages = 20, first, over = 0, tick;
  gsize anon0;
  gint64 cpu0, start, p95;
  CpWindow *window;
  GOptionEntry entries[] = {
    { "visits", 0, 0, G_OPTION_ARG_INT, &want_visits, "Visits to load in all", "N" },
    { "scroll-px", 0, 0, G_OPTION_ARG_INT, &scroll_px, "Pixels scrolled each frame", "PX" },
    { "scroll-pages", 0, 0, G_OPTION_ARG_INT, &scroll_pages, "Pages loaded by scrolling", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  cp_test_ui_init (&argc, &argv);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
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
  cp_ui_select_page (view, "history");
  g_assert_true (cp_test_ui_wait_for (has_first_page, NULL, 15000));
  cp_test_ui_spin (500);
  first = n_loaded ();
  anon0 = rss_anon_kib ();

  /* Scrolling while pages arrive. */
  paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  cpu0 = thread_cpu_us ();
  start = g_get_monotonic_time ();
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, NULL, NULL);
  while (n_loaded () < first + scroll_pages * 100
         && g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                        after_paint_cb, NULL);
  for (guint i = 1; i < paints->len; i++)
    {
      gint64 gap = g_array_index (paints, gint64, i) - g_array_index (paints, gint64, i - 1);

      g_array_append_val (intervals, gap);
      if (gap > 16700)
        over++;
    }
  g_array_sort (intervals, compare_gint64);
  p95 = intervals->len > 0 ? g_array_index (intervals, gint64, intervals->len * 95 / 100) : 0;
  fprintf (stderr, "cp-mark scroll-page-cpu-ms %.1f\n",
           (thread_cpu_us () - cpu0) / 1000.0 / MAX (1, (n_loaded () - first) / 100));
  fprintf (stderr, "cp-mark frames %u\ncp-mark frames-over %u\ncp-mark frame-p95-ms %.1f\n",
           intervals->len, over, p95 / 1000.0);

  /* The rest, page after page, the list on screen: the main thread's CPU
   * per page is the cost of a page arriving (parse, append, layout). */
  first = n_loaded ();
  cpu0 = thread_cpu_us ();
  while (n_loaded () < want_visits && cp_paged_list_get_has_more (visits ())
         && g_get_monotonic_time () - start < 600 * G_USEC_PER_SEC)
    {
      if (!cp_paged_list_get_loading (visits ()))
        cp_paged_list_load_more (visits ());
      g_main_context_iteration (NULL, TRUE);
    }
  while (cp_paged_list_get_loading (visits ()))
    g_main_context_iteration (NULL, TRUE);
  fprintf (stderr, "cp-mark page-cpu-ms %.1f\n",
           (thread_cpu_us () - cpu0) / 1000.0 / MAX (1, (n_loaded () - first) / 100));
  cp_test_ui_spin (300);
  fprintf (stderr, "cp-mark visits %u\ncp-mark anon-growth %zu\n", n_loaded (),
           rss_anon_kib () - anon0);
  fflush (stderr);

  g_array_unref (paints);
  cp_ui_close_window (window);
  cp_test_server_stop (g_steal_pointer (&server));
  return 0;
}
