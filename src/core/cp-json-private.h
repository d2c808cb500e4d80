/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cp-money.h"

G_BEGIN_DECLS

/* Replies are untrusted: these caps hold before json-glib sees a byte. */
#define CP_JSON_MAX_SIZE (8 * 1024 * 1024)
#define CP_JSON_MAX_DEPTH 32
#define CP_JSON_MAX_STRING (64 * 1024)

typedef gpointer (*CpJsonParseFunc) (JsonObject  *object,
                                     GError     **error);

JsonNode   *cp_json_parse          (const char  *data,
                                    gsize        length,
                                    GError     **error);
gboolean    cp_json_check_depth    (const char  *data,
                                    gsize        length,
                                    guint        max_depth);
JsonObject *cp_json_root_object    (JsonNode    *root,
                                    GError     **error);
gpointer    cp_json_parse_object   (const char      *data,
                                    gsize            length,
                                    CpJsonParseFunc  func,
                                    GError         **error);
GListStore *cp_json_parse_list     (const char      *data,
                                    gsize            length,
                                    GType            item_type,
                                    CpJsonParseFunc  func,
                                    char           **next_cursor,
                                    GError         **error);
gpointer    cp_json_build_object   (JsonNode        *root,
                                    CpJsonParseFunc  func,
                                    GError         **error);
GListStore *cp_json_build_list     (JsonNode        *root,
                                    GType            item_type,
                                    CpJsonParseFunc  func,
                                    char           **next_cursor,
                                    GError         **error);

gboolean    cp_json_get_string     (JsonObject  *object,
                                    const char  *member,
                                    gboolean     nullable,
                                    char       **out,
                                    GError     **error);
gboolean    cp_json_get_id         (JsonObject  *object,
                                    const char  *member,
                                    gboolean     nullable,
                                    char       **out,
                                    GError     **error);
gboolean    cp_json_get_int        (JsonObject  *object,
                                    const char  *member,
                                    gint64       min,
                                    gint64       max,
                                    gint64      *out,
                                    GError     **error);
gboolean    cp_json_get_bool       (JsonObject  *object,
                                    const char  *member,
                                    gboolean    *out,
                                    GError     **error);
gboolean    cp_json_get_time       (JsonObject  *object,
                                    const char  *member,
                                    GDateTime  **out,
                                    GError     **error);
gboolean    cp_json_get_date       (JsonObject  *object,
                                    const char  *member,
                                    GDateTime  **out,
                                    GError     **error);
gboolean    cp_json_get_money      (JsonObject  *object,
                                    const char  *member,
                                    CpMoney    **out,
                                    GError     **error);
gboolean    cp_json_get_enum       (JsonObject         *object,
                                    const char         *member,
                                    const char * const *names,
                                    int                *out,
                                    GError            **error);
JsonObject *cp_json_get_object     (JsonObject  *object,
                                    const char  *member,
                                    GError     **error);

G_END_DECLS
