/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-core.h"
#include "cp-test-server.h"
#include "cp-test-ui.h"
#include "cp-card-history-dialog.h"
#include "cp-customer-record.h"
#include "cp-customer-search.h"
#include "cp-staff-view.h"

/*
 * The office side, walked as a person would against the real server: an
 * admin turns online payments off and on; staff book a new customer, who
 * then (through the core API, as the customer app would) joins the portal
 * and saves two cards; staff find the customer, see both cards and the whole
 * history of changes. Screenshots of every staff screen, wide and 360 px.
 */

#define NEW_NAME "Morgan Reyes"
#define NEW_EMAIL "morgan.reyes@example.com"
#define NEW_PASSWORD "correct horse battery staple 42"
#define WAIT_MS 10000

static CpTestServer *server;

/* -- waiting on async results ---------------------------------------- */

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
async_is_done (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

static GAsyncResult *
wait_async (AsyncWait *wait)
{
  g_assert_true (cp_test_ui_wait_for (async_is_done, wait, WAIT_MS));
  return wait->result;
}

static CpClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  CpClient *client = cp_client_new (cp_test_server_get_url (server), &error);

  g_assert_no_error (error);
  cp_client_set_retry_policy (client, 10, 50, 2);
  return client;
}

static CpClient *
login (const char  *email,
       const char  *password,
       CpAccount  **account_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  AsyncWait wait = { NULL };
  CpClient *client = new_client ();
  CpAccount *account;

  cp_client_login_async (client, email, password, NULL, async_done_cb, &wait);
  account = cp_client_login_finish (client, wait_async (&wait), &store_error, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_clear_object (&wait.result);
  *account_out = account;
  return client;
}

static gboolean
config_online_payments (void)
{
  g_autoptr(CpClient) client = new_client ();
  g_autoptr(CpConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  cp_client_get_config_async (client, NULL, async_done_cb, &wait);
  config = cp_client_get_config_finish (client, wait_async (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  return cp_config_get_online_payments_enabled (config);
}

/* -- finding what a person sees ------------------------------------- */

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             GType          type,
             WidgetMatch    match,
             gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (g_type_is_a (G_OBJECT_TYPE (child), type) && (match == NULL || match (child, data)))
        return child;
      found = find_widget (child, type, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
widget_is_mapped (GtkWidget     *widget,
                  gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
row_title_is (GtkWidget     *widget,
              gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A row as a person reads it: by its title, somewhere mapped on screen. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_widget (root, ADW_TYPE_PREFERENCES_ROW, row_title_is, title);

  return row != NULL && gtk_widget_get_mapped (row) ? row : NULL;
}

static gboolean
label_text_is (GtkWidget     *widget,
               gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  GtkWidget *label = find_widget (root, GTK_TYPE_LABEL, label_contains, text);

  return label != NULL && gtk_widget_get_mapped (label) ? label : NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = cp_test_ui_find_by_label (root, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  return button;
}

/* Clicks @button: gtk_widget_activate() shows it pressed for 250 ms, then
 * emits clicked. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_activate (button));
  cp_test_ui_spin (400);
}

/* -- a window with the staff view, as CpWindow would show it ---------- */

typedef struct
{
  GtkWindow *window;
  CpStaffView *view;
} Screen;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
screen_open (Screen     *screen,
             CpClient   *client,
             CpAccount  *account,
             int         width)
{
  screen->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (screen->window, width, 760);
  screen->view = cp_staff_view_new (client, account);
  adw_window_set_content (ADW_WINDOW (screen->window), GTK_WIDGET (screen->view));
  g_object_add_weak_pointer (G_OBJECT (screen->view), (gpointer *) &screen->view);
  gtk_window_present (screen->window);
  g_assert_true (cp_test_ui_wait_for (is_mapped, screen->window, WAIT_MS));
  cp_test_ui_spin (100);
  /* The content gets the width asked for, less what decorations take. */
  g_test_message ("window %d px, staff view %d px wide", gtk_widget_get_width (GTK_WIDGET (screen->window)),
                  gtk_widget_get_width (GTK_WIDGET (screen->view)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (screen->view)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (screen->view)), >=, width - 24);
}

static void
screen_close (Screen *screen)
{
  gtk_window_destroy (screen->window);
  /* The view and all its pages are gone: nothing keeps them alive. */
  cp_test_ui_spin (50);
  g_assert_null (screen->view);
}

static void
show_page (Screen     *screen,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (screen->view), "staff.show-page",
                                             "s", name));
  cp_test_ui_spin (100);
}

static gboolean
transition_running (GtkWidget *widget)
{
  if ((GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
      || (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
      || (ADW_IS_SQUEEZER (widget) && adw_squeezer_get_transition_running (ADW_SQUEEZER (widget))))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

static gboolean
settled (gpointer data)
{
  return !transition_running (GTK_WIDGET (data));
}

/* Waits until slides and fades are over, as a person would before looking. */
static void
settle (GtkWidget *widget)
{
  g_assert_true (cp_test_ui_wait_for (settled, widget, WAIT_MS));
}

static void
screenshot (Screen     *screen,
            const char *name)
{
  g_autofree char *path = NULL;

  settle (GTK_WIDGET (screen->window));
  path = cp_test_ui_screenshot (GTK_WIDGET (screen->window), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* -- Settings -------------------------------------------------------- */

static gboolean
switch_settled (gpointer data)
{
  GtkSwitch *sw = data;

  return gtk_widget_is_sensitive (GTK_WIDGET (sw))
         && gtk_switch_get_state (sw) == gtk_switch_get_active (sw);
}

static gboolean
switch_off_settled (gpointer data)
{
  return switch_settled (data) && !gtk_switch_get_state (data);
}

static gboolean
switch_on_settled (gpointer data)
{
  return switch_settled (data) && gtk_switch_get_state (data);
}

static GtkSwitch *
online_payments_switch (Screen *screen)
{
  GtkWidget *row = find_row (GTK_WIDGET (screen->view), "Online Payments");
  GtkWidget *sw;

  g_assert_nonnull (row);
  sw = find_widget (row, GTK_TYPE_SWITCH, NULL, NULL);
  g_assert_nonnull (sw);
  return GTK_SWITCH (sw);
}

static gboolean
has_mapped_label (gpointer data)
{
  gpointer *args = data;

  return find_label_containing (args[0], args[1]) != NULL;
}

static void
test_settings_admin (void)
{
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpClient) client = login ("admin@example.com", "demo-admin-password", &account);
  Screen wide, narrow;
  GtkSwitch *sw;

  g_assert_cmpint (cp_account_get_role (account), ==, CP_ROLE_ADMIN);
  g_assert_true (config_online_payments ());

  screen_open (&wide, client, account, 1100);
  show_page (&wide, "settings");
  sw = online_payments_switch (&wide);
  g_assert_true (cp_test_ui_wait_for (switch_settled, sw, WAIT_MS));
  g_assert_true (gtk_switch_get_active (sw));
  screenshot (&wide, "staff-settings-admin");

  /* Off: the server's public config says so at once. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (sw)));
  g_assert_true (cp_test_ui_wait_for (switch_off_settled, sw, WAIT_MS));
  g_assert_false (config_online_payments ());
  g_assert_nonnull (find_label_containing (GTK_WIDGET (wide.view), "Online payments are off"));
  screenshot (&wide, "staff-settings-admin-off");

  /* And on again. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (sw)));
  g_assert_true (cp_test_ui_wait_for (switch_on_settled, sw, WAIT_MS));
  g_assert_true (config_online_payments ());
  screen_close (&wide);

  screen_open (&narrow, client, account, 360);
  show_page (&narrow, "settings");
  sw = online_payments_switch (&narrow);
  g_assert_true (cp_test_ui_wait_for (switch_settled, sw, WAIT_MS));
  g_assert_true (gtk_switch_get_active (sw));
  screenshot (&narrow, "staff-settings-admin-360");
  screen_close (&narrow);
}

static void
test_settings_staff_read_only (void)
{
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpClient) client = login ("staff@example.com", "demo-staff-password", &account);
  gpointer args[2];
  Screen wide;
  GtkSwitch *sw;

  g_assert_cmpint (cp_account_get_role (account), ==, CP_ROLE_STAFF);
  screen_open (&wide, client, account, 1100);
  show_page (&wide, "settings");
  sw = online_payments_switch (&wide);

  /* The state is shown, the switch cannot be used, and it says why. */
  args[0] = wide.view;
  args[1] = "Only administrators can change this setting.";
  g_assert_true (cp_test_ui_wait_for (has_mapped_label, args, WAIT_MS));
  g_assert_true (gtk_switch_get_active (sw));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (sw)));
  g_assert_true (config_online_payments ());
  screenshot (&wide, "staff-settings-read-only");
  screen_close (&wide);
}

/* -- Call Booking ---------------------------------------------------- */

static void
type_into (GtkWidget  *root,
           const char *row_title,
           const char *text)
{
  GtkWidget *row = find_row (root, row_title);

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
row_has_error (gpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

static CpCustomerRecord *
visible_record (Screen *screen)
{
  GtkWidget *record = find_widget (GTK_WIDGET (screen->view), CP_TYPE_CUSTOMER_RECORD, NULL, NULL);

  return record != NULL && gtk_widget_get_mapped (record) ? CP_CUSTOMER_RECORD (record) : NULL;
}

static gboolean
record_loaded (gpointer data)
{
  CpCustomerRecord *record = visible_record (data);

  return record != NULL && cp_customer_record_get_customer (record) != NULL
         && !cp_customer_record_get_loading (record);
}

static void
test_booking (void)
{
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpClient) client = login ("staff@example.com", "demo-staff-password", &account);
  GtkWidget *root, *email_row;
  CpCustomerRecord *record;
  CpCustomer *customer;
  Screen wide, narrow;

  /* At 360 px first: the empty form, then a mistake caught before sending. */
  screen_open (&narrow, client, account, 360);
  show_page (&narrow, "booking");
  root = GTK_WIDGET (narrow.view);
  screenshot (&narrow, "staff-booking-360");
  type_into (root, "Name", NEW_NAME);
  type_into (root, "Email", "not-an-email");
  type_into (root, "Phone", "555 010 2030");
  type_into (root, "Service Address", "12 Elm Street, Springfield");
  click (find_button (root, "_Book Customer"));
  email_row = find_row (root, "Email");
  g_assert_true (row_has_error (email_row));
  g_assert_nonnull (find_label_containing (root, "name@example.com"));
  g_assert_false (row_has_error (find_row (root, "Name")));
  screenshot (&narrow, "staff-booking-invalid-360");
  screen_close (&narrow);

  screen_open (&wide, client, account, 1100);
  show_page (&wide, "booking");
  root = GTK_WIDGET (wide.view);
  type_into (root, "Name", NEW_NAME);
  type_into (root, "Phone", "555 010 2030");
  type_into (root, "Service Address", "12 Elm Street, Springfield");

  /* The server refuses an email already on file; the email field says so. */
  type_into (root, "Email", "ada@example.com");
  click (find_button (root, "_Book Customer"));
  email_row = find_row (root, "Email");
  g_assert_true (cp_test_ui_wait_for (row_has_error, email_row, WAIT_MS));
  g_assert_nonnull (find_label_containing (root, "already exists"));
  g_assert_false (row_has_error (find_row (root, "Phone")));
  screenshot (&wide, "staff-booking-conflict");

  /* Editing the field clears its error; a free email books the customer. */
  type_into (root, "Email", NEW_EMAIL);
  g_assert_false (row_has_error (email_row));
  click (find_button (root, "_Book Customer"));
  g_assert_true (cp_test_ui_wait_for (record_loaded, &wide, WAIT_MS));

  /* The new record opens and says what comes next. */
  record = visible_record (&wide);
  customer = cp_customer_record_get_customer (record);
  g_assert_cmpstr (cp_customer_get_name (customer), ==, NEW_NAME);
  g_assert_cmpstr (cp_customer_get_email (customer), ==, NEW_EMAIL);
  g_assert_cmpint (cp_customer_get_portal_account (customer), ==, CP_PORTAL_ACCOUNT_NONE);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (record), "can now request an invitation"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (record), "Email"))),
                   ==, NEW_EMAIL);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (record), "Portal Account"))),
                                   "None"));
  g_assert_cmpuint (g_list_model_get_n_items (cp_customer_record_get_cards (record)), ==, 0);
  screenshot (&wide, "staff-booking-done");
  screen_close (&wide);
}

