/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-processor"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "store/cp-clock.h"
#include "store/cp-db.h"
#include "cp-vault.h"

struct _CpVault
{
  CpDb *db;                /* borrowed: the processor's */
  guchar key[CP_VAULT_KEY_BYTES];
};

CpVault *
cp_vault_new (CpDb         *db,
              const guchar  key[CP_VAULT_KEY_BYTES])
{
  CpVault *self = g_new0 (CpVault, 1);

  self->db = db;
  memcpy (self->key, key, CP_VAULT_KEY_BYTES);
  return self;
}

void
cp_vault_free (CpVault *self)
{
  if (self == NULL)
    return;
  sodium_memzero (self->key, sizeof self->key);
  g_free (self);
}

gboolean
cp_vault_begin (CpVault *self)
{
  return cp_db_begin (self->db);
}

gboolean
cp_vault_commit (CpVault *self)
{
  return cp_db_commit (self->db);
}

/* Seals @digits into a fresh buffer (nonce first). */
static guchar *
seal (CpVault    *self,
      const char *digits,
      gsize      *sealed_len)
{
  gsize len = strlen (digits);
  guchar *out = g_malloc (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len);

  randombytes_buf (out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (out + crypto_secretbox_NONCEBYTES, (const guchar *) digits, len, out,
                         self->key);
  *sealed_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
  return out;
}

/* Opens a sealed number into @digits (of @size bytes); FALSE if it does not
 * authenticate (another key, or tampering). */
static gboolean
unseal (CpVault      *self,
        const guchar *sealed,
        gsize         sealed_len,
        char         *digits,
        gsize         size)
{
  gsize len;

  if (sealed == NULL || sealed_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return FALSE;
  len = sealed_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
  if (len + 1 > size)
    return FALSE;
  if (crypto_secretbox_open_easy ((guchar *) digits, sealed + crypto_secretbox_NONCEBYTES,
                                  sealed_len - crypto_secretbox_NONCEBYTES, sealed,
                                  self->key) != 0)
    return FALSE;
  digits[len] = '\0';
  return TRUE;
}

void
cp_vault_card_clear (CpVaultCard *card)
{
  g_clear_pointer (&card->cardholder_name, g_free);
}

static gboolean
luhn_valid (const char *digits)
{
  gsize len = strlen (digits);
  int sum = 0;

  for (gsize i = 0; i < len; i++)
    {
      int d = digits[len - 1 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return sum % 10 == 0;
}

static int
prefix_value (const char *digits,
              guint       n)
{
  int value = 0;

  for (guint i = 0; i < n && digits[i]; i++)
    value = value * 10 + (digits[i] - '0');
  return value;
}

/* Brand by issuer identification number range, with the lengths each brand
 * issues and its security-code length. */
static const char *
detect_brand (const char *digits,
              guint      *min_len,
              guint      *max_len,
              guint      *cvc_len)
{
  int p1 = prefix_value (digits, 1);
  int p2 = prefix_value (digits, 2);
  int p3 = prefix_value (digits, 3);
  int p4 = prefix_value (digits, 4);
  int p6 = prefix_value (digits, 6);

  *cvc_len = 3;
  if (p2 == 34 || p2 == 37)
    {
      *min_len = *max_len = 15;
      *cvc_len = 4;
      return "amex";
    }
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))
    {
      *min_len = *max_len = 16;
      return "mastercard";
    }
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
    {
      *min_len = 16;
      *max_len = 19;
      return "discover";
    }
  if (p4 >= 3528 && p4 <= 3589)
    {
      *min_len = 16;
      *max_len = 19;
      return "jcb";
    }
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39)
    {
      *min_len = 14;
      *max_len = 19;
      return "diners";
    }
  if (p2 == 62)
    {
      *min_len = 16;
      *max_len = 19;
      return "unionpay";
    }
  if (p1 == 4)
    {
      *min_len = 13;
      *max_len = 19;
      return "visa";
    }
  return NULL;
}

static gboolean
all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/**
 * cp_vault_tokenize:
 *
 * Validates a card and stores it under a new random token. On bad input
 * returns %FALSE with the field at fault and a message for people. The
 * caller wipes its copies of @number and @cvc; the CVC is checked, never kept.
 */
gboolean
cp_vault_tokenize (CpVault      *self,
                   const char   *number,
                   gint64        exp_month,
                   gint64        exp_year,
                   const char   *cvc,
                   const char   *cardholder_name,
                   const char   *postal_code,
                   CpVaultCard  *out,
                   const char  **error_field,
                   const char  **error_message)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (cp_now ());
  char digits[24];
  gsize n = 0;
  guint min_len = 0, max_len = 0, cvc_len = 3;
  const char *brand;
  guchar raw[24];
  g_autofree char *token_body = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree guchar *sealed = NULL;
  gsize sealed_len = 0;
  gint64 now_ym;

  memset (out, 0, sizeof *out);

  /* Accept the spaces and dashes people type between groups. */
  for (const char *p = number; *p; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isdigit (*p) || n >= sizeof digits - 1)
        {
          sodium_memzero (digits, sizeof digits);
          *error_field = "number";
          *error_message = "The card number is not valid.";
          return FALSE;
        }
      digits[n++] = *p;
    }
  digits[n] = '\0';

  brand = n >= 12 ? detect_brand (digits, &min_len, &max_len, &cvc_len) : NULL;
  /* Visa issues 13, 16 and 19 digits, nothing between. */
  if (brand == NULL || n < min_len || n > max_len || !luhn_valid (digits)
      || (g_str_equal (brand, "visa") && n != 13 && n != 16 && n != 19))
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = "number";
      *error_message = brand == NULL && n >= 12 ? "This card type is not accepted."
                                                : "The card number is not valid.";
      return FALSE;
    }

  if (exp_month < 1 || exp_month > 12)
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = "exp_month";
      *error_message = "The expiry month must be from 1 to 12.";
      return FALSE;
    }
  if (exp_year >= 0 && exp_year < 100)
    exp_year += 2000;
  now_ym = g_date_time_get_year (now) * 12 + g_date_time_get_month (now);
  if (exp_year < 2000 || exp_year > g_date_time_get_year (now) + 25)
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = "exp_year";
      *error_message = "The expiry year is not valid.";
      return FALSE;
    }
  if (exp_year * 12 + exp_month < now_ym)
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = exp_year < g_date_time_get_year (now) ? "exp_year" : "exp_month";
      *error_message = "The card has expired.";
      return FALSE;
    }

  if (!all_digits (cvc) || strlen (cvc) != cvc_len)
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = "cvc";
      *error_message = cvc_len == 4 ? "The security code must be 4 digits."
                                    : "The security code must be 3 digits.";
      return FALSE;
    }

  name = g_strstrip (g_strdup (cardholder_name ? cardholder_name : ""));
  if (*name == '\0' || g_utf8_strlen (name, -1) > 100)
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = "cardholder_name";
      *error_message = "Enter the name on the card.";
      return FALSE;
    }
  if (postal_code != NULL && strlen (postal_code) > 16)
    {
      sodium_memzero (digits, sizeof digits);
      *error_field = "postal_code";
      *error_message = "The postal code is not valid.";
      return FALSE;
    }

  randombytes_buf (raw, sizeof raw);
  token_body = g_base64_encode (raw, sizeof raw);
  for (char *p = token_body; *p; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  g_snprintf (out->token, sizeof out->token, "tok_%s", token_body);
  g_strlcpy (out->type, "card", sizeof out->type);
  g_strlcpy (out->brand, brand, sizeof out->brand);
  g_strlcpy (out->last4, digits + n - 4, sizeof out->last4);
  out->exp_month = (int) exp_month;
  out->exp_year = (int) exp_year;
  out->cardholder_name = g_strdup (name);

  sealed = seal (self, digits, &sealed_len);
  stmt = cp_db_prepare (self->db,
                        "INSERT INTO vault_cards (token, number_sealed, brand, exp_month, exp_year,"
                        " cardholder_name, postal_code, created_at, last4)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, out->token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, sealed, (int) sealed_len, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, brand, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, out->exp_month);
  sqlite3_bind_int (stmt, 5, out->exp_year);
  sqlite3_bind_text (stmt, 6, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, postal_code ? postal_code : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, cp_now ());
  sqlite3_bind_text (stmt, 9, out->last4, -1, SQLITE_TRANSIENT);
  sodium_memzero (digits, sizeof digits);
  if (cp_db_step (self->db, stmt) != SQLITE_DONE)
    {
      cp_vault_card_clear (out);
      *error_field = NULL;
      *error_message = NULL;
      return FALSE;
    }

  return TRUE;
}

gboolean
cp_vault_lookup (CpVault     *self,
                 const char  *token,
                 CpVaultCard *out)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "SELECT token, brand, last4, exp_month,"
                                          " exp_year, cardholder_name, type,"
                                          " COALESCE (bank_name, '') FROM vault_cards"
                                          " WHERE token = ? AND destroyed_at IS NULL");

  memset (out, 0, sizeof *out);
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  if (cp_db_step (self->db, stmt) != SQLITE_ROW)
    return FALSE;
  g_strlcpy (out->token, cp_stmt_text (stmt, 0), sizeof out->token);
  g_strlcpy (out->brand, cp_stmt_text (stmt, 1), sizeof out->brand);
  g_strlcpy (out->last4, cp_stmt_text (stmt, 2), sizeof out->last4);
  out->exp_month = sqlite3_column_int (stmt, 3);
  out->exp_year = sqlite3_column_int (stmt, 4);
  out->cardholder_name = g_strdup (cp_stmt_text (stmt, 5));
  g_strlcpy (out->type, cp_stmt_text (stmt, 6), sizeof out->type);
  g_strlcpy (out->bank_name, cp_stmt_text (stmt, 7), sizeof out->bank_name);
  return TRUE;
}

