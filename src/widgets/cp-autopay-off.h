/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-autopay.h"
#include "cp-page.h"

G_BEGIN_DECLS

/* Called with AutoPay as the portal now has it (off), once it is. */
typedef void (*CpAutopayOffFunc) (CpPage    *page,
                                  CpAutopay *autopay);

void cp_autopay_confirm_turn_off (CpPage           *page,
                                  const char       *body,
                                  GtkWidget        *button,
                                  CpAutopayOffFunc  done);

G_END_DECLS
