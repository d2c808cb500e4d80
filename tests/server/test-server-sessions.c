/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cp-server-test.h"

/*
 * Signed-in devices: GET /me/sessions lists the caller's own sessions
 * (device name, app version, last used, this one marked), DELETE
 * /me/sessions/{id} ends one of them, POST /me/sessions/revoke-others all
 * but the caller's; an ended session's access token and refresh token stop
 * working at once; nobody reaches anyone else's sessions.
 */

static CpTestServer *demo;

typedef struct
{
  char *access;
  char *refresh;
} Device;

static void
device_clear (Device *device)
{
  g_clear_pointer (&device->access, g_free);
  g_clear_pointer (&device->refresh, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Device, device_clear)

static void
sign_in (Device     *device,
         const char *email,
         const char *password,
         const char *device_name,
         const char *app_version)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autoptr(CpResponse) r = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  if (device_name != NULL)
    {
      json_builder_set_member_name (builder, "device_name");
      json_builder_add_string_value (builder, device_name);
    }
  if (app_version != NULL)
    {
      json_builder_set_member_name (builder, "app_version");
      json_builder_add_string_value (builder, app_version);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  r = cp_call (demo, "POST", "/auth/login", NULL, body);
  g_assert_cmpuint (r->status, ==, 200);
  device->access = g_strdup (cp_response_string (r, "access_token"));
  device->refresh = g_strdup (cp_response_string (r, "refresh_token"));
}

static guint
refresh (Device *device)
{
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\": \"%s\"}", device->refresh);
  g_autoptr(CpResponse) r = cp_call (demo, "POST", "/auth/refresh", NULL, body);

  if (r->status == 200)
    {
      g_free (device->access);
      g_free (device->refresh);
      device->access = g_strdup (cp_response_string (r, "access_token"));
      device->refresh = g_strdup (cp_response_string (r, "refresh_token"));
    }
  return r->status;
}

static guint
me_status (Device *device)
{
  g_autoptr(CpResponse) r = cp_call (demo, "GET", "/me", device->access, NULL);

  return r->status;
}

/* The listed session whose device_name is @name, or NULL. */
static JsonObject *
find_session (CpResponse *list,
              const char *name)
{
  JsonArray *items = cp_response_items (list);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "device_name"), name) == 0)
        return item;
    }
  return NULL;
}

