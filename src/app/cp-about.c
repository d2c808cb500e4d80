/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include "cp-about.h"

/* libadwaita 1.2 has no adw_about_window_new_from_appdata() (it came in 1.5),
 * so this reads the AppStream metainfo bundled as a resource: the file that
 * software centres show, already translated by i18n.merge_file, so the About
 * window and the store page never disagree.
 *
 * In a merged metainfo file each translatable element is followed by its
 * translations, siblings with xml:lang. For each element we keep the variant
 * whose language ranks best in g_get_language_names(). */

typedef struct
{
  char *text;
  int rank;                    /* place in the language list; lower is better */
} Localized;

typedef struct
{
  const char *tag;             /* "p", "ul" or "ol" (the list an <li> is in) */
  Localized text;
} Note;

typedef struct
{
  const char * const *languages;

  /* The element being read */
  GString *text;
  int rank;                    /* -1: a language the user does not read */
  gboolean untranslated;
  char *url_type;
  gboolean in_first_release;
  guint releases_seen;

  /* What we keep */
  Localized name;
  Localized summary;
  Localized developer_name;
  char *license;
  char *homepage;
  char *bugtracker;
  char *help;
  char *release_version;
  GPtrArray *notes;            /* of Note */
} Metainfo;

static void
note_free (gpointer data)
{
  Note *note = data;

  g_free (note->text.text);
  g_free (note);
}

static void
metainfo_clear (Metainfo *m)
{
  g_string_free (m->text, TRUE);
  g_free (m->url_type);
  g_free (m->name.text);
  g_free (m->summary.text);
  g_free (m->developer_name.text);
  g_free (m->license);
  g_free (m->homepage);
  g_free (m->bugtracker);
  g_free (m->help);
  g_free (m->release_version);
  g_ptr_array_unref (m->notes);
}

/* Where @lang stands among the user's languages (0 is the first choice).
 * Untranslated text counts as "C", which ends every list. -1: unwanted. */
static int
language_rank (const char * const *languages,
               const char         *lang)
{
  int i;

  if (lang == NULL)
    lang = "C";

  for (i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], lang) == 0)
      return i;

  return g_strcmp0 (lang, "C") == 0 ? i : -1;
}

static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
offer (Localized  *slot,
       const char *text,
       int         rank)
{
  if (rank < 0 || (slot->text != NULL && rank >= slot->rank))
    return;

  g_free (slot->text);
  slot->text = collapse_spaces (text);
  slot->rank = rank;
}

static void
take_str (char **slot,
          char  *value)
{
  g_free (*slot);
  *slot = value;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *wanted)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], wanted) == 0)
      return values[i];

  return NULL;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  Metainfo *m = user_data;
  const char *lang;

  /* Inline markup inside a paragraph: keep its text with the paragraph's. */
  if (g_strcmp0 (element, "em") == 0 || g_strcmp0 (element, "code") == 0)
    return;

  lang = attribute (names, values, "xml:lang");
  g_string_truncate (m->text, 0);
  m->rank = language_rank (m->languages, lang);
  m->untranslated = lang == NULL;

  if (g_strcmp0 (element, "url") == 0)
    {
      g_free (m->url_type);
      m->url_type = g_strdup (attribute (names, values, "type"));
    }
  else if (g_strcmp0 (element, "release") == 0)
    {
      m->releases_seen++;
      m->in_first_release = m->releases_seen == 1;
      if (m->in_first_release)
        m->release_version = g_strdup (attribute (names, values, "version"));
    }
}

static void
add_note (Metainfo   *m,
          const char *tag)
{
  Note *last = m->notes->len > 0 ? g_ptr_array_index (m->notes, m->notes->len - 1) : NULL;

  if (m->untranslated)
    {
      Note *note = g_new0 (Note, 1);

      note->tag = tag;
      offer (&note->text, m->text->str, m->rank);
      g_ptr_array_add (m->notes, note);
    }
  else if (last != NULL && last->tag == tag)
    {
      offer (&last->text, m->text->str, m->rank);
    }
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  Metainfo *m = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next != NULL ? stack->next->data : NULL;

  if (g_strcmp0 (parent, "component") == 0)
    {
      if (g_strcmp0 (element, "name") == 0)
        offer (&m->name, m->text->str, m->rank);
      else if (g_strcmp0 (element, "summary") == 0)
        offer (&m->summary, m->text->str, m->rank);
      else if (g_strcmp0 (element, "project_license") == 0)
        take_str (&m->license, collapse_spaces (m->text->str));
      else if (g_strcmp0 (element, "url") == 0 && g_strcmp0 (m->url_type, "homepage") == 0)
        take_str (&m->homepage, collapse_spaces (m->text->str));
      else if (g_strcmp0 (element, "url") == 0 && g_strcmp0 (m->url_type, "bugtracker") == 0)
        take_str (&m->bugtracker, collapse_spaces (m->text->str));
      else if (g_strcmp0 (element, "url") == 0 && g_strcmp0 (m->url_type, "help") == 0)
        take_str (&m->help, collapse_spaces (m->text->str));
    }
  else if (g_strcmp0 (parent, "developer") == 0 && g_strcmp0 (element, "name") == 0)
    {
      /* <developer id="…"><name>, which replaced <developer_name>. */
      offer (&m->developer_name, m->text->str, m->rank);
    }
  else if (m->in_first_release && g_strcmp0 (element, "p") == 0)
    {
      add_note (m, "p");
    }
  else if (m->in_first_release && g_strcmp0 (element, "li") == 0)
    {
      add_note (m, g_strcmp0 (parent, "ol") == 0 ? "ol" : "ul");
    }
  else if (g_strcmp0 (element, "release") == 0)
    {
      m->in_first_release = FALSE;
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  Metainfo *m = user_data;

  g_string_append_len (m->text, text, len);
}

/* The release notes in the markup AdwAboutWindow takes: <p>, <ul>, <ol>, <li>. */
static char *
release_notes_markup (GPtrArray *notes)
{
  GString *out = g_string_new (NULL);
  const char *open_list = NULL;

  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = g_ptr_array_index (notes, i);
      g_autofree char *escaped = g_markup_escape_text (note->text.text, -1);
      gboolean is_item = g_strcmp0 (note->tag, "p") != 0;

      if (open_list != NULL && (!is_item || g_strcmp0 (open_list, note->tag) != 0))
        {
          g_string_append_printf (out, "</%s>", open_list);
          open_list = NULL;
        }

      if (!is_item)
        {
          g_string_append_printf (out, "<p>%s</p>", escaped);
          continue;
        }

      if (open_list == NULL)
        {
          open_list = note->tag;
          g_string_append_printf (out, "<%s>", open_list);
        }
      g_string_append_printf (out, "<li>%s</li>", escaped);
    }

  if (open_list != NULL)
    g_string_append_printf (out, "</%s>", open_list);

  return g_string_free (out, FALSE);
}

