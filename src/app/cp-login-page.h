/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CP_TYPE_LOGIN_PAGE (cp_login_page_get_type ())

G_DECLARE_FINAL_TYPE (CpLoginPage, cp_login_page, CP, LOGIN_PAGE, AdwBin)

const char *cp_login_page_get_email      (CpLoginPage *self);
void        cp_login_page_set_email      (CpLoginPage *self,
                                          const char  *email);
const char *cp_login_page_get_password   (CpLoginPage *self);
void        cp_login_page_clear_password (CpLoginPage *self);
char       *cp_login_page_dup_server_url (CpLoginPage *self) G_GNUC_WARN_UNUSED_RESULT;
void        cp_login_page_set_server_url (CpLoginPage *self,
                                          const char  *url);
void        cp_login_page_set_busy       (CpLoginPage *self,
                                          gboolean     busy);
gboolean    cp_login_page_get_busy       (CpLoginPage *self);
void        cp_login_page_set_error      (CpLoginPage *self,
                                          const char  *message);
const char *cp_login_page_get_error      (CpLoginPage *self);
void        cp_login_page_focus          (CpLoginPage *self);

G_END_DECLS
