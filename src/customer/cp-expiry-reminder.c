/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-expiry-reminder.h"

/*
 * Card expiry on the desktop: when a customer's session starts (the Saved
 * Credit Cards page's first load), and every few hours while it runs (a
 * read of its own), the saved cards are checked; for each card that has
 * expired or expires within 30 days a desktop notification ("Your Visa ••••
 * 4242 expires on 12/2026 — update it") whose action opens Add New Card.
 * Once per card per month: the cards reminded of this month are kept in
 * the GSettings key expiry-reminders as "CARD-ID@YYYY-MM" (nothing of the
 * card but the portal's id for it). A notification holds only the brand,
 * the last four digits and the expiry.
 */

#define RECHECK_SECONDS (6 * 60 * 60)

struct _CpExpiryReminder
{
  GObject parent_instance;

  CpClient *client;
  char *customer_id;
  GSettings *settings;
  GCancellable *cancellable;
  guint timeout_id;
  guint n_sent;
};

G_DEFINE_FINAL_TYPE (CpExpiryReminder, cp_expiry_reminder, G_TYPE_OBJECT)

/**
 * cp_expiry_reminder_dup_body:
 *
 * Returns: the notification's text for @card: "Your Visa •••• 4242 expires
 *   on 12/2026 — update it" (or "expired on")
 */
char *
cp_expiry_reminder_dup_body (CpCard *card)
{
  g_autofree char *expiry = g_strdup_printf ("%02u/%04u", cp_card_get_exp_month (card),
                                             cp_card_get_exp_year (card));

  if (cp_card_get_expired (card))
    /* TRANSLATORS: a desktop notification: a card as in "Visa •••• 4242", then its expiry "12/2026" */
    return g_strdup_printf (_("Your %s expired on %s — update it"), cp_card_get_title (card), expiry);
  /* TRANSLATORS: a desktop notification: a card as in "Visa •••• 4242", then its expiry "12/2026" */
  return g_strdup_printf (_("Your %s expires on %s — update it"), cp_card_get_title (card), expiry);
}

static gboolean
is_due (CpCard    *card,
        GDateTime *now)
{
  /* A bank account has no expiry. */
  if (cp_card_get_exp_month (card) == 0 || cp_card_get_exp_year (card) == 0)
    return FALSE;
  return cp_card_get_expired (card)
         || cp_card_get_days_left (card, now) <= CP_EXPIRY_REMINDER_DAYS;
}

static void
send_reminder (CpExpiryReminder *self,
               CpCard           *card)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = cp_expiry_reminder_dup_body (card);
  g_autofree char *id = g_strconcat ("card-expiry-", cp_card_get_id (card), NULL);

  notification = g_notification_new (cp_card_get_expired (card) ? _("Card expired")
                                                                 : _("Card expires soon"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.add-card");
  g_notification_add_button (notification, _("Add Card"), "app.add-card");
  g_application_send_notification (app, id, notification);
  self->n_sent++;
}

/**
 * cp_expiry_reminder_check_cards:
 * @cards: a #GListModel of #CpCard: the customer's saved cards as just read
 *
 * Reminds of the cards in @cards that expire soon (or have), each at most
 * once a month.
 */
void
cp_expiry_reminder_check_cards (CpExpiryReminder *self,
                                GListModel       *cards)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  g_auto(GStrv) reminded = NULL;
  g_autoptr(GStrvBuilder) keep = g_strv_builder_new ();
  g_auto(GStrv) next = NULL;
  GApplication *app = g_application_get_default ();
  gboolean changed = FALSE;

  g_return_if_fail (CP_IS_EXPIRY_REMINDER (self));
  g_return_if_fail (G_IS_LIST_MODEL (cards));

  /* Without a session bus (or a registered app) there is no one to tell. */
  if (app == NULL || !g_application_get_is_registered (app)
      || g_application_get_dbus_connection (app) == NULL)
    return;

  /* This month's entries only: last month's reminders are due again. */
  reminded = g_settings_get_strv (self->settings, "expiry-reminders");
  for (guint i = 0; reminded[i] != NULL; i++)
    {
      const char *at = strrchr (reminded[i], '@');

      if (at != NULL && g_strcmp0 (at + 1, month) == 0)
        g_strv_builder_add (keep, reminded[i]);
      else
        changed = TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);
      g_autofree char *entry = NULL;

      if (!is_due (card, now))
        continue;
      entry = g_strconcat (cp_card_get_id (card), "@", month, NULL);
      if (g_strv_contains ((const char * const *) reminded, entry))
        continue;
      send_reminder (self, card);
      g_strv_builder_add (keep, entry);
      changed = TRUE;
    }

  if (!changed)
    return;
  next = g_strv_builder_end (keep);
  g_settings_set_strv (self->settings, "expiry-reminders", (const char * const *) next);
}

static void
cards_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CpExpiryReminder) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = cp_client_list_payment_methods_finish (CP_CLIENT (source), result,
                                                                       &error);

  if (cards == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Card expiry: could not read the cards: %s", error->message);
      return;
    }
  cp_expiry_reminder_check_cards (self, cards);
}

/**
 * cp_expiry_reminder_check:
 *
 * Reads the saved cards itself, then as cp_expiry_reminder_check_cards().
 */
void
cp_expiry_reminder_check (CpExpiryReminder *self)
{
  g_return_if_fail (CP_IS_EXPIRY_REMINDER (self));

  if (!cp_client_get_logged_in (self->client))
    return;
  cp_client_list_payment_methods_async (self->client, self->customer_id, self->cancellable,
                                        cards_ready_cb, g_object_ref (self));
}

/* How many notifications were sent (for tests). */
guint
cp_expiry_reminder_get_n_sent (CpExpiryReminder *self)
{
  g_return_val_if_fail (CP_IS_EXPIRY_REMINDER (self), 0);

  return self->n_sent;
}

static gboolean
recheck_cb (gpointer data)
{
  cp_expiry_reminder_check (data);
  return G_SOURCE_CONTINUE;
}

/**
 * cp_expiry_reminder_new:
 *
 * Returns: (transfer full): a reminder for the customer's cards that reads
 *   them every few hours, until it is dropped; the first check is the
 *   caller's (cp_expiry_reminder_check_cards() with the cards it loaded)
 */
CpExpiryReminder *
cp_expiry_reminder_new (CpClient   *client,
                        const char *customer_id,
                        GSettings  *settings)
{
  CpExpiryReminder *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CP_TYPE_EXPIRY_REMINDER, NULL);
  self->client = g_object_ref (client);
  self->customer_id = g_strdup (customer_id);
  self->settings = g_object_ref (settings);
  self->timeout_id = g_timeout_add_seconds (RECHECK_SECONDS, recheck_cb, self);
  return self;
}

static void
cp_expiry_reminder_dispose (GObject *object)
{
  CpExpiryReminder *self = CP_EXPIRY_REMINDER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (cp_expiry_reminder_parent_class)->dispose (object);
}

static void
cp_expiry_reminder_finalize (GObject *object)
{
  CpExpiryReminder *self = CP_EXPIRY_REMINDER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_free (self->customer_id);

  G_OBJECT_CLASS (cp_expiry_reminder_parent_class)->finalize (object);
}

static void
cp_expiry_reminder_class_init (CpExpiryReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_expiry_reminder_dispose;
  object_class->finalize = cp_expiry_reminder_finalize;
}

static void
cp_expiry_reminder_init (CpExpiryReminder *self)
{
  self->cancellable = g_cancellable_new ();
}
