/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* CSV (RFC 4180): fields separated by commas, records by CRLF; a field
 * with a comma, a quote, CR or LF is quoted and its quotes doubled. A field
 * a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * CR) is prefixed with an apostrophe, so that a customer's name can never
 * become one. */
void   cp_csv_append_field          (GString    *csv,
                                     const char *field,
                                     gboolean    first);
void   cp_csv_append_record         (GString    *csv,
                                     const char * const *fields,
                                     guint       n_fields);

/* The office's Saved Payment Methods report as CSV: a header record, then
 * one record per #CpCard of @cards in their order. Dates are calendar dates
 * (UTC, YYYY-MM-DD); never more of a number than its last four digits. */
char  *cp_csv_saved_payment_methods (GListModel *cards) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
