/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-devices-dialog.h"
#include "cp-ui-util.h"

/*
 * Signed-in Devices (Main Menu): every session of the logged-in account,
 * most recently used first, with its device name, app version and when it
 * was last used; this device marked. Sign Out ends one other session, Sign
 * Out Everywhere Else all of them; the devices signed out go back to their
 * login page, told why, at their next request.
 */
struct _CpDevicesDialog
{
  AdwWindow parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkListBox *list_box;
  GtkButton *others_button;
  AdwStatusPage *error_status;

  /* Owned */
  CpClient *client;
  GCancellable *cancellable;
  GListModel *sessions;
  guint busy;
};

G_DEFINE_FINAL_TYPE (CpDevicesDialog, cp_devices_dialog, ADW_TYPE_WINDOW)

static void load (CpDevicesDialog *self);

static char *
device_title (CpSession *session)
{
  const char *name = cp_session_get_device_name (session);

  return g_strdup (name != NULL && *name != '\0' ? name : _("Unknown device"));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CpSession *session = CP_SESSION (item);
  g_autofree char *title = device_title (session);
  g_autofree char *used = cp_format_date_time (cp_session_get_last_used_at (session));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  const char *version = cp_session_get_app_version (session);

  if (cp_session_get_current (session))
    /* TRANSLATORS: a signed-in device: the app's version, then that this is the device in use */
    subtitle = g_strdup_printf (_("Customer Portal %s · This device"),
                                version != NULL && *version != '\0' ? version : "?");
  else
    /* TRANSLATORS: a signed-in device: the app's version, then when it was last used */
    subtitle = g_strdup_printf (_("Customer Portal %s · Last used %s"),
                                version != NULL && *version != '\0' ? version : "?", used);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  cp_ui_wrap_row_words (ADW_ACTION_ROW (row));
  if (cp_session_get_current (session))
    {
      GtkWidget *badge = gtk_label_new (_("This Device"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_label (_("Sign Out"));
      /* TRANSLATORS: the accessible name of a device's Sign Out button: %s is the device */
      g_autofree char *name = g_strdup_printf (_("Sign Out: %s"), title);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "devices.sign-out");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", cp_session_get_id (session));
      cp_ui_set_accessible_name (button, name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
set_busy (CpDevicesDialog *self,
          gboolean         busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.sign-out", self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.sign-out-others", self->busy == 0);
}

static void
show_sessions (CpDevicesDialog *self)
{
  guint others = 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->sessions); i++)
    {
      g_autoptr(CpSession) session = g_list_model_get_item (self->sessions, i);

      if (!cp_session_get_current (session))
        others++;
    }
  gtk_list_box_bind_model (self->list_box, self->sessions, create_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->others_button), others > 0);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

static void
list_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CpDevicesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sessions = cp_client_list_sessions_finish (CP_CLIENT (source), result,
                                                                   &error);

  set_busy (self, FALSE);
  if (sessions == NULL)
    {
      g_autofree char *message = NULL;

      if (cp_ui_is_cancelled (error))
        return;
      message = cp_ui_error_message (error);
      adw_status_page_set_description (self->error_status, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_spinner_set_spinning (self->spinner, FALSE);
      return;
    }
  g_set_object (&self->sessions, sessions);
  show_sessions (self);
}

static void
load (CpDevicesDialog *self)
{
  if (self->sessions == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }
  set_busy (self, TRUE);
  cp_client_list_sessions_async (self->client, self->cancellable, list_ready_cb,
                                 g_object_ref (self));
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CpDevicesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == cp_client_revoke_session_async)
    ok = cp_client_revoke_session_finish (CP_CLIENT (source), result, &error);
  else
    ok = cp_client_revoke_other_sessions_finish (CP_CLIENT (source), result, &error);
  set_busy (self, FALSE);
  if (!ok)
    {
      g_autofree char *message = NULL;

      if (cp_ui_is_cancelled (error))
        return;
      message = cp_ui_error_message (error);
      cp_ui_add_toast (self->toast_overlay, message);
      return;
    }
  cp_ui_add_toast (self->toast_overlay, _("Signed out"));
  load (self);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpDevicesDialog *self = CP_DEVICES_DIALOG (widget);

  set_busy (self, TRUE);
  cp_client_revoke_session_async (self->client, g_variant_get_string (parameter, NULL),
                                  self->cancellable, signed_out_cb, g_object_ref (self));
}

static void
sign_out_others_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CpDevicesDialog *self = CP_DEVICES_DIALOG (widget);

  set_busy (self, TRUE);
  cp_client_revoke_other_sessions_async (self->client, self->cancellable, signed_out_cb,
                                         g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  load (CP_DEVICES_DIALOG (widget));
}

/**
 * cp_devices_dialog_get_sessions:
 *
 * Returns: (transfer none) (nullable): the #CpSession items shown
 */
GListModel *
cp_devices_dialog_get_sessions (CpDevicesDialog *self)
{
  g_return_val_if_fail (CP_IS_DEVICES_DIALOG (self), NULL);

  return self->sessions;
}

/* Whether a request is in flight. */
gboolean
cp_devices_dialog_get_busy (CpDevicesDialog *self)
{
  g_return_val_if_fail (CP_IS_DEVICES_DIALOG (self), FALSE);

  return self->busy > 0;
}

/* Signed out here (Log Out, or from another device): nothing left to show. */
static void
logged_in_cb (CpDevicesDialog *self)
{
  if (!cp_client_get_logged_in (self->client))
    gtk_window_close (GTK_WINDOW (self));
}

CpDevicesDialog *
cp_devices_dialog_new (CpClient *client)
{
  CpDevicesDialog *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);

  self = g_object_new (CP_TYPE_DEVICES_DIALOG, NULL);
  self->client = g_object_ref (client);
  g_signal_connect_object (client, "notify::logged-in", G_CALLBACK (logged_in_cb), self,
                           G_CONNECT_SWAPPED);
  load (self);
  return self;
}

static void
cp_devices_dialog_dispose (GObject *object)
{
  CpDevicesDialog *self = CP_DEVICES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (cp_devices_dialog_parent_class)->dispose (object);
}

static void
cp_devices_dialog_finalize (GObject *object)
{
  CpDevicesDialog *self = CP_DEVICES_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->sessions);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_devices_dialog_parent_class)->finalize (object);
}

static void
cp_devices_dialog_class_init (CpDevicesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_devices_dialog_dispose;
  object_class->finalize = cp_devices_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/app/cp-devices-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpDevicesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CpDevicesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CpDevicesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpDevicesDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, CpDevicesDialog, others_button);
  gtk_widget_class_bind_template_child (widget_class, CpDevicesDialog, error_status);

  gtk_widget_class_install_action (widget_class, "devices.sign-out", "s", sign_out_action);
  gtk_widget_class_install_action (widget_class, "devices.sign-out-others", NULL,
                                   sign_out_others_action);
  gtk_widget_class_install_action (widget_class, "devices.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_devices_dialog_init (CpDevicesDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
}
