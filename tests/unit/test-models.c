/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cp-account-private.h"
#include "cp-card-event-private.h"
#include "cp-card-private.h"
#include "cp-config-private.h"
#include "cp-core.h"
#include "cp-customer-private.h"
#include "cp-invoice-private.h"
#include "cp-json-private.h"
#include "cp-payment-private.h"
#include "cp-visit-private.h"

#define VISIT \
  "{\"id\":\"17\",\"date\":\"2026-03-14\",\"job_number\":\"J-1001\",\"job_type\":\"Repair\"," \
  "\"summary\":\"Fixed the boiler\",\"technician\":\"Sam\",\"status\":\"completed\",\"invoice_id\":\"9\"}"

#define CARD \
  "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030," \
  "\"cardholder_name\":\"Ada Lovelace\",\"is_primary\":true,\"expired\":false," \
  "\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}"

static gpointer
parse (const char      *json,
       CpJsonParseFunc  func,
       GError         **error)
{
  return cp_json_parse_object (json, strlen (json), func, error);
}

static void
test_good_models (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpVisit) visit = parse (VISIT, cp_visit_parse, &error);
  g_autoptr(CpCard) card = NULL;
  g_autoptr(CpInvoice) invoice = NULL;
  g_autoptr(CpCustomer) customer = NULL;
  g_autoptr(CpCardEvent) event = NULL;
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpConfig) config = NULL;
  g_autoptr(CpPayment) payment = NULL;
  g_autofree char *status = NULL;
  CpCardBrand brand;

  g_assert_no_error (error);
  g_assert_cmpstr (cp_visit_get_id (visit), ==, "17");
  g_assert_cmpint (g_date_time_get_day_of_month (cp_visit_get_date (visit)), ==, 14);
  g_assert_cmpstr (cp_visit_get_invoice_id (visit), ==, "9");
  g_assert_cmpstr (cp_visit_get_date_text (visit), ==, "Mar 14, 2026");

  card = parse (CARD, cp_card_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_card_get_brand (card), ==, CP_CARD_BRAND_VISA);
  g_assert_cmpstr (cp_card_get_title (card), ==, "Visa •••• 4242");
  g_assert_cmpstr (cp_card_get_expiry_text (card), ==, "12/2030");
  g_assert_true (cp_card_get_is_primary (card));
  g_object_get (card, "brand", &brand, NULL);
  g_assert_cmpint (brand, ==, CP_CARD_BRAND_VISA);

  invoice = parse ("{\"id\":\"3\",\"number\":\"INV-3\",\"issued_on\":\"2026-02-01\","
                   "\"due_on\":\"2026-03-01\",\"total\":{\"amount\":12550,\"currency\":\"USD\"},"
                   "\"balance\":{\"amount\":12550,\"currency\":\"USD\"},\"status\":\"open\","
                   "\"summary\":\"Annual service\"}", cp_invoice_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_invoice_get_balance_text (invoice), ==, "$125.50");
  g_assert_cmpint (cp_invoice_get_status (invoice), ==, CP_INVOICE_STATUS_OPEN);
  /* Without "pending" (an older portal) or with nothing held: none. */
  g_assert_null (cp_invoice_get_pending (invoice));
  g_assert_null (cp_invoice_get_pending_text (invoice));
  g_clear_object (&invoice);
  invoice = parse ("{\"id\":\"3\",\"number\":\"INV-3\",\"issued_on\":\"2026-02-01\","
                   "\"due_on\":\"2026-03-01\",\"total\":{\"amount\":12550,\"currency\":\"USD\"},"
                   "\"balance\":{\"amount\":12550,\"currency\":\"USD\"},\"status\":\"open\","
                   "\"summary\":\"\",\"pending\":{\"amount\":5000,\"currency\":\"USD\"}}",
                   cp_invoice_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_money_get_amount (cp_invoice_get_pending (invoice)), ==, 5000);
  g_assert_cmpstr (cp_invoice_get_pending_text (invoice), ==, "$50.00");
  g_clear_object (&invoice);
  /* Held in another currency, or less than nothing: refused. */
  g_assert_null (parse ("{\"id\":\"3\",\"number\":\"INV-3\",\"issued_on\":\"2026-02-01\","
                        "\"due_on\":\"2026-03-01\",\"total\":{\"amount\":12550,\"currency\":\"USD\"},"
                        "\"balance\":{\"amount\":12550,\"currency\":\"USD\"},\"status\":\"open\","
                        "\"summary\":\"\",\"pending\":{\"amount\":5000,\"currency\":\"EUR\"}}",
                        cp_invoice_parse, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (parse ("{\"id\":\"3\",\"number\":\"INV-3\",\"issued_on\":\"2026-02-01\","
                        "\"due_on\":\"2026-03-01\",\"total\":{\"amount\":12550,\"currency\":\"USD\"},"
                        "\"balance\":{\"amount\":12550,\"currency\":\"USD\"},\"status\":\"open\","
                        "\"summary\":\"\",\"pending\":{\"amount\":-1,\"currency\":\"USD\"}}",
                        cp_invoice_parse, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  customer = parse ("{\"id\":\"1\",\"name\":\"Ada\",\"email\":null,\"phone\":\"555\","
                    "\"address\":\"1 Road\",\"balance\":{\"amount\":0,\"currency\":\"USD\"},"
                    "\"portal_account\":\"invited\"}", cp_customer_parse, &error);
  g_assert_no_error (error);
  g_assert_null (cp_customer_get_email (customer));
  g_assert_cmpint (cp_customer_get_portal_account (customer), ==, CP_PORTAL_ACCOUNT_INVITED);
  g_assert_cmpstr (cp_customer_get_balance_text (customer), ==, "$0.00");
  g_clear_object (&customer);

  /* A credit (the company owes the customer) is a balance, not an error. */
  customer = parse ("{\"id\":\"1\",\"name\":\"Ada\",\"email\":null,\"phone\":null,"
                    "\"address\":null,\"balance\":{\"amount\":-1250,\"currency\":\"USD\"}}",
                    cp_customer_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_money_get_amount (cp_customer_get_balance (customer)), ==, -1250);
  g_assert_cmpstr (cp_customer_get_balance_text (customer), ==, "Credit $12.50");

  event = parse ("{\"id\":\"8\",\"at\":\"2026-01-02T03:04:05Z\",\"action\":\"set_primary\","
                 "\"card\":{\"brand\":\"mastercard\",\"last4\":\"4444\",\"exp_month\":1,"
                 "\"exp_year\":2031},\"actor\":{\"role\":\"system\",\"name\":null},"
                 "\"channel\":\"system\"}", cp_card_event_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_card_event_get_action (event), ==, CP_CARD_ACTION_SET_PRIMARY);
  g_assert_cmpint (cp_card_event_get_channel (event), ==, CP_CARD_CHANNEL_SYSTEM);
  g_assert_cmpstr (cp_card_event_get_card_title (event), ==, "Mastercard •••• 4444");

  account = parse ("{\"id\":\"2\",\"email\":\"staff@example.com\",\"name\":\"Sam\","
                   "\"role\":\"staff\",\"customer_id\":null}", cp_account_parse, &error);
  g_assert_no_error (error);
  g_assert_true (cp_account_is_staff (account));

  config = parse ("{\"company_name\":\"Acme\",\"currency\":\"USD\","
                  "\"online_payments_enabled\":true,\"vault_url\":\"https://vault.example\","
                  "\"vault_key\":\"pk\",\"password_min_length\":12}", cp_config_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_config_get_password_min_length (config), ==, 12);

  payment = parse ("{\"id\":\"4\",\"status\":\"succeeded\",\"amount\":{\"amount\":100,"
                   "\"currency\":\"USD\"},\"receipt_number\":\"R-1\","
                   "\"created_at\":\"2026-01-02T03:04:05+02:00\"}", cp_payment_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_hour (cp_payment_get_created_at (payment)), ==, 1);
  g_object_get (payment, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "succeeded");
}

/* One member at a time made wrong: each is refused as a bad response. */
static void
test_wrong_types (void)
{
  static const char *bad_cards[] = {
    "{\"id\":true,\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"a/../b\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":7,\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"42a2\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"424242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":13,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":\"12\",\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12.5,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":99999999999,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":1,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"yesterday\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05\",\"added_via\":\"portal\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"fax\"}",
    "{\"id\":\"5\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2030,\"cardholder_name\":\"A\",\"is_primary\":true,\"expired\":false,\"added_at\":\"2026-01-02T03:04:05Z\"}",
    "[]",
    "\"card\"",
    "null",
  };
  static const char *bad_money[] = {
    "{\"amount\":\"125.50\",\"currency\":\"USD\"}",
    "{\"amount\":125.5,\"currency\":\"USD\"}",
    "{\"amount\":12550,\"currency\":\"usd\"}",
    "{\"amount\":12550,\"currency\":\"DOLLARS\"}",
    "{\"amount\":12550}",
    "{\"amount\":9223372036854775807,\"currency\":\"USD\"}",
    "12550",
  };
  static const char *bad_dates[] = {
    "2026-02-30", "2026-13-01", "26-01-01", "2026-01-01junk", "", "2026-1-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_cards); i++)
    {
      g_autoptr(GError) error = NULL;
      gpointer card = parse (bad_cards[i], cp_card_parse, &error);

      g_test_message ("bad card #%u", i);
      g_assert_null (card);
      g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_money); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"3\",\"number\":\"INV-3\",\"issued_on\":\"2026-02-01\",\"due_on\":\"2026-03-01\","
        "\"total\":%s,\"balance\":{\"amount\":0,\"currency\":\"USD\"},\"status\":\"paid\","
        "\"summary\":\"x\"}", bad_money[i]);
      gpointer invoice = parse (json, cp_invoice_parse, &error);

      g_test_message ("bad money #%u", i);
      g_assert_null (invoice);
      g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"17\",\"date\":\"%s\",\"job_number\":\"J\",\"job_type\":\"R\",\"summary\":\"S\","
        "\"technician\":\"T\",\"status\":\"done\",\"invoice_id\":null}", bad_dates[i]);
      gpointer visit = parse (json, cp_visit_parse, &error);

      g_test_message ("bad date “%s”", bad_dates[i]);
      g_assert_null (visit);
      g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
    }
}

static void
assert_bad_list (const char *data,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GListStore) items = cp_json_parse_list (data, length, CP_TYPE_VISIT, cp_visit_parse,
                                                    &cursor, &error);

  g_assert_null (items);
  g_assert_null (cursor);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
}

