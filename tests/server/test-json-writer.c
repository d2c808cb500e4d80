/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "api/cp-json-writer.h"

/*
 * The server's streaming JSON writer against json-glib's parser, as a
 * property: random documents (nested objects and arrays; strings full of
 * quotes, backslashes, every control character, multi-byte and astral
 * Unicode, U+2028; integers to the int64 limits) written with the writer
 * parse back with json-glib into the tree they were written from. Plus the
 * exact bytes for the escapes, and invalid UTF-8 coming out as U+FFFD.
 */

static const char *const pieces[] = {
  "a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f", "\x7f",
  "é", "ß", "€", "中", "😀", "\xe2\x80\xa8", "\xef\xbf\xbd", "Gutter cleaning", "\\u0000",
  "}", "]", ",", ":", "null", "'",
};

static char *
random_string (void)
{
  GString *s = g_string_new (NULL);
  int n = g_test_rand_int_range (0, 12);

  for (int i = 0; i < n; i++)
    {
      if (g_test_rand_int_range (0, 4) == 0)
        g_string_append_c (s, (char) g_test_rand_int_range (1, 0x20));
      else
        g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
    }
  return g_string_free (s, FALSE);
}

static JsonNode *
random_node (int depth)
{
  int kind = g_test_rand_int_range (0, depth >= 5 ? 4 : 6);
  JsonNode *node;

  switch (kind)
    {
    case 0:
      {
        g_autofree char *text = random_string ();

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;
    case 1:
      {
        static const gint64 edges[] = { 0, -1, 1, G_MAXINT64, G_MININT64, 12550 };
        gint64 value = g_test_rand_bit () ? edges[g_test_rand_int_range (0, 6)]
                                          : (gint64) (((guint64) (guint32) g_test_rand_int () << 31)
                                                      ^ (guint32) g_test_rand_int ());

        node = json_node_init_int (json_node_alloc (), value);
      }
      break;
    case 2:
      node = json_node_init_boolean (json_node_alloc (), g_test_rand_bit ());
      break;
    case 3:
      node = json_node_init_null (json_node_alloc ());
      break;
    case 4:
      {
        JsonObject *object = json_object_new ();
        int n = g_test_rand_int_range (0, 5);

        for (int i = 0; i < n; i++)
          {
            g_autofree char *name = random_string ();

            /* Member names are unique in what we write. */
            if (!json_object_has_member (object, name))
              json_object_set_member (object, name, random_node (depth + 1));
          }
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
      }
      break;
    default:
      {
        JsonArray *array = json_array_new ();
        int n = g_test_rand_int_range (0, 5);

        for (int i = 0; i < n; i++)
          json_array_add_element (array, random_node (depth + 1));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
      }
    }
  return node;
}

static void
write_node (CpJsonWriter *writer,
            JsonNode     *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        cp_json_writer_begin_object (writer);
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            cp_json_writer_member (writer, name);
            write_node (writer, member);
          }
        cp_json_writer_end_object (writer);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        cp_json_writer_begin_array (writer);
        for (guint i = 0; i < json_array_get_length (array); i++)
          write_node (writer, json_array_get_element (array, i));
        cp_json_writer_end_array (writer);
      }
      break;
    case JSON_NODE_NULL:
      cp_json_writer_null (writer);
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        cp_json_writer_string (writer, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        cp_json_writer_int (writer, json_node_get_int (node));
      else
        cp_json_writer_bool (writer, json_node_get_boolean (node));
    }
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("json-glib refused %s: %s", text, error->message);
  return json_parser_steal_root (parser);
}

