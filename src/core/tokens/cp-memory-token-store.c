/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <string.h>

#include "cp-memory-token-store-private.h"

/* Tokens in a hash table, for tests and for a session without a keyring. */
struct _CpMemoryTokenStore
{
  GObject parent_instance;

  GHashTable *tokens;
  guint n_stores;
};

static void token_store_iface_init (CpTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpMemoryTokenStore, cp_memory_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

static void
wipe_free (gpointer data)
{
  char *text = data;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

static char *
make_key (const char *server,
          const char *email)
{
  return g_strconcat (server, "\n", email, NULL);
}

static void
memory_store_async (CpTokenStore        *store,
                    const char          *server,
                    const char          *email,
                    const char          *refresh_token,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  CpMemoryTokenStore *self = CP_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_store_async);
  g_hash_table_replace (self->tokens, make_key (server, email), g_strdup (refresh_token));
  self->n_stores++;
  g_task_return_boolean (task, TRUE);
}

static void
memory_lookup_async (CpTokenStore        *store,
                     const char          *server,
                     const char          *email,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  CpMemoryTokenStore *self = CP_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (server, email);

  g_task_set_source_tag (task, memory_lookup_async);
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->tokens, key)), wipe_free);
}

static void
memory_delete_async (CpTokenStore        *store,
                     const char          *server,
                     const char          *email,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  CpMemoryTokenStore *self = CP_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (server, email);

  g_task_set_source_tag (task, memory_delete_async);
  g_hash_table_remove (self->tokens, key);
  g_task_return_boolean (task, TRUE);
}

static void
token_store_iface_init (CpTokenStoreInterface *iface)
{
  iface->store_async = memory_store_async;
  iface->lookup_async = memory_lookup_async;
  iface->delete_async = memory_delete_async;
}

static void
cp_memory_token_store_finalize (GObject *object)
{
  CpMemoryTokenStore *self = CP_MEMORY_TOKEN_STORE (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);

  G_OBJECT_CLASS (cp_memory_token_store_parent_class)->finalize (object);
}

static void
cp_memory_token_store_class_init (CpMemoryTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_memory_token_store_finalize;
}

static void
cp_memory_token_store_init (CpMemoryTokenStore *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
}

CpMemoryTokenStore *
cp_memory_token_store_new (void)
{
  return g_object_new (CP_TYPE_MEMORY_TOKEN_STORE, NULL);
}

/* For tests (cp-memory-token-store-private.h): how many tokens the store
 * holds. */
guint
cp_memory_token_store_get_n_items (CpMemoryTokenStore *self)
{
  g_return_val_if_fail (CP_IS_MEMORY_TOKEN_STORE (self), 0);
  return g_hash_table_size (self->tokens);
}

/* For tests: how many times a token was stored. */
guint
cp_memory_token_store_get_n_stores (CpMemoryTokenStore *self)
{
  g_return_val_if_fail (CP_IS_MEMORY_TOKEN_STORE (self), 0);
  return self->n_stores;
}
