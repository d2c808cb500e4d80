/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-account-view.h"
#include "cp-booking-page.h"
#include "cp-customer-record.h"
#include "cp-customer-search.h"
#include "cp-payment-methods-report.h"
#include "cp-settings-page.h"
#include "cp-staff-view.h"
#include "cp-ui-util.h"

/* The staff side of the app: Customers (search beside the open record, one
 * at a time when narrow), Call Booking and Settings. */
struct _CpStaffView
{
  AdwBin parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget *switcher_box;
  GtkWidget *switcher_separator;
  AdwViewSwitcherBar *switcher_bar;
  AdwViewStack *view_stack;
  AdwLeaflet *leaflet;
  CpCustomerSearch *search;
  GtkLabel *record_title;
  GtkWidget *back_button;
  GtkStack *record_stack;
  CpBookingPage *booking_page;
  CpPaymentMethodsReport *report_page;
  CpSettingsPage *settings_page;

  /* Owned */
  CpClient *client;
  CpAccount *account;
  CpCustomerRecord *record;
  GSimpleActionGroup *actions;
};

static void cp_staff_view_account_view_init (CpAccountViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpStaffView, cp_staff_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_ACCOUNT_VIEW,
                                                      cp_staff_view_account_view_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT,
  PROP_SHOW_SWITCHER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
record_customer_cb (CpStaffView      *self,
                    GParamSpec       *pspec,
                    CpCustomerRecord *record)
{
  CpCustomer *customer = cp_customer_record_get_customer (record);

  if (record != self->record || customer == NULL)
    return;

  gtk_label_set_text (self->record_title, cp_customer_get_name (customer));
  /* The search's row shows the balance the record shows. */
  cp_customer_search_update (self->search, customer);
  /* Narrow, the list that had the keyboard slid away: the keyboard follows
   * to the record, starting at its back button. */
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "record") == 0)
    gtk_widget_grab_focus (self->back_button);
}

/* Replaces the open record (if any) with @customer_id's and shows it; when
 * narrow, the leaflet slides from the search to the record. */
static CpCustomerRecord *
open_record (CpStaffView *self,
             const char  *customer_id,
             const char  *name,
             const char  *notice)
{
  CpCustomerRecord *old = self->record;

  if (self->client == NULL)
    return NULL;

  self->record = cp_customer_record_new (self->client, customer_id);
  cp_customer_record_set_notice (self->record, notice);
  g_signal_connect_object (self->record, "notify::customer", G_CALLBACK (record_customer_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->record_stack, GTK_WIDGET (self->record), NULL);
  gtk_stack_set_visible_child (self->record_stack, GTK_WIDGET (self->record));
  if (old != NULL)
    gtk_stack_remove (self->record_stack, GTK_WIDGET (old));

  gtk_label_set_text (self->record_title, name != NULL ? name : "");
  adw_view_stack_set_visible_child_name (self->view_stack, "customers");
  adw_leaflet_set_visible_child_name (self->leaflet, "record");

  return self->record;
}

void
cp_staff_view_open_customer (CpStaffView *self,
                             const char  *customer_id)
{
  g_return_if_fail (CP_IS_STAFF_VIEW (self));
  g_return_if_fail (customer_id != NULL);

  open_record (self, customer_id, NULL, NULL);
}

static void
customer_activated_cb (CpStaffView      *self,
                       CpCustomer       *customer,
                       CpCustomerSearch *search)
{
  open_record (self, cp_customer_get_id (customer), cp_customer_get_name (customer), NULL);
}

static void
report_customer_activated_cb (CpStaffView            *self,
                              CpCard                 *card,
                              CpPaymentMethodsReport *report)
{
  open_record (self, cp_card_get_customer_id (card), cp_card_get_customer_name (card), NULL);
}

static void
customer_booked_cb (CpStaffView   *self,
                    CpCustomer    *customer,
                    CpBookingPage *page)
{
  g_autofree char *notice = NULL;

  /* TRANSLATORS: shown on a record just booked; %s are the name and the email */
  notice = g_strdup_printf (_("%s is booked. They can now request an invitation to the "
                              "portal with %s, then set a password."),
                            cp_customer_get_name (customer), cp_customer_get_email (customer));

  /* The search shows the new customer beside the record. */
  cp_customer_search_set_query (self->search, cp_customer_get_email (customer));
  open_record (self, cp_customer_get_id (customer), cp_customer_get_name (customer), notice);
}

static void
visible_page_changed_cb (CpStaffView *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Settings may have been changed elsewhere: read them again when shown. */
  if (g_strcmp0 (name, "settings") == 0 && self->client != NULL)
    cp_page_reload (CP_PAGE (self->settings_page));
  /* So may the payment methods (a card added on a record a moment ago). */
  if (g_strcmp0 (name, "payment-methods") == 0 && self->client != NULL)
    cp_page_reload (CP_PAGE (self->report_page));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpStaffView *self = CP_STAFF_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "search");
  cp_customer_search_focus_entry (self->search);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpStaffView *self = CP_STAFF_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The office pages toast here, above the switcher (cp_ui_toast()). */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cp_ui_add_toast (CP_STAFF_VIEW (widget)->toast_overlay, g_variant_get_string (parameter, NULL));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpStaffView *self = CP_STAFF_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "customers");
  adw_leaflet_set_visible_child_name (self->leaflet, "search");
  cp_customer_search_focus_entry (self->search);
}