/**
 * cp_vault_charge:
 *
 * Charges a stored card. Published processor test numbers decline the way
 * processors document them; any other valid card succeeds.
 */
CpVaultChargeResult
cp_vault_charge (CpVault     *self,
                 const char  *token,
                 gint64       amount,
                 const char **decline_message)
{
  static const struct { const char *number; const char *message; } declines[] = {
    { "4000000000000002", "Your card was declined." },
    { "4000000000009995", "Your card was declined: insufficient funds." },
    { "4000000000009987", "Your card was declined: the card was reported lost." },
    { "4000000000009979", "Your card was declined: the card was reported stolen." },
    { "4000000000000069", "Your card has expired." },
    { "4000000000000127", "Your card's security code is incorrect." },
    { "4000000000000119", "An error occurred while processing your card. Try again." },
    { "4000000000000341", "Your card was declined." },
  };
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "SELECT number_sealed, exp_year * 12 + exp_month"
                                          " FROM vault_cards WHERE token = ?"
                                          " AND destroyed_at IS NULL");
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (cp_now ());
  char number[24];

  *decline_message = NULL;
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  switch (cp_db_step (self->db, stmt))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      return CP_VAULT_CHARGE_UNKNOWN_TOKEN;
    default:
      return CP_VAULT_CHARGE_ERROR;
    }

  if (sqlite3_column_int64 (stmt, 1)
      < g_date_time_get_year (now) * 12 + g_date_time_get_month (now))
    {
      *decline_message = "Your card has expired.";
      return CP_VAULT_CHARGE_DECLINED;
    }

  if (!unseal (self, sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0),
               number, sizeof number))
    {
      g_warning ("A stored card does not open with this key file");
      return CP_VAULT_CHARGE_ERROR;
    }
  for (guint i = 0; i < G_N_ELEMENTS (declines); i++)
    if (strcmp (number, declines[i].number) == 0)
      {
        sodium_memzero (number, sizeof number);
        *decline_message = declines[i].message;
        return CP_VAULT_CHARGE_DECLINED;
      }
  sodium_memzero (number, sizeof number);

  g_debug ("vault: charged %" G_GINT64_FORMAT " minor units", amount);
  return CP_VAULT_CHARGE_OK;
}