static void
test_list (void)
{
  g_auto(Device) laptop = { 0 };
  g_auto(Device) desktop = { 0 };
  g_autoptr(CpResponse) list = NULL;
  JsonObject *mine, *other;

  sign_in (&laptop, "ada@example.com", "demo-customer-password", "ada-laptop", "1.2.3");
  sign_in (&desktop, "ada@example.com", "demo-customer-password", "ada-desktop\n\x01", "1.2.4");
  list = cp_call (demo, "GET", "/me/sessions", laptop.access, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_true (json_object_has_member (cp_response_object (list), "next_cursor"));

  mine = find_session (list, "ada-laptop");
  g_assert_nonnull (mine);
  g_assert_true (json_object_get_boolean_member (mine, "current"));
  g_assert_cmpstr (json_object_get_string_member (mine, "app_version"), ==, "1.2.3");
  g_assert_nonnull (json_object_get_string_member (mine, "created_at"));
  g_assert_nonnull (json_object_get_string_member (mine, "last_used_at"));
  /* Control characters are dropped from the name. */
  other = find_session (list, "ada-desktop");
  g_assert_nonnull (other);
  g_assert_false (json_object_get_boolean_member (other, "current"));
  /* Never a token in the list. */
  g_assert_null (strstr (list->body, laptop.access));
  g_assert_null (strstr (list->body, desktop.refresh));
  g_assert_false (json_object_has_member (mine, "token"));
}

/* A customer, staff and an admin each see only their own sessions. */
static void
test_only_own (void)
{
  g_auto(Device) ada = { 0 };
  g_auto(Device) grace = { 0 };
  g_auto(Device) staff = { 0 };
  g_auto(Device) admin = { 0 };
  g_autoptr(CpResponse) ada_list = NULL;
  g_autoptr(CpResponse) grace_list = NULL;
  g_autoptr(CpResponse) staff_list = NULL;
  g_autoptr(CpResponse) admin_list = NULL;
  g_autoptr(CpResponse) r = NULL;
  g_autofree char *ada_session = NULL;
  g_autofree char *path = NULL;

  sign_in (&ada, "ada@example.com", "demo-customer-password", "only-own-ada", "1");
  sign_in (&grace, "grace@example.com", "demo-customer-password", "only-own-grace", "1");
  sign_in (&staff, "staff@example.com", "demo-staff-password", "only-own-staff", "1");
  sign_in (&admin, "admin@example.com", "demo-admin-password", "only-own-admin", "1");
  ada_list = cp_call (demo, "GET", "/me/sessions", ada.access, NULL);
  grace_list = cp_call (demo, "GET", "/me/sessions", grace.access, NULL);
  staff_list = cp_call (demo, "GET", "/me/sessions", staff.access, NULL);
  admin_list = cp_call (demo, "GET", "/me/sessions", admin.access, NULL);

  g_assert_nonnull (find_session (ada_list, "only-own-ada"));
  g_assert_null (find_session (ada_list, "only-own-grace"));
  g_assert_nonnull (find_session (grace_list, "only-own-grace"));
  g_assert_null (find_session (grace_list, "only-own-ada"));
  g_assert_nonnull (find_session (staff_list, "only-own-staff"));
  g_assert_null (find_session (staff_list, "only-own-ada"));
  g_assert_nonnull (find_session (admin_list, "only-own-admin"));
  g_assert_null (find_session (admin_list, "only-own-ada"));

  /* Ending Ada's session as Grace, staff or admin: 404, and it still works. */
  ada_session = g_strdup (json_object_get_string_member (find_session (ada_list, "only-own-ada"), "id"));
  path = g_strdup_printf ("/me/sessions/%s", ada_session);
  r = cp_call (demo, "DELETE", path, grace.access, NULL);
  cp_assert_error (r, 404, "not_found");
  g_clear_pointer (&r, cp_response_free);
  r = cp_call (demo, "DELETE", path, staff.access, NULL);
  cp_assert_error (r, 404, "not_found");
  g_clear_pointer (&r, cp_response_free);
  r = cp_call (demo, "DELETE", path, admin.access, NULL);
  cp_assert_error (r, 404, "not_found");
  g_clear_pointer (&r, cp_response_free);
  g_assert_cmpuint (me_status (&ada), ==, 200);

  /* Without a session: 401 on each route. */
  r = cp_call (demo, "GET", "/me/sessions", NULL, NULL);
  cp_assert_error (r, 401, "unauthorized");
  g_clear_pointer (&r, cp_response_free);
  r = cp_call (demo, "DELETE", path, NULL, NULL);
  cp_assert_error (r, 401, "unauthorized");
  g_clear_pointer (&r, cp_response_free);
  r = cp_call (demo, "POST", "/me/sessions/revoke-others", NULL, NULL);
  cp_assert_error (r, 401, "unauthorized");
  g_clear_pointer (&r, cp_response_free);
  /* Nonsense ids. */
  r = cp_call (demo, "DELETE", "/me/sessions/not-a-number", ada.access, NULL);
  cp_assert_error (r, 404, "not_found");
  g_clear_pointer (&r, cp_response_free);
  r = cp_call (demo, "DELETE", "/me/sessions/999999999", ada.access, NULL);
  cp_assert_error (r, 404, "not_found");
}

/* Ending one session from another: its access token stops at once, its
 * next refresh fails; the one that ended it goes on. */
static void
test_revoke_one (void)
{
  g_auto(Device) phone = { 0 };
  g_auto(Device) laptop = { 0 };
  g_autoptr(CpResponse) list = NULL;
  g_autoptr(CpResponse) r = NULL;
  g_autoptr(CpResponse) after = NULL;
  g_autofree char *path = NULL;

  sign_in (&phone, "grace@example.com", "demo-customer-password", "revoke-one-phone", "1");
  sign_in (&laptop, "grace@example.com", "demo-customer-password", "revoke-one-laptop", "1");
  list = cp_call (demo, "GET", "/me/sessions", laptop.access, NULL);
  path = g_strdup_printf ("/me/sessions/%s",
                          json_object_get_string_member (find_session (list, "revoke-one-phone"), "id"));

  g_assert_cmpuint (me_status (&phone), ==, 200);
  r = cp_call (demo, "DELETE", path, laptop.access, NULL);
  g_assert_cmpuint (r->status, ==, 204);
  g_assert_cmpuint (me_status (&phone), ==, 401);
  {
    g_autoptr(CpResponse) told = cp_call (demo, "GET", "/me", phone.access, NULL);

    /* The device is told why, so that the app can say so. */
    cp_assert_error (told, 401, "session_revoked");
  }
  g_assert_cmpuint (refresh (&phone), ==, 401);
  {
    g_autofree char *body = g_strdup_printf ("{\"refresh_token\": \"%s\"}", phone.refresh);
    g_autoptr(CpResponse) told = cp_call (demo, "POST", "/auth/refresh", NULL, body);

    cp_assert_error (told, 401, "session_revoked");
  }
  g_assert_cmpuint (me_status (&laptop), ==, 200);
  g_assert_cmpuint (refresh (&laptop), ==, 200);
  g_assert_cmpuint (me_status (&laptop), ==, 200);

  after = cp_call (demo, "GET", "/me/sessions", laptop.access, NULL);
  g_assert_null (find_session (after, "revoke-one-phone"));
  g_assert_nonnull (find_session (after, "revoke-one-laptop"));
  /* Twice: gone. */
  g_clear_pointer (&r, cp_response_free);
  r = cp_call (demo, "DELETE", path, laptop.access, NULL);
  cp_assert_error (r, 404, "not_found");
}

/* Sign out everywhere else: every other session ends, this one goes on. */
static void
test_revoke_others (void)
{
  g_auto(Device) a = { 0 };
  g_auto(Device) b = { 0 };
  g_auto(Device) c = { 0 };
  g_auto(Device) other_user = { 0 };
  g_autoptr(CpResponse) r = NULL;
  g_autoptr(CpResponse) list = NULL;

  sign_in (&a, "harbor@example.com", "demo-customer-password", "others-a", "1");
  sign_in (&b, "harbor@example.com", "demo-customer-password", "others-b", "1");
  sign_in (&c, "harbor@example.com", "demo-customer-password", "others-c", "1");
  sign_in (&other_user, "grace@example.com", "demo-customer-password", "others-grace", "1");

  r = cp_call (demo, "POST", "/me/sessions/revoke-others", a.access, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (cp_response_object (r), "revoked"), >=, 2);
  g_assert_cmpuint (me_status (&a), ==, 200);
  g_assert_cmpuint (me_status (&b), ==, 401);
  g_assert_cmpuint (me_status (&c), ==, 401);
  g_assert_cmpuint (refresh (&b), ==, 401);
  g_assert_cmpuint (refresh (&c), ==, 401);
  /* Someone else's sessions are untouched. */
  g_assert_cmpuint (me_status (&other_user), ==, 200);
  g_assert_cmpuint (refresh (&a), ==, 200);

  list = cp_call (demo, "GET", "/me/sessions", a.access, NULL);
  g_assert_cmpuint (json_array_get_length (cp_response_items (list)), ==, 1);
  g_assert_true (json_object_get_boolean_member (find_session (list, "others-a"), "current"));
}

/* A login without a device name still works and lists with an empty one;
 * an over-long name is cut to 100 characters. */
static void
test_login_fields (void)
{
  g_auto(Device) plain = { 0 };
  g_auto(Device) longer = { 0 };
  g_autofree char *name = g_strnfill (500, 'x');
  g_autofree char *cut = g_strnfill (100, 'x');
  g_autoptr(CpResponse) list = NULL;
  g_autoptr(CpResponse) bad = NULL;

  sign_in (&plain, "staff@example.com", "demo-staff-password", NULL, NULL);
  sign_in (&longer, "staff@example.com", "demo-staff-password", name, "1");
  list = cp_call (demo, "GET", "/me/sessions", plain.access, NULL);
  g_assert_nonnull (find_session (list, ""));
  g_assert_nonnull (find_session (list, cut));
  bad = cp_call (demo, "POST", "/auth/login", NULL,
                 "{\"email\": \"staff@example.com\", \"password\": \"demo-staff-password\","
                 " \"device_name\": 7}");
  cp_assert_error (bad, 400, "invalid_request");
}

/* The stored "last used" of the one session named @name, read from the
 * database itself (the listing shows it to the second only as text). */
static gint64
stored_last_used (const char *name,
                  const char *set_to)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (cp_test_server_get_db_path (demo), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (set_to != NULL)
    {
      g_autofree char *update = g_strdup_printf ("UPDATE sessions SET last_used_at = %s"
                                                 " WHERE device_name = '%s'", set_to, name);

      g_assert_cmpint (sqlite3_exec (db, update, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT last_used_at FROM sessions"
                                           " WHERE device_name = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A request notes the session's use, to the minute: one used within the
 * last minute is not written again, one used longer ago (or never noted)
 * is brought to now. */
static void
test_last_used (void)
{
  g_auto(Device) device = { 0 };
  gint64 now;

  sign_in (&device, "grace@example.com", "demo-customer-password", "grace-minute", "1");
  now = g_get_real_time () / G_USEC_PER_SEC;

  stored_last_used ("grace-minute", "strftime ('%s', 'now') - 30");
  g_assert_cmpuint (me_status (&device), ==, 200);
  g_assert_cmpint (stored_last_used ("grace-minute", NULL), <=, now - 25);

  stored_last_used ("grace-minute", "strftime ('%s', 'now') - 3600");
  g_assert_cmpuint (me_status (&device), ==, 200);
  g_assert_cmpint (stored_last_used ("grace-minute", NULL), >=, now);

  stored_last_used ("grace-minute", "NULL");
  g_assert_cmpuint (me_status (&device), ==, 200);
  g_assert_cmpint (stored_last_used ("grace-minute", NULL), >=, now);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  demo = cp_test_server_start (CP_TEST_SERVER_DEMO);

  g_test_add_func ("/server/sessions/list", test_list);
  g_test_add_func ("/server/sessions/only-own", test_only_own);
  g_test_add_func ("/server/sessions/revoke-one", test_revoke_one);
  g_test_add_func ("/server/sessions/revoke-others", test_revoke_others);
  g_test_add_func ("/server/sessions/login-fields", test_login_fields);
  g_test_add_func ("/server/sessions/last-used", test_last_used);

  status = g_test_run ();
  cp_test_server_stop (demo);
  return status;
}
