/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* Reads the test hooks of the environment (lockout, hash delay). */
void     cp_api_auth_init           (void);

/* Checks the `Authorization: Bearer` access token and fills in req->user;
 * answers 401 and returns %FALSE otherwise. */
gboolean cp_api_auth_authenticate   (CpRequest *req);

/* POST /auth/… */
void     cp_api_auth_login          (CpRequest *req);
void     cp_api_auth_refresh        (CpRequest *req);
void     cp_api_auth_logout         (CpRequest *req);
void     cp_api_auth_invitation     (CpRequest *req);
void     cp_api_auth_verify         (CpRequest *req);
void     cp_api_auth_reset          (CpRequest *req);
void     cp_api_auth_reset_confirm  (CpRequest *req);

G_END_DECLS
