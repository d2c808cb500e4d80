/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"

G_BEGIN_DECLS

/*
 * Sessions and their tokens. Only a SHA-256 of each token is stored, and a
 * lookup compares the stored digest in constant time, so neither the
 * database nor the timing of a lookup gives a usable token away.
 */
typedef enum
{
  CP_TOKEN_ACCESS,
  CP_TOKEN_REFRESH,
} CpTokenKind;

typedef struct
{
  gint64 session_id;
  gint64 user_id;
  gint64 expires_at;
  gboolean session_revoked;
  gboolean used;           /* refresh tokens: already rotated */
} CpStoreToken;

gint64    cp_store_session_add           (CpDb          *db,
                                          gint64         user_id,
                                          gint64         at);
gboolean  cp_store_token_add             (CpDb          *db,
                                          CpTokenKind    kind,
                                          const char    *token,
                                          gint64         session_id,
                                          gint64         expires_at);
gboolean  cp_store_token_find            (CpDb          *db,
                                          CpTokenKind    kind,
                                          const char    *token,
                                          CpStoreToken  *out);
/* Rotates a refresh token: FALSE if it was used in the meantime. */
gboolean  cp_store_token_use             (CpDb          *db,
                                          const char    *refresh_token,
                                          gint64         at);
/* Ends a session: its access tokens go at once, its refresh tokens stop
 * working with it. */
void      cp_store_session_revoke        (CpDb          *db,
                                          gint64         session_id,
                                          gint64         at);
void      cp_store_user_sessions_revoke  (CpDb          *db,
                                          gint64         user_id,
                                          gint64         at);

G_END_DECLS
