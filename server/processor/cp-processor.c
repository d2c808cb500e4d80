/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-processor"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-processor.h"
#include "cp-processor-client.h"
#include "api/cp-http.h"
#include "store/cp-clock.h"
#include "store/cp-db.h"

/* Tokens the portal has not attached to a payment method within this time
 * are destroyed: a card typed into a dialog that was then cancelled does
 * not stay at the processor. */
#define TOKEN_TTL_SECONDS (30 * 60)
#define EXPIRY_INTERVAL_SECONDS 60
/* Tokenization per client address: at most this many in a window. */
/* Tokenizations per client address: 30 at once, then one every 2 s. */
#define TOKENIZE_BURST 30
#define TOKENIZE_PER_MINUTE 30

struct _CpProcessor
{
  GObject parent_instance;

  CpDb *db;
  CpVault *vault;
  SoupServer *soup;
  char *api_key;
  char *publishable_key;
  char *base_url;
  CpRateLimit *tokenize_limit;   /* per remote address */
  guint answer_delay;
  guint ach_delay;
  guint expiry_id;
  GList *delayed;                /* DelayedAnswer, answers held back by the test hook */
};

G_DEFINE_FINAL_TYPE (CpProcessor, cp_processor, G_TYPE_OBJECT)

static const char * const schema_steps[] = {
  /* 1: the vault and the charges, each charge under the idempotency key
   * its caller gave, so that a retried charge is never made twice. */
  CP_VAULT_SCHEMA
  "CREATE TABLE charges ("
  "  id INTEGER PRIMARY KEY,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  token TEXT NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  currency TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),"
  "  failure_message TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  settle_at INTEGER,"
  "  updated_at INTEGER NOT NULL);",
  /* 2: bank accounts, and bank debits that settle later (to what they
   * will come to, kept until then). */
  CP_VAULT_SCHEMA_2
  "ALTER TABLE charges ADD COLUMN settle_status TEXT;"
  "ALTER TABLE charges ADD COLUMN settle_message TEXT;",
};

/* The portal's clock (the test clock, when CP_SERVER_CLOCK_FILE is set). */
static gint64
now_seconds (void)
{
  return cp_now ();
}

typedef struct
{
  SoupServerMessage *msg;
  char *json;
  guint id;
  CpProcessor *self;
} DelayedAnswer;

static void
delayed_answer_free (DelayedAnswer *answer)
{
  g_clear_handle_id (&answer->id, g_source_remove);
  g_object_unref (answer->msg);
  g_free (answer->json);
  g_free (answer);
}

static void
cp_processor_dispose (GObject *object)
{
  CpProcessor *self = CP_PROCESSOR (object);

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_list_free_full (g_steal_pointer (&self->delayed), (GDestroyNotify) delayed_answer_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (cp_processor_parent_class)->dispose (object);
}

static void
cp_processor_finalize (GObject *object)
{
  CpProcessor *self = CP_PROCESSOR (object);

  g_clear_pointer (&self->vault, cp_vault_free);
  g_clear_pointer (&self->db, cp_db_close);
  g_clear_pointer (&self->tokenize_limit, cp_rate_limit_free);
  if (self->api_key != NULL)
    sodium_memzero (self->api_key, strlen (self->api_key));
  g_free (self->api_key);
  g_free (self->publishable_key);
  g_free (self->base_url);

  G_OBJECT_CLASS (cp_processor_parent_class)->finalize (object);
}

static void
cp_processor_class_init (CpProcessorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_processor_dispose;
  object_class->finalize = cp_processor_finalize;
}

static void
cp_processor_init (CpProcessor *self)
{
  self->tokenize_limit = cp_rate_limit_new (TOKENIZE_BURST, TOKENIZE_PER_MINUTE);
}

gboolean
cp_processor_load_key_file (const char  *path,
                            guchar       key[CP_VAULT_KEY_BYTES],
                            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      gssize written;

      randombytes_buf (key, CP_VAULT_KEY_BYTES);
      written = write (fd, key, CP_VAULT_KEY_BYTES);
      if (written != CP_VAULT_KEY_BYTES || fsync (fd) != 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (path);
          sodium_memzero (key, CP_VAULT_KEY_BYTES);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot write the key file %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
      g_message ("Created a new key file %s", path);
      return TRUE;
    }
  if (errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create the key file %s: %s", path, g_strerror (saved));
      return FALSE;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length != CP_VAULT_KEY_BYTES)
    {
      sodium_memzero (contents, length);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The key file %s does not hold a %d-byte key", path, CP_VAULT_KEY_BYTES);
      return FALSE;
    }
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
      g_warning ("The key file %s can be read by others; it should be mode 0600", path);
  }
  memcpy (key, contents, CP_VAULT_KEY_BYTES);
  sodium_memzero (contents, length);
  return TRUE;
}