/* Deep nesting and oversized bodies are refused before json-glib reads
 * them (json-glib 1.6 would overflow its stack on the first). */
static void
test_hostile_documents (void)
{
  gsize deep_len = 512 * 1024;
  g_autofree char *deep = g_malloc (deep_len);
  gsize big_len = 9 * 1024 * 1024;
  g_autofree char *big = g_malloc (big_len);
  g_autofree char *just_deep_enough = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GString *nested = g_string_new (NULL);
  GString *too_nested = g_string_new (NULL);

  memset (deep, '[', deep_len);
  assert_bad_list (deep, deep_len);
  memset (deep, '{', deep_len);
  assert_bad_list (deep, deep_len);

  /* Brackets inside strings do not count; real ones do. */
  g_assert_true (cp_json_check_depth ("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}", 44, 2));
  g_assert_true (cp_json_check_depth ("[\"\\\"[[[\"]", 10, 1));
  g_assert_false (cp_json_check_depth ("[[[]]]", 6, 2));

  for (guint i = 0; i < CP_JSON_MAX_DEPTH; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < CP_JSON_MAX_DEPTH; i++)
    g_string_append_c (nested, ']');
  node = cp_json_parse (nested->str, nested->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_string_append_printf (too_nested, "[%s]", nested->str);
  g_assert_null (cp_json_parse (too_nested->str, too_nested->len, &error));
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* 9 MiB of valid JSON is still refused. */
  memset (big, ' ', big_len);
  memcpy (big, "{\"items\":[],\"next_cursor\":null}", 31);
  assert_bad_list (big, big_len);
  g_assert_nonnull (cp_json_parse_list (big, 31, CP_TYPE_VISIT, cp_visit_parse, NULL, &error));
  g_assert_no_error (error);

  assert_bad_list ("", 0);
  assert_bad_list ("{\"items\":[", 10);
  assert_bad_list ("{\"items\":[]}trailing", 20);
  assert_bad_list ("{\"items\":[]\0}", 13);
  assert_bad_list ("{\"items\":[\"\xff\xfe\"]}", 16);
  assert_bad_list ("{\"items\":{}}", 12);
  assert_bad_list ("{\"items\":[],\"next_cursor\":5}", 28);
  assert_bad_list ("{\"items\":[],\"next_cursor\":\"\"}", 29);
  assert_bad_list ("{\"items\":[1]}", 13);
  /* One bad item spoils the page: a list is never half filled. */
  just_deep_enough = g_strdup_printf ("{\"items\":[%s,%s,{\"id\":1}],\"next_cursor\":\"x\"}",
                                      VISIT, VISIT);
  assert_bad_list (just_deep_enough, strlen (just_deep_enough));

  g_string_free (nested, TRUE);
  g_string_free (too_nested, TRUE);
}

static void
test_list_page (void)
{
  g_autofree char *json = g_strdup_printf ("{\"items\":[%s,%s],\"next_cursor\":\"abc\"}",
                                           VISIT, VISIT);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GListStore) items = cp_json_parse_list (json, strlen (json), CP_TYPE_VISIT,
                                                    cp_visit_parse, &cursor, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 2);
  g_assert_cmpstr (cursor, ==, "abc");
}

