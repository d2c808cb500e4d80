/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "cp-money.h"

/*
 * Amounts are read the way they are shown: cp_money_parse() takes what
 * cp_money_format() and cp_money_format_number() write in the current
 * locale, and refuses what it would have to guess at. Run in C, and in
 * en_US and de_DE built into the build tree (tests/unit/meson.build), as
 * these machines often have only C.UTF-8.
 */

typedef struct
{
  const char *text;
  const char *currency;
  gint64 amount;          /* or -1 for an error */
  CpMoneyError code;
} Case;

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 amount = -42;
      gboolean ok = cp_money_parse (cases[i].text, cases[i].currency, &amount, &error);
      /* Escaped: some cases are not UTF-8, and TAP output must be. */
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("'%s' in %s", shown, cases[i].currency);
      if (cases[i].amount >= 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (amount, ==, cases[i].amount);
        }
      else
        {
          g_assert_error (error, CP_MONEY_ERROR, (gint) cases[i].code);
          g_assert_false (ok);
          g_assert_cmpint (amount, ==, -42);
        }
    }
}

/* Whatever is shown can be typed back, in every locale. */
static void
check_round_trip (void)
{
  static const gint64 amounts[] = { 0, 5, 100, 46150, 125050, 99999999, 123456789012 };
  static const char *currencies[] = { "USD", "EUR", "JPY", "KWD", "SEK" };

  for (gsize c = 0; c < G_N_ELEMENTS (currencies); c++)
    for (gsize i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_autoptr(CpMoney) money = cp_money_new (amounts[i], currencies[c]);
        g_autofree char *number = cp_money_format_number (money);
        g_autofree char *shown = cp_money_format (money);
        g_autoptr(GError) error = NULL;
        gint64 back = -1;

        g_assert_true (cp_money_parse (number, currencies[c], &back, &error));
        g_assert_no_error (error);
        g_assert_cmpint (back, ==, amounts[i]);
        g_assert_true (cp_money_parse (shown, currencies[c], &back, &error));
        g_assert_no_error (error);
        g_assert_cmpint (back, ==, amounts[i]);
      }
}

