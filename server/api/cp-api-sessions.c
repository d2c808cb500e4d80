/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include "cp-api-sessions.h"
#include "store/cp-clock.h"
#include "store/cp-store-sessions.h"

/*
 * Signed-in devices: the sessions of the user asking (never anyone
 * else's), each with the device name and app version its login sent and
 * when it was last used, the asking one marked "current"; ending one, or
 * all but the asking one. An ended session's access tokens stop working
 * at once and its refresh token with them.
 */

void
cp_api_sessions_list (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autoptr(CpStmt) stmt = cp_store_user_sessions_select (env->db, req->user.id);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while (cp_db_step (env->db, stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      json_builder_begin_object (builder);
      cp_json_add_id (builder, "id", id);
      cp_json_add_string (builder, "device_name", (const char *) sqlite3_column_text (stmt, 1));
      cp_json_add_string (builder, "app_version", (const char *) sqlite3_column_text (stmt, 2));
      cp_json_add_time (builder, "created_at", sqlite3_column_int64 (stmt, 3));
      cp_json_add_time (builder, "last_used_at", sqlite3_column_int64 (stmt, 4));
      cp_json_add_bool (builder, "current", id == req->user.session_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next_cursor");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

void
cp_api_sessions_revoke (CpRequest *req)
{
  CpApiEnv *env = req->env;
  gint64 id = 0;

  if (!cp_parse_id (req->pm, &id)
      || !cp_store_user_session_revoke (env->db, req->user.id, id, cp_now ()))
    {
      cp_http_not_found (req);
      return;
    }
  g_message ("Session %" G_GINT64_FORMAT " of user %" G_GINT64_FORMAT " signed out by its user",
             id, req->user.id);
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);
}

void
cp_api_sessions_revoke_others (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = cp_store_user_sessions_revoke_others (env->db, req->user.id, req->user.session_id,
                                                  cp_now ());

  json_builder_begin_object (builder);
  cp_json_add_int (builder, "revoked", n);
  json_builder_end_object (builder);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}
