/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-account-view.h"
#include "cp-cards-page.h"
#include "cp-customer-view.h"
#include "cp-expiry-reminder.h"
#include "cp-history-page.h"
#include "cp-overview-page.h"
#include "cp-pay-dialog.h"
#include "cp-ui-util.h"

/*
 * What a customer sees once logged in: Overview (balance, invoices, Pay),
 * Service History and Saved Credit Cards, switched by the window's
 * AdwViewSwitcherTitle (wide) or the bar at the bottom (narrow). It reads
 * the portal's configuration on every refresh: while online payments are
 * off, the cards page and every payment action are hidden.
 */
struct _CpCustomerView
{
  AdwBin parent_instance;

  /* Template children */
  GtkRevealer *unreachable_revealer;
  AdwViewStack *view_stack;
  AdwViewSwitcherBar *switcher_bar;
  AdwViewStackPage *cards_stack_page;
  CpOverviewPage *overview_page;
  CpHistoryPage *history_page;
  CpCardsPage *cards_page;

  /* Owned */
  CpClient *client;
  CpAccount *account;
  CpConfig *config;
  GCancellable *cancellable;
  GSimpleActionGroup *actions;
  CpExpiryReminder *expiry_reminder;
  guint retry_id;
  guint retry_seconds;
  guint expiry_id;
  guint stale;            /* pages (bit i of pages()) to load when next shown */
  gboolean pages_started;
  gboolean config_answered;
  gboolean online_payments;
  gboolean loaded;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT,
  PROP_ONLINE_PAYMENTS,
  PROP_LOADED,
  PROP_UNREACHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cp_customer_view_account_view_init (CpAccountViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpCustomerView, cp_customer_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_ACCOUNT_VIEW,
                                                      cp_customer_view_account_view_init))

static void
set_online_payments (CpCustomerView *self,
                     gboolean        enabled)
{
  cp_overview_page_set_online_payments (self->overview_page, enabled);
  adw_view_stack_page_set_visible (self->cards_stack_page, enabled);
  if (!enabled && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                             "cards") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");

  if (self->online_payments == enabled)
    return;
  self->online_payments = enabled;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "add-card")),
                               enabled);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE_PAYMENTS]);
}

enum { N_PAGES = 3 };

static void
get_pages (CpCustomerView *self,
           CpPage         *pages[N_PAGES])
{
  pages[0] = CP_PAGE (self->overview_page);
  pages[1] = CP_PAGE (self->history_page);
  pages[2] = CP_PAGE (self->cards_page);
}

/* Only the page on screen loads; the others when they are first shown
 * after a (re)load. A hidden Service History would otherwise cost the
 * first page of 100,000 visits at every login, for nothing. */
static void
load_visible_page (CpCustomerView *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);
  CpPage *pages[N_PAGES];

  get_pages (self, pages);
  for (guint i = 0; i < N_PAGES; i++)
    if (GTK_WIDGET (pages[i]) == visible && (self->stale & (1u << i)) != 0)
      {
        if (pages[i] == CP_PAGE (self->cards_page) && !self->online_payments)
          return;
        self->stale &= ~(1u << i);
        cp_page_reload (pages[i]);
      }
}

static void
visible_page_cb (CpCustomerView *self)
{
  if (self->pages_started)
    load_visible_page (self);
}

/* Loaded: the pages have started and the configuration (online payments
 * on or off) has answered, so what the view offers is settled. */
