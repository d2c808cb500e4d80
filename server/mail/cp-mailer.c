/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "cp-mailer.h"
#include "store/cp-clock.h"

struct _CpMailer
{
  char *dir;
  char *from;
};

CpMailer *
cp_mailer_new (const char *dir,
               const char *from)
{
  CpMailer *self = g_new0 (CpMailer, 1);

  self->dir = g_strdup (dir);
  self->from = g_strdup (from);
  return self;
}

void
cp_mailer_free (CpMailer *self)
{
  if (self == NULL)
    return;
  g_free (self->dir);
  g_free (self->from);
  g_free (self);
}

/* Header values come from our own code and from validated addresses, but a
 * line break in one would forge headers: refuse it. */
static gboolean
header_safe (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

/**
 * cp_mailer_send:
 *
 * Writes the message atomically (a temporary name first, then a rename), so
 * a reader never sees half a message. Logs the file name only: the body
 * holds secrets such as verification codes.
 */
gboolean
cp_mailer_send (CpMailer    *self,
                const char  *to,
                const char  *subject,
                const char  *body,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (cp_now ());
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S +0000");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_auto(GStrv) lines = NULL;
  guint32 random = randombytes_random ();

  if (!header_safe (to) || !header_safe (subject))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Refusing a mail header with a line break");
      return FALSE;
    }

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create the mail folder %s: %s", self->dir, g_strerror (errno));
      return FALSE;
    }

  g_string_append_printf (message, "Date: %s\r\n", date);
  g_string_append_printf (message, "From: %s\r\n", self->from);
  g_string_append_printf (message, "To: %s\r\n", to);
  g_string_append_printf (message, "Subject: %s\r\n", subject);
  g_string_append_printf (message, "Message-ID: <%" G_GINT64_FORMAT ".%08x@customer-portal>\r\n",
                          g_get_real_time (), random);
  g_string_append (message, "MIME-Version: 1.0\r\n");
  g_string_append (message, "Content-Type: text/plain; charset=utf-8\r\n");
  g_string_append (message, "Content-Transfer-Encoding: 8bit\r\n\r\n");
  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (message, "%s\r\n", lines[i]);

  name = g_strdup_printf ("%013" G_GINT64_FORMAT "-%08x.eml", g_get_real_time () / 1000, random);
  path = g_build_filename (self->dir, name, NULL);
  tmp = g_strconcat (path, ".part", NULL);
  if (!g_file_set_contents_full (tmp, message->str, (gssize) message->len,
                                 G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      sodium_memzero (message->str, message->len);
      return FALSE;
    }
  sodium_memzero (message->str, message->len);
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot rename %s: %s", tmp, g_strerror (errno));
      g_unlink (tmp);
      return FALSE;
    }

  g_message ("Mail written to %s", path);
  return TRUE;
}

/**
 * cp_mail_method_label:
 * @type: "card" or "bank_account"
 *
 * Returns: "Visa •••• 4242" or "Bank account •••• 6789": all of a payment
 *   method that a mail (or the AutoPay consent) ever shows
 */
char *
cp_mail_method_label (const char *type,
                      const char *brand,
                      const char *last4)
{
  static const struct { const char *brand, *name; } names[] = {
    { "visa", "Visa" }, { "mastercard", "Mastercard" }, { "amex", "American Express" },
    { "discover", "Discover" }, { "jcb", "JCB" }, { "diners", "Diners Club" },
    { "unionpay", "UnionPay" }, { "bank_account", "Bank account" },
  };
  const char *name = brand;

  if (g_strcmp0 (type, "bank_account") == 0)
    name = "Bank account";
  else
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_strcmp0 (brand, names[i].brand) == 0)
        name = names[i].name;
  return g_strdup_printf ("%s •••• %s", name, last4);
}

/* "$245.00" for dollars, "245.00 EUR" for another currency. */
char *
cp_mail_format_money (gint64      amount,
                      const char *currency)
{
  const char *sign = amount < 0 ? "-" : "";
  guint64 value = (guint64) (amount < 0 ? -amount : amount);

  if (currency == NULL || g_str_equal (currency, "USD"))
    return g_strdup_printf ("%s$%" G_GUINT64_FORMAT ".%02u", sign, value / 100,
                            (guint) (value % 100));
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u %s", sign, value / 100,
                          (guint) (value % 100), currency);
}

/* The lines both mails have: what, how much, with what, when. */
static void
append_payment_lines (GString             *body,
                      const CpPaymentMail *mail,
                      gboolean             with_receipt)
{
  g_autofree char *amount = cp_mail_format_money (mail->amount, mail->currency);
  g_autofree char *method = cp_mail_method_label (mail->method_type, mail->brand, mail->last4);
  g_autofree char *date = cp_format_date (mail->at);

  if (with_receipt)
    g_string_append_printf (body, "    Receipt number:  %s\n", mail->receipt_number);
  g_string_append_printf (body, "    Invoice:         %s\n", mail->invoice_number);
  g_string_append_printf (body, "    Amount:          %s\n", amount);
  g_string_append_printf (body, "    Payment method:  %s\n", method);
  g_string_append_printf (body, "    Date:            %s\n\n", date);
}

/**
 * cp_mailer_send_autopay_receipt:
 * @to: the customer's email
 *
 * "Receipt for your payment": what AutoPay paid. The payment method appears
 * only as brand and last four digits; @mail holds nothing more of it.
 */
gboolean
cp_mailer_send_autopay_receipt (CpMailer             *self,
                                const char           *to,
                                const CpPaymentMail  *mail,
                                GError              **error)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "Hello %s,\n\n", mail->customer_name);
  g_string_append_printf (body, "AutoPay paid invoice %s, due on %s. Thank you!\n\n",
                          mail->invoice_number, mail->due_on);
  append_payment_lines (body, mail, TRUE);
  g_string_append (body, "You can see this payment in the Customer Portal app. To stop automatic"
                         " payments, turn AutoPay off in the app or call the office.\n\n");
  g_string_append_printf (body, "%s\n", mail->company);
  return cp_mailer_send (self, to, "Receipt for your payment", body->str, error);
}

/**
 * cp_mailer_send_autopay_declined:
 * @to: the customer's email
 *
 * "Your automatic payment was declined": which invoice, how much, with
 * what, why (the processor's message), and what to do now.
 */
gboolean
cp_mailer_send_autopay_declined (CpMailer             *self,
                                 const char           *to,
                                 const CpPaymentMail  *mail,
                                 GError              **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *method = cp_mail_method_label (mail->method_type, mail->brand, mail->last4);

  g_string_append_printf (body, "Hello %s,\n\n", mail->customer_name);
  g_string_append_printf (body, "AutoPay tried to pay invoice %s, due on %s, but the payment"
                                " was declined: %s\n\n", mail->invoice_number, mail->due_on,
                          mail->failure_message && *mail->failure_message
                          ? mail->failure_message : "The payment was declined.");
  append_payment_lines (body, mail, FALSE);
  g_string_append_printf (body, "Nothing was charged, and AutoPay will not try this invoice again."
                                " Please pay it in the Customer Portal app (with %s once your bank"
                                " has cleared it, or with another payment method), or call the"
                                " office. So that AutoPay can pay your next invoices, check %s"
                                " with your bank or choose another payment method for AutoPay"
                                " in the app.\n\n", method, method);
  g_string_append_printf (body, "%s\n", mail->company);
  return cp_mailer_send (self, to, "Your automatic payment was declined", body->str, error);
}
