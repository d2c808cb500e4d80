/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CP_TYPE_LOGIN_PAGE (cp_login_page_get_type ())

G_DECLARE_FINAL_TYPE (CpLoginPage, cp_login_page, CP, LOGIN_PAGE, AdwBin)

G_END_DECLS
