/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-test-ui.h"

/* Every .ui file in the app's resources must load (ui/, and gtk/ for the
 * shortcuts window GtkApplication picks up). gtk4-builder-tool cannot
 * resolve libadwaita template parents, so we build each template's class
 * here, in-process, the way GtkBuilder finds types: by the class name's
 * get_type() function in the program (hence export_dynamic in meson). */

#define ROOT RESOURCE_PREFIX "/"

static void
collect_ui_files (const char *dir,
                  GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                           &error);

  g_assert_no_error (error);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        {
          if (strcmp (children[i], "icons/") != 0)
            collect_ui_files (path, paths);
        }
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* The class named in <template class="…">, or NULL for a plain builder file. */
static char *
template_class (const char *xml)
{
  g_autoptr(GRegex) regex = g_regex_new ("<template\\s+class=\"([A-Za-z0-9_]+)\"",
                                         G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, xml, G_REGEX_MATCH_DEFAULT, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autofree char *xml = NULL;
  g_autofree char *class_name = NULL;
  GObject *object;
  GType type;

  g_assert_no_error (error);
  xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  class_name = template_class (xml);

  if (class_name == NULL)
    {
      g_autoptr(GSList) objects = NULL;

      /* Menus, shortcuts windows and other plain builder files load as they
       * are; toplevels among them belong to GTK until destroyed. */
      gtk_builder_add_from_resource (builder, path, &error);
      g_assert_no_error (error);
      objects = gtk_builder_get_objects (builder);
      for (GSList *l = objects; l != NULL; l = l->next)
        if (GTK_IS_WINDOW (l->data))
          gtk_window_destroy (GTK_WINDOW (l->data));
      return;
    }

  type = gtk_builder_get_type_from_name (builder, class_name);
  if (type == G_TYPE_INVALID)
    g_error ("%s: template class %s is not a known type", path, class_name);
  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));
  g_test_message ("%s: %s", path, class_name);

  /* Building the class loads its template; any error in it is fatal here. */
  object = g_object_new (type, NULL);
  if (GTK_IS_WINDOW (object))
    {
      /* GTK owns toplevels: keep our own reference across the destroy. */
      g_object_ref (object);
      gtk_window_destroy (GTK_WINDOW (object));
    }
  else
    {
      g_object_ref_sink (object);
    }
  g_assert_finalize_object (object);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  cp_test_ui_init (&argc, &argv);

  collect_ui_files (ROOT, paths);
  /* The app has at least its window and the login page. */
  g_assert_cmpuint (paths->len, >=, 2);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_strconcat ("/data/ui-files/", path + strlen (ROOT), NULL);

      g_test_add_data_func (name, path, test_ui_file);
    }

  return g_test_run ();
}
