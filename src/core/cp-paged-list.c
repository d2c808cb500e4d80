/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include "cp-card-event.h"
#include "cp-client-cards.h"
#include "cp-client-customers.h"
#include "cp-client-payments.h"
#include "cp-customer.h"
#include "cp-invoice.h"
#include "cp-paged-list.h"
#include "cp-payment.h"
#include "cp-visit.h"

typedef enum
{
  ROUTE_CUSTOMERS,
  ROUTE_SERVICE_HISTORY,
  ROUTE_INVOICES,
  ROUTE_PAYMENT_METHOD_HISTORY,
  ROUTE_PAYMENTS,
  ROUTE_SAVED_PAYMENT_METHODS,
} Route;

struct _CpPagedList
{
  GObject parent_instance;

  CpClient *client;
  GCancellable *cancellable;
  /* Items in a plain array: appending a page costs the page, not the list. */
  GPtrArray *items;
  GError *error;

  Route route;
  GType item_type;
  char *customer_id;
  char *query;
  CpInvoiceFilter filter;
  CpExpiryFilter expiry_filter;
  guint within_days;
  char *type;

  char *cursor;
  guint page_size;
  gboolean has_more;
  gboolean loading;
  /* Set by a refresh: the next page replaces the items. */
  gboolean replace;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpPagedList, cp_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_ERROR,
  PROP_PAGE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cp_paged_list_get_item_type_iface (GListModel *model)
{
  return CP_PAGED_LIST (model)->item_type;
}

static guint
cp_paged_list_get_n_items (GListModel *model)
{
  return CP_PAGED_LIST (model)->items->len;
}

static gpointer
cp_paged_list_get_item (GListModel *model,
                        guint       position)
{
  CpPagedList *self = CP_PAGED_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cp_paged_list_get_item_type_iface;
  iface->get_n_items = cp_paged_list_get_n_items;
  iface->get_item = cp_paged_list_get_item;
}

static void
set_loading (CpPagedList *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (CpPagedList *self,
              gboolean     has_more)
{
  if (self->has_more == has_more)
    return;
  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_error (CpPagedList  *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* A page in flight holds the list weakly: a list the view dropped is
 * disposed at once, which cancels the page. */
static gpointer
weak_ref_new (CpPagedList *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(CpPagedList) self = g_weak_ref_get (ref);
  CpClient *client = CP_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autofree char *cursor = NULL;
  guint removed = 0, position, added;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL)
    return;

  switch (self->route)
    {
    case ROUTE_CUSTOMERS:
      page = cp_client_list_customers_finish (client, result, &cursor, &error);
      break;
    case ROUTE_SERVICE_HISTORY:
      page = cp_client_list_service_history_finish (client, result, &cursor, &error);
      break;
    case ROUTE_INVOICES:
      page = cp_client_list_invoices_finish (client, result, &cursor, &error);
      break;
    case ROUTE_PAYMENT_METHOD_HISTORY:
      page = cp_client_list_payment_method_history_finish (client, result, &cursor, &error);
      break;
    case ROUTE_PAYMENTS:
      page = cp_client_list_payments_finish (client, result, &cursor, &error);
      break;
    case ROUTE_SAVED_PAYMENT_METHODS:
      page = cp_client_list_saved_payment_methods_finish (client, result, &cursor, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* A cancelled page belongs to a refresh or to a list being dropped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE);

  if (page == NULL)
    {
      set_error (self, error);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  set_error (self, NULL);
  if (self->replace)
    {
      removed = self->items->len;
      g_ptr_array_set_size (self->items, 0);
      self->replace = FALSE;
    }
  position = self->items->len;
  added = g_list_model_get_n_items (page);
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (page, i));

  g_free (self->cursor);
  self->cursor = g_steal_pointer (&cursor);
  set_has_more (self, self->cursor != NULL);

  /* One signal per page: the view updates once, whatever the list's size. */
  if (removed > 0 || added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * cp_paged_list_load_more:
 *
 * Fetches the next page, unless one is loading or the last one arrived.
 */
void
cp_paged_list_load_more (CpPagedList *self)
{
  GCancellable *cancellable;

  g_return_if_fail (CP_IS_PAGED_LIST (self));

  if (self->loading || !self->has_more)
    return;

  set_loading (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cancellable = self->cancellable;

  switch (self->route)
    {
    case ROUTE_CUSTOMERS:
      cp_client_list_customers_async (self->client, self->query, self->cursor, self->page_size,
                                      cancellable, page_cb, weak_ref_new (self));
      break;
    case ROUTE_SERVICE_HISTORY:
      cp_client_list_service_history_async (self->client, self->customer_id, self->cursor,
                                            self->page_size, cancellable, page_cb,
                                            weak_ref_new (self));
      break;
    case ROUTE_INVOICES:
      cp_client_list_invoices_async (self->client, self->customer_id, self->filter, self->cursor,
                                     self->page_size, cancellable, page_cb, weak_ref_new (self));
      break;
    case ROUTE_PAYMENT_METHOD_HISTORY:
      cp_client_list_payment_method_history_async (self->client, self->customer_id, self->cursor,
                                                   self->page_size, cancellable, page_cb,
                                                   weak_ref_new (self));
      break;
    case ROUTE_PAYMENTS:
      cp_client_list_payments_async (self->client, self->customer_id, self->cursor,
                                     self->page_size, cancellable, page_cb, weak_ref_new (self));
      break;
    case ROUTE_SAVED_PAYMENT_METHODS:
      cp_client_list_saved_payment_methods_async (self->client, self->expiry_filter,
                                                  self->within_days, self->type, self->cursor,
                                                  self->page_size, cancellable, page_cb,
                                                  weak_ref_new (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cp_paged_list_cancel:
 *
 * Stops the page being loaded, if any.
 */
void
cp_paged_list_cancel (CpPagedList *self)
{
  g_return_if_fail (CP_IS_PAGED_LIST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_loading (self, FALSE);
}

/**
 * cp_paged_list_replace:
 * @item: an item of the list's type
 *
 * Puts @item in place of the one at @position (a newer copy of it, such
 * as a customer read again after a payment), so the list shows it without
 * loading again.
 */
void
cp_paged_list_replace (CpPagedList *self,
                       guint        position,
                       gpointer     item)
{
  g_return_if_fail (CP_IS_PAGED_LIST (self));
  g_return_if_fail (position < self->items->len);
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));

  g_object_unref (g_ptr_array_index (self->items, position));
  g_ptr_array_index (self->items, position) = g_object_ref (item);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * cp_paged_list_refresh:
 *
 * Loads the first page again; the items stay until it arrives, then are
 * replaced by it.
 */
void
cp_paged_list_refresh (CpPagedList *self)
{
  g_return_if_fail (CP_IS_PAGED_LIST (self));

  cp_paged_list_cancel (self);
  g_clear_pointer (&self->cursor, g_free);
  self->replace = TRUE;
  set_has_more (self, TRUE);
  cp_paged_list_load_more (self);
}

GType
cp_paged_list_get_item_type (CpPagedList *self)
{
  g_return_val_if_fail (CP_IS_PAGED_LIST (self), G_TYPE_INVALID);
  return self->item_type;
}

gboolean
cp_paged_list_get_loading (CpPagedList *self)
{
  g_return_val_if_fail (CP_IS_PAGED_LIST (self), FALSE);
  return self->loading;
}

gboolean
cp_paged_list_get_has_more (CpPagedList *self)
{
  g_return_val_if_fail (CP_IS_PAGED_LIST (self), FALSE);
  return self->has_more;
}

/**
 * cp_paged_list_get_error:
 *
 * Returns: (nullable): why the last page failed, or %NULL
 */
const GError *
cp_paged_list_get_error (CpPagedList *self)
{
  g_return_val_if_fail (CP_IS_PAGED_LIST (self), NULL);
  return self->error;
}

guint
cp_paged_list_get_page_size (CpPagedList *self)
{
  g_return_val_if_fail (CP_IS_PAGED_LIST (self), 0);
  return self->page_size;
}

/**
 * cp_paged_list_set_page_size:
 * @page_size: 1–100 items per request
 */
void
cp_paged_list_set_page_size (CpPagedList *self,
                             guint        page_size)
{
  g_return_if_fail (CP_IS_PAGED_LIST (self));
  g_return_if_fail (page_size >= 1 && page_size <= 100);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

static void
cp_paged_list_dispose (GObject *object)
{
  CpPagedList *self = CP_PAGED_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_paged_list_parent_class)->dispose (object);
}

static void
cp_paged_list_finalize (GObject *object)
{
  CpPagedList *self = CP_PAGED_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->customer_id);
  g_free (self->query);
  g_free (self->type);
  g_free (self->cursor);

  G_OBJECT_CLASS (cp_paged_list_parent_class)->finalize (object);
}

static void
cp_paged_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpPagedList *self = CP_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_paged_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpPagedList *self = CP_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_PAGE_SIZE:
      cp_paged_list_set_page_size (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_paged_list_class_init (CpPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_paged_list_dispose;
  object_class->finalize = cp_paged_list_finalize;
  object_class->get_property = cp_paged_list_get_property;
  object_class->set_property = cp_paged_list_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, 100, 100,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_paged_list_init (CpPagedList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->page_size = 100;
  self->has_more = TRUE;
}

static CpPagedList *
paged_list_new (CpClient    *client,
                Route        route,
                GType        item_type,
                const char  *customer_id)
{
  CpPagedList *self = g_object_new (CP_TYPE_PAGED_LIST, NULL);

  self->client = g_object_ref (client);
  self->route = route;
  self->item_type = item_type;
  self->customer_id = g_strdup (customer_id);
  return self;
}

/**
 * cp_paged_list_new_customers:
 * @query: (nullable): matches name, email or phone
 *
 * Returns: (transfer full): a list of #CpCustomer (staff only)
 */
CpPagedList *
cp_paged_list_new_customers (CpClient   *client,
                             const char *query)
{
  CpPagedList *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);

  self = paged_list_new (client, ROUTE_CUSTOMERS, CP_TYPE_CUSTOMER, NULL);
  self->query = g_strdup (query);
  return self;
}

/**
 * cp_paged_list_new_service_history:
 *
 * Returns: (transfer full): a list of #CpVisit, newest first
 */
CpPagedList *
cp_paged_list_new_service_history (CpClient   *client,
                                   const char *customer_id)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return paged_list_new (client, ROUTE_SERVICE_HISTORY, CP_TYPE_VISIT, customer_id);
}

/**
 * cp_paged_list_new_invoices:
 *
 * Returns: (transfer full): a list of #CpInvoice
 */
CpPagedList *
cp_paged_list_new_invoices (CpClient        *client,
                            const char      *customer_id,
                            CpInvoiceFilter  filter)
{
  CpPagedList *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  self = paged_list_new (client, ROUTE_INVOICES, CP_TYPE_INVOICE, customer_id);
  self->filter = filter;
  return self;
}

/**
 * cp_paged_list_new_payment_method_history:
 *
 * Returns: (transfer full): a list of #CpCardEvent, newest first
 */
CpPagedList *
cp_paged_list_new_payment_method_history (CpClient   *client,
                                          const char *customer_id)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return paged_list_new (client, ROUTE_PAYMENT_METHOD_HISTORY, CP_TYPE_CARD_EVENT, customer_id);
}

/**
 * cp_paged_list_new_payments:
 *
 * Returns: (transfer full): a list of #CpPayment, newest first
 */
CpPagedList *
cp_paged_list_new_payments (CpClient   *client,
                            const char *customer_id)
{
  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return paged_list_new (client, ROUTE_PAYMENTS, CP_TYPE_PAYMENT, customer_id);
}

/**
 * cp_paged_list_new_saved_payment_methods:
 * @filter: which, by expiry
 * @within_days: with %CP_EXPIRY_FILTER_EXPIRING, the days ahead
 * @type: (nullable): one payment type ("card"), or %NULL for all
 *
 * Returns: (transfer full): the office's report, a list of #CpCard across
 *   customers, soonest expiry first (staff only)
 */
CpPagedList *
cp_paged_list_new_saved_payment_methods (CpClient       *client,
                                         CpExpiryFilter  filter,
                                         guint           within_days,
                                         const char     *type)
{
  CpPagedList *self;

  g_return_val_if_fail (CP_IS_CLIENT (client), NULL);

  self = paged_list_new (client, ROUTE_SAVED_PAYMENT_METHODS, CP_TYPE_CARD, NULL);
  self->expiry_filter = filter;
  self->within_days = within_days;
  self->type = g_strdup (type);
  return self;
}
