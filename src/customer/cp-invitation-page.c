/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-invitation-page.h"
#include "cp-client-error.h"
#include "cp-ui-util.h"

/*
 * Request an invitation (or reset a password): the email on file, then the
 * 6-digit code mailed to it and a new password. The server's minimum
 * password length (from /config) is shown and checked before sending.
 * Emits ::completed when the account has its password; the window then
 * logs in with it.
 */
struct _CpInvitationPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *step_stack;
  AdwStatusPage *email_status;
  GtkEditable *email_entry;
  GtkLabel *email_error_label;
  GtkSpinner *send_spinner;
  AdwStatusPage *code_status;
  GtkEditable *code_entry;
  GtkEditable *password_entry;
  GtkEditable *confirm_entry;
  GtkLabel *hint_label;
  GtkLabel *code_error_label;
  GtkButton *confirm_button;
  GtkSpinner *confirm_spinner;

  /* Owned */
  GCancellable *load;              /* of the flow shown (CpPage cancels it) */
  CpInvitationMode mode;
  char *email;
  guint min_length;
  gboolean busy;
};

enum {
  SIGNAL_COMPLETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CpInvitationPage, cp_invitation_page, CP_TYPE_PAGE)

static void
set_error (GtkLabel   *label,
           const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static gboolean
email_plausible (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL
         && strchr (text, ' ') == NULL;
}

static gboolean
code_plausible (const char *code)
{
  if (strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

static void
update_hint (CpInvitationPage *self)
{
  g_autofree char *hint = NULL;

  if (self->min_length > 0)
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The password needs at least %u character.",
                                         "The password needs at least %u characters.",
                                         self->min_length),
                            self->min_length);
  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

static void
update_sensitivity (CpInvitationPage *self)
{
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (self->email_entry)));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (self->code_entry)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invitation.send",
                                 !self->busy && email_plausible (email));
  gtk_editable_set_editable (self->email_entry, !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invitation.confirm",
                                 !self->busy && code[0] != '\0'
                                 && gtk_editable_get_text (self->password_entry)[0] != '\0'
                                 && gtk_editable_get_text (self->confirm_entry)[0] != '\0');
  gtk_editable_set_editable (self->code_entry, !self->busy);
  gtk_editable_set_editable (self->password_entry, !self->busy);
  gtk_editable_set_editable (self->confirm_entry, !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invitation.resend", !self->busy);
}

static void
set_busy (CpInvitationPage *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->send_spinner), busy);
  gtk_spinner_set_spinning (self->send_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_spinner), busy);
  gtk_spinner_set_spinning (self->confirm_spinner, busy);
  update_sensitivity (self);
}

static void
wipe_passwords (CpInvitationPage *self)
{
  gtk_editable_delete_text (self->password_entry, 0, -1);
  gtk_editable_delete_text (self->confirm_entry, 0, -1);
}

static void
config_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = cp_client_ensure_config_finish (CP_CLIENT (source), result, &error);
  CpInvitationPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_INVITATION_PAGE (user_data);

  /* Without it the server still checks; the hint just stays hidden. */
  if (config == NULL)
    {
      g_debug ("Could not read the portal configuration: %s", error->message);
      return;
    }
  self->min_length = cp_config_get_password_min_length (config);
  update_hint (self);
}

static void
show_code_step (CpInvitationPage *self)
{
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("If %s is the email address on file, we sent it an email "
                                   "with a 6‑digit code. Enter the code and choose a password."),
                                 self->email);
  adw_status_page_set_description (self->code_status, description);
  set_error (self->code_error_label, NULL);
  gtk_stack_set_visible_child_name (self->step_stack, "code");
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
request_done (CpInvitationPage *self,
              gboolean          ok,
              const GError     *error)
{
  set_busy (self, FALSE);
  if (!ok)
    {
      g_autofree char *message = cp_ui_error_message (error);
      GtkLabel *label = g_strcmp0 (gtk_stack_get_visible_child_name (self->step_stack), "code") == 0
                        ? self->code_error_label : self->email_error_label;

      set_error (label, message);
      return;
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->step_stack), "code") == 0)
    cp_ui_toast (GTK_WIDGET (self), _("A new code was sent"));
  show_code_step (self);
}

static void
invitation_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cp_client_request_invitation_finish (CP_CLIENT (source), result, &error);

  if (!cp_ui_is_cancelled (error))
    request_done (CP_INVITATION_PAGE (user_data), ok, error);
}

