/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-vault.h"

G_BEGIN_DECLS

#define CP_TYPE_PROCESSOR (cp_processor_get_type ())

G_DECLARE_FINAL_TYPE (CpProcessor, cp_processor, CP, PROCESSOR, GObject)

/*
 * The payment processor (docs/processor-api.yaml): the card vault and the
 * charges, in a database of its own, over HTTP with a bearer key. The
 * binary customer-portal-processor (processor/main.c) drives one; without
 * --processor, customer-portal-server runs one in its own process on
 * another loopback port, so the portal always reaches it over HTTP.
 */
CpProcessor *cp_processor_new               (const char    *db_path,
                                             const char    *key_file,
                                             const char    *api_key,
                                             GError       **error);
const char  *cp_processor_get_api_key       (CpProcessor   *self);
CpVault     *cp_processor_get_vault         (CpProcessor   *self);
/* Test hooks: answer charge requests @seconds late (the charge is recorded
 * first), and settle bank debits @seconds after they are made. */
void         cp_processor_set_answer_delay  (CpProcessor   *self,
                                             guint          seconds);
void         cp_processor_set_ach_delay     (CpProcessor   *self,
                                             guint          seconds);
gboolean     cp_processor_listen            (CpProcessor   *self,
                                             GInetAddress  *address,
                                             guint16        port,
                                             GError       **error);
const char  *cp_processor_get_base_url      (CpProcessor   *self);

/* Reads the 32-byte key of @path, or creates the file (mode 0600) with a
 * new random key when it does not exist. */
gboolean     cp_processor_load_key_file     (const char    *path,
                                             guchar         key[CP_VAULT_KEY_BYTES],
                                             GError       **error);

G_END_DECLS
