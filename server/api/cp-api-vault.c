/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-api-vault.h"

gboolean
cp_api_vault_key_matches (CpRequest *req)
{
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Authorization");
  const char *key = cp_vault_get_key (req->env->vault);
  gsize key_len = strlen (key);
  guchar given[32], expected[32];

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  /* Compare digests, so the comparison is constant-time whatever the lengths. */
  crypto_hash_sha256 (given, (const guchar *) header + 7, strlen (header + 7));
  crypto_hash_sha256 (expected, (const guchar *) key, key_len);
  return sodium_memcmp (given, expected, sizeof given) == 0;
}

/* Reads a JSON member that clients may send as a number or a digit string. */
static gboolean
get_number (CpRequest  *req,
            const char *name,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (cp_request_body_object (req), name);
  g_autofree char *message = g_strdup_printf ("“%s” is required.", name);

  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE)
    {
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);
          guint64 value;

          if (*text != '\0' && strlen (text) <= 4
              && g_ascii_string_to_unsigned (text, 10, 0, 9999, &value, NULL))
            {
              *out = (gint64) value;
              return TRUE;
            }
        }
    }
  cp_http_invalid (req, name, message);
  return FALSE;
}

/**
 * cp_api_vault_tokens:
 *
 * `POST /vault/v1/tokens`: exchanges card details for a token. Nothing of the
 * request is logged; the copies of the number and CVC are wiped, and the
 * router wipes the body once the answer is out (ROUTE_SECRET_BODY).
 */
void
cp_api_vault_tokens (CpRequest *req)
{
  CpApiEnv *env = req->env;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *number = NULL, *cvc = NULL, *name = NULL, *postal = NULL;
  char *number_copy = NULL, *cvc_copy = NULL;
  gint64 exp_month = 0, exp_year = 0;
  const char *field = NULL, *message = NULL;
  CpVaultCard card;
  gboolean ok;
  const char *address = soup_server_message_get_remote_host (req->msg);
  gint64 retry = cp_rate_limit_take (env->vault_limit, address ? address : "",
                                     g_get_monotonic_time ());

  if (retry > 0)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, retry);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", value);
      cp_http_error (req, 429, "rate_limited", NULL,
                     "Too many cards from this address. Try again later.");
      return;
    }
  if (!cp_request_get_string (req, "number", TRUE, &number)
      || !get_number (req, "exp_month", &exp_month)
      || !get_number (req, "exp_year", &exp_year)
      || !cp_request_get_string (req, "cvc", TRUE, &cvc)
      || !cp_request_get_string (req, "cardholder_name", TRUE, &name)
      || !cp_request_get_string (req, "postal_code", FALSE, &postal))
    return;

  number_copy = g_strdup (number);
  cvc_copy = g_strdup (cvc);
  ok = cp_vault_tokenize (env->vault, number_copy, exp_month, exp_year, cvc_copy, name, postal,
                          &card, &field, &message);
  sodium_memzero (number_copy, strlen (number_copy));
  sodium_memzero (cvc_copy, strlen (cvc_copy));
  g_free (number_copy);
  g_free (cvc_copy);

  if (!ok)
    {
      if (message != NULL)
        cp_http_invalid (req, field, message);
      else
        cp_http_internal (req);
      return;
    }

  json_builder_begin_object (builder);
  cp_json_add_string (builder, "token", card.token);
  cp_json_add_string (builder, "brand", card.brand);
  cp_json_add_string (builder, "last4", card.last4);
  cp_json_add_int (builder, "exp_month", card.exp_month);
  cp_json_add_int (builder, "exp_year", card.exp_year);
  json_builder_end_object (builder);
  cp_vault_card_clear (&card);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}
