/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-account.h"
#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_STAFF_VIEW (cp_staff_view_get_type ())

G_DECLARE_FINAL_TYPE (CpStaffView, cp_staff_view, CP, STAFF_VIEW, AdwBin)

/*
 * CpStaffView:
 *
 * What the window shows after a staff or admin login: the content area below
 * the window's own header bar. It brings its own view switcher (Customers,
 * Call Booking, Settings), search field and back button, and adapts from
 * 360 px wide to full screen. Nothing needs handling by the window: it emits
 * no signals; logging out stays the window's (`win.logout`).
 *
 * Include as "staff/cp-staff-view.h".
 */

/**
 * cp_staff_view_new:
 * @client: a logged-in client
 * @account: the `/me` result, role %CP_ROLE_STAFF or %CP_ROLE_ADMIN; admins
 *   may change Settings, staff see them read-only
 *
 * Returns: (transfer floating): a new view
 */
CpStaffView *cp_staff_view_new         (CpClient    *client,
                                        CpAccount   *account);
CpClient    *cp_staff_view_get_client  (CpStaffView *self);
CpAccount   *cp_staff_view_get_account (CpStaffView *self);

/*
 * Optional, for a window that shows view switchers in its own header bar
 * (as it does for the customer view): put cp_staff_view_get_stack() in an
 * AdwViewSwitcherTitle, bind its title-visible to the reveal property of
 * cp_staff_view_get_switcher_bar(), and hide the view's own switcher with
 * cp_staff_view_set_show_switcher (view, FALSE).
 */
AdwViewStack       *cp_staff_view_get_stack          (CpStaffView *self);
AdwViewSwitcherBar *cp_staff_view_get_switcher_bar   (CpStaffView *self);
gboolean            cp_staff_view_get_show_switcher  (CpStaffView *self);
void                cp_staff_view_set_show_switcher  (CpStaffView *self,
                                                      gboolean     show_switcher);

/* Opens the record of one customer, as selecting them in the search does. */
void         cp_staff_view_open_customer (CpStaffView *self,
                                          const char  *customer_id);

G_END_DECLS