/**
 * cp_staff_view_get_stack:
 *
 * Returns: (transfer none): the stack of Customers, Call Booking and Settings
 */
AdwViewStack *
cp_staff_view_get_stack (CpStaffView *self)
{
  g_return_val_if_fail (CP_IS_STAFF_VIEW (self), NULL);

  return self->view_stack;
}

/**
 * cp_staff_view_get_switcher_bar:
 *
 * Returns: (transfer none): the bottom switcher bar, hidden until revealed
 */
AdwViewSwitcherBar *
cp_staff_view_get_switcher_bar (CpStaffView *self)
{
  g_return_val_if_fail (CP_IS_STAFF_VIEW (self), NULL);

  return self->switcher_bar;
}

gboolean
cp_staff_view_get_show_switcher (CpStaffView *self)
{
  g_return_val_if_fail (CP_IS_STAFF_VIEW (self), FALSE);

  return gtk_widget_get_visible (self->switcher_box);
}

/**
 * cp_staff_view_set_show_switcher:
 * @show_switcher: whether the view shows its own switcher at the top
 */
void
cp_staff_view_set_show_switcher (CpStaffView *self,
                                 gboolean     show_switcher)
{
  g_return_if_fail (CP_IS_STAFF_VIEW (self));

  show_switcher = !!show_switcher;
  if (show_switcher == cp_staff_view_get_show_switcher (self))
    return;
  gtk_widget_set_visible (self->switcher_box, show_switcher);
  gtk_widget_set_visible (self->switcher_separator, show_switcher);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SWITCHER]);
}

CpStaffView *
cp_staff_view_new (CpClient  *client,
                   CpAccount *account)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (CP_IS_ACCOUNT (account), NULL);

  return g_object_new (CP_TYPE_STAFF_VIEW,
                       "client", client,
                       "account", account,
                       NULL);
}

/**
 * cp_staff_view_get_client:
 *
 * Returns: (transfer none): the client
 */
CpClient *
cp_staff_view_get_client (CpStaffView *self)
{
  g_return_val_if_fail (CP_IS_STAFF_VIEW (self), NULL);

  return self->client;
}

/**
 * cp_staff_view_get_account:
 *
 * Returns: (transfer none): the signed-in staff member or admin
 */
CpAccount *
cp_staff_view_get_account (CpStaffView *self)
{
  g_return_val_if_fail (CP_IS_STAFF_VIEW (self), NULL);

  return self->account;
}