static void
reset_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cp_client_request_password_reset_finish (CP_CLIENT (source), result, &error);

  if (!cp_ui_is_cancelled (error))
    request_done (CP_INVITATION_PAGE (user_data), ok, error);
}

static void
send_request (CpInvitationPage *self)
{
  set_busy (self, TRUE);
  set_error (self->email_error_label, NULL);
  set_error (self->code_error_label, NULL);

  if (self->mode == CP_INVITATION_MODE_INVITATION)
    cp_client_request_invitation_async (cp_page_get_client (CP_PAGE (self)), self->email,
                                        self->load, invitation_ready_cb, self);
  else
    cp_client_request_password_reset_async (cp_page_get_client (CP_PAGE (self)), self->email,
                                            self->load, reset_ready_cb, self);
}

/* Send Code, or Enter in the email field. */
static void
email_activated_cb (CpInvitationPage *self)
{
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (self->email_entry)));

  if (self->busy || cp_page_get_client (CP_PAGE (self)) == NULL)
    return;
  if (!email_plausible (email))
    {
      set_error (self->email_error_label, _("Enter the email address the company has on file "
                                            "for you."));
      return;
    }

  g_free (self->email);
  self->email = g_steal_pointer (&email);
  send_request (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  email_activated_cb (CP_INVITATION_PAGE (widget));
}

static void
resend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpInvitationPage *self = CP_INVITATION_PAGE (widget);

  if (self->busy || cp_page_get_client (CP_PAGE (self)) == NULL || self->email == NULL)
    return;

  send_request (self);
}

static void
email_changed_cb (CpInvitationPage *self)
{
  set_error (self->email_error_label, NULL);
  update_sensitivity (self);
}

static void
code_form_changed_cb (CpInvitationPage *self)
{
  update_sensitivity (self);
}

static void
confirm_done (CpInvitationPage *self,
              gboolean          ok,
              const GError     *error)
{
  set_busy (self, FALSE);
  if (!ok)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST)
          && g_strcmp0 (cp_client_error_get_field (error), "code") == 0)
        message = g_strdup (_("That code is wrong or has expired. Check the email, or send "
                              "a new code."));
      else
        message = cp_ui_error_message (error);
      set_error (self->code_error_label, message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_COMPLETED], 0);
}

static void
verify_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cp_client_verify_finish (CP_CLIENT (source), result, &error);

  if (!cp_ui_is_cancelled (error))
    confirm_done (CP_INVITATION_PAGE (user_data), ok, error);
}

static void
reset_confirm_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cp_client_confirm_password_reset_finish (CP_CLIENT (source), result, &error);

  if (!cp_ui_is_cancelled (error))
    confirm_done (CP_INVITATION_PAGE (user_data), ok, error);
}

/* The confirm button, or Enter in the code and password fields. */
static void
code_activated_cb (CpInvitationPage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (self->code_entry)));
  const char *password = gtk_editable_get_text (self->password_entry);

  if (self->busy || cp_page_get_client (CP_PAGE (self)) == NULL)
    return;

  if (!code_plausible (code))
    {
      set_error (self->code_error_label, _("The code has 6 digits; you will find it in the "
                                           "email we sent."));
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }
  if (self->min_length > 0 && g_utf8_strlen (password, -1) < (glong) self->min_length)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The password is too short: it needs at least %u character.",
                                      "The password is too short: it needs at least %u characters.",
                                      self->min_length),
                         self->min_length);

      set_error (self->code_error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  if (g_strcmp0 (password, gtk_editable_get_text (self->confirm_entry)) != 0)
    {
      set_error (self->code_error_label, _("The two passwords are not the same."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_entry));
      return;
    }

  set_busy (self, TRUE);
  set_error (self->code_error_label, NULL);
  if (self->mode == CP_INVITATION_MODE_INVITATION)
    cp_client_verify_async (cp_page_get_client (CP_PAGE (self)), self->email, code, password,
                            self->load, verify_ready_cb, self);
  else
    cp_client_confirm_password_reset_async (cp_page_get_client (CP_PAGE (self)), self->email,
                                            code, password, self->load,
                                            reset_confirm_ready_cb, self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  code_activated_cb (CP_INVITATION_PAGE (widget));
}

/* A flow starts over: the password rules, the client's copy when it has
 * one; the requests of the flow before are cancelled by CpPage. */
static void
cp_invitation_page_reload (CpPage       *page,
                           GCancellable *cancellable)
{
  CpInvitationPage *self = CP_INVITATION_PAGE (page);

  g_set_object (&self->load, cancellable);
  cp_client_ensure_config_async (cp_page_get_client (page), cancellable, config_ready_cb, self);
}

static void
cp_invitation_page_dispose (GObject *object)
{
  CpInvitationPage *self = CP_INVITATION_PAGE (object);

  if (self->password_entry != NULL)
    wipe_passwords (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_INVITATION_PAGE);

  g_clear_object (&self->load);

  G_OBJECT_CLASS (cp_invitation_page_parent_class)->dispose (object);
}

static void
cp_invitation_page_finalize (GObject *object)
{
  CpInvitationPage *self = CP_INVITATION_PAGE (object);

  g_free (self->email);

  G_OBJECT_CLASS (cp_invitation_page_parent_class)->finalize (object);
}

static void
cp_invitation_page_class_init (CpInvitationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_invitation_page_dispose;
  CP_PAGE_CLASS (klass)->reload = cp_invitation_page_reload;
  object_class->finalize = cp_invitation_page_finalize;

  /**
   * CpInvitationPage::completed:
   *
   * The code was accepted and the account has the new password
   * (cp_invitation_page_get_email(), cp_invitation_page_get_password()).
   */
  signals[SIGNAL_COMPLETED] =
    g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-invitation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, step_stack);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, email_status);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, email_error_label);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, send_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, code_status);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, code_error_label);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CpInvitationPage, confirm_spinner);
  gtk_widget_class_bind_template_callback (widget_class, email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_activated_cb);

  gtk_widget_class_install_action (widget_class, "invitation.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "invitation.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "invitation.resend", NULL, resend_action);
}