/* A card works through the last day of its expiry month; the customer's and
 * the office's views read the same days and the same line from the card. */
static void
test_card_expiry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpCard) card = parse (CARD, cp_card_parse, &error);
  g_autoptr(CpCard) flagged = NULL;
  g_autoptr(GDateTime) last_moment = g_date_time_new_local (2030, 12, 31, 23, 59, 59);
  g_autoptr(GDateTime) next_year = g_date_time_new_local (2031, 1, 1, 0, 0, 1);
  g_autoptr(GDateTime) soon = g_date_time_new_local (2030, 11, 15, 12, 0, 0);
  g_autoptr(GDateTime) far = g_date_time_new_local (2029, 6, 1, 12, 0, 0);
  g_autofree char *valid_line = NULL;
  g_autofree char *expired_line = NULL;
  g_autofree char *flagged_json = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cp_card_get_days_left (card, last_moment), ==, 0);
  g_assert_cmpint (cp_card_get_days_left (card, next_year), ==, -1);
  g_assert_cmpint (cp_card_get_days_left (card, soon), <=, CP_CARD_EXPIRES_SOON_DAYS);
  g_assert_cmpint (cp_card_get_days_left (card, soon), >, 0);
  g_assert_cmpint (cp_card_get_days_left (card, far), >, CP_CARD_EXPIRES_SOON_DAYS);

  valid_line = cp_card_dup_details (card, far);
  expired_line = cp_card_dup_details (card, next_year);
  g_assert_cmpstr (valid_line, ==, "Expires 12/2030 · Ada Lovelace");
  g_assert_cmpstr (expired_line, ==, "Expired 12/2030 · Ada Lovelace");

  /* The server's word that a card has expired wins over the local clock. */
  flagged_json = g_strdup (CARD);
  memcpy (strstr (flagged_json, "\"expired\":false"), "\"expired\":true ", 15);
  flagged = parse (flagged_json, cp_card_parse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_card_get_days_left (flagged, far), <, 0);
}