static void
test_round_trip (void)
{
  for (int i = 0; i < 3000; i++)
    {
      g_autoptr(JsonNode) tree = random_node (0);
      g_autoptr(CpJsonWriter) writer = cp_json_writer_new ();
      g_autoptr(JsonNode) back = NULL;

      write_node (writer, tree);
      /* Strict JSON: json-glib's parser would take a raw control
       * character inside a string, another parser would not. */
      for (const char *p = cp_json_writer_peek (writer); *p != '\0'; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
      back = parse (cp_json_writer_peek (writer));
      if (!json_node_equal (tree, back))
        {
          g_autofree char *expected = json_to_string (tree, FALSE);

          g_error ("wrote %s for %s", cp_json_writer_peek (writer), expected);
        }
    }
}

/* The bytes themselves: short escapes where JSON has them, \u00XX for the
 * other control characters, and Unicode (U+2028 too) as UTF-8. */
static void
test_escapes (void)
{
  g_autoptr(CpJsonWriter) writer = cp_json_writer_new ();

  cp_json_writer_begin_object (writer);
  cp_json_writer_add_string (writer, "q\"", "a\"b\\c/\n\r\t\b\f\x01\x1f\x7f");
  cp_json_writer_add_string (writer, "u", "é€😀\xe2\x80\xa8");
  cp_json_writer_add_string_or_null (writer, "n", NULL);
  cp_json_writer_add_id (writer, "id", 42);
  cp_json_writer_add_id (writer, "none", 0);
  cp_json_writer_add_money (writer, "m", -12550, "USD");
  cp_json_writer_member (writer, "a");
  cp_json_writer_begin_array (writer);
  cp_json_writer_int (writer, G_MININT64);
  cp_json_writer_bool (writer, TRUE);
  cp_json_writer_begin_object (writer);
  cp_json_writer_end_object (writer);
  cp_json_writer_end_array (writer);
  cp_json_writer_end_object (writer);
  g_assert_cmpstr (cp_json_writer_peek (writer), ==,
                   "{\"q\\\"\":\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0001\\u001f\x7f\","
                   "\"u\":\"é€😀\xe2\x80\xa8\",\"n\":null,\"id\":\"42\",\"none\":null,"
                   "\"m\":{\"amount\":-12550,\"currency\":\"USD\"},"
                   "\"a\":[-9223372036854775808,true,{}]}");
}

/* Invalid UTF-8 (a database written by hand) still gives valid JSON. */
static void
test_invalid_utf8 (void)
{
  g_autoptr(CpJsonWriter) writer = cp_json_writer_new ();
  g_autoptr(JsonNode) back = NULL;

  cp_json_writer_string (writer, "ok\xff\xc3(end");
  back = parse (cp_json_writer_peek (writer));
  g_assert_true (g_utf8_validate (json_node_get_string (back), -1, NULL));
  g_assert_nonnull (strstr (json_node_get_string (back), "\xef\xbf\xbd"));
  g_assert_true (g_str_has_prefix (json_node_get_string (back), "ok"));
  g_assert_true (g_str_has_suffix (json_node_get_string (back), "(end"));

  /* Wherever the invalid bytes stand (first, after escapes, after valid
   * multi-byte text, last), the rest of the text, escapes included, comes
   * back as g_utf8_make_valid() has it. */
  {
    static const char *const cases[] = {
      "\xff", "\xff" "abc", "a\"b\n\xfe\t\"", "é\xff\\", "\x01€\xc3", "abc\xe2\x80",
      "\xc3(\x1f\xc3\xa9\xed\xa0\x80" "z", "\xf0\x9f\x98\x80\xf0\x9f",
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(CpJsonWriter) one = cp_json_writer_new ();
        g_autoptr(JsonNode) parsed = NULL;
        g_autofree char *expected = g_utf8_make_valid (cases[i], -1);

        cp_json_writer_string (one, cases[i]);
        parsed = parse (cp_json_writer_peek (one));
        g_assert_cmpstr (json_node_get_string (parsed), ==, expected);
      }
  }

  /* And as a property: random texts with stray bytes of 0x80 to 0xff
   * anywhere (the writer reads eight bytes at a time). */
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(CpJsonWriter) one = cp_json_writer_new ();
      g_autoptr(JsonNode) parsed = NULL;
      g_autofree char *base = random_string ();
      g_autoptr(GString) text = g_string_new (base);
      g_autofree char *expected = NULL;
      int n = g_test_rand_int_range (0, 4);

      for (int j = 0; j < n; j++)
        g_string_insert_c (text, g_test_rand_int_range (0, (gint32) text->len + 1),
                           (char) g_test_rand_int_range (0x80, 0x100));
      expected = g_utf8_make_valid (text->str, -1);
      cp_json_writer_string (one, text->str);
      parsed = parse (cp_json_writer_peek (one));
      g_assert_cmpstr (json_node_get_string (parsed), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/json-writer/round-trip", test_round_trip);
  g_test_add_func ("/server/json-writer/escapes", test_escapes);
  g_test_add_func ("/server/json-writer/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
