/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cp-card.h"
#include "cp-types.h"

G_BEGIN_DECLS

/* Words the staff screens share: how a card, a portal account and a visit
 * are written (a change to a card: cp-card-history-dialog, which customers
 * see too). Money, dates and card titles come formatted from the core
 * library, so staff see cards exactly as customers do. */

char       *cp_staff_format_card_subtitle (CpCard        *card) G_GNUC_WARN_UNUSED_RESULT;
const char *cp_staff_format_portal_account (CpPortalAccount state);
const char *cp_staff_format_visit_status  (const char    *status);

G_END_DECLS
