/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include "cp-json-private.h"
#include "cp-session-private.h"

struct _CpSession
{
  GObject parent_instance;

  char *id;
  char *device_name;
  char *app_version;
  GDateTime *created_at;
  GDateTime *last_used_at;
  gboolean current;
};

G_DEFINE_FINAL_TYPE (CpSession, cp_session, G_TYPE_OBJECT)

static void
cp_session_finalize (GObject *object)
{
  CpSession *self = CP_SESSION (object);

  g_free (self->id);
  g_free (self->device_name);
  g_free (self->app_version);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_used_at, g_date_time_unref);

  G_OBJECT_CLASS (cp_session_parent_class)->finalize (object);
}

static void
cp_session_class_init (CpSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_session_finalize;
}

static void
cp_session_init (CpSession *self)
{
}

const char *
cp_session_get_id (CpSession *self)
{
  g_return_val_if_fail (CP_IS_SESSION (self), NULL);
  return self->id;
}

const char *
cp_session_get_device_name (CpSession *self)
{
  g_return_val_if_fail (CP_IS_SESSION (self), NULL);
  return self->device_name;
}

const char *
cp_session_get_app_version (CpSession *self)
{
  g_return_val_if_fail (CP_IS_SESSION (self), NULL);
  return self->app_version;
}

GDateTime *
cp_session_get_created_at (CpSession *self)
{
  g_return_val_if_fail (CP_IS_SESSION (self), NULL);
  return self->created_at;
}

GDateTime *
cp_session_get_last_used_at (CpSession *self)
{
  g_return_val_if_fail (CP_IS_SESSION (self), NULL);
  return self->last_used_at;
}

gboolean
cp_session_get_current (CpSession *self)
{
  g_return_val_if_fail (CP_IS_SESSION (self), FALSE);
  return self->current;
}

gpointer
cp_session_parse (JsonObject  *object,
                  GError     **error)
{
  g_autoptr(CpSession) self = g_object_new (CP_TYPE_SESSION, NULL);

  if (!cp_json_get_id (object, "id", FALSE, &self->id, error)
      || !cp_json_get_string (object, "device_name", FALSE, &self->device_name, error)
      || !cp_json_get_string (object, "app_version", FALSE, &self->app_version, error)
      || !cp_json_get_time (object, "created_at", &self->created_at, error)
      || !cp_json_get_time (object, "last_used_at", &self->last_used_at, error)
      || !cp_json_get_bool (object, "current", &self->current, error))
    return NULL;
  return g_steal_pointer (&self);
}