gboolean
cp_vault_attach (CpVault     *self,
                 const char  *token,
                 CpVaultCard *out)
{
  g_autoptr(CpStmt) mark = NULL;

  if (!cp_vault_lookup (self, token, out))
    return FALSE;
  mark = cp_db_prepare (self->db,
                        "UPDATE vault_cards SET attached_at = ?2"
                        " WHERE token = ?1 AND attached_at IS NULL");
  sqlite3_bind_text (mark, 1, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (mark, 2, cp_now ());
  if (cp_db_step (self->db, mark) != SQLITE_DONE)
    {
      cp_vault_card_clear (out);
      return FALSE;
    }
  return TRUE;
}

/**
 * cp_vault_destroy:
 *
 * Forgets the number of @token for good: the sealed digits are dropped
 * (SQLite's secure_delete overwrites the freed space), the brand, last four
 * and expiry stay for receipts. Destroying twice is not an error.
 */
gboolean
cp_vault_destroy (CpVault    *self,
                  const char *token)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "UPDATE vault_cards SET number_sealed = NULL,"
                                          " postal_code = '', destroyed_at = ?2"
                                          " WHERE token = ?1 AND destroyed_at IS NULL");

  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, cp_now ());
  return cp_db_step (self->db, stmt) == SQLITE_DONE;
}

int
cp_vault_expire_unused (CpVault *self,
                        gint64   created_before)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "DELETE FROM vault_cards"
                                          " WHERE attached_at IS NULL AND created_at <= ?");

  sqlite3_bind_int64 (stmt, 1, created_before);
  if (cp_db_step (self->db, stmt) != SQLITE_DONE)
    return -1;
  return cp_db_changes (self->db);
}

/* ABA routing number checksum: 3, 7, 1 weights over the nine digits. */
static gboolean
aba_valid (const char *routing)
{
  static const int weights[] = { 3, 7, 1, 3, 7, 1, 3, 7, 1 };
  int sum = 0;

  if (strlen (routing) != 9 || !all_digits (routing))
    return FALSE;
  for (guint i = 0; i < 9; i++)
    sum += weights[i] * (routing[i] - '0');
  return sum % 10 == 0;
}

