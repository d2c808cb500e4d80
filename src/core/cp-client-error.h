/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CP_CLIENT_ERROR (cp_client_error_quark ())

/**
 * CpClientError:
 *
 * Errors of the client layer. The first group mirrors the `error.code`
 * values of the portal API contract; the second is what the client itself
 * detects about the transport or the reply.
 *
 * Errors of this domain are extended errors: besides the message (the
 * server's own, suitable for display) they carry the form field at fault
 * (cp_client_error_get_field()) and, for %CP_CLIENT_ERROR_RATE_LIMITED, how
 * long to wait (cp_client_error_get_retry_after()).
 */
typedef enum
{
  CP_CLIENT_ERROR_INVALID_REQUEST,
  CP_CLIENT_ERROR_UNAUTHORIZED,
  CP_CLIENT_ERROR_TOKEN_EXPIRED,
  CP_CLIENT_ERROR_FORBIDDEN,
  CP_CLIENT_ERROR_EMAIL_NOT_VERIFIED,
  CP_CLIENT_ERROR_ONLINE_PAYMENTS_DISABLED,
  CP_CLIENT_ERROR_NOT_FOUND,
  CP_CLIENT_ERROR_CONFLICT,
  CP_CLIENT_ERROR_IDEMPOTENCY_CONFLICT,
  CP_CLIENT_ERROR_CARD_DECLINED,
  CP_CLIENT_ERROR_RATE_LIMITED,
  CP_CLIENT_ERROR_PAYLOAD_TOO_LARGE,
  CP_CLIENT_ERROR_INTERNAL,

  CP_CLIENT_ERROR_NETWORK,
  CP_CLIENT_ERROR_TLS,
  CP_CLIENT_ERROR_TIMEOUT,
  CP_CLIENT_ERROR_BAD_RESPONSE,
  CP_CLIENT_ERROR_INSECURE_URL,
  CP_CLIENT_ERROR_SESSION_EXPIRED,
  CP_CLIENT_ERROR_UNKNOWN,
  CP_CLIENT_ERROR_NOT_LOGGED_IN,
  CP_CLIENT_ERROR_INVALID_URL,
  CP_CLIENT_ERROR_TOO_MANY_ITEMS,
  CP_CLIENT_ERROR_SESSION_REVOKED,
  CP_CLIENT_ERROR_AUTOPAY_METHOD,
  CP_CLIENT_ERROR_CONSENT_OUTDATED,
} CpClientError;

GQuark        cp_client_error_quark           (void);
CpClientError cp_client_error_from_code       (const char *code);
const char   *cp_client_error_to_code         (CpClientError error);
const char   *cp_client_error_get_field       (const GError *error);
gint64        cp_client_error_get_retry_after (const GError *error);
GError       *cp_client_error_new_full        (CpClientError error,
                                               const char   *field,
                                               gint64        retry_after,
                                               const char   *message);

G_END_DECLS
