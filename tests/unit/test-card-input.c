/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-core.h"

/* Published processor test numbers (Stripe's testing page), per brand. */
static const struct
{
  const char *number;
  CpCardBrand brand;
} published[] = {
  { "4242424242424242", CP_CARD_BRAND_VISA },
  { "4000056655665556", CP_CARD_BRAND_VISA },
  { "4000000000000002", CP_CARD_BRAND_VISA },
  { "4000000000009995", CP_CARD_BRAND_VISA },
  { "4222222222222", CP_CARD_BRAND_VISA },
  { "5555555555554444", CP_CARD_BRAND_MASTERCARD },
  { "2223003122003222", CP_CARD_BRAND_MASTERCARD },
  { "5200828282828210", CP_CARD_BRAND_MASTERCARD },
  { "5105105105105100", CP_CARD_BRAND_MASTERCARD },
  { "378282246310005", CP_CARD_BRAND_AMEX },
  { "371449635398431", CP_CARD_BRAND_AMEX },
  { "6011111111111117", CP_CARD_BRAND_DISCOVER },
  { "6011000990139424", CP_CARD_BRAND_DISCOVER },
  { "3056930009020004", CP_CARD_BRAND_DINERS },
  { "36227206271667", CP_CARD_BRAND_DINERS },
  { "3566002020360505", CP_CARD_BRAND_JCB },
  { "6200000000000005", CP_CARD_BRAND_UNIONPAY },
  { "6205500000000000004", CP_CARD_BRAND_UNIONPAY },
};

static GDateTime *
november_2026 (void)
{
  return g_date_time_new_local (2026, 11, 15, 12, 0, 0);
}

static void
test_published_numbers (void)
{
  g_autoptr(GDateTime) now = november_2026 ();

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      g_autoptr(CpCardInput) input = cp_card_input_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *cvc = NULL;

      g_test_message ("published number #%u", i);
      cp_card_input_set_number (input, published[i].number);
      g_assert_cmpint (cp_card_input_get_brand (input), ==, published[i].brand);
      g_assert_cmpint (cp_card_brand_from_digits (published[i].number), ==, published[i].brand);
      g_assert_true (cp_card_luhn_check (published[i].number));
      g_assert_true (cp_card_input_get_number_complete (input));

      cvc = g_strnfill (cp_card_brand_cvc_length (published[i].brand), '7');
      cp_card_input_set_cvc (input, cvc);
      cp_card_input_set_expiry (input, 12, 2030);
      g_assert_true (cp_card_input_validate (input, now, &error));
      g_assert_no_error (error);
    }
}

static void
test_normalize_and_group (void)
{
  g_autoptr(CpCardInput) input = cp_card_input_new ();
  g_autofree char *digits = cp_card_normalize_digits (" 4242-4242 4242\t4242x");
  g_autofree char *shown = NULL;
  g_autofree char *amex = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *last4 = NULL;

  g_assert_cmpstr (digits, ==, "4242424242424242");
  cp_card_input_set_number (input, "4242 4242-4242 4242");
  g_assert_cmpstr (cp_card_input_peek_number (input), ==, "4242424242424242");
  shown = cp_card_input_dup_display_number (input);
  g_assert_cmpstr (shown, ==, "4242 4242 4242 4242");
  last4 = cp_card_input_dup_last4 (input);
  g_assert_cmpstr (last4, ==, "4242");

  amex = cp_card_format_digits ("378282246310005", CP_CARD_BRAND_AMEX);
  g_assert_cmpstr (amex, ==, "3782 822463 10005");
  partial = cp_card_format_digits ("378282", CP_CARD_BRAND_AMEX);
  g_assert_cmpstr (partial, ==, "3782 82");
  g_clear_pointer (&partial, g_free);
  partial = cp_card_format_digits ("6205500000000000004", CP_CARD_BRAND_UNIONPAY);
  g_assert_cmpstr (partial, ==, "6205 5000 0000 0000 004");

  cp_card_wipe_string (digits);
  g_assert_cmpuint (digits[0], ==, 0);
  g_assert_cmpuint (digits[15], ==, 0);
}

