/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-customer-search.h"
#include "cp-paged-view.h"
#include "cp-ui-util.h"

/* Finding a customer: results by name, email or phone as the user types
 * (GtkSearchEntry waits 300 ms after the last key), each new search
 * cancelling the one before, pages fetched as the list is scrolled. */
struct _CpCustomerSearch
{
  AdwBin parent_instance;

  /* Template children */
  GtkSearchEntry *search_entry;
  CpPagedView *paged_view;
  GtkListView *list_view;

  /* Owned */
  CpPagedList *results;
  GtkSingleSelection *selection;
  char *query;
};

G_DEFINE_FINAL_TYPE (CpCustomerSearch, cp_customer_search, CP_TYPE_PAGE)

enum {
  CUSTOMER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_results (CpCustomerSearch *self)
{
  if (self->results == NULL)
    return;

  cp_paged_view_set_model (self->paged_view, NULL);
  cp_paged_list_cancel (self->results);
  g_clear_object (&self->results);
}

/* The search as typed, from its first page; without a client, nothing. */
static void
cp_customer_search_reload (CpPage       *page,
                           GCancellable *cancellable)
{
  CpCustomerSearch *self = CP_CUSTOMER_SEARCH (page);

  clear_results (self);
  self->results = cp_paged_list_new_customers (cp_page_get_client (page), self->query);
  cp_paged_list_set_page_size (self->results, 50);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->results));
  cp_paged_view_set_model (self->paged_view, self->results);

  cp_paged_list_load_more (self->results);
}

static void
search_changed_cb (CpCustomerSearch *self,
                   GtkSearchEntry   *entry)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_strcmp0 (query, self->query != NULL ? self->query : "") == 0 && self->results != NULL)
    return;

  g_free (self->query);
  self->query = *query != '\0' ? g_steal_pointer (&query) : NULL;
  cp_page_reload (CP_PAGE (self));
}

static void
search_activate_cb (CpCustomerSearch *self,
                    GtkSearchEntry   *entry)
{
  /* Enter takes the keyboard on to the results. */
  if (self->results != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
list_activate_cb (CpCustomerSearch *self,
                  guint             position,
                  GtkListView      *list_view)
{
  g_autoptr(CpCustomer) customer = NULL;

  if (self->results == NULL)
    return;

  customer = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  /* The open customer stays highlighted in the list. */
  gtk_single_selection_set_selected (self->selection, position);
  if (customer != NULL)
    g_signal_emit (self, signals[CUSTOMER_ACTIVATED], 0, customer);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *balance = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_valign (balance, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (balance, "numeric");

  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), balance);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CpCustomer *customer = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  GtkWidget *balance = gtk_widget_get_next_sibling (text);
  const char *email = cp_customer_get_email (customer);
  const char *phone = cp_customer_get_phone (customer);
  g_autofree char *detail_text = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *row_name = NULL;

  if (email == NULL || *email == '\0')
    email = _("No email on file");
  if (phone != NULL && *phone != '\0')
    detail_text = g_strdup_printf ("%s · %s", email, phone);
  else
    detail_text = g_strdup (email);

  gtk_label_set_text (GTK_LABEL (name), cp_customer_get_name (customer));
  gtk_label_set_text (GTK_LABEL (detail), detail_text);
  gtk_label_set_text (GTK_LABEL (balance), cp_customer_get_balance_text (customer));
  gtk_widget_set_tooltip_text (box, cp_customer_get_address (customer));
  /* TRANSLATORS: the balance of a customer in the search results */
  balance_text = g_strdup_printf (_("Balance %s"), cp_customer_get_balance_text (customer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (balance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  balance_text, -1);
  /* TRANSLATORS: a search result for a screen reader: a customer's name, their
   * email (and phone), then "Balance $12.00" */
  row_name = g_strdup_printf (_("%s, %s, %s"), cp_customer_get_name (customer), detail_text,
                              balance_text);
  cp_ui_name_list_item (item, row_name);
}

/* Another client: the results were someone else's. */
static void
client_changed_cb (CpCustomerSearch *self,
                   GParamSpec       *pspec,
                   gpointer          user_data)
{
  clear_results (self);
  gtk_single_selection_set_model (self->selection, NULL);
}

/**
 * cp_customer_search_get_results:
 *
 * Returns: (transfer none) (nullable): the #CpCustomer results of the
 *   current search, as far as they are loaded
 */
GListModel *
cp_customer_search_get_results (CpCustomerSearch *self)
{
  g_return_val_if_fail (CP_IS_CUSTOMER_SEARCH (self), NULL);

  return self->results != NULL ? G_LIST_MODEL (self->results) : NULL;
}

/**
 * cp_customer_search_set_query:
 *
 * Types @query into the search field; the search follows as if typed.
 */
void
cp_customer_search_set_query (CpCustomerSearch *self,
                              const char       *query)
{
  g_return_if_fail (CP_IS_CUSTOMER_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
}

void
cp_customer_search_focus_entry (CpCustomerSearch *self)
{
  g_return_if_fail (CP_IS_CUSTOMER_SEARCH (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

CpCustomerSearch *
cp_customer_search_new (void)
{
  return g_object_new (CP_TYPE_CUSTOMER_SEARCH, NULL);
}

static void
cp_customer_search_dispose (GObject *object)
{
  CpCustomerSearch *self = CP_CUSTOMER_SEARCH (object);

  /* The paged list owns the request in flight; cancelling it is this
   * view's cancellable. */
  clear_results (self);

  G_OBJECT_CLASS (cp_customer_search_parent_class)->dispose (object);
}

static void
cp_customer_search_finalize (GObject *object)
{
  CpCustomerSearch *self = CP_CUSTOMER_SEARCH (object);

  g_clear_object (&self->selection);
  g_free (self->query);

  G_OBJECT_CLASS (cp_customer_search_parent_class)->finalize (object);
}

static void
cp_customer_search_class_init (CpCustomerSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_customer_search_dispose;
  object_class->finalize = cp_customer_search_finalize;
  CP_PAGE_CLASS (klass)->reload = cp_customer_search_reload;

  /**
   * CpCustomerSearch::customer-activated:
   * @customer: the chosen #CpCustomer (a list entry: no portal account state)
   */
  signals[CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staff/cp-customer-search.ui");
  gtk_widget_class_bind_template_child (widget_class, CpCustomerSearch, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerSearch, paged_view);
  gtk_widget_class_bind_template_child (widget_class, CpCustomerSearch, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
cp_customer_search_init (CpCustomerSearch *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_type_ensure (CP_TYPE_PAGED_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self, "notify::client", G_CALLBACK (client_changed_cb), NULL);
}

/**
 * cp_customer_search_update:
 * @customer: a customer as read again (after a payment, say)
 *
 * Shows @customer's newer copy in its result row, if it is among the
 * results, so its balance there agrees with the open record.
 */
void
cp_customer_search_update (CpCustomerSearch *self,
                           CpCustomer       *customer)
{
  GListModel *results;
  guint n;

  g_return_if_fail (CP_IS_CUSTOMER_SEARCH (self));
  g_return_if_fail (CP_IS_CUSTOMER (customer));

  if (self->results == NULL)
    return;
  results = G_LIST_MODEL (self->results);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpCustomer) shown = g_list_model_get_item (results, i);

      if (shown != customer
          && g_strcmp0 (cp_customer_get_id (shown), cp_customer_get_id (customer)) == 0)
        {
          gboolean selected = gtk_single_selection_get_selected (self->selection) == i;

          cp_paged_list_replace (self->results, i, customer);
          /* The open customer stays highlighted. */
          if (selected)
            gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}