/**
 * cp_processor_new:
 * @db_path: the processor's own database, created and migrated as needed
 * @key_file: the file with the key that seals card numbers (created if absent)
 * @api_key: the secret key callers present as a bearer token
 *
 * Returns: (transfer full) (nullable): a processor that does not listen yet
 */
CpProcessor *
cp_processor_new (const char  *db_path,
                  const char  *key_file,
                  const char  *api_key,
                  GError     **error)
{
  g_autoptr(CpProcessor) self = NULL;
  guchar key[CP_VAULT_KEY_BYTES];

  g_return_val_if_fail (db_path != NULL && key_file != NULL, NULL);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot initialize libsodium");
      return NULL;
    }
  self = g_object_new (CP_TYPE_PROCESSOR, NULL);
  self->db = cp_db_open (db_path, "processor", error);
  if (self->db == NULL)
    return NULL;
  /* A destroyed number's sealed bytes are overwritten, not left in free pages. */
  if (!cp_db_exec (self->db, "PRAGMA secure_delete = ON", error))
    return NULL;
  if (!cp_db_migrate (self->db, schema_steps, G_N_ELEMENTS (schema_steps), error))
    return NULL;

  if (!cp_processor_load_key_file (key_file, key, error))
    return NULL;
  self->vault = cp_vault_new (self->db, key);
  sodium_memzero (key, sizeof key);
  self->api_key = g_strdup (api_key);
  self->publishable_key = cp_processor_publishable_key (api_key);
  return g_steal_pointer (&self);
}

const char *
cp_processor_get_api_key (CpProcessor *self)
{
  g_return_val_if_fail (CP_IS_PROCESSOR (self), NULL);

  return self->api_key;
}

CpVault *
cp_processor_get_vault (CpProcessor *self)
{
  g_return_val_if_fail (CP_IS_PROCESSOR (self), NULL);

  return self->vault;
}

void
cp_processor_set_answer_delay (CpProcessor *self,
                               guint        seconds)
{
  g_return_if_fail (CP_IS_PROCESSOR (self));

  self->answer_delay = seconds;
}

void
cp_processor_set_ach_delay (CpProcessor *self,
                            guint        seconds)
{
  g_return_if_fail (CP_IS_PROCESSOR (self));

  self->ach_delay = seconds;
}

/* Compares digests, so the comparison is constant-time whatever the lengths. */
static gboolean
key_equal (const char *given,
           const char *expected)
{
  guchar a[32], b[32];

  crypto_hash_sha256 (a, (const guchar *) given, strlen (given));
  crypto_hash_sha256 (b, (const guchar *) expected, strlen (expected));
  return sodium_memcmp (a, b, sizeof a) == 0;
}

typedef enum
{
  KEY_NONE,
  KEY_PUBLISHABLE,         /* the app's: tokenize only */
  KEY_SECRET,              /* the portal's: everything */
} KeyKind;

static KeyKind
request_key (CpProcessor *self,
             CpRequest   *req)
{
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return KEY_NONE;
  if (key_equal (header + 7, self->api_key))
    return KEY_SECRET;
  if (key_equal (header + 7, self->publishable_key))
    return KEY_PUBLISHABLE;
  return KEY_NONE;
}

/* Reads a JSON member that clients may send as a number or a digit string. */
static gboolean
get_number (CpRequest  *req,
            const char *name,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (cp_request_body_object (req), name);
  g_autofree char *message = g_strdup_printf ("“%s” is required.", name);

  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE)
    {
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);
          guint64 value;

          if (*text != '\0' && strlen (text) <= 4
              && g_ascii_string_to_unsigned (text, 10, 0, 9999, &value, NULL))
            {
              *out = (gint64) value;
              return TRUE;
            }
        }
    }
  cp_http_invalid (req, name, message);
  return FALSE;
}

