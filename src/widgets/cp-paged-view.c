/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-paged-view.h"
#include "cp-ui-util.h"

/*
 * A CpPagedList on screen, the one way every paged list of the app shows
 * its states: a spinner while the first page loads, the list (the
 * "content": a scrolled GtkListView, a GtkListBox…), a status page when
 * there is nothing, and one when the first page failed, with Try Again.
 * Below the list a footer says a next page is loading, why it failed
 * (Try Again), or offers Show More.
 *
 * With scroll-to-load the next page is fetched as the scrolled window that
 * is the content nears its end, instead of Show More, so that 100,000
 * items cost no more than the rows on screen; a list that is not on
 * screen loads nothing more. The view stops its model's
 * request when it leaves the window, so a late page touches nothing.
 */
struct _CpPagedView
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwBin *content_bin;
  GtkRevealer *footer_revealer;
  GtkSpinner *footer_spinner;
  GtkLabel *footer_label;
  GtkButton *footer_button;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;

  /* Owned */
  CpPagedList *model;
  GtkAdjustment *vadjustment;
  char *loading_text;
  char *more_text;
  char *more_label;
  guint check_id;
  gboolean scroll_to_load;
  gboolean loading_shown;   /* the spinners' state, applied while mapped */
  gboolean footer_loading;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CONTENT,
  PROP_SCROLL_TO_LOAD,
  PROP_LOADING_TEXT,
  PROP_MORE_TEXT,
  PROP_MORE_LABEL,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_ERROR_TITLE,
  PROP_COMPACT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CpPagedView, cp_paged_view, ADW_TYPE_BIN)

/* How close to the end (in screens) the next page starts loading. */
#define PREFETCH_SCREENS 3.0

static gboolean
can_load_more (CpPagedView *self)
{
  return self->model != NULL
         && cp_paged_list_get_has_more (self->model)
         && !cp_paged_list_get_loading (self->model)
         && cp_paged_list_get_error (self->model) == NULL
         && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0;
}

static void
maybe_load_more (CpPagedView *self)
{
  double page, left;

  if (!self->scroll_to_load || self->vadjustment == NULL || !can_load_more (self))
    return;
  /* Unmapped (a page of a stack not shown, a window not yet mapped), the
   * adjustment is 0 of 0 and would always look near its end: a hidden
   * list would then fetch page after page until it had everything. Only
   * a list on screen, with a size, is really near its end. */
  if (!gtk_widget_get_mapped (cp_paged_view_get_content (self)))
    return;

  page = gtk_adjustment_get_page_size (self->vadjustment);
  if (page <= 0)
    return;
  left = gtk_adjustment_get_upper (self->vadjustment)
         - (gtk_adjustment_get_value (self->vadjustment) + page);
  if (left < MAX (page, 200.0) * PREFETCH_SCREENS)
    cp_paged_list_load_more (self->model);
}

static gboolean
check_cb (gpointer user_data)
{
  CpPagedView *self = user_data;

  self->check_id = 0;
  maybe_load_more (self);
  return G_SOURCE_REMOVE;
}

/* After a page arrives the list needs a layout before we know whether it
 * fills the screen: look again once the frame is done. */
static void
queue_check (CpPagedView *self)
{
  if (self->scroll_to_load && self->check_id == 0)
    self->check_id = g_timeout_add (50, check_cb, self);
}

/* A spinning GtkSpinner animates its style at every frame, shown or not:
 * a hidden page's spinner kept the window from ever going idle (20-30 ms
 * of CPU a second on Overview). They spin only while the view is mapped. */
static void
update_spinners (CpPagedView *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));

  gtk_spinner_set_spinning (self->spinner, mapped && self->loading_shown);
  gtk_spinner_set_spinning (self->footer_spinner, mapped && self->footer_loading);
}

static void
set_footer (CpPagedView *self,
            gboolean     spinning,
            const char  *text,
            const char  *button_label,
            const char  *button_action)
{
  gtk_widget_set_visible (GTK_WIDGET (self->footer_spinner), spinning);
  self->footer_loading = spinning;
  update_spinners (self);
  gtk_label_set_text (self->footer_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->footer_label), text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->footer_button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->footer_button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->footer_button), button_action);
    }
  gtk_revealer_set_reveal_child (self->footer_revealer,
                                 spinning || text != NULL || button_label != NULL);
}

