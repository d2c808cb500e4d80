/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-client-error.h"
#include "cp-token-store.h"
#include "cp-ui-util.h"

gboolean
cp_ui_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/**
 * cp_ui_is_unreachable:
 *
 * Returns: whether @error says the portal could not be reached at all (no
 *   connection, no answer in time), as opposed to an answer that refused
 */
gboolean
cp_ui_is_unreachable (const GError *error)
{
  return g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_NETWORK)
         || g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_TIMEOUT);
}

/**
 * cp_ui_error_message:
 *
 * Returns: what went wrong, in words a customer understands; the server's
 *   own message where it is the best explanation
 */
char *
cp_ui_error_message (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CP_TOKEN_STORE_ERROR)
    return g_strdup (error->message);

  if (error->domain != CP_CLIENT_ERROR)
    return g_strdup (_("Something went wrong. Please try again."));

  switch ((CpClientError) error->code)
    {
    case CP_CLIENT_ERROR_UNAUTHORIZED:
      return g_strdup (_("The email or password is not right."));
    case CP_CLIENT_ERROR_EMAIL_NOT_VERIFIED:
      return g_strdup (_("This email address is not verified yet. Use “Request an invitation” "
                         "to get a code by email."));
    case CP_CLIENT_ERROR_RATE_LIMITED:
      {
        gint64 wait = cp_client_error_get_retry_after (error);

        if (wait <= 0)
          return g_strdup (_("Too many attempts. Please wait a moment and try again."));
        if (wait < 120)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Too many attempts. Please wait %d second "
                                               "and try again.",
                                               "Too many attempts. Please wait %d seconds "
                                               "and try again.", (gulong) wait),
                                  (int) wait);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Too many attempts. Please wait %d minute "
                                             "and try again.",
                                             "Too many attempts. Please wait %d minutes "
                                             "and try again.", (gulong) ((wait + 59) / 60)),
                                (int) ((wait + 59) / 60));
      }
    case CP_CLIENT_ERROR_NETWORK:
      return g_strdup (_("The portal cannot be reached. Check your connection and the "
                         "portal address."));
    case CP_CLIENT_ERROR_TIMEOUT:
      return g_strdup (_("The portal did not answer in time. Please try again."));
    case CP_CLIENT_ERROR_TLS:
      return g_strdup (_("The portal’s security certificate could not be verified, so the "
                         "connection was stopped to protect your data."));
    case CP_CLIENT_ERROR_INSECURE_URL:
      return g_strdup (_("The portal address must start with https://."));
    case CP_CLIENT_ERROR_INVALID_URL:
      return g_strdup (_("That is not a valid portal address."));
    case CP_CLIENT_ERROR_CARD_DECLINED:
      return g_strdup (_("The card was declined. Please use another card or contact "
                         "your bank."));
    case CP_CLIENT_ERROR_ONLINE_PAYMENTS_DISABLED:
      return g_strdup (_("Online payments are not available at the moment."));
    case CP_CLIENT_ERROR_SESSION_EXPIRED:
    case CP_CLIENT_ERROR_TOKEN_EXPIRED:
    case CP_CLIENT_ERROR_NOT_LOGGED_IN:
      return g_strdup (_("Your session has ended. Please log in again."));
    case CP_CLIENT_ERROR_INTERNAL:
    case CP_CLIENT_ERROR_BAD_RESPONSE:
      return g_strdup (_("The portal had a problem. Please try again later."));
    case CP_CLIENT_ERROR_INVALID_REQUEST:
    case CP_CLIENT_ERROR_FORBIDDEN:
    case CP_CLIENT_ERROR_NOT_FOUND:
    case CP_CLIENT_ERROR_CONFLICT:
    case CP_CLIENT_ERROR_IDEMPOTENCY_CONFLICT:
    case CP_CLIENT_ERROR_PAYLOAD_TOO_LARGE:
    case CP_CLIENT_ERROR_UNKNOWN:
    default:
      if (error->message != NULL && error->message[0] != '\0')
        return g_strdup (error->message);
      return g_strdup (_("Something went wrong. Please try again."));
    }
}

/**
 * cp_ui_add_toast:
 * @overlay: the overlay of a window or view that shows toasts
 *
 * Shows @message there. The latest news replaces the previous toast
 * instead of queueing behind it, so what shows is always true now.
 * Whoever owns an overlay calls this from its `toast.show` action.
 */
void
cp_ui_add_toast (AdwToastOverlay *overlay,
                 const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * cp_ui_toast:
 *
 * Shows @message in a toast, through the `toast.show` action of the
 * nearest widget above @widget that has one (the window, the staff view,
 * a dialog with an overlay of its own). A dialog without one hands it to
 * the window it belongs to.
 */
void
cp_ui_toast (GtkWidget  *widget,
             const char *message)
{
  GtkRoot *root;
  GtkWindow *parent;

  if (gtk_widget_activate_action (widget, "toast.show", "s", message))
    return;

  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  if (parent != NULL && gtk_widget_activate_action (GTK_WIDGET (parent), "toast.show", "s", message))
    return;

  g_debug ("No toast overlay for: %s", message);
}

/* GTK 4.8 has no gtk_list_box_remove_all(). */
void
cp_ui_clear_list_box (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

/**
 * cp_ui_name_peek_button:
 * @row: a password row
 *
 * libadwaita 1.2 gives the row's icon buttons (show the characters, apply)
 * only a tooltip, and GTK 4.8 does not read tooltips out, so a screen reader
 * announces "GtkImage". Names each of them after its (translated) tooltip.
 */
void
cp_ui_name_peek_button (AdwPasswordEntryRow *row)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, row);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (GTK_IS_BUTTON (widget) && tooltip != NULL && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tooltip, -1);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
}
