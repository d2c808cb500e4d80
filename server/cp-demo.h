/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-server.h"

G_BEGIN_DECLS

gboolean cp_demo_seed (CpServer  *server,
                       GError   **error);

G_END_DECLS
