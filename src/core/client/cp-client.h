/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-account.h"
#include "cp-card-input.h"
#include "cp-card-token.h"
#include "cp-card.h"
#include "cp-config.h"
#include "cp-customer.h"
#include "cp-money.h"
#include "cp-payment.h"
#include "cp-token-store.h"
#include "cp-types.h"

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

/* GET /config (no auth), every time; the answer replaces the cached
 * configuration. Finish: (transfer full) CpConfig. */
void          cp_client_get_config_async    (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CpConfig     *cp_client_get_config_finish   (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The cached configuration, fetched only when there is none yet: what
 * views use. Finish: (transfer full) CpConfig. */
void          cp_client_ensure_config_async  (CpClient            *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CpConfig     *cp_client_ensure_config_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /auth/login. On success the client holds the session, hands the
 * refresh token to the token store (a store failure does not fail the
 * login: see cp_client_login_finish()'s @store_error) and returns the
 * user. */
void          cp_client_login_async         (CpClient            *self,
                                             const char          *email,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/**
 * cp_client_login_finish:
 * @store_error: (out) (optional) (nullable): set when the login worked but
 *   the refresh token could not be remembered (e.g. no keyring)
 *
 * Returns: (transfer full): the signed-in account
 */
CpAccount    *cp_client_login_finish        (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **store_error,
                                             GError             **error);

/* Looks up the refresh token stored for (server, @email), refreshes it
 * (POST /auth/refresh) and stores the rotated one. Finish: the account, or
 * %NULL with no error when nothing was stored. */
void          cp_client_restore_session_async  (CpClient            *self,
                                                const char          *email,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CpAccount    *cp_client_restore_session_finish (CpClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* POST /auth/refresh with the current refresh token (normally automatic). */
void          cp_client_refresh_async       (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      cp_client_refresh_finish      (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /auth/logout, then forget the session locally and delete the stored
 * token. The local part happens even when the server cannot be reached;
 * the error then only reports it. */
void          cp_client_logout_async        (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      cp_client_logout_finish       (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /auth/invitations. */
void          cp_client_request_invitation_async  (CpClient            *self,
                                                   const char          *email,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      cp_client_request_invitation_finish (CpClient            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /auth/verify: creates the account. */
void          cp_client_verify_async        (CpClient            *self,
                                             const char          *email,
                                             const char          *code,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      cp_client_verify_finish       (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /auth/password-reset. */
void          cp_client_request_password_reset_async  (CpClient            *self,
                                                       const char          *email,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      cp_client_request_password_reset_finish (CpClient            *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* POST /auth/password-reset/confirm. */
void          cp_client_confirm_password_reset_async  (CpClient            *self,
                                                       const char          *email,
                                                       const char          *code,
                                                       const char          *password,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      cp_client_confirm_password_reset_finish (CpClient            *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* GET /me. Also updates the account property. */
void          cp_client_get_me_async        (CpClient            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CpAccount    *cp_client_get_me_finish       (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/*
 * One page of a list route. @cursor is %NULL for the first page, @limit 0
 * for the server's default. Finish: (transfer full) a #GListModel of the
 * items (CpCustomer, CpVisit, CpInvoice, CpCardEvent, CpPayment), and in
 * @next_cursor (out, transfer full, nullable) the cursor of the next page
 * or %NULL on the last one. For whole lists use #CpPagedList.
 */
void          cp_client_list_customers_async   (CpClient            *self,
                                                const char          *query,
                                                const char          *cursor,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GListModel   *cp_client_list_customers_finish  (CpClient            *self,
                                                GAsyncResult        *result,
                                                char               **next_cursor,
                                                GError             **error);

/* POST /customers (staff). */
void          cp_client_create_customer_async  (CpClient            *self,
                                                const char          *name,
                                                const char          *email,
                                                const char          *phone,
                                                const char          *address,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CpCustomer   *cp_client_create_customer_finish (CpClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* GET /customers/{id}. */
void          cp_client_get_customer_async  (CpClient            *self,
                                             const char          *customer_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CpCustomer   *cp_client_get_customer_finish (CpClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /customers/{id}/service-history. */
void          cp_client_list_service_history_async  (CpClient            *self,
                                                     const char          *customer_id,
                                                     const char          *cursor,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel   *cp_client_list_service_history_finish (CpClient            *self,
                                                     GAsyncResult        *result,
                                                     char               **next_cursor,
                                                     GError             **error);

/* GET /customers/{id}/invoices?status=. */
void          cp_client_list_invoices_async  (CpClient            *self,
                                              const char          *customer_id,
                                              CpInvoiceFilter      filter,
                                              const char          *cursor,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel   *cp_client_list_invoices_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              char               **next_cursor,
                                              GError             **error);

/* GET /customers/{id}/payment-methods. Finish: a #GListModel of #CpCard. */
void          cp_client_list_payment_methods_async  (CpClient            *self,
                                                     const char          *customer_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel   *cp_client_list_payment_methods_finish (CpClient            *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST /customers/{id}/payment-methods with a vault token. */
void          cp_client_add_payment_method_async  (CpClient            *self,
                                                   const char          *customer_id,
                                                   const char          *card_token,
                                                   gboolean             make_primary,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CpCard       *cp_client_add_payment_method_finish (CpClient            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* PATCH /customers/{id}/payment-methods/{pm} {"is_primary": true}. */
void          cp_client_set_primary_payment_method_async  (CpClient            *self,
                                                           const char          *customer_id,
                                                           const char          *payment_method_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
CpCard       *cp_client_set_primary_payment_method_finish (CpClient            *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* DELETE /customers/{id}/payment-methods/{pm}. */
void          cp_client_delete_payment_method_async  (CpClient            *self,
                                                      const char          *customer_id,
                                                      const char          *payment_method_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean      cp_client_delete_payment_method_finish (CpClient            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET /customers/{id}/payment-methods/history: #CpCardEvent items. */
void          cp_client_list_payment_method_history_async  (CpClient            *self,
                                                            const char          *customer_id,
                                                            const char          *cursor,
                                                            guint                limit,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GListModel   *cp_client_list_payment_method_history_finish (CpClient            *self,
                                                            GAsyncResult        *result,
                                                            char               **next_cursor,
                                                            GError             **error);

/**
 * cp_client_create_payment_async:
 * @invoice_ids: (array zero-terminated=1): the invoices paid
 * @amount: the amount charged
 * @idempotency_key: (nullable): the key of this payment attempt; %NULL makes
 *   a new one. Pass the same key (see cp_client_new_idempotency_key()) when
 *   the user retries the same payment after an error, so that it is never
 *   charged twice. The client's own retries always reuse the key and body.
 *
 * POST /customers/{id}/payments.
 */
void          cp_client_create_payment_async  (CpClient            *self,
                                               const char          *customer_id,
                                               const char * const  *invoice_ids,
                                               const CpMoney       *amount,
                                               const char          *payment_method_id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CpPayment    *cp_client_create_payment_finish (CpClient            *self,
                                               GAsyncResult        *result,
                                               GError             **error);
char         *cp_client_new_idempotency_key   (void) G_GNUC_WARN_UNUSED_RESULT;

/* GET /customers/{id}/payments: #CpPayment items. */
void          cp_client_list_payments_async  (CpClient            *self,
                                              const char          *customer_id,
                                              const char          *cursor,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel   *cp_client_list_payments_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              char               **next_cursor,
                                              GError             **error);

/* GET /settings/online-payments. Finish: TRUE on success, @enabled set. */
void          cp_client_get_online_payments_async  (CpClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      cp_client_get_online_payments_finish (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    gboolean            *enabled,
                                                    GError             **error);

/* PUT /settings/online-payments (admin). */
void          cp_client_set_online_payments_async  (CpClient            *self,
                                                    gboolean             enabled,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      cp_client_set_online_payments_finish (CpClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/**
 * cp_client_tokenize_card_async:
 * @card: the validated digits; read once, never kept
 * @cardholder_name: the name on the card
 * @postal_code: (nullable): the billing postal code
 *
 * POST {vault_url}/v1/tokens with Bearer vault_key from `/config` (fetched
 * first when the client has none). The request body is wiped once sent.
 * Only the returned token goes to cp_client_add_payment_method_async().
 * Finish: (transfer full) #CpCardToken.
 */
void          cp_client_tokenize_card_async  (CpClient            *self,
                                              CpCardInput         *card,
                                              const char          *cardholder_name,
                                              const char          *postal_code,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CpCardToken  *cp_client_tokenize_card_finish (CpClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
