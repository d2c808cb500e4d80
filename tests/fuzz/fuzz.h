/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* What every harness defines (LLVMFuzzerInitialize only if it needs to),
 * for libFuzzer and for fuzz-main.c alike. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv) __attribute__ ((weak));
