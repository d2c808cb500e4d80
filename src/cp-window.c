/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-login-page.h"
#include "cp-window.h"

struct _CpWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  GtkStack *main_stack;
  CpLoginPage *login_page;
  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (CpWindow, cp_window, ADW_TYPE_APPLICATION_WINDOW)

CpWindow *
cp_window_new (CpApplication *application)
{
  return g_object_new (CP_TYPE_WINDOW, "application", application, NULL);
}

static void
cp_window_class_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CP_TYPE_LOGIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/cp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, toast_overlay);
}

static void
cp_window_init (CpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
