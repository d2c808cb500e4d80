/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-login-page.h"
#include "cp-ui-util.h"

/*
 * The sign-in form. It only collects and shows: the window owns the client,
 * listens to the signals below, and reports back with set_busy/set_error.
 */
struct _CpLoginPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkEditable *email_entry;
  GtkEditable *password_entry;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  GtkButton *invitation_button;
  GtkButton *forgot_button;
  AdwExpanderRow *server_expander;
  GtkEditable *server_entry;

  gboolean busy;
};

enum {
  SIGNAL_LOGIN,
  SIGNAL_REQUEST_INVITATION,
  SIGNAL_FORGOT_PASSWORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CpLoginPage, cp_login_page, ADW_TYPE_BIN)

static gboolean
form_complete (CpLoginPage *self)
{
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (self->email_entry)));
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (self->server_entry)));

  return strchr (email, '@') != NULL
         && gtk_editable_get_text (self->password_entry)[0] != '\0'
         && server[0] != '\0';
}

static void
update_sensitivity (CpLoginPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit",
                                 !self->busy && form_complete (self));
  /* Read-only rather than insensitive: a focused entry made insensitive
   * loses its focus-out in GTK 4.8. */
  gtk_editable_set_editable (self->email_entry, !self->busy);
  gtk_editable_set_editable (self->password_entry, !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_expander), !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.request-invitation", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.forgot-password", !self->busy);
}

static void
submit (CpLoginPage *self)
{
  if (self->busy || !form_complete (self))
    return;

  g_signal_emit (self, signals[SIGNAL_LOGIN], 0);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  submit (CP_LOGIN_PAGE (widget));
}

static void
email_activated_cb (CpLoginPage *self)
{
  if (gtk_editable_get_text (self->password_entry)[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  else
    submit (self);
}

static void
password_activated_cb (CpLoginPage *self)
{
  submit (self);
}

static void
form_changed_cb (CpLoginPage *self)
{
  update_sensitivity (self);
}

static void
server_changed_cb (CpLoginPage *self)
{
  g_autofree char *url = cp_login_page_dup_server_url (self);

  adw_expander_row_set_subtitle (self->server_expander, url);
  update_sensitivity (self);
}

static void
request_invitation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REQUEST_INVITATION], 0);
}

static void
forgot_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_FORGOT_PASSWORD], 0);
}

static void
cp_login_page_dispose (GObject *object)
{
  CpLoginPage *self = CP_LOGIN_PAGE (object);

  /* Do not leave the password in a freed buffer. */
  if (self->password_entry != NULL)
    cp_login_page_clear_password (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_LOGIN_PAGE);

  G_OBJECT_CLASS (cp_login_page_parent_class)->dispose (object);
}

static void
cp_login_page_class_init (CpLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_login_page_dispose;

  /**
   * CpLoginPage::login:
   *
   * The user asked to log in with the form's email, password and address.
   */
  signals[SIGNAL_LOGIN] =
    g_signal_new ("login", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REQUEST_INVITATION] =
    g_signal_new ("request-invitation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FORGOT_PASSWORD] =
    g_signal_new ("forgot-password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/app/cp-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, invitation_button);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, forgot_button);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, server_expander);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, server_entry);
  gtk_widget_class_bind_template_callback (widget_class, email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);

  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "login.request-invitation", NULL,
                                   request_invitation_action);
  gtk_widget_class_install_action (widget_class, "login.forgot-password", NULL,
                                   forgot_password_action);
}

static void
cp_login_page_init (CpLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->password_entry));
  /* Side by side, the two never-wrapping labels made the page 411 px wide. */
  cp_ui_wrap_button_label (self->invitation_button);
  cp_ui_wrap_button_label (self->forgot_button);
  update_sensitivity (self);
}

const char *
cp_login_page_get_email (CpLoginPage *self)
{
  g_return_val_if_fail (CP_IS_LOGIN_PAGE (self), NULL);

  return gtk_editable_get_text (self->email_entry);
}

void
cp_login_page_set_email (CpLoginPage *self,
                         const char  *email)
{
  g_return_if_fail (CP_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (self->email_entry, email != NULL ? email : "");
}

const char *
cp_login_page_get_password (CpLoginPage *self)
{
  g_return_val_if_fail (CP_IS_LOGIN_PAGE (self), NULL);

  return gtk_editable_get_text (self->password_entry);
}

/**
 * cp_login_page_clear_password:
 *
 * Empties the password field, overwriting what the field held.
 */
void
cp_login_page_clear_password (CpLoginPage *self)
{
  g_return_if_fail (CP_IS_LOGIN_PAGE (self));

  gtk_editable_delete_text (self->password_entry, 0, -1);
}

char *
cp_login_page_dup_server_url (CpLoginPage *self)
{
  g_return_val_if_fail (CP_IS_LOGIN_PAGE (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (self->server_entry)));
}

void
cp_login_page_set_server_url (CpLoginPage *self,
                              const char  *url)
{
  g_return_if_fail (CP_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (self->server_entry, url != NULL ? url : "");
  adw_expander_row_set_subtitle (self->server_expander, url != NULL ? url : "");
}

void
cp_login_page_set_busy (CpLoginPage *self,
                        gboolean     busy)
{
  g_return_if_fail (CP_IS_LOGIN_PAGE (self));

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  if (self->busy)
    cp_login_page_set_error (self, NULL);
  update_sensitivity (self);
}

gboolean
cp_login_page_get_busy (CpLoginPage *self)
{
  g_return_val_if_fail (CP_IS_LOGIN_PAGE (self), FALSE);

  return self->busy;
}

/**
 * cp_login_page_set_error:
 * @message: (nullable): what went wrong, in plain words; %NULL hides it
 */
void
cp_login_page_set_error (CpLoginPage *self,
                         const char  *message)
{
  g_return_if_fail (CP_IS_LOGIN_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

const char *
cp_login_page_get_error (CpLoginPage *self)
{
  g_return_val_if_fail (CP_IS_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/**
 * cp_login_page_focus:
 *
 * Puts the focus where the user types next: the email, else the password.
 */
void
cp_login_page_focus (CpLoginPage *self)
{
  g_return_if_fail (CP_IS_LOGIN_PAGE (self));

  if (gtk_editable_get_text (self->email_entry)[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}
