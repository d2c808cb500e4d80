/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/*
 * One-time codes mailed for an invitation ("invite") or a password reset
 * ("reset"). Only a digest of purpose, email and code is stored; a check
 * compares it in constant time and counts wrong tries.
 */
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
/* Retires the earlier codes and keeps @code until @expires_at. */
gboolean     cp_store_code_replace       (CpDb       *db,
                                          const char *email,
                                          const char *purpose,
                                          const char *code,
                                          gint64      at,
                                          gint64      expires_at);
CpCodeCheck  cp_store_code_check         (CpDb       *db,
                                          const char *email,
                                          const char *purpose,
                                          const char *code,
                                          int         max_attempts,
                                          gint64      now);

G_END_DECLS
