/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-add-card-dialog.h"
#include "cp-cards-page.h"
#include "cp-ui-util.h"

/*
 * Saved Credit Cards: each card as brand, last four digits and expiry, with
 * a Primary badge, an Expired badge or an "expires soon" warning; Set as
 * Primary; Delete after a confirmation that names the card; Add Card opens
 * the Add New Card dialog.
 */
struct _CpCardsPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwPreferencesGroup *cards_group;
  GtkButton *add_button;
  GtkListBox *list_box;
  AdwStatusPage *error_status;

  /* Owned */
  CpClient *client;
  char *customer_id;
  GCancellable *cancellable;
  GListStore *cards;
  GHashTable *busy_ids;            /* card ids with a change in flight */
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (CpCardsPage, cp_cards_page, ADW_TYPE_BIN)

/* A card is about to stop working within this many days. */

static void rebuild (CpCardsPage *self);

static GtkWidget *
make_badge (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static CpCard *
find_card (CpCardsPage *self,
           const char  *card_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cards)); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      if (g_strcmp0 (cp_card_get_id (card), card_id) == 0)
        return card;
    }
  return NULL;
}

static GtkWidget *
make_card_row (CpCardsPage *self,
               CpCard      *card)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("auth-smartcard-symbolic");
  GtkWidget *primary_button;
  GtkWidget *delete_button;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) accessible = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *delete_label = NULL;
  g_autofree char *primary_label = NULL;
  const char *id = cp_card_get_id (card);
  gboolean busy = g_hash_table_contains (self->busy_ids, id);
  int days_left = cp_card_get_days_left (card, now);
  gboolean expired = days_left < 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cp_card_get_title (card));
  subtitle = cp_card_dup_details (card, now);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, id);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  /* The row's name already says it is a card. */
  cp_ui_set_decorative (icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  g_string_append (accessible, cp_card_get_title (card));
  g_string_append_printf (accessible, ", %s", subtitle);

  if (cp_card_get_is_primary (card))
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (_("Primary"), "accent"));
      g_string_append_printf (accessible, ", %s", _("primary card"));
    }
  if (expired)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (_("Expired"), "error"));
      g_string_append_printf (accessible, ", %s", _("expired"));
    }
  else if (days_left <= CP_CARD_EXPIRES_SOON_DAYS)
    {
      GtkWidget *soon = make_badge (_("Expires soon"), "warning");

      gtk_widget_set_tooltip_text (soon, _("This card stops working within two months. "
                                           "Add your new card when it arrives."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), soon);
      g_string_append_printf (accessible, ", %s", _("expires soon"));
    }

  if (busy)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Saving"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
    }

  if (!cp_card_get_is_primary (card) && !expired)
    {
      primary_button = gtk_button_new_with_label (_("Set as Primary"));
      gtk_widget_set_valign (primary_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (primary_button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (primary_button), "cards.set-primary");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (primary_button), "s", id);
      /* The visible words first (WCAG 2.5.3), then which card. */
      /* Translators: "Set as Primary" is the button's label, then a card title. */
      primary_label = g_strdup_printf (_("Set as Primary: %s"), cp_card_get_title (card));
      cp_ui_set_accessible_name (primary_button, primary_label);
      gtk_widget_set_sensitive (primary_button, !busy);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), primary_button);
    }

  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_widget_set_tooltip_text (delete_button, _("Delete"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "cards.delete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete_button), "s", id);
  /* Translators: "Delete" is the button's tooltip, then a card title. */
  delete_label = g_strdup_printf (_("Delete: %s"), cp_card_get_title (card));
  cp_ui_set_accessible_name (delete_button, delete_label);
  cp_ui_set_decorative (gtk_button_get_child (GTK_BUTTON (delete_button)));
  gtk_widget_set_sensitive (delete_button, !busy);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);

  cp_ui_set_accessible_name (row, accessible->str);
  return row;
}

