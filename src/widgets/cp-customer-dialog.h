/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-client.h"

G_BEGIN_DECLS

#define CP_TYPE_CUSTOMER_DIALOG (cp_customer_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (CpCustomerDialog, cp_customer_dialog, CP, CUSTOMER_DIALOG, AdwWindow)

/**
 * CpCustomerDialogClass:
 *
 * A dialog about one customer (Add New Card, Pay, the card history): made
 * with its client and the customer's id (construct-only "client" and
 * "customer-id"), its requests under cp_customer_dialog_get_cancellable(),
 * which is cancelled when the dialog goes away (and earlier where the
 * dialog says so), so that a late reply touches nothing.
 */
struct _CpCustomerDialogClass
{
  AdwWindowClass parent_class;

  /* For a dialog that holds digits (a card's, a bank account's): wipes
   * them. Called, after the dialog's requests are cancelled, when it is
   * asked to close and when it leaves the screen, whoever closes it
   * (gtk_window_destroy() unmaps at once but disposes only with the last
   * reference). */
  void (*wipe) (CpCustomerDialog *self);

  /*< private >*/
  gpointer padding[3];
};

CpClient     *cp_customer_dialog_get_client      (CpCustomerDialog *self);
const char   *cp_customer_dialog_get_customer_id (CpCustomerDialog *self);
GCancellable *cp_customer_dialog_get_cancellable (CpCustomerDialog *self);
gboolean      cp_customer_dialog_get_office      (CpCustomerDialog *self);

/* For the dialogs that take a card's or a bank account's digits. */
void          cp_customer_dialog_protect_entry   (CpCustomerDialog *self,
                                                  GtkEditable      *row);
void          cp_customer_dialog_wipe_entry      (CpCustomerDialog *self,
                                                  GtkEditable      *row);

G_END_DECLS
