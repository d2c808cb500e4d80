/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-card-input.h"
#include "cp-digit-entry.h"
#include "cp-money.h"
#include "fuzz.h"

/*
 * What a person types into the Add Card and Pay forms, on any bytes: the
 * digit helpers and the card validator of the core, the digit fields'
 * formatting with the caret (src/widgets/cp-digit-entry.c, without GTK),
 * and amounts. The first byte picks the part.
 */

static guint
count_digits (const char *text,
              gsize       n_bytes)
{
  guint n = 0;

  for (gsize i = 0; i < n_bytes && text[i] != '\0'; i++)
    if (text[i] >= '0' && text[i] <= '9')
      n++;
  return n;
}

/* Only digits and separators, and every digit typed (up to the limit). */
static void
check_formatted (const char *formatted,
                 int         caret)
{
  g_assert_true (g_utf8_validate (formatted, -1, NULL));
  for (const char *p = formatted; *p != '\0'; p++)
    g_assert_true ((*p >= '0' && *p <= '9') || *p == ' ' || *p == '/');
  g_assert_cmpint (caret, >=, 0);
  g_assert_cmpint (caret, <=, (int) g_utf8_strlen (formatted, -1));
}

static void
digit_field (const char        *text,
             gsize              split,
             CpDigitFormatFunc  format)
{
  int caret = -1;
  char *formatted = cp_digit_entry_format_text (text, count_digits (text, split), format, NULL,
                                                &caret);

  check_formatted (formatted, caret);
  cp_card_wipe_string (formatted);
  g_free (formatted);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint choice;

  if (size < 1)
    return 0;
  choice = data[0] % 4;
  /* A field's text is UTF-8 without NUL: what GTK would hand over. */
  text = g_utf8_make_valid ((const char *) data + 1, (gssize) size - 1);

  switch (choice)
    {
    case 0:
      {
        char *digits = cp_card_normalize_digits (text);
        CpCardBrand brand = cp_card_brand_from_digits (digits);
        char *formatted = cp_card_format_digits (digits, brand);

        for (const char *p = digits; *p != '\0'; p++)
          g_assert_true (*p >= '0' && *p <= '9');
        (void) cp_card_luhn_check (digits);
        (void) cp_card_brand_length_ok (brand, strlen (digits));
        g_assert_cmpuint (cp_card_brand_cvc_length (brand), >=, 3);
        g_assert_cmpuint (cp_card_brand_max_length (brand), <=, 19);
        check_formatted (formatted, 0);
        cp_card_wipe_string (formatted);
        g_free (formatted);
        cp_card_wipe_string (digits);
        g_free (digits);
      }
      break;

    case 1:
      {
        /* number, expiry and CVC, split at the first two tabs. */
        g_auto(GStrv) fields = g_strsplit (text, "\t", 3);
        g_autoptr(CpCardInput) input = cp_card_input_new ();
        g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 15, 12, 0, 0);
        g_autofree char *display = NULL;
        g_autofree char *last4 = NULL;

        cp_card_input_set_number (input, fields[0] != NULL ? fields[0] : "");
        if (fields[0] != NULL && fields[1] != NULL)
          (void) cp_card_input_set_expiry_text (input, fields[1]);
        if (fields[0] != NULL && fields[1] != NULL && fields[2] != NULL)
          cp_card_input_set_cvc (input, fields[2]);
        if (!cp_card_input_validate (input, now, &error))
          {
            g_assert_nonnull (error);
            g_assert_true (error->domain == cp_card_input_error_quark ());
          }
        display = cp_card_input_dup_display_number (input);
        last4 = cp_card_input_dup_last4 (input);
        g_assert_true (last4 == NULL || strlen (last4) <= 4);
        cp_card_input_wipe (input);
        g_assert_cmpuint (cp_card_input_get_n_digits (input), ==, 0);
      }
      break;

    case 2:
      {
        /* An edit in a digit field: the caret after the byte the second
         * input byte names. */
        gsize split = size > 1 ? data[1] % (strlen (text) + 1) : 0;

        digit_field (text, split, cp_digit_entry_format_card_number);
        digit_field (text, split, cp_digit_entry_format_expiry);
      }
      break;

    default:
      {
        static const char *currencies[] = { "USD", "EUR", "JPY", "KWD", "SEK" };
        gint64 amount = 0;

        if (cp_money_parse (text, currencies[size % G_N_ELEMENTS (currencies)], &amount, &error))
          {
            g_autoptr(CpMoney) money = cp_money_new (amount, currencies[size % 5]);
            g_autofree char *shown = cp_money_format (money);

            g_assert_true (g_utf8_validate (shown, -1, NULL));
          }
        else
          g_assert_nonnull (error);
      }
      break;
    }

  return 0;
}
