/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cp-card-private.h"
#include "cp-core.h"

/* CSV as RFC 4180 writes it, and the report's records, byte for byte. */

static void
test_quoting (void)
{
  static const struct { const char *field, *csv; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "with, comma", "\"with, comma\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "Zoë Ångström", "Zoë Ångström" },
    /* A spreadsheet would run these: kept as text. */
    { "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
    { "+1 555 0101", "'+1 555 0101" },
    { "-5", "'-5" },
    { "@SUM(A1)", "'@SUM(A1)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) csv = g_string_new (NULL);

      cp_csv_append_field (csv, cases[i].field, TRUE);
      g_assert_cmpstr (csv->str, ==, cases[i].csv);
    }
}

static void
test_record (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  const char *fields[] = { "a", NULL, "b,c", "" };

  cp_csv_append_record (csv, fields, G_N_ELEMENTS (fields));
  cp_csv_append_record (csv, fields, 1);
  g_assert_cmpstr (csv->str, ==, "a,,\"b,c\",\r\na\r\n");
}

static CpCard *
card_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  CpCard *card;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  card = cp_card_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return card;
}

static void
test_report (void)
{
  g_autoptr(GListStore) cards = g_list_store_new (CP_TYPE_CARD);
  g_autoptr(CpCard) a = card_from ("{\"id\": \"7\", \"brand\": \"visa\", \"last4\": \"4242\","
                                   " \"exp_month\": 3, \"exp_year\": 2031,"
                                   " \"cardholder_name\": \"O'Neil, \\\"Pat\\\"\","
                                   " \"is_primary\": true, \"expired\": false,"
                                   " \"added_at\": \"2026-01-02T23:30:00Z\", \"added_via\": \"office\","
                                   " \"type\": \"card\","
                                   " \"added_by\": {\"role\": \"staff\", \"name\": \"Sam Rivera\"},"
                                   " \"updated_at\": \"2026-02-03T00:00:00Z\","
                                   " \"last_used_at\": \"2026-03-04T12:00:00Z\","
                                   " \"customer\": {\"id\": \"12\", \"name\": \"O'Neil, \\\"Pat\\\"\"}}");
  g_autoptr(CpCard) b = card_from ("{\"id\": \"8\", \"brand\": \"amex\", \"last4\": \"0005\","
                                   " \"exp_month\": 11, \"exp_year\": 2024,"
                                   " \"cardholder_name\": \"=cmd\", \"is_primary\": false,"
                                   " \"expired\": true, \"added_at\": \"2023-05-06T00:00:00Z\","
                                   " \"added_via\": \"portal\","
                                   " \"added_by\": {\"role\": \"customer\", \"name\": \"=cmd\"},"
                                   " \"updated_at\": null, \"last_used_at\": null,"
                                   " \"customer\": {\"id\": \"13\", \"name\": \"=cmd\"}}");
  g_autofree char *csv = NULL;

  g_list_store_append (cards, a);
  g_list_store_append (cards, b);
  csv = cp_csv_saved_payment_methods (G_LIST_MODEL (cards));
  g_assert_cmpstr (csv, ==,
                   "Payment Type,Brand,Last 4,Expiration,Customer,Customer ID,Added,Added By,"
                   "Last Updated,Last Used\r\n"
                   "Credit Card,Visa,4242,03/2031,\"O'Neil, \"\"Pat\"\"\",12,2026-01-02,Sam Rivera,"
                   "2026-02-03,2026-03-04\r\n"
                   "Credit Card,American Express,0005,11/2024,'=cmd,13,2023-05-06,'=cmd,,\r\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/record", test_record);
  g_test_add_func ("/csv/report", test_report);
  return g_test_run ();
}
