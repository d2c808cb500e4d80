/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-autopay-off.h"
#include "cp-client-autopay.h"
#include "cp-ui-util.h"

/* Turning AutoPay off, the same way from the customer's Saved Credit Cards
 * and from the office's record: a confirmation that says what follows, the
 * request (its button insensitive meanwhile), then a toast on @page. */
typedef struct
{
  GWeakRef page;
  GWeakRef button;
  CpAutopayOffFunc done;
} TurnOff;

static void
turn_off_free (TurnOff *off)
{
  g_weak_ref_clear (&off->page);
  g_weak_ref_clear (&off->button);
  g_free (off);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnOff, turn_off_free)

static void
turn_off_closure_free (gpointer  data,
                       GClosure *closure)
{
  turn_off_free (data);
}

static TurnOff *
turn_off_new (CpPage           *page,
              GtkWidget        *button,
              CpAutopayOffFunc  done)
{
  TurnOff *off = g_new0 (TurnOff, 1);

  g_weak_ref_init (&off->page, page);
  g_weak_ref_init (&off->button, button);
  off->done = done;
  return off;
}

static void
turned_off_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TurnOff) off = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpAutopay) autopay = cp_client_set_autopay_finish (CP_CLIENT (source), result, &error);
  g_autoptr(CpPage) page = g_weak_ref_get (&off->page);
  g_autoptr(GtkWidget) button = g_weak_ref_get (&off->button);

  if (cp_ui_is_cancelled (error) || page == NULL)
    return;
  if (button != NULL)
    gtk_widget_set_sensitive (button, TRUE);
  if (autopay == NULL)
    {
      g_autofree char *reason = cp_ui_error_message (error);
      g_autofree char *text = g_strdup_printf (_("Could not turn AutoPay off: %s"), reason);

      cp_ui_toast (GTK_WIDGET (page), text);
      return;
    }
  off->done (page, autopay);
  cp_ui_toast (GTK_WIDGET (page), _("AutoPay is off"));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  TurnOff *off = user_data;
  g_autoptr(CpPage) page = g_weak_ref_get (&off->page);
  g_autoptr(GtkWidget) button = g_weak_ref_get (&off->button);

  if (g_strcmp0 (response, "turn-off") != 0 || page == NULL)
    return;
  if (button != NULL)
    gtk_widget_set_sensitive (button, FALSE);
  cp_client_set_autopay_async (cp_page_get_client (page), cp_page_get_customer_id (page), NULL,
                               NULL, cp_page_get_cancellable (page), turned_off_cb,
                               turn_off_new (page, button, off->done));
}

/**
 * cp_autopay_confirm_turn_off:
 * @page: the page AutoPay is shown on (its client, customer and
 *   cancellable; the confirmation's parent; where the toast goes)
 * @body: what turning it off means, for whom it is
 * @button: the Turn Off… button, insensitive while the request is out
 * @done: called with AutoPay as it is once off
 *
 * Asks "Turn AutoPay Off?" and, confirmed, turns it off.
 */
void
cp_autopay_confirm_turn_off (CpPage           *page,
                             const char       *body,
                             GtkWidget        *button,
                             CpAutopayOffFunc  done)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_if_fail (CP_IS_PAGE (page));
  g_return_if_fail (done != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (page));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       _("Turn AutoPay Off?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "turn-off", _("_Turn Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "turn-off", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb),
                         turn_off_new (page, button, done), turn_off_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