/* Per address; answers 429 with Retry-After itself. */
static gboolean
tokenize_allowed (CpProcessor *self,
                  CpRequest   *req)
{
  const char *host = soup_server_message_get_remote_host (req->msg);
  gint64 wait = cp_rate_limit_take (self->tokenize_limit, host ? host : "",
                                    g_get_monotonic_time ());
  g_autofree char *retry = NULL;

  if (wait == 0)
    return TRUE;

  retry = g_strdup_printf ("%" G_GINT64_FORMAT, wait);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", retry);
  cp_http_error (req, 429, "rate_limited", NULL,
                 "Too many cards in a short time. Wait a minute and try again.");
  return FALSE;
}

static void
write_card (JsonBuilder       *builder,
            const CpVaultCard *card)
{
  json_builder_begin_object (builder);
  cp_json_add_string (builder, "token", card->token);
  cp_json_add_string (builder, "type", card->type[0] ? card->type : "card");
  if (card->bank_name[0] != '\0')
    cp_json_add_string (builder, "bank_name", card->bank_name);
  cp_json_add_string (builder, "brand", card->brand);
  cp_json_add_string (builder, "last4", card->last4);
  cp_json_add_int (builder, "exp_month", card->exp_month);
  cp_json_add_int (builder, "exp_year", card->exp_year);
  if (card->cardholder_name != NULL)
    cp_json_add_string (builder, "cardholder_name", card->cardholder_name);
  json_builder_end_object (builder);
}

/* `POST /v1/tokens`: card details for a token. Nothing of the request is
 * logged; the copies of the number and CVC are wiped, and the request's
 * copy of the body when it is freed (wipe_body). */
