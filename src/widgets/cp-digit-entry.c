/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <string.h>

#include "cp-card-input.h"
#include "cp-digit-entry.h"

/*
 * Formatting a digit field (card number, expiry, CVC) as it is typed.
 *
 * The edit is taken over in GtkEditable::insert-text and ::delete-text,
 * before the buffer changes: the handler works out the digits the field
 * would hold, formats them, replaces the text and says where the caret
 * goes (the insert-text position out-argument, which GtkText then uses
 * for its cursor). Repositioning the caret in ::changed instead cannot
 * work: GtkText moves its cursor past the typed character only after
 * ::changed, so every later key would land one place early.
 *
 * The caret stays after the same number of digits as a person expects:
 * after the digit just typed, before the digit after a deleted one.
 * Deleting only a separator (Backspace just after the space in
 * "4242 4") deletes the digit beyond it, since the separator comes back
 * anyway. Every temporary copy of the digits is wiped before it is freed.
 */

typedef struct
{
  GtkText *text;
  CpDigitFormatFunc format;
  gpointer user_data;
  gboolean busy;
} DigitEntry;

static const char *key = "cp-digit-entry";

static void
wipe_free (char *text)
{
  cp_card_wipe_string (text);
  g_free (text);
}

/* The ASCII digits among the first @n_chars characters of @text (all of
 * them for -1). */
static guint
count_digits (const char *text,
              int         n_chars)
{
  guint n = 0;

  for (const char *p = text; *p != '\0' && n_chars != 0; p = g_utf8_next_char (p), n_chars--)
    if (*p >= '0' && *p <= '9')
      n++;
  return n;
}

/* The character offset just after the @n-th digit of @text, or 0. */
static int
offset_after_digit (const char *text,
                    guint       n)
{
  int offset = 0;

  if (n == 0)
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      offset++;
      if (*p >= '0' && *p <= '9' && --n == 0)
        break;
    }
  return offset;
}

/**
 * cp_digit_entry_format_text:
 * @raw: what the field would hold after an edit, digits and anything else
 * @caret_digits: how many digits come before the caret in @raw
 * @format: the field's format
 * @caret: (out): the caret's character offset in the result
 *
 * The text a field shows for @raw (its digits, formatted by @format) and
 * where its caret goes: after the @caret_digits-th digit. No GTK: the
 * fuzzing harness calls it with any bytes.
 *
 * Returns: (transfer full): the text; the caller wipes it before freeing
 */
char *
cp_digit_entry_format_text (const char        *raw,
                            guint              caret_digits,
                            CpDigitFormatFunc  format,
                            gpointer           user_data,
                            int               *caret)
{
  char *digits;
  g_autofree char *kept = NULL;
  char *formatted;
  char *shown;

  g_return_val_if_fail (raw != NULL && format != NULL && caret != NULL, NULL);

  digits = cp_card_normalize_digits (raw);
  kept = g_strdup (digits);
  formatted = format (digits, user_data);
  shown = cp_card_normalize_digits (formatted);

  /* Digits put in front ("4" → "04") move the caret to the end: the
   * count from the left no longer lines up. */
  if (!g_str_has_prefix (kept, shown))
    *caret = g_utf8_strlen (formatted, -1);
  else
    *caret = offset_after_digit (formatted, MIN (caret_digits, (guint) strlen (shown)));

  cp_card_wipe_string (kept);
  wipe_free (shown);
  wipe_free (digits);
  return formatted;
}

/* Puts @raw, formatted, into the field; the caret goes after the
 * @caret_digits-th digit. Returns the caret's character offset. */
static int
apply (DigitEntry *self,
       const char *raw,
       guint       caret_digits)
{
  int caret;
  char *formatted = cp_digit_entry_format_text (raw, caret_digits, self->format,
                                                self->user_data, &caret);

  if (strcmp (formatted, gtk_editable_get_text (GTK_EDITABLE (self->text))) != 0)
    {
      self->busy = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->text), formatted);
      self->busy = FALSE;
    }

  wipe_free (formatted);
  return caret;
}

/**
 * cp_digit_entry_format_card_number:
 *
 * A #CpDigitFormatFunc: the number grouped as its brand groups it, cut to
 * the brand's longest number.
 */
char *
cp_digit_entry_format_card_number (char     *digits,
                                   gpointer  user_data)
{
  CpCardBrand brand = cp_card_brand_from_digits (digits);

  if (strlen (digits) > cp_card_brand_max_length (brand))
    digits[cp_card_brand_max_length (brand)] = '\0';
  return cp_card_format_digits (digits, brand);
}

/**
 * cp_digit_entry_format_expiry:
 *
 * A #CpDigitFormatFunc: the expiry as MM/YY.
 */
char *
cp_digit_entry_format_expiry (char     *digits,
                              gpointer  user_data)
{
  /* "1" could become 10–12; "4" can only be April. */
  if (digits[0] > '1' && digits[1] == '\0')
    return g_strdup_printf ("0%s", digits);

  if (strlen (digits) > 4)
    digits[4] = '\0';
  /* The slash comes with the first digit of the year, so that deleting
   * back over it works. */
  if (strlen (digits) > 2)
    return g_strdup_printf ("%.2s/%s", digits, digits + 2);
  return g_strdup (digits);
}

