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

/**
 * cp_staff_format_channel:
 *
 * Returns: through which channel a change reached the portal
 */
const char *
cp_staff_format_channel (CpCardChannel channel)
{
  switch (channel)
    {
    case CP_CARD_CHANNEL_PORTAL:
      return _("Customer Portal");
    case CP_CARD_CHANNEL_OFFICE:
      return _("Office");
    case CP_CARD_CHANNEL_SYSTEM:
      /* TRANSLATORS: the channel of a change the server made by itself */
      return _("System");
    default:
      return _("Unknown");
    }
}

const char *
cp_staff_format_action (CpCardAction action)
{
  switch (action)
    {
    case CP_CARD_ACTION_ADDED:
      return _("Added");
    case CP_CARD_ACTION_SET_PRIMARY:
      return _("Set as primary");
    case CP_CARD_ACTION_REMOVED:
      return _("Removed");
    default:
      return _("Changed");
    }
}

/**
 * cp_staff_format_actor:
 * @role: "customer", "staff", "admin" or "system"
 * @name: (nullable): the person's name
 *
 * Returns: who made a change: "Ada Lovelace (customer)", "Jo Smith
 *   (staff)", or "Automatic" for the server itself
 */
char *
cp_staff_format_actor (const char *role,
                       const char *name)
{
  if (role == NULL || g_strcmp0 (role, "system") == 0)
    return g_strdup (_("Automatic"));
  if (name == NULL || *name == '\0')
    name = _("Unknown");
  if (g_strcmp0 (role, "customer") == 0)
    /* TRANSLATORS: who changed a card: a customer's name */
    return g_strdup_printf (_("%s (customer)"), name);
  if (g_strcmp0 (role, "staff") == 0)
    /* TRANSLATORS: who changed a card: an office staff member's name */
    return g_strdup_printf (_("%s (staff)"), name);
  if (g_strcmp0 (role, "admin") == 0)
    /* TRANSLATORS: who changed a card: an administrator's name */
    return g_strdup_printf (_("%s (admin)"), name);
  return g_strdup_printf ("%s (%s)", name, role);
}

/**
 * cp_staff_format_event_title:
 *
 * Returns: what happened to which card: "Added Visa •••• 4242 (12/2030)"
 */
char *
cp_staff_format_event_title (CpCardEvent *event)
{
  /* A bank account has no expiry: its title alone. */
  g_autofree char *card = cp_card_event_get_is_bank_account (event)
                          ? g_strdup (cp_card_event_get_card_title (event))
                          : g_strdup_printf ("%s (%02u/%04u)", cp_card_event_get_card_title (event),
                                             cp_card_event_get_exp_month (event),
                                             cp_card_event_get_exp_year (event));

  switch (cp_card_event_get_action (event))
    {
    case CP_CARD_ACTION_ADDED:
      /* TRANSLATORS: a history entry, %s is a card as in "Visa •••• 4242 (12/2030)" */
      return g_strdup_printf (_("Added %s"), card);
    case CP_CARD_ACTION_SET_PRIMARY:
      /* TRANSLATORS: a history entry, %s is a card as in "Visa •••• 4242 (12/2030)" */
      return g_strdup_printf (_("Set %s as primary"), card);
    case CP_CARD_ACTION_REMOVED:
      /* TRANSLATORS: a history entry, %s is a card as in "Visa •••• 4242 (12/2030)" */
      return g_strdup_printf (_("Removed %s"), card);
    default:
      return g_strdup (card);
    }
}

/**
 * cp_staff_format_event_subtitle:
 *
 * Returns: when, by whom and through which channel: "26 Nov 2026, 09:14 ·
 *   Ada Lovelace (customer) · Customer Portal"
 */
char *
cp_staff_format_event_subtitle (CpCardEvent *event)
{
  g_autofree char *actor = cp_staff_format_actor (cp_card_event_get_actor_role (event),
                                                  cp_card_event_get_actor_name (event));

  return g_strdup_printf ("%s · %s · %s", cp_card_event_get_at_text (event), actor,
                          cp_staff_format_channel (cp_card_event_get_channel (event)));
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