/* The mistakes and garbage refused alike in every locale. */
static const Case everywhere[] = {
  { "", "USD", -1, CP_MONEY_ERROR_EMPTY },
  { "   ", "USD", -1, CP_MONEY_ERROR_EMPTY },
  { "$", "USD", -1, CP_MONEY_ERROR_EMPTY },
  { "abc", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "12abc", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "-5", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "+5", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "€5", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "5 EUR", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "1e3", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "0x10", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "12\xff", "USD", -1, CP_MONEY_ERROR_INVALID },
  { "12'000", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
  { "1 250", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
  { "99999999999999", "USD", -1, CP_MONEY_ERROR_TOO_LARGE },
  { "0000000000000000025", "USD", 2500, 0 },
  { "  461 ", "USD", 46100, 0 },
  { "USD 461", "USD", 46100, 0 },
  { "461 usd", "USD", 46100, 0 },
  { "$461", "USD", 46100, 0 },
  { "461$", "USD", 46100, 0 },
  { "€461", "EUR", 46100, 0 },
  { "1250", "JPY", 1250, 0 },
  { "¥1250", "JPY", 1250, 0 },
  { "CHF 12", "CHF", 1200, 0 },
};

static void
test_c (void)
{
  static const Case cases[] = {
    { "461.50", "USD", 46150, 0 },
    { "461.5", "USD", 46150, 0 },
    { ".50", "USD", 50, 0 },
    { "461.", "USD", 46100, 0 },
    { "1,250.50", "USD", 125050, 0 },
    { "$1,250.50", "USD", 125050, 0 },
    { "1,234,567.89", "USD", 123456789, 0 },
    { "1,250", "USD", 125000, 0 },
    { "1.234", "KWD", 1234, 0 },
    { "1,200", "JPY", 1200, 0 },
    { "461.505", "USD", -1, CP_MONEY_ERROR_DECIMALS },
    { "12.5", "JPY", -1, CP_MONEY_ERROR_DECIMALS },
    /* German writing, or a typo: not guessed at. */
    { "1.250,50", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "461,50", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1,25", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "12,50.00", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1250,000.00", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { ",250", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1,,250", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1,250,", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1.2.3", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { ".", "USD", -1, CP_MONEY_ERROR_INVALID },
  };
  g_autoptr(CpMoney) money = cp_money_new (125050, "USD");
  g_autofree char *shown = cp_money_format (money);
  g_autofree char *number = cp_money_format_number (money);

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  g_assert_cmpstr (shown, ==, "$1,250.50");
  g_assert_cmpstr (number, ==, "1,250.50");
  check_cases (everywhere, G_N_ELEMENTS (everywhere));
  check_cases (cases, G_N_ELEMENTS (cases));
  check_round_trip ();
}

/* The locales built into the build tree by tests/unit/meson.build. */
static gboolean
use_built_locale (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "unit", "locale", NULL);

  g_setenv ("LOCPATH", dir, TRUE);
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("no %s locale (localedef missing?)", name);

      g_unsetenv ("LOCPATH");
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static void
test_en_us (void)
{
  static const Case cases[] = {
    { "1,250.50", "USD", 125050, 0 },
    { "461.50", "USD", 46150, 0 },
    { "1.250,50", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
  };
  g_autoptr(CpMoney) money = cp_money_new (125050, "USD");
  g_autofree char *shown = NULL;

  if (!use_built_locale ("en_US.UTF-8"))
    return;
  shown = cp_money_format (money);
  g_assert_cmpstr (shown, ==, "$1,250.50");
  check_cases (everywhere, G_N_ELEMENTS (everywhere));
  check_cases (cases, G_N_ELEMENTS (cases));
  check_round_trip ();
  setlocale (LC_ALL, "C");
  g_unsetenv ("LOCPATH");
}

static void
test_de_de (void)
{
  static const Case cases[] = {
    { "461,50", "USD", 46150, 0 },
    { "461,5", "USD", 46150, 0 },
    { "1.250,50", "USD", 125050, 0 },
    { "$1.250,50", "USD", 125050, 0 },
    { "1.250,50 €", "EUR", 125050, 0 },
    { "1.250", "USD", 125000, 0 },
    { "1.234.567,89", "USD", 123456789, 0 },
    { "1.200", "JPY", 1200, 0 },
    { "461,505", "USD", -1, CP_MONEY_ERROR_DECIMALS },
    { "12,5", "JPY", -1, CP_MONEY_ERROR_DECIMALS },
    /* English writing, or a typo: not guessed at. */
    { "461.50", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1,250.50", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1.25", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
    { "1,2,3", "USD", -1, CP_MONEY_ERROR_AMBIGUOUS },
  };
  g_autoptr(CpMoney) money = cp_money_new (46150, "USD");
  g_autoptr(CpMoney) big = cp_money_new (125050, "USD");
  g_autofree char *shown = NULL;
  g_autofree char *number = NULL;

  if (!use_built_locale ("de_DE.UTF-8"))
    return;
  /* What the German overview shows, and what the amount field holds. */
  shown = cp_money_format (money);
  number = cp_money_format_number (big);
  g_assert_cmpstr (shown, ==, "$461,50");
  g_assert_cmpstr (number, ==, "1.250,50");
  check_cases (everywhere, G_N_ELEMENTS (everywhere));
  check_cases (cases, G_N_ELEMENTS (cases));
  check_round_trip ();
  setlocale (LC_ALL, "C");
  g_unsetenv ("LOCPATH");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/money/parse-c", test_c);
  g_test_add_func ("/unit/money/parse-en-us", test_en_us);
  g_test_add_func ("/unit/money/parse-de-de", test_de_de);

  return g_test_run ();
}
