/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "cp-application.h"
#include "cp-bench-mark.h"
#include "cp-window.h"

/* Starting up (CSS, templates, the first replies parsed) leaves megabytes
 * that malloc keeps free in its arenas, measured at 5.4 MiB on the
 * overview: once the first page is up, hand them back. */
static gboolean
trim_cb (gpointer user_data)
{
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}

/* The window uses the application (its settings, portal address and token
 * store); the application knows nothing of the window. They meet here. */
static void
activate_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (cp_window_new (CP_APPLICATION (app)));
      cp_bench_mark_next_frame (GTK_WIDGET (window), "first-frame");
      g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, trim_cb, NULL, NULL);
    }
  gtk_window_present (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CpApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cp_application_new ();
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
