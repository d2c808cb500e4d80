/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-db.h"
#include "cp-store-users.h"

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
  gboolean signed_out;     /* revoked by its user from another device */
  gint64 last_used_at;     /* the session's; cp_store_access_token_find() only */
} CpStoreToken;

gint64    cp_store_session_add           (CpDb          *db,
                                          gint64         user_id,
                                          const char    *device_name,
                                          const char    *app_version,
                                          gint64         at);
/* A session's "last used" is written at most this often. */
#define CP_SESSION_TOUCH_SECONDS 60

/* Notes that the session was used at @at (at most once a minute). */
void      cp_store_session_touch         (CpDb          *db,
                                          gint64         session_id,
                                          gint64         at);
/* The user's sessions that still work, most recently used first: columns
 * id, device_name, app_version, created_at, last_used_at. */
CpStmt   *cp_store_user_sessions_select  (CpDb          *db,
                                          gint64         user_id);
/* Ends the user's session @session_id: FALSE if it is not theirs or
 * already ended. Its tokens are refused from then on; the access tokens
 * are kept (refused) until they expire so that a request with one can be
 * told why. */
gboolean  cp_store_user_session_revoke   (CpDb          *db,
                                          gint64         user_id,
                                          gint64         session_id,
                                          gint64         at);
/* Ends every session of the user but @keep_session_id: how many it ended. */
guint     cp_store_user_sessions_revoke_others (CpDb    *db,
                                          gint64         user_id,
                                          gint64         keep_session_id,
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
/* An access token together with its session's last use and its user, in
 * one statement: what every signed-in request looks up. @user's id is 0
 * when the user is gone. */
gboolean  cp_store_access_token_find     (CpDb          *db,
                                          const char    *token,
                                          CpStoreToken  *out,
                                          CpStoreUser   *user);
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
