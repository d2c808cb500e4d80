/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Seconds between AutoPay runs unless told (--autopay-interval). */
#define CP_SERVER_DEFAULT_AUTOPAY_INTERVAL (60 * 60)

#define CP_TYPE_SERVER (cp_server_get_type ())

G_DECLARE_FINAL_TYPE (CpServer, cp_server, CP, SERVER, GObject)

/*
 * The reference portal server: it owns the HTTP server, the portal database,
 * the client of the payment processor (and the processor itself when it
 * runs embedded), the mailer, and the settings the API runs with. The
 * binary (main.c) parses the command line and drives one; a test can drive
 * one in its own process the same way.
 */
CpServer    *cp_server_new             (const char    *db_path,
                                        GError       **error);
void         cp_server_set_access_ttl  (CpServer      *self,
                                        gint64         seconds);
gint64       cp_server_get_access_ttl  (CpServer      *self);
void         cp_server_set_connection_limits (CpServer *self,
                                              guint     max_connections,
                                              guint     idle_timeout);
gboolean     cp_server_add_login       (CpServer      *self,
                                        const char    *role,
                                        const char    *email,
                                        const char    *password,
                                        GError       **error);
void         cp_server_set_verify_interval (CpServer   *self,
                                        guint          seconds);
void         cp_server_set_autopay_interval (CpServer  *self,
                                        guint          seconds);
void         cp_server_set_processor_timeout (CpServer *self,
                                        guint          seconds);
gboolean     cp_server_open_processor  (CpServer      *self,
                                        const char    *store_path,
                                        const char    *key_file,
                                        const char    *api_key,
                                        GError       **error);
void         cp_server_use_processor   (CpServer      *self,
                                        const char    *url,
                                        const char    *api_key);
void         cp_server_set_mail_dir    (CpServer      *self,
                                        const char    *mail_dir);
gboolean     cp_server_seed_demo       (CpServer      *self,
                                        GError       **error);
gboolean     cp_server_seed_demo_scale (CpServer      *self,
                                        guint          n_methods,
                                        GError       **error);
gboolean     cp_server_listen          (CpServer      *self,
                                        GInetAddress  *address,
                                        guint16        port,
                                        GError       **error);
const char  *cp_server_get_base_url    (CpServer      *self);
SoupServer  *cp_server_get_soup_server (CpServer      *self);
void         cp_server_shutdown        (CpServer      *self);

G_END_DECLS
