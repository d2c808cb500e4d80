/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-account-view.h"
#include "cp-customer-view.h"
#include "cp-devices-dialog.h"
#include "cp-invitation-page.h"
#include "cp-login-page.h"
#include "cp-staff-view.h"
#include "cp-client-error.h"
#include "cp-ui-util.h"
#include "cp-window.h"

/*
 * The main window. It owns the session: one CpClient for the portal address
 * in use, a GCancellable cancelled when the window closes, and the account
 * view of whoever is logged in (the customer view, or the staff view for
 * staff and admins). Pages below it report what the user wants; the window
 * decides which page shows.
 */
struct _CpWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  GtkButton *back_button;
  GtkButton *refresh_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton *primary_menu_button;
  GtkStack *main_stack;
  GtkSpinner *restoring_spinner;
  AdwBin *account_bin;

  /* In main_stack once first used */
  CpLoginPage *login_page;
  CpInvitationPage *invitation_page;

  /* Owned */
  GCancellable *cancellable;
  GSettings *settings;
  CpClient *client;
  GBinding *reveal_binding;
  char *shortcuts_resource;   /* the shortcuts window to build when first shown */
  gboolean told_no_keyring;
  /* "Logged out", while it shows: not over the next session. */
  AdwToast *logged_out_toast;
};

G_DEFINE_FINAL_TYPE (CpWindow, cp_window, ADW_TYPE_APPLICATION_WINDOW)

static void show_login (CpWindow   *self,
                        const char *error_message);

static CpApplication *
get_app (CpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CP_IS_APPLICATION (app) ? CP_APPLICATION (app) : NULL;
}

static void
set_action_enabled (CpWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static CpAccountView *
get_view (CpWindow *self)
{
  GtkWidget *view = adw_bin_get_child (self->account_bin);

  return view != NULL ? CP_ACCOUNT_VIEW (view) : NULL;
}

static void
update_actions (CpWindow *self)
{
  gboolean on_account = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                   "account") == 0 && get_view (self) != NULL;

  set_action_enabled (self, "logout", on_account);
  set_action_enabled (self, "devices", on_account);
  set_action_enabled (self, "select-page", on_account);
  set_action_enabled (self, "back-to-login",
                      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                 "invitation") == 0);
}

static void
page_changed_cb (CpWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  CpAccountView *view = get_view (self);
  gboolean refreshable = g_strcmp0 (page, "account") == 0 && view != NULL
                         && g_action_group_has_action (cp_account_view_get_actions (view),
                                                       "refresh");

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), g_strcmp0 (page, "invitation") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), refreshable);
  gtk_spinner_set_spinning (self->restoring_spinner, g_strcmp0 (page, "restoring") == 0);
  update_actions (self);
}

/* The shortcuts window lists what the user in front of it can press: the
 * general shortcuts alone at the login page, the customer's or the
 * office's once logged in. It is built when first shown, not at every
 * start and login (a window of a hundred widgets: 7 ms and 0.4 MiB of
 * heap that the first frame and the balance waited for); its resource is
 * not GtkApplication's gtk/help-overlay.ui, which every new window would
 * build at once. */
static void
set_shortcuts (CpWindow   *self,
               const char *resource)
{
  if (g_strcmp0 (self->shortcuts_resource, resource) == 0)
    return;
  g_free (self->shortcuts_resource);
  self->shortcuts_resource = g_strdup (resource);
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), NULL);
}

/**
 * cp_window_get_shortcuts_window:
 *
 * Returns: (transfer none): the shortcuts window for who is logged in,
 *   built now if it was not yet
 */
GtkShortcutsWindow *
cp_window_get_shortcuts_window (CpWindow *self)
{
  GtkApplicationWindow *window;

  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  window = GTK_APPLICATION_WINDOW (self);
  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (self->shortcuts_resource);

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                             "help_overlay")));
    }
  return gtk_application_window_get_help_overlay (window);
}

/* Ours, so that GtkApplicationWindow adds none of its own. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (cp_window_get_shortcuts_window (user_data)));
}

/* Every dialog that belongs to this window: Add New Card, Pay, a
 * confirmation. When the session ends none of them may stay. */