static GtkLicense
license_from_spdx (const char *spdx)
{
  static const struct { const char *spdx; GtkLicense license; } licenses[] = {
    { "GPL-2.0-or-later", GTK_LICENSE_GPL_2_0 },
    { "GPL-2.0+", GTK_LICENSE_GPL_2_0 },
    { "GPL-2.0-only", GTK_LICENSE_GPL_2_0_ONLY },
    { "GPL-3.0-or-later", GTK_LICENSE_GPL_3_0 },
    { "GPL-3.0+", GTK_LICENSE_GPL_3_0 },
    { "GPL-3.0-only", GTK_LICENSE_GPL_3_0_ONLY },
    { "LGPL-2.1-or-later", GTK_LICENSE_LGPL_2_1 },
    { "LGPL-2.1-only", GTK_LICENSE_LGPL_2_1_ONLY },
    { "LGPL-3.0-or-later", GTK_LICENSE_LGPL_3_0 },
    { "LGPL-3.0-only", GTK_LICENSE_LGPL_3_0_ONLY },
    { "AGPL-3.0-or-later", GTK_LICENSE_AGPL_3_0 },
    { "AGPL-3.0-only", GTK_LICENSE_AGPL_3_0_ONLY },
    { "MIT", GTK_LICENSE_MIT_X11 },
    { "BSD-3-Clause", GTK_LICENSE_BSD_3 },
    { "Apache-2.0", GTK_LICENSE_APACHE_2_0 },
    { "MPL-2.0", GTK_LICENSE_MPL_2_0 },
    { "Artistic-2.0", GTK_LICENSE_ARTISTIC },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (licenses); i++)
    if (g_strcmp0 (spdx, licenses[i].spdx) == 0)
      return licenses[i].license;

  return GTK_LICENSE_CUSTOM;
}

/**
 * cp_about_window_new_from_metainfo:
 * @resource_path: where the AppStream metainfo is in the GResources
 * @error: set when it is missing or is not metainfo
 *
 * An About window filled from the metainfo, in the user's language: name,
 * summary, developer, version and notes of the newest release, homepage,
 * bug tracker, help page and license. The icon is the one named after the
 * application ID.
 *
 * Returns: (transfer full) (nullable): a new #AdwAboutWindow, or %NULL
 */
GtkWidget *
cp_about_window_new_from_metainfo (const char  *resource_path,
                                   GError     **error)
{
  static const GMarkupParser parser = {
    start_element_cb, end_element_cb, text_cb, NULL, NULL,
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *notes = NULL;
  Metainfo m = { 0 };
  GtkWidget *window = NULL;
  GtkLicense license;
  gsize size;
  const char *data;

  g_return_val_if_fail (resource_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  m.languages = g_get_language_names ();
  m.text = g_string_new (NULL);
  m.notes = g_ptr_array_new_with_free_func (note_free);

  data = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, &m, NULL);
  if (!g_markup_parse_context_parse (context, data, size, error)
      || !g_markup_parse_context_end_parse (context, error))
    goto out;

  if (m.name.text == NULL || m.summary.text == NULL || m.release_version == NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "%s has no <name>, <summary> or <release>", resource_path);
      goto out;
    }

  notes = release_notes_markup (m.notes);
  license = license_from_spdx (m.license);

  window = adw_about_window_new ();
  g_object_set (window,
                "application-icon", APP_ID,
                "application-name", m.name.text,
                "comments", m.summary.text,
                "version", PACKAGE_VERSION,
                "release-notes-version", m.release_version,
                "release-notes", notes,
                "license-type", license,
                NULL);
  /* The rest is optional in the metainfo; the setters refuse NULL. */
  if (m.developer_name.text != NULL)
    adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (window), m.developer_name.text);
  if (m.homepage != NULL)
    adw_about_window_set_website (ADW_ABOUT_WINDOW (window), m.homepage);
  if (m.bugtracker != NULL)
    adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (window), m.bugtracker);
  if (m.help != NULL)
    adw_about_window_set_support_url (ADW_ABOUT_WINDOW (window), m.help);
  if (license == GTK_LICENSE_CUSTOM && m.license != NULL)
    adw_about_window_set_license (ADW_ABOUT_WINDOW (window), m.license);

out:
  metainfo_clear (&m);
  return window;
}
