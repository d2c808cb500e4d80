/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Sends" mail by writing one RFC 5322 file per message into a folder,
 * named `<unix-ms>-<random>.eml` so that names sort by time. */
typedef struct _CpMailer CpMailer;

CpMailer *cp_mailer_new   (const char  *dir,
                           const char  *from);
void      cp_mailer_free  (CpMailer    *self);
gboolean  cp_mailer_send  (CpMailer    *self,
                           const char  *to,
                           const char  *subject,
                           const char  *body,
                           GError     **error);

/* What a payment mail says: never more of the method than brand and last 4. */
typedef struct
{
  const char *company;
  const char *customer_name;
  const char *receipt_number;
  gint64 amount;                   /* minor units */
  const char *currency;
  const char *invoice_number;
  const char *due_on;              /* the invoice's due date, YYYY-MM-DD */
  const char *method_type;         /* "card" or "bank_account" */
  const char *brand;
  const char *last4;
  gint64 at;                       /* the payment's date, Unix seconds */
  const char *failure_message;     /* declined: the processor's reason */
} CpPaymentMail;

gboolean  cp_mailer_send_autopay_receipt  (CpMailer             *self,
                                           const char           *to,
                                           const CpPaymentMail  *mail,
                                           GError              **error);
gboolean  cp_mailer_send_autopay_declined (CpMailer             *self,
                                           const char           *to,
                                           const CpPaymentMail  *mail,
                                           GError              **error);

char     *cp_mail_method_label  (const char  *type,
                                 const char  *brand,
                                 const char  *last4) G_GNUC_WARN_UNUSED_RESULT;
char     *cp_mail_format_money  (gint64       amount,
                                 const char  *currency) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
