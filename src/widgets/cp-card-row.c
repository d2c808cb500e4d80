/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-card-row.h"
#include "cp-ui-util.h"

/*
 * One saved card as a row, the same for the customer and the office:
 * brand, •••• last 4 and expiry, the Primary / Expired / Expires soon
 * badges, and with actions Set as Primary and Delete (the "cards."
 * actions of whoever shows the row, with the card's id as target). While
 * a change to the card is in flight the row is busy: a spinner, and its
 * buttons insensitive. A screen reader hears the card, its details and
 * its badges as the row's name, and each button by its visible words
 * followed by the card ("Set as Primary: Visa •••• 4242").
 */
struct _CpCardRow
{
  AdwActionRow parent_instance;

  /* Template children */
  GtkImage *icon;
  GtkLabel *primary_badge;
  GtkLabel *expired_badge;
  GtkLabel *soon_badge;
  GtkSpinner *spinner;
  GtkButton *primary_button;
  GtkButton *delete_button;

  /* Owned */
  CpCard *card;
  char *details;
  char *spoken;                    /* the row's accessible name */
  gboolean busy;
  gboolean actions;
};

enum {
  PROP_0,
  PROP_CARD,
  PROP_BUSY,
  PROP_ACTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CpCardRow, cp_card_row, ADW_TYPE_ACTION_ROW)

static void
update (CpCardRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) name = NULL;
  g_autofree char *details = NULL;
  g_autofree char *primary_name = NULL;
  g_autofree char *delete_name = NULL;
  gboolean primary, expired, soon;
  int days_left;

  if (self->card == NULL)
    return;

  days_left = cp_card_get_days_left (self->card, now);
  primary = cp_card_get_is_primary (self->card);
  expired = days_left < 0;
  soon = !expired && days_left <= CP_CARD_EXPIRES_SOON_DAYS;
  details = self->details != NULL ? g_strdup (self->details)
                                  : cp_card_dup_details (self->card, now);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), cp_card_get_title (self->card));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), details);
  gtk_widget_set_name (GTK_WIDGET (self), cp_card_get_id (self->card));

  gtk_widget_set_visible (GTK_WIDGET (self->primary_badge), primary);
  gtk_widget_set_visible (GTK_WIDGET (self->expired_badge), expired);
  gtk_widget_set_visible (GTK_WIDGET (self->soon_badge), soon);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);

  /* An expired card cannot be the one charged. */
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), self->actions && !primary && !expired);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->actions);
  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), !self->busy);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->primary_button), "s",
                                    cp_card_get_id (self->card));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s",
                                    cp_card_get_id (self->card));

  /* The visible words first (WCAG 2.5.3), then which card. */
  /* Translators: "Set as Primary" is the button's label, then a card title. */
  primary_name = g_strdup_printf (_("Set as Primary: %s"), cp_card_get_title (self->card));
  cp_ui_set_accessible_name (GTK_WIDGET (self->primary_button), primary_name);
  /* Translators: "Delete" is the button's tooltip, then a card title. */
  delete_name = g_strdup_printf (_("Delete: %s"), cp_card_get_title (self->card));
  cp_ui_set_accessible_name (GTK_WIDGET (self->delete_button), delete_name);

  name = g_string_new (cp_card_get_title (self->card));
  g_string_append_printf (name, ", %s", details);
  if (primary)
    g_string_append_printf (name, ", %s", _("primary card"));
  if (expired)
    g_string_append_printf (name, ", %s", _("expired"));
  else if (soon)
    g_string_append_printf (name, ", %s", _("expires soon"));
  cp_ui_set_accessible_name (GTK_WIDGET (self), name->str);
  g_free (self->spoken);
  self->spoken = g_string_free (g_steal_pointer (&name), FALSE);
  /* The cardholder's name comes from the server: any length. */
  cp_ui_wrap_row_words (ADW_ACTION_ROW (self));
}

