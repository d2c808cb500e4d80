/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-core.h"
#include "cp-page.h"
#include "cp-test-ui.h"

/*
 * CpPage, the base of every page: how it is handed its client, what a
 * reload starts and stops, and that nothing of a page outlives it.
 */

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, CpPage)

struct _TestPage
{
  CpPage parent_instance;
  guint n_reloads;
  GCancellable *last_load;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, CP_TYPE_PAGE)

static void
test_page_reload (CpPage       *page,
                  GCancellable *cancellable)
{
  TestPage *self = TEST_PAGE (page);

  self->n_reloads++;
  g_set_object (&self->last_load, cancellable);
  cp_page_set_state (page, "content");
}

static void
test_page_finalize (GObject *object)
{
  g_clear_object (&TEST_PAGE (object)->last_load);

  G_OBJECT_CLASS (test_page_parent_class)->finalize (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_page_finalize;
  CP_PAGE_CLASS (klass)->reload = test_page_reload;
}

static void
test_page_init (TestPage *self)
{
}

static CpClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  CpClient *client = cp_client_new ("http://127.0.0.1:9", &error);

  g_assert_no_error (error);
  return client;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* No client, no load; with one, each reload gets a fresh cancellable and
 * stops the previous load, while what the user started carries on. */
static void
test_reload (void)
{
  g_autoptr(CpClient) client = new_client ();
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  g_autoptr(GCancellable) first = NULL;
  GCancellable *action;
  guint n_state = 0;

  g_signal_connect (page, "notify::state", G_CALLBACK (notify_count_cb), &n_state);
  g_assert_cmpstr (cp_page_get_state (CP_PAGE (page)), ==, "loading");
  cp_page_reload (CP_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 0);

  cp_page_set_client (CP_PAGE (page), client, "42");
  g_assert_true (cp_page_get_client (CP_PAGE (page)) == client);
  g_assert_cmpstr (cp_page_get_customer_id (CP_PAGE (page)), ==, "42");
  action = cp_page_get_cancellable (CP_PAGE (page));

  cp_page_reload (CP_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 1);
  g_assert_cmpstr (cp_page_get_state (CP_PAGE (page)), ==, "content");
  g_assert_cmpuint (n_state, ==, 1);
  first = g_object_ref (page->last_load);
  g_assert_false (g_cancellable_is_cancelled (first));

  cp_page_reload (CP_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 2);
  g_assert_true (g_cancellable_is_cancelled (first));
  g_assert_false (g_cancellable_is_cancelled (page->last_load));
  g_assert_false (g_cancellable_is_cancelled (action));
  /* The same state again is no news. */
  g_assert_cmpuint (n_state, ==, 1);

  g_assert_finalize_object (page);
}

/* Leaving the window stops everything the page had in flight. */
static void
test_unroot_cancels (void)
{
  g_autoptr(CpClient) client = new_client ();
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GCancellable) load = NULL;
  g_autoptr(GCancellable) action = NULL;

  gtk_window_set_child (window, GTK_WIDGET (page));
  cp_page_set_client (CP_PAGE (page), client, NULL);
  cp_page_reload (CP_PAGE (page));
  load = g_object_ref (page->last_load);
  action = g_object_ref (cp_page_get_cancellable (CP_PAGE (page)));

  gtk_window_set_child (window, NULL);
  g_assert_true (g_cancellable_is_cancelled (load));
  g_assert_true (g_cancellable_is_cancelled (action));

  gtk_window_destroy (window);
  g_assert_finalize_object (page);
}

/* Another client: the old one's requests stop, and it is let go. */
static void
test_new_client (void)
{
  CpClient *old = new_client ();
  g_autoptr(CpClient) client = new_client ();
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  g_autoptr(GCancellable) action = NULL;

  cp_page_set_client (CP_PAGE (page), old, "1");
  action = g_object_ref (cp_page_get_cancellable (CP_PAGE (page)));
  cp_page_set_client (CP_PAGE (page), client, "2");
  g_assert_true (g_cancellable_is_cancelled (action));
  g_assert_finalize_object (old);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  cp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/page/reload", test_reload);
  g_test_add_func ("/ui/page/unroot-cancels", test_unroot_cancels);
  g_test_add_func ("/ui/page/new-client", test_new_client);

  return g_test_run ();
}