/* Brand from the first digits: unknown while more than one brand (or a
 * longer, more specific range) is still possible. */
static void
test_brand_prefixes (void)
{
  static const struct
  {
    const char *prefix;
    CpCardBrand brand;
  } cases[] = {
    { "", CP_CARD_BRAND_UNKNOWN },
    { "4", CP_CARD_BRAND_VISA },
    { "3", CP_CARD_BRAND_UNKNOWN },
    { "34", CP_CARD_BRAND_AMEX },
    { "37", CP_CARD_BRAND_AMEX },
    { "35", CP_CARD_BRAND_UNKNOWN },
    { "3528", CP_CARD_BRAND_JCB },
    { "3589", CP_CARD_BRAND_JCB },
    { "3590", CP_CARD_BRAND_UNKNOWN },
    { "36", CP_CARD_BRAND_DINERS },
    { "300", CP_CARD_BRAND_DINERS },
    { "306", CP_CARD_BRAND_UNKNOWN },
    { "2", CP_CARD_BRAND_UNKNOWN },
    { "22", CP_CARD_BRAND_UNKNOWN },
    { "2220", CP_CARD_BRAND_UNKNOWN },
    { "2221", CP_CARD_BRAND_MASTERCARD },
    { "2720", CP_CARD_BRAND_MASTERCARD },
    { "2721", CP_CARD_BRAND_UNKNOWN },
    { "5", CP_CARD_BRAND_UNKNOWN },
    { "50", CP_CARD_BRAND_UNKNOWN },
    { "51", CP_CARD_BRAND_MASTERCARD },
    { "55", CP_CARD_BRAND_MASTERCARD },
    { "56", CP_CARD_BRAND_UNKNOWN },
    { "6", CP_CARD_BRAND_UNKNOWN },
    { "6011", CP_CARD_BRAND_DISCOVER },
    { "644", CP_CARD_BRAND_DISCOVER },
    { "65", CP_CARD_BRAND_DISCOVER },
    { "62", CP_CARD_BRAND_UNKNOWN },
    { "620", CP_CARD_BRAND_UNIONPAY },
    { "622125", CP_CARD_BRAND_UNIONPAY },
    { "622126", CP_CARD_BRAND_DISCOVER },
    { "622925", CP_CARD_BRAND_DISCOVER },
    { "1", CP_CARD_BRAND_UNKNOWN },
    { "9", CP_CARD_BRAND_UNKNOWN },
    { "4a", CP_CARD_BRAND_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("prefix “%s”", cases[i].prefix);
      g_assert_cmpint (cp_card_brand_from_digits (cases[i].prefix), ==, cases[i].brand);
    }
  g_assert_cmpint (cp_card_brand_from_digits (NULL), ==, CP_CARD_BRAND_UNKNOWN);
}

static void
test_lengths (void)
{
  g_assert_true (cp_card_brand_length_ok (CP_CARD_BRAND_VISA, 13));
  g_assert_false (cp_card_brand_length_ok (CP_CARD_BRAND_VISA, 14));
  g_assert_true (cp_card_brand_length_ok (CP_CARD_BRAND_VISA, 16));
  g_assert_true (cp_card_brand_length_ok (CP_CARD_BRAND_VISA, 19));
  g_assert_true (cp_card_brand_length_ok (CP_CARD_BRAND_AMEX, 15));
  g_assert_false (cp_card_brand_length_ok (CP_CARD_BRAND_AMEX, 16));
  g_assert_true (cp_card_brand_length_ok (CP_CARD_BRAND_MASTERCARD, 16));
  g_assert_false (cp_card_brand_length_ok (CP_CARD_BRAND_MASTERCARD, 19));
  g_assert_true (cp_card_brand_length_ok (CP_CARD_BRAND_DINERS, 14));
  g_assert_false (cp_card_brand_length_ok (CP_CARD_BRAND_UNKNOWN, 16));
  g_assert_cmpuint (cp_card_brand_cvc_length (CP_CARD_BRAND_AMEX), ==, 4);
  g_assert_cmpuint (cp_card_brand_cvc_length (CP_CARD_BRAND_VISA), ==, 3);
  g_assert_cmpuint (cp_card_brand_max_length (CP_CARD_BRAND_AMEX), ==, 15);
  g_assert_false (cp_card_luhn_check (""));
  g_assert_false (cp_card_luhn_check ("0"));
  g_assert_false (cp_card_luhn_check ("42424242x4242424"));
  g_assert_true (cp_card_luhn_check ("00"));
}

/* A table of bad inputs, each refused on the right field. */
static void
test_bad_inputs (void)
{
  static const struct
  {
    const char *number;
    const char *expiry;
    const char *cvc;
    int field;
  } cases[] = {
    { "", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "abcd efgh", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "4242424242424241", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "424242424242", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "42424242424242424242", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "42424242424242", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "1234567812345670", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "5555555555554444000", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "3782822463100050", "12/30", "1234", CP_CARD_INPUT_ERROR_NUMBER },
    { "2721000000000004", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
    { "4242424242424242", "13/30", "123", CP_CARD_INPUT_ERROR_EXPIRY },
    { "4242424242424242", "00/30", "123", CP_CARD_INPUT_ERROR_EXPIRY },
    { "4242424242424242", "10/26", "123", CP_CARD_INPUT_ERROR_EXPIRY },
    { "4242424242424242", "12/2025", "123", CP_CARD_INPUT_ERROR_EXPIRY },
    { "4242424242424242", "01/2077", "123", CP_CARD_INPUT_ERROR_EXPIRY },
    { "4242424242424242", "", "123", CP_CARD_INPUT_ERROR_EXPIRY },
    { "4242424242424242", "12/30", "", CP_CARD_INPUT_ERROR_CVC },
    { "4242424242424242", "12/30", "12", CP_CARD_INPUT_ERROR_CVC },
    { "4242424242424242", "12/30", "1234", CP_CARD_INPUT_ERROR_CVC },
    { "4242424242424242", "12/30", "12345", CP_CARD_INPUT_ERROR_CVC },
    { "378282246310005", "12/30", "123", CP_CARD_INPUT_ERROR_CVC },
    { "-1", "12/30", "123", CP_CARD_INPUT_ERROR_NUMBER },
  };
  g_autoptr(GDateTime) now = november_2026 ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CpCardInput) input = cp_card_input_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("bad input #%u", i);
      cp_card_input_set_number (input, cases[i].number);
      cp_card_input_set_expiry_text (input, cases[i].expiry);
      cp_card_input_set_cvc (input, cases[i].cvc);
      g_assert_false (cp_card_input_validate (input, now, &error));
      g_assert_error (error, CP_CARD_INPUT_ERROR, cases[i].field);
      g_assert_nonnull (error->message);
      /* The message never repeats the digits. */
      if (strlen (cases[i].number) >= 4)
        g_assert_null (strstr (error->message, cases[i].number));
    }
}