/* -- The customer joins the portal and saves two cards (core API) ------ */

static CpCard *
add_card (CpClient   *client,
          const char *customer_id,
          const char *number)
{
  g_autoptr(CpCardInput) input = cp_card_input_new ();
  g_autoptr(CpCardToken) token = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };
  CpCard *card;

  cp_card_input_set_number (input, number);
  cp_card_input_set_expiry (input, 12, 2034);
  cp_card_input_set_cvc (input, "123");
  cp_client_tokenize_card_async (client, input, NEW_NAME, "12345", NULL, async_done_cb, &wait);
  token = cp_client_tokenize_card_finish (client, wait_async (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  cp_client_add_payment_method_async (client, customer_id, cp_card_token_get_token (token), FALSE,
                                      NULL, async_done_cb, &wait);
  card = cp_client_add_payment_method_finish (client, wait_async (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  return card;
}

static void
test_customer_joins_and_adds_cards (void)
{
  g_autoptr(CpClient) anonymous = new_client ();
  g_autoptr(CpClient) client = NULL;
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpCard) visa = NULL;
  g_autoptr(CpCard) mastercard = NULL;
  g_autoptr(CpCard) primary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  AsyncWait wait = { NULL };

  cp_client_request_invitation_async (anonymous, NEW_EMAIL, NULL, async_done_cb, &wait);
  g_assert_true (cp_client_request_invitation_finish (anonymous, wait_async (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  code = cp_test_server_dup_last_code (server, NEW_EMAIL);
  g_assert_nonnull (code);
  cp_client_verify_async (anonymous, NEW_EMAIL, code, NEW_PASSWORD, NULL, async_done_cb, &wait);
  g_assert_true (cp_client_verify_finish (anonymous, wait_async (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  client = login (NEW_EMAIL, NEW_PASSWORD, &account);
  g_assert_cmpint (cp_account_get_role (account), ==, CP_ROLE_CUSTOMER);
  g_assert_nonnull (cp_account_get_customer_id (account));

  visa = add_card (client, cp_account_get_customer_id (account), "4242424242424242");
  g_assert_true (cp_card_get_is_primary (visa));
  mastercard = add_card (client, cp_account_get_customer_id (account), "5555555555554444");
  g_assert_false (cp_card_get_is_primary (mastercard));

  cp_client_set_primary_payment_method_async (client, cp_account_get_customer_id (account),
                                              cp_card_get_id (mastercard), NULL,
                                              async_done_cb, &wait);
  primary = cp_client_set_primary_payment_method_finish (client, wait_async (&wait), &error);
  g_assert_no_error (error);
  g_assert_true (cp_card_get_is_primary (primary));
  g_clear_object (&wait.result);
}

/* -- Staff find the customer, the cards and their history --------------- */

typedef struct
{
  Screen *screen;
  const char *name;
} ResultWait;

static gboolean
results_show_only (gpointer data)
{
  ResultWait *w = data;
  CpCustomerSearch *search = CP_CUSTOMER_SEARCH (find_widget (GTK_WIDGET (w->screen->view),
                                                              CP_TYPE_CUSTOMER_SEARCH, NULL, NULL));
  GListModel *results = cp_customer_search_get_results (search);
  g_autoptr(CpCustomer) first = NULL;

  if (results == NULL || g_list_model_get_n_items (results) != 1)
    return FALSE;
  first = g_list_model_get_item (results, 0);
  return g_strcmp0 (cp_customer_get_name (first), w->name) == 0
         && find_widget (GTK_WIDGET (search), GTK_TYPE_LABEL, label_text_is, w->name) != NULL;
}

static GtkWidget *
search_entry (Screen *screen)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (screen->view), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);

  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  return entry;
}

/* Types like a person: a first query, then a second one before the first
 * has been answered; only the second one's results may show. */
static void
search_for (Screen     *screen,
            const char *first_query,
            const char *query,
            const char *expected_name)
{
  GtkWidget *entry = search_entry (screen);
  ResultWait w = { screen, expected_name };

  gtk_editable_set_text (GTK_EDITABLE (entry), first_query);
  cp_test_ui_spin (350);
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_assert_true (cp_test_ui_wait_for (results_show_only, &w, WAIT_MS));
  cp_test_ui_spin (300);
  g_assert_true (results_show_only (&w));
}

static void
open_first_result (Screen *screen)
{
  GtkWidget *list = find_widget (GTK_WIDGET (screen->view), GTK_TYPE_LIST_VIEW, NULL, NULL);

  g_assert_nonnull (list);
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  g_assert_true (cp_test_ui_wait_for (record_loaded, screen, WAIT_MS));
  settle (GTK_WIDGET (screen->window));
}

static gboolean
row_shows_primary (GtkWidget *row)
{
  return find_widget (row, GTK_TYPE_LABEL, label_text_is, "Primary") != NULL;
}

static void
assert_payment_methods (CpCustomerRecord *record)
{
  GtkWidget *root = GTK_WIDGET (record);
  GtkWidget *mastercard = find_row (root, "Mastercard •••• 4444");
  GtkWidget *visa = find_row (root, "Visa •••• 4242");
  GListModel *cards = cp_customer_record_get_cards (record);

  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 2);
  g_assert_nonnull (mastercard);
  g_assert_nonnull (visa);
  g_assert_true (row_shows_primary (mastercard));
  g_assert_false (row_shows_primary (visa));
  /* As the customer's Saved Cards page writes them, then how they came. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (mastercard)),
                                   "Expires 12/2034 · " NEW_NAME "\nAdded in the portal · "));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (visa)),
                                   "Expires 12/2034 · " NEW_NAME "\nAdded in the portal · "));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (root, "Portal Account"))),
                                   "Active"));
}

static CpCardHistoryDialog *
find_history_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CP_IS_CARD_HISTORY_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return CP_CARD_HISTORY_DIALOG (window);
    }
  return NULL;
}

static gboolean
history_loaded (gpointer data)
{
  CpCardHistoryDialog *dialog = find_history_dialog ();

  return dialog != NULL
         && g_list_model_get_n_items (cp_card_history_dialog_get_events (dialog)) == GPOINTER_TO_UINT (data)
         && find_row (GTK_WIDGET (dialog), "Added Visa •••• 4242 (12/2034)") != NULL;
}

static const char *
nth_row_text (GtkWidget *dialog,
              guint      n,
              gboolean   subtitle)
{
  GtkWidget *list = find_widget (dialog, GTK_TYPE_LIST_BOX, NULL, NULL);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) n);

  g_assert_nonnull (row);
  return subtitle ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row))
                  : adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
assert_history (CpCardHistoryDialog *dialog)
{
  /* Newest first, with who and through which channel. */
  static const struct {
    const char *title;
    const char *who_and_channel;
  } expected[] = {
    { "Set Mastercard •••• 4444 (12/2034) as primary", " · " NEW_NAME " (customer) · Customer Portal" },
    { "Added Mastercard •••• 4444 (12/2034)", " · " NEW_NAME " (customer) · Customer Portal" },
    { "Set Visa •••• 4242 (12/2034) as primary", " · Automatic · System" },
    { "Added Visa •••• 4242 (12/2034)", " · " NEW_NAME " (customer) · Customer Portal" },
  };
  GListModel *events = cp_card_history_dialog_get_events (dialog);
  g_autoptr(GDateTime) previous = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CpCardEvent) event = g_list_model_get_item (events, i);
      const char *subtitle = nth_row_text (GTK_WIDGET (dialog), i, TRUE);

      g_assert_cmpstr (nth_row_text (GTK_WIDGET (dialog), i, FALSE), ==, expected[i].title);
      g_assert_true (g_str_has_prefix (subtitle, cp_card_event_get_at_text (event)));
      g_assert_true (g_str_has_suffix (subtitle, expected[i].who_and_channel));
      /* Times never go forward down the list. */
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (cp_card_event_get_at (event), previous), <=, 0);
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_date_time_ref (cp_card_event_get_at (event));
    }
}

/* Rows shown in one of the record's lists: the list box is bound to the
 * model, one row per item. */
static guint
n_rows (GtkWidget  *record,
        const char *list)
{
  CpCustomerRecord *r = CP_CUSTOMER_RECORD (record);
  GListModel *model = g_str_equal (list, "cards") ? cp_customer_record_get_cards (r)
                      : g_str_equal (list, "invoices") ? cp_customer_record_get_invoices (r)
                      : cp_customer_record_get_visits (r);

  return g_list_model_get_n_items (model);
}

typedef struct
{
  GtkWidget *record;
  const char *list;
  guint at_least;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *w = data;

  return !cp_customer_record_get_loading (CP_CUSTOMER_RECORD (w->record))
         && n_rows (w->record, w->list) >= w->at_least;
}

static void
scroll_to_end (GtkWidget *record)
{
  GtkWidget *scrolled = find_widget (record, GTK_TYPE_SCROLLED_WINDOW, widget_is_mapped, NULL);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  cp_test_ui_spin (100);
}

/* Scrolls the record so that the list named @label (a group title) is at
 * the top, as a person scrolling down to it would. */
static void
scroll_to_row (GtkWidget  *record,
               const char *group_title)
{
  GtkWidget *scrolled = find_widget (record, GTK_TYPE_SCROLLED_WINDOW, widget_is_mapped, NULL);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *title = find_widget (record, GTK_TYPE_LABEL, label_text_is, group_title);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  double x, y;

  g_assert_nonnull (title);
  g_assert_true (gtk_widget_translate_coordinates (title, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (adj, y - 12);
  cp_test_ui_spin (100);
}

/* The demo's customers as the office sees them: Ada with two cards, open
 * invoices and a year of visits; Harbor with 100,000 visits, paged. */
static void
test_staff_sees_demo_records (void)
{
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpClient) client = login ("staff@example.com", "demo-staff-password", &account);
  RowsWait w;
  GtkWidget *record, *visa, *more;
  Screen wide;
  guint before;

  screen_open (&wide, client, account, 1100);
  search_for (&wide, "Harbor", "ada@", "Ada Lovelace");
  open_first_result (&wide);
  record = GTK_WIDGET (visible_record (&wide));
  visa = find_row (record, "Visa •••• 4242");
  g_assert_nonnull (visa);
  g_assert_true (row_shows_primary (visa));
  g_assert_false (row_shows_primary (find_row (record, "Mastercard •••• 4444")));
  w = (RowsWait) { record, "invoices", 1 };
  g_assert_true (cp_test_ui_wait_for (has_rows, &w, WAIT_MS));
  w = (RowsWait) { record, "visits", 2 };
  g_assert_true (cp_test_ui_wait_for (has_rows, &w, WAIT_MS));
  screenshot (&wide, "staff-record-ada");
  scroll_to_row (record, "Open Invoices");
  screenshot (&wide, "staff-record-ada-invoices");
  scroll_to_end (record);
  screenshot (&wide, "staff-record-ada-end");

  search_for (&wide, "Ada", "Harbor", "Harbor Property Management");
  open_first_result (&wide);
  record = GTK_WIDGET (visible_record (&wide));
  w = (RowsWait) { record, "visits", 25 };
  g_assert_true (cp_test_ui_wait_for (has_rows, &w, WAIT_MS));
  before = n_rows (record, "visits");
  g_assert_cmpuint (before, ==, 25);
  scroll_to_end (record);
  more = find_button (record, "Show More Visits");
  click (more);
  w = (RowsWait) { record, "visits", before + 1 };
  g_assert_true (cp_test_ui_wait_for (has_rows, &w, WAIT_MS));
  g_assert_cmpuint (n_rows (record, "visits"), ==, 50);
  screen_close (&wide);
}

static void
test_staff_sees_cards_and_history (void)
{
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpClient) client = login ("staff@example.com", "demo-staff-password", &account);
  CpCardHistoryDialog *dialog;
  CpCustomerRecord *record;
  GtkWidget *search;
  Screen wide, narrow;

  screen_open (&wide, client, account, 1100);
  screenshot (&wide, "staff-customers");

  search_for (&wide, "Ada", "Morgan", NEW_NAME);
  screenshot (&wide, "staff-search");
  open_first_result (&wide);
  record = visible_record (&wide);
  /* Wide: the search stays beside the record. */
  g_assert_true (gtk_widget_get_mapped (search_entry (&wide)));
  assert_payment_methods (record);
  screenshot (&wide, "staff-record");

  click (find_button (GTK_WIDGET (record), "_View History"));
  g_assert_true (cp_test_ui_wait_for (history_loaded, GUINT_TO_POINTER (4), WAIT_MS));
  dialog = find_history_dialog ();
  assert_history (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == wide.window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  {
    g_autofree char *path = NULL;

    settle (GTK_WIDGET (dialog));
    path = cp_test_ui_screenshot (GTK_WIDGET (dialog), "staff-card-history");

    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* Escape closes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  cp_test_ui_spin (100);
  g_assert_null (find_history_dialog ());
  screen_close (&wide);

  /* 360 px: one pane at a time, with a way back. */
  screen_open (&narrow, client, account, 360);
  screenshot (&narrow, "staff-customers-360");
  search_for (&narrow, "Gra", "morgan.reyes@", NEW_NAME);
  screenshot (&narrow, "staff-search-360");
  open_first_result (&narrow);
  record = visible_record (&narrow);
  /* Narrow: the record replaces the search. */
  search = find_widget (GTK_WIDGET (narrow.view), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  g_assert_false (gtk_widget_get_mapped (search));
  /* The keyboard followed, to the way back. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (narrow.window))
                 == cp_test_ui_find_by_label (GTK_WIDGET (narrow.view), GTK_TYPE_BUTTON,
                                              "Back to Customers"));
  assert_payment_methods (record);
  screenshot (&narrow, "staff-record-360");

  click (find_button (GTK_WIDGET (record), "_View History"));
  g_assert_true (cp_test_ui_wait_for (history_loaded, GUINT_TO_POINTER (4), WAIT_MS));
  dialog = find_history_dialog ();
  assert_history (dialog);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  {
    g_autofree char *path = NULL;

    settle (GTK_WIDGET (dialog));
    path = cp_test_ui_screenshot (GTK_WIDGET (dialog), "staff-card-history-360");

    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  cp_test_ui_spin (100);

  click (find_button (GTK_WIDGET (narrow.view), "Back to Customers"));
  settle (GTK_WIDGET (narrow.window));
  g_assert_null (visible_record (&narrow));
  g_assert_true (gtk_widget_get_mapped (search_entry (&narrow)));
  screen_close (&narrow);
}

typedef struct
{
  Screen *screen;
  guint n_cards;
} CardsWait;

static gboolean
record_shows_n_cards (gpointer data)
{
  CardsWait *w = data;
  CpCustomerRecord *record = visible_record (w->screen);

  return record != NULL && !cp_customer_record_get_loading (record)
         && g_list_model_get_n_items (cp_customer_record_get_cards (record)) == w->n_cards;
}

/* The customer deletes the primary card while the office has the record
 * open: Reload shows the change, and the history the automatic new primary. */
static void
test_staff_reloads_after_customer_change (void)
{
  g_autoptr(CpAccount) staff = NULL;
  g_autoptr(CpClient) client = login ("staff@example.com", "demo-staff-password", &staff);
  g_autoptr(CpAccount) customer = NULL;
  g_autoptr(CpClient) customer_client = login (NEW_EMAIL, NEW_PASSWORD, &customer);
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GError) error = NULL;
  CpCardHistoryDialog *dialog;
  CpCustomerRecord *record;
  AsyncWait wait = { NULL };
  CardsWait cw;
  const char *mastercard_id = NULL;
  GtkWidget *visa;
  Screen wide;

  screen_open (&wide, client, staff, 1100);
  search_for (&wide, "Ada", "Reyes", NEW_NAME);
  open_first_result (&wide);
  record = visible_record (&wide);
  assert_payment_methods (record);

  cp_client_list_payment_methods_async (customer_client, cp_account_get_customer_id (customer),
                                        NULL, async_done_cb, &wait);
  cards = cp_client_list_payment_methods_finish (customer_client, wait_async (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(CpCard) card = g_list_model_get_item (cards, i);

      if (g_str_equal (cp_card_get_last4 (card), "4444"))
        mastercard_id = cp_card_get_id (card);
    }
  g_assert_nonnull (mastercard_id);
  cp_client_delete_payment_method_async (customer_client, cp_account_get_customer_id (customer),
                                         mastercard_id, FALSE, NULL, async_done_cb, &wait);
  g_assert_true (cp_client_delete_payment_method_finish (customer_client, wait_async (&wait),
                                                         &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  /* The open record still shows what it loaded, until reloaded. */
  g_assert_cmpuint (g_list_model_get_n_items (cp_customer_record_get_cards (record)), ==, 2);
  click (find_button (GTK_WIDGET (record), "Reload Record"));
  cw = (CardsWait) { &wide, 1 };
  g_assert_true (cp_test_ui_wait_for (record_shows_n_cards, &cw, WAIT_MS));
  g_assert_null (find_row (GTK_WIDGET (record), "Mastercard •••• 4444"));
  visa = find_row (GTK_WIDGET (record), "Visa •••• 4242");
  g_assert_nonnull (visa);
  g_assert_true (row_shows_primary (visa));

  click (find_button (GTK_WIDGET (record), "_View History"));
  g_assert_true (cp_test_ui_wait_for (history_loaded, GUINT_TO_POINTER (6), WAIT_MS));
  dialog = find_history_dialog ();
  g_assert_cmpstr (nth_row_text (GTK_WIDGET (dialog), 0, FALSE), ==,
                   "Set Visa •••• 4242 (12/2034) as primary");
  g_assert_true (g_str_has_suffix (nth_row_text (GTK_WIDGET (dialog), 0, TRUE),
                                   " · Automatic · System"));
  g_assert_cmpstr (nth_row_text (GTK_WIDGET (dialog), 1, FALSE), ==,
                   "Removed Mastercard •••• 4444 (12/2034)");
  g_assert_true (g_str_has_suffix (nth_row_text (GTK_WIDGET (dialog), 1, TRUE),
                                   " · " NEW_NAME " (customer) · Customer Portal"));
  g_assert_cmpstr (nth_row_text (GTK_WIDGET (dialog), 2, FALSE), ==,
                   "Set Mastercard •••• 4444 (12/2034) as primary");
  {
    g_autofree char *path = NULL;

    settle (GTK_WIDGET (dialog));
    path = cp_test_ui_screenshot (GTK_WIDGET (dialog), "staff-card-history-after-removal");
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  screen_close (&wide);
}

/* What a window needs to host the switcher in its own header bar, as it
 * does for the customer view: the stack with its three named pages, a
 * bottom bar, and a way to hide the view's own switcher. */
static void
test_window_integration (void)
{
  g_autoptr(CpAccount) account = NULL;
  g_autoptr(CpClient) client = login ("staff@example.com", "demo-staff-password", &account);
  CpStaffView *view = g_object_ref_sink (cp_staff_view_new (client, account));
  AdwViewStack *stack = cp_staff_view_get_stack (view);
  static const char * const pages[] = { "customers", "booking", "settings" };

  g_assert_true (cp_staff_view_get_client (view) == client);
  g_assert_true (cp_staff_view_get_account (view) == account);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, pages[i]);

      g_assert_nonnull (child);
      g_assert_nonnull (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, child)));
    }
  g_assert_nonnull (cp_staff_view_get_switcher_bar (view));
  g_assert_false (adw_view_switcher_bar_get_reveal (cp_staff_view_get_switcher_bar (view)));
  g_assert_true (cp_staff_view_get_show_switcher (view));
  g_object_set (view, "show-switcher", FALSE, NULL);
  g_assert_false (cp_staff_view_get_show_switcher (view));
  g_assert_null (find_widget (GTK_WIDGET (view), ADW_TYPE_SQUEEZER, NULL, NULL));

  /* Nothing else holds on to the view once the window lets go. */
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cp_test_ui_init (&argc, &argv);

  /* The steps build on each other, in this order, on one server. */
  g_test_add_func ("/ui/staff/settings/admin-switches-online-payments", test_settings_admin);
  g_test_add_func ("/ui/staff/settings/staff-read-only", test_settings_staff_read_only);
  g_test_add_func ("/ui/staff/booking/new-customer", test_booking);
  g_test_add_func ("/ui/staff/customer/joins-and-adds-cards", test_customer_joins_and_adds_cards);
  g_test_add_func ("/ui/staff/customers/cards-and-history", test_staff_sees_cards_and_history);
  g_test_add_func ("/ui/staff/customers/reload-after-customer-change",
                   test_staff_reloads_after_customer_change);
  g_test_add_func ("/ui/staff/customers/demo-records", test_staff_sees_demo_records);
  g_test_add_func ("/ui/staff/view/window-integration", test_window_integration);

  server = cp_test_server_start (CP_TEST_SERVER_DEMO);
  status = g_test_run ();
  cp_test_server_stop (server);

  return status;
}
