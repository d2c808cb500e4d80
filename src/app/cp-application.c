/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-about.h"
#include "cp-application.h"
#include "cp-ui-util.h"
#include "cp-preferences-window.h"
#include "cp-ui-util.h"

struct _CpApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *server_override;       /* --server, or an address typed at login */
  char *server_url;            /* what get_server_url() last returned */
  CpTokenStore *token_store;
};

G_DEFINE_FINAL_TYPE (CpApplication, cp_application, ADW_TYPE_APPLICATION)

CpApplication *
cp_application_new (void)
{
  return g_object_new (CP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * cp_application_get_server_url:
 * @self: a #CpApplication
 *
 * Returns: the portal address for this run: the one given with `--server`,
 *   else the one kept in GSettings (read afresh, so that a change made in
 *   Preferences applies to the next login).
 */
const char *
cp_application_get_server_url (CpApplication *self)
{
  g_return_val_if_fail (CP_IS_APPLICATION (self), NULL);

  g_free (self->server_url);
  if (self->server_override != NULL)
    self->server_url = g_strdup (self->server_override);
  else
    self->server_url = g_settings_get_string (cp_application_get_settings (self), "server-url");

  return self->server_url;
}

/**
 * cp_application_set_server_url:
 * @url: the address the user typed on the login page
 *
 * Remembers @url in GSettings when the key is writable; when the address
 * was given with `--server`, the new one also replaces it for this run.
 */
void
cp_application_set_server_url (CpApplication *self,
                               const char    *url)
{
  g_return_if_fail (CP_IS_APPLICATION (self));
  g_return_if_fail (url != NULL);

  if (self->server_override != NULL)
    {
      g_free (self->server_override);
      self->server_override = g_strdup (url);
    }
  if (g_settings_is_writable (cp_application_get_settings (self), "server-url"))
    g_settings_set_string (self->settings, "server-url", url);
  else if (self->server_override == NULL)
    self->server_override = g_strdup (url);
}

/**
 * cp_application_get_settings:
 *
 * Made on first use, never while the command line is parsed, so that
 * `--help`, `--version` and a second instance need no installed schema.
 *
 * Returns: (transfer none): the app's settings
 */
GSettings *
cp_application_get_settings (CpApplication *self)
{
  g_return_val_if_fail (CP_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  return self->settings;
}

/**
 * cp_application_get_token_store:
 *
 * Returns: (transfer none): where the windows keep refresh tokens: the
 *   system keyring unless cp_application_set_token_store() said otherwise
 */
CpTokenStore *
cp_application_get_token_store (CpApplication *self)
{
  g_return_val_if_fail (CP_IS_APPLICATION (self), NULL);

  if (self->token_store == NULL)
    self->token_store = CP_TOKEN_STORE (cp_secret_token_store_new (APP_ID));

  return self->token_store;
}

/**
 * cp_application_set_token_store:
 *
 * Replaces the token store for windows opened from now on (tests use an
 * in-memory or a failing one).
 */
void
cp_application_set_token_store (CpApplication *self,
                                CpTokenStore  *store)
{
  g_return_if_fail (CP_IS_APPLICATION (self));
  g_return_if_fail (CP_IS_TOKEN_STORE (store));

  g_set_object (&self->token_store, store);
}

static int
cp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CpApplication *self = CP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *server = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL
          || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
              && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
        {
          g_printerr (_("Not a portal address: %s\n"), server);
          return 2;
        }

      /* Only the first instance runs; a second one hands over to it and
       * exits, so an address given to it would be silently lost. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          g_printerr ("%s\n", _("Customer Portal is already running, so the portal address "
                                 "given with --server was not used. To use it, quit the app "
                                 "and start it again with --server."));
          g_action_group_activate_action (G_ACTION_GROUP (app), "server-ignored",
                                          g_variant_new_string (server));
          return -1;
        }

      g_free (self->server_override);
      self->server_override = g_strdup (server);
    }

  return -1;
}

static void
cp_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Customer Portal developers", NULL };
  const char *translators = _("translator-credits");
  g_autoptr(GError) error = NULL;
  GtkWidget *about;

  /* Name, summary, release notes, links and license come from the bundled
   * AppStream metainfo, as software centres show them. */
  about = cp_about_window_new_from_metainfo (RESOURCE_PREFIX "/metainfo.xml", &error);
  if (about == NULL)
    {
      g_critical ("Cannot read the bundled metainfo: %s", error->message);
      return;
    }

  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  if (g_strcmp0 (translators, "translator-credits") != 0)
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), translators);
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  cp_ui_fit_dialog (GTK_WINDOW (about));
  gtk_window_present (GTK_WINDOW (about));
}

