/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-http.h"

G_BEGIN_DECLS

/*
 * A streaming JSON writer: appends to one GString as it goes, with the
 * commas and the string escaping JSON needs (RFC 8259), instead of a
 * JsonBuilder tree per row that is then serialized and freed. List pages
 * are written with it (cp_json_answer_page()).
 */
typedef struct _CpJsonWriter CpJsonWriter;

CpJsonWriter *cp_json_writer_new             (void);
void          cp_json_writer_free            (CpJsonWriter *self);
char         *cp_json_writer_free_to_string  (CpJsonWriter *self) G_GNUC_WARN_UNUSED_RESULT;
const char   *cp_json_writer_peek            (CpJsonWriter *self);

void          cp_json_writer_begin_object    (CpJsonWriter *self);
void          cp_json_writer_end_object      (CpJsonWriter *self);
void          cp_json_writer_begin_array     (CpJsonWriter *self);
void          cp_json_writer_end_array       (CpJsonWriter *self);
void          cp_json_writer_member          (CpJsonWriter *self,
                                              const char   *name);
void          cp_json_writer_string          (CpJsonWriter *self,
                                              const char   *value);
void          cp_json_writer_int             (CpJsonWriter *self,
                                              gint64        value);
void          cp_json_writer_bool            (CpJsonWriter *self,
                                              gboolean      value);
void          cp_json_writer_null            (CpJsonWriter *self);

/* Members, as the cp_json_add_*() of cp-http.h write them. */
void          cp_json_writer_add_string      (CpJsonWriter *self,
                                              const char   *member,
                                              const char   *value);
void          cp_json_writer_add_string_or_null (CpJsonWriter *self,
                                              const char   *member,
                                              const char   *value);
void          cp_json_writer_add_int         (CpJsonWriter *self,
                                              const char   *member,
                                              gint64        value);
void          cp_json_writer_add_id          (CpJsonWriter *self,
                                              const char   *member,
                                              gint64        id);
void          cp_json_writer_add_time        (CpJsonWriter *self,
                                              const char   *member,
                                              gint64        unix_seconds);
void          cp_json_writer_add_money       (CpJsonWriter *self,
                                              const char   *member,
                                              gint64        amount,
                                              const char   *currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpJsonWriter, cp_json_writer_free)

/* Writes one row of a list page, as one JSON object. */
typedef void (*CpJsonRowFunc)                (CpJsonWriter *writer,
                                              CpStmt       *stmt,
                                              gpointer      user_data);

void          cp_json_answer_page            (CpRequest     *req,
                                              CpStmt        *stmt,
                                              guint          limit,
                                              int            key_column,
                                              CpJsonRowFunc  write_row,
                                              gpointer       user_data);

G_END_DECLS
