/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-account.h"
#include "cp-config.h"
#include "cp-token-store.h"

G_BEGIN_DECLS

#define CP_TYPE_CLIENT (cp_client_get_type ())

G_DECLARE_FINAL_TYPE (CpClient, cp_client, CP, CLIENT, GObject)

/**
 * CpClient:
 *
 * The one object through which the app talks to the portal server. It owns
 * one #SoupSession, the access and refresh tokens of the current session
 * (never exposed), and refreshes the access token by itself: when a call
 * answers 401 `token_expired` it refreshes once (concurrent calls wait for
 * the same refresh) and replays the call. When the refresh fails it signs
 * out locally and emits #CpClient::session-expired.
 *
 * Every `_async` function follows GIO conventions: the callback runs in
 * the thread-default main context of the caller; cancelling @cancellable
 * finishes with %G_IO_ERROR_CANCELLED. All other failures are
 * %CP_CLIENT_ERROR errors whose message can be shown to the user, with
 * cp_client_error_get_field() naming the form field at fault.
 *
 * Properties: base-url (construct-only), account (#CpAccount, the signed-in
 * user or %NULL), logged-in, token-store (#CpTokenStore or %NULL), config
 * (#CpConfig, the cached configuration: the last one fetched, or %NULL).
 *
 * Signals: session-expired (no arguments).
 *
 * This header has the object, its session and its transport settings; the
 * routes are declared by resource, each in its own header (cp-client-auth.h,
 * cp-client-cards.h, cp-client-customers.h, cp-client-payments.h,
 * cp-client-settings.h, cp-client-vault.h), and cp-core.h includes them all.
 */

/**
 * cp_client_new:
 * @base_url: the server root, e.g. `https://portal.example.com` or
 *   `http://127.0.0.1:8088`; the client appends `/api/v1`
 * @error: %CP_CLIENT_ERROR_INVALID_URL or %CP_CLIENT_ERROR_INSECURE_URL
 *   (plain `http://` to anything but a loopback address)
 *
 * Returns: (transfer full) (nullable): a new client
 */
CpClient     *cp_client_new                 (const char    *base_url,
                                             GError       **error);
const char   *cp_client_get_base_url        (CpClient      *self);
CpAccount    *cp_client_get_account         (CpClient      *self);
gboolean      cp_client_get_logged_in       (CpClient      *self);
CpConfig     *cp_client_get_config          (CpClient      *self);
CpTokenStore *cp_client_get_token_store     (CpClient      *self);
void          cp_client_set_token_store     (CpClient      *self,
                                             CpTokenStore  *store);

/**
 * cp_client_set_retry_policy:
 * @base_ms: first backoff delay (default 500)
 * @cap_ms: largest backoff delay (default 8000); a Retry-After larger than
 *   this is still honoured up to 60 s
 * @max_attempts: attempts in all, the first included (default 4)
 *
 * GETs and payments are retried after network errors, 5xx and 429 with
 * capped exponential backoff with full jitter. Tests make it fast.
 */
void          cp_client_set_retry_policy    (CpClient      *self,
                                             guint          base_ms,
                                             guint          cap_ms,
                                             guint          max_attempts);

/**
 * cp_client_set_deadline:
 * @deadline_ms: the longest a call may take, retries included (default
 *   30,000)
 *
 * Every call (one user action) ends within this time: a server that never
 * answers, or answers a byte at a time, gives %CP_CLIENT_ERROR_TIMEOUT
 * instead of a spinner that never stops. Tests make it short.
 */
void          cp_client_set_deadline        (CpClient      *self,
                                             guint          deadline_ms);

G_END_DECLS
