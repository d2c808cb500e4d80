/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cp-about.h"
#include "cp-application.h"
#include "cp-test-ui.h"

#define METAINFO RESOURCE_PREFIX "/metainfo.xml"

/* The About window says what the metainfo says, and its newest release is
 * the version being built (so a release never ships without its notes). */
static void
test_about_from_metainfo (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *about = cp_about_window_new_from_metainfo (METAINFO, &error);
  AdwAboutWindow *w;

  g_assert_no_error (error);
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  w = ADW_ABOUT_WINDOW (about);

  g_assert_cmpstr (adw_about_window_get_application_name (w), ==, "Customer Portal");
  g_assert_cmpstr (adw_about_window_get_application_icon (w), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_comments (w), ==, "Manage your home-services account");
  g_assert_cmpstr (adw_about_window_get_developer_name (w), ==, "The Customer Portal developers");
  g_assert_cmpstr (adw_about_window_get_version (w), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (w), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (adw_about_window_get_release_notes (w),
                                   "<p>The first release.</p><ul><li>"));
  g_assert_true (g_str_has_suffix (adw_about_window_get_release_notes (w),
                                   "<li>German translation</li></ul>"));
  /* Only the untranslated text: no German leaked into an English window. */
  g_assert_null (strstr (adw_about_window_get_release_notes (w), "Veröffentlichung"));
  /* The project has no homepage or bug tracker yet, so the metainfo names
   * none and the About window shows no links (rather than made-up ones). */
  g_assert_cmpstr (adw_about_window_get_website (w), ==, "");
  g_assert_cmpstr (adw_about_window_get_issue_url (w), ==, "");
  g_assert_cmpint (adw_about_window_get_license_type (w), ==, GTK_LICENSE_GPL_3_0);

  g_object_ref (about);
  gtk_window_destroy (GTK_WINDOW (about));
  g_assert_finalize_object (about);
}

static void
test_about_missing_metainfo (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *about = cp_about_window_new_from_metainfo (RESOURCE_PREFIX "/no-such.xml", &error);

  g_assert_null (about);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

static gboolean
about_is_mapped (gpointer data)
{
  AdwAboutWindow *about = find_about_window ();

  return about != NULL && gtk_widget_get_mapped (GTK_WIDGET (about));
}

/* app.about (the main menu's About item) opens that window. */
static void
test_about_action (void)
{
  g_autoptr(CpApplication) app = cp_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  AdwAboutWindow *about;

  /* Other tests may hold the app ID on this bus; stay a primary instance. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_assert_null (find_about_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (cp_test_ui_wait_for (about_is_mapped, NULL, 5000));
  about = find_about_window ();
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Customer Portal");
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);

  shot = cp_test_ui_screenshot (GTK_WIDGET (about), "about");
  g_object_ref (about);
  gtk_window_destroy (GTK_WINDOW (about));
  g_assert_finalize_object (about);
}

int
main (int   argc,
      char *argv[])
{
  /* English, whatever the machine is set to. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  cp_test_ui_init (&argc, &argv);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/data/about/from-metainfo", test_about_from_metainfo);
  g_test_add_func ("/data/about/missing-metainfo", test_about_missing_metainfo);
  g_test_add_func ("/data/about/action", test_about_action);

  return g_test_run ();
}
