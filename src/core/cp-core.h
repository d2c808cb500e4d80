/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Everything the app may use of the core library. */
#include "cp-types.h"
#include "cp-enum-types.h"
#include "cp-client-error.h"
#include "cp-money.h"
#include "cp-format.h"
#include "cp-config.h"
#include "cp-account.h"
#include "cp-customer.h"
#include "cp-visit.h"
#include "cp-invoice.h"
#include "cp-card.h"
#include "cp-card-token.h"
#include "cp-card-event.h"
#include "cp-payment.h"
#include "cp-card-input.h"
#include "cp-token-store.h"
#include "cp-secret-token-store.h"
#include "cp-memory-token-store.h"
#include "cp-client.h"
#include "cp-paged-list.h"
