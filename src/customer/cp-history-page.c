/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-history-page.h"
#include "cp-ui-util.h"

/*
 * Service history: a GtkListView over a CpPagedList, which fetches the next
 * page as the user scrolls near the end, so that 100,000 visits cost no
 * more than the rows on screen. Empty and error states are status pages;
 * a failed next page shows Retry at the bottom instead of looping.
 */
struct _CpHistoryPage
{
  AdwBin parent_instance;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkScrolledWindow *scrolled_window;
  GtkListView *list_view;
  GtkRevealer *more_revealer;
  GtkSpinner *more_spinner;
  GtkLabel *more_label;
  GtkButton *more_retry_button;
  AdwStatusPage *error_status;

  /* Owned */
  CpClient *client;
  char *customer_id;
  CpPagedList *visits;
  guint check_idle_id;
};

G_DEFINE_FINAL_TYPE (CpHistoryPage, cp_history_page, ADW_TYPE_BIN)

/* How close to the end (in screens) the next page starts loading. */
#define PREFETCH_SCREENS 3.0

static gboolean
near_end (CpHistoryPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double page = gtk_adjustment_get_page_size (adjustment);
  double left = gtk_adjustment_get_upper (adjustment)
                - (gtk_adjustment_get_value (adjustment) + page);

  return left < MAX (page, 200.0) * PREFETCH_SCREENS;
}

static void
maybe_load_more (CpHistoryPage *self)
{
  if (self->visits == NULL
      || !cp_paged_list_get_has_more (self->visits)
      || cp_paged_list_get_loading (self->visits)
      || cp_paged_list_get_error (self->visits) != NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->visits)) == 0)
    return;

  if (near_end (self))
    cp_paged_list_load_more (self->visits);
}

static gboolean
check_idle_cb (gpointer user_data)
{
  CpHistoryPage *self = user_data;

  self->check_idle_id = 0;
  maybe_load_more (self);
  return G_SOURCE_REMOVE;
}

/* After a page arrives the view needs a layout before we know whether it
 * fills the screen; check once the frame is done. */
static void
queue_check (CpHistoryPage *self)
{
  if (self->check_idle_id == 0)
    self->check_idle_id = g_timeout_add (50, check_idle_cb, self);
}

static void
update_state (CpHistoryPage *self)
{
  guint n;
  gboolean loading;
  const GError *error;

  if (self->visits == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->visits));
  loading = cp_paged_list_get_loading (self->visits);
  error = cp_paged_list_get_error (self->visits);

  if (n == 0)
    {
      const char *page;

      if (error != NULL && !loading)
        {
          g_autofree char *message = cp_ui_error_message (error);

          adw_status_page_set_description (self->error_status, message);
          page = "error";
        }
      else if (loading || cp_paged_list_get_has_more (self->visits))
        page = "loading";
      else
        page = "empty";

      gtk_stack_set_visible_child_name (self->stack, page);
      gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
      gtk_revealer_set_reveal_child (self->more_revealer, FALSE);
      return;
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "list");

  gtk_spinner_set_spinning (self->more_spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->more_spinner), loading);
  gtk_widget_set_visible (GTK_WIDGET (self->more_retry_button), error != NULL && !loading);
  if (error != NULL && !loading)
    {
      g_autofree char *message = cp_ui_error_message (error);

      gtk_label_set_text (self->more_label, message);
    }
  else
    gtk_label_set_text (self->more_label, _("Loading more visits…"));
  gtk_revealer_set_reveal_child (self->more_revealer, loading || error != NULL);

  if (!loading)
    queue_check (self);
}

static void
scrolled_cb (CpHistoryPage *self)
{
  maybe_load_more (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *job_type = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 9);
  gtk_widget_set_margin_bottom (row, 9);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_hexpand (left, TRUE);

  gtk_label_set_xalign (GTK_LABEL (job_type), 0);
  gtk_widget_add_css_class (job_type, "heading");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_lines (GTK_LABEL (summary), 2);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_label_set_xalign (GTK_LABEL (date), 1);
  gtk_widget_add_css_class (date, "numeric");
  gtk_widget_set_halign (status, GTK_ALIGN_END);
  gtk_widget_add_css_class (status, "badge");

  gtk_box_append (GTK_BOX (left), job_type);
  gtk_box_append (GTK_BOX (left), summary);
  gtk_box_append (GTK_BOX (left), meta);
  gtk_box_append (GTK_BOX (right), date);
  gtk_box_append (GTK_BOX (right), status);
  gtk_box_append (GTK_BOX (row), left);
  gtk_box_append (GTK_BOX (row), right);

  g_object_set_data (G_OBJECT (row), "job-type", job_type);
  g_object_set_data (G_OBJECT (row), "summary", summary);
  g_object_set_data (G_OBJECT (row), "meta", meta);
  g_object_set_data (G_OBJECT (row), "date", date);
  g_object_set_data (G_OBJECT (row), "status", status);

  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static const char *
status_display (const char *status)
{
  if (g_strcmp0 (status, "completed") == 0)
    return _("Completed");
  if (g_strcmp0 (status, "scheduled") == 0)
    return _("Scheduled");
  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "canceled") == 0)
    return _("Cancelled");
  if (g_strcmp0 (status, "in_progress") == 0)
    return _("In Progress");
  return status != NULL ? status : "";
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CpVisit *visit = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *status = g_object_get_data (G_OBJECT (row), "status");
  const char *status_text = status_display (cp_visit_get_status (visit));
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: a job number, then the technician's name. */
  meta = g_strdup_printf (_("%s · %s"), cp_visit_get_job_number (visit),
                          cp_visit_get_technician (visit));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "job-type"),
                      cp_visit_get_job_type (visit));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "summary"), cp_visit_get_summary (visit));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "meta"), meta);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "date"), cp_visit_get_date_text (visit));
  gtk_label_set_text (GTK_LABEL (status), status_text);

  gtk_widget_remove_css_class (status, "success");
  gtk_widget_remove_css_class (status, "accent");
  if (g_strcmp0 (cp_visit_get_status (visit), "completed") == 0)
    gtk_widget_add_css_class (status, "success");
  else if (g_strcmp0 (cp_visit_get_status (visit), "scheduled") == 0)
    gtk_widget_add_css_class (status, "accent");

  /* Translators: date, job type, summary, technician, status of a visit. */
  accessible = g_strdup_printf (_("%s, %s: %s Technician %s, %s"), cp_visit_get_date_text (visit),
                                cp_visit_get_job_type (visit), cp_visit_get_summary (visit),
                                cp_visit_get_technician (visit), status_text);
  cp_ui_name_list_item (item, accessible);
}

