/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-application.h"
#include "cp-preferences-window.h"
#include "cp-test-ui.h"

/* Which portal addresses the Preferences window takes, and what it keeps. */
static void
test_check_server_url (void)
{
  static const struct { const char *input; const char *expected; } cases[] = {
    { "https://portal.example.com", "https://portal.example.com" },
    { "  https://portal.example.com/  ", "https://portal.example.com" },
    { "HTTPS://Portal.Example.com:8443/api//", "https://portal.example.com:8443/api" },
    { "http://127.0.0.1:8088", "http://127.0.0.1:8088" },
    { "http://localhost:8088/", "http://localhost:8088" },
    { "http://[::1]:8088", "http://[::1]:8088" },
    { "http://127.10.0.1", "http://127.10.0.1" },
    /* refused */
    { "", NULL },
    { "   ", NULL },
    { "portal.example.com", NULL },
    { "http://portal.example.com", NULL },
    { "http://192.168.1.10:8088", NULL },
    { "http://localhost.example.com", NULL },
    { "ftp://portal.example.com", NULL },
    { "https://", NULL },
    { "https://jo:secret@portal.example.com", NULL },
    { "https://portal.example.com/?next=/evil", NULL },
    { "https://portal.example.com/#frag", NULL },
    { "javascript:alert(1)", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = cp_preferences_window_check_server_url (cases[i].input, &error);

      g_test_message ("%s → %s", cases[i].input, url != NULL ? url : error->message);
      g_assert_cmpstr (url, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          g_assert_cmpstr (error->message, !=, "");
        }
      else
        {
          g_assert_no_error (error);
        }
    }
}

static GtkWidget *
find_child (GtkWidget *root,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        return child;
      found = find_child (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
has_default_url (gpointer data)
{
  g_autoptr(GVariant) user_value = g_settings_get_user_value (G_SETTINGS (data), "server-url");

  return user_value == NULL;
}

static GtkWidget *
error_label (GtkWidget *window)
{
  /* The only GtkLabel with the "error" style class. */
  GtkWidget *stack[64];
  int n = 0;

  stack[n++] = window;
  while (n > 0)
    {
      GtkWidget *widget = stack[--n];

      if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
        return widget;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && n < 64;
           c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }

  return NULL;
}

/* The window edits the server-url key: refuses a plain-http address to
 * another machine (saying why, on the row), saves a good one tidied, and
 * Reset goes back to the default. */
static void
test_window_edits_server_url (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *default_url = g_settings_get_string (settings, "server-url");
  g_autofree char *saved = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *label;
  GtkWidget *reset;

  window = cp_preferences_window_new (NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_mapped, window, 5000));
  /* Let the header bar's title transition finish before screenshots. */
  cp_test_ui_spin (1000);

  row = find_child (window, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, default_url);
  reset = cp_test_ui_find_by_label (window, GTK_TYPE_BUTTON, "_Reset");
  g_assert_nonnull (reset);
  g_assert_false (gtk_widget_get_sensitive (reset));
  label = error_label (window);
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_visible (label));

  /* Refused: nothing saved, the row says why. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://portal.example.org");
  g_signal_emit_by_name (row, "apply");
  saved = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (saved, ==, default_url);
  g_clear_pointer (&saved, g_free);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (label)), "https://") != NULL);
  shot = cp_test_ui_screenshot (window, "preferences-error");
  g_clear_pointer (&shot, g_free);

  /* Typing again clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (row), "https://portal.example.org/ ");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (label));

  /* Accepted and tidied. */
  g_signal_emit_by_name (row, "apply");
  saved = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (saved, ==, "https://portal.example.org");
  g_clear_pointer (&saved, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://portal.example.org");
  g_assert_true (gtk_widget_get_sensitive (reset));
  shot = cp_test_ui_screenshot (window, "preferences");
  g_clear_pointer (&shot, g_free);

  /* A change made elsewhere (gsettings set, another window) shows up. */
  g_settings_set_string (settings, "server-url", "http://127.0.0.1:8088");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "http://127.0.0.1:8088");

  /* Reset: back to the default. */
  gtk_widget_activate (reset);
  g_assert_true (cp_test_ui_wait_for (has_default_url, settings, 2000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, default_url);
  g_assert_false (gtk_widget_get_sensitive (reset));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static CpPreferencesWindow *
find_preferences_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CP_IS_PREFERENCES_WINDOW (window))
        return CP_PREFERENCES_WINDOW (window);
    }

  return NULL;
}

static gboolean
preferences_is_mapped (gpointer data)
{
  CpPreferencesWindow *window = find_preferences_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* app.preferences (Ctrl+comma, the main menu's Preferences) opens it. */
static void
test_preferences_action (void)
{
  g_autoptr(CpApplication) app = cp_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  CpPreferencesWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  g_assert_null (find_preferences_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (cp_test_ui_wait_for (preferences_is_mapped, NULL, 5000));
  window = find_preferences_window ();
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  cp_test_ui_init (&argc, &argv);

  g_test_add_func ("/data/preferences/check-server-url", test_check_server_url);
  g_test_add_func ("/data/preferences/edits-server-url", test_window_edits_server_url);
  g_test_add_func ("/data/preferences/action", test_preferences_action);

  return g_test_run ();
}