/* The user guide in the first of the user's languages that has one: where
 * it is installed (DATADIR/help/LANG/customer-portal/), in the data dirs (a
 * Flatpak's /app/share), or in $CP_HELP_DIR/LANG/ when running uninstalled
 * (`meson devenv`, ./dev.sh demo). */
static char *
find_user_guide (void)
{
  const char * const *languages = g_get_language_names ();
  const char * const *data_dirs = g_get_system_data_dirs ();
  const char *uninstalled = g_getenv ("CP_HELP_DIR");

  for (guint l = 0; languages[l] != NULL; l++)
    {
      g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

      if (uninstalled != NULL)
        g_ptr_array_add (candidates, g_build_filename (uninstalled, languages[l], "index.html",
                                                       NULL));
      g_ptr_array_add (candidates, g_build_filename (DATADIR, "help", languages[l],
                                                     GETTEXT_PACKAGE, "index.html", NULL));
      for (guint d = 0; data_dirs[d] != NULL; d++)
        g_ptr_array_add (candidates, g_build_filename (data_dirs[d], "help", languages[l],
                                                       GETTEXT_PACKAGE, "index.html", NULL));

      for (guint i = 0; i < candidates->len; i++)
        if (g_file_test (g_ptr_array_index (candidates, i), G_FILE_TEST_IS_REGULAR))
          return g_filename_to_uri (g_ptr_array_index (candidates, i), NULL, NULL);
    }

  return NULL;
}

static void
cp_application_help_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *uri = find_user_guide ();

  if (uri == NULL)
    {
      if (window != NULL)
        cp_ui_toast (GTK_WIDGET (window), _("The user guide is not installed"));
      return;
    }

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static void
cp_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  CpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = cp_preferences_window_new (window);

  cp_ui_fit_dialog (GTK_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The card-expiry notification's action: Add New Card in the window (the
 * customer's view has it; elsewhere it only raises the window). */
static void
cp_application_add_card_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  CpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return;
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "view.add-card", NULL);
}

static void
cp_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* A second instance was started with --server: it said so on its
 * terminal, and the window that stays says so too. */
static void
cp_application_server_ignored_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  CpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    cp_ui_toast (GTK_WIDGET (window), _("Already running: the portal address given with "
                                        "--server was not used"));
}

static const GActionEntry app_actions[] = {
  { "about", cp_application_about_action },
  { "help", cp_application_help_action },
  { "preferences", cp_application_preferences_action },
  { "add-card", cp_application_add_card_action },
  { "quit", cp_application_quit_action },
  { "server-ignored", cp_application_server_ignored_action, "s" },
};

static void
cp_application_startup (GApplication *app)
{
  CpApplication *self = CP_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const struct { const char *action; const char *accels[2]; } window_accels[] = {
    /* GtkApplication's own, had the shortcuts window been its
     * gtk/help-overlay.ui (the window builds it when first shown). */
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.logout", { "<Control><Shift>l", NULL } },
    { "win.select-page(1)", { "<Alt>1", NULL } },
    { "win.select-page(2)", { "<Alt>2", NULL } },
    { "win.select-page(3)", { "<Alt>3", NULL } },
    { "win.select-page(4)", { "<Alt>4", NULL } },
    /* The account view's own (CpAccountView:get_actions). */
    { "view.refresh", { "<Control>r", NULL } },
    { "view.add-card", { "<Control>n", NULL } },
    { "view.find", { "<Control>f", NULL } },
  };

  G_APPLICATION_CLASS (cp_application_parent_class)->startup (app);
  cp_ui_install_library_name_fixes ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), window_accels[i].action,
                                           window_accels[i].accels);
}

static void
cp_application_finalize (GObject *object)
{
  CpApplication *self = CP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->server_override, g_free);
  g_clear_object (&self->token_store);

  G_OBJECT_CLASS (cp_application_parent_class)->finalize (object);
}

static void
cp_application_class_init (CpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cp_application_finalize;
  app_class->startup = cp_application_startup;
  app_class->handle_local_options = cp_application_handle_local_options;
}

static void
cp_application_init (CpApplication *self)
{
  static const GOptionEntry options[] = {
    { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Portal address to use for this run (overrides the saved one)"), N_("URL") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage your home-services account: balance, "
                                              "invoices, service history and saved cards. "
                                              "Office staff look after customers with it."));
}