static void
insert_text_cb (GtkEditable *editable,
                const char  *new_text,
                int          new_text_length,
                int         *position,
                DigitEntry  *self)
{
  const char *text;
  const char *split;
  g_autoptr(GString) raw = NULL;
  guint caret_digits;

  if (self->busy)
    return;
  g_signal_stop_emission_by_name (editable, "insert-text");

  if (new_text_length < 0)
    new_text_length = strlen (new_text);

  text = gtk_editable_get_text (editable);
  split = g_utf8_offset_to_pointer (text, MIN (*position, (int) g_utf8_strlen (text, -1)));

  /* Sized once, so that no reallocation leaves a copy of digits behind. */
  raw = g_string_sized_new (strlen (text) + new_text_length + 1);
  g_string_append_len (raw, text, split - text);
  g_string_append_len (raw, new_text, new_text_length);
  caret_digits = count_digits (raw->str, -1);
  g_string_append (raw, split);

  *position = apply (self, raw->str, caret_digits);
  gtk_editable_set_position (editable, *position);

  cp_card_wipe_string (raw->str);
}

static void
delete_text_cb (GtkEditable *editable,
                int          start,
                int          end,
                DigitEntry  *self)
{
  const char *text;
  int length;
  int caret;
  g_autoptr(GString) raw = NULL;
  guint caret_digits;

  if (self->busy)
    return;
  g_signal_stop_emission_by_name (editable, "delete-text");

  text = gtk_editable_get_text (editable);
  length = g_utf8_strlen (text, -1);
  if (end < 0 || end > length)
    end = length;
  start = CLAMP (start, 0, end);
  caret = gtk_editable_get_position (editable);

  /* Only a separator would go: take the digit beyond it instead, towards
   * where the caret is (Backspace deletes before it, Delete after). */
  if (end - start == 1 && count_digits (g_utf8_offset_to_pointer (text, start), 1) == 0)
    {
      if (caret == end)
        {
          while (start > 0 && count_digits (g_utf8_offset_to_pointer (text, start - 1), 1) == 0)
            start--;
          start = MAX (start - 1, 0);
        }
      else
        {
          while (end < length && count_digits (g_utf8_offset_to_pointer (text, end), 1) == 0)
            end++;
          end = MIN (end + 1, length);
        }
    }

  raw = g_string_sized_new (strlen (text) + 1);
  g_string_append_len (raw, text, g_utf8_offset_to_pointer (text, start) - text);
  caret_digits = count_digits (raw->str, -1);
  g_string_append (raw, g_utf8_offset_to_pointer (text, end));

  gtk_editable_set_position (editable, apply (self, raw->str, caret_digits));

  cp_card_wipe_string (raw->str);
}

/* The GtkText that holds the text of @editable (an entry row, an entry). */
static GtkText *
text_of (GtkEditable *editable)
{
  while (!GTK_IS_TEXT (editable))
    {
      editable = gtk_editable_get_delegate (editable);
      g_return_val_if_fail (editable != NULL, NULL);
    }
  return GTK_TEXT (editable);
}

/**
 * cp_digit_entry_attach:
 * @editable: an entry row or entry
 * @format: puts the separators in
 * @user_data: for @format
 *
 * From now on @editable holds digits formatted by @format, whether they
 * are typed key by key, pasted, deleted in the middle or set by
 * gtk_editable_set_text(); anything else typed is dropped.
 */
void
cp_digit_entry_attach (GtkEditable       *editable,
                       CpDigitFormatFunc  format,
                       gpointer           user_data)
{
  GtkText *text;
  DigitEntry *self;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (format != NULL);

  text = text_of (editable);
  g_return_if_fail (text != NULL);

  self = g_new0 (DigitEntry, 1);
  self->text = text;
  self->format = format;
  self->user_data = user_data;
  g_object_set_data_full (G_OBJECT (text), key, self, g_free);

  g_signal_connect (text, "insert-text", G_CALLBACK (insert_text_cb), self);
  g_signal_connect (text, "delete-text", G_CALLBACK (delete_text_cb), self);
}

/**
 * cp_digit_entry_reformat:
 * @editable: an entry set up with cp_digit_entry_attach()
 *
 * Formats the text again, after something the format depends on changed
 * (the brand, for the length of a CVC); the caret keeps its digit.
 */
void
cp_digit_entry_reformat (GtkEditable *editable)
{
  GtkText *text;
  DigitEntry *self;
  const char *current;
  char *copy;
  int caret;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  text = text_of (editable);
  self = g_object_get_data (G_OBJECT (text), key);
  g_return_if_fail (self != NULL);

  current = gtk_editable_get_text (GTK_EDITABLE (text));
  copy = g_strdup (current);
  caret = gtk_editable_get_position (GTK_EDITABLE (text));
  caret = apply (self, copy, count_digits (copy, caret));
  gtk_editable_set_position (GTK_EDITABLE (text), caret);
  wipe_free (copy);
}
