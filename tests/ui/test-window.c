/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-application.h"
#include "cp-test-ui.h"
#include "cp-window.h"

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
  g_autoptr(CpApplication) app = cp_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  CpWindow *window;
  GtkWidget *login;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = cp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_mapped, window, 5000));

  login = cp_test_ui_find_by_label (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Login");
  g_assert_nonnull (login);
  g_assert_true (gtk_widget_get_mapped (login));
  g_assert_nonnull (cp_test_ui_find_by_label (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                              "Main Menu"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  shot = cp_test_ui_screenshot (GTK_WIDGET (window), "window-login");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/window/opens-on-login", test_window_opens_on_login);

  return g_test_run ();
}
