/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_PAYMENT_METHODS_REPORT (cp_payment_methods_report_get_type ())

G_DECLARE_FINAL_TYPE (CpPaymentMethodsReport, cp_payment_methods_report, CP,
                      PAYMENT_METHODS_REPORT, CpPage)

CpPaymentMethodsReport *cp_payment_methods_report_new        (void);
GListModel *cp_payment_methods_report_get_items              (CpPaymentMethodsReport *self);
void        cp_payment_methods_report_set_filter             (CpPaymentMethodsReport *self,
                                                              CpExpiryFilter          filter,
                                                              guint                   within_days,
                                                              const char             *type);
void        cp_payment_methods_report_export_async           (CpPaymentMethodsReport *self,
                                                              GFile                  *file,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean    cp_payment_methods_report_export_finish          (CpPaymentMethodsReport *self,
                                                              GAsyncResult           *result,
                                                              guint                  *n_rows,
                                                              GError                **error);

G_END_DECLS
