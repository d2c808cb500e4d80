/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

void cp_api_sessions_list          (CpRequest *req);
void cp_api_sessions_revoke        (CpRequest *req);
void cp_api_sessions_revoke_others (CpRequest *req);

G_END_DECLS
