/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cp-about.h"
#include "cp-application.h"
#include "cp-overview-page.h"
#include "cp-pay-dialog.h"
#include "cp-preferences-window.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-ui-driver.h"
#include "cp-window.h"

/* The German translation in use: the catalogue built from po/de.po (in the
 * build tree, laid out as LOCALEDIR/de/LC_MESSAGES/customer-portal.mo) and
 * the metainfo merged with it, with LANGUAGE=de on the C.UTF-8 locale (the
 * only one these machines are sure to have). */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_preferences_in_german (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *window;

  /* Messages made in C code are translated too. */
  url = cp_preferences_window_check_server_url ("http://portal.example.org", &error);
  g_assert_null (url);
  g_assert_true (g_str_has_prefix (error->message, "Unverschlüsseltes http://"));

  window = cp_preferences_window_new (NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cp_test_ui_wait_for (is_mapped, window, 5000));
  /* Let the header bar's title transition finish before the screenshot. */
  cp_test_ui_spin (1000);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Einstellungen");
  g_assert_nonnull (cp_test_ui_find_by_label (window, GTK_TYPE_BUTTON, "_Zurücksetzen"));

  shot = cp_test_ui_screenshot (window, "preferences-de");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_about_in_german (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *about = cp_about_window_new_from_metainfo (RESOURCE_PREFIX "/metainfo.xml", &error);
  AdwAboutWindow *w;

  g_assert_no_error (error);
  w = ADW_ABOUT_WINDOW (about);
  g_assert_cmpstr (adw_about_window_get_application_name (w), ==, "Kundenportal");
  g_assert_cmpstr (adw_about_window_get_comments (w), ==, "Ihr Konto beim Haus-Service verwalten");
  g_assert_true (g_str_has_prefix (adw_about_window_get_release_notes (w),
                                   "<p>Die erste Veröffentlichung.</p><ul><li>"));
  g_assert_null (strstr (adw_about_window_get_release_notes (w), "first release"));

  g_object_ref (about);
  gtk_window_present (GTK_WINDOW (about));
  g_assert_true (cp_test_ui_wait_for (is_mapped, about, 5000));
  shot = cp_test_ui_screenshot (about, "about-de");
  gtk_window_destroy (GTK_WINDOW (about));
  g_assert_finalize_object (about);
}

static gboolean
pay_sensitive_cb (gpointer data)
{
  GtkWidget *button = cp_ui_find_button (data, "Bezahlen");

  return button != NULL && gtk_widget_is_sensitive (button);
}

static gboolean
overview_ready_cb (gpointer data)
{
  return g_strcmp0 (cp_overview_page_get_state (data), "content") == 0;
}

/* German numbers too, where the de_DE locale could be built into the build
 * tree (tests/unit/meson.build): "$461,50" as a German user sees it. Else
 * C.UTF-8 stays, with its "$461.50". */
static gboolean
use_german_locale (void)
{
  g_autofree char *locales = g_build_filename (g_getenv ("CP_BUILD_ROOT"), "tests", "unit",
                                               "locale", NULL);

  g_setenv ("LOCPATH", locales, TRUE);
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    return TRUE;
  g_test_message ("no de_DE.UTF-8 locale in %s: numbers as in C", locales);
  g_unsetenv ("LOCPATH");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  return FALSE;
}

/* The login page, then a customer's screens, in German: logged in to the
 * demo server as a person would, through rows with their German titles. */
static void
test_customer_in_german (void)
{
  gboolean german_numbers = use_german_locale ();
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autoptr(CpApplication) app = cp_ui_app_new (server);
  CpWindow *window = cp_ui_open_window (app);
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr(GtkWindow) pay = NULL;
  CpCustomerView *view;

  g_assert_true (cp_ui_wait_page (window, "login", 10000));
  g_assert_nonnull (cp_test_ui_find_by_label (root, GTK_TYPE_BUTTON, "Anmelden"));
  g_assert_null (cp_test_ui_find_by_label (root, GTK_TYPE_BUTTON, "Log In"));
  g_assert_nonnull (cp_test_ui_find_by_label (root, GTK_TYPE_MENU_BUTTON, "Hauptmenü"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Kundenportal");
  cp_ui_shot (root, "window-login-de");

  cp_ui_type (root, "E-Mail-Adresse", "ada@example.com");
  cp_ui_type (root, "Passwort", "demo-customer-password");
  cp_ui_press_enter (cp_ui_find_row (root, "Passwort"));

  view = cp_ui_wait_customer (window, 15000);
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (view), "Offene Rechnungen", 10000));
  g_assert_nonnull (cp_ui_wait_button (GTK_WIDGET (view), "Bezahlen", 10000));
  g_assert_true (cp_test_ui_wait_for (overview_ready_cb, cp_ui_page (view, "overview"), 10000));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (view), german_numbers ? "$461,50" : "$461.50"));
  cp_ui_shot (root, "overview-de");

  /* The Pay dialog's amount is written, and read back, as the overview
   * writes amounts; the other way round is refused, not guessed at. */
  cp_ui_click (cp_ui_find_button (GTK_WIDGET (view), "Bezahlen"));
  pay = cp_ui_wait_window (CP_TYPE_PAY_DIALOG, 5000);
  g_assert_nonnull (pay);
  g_assert_true (cp_test_ui_wait_for (pay_sensitive_cb, pay, 10000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cp_ui_find_row (GTK_WIDGET (pay), "Betrag"))),
                   ==, german_numbers ? "461,50" : "461.50");
  cp_ui_type (GTK_WIDGET (pay), "Betrag", german_numbers ? "20.00" : "20,00");
  g_assert_false (pay_sensitive_cb (pay));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), german_numbers ? "wie in 1.250,50"
                                                                        : "wie in 1,250.50"));
  cp_ui_shot (GTK_WIDGET (pay), "pay-amount-ambiguous-de");
  cp_ui_type (GTK_WIDGET (pay), "Betrag", german_numbers ? "1.250,50" : "1,250.50");
  g_assert_false (pay_sensitive_cb (pay));
  g_assert_nonnull (cp_ui_find_label (GTK_WIDGET (pay), german_numbers ? "$1,00 und $461,50"
                                                                        : "$1.00 und $461.50"));
  cp_ui_type (GTK_WIDGET (pay), "Betrag", german_numbers ? "20,5" : "20.5");
  g_assert_true (pay_sensitive_cb (pay));
  cp_ui_shot (GTK_WIDGET (pay), "pay-de");
  gtk_window_close (pay);
  g_assert_true (cp_ui_wait_gone (pay, 5000));
  /* Before its transient parent, the main window, goes. */
  g_clear_object (&pay);

  cp_ui_select_page (view, "cards");
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (view), "Gespeicherte Kreditkarten", 10000));
  g_assert_nonnull (cp_ui_wait_label (GTK_WIDGET (view), "Hauptkarte", 10000));
  cp_ui_shot (root, "cards-de");

  cp_ui_close_window (window);
  g_unsetenv ("LOCPATH");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autofree char *catalogue = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  localedir = g_build_filename (g_getenv ("CP_BUILD_ROOT"), "po", NULL);
  catalogue = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    g_error ("no German catalogue at %s", catalogue);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cp_test_ui_init (&argc, &argv);
  /* gtk_test_init() asks for en_US.UTF-8, which these machines lack (so it
   * stays "C", where gettext ignores LANGUAGE). */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    g_error ("no C.UTF-8 locale");

  g_test_add_func ("/data/translation/preferences", test_preferences_in_german);
  g_test_add_func ("/data/translation/about", test_about_in_german);
  g_test_add_func ("/data/translation/login-and-customer", test_customer_in_german);

  return g_test_run ();
}
