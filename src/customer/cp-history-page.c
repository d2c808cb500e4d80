/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-history-page.h"
#include "cp-paged-view.h"
#include "cp-visit-row.h"
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
  CpPagedList *visits;
};

G_DEFINE_FINAL_TYPE (CpHistoryPage, cp_history_page, CP_TYPE_PAGE)

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, cp_visit_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CpVisitRow *row = CP_VISIT_ROW (gtk_list_item_get_child (item));

  cp_visit_row_set_visit (row, gtk_list_item_get_item (item));
  cp_ui_name_list_item (item, cp_visit_row_get_description (row));
}

/* From the newest visit, for the page's client and customer; the visits
 * shown stay until the first page arrives. */
static void
cp_history_page_reload (CpPage       *page,
                        GCancellable *cancellable)
{
  CpHistoryPage *self = CP_HISTORY_PAGE (page);
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->visits != NULL)
    {
      cp_paged_list_refresh (self->visits);
      return;
    }

  self->visits = cp_paged_list_new_service_history (cp_page_get_client (page),
                                                    cp_page_get_customer_id (page));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->visits)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  cp_paged_view_set_model (self->paged_view, self->visits);
  cp_paged_list_load_more (self->visits);
}

/* Another client or customer: the visits are someone else's. */
static void
forget_visits_cb (CpHistoryPage *self,
                  GParamSpec    *pspec,
                  gpointer       user_data)
{
  if (self->visits == NULL)
    return;
  cp_paged_view_set_model (self->paged_view, NULL);
  gtk_list_view_set_model (self->list_view, NULL);
  cp_paged_list_cancel (self->visits);
  g_clear_object (&self->visits);
}

static void
paged_state_cb (CpHistoryPage *self)
{
  cp_page_set_state (CP_PAGE (self), cp_paged_view_get_state (self->paged_view));
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

  G_OBJECT_CLASS (cp_history_page_parent_class)->dispose (object);
}

static void
cp_history_page_class_init (CpHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_history_page_dispose;
  CP_PAGE_CLASS (klass)->reload = cp_history_page_reload;

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

  g_signal_connect_object (self->paged_view, "notify::state", G_CALLBACK (paged_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::client", G_CALLBACK (forget_visits_cb), NULL);
  g_signal_connect (self, "notify::customer-id", G_CALLBACK (forget_visits_cb), NULL);
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
