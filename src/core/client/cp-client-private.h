/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cp-client.h"
#include "cp-json-private.h"

G_BEGIN_DECLS

/*
 * The parts of CpClient shared by its files, and nothing for the app:
 *
 *   cp-client.c            the object, the session and its refresh, the transport
 *   cp-client-auth.c       login, restore, logout, invitations, password reset, /me
 *   cp-client-customers.c  customers and their service history
 *   cp-client-cards.c      saved cards and their history
 *   cp-client-payments.c   invoices and payments
 *   cp-client-settings.c   /config (fetched once, then cached) and online payments
 *   cp-client-vault.c      card tokenization
 *
 * The transport sends a CpRequest, retries it, refreshes the session when
 * the access token has expired, and hands the parsed JSON of a 2xx reply to
 * the request's @reply function, which builds the models and returns the
 * task's value: each route's side effects live with the route.
 */

struct _CpClient
{
  GObject parent_instance;

  SoupSession *session;
  CpTokenStore *token_store;
  /* Changed through cp_client_set_account() and cp_client_set_config()
   * only, which notify. */
  CpAccount *account;
  CpConfig *config;

  char *base_url;
  char *api_url;
  char *access_token;
  char *refresh_token;
  char *email;

  /* Tasks waiting for the one refresh in flight. */
  GPtrArray *refresh_waiters;
  gboolean refreshing;
  guint n_refreshes;
  /* Bumped when the session ends, so that late replies are ignored. */
  guint generation;
  /* Bumped with every new access token. */
  guint token_serial;

  guint retry_base_ms;
  guint retry_cap_ms;
  guint max_attempts;
  /* One deadline for a whole call, all attempts and backoffs included. */
  guint deadline_ms;
};

typedef enum
{
  CP_REQUEST_AUTH_NONE,
  CP_REQUEST_AUTH_SESSION,
  CP_REQUEST_AUTH_VAULT,
} CpRequestAuth;

/*
 * A list route: one row of a resource file's table. @path is below
 * `/customers/{id}/` when the route is started with a customer id, below
 * the API root otherwise; it may hold several segments.
 */
typedef struct
{
  const char      *path;
  GType          (*get_item_type) (void);
  CpJsonParseFunc  parse;
} CpListRoute;

/*
 * Called on the caller's main context with the parsed body of a 2xx reply
 * (a #JsonNode of any type, never %NULL: a body that is empty or not JSON
 * fails before); it must return @task's value or error.
 */
typedef void (*CpReplyFunc) (GTask    *task,
                             JsonNode *root);

typedef struct
{
  /* What to send. */
  const char *method;
  char *url;
  GBytes *body;
  char *idempotency_key;
  CpRequestAuth auth;
  char *vault_key;
  gboolean retry;
  gboolean refresh_on_expiry;

  /* What a 2xx reply means: %NULL returns %TRUE without reading the body. */
  CpReplyFunc reply;
  CpJsonParseFunc parse;
  const CpListRoute *list;
  /* The page size asked for (0: the route has none); a longer page is
   * refused before a single item is built. */
  guint limit;
  /* Called with the HTTP status before an error reply is returned. */
  void (*failed) (GTask *task,
                  guint  status);

  /* Login and restore (cp-client-auth.c). */
  char *login_email;
  GError *store_error;

  /* The transport's own state. */
  gboolean refreshed;
  guint token_serial;
  guint attempt;
  guint generation;
  SoupMessage *msg;
  GInputStream *stream;
  GByteArray *buffer;
  guint backoff_id;

  /* The call's deadline: armed by its first attempt, it cancels @io (which
   * the caller's cancellable cancels too) and the call fails as timed out.
   * @task is not owned: the request lives as long as its task. */
  GTask *task;
  GCancellable *io;
  GCancellable *caller_cancellable;
  gulong caller_handler;
  gint64 deadline;
  guint deadline_id;
  gboolean timed_out;
} CpRequest;

/* The tokens a login or a refresh answers. */
typedef struct
{
  char *access_token;
  char *refresh_token;
  CpAccount *account;
} CpAuthReply;

/* ---- Requests (cp-client.c) -------------------------------------------- */

CpRequest  *cp_request_new             (CpClient    *self,
                                        const char  *method,
                                        char        *url);
CpRequest  *cp_request_new_object      (CpClient        *self,
                                        const char      *method,
                                        char            *url,
                                        CpJsonParseFunc  parse);
void        cp_request_free            (CpRequest   *req);

char       *cp_client_api_url          (CpClient    *self,
                                        const char  *first_segment,
                                        ...) G_GNUC_NULL_TERMINATED;
GBytes     *cp_client_json_body        (JsonBuilder *builder);
GBytes     *cp_client_secret_json_body (JsonBuilder *builder);
GBytes     *cp_client_strings_body     (const char  *first_member,
                                        ...) G_GNUC_NULL_TERMINATED;
