/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "store/cp-db.h"
#include "cp-vault.h"

struct _CpVault
{
  CpDb *db;
  char *key;
  gint64 token_ttl;        /* seconds a new token may wait to be saved */
};

CpVault *
cp_vault_open (const char  *path,
               const char  *key,
               GError     **error)
{
  CpVault *self;
  CpDb *db = cp_db_open (path, "vault", error);

  if (db == NULL)
    return NULL;
  if (!cp_db_migrate_vault (db, error))
    {
      cp_db_close (db);
      return NULL;
    }

  self = g_new0 (CpVault, 1);
  self->db = db;
  self->key = g_strdup (key);
  self->token_ttl = CP_VAULT_DEFAULT_TOKEN_TTL;
  return self;
}

void
cp_vault_free (CpVault *self)
{
  if (self == NULL)
    return;
  cp_db_close (self->db);
  if (self->key != NULL)
    sodium_memzero (self->key, strlen (self->key));
  g_free (self->key);
  g_free (self);
}

const char *
cp_vault_get_key (CpVault *self)
{
  return self->key;
}

gboolean
cp_vault_take_busy (CpVault *self)
{
  return cp_db_take_busy (self->db);
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
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char digits[24];
  gsize n = 0;
  guint min_len = 0, max_len = 0, cvc_len = 3;
  const char *brand;
  guchar raw[24];
  g_autofree char *token_body = NULL;
  g_autoptr(CpStmt) stmt = NULL;
  g_autofree char *name = NULL;
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
  g_strlcpy (out->brand, brand, sizeof out->brand);
  g_strlcpy (out->last4, digits + n - 4, sizeof out->last4);
  out->exp_month = (int) exp_month;
  out->exp_year = (int) exp_year;
  out->cardholder_name = g_strdup (name);

  stmt = cp_db_prepare (self->db,
                        "INSERT INTO vault_cards (token, number, brand, exp_month, exp_year,"
                        " cardholder_name, postal_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, out->token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, digits, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, brand, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, out->exp_month);
  sqlite3_bind_int (stmt, 5, out->exp_year);
  sqlite3_bind_text (stmt, 6, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, postal_code ? postal_code : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
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

/* A token is made to be saved by the portal at once: one not saved within
 * the lifetime no longer looks up, and cp_vault_drop_unused() deletes it
 * with its digits. */
void
cp_vault_set_token_ttl (CpVault *self,
                        gint64   seconds)
{
  g_return_if_fail (seconds > 0);

  self->token_ttl = seconds;
}

/**
 * cp_vault_drop_unused:
 * @now: Unix seconds
 * @used: tells the tokens the portal holds, which are kept
 *
 * Returns: how many tokens past their lifetime were deleted
 */
guint
cp_vault_drop_unused (CpVault              *self,
                      gint64                now,
                      CpVaultTokenUsedFunc  used,
                      gpointer              user_data)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CpStmt) select = cp_db_prepare (self->db,
                                            "SELECT token FROM vault_cards WHERE created_at < ?");
  guint dropped = 0;

  sqlite3_bind_int64 (select, 1, now - self->token_ttl);
  while (cp_db_step (self->db, select) == SQLITE_ROW)
    if (!used (cp_stmt_text (select, 0), user_data))
      g_ptr_array_add (old, g_strdup (cp_stmt_text (select, 0)));
  cp_stmt_release (select);

  for (guint i = 0; i < old->len; i++)
    {
      g_autoptr(CpStmt) drop = cp_db_prepare (self->db, "DELETE FROM vault_cards WHERE token = ?");

      sqlite3_bind_text (drop, 1, old->pdata[i], -1, SQLITE_TRANSIENT);
      if (cp_db_step (self->db, drop) == SQLITE_DONE)
        dropped++;
    }
  return dropped;
}

gboolean
cp_vault_lookup (CpVault     *self,
                 const char  *token,
                 CpVaultCard *out)
{
  g_autoptr(CpStmt) stmt = cp_db_prepare (self->db,
                                          "SELECT token, brand, substr (number, -4), exp_month,"
                                          " exp_year, cardholder_name FROM vault_cards"
                                          " WHERE token = ? AND created_at >= ?");

  memset (out, 0, sizeof *out);
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC - self->token_ttl);
  if (cp_db_step (self->db, stmt) != SQLITE_ROW)
    return FALSE;
  g_strlcpy (out->token, cp_stmt_text (stmt, 0), sizeof out->token);
  g_strlcpy (out->brand, cp_stmt_text (stmt, 1), sizeof out->brand);
  g_strlcpy (out->last4, cp_stmt_text (stmt, 2), sizeof out->last4);
  out->exp_month = sqlite3_column_int (stmt, 3);
  out->exp_year = sqlite3_column_int (stmt, 4);
  out->cardholder_name = g_strdup (cp_stmt_text (stmt, 5));
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
                                          "SELECT number, exp_year * 12 + exp_month"
                                          " FROM vault_cards WHERE token = ?");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *number;

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

  number = cp_stmt_text (stmt, 0);
  for (guint i = 0; i < G_N_ELEMENTS (declines); i++)
    if (g_strcmp0 (number, declines[i].number) == 0)
      {
        *decline_message = declines[i].message;
        return CP_VAULT_CHARGE_DECLINED;
      }

  g_debug ("vault: charged %" G_GINT64_FORMAT " minor units", amount);
  return CP_VAULT_CHARGE_OK;
}
