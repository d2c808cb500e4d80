/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include "cp-client-private.h"
#include "cp-client-settings.h"
#include "cp-config-private.h"

/* The portal's configuration, which the client keeps once fetched, and the
 * online payments switch. */

/* Every configuration fetched replaces the cached one. */
static void
config_reply_cb (GTask    *task,
                 JsonNode *root)
{
  GError *error = NULL;
  CpConfig *config = cp_json_build_object (root, cp_config_parse, &error);

  if (config == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cp_client_set_config (g_task_get_source_object (task), config);
  g_task_return_pointer (task, config, g_object_unref);
}

void
cp_client_get_config_async (CpClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));

  req = cp_request_new (self, "GET", cp_client_api_url (self, "config", NULL));
  req->auth = CP_REQUEST_AUTH_NONE;
  req->reply = config_reply_cb;
  cp_client_start (self, req, cp_client_get_config_async, cancellable, callback, user_data);
}

/**
 * cp_client_get_config_finish:
 *
 * Returns: (transfer full): the configuration
 */
CpConfig *
cp_client_get_config_finish (CpClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_get_config_async, error);
}

static void
ensure_config_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CpConfig *config = cp_client_get_config_finish (CP_CLIENT (object), result, &error);

  if (config == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, config, g_object_unref);
}

/**
 * cp_client_ensure_config_async:
 * @self: a #CpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the configuration
 * @user_data: data for @callback
 *
 * Hands back the configuration the client holds (cp_client_get_config()),
 * fetching `GET /config` only when it holds none yet. This is how views
 * get the configuration: the client fetches it once for all of them.
 * cp_client_get_config_async() fetches it again (and updates the cache),
 * for a view that must see a change made meanwhile.
 */
void
cp_client_ensure_config_async (CpClient            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_client_ensure_config_async);
  if (self->config != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->config), g_object_unref);
      return;
    }
  cp_client_get_config_async (self, cancellable, ensure_config_cb, g_steal_pointer (&task));
}

/**
 * cp_client_ensure_config_finish:
 * @self: a #CpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the configuration
 */
CpConfig *
cp_client_ensure_config_finish (CpClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_ensure_config_async, error);
}

static void
enabled_reply_cb (GTask    *task,
                  JsonNode *root)
{
  GError *error = NULL;
  JsonObject *object = cp_json_root_object (root, &error);
  gboolean enabled;

  if (object == NULL || !cp_json_get_bool (object, "enabled", &enabled, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, enabled);
}

void
cp_client_get_online_payments_async (CpClient            *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));

  req = cp_request_new (self, "GET", cp_client_api_url (self, "settings", "online-payments", NULL));
  req->reply = enabled_reply_cb;
  cp_client_start (self, req, cp_client_get_online_payments_async, cancellable, callback,
                   user_data);
}

gboolean
cp_client_get_online_payments_finish (CpClient      *self,
                                      GAsyncResult  *result,
                                      gboolean      *enabled,
                                      GError       **error)
{
  GError *local_error = NULL;
  gboolean value = cp_client_finish_boolean (self, result, cp_client_get_online_payments_async,
                                             &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (enabled != NULL)
    *enabled = value;
  return TRUE;
}

void
cp_client_set_online_payments_async (CpClient            *self,
                                     gboolean             enabled,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CpRequest *req;

  g_return_if_fail (CP_IS_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, enabled);
  json_builder_end_object (builder);

  req = cp_request_new (self, "PUT", cp_client_api_url (self, "settings", "online-payments", NULL));
  req->body = cp_client_json_body (builder);
  cp_client_start (self, req, cp_client_set_online_payments_async, cancellable, callback,
                   user_data);
}

CP_CLIENT_DEFINE_BOOLEAN_FINISH (set_online_payments)
