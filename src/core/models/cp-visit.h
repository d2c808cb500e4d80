/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CP_TYPE_VISIT (cp_visit_get_type ())

G_DECLARE_FINAL_TYPE (CpVisit, cp_visit, CP, VISIT, GObject)

/*
 * One service visit (service history). Properties: id, date (#GDateTime),
 * date-text (local, for display), job-number, job-type, summary,
 * technician, status, invoice-id (nullable).
 */
const char *cp_visit_get_id          (CpVisit *self);
GDateTime  *cp_visit_get_date        (CpVisit *self);
const char *cp_visit_get_date_text   (CpVisit *self);
const char *cp_visit_get_job_number  (CpVisit *self);
const char *cp_visit_get_job_type    (CpVisit *self);
const char *cp_visit_get_summary     (CpVisit *self);
const char *cp_visit_get_technician  (CpVisit *self);
const char *cp_visit_get_status      (CpVisit *self);
const char *cp_visit_get_invoice_id  (CpVisit *self);

G_END_DECLS
