/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cp-client-error.h"
#include "cp-json-private.h"

static gboolean
bad (GError    **error,
     const char *member,
     const char *what)
{
  /* The details go to the debug log, the user sees one sentence. */
  g_debug ("Bad reply: member “%s” %s", member ? member : "(root)", what);
  g_set_error_literal (error, CP_CLIENT_ERROR, CP_CLIENT_ERROR_BAD_RESPONSE,
                       _("The server sent a reply this app cannot read."));
  return FALSE;
}

/**
 * cp_json_check_depth:
 *
 * Scans @data for arrays and objects nested deeper than @max_depth, skipping
 * strings, without recursion. json-glib 1.6 recurses once per level and
 * overflows the stack on a few hundred kilobytes of `[`.
 *
 * Returns: %TRUE when the nesting stays within @max_depth
 */
gboolean
cp_json_check_depth (const char *data,
                     gsize       length,
                     guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * cp_json_parse:
 *
 * Parses an untrusted reply: at most %CP_JSON_MAX_SIZE bytes, nested at most
 * %CP_JSON_MAX_DEPTH levels, valid UTF-8 JSON.
 *
 * Returns: (transfer full): the root node, or %NULL with
 *   %CP_CLIENT_ERROR_BAD_RESPONSE
 */
JsonNode *
cp_json_parse (const char *data,
               gsize       length,
               GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length > CP_JSON_MAX_SIZE)
    return bad (error, NULL, "is too large"), NULL;
  if (data == NULL || length == 0)
    return bad (error, NULL, "is empty"), NULL;
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    return bad (error, NULL, "is not UTF-8 text"), NULL;
  if (!cp_json_check_depth (data, length, CP_JSON_MAX_DEPTH))
    return bad (error, NULL, "is nested too deeply"), NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    return bad (error, NULL, local_error->message), NULL;

  root = json_parser_steal_root (parser);
  if (root == NULL)
    return bad (error, NULL, "is empty"), NULL;

  return root;
}

JsonObject *
cp_json_root_object (JsonNode *root,
                     GError  **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad (error, NULL, "is not an object"), NULL;
  return json_node_get_object (root);
}

/**
 * cp_json_parse_object:
 *
 * Returns: (transfer full): what @func made of the reply's root object
 */
gpointer
cp_json_parse_object (const char      *data,
                      gsize            length,
                      CpJsonParseFunc  func,
                      GError         **error)
{
  g_autoptr(JsonNode) root = cp_json_parse (data, length, error);

  if (root == NULL)
    return NULL;
  return cp_json_build_object (root, func, error);
}

/* Builds a model from a parsed reply that must be one object. */
gpointer
cp_json_build_object (JsonNode         *root,
                      CpJsonParseFunc   func,
                      GError          **error)
{
  JsonObject *object = cp_json_root_object (root, error);

  if (object == NULL)
    return NULL;
  return func (object, error);
}

/**
 * cp_json_parse_list:
 * @next_cursor: (out) (optional): the next page's cursor, %NULL on the last
 *
 * Parses `{"items": [...], "next_cursor": ...}`. One bad item fails the
 * whole page: a list is never half filled.
 *
 * Returns: (transfer full): the items
 */
GListStore *
cp_json_parse_list (const char      *data,
                    gsize            length,
                    GType            item_type,
                    CpJsonParseFunc  func,
                    char           **next_cursor,
                    GError         **error)
{
  g_autoptr(JsonNode) root = cp_json_parse (data, length, error);

  if (root == NULL)
    return NULL;
  return cp_json_build_list (root, item_type, func, next_cursor, error);
}

/* Builds the items of a parsed list reply, {"items": [...], "next_cursor"}. */
GListStore *
cp_json_build_list (JsonNode         *root,
                    GType             item_type,
                    CpJsonParseFunc   func,
                    char            **next_cursor,
                    GError          **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GListStore) store = NULL;
  JsonObject *object;
  JsonNode *items_node;
  JsonArray *array;
  guint n;

  object = cp_json_root_object (root, error);
  if (object == NULL)
    return NULL;

  items_node = json_object_get_member (object, "items");
  if (items_node == NULL || !JSON_NODE_HOLDS_ARRAY (items_node))
    return bad (error, "items", "is not an array"), NULL;
  if (json_object_has_member (object, "next_cursor")
      && !cp_json_get_string (object, "next_cursor", TRUE, &cursor, error))
    return NULL;
  if (cursor != NULL && *cursor == '\0')
    return bad (error, "next_cursor", "is empty"), NULL;

  array = json_node_get_array (items_node);
  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad (error, "items", "holds a non-object"), NULL;
      item = func (json_node_get_object (node), error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  store = g_list_store_new (item_type);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  if (next_cursor != NULL)
    *next_cursor = g_steal_pointer (&cursor);

  return g_steal_pointer (&store);
}

static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  return json_object_get_member (object, member);
}

