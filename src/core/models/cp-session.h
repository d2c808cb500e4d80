/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CP_TYPE_SESSION (cp_session_get_type ())

G_DECLARE_FINAL_TYPE (CpSession, cp_session, CP, SESSION, GObject)

/*
 * One signed-in device of the logged-in user (GET /me/sessions): the device
 * name and app version its login sent, when it signed in and was last
 * used, and whether it is this one.
 */
const char *cp_session_get_id           (CpSession *self);
const char *cp_session_get_device_name  (CpSession *self);
const char *cp_session_get_app_version  (CpSession *self);
GDateTime  *cp_session_get_created_at   (CpSession *self);
GDateTime  *cp_session_get_last_used_at (CpSession *self);
gboolean    cp_session_get_current      (CpSession *self);

G_END_DECLS
