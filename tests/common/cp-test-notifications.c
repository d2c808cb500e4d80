/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-test-notifications.h"

/*
 * A stand-in org.freedesktop.Notifications on the test's session bus, so
 * that what the app tells the desktop (GNotification) can be asserted.
 */

static GPtrArray *notified;

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'>"
  "<arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "<arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "</interface></node>";

static void
notification_free (CpTestNotification *n)
{
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static void
notify_cb (GDBusConnection       *connection,
           const char            *sender,
           const char            *path,
           const char            *interface,
           const char            *method,
           GVariant              *parameters,
           GDBusMethodInvocation *invocation,
           gpointer               user_data)
{
  CpTestNotification *n = g_new0 (CpTestNotification, 1);

  g_variant_get_child (parameters, 3, "s", &n->summary);
  g_variant_get_child (parameters, 4, "s", &n->body);
  g_variant_get_child (parameters, 5, "^as", &n->actions);
  g_ptr_array_add (notified, n);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified->len));
}

/**
 * cp_test_notifications_serve:
 *
 * Owns org.freedesktop.Notifications on the session bus (once per test
 * program).
 *
 * Returns: (transfer none) (element-type CpTestNotification): what it is
 *   sent, oldest first; the test may empty it
 */
GPtrArray *
cp_test_notifications_serve (void)
{
  static const GDBusInterfaceVTable vtable = { notify_cb, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  GDBusConnection *bus;

  if (notified != NULL)
    return notified;

  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  notified = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                NULL, NULL, NULL, NULL);
  return notified;
}
