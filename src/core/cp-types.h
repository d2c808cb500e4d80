/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CpRole:
 * @CP_ROLE_CUSTOMER: a customer with a portal account
 * @CP_ROLE_STAFF: office staff
 * @CP_ROLE_ADMIN: an administrator (staff who may change settings)
 */
typedef enum
{
  CP_ROLE_CUSTOMER,
  CP_ROLE_STAFF,
  CP_ROLE_ADMIN,
} CpRole;

/**
 * CpPortalAccount:
 * @CP_PORTAL_ACCOUNT_UNKNOWN: the reply did not say (customer lists)
 * @CP_PORTAL_ACCOUNT_NONE: no portal account and no invitation
 * @CP_PORTAL_ACCOUNT_INVITED: a verification code was sent
 * @CP_PORTAL_ACCOUNT_ACTIVE: the customer can log in
 */
typedef enum
{
  CP_PORTAL_ACCOUNT_UNKNOWN,
  CP_PORTAL_ACCOUNT_NONE,
  CP_PORTAL_ACCOUNT_INVITED,
  CP_PORTAL_ACCOUNT_ACTIVE,
} CpPortalAccount;

/**
 * CpInvoiceStatus:
 * @CP_INVOICE_STATUS_OPEN: a balance is due
 * @CP_INVOICE_STATUS_PAID: fully paid
 */
typedef enum
{
  CP_INVOICE_STATUS_OPEN,
  CP_INVOICE_STATUS_PAID,
} CpInvoiceStatus;

/**
 * CpInvoiceFilter:
 * @CP_INVOICE_FILTER_ALL: every invoice
 * @CP_INVOICE_FILTER_OPEN: invoices with a balance due
 * @CP_INVOICE_FILTER_PAID: paid invoices
 */
typedef enum
{
  CP_INVOICE_FILTER_ALL,
  CP_INVOICE_FILTER_OPEN,
  CP_INVOICE_FILTER_PAID,
} CpInvoiceFilter;

/**
 * CpExpiryFilter:
 * @CP_EXPIRY_FILTER_ALL: every saved payment method
 * @CP_EXPIRY_FILTER_EXPIRED: those past their expiry month
 * @CP_EXPIRY_FILTER_EXPIRING: those that stop working within a number of days
 *
 * The filters of the office's Saved Payment Methods report.
 */
typedef enum
{
  CP_EXPIRY_FILTER_ALL,
  CP_EXPIRY_FILTER_EXPIRED,
  CP_EXPIRY_FILTER_EXPIRING,
} CpExpiryFilter;

/**
 * CpCardBrand:
 *
 * Card networks the client recognises from the issuer identification
 * number. %CP_CARD_BRAND_UNKNOWN when no range matches or when the digits
 * typed so far could still belong to more than one brand.
 */
typedef enum
{
  CP_CARD_BRAND_UNKNOWN,
  CP_CARD_BRAND_VISA,
  CP_CARD_BRAND_MASTERCARD,
  CP_CARD_BRAND_AMEX,
  CP_CARD_BRAND_DISCOVER,
  CP_CARD_BRAND_JCB,
  CP_CARD_BRAND_DINERS,
  CP_CARD_BRAND_UNIONPAY,
} CpCardBrand;

/**
 * CpCardChannel:
 * @CP_CARD_CHANNEL_PORTAL: done by the customer in the portal
 * @CP_CARD_CHANNEL_OFFICE: done by office staff
 * @CP_CARD_CHANNEL_SYSTEM: done by the server itself (e.g. a new primary card
 *   after the primary one was deleted)
 */
typedef enum
{
  CP_CARD_CHANNEL_PORTAL,
  CP_CARD_CHANNEL_OFFICE,
  CP_CARD_CHANNEL_SYSTEM,
} CpCardChannel;

/**
 * CpCardAction:
 * @CP_CARD_ACTION_ADDED: a card was saved
 * @CP_CARD_ACTION_SET_PRIMARY: a card became the primary one
 * @CP_CARD_ACTION_REMOVED: a card was deleted
 */
typedef enum
{
  CP_CARD_ACTION_ADDED,
  CP_CARD_ACTION_SET_PRIMARY,
  CP_CARD_ACTION_REMOVED,
} CpCardAction;

const char  *cp_card_brand_to_string        (CpCardBrand brand);
CpCardBrand  cp_card_brand_from_string      (const char *text);
const char  *cp_card_brand_get_display_name (CpCardBrand brand);

G_END_DECLS
