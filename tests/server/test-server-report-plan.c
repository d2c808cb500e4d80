/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "demo/cp-demo.h"
#include "store/cp-db.h"
#include "store/cp-store-report.h"

/*
 * The Saved Payment Methods report reads its pages through the expiry
 * index, never a scan and a sort of every card: the query plan says so,
 * and the last page of many thousands costs what the first one does.
 */

#define N_METHODS 20000

static CpDb *db;
static char *dir;

static void
test_plan_uses_index (void)
{
  g_autofree char *plan = cp_store_report_payment_methods_plan (db);

  g_test_message ("plan:\n%s", plan);
  g_assert_nonnull (strstr (plan, "payment_methods_by_expiry"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  g_assert_null (strstr (plan, "SCAN pm\n"));
}

/* Reads the whole report a page at a time, as the API does; returns the
 * slowest page in microseconds. */
static gint64
read_all (const CpReportFilter *filter,
          guint                *n_out)
{
  gint64 after_key = 0, after_id = 0, last_key = 0, slowest = 0;
  guint n = 0;

  for (;;)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CpStmt) stmt = cp_store_report_payment_methods_select (db, filter, after_key,
                                                                       after_id, 100);
      guint rows = 0;

      while (cp_db_step (db, stmt) == SQLITE_ROW)
        {
          gint64 key = sqlite3_column_int64 (stmt, 15);
          gint64 id = sqlite3_column_int64 (stmt, 0);

          /* Keyset order: expiry, then id, strictly increasing. */
          g_assert_true (key > last_key || (key == last_key && id > after_id));
          last_key = key;
          after_key = key;
          after_id = id;
          rows++;
        }
      slowest = MAX (slowest, g_get_monotonic_time () - start);
      n += rows;
      if (rows < 100)
        break;
    }
  *n_out = n;
  return slowest;
}

static void
test_pages_stay_fast (void)
{
  CpReportFilter all = { 0, 0, NULL };
  CpReportFilter cards = { 0, 0, "card" };
  guint n = 0;
  gint64 slowest = read_all (&all, &n);

  g_test_message ("%u payment methods in pages of 100, slowest page %" G_GINT64_FORMAT " µs",
                  n, slowest);
  g_assert_cmpuint (n, ==, N_METHODS);
  /* Generous for a sanitizer build on a shared machine; a scan and sort of
   * every card per page takes far longer at this size. */
  g_assert_cmpint (slowest, <, 250000);

  read_all (&cards, &n);
  g_assert_cmpuint (n, ==, N_METHODS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  dir = g_dir_make_tmp ("cp-report-plan-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "portal.db", NULL);
  db = cp_db_open (path, "portal", &error);
  g_assert_no_error (error);
  g_assert_true (cp_db_migrate_portal (db, &error));
  g_assert_no_error (error);
  g_assert_true (cp_demo_seed_scale (db, N_METHODS, &error));
  g_assert_no_error (error);

  g_test_add_func ("/server/report/plan-uses-index", test_plan_uses_index);
  g_test_add_func ("/server/report/pages-stay-fast", test_pages_stay_fast);

  status = g_test_run ();
  cp_db_close (db);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
  g_free (dir);
  return status;
}