static void
cp_staff_view_constructed (GObject *object)
{
  CpStaffView *self = CP_STAFF_VIEW (object);

  G_OBJECT_CLASS (cp_staff_view_parent_class)->constructed (object);

  /* Built bare (e.g. to check its template), it shows empty pages. */
  if (self->client == NULL || self->account == NULL)
    return;

  cp_settings_page_set_can_edit (self->settings_page,
                                 cp_account_get_role (self->account) == CP_ROLE_ADMIN);
  {
    CpPage *pages[] = { CP_PAGE (self->search), CP_PAGE (self->booking_page),
                        CP_PAGE (self->report_page), CP_PAGE (self->settings_page) };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        cp_page_set_client (pages[i], self->client, NULL);
        cp_page_reload (pages[i]);
      }
  }
}

static void
cp_staff_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpStaffView *self = CP_STAFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_SHOW_SWITCHER:
      g_value_set_boolean (value, cp_staff_view_get_show_switcher (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_staff_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpStaffView *self = CP_STAFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_SHOW_SWITCHER:
      cp_staff_view_set_show_switcher (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_staff_view_dispose (GObject *object)
{
  CpStaffView *self = CP_STAFF_VIEW (object);

  /* The pages cancel their own requests as AdwBin disposes of them. */
  self->record = NULL;
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (cp_staff_view_parent_class)->dispose (object);
}

static void
cp_staff_view_class_init (CpStaffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cp_staff_view_constructed;
  object_class->get_property = cp_staff_view_get_property;
  object_class->set_property = cp_staff_view_set_property;
  object_class->dispose = cp_staff_view_dispose;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SWITCHER] =
    g_param_spec_boolean ("show-switcher", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CP_TYPE_CUSTOMER_SEARCH);
  g_type_ensure (CP_TYPE_BOOKING_PAGE);
  g_type_ensure (CP_TYPE_SETTINGS_PAGE);
  g_type_ensure (CP_TYPE_PAYMENT_METHODS_REPORT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staff/cp-staff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, switcher_box);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, switcher_separator);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, search);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, record_title);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, back_button);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, record_stack);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, booking_page);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, report_page);
  gtk_widget_class_bind_template_child (widget_class, CpStaffView, settings_page);
  gtk_widget_class_bind_template_callback (widget_class, customer_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_booked_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_customer_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "staff.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "staff.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "staff.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "toast.show", "s", toast_action);

}

static void
find_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "staff.find", NULL);
}

/* The window puts these under "view.", so that Ctrl+F works wherever
 * focus is, the header bar included. */
static const GActionEntry view_actions[] = {
  { "find", find_view_action },
};

static AdwViewStack *
get_stack (CpAccountView *view)
{
  return CP_STAFF_VIEW (view)->view_stack;
}

static AdwViewSwitcherBar *
get_switcher_bar (CpAccountView *view)
{
  return cp_staff_view_get_switcher_bar (CP_STAFF_VIEW (view));
}

static GActionGroup *
get_actions (CpAccountView *view)
{
  return G_ACTION_GROUP (CP_STAFF_VIEW (view)->actions);
}

static const char *
get_shortcuts_resource (CpAccountView *view)
{
  return RESOURCE_PREFIX "/ui/staff/cp-staff-shortcuts.ui";
}

static void
cp_staff_view_account_view_init (CpAccountViewInterface *iface)
{
  iface->get_stack = get_stack;
  iface->get_switcher_bar = get_switcher_bar;
  iface->get_actions = get_actions;
  iface->get_shortcuts_resource = get_shortcuts_resource;
}

/* The badge and notice looks, once per display. */
static void
ensure_style (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/ui/staff/cp-staff.css");
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
cp_staff_view_init (CpStaffView *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), view_actions,
                                   G_N_ELEMENTS (view_actions), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  ensure_style (GTK_WIDGET (self));
}
