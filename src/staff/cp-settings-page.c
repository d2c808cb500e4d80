/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-settings-page.h"
#include "cp-ui-util.h"

/* Settings > Invoicing > Online Payments: admins switch card payments in the
 * portal on and off for the whole company; other staff see the setting but
 * cannot change it. */
struct _CpSettingsPage
{
  AdwBin parent_instance;

  /* Template children */
  AdwActionRow *online_payments_row;
  GtkSwitch *online_payments_switch;
  GtkSpinner *spinner;
  GtkLabel *status_label;

  /* Owned */
  CpClient *client;
  GCancellable *cancellable;
  gboolean can_edit;
  gboolean loaded;
  gboolean busy;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (CpSettingsPage, cp_settings_page, ADW_TYPE_BIN)

static void
set_status (CpSettingsPage *self,
            gboolean        busy,
            const char     *message)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* Only an admin may flip the switch, and only once the current state is
 * known and no change is on its way. */
static void
update_sensitivity (CpSettingsPage *self)
{
  gboolean editable = self->can_edit && self->loaded && !self->busy;

  /* The row stays readable; only the switch goes insensitive. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->online_payments_switch), editable);
  adw_action_row_set_activatable_widget (self->online_payments_row,
                                         editable ? GTK_WIDGET (self->online_payments_switch) : NULL);
}

static void
show_switch_state (CpSettingsPage *self,
                   gboolean        enabled)
{
  /* What the server said is shown without asking it again. */
  self->updating = TRUE;
  gtk_switch_set_active (self->online_payments_switch, enabled);
  gtk_switch_set_state (self->online_payments_switch, enabled);
  self->updating = FALSE;
}

static const char *
read_only_explanation (void)
{
  return _("Only administrators can change this setting.");
}

static void
get_online_payments_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CpSettingsPage *self;
  g_autoptr(GError) error = NULL;
  gboolean enabled = FALSE;

  /* Cancelled means the page is gone: touch nothing. */
  if (!cp_client_get_online_payments_finish (CP_CLIENT (object), result, &enabled, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CP_SETTINGS_PAGE (user_data);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the setting: %s"),
                                               error->message);

      set_status (self, FALSE, text);
      update_sensitivity (self);
      return;
    }

  self->loaded = TRUE;
  show_switch_state (self, enabled);
  set_status (self, FALSE, self->can_edit ? NULL : read_only_explanation ());
  update_sensitivity (self);
}

/**
 * cp_settings_page_reload:
 *
 * Reads the setting from the server again.
 */
void
cp_settings_page_reload (CpSettingsPage *self)
{
  g_return_if_fail (CP_IS_SETTINGS_PAGE (self));

  if (self->client == NULL || self->busy)
    return;

  set_status (self, TRUE, NULL);
  update_sensitivity (self);
  cp_client_get_online_payments_async (self->client, self->cancellable,
                                       get_online_payments_cb, self);
}

static void
set_online_payments_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CpSettingsPage *self;
  g_autoptr(GError) error = NULL;

  if (!cp_client_set_online_payments_finish (CP_CLIENT (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CP_SETTINGS_PAGE (user_data);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not change the setting: %s"),
                                               error->message);

      /* Back to what the server still has. */
      show_switch_state (self, gtk_switch_get_state (self->online_payments_switch));
      set_status (self, FALSE, text);
    }
  else
    {
      gboolean enabled = gtk_switch_get_active (self->online_payments_switch);

      show_switch_state (self, enabled);
      set_status (self, FALSE, enabled
                  ? _("Online payments are on: customers can save cards and pay invoices.")
                  : _("Online payments are off: customers see their balance but cannot pay online."));
    }
  update_sensitivity (self);
}

static gboolean
online_payments_state_set_cb (CpSettingsPage *self,
                              gboolean        enabled,
                              GtkSwitch      *sw)
{
  if (self->updating)
    return FALSE;

  if (!self->can_edit || !self->loaded || self->busy || self->client == NULL)
    {
      /* Refuse: put the switch back where the state is. */
      show_switch_state (self, gtk_switch_get_state (sw));
      return TRUE;
    }

  /* The state follows once the server has agreed. */
  set_status (self, TRUE, NULL);
  update_sensitivity (self);
  cp_client_set_online_payments_async (self->client, enabled, self->cancellable,
                                       set_online_payments_cb, self);
  return TRUE;
}

/**
 * cp_settings_page_set_client:
 * @can_edit: whether the user is an admin
 *
 * Shows the settings of @client's company and reads them.
 */
void
cp_settings_page_set_client (CpSettingsPage *self,
                             CpClient       *client,
                             gboolean        can_edit)
{
  g_return_if_fail (CP_IS_SETTINGS_PAGE (self));
  g_return_if_fail (CP_IS_CLIENT (client));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  self->loaded = FALSE;

  g_set_object (&self->client, client);
  self->can_edit = can_edit;

  if (can_edit)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->online_payments_switch), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->online_payments_switch),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->online_payments_switch),
                                   read_only_explanation ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->online_payments_switch),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      read_only_explanation (), -1);
    }

  cp_settings_page_reload (self);
}

CpSettingsPage *
cp_settings_page_new (void)
{
  return g_object_new (CP_TYPE_SETTINGS_PAGE, NULL);
}

static void
cp_settings_page_dispose (GObject *object)
{
  CpSettingsPage *self = CP_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_settings_page_parent_class)->dispose (object);
}

static void
cp_settings_page_class_init (CpSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_settings_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staff/cp-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpSettingsPage, online_payments_row);
  gtk_widget_class_bind_template_child (widget_class, CpSettingsPage, online_payments_switch);
  gtk_widget_class_bind_template_child (widget_class, CpSettingsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpSettingsPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, online_payments_state_set_cb);
}

static void
cp_settings_page_init (CpSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  set_status (self, FALSE, NULL);
  update_sensitivity (self);
}