static void
rebuild (CpCardsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));

  cp_ui_clear_list_box (self->list_box);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      gtk_list_box_append (self->list_box, make_card_row (self, card));
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
cards_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = cp_client_list_payment_methods_finish (CP_CLIENT (source), result,
                                                                       &error);
  CpCardsPage *self;

  if (cp_ui_is_cancelled (error))
    return;
  self = CP_CARDS_PAGE (user_data);

  if (cards == NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      if (self->loaded)
        {
          /* Keep the list we have; say why it may be stale. */
          cp_ui_toast (GTK_WIDGET (self), message);
          return;
        }
      gtk_spinner_set_spinning (self->spinner, FALSE);
      adw_status_page_set_description (self->error_status, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->loaded = TRUE;
  g_list_store_remove_all (self->cards);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(GObject) card = g_list_model_get_item (cards, i);

      g_list_store_append (self->cards, card);
    }
  rebuild (self);
}

/**
 * cp_cards_page_refresh:
 *
 * Loads the saved cards again.
 */
void
cp_cards_page_refresh (CpCardsPage *self)
{
  g_return_if_fail (CP_IS_CARDS_PAGE (self));

  if (self->client == NULL)
    return;

  if (!self->loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }
  cp_client_list_payment_methods_async (self->client, self->customer_id, self->cancellable,
                                        cards_ready_cb, self);
}

static void
card_saved_cb (CpCardsPage *self,
               CpCard      *card)
{
  g_autofree char *message = g_strdup_printf (_("%s was added"), cp_card_get_title (card));

  cp_ui_toast (GTK_WIDGET (self), message);
  cp_cards_page_refresh (self);
}

/**
 * cp_cards_page_add_card:
 *
 * Opens Add New Card.
 */
void
cp_cards_page_add_card (CpCardsPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;
  gboolean first;

  g_return_if_fail (CP_IS_CARDS_PAGE (self));

  if (self->client == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  first = self->loaded && g_list_model_get_n_items (G_LIST_MODEL (self->cards)) == 0;
  dialog = cp_add_card_dialog_new (self->client, self->customer_id, first);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  cp_cards_page_add_card (CP_CARDS_PAGE (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_cards_page_refresh (CP_CARDS_PAGE (widget));
}

typedef struct
{
  CpCardsPage *self;
  char *card_id;
  char *title;
} CardOp;

static void
card_op_free (CardOp *op)
{
  g_free (op->card_id);
  g_free (op->title);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardOp, card_op_free)

static CardOp *
card_op_new (CpCardsPage *self,
             CpCard      *card)
{
  CardOp *op = g_new0 (CardOp, 1);

  op->self = self;
  op->card_id = g_strdup (cp_card_get_id (card));
  op->title = g_strdup (cp_card_get_title (card));
  g_hash_table_add (self->busy_ids, g_strdup (op->card_id));
  rebuild (self);
  return op;
}

static void
card_op_done (CardOp     *op,
              const char *toast)
{
  g_hash_table_remove (op->self->busy_ids, op->card_id);
  if (toast != NULL)
    cp_ui_toast (GTK_WIDGET (op->self), toast);
  /* The server may have moved the primary badge too: read the list again. */
  cp_cards_page_refresh (op->self);
}

static void
set_primary_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CardOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) card = cp_client_set_primary_payment_method_finish (CP_CLIENT (source), result,
                                                                        &error);
  g_autofree char *message = NULL;

  if (cp_ui_is_cancelled (error))
    return;

  if (card == NULL)
    {
      g_autofree char *reason = cp_ui_error_message (error);

      message = g_strdup_printf (_("Could not make %s the primary card: %s"), op->title, reason);
    }
  else
    message = g_strdup_printf (_("%s is now the primary card"), op->title);
  card_op_done (op, message);
}

static void
set_primary_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpCardsPage *self = CP_CARDS_PAGE (widget);
  const char *card_id = g_variant_get_string (parameter, NULL);
  CpCard *card = find_card (self, card_id);

  if (card == NULL || g_hash_table_contains (self->busy_ids, card_id))
    return;

  cp_client_set_primary_payment_method_async (self->client, self->customer_id, card_id,
                                              self->cancellable, set_primary_ready_cb,
                                              card_op_new (self, card));
}

