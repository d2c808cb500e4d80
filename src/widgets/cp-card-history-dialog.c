/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-card-history-dialog.h"
#include "cp-paged-view.h"
#include "cp-ui-util.h"

/* View History: every change to a customer's saved cards, newest first:
 * when, what, which card, who, and through which channel. The office opens
 * it from a customer's record, the customer from their Saved Credit Cards
 * page: the same list, worded for each. */
struct _CpCardHistoryDialog
{
  CpCustomerDialog parent_instance;

  /* Template children */
  AdwWindowTitle *window_title;
  AdwPreferencesGroup *history_group;
  CpPagedView *paged_view;
  GtkListBox *history_list;

  /* Owned */
  char *customer_name;
  CpPagedList *events;
};

G_DEFINE_FINAL_TYPE (CpCardHistoryDialog, cp_card_history_dialog, CP_TYPE_CUSTOMER_DIALOG)

enum {
  PROP_0,
  PROP_CUSTOMER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * format_channel:
 *
 * Returns: through which channel a change reached the portal
 */
static const char *
format_channel (CpCardChannel channel)
{
  switch (channel)
    {
    case CP_CARD_CHANNEL_PORTAL:
      return _("Customer Portal");
    case CP_CARD_CHANNEL_OFFICE:
      return _("Office");
    case CP_CARD_CHANNEL_SYSTEM:
      /* TRANSLATORS: the channel of a change the server made by itself */
      return _("System");
    default:
      return _("Unknown");
    }
}

static const char *
format_action (CpCardAction action)
{
  switch (action)
    {
    case CP_CARD_ACTION_ADDED:
      return _("Added");
    case CP_CARD_ACTION_SET_PRIMARY:
      return _("Set as primary");
    case CP_CARD_ACTION_REMOVED:
      return _("Removed");
    default:
      return _("Changed");
    }
}

/*
 * format_actor:
 * @role: "customer", "staff", "admin" or "system"
 * @name: (nullable): the person's name
 *
 * Returns: who made a change: "Ada Lovelace (customer)", "Jo Smith
 *   (staff)", or "Automatic" for the server itself
 */
static char *
format_actor (const char *role,
                       const char *name)
{
  if (role == NULL || g_strcmp0 (role, "system") == 0)
    return g_strdup (_("Automatic"));
  if (name == NULL || *name == '\0')
    name = _("Unknown");
  if (g_strcmp0 (role, "customer") == 0)
    /* TRANSLATORS: who changed a card: a customer's name */
    return g_strdup_printf (_("%s (customer)"), name);
  if (g_strcmp0 (role, "staff") == 0)
    /* TRANSLATORS: who changed a card: an office staff member's name */
    return g_strdup_printf (_("%s (staff)"), name);
  if (g_strcmp0 (role, "admin") == 0)
    /* TRANSLATORS: who changed a card: an administrator's name */
    return g_strdup_printf (_("%s (admin)"), name);
  return g_strdup_printf ("%s (%s)", name, role);
}

/*
 * format_event_title:
 *
 * Returns: what happened to which card: "Added Visa •••• 4242 (12/2030)"
 */
static char *
format_event_title (CpCardEvent *event)
{
  /* A bank account has no expiry: its title alone. */
  g_autofree char *card = cp_card_event_get_is_bank_account (event)
                          ? g_strdup (cp_card_event_get_card_title (event))
                          : g_strdup_printf ("%s (%02u/%04u)", cp_card_event_get_card_title (event),
                                             cp_card_event_get_exp_month (event),
                                             cp_card_event_get_exp_year (event));

  switch (cp_card_event_get_action (event))
    {
    case CP_CARD_ACTION_ADDED:
      /* TRANSLATORS: a history entry, %s is a card as in "Visa •••• 4242 (12/2030)" */
      return g_strdup_printf (_("Added %s"), card);
    case CP_CARD_ACTION_SET_PRIMARY:
      /* TRANSLATORS: a history entry, %s is a card as in "Visa •••• 4242 (12/2030)" */
      return g_strdup_printf (_("Set %s as primary"), card);
    case CP_CARD_ACTION_REMOVED:
      /* TRANSLATORS: a history entry, %s is a card as in "Visa •••• 4242 (12/2030)" */
      return g_strdup_printf (_("Removed %s"), card);
    default:
      return g_strdup (card);
    }
}

/*
 * format_event_subtitle:
 *
 * Returns: when, by whom and through which channel: "26 Nov 2026, 09:14 ·
 *   Ada Lovelace (customer) · Customer Portal"
 */
static char *
format_event_subtitle (CpCardEvent *event)
{
  g_autofree char *actor = format_actor (cp_card_event_get_actor_role (event),
                                                  cp_card_event_get_actor_name (event));

  return g_strdup_printf ("%s · %s · %s", cp_card_event_get_at_text (event), actor,
                          format_channel (cp_card_event_get_channel (event)));
}

static const char *
action_icon (CpCardAction action)
{
  switch (action)
    {
    case CP_CARD_ACTION_ADDED:
      return "list-add-symbolic";
    case CP_CARD_ACTION_SET_PRIMARY:
      return "starred-symbolic";
    case CP_CARD_ACTION_REMOVED:
      return "user-trash-symbolic";
    default:
      return "document-edit-symbolic";
    }
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  CpCardEvent *event = CP_CARD_EVENT (item);
  g_autofree char *title = format_event_title (event);
  g_autofree char *subtitle = format_event_subtitle (event);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (action_icon (cp_card_event_get_action (event)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  format_action (cp_card_event_get_action (event)), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/**
 * cp_card_history_dialog_get_events:
 *
 * Returns: (transfer none) (nullable): the #CpCardEvent items as far as
 *   loaded, newest first
 */
GListModel *
cp_card_history_dialog_get_events (CpCardHistoryDialog *self)
{
  g_return_val_if_fail (CP_IS_CARD_HISTORY_DIALOG (self), NULL);

  return self->events != NULL ? G_LIST_MODEL (self->events) : NULL;
}

CpCardHistoryDialog *
cp_card_history_dialog_new (CpClient   *client,
                            const char *customer_id,
                            const char *customer_name)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return g_object_new (CP_TYPE_CARD_HISTORY_DIALOG,
                       "client", client,
                       "customer-id", customer_id,
                       "customer-name", customer_name,
                       "office", TRUE,
                       NULL);
}

/**
 * cp_card_history_dialog_new_own:
 *
 * Returns: the history of the logged-in customer's own saved cards, as
 *   the office sees it, worded for the customer
 */
CpCardHistoryDialog *
cp_card_history_dialog_new_own (CpClient   *client,
                                const char *customer_id)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return g_object_new (CP_TYPE_CARD_HISTORY_DIALOG,
                       "client", client,
                       "customer-id", customer_id,
                       NULL);
}

static void
cp_card_history_dialog_constructed (GObject *object)
{
  CpCardHistoryDialog *self = CP_CARD_HISTORY_DIALOG (object);
  CpCustomerDialog *dialog;

  G_OBJECT_CLASS (cp_card_history_dialog_parent_class)->constructed (object);

  if (self->customer_name != NULL)
    adw_window_title_set_subtitle (self->window_title, self->customer_name);
  adw_preferences_group_set_description (self->history_group,
                                         cp_customer_dialog_get_office (CP_CUSTOMER_DIALOG (self))
                                         ? _("Every change to this customer’s saved cards, newest first.")
                                         : _("Every change to your saved cards, newest first: who made it, when, and whether in the app or through the office."));

  /* Built bare (e.g. to check its template), it loads nothing. */
  dialog = CP_CUSTOMER_DIALOG (self);
  if (cp_customer_dialog_get_client (dialog) == NULL
      || cp_customer_dialog_get_customer_id (dialog) == NULL)
    return;

  /* The paged list's own cancellable is this dialog's: cancelled on
   * dispose with cp_paged_list_cancel(). */
  self->events =
    cp_paged_list_new_payment_method_history (cp_customer_dialog_get_client (dialog),
                                              cp_customer_dialog_get_customer_id (dialog));
  cp_paged_list_set_page_size (self->events, 50);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->events),
                           create_event_row, NULL, NULL);
  cp_paged_view_set_model (self->paged_view, self->events);
  cp_paged_list_load_more (self->events);
}