static void
update_loaded (CpCustomerView *self)
{
  if (self->loaded || !self->pages_started || !self->config_answered)
    return;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
load_pages (CpCustomerView *self)
{
  self->stale = (1u << N_PAGES) - 1;
  self->pages_started = TRUE;
  load_visible_page (self);
  update_loaded (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  CpCustomerView *self = user_data;

  self->retry_id = 0;
  cp_customer_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* While the portal cannot be reached, what was shown stays, under a
 * banner, and the view tries again by itself: after 2 s, then twice as
 * long each time up to a minute, and at once when the network changes. */
static void
set_unreachable (CpCustomerView *self,
                 gboolean        unreachable)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (unreachable)
    {
      self->retry_seconds = self->retry_seconds == 0 ? 2 : MIN (self->retry_seconds * 2, 60);
      self->retry_id = g_timeout_add_seconds (self->retry_seconds, retry_cb, self);
    }
  else
    self->retry_seconds = 0;

  if (gtk_revealer_get_reveal_child (self->unreachable_revealer) == unreachable)
    return;
  if (unreachable)
    gtk_widget_set_visible (GTK_WIDGET (self->unreachable_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->unreachable_revealer, unreachable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREACHABLE]);
}

/* Closed, the banner leaves the layout (see the .ui). */
static void
banner_revealed_cb (CpCustomerView *self)
{
  if (!gtk_revealer_get_child_revealed (self->unreachable_revealer)
      && !gtk_revealer_get_reveal_child (self->unreachable_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->unreachable_revealer), FALSE);
}

static void
network_changed_cb (CpCustomerView *self,
                    gboolean        available)
{
  if (available && self->retry_id != 0)
    {
      g_clear_handle_id (&self->retry_id, g_source_remove);
      cp_customer_view_refresh (self);
    }
}

static void
apply_config (CpCustomerView *self,
              CpConfig       *config,
              const GError   *error)
{
  self->config_answered = TRUE;
  set_unreachable (self, cp_ui_is_unreachable (error));
  if (config != NULL)
    {
      g_set_object (&self->config, config);
      cp_overview_page_set_config (self->overview_page, config);
      set_online_payments (self, cp_config_get_online_payments_enabled (config));
    }
  else if (cp_ui_is_unreachable (error) && self->pages_started)
    {
      /* Nothing would answer the pages either: keep what they show. */
      return;
    }
  else
    {
      /* Keep what we knew; the pages show their own errors. */
      g_debug ("Could not read the portal configuration: %s", error->message);
    }

  load_pages (self);
}

/* A refresh reads the configuration afresh (an admin may have switched
 * online payments off); the first load takes the client's copy. */
static void
config_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = cp_client_get_config_finish (CP_CLIENT (source), result, &error);

  if (!cp_ui_is_cancelled (error))
    apply_config (CP_CUSTOMER_VIEW (user_data), config, error);
}

/* The first load: the pages are loading already. */
static void
config_ensured_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = cp_client_ensure_config_finish (CP_CLIENT (source), result, &error);
  CpCustomerView *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_CUSTOMER_VIEW (user_data);
  set_unreachable (self, cp_ui_is_unreachable (error));
  if (config != NULL)
    {
      g_set_object (&self->config, config);
      cp_overview_page_set_config (self->overview_page, config);
      set_online_payments (self, cp_config_get_online_payments_enabled (config));
      /* Saved Credit Cards waited for the answer if it was on screen. */
      load_visible_page (self);
    }
  else
    g_debug ("Could not read the portal configuration: %s", error->message);
  self->config_answered = TRUE;
  update_loaded (self);
}

/**
 * cp_customer_view_refresh:
 *
 * Reads the configuration again, then every page.
 */
void
cp_customer_view_refresh (CpCustomerView *self)
{
  g_return_if_fail (CP_IS_CUSTOMER_VIEW (self));

  if (self->client == NULL)
    return;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  cp_client_get_config_async (self->client, self->cancellable, config_ready_cb, self);
}

static void
paid_cb (CpCustomerView *self)
{
  cp_page_reload (CP_PAGE (self->overview_page));
}

/**
 * cp_customer_view_pay:
 *
 * Opens the Pay dialog over the open invoices.
 */
void
cp_customer_view_pay (CpCustomerView *self)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_if_fail (CP_IS_CUSTOMER_VIEW (self));

  if (!self->online_payments || self->client == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = cp_pay_dialog_new (self->client, cp_account_get_customer_id (self->account),
                              self->config,
                              cp_overview_page_get_open_invoices (self->overview_page));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "paid", G_CALLBACK (paid_cb), self, G_CONNECT_SWAPPED);
  cp_ui_fit_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pay_cb (CpCustomerView *self)
{
  cp_customer_view_pay (self);
}

/**
 * cp_customer_view_add_card:
 *
 * Shows Saved Credit Cards and opens Add New Card on it.
 */
void
cp_customer_view_add_card (CpCustomerView *self)
{
  g_return_if_fail (CP_IS_CUSTOMER_VIEW (self));

  if (!self->online_payments)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "cards");
  cp_cards_page_add_card (self->cards_page);
}

