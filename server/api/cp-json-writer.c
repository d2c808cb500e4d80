/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal-server"

#include "config.h"

#include <sqlite3.h>

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

CpJsonWriter *
cp_json_writer_new (void)
{
  CpJsonWriter *self = g_new0 (CpJsonWriter, 1);

  self->out = g_string_sized_new (4096);
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
    g_string_append_c (self->out, ',');
  self->has_value[self->depth] = TRUE;
}

static void
open_container (CpJsonWriter *self,
                char          bracket)
{
  before_value (self);
  g_string_append_c (self->out, bracket);
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
  g_string_append_c (self->out, bracket);
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

/* A JSON string: '"' and '\' escaped, control characters (U+0000 to
 * U+001F) as \n, \t… or \u00XX, everything else (valid UTF-8) as it is;
 * invalid UTF-8 becomes U+FFFD, as json-glib's generator would refuse it.
 * One pass over the bytes: runs that need nothing are copied whole, and
 * the text is checked for UTF-8 only from its first non-ASCII byte on (an
 * ASCII prefix is valid whatever follows, so only the rest is made valid
 * when it is not). */
static void
append_quoted (GString    *out,
               const char *text)
{
  static const char hex[] = "0123456789abcdef";
  g_autofree char *valid = NULL;
  const guchar *p = (const guchar *) text;
  const guchar *run = p;
  gboolean checked = FALSE;

  g_string_append_c (out, '"');
  for (;;)
    {
      guchar c = *p;
      const char *escape = NULL;

      if (G_LIKELY (byte_class[c] == 0))
        {
          p++;
          continue;
        }
      if (byte_class[c] == 2)
        {
          if (!checked)
            {
              checked = TRUE;
              if (!g_utf8_validate ((const char *) p, -1, NULL))
                {
                  g_string_append_len (out, (const char *) run, p - run);
                  valid = g_utf8_make_valid ((const char *) p, -1);
                  run = p = (const guchar *) valid;
                  continue;
                }
            }
          p++;
          continue;
        }
      g_string_append_len (out, (const char *) run, p - run);
      if (c == '\0')
        break;
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
        g_string_append_len (out, escape, 2);
      else
        {
          char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

          g_string_append_len (out, u, sizeof u);
        }
      run = ++p;
    }
  g_string_append_c (out, '"');
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
  g_string_append_len (out, start, end - start);
}

void
cp_json_writer_member (CpJsonWriter *self,
                       const char   *name)
{
  g_assert (self->depth > 0 && !self->after_name);
  if (self->has_value[self->depth])
    g_string_append_c (self->out, ',');
  self->has_value[self->depth] = TRUE;
  append_quoted (self->out, name);
  g_string_append_c (self->out, ':');
  self->after_name = TRUE;
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
  g_string_append (self->out, value ? "true" : "false");
}

void
cp_json_writer_null (CpJsonWriter *self)
{
  before_value (self);
  g_string_append (self->out, "null");
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
  g_string_append_c (self->out, '"');
  append_int (self->out, id);
  g_string_append_c (self->out, '"');
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
