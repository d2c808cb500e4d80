/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-visit-row.h"

/*
 * One service visit in the history list: job type, summary, job number
 * and technician on the left, date and a status badge on the right. Every
 * label is one line, so that every row has the same height and binding
 * one lays out each label once (a wrapping summary cost several Pango
 * layouts per row and page); the whole summary is in its tooltip, made
 * only when asked for. The list view recycles rows:
 * cp_visit_row_set_visit() fills one again, and its description is what
 * the row's list item is named for a screen reader (GTK 4.8 gives list
 * items no name of their own).
 */
struct _CpVisitRow
{
  GtkBox parent_instance;

  /* Template children */
  GtkLabel *job_type_label;
  GtkLabel *summary_label;
  GtkLabel *meta_label;
  GtkLabel *date_label;
  GtkLabel *status_label;

  /* Owned */
  char *description;
};

G_DEFINE_FINAL_TYPE (CpVisitRow, cp_visit_row, GTK_TYPE_BOX)

static const char *
status_display (const char *status)
{
  if (g_strcmp0 (status, "completed") == 0)
    return _("Completed");
  if (g_strcmp0 (status, "scheduled") == 0)
    return _("Scheduled");
  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "canceled") == 0)
    return _("Cancelled");
  if (g_strcmp0 (status, "in_progress") == 0)
    return _("In Progress");
  return status != NULL ? status : "";
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    on)
{
  if (on == gtk_widget_has_css_class (widget, css_class))
    return;
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* The whole summary, when it did not fit. */
static gboolean
summary_tooltip_cb (CpVisitRow *self,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip)
{
  PangoLayout *layout = gtk_label_get_layout (self->summary_label);
  const char *text = gtk_label_get_text (self->summary_label);

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (layout))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cp_visit_row_finalize (GObject *object)
{
  g_free (CP_VISIT_ROW (object)->description);

  G_OBJECT_CLASS (cp_visit_row_parent_class)->finalize (object);
}

static void
cp_visit_row_class_init (CpVisitRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cp_visit_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-visit-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CpVisitRow, job_type_label);
  gtk_widget_class_bind_template_child (widget_class, CpVisitRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CpVisitRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CpVisitRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, CpVisitRow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, summary_tooltip_cb);
}

static void
cp_visit_row_init (CpVisitRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cp_visit_row_new (void)
{
  return g_object_new (CP_TYPE_VISIT_ROW, NULL);
}

/**
 * cp_visit_row_set_visit:
 *
 * Shows @visit in the row.
 */
void
cp_visit_row_set_visit (CpVisitRow *self,
                        CpVisit    *visit)
{
  const char *status;
  const char *status_text;
  g_autofree char *meta = NULL;

  g_return_if_fail (CP_IS_VISIT_ROW (self));
  g_return_if_fail (CP_IS_VISIT (visit));

  status = cp_visit_get_status (visit);
  status_text = status_display (status);
  /* Translators: a job number, then the technician's name. */
  meta = g_strdup_printf (_("%s · %s"), cp_visit_get_job_number (visit),
                          cp_visit_get_technician (visit));

  gtk_label_set_text (self->job_type_label, cp_visit_get_job_type (visit));
  gtk_label_set_text (self->summary_label, cp_visit_get_summary (visit));
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->date_label, cp_visit_get_date_text (visit));
  gtk_label_set_text (self->status_label, status_text);

  /* Only what changes: each class added or removed has GTK compute the
   * badge's style again, and a recycled row mostly keeps its class. */
  set_css_class (GTK_WIDGET (self->status_label), "success",
                 g_strcmp0 (status, "completed") == 0);
  set_css_class (GTK_WIDGET (self->status_label), "accent",
                 g_strcmp0 (status, "scheduled") == 0);

  g_free (self->description);
  /* Translators: date, job type, summary, technician, status of a visit. */
  self->description = g_strdup_printf (_("%s, %s: %s Technician %s, %s"),
                                       cp_visit_get_date_text (visit),
                                       cp_visit_get_job_type (visit),
                                       cp_visit_get_summary (visit),
                                       cp_visit_get_technician (visit), status_text);
}

/**
 * cp_visit_row_get_description:
 *
 * Returns: (nullable): the visit in one sentence, for a screen reader
 */
const char *
cp_visit_row_get_description (CpVisitRow *self)
{
  g_return_val_if_fail (CP_IS_VISIT_ROW (self), NULL);

  return self->description;
}