/**
 * cp_history_page_refresh:
 *
 * Starts over from the newest visits.
 */
void
cp_history_page_refresh (CpHistoryPage *self)
{
  g_return_if_fail (CP_IS_HISTORY_PAGE (self));

  if (self->visits == NULL)
    return;

  cp_paged_list_refresh (self->visits);
  update_state (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cp_history_page_refresh (CP_HISTORY_PAGE (widget));
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpHistoryPage *self = CP_HISTORY_PAGE (widget);

  if (self->visits != NULL)
    cp_paged_list_load_more (self->visits);
}

/* Leaving the window (logout, session expiry): replies still on their way
 * must find nothing to touch. */
static void
cp_history_page_unroot (GtkWidget *widget)
{
  CpHistoryPage *self = CP_HISTORY_PAGE (widget);

  g_clear_handle_id (&self->check_idle_id, g_source_remove);
  if (self->visits != NULL)
    cp_paged_list_cancel (self->visits);

  GTK_WIDGET_CLASS (cp_history_page_parent_class)->unroot (widget);
}

static void
cp_history_page_dispose (GObject *object)
{
  CpHistoryPage *self = CP_HISTORY_PAGE (object);

  g_clear_handle_id (&self->check_idle_id, g_source_remove);
  if (self->visits != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->visits, self);
      cp_paged_list_cancel (self->visits);
    }
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  /* No gtk_widget_dispose_template(): the bin's child is a template
   * child, and AdwBin unparents it itself. */

  g_clear_object (&self->visits);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_history_page_parent_class)->dispose (object);
}

static void
cp_history_page_finalize (GObject *object)
{
  CpHistoryPage *self = CP_HISTORY_PAGE (object);

  g_free (self->customer_id);

  G_OBJECT_CLASS (cp_history_page_parent_class)->finalize (object);
}

static void
cp_history_page_class_init (CpHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_history_page_dispose;
  widget_class->unroot = cp_history_page_unroot;
  object_class->finalize = cp_history_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, more_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, more_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, more_retry_button);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, error_status);

  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "history.load-more", NULL, load_more_action);
}

static void
cp_history_page_init (CpHistoryPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
  cp_ui_set_accessible_name (GTK_WIDGET (self->more_retry_button), _("Retry loading more visits"));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
}

void
cp_history_page_setup (CpHistoryPage *self,
                       CpClient      *client,
                       const char    *customer_id)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (CP_IS_HISTORY_PAGE (self));
  g_return_if_fail (CP_IS_CLIENT (client));
  g_return_if_fail (customer_id != NULL);

  g_set_object (&self->client, client);
  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);

  if (self->visits != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->visits, self);
      cp_paged_list_cancel (self->visits);
      g_clear_object (&self->visits);
    }
  self->visits = cp_paged_list_new_service_history (client, customer_id);
  g_signal_connect_swapped (self->visits, "items-changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->visits, "notify::loading", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->visits, "notify::error", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->visits, "notify::has-more", G_CALLBACK (update_state), self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->visits)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

/**
 * cp_history_page_get_model:
 *
 * Returns: (transfer none) (nullable): the visits loaded so far
 */
CpPagedList *
cp_history_page_get_model (CpHistoryPage *self)
{
  g_return_val_if_fail (CP_IS_HISTORY_PAGE (self), NULL);

  return self->visits;
}

GtkListView *
cp_history_page_get_view (CpHistoryPage *self)
{
  g_return_val_if_fail (CP_IS_HISTORY_PAGE (self), NULL);

  return self->list_view;
}

/**
 * cp_history_page_get_state:
 *
 * Returns: "loading", "list", "empty" or "error"
 */
const char *
cp_history_page_get_state (CpHistoryPage *self)
{
  g_return_val_if_fail (CP_IS_HISTORY_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
