/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"
#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_SETTINGS_PAGE (cp_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (CpSettingsPage, cp_settings_page, CP, SETTINGS_PAGE, CpPage)

CpSettingsPage *cp_settings_page_new        (void);
void            cp_settings_page_set_can_edit (CpSettingsPage *self,
                                               gboolean        can_edit);

G_END_DECLS
