/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <string.h>

#include "cp-test-ui.h"
#include "cp-ui-driver.h"

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
 * Returns: (transfer none) (nullable): the first mapped toplevel of @type
 */
GtkWindow *
cp_ui_wait_window (GType type,
                   guint timeout_ms)
{
  WaitWindow wait = { type, NULL };

  if (!cp_test_ui_wait_for (wait_window_cb, &wait, timeout_ms))
    return NULL;
  return wait.found;
}

static gboolean
gone_cb (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) window = g_weak_ref_get (ref);

  return window == NULL || !gtk_widget_get_mapped (window);
}

gboolean
cp_ui_wait_gone (GtkWindow *window,
                 guint      timeout_ms)
{
  GWeakRef ref;
  gboolean gone;

  g_weak_ref_init (&ref, window);
  gone = cp_test_ui_wait_for (gone_cb, &ref, timeout_ms);
  g_weak_ref_clear (&ref);
  return gone;
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

/* Presses a button: it must be on screen and sensitive, as for a person. */
void
cp_ui_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  /* GtkButton emits "clicked" after a short press animation. */
  cp_test_ui_spin (150);
}

/* Enter in an entry row. */
void
cp_ui_press_enter (GtkWidget *row)
{
  GtkEditable *delegate;

  g_assert_true (GTK_IS_EDITABLE (row));
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  g_assert_true (GTK_IS_TEXT (delegate));
  gtk_widget_activate (GTK_WIDGET (delegate));
  cp_test_ui_spin (50);
}
