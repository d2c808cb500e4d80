/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-client"

#include "config.h"

#include <string.h>

#include "cp-card-token-private.h"
#include "cp-client-error.h"
#include "cp-client-private.h"
#include "cp-client-settings.h"
#include "cp-client-vault.h"

/* Card tokenization: the one request that carries card digits. It goes to
 * the vault named in the configuration, never to the portal API; the body
 * is built without json-glib and wiped once sent. */

/* JSON string contents for @text (without the quotes). */
static char *
json_string_escape (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *quoted = NULL;
  gsize len;

  json_node_set_string (node, text ? text : "");
  json_generator_set_root (generator, node);
  quoted = json_generator_to_data (generator, &len);
  g_assert (len >= 2);
  return g_strndup (quoted + 1, len - 2);
}

typedef struct
{
  GBytes *body;
} TokenizeData;

static void
tokenize_data_free (TokenizeData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

static void tokenize_with_config (GTask    *task,
                                  CpConfig *config);

static void
tokenize_config_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpConfig) config = cp_client_ensure_config_finish (CP_CLIENT (object), result, &error);

  if (config == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    tokenize_with_config (task, config);
}

static void
tokenize_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CpCardToken *token = g_task_propagate_pointer (G_TASK (result), &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
tokenize_with_config (GTask    *task,
                      CpConfig *config)
{
  CpClient *self = g_task_get_source_object (task);
  TokenizeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_strdup (cp_config_get_vault_url (config));
  CpRequest *req;
  gsize len = strlen (base);

  if (!cp_client_check_url (base, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';

  req = cp_request_new_object (self, "POST", g_strconcat (base, "/v1/tokens", NULL),
                               cp_card_token_parse);
  req->auth = CP_REQUEST_AUTH_VAULT;
  req->vault_key = g_strdup (cp_config_get_vault_key (config));
  req->body = g_steal_pointer (&data->body);
  req->retry = FALSE;
  cp_client_start (self, req, cp_client_tokenize_card_async, g_task_get_cancellable (task),
                   tokenize_done_cb, g_object_ref (task));
}

void
cp_client_tokenize_card_async (CpClient            *self,
                               CpCardInput         *card,
                               const char          *cardholder_name,
                               const char          *postal_code,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *postal = NULL;
  TokenizeData *data;
  GString *body;
  gsize size;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (CP_IS_CARD_INPUT (card));

  /* The digits go straight from the card input into one buffer sized in
   * advance (so it is never reallocated, leaving copies behind) and wiped
   * when the request is done; json-glib never sees them. The name and
   * postal code hold no digits of the card and are escaped by json-glib. */
  name = json_string_escape (cardholder_name);
  postal = postal_code != NULL ? json_string_escape (postal_code) : NULL;
  size = strlen (name) + (postal ? strlen (postal) : 0) + 256;
  body = g_string_sized_new (size);
  g_string_append (body, "{\"number\":\"");
  g_string_append (body, cp_card_input_peek_number (card));
  g_string_append_printf (body, "\",\"exp_month\":%u,\"exp_year\":%u,\"cvc\":\"",
                          cp_card_input_get_exp_month (card), cp_card_input_get_exp_year (card));
  g_string_append (body, cp_card_input_peek_cvc (card));
  g_string_append (body, "\",\"cardholder_name\":\"");
  g_string_append (body, name);
  g_string_append_c (body, '"');
  if (postal != NULL)
    {
      g_string_append (body, ",\"postal_code\":\"");
      g_string_append (body, postal);
      g_string_append_c (body, '"');
    }
  g_string_append_c (body, '}');
  g_assert (body->allocated_len >= size);

  data = g_new0 (TokenizeData, 1);
  data->body = g_bytes_new_with_free_func (body->str, body->len, cp_client_wipe_bytes_free, body);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_client_tokenize_card_async);
  g_task_set_task_data (task, data, (GDestroyNotify) tokenize_data_free);

  /* The vault's address and key come with the configuration. */
  cp_client_ensure_config_async (self, cancellable, tokenize_config_cb, g_object_ref (task));
}

void
cp_client_tokenize_bank_account_async (CpClient            *self,
                                       const char          *account_holder,
                                       const char          *routing_number,
                                       const char          *account_number,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *holder = NULL;
  TokenizeData *data;
  GString *body;
  gsize size;

  g_return_if_fail (CP_IS_CLIENT (self));
  g_return_if_fail (routing_number != NULL);
  g_return_if_fail (account_number != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_client_tokenize_bank_account_async);

  /* Checked here too, so that nothing but digits is ever put into the
   * body unescaped. */
  if (strspn (routing_number, "0123456789") != strlen (routing_number)
      || strspn (account_number, "0123456789") != strlen (account_number))
    {
      g_task_return_new_error (task, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST,
                               "%s", "Routing and account numbers are digits only");
      return;
    }

  /* As for a card: the digits go into one buffer sized in advance, wiped
   * once the request is done; json-glib only sees the holder's name. */
  holder = json_string_escape (account_holder);
  size = strlen (holder) + strlen (routing_number) + strlen (account_number) + 128;
  body = g_string_sized_new (size);
  g_string_append (body, "{\"type\":\"bank_account\",\"account_holder\":\"");
  g_string_append (body, holder);
  g_string_append (body, "\",\"routing_number\":\"");
  g_string_append (body, routing_number);
  g_string_append (body, "\",\"account_number\":\"");
  g_string_append (body, account_number);
  g_string_append (body, "\"}");
  g_assert (body->allocated_len >= size);

  data = g_new0 (TokenizeData, 1);
  data->body = g_bytes_new_with_free_func (body->str, body->len, cp_client_wipe_bytes_free, body);
  g_task_set_task_data (task, data, (GDestroyNotify) tokenize_data_free);

  cp_client_ensure_config_async (self, cancellable, tokenize_config_cb, g_object_ref (task));
}

/**
 * cp_client_tokenize_bank_account_finish:
 *
 * Returns: (transfer full): the processor's token and the account's public
 *   details (bank name, last 4)
 */
CpCardToken *
cp_client_tokenize_bank_account_finish (CpClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_tokenize_bank_account_async, error);
}

/**
 * cp_client_tokenize_card_finish:
 *
 * Returns: (transfer full): the vault's token and the card's public details
 */
CpCardToken *
cp_client_tokenize_card_finish (CpClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return cp_client_finish_pointer (self, result, cp_client_tokenize_card_async, error);
}
