/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-application.h"
#include "cp-test-ui.h"
#include "cp-window.h"

/* One per program: a GApplication exports itself on the session bus. */
static CpApplication *app;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The first thing a user sees: the window opens on the login page, with the
 * Login button and the main menu that holds About. */
static void
test_window_opens_on_login (void)
{
  g_autofree char *shot = NULL;
  CpWindow *window;
  GtkWidget *login;

  window = cp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_mapped, window, 5000));

  login = cp_test_ui_find_by_label (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Log In");
  g_assert_nonnull (login);
  g_assert_true (gtk_widget_get_mapped (login));
  g_assert_nonnull (cp_test_ui_find_by_label (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                              "Main Menu"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  shot = cp_test_ui_screenshot (GTK_WIDGET (window), "window-login");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
menu_has (GMenuModel *menu,
          const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every shortcut is written down: the main menu holds Preferences, Keyboard
 * Shortcuts, Help (F1), About and Log Out, and the shortcuts window lists the
 * accelerators the application sets. */
static void
test_window_shortcuts (void)
{
  g_auto(GStrv) refresh = NULL;
  g_auto(GStrv) add_card = NULL;
  g_auto(GStrv) logout = NULL;
  g_auto(GStrv) help = NULL;
  g_auto(GStrv) shortcuts = NULL;
  GtkWidget *menu_button;
  GMenuModel *menu;
  GtkWindow *overlay;
  CpWindow *window;

  window = cp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_mapped, window, 5000));

  menu_button = cp_test_ui_find_by_label (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "Main Menu");
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_true (menu_has (menu, "app.preferences"));
  g_assert_true (menu_has (menu, "win.show-help-overlay"));
  g_assert_true (menu_has (menu, "win.logout"));
  g_assert_true (menu_has (menu, "app.about"));
  g_assert_true (menu_has (menu, "app.help"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));

  refresh = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "view.refresh");
  add_card = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "view.add-card");
  logout = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.logout");
  g_assert_cmpstr (refresh[0], ==, "<Control>r");
  g_assert_cmpstr (add_card[0], ==, "<Control>n");
  g_assert_cmpstr (logout[0], ==, "<Shift><Control>l");
  help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpstr (help[0], ==, "F1");
  shortcuts = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (shortcuts[0], ==, "<Control>question");
  /* Logged out: nothing to refresh, no card to add, no one to log out. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "view.refresh", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "view.add-card", NULL));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "logout"));

  /* Built when first shown, not with the window. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (cp_test_ui_wait_for (is_mapped, overlay, 5000));
  {
    g_autofree char *shot = cp_test_ui_screenshot (GTK_WIDGET (overlay), "window-shortcuts");
  }
  gtk_window_close (overlay);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_maximized (gpointer data)
{
  return gtk_window_is_maximized (GTK_WINDOW (data)) && gtk_widget_get_width (data) > 0;
}

/* The window comes back as it was left: its size, and maximized or not.
 * (Under Xvfb there is no window manager to maximize a mapped window, so
 * maximizing is checked as restored, before the window maps.) */
static void
test_window_remembers_size (void)
{
  GSettings *settings = cp_application_get_settings (app);
  CpWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = cp_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_mapped, window, 5000));
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  /* Resized, then closed: the next window opens at that size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  cp_test_ui_spin (100);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = cp_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Left maximized: opens maximized, and the size to unmaximize to stays. */
  g_settings_set_boolean (settings, "window-maximized", TRUE);
  window = cp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_maximized, window, 5000));
  cp_test_ui_spin (100);
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  {
    g_autofree char *shot = cp_test_ui_screenshot (GTK_WIDGET (window), "window-maximized");
  }
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  cp_test_ui_init (&argc, &argv);
  app = cp_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/opens-on-login", test_window_opens_on_login);
  g_test_add_func ("/ui/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/ui/window/remembers-size", test_window_remembers_size);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