static void
close_dialogs (CpWindow *self)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      for (GtkWindow *parent = gtk_window_get_transient_for (window);
           parent != NULL;
           parent = gtk_window_get_transient_for (parent))
        if (parent == GTK_WINDOW (self))
          {
            g_ptr_array_add (doomed, g_object_ref (window));
            break;
          }
    }

  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (g_ptr_array_index (doomed, i));
}

#define SHORTCUTS_RESOURCE RESOURCE_PREFIX "/ui/app/help-overlay.ui"

static void
clear_account_view (CpWindow *self)
{
  if (self->reveal_binding != NULL)
    {
      g_binding_unbind (self->reveal_binding);
      self->reveal_binding = NULL;
    }
  adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", NULL);
  adw_bin_set_child (self->account_bin, NULL);
}

/* Logged out, or the session ended: nothing of the account may stay. */
static void
leave_account (CpWindow *self)
{
  close_dialogs (self);
  clear_account_view (self);
  set_shortcuts (self, SHORTCUTS_RESOURCE);
}

static void
session_expired_cb (CpWindow *self)
{
  gboolean elsewhere = self->client != NULL && cp_client_get_signed_out_elsewhere (self->client);

  leave_account (self);
  show_login (self, elsewhere
                    ? _("This device was signed out from another device. Please log in again.")
                    : _("Your session has expired. Please log in again."));
}

static void
set_client (CpWindow *self,
            CpClient *client)
{
  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, session_expired_cb, self);
  g_set_object (&self->client, client);
  if (self->client != NULL)
    g_signal_connect_swapped (self->client, "session-expired",
                              G_CALLBACK (session_expired_cb), self);
}

/* The client for @url, made anew when the address changed. */
static CpClient *
ensure_client (CpWindow    *self,
               const char  *url,
               GError     **error)
{
  g_autoptr(CpClient) client = NULL;
  CpApplication *app = get_app (self);

  if (self->client != NULL && g_strcmp0 (cp_client_get_base_url (self->client), url) == 0)
    return self->client;

  client = cp_client_new (url, error);
  if (client == NULL)
    return NULL;
  if (app != NULL)
    cp_client_set_token_store (client, cp_application_get_token_store (app));
  set_client (self, client);

  return self->client;
}

static void login_cb              (CpWindow *self);
static void request_invitation_cb (CpWindow *self);
static void forgot_password_cb    (CpWindow *self);

