/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-core.h"

G_BEGIN_DECLS

#define CP_TYPE_DEVICES_DIALOG (cp_devices_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CpDevicesDialog, cp_devices_dialog, CP, DEVICES_DIALOG, AdwWindow)

CpDevicesDialog *cp_devices_dialog_new          (CpClient        *client);
GListModel      *cp_devices_dialog_get_sessions (CpDevicesDialog *self);
gboolean         cp_devices_dialog_get_busy     (CpDevicesDialog *self);

G_END_DECLS
