/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CP_PASSWORD_MIN_LENGTH 12
#define CP_PASSWORD_MAX_LENGTH 1024

/* argon2id; slow on purpose (~40 ms), so the API calls it from a worker thread. */
char     *cp_password_hash    (const char *password) G_GNUC_WARN_UNUSED_RESULT;
gboolean  cp_password_verify  (const char *hash,
                               const char *password);

G_END_DECLS