static void
tokens_create (CpProcessor *self,
               CpRequest   *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *number = NULL, *cvc = NULL, *name = NULL, *postal = NULL, *type = NULL;
  char *number_copy, *cvc_copy;
  gint64 exp_month = 0, exp_year = 0;
  const char *field = NULL, *message = NULL;
  CpVaultCard card;
  gboolean ok;

  if (!tokenize_allowed (self, req))
    return;
  if (!cp_request_get_string (req, "type", FALSE, &type))
    return;
  if (g_strcmp0 (type, "bank_account") == 0)
    {
      const char *holder = NULL, *routing = NULL, *account = NULL;
      char *account_copy;

      if (!cp_request_get_string (req, "account_holder", TRUE, &holder)
          || !cp_request_get_string (req, "routing_number", TRUE, &routing)
          || !cp_request_get_string (req, "account_number", TRUE, &account))
        return;
      account_copy = g_strdup (account);
      ok = cp_vault_tokenize_bank (self->vault, holder, routing, account_copy, &card, &field,
                                   &message);
      sodium_memzero (account_copy, strlen (account_copy));
      g_free (account_copy);
      if (!ok)
        {
          if (message != NULL)
            cp_http_invalid (req, field, message);
          else
            cp_http_internal (req);
          return;
        }
      g_free (g_steal_pointer (&card.cardholder_name));
      write_card (builder, &card);
      cp_http_json_builder (req, SOUP_STATUS_OK, builder);
      return;
    }
  if (type != NULL && !g_str_equal (type, "card"))
    {
      cp_http_invalid (req, "type", "The type is “card” or “bank_account”.");
      return;
    }
  if (!cp_request_get_string (req, "number", TRUE, &number)
      || !get_number (req, "exp_month", &exp_month)
      || !get_number (req, "exp_year", &exp_year)
      || !cp_request_get_string (req, "cvc", TRUE, &cvc)
      || !cp_request_get_string (req, "cardholder_name", TRUE, &name)
      || !cp_request_get_string (req, "postal_code", FALSE, &postal))
    return;

  number_copy = g_strdup (number);
  cvc_copy = g_strdup (cvc);
  ok = cp_vault_tokenize (self->vault, number_copy, exp_month, exp_year, cvc_copy, name, postal,
                          &card, &field, &message);
  sodium_memzero (number_copy, strlen (number_copy));
  sodium_memzero (cvc_copy, strlen (cvc_copy));
  g_free (number_copy);
  g_free (cvc_copy);

  if (!ok)
    {
      if (message != NULL)
        cp_http_invalid (req, field, message);
      else
        cp_http_internal (req);
      return;
    }
  g_free (g_steal_pointer (&card.cardholder_name));
  write_card (builder, &card);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/* `POST /v1/tokens/{token}/attach`: the portal saves the token as a
 * payment method; it gets what it may keep, and the token stops expiring. */
static void
tokens_attach (CpProcessor *self,
               CpRequest   *req,
               const char  *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CpVaultCard card;

  if (!cp_vault_attach (self->vault, token, &card))
    {
      cp_http_not_found (req);
      return;
    }
  write_card (builder, &card);
  cp_vault_card_clear (&card);
  cp_http_json_builder (req, SOUP_STATUS_OK, builder);
}

/* `DELETE /v1/tokens/{token}`: the payment method was deleted. */
static void
tokens_destroy (CpProcessor *self,
                CpRequest   *req,
                const char  *token)
{
  if (!cp_vault_destroy (self->vault, token))
    {
      cp_http_internal (req);
      return;
    }
  /* Out of the WAL too, not only out of the table. */
  cp_db_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  g_message ("A payment method's number was destroyed");
  cp_http_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* Columns: id, idempotency_key, token, amount, currency, status,
 * failure_message, created_at, settle_at. */
#define CHARGE_COLUMNS \
  "id, idempotency_key, token, amount, currency, status, failure_message, created_at, settle_at"

static void
write_charge (JsonBuilder *builder,
              CpStmt      *stmt)
{
  g_autofree char *id = g_strdup_printf ("ch_%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));

  json_builder_begin_object (builder);
  cp_json_add_string (builder, "id", id);
  cp_json_add_string (builder, "idempotency_key", cp_stmt_text (stmt, 1));
  cp_json_add_int (builder, "amount", sqlite3_column_int64 (stmt, 3));
  cp_json_add_string (builder, "currency", cp_stmt_text (stmt, 4));
  cp_json_add_string (builder, "status", cp_stmt_text (stmt, 5));
  cp_json_add_string_or_null (builder, "failure_message",
                              sqlite3_column_type (stmt, 6) == SQLITE_NULL
                              ? NULL : cp_stmt_text (stmt, 6));
  cp_json_add_time (builder, "created_at", sqlite3_column_int64 (stmt, 7));
  json_builder_end_object (builder);
}

/* Bank debits whose time has come settle to what they were to be. */
static void
settle_due (CpProcessor *self)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "UPDATE charges SET status = settle_status,"
                                          " failure_message = settle_message, updated_at = ?1"
                                          " WHERE status = 'pending' AND settle_at <= ?1");

  sqlite3_bind_int64 (stmt, 1, now_seconds ());
  cp_db_step (self->db, stmt);
}

static CpStmt *
select_charge (CpProcessor *self,
               const char  *key)
{
  CpStmt *stmt = cp_db_prepare (self->db,
                                "SELECT " CHARGE_COLUMNS " FROM charges WHERE idempotency_key = ?");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return stmt;
}

static char *
charge_json (CpStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  write_charge (builder, stmt);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
delayed_answer_cb (gpointer user_data)
{
  DelayedAnswer *answer = user_data;
  CpProcessor *self = answer->self;
  CpRequest *req = g_object_get_data (G_OBJECT (answer->msg), "cp-request");

  answer->id = 0;
  self->delayed = g_list_remove (self->delayed, answer);
  cp_http_raw_json (req, SOUP_STATUS_OK, answer->json);
  soup_server_message_unpause (answer->msg);
  delayed_answer_free (answer);
  return G_SOURCE_REMOVE;
}

static void
answer_charge (CpProcessor *self,
               CpRequest   *req,
               CpStmt      *stmt,
               gboolean     replayed)
{
  g_autofree char *json = charge_json (stmt);

  if (replayed)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "Idempotent-Replayed", "true");
  if (self->answer_delay > 0 && !replayed)
    {
      DelayedAnswer *answer = g_new0 (DelayedAnswer, 1);

      /* The charge is made; only its answer is late (a slow network). */
      answer->self = self;
      answer->msg = g_object_ref (req->msg);
      answer->json = g_steal_pointer (&json);
      answer->id = g_timeout_add_seconds (self->answer_delay, delayed_answer_cb, answer);
      self->delayed = g_list_prepend (self->delayed, answer);
      soup_server_message_pause (req->msg);
      return;
    }
  cp_http_raw_json (req, SOUP_STATUS_OK, json);
}

/* `POST /v1/charges` with an Idempotency-Key header: charges a token once
 * per key. The same key again answers the first charge; with another
 * token, amount or currency it is refused (409). */
static void
charges_create (CpProcessor *self,
                CpRequest   *req)
{
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Idempotency-Key");
  const char *token = NULL, *currency = NULL, *decline = NULL;
  g_autoptr(CpStmt) existing = NULL;
  g_autoptr(CpStmt) insert = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  const char *status = NULL, *settle_status = NULL, *bank_return = NULL;
  gboolean is_bank = FALSE;
  gint64 amount = 0, now = now_seconds ();

  if (key == NULL || *key == '\0' || strlen (key) > 255)
    {
      cp_http_invalid (req, "Idempotency-Key", "Send an Idempotency-Key header.");
      return;
    }
  if (!cp_request_get_string (req, "token", TRUE, &token)
      || !cp_request_get_int (req, "amount", TRUE, &amount)
      || !cp_request_get_string (req, "currency", TRUE, &currency))
    return;
  if (amount <= 0)
    {
      cp_http_invalid (req, "amount", "The amount must be positive.");
      return;
    }

  existing = select_charge (self, key);
  switch (cp_db_step (self->db, existing))
    {
    case SQLITE_ROW:
      if (g_strcmp0 (cp_stmt_text (existing, 2), token) != 0
          || sqlite3_column_int64 (existing, 3) != amount
          || g_strcmp0 (cp_stmt_text (existing, 4), currency) != 0)
        {
          cp_http_error (req, SOUP_STATUS_CONFLICT, "idempotency_conflict", "Idempotency-Key",
                         "This Idempotency-Key was already used for another charge.");
          return;
        }
      answer_charge (self, req, existing, TRUE);
      return;
    case SQLITE_DONE:
      break;
    default:
      cp_http_internal (req);
      return;
    }
  cp_stmt_release (g_steal_pointer (&existing));

  if (!cp_vault_bank_outcome (self->vault, token, &is_bank, &bank_return) || is_bank)
    {
      /* A bank debit: pending until it settles, ach_delay from now. */
      status = "pending";
      settle_status = bank_return == NULL ? "succeeded" : "failed";
    }
  else switch (cp_vault_charge (self->vault, token, amount, &decline))
    {
    case CP_VAULT_CHARGE_OK:
      status = "succeeded";
      break;
    case CP_VAULT_CHARGE_DECLINED:
      status = "failed";
      break;
    case CP_VAULT_CHARGE_UNKNOWN_TOKEN:
      status = "failed";
      decline = "The payment method is not known to the processor.";
      break;
    case CP_VAULT_CHARGE_ERROR:
    default:
      cp_http_internal (req);
      return;
    }

  insert = cp_db_prepare (self->db,
                          "INSERT INTO charges (idempotency_key, token, amount, currency, status,"
                          " failure_message, created_at, updated_at, settle_at, settle_status,"
                          " settle_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text (insert, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 3, amount);
  sqlite3_bind_text (insert, 4, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, status, -1, SQLITE_STATIC);
  if (decline != NULL)
    sqlite3_bind_text (insert, 6, decline, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (insert, 6);
  sqlite3_bind_int64 (insert, 7, now);
  sqlite3_bind_int64 (insert, 8, now);
  if (settle_status != NULL)
    {
      sqlite3_bind_int64 (insert, 9, now + self->ach_delay);
      sqlite3_bind_text (insert, 10, settle_status, -1, SQLITE_STATIC);
      if (bank_return != NULL)
        sqlite3_bind_text (insert, 11, bank_return, -1, SQLITE_STATIC);
    }
  if (cp_db_step (self->db, insert) != SQLITE_DONE)
    {
      cp_http_internal (req);
      return;
    }
  cp_stmt_release (g_steal_pointer (&insert));
  g_message ("Charge %" G_GINT64_FORMAT " %s", (gint64) cp_db_last_insert_id (self->db), status);

  stmt = select_charge (self, key);
  if (cp_db_step (self->db, stmt) != SQLITE_ROW)
    {
      cp_http_internal (req);
      return;
    }
  answer_charge (self, req, stmt, FALSE);
}

/* `GET /v1/charges/{idempotency_key}`: what became of a charge. */
static void
charges_get (CpProcessor *self,
             CpRequest   *req,
             const char  *key)
{
  g_autoptr(CpStmt) stmt = NULL;

  settle_due (self);
  stmt = select_charge (self, key);
  if (cp_db_step (self->db, stmt) != SQLITE_ROW)
    {
      cp_http_not_found (req);
      return;
    }
  answer_charge (self, req, stmt, TRUE);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CpProcessor *self = user_data;
  CpRequest *req = cp_request_new (NULL, msg, "/v1", path, query);
  const char *method = soup_server_message_get_method (msg);
  gboolean post = strcmp (method, "POST") == 0;
  KeyKind key;

  g_object_set_data_full (G_OBJECT (msg), "cp-request", req, (GDestroyNotify) cp_request_free);
  req->wipe_body = TRUE;
  if (soup_server_message_get_request_body (msg)->length > CP_BODY_MAX)
    {
      cp_http_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid_request", NULL,
                     "The request body is too large.");
      return;
    }
  key = request_key (self, req);
  if (key == KEY_NONE)
    {
      cp_http_error (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                     "The processor key is missing or wrong.");
      return;
    }
  if (post && !cp_request_parse_json (req))
    return;

  if (post && req->n_segments == 1 && strcmp (req->segments[0], "tokens") == 0)
    {
      tokens_create (self, req);
      return;
    }
  if (key != KEY_SECRET)
    {
      cp_http_error (req, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                     "This key may only make tokens.");
      return;
    }
  if (post && req->n_segments == 3 && strcmp (req->segments[0], "tokens") == 0
      && strcmp (req->segments[2], "attach") == 0)
    tokens_attach (self, req, req->segments[1]);
  else if (strcmp (method, "DELETE") == 0 && req->n_segments == 2
           && strcmp (req->segments[0], "tokens") == 0)
    tokens_destroy (self, req, req->segments[1]);
  else if (post && req->n_segments == 1 && strcmp (req->segments[0], "charges") == 0)
    charges_create (self, req);
  else if (strcmp (method, "GET") == 0 && req->n_segments == 2
           && strcmp (req->segments[0], "charges") == 0)
    charges_get (self, req, req->segments[1]);
  else
    cp_http_not_found (req);
}

static void
not_found_cb (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  CpRequest *req = cp_request_new (NULL, msg, "", path, query);

  g_object_set_data_full (G_OBJECT (msg), "cp-request", req, (GDestroyNotify) cp_request_free);
  cp_http_not_found (req);
}

/* Test hooks: a token lifetime and a clean-up interval of seconds. */
static gint64
env_seconds (const char *name,
             gint64      fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 24 * 60 * 60, &value, NULL))
    return (gint64) value;
  return fallback;
}