static void
update (CpPagedView *self)
{
  const char *before = gtk_stack_get_visible_child_name (self->stack);
  const char *state;
  const GError *error = NULL;
  gboolean loading = FALSE;
  guint n = 0;

  if (self->model != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      loading = cp_paged_list_get_loading (self->model);
      error = cp_paged_list_get_error (self->model);
    }

  if (n > 0)
    state = "list";
  else if (error != NULL && !loading)
    state = "error";
  else if (self->model == NULL || loading || cp_paged_list_get_has_more (self->model))
    state = "loading";
  else
    state = "empty";

  if (g_str_equal (state, "error"))
    {
      g_autofree char *message = cp_ui_error_message (error);

      adw_status_page_set_description (self->error_page, message);
    }
  self->loading_shown = g_str_equal (state, "loading");
  update_spinners (self);

  if (loading)
    set_footer (self, TRUE, self->more_text, NULL, NULL);
  else if (error != NULL)
    {
      g_autofree char *message = cp_ui_error_message (error);

      set_footer (self, FALSE, message, _("Try Again"), "paged.load-more");
    }
  else if (!self->scroll_to_load && n > 0 && cp_paged_list_get_has_more (self->model))
    set_footer (self, FALSE, NULL, self->more_label != NULL ? self->more_label : _("Show More"),
                "paged.load-more");
  else
    set_footer (self, FALSE, NULL, NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "paged.load-more", can_load_more (self)
                                 || (error != NULL && !loading));

  gtk_stack_set_visible_child_name (self->stack, state);
  if (g_strcmp0 (before, state) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  if (!loading)
    queue_check (self);
}

static void
model_changed_cb (CpPagedView *self)
{
  update (self);
}

static void
adjustment_changed_cb (CpPagedView *self)
{
  maybe_load_more (self);
}

static void
set_vadjustment (CpPagedView   *self,
                 GtkAdjustment *adjustment)
{
  if (self->vadjustment == adjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adjustment);
  if (self->vadjustment != NULL)
    {
      g_signal_connect_swapped (self->vadjustment, "value-changed",
                                G_CALLBACK (adjustment_changed_cb), self);
      g_signal_connect_swapped (self->vadjustment, "changed",
                                G_CALLBACK (adjustment_changed_cb), self);
    }
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpPagedView *self = CP_PAGED_VIEW (widget);

  if (self->model != NULL)
    cp_paged_list_refresh (self->model);
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpPagedView *self = CP_PAGED_VIEW (widget);

  if (self->model != NULL)
    cp_paged_list_load_more (self->model);
}

/* Shown again: the list may have been left near its end. */
static void
cp_paged_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cp_paged_view_parent_class)->map (widget);

  update_spinners (CP_PAGED_VIEW (widget));
  queue_check (CP_PAGED_VIEW (widget));
}

static void
cp_paged_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cp_paged_view_parent_class)->unmap (widget);

  update_spinners (CP_PAGED_VIEW (widget));
}

/* Leaving the window: the page on its way must find nothing to touch. */
static void
cp_paged_view_unroot (GtkWidget *widget)
{
  CpPagedView *self = CP_PAGED_VIEW (widget);

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->model != NULL)
    cp_paged_list_cancel (self->model);

  GTK_WIDGET_CLASS (cp_paged_view_parent_class)->unroot (widget);
}

