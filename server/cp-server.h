/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "cp-db.h"
#include "cp-mailer.h"
#include "cp-vault.h"

G_BEGIN_DECLS

/* Everything a request handler may reach. One per process, used from the
 * main thread only (password hashing runs in worker threads on copies). */
typedef struct _CpServer
{
  SoupServer *soup;
  GMainLoop *loop;
  CpDb *db;
  CpVault *vault;
  CpMailer *mailer;

  char *base_url;          /* http://HOST:PORT, without a trailing slash */
  char *dummy_hash;        /* hashed against for unknown logins */
  gint64 access_ttl;       /* seconds */
  gint64 refresh_ttl;      /* seconds */
  GHashTable *throttle;    /* "account:EMAIL" / "address:HOST" → Throttle */

  guint in_flight;
  gboolean stopping;
} CpServer;

#define CP_PASSWORD_MIN_LENGTH 12
#define CP_PASSWORD_MAX_LENGTH 1024
#define CP_BODY_MAX (64 * 1024)

gint64  cp_now                    (void);
char   *cp_format_time            (gint64      unix_seconds);
char   *cp_setting_dup            (CpServer   *server,
                                   const char *key);
gboolean cp_setting_set           (CpServer   *server,
                                   const char *key,
                                   const char *value);
gboolean cp_online_payments_enabled (CpServer *server);
char   *cp_hash_password          (const char *password);
void    cp_server_register_routes (CpServer   *server);

G_END_DECLS
