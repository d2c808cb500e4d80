/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-staff"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-booking-page.h"
#include "cp-ui-util.h"

/* Call Booking: the office enters a new customer who phoned in, so that the
 * customer can then request a portal invitation with that email. */
struct _CpBookingPage
{
  AdwBin parent_instance;

  /* Template children */
  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *address_row;
  GtkWidget *name_error;
  GtkWidget *email_error;
  GtkWidget *phone_error;
  GtkWidget *address_error;
  GtkWidget *name_error_icon;
  GtkWidget *email_error_icon;
  GtkWidget *phone_error_icon;
  GtkWidget *address_error_icon;
  GtkLabel *general_error;
  GtkSpinner *spinner;
  GtkButton *book_button;

  /* Owned */
  CpClient *client;
  GCancellable *cancellable;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (CpBookingPage, cp_booking_page, ADW_TYPE_BIN)

enum {
  CUSTOMER_BOOKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  FIELD_NAME,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_ADDRESS,
  N_FIELDS
} Field;

static void
field_widgets (CpBookingPage *self,
               Field          field,
               AdwEntryRow  **row,
               GtkWidget    **label,
               GtkWidget    **icon)
{
  switch (field)
    {
    case FIELD_NAME:
      *row = self->name_row, *label = self->name_error, *icon = self->name_error_icon;
      break;
    case FIELD_EMAIL:
      *row = self->email_row, *label = self->email_error, *icon = self->email_error_icon;
      break;
    case FIELD_PHONE:
      *row = self->phone_row, *label = self->phone_error, *icon = self->phone_error_icon;
      break;
    case FIELD_ADDRESS:
      *row = self->address_row, *label = self->address_error, *icon = self->address_error_icon;
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Marks one field as wrong (or right, with a %NULL message): the row turns
 * red with a warning icon, the message is written under the form and told to
 * assistive technology as the row's description. */
static void
set_field_error (CpBookingPage *self,
                 Field          field,
                 const char    *message)
{
  AdwEntryRow *row;
  GtkWidget *label, *icon;

  field_widgets (self, field, &row, &label, &icon);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_label_set_text (GTK_LABEL (label), message);
      gtk_widget_set_tooltip_text (icon, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_label_set_text (GTK_LABEL (label), "");
      gtk_widget_set_tooltip_text (icon, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (label, message != NULL);
  gtk_widget_set_visible (icon, message != NULL);
}

static void
clear_errors (CpBookingPage *self)
{
  for (Field f = 0; f < N_FIELDS; f++)
    set_field_error (self, f, NULL);
  gtk_label_set_text (self->general_error, "");
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
email_looks_valid (const char *email)
{
  return g_regex_match_simple ("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$", email, 0, 0);
}

static gboolean
phone_looks_valid (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+-(). ", *p) == NULL)
        return FALSE;
    }
  return digits >= 7 && digits <= 15;
}

/* Checks the form as the office would before saving; returns the first wrong
 * field, or N_FIELDS when all are fine. */
static Field
validate (CpBookingPage *self)
{
  g_autofree char *name = dup_trimmed (self->name_row);
  g_autofree char *email = dup_trimmed (self->email_row);
  g_autofree char *phone = dup_trimmed (self->phone_row);
  g_autofree char *address = dup_trimmed (self->address_row);
  Field first = N_FIELDS;

  clear_errors (self);

  if (*name == '\0')
    {
      set_field_error (self, FIELD_NAME, _("Enter the customer’s name."));
      first = MIN (first, FIELD_NAME);
    }
  if (*email == '\0')
    {
      set_field_error (self, FIELD_EMAIL,
                       _("Enter an email address: the customer needs it to request an invitation."));
      first = MIN (first, FIELD_EMAIL);
    }
  else if (!email_looks_valid (email))
    {
      set_field_error (self, FIELD_EMAIL, _("Enter an email address such as name@example.com."));
      first = MIN (first, FIELD_EMAIL);
    }
  if (*phone == '\0')
    {
      set_field_error (self, FIELD_PHONE, _("Enter a phone number."));
      first = MIN (first, FIELD_PHONE);
    }
  else if (!phone_looks_valid (phone))
    {
      set_field_error (self, FIELD_PHONE,
                       _("Enter a phone number of 7 to 15 digits; spaces, dashes, dots, brackets and + are fine."));
      first = MIN (first, FIELD_PHONE);
    }
  if (*address == '\0')
    {
      set_field_error (self, FIELD_ADDRESS, _("Enter the address where the service takes place."));
      first = MIN (first, FIELD_ADDRESS);
    }

  return first;
}

static void
set_busy (CpBookingPage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* The fields stay as they are: making a focused entry insensitive loses
   * its focus-out in GTK 4.8; only booking again is prevented. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", !busy && self->client != NULL);
}

static Field
field_from_name (const char *name)
{
  if (g_strcmp0 (name, "name") == 0)
    return FIELD_NAME;
  if (g_strcmp0 (name, "email") == 0)
    return FIELD_EMAIL;
  if (g_strcmp0 (name, "phone") == 0)
    return FIELD_PHONE;
  if (g_strcmp0 (name, "address") == 0)
    return FIELD_ADDRESS;
  return N_FIELDS;
}

static void
focus_field (CpBookingPage *self,
             Field          field)
{
  AdwEntryRow *row;
  GtkWidget *label, *icon;

  field_widgets (self, field, &row, &label, &icon);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
create_customer_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CpBookingPage *self;
  g_autoptr(CpCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled means the page is gone: touch nothing. */
  customer = cp_client_create_customer_finish (CP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CP_BOOKING_PAGE (user_data);

  set_busy (self, FALSE);

  if (error != NULL)
    {
      Field field = N_FIELDS;

      if (g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_CONFLICT))
        {
          field = FIELD_EMAIL;
          set_field_error (self, FIELD_EMAIL,
                           _("A customer with this email address already exists. Search for them under Customers."));
        }
      else if (g_error_matches (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_INVALID_REQUEST)
               && (field = field_from_name (cp_client_error_get_field (error))) != N_FIELDS)
        {
          set_field_error (self, field, error->message);
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_("Could not book the customer: %s"),
                                                   error->message);

          gtk_label_set_text (self->general_error, text);
          gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
        }

      if (field != N_FIELDS)
        focus_field (self, field);
      return;
    }

  g_signal_emit (self, signals[CUSTOMER_BOOKED], 0, customer);
  cp_booking_page_reset (self);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpBookingPage *self = CP_BOOKING_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  Field wrong;

  if (self->busy || self->client == NULL)
    return;

  wrong = validate (self);
  if (wrong != N_FIELDS)
    {
      focus_field (self, wrong);
      return;
    }

  name = dup_trimmed (self->name_row);
  email = dup_trimmed (self->email_row);
  phone = dup_trimmed (self->phone_row);
  address = dup_trimmed (self->address_row);

  set_busy (self, TRUE);
  cp_client_create_customer_async (self->client, name, email, phone, address,
                                   self->cancellable, create_customer_cb, self);
}

static void
field_changed_cb (CpBookingPage *self,
                  GtkEditable   *editable)
{
  /* A corrected field stops being red as soon as it is edited. */
  for (Field f = 0; f < N_FIELDS; f++)
    {
      AdwEntryRow *row;
      GtkWidget *label, *icon;

      field_widgets (self, f, &row, &label, &icon);
      if ((GtkEditable *) row == editable && gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
        set_field_error (self, f, NULL);
    }
}

static void
entry_activated_cb (CpBookingPage *self,
                    AdwEntryRow   *row)
{
  /* Enter moves on to the next field, and books from the last one. */
  if (row == self->name_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else if (row == self->email_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->phone_row));
  else if (row == self->phone_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "booking.book", NULL);
}

/**
 * cp_booking_page_reset:
 *
 * Empties the form for the next call.
 */
void
cp_booking_page_reset (CpBookingPage *self)
{
  g_return_if_fail (CP_IS_BOOKING_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "");
  clear_errors (self);
}

void
cp_booking_page_set_client (CpBookingPage *self,
                            CpClient      *client)
{
  g_return_if_fail (CP_IS_BOOKING_PAGE (self));
  g_return_if_fail (client == NULL || CP_IS_CLIENT (client));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->client, client);
  set_busy (self, FALSE);
}

CpBookingPage *
cp_booking_page_new (void)
{
  return g_object_new (CP_TYPE_BOOKING_PAGE, NULL);
}

static void
cp_booking_page_dispose (GObject *object)
{
  CpBookingPage *self = CP_BOOKING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cp_booking_page_parent_class)->dispose (object);
}

static void
cp_booking_page_class_init (CpBookingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_booking_page_dispose;

  /**
   * CpBookingPage::customer-booked:
   * @customer: the new customer record as the server created it
   */
  signals[CUSTOMER_BOOKED] =
    g_signal_new ("customer-booked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CP_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staff/cp-booking-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, name_error);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, email_error);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, address_error);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, name_error_icon);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, email_error_icon);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, phone_error_icon);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, address_error_icon);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, general_error);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpBookingPage, book_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);
}

static void
cp_booking_page_init (CpBookingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", FALSE);
}
