/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-login-page.h"

struct _CpLoginPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkEditable *email_entry;
  GtkEditable *password_entry;
  GtkButton *login_button;
};

G_DEFINE_FINAL_TYPE (CpLoginPage, cp_login_page, ADW_TYPE_BIN)

static void
cp_login_page_class_init (CpLoginPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/cp-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CpLoginPage, login_button);
}

static void
cp_login_page_init (CpLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
