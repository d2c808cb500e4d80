/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-client.h"
#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_PAGED_LIST (cp_paged_list_get_type ())

G_DECLARE_FINAL_TYPE (CpPagedList, cp_paged_list, CP, PAGED_LIST, GObject)

/**
 * CpPagedList:
 *
 * A #GListModel over a paged list route. It starts empty; each
 * cp_paged_list_load_more() fetches the next page (a call while a page is
 * loading does nothing) and appends it with one items-changed. The list view
 * calls it as the user nears the end. cp_paged_list_refresh() starts over
 * from the first page (replacing the items when that page arrives).
 *
 * Properties: item-type, n-items, loading, has-more (TRUE until the last
 * page arrived), error (#GError boxed, the last failure or %NULL; cleared by
 * the next successful page), page-size (1..100, default 100).
 */
GType        cp_paged_list_get_item_type   (CpPagedList *self);
gboolean     cp_paged_list_get_loading     (CpPagedList *self);
gboolean     cp_paged_list_get_has_more    (CpPagedList *self);
const GError *cp_paged_list_get_error      (CpPagedList *self);
guint        cp_paged_list_get_page_size   (CpPagedList *self);
void         cp_paged_list_set_page_size   (CpPagedList *self,
                                            guint        page_size);
void         cp_paged_list_load_more       (CpPagedList *self);
void         cp_paged_list_refresh         (CpPagedList *self);
void         cp_paged_list_cancel          (CpPagedList *self);
void         cp_paged_list_replace         (CpPagedList *self,
                                            guint        position,
                                            gpointer     item);

/* Constructors, one per list route. None loads anything until asked. */
CpPagedList *cp_paged_list_new_customers             (CpClient        *client,
                                                      const char      *query);
CpPagedList *cp_paged_list_new_service_history       (CpClient        *client,
                                                      const char      *customer_id);
CpPagedList *cp_paged_list_new_invoices              (CpClient        *client,
                                                      const char      *customer_id,
                                                      CpInvoiceFilter  filter);
CpPagedList *cp_paged_list_new_payment_method_history (CpClient       *client,
                                                      const char      *customer_id);
CpPagedList *cp_paged_list_new_payments              (CpClient        *client,
                                                      const char      *customer_id);
CpPagedList *cp_paged_list_new_saved_payment_methods (CpClient        *client,
                                                      CpExpiryFilter   filter,
                                                      guint            within_days,
                                                      const char      *type);

G_END_DECLS
