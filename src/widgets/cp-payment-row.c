/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-payment-row.h"
#include "cp-ui-util.h"

/**
 * cp_payment_row_status_label:
 *
 * Returns: the payment's status in words: "Pending", "Succeeded" or
 *   "Failed"
 */
const char *
cp_payment_row_status_label (CpPayment *payment)
{
  const char *status;

  g_return_val_if_fail (CP_IS_PAYMENT (payment), NULL);

  status = cp_payment_get_status (payment);
  if (g_strcmp0 (status, "pending") == 0)
    /* Translators: a payment's status: the processor's answer is not in yet */
    return _("Pending");
  if (g_strcmp0 (status, "failed") == 0)
    /* Translators: a payment's status */
    return _("Failed");
  /* Translators: a payment's status */
  return _("Succeeded");
}

static const char *
status_style (CpPayment *payment)
{
  const char *status = cp_payment_get_status (payment);

  if (g_strcmp0 (status, "pending") == 0)
    return "warning";
  if (g_strcmp0 (status, "failed") == 0)
    return "error";
  return "success";
}

/**
 * cp_payment_row_new:
 * @payment: the payment
 * @details: (nullable): more for the subtitle, after the date (who took
 *   it, a memo)
 *
 * Returns: (transfer floating): an #AdwActionRow for @payment
 */
GtkWidget *
cp_payment_row_new (CpPayment  *payment,
                    const char *details)
{
  GtkWidget *row, *badge, *amount;
  const char *receipt, *failure;
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GString) subtitle = NULL;

  g_return_val_if_fail (CP_IS_PAYMENT (payment), NULL);

  receipt = cp_payment_get_receipt_number (payment);
  failure = cp_payment_get_failure_message (payment);
  title = receipt != NULL && *receipt != '\0'
          /* Translators: a payment's title, %s is its receipt number */
          ? g_strdup_printf (_("Receipt %s"), receipt)
          /* Translators: a payment's title while it has no receipt (pending or failed) */
          : g_strdup (_("Payment"));
  subtitle = g_string_new (cp_payment_get_created_at_text (payment));
  if (details != NULL && *details != '\0')
    g_string_append_printf (subtitle, " · %s", details);
  if (g_strcmp0 (cp_payment_get_status (payment), "failed") == 0 && failure != NULL
      && *failure != '\0')
    g_string_append_printf (subtitle, " · %s", failure);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  /* The memo and the failure come from the server: bounded. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  badge = gtk_label_new (cp_payment_row_status_label (payment));
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, "cp-badge");
  gtk_widget_add_css_class (badge, status_style (payment));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  amount = gtk_label_new (cp_payment_get_amount_text (payment));
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);

  /* Translators: what a screen reader says for a payment: its title, the
   * amount, the status, then the date and details, e.g. "Receipt R-1042,
   * $50.00, Pending, Dec 2, 2026" */
  accessible = g_strdup_printf (_("%s, %s, %s, %s"), title, cp_payment_get_amount_text (payment),
                                cp_payment_row_status_label (payment), subtitle->str);
  cp_ui_set_accessible_name (row, accessible);
  cp_ui_wrap_row_words (ADW_ACTION_ROW (row));
  return row;
}

/**
 * cp_payment_row_notify_settled:
 * @payment: a payment that was pending and is settled now
 *
 * Says so with a desktop notification, once per payment (its id is the
 * notification's: the Pay dialog and the overview seeing it settle give
 * one notification).
 */
void
cp_payment_row_notify_settled (CpPayment *payment)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  gboolean succeeded = g_str_equal (cp_payment_get_status (payment), "succeeded");

  /* Without a session bus (or a registered app) there is no one to tell. */
  if (app == NULL || !g_application_get_is_registered (app)
      || g_application_get_dbus_connection (app) == NULL)
    return;
  notification = g_notification_new (succeeded ? _("Payment received")
                                               : _("Payment failed"));
  if (succeeded)
    /* Translators: "%s" is an amount of money such as "$125.50". */
    body = g_strdup_printf (_("Your pending payment of %s went through."),
                            cp_payment_get_amount_text (payment));
  else
    /* Translators: "%s" is an amount of money such as "$125.50". */
    body = g_strdup_printf (_("Your pending payment of %s did not go through. Nothing was "
                              "charged."), cp_payment_get_amount_text (payment));
  g_notification_set_body (notification, body);
  id = g_strconcat ("payment-", cp_payment_get_id (payment), NULL);
  g_application_send_notification (app, id, notification);
}
