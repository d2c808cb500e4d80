/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-preferences-window.h"
#include "cp-ui-util.h"

struct _CpPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template children */
  AdwEntryRow *server_row;
  GtkLabel *error_label;
  GtkButton *reset_button;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (CpPreferencesWindow, cp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/**
 * cp_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * A modal Preferences window that edits the portal address (the
 * `server-url` GSettings key).
 *
 * Returns: (transfer none): the new window, owned by GTK until it closes
 */
GtkWidget *
cp_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * cp_preferences_window_check_server_url:
 * @address: what the user typed
 * @error: set, with a message for the user, when @address cannot be used
 *
 * A portal address must be `https://`, or plain `http://` only to this
 * computer (loopback), as the API contract requires; it carries no user name,
 * password, query or fragment.
 *
 * Returns: (transfer full) (nullable): @address tidied (spaces and trailing
 *   slashes removed), or %NULL with @error set
 */
char *
cp_preferences_window_check_server_url (const char  *address,
                                        GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower_host = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (address));
  if (*text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the portal address, for example https://portal.example.com."));
      return NULL;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This is not a web address. A portal address looks like https://portal.example.com."));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The portal address must start with https://."));
      return NULL;
    }

  if (g_strcmp0 (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Unencrypted http:// is only allowed for a portal on this computer. Use an https:// address."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The portal address must not contain a user name or password."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter only the portal address, without “?” or “#” parts."));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  /* Host names are case-insensitive; keep one spelling. */
  lower_host = g_ascii_strdown (host, -1);

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, lower_host, g_uri_get_port (uri),
                     path, NULL, NULL);
}

static void
show_error (CpPreferencesWindow *self,
            const char          *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->server_row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->server_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static void
clear_error (CpPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->server_row), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->server_row),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
load_from_settings (CpPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");
  g_autoptr(GVariant) user_value = g_settings_get_user_value (self->settings, "server-url");
  gboolean writable;

  /* Showing the saved value is no edit: without the apply button dance, the
   * row would offer to apply what is already saved. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->server_row)), url) != 0)
    {
      adw_entry_row_set_show_apply_button (self->server_row, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
      adw_entry_row_set_show_apply_button (self->server_row, TRUE);
    }

  /* An administrator may lock the key (dconf); Reset makes sense only once
   * the address differs from the default. */
  writable = g_settings_is_writable (self->settings, "server-url");
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.reset",
                                 writable && user_value != NULL);
  clear_error (self);
}

static void
settings_changed_cb (CpPreferencesWindow *self,
                     const char          *key)
{
  load_from_settings (self);
}

static void
server_row_changed_cb (CpPreferencesWindow *self)
{
  clear_error (self);
}

static void
server_row_apply_cb (CpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *current = NULL;

  url = cp_preferences_window_check_server_url (gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                                &error);
  if (url == NULL)
    {
      show_error (self, error->message);
      return;
    }

  current = g_settings_get_string (self->settings, "server-url");
  if (g_strcmp0 (current, url) != 0)
    g_settings_set_string (self->settings, "server-url", url);

  /* Shows the tidied address even when the setting did not change. */
  load_from_settings (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Portal address saved")));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_settings_reset (CP_PREFERENCES_WINDOW (widget)->settings, "server-url");
}

static void
cp_preferences_window_dispose (GObject *object)
{
  CpPreferencesWindow *self = CP_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cp_preferences_window_parent_class)->dispose (object);
}

static void
cp_preferences_window_class_init (CpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/app/cp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesWindow, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, server_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_row_changed_cb);
  gtk_widget_class_install_action (widget_class, "preferences.reset", NULL, reset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_preferences_window_init (CpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_set_accessible_name (GTK_WIDGET (self->reset_button), _("Reset the portal address"));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::server-url",
                            G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (self->settings, "writable-changed::server-url",
                            G_CALLBACK (settings_changed_cb), self);
  load_from_settings (self);
}
