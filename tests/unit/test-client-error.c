/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-client-error.h"

/* Every error code of the contract maps to its own enum value and back, so a
 * form can tell "card declined" from "rate limited". */
static void
test_codes_round_trip (void)
{
  static const char *contract_codes[] = {
    "invalid_request", "unauthorized", "token_expired", "forbidden",
    "email_not_verified", "online_payments_disabled", "not_found", "conflict",
    "idempotency_conflict", "card_declined", "rate_limited", "internal",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (contract_codes); i++)
    {
      CpClientError error = cp_client_error_from_code (contract_codes[i]);

      g_assert_cmpint (error, !=, CP_CLIENT_ERROR_UNKNOWN);
      g_assert_cmpstr (cp_client_error_to_code (error), ==, contract_codes[i]);
      g_assert_false (g_hash_table_contains (seen, GINT_TO_POINTER (error)));
      g_hash_table_add (seen, GINT_TO_POINTER (error));
    }
}

static void
test_unknown_codes (void)
{
  g_assert_cmpint (cp_client_error_from_code (NULL), ==, CP_CLIENT_ERROR_UNKNOWN);
  g_assert_cmpint (cp_client_error_from_code ("teapot"), ==, CP_CLIENT_ERROR_UNKNOWN);
  g_assert_cmpint (cp_client_error_from_code ("CARD_DECLINED"), ==, CP_CLIENT_ERROR_UNKNOWN);
  g_assert_null (cp_client_error_to_code (CP_CLIENT_ERROR_NETWORK));
  g_assert_null (cp_client_error_to_code (CP_CLIENT_ERROR_TLS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/client-error/round-trip", test_codes_round_trip);
  g_test_add_func ("/unit/client-error/unknown", test_unknown_codes);

  return g_test_run ();
}
