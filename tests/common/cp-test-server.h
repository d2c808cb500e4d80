/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The real reference server, started from the build tree on a loopback port
 * with a temporary database and mail folder, for one test program.
 */
typedef struct _CpTestServer CpTestServer;

typedef enum
{
  CP_TEST_SERVER_EMPTY = 0,
  CP_TEST_SERVER_DEMO = 1 << 0,
} CpTestServerFlags;

CpTestServer *cp_test_server_start         (CpTestServerFlags flags);
CpTestServer *cp_test_server_start_with    (CpTestServerFlags  flags,
                                            const char * const *extra_args);
const char   *cp_test_server_get_url       (CpTestServer *self);
const char   *cp_test_server_get_api_url   (CpTestServer *self);
const char   *cp_test_server_get_mail_dir  (CpTestServer *self);
const char   *cp_test_server_get_db_path   (CpTestServer *self);
const char   *cp_test_server_get_vault_key (CpTestServer *self);
int           cp_test_server_get_pid       (CpTestServer *self);
guint16       cp_test_server_get_port      (CpTestServer *self);
char         *cp_test_server_dup_last_code (CpTestServer *self,
                                            const char   *email);
void          cp_test_server_set_fd_limit  (guint         soft,
                                            guint         hard);
void          cp_test_server_pause         (CpTestServer *self);
void          cp_test_server_resume        (CpTestServer *self);
void          cp_test_server_stop          (CpTestServer *self);
gboolean      cp_test_server_add_user      (const char *db_path,
                                            const char *role,
                                            const char *email,
                                            const char *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpTestServer, cp_test_server_stop)

G_END_DECLS