static void
cp_invitation_page_init (CpInvitationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->password_entry));
  cp_ui_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->confirm_entry));
  update_hint (self);
  update_sensitivity (self);
}

/**
 * cp_invitation_page_start:
 * @email: (nullable): what the login form held, offered again
 *
 * Shows the first step for @mode, with the page's client
 * (cp_page_set_client()).
 */
void
cp_invitation_page_start (CpInvitationPage *self,
                          CpInvitationMode  mode,
                          const char       *email)
{
  g_return_if_fail (CP_IS_INVITATION_PAGE (self));

  cp_invitation_page_reset (self);
  self->mode = mode;

  if (mode == CP_INVITATION_MODE_INVITATION)
    {
      adw_status_page_set_title (self->email_status, _("Request an Invitation"));
      adw_status_page_set_description (self->email_status,
                                       _("Enter the email address the company has on file for "
                                         "you. We will email you a 6‑digit code to create your "
                                         "account."));
      gtk_button_set_label (self->confirm_button, _("Create Account"));
    }
  else
    {
      adw_status_page_set_title (self->email_status, _("Reset Your Password"));
      adw_status_page_set_description (self->email_status,
                                       _("Enter the email address you log in with. We will "
                                         "email you a 6‑digit code to choose a new password."));
      gtk_button_set_label (self->confirm_button, _("Set Password"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_button_get_label (self->confirm_button), -1);

  gtk_editable_set_text (self->email_entry, email != NULL ? email : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->email_entry));
}

/**
 * cp_invitation_page_reset:
 *
 * Back to the first step, forgetting the code and passwords typed, and
 * dropping any request still running.
 */
void
cp_invitation_page_reset (CpInvitationPage *self)
{
  g_return_if_fail (CP_IS_INVITATION_PAGE (self));

  g_clear_object (&self->load);
  cp_page_reload (CP_PAGE (self));
  set_busy (self, FALSE);
  wipe_passwords (self);
  gtk_editable_set_text (self->code_entry, "");
  set_error (self->email_error_label, NULL);
  set_error (self->code_error_label, NULL);
  gtk_stack_set_visible_child_name (self->step_stack, "email");
}

const char *
cp_invitation_page_get_email (CpInvitationPage *self)
{
  g_return_val_if_fail (CP_IS_INVITATION_PAGE (self), NULL);

  return self->email;
}

const char *
cp_invitation_page_get_password (CpInvitationPage *self)
{
  g_return_val_if_fail (CP_IS_INVITATION_PAGE (self), NULL);

  return gtk_editable_get_text (self->password_entry);
}

/**
 * cp_invitation_page_get_step:
 *
 * Returns: "email" or "code"
 */
const char *
cp_invitation_page_get_step (CpInvitationPage *self)
{
  g_return_val_if_fail (CP_IS_INVITATION_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->step_stack);
}
