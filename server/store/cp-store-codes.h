/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/*
 * One-time codes mailed for an invitation ("invite") or a password reset
 * ("reset"). Only a keyed digest of purpose, email and code is stored
 * (HMAC-SHA-256 with the server's code key): six digits are a million
 * guesses, so without the key a copy of the database tells nothing. A
 * check compares in constant time and counts wrong tries.
 */

#define CP_CODE_KEY_SIZE 32
typedef enum
{
  CP_CODE_OK,              /* right, and now used up */
  CP_CODE_WRONG,           /* wrong; a try was counted */
  CP_CODE_RETIRED,         /* wrong, and that was the last try */
  CP_CODE_NONE,            /* no live code: none sent, expired or out of tries */
  CP_CODE_ERROR,
} CpCodeCheck;

/* How many codes were sent to @email for @purpose since @since; -1 on error. */
int          cp_store_codes_count_since  (CpDb       *db,
                                          const char *email,
                                          const char *purpose,
                                          gint64      since);
gboolean     cp_store_code_key_load      (const char *path,
                                          guint8      key[CP_CODE_KEY_SIZE],
                                          GError    **error);
/* Retires the earlier codes and keeps @code until @expires_at. */
gboolean     cp_store_code_replace       (CpDb       *db,
                                          const guint8 *key,
                                          const char *email,
                                          const char *purpose,
                                          const char *code,
                                          gint64      at,
                                          gint64      expires_at);
CpCodeCheck  cp_store_code_check         (CpDb       *db,
                                          const guint8 *key,
                                          const char *email,
                                          const char *purpose,
                                          const char *code,
                                          int         max_attempts,
                                          gint64      now);

G_END_DECLS
