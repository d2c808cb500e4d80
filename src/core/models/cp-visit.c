/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "cp-visit-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"
/* 100,000 of these can be loaded: the strings of a visit live in one
 * block (strings), each field pointing into it, so that a visit costs one
 * allocation for its text instead of eight. */
struct _CpVisit
{
  GObject parent_instance;

  char *strings;
  const char *id;
  GDateTime *date;
  const char *date_text;
  const char *job_number;
  const char *job_type;
  const char *summary;
  const char *technician;
  const char *status;
  const char *invoice_id;
};

G_DEFINE_FINAL_TYPE (CpVisit, cp_visit, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_DATE,
  PROP_DATE_TEXT,
  PROP_JOB_NUMBER,
  PROP_JOB_TYPE,
  PROP_SUMMARY,
  PROP_TECHNICIAN,
  PROP_STATUS,
  PROP_INVOICE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_visit_finalize (GObject *object)
{
  CpVisit *self = (CpVisit *) object;

  g_free (self->strings);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (cp_visit_parent_class)->finalize (object);
}

static void
cp_visit_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CpVisit *self = (CpVisit *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_DATE_TEXT:
      g_value_set_string (value, self->date_text);
      break;

    case PROP_JOB_NUMBER:
      g_value_set_string (value, self->job_number);
      break;

    case PROP_JOB_TYPE:
      g_value_set_string (value, self->job_type);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_TECHNICIAN:
      g_value_set_string (value, self->technician);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_INVOICE_ID:
      g_value_set_string (value, self->invoice_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_visit_class_init (CpVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_visit_finalize;
  object_class->get_property = cp_visit_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE_TEXT] =
    g_param_spec_string ("date-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB_NUMBER] =
    g_param_spec_string ("job-number", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB_TYPE] =
    g_param_spec_string ("job-type", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TECHNICIAN] =
    g_param_spec_string ("technician", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVOICE_ID] =
    g_param_spec_string ("invoice-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_visit_init (CpVisit *self)
{
}

const char *
cp_visit_get_id (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->id;
}

GDateTime *
cp_visit_get_date (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->date;
}

const char *
cp_visit_get_date_text (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->date_text;
}

const char *
cp_visit_get_job_number (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->job_number;
}

const char *
cp_visit_get_job_type (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->job_type;
}

const char *
cp_visit_get_summary (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->summary;
}

const char *
cp_visit_get_technician (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->technician;
}

const char *
cp_visit_get_status (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->status;
}

const char *
cp_visit_get_invoice_id (CpVisit *self)
{
  g_return_val_if_fail (CP_IS_VISIT (self), NULL);
  return self->invoice_id;
}

/* Builds the model from one reply object, checking every member. */
CpVisit *
cp_visit_new_from_json (JsonObject  *object,
                        GError     **error)
{
  g_autoptr(CpVisit) self = g_object_new (CP_TYPE_VISIT, NULL);
  /* Parsed one by one, then packed into self->strings in this order. */
  enum { ID, DATE_TEXT, JOB_NUMBER, JOB_TYPE, SUMMARY, TECHNICIAN, STATUS, INVOICE_ID, N };
  char *text[N] = { NULL };
  const char **fields[N] = {
    &self->id, &self->date_text, &self->job_number, &self->job_type, &self->summary,
    &self->technician, &self->status, &self->invoice_id,
  };
  gboolean ok;
  gsize size = 0;
  char *p;

  ok = cp_json_get_id (object, "id", FALSE, &text[ID], error)
       && cp_json_get_date (object, "date", &self->date, error)
       && cp_json_get_string (object, "job_number", FALSE, &text[JOB_NUMBER], error)
       && cp_json_get_string (object, "job_type", FALSE, &text[JOB_TYPE], error)
       && cp_json_get_string (object, "summary", TRUE, &text[SUMMARY], error)
       && cp_json_get_string (object, "technician", TRUE, &text[TECHNICIAN], error)
       && cp_json_get_string (object, "status", FALSE, &text[STATUS], error)
       && (!json_object_has_member (object, "invoice_id")
           || cp_json_get_id (object, "invoice_id", TRUE, &text[INVOICE_ID], error));
  if (ok)
    {
      text[DATE_TEXT] = cp_format_date (self->date);
      for (guint i = 0; i < N; i++)
        if (text[i] != NULL)
          size += strlen (text[i]) + 1;
      p = self->strings = g_malloc (MAX (size, 1));
      for (guint i = 0; i < N; i++)
        if (text[i] != NULL)
          {
            gsize len = strlen (text[i]) + 1;

            memcpy (p, text[i], len);
            *fields[i] = p;
            p += len;
          }
    }
  for (guint i = 0; i < N; i++)
    g_free (text[i]);

  return ok ? g_steal_pointer (&self) : NULL;
}

gpointer
cp_visit_parse (JsonObject  *object,
                GError     **error)
{
  return cp_visit_new_from_json (object, error);
}