static void
set_status_property (AdwStatusPage *page,
                     guint          prop_id,
                     const GValue  *value)
{
  switch (prop_id)
    {
    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (page, g_value_get_string (value));
      break;
    case PROP_EMPTY_TITLE:
    case PROP_ERROR_TITLE:
      adw_status_page_set_title (page, g_value_get_string (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (page, g_value_get_string (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
cp_paged_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpPagedView *self = CP_PAGED_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, cp_paged_view_get_content (self));
      break;
    case PROP_SCROLL_TO_LOAD:
      g_value_set_boolean (value, self->scroll_to_load);
      break;
    case PROP_LOADING_TEXT:
      g_value_set_string (value, self->loading_text);
      break;
    case PROP_MORE_TEXT:
      g_value_set_string (value, self->more_text);
      break;
    case PROP_MORE_LABEL:
      g_value_set_string (value, self->more_label);
      break;
    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;
    case PROP_ERROR_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->error_page));
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, gtk_widget_has_css_class (GTK_WIDGET (self->empty_page),
                                                            "compact"));
      break;
    case PROP_STATE:
      g_value_set_string (value, cp_paged_view_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_paged_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpPagedView *self = CP_PAGED_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      cp_paged_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_CONTENT:
      cp_paged_view_set_content (self, g_value_get_object (value));
      break;
    case PROP_SCROLL_TO_LOAD:
      self->scroll_to_load = g_value_get_boolean (value);
      update (self);
      break;
    case PROP_LOADING_TEXT:
      /* What a screen reader says of the spinner. */
      g_free (self->loading_text);
      self->loading_text = g_value_dup_string (value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->loading_text, -1);
      break;
    case PROP_MORE_TEXT:
      g_free (self->more_text);
      self->more_text = g_value_dup_string (value);
      update (self);
      break;
    case PROP_MORE_LABEL:
      g_free (self->more_label);
      self->more_label = g_value_dup_string (value);
      update (self);
      break;
    case PROP_EMPTY_ICON_NAME:
    case PROP_EMPTY_TITLE:
    case PROP_EMPTY_DESCRIPTION:
      set_status_property (self->empty_page, prop_id, value);
      break;
    case PROP_ERROR_TITLE:
      set_status_property (self->error_page, prop_id, value);
      break;
    case PROP_COMPACT:
      /* For a narrow place such as a sidebar. */
      if (g_value_get_boolean (value))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
          gtk_widget_add_css_class (GTK_WIDGET (self->error_page), "compact");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->empty_page), "compact");
          gtk_widget_remove_css_class (GTK_WIDGET (self->error_page), "compact");
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_paged_view_dispose (GObject *object)
{
  CpPagedView *self = CP_PAGED_VIEW (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  set_vadjustment (self, NULL);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_clear_object (&self->model);
    }

  /* No gtk_widget_dispose_template(): the bin's child is a template
   * child, and AdwBin unparents it itself. */

  G_OBJECT_CLASS (cp_paged_view_parent_class)->dispose (object);
}

static void
cp_paged_view_finalize (GObject *object)
{
  CpPagedView *self = CP_PAGED_VIEW (object);

  g_free (self->loading_text);
  g_free (self->more_text);
  g_free (self->more_label);

  G_OBJECT_CLASS (cp_paged_view_parent_class)->finalize (object);
}

static void
cp_paged_view_class_init (CpPagedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cp_paged_view_get_property;
  object_class->set_property = cp_paged_view_set_property;
  object_class->dispose = cp_paged_view_dispose;
  object_class->finalize = cp_paged_view_finalize;
  widget_class->unroot = cp_paged_view_unroot;
  widget_class->map = cp_paged_view_map;
  widget_class->unmap = cp_paged_view_unmap;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, CP_TYPE_PAGED_LIST, rw | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET, rw | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * CpPagedView:scroll-to-load:
   *
   * Fetch the next page as the content (a #GtkScrolledWindow) nears its
   * end, instead of offering Show More.
   */
  properties[PROP_SCROLL_TO_LOAD] =
    g_param_spec_boolean ("scroll-to-load", NULL, NULL, FALSE, rw);
  properties[PROP_LOADING_TEXT] =
    g_param_spec_string ("loading-text", NULL, NULL, NULL, rw);
  properties[PROP_MORE_TEXT] =
    g_param_spec_string ("more-text", NULL, NULL, NULL, rw);
  /**
   * CpPagedView:more-label:
   *
   * The Show More button's words, when a page has several lists
   * ("Show More Visits").
   */
  properties[PROP_MORE_LABEL] =
    g_param_spec_string ("more-label", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL, rw);
  properties[PROP_ERROR_TITLE] =
    g_param_spec_string ("error-title", NULL, NULL, NULL, rw);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE, rw);
  /**
   * CpPagedView:state:
   *
   * "loading", "list", "empty" or "error".
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "loading",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/widgets/cp-paged-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, stack);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, content_bin);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, footer_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, footer_label);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, footer_button);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CpPagedView, error_page);

  gtk_widget_class_install_action (widget_class, "paged.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "paged.load-more", NULL, load_more_action);
}

static void
cp_paged_view_init (CpPagedView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->footer_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading more"), -1);
  update (self);
}

GtkWidget *
cp_paged_view_new (void)
{
  return g_object_new (CP_TYPE_PAGED_VIEW, NULL);
}

/**
 * cp_paged_view_get_model:
 *
 * Returns: (transfer none) (nullable): the list shown
 */
CpPagedList *
cp_paged_view_get_model (CpPagedView *self)
{
  g_return_val_if_fail (CP_IS_PAGED_VIEW (self), NULL);

  return self->model;
}

/**
 * cp_paged_view_set_model:
 * @model: (nullable): the list to show; the view follows its pages but
 *   loads none by itself except the next one (Show More, scrolling)
 */
void
cp_paged_view_set_model (CpPagedView *self,
                         CpPagedList *model)
{
  g_return_if_fail (CP_IS_PAGED_VIEW (self));
  g_return_if_fail (model == NULL || CP_IS_PAGED_LIST (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (self->model != NULL)
    {
      static const char * const signals[] = {
        "items-changed", "notify::loading", "notify::has-more", "notify::error",
      };

      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        g_signal_connect_swapped (self->model, signals[i], G_CALLBACK (model_changed_cb), self);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * cp_paged_view_get_content:
 *
 * Returns: (transfer none) (nullable): the widget that shows the items
 */
GtkWidget *
cp_paged_view_get_content (CpPagedView *self)
{
  g_return_val_if_fail (CP_IS_PAGED_VIEW (self), NULL);

  return adw_bin_get_child (self->content_bin);
}

/**
 * cp_paged_view_set_content:
 * @content: (nullable): what shows the items: a #GtkScrolledWindow around a
 *   #GtkListView for scroll-to-load, or any widget bound to the model
 */
void
cp_paged_view_set_content (CpPagedView *self,
                           GtkWidget   *content)
{
  g_return_if_fail (CP_IS_PAGED_VIEW (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (cp_paged_view_get_content (self) == content)
    return;

  adw_bin_set_child (self->content_bin, content);
  set_vadjustment (self, GTK_IS_SCROLLED_WINDOW (content)
                         ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (content))
                         : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/**
 * cp_paged_view_get_state:
 *
 * Returns: "loading", "list", "empty" or "error"
 */
const char *
cp_paged_view_get_state (CpPagedView *self)
{
  g_return_val_if_fail (CP_IS_PAGED_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
