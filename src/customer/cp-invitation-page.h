/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-client.h"
#include "cp-page.h"

G_BEGIN_DECLS

/**
 * CpInvitationMode:
 * @CP_INVITATION_MODE_INVITATION: a customer asks for a portal account
 * @CP_INVITATION_MODE_PASSWORD_RESET: a user forgot their password
 *
 * Both go the same way: an email, a 6-digit code mailed to it, a new
 * password.
 */
typedef enum
{
  CP_INVITATION_MODE_INVITATION,
  CP_INVITATION_MODE_PASSWORD_RESET,
} CpInvitationMode;

#define CP_TYPE_INVITATION_PAGE (cp_invitation_page_get_type ())

G_DECLARE_FINAL_TYPE (CpInvitationPage, cp_invitation_page, CP, INVITATION_PAGE, CpPage)

void        cp_invitation_page_start        (CpInvitationPage *self,
                                             CpInvitationMode  mode,
                                             const char       *email);
void        cp_invitation_page_reset        (CpInvitationPage *self);
const char *cp_invitation_page_get_email    (CpInvitationPage *self);
const char *cp_invitation_page_get_password (CpInvitationPage *self);
const char *cp_invitation_page_get_step     (CpInvitationPage *self);

G_END_DECLS
