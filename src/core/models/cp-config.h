/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CP_TYPE_CONFIG (cp_config_get_type ())

G_DECLARE_FINAL_TYPE (CpConfig, cp_config, CP, CONFIG, GObject)

/*
 * The server's public configuration (`GET /config`). Properties:
 * company-name, currency, online-payments-enabled, vault-url, vault-key,
 * password-min-length.
 */
const char *cp_config_get_company_name            (CpConfig *self);
const char *cp_config_get_currency                (CpConfig *self);
gboolean    cp_config_get_online_payments_enabled (CpConfig *self);
const char *cp_config_get_vault_url               (CpConfig *self);
const char *cp_config_get_vault_key               (CpConfig *self);
guint       cp_config_get_password_min_length     (CpConfig *self);

G_END_DECLS
