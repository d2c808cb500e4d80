/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include "cp-client-error.h"

typedef struct
{
  char *field;
  gint64 retry_after;
} CpClientErrorPrivate;

static void
cp_client_error_private_init (CpClientErrorPrivate *priv)
{
  priv->field = NULL;
  priv->retry_after = -1;
}

static void
cp_client_error_private_copy (const CpClientErrorPrivate *src,
                              CpClientErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->retry_after = src->retry_after;
}

static void
cp_client_error_private_clear (CpClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

/* An extended error domain: every CP_CLIENT_ERROR carries the form field at
 * fault and the server's Retry-After, whoever created it. */
G_DEFINE_EXTENDED_ERROR (CpClientError, cp_client_error)

static const struct
{
  CpClientError error;
  const char *code;
} codes[] = {
  { CP_CLIENT_ERROR_INVALID_REQUEST, "invalid_request" },
  { CP_CLIENT_ERROR_UNAUTHORIZED, "unauthorized" },
  { CP_CLIENT_ERROR_TOKEN_EXPIRED, "token_expired" },
  { CP_CLIENT_ERROR_SESSION_REVOKED, "session_revoked" },
  { CP_CLIENT_ERROR_FORBIDDEN, "forbidden" },
  { CP_CLIENT_ERROR_EMAIL_NOT_VERIFIED, "email_not_verified" },
  { CP_CLIENT_ERROR_ONLINE_PAYMENTS_DISABLED, "online_payments_disabled" },
  { CP_CLIENT_ERROR_NOT_FOUND, "not_found" },
  { CP_CLIENT_ERROR_CONFLICT, "conflict" },
  { CP_CLIENT_ERROR_IDEMPOTENCY_CONFLICT, "idempotency_conflict" },
  { CP_CLIENT_ERROR_CARD_DECLINED, "card_declined" },
  { CP_CLIENT_ERROR_RATE_LIMITED, "rate_limited" },
  { CP_CLIENT_ERROR_PAYLOAD_TOO_LARGE, "payload_too_large" },
  { CP_CLIENT_ERROR_INTERNAL, "internal" },
  { CP_CLIENT_ERROR_AUTOPAY_METHOD, "autopay_method" },
  { CP_CLIENT_ERROR_CONSENT_OUTDATED, "consent_outdated" },
};

/**
 * cp_client_error_from_code:
 * @code: (nullable): the `error.code` string of an error reply
 *
 * Returns: the matching #CpClientError, or %CP_CLIENT_ERROR_UNKNOWN for a
 *   code this client does not know.
 */
CpClientError
cp_client_error_from_code (const char *code)
{
  if (code == NULL)
    return CP_CLIENT_ERROR_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (codes[i].code, code))
      return codes[i].error;

  return CP_CLIENT_ERROR_UNKNOWN;
}

/**
 * cp_client_error_to_code:
 * @error: a #CpClientError
 *
 * Returns: (nullable): the contract's code string for @error, or %NULL when
 *   @error is one the client detects itself.
 */
const char *
cp_client_error_to_code (CpClientError error)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i].error == error)
      return codes[i].code;

  return NULL;
}

/**
 * cp_client_error_get_field:
 * @error: an error of any domain
 *
 * Returns: (nullable): the request field the server blamed (the `field` of
 *   its error reply, e.g. "email"), or %NULL
 */
const char *
cp_client_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != CP_CLIENT_ERROR)
    return NULL;

  return cp_client_error_get_private (error)->field;
}

/**
 * cp_client_error_get_retry_after:
 * @error: an error of any domain
 *
 * Returns: the seconds the server asked to wait before trying again
 *   (`Retry-After`), or -1 when it did not say
 */
gint64
cp_client_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != CP_CLIENT_ERROR)
    return -1;

  return cp_client_error_get_private (error)->retry_after;
}

/**
 * cp_client_error_new_full:
 * @error: the code
 * @field: (nullable): the field at fault
 * @retry_after: seconds to wait, or -1
 * @message: the message to show
 *
 * Returns: (transfer full): a new #GError of the %CP_CLIENT_ERROR domain
 */
GError *
cp_client_error_new_full (CpClientError  error,
                          const char    *field,
                          gint64         retry_after,
                          const char    *message)
{
  GError *ret = g_error_new_literal (CP_CLIENT_ERROR, error, message);
  CpClientErrorPrivate *priv = cp_client_error_get_private (ret);

  priv->field = g_strdup (field);
  priv->retry_after = retry_after;

  return ret;
}
