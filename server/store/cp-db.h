/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * A SQLite connection with a cache of prepared statements. Every query of the
 * server goes through cp_db_prepare(), so SQL text is never built from input.
 * The connection is used from the main thread only.
 */
typedef struct _CpDb CpDb;

/* A cached statement; g_autoptr(CpStmt) resets it when it goes out of scope. */
typedef sqlite3_stmt CpStmt;

#define CP_DB_ERROR (cp_db_error_quark ())
GQuark        cp_db_error_quark      (void);

CpDb         *cp_db_open             (const char  *path,
                                      const char  *kind,
                                      GError     **error);
void          cp_db_close            (CpDb        *self);
sqlite3      *cp_db_get_handle       (CpDb        *self);
CpStmt       *cp_db_prepare          (CpDb        *self,
                                      const char  *sql);
gboolean      cp_db_exec             (CpDb        *self,
                                      const char  *sql,
                                      GError     **error);
gboolean      cp_db_begin            (CpDb        *self);
gboolean      cp_db_commit           (CpDb        *self);
void          cp_db_rollback         (CpDb        *self);
int           cp_db_step             (CpDb        *self,
                                      CpStmt      *stmt);
gint64        cp_db_last_insert_id   (CpDb        *self);
int           cp_db_changes          (CpDb        *self);
const char   *cp_db_errmsg           (CpDb        *self);
gboolean      cp_db_take_busy        (CpDb        *self);

void          cp_stmt_release        (CpStmt      *stmt);
void          cp_stmt_bind_text      (CpStmt      *stmt,
                                      int          index,
                                      const char  *text);
const char   *cp_stmt_text           (CpStmt      *stmt,
                                      int          column);

/* Migrations: the portal schema and the vault schema. */
gboolean      cp_db_migrate_portal   (CpDb        *self,
                                      GError     **error);
gboolean      cp_db_migrate_vault    (CpDb        *self,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpStmt, cp_stmt_release)

G_END_DECLS
