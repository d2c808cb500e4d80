/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-core.h"

G_BEGIN_DECLS

#define CP_TYPE_EXPIRY_REMINDER (cp_expiry_reminder_get_type ())

G_DECLARE_FINAL_TYPE (CpExpiryReminder, cp_expiry_reminder, CP, EXPIRY_REMINDER, GObject)

/* Within this many days of its end a card is reminded of. */
#define CP_EXPIRY_REMINDER_DAYS 30

CpExpiryReminder *cp_expiry_reminder_new   (CpClient         *client,
                                            const char       *customer_id,
                                            GSettings        *settings);
void              cp_expiry_reminder_check (CpExpiryReminder *self);
void              cp_expiry_reminder_check_cards (CpExpiryReminder *self,
                                                  GListModel       *cards);
guint             cp_expiry_reminder_get_n_sent (CpExpiryReminder *self);
char             *cp_expiry_reminder_dup_body (CpCard          *card) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