/* Built on first use: a remembered session opens without it. */
static CpLoginPage *
get_login_page (CpWindow *self)
{
  if (self->login_page == NULL)
    {
      self->login_page = g_object_new (CP_TYPE_LOGIN_PAGE, NULL);
      g_signal_connect_object (self->login_page, "login", G_CALLBACK (login_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->login_page, "request-invitation",
                               G_CALLBACK (request_invitation_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->login_page, "forgot-password",
                               G_CALLBACK (forgot_password_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->login_page), "login");
      /* What the window's init did for the pages of its template. */
      cp_ui_fix_accessible_names (GTK_WIDGET (self->login_page));
    }
  return self->login_page;
}

static void
show_login (CpWindow   *self,
            const char *error_message)
{
  CpApplication *app = get_app (self);

  cp_login_page_set_busy (get_login_page (self), FALSE);
  cp_login_page_clear_password (get_login_page (self));
  if (app != NULL)
    cp_login_page_set_server_url (get_login_page (self), cp_application_get_server_url (app));
  if (self->settings != NULL && cp_login_page_get_email (get_login_page (self))[0] == '\0')
    {
      g_autofree char *email = g_settings_get_string (self->settings, "last-email");

      cp_login_page_set_email (get_login_page (self), email);
    }
  cp_login_page_set_error (get_login_page (self), error_message);
  gtk_stack_set_visible_child_name (self->main_stack, "login");
  cp_login_page_focus (get_login_page (self));
}

static void
show_account (CpWindow  *self,
              CpAccount *account)
{
  GtkWidget *view;

  clear_account_view (self);
  if (self->logged_out_toast != NULL)
    adw_toast_dismiss (self->logged_out_toast);

  if (cp_account_get_role (account) == CP_ROLE_CUSTOMER)
    {
      view = cp_customer_view_new (self->client, account);
    }
  else
    {
      /* The office tools: their switcher goes in our header bar. */
      view = GTK_WIDGET (cp_staff_view_new (self->client, account));
      cp_staff_view_set_show_switcher (CP_STAFF_VIEW (view), FALSE);
    }

  adw_view_switcher_title_set_stack (self->switcher_title,
                                     cp_account_view_get_stack (CP_ACCOUNT_VIEW (view)));
  self->reveal_binding =
    g_object_bind_property (self->switcher_title, "title-visible",
                            cp_account_view_get_switcher_bar (CP_ACCOUNT_VIEW (view)),
                            "reveal", G_BINDING_SYNC_CREATE);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view",
                                  cp_account_view_get_actions (CP_ACCOUNT_VIEW (view)));
  set_shortcuts (self, cp_account_view_get_shortcuts_resource (CP_ACCOUNT_VIEW (view)));

  adw_view_switcher_title_set_subtitle (self->switcher_title, cp_account_get_name (account));
  /* The switcher made its buttons just now: their icons are decorative. */
  cp_ui_fix_accessible_names (GTK_WIDGET (self->switcher_title));
  adw_bin_set_child (self->account_bin, view);
  /* From the start's spinner straight to the account, which shows its
   * own until its first page arrives: a crossfade there only delays the
   * balance by 200 ms. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "restoring") == 0)
    {
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child_name (self->main_stack, "account");
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "account");
  page_changed_cb (self);
}

static void
tell_no_keyring (CpWindow     *self,
                 const GError *store_error)
{
  AdwToast *toast;

  if (self->told_no_keyring)
    return;
  self->told_no_keyring = TRUE;

  g_debug ("Token store: %s", store_error->message);
  toast = adw_toast_new (_("Your login cannot be remembered on this computer, so you will "
                           "need to log in again next time."));
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
login_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(CpAccount) account = NULL;
  CpWindow *self;

  account = cp_client_login_finish (CP_CLIENT (source), result, &store_error, &error);
  if (cp_ui_is_cancelled (error))
    return;
  self = CP_WINDOW (user_data);

  cp_login_page_set_busy (get_login_page (self), FALSE);
  if (account == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      show_login (self, message);
      return;
    }

  cp_login_page_clear_password (get_login_page (self));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-email", cp_account_get_email (account));
  show_account (self, account);
  if (store_error != NULL)
    tell_no_keyring (self, store_error);
}

static void
start_login (CpWindow   *self,
             const char *url,
             const char *email,
             const char *password)
{
  g_autoptr(GError) error = NULL;
  CpClient *client = ensure_client (self, url, &error);

  if (client == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      show_login (self, message);
      return;
    }

  cp_client_login_async (client, email, password, self->cancellable, login_ready_cb, self);
}

static void
login_cb (CpWindow *self)
{
  g_autofree char *url = cp_login_page_dup_server_url (get_login_page (self));
  g_autofree char *email = g_strstrip (g_strdup (cp_login_page_get_email (get_login_page (self))));
  CpApplication *app = get_app (self);

  cp_login_page_set_busy (get_login_page (self), TRUE);
  if (app != NULL && g_strcmp0 (url, cp_application_get_server_url (app)) != 0)
    {
      g_autoptr(GError) error = NULL;

      /* Only remember an address the client accepts. */
      if (!ensure_client (self, url, &error))
        {
          g_autofree char *message = cp_ui_error_message (error);

          cp_login_page_set_busy (get_login_page (self), FALSE);
          cp_login_page_set_error (get_login_page (self), message);
          return;
        }
      cp_application_set_server_url (app, url);
    }

  start_login (self, url, email, cp_login_page_get_password (get_login_page (self)));
}


static void invitation_completed_cb (CpWindow *self);

/* Built on first use: most starts never show it. */
static void
ensure_invitation_page (CpWindow *self)
{
  if (self->invitation_page != NULL)
    return;
  self->invitation_page = g_object_new (CP_TYPE_INVITATION_PAGE, NULL);
  g_signal_connect_object (self->invitation_page, "completed",
                           G_CALLBACK (invitation_completed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->invitation_page), "invitation");
  cp_ui_fix_accessible_names (GTK_WIDGET (self->invitation_page));
}

