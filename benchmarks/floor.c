/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The floor the app is measured against (benchmarks/run builds it with the
 * same compiler flags as the app): what GTK 4 and libadwaita cost before
 * any of our code runs.
 *
 *   floor window       a bare AdwApplicationWindow (header bar, a label),
 *                      "cp-mark first-frame USEC" once its first frame is
 *                      painted (CLOCK_MONOTONIC, as the app's marks)
 *   floor strings N    the same window with a GtkListView over a
 *                      GtkStringList, filled with N strings of a visit's
 *                      size in pages of 100 as the app's history is; prints
 *                      "cp-mark anon-growth KIB" (RssAnon after - before)
 *   floor scroll N     N strings, then scrolled 240 px each frame for 600
 *                      frames, as bench-history-ui scrolls the history:
 *                      "cp-mark frame-p95-ms X" of the frame intervals
 */
#include <adwaita.h>
#include <stdio.h>
#include <sys/resource.h>
#include <string.h>

static const char *mode = "window";
static guint n_strings;
static GtkStringList *strings;
static gsize anon_before;
static GtkWidget *scrolled_window;
static GArray *paints;

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

/* The CPU time of the whole process so far (every thread), in µs. */
static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void start_scrolling (void);

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  fprintf (stderr, "cp-mark first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), cpu_us ());
  fflush (stderr);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
scroll_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (paints, now);
  if (paints->len < 601)
    return;
  g_signal_handlers_disconnect_by_func (clock, scroll_paint_cb, user_data);
  for (guint i = paints->len - 1; i > 0; i--)
    g_array_index (paints, gint64, i) -= g_array_index (paints, gint64, i - 1);
  g_array_remove_index (paints, 0);
  g_array_sort (paints, compare_gint64);
  fprintf (stderr, "cp-mark frame-p95-ms %.1f\n",
           g_array_index (paints, gint64, paints->len * 95 / 100) / 1000.0);
  fflush (stderr);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 240);
  return paints->len < 601 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
start_scrolling (void)
{
  paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (gtk_widget_get_frame_clock (scrolled_window), "after-paint",
                    G_CALLBACK (scroll_paint_cb), NULL);
  gtk_widget_add_tick_callback (scrolled_window, scroll_tick_cb, NULL, NULL);
}

static gboolean
add_page_cb (gpointer user_data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (strings));
  const char *page[101];
  char *texts[100];
  guint i, count = MIN (100, n_strings - n);

  for (i = 0; i < count; i++)
    texts[i] = g_strdup_printf ("2025-%02u-%02u  J-%06u  Gutter cleaning  Cleared gutters and "
                                "downspouts at unit %u, checked the roof flashing  Technician "
                                "%u  completed", 1 + (n + i) % 12, 1 + (n + i) % 28, n + i,
                                n + i, (n + i) % 40);
  memcpy (page, texts, sizeof (char *) * count);
  page[count] = NULL;
  gtk_string_list_splice (strings, n, 0, page);
  for (i = 0; i < count; i++)
    g_free (texts[i]);

  if (n + count < n_strings)
    return G_SOURCE_CONTINUE;
  fprintf (stderr, "cp-mark anon-growth %zu\n", rss_anon_kib () - anon_before);
  fflush (stderr);
  if (g_str_equal (mode, "scroll"))
    start_scrolling ();
  return G_SOURCE_REMOVE;
}

static gboolean
start_strings_cb (gpointer user_data)
{
  anon_before = rss_anon_kib ();
  g_idle_add (add_page_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_box_append (GTK_BOX (box), header);
  if (g_str_equal (mode, "strings") || g_str_equal (mode, "scroll"))
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view;

      strings = gtk_string_list_new (NULL);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
      view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))),
                                factory);
      gtk_widget_set_vexpand (scrolled, TRUE);
      scrolled_window = scrolled;
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_box_append (GTK_BOX (box), scrolled);
      g_timeout_add (500, start_strings_cb, NULL);
    }
  else
    gtk_box_append (GTK_BOX (box), gtk_label_new ("Floor"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc > 1)
    mode = argv[1];
  if (argc > 2)
    n_strings = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  app = adw_application_new ("io.github.customerportal.Floor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
