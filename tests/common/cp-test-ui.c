/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <glib/gstdio.h>

#include "cp-test-ui.h"

/**
 * cp_test_ui_init:
 *
 * GTest plus GTK and libadwaita, for tests that build the real widgets
 * in-process under the headless harness (Xvfb, private D-Bus).
 */
void
cp_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * cp_test_ui_spin:
 * @ms: how long
 *
 * Runs the default main context for @ms milliseconds, so that frames are
 * drawn and replies handled.
 */
void
cp_test_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * cp_test_ui_wait_for:
 *
 * Runs the main context until @predicate holds or @timeout_ms passes.
 *
 * Returns: whether @predicate came true in time
 */
gboolean
cp_test_ui_wait_for (gboolean (*predicate) (gpointer data),
                     gpointer   data,
                     guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!predicate (data))
    {
      if (timed_out)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (id);
  return TRUE;
}

/**
 * cp_test_ui_screenshot:
 * @widget: a realized, mapped widget (usually the window)
 * @name: file name without extension
 *
 * Renders @widget as it is on screen into `$CP_SCREENSHOT_DIR/@name.png`.
 *
 * Returns: (transfer full): the path written
 */
static gboolean
has_size_cb (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

char *
cp_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("CP_SCREENSHOT_DIR");
  GskRenderer *renderer;
  int width, height;

  g_assert_nonnull (dir);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* Let pending layout and drawing settle first; a window just mapped on
   * a loaded machine may take a few frames to get its size. */
  cp_test_ui_spin (100);
  cp_test_ui_wait_for (has_size_cb, widget, 2000);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  /* A widget waiting for its next layout draws nothing: try again on the
   * following frames (at most two seconds). */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        break;
      cp_test_ui_spin (20);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return g_steal_pointer (&path);
}

static GtkWidget *
find_by_label (GtkWidget  *widget,
               GType       type,
               const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        {
          g_autofree char *name = NULL;

          /* GTK 4.8 cannot read an accessible label back, so match what a
           * sighted user reads: the button's label, else its tooltip. */
          if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
            name = g_strdup (gtk_button_get_label (GTK_BUTTON (child)));
          if (name == NULL)
            name = g_strdup (gtk_widget_get_tooltip_text (child));
          if (g_strcmp0 (name, label) == 0 && gtk_widget_is_visible (child))
            return child;
        }

      found = find_by_label (child, type, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * cp_test_ui_find_by_label:
 * @root: where to look
 * @type: the widget type wanted
 * @label: the button label (with mnemonics as written) or tooltip
 *
 * Returns: (transfer none) (nullable): the first visible widget of @type
 *   below @root whose label is @label
 */
GtkWidget *
cp_test_ui_find_by_label (GtkWidget  *root,
                          GType       type,
                          const char *label)
{
  return find_by_label (root, type, label);
}