/* The cards' first load at the start of the session: the expiry reminder's
 * first check, on the cards the page read. */
static void
cards_state_cb (CpCustomerView *self)
{
  const char *state = cp_page_get_state (CP_PAGE (self->cards_page));

  if (g_strcmp0 (state, "list") != 0 && g_strcmp0 (state, "empty") != 0)
    return;
  g_signal_handlers_disconnect_by_func (self->cards_page, cards_state_cb, self);
  if (self->expiry_reminder != NULL)
    cp_expiry_reminder_check_cards (self->expiry_reminder,
                                    cp_cards_page_get_cards (self->cards_page));
}

static gboolean
check_expiry_cb (gpointer user_data)
{
  CpCustomerView *self = user_data;

  self->expiry_id = 0;
  if (self->expiry_reminder != NULL)
    cp_expiry_reminder_check (self->expiry_reminder);
  return G_SOURCE_REMOVE;
}

/* A second after the first page is drawn: what the user came for first. */
static void
first_page_painted_cb (GdkFrameClock  *clock,
                       CpCustomerView *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_page_painted_cb, self);
  if (self->expiry_id == 0)
    self->expiry_id = g_timeout_add_seconds (1, check_expiry_cb, self);
}

/* Otherwise the reminder reads the cards itself, once the page on screen
 * has drawn what it asked for: its request (and its reply's parsing)
 * would only delay the balance. */
static void
first_page_state_cb (CpPage         *page,
                     GParamSpec     *pspec,
                     CpCustomerView *self)
{
  const char *state = cp_page_get_state (page);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (page));

  if (state == NULL || g_strcmp0 (state, "loading") == 0)
    return;
  g_signal_handlers_disconnect_by_func (page, first_page_state_cb, self);
  if (clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_page_painted_cb), self, 0);
  else
    check_expiry_cb (self);
}

static void
cp_customer_view_constructed (GObject *object)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (object);

  G_OBJECT_CLASS (cp_customer_view_parent_class)->constructed (object);

  if (self->client == NULL || self->account == NULL)
    return;

  {
    CpPage *pages[] = { CP_PAGE (self->overview_page), CP_PAGE (self->history_page),
                        CP_PAGE (self->cards_page) };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      cp_page_set_client (pages[i], self->client, cp_account_get_customer_id (self->account));
  }

  /* The visible page and the configuration at once, not one after the
   * other: the balance does not wait for GET /config. What the
   * configuration changes (online payments) follows when it arrives. */
  cp_client_ensure_config_async (self->client, self->cancellable, config_ensured_cb, self);
  load_pages (self);

  /* Cards about to expire, on the desktop: now and while the app runs.
   * When the Cards page is the one shown, its list serves; otherwise the
   * reminder reads the cards itself (one request; the page stays unloaded
   * until it is shown). */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    self->expiry_reminder = cp_expiry_reminder_new (self->client,
                                                    cp_account_get_customer_id (self->account),
                                                    settings);
    if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->cards_page))
      g_signal_connect_object (self->cards_page, "notify::state",
                               G_CALLBACK (cards_state_cb), self, G_CONNECT_SWAPPED);
    else
      g_signal_connect_object (adw_view_stack_get_visible_child (self->view_stack),
                               "notify::state", G_CALLBACK (first_page_state_cb), self, 0);
  }
}

static void
cp_customer_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_ONLINE_PAYMENTS:
      g_value_set_boolean (value, self->online_payments);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_UNREACHABLE:
      g_value_set_boolean (value, gtk_revealer_get_reveal_child (self->unreachable_revealer));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_customer_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Leaving the window (logout, session expiry): replies still on their way
 * must find nothing to touch. */
static void
cp_customer_view_unroot (GtkWidget *widget)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (g_network_monitor_get_default (), network_changed_cb, self);

  GTK_WIDGET_CLASS (cp_customer_view_parent_class)->unroot (widget);
}

static void
cp_customer_view_dispose (GObject *object)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (g_network_monitor_get_default (), network_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_CUSTOMER_VIEW);

  g_clear_object (&self->expiry_reminder);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (cp_customer_view_parent_class)->dispose (object);
}

static void
cp_customer_view_finalize (GObject *object)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (cp_customer_view_parent_class)->finalize (object);
}

