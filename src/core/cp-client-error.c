/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include "cp-client-error.h"

G_DEFINE_QUARK (cp-client-error-quark, cp_client_error)

static const struct
{
  CpClientError error;
  const char *code;
} codes[] = {
  { CP_CLIENT_ERROR_INVALID_REQUEST, "invalid_request" },
  { CP_CLIENT_ERROR_UNAUTHORIZED, "unauthorized" },
  { CP_CLIENT_ERROR_TOKEN_EXPIRED, "token_expired" },
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