static void
test_expiry_rules (void)
{
  g_autoptr(GDateTime) now = november_2026 ();
  g_autoptr(CpCardInput) input = cp_card_input_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cp_card_expiry_ok (11, 2026, now));
  g_assert_false (cp_card_expiry_ok (10, 2026, now));
  g_assert_true (cp_card_expiry_ok (12, 2076, now));
  g_assert_false (cp_card_expiry_ok (1, 2077, now));
  g_assert_false (cp_card_expiry_ok (0, 2030, now));

  g_assert_true (cp_card_input_set_expiry_text (input, "11/26"));
  g_assert_cmpuint (cp_card_input_get_exp_month (input), ==, 11);
  g_assert_cmpuint (cp_card_input_get_exp_year (input), ==, 2026);
  g_assert_true (cp_card_input_set_expiry_text (input, "0731"));
  g_assert_cmpuint (cp_card_input_get_exp_year (input), ==, 2031);
  g_assert_true (cp_card_input_set_expiry_text (input, "07 / 2031"));
  g_assert_cmpuint (cp_card_input_get_exp_month (input), ==, 7);
  g_assert_false (cp_card_input_set_expiry_text (input, "7/31x"));
  g_assert_false (cp_card_input_set_expiry_text (input, "123"));

  cp_card_input_set_number (input, "4242424242424242");
  cp_card_input_set_cvc (input, "123");
  cp_card_input_set_expiry (input, 11, 26);
  g_assert_true (cp_card_input_validate (input, now, &error));
  g_assert_no_error (error);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Every buffer that held digits reads as zeros after a wipe. */
