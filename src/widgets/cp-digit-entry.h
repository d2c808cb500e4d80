/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CpDigitFormatFunc:
 * @digits: the digits the field would hold (ASCII digits only); the
 *   function may cut it short in place to enforce a maximum length
 * @user_data: what was passed to cp_digit_entry_attach()
 *
 * Returns: (transfer full): @digits as the field shows them, with
 *   separators; its digits are @digits, possibly with zeros put in front
 *   (e.g. "4" → "04" for a month). The caller wipes it before freeing.
 */
typedef char *(*CpDigitFormatFunc) (char     *digits,
                                    gpointer  user_data);

void cp_digit_entry_attach   (GtkEditable       *editable,
                              CpDigitFormatFunc  format,
                              gpointer           user_data);
void cp_digit_entry_reformat (GtkEditable       *editable);

char *cp_digit_entry_format_text        (const char        *raw,
                                         guint              caret_digits,
                                         CpDigitFormatFunc  format,
                                         gpointer           user_data,
                                         int               *caret) G_GNUC_WARN_UNUSED_RESULT;
char *cp_digit_entry_format_card_number (char              *digits,
                                         gpointer           user_data);
char *cp_digit_entry_format_expiry      (char              *digits,
                                         gpointer           user_data);

G_END_DECLS