static void
select_page_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpCustomerView *self = CP_CUSTOMER_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (g_strcmp0 (name, "cards") == 0 && !self->online_payments)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cp_customer_view_refresh (CP_CUSTOMER_VIEW (widget));
}

static void
cp_customer_view_class_init (CpCustomerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cp_customer_view_constructed;
  object_class->get_property = cp_customer_view_get_property;
  object_class->set_property = cp_customer_view_set_property;
  object_class->dispose = cp_customer_view_dispose;
  widget_class->unroot = cp_customer_view_unroot;
  object_class->finalize = cp_customer_view_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE_PAYMENTS] =
    g_param_spec_boolean ("online-payments", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * CpCustomerView:unreachable:
   *
   * The last refresh could not reach the portal: the pages keep what they
   * showed, a banner says so, and the view tries again by itself.
   */
  properties[PROP_UNREACHABLE] =
    g_param_spec_boolean ("unreachable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CP_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CP_TYPE_HISTORY_PAGE);
  g_type_ensure (CP_TYPE_CARDS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-customer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, unreachable_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, cards_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, overview_page);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, history_page);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerView, cards_page);
  gtk_widget_class_bind_template_callback (widget_class, pay_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_revealed_cb);

  gtk_widget_class_install_action (widget_class, "customer.select-page", "s", select_page_action);
  gtk_widget_class_install_action (widget_class, "customer.retry", NULL, retry_action);
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  cp_customer_view_refresh (user_data);
}

static void
add_card_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  cp_customer_view_add_card (user_data);
}

/* The window puts these under "view.", so that Ctrl+R and Ctrl+N work
 * wherever focus is, the header bar included. */
static const GActionEntry view_actions[] = {
  { "refresh", refresh_action },
  { "add-card", add_card_action },
};

static AdwViewStack *
get_stack (CpAccountView *view)
{
  return CP_CUSTOMER_VIEW (view)->view_stack;
}

static AdwViewSwitcherBar *
get_switcher_bar (CpAccountView *view)
{
  return CP_CUSTOMER_VIEW (view)->switcher_bar;
}

static GActionGroup *
get_actions (CpAccountView *view)
{
  return G_ACTION_GROUP (CP_CUSTOMER_VIEW (view)->actions);
}

static const char *
get_shortcuts_resource (CpAccountView *view)
{
  return RESOURCE_PREFIX "/ui/customer/cp-customer-shortcuts.ui";
}

static void
cp_customer_view_account_view_init (CpAccountViewInterface *iface)
{
  iface->get_stack = get_stack;
  iface->get_switcher_bar = get_switcher_bar;
  iface->get_actions = get_actions;
  iface->get_shortcuts_resource = get_shortcuts_resource;
}

static void
cp_customer_view_init (CpCustomerView *self)
{
  self->cancellable = g_cancellable_new ();
  self->online_payments = TRUE;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), view_actions,
                                   G_N_ELEMENTS (view_actions), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (g_network_monitor_get_default (), "network-changed",
                            G_CALLBACK (network_changed_cb), self);
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
cp_customer_view_new (CpClient  *client,
                      CpAccount *account)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (CP_IS_ACCOUNT (account), NULL);

  return g_object_new (CP_TYPE_CUSTOMER_VIEW, "client", client, "account", account, NULL);
}

/**
 * cp_customer_view_get_stack:
 *
 * Returns: (transfer none): the pages, for the window's view switcher
 */
AdwViewStack *
cp_customer_view_get_stack (CpCustomerView *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_VIEW (self), NULL);

  return self->view_stack;
}

/**
 * cp_customer_view_get_switcher_bar:
 *
 * Returns: (transfer none): the bottom switcher, revealed when the window is narrow
 */
AdwViewSwitcherBar *
cp_customer_view_get_switcher_bar (CpCustomerView *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_VIEW (self), NULL);

  return self->switcher_bar;
}

gboolean
cp_customer_view_get_online_payments (CpCustomerView *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_VIEW (self), FALSE);

  return self->online_payments;
}

gboolean
cp_customer_view_get_unreachable (CpCustomerView *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_VIEW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->unreachable_revealer);
}

gboolean
cp_customer_view_get_loaded (CpCustomerView *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_VIEW (self), FALSE);

  return self->loaded;
}
