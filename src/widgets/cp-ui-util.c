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
    case CP_CLIENT_ERROR_SESSION_REVOKED:
      return g_strdup (_("This device was signed out from another device. Please log in again."));
    case CP_CLIENT_ERROR_INTERNAL:
    case CP_CLIENT_ERROR_BAD_RESPONSE:
      return g_strdup (_("The portal had a problem. Please try again later."));
    case CP_CLIENT_ERROR_TOO_MANY_ITEMS:
      return g_strdup (_("The portal sent a longer list than this app asked for, so it is "
                         "not shown. Please try again later."));
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

/* Set on a widget whose name the app chose itself: the fixes below leave it. */
#define EXPLICIT_NAME_KEY "cp-ui-explicit-name"

/**
 * cp_ui_set_accessible_name:
 * @widget: a widget
 * @name: what a screen reader says for it
 *
 * GTK 4.8 builds a widget's accessible name from its label property *and*
 * then the names of the widgets it is labelled by (a mnemonic label, an
 * AdwActionRow's title for the row and for its activatable widget), so an
 * explicit label on such a widget is heard twice ("Cancel Cancel"). Sets
 * @name as the label and drops the labelled-by relation, so @name is all
 * that is read.
 */
void
cp_ui_set_accessible_name (GtkWidget  *widget,
                           const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_object_set_data (G_OBJECT (widget), EXPLICIT_NAME_KEY, GINT_TO_POINTER (TRUE));
}

/**
 * cp_ui_name_list_item:
 * @item: a list item of a GtkListView, with its child set
 * @name: what the row says, for a screen reader
 *
 * GTK 4.8 gives a list view's rows (its private list item widgets, the ones
 * that take focus) no name, and has no API to set one
 * (gtk_list_item_set_accessible_label() came in GTK 4.12): a screen reader
 * heard every row as empty. Names the row widget, the child's parent.
 */
void
cp_ui_name_list_item (GtkListItem *item,
                      const char  *name)
{
  GtkWidget *child;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  child = gtk_list_item_get_child (item);
  if (child == NULL)
    return;
  row = gtk_widget_get_parent (child);
  cp_ui_set_accessible_name (row != NULL ? row : child, name);
}

/**
 * cp_ui_set_decorative:
 * @widget: an image (or any widget) that only decorates what stands beside it
 *
 * Keeps @widget out of what a screen reader announces. GTK 4.8 has no
 * way to change an existing widget's role to "presentation" (the role is a
 * construct-only property), so this hides it from the accessibility tree.
 */
static gboolean
hide_again_cb (gpointer data)
{
  GtkWidget *widget = data;

  if (gtk_widget_get_mapped (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return G_SOURCE_REMOVE;
}

/* gtk_widget_map() marks the widget not hidden after its "map" handlers
 * have run (a stack page or a dialog coming back, an entry row's pencil
 * shown again): hide it once the mapping is done. */
static void
mapped_cb (GtkWidget *widget,
           gpointer   user_data)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, hide_again_cb, g_object_ref (widget), g_object_unref);
}

void
cp_ui_set_decorative (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, mapped_cb, NULL) == 0)
    g_signal_connect (widget, "map", G_CALLBACK (mapped_cb), NULL);
}

static const char *
window_title (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    return gtk_window_get_title (GTK_WINDOW (root));
  return NULL;
}

static const char *
icon_button_name (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);
  const char *icon = NULL;

  if (tooltip != NULL && tooltip[0] != '\0')
    return tooltip;

  if (GTK_IS_BUTTON (button))
    icon = gtk_button_get_icon_name (GTK_BUTTON (button));
  if (icon == NULL && GTK_IS_IMAGE (gtk_widget_get_first_child (button)))
    icon = gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (button)));
  if (g_strcmp0 (icon, "go-previous-symbolic") == 0)
    return _("Back");
  if (g_strcmp0 (icon, "edit-find-symbolic") == 0)
    return _("Search");
  if (g_strcmp0 (icon, "window-close-symbolic") == 0)
    return _("Close");
  return NULL;
}

