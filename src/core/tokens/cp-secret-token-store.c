/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "cp-secret-token-store.h"

#define DEFAULT_TIMEOUT_MS 5000
#define SCHEMA_VERSION "1"

/*
 * Refresh tokens in the Secret Service (gnome-keyring, KWallet, the
 * Flatpak secret portal), one item per (server, email) in the default
 * collection. Only the asynchronous libsecret calls are used, each with a
 * timeout, so that a stalled keyring never freezes the app.
 */
struct _CpSecretTokenStore
{
  GObject parent_instance;

  char *app_id;
  SecretSchema *schema;
  guint timeout_ms;
};

static void token_store_iface_init (CpTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpSecretTokenStore, cp_secret_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

enum
{
  PROP_0,
  PROP_APP_ID,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One keyring call: the task, and a cancellable of its own that the
 * timeout or the caller's cancellable cancels. */
typedef struct
{
  GTask *task;
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong cancelled_id;
  guint timeout_id;
  gboolean timed_out;
} Op;

static void
op_free (Op *op)
{
  g_clear_handle_id (&op->timeout_id, g_source_remove);
  if (op->caller_cancellable != NULL)
    g_cancellable_disconnect (op->caller_cancellable, op->cancelled_id);
  g_clear_object (&op->caller_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->task);
  g_free (op);
}

static gboolean
op_timeout_cb (gpointer data)
{
  Op *op = data;

  op->timeout_id = 0;
  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  GCancellable *ours = data;

  g_cancellable_cancel (ours);
}

static Op *
op_new (CpSecretTokenStore  *self,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                g_object_ref (op->cancellable), g_object_unref);
    }
  op->timeout_id = g_timeout_add (self->timeout_ms, op_timeout_cb, op);
  return op;
}

/* Turns what libsecret and D-Bus say into a message the user can act on
 * (see HEADLESS.md for what each situation looks like). */
static GError *
map_error (Op     *op,
           GError *error)
{
  const char *message = error->message;
  GError *ret;

  if (op->timed_out)
    ret = g_error_new_literal (CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_TIMEOUT,
                               _("The keyring did not answer. Your login will not be "
                                 "remembered."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    ret = g_error_new_literal (CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_LOCKED,
                               _("The keyring is locked. Unlock it to have your login "
                                 "remembered."));
  else if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR
           || g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT)
           || (message != NULL && g_strrstr (message, "does not exist at path") != NULL))
    ret = g_error_new_literal (CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_NO_KEYRING,
                               _("No keyring is available. Your login will not be "
                                 "remembered."));
  else
    ret = g_error_new_literal (CP_TOKEN_STORE_ERROR, CP_TOKEN_STORE_ERROR_FAILED,
                               _("The keyring failed. Your login will not be remembered."));

  /* The original is for the debug log; it never holds the secret. */
  g_debug ("Keyring: %s (%s %d)", error->message, g_quark_to_string (error->domain),
           error->code);
  return ret;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (op->task, TRUE);
  else
    g_task_return_error (op->task, map_error (op, error));
  op_free (op);
}

static void
secret_store_async (CpTokenStore        *store,
                    const char          *server,
                    const char          *email,
                    const char          *refresh_token,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (store);
  Op *op = op_new (self, secret_store_async, cancellable, callback, user_data);
  /* Translators: the label of the keyring item; %s are an email and a URL. */
  g_autofree char *label = g_strdup_printf (_("Customer Portal login of %s at %s"),
                                            email, server);

  secret_password_store (self->schema, SECRET_COLLECTION_DEFAULT, label, refresh_token,
                         op->cancellable, store_cb, op,
                         "server", server,
                         "email", email,
                         "version", SCHEMA_VERSION,
                         NULL);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (op->task, map_error (op, error));
  else
    {
      /* libsecret hands out non-pageable memory: copy and wipe it. */
      char *token = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (op->task, token, g_free);
    }
  op_free (op);
}

static void
secret_lookup_async (CpTokenStore        *store,
                     const char          *server,
                     const char          *email,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (store);
  Op *op = op_new (self, secret_lookup_async, cancellable, callback, user_data);

  secret_password_lookup (self->schema, op->cancellable, lookup_cb, op,
                          "server", server,
                          "email", email,
                          "version", SCHEMA_VERSION,
                          NULL);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to delete, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (op->task, map_error (op, error));
  else
    g_task_return_boolean (op->task, TRUE);
  op_free (op);
}

static void
secret_delete_async (CpTokenStore        *store,
                     const char          *server,
                     const char          *email,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (store);
  Op *op = op_new (self, secret_delete_async, cancellable, callback, user_data);

  secret_password_clear (self->schema, op->cancellable, clear_cb, op,
                         "server", server,
                         "email", email,
                         "version", SCHEMA_VERSION,
                         NULL);
}

static void
token_store_iface_init (CpTokenStoreInterface *iface)
{
  iface->store_async = secret_store_async;
  iface->lookup_async = secret_lookup_async;
  iface->delete_async = secret_delete_async;
}

static void
cp_secret_token_store_constructed (GObject *object)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (object);

  G_OBJECT_CLASS (cp_secret_token_store_parent_class)->constructed (object);

  g_assert (self->app_id != NULL);
  self->schema = secret_schema_new (self->app_id, SECRET_SCHEMA_NONE,
                                    "server", SECRET_SCHEMA_ATTRIBUTE_STRING,
                                    "email", SECRET_SCHEMA_ATTRIBUTE_STRING,
                                    "version", SECRET_SCHEMA_ATTRIBUTE_STRING,
                                    NULL);
}

static void
cp_secret_token_store_finalize (GObject *object)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (object);

  g_clear_pointer (&self->schema, secret_schema_unref);
  g_free (self->app_id);

  G_OBJECT_CLASS (cp_secret_token_store_parent_class)->finalize (object);
}

static void
cp_secret_token_store_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_APP_ID:
      g_value_set_string (value, self->app_id);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_secret_token_store_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CpSecretTokenStore *self = CP_SECRET_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_APP_ID:
      self->app_id = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      cp_secret_token_store_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_secret_token_store_class_init (CpSecretTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cp_secret_token_store_constructed;
  object_class->finalize = cp_secret_token_store_finalize;
  object_class->get_property = cp_secret_token_store_get_property;
  object_class->set_property = cp_secret_token_store_set_property;

  properties[PROP_APP_ID] =
    g_param_spec_string ("app-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_secret_token_store_init (CpSecretTokenStore *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
}

/**
 * cp_secret_token_store_new:
 * @app_id: the application ID, which names the libsecret schema
 *
 * Returns: (transfer full): a new store
 */
CpSecretTokenStore *
cp_secret_token_store_new (const char *app_id)
{
  g_return_val_if_fail (app_id != NULL, NULL);
  return g_object_new (CP_TYPE_SECRET_TOKEN_STORE, "app-id", app_id, NULL);
}

const char *
cp_secret_token_store_get_app_id (CpSecretTokenStore *self)
{
  g_return_val_if_fail (CP_IS_SECRET_TOKEN_STORE (self), NULL);
  return self->app_id;
}

/**
 * cp_secret_token_store_set_timeout:
 * @timeout_ms: how long one keyring call may take (default 5000)
 */
void
cp_secret_token_store_set_timeout (CpSecretTokenStore *self,
                                   guint               timeout_ms)
{
  g_return_if_fail (CP_IS_SECRET_TOKEN_STORE (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
cp_secret_token_store_get_timeout (CpSecretTokenStore *self)
{
  g_return_val_if_fail (CP_IS_SECRET_TOKEN_STORE (self), 0);
  return self->timeout_ms;
}
