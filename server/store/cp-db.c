/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <string.h>

#include "cp-db.h"

/* Opening and migrating wait up to 5 s for another program's lock; once
 * serving, on the one main thread, a statement waits at most this long and
 * the request is answered 503 (cp_db_take_busy()). */
#define OPEN_BUSY_TIMEOUT_MS 5000
#define SERVING_BUSY_TIMEOUT_MS 200

struct _CpDb
{
  sqlite3 *handle;
  GHashTable *statements;  /* SQL text → Statement */
  GHashTable *by_address;  /* a caller's SQL text, by address → Statement */
  char *kind;
  gboolean busy;           /* a statement found the database locked */
};

G_DEFINE_QUARK (cp-db-error-quark, cp_db_error)

typedef struct
{
  char *sql;
  sqlite3_stmt *stmt;
} Statement;

static void
statement_free (gpointer data)
{
  Statement *statement = data;

  sqlite3_finalize (statement->stmt);
  g_free (statement->sql);
  g_free (statement);
}

static gboolean
set_error (CpDb    *self,
           GError **error,
           const char *what)
{
  g_set_error (error, CP_DB_ERROR, sqlite3_errcode (self->handle),
               "%s database: %s: %s", self->kind, what, sqlite3_errmsg (self->handle));
  return FALSE;
}

/**
 * cp_db_open:
 * @path: the database file
 * @kind: a word for messages ("portal", "vault")
 *
 * Opens (creating when missing) a database in WAL mode with foreign keys on.
 */
CpDb *
cp_db_open (const char  *path,
            const char  *kind,
            GError     **error)
{
  CpDb *self = g_new0 (CpDb, 1);
  int rc;

  self->kind = g_strdup (kind);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_free);
  self->by_address = g_hash_table_new (NULL, NULL);
  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CP_DB_ERROR, rc, "Cannot open %s database %s: %s", kind, path,
                   self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      cp_db_close (self);
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, OPEN_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, 1);
  if (!cp_db_exec (self, "PRAGMA journal_mode = WAL", error)
      || !cp_db_exec (self, "PRAGMA foreign_keys = ON", error)
      || !cp_db_exec (self, "PRAGMA synchronous = NORMAL", error)
      || !cp_db_exec (self, "PRAGMA secure_delete = ON", error))
    {
      cp_db_close (self);
      return NULL;
    }

  return self;
}

void
cp_db_close (CpDb *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close (self->handle);
  g_free (self->kind);
  g_free (self);
}

sqlite3 *
cp_db_get_handle (CpDb *self)
{
  return self->handle;
}

/**
 * cp_db_prepare:
 * @sql: a constant SQL text with `?` parameters
 *
 * Returns: (transfer none): the cached, reset statement for @sql. Aborts on
 *   SQL that does not compile: that is a programming error, not input.
 */
CpStmt *
cp_db_prepare (CpDb       *self,
               const char *sql)
{
  /* The texts are the callers' constants: found by their address first
   * (checked against the text, which is quicker than hashing it), by the
   * text when an address is new. */
  Statement *statement = g_hash_table_lookup (self->by_address, sql);

  if (statement == NULL || strcmp (statement->sql, sql) != 0)
    {
      statement = g_hash_table_lookup (self->statements, sql);
      if (statement == NULL)
        {
          sqlite3_stmt *stmt = NULL;
          int rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                                       NULL);

          if (rc != SQLITE_OK)
            g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->handle));
          statement = g_new0 (Statement, 1);
          statement->sql = g_strdup (sql);
          statement->stmt = stmt;
          g_hash_table_insert (self->statements, statement->sql, statement);
          g_hash_table_replace (self->by_address, (gpointer) sql, statement);
          return stmt;
        }
      g_hash_table_replace (self->by_address, (gpointer) sql, statement);
    }
  sqlite3_reset (statement->stmt);
  sqlite3_clear_bindings (statement->stmt);
  return statement->stmt;
}

void
cp_stmt_release (CpStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
cp_stmt_bind_text (CpStmt     *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
cp_stmt_text (CpStmt *stmt,
              int     column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

int
cp_db_step (CpDb   *self,
            CpStmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      /* Another program holds the lock: not a fault of the server's. */
      self->busy = TRUE;
      g_message ("%s database is locked by another connection", self->kind);
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT)
    g_warning ("%s database: %s", self->kind, sqlite3_errmsg (self->handle));
  return rc;
}

/**
 * cp_db_take_busy:
 *
 * Returns: whether a statement found the database locked since the last
 *   call (which resets it): the failure to answer is then 503, not 500
 */
gboolean
cp_db_take_busy (CpDb *self)
{
  gboolean busy = self->busy;

  self->busy = FALSE;
  return busy;
}

gboolean
cp_db_exec (CpDb        *self,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, CP_DB_ERROR, sqlite3_errcode (self->handle), "%s database: %s",
                   self->kind, message ? message : sqlite3_errmsg (self->handle));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cp_db_begin (CpDb *self)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self, "BEGIN IMMEDIATE");

  return cp_db_step (self, stmt) == SQLITE_DONE;
}