static gboolean
expiry_cb (gpointer user_data)
{
  CpProcessor *self = user_data;
  int n = cp_vault_expire_unused (self->vault, now_seconds () - env_seconds ("CP_PROCESSOR_TOKEN_TTL",
                                                                            TOKEN_TTL_SECONDS));

  if (n > 0)
    g_message ("%d unused tokens expired", n);
  return G_SOURCE_CONTINUE;
}

gboolean
cp_processor_listen (CpProcessor   *self,
                     GInetAddress  *address,
                     guint16        port,
                     GError       **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *host = NULL;
  GSList *uris;

  g_return_val_if_fail (CP_IS_PROCESSOR (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  self->soup = soup_server_new ("server-header", "customer-portal-processor/" PACKAGE_VERSION,
                                NULL);
  soup_server_add_handler (self->soup, "/v1", handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, not_found_cb, self, NULL);
  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->soup, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  host = g_inet_address_to_string (address);
  if (g_inet_address_get_is_any (address))
    {
      g_free (host);
      host = g_strdup (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "::1"
                                                                                 : "127.0.0.1");
    }
  g_free (self->base_url);
  if (strchr (host, ':') != NULL)
    self->base_url = g_strdup_printf ("http://[%s]:%u", host, port);
  else
    self->base_url = g_strdup_printf ("http://%s:%u", host, port);

  expiry_cb (self);
  self->expiry_id = g_timeout_add_seconds ((guint) env_seconds ("CP_PROCESSOR_CLEANUP_INTERVAL",
                                                                EXPIRY_INTERVAL_SECONDS),
                                           expiry_cb, self);
  return TRUE;
}

const char *
cp_processor_get_base_url (CpProcessor *self)
{
  g_return_val_if_fail (CP_IS_PROCESSOR (self), NULL);

  return self->base_url;
}
