/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-core.h"
#include "cp-paged-view.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"

/*
 * CpPagedView on its own, as libadwaita tests its widgets: built with a
 * real paged list from the reference server, driven through its states
 * (loading, list with Show More, empty, error with Try Again), and
 * finalized with nothing left holding it.
 */

#define WAIT_MS 10000

static CpTestServer *server;

typedef struct
{
  CpClient *client;
  CpPagedView *view;
  GtkWindow *window;
} Fixture;

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ((AsyncWait *) user_data)->result = g_object_ref (result);
}

static gboolean
async_is_done (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(CpAccount) account = NULL;
  AsyncWait wait = { NULL };

  fixture->client = cp_client_new (cp_test_server_get_url (server), &error);
  g_assert_no_error (error);
  cp_client_set_retry_policy (fixture->client, 1, 50, 2);
  cp_client_login_async (fixture->client, "staff@example.com", "demo-staff-password", NULL,
                         async_done_cb, &wait);
  g_assert_true (cp_test_ui_wait_for (async_is_done, &wait, WAIT_MS));
  account = cp_client_login_finish (fixture->client, wait.result, &store_error, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_clear_object (&wait.result);

  fixture->view = g_object_ref_sink (CP_PAGED_VIEW (cp_paged_view_new ()));
  g_object_set (fixture->view,
                "empty-title", "Nothing Here",
                "error-title", "Could Not Load the Customers",
                "loading-text", "Loading customers",
                "more-text", "Loading more customers…",
                NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->view);
  g_clear_object (&fixture->client);
}

static GtkWidget *
row_cb (gpointer item,
        gpointer user_data)
{
  return gtk_label_new (cp_customer_get_name (item));
}

static CpPagedList *
show_customers (Fixture    *fixture,
                const char *query,
                guint       page_size)
{
  CpPagedList *list = cp_paged_list_new_customers (fixture->client, query);
  GtkWidget *box = gtk_list_box_new ();

  cp_paged_list_set_page_size (list, page_size);
  gtk_list_box_bind_model (GTK_LIST_BOX (box), G_LIST_MODEL (list), row_cb, NULL, NULL);
  cp_paged_view_set_content (fixture->view, box);
  cp_paged_view_set_model (fixture->view, list);
  return list;
}

typedef struct
{
  CpPagedView *view;
  const char *state;
} WaitState;

static gboolean
state_is_cb (gpointer data)
{
  WaitState *wait = data;

  return g_strcmp0 (cp_paged_view_get_state (wait->view), wait->state) == 0
         && !cp_paged_list_get_loading (cp_paged_view_get_model (wait->view));
}

static void
wait_state (Fixture    *fixture,
            const char *state)
{
  WaitState wait = { fixture->view, state };

  g_assert_true (cp_test_ui_wait_for (state_is_cb, &wait, WAIT_MS));
}

/* Finds a showing button by its label. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_is_drawable (child)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
revealed_button_cb (gpointer data)
{
  return find_button (data, "Show More") != NULL;
}

/* Before any model: a spinner, named for what loads. */
static void
test_no_model (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_cmpstr (cp_paged_view_get_state (fixture->view), ==, "loading");
  g_assert_null (cp_paged_view_get_model (fixture->view));
}

/* A page of five, Show More under it; pressed, the next five arrive. */
static void
test_show_more (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CpPagedList) list = show_customers (fixture, NULL, 5);

  cp_paged_list_load_more (list);
  wait_state (fixture, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_true (cp_test_ui_wait_for (revealed_button_cb, fixture->view, WAIT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "paged.load-more", NULL));
  wait_state (fixture, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  {
    g_autofree char *shot = cp_test_ui_screenshot (GTK_WIDGET (fixture->window), "paged-view-list");
  }
}

/* Nothing matches: the empty status page, no footer. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CpPagedList) list = show_customers (fixture, "no-such-customer-anywhere", 5);

  cp_paged_list_load_more (list);
  wait_state (fixture, "empty");
  g_assert_null (find_button (GTK_WIDGET (fixture->view), "Show More"));
}

/* The portal away: the error page says why in plain words and offers Try
 * Again, which loads the list once the portal is back. */
static void
test_error_and_retry (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CpPagedList) list = show_customers (fixture, NULL, 5);

  cp_test_server_pause (server);
  cp_paged_list_load_more (list);
  wait_state (fixture, "error");
  g_assert_nonnull (cp_paged_list_get_error (list));
  {
    g_autofree char *shot = cp_test_ui_screenshot (GTK_WIDGET (fixture->window), "paged-view-error");
  }
  cp_test_server_resume (server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "paged.reload", NULL));
  wait_state (fixture, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
}

static GtkWidget *
label_row_cb (gpointer item,
              gpointer user_data)
{
  return gtk_label_new (cp_customer_get_name (item));
}

/* Scroll-to-load in a page of a stack that is not shown: the adjustment of
 * an unmapped list is 0 of 0, which must not read as "near the end" (that
 * fetched a hidden 100,000-item list to its end). Once shown, the list
 * loads what fills its screen. */
static void
test_hidden_loads_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CpPagedList) list = cp_paged_list_new_customers (fixture->client, NULL);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *front = gtk_label_new ("front");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_list_box_new ();
  guint n;

  /* Here the view sits in a stack: take it out of the fixture's window. */
  g_object_ref (fixture->view);
  gtk_window_set_child (fixture->window, NULL);
  gtk_stack_add_named (GTK_STACK (stack), front, "front");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (fixture->view), "list");
  g_object_unref (fixture->view);
  gtk_stack_set_visible_child (GTK_STACK (stack), front);
  gtk_window_set_child (fixture->window, stack);

  cp_paged_list_set_page_size (list, 1);
  gtk_list_box_bind_model (GTK_LIST_BOX (box), G_LIST_MODEL (list), label_row_cb, NULL, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  g_object_set (fixture->view, "scroll-to-load", TRUE, NULL);
  cp_paged_view_set_content (fixture->view, scrolled);
  cp_paged_view_set_model (fixture->view, list);
  cp_paged_list_load_more (list);
  wait_state (fixture, "list");
  cp_test_ui_spin (1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_false (cp_paged_list_get_loading (list));

  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (fixture->view));
  cp_test_ui_spin (1000);
  wait_state (fixture, "list");
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cp_test_ui_init (&argc, &argv);

  g_test_add ("/ui/paged-view/no-model", Fixture, NULL, fixture_set_up, test_no_model,
              fixture_tear_down);
  g_test_add ("/ui/paged-view/show-more", Fixture, NULL, fixture_set_up, test_show_more,
              fixture_tear_down);
  g_test_add ("/ui/paged-view/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);
  g_test_add ("/ui/paged-view/error-and-retry", Fixture, NULL, fixture_set_up,
              test_error_and_retry, fixture_tear_down);
  g_test_add ("/ui/paged-view/hidden-loads-nothing", Fixture, NULL, fixture_set_up,
              test_hidden_loads_nothing, fixture_tear_down);

  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  status = g_test_run ();
  cp_test_server_stop (server);

  return status;
}
