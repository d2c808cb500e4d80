/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-account-private.h"
#include "cp-card-event-private.h"
#include "cp-card-private.h"
#include "cp-card-token-private.h"
#include "cp-client-private.h"
#include "cp-config-private.h"
#include "cp-core.h"
#include "cp-customer-private.h"
#include "cp-invoice-private.h"
#include "cp-json-private.h"
#include "cp-payment-private.h"
#include "cp-visit-private.h"
#include "fuzz.h"

/*
 * Every JSON → model decoder of the core, on any bytes: the first byte
 * picks the decoder, the rest is the reply body. What a decoder accepts is
 * then read back through every property, as the views would.
 */

typedef struct
{
  GType (*get_type) (void);
  CpJsonParseFunc parse;
} Decoder;

static const Decoder decoders[] = {
  { cp_account_get_type, cp_account_parse },
  { cp_card_get_type, cp_card_parse },
  { cp_card_event_get_type, cp_card_event_parse },
  { cp_card_token_get_type, cp_card_token_parse },
  { cp_config_get_type, cp_config_parse },
  { cp_customer_get_type, cp_customer_parse },
  { cp_invoice_get_type, cp_invoice_parse },
  { cp_payment_get_type, cp_payment_parse },
  { cp_visit_get_type, cp_visit_parse },
};

/* Reads every property of @object, as bindings and views do. */
static void
read_back (GObject *object)
{
  guint n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(specs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (object, specs[i]->name, &value);
      if (G_VALUE_HOLDS_STRING (&value) && g_value_get_string (&value) != NULL)
        g_assert_true (g_utf8_validate (g_value_get_string (&value), -1, NULL));
    }
}

static void
check_error (GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == CP_CLIENT_ERROR);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *body = (const char *) data + 1;
  gsize length;
  guint choice;
  g_autoptr(GError) error = NULL;

  if (size < 1)
    return 0;
  choice = data[0] % (2 * G_N_ELEMENTS (decoders) + 2);
  length = size - 1;

  if (choice < G_N_ELEMENTS (decoders))
    {
      /* One object, as a route that answers one model. */
      g_autoptr(GObject) object = cp_json_parse_object (body, length, decoders[choice].parse,
                                                        &error);

      if (object == NULL)
        check_error (error);
      else
        {
          g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (object, decoders[choice].get_type ()));
          read_back (object);
        }
    }
  else if (choice < 2 * G_N_ELEMENTS (decoders))
    {
      /* A page of a list, {"items": [...], "next_cursor": ...}. */
      const Decoder *decoder = &decoders[choice - G_N_ELEMENTS (decoders)];
      g_autofree char *cursor = NULL;
      g_autoptr(GListStore) items = cp_json_parse_list (body, length, decoder->get_type (),
                                                        decoder->parse, &cursor, &error);

      if (items == NULL)
        check_error (error);
      else
        {
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (items), i);

              read_back (item);
            }
          g_assert_true (cursor == NULL || *cursor != '\0');
        }
    }
  else if (choice == 2 * G_N_ELEMENTS (decoders))
    {
      /* The answer of a login or a refresh. */
      g_autoptr(JsonNode) root = cp_json_parse (body, length, &error);
      CpAuthReply *reply = root != NULL ? cp_auth_reply_new_from_json (root, &error) : NULL;

      if (reply == NULL)
        check_error (error);
      else
        {
          g_assert_true (*reply->access_token != '\0' && *reply->refresh_token != '\0');
          read_back (G_OBJECT (reply->account));
          cp_auth_reply_free (reply);
        }
    }
  else
    {
      /* An error reply, with a status picked by the second byte. */
      guint status = 400 + (length > 0 ? (guint) (data[1] % 200) : 0);

      error = cp_client_error_from_reply (status, body, length);
      check_error (error);
      g_assert_true (cp_client_error_get_field (error) == NULL
                     || strlen (cp_client_error_get_field (error)) <= 64);
    }

  return 0;
}