#define INVOICE_JSON \
  "{\"id\":\"3\",\"number\":\"INV-3\",\"issued_on\":\"2026-02-01\"," \
  "\"due_on\":\"2026-03-01\",\"total\":{\"amount\":12550,\"currency\":\"USD\"}," \
  "\"balance\":{\"amount\":%d,\"currency\":\"USD\"},\"status\":\"%s\"," \
  "\"summary\":\"Annual service\"}"

/* Overdue is a matter of calendar days: due today is not overdue, due
 * yesterday with money owed is; a paid invoice never is. */
static void
test_invoice_overdue (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *open_json = g_strdup_printf (INVOICE_JSON, 12550, "open");
  g_autofree char *paid_json = g_strdup_printf (INVOICE_JSON, 0, "paid");
  g_autoptr(CpInvoice) open_invoice = parse (open_json, cp_invoice_parse, &error);
  g_autoptr(CpInvoice) paid_invoice = parse (paid_json, cp_invoice_parse, &error);
  g_autoptr(GDateTime) due_day_morning = g_date_time_new_local (2026, 3, 1, 0, 0, 1);
  g_autoptr(GDateTime) due_day_night = g_date_time_new_local (2026, 3, 1, 23, 59, 59);
  g_autoptr(GDateTime) next_day = g_date_time_new_local (2026, 3, 2, 0, 0, 1);
  g_autoptr(GDateTime) day_before = g_date_time_new_local (2026, 2, 28, 12, 0, 0);

  g_assert_no_error (error);
  g_assert_nonnull (open_invoice);
  g_assert_nonnull (paid_invoice);
  g_assert_false (cp_invoice_is_overdue (open_invoice, day_before));
  g_assert_false (cp_invoice_is_overdue (open_invoice, due_day_morning));
  g_assert_false (cp_invoice_is_overdue (open_invoice, due_day_night));
  g_assert_true (cp_invoice_is_overdue (open_invoice, next_day));
  g_assert_false (cp_invoice_is_overdue (paid_invoice, next_day));
}

