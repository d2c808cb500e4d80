/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-api-account.h"
#include "store/cp-password.h"
#include "store/cp-store.h"
#include "store/cp-store-users.h"

void
cp_api_add_user (CpRequest   *req,
                 JsonBuilder *builder,
                 gint64       user_id)
{
  g_auto(CpStoreUser) user = { 0 };

  json_builder_begin_object (builder);
  if (cp_store_user_get (req->env->db, user_id, &user))
    {
      cp_json_add_id (builder, "id", user.id);
      cp_json_add_string (builder, "email", user.email);
      cp_json_add_string (builder, "name", user.name);
      cp_json_add_string (builder, "role", user.role);
      cp_json_add_id (builder, "customer_id", user.customer_id);
    }
  json_builder_end_object (builder);
}

void
cp_api_me (CpRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  cp_api_add_user (req, builder, req->user.id);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

void
cp_api_config (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *company = cp_store_setting_dup (env->db, "company_name");
  g_autofree char *currency = cp_store_setting_dup (env->db, "currency");

  json_builder_begin_object (builder);
  cp_json_add_string (builder, "company_name", company ? company : "");
  cp_json_add_string (builder, "currency", currency ? currency : "USD");
  cp_json_add_bool (builder, "online_payments_enabled", cp_store_online_payments_enabled (env->db));
  /* The app tokenizes cards at the processor itself, with the key that
   * can do nothing else. */
  cp_json_add_string (builder, "vault_url", cp_processor_client_get_url (env->processor));
  cp_json_add_string (builder, "vault_key",
                      cp_processor_client_get_publishable_key (env->processor));
  cp_json_add_int (builder, "password_min_length", CP_PASSWORD_MIN_LENGTH);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

static void
answer_online_payments (CpRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cp_json_add_bool (builder, "enabled", cp_store_online_payments_enabled (req->env->db));
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/* For anyone signed in. */
void
cp_api_online_payments_get (CpRequest *req)
{
  answer_online_payments (req);
}

/* For admins (the router checks). */
void
cp_api_online_payments_put (CpRequest *req)
{
  gboolean enabled = FALSE;

  if (!cp_request_get_bool (req, "enabled", TRUE, &enabled))
    return;
  if (!cp_store_setting_set (req->env->db, "online_payments_enabled", enabled ? "1" : "0"))
    {
      cp_http_internal (req);
      return;
    }
  g_message ("Online payments turned %s by user %" G_GINT64_FORMAT,
             enabled ? "on" : "off", req->user.id);
  answer_online_payments (req);
}
