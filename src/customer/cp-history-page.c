/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-history-page.h"
#include "cp-paged-view.h"
#include "cp-ui-util.h"

/*
 * Service history: a GtkListView over a CpPagedList in a CpPagedView, which
 * fetches the next page as the user scrolls near the end, so that 100,000
 * visits cost no more than the rows on screen, and shows the loading,
 * empty and error states.
 */
struct _CpHistoryPage
{
  AdwBin parent_instance;

  /* Template children */
  CpPagedView *paged_view;
  GtkListView *list_view;

  /* Owned */
  CpClient *client;
  char *customer_id;
  CpPagedList *visits;
};

G_DEFINE_FINAL_TYPE (CpHistoryPage, cp_history_page, ADW_TYPE_BIN)

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
}

static void
cp_history_page_dispose (GObject *object)
{
  CpHistoryPage *self = CP_HISTORY_PAGE (object);

  if (self->visits != NULL)
    cp_paged_list_cancel (self->visits);
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
  object_class->finalize = cp_history_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, paged_view);
  gtk_widget_class_bind_template_child (widget_class, CpHistoryPage, list_view);
}

static void
cp_history_page_init (CpHistoryPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_type_ensure (CP_TYPE_PAGED_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
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
      cp_paged_list_cancel (self->visits);
      g_clear_object (&self->visits);
    }
  self->visits = cp_paged_list_new_service_history (client, customer_id);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->visits)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  cp_paged_view_set_model (self->paged_view, self->visits);
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

  return cp_paged_view_get_state (self->paged_view);
}