static void
cp_card_history_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CpCardHistoryDialog *self = CP_CARD_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_history_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CpCardHistoryDialog *self = CP_CARD_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      self->customer_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_history_dialog_dispose (GObject *object)
{
  CpCardHistoryDialog *self = CP_CARD_HISTORY_DIALOG (object);

  if (self->events != NULL)
    cp_paged_list_cancel (self->events);

  G_OBJECT_CLASS (cp_card_history_dialog_parent_class)->dispose (object);
}

static void
cp_card_history_dialog_finalize (GObject *object)
{
  CpCardHistoryDialog *self = CP_CARD_HISTORY_DIALOG (object);

  g_clear_object (&self->events);
  g_free (self->customer_name);

  G_OBJECT_CLASS (cp_card_history_dialog_parent_class)->finalize (object);
}

static void
cp_card_history_dialog_class_init (CpCardHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cp_card_history_dialog_constructed;
  object_class->get_property = cp_card_history_dialog_get_property;
  object_class->set_property = cp_card_history_dialog_set_property;
  object_class->dispose = cp_card_history_dialog_dispose;
  object_class->finalize = cp_card_history_dialog_finalize;

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/widgets/cp-card-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCardHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpCardHistoryDialog, history_group);
  gtk_widget_class_bind_template_child (widget_class, CpCardHistoryDialog, paged_view);
  gtk_widget_class_bind_template_child (widget_class, CpCardHistoryDialog, history_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_card_history_dialog_init (CpCardHistoryDialog *self)
{
  g_type_ensure (CP_TYPE_PAGED_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
}
