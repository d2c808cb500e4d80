/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <malloc.h>
#include <string.h>

#include "cp-core.h"
#include "cp-json-private.h"
#include "cp-test-server.h"
#include "cp-visit-private.h"

/*
 * Walks harbor's 100,000-visit service history page by page (limit=100)
 * and prints parse time and memory, each against a baseline measured in
 * the same run: json-glib alone for parsing, json-glib's trees for memory.
 */

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static gsize
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line ? (gsize) g_ascii_strtoull (line + strlen (field) + 1, NULL, 10) : 0;
}

static GBytes *
send (SoupSession *session,
      SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return body;
}

/* The baseline fetch: plain libsoup, no client, bodies kept for parsing. */
static GPtrArray *
fetch_raw_pages (const char *api_url,
                 char      **customer_id,
                 double     *seconds)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) login = NULL;
  g_autoptr(GBytes) login_body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *login_url = g_strconcat (api_url, "/auth/login", NULL);
  g_autofree char *bearer = NULL;
  g_autofree char *cursor = NULL;
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *json = "{\"email\":\"harbor@example.com\",\"password\":\"demo-customer-password\"}";
  JsonObject *reply;
  gint64 start;

  login = soup_message_new ("POST", login_url);
  soup_message_set_request_body_from_bytes (login, "application/json",
                                            g_bytes_new_static (json, strlen (json)));
  login_body = send (session, login);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (login_body, NULL),
                                             (gssize) g_bytes_get_size (login_body), NULL));
  reply = json_node_get_object (json_parser_get_root (parser));
  bearer = g_strconcat ("Bearer ", json_object_get_string_member (reply, "access_token"), NULL);
  *customer_id = g_strdup (json_object_get_string_member (
    json_object_get_object_member (reply, "user"), "customer_id"));

  start = g_get_monotonic_time ();
  do
    {
      g_autofree char *url = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(JsonParser) page_parser = json_parser_new ();
      GBytes *body;
      JsonNode *next;

      if (cursor == NULL)
        url = g_strdup_printf ("%s/customers/%s/service-history?limit=100", api_url, *customer_id);
      else
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          url = g_strdup_printf ("%s/customers/%s/service-history?limit=100&cursor=%s",
                                 api_url, *customer_id, escaped);
        }
      msg = soup_message_new ("GET", url);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
      body = send (session, msg);
      g_ptr_array_add (pages, body);

      /* Only the cursor is read here; parsing is timed below. */
      g_assert_true (json_parser_load_from_data (page_parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), NULL));
      next = json_object_get_member (json_node_get_object (json_parser_get_root (page_parser)),
                                     "next_cursor");
      g_free (cursor);
      cursor = JSON_NODE_HOLDS_NULL (next) ? NULL : g_strdup (json_node_get_string (next));
    }
  while (cursor != NULL);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return pages;
}

typedef struct
{
  GArray *page_us;
  gint64 last;
} WalkStats;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  WalkStats *stats = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed = now - stats->last;

  g_array_append_val (stats->page_us, elapsed);
  stats->last = now;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
mean_ms (GArray *values,
         guint   from,
         guint   to)
{
  gint64 sum = 0;

  for (guint i = from; i < to; i++)
    sum += g_array_index (values, gint64, i);
  return sum / 1000.0 / (to - from);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CpTestServer) server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) trees = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *customer_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpClient) client = NULL;
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpPagedList) list = NULL;
  GAsyncResult *res = NULL;
  WalkStats stats = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  double fetch_s, json_s, model_s, walk_s;
  gsize bytes = 0, heap0, json_heap, model_heap, walk_heap0, walk_heap;
  guint items = 0, n_pages;
  gint64 start;

  pages = fetch_raw_pages (cp_test_server_get_api_url (server), &customer_id, &fetch_s);
  n_pages = pages->len;
  for (guint i = 0; i < n_pages; i++)
    bytes += g_bytes_get_size (pages->pdata[i]);

  /* Baseline: json-glib alone, trees kept to measure their memory. */
  heap0 = heap_in_use ();
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gsize len;
      const char *data = g_bytes_get_data (pages->pdata[i], &len);

      g_assert_true (json_parser_load_from_data (parser, data, (gssize) len, NULL));
      g_ptr_array_add (trees, json_parser_steal_root (parser));
    }
  json_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  json_heap = heap_in_use () - heap0;
  g_ptr_array_set_size (trees, 0);

  /* The client's parser: caps, depth scan, checks, and CpVisit models. */
  heap0 = heap_in_use ();
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_pages; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (pages->pdata[i], &len);
      GListStore *store = cp_json_parse_list (data, len, CP_TYPE_VISIT, cp_visit_parse, NULL,
                                              &error);

      g_assert_no_error (error);
      items += g_list_model_get_n_items (G_LIST_MODEL (store));
      g_ptr_array_add (stores, store);
    }
  model_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  model_heap = heap_in_use () - heap0;
  g_ptr_array_set_size (stores, 0);
  g_ptr_array_set_size (pages, 0);

  /* End to end as the app does it: CpPagedList, one page at a time. */
  client = cp_client_new (cp_test_server_get_url (server), &error);
  g_assert_no_error (error);
  cp_client_login_async (client, "harbor@example.com", "demo-customer-password", NULL,
                         result_cb, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  account = cp_client_login_finish (client, res, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&res);

  list = cp_paged_list_new_service_history (client, cp_account_get_customer_id (account));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &stats);
  walk_heap0 = heap_in_use ();
  start = stats.last = g_get_monotonic_time ();
  while (cp_paged_list_get_has_more (list))
    {
      cp_paged_list_load_more (list);
      while (cp_paged_list_get_loading (list))
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (cp_paged_list_get_error (list));
    }
  walk_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  walk_heap = heap_in_use () - walk_heap0;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, items);

  g_print ("harbor service history: %u visits in %u pages of 100, %.1f MB of JSON\n",
           items, n_pages, bytes / 1e6);
  g_print ("fetch (plain libsoup, baseline walk):  %.2f s\n", fetch_s);
  g_print ("parse, json-glib only (baseline):      %.3f s  (%.2f ms/page, %.1f MB/s)\n",
           json_s, json_s * 1000 / n_pages, bytes / 1e6 / json_s);
  g_print ("parse, client (caps+checks+CpVisit):   %.3f s  (%.2f ms/page)  ratio %.2fx\n",
           model_s, model_s * 1000 / n_pages, model_s / json_s);
  g_print ("memory, json-glib trees (baseline):    %.1f MB (%.0f B/visit)\n",
           json_heap / 1e6, (double) json_heap / items);
  g_print ("memory, CpVisit models:                %.1f MB (%.0f B/visit)  ratio %.2fx\n",
           model_heap / 1e6, (double) model_heap / items, (double) model_heap / json_heap);
  g_print ("CpPagedList walk end to end:           %.2f s  (%.2f ms/page)  ratio to plain fetch %.2fx\n",
           walk_s, walk_s * 1000 / n_pages, walk_s / fetch_s);
  g_print ("  first 50 pages %.2f ms/page, last 50 pages %.2f ms/page (flat = no O(n^2))\n",
           mean_ms (stats.page_us, 0, 50), mean_ms (stats.page_us, n_pages - 50, n_pages));
  g_print ("  list of %u items holds %.1f MB of heap\n", items, walk_heap / 1e6);
  g_print ("peak RSS of this process (VmHWM):      %.1f MB; RSS now %.1f MB\n",
           status_kib ("VmHWM:") / 1024.0, status_kib ("VmRSS:") / 1024.0);

  g_array_unref (stats.page_us);
  return 0;
}