static void
fix_one (GtkWidget *widget,
         gboolean   library)
{
  gboolean explicit_name = g_object_get_data (G_OBJECT (widget), EXPLICIT_NAME_KEY) != NULL;

  if (GTK_IS_IMAGE (widget))
    {
      /* Every image here sits beside words that say the same, or inside a
       * button that has its own name. */
      if (!explicit_name)
        cp_ui_set_decorative (widget);
      return;
    }

  if (GTK_IS_SCROLLED_WINDOW (widget) && !explicit_name)
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);
      GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));
      const char *title = NULL;

      if (GTK_IS_VIEWPORT (child))
        child = gtk_viewport_get_child (GTK_VIEWPORT (child));
      /* A scrolled window takes focus (to scroll with the keyboard) and was
       * heard as nothing at all: name it after the page it scrolls, when
       * that page has a title (AdwStatusPage has a scrolled window inside). */
      if (ADW_IS_STATUS_PAGE (parent))
        title = adw_status_page_get_title (ADW_STATUS_PAGE (parent));
      else if (ADW_IS_STATUS_PAGE (child))
        title = adw_status_page_get_title (ADW_STATUS_PAGE (child));
      else if (ADW_IS_PREFERENCES_PAGE (parent))
        title = adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (parent));
      if ((title == NULL || title[0] == '\0') && library)
        title = window_title (widget);
      if (title != NULL && title[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        title, -1);
      return;
    }

  if (GTK_IS_LIST_BOX (widget) && !explicit_name)
    {
      GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
      const char *title = NULL;

      /* A boxed list is focusable. Under a group heading, libadwaita makes
       * the heading its labelled-by; without one it was announced
       * "GtkListBox": name it after the window it is in. */
      if (group != NULL)
        title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
      if (title != NULL && title[0] != '\0')
        return;
      title = window_title (widget);
      if (title != NULL && title[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        title, -1);
      return;
    }

  if (library && GTK_IS_SEARCH_ENTRY (widget) && !explicit_name)
    {
      g_autofree char *placeholder = NULL;

      /* GTK 4.8's search entry (in the shortcuts window) was announced
       * "GtkSearchEntry". */
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      placeholder != NULL && placeholder[0] != '\0'
                                        ? placeholder : _("Search"), -1);
      return;
    }

  if (!GTK_IS_BUTTON (widget) || explicit_name)
    return;

  if (gtk_button_get_use_underline (GTK_BUTTON (widget)) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      /* GTK 4.8 sets the button's label property to the raw text with its
       * underscore ("_Delete") and also makes the mnemonic label its
       * labelled-by: the name came out "_Delete Delete" (and "Cancel Cancel"
       * where a .ui set a label too). The label child alone reads right. */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  if (library && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
      const char *name = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child))
                                              : icon_button_name (widget);

      /* libadwaita 1.2 and GTK 4.8 give some of their own buttons only a
       * tooltip or a label child (the about window's version), which GTK
       * 4.8 does not read out: they were announced "GtkImage", "GtkButton". */
      if (name != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
    }
}

static void
fix_tree (GtkWidget *root,
          gboolean   library)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, root);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      fix_one (widget, library);
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
}

/**
 * cp_ui_fix_accessible_names:
 * @root: a widget built from one of our templates (or a row built in C)
 *
 * Works around what GTK 4.8 announces wrongly in widgets of ours: buttons
 * with a mnemonic (named "_Retry Retry") and decorative images (announced
 * "GtkImage"). Widgets named with cp_ui_set_accessible_name() are left alone.
 */
void
cp_ui_fix_accessible_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_tree (root, FALSE);
}

/**
 * cp_ui_fix_library_names:
 * @root: a window or widget that libadwaita or GTK built (a message dialog,
 *   the about window, the shortcuts window, a password row)
 *
 * Like cp_ui_fix_accessible_names(), and names the library's icon-only
 * buttons after their tooltip or icon.
 */
void
cp_ui_fix_library_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_tree (root, TRUE);
}

static gboolean
window_shown_hook (GSignalInvocationHint *hint,
                   guint                  n_params,
                   const GValue          *params,
                   gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_SHORTCUTS_WINDOW (object) || ADW_IS_ABOUT_WINDOW (object)
      || ADW_IS_MESSAGE_DIALOG (object))
    cp_ui_fix_library_names (GTK_WIDGET (object));
  return TRUE;
}

/**
 * cp_ui_install_library_name_fixes:
 *
 * The windows libadwaita and GTK build whole (the shortcuts window GTK loads
 * from the resource, the about window, message dialogs) are not ours to
 * name widget by widget: each time one of them is shown, its mnemonic
 * buttons, icon-only buttons and images get the fixes of
 * cp_ui_fix_library_names(). Call once, at startup.
 */
void
cp_ui_install_library_name_fixes (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* Signals exist once the class does; no widget may have been made yet. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("show", GTK_TYPE_WIDGET), 0,
                                  window_shown_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
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
  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));

  fix_tree (GTK_WIDGET (row), TRUE);
}

