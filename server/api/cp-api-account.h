/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* GET /config, GET /me, GET and PUT /settings/online-payments. */
void cp_api_config               (CpRequest   *req);
void cp_api_me                   (CpRequest   *req);
void cp_api_online_payments_get  (CpRequest   *req);
void cp_api_online_payments_put  (CpRequest   *req);

/* Writes the /me object of @user_id (login and sign-up answers carry it too). */
void cp_api_add_user             (CpRequest   *req,
                                  JsonBuilder *builder,
                                  gint64       user_id);

G_END_DECLS