gboolean
cp_db_commit (CpDb *self)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self, "COMMIT");

  return cp_db_step (self, stmt) == SQLITE_DONE;
}

void
cp_db_rollback (CpDb *self)
{
  g_autoptr(CpStmt) stmt = NULL;

  if (sqlite3_get_autocommit (self->handle))
    return;
  stmt = cp_db_prepare (self, "ROLLBACK");
  cp_db_step (self, stmt);
}

gint64
cp_db_last_insert_id (CpDb *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}

int
cp_db_changes (CpDb *self)
{
  return sqlite3_changes (self->handle);
}

const char *
cp_db_errmsg (CpDb *self)
{
  return sqlite3_errmsg (self->handle);
}

/* Migrations are applied in order, each in its own transaction, and recorded
 * in the `migrations` table; a database is never taken backwards. */
static gboolean
migrate (CpDb               *self,
         const char * const *steps,
         guint               n_steps,
         GError            **error)
{
  gint64 applied = 0;

  if (!cp_db_exec (self,
                   "CREATE TABLE IF NOT EXISTS migrations ("
                   "  version INTEGER PRIMARY KEY,"
                   "  applied_at INTEGER NOT NULL)", error))
    return FALSE;

  {
    g_autoptr(CpStmt) stmt = cp_db_prepare (self, "SELECT COALESCE(MAX(version), 0) FROM migrations");

    if (cp_db_step (self, stmt) != SQLITE_ROW)
      return set_error (self, error, "reading the schema version");
    applied = sqlite3_column_int64 (stmt, 0);
  }

  if (applied > n_steps)
    {
      g_set_error (error, CP_DB_ERROR, 0,
                   "%s database has schema version %" G_GINT64_FORMAT
                   ", newer than this server knows (%u)", self->kind, applied, n_steps);
      return FALSE;
    }

  for (guint i = (guint) applied; i < n_steps; i++)
    {
      g_autoptr(CpStmt) record = NULL;

      if (!cp_db_begin (self))
        return set_error (self, error, "starting a migration");
      if (!cp_db_exec (self, steps[i], error))
        {
          cp_db_rollback (self);
          return FALSE;
        }
      record = cp_db_prepare (self, "INSERT INTO migrations (version, applied_at) VALUES (?, ?)");
      sqlite3_bind_int64 (record, 1, i + 1);
      sqlite3_bind_int64 (record, 2, g_get_real_time () / G_USEC_PER_SEC);
      if (cp_db_step (self, record) != SQLITE_DONE || !cp_db_commit (self))
        {
          cp_db_rollback (self);
          return set_error (self, error, "recording a migration");
        }
      g_debug ("%s database migrated to version %u", self->kind, i + 1);
    }

  sqlite3_busy_timeout (self->handle, SERVING_BUSY_TIMEOUT_MS);
  return TRUE;
}

