/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

gboolean cp_access_log_attach (SoupServer  *soup,
                               const char  *path,
                               GError     **error);

G_END_DECLS
