/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-money.h"
#include "cp-types.h"

G_BEGIN_DECLS

#define CP_TYPE_INVOICE (cp_invoice_get_type ())

G_DECLARE_FINAL_TYPE (CpInvoice, cp_invoice, CP, INVOICE, GObject)

/*
 * An invoice. Properties: id, number, issued-on, due-on (#GDateTime at local
 * midnight of the calendar date), issued-on-text, due-on-text, total and
 * balance (#CpMoney), total-text, balance-text, status (#CpInvoiceStatus),
 * summary.
 */
const char      *cp_invoice_get_id             (CpInvoice *self);
const char      *cp_invoice_get_number         (CpInvoice *self);
GDateTime       *cp_invoice_get_issued_on      (CpInvoice *self);
GDateTime       *cp_invoice_get_due_on         (CpInvoice *self);
const char      *cp_invoice_get_issued_on_text (CpInvoice *self);
const char      *cp_invoice_get_due_on_text    (CpInvoice *self);
gboolean         cp_invoice_is_overdue         (CpInvoice *self,
                                                GDateTime *now);
const CpMoney   *cp_invoice_get_total          (CpInvoice *self);
const CpMoney   *cp_invoice_get_balance        (CpInvoice *self);
const char      *cp_invoice_get_total_text     (CpInvoice *self);
const char      *cp_invoice_get_balance_text   (CpInvoice *self);
const CpMoney   *cp_invoice_get_pending        (CpInvoice *self);
const char      *cp_invoice_get_pending_text   (CpInvoice *self);
CpInvoiceStatus  cp_invoice_get_status         (CpInvoice *self);
const char      *cp_invoice_get_summary        (CpInvoice *self);

G_END_DECLS