static void
start_invitation (CpWindow         *self,
                  CpInvitationMode  mode)
{
  g_autofree char *url = cp_login_page_dup_server_url (get_login_page (self));
  g_autoptr(GError) error = NULL;
  CpClient *client = ensure_client (self, url, &error);

  if (client == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      cp_login_page_set_error (get_login_page (self), message);
      return;
    }

  cp_login_page_set_error (get_login_page (self), NULL);
  ensure_invitation_page (self);
  cp_page_set_client (CP_PAGE (self->invitation_page), client, NULL);
  cp_invitation_page_start (self->invitation_page, mode,
                            cp_login_page_get_email (get_login_page (self)));
  gtk_stack_set_visible_child_name (self->main_stack, "invitation");
}

static void
request_invitation_cb (CpWindow *self)
{
  start_invitation (self, CP_INVITATION_MODE_INVITATION);
}

static void
forgot_password_cb (CpWindow *self)
{
  start_invitation (self, CP_INVITATION_MODE_PASSWORD_RESET);
}

/* The account exists and has a password: log straight in with it. */
static void
invitation_completed_cb (CpWindow *self)
{
  const char *email = cp_invitation_page_get_email (self->invitation_page);
  const char *password = cp_invitation_page_get_password (self->invitation_page);

  cp_login_page_set_email (get_login_page (self), email);
  gtk_stack_set_visible_child_name (self->main_stack, "restoring");
  cp_client_login_async (self->client, email, password, self->cancellable,
                         login_ready_cb, self);
  cp_invitation_page_reset (self->invitation_page);
}

static void
restore_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAccount) account = NULL;
  CpWindow *self;

  account = cp_client_restore_session_finish (CP_CLIENT (source), result, &error);
  if (cp_ui_is_cancelled (error))
    return;
  self = CP_WINDOW (user_data);

  if (account != NULL)
    {
      show_account (self, account);
      return;
    }

  if (error == NULL || error->domain == CP_TOKEN_STORE_ERROR)
    {
      /* Nothing remembered (or no keyring): simply log in. */
      if (error != NULL)
        g_debug ("Could not restore the session: %s", error->message);
      show_login (self, NULL);
    }
  else if (g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_UNAUTHORIZED)
           || g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_SESSION_EXPIRED)
           || g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TOKEN_EXPIRED))
    {
      show_login (self, _("Your session has expired. Please log in again."));
    }
  else
    {
      g_autofree char *message = cp_ui_error_message (error);

      show_login (self, message);
    }
}

/* The window comes back at the size, and maximized or not, as it was left
 * last time, however the app ended (closed, quit, killed): the settings
 * follow the window as it changes. The default size is the unmaximized
 * one, which GTK keeps up to date as the user resizes the window. Read
 * once: another window's changes do not resize this one. */
static void
bind_size (CpWindow *self)
{
  static const struct { const char *key; const char *property; } keys[] = {
    { "window-width", "default-width" },
    { "window-height", "default-height" },
    { "window-maximized", "maximized" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i].key, self, keys[i].property,
                     G_SETTINGS_BIND_GET | G_SETTINGS_BIND_SET | G_SETTINGS_BIND_GET_NO_CHANGES);
}

/* Opens straight into the account when a session was remembered; the
 * restoring page (a spinner) shows meanwhile, never the login form. */
static void
start (CpWindow *self)
{
  CpApplication *app = get_app (self);
  g_autofree char *email = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;
  CpClient *client;

  if (app == NULL)
    {
      show_login (self, NULL);
      return;
    }

  self->settings = g_object_ref (cp_application_get_settings (app));
  bind_size (self);
  url = cp_application_get_server_url (app);
  email = g_settings_get_string (self->settings, "last-email");

  client = ensure_client (self, url, &error);
  if (client == NULL || email[0] == '\0')
    {
      g_autofree char *message = error != NULL ? cp_ui_error_message (error) : NULL;

      show_login (self, message);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "restoring");
  cp_client_restore_session_async (client, email, self->cancellable, restore_ready_cb, self);
}

static void
logout_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The session is forgotten locally whatever the server said. */
  if (!cp_client_logout_finish (CP_CLIENT (source), result, &error))
    g_debug ("Logging out: %s", error->message);
}