gboolean
cp_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     nullable,
                    char       **out,
                    GError     **error)
{
  JsonNode *node = member_node (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return bad (error, member, "is missing");
      *out = NULL;
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return bad (error, member, "is not a string");

  value = json_node_get_string (node);
  if (strlen (value) > CP_JSON_MAX_STRING)
    return bad (error, member, "is too long");

  *out = g_strdup (value);
  return TRUE;
}

gboolean
cp_json_get_id (JsonObject  *object,
                const char  *member,
                gboolean     nullable,
                char       **out,
                GError     **error)
{
  JsonNode *node = member_node (object, member);
  g_autofree char *value = NULL;

  /* Identifiers are strings in this API; accept integers too, as ids. */
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 id = json_node_get_int (node);

      if (id < 0)
        return bad (error, member, "is negative");
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      return TRUE;
    }

  if (!cp_json_get_string (object, member, nullable, &value, error))
    return FALSE;
  if (value != NULL)
    {
      gsize len = strlen (value);

      /* An id goes into URL paths: keep it to a safe alphabet. */
      if (len == 0 || len > 128)
        return bad (error, member, "has a bad length");
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isalnum (value[i]) && value[i] != '-' && value[i] != '_')
          return bad (error, member, "has a bad character");
    }

  *out = g_steal_pointer (&value);
  return TRUE;
}

gboolean
cp_json_get_int (JsonObject *object,
                 const char *member,
                 gint64      min,
                 gint64      max,
                 gint64     *out,
                 GError    **error)
{
  JsonNode *node = member_node (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad (error, member, "is not an integer");

  value = json_node_get_int (node);
  if (value < min || value > max)
    return bad (error, member, "is out of range");

  *out = value;
  return TRUE;
}

gboolean
cp_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean   *out,
                  GError    **error)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad (error, member, "is not a boolean");

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
cp_json_get_time (JsonObject  *object,
                  const char  *member,
                  GDateTime  **out,
                  GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *value;

  if (!cp_json_get_string (object, member, FALSE, &text, error))
    return FALSE;

  /* RFC 3339 requires a zone designator: no default zone. */
  value = g_date_time_new_from_iso8601 (text, NULL);
  if (value == NULL || strlen (text) < 20)
    {
      g_clear_pointer (&value, g_date_time_unref);
      return bad (error, member, "is not an RFC 3339 time");
    }

  *out = g_date_time_to_timezone (value, utc);
  g_date_time_unref (value);
  return TRUE;
}

gboolean
cp_json_get_date (JsonObject  *object,
                  const char  *member,
                  GDateTime  **out,
                  GError     **error)
{
  g_autofree char *text = NULL;
  int year, month, day;
  char tail;

  if (!cp_json_get_string (object, member, FALSE, &text, error))
    return FALSE;

  /* A calendar date ("2026-03-14") is a local date, not an instant. */
  if (strlen (text) == 10
      && sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3
      && g_ascii_isdigit (text[0]) && text[4] == '-' && text[7] == '-'
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      *out = g_date_time_new_local (year, month, day, 0, 0, 0);
      if (*out == NULL)
        return bad (error, member, "is not a date");
      return TRUE;
    }

  g_clear_pointer (&text, g_free);
  return cp_json_get_time (object, member, out, error);
}

gboolean
cp_json_get_money (JsonObject  *object,
                   const char  *member,
                   CpMoney    **out,
                   GError     **error)
{
  JsonObject *money = cp_json_get_object (object, member, error);
  g_autofree char *currency = NULL;
  gint64 amount;

  if (money == NULL)
    return FALSE;
  /* About ±90 trillion in major units: anything bigger is nonsense. */
  if (!cp_json_get_int (money, "amount", -G_GINT64_CONSTANT (9000000000000000),
                        G_GINT64_CONSTANT (9000000000000000), &amount, error)
      || !cp_json_get_string (money, "currency", FALSE, &currency, error))
    return FALSE;
  if (strlen (currency) != 3 || !g_ascii_isupper (currency[0])
      || !g_ascii_isupper (currency[1]) || !g_ascii_isupper (currency[2]))
    return bad (error, "currency", "is not an ISO 4217 code");

  *out = cp_money_new (amount, currency);
  return TRUE;
}

gboolean
cp_json_get_enum (JsonObject         *object,
                  const char         *member,
                  const char * const *names,
                  int                *out,
                  GError            **error)
{
  g_autofree char *text = NULL;

  if (!cp_json_get_string (object, member, FALSE, &text, error))
    return FALSE;

  /* An empty name marks a value that only the absence of the member gives. */
  for (int i = 0; names[i] != NULL; i++)
    if (names[i][0] != '\0' && g_str_equal (names[i], text))
      {
        *out = i;
        return TRUE;
      }

  return bad (error, member, "has an unknown value");
}

JsonObject *
cp_json_get_object (JsonObject *object,
                    const char *member,
                    GError    **error)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, member, "is not an object"), NULL;
  return json_node_get_object (node);
}
