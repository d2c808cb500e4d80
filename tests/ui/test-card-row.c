/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-card-private.h"
#include "cp-card-row.h"
#include "cp-core.h"
#include "cp-json-private.h"
#include "cp-test-ui.h"

/*
 * CpCardRow on its own: what it shows for a primary, a second and an
 * expired card, its actions and their targets, and the busy state.
 */

static CpCard *
card_from_json (const char *id,
                const char *brand,
                const char *last4,
                int         exp_year,
                gboolean    primary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"brand\":\"%s\",\"last4\":\"%s\","
                                           "\"exp_month\":12,\"exp_year\":%d,"
                                           "\"cardholder_name\":\"Ada Lovelace\","
                                           "\"is_primary\":%s,\"expired\":%s,"
                                           "\"added_at\":\"2026-01-02T03:04:05Z\","
                                           "\"added_via\":\"portal\"}",
                                           id, brand, last4, exp_year,
                                           primary ? "true" : "false",
                                           exp_year < 2026 ? "true" : "false");
  CpCard *card = cp_json_parse_object (json, strlen (json), cp_card_parse, &error);

  g_assert_no_error (error);
  return card;
}

/* The suffix widget whose visible words (label or tooltip) are @text. */
static GtkWidget *
find_suffix (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      const char *label = NULL;

      if (GTK_IS_LABEL (child))
        label = gtk_label_get_label (GTK_LABEL (child));
      else if (GTK_IS_BUTTON (child))
        label = gtk_button_get_label (GTK_BUTTON (child)) != NULL
                ? gtk_button_get_label (GTK_BUTTON (child))
                : gtk_widget_get_tooltip_text (child);
      if (g_strcmp0 (label, text) == 0)
        return child;
      if ((found = find_suffix (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows (GtkWidget  *row,
       const char *text)
{
  GtkWidget *widget = find_suffix (row, text);

  g_assert_nonnull (widget);
  return gtk_widget_get_visible (widget);
}

static void
test_primary_card (void)
{
  g_autoptr(CpCard) card = card_from_json ("5", "visa", "4242", 2030, TRUE);
  GtkWidget *row = g_object_ref_sink (cp_card_row_new (card));

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Visa •••• 4242");
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "5");
  g_assert_true (shows (row, "Primary"));
  g_assert_false (shows (row, "Expired"));
  /* No actions unless asked for (the office's read-only record). */
  g_assert_false (shows (row, "Delete"));
  cp_card_row_set_actions (CP_CARD_ROW (row), TRUE);
  g_assert_true (shows (row, "Delete"));
  /* It is the primary one already. */
  g_assert_false (shows (row, "Set as Primary"));

  g_assert_finalize_object (row);
}

static void
test_second_card_actions (void)
{
  g_autoptr(CpCard) card = card_from_json ("7", "mastercard", "4444", 2031, FALSE);
  GtkWidget *row = g_object_ref_sink (cp_card_row_new (card));
  GtkWidget *primary;
  GVariant *target;

  cp_card_row_set_actions (CP_CARD_ROW (row), TRUE);
  g_assert_false (shows (row, "Primary"));
  g_assert_true (shows (row, "Set as Primary"));
  primary = find_suffix (row, "Set as Primary");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (primary)), ==,
                   "cards.set-primary");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (primary));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "7");

  /* Busy: the buttons wait for the change in flight. */
  cp_card_row_set_busy (CP_CARD_ROW (row), TRUE);
  g_assert_false (gtk_widget_get_sensitive (primary));
  g_assert_false (gtk_widget_get_sensitive (find_suffix (row, "Delete")));
  cp_card_row_set_busy (CP_CARD_ROW (row), FALSE);
  g_assert_true (gtk_widget_get_sensitive (primary));

  /* The office's details line instead of the expiry. */
  cp_card_row_set_details (CP_CARD_ROW (row), "Added by the office");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Added by the office");

  g_assert_finalize_object (row);
}

static void
test_expired_card (void)
{
  g_autoptr(CpCard) card = card_from_json ("9", "visa", "1881", 2020, FALSE);
  GtkWidget *row = g_object_ref_sink (cp_card_row_new (card));

  cp_card_row_set_actions (CP_CARD_ROW (row), TRUE);
  g_assert_true (shows (row, "Expired"));
  g_assert_false (shows (row, "Expires soon"));
  /* An expired card cannot become the one charged; it can go. */
  g_assert_false (shows (row, "Set as Primary"));
  g_assert_true (shows (row, "Delete"));

  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  cp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/card-row/primary", test_primary_card);
  g_test_add_func ("/ui/card-row/second-card-actions", test_second_card_actions);
  g_test_add_func ("/ui/card-row/expired", test_expired_card);

  return g_test_run ();
}
