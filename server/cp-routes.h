/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/* cp-routes.c: the router and the checks every route shares. */
gboolean cp_route_authenticate     (CpRequest  *req);
gboolean cp_route_require_staff    (CpRequest  *req);
gboolean cp_route_require_admin    (CpRequest  *req);
gboolean cp_route_customer         (CpRequest  *req,
                                    const char *segment,
                                    gint64     *customer_id);
gboolean cp_route_require_online_payments (CpRequest *req);
const char *cp_route_channel       (CpRequest  *req);
void     cp_route_set_user_me      (CpRequest  *req,
                                    JsonBuilder *builder,
                                    gint64      user_id);
void     cp_route_me               (CpRequest  *req);
void     cp_route_config           (CpRequest  *req);

/* cp-auth.c */
void     cp_auth_init              (CpServer   *server);
void     cp_auth_login             (CpRequest  *req);
void     cp_auth_refresh           (CpRequest  *req);
void     cp_auth_logout            (CpRequest  *req);
void     cp_auth_invitation        (CpRequest  *req);
void     cp_auth_verify            (CpRequest  *req);
void     cp_auth_reset             (CpRequest  *req);
void     cp_auth_reset_confirm     (CpRequest  *req);
void     cp_auth_hash_token        (const char *token,
                                    guchar      out[32]);

/* cp-routes-customers.c */
void     cp_customers_list         (CpRequest  *req);
void     cp_customers_create       (CpRequest  *req);
void     cp_customers_get          (CpRequest  *req,
                                    gint64      customer_id);
void     cp_customers_history      (CpRequest  *req,
                                    gint64      customer_id);
void     cp_customers_invoices     (CpRequest  *req,
                                    gint64      customer_id);
gint64   cp_customer_balance       (CpServer   *server,
                                    gint64      customer_id);

/* cp-routes-cards.c */
void     cp_cards_list             (CpRequest  *req,
                                    gint64      customer_id);
void     cp_cards_add              (CpRequest  *req,
                                    gint64      customer_id);
void     cp_cards_update           (CpRequest  *req,
                                    gint64      customer_id,
                                    const char *pm);
void     cp_cards_delete           (CpRequest  *req,
                                    gint64      customer_id,
                                    const char *pm);
void     cp_cards_history          (CpRequest  *req,
                                    gint64      customer_id);
gboolean cp_cards_record_event     (CpServer   *server,
                                    gint64      customer_id,
                                    gint64      pm_id,
                                    gint64      at,
                                    const char *action,
                                    const char *actor_role,
                                    const char *actor_name,
                                    const char *channel);

/* cp-routes-payments.c */
void     cp_payments_create        (CpRequest  *req,
                                    gint64      customer_id);
void     cp_payments_list          (CpRequest  *req,
                                    gint64      customer_id);
void     cp_settings_online_payments (CpRequest *req);

/* cp-routes-vault.c */
void     cp_vault_route_tokens     (CpRequest  *req);

G_END_DECLS
