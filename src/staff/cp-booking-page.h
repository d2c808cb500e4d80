/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"
#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_BOOKING_PAGE (cp_booking_page_get_type ())

G_DECLARE_FINAL_TYPE (CpBookingPage, cp_booking_page, CP, BOOKING_PAGE, CpPage)

CpBookingPage *cp_booking_page_new        (void);
void           cp_booking_page_reset      (CpBookingPage *self);

G_END_DECLS