/**
 * cp_ui_fit_dialog:
 * @dialog: a dialog, with its transient parent set
 *
 * Opens @dialog no wider than the window it belongs to: a dialog's default
 * width suits a desktop window, and on a phone-sized one (360 px) it hung
 * over the edges.
 */
void
cp_ui_fit_dialog (GtkWindow *dialog)
{
  GtkWindow *parent;
  int parent_width;
  int width;
  int height;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  parent = gtk_window_get_transient_for (dialog);
  if (parent == NULL)
    return;
  parent_width = gtk_widget_get_width (GTK_WIDGET (parent));
  gtk_window_get_default_size (dialog, &width, &height);
  if (parent_width > 0 && (width <= 0 || parent_width < width))
    gtk_window_set_default_size (dialog, parent_width, height);
}

/* A run of this many characters without a space is no word of a
 * language but a string sent to break the layout. */
#define LONG_WORD_CHARS 40
/* Natural widths stop here: a label asks for no more than this many
 * characters' width, however long its text (it wraps within what it gets). */
#define SERVER_TEXT_WIDTH_CHARS 60

static gboolean
has_long_word (const char *text)
{
  guint run = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        run = 0;
      else if (++run > LONG_WORD_CHARS)
        return TRUE;
    }
  return FALSE;
}

static void
wrap_label_words (GtkLabel *label)
{
  /* Between words, so that "Mastercard" never becomes "Masterca-rd" on a
   * narrow window; inside a word only when one is longer than any word,
   * so that 60,000 characters without a space wrap instead of setting the
   * window's width. */
  gtk_label_set_wrap_mode (label, has_long_word (gtk_label_get_text (label))
                                  ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (label, SERVER_TEXT_WIDTH_CHARS);
}

/**
 * cp_ui_wrap_row_words:
 * @row: an action row
 *
 * libadwaita 1.2 wraps an action row's title and subtitle anywhere inside a
 * word ("Masterca-rd" on a narrow window) and has no setting for it: wraps
 * them between words instead, so a row is never narrower than its longest
 * word. A "word" longer than any real one (text from the server, which may
 * be hostile) still wraps by character, and no label asks for more than
 * about 60 characters' width. Call it again after changing the row's
 * texts. Rows showing text from the server also set #AdwActionRow:title-lines
 * and #AdwActionRow:subtitle-lines, so that their height stays bounded.
 */
void
cp_ui_wrap_row_words (AdwActionRow *row)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  g_ptr_array_add (todo, row);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_LABEL (widget)
          && (gtk_widget_has_css_class (widget, "title")
              || gtk_widget_has_css_class (widget, "subtitle")))
        {
          wrap_label_words (GTK_LABEL (widget));
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
}

/**
 * cp_ui_set_server_text:
 * @label: a label
 * @text: (nullable): text from the server, which may be of any length
 *
 * Shows @text in @label on at most @lines lines, ellipsized after them,
 * wrapped between words (inside an overlong one): a name of 60,000
 * characters takes @lines lines of the width the label gets, never the
 * window's width or height.
 */
void
cp_ui_set_server_text (GtkLabel   *label,
                       const char *text,
                       int         lines)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (lines >= 1);

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (label, lines);
  wrap_label_words (label);
}

/**
 * cp_ui_dup_bounded:
 * @text: (nullable): text from the server, which may be of any length
 * @max_chars: how many characters at most
 *
 * For a sentence built of several texts from the server (an invoice number
 * and a reason): each cut to @max_chars, with "…", so that the sentence
 * stays a sentence and GTK 4.8 can measure it (two "words" of 60,000
 * characters in one wrapping, ellipsized label make it report a height it
 * does not keep).
 *
 * Returns: (transfer full): @text, or its start and "…"
 */
char *
cp_ui_dup_bounded (const char *text,
                   guint       max_chars)
{
  g_autofree char *start = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= (glong) max_chars)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, max_chars);
  return g_strconcat (start, "…", NULL);
}

/**
 * cp_ui_wrap_button_label:
 * @button: a button with a text label
 *
 * Lets @button's label wrap between words, so that two buttons side by side
 * fit a narrow window instead of setting its minimum width.
 */
void
cp_ui_wrap_button_label (GtkButton *button)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  label = gtk_button_get_child (button);
  if (!GTK_IS_LABEL (label))
    return;
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  /* On one line wherever there is room: the natural size does not wrap. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}