static void
logout_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CpWindow *self = user_data;

  if (self->client == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                         "account") != 0)
    return;

  leave_account (self);
  /* Not cancelled with the window: the server should hear of it. */
  cp_client_logout_async (self->client, NULL, logout_ready_cb, NULL);
  show_login (self, NULL);
  {
    AdwToast *toast = adw_toast_new (_("Logged out"));

    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    g_set_weak_pointer (&self->logged_out_toast, toast);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/* Main Menu › Signed-in Devices. */
static void
devices_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CpWindow *self = user_data;
  CpDevicesDialog *dialog;

  if (self->client == NULL || !cp_client_get_logged_in (self->client))
    return;

  dialog = cp_devices_dialog_new (self->client);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Alt+1, Alt+2, …: here rather than on the views, so that they work
 * wherever focus is, the header bar included. */
static void
select_page_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CpWindow *self = user_data;
  CpAccountView *view = get_view (self);

  if (view != NULL)
    cp_account_view_select_page (view, g_variant_get_int32 (parameter));
}

static void
back_to_login_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CpWindow *self = user_data;

  if (self->invitation_page != NULL)
    cp_invitation_page_reset (self->invitation_page);
  show_login (self, NULL);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cp_ui_add_toast (CP_WINDOW (widget)->toast_overlay, g_variant_get_string (parameter, NULL));
}

static const GActionEntry win_actions[] = {
  { "logout", logout_action },
  { "devices", devices_action },
  { "select-page", select_page_action, "i" },
  { "back-to-login", back_to_login_action },
  { "show-help-overlay", show_help_overlay_action },
};

static gboolean
cp_window_close_request (GtkWindow *window)
{
  CpWindow *self = CP_WINDOW (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cp_window_parent_class)->close_request (window);
}

static void
cp_window_dispose (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->logged_out_toast);
  if (self->account_bin != NULL)
    clear_account_view (self);
  set_client (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_WINDOW);

  G_OBJECT_CLASS (cp_window_parent_class)->dispose (object);
}

static void
cp_window_finalize (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shortcuts_resource, g_free);

  G_OBJECT_CLASS (cp_window_parent_class)->finalize (object);
}

static void
cp_window_class_init (CpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cp_window_dispose;
  object_class->finalize = cp_window_finalize;
  window_class->close_request = cp_window_close_request;

  g_type_ensure (CP_TYPE_LOGIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/app/cp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, restoring_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, account_bin);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "toast.show", "s", toast_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.back-to-login", NULL);
}

/* The title and subtitle of the header's AdwWindowTitle ellipsize, but an
 * ellipsizing label's natural width is its whole text's unless capped: the
 * subtitle, the signed-in user's name from the server, made the window ask
 * for 480,024 px for a 60,000-character name. Caps it at about 60
 * characters; the label keeps the whole name (what a screen reader reads). */
#define HEADER_TITLE_WIDTH_CHARS 60

static void
cap_header_title_width (CpWindow *self)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  guint n_labels = 0;

  g_ptr_array_add (todo, self->switcher_title);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_LABEL (widget))
        {
          gtk_label_set_max_width_chars (GTK_LABEL (widget), HEADER_TITLE_WIDTH_CHARS);
          n_labels++;
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
  /* AdwWindowTitle's title and subtitle, at least. */
  g_warn_if_fail (n_labels >= 2);
}

static void
cp_window_init (CpWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->shortcuts_resource = g_strdup (SHORTCUTS_RESOURCE);

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cap_header_title_width (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  update_actions (self);

  if (DEVELOPMENT_BUILD)
    {
      /* As the desktop file and the metainfo of a development build say. */
      gtk_window_set_title (GTK_WINDOW (self), _("Customer Portal (Development)"));
      adw_view_switcher_title_set_title (self->switcher_title,
                                         _("Customer Portal (Development)"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
    }
}

/**
 * cp_window_new:
 *
 * Opens a window that restores the remembered session, if any, else shows
 * the login page.
 */
CpWindow *
cp_window_new (CpApplication *application)
{
  CpWindow *self = g_object_new (CP_TYPE_WINDOW, "application", application, NULL);

  /* Not in constructed(): "application" is set only after it. */
  start (self);
  return self;
}

/**
 * cp_window_get_client:
 *
 * Returns: (transfer none) (nullable): the client of the current session
 */
CpClient *
cp_window_get_client (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->client;
}

/**
 * cp_window_get_page_name:
 *
 * Returns: which page shows: "restoring", "login", "invitation" or "account"
 */
const char *
cp_window_get_page_name (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * cp_window_get_account_view:
 *
 * Returns: (transfer none) (nullable): the customer or staff view
 */
GtkWidget *
cp_window_get_account_view (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return adw_bin_get_child (self->account_bin);
}
