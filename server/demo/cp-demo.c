/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cp-demo.h"
#include "store/cp-clock.h"
#include "store/cp-password.h"
#include "store/cp-store.h"
#include "store/cp-store-cards.h"
#include "store/cp-store-customers.h"
#include "store/cp-store-users.h"

/* The demo company, for `--demo` only. The logins and passwords are the ones
 * README.md lists; never use them for a real deployment. */

#define DAY (24 * 60 * 60)
#define HARBOR_VISITS 100000

static const char *job_types[] = {
  "Plumbing repair", "HVAC maintenance", "Electrical inspection", "Gutter cleaning",
  "Water heater service", "Pest control", "Appliance repair", "Roof inspection",
  "Drain cleaning", "Furnace tune-up",
};

static const char *summaries[] = {
  "Replaced worn washer and tested for leaks.",
  "Cleaned coils, replaced filter, checked refrigerant.",
  "Inspected panel and outlets; all within code.",
  "Cleared gutters and downspouts; flushed with water.",
  "Flushed tank and replaced anode rod.",
  "Treated perimeter and sealed entry points.",
  "Replaced dishwasher drain pump.",
  "Inspected shingles and flashing; minor repair to ridge cap.",
  "Snaked main line and camera-inspected.",
  "Cleaned burners and tested carbon monoxide levels.",
};

static const char *technicians[] = {
  "Marcus Lee", "Priya Shah", "Tom Becker", "Elena Duarte", "Jamal Wright", "Ruth Okafor",
};

typedef struct
{
  CpDb *db;
  CpDemoTokenizeFunc tokenize;
  gpointer tokenize_data;
  GRand *rand;
  guint invoice_counter;
  guint job_counter;
  gint64 now;
} Seed;

/* Turns a store result into the seeder's error. */
static gboolean
check (Seed    *seed,
       int      rc,
       GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, CP_DB_ERROR, 0, "Seeding the demo: %s", cp_db_errmsg (seed->db));
  return FALSE;
}

static char *
date_text (gint64      unix_seconds,
           const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, format);
}

static gint64
add_user (Seed        *seed,
          const char  *email,
          const char  *name,
          const char  *role,
          gint64       customer_id,
          const char  *password,
          GError     **error)
{
  g_autofree char *hash = cp_password_hash (password);
  gint64 id = 0;

  if (hash == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot hash a password");
      return 0;
    }
  if (!check (seed, cp_store_user_add (seed->db, email, name, role, customer_id, hash,
                                       seed->now - 400 * DAY, &id), error))
    return 0;
  return id;
}

static gint64
add_customer (Seed        *seed,
              const char  *name,
              const char  *email,
              const char  *phone,
              const char  *address,
              GError     **error)
{
  gint64 id = 0;

  if (!check (seed, cp_store_customer_add (seed->db, name, email, phone, address,
                                           seed->now - 500 * DAY, &id), error))
    return 0;
  return id;
}

static gint64
add_invoice (Seed        *seed,
             gint64       customer_id,
             gint64       issued,
             gint64       total,
             gint64       balance,
             const char  *summary,
             GError     **error)
{
  g_autofree char *issued_on = date_text (issued, "%Y-%m-%d");
  g_autofree char *due_on = date_text (issued + 30 * DAY, "%Y-%m-%d");
  g_autofree char *year = date_text (issued, "%Y");
  g_autofree char *number = g_strdup_printf ("INV-%s-%05u", year, ++seed->invoice_counter);
  gint64 id = 0;

  if (!check (seed, cp_store_invoice_add (seed->db, customer_id, number, issued_on, due_on, total,
                                          balance, summary, &id), error))
    return 0;
  return id;
}

static gboolean
add_visit (Seed        *seed,
           gint64       customer_id,
           gint64       when,
           const char  *status,
           gint64       invoice_id,
           GError     **error)
{
  g_autofree char *date = date_text (when, "%Y-%m-%dT%H:%M:%SZ");
  char job_number[16];
  guint kind = (guint) g_rand_int_range (seed->rand, 0, G_N_ELEMENTS (job_types));
  const char *technician =
    technicians[g_rand_int_range (seed->rand, 0, G_N_ELEMENTS (technicians))];

  g_snprintf (job_number, sizeof job_number, "J-%07u", ++seed->job_counter);
  return check (seed, cp_store_visit_add (seed->db, customer_id, date, job_number,
                                          job_types[kind], summaries[kind], technician, status,
                                          invoice_id), error);
}

