/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <string.h>

#include "cp-test-ui.h"
#include "cp-ui-driver.h"
#include "cp-window.h"

/* Visible here means what a person sees: the widget and all its ancestors
 * visible, and the widget on screen (child-visible in its stack). */
gboolean
cp_ui_is_showing (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find (GtkWidget     *root,
      Match          match,
      gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (match (child, data))
        return child;
      found = find (child, match, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_row (GtkWidget     *widget,
           gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
match_button (GtkWidget     *widget,
              gconstpointer  data)
{
  const char *label = NULL;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label == NULL)
    label = gtk_widget_get_tooltip_text (widget);
  if (label == NULL)
    return FALSE;
  if (g_strcmp0 (label, data) == 0)
    return TRUE;

  /* "_Retry" is what a person reads as "Retry". */
  {
    g_autoptr(GString) plain = g_string_new (label);

    g_string_replace (plain, "_", "", 0);
    return g_strcmp0 (plain->str, data) == 0;
  }
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (data));
}

GtkWidget *
cp_ui_find_row (GtkWidget  *root,
                const char *title)
{
  return find (root, match_row, title);
}

GtkWidget *
cp_ui_find_button (GtkWidget  *root,
                   const char *label)
{
  return find (root, match_button, label);
}

GtkWidget *
cp_ui_find_label (GtkWidget  *root,
                  const char *substring)
{
  return find (root, match_label, substring);
}

GtkWidget *
cp_ui_find_type (GtkWidget *root,
                 GType      type)
{
  return find (root, match_type, GSIZE_TO_POINTER (type));
}

typedef struct
{
  GtkWidget *root;
  const char *text;
  GtkWidget *(*finder) (GtkWidget *, const char *);
  GtkWidget *found;
} Wait;

static gboolean
wait_cb (gpointer data)
{
  Wait *wait = data;

  wait->found = wait->finder (wait->root, wait->text);
  return wait->found != NULL;
}

static GtkWidget *
wait_for (GtkWidget  *root,
          const char *text,
          GtkWidget *(*finder) (GtkWidget *, const char *),
          guint       timeout_ms)
{
  Wait wait = { root, text, finder, NULL };

  if (!cp_test_ui_wait_for (wait_cb, &wait, timeout_ms))
    return NULL;
  return wait.found;
}

GtkWidget *
cp_ui_wait_button (GtkWidget  *root,
                   const char *label,
                   guint       timeout_ms)
{
  return wait_for (root, label, cp_ui_find_button, timeout_ms);
}

GtkWidget *
cp_ui_wait_row (GtkWidget  *root,
                const char *title,
                guint       timeout_ms)
{
  return wait_for (root, title, cp_ui_find_row, timeout_ms);
}

GtkWidget *
cp_ui_wait_label (GtkWidget  *root,
                  const char *substring,
                  guint       timeout_ms)
{
  return wait_for (root, substring, cp_ui_find_label, timeout_ms);
}

typedef struct
{
  GType type;
  GtkWindow *found;
} WaitWindow;

static gboolean
wait_window_cb (gpointer data)
{
  WaitWindow *wait = data;
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), wait->type)
          && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          wait->found = window;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * cp_ui_wait_window:
 *
 * Returns: (transfer full) (nullable): the first mapped toplevel of @type,
 *   with a reference, so that it can be watched closing
 */
GtkWindow *
cp_ui_wait_window (GType type,
                   guint timeout_ms)
{
  WaitWindow wait = { type, NULL };

  if (!cp_test_ui_wait_for (wait_window_cb, &wait, timeout_ms))
    return NULL;
  return g_object_ref (wait.found);
}

static gboolean
gone_cb (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* @window: one that cp_ui_wait_window() gave, still referenced */
gboolean
cp_ui_wait_gone (GtkWindow *window,
                 guint      timeout_ms)
{
  return cp_test_ui_wait_for (gone_cb, window, timeout_ms);
}

/* Types into the entry row titled @row_title, replacing what it held, the
 * way GTK's own input would: through the GtkEditable interface. */
void
cp_ui_type (GtkWidget  *root,
            const char *row_title,
            const char *text)
{
  GtkWidget *row = cp_ui_wait_row (root, row_title, 5000);
  int position = 0;

  if (row == NULL)
    g_error ("no row titled “%s” is showing", row_title);
  g_assert_true (GTK_IS_EDITABLE (row));
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_widget_grab_focus (row);
  gtk_editable_delete_text (GTK_EDITABLE (row), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (row), text, -1, &position);
}

/* The GtkText that takes the keys of an entry row. */
static GtkText *
text_of (GtkWidget *row)
{
  GtkEditable *editable = GTK_EDITABLE (row);

  while (!GTK_IS_TEXT (editable))
    editable = gtk_editable_get_delegate (editable);
  return GTK_TEXT (editable);
}

/* Types @keys into the row titled @row_title one key at a time, through
 * the same GtkText code a key press runs (its keybinding signals), with
 * the main loop turning between keys. The caret stays where the previous
 * key left it, as for a person. Besides characters, @keys may hold "\b"
 * (Backspace), "\x7f" (Delete), "\x02" (Left) and "\x06" (Right). */
void
cp_ui_type_keys (GtkWidget  *root,
                 const char *row_title,
                 const char *keys)
{
  GtkWidget *row = cp_ui_wait_row (root, row_title, 5000);
  GtkText *text;

  if (row == NULL)
    g_error ("no row titled “%s” is showing", row_title);
  g_assert_true (gtk_widget_is_sensitive (row));
  text = text_of (row);
  /* Focusing selects the whole text; a person who is already typing
   * there does not focus again. */
  if (!gtk_widget_has_focus (GTK_WIDGET (text)))
    gtk_widget_grab_focus (row);

  for (const char *p = keys; *p != '\0'; p = g_utf8_next_char (p))
    {
      switch (*p)
        {
        case '\b':
          g_signal_emit_by_name (text, "backspace");
          break;
        case '\x7f':
          g_signal_emit_by_name (text, "delete-from-cursor", GTK_DELETE_CHARS, 1);
          break;
        case '\x02':
        case '\x06':
          g_signal_emit_by_name (text, "move-cursor", GTK_MOVEMENT_VISUAL_POSITIONS,
                                 *p == '\x02' ? -1 : 1, FALSE);
          break;
        default:
          {
            char key[8] = { 0 };

            g_unichar_to_utf8 (g_utf8_get_char (p), key);
            /* Typing over a selection replaces it. */
            gtk_editable_delete_selection (GTK_EDITABLE (text));
            g_signal_emit_by_name (text, "insert-at-cursor", key);
          }
        }
      cp_test_ui_spin (1);
    }
}

/* Presses a button: it must be on screen and sensitive, as for a person. */
void
cp_ui_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  /* GtkButton emits "clicked" after its 250 ms press animation. */
  cp_test_ui_spin (300);
}

/* Enter in an entry row. */
void
cp_ui_press_enter (GtkWidget *row)
{
  GtkEditable *delegate;

  g_assert_true (GTK_IS_EDITABLE (row));
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  g_assert_true (GTK_IS_TEXT (delegate));
  /* What GtkText's Enter key binding emits. */
  g_signal_emit_by_name (delegate, "activate");
  cp_test_ui_spin (50);
}

/* An application as `customer-portal --server URL` would make it; not
 * unique, so that two test programs can run side by side on one bus. */
CpApplication *
cp_ui_app_new (CpTestServer *server)
{
  CpApplication *app = cp_application_new ();
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  settings = cp_application_get_settings (app);
  g_settings_set_string (settings, "server-url", cp_test_server_get_url (server));
  return app;
}

CpWindow *
cp_ui_open_window (CpApplication *app)
{
  CpWindow *window = cp_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef struct
{
  CpWindow *window;
  const char *page;
} WaitPage;

static gboolean
page_cb (gpointer data)
{
  WaitPage *wait = data;

  return gtk_widget_get_mapped (GTK_WIDGET (wait->window))
         && g_strcmp0 (cp_window_get_page_name (wait->window), wait->page) == 0;
}

gboolean
cp_ui_wait_page (CpWindow   *window,
                 const char *page,
                 guint       timeout_ms)
{
  WaitPage wait = { window, page };

  if (!cp_test_ui_wait_for (page_cb, &wait, timeout_ms))
    return FALSE;
  /* Let the crossfade end: until then both pages are on screen. */
  cp_test_ui_spin (300);
  return TRUE;
}

static gboolean
customer_loaded_cb (gpointer data)
{
  CpWindow *window = data;
  GtkWidget *view = cp_window_get_account_view (window);

  return CP_IS_CUSTOMER_VIEW (view) && cp_customer_view_get_loaded (CP_CUSTOMER_VIEW (view))
         && gtk_widget_get_mapped (view);
}

/**
 * cp_ui_wait_customer:
 *
 * Returns: (transfer none): the customer view, once it loaded
 */
CpCustomerView *
cp_ui_wait_customer (CpWindow *window,
                     guint     timeout_ms)
{
  if (!cp_test_ui_wait_for (customer_loaded_cb, window, timeout_ms))
    g_error ("the customer view did not come (page %s)", cp_window_get_page_name (window));
  return CP_CUSTOMER_VIEW (cp_window_get_account_view (window));
}

/* Types email and password on the login page and presses Enter in the
 * password field, as a person would. */
void
cp_ui_login (CpWindow   *window,
             const char *email,
             const char *password)
{
  GtkWidget *root = GTK_WIDGET (window);

  g_assert_true (cp_ui_wait_page (window, "login", 10000));
  cp_ui_type (root, "Email", email);
  cp_ui_type (root, "Password", password);
  cp_ui_press_enter (cp_ui_find_row (root, "Password"));
}

void
cp_ui_select_page (CpCustomerView *view,
                   const char     *name)
{
  AdwViewStack *stack = cp_customer_view_get_stack (view);

  adw_view_stack_set_visible_child_name (stack, name);
  cp_test_ui_spin (50);
}

GtkWidget *
cp_ui_page (CpCustomerView *view,
            const char     *name)
{
  return adw_view_stack_get_child_by_name (cp_customer_view_get_stack (view), name);
}

/* A screenshot under $CP_SCREENSHOT_DIR/NAME.png, once crossfades and the
 * view switcher's squeezer (200 ms each) finished, so that the picture
 * shows what a person sees once it settled. */
void
cp_ui_shot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = NULL;

  cp_test_ui_spin (450);
  path = cp_test_ui_screenshot (widget, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

void
cp_ui_close_window (CpWindow *window)
{
  GWeakRef ref;

  g_weak_ref_init (&ref, window);
  gtk_window_close (GTK_WINDOW (window));
  cp_test_ui_spin (50);
  {
    g_autoptr(GtkWidget) still = g_weak_ref_get (&ref);

    if (still != NULL)
      gtk_window_destroy (GTK_WINDOW (still));
  }

  g_weak_ref_clear (&ref);
}

/* For calls the test makes itself: keeps the result in *user_data. */
void
cp_ui_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
cp_ui_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
}
