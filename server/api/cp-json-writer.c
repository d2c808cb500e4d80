/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-server"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cp-json-writer.h"
#include "store/cp-clock.h"
#include "store/cp-db.h"

/* Deep enough for any answer of the API (a page is 4 levels deep). */
#define MAX_DEPTH 32

struct _CpJsonWriter
{
  GString *out;
  guint depth;
  /* Per open container: whether a value was written in it (a comma is
   * due before the next), and whether a member name waits for its value. */
  gboolean has_value[MAX_DEPTH + 1];
  gboolean after_name;
};

/* Appends without g_string_append_len()'s checks for overlapping input:
 * the writer's buffer grows as a GString does and is written in place. */
static inline void
put (GString    *out,
     const char *data,
     gsize       len)
{
  if (G_UNLIKELY (out->len + len >= out->allocated_len))
    {
      gsize before = out->len;

      g_string_set_size (out, before + len);
      out->len = before;
    }
  memcpy (out->str + out->len, data, len);
  out->len += len;
  out->str[out->len] = '\0';
}

CpJsonWriter *
cp_json_writer_new (void)
{
  CpJsonWriter *self = g_new0 (CpJsonWriter, 1);

  /* A page of 25 rows fits without growing. */
  self->out = g_string_sized_new (8192);
  return self;
}

void
cp_json_writer_free (CpJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}

/**
 * cp_json_writer_free_to_string:
 *
 * Returns: (transfer full): what was written; the writer is freed
 */
char *
cp_json_writer_free_to_string (CpJsonWriter *self)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_warn_if_fail (self->depth == 0);

  text = g_string_free (self->out, FALSE);
  g_free (self);
  return text;
}

const char *
cp_json_writer_peek (CpJsonWriter *self)
{
  return self->out->str;
}

/* Before any value: the comma after a previous one, unless a member name
 * just went out (its value follows the colon). */
static void
before_value (CpJsonWriter *self)
{
  if (self->after_name)
    self->after_name = FALSE;
  else if (self->has_value[self->depth])
    put (self->out, ",", 1);
  self->has_value[self->depth] = TRUE;
}

static void
open_container (CpJsonWriter *self,
                char          bracket)
{
  before_value (self);
  put (self->out, &bracket, 1);
  g_assert (self->depth < MAX_DEPTH);
  self->depth++;
  self->has_value[self->depth] = FALSE;
}

static void
close_container (CpJsonWriter *self,
                 char          bracket)
{
  g_assert (self->depth > 0 && !self->after_name);
  self->depth--;
  put (self->out, &bracket, 1);
}

void
cp_json_writer_begin_object (CpJsonWriter *self)
{
  open_container (self, '{');
}

void
cp_json_writer_end_object (CpJsonWriter *self)
{
  close_container (self, '}');
}

void
cp_json_writer_begin_array (CpJsonWriter *self)
{
  open_container (self, '[');
}

void
cp_json_writer_end_array (CpJsonWriter *self)
{
  close_container (self, ']');
}

/* What a byte of a string needs: 0 goes out as it is, 1 is escaped, 2
 * starts a multi-byte sequence. */
static const guchar byte_class[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,     /* '"' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,     /* '\\' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

#define BYTES_01 G_GUINT64_CONSTANT (0x0101010101010101)
#define BYTES_80 G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether any of the 8 bytes of @word is zero; exact for "any" (a false
 * mark can only stand above a true one). */
static inline guint64
any_zero (guint64 word)
{
  return (word - BYTES_01) & ~word & BYTES_80;
}

/* Whether any byte of @word needs more than a copy: a control character,
 * '"', '\\', or, while @high is BYTES_80, a byte of a multi-byte sequence
 * (until the text is known to be valid UTF-8). */
static inline gboolean
word_is_plain (guint64 word,
               guint64 high)
{
  return ((word - BYTES_01 * 0x20) & ~word & BYTES_80) == 0
         && any_zero (word ^ (BYTES_01 * '"')) == 0
         && any_zero (word ^ (BYTES_01 * '\\')) == 0
         && (word & high) == 0;
}

/* A JSON string: '"' and '\' escaped, control characters (U+0000 to
 * U+001F) as \n, \t… or \u00XX, everything else (valid UTF-8) as it is;
 * invalid UTF-8 becomes U+FFFD, as json-glib's generator would refuse it.
 * One pass: eight bytes at a time while none needs anything, runs copied
 * whole; the text is checked for UTF-8 from its first non-ASCII byte on
 * (an ASCII prefix is valid whatever follows, so only the rest is made
 * valid when it is not). */
static void
append_quoted (GString    *out,
               const char *text)
{
  static const char hex[] = "0123456789abcdef";
  g_autofree char *valid = NULL;
  const guchar *p = (const guchar *) text;
  const guchar *end = p + strlen (text);
  const guchar *run = p;
  guint64 high = BYTES_80;

  put (out, "\"", 1);
  while (p < end)
    {
      const char *escape = NULL;
      guchar c;

      if (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if (word_is_plain (word, high))
            {
              p += 8;
              continue;
            }
        }
      c = *p;
      if (byte_class[c] == 0 || (byte_class[c] == 2 && high == 0))
        {
          p++;
          continue;
        }
      if (byte_class[c] == 2)
        {
          high = 0;
          if (!g_utf8_validate_len ((const char *) p, (gsize) (end - p), NULL))
            {
              put (out, (const char *) run, (gsize) (p - run));
              valid = g_utf8_make_valid ((const char *) p, end - p);
              run = p = (const guchar *) valid;
              end = p + strlen (valid);
            }
          continue;
        }
      put (out, (const char *) run, (gsize) (p - run));
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default: break;
        }
      if (escape != NULL)
        put (out, escape, 2);
      else
        {
          char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

          put (out, u, sizeof u);
        }
      run = ++p;
    }
  put (out, (const char *) run, (gsize) (p - run));
  put (out, "\"", 1);
}

