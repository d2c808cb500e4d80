/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* What every harness defines (LLVMFuzzerInitialize only if it needs to),
 * for libFuzzer and for fuzz-main.c alike. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv) __attribute__ ((weak));

/* A critical or a warning is a finding: abort(), which libFuzzer catches
 * (and saves the input), where GLib's fatal warnings would trap. */
static inline void
fuzz_log_cb (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

static inline void
fuzz_init_logging (void)
{
  g_log_set_default_handler (fuzz_log_cb, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
}
