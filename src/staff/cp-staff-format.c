/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-format.h"
#include "cp-staff-format.h"

/**
 * cp_staff_format_card_subtitle:
 *
 * Returns: the card's first line as the customer's Saved Cards page writes
 *   it ("Expires 12/2030 · Ada Lovelace"), then where and when it was added
 *   ("Added in the portal · Nov 26, 2026")
 */
char *
cp_staff_format_card_subtitle (CpCard *card)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *details = cp_card_dup_details (card, now);
  g_autoptr(GString) text = g_string_new (details);
  g_autofree char *added_on = cp_format_date (cp_card_get_added_at (card));
  const char *via;

  switch (cp_card_get_added_via (card))
    {
    case CP_CARD_CHANNEL_PORTAL:
      via = _("Added in the portal");
      break;
    case CP_CARD_CHANNEL_OFFICE:
      via = _("Added by the office");
      break;
    case CP_CARD_CHANNEL_SYSTEM:
    default:
      via = _("Added automatically");
      break;
    }
  g_string_append_printf (text, "\n%s", via);
  if (*added_on != '\0')
    g_string_append_printf (text, " · %s", added_on);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
cp_staff_format_portal_account (CpPortalAccount state)
{
  switch (state)
    {
    case CP_PORTAL_ACCOUNT_NONE:
      return _("None: the customer has not requested an invitation");
    case CP_PORTAL_ACCOUNT_INVITED:
      return _("Invited: a verification code was sent");
    case CP_PORTAL_ACCOUNT_ACTIVE:
      return _("Active: the customer can log in");
    case CP_PORTAL_ACCOUNT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

/**
 * cp_staff_format_visit_status:
 * @status: a service visit's status as the server names it
 *
 * Returns: the status for a person; an unknown one as the server wrote it
 */
const char *
cp_staff_format_visit_status (const char *status)
{
  if (g_strcmp0 (status, "completed") == 0)
    return _("Completed");
  if (g_strcmp0 (status, "scheduled") == 0)
    return _("Scheduled");
  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "canceled") == 0)
    return _("Cancelled");
  if (g_strcmp0 (status, "in_progress") == 0)
    return _("In progress");
  return status != NULL ? status : "";
}