static void
cp_card_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CpCardRow *self = CP_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ACTIONS:
      g_value_set_boolean (value, self->actions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CpCardRow *self = CP_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      cp_card_row_set_card (self, g_value_get_object (value));
      break;
    case PROP_BUSY:
      cp_card_row_set_busy (self, g_value_get_boolean (value));
      break;
    case PROP_ACTIONS:
      cp_card_row_set_actions (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_row_dispose (GObject *object)
{
  CpCardRow *self = CP_CARD_ROW (object);

  g_clear_object (&self->card);

  G_OBJECT_CLASS (cp_card_row_parent_class)->dispose (object);
}

static void
cp_card_row_finalize (GObject *object)
{
  CpCardRow *self = CP_CARD_ROW (object);

  g_free (self->details);
  g_free (self->spoken);

  G_OBJECT_CLASS (cp_card_row_parent_class)->finalize (object);
}

static void
cp_card_row_class_init (CpCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cp_card_row_get_property;
  object_class->set_property = cp_card_row_set_property;
  object_class->dispose = cp_card_row_dispose;
  object_class->finalize = cp_card_row_finalize;

  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, CP_TYPE_CARD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * CpCardRow:actions:
   *
   * Whether the row offers Set as Primary and Delete.
   */
  properties[PROP_ACTIONS] =
    g_param_spec_boolean ("actions", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/widgets/cp-card-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, primary_badge);
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, expired_badge);
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, soon_badge);
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, primary_button);
  gtk_widget_class_bind_template_child (widget_class, CpCardRow, delete_button);
}

static void
cp_card_row_init (CpCardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A row a list view made before it shows a card: its buttons name no
   * card (the actions ignore an unknown id) rather than no target. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->primary_button), "s", "");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", "");

  /* The row's name already says it is a card. */
  cp_ui_set_decorative (GTK_WIDGET (self->icon));
  cp_ui_set_decorative (gtk_button_get_child (self->delete_button));
  /* With the card's title, "Set as Primary" set a 364 px minimum; wrapped,
   * the row fits a 360 px window. */
  cp_ui_wrap_button_label (self->primary_button);
  cp_ui_wrap_row_words (ADW_ACTION_ROW (self));
}

/**
 * cp_card_row_new:
 *
 * Returns: (transfer floating): a row showing @card, without actions
 */
GtkWidget *
cp_card_row_new (CpCard *card)
{
  g_return_val_if_fail (CP_IS_CARD (card), NULL);

  return g_object_new (CP_TYPE_CARD_ROW, "card", card, NULL);
}

/**
 * cp_card_row_get_card:
 *
 * Returns: (transfer none) (nullable): the card shown
 */
CpCard *
cp_card_row_get_card (CpCardRow *self)
{
  g_return_val_if_fail (CP_IS_CARD_ROW (self), NULL);

  return self->card;
}

void
cp_card_row_set_card (CpCardRow *self,
                      CpCard    *card)
{
  g_return_if_fail (CP_IS_CARD_ROW (self));
  g_return_if_fail (card == NULL || CP_IS_CARD (card));

  if (!g_set_object (&self->card, card))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

/**
 * cp_card_row_set_details:
 * @details: (nullable): the subtitle instead of the expiry line, e.g. who
 *   added the card for the office
 */
void
cp_card_row_set_details (CpCardRow  *self,
                         const char *details)
{
  g_return_if_fail (CP_IS_CARD_ROW (self));

  g_free (self->details);
  self->details = g_strdup (details);
  update (self);
}

/**
 * cp_card_row_get_spoken_name:
 *
 * Returns: (nullable): what a screen reader hears for the row: the card,
 *   its details and its badges
 */
const char *
cp_card_row_get_spoken_name (CpCardRow *self)
{
  g_return_val_if_fail (CP_IS_CARD_ROW (self), NULL);

  return self->spoken;
}

gboolean
cp_card_row_get_busy (CpCardRow *self)
{
  g_return_val_if_fail (CP_IS_CARD_ROW (self), FALSE);

  return self->busy;
}

void
cp_card_row_set_busy (CpCardRow *self,
                      gboolean   busy)
{
  g_return_if_fail (CP_IS_CARD_ROW (self));

  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
cp_card_row_set_actions (CpCardRow *self,
                         gboolean   actions)
{
  g_return_if_fail (CP_IS_CARD_ROW (self));

  actions = !!actions;
  if (self->actions == actions)
    return;
  self->actions = actions;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIONS]);
}