static void
test_money (void)
{
  static const struct
  {
    gint64 amount;
    const char *currency;
    const char *text;
  } cases[] = {
    { 12550, "USD", "$125.50" },
    { 5, "USD", "$0.05" },
    { -300, "USD", "-$3.00" },
    { 123456789, "USD", "$1,234,567.89" },
    { 1200, "JPY", "¥1,200" },
    { 12550, "EUR", "€125.50" },
    { 12550, "SEK", "125.50 SEK" },
    { 1234, "KWD", "KWD 1.234" },
  };
  g_autoptr(CpMoney) min = cp_money_new (G_MININT64, "USD");
  g_autofree char *min_text = cp_money_format (min);
  g_autoptr(CpMoney) a = cp_money_new (100, "usd");
  g_autoptr(CpMoney) b = cp_money_copy (a);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CpMoney) money = cp_money_new (cases[i].amount, cases[i].currency);
      g_autofree char *text = cp_money_format (money);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_true (g_str_has_prefix (min_text, "-$92,233,720,368,547,758.08"));
  g_assert_cmpstr (cp_money_get_currency (a), ==, "USD");
  g_assert_true (cp_money_equal (a, b));
}

/* A bank account: titled by its bank, no expiry shown. */
static void
test_bank_account (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  const char *json =
    "{\"id\":\"9\",\"type\":\"bank_account\",\"brand\":\"bank_account\",\"last4\":\"6789\","
    "\"exp_month\":12,\"exp_year\":2199,\"cardholder_name\":\"Ada Lovelace\","
    "\"bank_name\":\"Stripe Test Bank\",\"is_primary\":false,\"expired\":false,"
    "\"added_at\":\"2026-01-02T03:04:05Z\",\"added_via\":\"portal\"}";
  g_autoptr(CpCard) card = parse (json, cp_card_parse, &error);
  g_autofree char *details = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (cp_card_get_title (card), ==, "Stripe Test Bank •••• 6789");
  details = cp_card_dup_details (card, now);
  g_assert_cmpstr (details, ==, "Bank account · Ada Lovelace");
}

