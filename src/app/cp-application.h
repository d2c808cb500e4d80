/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-token-store.h"

G_BEGIN_DECLS

#define CP_TYPE_APPLICATION (cp_application_get_type ())

G_DECLARE_FINAL_TYPE (CpApplication, cp_application, CP, APPLICATION, AdwApplication)

CpApplication *cp_application_new             (void);
const char    *cp_application_get_server_url  (CpApplication *self);
void           cp_application_set_server_url  (CpApplication *self,
                                               const char    *url);
GSettings     *cp_application_get_settings    (CpApplication *self);
CpTokenStore  *cp_application_get_token_store (CpApplication *self);
void           cp_application_set_token_store (CpApplication *self,
                                               CpTokenStore  *store);

G_END_DECLS