static void
delete_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CardOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!cp_client_delete_payment_method_finish (CP_CLIENT (source), result, &error))
    {
      g_autofree char *reason = NULL;

      if (cp_ui_is_cancelled (error))
        return;
      reason = cp_ui_error_message (error);
      message = g_strdup_printf (_("Could not delete %s: %s"), op->title, reason);
    }
  else
    message = g_strdup_printf (_("%s was deleted"), op->title);
  card_op_done (op, message);
}

static void
confirm_delete_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CpCardsPage      *self)
{
  const char *card_id = g_object_get_data (G_OBJECT (dialog), "card-id");
  CpCard *card;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  card = find_card (self, card_id);
  if (card == NULL || g_hash_table_contains (self->busy_ids, card_id))
    return;

  cp_client_delete_payment_method_async (self->client, self->customer_id, card_id,
                                         self->cancellable, delete_ready_cb,
                                         card_op_new (self, card));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpCardsPage *self = CP_CARDS_PAGE (widget);
  const char *card_id = g_variant_get_string (parameter, NULL);
  CpCard *card = find_card (self, card_id);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (card == NULL || g_hash_table_contains (self->busy_ids, card_id))
    return;

  heading = g_strdup_printf (_("Delete %s?"), cp_card_get_title (card));
  if (cp_card_get_is_primary (card) && g_list_model_get_n_items (G_LIST_MODEL (self->cards)) > 1)
    body = g_strdup_printf (_("%s, expiring %s, will no longer be available for payments. "
                              "Your most recently added card will become the primary card."),
                            cp_card_get_title (card), cp_card_get_expiry_text (card));
  else
    body = g_strdup_printf (_("%s, expiring %s, will no longer be available for payments."),
                            cp_card_get_title (card), cp_card_get_expiry_text (card));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "card-id", g_strdup (card_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Leaving the window (logout, session expiry): replies still on their way
 * must find nothing to touch. */
static void
cp_cards_page_unroot (GtkWidget *widget)
{
  CpCardsPage *self = CP_CARDS_PAGE (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (cp_cards_page_parent_class)->unroot (widget);
}

static void
cp_cards_page_dispose (GObject *object)
{
  CpCardsPage *self = CP_CARDS_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  /* No gtk_widget_dispose_template(): the bin's child is a template
   * child, and AdwBin unparents it itself. */

  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_cards_page_parent_class)->dispose (object);
}

static void
cp_cards_page_finalize (GObject *object)
{
  CpCardsPage *self = CP_CARDS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->cards);
  g_clear_pointer (&self->busy_ids, g_hash_table_unref);
  g_free (self->customer_id);

  G_OBJECT_CLASS (cp_cards_page_parent_class)->finalize (object);
}

static void
cp_cards_page_class_init (CpCardsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_cards_page_dispose;
  widget_class->unroot = cp_cards_page_unroot;
  object_class->finalize = cp_cards_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-cards-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, cards_group);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, CpCardsPage, error_status);

  gtk_widget_class_install_action (widget_class, "cards.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "cards.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "cards.set-primary", "s", set_primary_action);
  gtk_widget_class_install_action (widget_class, "cards.delete", "s", delete_action);
}

static void
cp_cards_page_init (CpCardsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->cards = g_list_store_new (CP_TYPE_CARD);
  self->busy_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
}

void
cp_cards_page_setup (CpCardsPage *self,
                     CpClient    *client,
                     const char  *customer_id)
{
  g_return_if_fail (CP_IS_CARDS_PAGE (self));
  g_return_if_fail (CP_IS_CLIENT (client));
  g_return_if_fail (customer_id != NULL);

  g_set_object (&self->client, client);
  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
}

/**
 * cp_cards_page_get_cards:
 *
 * Returns: (transfer none): the saved cards shown, a #GListModel of #CpCard
 */
GListModel *
cp_cards_page_get_cards (CpCardsPage *self)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  return G_LIST_MODEL (self->cards);
}

/**
 * cp_cards_page_get_state:
 *
 * Returns: "loading", "list", "empty" or "error"
 */
const char *
cp_cards_page_get_state (CpCardsPage *self)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cp_cards_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row showing the card @card_id
 */
GtkWidget *
cp_cards_page_get_row (CpCardsPage *self,
                       const char  *card_id)
{
  g_return_val_if_fail (CP_IS_CARDS_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), card_id) == 0)
      return row;

  return NULL;
}
