/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "api/cp-rate-limit.h"
#include "mail/cp-mailer.h"
#include "store/cp-db.h"
#include "processor/cp-processor-client.h"

G_BEGIN_DECLS

#define CP_BODY_MAX (64 * 1024)

/* What a route handler may reach: the services the server owns, borrowed
 * for the server's lifetime. Used from the main thread only (password
 * hashing runs in worker threads on copies). */
typedef struct
{
  CpDb *db;
  CpProcessorClient *processor;  /* the payment processor, over HTTP */
  GHashTable *charging;    /* payment ids with a processor call in flight */
  CpMailer *mailer;
  const char *base_url;    /* http://HOST:PORT, without a trailing slash */
  gint64 access_ttl;       /* seconds */
  gint64 refresh_ttl;      /* seconds */
  GHashTable *throttle;    /* "account:EMAIL" / "address:HOST" → login failures */
  const char *dummy_hash;  /* hashed against for unknown logins */
  const guint8 *code_key;  /* keys the digests of mailed codes */
} CpApiEnv;

/* Who is asking, once the access token has been checked. */
typedef struct
{
  gint64 id;
  gint64 session_id;
  gint64 customer_id;      /* 0 unless role is customer */
  char *role;              /* "customer", "staff", "admin" */
  char *name;
  char *email;
} CpUser;

/* One request on its way through the router (api/cp-api.c) and a handler.
 * The router creates it when the headers are in, checks access, and hands
 * it to the route's handler once the body is read; it lives as long as the
 * message. Handlers answer through the cp_http_* helpers; an asynchronous
 * handler calls cp_request_pause() and, when done, cp_request_resume(). */
typedef struct
{
  CpApiEnv *env;
  SoupServerMessage *msg;  /* borrowed: the message owns the request */
  GHashTable *query;
  char **segments;         /* path below the area's prefix, split on '/' */
  guint n_segments;
  gint64 customer_id;      /* the {customer} of the path, access checked */
  char *pm;                /* the {pm} of the path, unchecked */
  JsonNode *body;          /* parsed JSON body, when there is one */
  GBytes *raw_body;
  CpUser user;
  gboolean authenticated;
  gboolean wipe_body;      /* the body held card digits: wipe our copy */
} CpRequest;

/* A route's handler: the router has checked access and parsed the body. */
typedef void (*CpApiHandler)                (CpRequest         *req);

CpRequest   *cp_request_new                 (CpApiEnv          *env,
                                             SoupServerMessage *msg,
                                             const char        *prefix,
                                             const char        *path,
                                             GHashTable        *query);
void         cp_request_free                (CpRequest         *req);
void         cp_request_pause               (CpRequest         *req);
void         cp_request_resume              (CpRequest         *req);

/* Checks shared by the handlers; each answers the error itself. */
gboolean     cp_request_is_staff            (CpRequest         *req);
const char  *cp_request_channel             (CpRequest         *req);
gboolean     cp_request_require_online_payments (CpRequest     *req);

/* Answers. */
void         cp_http_json                   (CpRequest         *req,
                                             guint              status,
                                             JsonNode          *node);
void         cp_http_json_builder           (CpRequest         *req,
                                             guint              status,
                                             JsonBuilder       *builder);
void         cp_http_raw_json               (CpRequest         *req,
                                             guint              status,
                                             const char        *json);
/* As cp_http_raw_json(), taking @json (g_free()d when written). */
void         cp_http_take_json              (CpRequest         *req,
                                             guint              status,
                                             char              *json);
void         cp_http_empty                  (CpRequest         *req,
                                             guint              status);
void         cp_http_error                  (CpRequest         *req,
                                             guint              status,
                                             const char        *code,
                                             const char        *field,
                                             const char        *message);
char        *cp_http_error_json             (const char        *code,
                                             const char        *field,
                                             const char        *message);
void         cp_http_refuse                 (SoupServerMessage *msg,
                                             guint              status,
                                             const char        *code,
                                             const char        *message);
GSocket     *cp_http_message_socket         (SoupServerMessage *msg);
void         cp_http_internal               (CpRequest         *req);
void         cp_http_not_found              (CpRequest         *req);
void         cp_http_invalid                (CpRequest         *req,
                                             const char        *field,
                                             const char        *message);

/* Reading the body; each answers 400 itself and returns FALSE on bad input. */
gboolean     cp_request_parse_json          (CpRequest         *req);
JsonObject  *cp_request_body_object         (CpRequest         *req);
gboolean     cp_request_get_string          (CpRequest         *req,
                                             const char        *name,
                                             gboolean           required,
                                             const char       **out);
gboolean     cp_request_get_int             (CpRequest         *req,
                                             const char        *name,
                                             gboolean           required,
                                             gint64            *out);
gboolean     cp_request_get_bool            (CpRequest         *req,
                                             const char        *name,
                                             gboolean           required,
                                             gboolean          *out);

/* Lists: ?limit= and ?cursor=. A cursor carries the sort key of the last row
 * sent (a string, possibly empty) and its id, base64url-encoded. */
gboolean     cp_request_get_page            (CpRequest         *req,
                                             guint             *limit,
                                             char             **cursor_key,
                                             gint64            *cursor_id);
char        *cp_cursor_encode               (const char        *key,
                                             gint64             id);

/* Writes one row of a list page, as one JSON object, into the builder. */
typedef void (*CpPageRowFunc)               (JsonBuilder       *builder,
                                             CpStmt            *stmt,
                                             gpointer           user_data);

void         cp_http_answer_page            (CpRequest         *req,
                                             CpStmt            *stmt,
                                             guint              limit,
                                             int                key_column,
                                             CpPageRowFunc      write_row,
                                             gpointer           user_data);

/* JSON building. */
void         cp_json_add_money              (JsonBuilder       *builder,
                                             const char        *member,
                                             gint64             amount,
                                             const char        *currency);
void         cp_json_add_id                 (JsonBuilder       *builder,
                                             const char        *member,
                                             gint64             id);
void         cp_json_add_time               (JsonBuilder       *builder,
                                             const char        *member,
                                             gint64             unix_seconds);
void         cp_json_add_string             (JsonBuilder       *builder,
                                             const char        *member,
                                             const char        *value);
void         cp_json_add_int                (JsonBuilder       *builder,
                                             const char        *member,
                                             gint64             value);
void         cp_json_add_bool               (JsonBuilder       *builder,
                                             const char        *member,
                                             gboolean           value);
void         cp_json_add_string_or_null     (JsonBuilder       *builder,
                                             const char        *member,
                                             const char        *value);
gboolean     cp_parse_id                    (const char        *text,
                                             gint64            *out);

G_END_DECLS
