/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-vault.h"

G_BEGIN_DECLS

#define CP_TYPE_PROCESSOR_CLIENT (cp_processor_client_get_type ())

G_DECLARE_FINAL_TYPE (CpProcessorClient, cp_processor_client, CP, PROCESSOR_CLIENT, GObject)

/*
 * The portal's side of the processor boundary: every call the portal makes
 * to the payment processor, over HTTP (libsoup, async, never blocking the
 * main loop) with the secret key. An answer that is lost — a timeout, a
 * dropped connection, a 5xx — is reported as CP_CHARGE_UNKNOWN, never as a
 * failure: the charge may have been made.
 */
typedef enum
{
  CP_CHARGE_SUCCEEDED,
  CP_CHARGE_FAILED,        /* declined; the message says why */
  CP_CHARGE_PENDING,       /* the processor has it and has not settled it yet */
  CP_CHARGE_NOT_FOUND,     /* the processor has no charge under this key */
  CP_CHARGE_UNKNOWN,       /* no answer: it may or may not have been made */
} CpChargeStatus;

#define CP_PROCESSOR_ERROR (cp_processor_error_quark ())
GQuark              cp_processor_error_quark           (void);

typedef enum
{
  CP_PROCESSOR_ERROR_NOT_FOUND,
  CP_PROCESSOR_ERROR_FAILED,
} CpProcessorError;

CpProcessorClient  *cp_processor_client_new            (const char          *base_url,
                                                        const char          *api_key,
                                                        guint                timeout_seconds);
const char         *cp_processor_client_get_url        (CpProcessorClient   *self);
const char         *cp_processor_client_get_publishable_key (CpProcessorClient *self);
/* Cancels every call in flight; their callbacks then see
 * cp_processor_client_is_closed() and must touch nothing of the portal. */
void                cp_processor_client_close          (CpProcessorClient   *self);
gboolean            cp_processor_client_is_closed      (CpProcessorClient   *self);

/* The key the app gets in /config to make tokens (and nothing else). */
char               *cp_processor_publishable_key       (const char          *api_key);

void                cp_processor_client_charge_async   (CpProcessorClient   *self,
                                                        const char          *idempotency_key,
                                                        const char          *token,
                                                        gint64               amount,
                                                        const char          *currency,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
void                cp_processor_client_get_charge_async (CpProcessorClient *self,
                                                        const char          *idempotency_key,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* Finishes either call above; @message (declines) may be NULL. */
CpChargeStatus      cp_processor_client_charge_finish  (CpProcessorClient   *self,
                                                        GAsyncResult        *result,
                                                        char               **message);

void                cp_processor_client_attach_async   (CpProcessorClient   *self,
                                                        const char          *token,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            cp_processor_client_attach_finish  (CpProcessorClient   *self,
                                                        GAsyncResult        *result,
                                                        CpVaultCard         *out,
                                                        GError             **error);
void                cp_processor_client_destroy_async  (CpProcessorClient   *self,
                                                        const char          *token,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            cp_processor_client_destroy_finish (CpProcessorClient   *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Only for seeding demo data before the server serves anything: it runs
 * its own main context until the processor answers. */
gboolean            cp_processor_client_tokenize_blocking (CpProcessorClient *self,
                                                        const char          *number,
                                                        int                  exp_month,
                                                        int                  exp_year,
                                                        const char          *cvc,
                                                        const char          *cardholder_name,
                                                        const char          *postal_code,
                                                        CpVaultCard         *out,
                                                        GError             **error);

G_END_DECLS