/* Pending and failed payments have no receipt number; an unknown status
 * is refused. */
static void
test_payment_pending (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpPayment) pending = parse ("{\"id\":\"1\",\"status\":\"pending\","
                                        "\"amount\":{\"amount\":100,\"currency\":\"USD\"},"
                                        "\"receipt_number\":null,\"failure_message\":null,"
                                        "\"created_at\":\"2026-01-02T03:04:05Z\"}",
                                        cp_payment_parse, &error);
  gpointer odd;

  g_assert_no_error (error);
  g_assert_true (cp_payment_is_pending (pending));
  g_assert_null (cp_payment_get_receipt_number (pending));
  odd = parse ("{\"id\":\"1\",\"status\":\"maybe\","
               "\"amount\":{\"amount\":100,\"currency\":\"USD\"},"
               "\"receipt_number\":null,\"created_at\":\"2026-01-02T03:04:05Z\"}",
               cp_payment_parse, &error);
  g_assert_null (odd);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
}

/* A payment names the invoices its amount went to: a part payment of two
 * invoices may reach only the first, and the receipt lists that one. */
static void
test_payment_allocations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpPayment) part = parse ("{\"id\":\"7\",\"status\":\"succeeded\","
                                     "\"amount\":{\"amount\":2000,\"currency\":\"USD\"},"
                                     "\"receipt_number\":\"R-1\",\"failure_message\":null,"
                                     "\"created_at\":\"2026-01-02T03:04:05Z\","
                                     "\"allocations\":[{\"invoice_id\":\"5\","
                                     "\"amount\":{\"amount\":2000,\"currency\":\"USD\"}}]}",
                                     cp_payment_parse, &error);
  g_autoptr(CpPayment) old = NULL;
  gpointer bad;

  g_assert_no_error (error);
  g_assert_true (cp_payment_pays_invoice (part, "5"));
  g_assert_false (cp_payment_pays_invoice (part, "6"));

  /* A reply without allocations says nothing against any invoice. */
  old = parse ("{\"id\":\"8\",\"status\":\"succeeded\","
               "\"amount\":{\"amount\":100,\"currency\":\"USD\"},"
               "\"receipt_number\":\"R-2\",\"created_at\":\"2026-01-02T03:04:05Z\"}",
               cp_payment_parse, &error);
  g_assert_no_error (error);
  g_assert_true (cp_payment_pays_invoice (old, "6"));

  bad = parse ("{\"id\":\"9\",\"status\":\"succeeded\","
               "\"amount\":{\"amount\":100,\"currency\":\"USD\"},"
               "\"receipt_number\":\"R-3\",\"created_at\":\"2026-01-02T03:04:05Z\","
               "\"allocations\":[42]}", cp_payment_parse, &error);
  g_assert_null (bad);
  g_assert_error (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/models/good", test_good_models);
  g_test_add_func ("/unit/models/wrong-types", test_wrong_types);
  g_test_add_func ("/unit/models/hostile-documents", test_hostile_documents);
  g_test_add_func ("/unit/models/list-page", test_list_page);
  g_test_add_func ("/unit/models/money", test_money);
  g_test_add_func ("/unit/models/invoice-overdue", test_invoice_overdue);
  g_test_add_func ("/unit/models/card-expiry", test_card_expiry);
  g_test_add_func ("/unit/models/bank-account", test_bank_account);
  g_test_add_func ("/unit/models/payment-pending", test_payment_pending);
  g_test_add_func ("/unit/models/payment-allocations", test_payment_allocations);

  return g_test_run ();
}
