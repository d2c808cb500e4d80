/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_PAGE (cp_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CpPage, cp_page, CP, PAGE, AdwBin)

/**
 * CpPageClass:
 * @reload: starts loading what the page shows, from cp_page_get_client(),
 *   each request under @cancellable, which the next reload cancels
 *
 * A page of the customer's or the office's view: it is handed its client
 * (and the customer it is about) one way, loads on cp_page_reload(), and
 * its requests stop when it leaves the window or goes away, so a late
 * reply never touches a page that is gone (reply callbacks return on
 * %G_IO_ERROR_CANCELLED before anything else). Loads go under the
 * cancellable reload() is given; what the user starts (set a card as
 * primary, delete it) under cp_page_get_cancellable(), which a reload
 * leaves running.
 */
struct _CpPageClass
{
  AdwBinClass parent_class;

  void (*reload) (CpPage       *self,
                  GCancellable *cancellable);

  /*< private >*/
  gpointer padding[4];
};

void          cp_page_set_client      (CpPage     *self,
                                       CpClient   *client,
                                       const char *customer_id);
CpClient     *cp_page_get_client      (CpPage     *self);
const char   *cp_page_get_customer_id (CpPage     *self);
GCancellable *cp_page_get_cancellable (CpPage     *self);
void          cp_page_reload          (CpPage     *self);
const char   *cp_page_get_state       (CpPage     *self);
void          cp_page_set_state       (CpPage     *self,
                                       const char *state);

G_END_DECLS
