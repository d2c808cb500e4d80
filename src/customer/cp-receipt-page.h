/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CP_TYPE_RECEIPT_PAGE (cp_receipt_page_get_type ())

G_DECLARE_FINAL_TYPE (CpReceiptPage, cp_receipt_page, CP, RECEIPT_PAGE, AdwBin)

GtkWidget  *cp_receipt_page_new                (void);
void        cp_receipt_page_set_receipt        (CpReceiptPage *self,
                                                const char    *company_name,
                                                const char    *receipt_number,
                                                const char    *amount,
                                                const char    *card,
                                                const char    *invoices,
                                                const char    *date);
void        cp_receipt_page_set_description    (CpReceiptPage *self,
                                                const char    *description);
const char *cp_receipt_page_get_receipt_number (CpReceiptPage *self);
gboolean    cp_receipt_page_export_pdf         (CpReceiptPage *self,
                                                const char    *path,
                                                GError       **error);

G_END_DECLS
