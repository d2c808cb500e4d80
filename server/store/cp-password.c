/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "cp-password.h"

char *
cp_password_hash (const char *password)
{
  char hash[crypto_pwhash_STRBYTES];

  /* argon2id, 19 MiB, two passes: OWASP's minimum for argon2id. */
  if (crypto_pwhash_str_alg (hash, password, strlen (password), 2, 19 * 1024 * 1024,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    return NULL;
  return g_strdup (hash);
}

gboolean
cp_password_verify (const char *hash,
                    const char *password)
{
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}