void        cp_client_wipe_bytes_free  (gpointer     data);
void        cp_client_wipe_free        (char        *text);
gboolean    cp_client_check_url        (const char  *url,
                                        GError     **error);

/* Starts @req (taking it) in a new task; cp_client_send() sends the task
 * of a caller that set its task data to a CpRequest itself. */
void        cp_client_start            (CpClient            *self,
                                        CpRequest           *req,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void        cp_client_send             (GTask               *task);
void        cp_client_start_list       (CpClient            *self,
                                        const CpListRoute   *route,
                                        const char          *customer_id,
                                        const char          *query_name,
                                        const char          *query_value,
                                        const char          *cursor,
                                        guint                limit,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

void        cp_client_start_list_query (CpClient            *self,
                                        const CpListRoute   *route,
                                        const char          *customer_id,
                                        const char * const  *query,
                                        guint                n_query,
                                        const char          *cursor,
                                        guint                limit,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

/* What an error reply (@status, the body @data) means: a CP_CLIENT_ERROR
 * with the server's code, message and field where they pass the checks. */
GError     *cp_client_error_from_reply (guint       status,
                                        const char *data,
                                        gsize       length);

/* CpReplyFunc for a reply that is one object, built by req->parse. */
void        cp_client_reply_object     (GTask    *task,
                                        JsonNode *root);

gpointer    cp_client_finish_pointer   (CpClient      *self,
                                        GAsyncResult  *result,
                                        gpointer       source_tag,
                                        GError       **error);
gboolean    cp_client_finish_boolean   (CpClient      *self,
                                        GAsyncResult  *result,
                                        gpointer       source_tag,
                                        GError       **error);
GListModel *cp_client_finish_list      (CpClient      *self,
                                        GAsyncResult  *result,
                                        gpointer       source_tag,
                                        char         **next_cursor,
                                        GError       **error);

/* Defines cp_client_NAME_finish() of a route that answers only success. */
#define CP_CLIENT_DEFINE_BOOLEAN_FINISH(name)                                          \
  gboolean                                                                            \
  cp_client_##name##_finish (CpClient      *self,                                     \
                             GAsyncResult  *result,                                   \
                             GError       **error)                                    \
  {                                                                                   \
    return cp_client_finish_boolean (self, result, cp_client_##name##_async, error);  \
  }

/* Defines cp_client_NAME_finish() of a list route. */
#define CP_CLIENT_DEFINE_LIST_FINISH(name)                                             \
  GListModel *                                                                        \
  cp_client_##name##_finish (CpClient      *self,                                     \
                             GAsyncResult  *result,                                   \
                             char         **next_cursor,                              \
                             GError       **error)                                    \
  {                                                                                   \
    return cp_client_finish_list (self, result, cp_client_##name##_async, next_cursor, \
                                  error);                                             \
  }

/* Defines cp_client_NAME_async() and _finish() of a list route below one
 * customer that takes no parameter but the page's cursor and size. */
#define CP_CLIENT_DEFINE_CUSTOMER_LIST(name, route)                                    \
  void                                                                                \
  cp_client_##name##_async (CpClient            *self,                                \
                            const char          *customer_id,                         \
                            const char          *cursor,                              \
                            guint                limit,                               \
                            GCancellable        *cancellable,                         \
                            GAsyncReadyCallback  callback,                            \
                            gpointer             user_data)                           \
  {                                                                                   \
    g_return_if_fail (CP_IS_CLIENT (self));                                           \
    g_return_if_fail (customer_id != NULL);                                           \
                                                                                      \
    cp_client_start_list (self, (route), customer_id, NULL, NULL, cursor, limit,      \
                          cp_client_##name##_async, cancellable, callback, user_data); \
  }                                                                                   \
                                                                                      \
  CP_CLIENT_DEFINE_LIST_FINISH (name)

/* ---- Session (cp-client.c) --------------------------------------------- */

CpAuthReply *cp_auth_reply_new_from_json (JsonNode    *root,
                                          GError     **error);
void         cp_auth_reply_free          (CpAuthReply *reply);

void         cp_client_begin_session     (CpClient    *self,
                                          CpAuthReply *reply,
                                          const char  *email);
void         cp_client_end_session       (CpClient    *self);
void         cp_client_join_refresh      (CpClient    *self,
                                          GTask       *waiter);
void         cp_client_forget_stored     (CpClient    *self,
                                          const char  *email);
void         cp_client_set_account       (CpClient    *self,
                                          CpAccount   *account);
void         cp_client_set_config        (CpClient    *self,
                                          CpConfig    *config);

/* ---- Test hooks ---------------------------------------------------------- */

/* Replaces the current access token with @access_token (e.g. an expired
 * or garbage one), so tests can provoke the refresh path. */
void         cp_client_set_access_token_for_testing (CpClient   *self,
                                                     const char *access_token);
/* How many `POST /auth/refresh` this client has sent. */
guint        cp_client_get_n_refreshes   (CpClient    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpRequest, cp_request_free)

G_END_DECLS
