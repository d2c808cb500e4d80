/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cp-test-server.h"

G_BEGIN_DECLS

/*
 * A small HTTP client for the contract tests: libsoup's async API, driven by
 * iterating the default main context until the answer is in.
 */
typedef struct
{
  guint status;
  char *body;
  JsonNode *root;                  /* NULL unless the body is JSON */
  SoupMessageHeaders *headers;
  guint order;                     /* completion order, for concurrency tests */
} CpResponse;

typedef struct _CpCall CpCall;

CpCall      *cp_call_start        (CpTestServer       *server,
                                   const char         *method,
                                   const char         *path,
                                   const char         *token,
                                   const char         *body,
                                   const char * const *headers);
CpResponse  *cp_call_finish       (CpCall             *call);
gboolean     cp_call_is_done      (CpCall             *call);
CpResponse  *cp_call              (CpTestServer       *server,
                                   const char         *method,
                                   const char         *path,
                                   const char         *token,
                                   const char         *body);
CpResponse  *cp_call_with_headers (CpTestServer       *server,
                                   const char         *method,
                                   const char         *path,
                                   const char         *token,
                                   const char         *body,
                                   const char * const *headers);
void         cp_response_free     (CpResponse         *response);
JsonObject  *cp_response_object   (CpResponse         *response);
const char  *cp_response_string   (CpResponse         *response,
                                   const char         *member);
const char  *cp_response_error    (CpResponse         *response);
const char  *cp_response_field    (CpResponse         *response);
JsonArray   *cp_response_items    (CpResponse         *response);

char        *cp_login             (CpTestServer       *server,
                                   const char         *email,
                                   const char         *password);
const char  *cp_vault_url         (CpTestServer       *server);
const char  *cp_vault_key         (CpTestServer       *server);
void         cp_vault_forget      (CpTestServer       *server);
char        *cp_vault_token       (CpTestServer       *server,
                                   const char         *number,
                                   const char         *cvc);
char        *cp_add_card          (CpTestServer       *server,
                                   const char         *token,
                                   const char         *customer_id,
                                   const char         *number,
                                   gboolean            make_primary);
const char  *cp_all_responses     (void);
gboolean     cp_file_contains     (const char         *path,
                                   const char         *needle);

#define cp_assert_error(response, status_, code_) \
  G_STMT_START { \
    g_assert_cmpuint ((response)->status, ==, (status_)); \
    g_assert_cmpstr (cp_response_error (response), ==, (code_)); \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpResponse, cp_response_free)

G_END_DECLS