static void
test_wipe (void)
{
  g_autoptr(CpCardInput) input = cp_card_input_new ();
  const char *number, *cvc;
  guint brand_notifies = 0;

  g_signal_connect (input, "notify::brand", G_CALLBACK (notify_count_cb), &brand_notifies);
  cp_card_input_set_number (input, "4242424242424242");
  cp_card_input_set_cvc (input, "123");
  cp_card_input_set_expiry (input, 12, 2030);
  g_assert_cmpuint (brand_notifies, ==, 1);
  cp_card_input_set_number (input, "4242424242424242");
  g_assert_cmpuint (brand_notifies, ==, 1);

  number = cp_card_input_peek_number (input);
  cvc = cp_card_input_peek_cvc (input);
  cp_card_input_wipe (input);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (number[i], ==, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (cvc[i], ==, 0);
  g_assert_cmpint (cp_card_input_get_brand (input), ==, CP_CARD_BRAND_UNKNOWN);
  g_assert_cmpuint (brand_notifies, ==, 2);
  g_assert_cmpuint (cp_card_input_get_exp_month (input), ==, 0);
  g_assert_false (cp_card_input_get_number_complete (input));

  /* Replacing the number wipes the old digits: nothing of them remains. */
  cp_card_input_set_number (input, "5555555555554444");
  cp_card_input_set_number (input, "4242");
  g_assert_cmpstr (number, ==, "4242");
  for (guint i = 4; i < 20; i++)
    g_assert_cmpint (number[i], ==, 0);
}

/* ABA routing numbers: the published ones pass, one digit off or two
 * swapped fail; account numbers are 4 to 17 digits. */
static void
test_bank_numbers (void)
{
  const char *good[] = { "110000000", "021000021", "026009593", "121000248", "011000015" };
  const char *bad[] = { "110000001", "012000021", "02100002", "0210000210", "02100002a", "",
                        "000000001" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (cp_bank_routing_number_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (cp_bank_routing_number_valid (bad[i]));
  g_assert_false (cp_bank_routing_number_valid (NULL));

  g_assert_true (cp_bank_account_number_valid ("6789"));
  g_assert_true (cp_bank_account_number_valid ("000123456789"));
  g_assert_true (cp_bank_account_number_valid ("12345678901234567"));
  g_assert_false (cp_bank_account_number_valid ("123"));
  g_assert_false (cp_bank_account_number_valid ("123456789012345678"));
  g_assert_false (cp_bank_account_number_valid ("1234 5678"));
  g_assert_false (cp_bank_account_number_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/card-input/published-numbers", test_published_numbers);
  g_test_add_func ("/unit/card-input/bank-numbers", test_bank_numbers);
  g_test_add_func ("/unit/card-input/normalize-and-group", test_normalize_and_group);
  g_test_add_func ("/unit/card-input/brand-prefixes", test_brand_prefixes);
  g_test_add_func ("/unit/card-input/lengths", test_lengths);
  g_test_add_func ("/unit/card-input/bad-inputs", test_bad_inputs);
  g_test_add_func ("/unit/card-input/expiry", test_expiry_rules);
  g_test_add_func ("/unit/card-input/wipe", test_wipe);

  return g_test_run ();
}