static const char *
bank_name_for (const char *routing)
{
  static const struct { const char *routing; const char *name; } banks[] = {
    { "110000000", "Stripe Test Bank" },
    { "021000021", "JPMorgan Chase" },
    { "026009593", "Bank of America" },
    { "121000248", "Wells Fargo" },
    { "011000015", "Federal Reserve Bank" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (banks); i++)
    if (strcmp (banks[i].routing, routing) == 0)
      return banks[i].name;
  return "";
}

gboolean
cp_vault_tokenize_bank (CpVault      *self,
                        const char   *holder,
                        const char   *routing_number,
                        const char   *account_number,
                        CpVaultCard  *out,
                        const char  **error_field,
                        const char  **error_message)
{
  g_autofree char *name = g_strstrip (g_strdup (holder ? holder : ""));
  g_autofree guchar *sealed = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  guchar raw[24];
  g_autofree char *token_body = NULL;
  gsize sealed_len = 0, len;

  memset (out, 0, sizeof *out);
  if (*name == '\0' || g_utf8_strlen (name, -1) > 100)
    {
      *error_field = "account_holder";
      *error_message = "Enter the name of the account holder.";
      return FALSE;
    }
  if (routing_number == NULL || !aba_valid (routing_number))
    {
      *error_field = "routing_number";
      *error_message = "The routing number is not valid.";
      return FALSE;
    }
  len = account_number ? strlen (account_number) : 0;
  if (len < 4 || len > 17 || !all_digits (account_number))
    {
      *error_field = "account_number";
      *error_message = "The account number must be 4 to 17 digits.";
      return FALSE;
    }

  randombytes_buf (raw, sizeof raw);
  token_body = g_base64_encode (raw, sizeof raw);
  for (char *p = token_body; *p; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  g_snprintf (out->token, sizeof out->token, "btok_%s", token_body);
  g_strlcpy (out->type, "bank_account", sizeof out->type);
  g_strlcpy (out->brand, "bank_account", sizeof out->brand);
  g_strlcpy (out->bank_name, bank_name_for (routing_number), sizeof out->bank_name);
  g_strlcpy (out->last4, account_number + len - 4, sizeof out->last4);
  /* No expiry: the portal's columns want one, the latest there is. */
  out->exp_month = 12;
  out->exp_year = 2199;
  out->cardholder_name = g_strdup (name);

  sealed = seal (self, account_number, &sealed_len);
  stmt = cp_db_prepare (self->db,
                        "INSERT INTO vault_cards (token, number_sealed, brand, exp_month, exp_year,"
                        " cardholder_name, created_at, last4, type, routing_number, bank_name)"
                        " VALUES (?, ?, 'bank_account', 12, 2199, ?, ?, ?, 'bank_account', ?, ?)");
  sqlite3_bind_text (stmt, 1, out->token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, sealed, (int) sealed_len, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, cp_now ());
  sqlite3_bind_text (stmt, 5, out->last4, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, routing_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, out->bank_name, -1, SQLITE_TRANSIENT);
  if (cp_db_step (self->db, stmt) != SQLITE_DONE)
    {
      cp_vault_card_clear (out);
      *error_field = NULL;
      *error_message = NULL;
      return FALSE;
    }
  return TRUE;
}

/**
 * cp_vault_bank_outcome:
 *
 * Bank debits settle later; the published test account numbers that are
 * returned (not found, closed, insufficient funds, not authorized) come
 * back so, any other account is paid. Sets @is_bank for bank tokens only.
 */
gboolean
cp_vault_bank_outcome (CpVault      *self,
                       const char   *token,
                       gboolean     *is_bank,
                       const char  **return_message)
{
  static const struct { const char *number; const char *message; } returns[] = {
    { "000111111116", "The bank account was not found." },
    { "000111111113", "The bank account is closed." },
    { "000222222227", "The bank account has insufficient funds." },
    { "000333333335", "The account holder did not authorize this debit." },
  };
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "SELECT type, number_sealed FROM vault_cards"
                                          " WHERE token = ? AND destroyed_at IS NULL");
  char number[24];

  *is_bank = FALSE;
  *return_message = NULL;
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  if (cp_db_step (self->db, stmt) != SQLITE_ROW
      || g_strcmp0 (cp_stmt_text (stmt, 0), "bank_account") != 0)
    return TRUE;
  *is_bank = TRUE;
  if (!unseal (self, sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1),
               number, sizeof number))
    {
      *return_message = "The bank account could not be read.";
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (returns); i++)
    if (strcmp (number, returns[i].number) == 0)
      {
        sodium_memzero (number, sizeof number);
        *return_message = returns[i].message;
        return FALSE;
      }
  sodium_memzero (number, sizeof number);
  return TRUE;
}