static const char * const portal_steps[] = {
  /* 1: the whole first schema. Times are Unix seconds unless the column is
   * a calendar date (TEXT, YYYY-MM-DD) or a visit time (TEXT, RFC 3339 UTC). */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  email TEXT UNIQUE COLLATE NOCASE,"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE, id);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('customer', 'staff', 'admin')),"
  "  customer_id INTEGER UNIQUE REFERENCES customers (id),"
  "  password_hash TEXT NOT NULL,"
  "  email_verified INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL,"
  "  CHECK ((role = 'customer') = (customer_id IS NOT NULL)));"
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  revoked_at INTEGER);"
  "CREATE INDEX sessions_by_user ON sessions (user_id);"
  "CREATE TABLE access_tokens ("
  "  hash BLOB PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  expires_at INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX access_tokens_by_session ON access_tokens (session_id);"
  "CREATE TABLE refresh_tokens ("
  "  hash BLOB PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  expires_at INTEGER NOT NULL,"
  "  used_at INTEGER) WITHOUT ROWID;"
  "CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);"
  "CREATE TABLE email_codes ("
  "  id INTEGER PRIMARY KEY,"
  "  email TEXT NOT NULL COLLATE NOCASE,"
  "  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),"
  "  code_hash BLOB NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  used_at INTEGER);"
  "CREATE INDEX email_codes_by_email ON email_codes (email, purpose, id);"
  "CREATE TABLE invoices ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  number TEXT NOT NULL UNIQUE,"
  "  issued_on TEXT NOT NULL,"
  "  due_on TEXT NOT NULL,"
  "  total INTEGER NOT NULL CHECK (total >= 0),"
  "  balance INTEGER NOT NULL CHECK (balance >= 0 AND balance <= total),"
  "  summary TEXT NOT NULL);"
  "CREATE INDEX invoices_by_customer ON invoices (customer_id, issued_on DESC, id DESC);"
  "CREATE TABLE service_visits ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  date TEXT NOT NULL,"
  "  job_number TEXT NOT NULL,"
  "  job_type TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  technician TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  invoice_id INTEGER REFERENCES invoices (id));"
  "CREATE INDEX service_visits_by_customer ON service_visits (customer_id, date DESC, id DESC);"
  "CREATE TABLE payment_methods ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  vault_token TEXT NOT NULL UNIQUE,"
  "  brand TEXT NOT NULL,"
  "  last4 TEXT NOT NULL CHECK (length (last4) = 4),"
  "  exp_month INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),"
  "  exp_year INTEGER NOT NULL,"
  "  cardholder_name TEXT NOT NULL,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  added_at INTEGER NOT NULL,"
  "  added_via TEXT NOT NULL CHECK (added_via IN ('portal', 'office')),"
  "  removed_at INTEGER);"
  "CREATE INDEX payment_methods_by_customer ON payment_methods (customer_id, removed_at);"
  "CREATE UNIQUE INDEX payment_methods_one_primary ON payment_methods (customer_id)"
  "  WHERE is_primary = 1 AND removed_at IS NULL;"
  "CREATE TABLE payment_method_events ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  payment_method_id INTEGER NOT NULL REFERENCES payment_methods (id),"
  "  at INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('added', 'set_primary', 'removed')),"
  "  actor_role TEXT NOT NULL,"
  "  actor_name TEXT NOT NULL,"
  "  channel TEXT NOT NULL CHECK (channel IN ('portal', 'office', 'system')));"
  "CREATE INDEX payment_method_events_by_customer"
  "  ON payment_method_events (customer_id, id DESC);"
  "CREATE TABLE payments ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  payment_method_id INTEGER NOT NULL REFERENCES payment_methods (id),"
  "  user_id INTEGER REFERENCES users (id),"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  status TEXT NOT NULL,"
  "  receipt_number TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX payments_by_customer ON payments (customer_id, id DESC);"
  "CREATE TABLE payment_allocations ("
  "  payment_id INTEGER NOT NULL REFERENCES payments (id),"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  position INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  PRIMARY KEY (payment_id, invoice_id));"
  "CREATE TABLE idempotency_keys ("
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  request_hash BLOB NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  response TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, key));"
  "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);"
  "INSERT INTO settings (key, value) VALUES"
  "  ('company_name', 'Customer Portal'), ('currency', 'USD'),"
  "  ('online_payments_enabled', '1');",
  /* 2: the office desk. Who added a card and when it last changed or paid;
   * a payment's channel and memo; the saved payment methods report, in
   * expiry order across customers, read through an index. */
  "ALTER TABLE payment_methods ADD COLUMN added_by_role TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE payment_methods ADD COLUMN added_by_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE payment_methods ADD COLUMN updated_at INTEGER;"
  "ALTER TABLE payment_methods ADD COLUMN last_used_at INTEGER;"
  "UPDATE payment_methods SET"
  "  added_by_role = COALESCE ((SELECT e.actor_role FROM payment_method_events e"
  "    WHERE e.payment_method_id = payment_methods.id AND e.action = 'added'), ''),"
  "  added_by_name = COALESCE ((SELECT e.actor_name FROM payment_method_events e"
  "    WHERE e.payment_method_id = payment_methods.id AND e.action = 'added'), ''),"
  "  updated_at = COALESCE ((SELECT MAX (e.at) FROM payment_method_events e"
  "    WHERE e.payment_method_id = payment_methods.id), added_at),"
  "  last_used_at = (SELECT MAX (p.created_at) FROM payments p"
  "    WHERE p.payment_method_id = payment_methods.id);"
  "CREATE INDEX payment_methods_by_expiry ON payment_methods"
  "  (exp_year * 12 + exp_month, id) WHERE removed_at IS NULL;"
  "ALTER TABLE payments ADD COLUMN channel TEXT NOT NULL DEFAULT 'portal'"
  "  CHECK (channel IN ('portal', 'office'));"
  "ALTER TABLE payments ADD COLUMN memo TEXT NOT NULL DEFAULT '';"
  "UPDATE payments SET channel = 'office' WHERE user_id IN"
  "  (SELECT id FROM users WHERE role IN ('staff', 'admin'));",
  /* 3: payments through the processor. A payment is written as pending,
   * with the key it is charged under, before the charge; its allocations
   * hold the amount against the invoices until it settles (the balance
   * drops only when it succeeds). Every change of status is an event. */
  "ALTER TABLE payments ADD COLUMN processor_key TEXT;"
  "ALTER TABLE payments ADD COLUMN failure_message TEXT;"
  "CREATE UNIQUE INDEX payments_by_processor_key ON payments (processor_key);"
  "CREATE INDEX payments_pending ON payments (id) WHERE status = 'pending';"
  "CREATE TABLE payment_events ("
  "  id INTEGER PRIMARY KEY,"
  "  payment_id INTEGER NOT NULL REFERENCES payments (id),"
  "  at INTEGER NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')));"
  "CREATE INDEX payment_events_by_payment ON payment_events (payment_id, id);"
  "INSERT INTO payment_events (payment_id, at, status)"
  "  SELECT id, created_at, status FROM payments;"
  "ALTER TABLE idempotency_keys ADD COLUMN payment_id INTEGER REFERENCES payments (id);"
  /* Tokens of deleted payment methods whose numbers the processor has not
   * yet confirmed destroying. */
  "CREATE TABLE processor_deletions ("
  "  token TEXT PRIMARY KEY,"
  "  requested_at INTEGER NOT NULL);",
  /* 4: bank accounts (ACH) beside cards; brand is then "bank_account". */
  "ALTER TABLE payment_methods ADD COLUMN type TEXT NOT NULL DEFAULT 'card'"
  "  CHECK (type IN ('card', 'bank_account'));"
  "ALTER TABLE payment_methods ADD COLUMN bank_name TEXT NOT NULL DEFAULT '';",
  /* 5: signed-in devices. Each session keeps the device name and app
   * version its login sent, and when it was last used. */
  "ALTER TABLE sessions ADD COLUMN device_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE sessions ADD COLUMN app_version TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE sessions ADD COLUMN last_used_at INTEGER;"
  /* 'signed_out' when its user ended it from another device. */
  "ALTER TABLE sessions ADD COLUMN revoked_reason TEXT;"
  "UPDATE sessions SET last_used_at = created_at;",
  /* 6: AutoPay. One row per customer who ever turned it on: the method it
   * pays with, the UTC date it was last turned on (invoices due before it
   * are left for the customer), the consent as accepted (the text as
   * rendered, its version, who, when, through which channel) and the last
   * declined AutoPay payment. Every change and every AutoPay payment is an
   * event. An AutoPay payment is an ordinary payment (channel 'portal' in
   * its CHECKed column, no user) with the due date it pays in autopay_due_on;
   * its processor key ap_<invoice>_<due date> is unique, so it is made once. */
  "CREATE TABLE autopay ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers (id),"
  "  enabled INTEGER NOT NULL DEFAULT 0,"
  "  payment_method_id INTEGER REFERENCES payment_methods (id),"
  "  enabled_on TEXT,"
  "  consent_version TEXT,"
  "  consent_text TEXT,"
  "  consent_at INTEGER,"
  "  consent_actor_role TEXT,"
  "  consent_actor_name TEXT,"
  "  consent_channel TEXT,"
  "  last_failure_payment_id INTEGER REFERENCES payments (id),"
  "  last_failure_at INTEGER,"
  "  CHECK (enabled = 0 OR (payment_method_id IS NOT NULL AND enabled_on IS NOT NULL)));"
  "CREATE INDEX autopay_enabled ON autopay (customer_id) WHERE enabled = 1;"
  "CREATE TABLE autopay_events ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  at INTEGER NOT NULL,"
  "  action TEXT NOT NULL"
  "    CHECK (action IN ('enabled', 'disabled', 'method_changed', 'paid', 'declined')),"
  "  actor_role TEXT NOT NULL,"
  "  actor_name TEXT NOT NULL,"
  "  channel TEXT NOT NULL CHECK (channel IN ('portal', 'office', 'system')),"
  "  payment_method_id INTEGER REFERENCES payment_methods (id),"
  "  invoice_id INTEGER REFERENCES invoices (id),"
  "  payment_id INTEGER REFERENCES payments (id),"
  "  amount INTEGER,"
  "  consent_version TEXT,"
  "  reason TEXT);"
  "CREATE INDEX autopay_events_by_customer ON autopay_events (customer_id, id DESC);"
  "ALTER TABLE payments ADD COLUMN autopay_due_on TEXT;",
};

gboolean
cp_db_migrate_portal (CpDb    *self,
                      GError **error)
{
  return migrate (self, portal_steps, G_N_ELEMENTS (portal_steps), error);
}

/* Another database's schema (the payment processor's), by the same rules. */
gboolean
cp_db_migrate (CpDb               *self,
               const char * const *steps,
               guint               n_steps,
               GError            **error)
{
  return migrate (self, steps, n_steps, error);
}