/* Decimal digits without printf's machinery: this runs for every id. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  char *end = digits + sizeof digits;
  char *start = end;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      *--start = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--start = '-';
  put (out, start, (gsize) (end - start));
}

void
cp_json_writer_member (CpJsonWriter *self,
                       const char   *name)
{
  g_assert (self->depth > 0 && !self->after_name);
  if (self->has_value[self->depth])
    put (self->out, ",", 1);
  self->has_value[self->depth] = TRUE;
  self->after_name = TRUE;

  /* The API's own names ("job_number") need no escaping: written with
   * their quotes and colon in one go; any other goes through the escaper. */
  {
    char quoted[40];
    gsize len = 0;

    quoted[len++] = '"';
    for (const char *p = name; *p != '\0'; p++)
      {
        if (len >= sizeof quoted - 2 || !(g_ascii_isalnum (*p) || *p == '_'))
          {
            append_quoted (self->out, name);
            put (self->out, ":", 1);
            return;
          }
        quoted[len++] = *p;
      }
    quoted[len++] = '"';
    quoted[len++] = ':';
    put (self->out, quoted, len);
  }
}

void
cp_json_writer_string (CpJsonWriter *self,
                       const char   *value)
{
  if (value == NULL)
    {
      cp_json_writer_null (self);
      return;
    }
  before_value (self);
  append_quoted (self->out, value);
}

void
cp_json_writer_int (CpJsonWriter *self,
                    gint64        value)
{
  before_value (self);
  append_int (self->out, value);
}

void
cp_json_writer_bool (CpJsonWriter *self,
                     gboolean      value)
{
  before_value (self);
  put (self->out, value ? "true" : "false", value ? 4 : 5);
}

void
cp_json_writer_null (CpJsonWriter *self)
{
  before_value (self);
  put (self->out, "null", 4);
}

/* A NULL column reads as "", as cp_json_add_string() writes it. */
void
cp_json_writer_add_string (CpJsonWriter *self,
                           const char   *member,
                           const char   *value)
{
  cp_json_writer_member (self, member);
  cp_json_writer_string (self, value != NULL ? value : "");
}

void
cp_json_writer_add_string_or_null (CpJsonWriter *self,
                                   const char   *member,
                                   const char   *value)
{
  cp_json_writer_member (self, member);
  cp_json_writer_string (self, value);
}

void
cp_json_writer_add_int (CpJsonWriter *self,
                        const char   *member,
                        gint64        value)
{
  cp_json_writer_member (self, member);
  cp_json_writer_int (self, value);
}

/* Ids are decimal strings on the wire (see cp_json_add_id()). */
void
cp_json_writer_add_id (CpJsonWriter *self,
                       const char   *member,
                       gint64        id)
{
  cp_json_writer_member (self, member);
  if (id <= 0)
    {
      cp_json_writer_null (self);
      return;
    }
  before_value (self);
  put (self->out, "\"", 1);
  append_int (self->out, id);
  put (self->out, "\"", 1);
}

void
cp_json_writer_add_time (CpJsonWriter *self,
                         const char   *member,
                         gint64        unix_seconds)
{
  g_autofree char *text = cp_format_time (unix_seconds);

  cp_json_writer_add_string (self, member, text);
}

void
cp_json_writer_add_money (CpJsonWriter *self,
                          const char   *member,
                          gint64        amount,
                          const char   *currency)
{
  cp_json_writer_member (self, member);
  cp_json_writer_begin_object (self);
  cp_json_writer_add_int (self, "amount", amount);
  cp_json_writer_add_string (self, "currency", currency);
  cp_json_writer_end_object (self);
}

/**
 * cp_json_answer_page:
 * @stmt: a statement bound to select at most @limit + 1 rows, in the list's
 *   keyset order, with the row id in column 0
 * @key_column: the column holding the rest of the sort key, or -1 when the
 *   list is ordered by id alone
 * @write_row: writes one row
 *
 * Answers `{"items": [...], "next_cursor": ...}` with the first @limit rows,
 * each written by @write_row straight into the reply; the extra row only
 * tells that there is a next page, whose cursor is the key of the last row
 * sent.
 */
void
cp_json_answer_page (CpRequest     *req,
                     CpStmt        *stmt,
                     guint          limit,
                     int            key_column,
                     CpJsonRowFunc  write_row,
                     gpointer       user_data)
{
  g_autoptr(CpJsonWriter) writer = cp_json_writer_new ();
  g_autofree char *next = NULL;
  g_autofree char *last_key = NULL;
  gint64 last_id = 0;
  guint count = 0;
  int rc;

  cp_json_writer_begin_object (writer);
  cp_json_writer_member (writer, "items");
  cp_json_writer_begin_array (writer);
  while ((rc = cp_db_step (req->env->db, stmt)) == SQLITE_ROW)
    {
      if (count == limit)
        {
          next = cp_cursor_encode (last_key != NULL ? last_key : "", last_id);
          break;
        }
      write_row (writer, stmt, user_data);
      if (key_column >= 0)
        {
          g_free (last_key);
          last_key = g_strdup (cp_stmt_text (stmt, key_column));
        }
      last_id = sqlite3_column_int64 (stmt, 0);
      count++;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cp_http_internal (req);
      return;
    }
  cp_json_writer_end_array (writer);
  cp_json_writer_add_string_or_null (writer, "next_cursor", next);
  cp_json_writer_end_object (writer);
  cp_http_take_json (req, SOUP_STATUS_OK,
                     cp_json_writer_free_to_string (g_steal_pointer (&writer)));
}