/* Cards go through the vault like real ones, and into the store by the same
 * rules as the API's: the first card of a customer becomes primary. */
static gint64
add_card (Seed        *seed,
          gint64       customer_id,
          const char  *number,
          int          exp_month,
          int          years_ahead,
          const char  *cvc,
          const char  *holder,
          gint64       added_at,
          const char  *added_via,
          const char  *actor_role,
          const char  *actor_name,
          GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (seed->now);
  CpActor actor = { actor_role, actor_name, added_via };
  g_autoptr(GError) local_error = NULL;
  CpVaultCard card;
  gint64 pm_id = 0;
  gboolean ok;

  if (!seed->tokenize (number, exp_month, g_date_time_get_year (now) + years_ahead, cvc, holder,
                       "12345", &card, seed->tokenize_data, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Demo card refused: %s",
                   local_error->message);
      return 0;
    }
  ok = cp_store_card_add (seed->db, customer_id, &card, FALSE, added_at, &actor, &pm_id);
  cp_vault_card_clear (&card);
  if (!ok)
    {
      g_set_error (error, CP_DB_ERROR, 0, "Seeding a card: %s", cp_db_errmsg (seed->db));
      return 0;
    }
  return pm_id;
}

static gboolean
seed_people (Seed    *seed,
             GError **error)
{
  static const struct { const char *name, *email, *phone, *address; } others[] = {
    { "Alan Turing", "alan.turing@example.com", "+1 555 0141", "7 Bletchley Road, Springfield" },
    { "Barbara Liskov", "barbara@example.com", "+1 555 0142", "19 Substitution Lane, Springfield" },
    { "Claude Shannon", "claude@example.com", "+1 555 0143", "2 Entropy Court, Shelbyville" },
    { "Donald Knuth", "don@example.com", "+1 555 0144", "64 Art Street, Springfield" },
    { "Edsger Dijkstra", "edsger@example.com", "+1 555 0145", "1 Shortest Path, Capital City" },
    { "Frances Allen", "fran@example.com", "+1 555 0146", "40 Optimizer Ave, Springfield" },
    { "Hedy Lamarr", "hedy@example.com", "+1 555 0147", "9 Frequency Blvd, Shelbyville" },
    { "John Backus", "john.backus@example.com", "+1 555 0148", "57 Formula Road, Springfield" },
    { "Katherine Johnson", "katherine@example.com", "+1 555 0149", "3 Orbit Way, Capital City" },
    { "Linus Torvalds", "linus@example.com", "+1 555 0150", "91 Kernel Street, Springfield" },
    { "Margaret Hamilton", "margaret@example.com", "+1 555 0151", "11 Apollo Drive, Shelbyville" },
    { "Niklaus Wirth", NULL, "+1 555 0152", "28 Pascal Place, Springfield" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      gint64 id = add_customer (seed, others[i].name, others[i].email, others[i].phone,
                                others[i].address, error);
      gint64 total = g_rand_int_range (seed->rand, 80, 900) * 100 + 50;

      if (id == 0
          || add_invoice (seed, id, seed->now - (gint64) (20 + i * 7) * DAY, total,
                          i % 3 == 0 ? total : 0, "Service call", error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
seed_ada (Seed    *seed,
          GError **error)
{
  gint64 ada = add_customer (seed, "Ada Lovelace", "ada@example.com", "+1 555 0101",
                             "12 Analytical Way, Springfield", error);
  gint64 invoices[6];
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (seed->now);
  /* The Mastercard runs out at the end of next month: the one the office's
   * report of expiring cards finds. */
  int next_month = g_date_time_get_month (now) % 12 + 1;

  if (ada == 0
      || add_user (seed, "ada@example.com", "Ada Lovelace", "customer", ada,
                   "demo-customer-password", error) == 0)
    return FALSE;

  /* Six invoices over the year: the four oldest paid, the two newest open;
   * the newest falls due in two weeks (what AutoPay pays in the demo, once
   * `./dev.sh clock +21d` has moved the test clock past it). */
  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    {
      gint64 issued = seed->now - (gint64) (i == 5 ? 16 : 330 - i * 60) * DAY;
      gint64 total = 8900 + i * 3150;

      invoices[i] = add_invoice (seed, ada, issued, total, i >= 4 ? total : 0,
                                 job_types[i % G_N_ELEMENTS (job_types)], error);
      if (invoices[i] == 0)
        return FALSE;
    }

  /* A year of visits, twice a month, and one coming up. */
  for (guint i = 0; i < 24; i++)
    {
      gint64 when = seed->now - (gint64) (360 - i * 15) * DAY + 10 * 3600;

      if (!add_visit (seed, ada, when, "completed", i % 4 == 0 ? invoices[MIN (i / 4, 5)] : 0,
                      error))
        return FALSE;
    }
  if (!add_visit (seed, ada, seed->now + 9 * DAY, "scheduled", 0, error))
    return FALSE;

  return add_card (seed, ada, "4242424242424242", 12, 3, "123", "Ada Lovelace",
                   seed->now - 200 * DAY, "portal", "customer", "Ada Lovelace", error) != 0
         && add_card (seed, ada, "5555555555554444", next_month, next_month == 1 ? 1 : 0, "321",
                      "Ada Lovelace", seed->now - 90 * DAY, "office", "staff", "Sam Rivera",
                      error) != 0;
}

static gboolean
seed_grace (Seed    *seed,
            GError **error)
{
  gint64 grace = add_customer (seed, "Grace Hopper", "grace@example.com", "+1 555 0102",
                               "1 Compiler Court, Shelbyville", error);
  gint64 invoice;

  if (grace == 0
      || add_user (seed, "grace@example.com", "Grace Hopper", "customer", grace,
                   "demo-customer-password", error) == 0)
    return FALSE;
  invoice = add_invoice (seed, grace, seed->now - 12 * DAY, 24500, 24500,
                         "Water heater service", error);
  if (invoice == 0
      || !add_visit (seed, grace, seed->now - 100 * DAY, "completed", 0, error)
      || !add_visit (seed, grace, seed->now - 12 * DAY, "completed", invoice, error))
    return FALSE;
  return add_card (seed, grace, "378282246310005", 5, 2, "1234", "Grace Hopper",
                   seed->now - 60 * DAY, "portal", "customer", "Grace Hopper", error) != 0;
}

/* The big-list case: one prepared statement, one transaction. */
static gboolean
seed_harbor (Seed    *seed,
             GError **error)
{
  gint64 harbor = add_customer (seed, "Harbor Property Management", "harbor@example.com",
                                "+1 555 0103", "400 Waterfront Plaza, Capital City", error);
  gint64 span = 10 * 365 * (gint64) DAY;
  gint64 invoices[3];

  if (harbor == 0
      || add_user (seed, "harbor@example.com", "Harbor Property Management", "customer", harbor,
                   "demo-customer-password", error) == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    {
      gint64 total = 125000 + i * 42500;

      invoices[i] = add_invoice (seed, harbor, seed->now - (gint64) (40 - i * 15) * DAY, total,
                                 i == 0 ? 0 : total, "Monthly maintenance, all units", error);
      if (invoices[i] == 0)
        return FALSE;
    }

  for (guint i = 0; i < HARBOR_VISITS; i++)
    {
      /* Spread evenly over ten years, newest last, at working hours. */
      gint64 when = seed->now - span + (span / HARBOR_VISITS) * i;

      when -= when % 3600;
      if (!add_visit (seed, harbor, when, "completed",
                      i >= HARBOR_VISITS - 3 ? invoices[i - (HARBOR_VISITS - 3)] : 0, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * cp_demo_seed:
 *
 * Fills an empty database with the demo company. A database that already
 * has users or customers is left alone.
 */
gboolean
cp_demo_seed (CpDb               *db,
              CpDemoTokenizeFunc  tokenize,
              gpointer            user_data,
              GError            **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1815);
  gint64 start = g_get_monotonic_time ();
  Seed seed = { db, tokenize, user_data, rand, 0, 0, cp_now () };
  int empty = cp_store_is_empty (db);
  gboolean ok;

  if (empty < 0)
    {
      g_set_error (error, CP_DB_ERROR, 0, "Cannot read the database: %s", cp_db_errmsg (db));
      return FALSE;
    }
  if (!empty)
    {
      g_message ("The database is not empty; demo data not added");
      return TRUE;
    }

  if (!cp_db_begin (db))
    {
      g_set_error (error, CP_DB_ERROR, 0, "Cannot start seeding: %s", cp_db_errmsg (db));
      return FALSE;
    }

  ok = cp_store_setting_set (db, "company_name", "Brightwater Home Services")
       && add_user (&seed, "admin@example.com", "Alex Morgan", "admin", 0,
                    "demo-admin-password", error) != 0
       && add_user (&seed, "staff@example.com", "Sam Rivera", "staff", 0,
                    "demo-staff-password", error) != 0
       && seed_ada (&seed, error)
       && seed_grace (&seed, error)
       && seed_harbor (&seed, error)
       && seed_people (&seed, error)
       && cp_store_setting_set (db, "online_payments_enabled", "1");

  if (!ok || !cp_db_commit (db))
    {
      cp_db_rollback (db);
      if (error != NULL && *error == NULL)
        g_set_error (error, CP_DB_ERROR, 0, "Cannot seed: %s", cp_db_errmsg (db));
      return FALSE;
    }

  g_message ("Demo data seeded in %.2f s (%d service visits for harbor@example.com)",
             (g_get_monotonic_time () - start) / 1e6, HARBOR_VISITS);
  return TRUE;
}

/**
 * cp_demo_seed_scale:
 * @n_methods: how many saved payment methods to add
 *
 * The big-data case of the office's Saved Payment Methods report: @n_methods
 * customers without portal accounts, one saved card each, their expiry
 * spread from three years ago to eight years ahead. Their tokens are the
 * store's only (the cards are for reading, never charged). Done once per
 * database.
 */
gboolean
cp_demo_seed_scale (CpDb     *db,
                    guint     n_methods,
                    GError  **error)
{
  static const char *brands[] = { "visa", "mastercard", "amex", "discover" };
  static const char *first[] = { "Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper",
                                 "Jordan", "Morgan", "Quinn", "Riley", "Taylor" };
  static const char *last[] = { "Brooks", "Carter", "Diaz", "Evans", "Foster", "Garcia", "Hughes",
                                "Kim", "Lopez", "Nguyen", "Patel", "Reed", "Silva", "Young" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1843);
  g_autofree char *done = cp_store_setting_dup (db, "demo_scale");
  gint64 start = g_get_monotonic_time ();
  gint64 now = cp_now ();
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
  int base = g_date_time_get_year (today) * 12 + g_date_time_get_month (today) - 1;
  CpActor actor = { "staff", "Sam Rivera", "office" };
  gboolean ok = TRUE;

  if (done != NULL)
    {
      g_message ("The scale data is already there; not added again");
      return TRUE;
    }
  if (!cp_db_begin (db))
    {
      g_set_error (error, CP_DB_ERROR, 0, "Cannot start seeding: %s", cp_db_errmsg (db));
      return FALSE;
    }

  for (guint i = 0; ok && i < n_methods; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %06u",
                                               first[g_rand_int_range (rand, 0, G_N_ELEMENTS (first))],
                                               last[g_rand_int_range (rand, 0, G_N_ELEMENTS (last))],
                                               i + 1);
      g_autofree char *phone = g_strdup_printf ("+1 555 %07u", i + 1);
      int key = base - 36 + g_rand_int_range (rand, 0, 12 * 11);
      CpVaultCard card = { 0 };
      gint64 customer_id = 0, pm_id = 0;

      card.exp_month = key % 12 + 1;
      card.exp_year = key / 12;
      card.cardholder_name = name;
      g_strlcpy (card.type, "card", sizeof card.type);
      g_snprintf (card.token, sizeof card.token, "scale_%08u", i + 1);
      g_strlcpy (card.brand, brands[i % G_N_ELEMENTS (brands)], sizeof card.brand);
      g_snprintf (card.last4, sizeof card.last4, "%04u", g_rand_int_range (rand, 0, 10000));
      actor.role = i % 3 == 0 ? "customer" : "staff";
      actor.name = i % 3 == 0 ? name : "Sam Rivera";
      actor.channel = i % 3 == 0 ? "portal" : "office";
      ok = cp_store_customer_add (db, name, NULL, phone, "", now - 400 * DAY, &customer_id)
           && cp_store_card_add (db, customer_id, &card, FALSE,
                                 now - (gint64) g_rand_int_range (rand, 1, 900) * DAY, &actor,
                                 &pm_id);
    }
  ok = ok && cp_store_setting_set (db, "demo_scale", "1");
  if (!ok || !cp_db_commit (db))
    {
      g_set_error (error, CP_DB_ERROR, 0, "Cannot seed the scale data: %s", cp_db_errmsg (db));
      cp_db_rollback (db);
      return FALSE;
    }
  g_message ("Scale data seeded in %.2f s (%u saved payment methods)",
             (g_get_monotonic_time () - start) / 1e6, n_methods);
  return TRUE;
}
