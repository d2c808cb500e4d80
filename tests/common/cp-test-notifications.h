/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One notification the stand-in server was sent. */
typedef struct
{
  char *summary;
  char *body;
  char **actions;               /* id, label, id, label… */
} CpTestNotification;

GPtrArray *cp_test_notifications_serve (void);

G_END_DECLS
