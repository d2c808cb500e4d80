/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cp-card-face-private.h"
#include "cp-card-token-private.h"
#include "cp-enum-types.h"
#include "cp-json-private.h"
#include "cp-models-private.h"

struct _CpCardToken
{
  GObject parent_instance;

  char *token;
  CpCardFace face;
};

G_DEFINE_FINAL_TYPE (CpCardToken, cp_card_token, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TOKEN,
  PROP_FACE,
  N_PROPS = PROP_FACE + CP_CARD_FACE_N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_card_token_finalize (GObject *object)
{
  CpCardToken *self = (CpCardToken *) object;

  /* The token stands for a card: wipe it too. */
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  cp_card_face_clear (&self->face);

  G_OBJECT_CLASS (cp_card_token_parent_class)->finalize (object);
}

static void
cp_card_token_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpCardToken *self = (CpCardToken *) object;

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    default:
      if (!cp_card_face_get_property (&self->face, prop_id - PROP_FACE, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_token_class_init (CpCardTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_card_token_finalize;
  object_class->get_property = cp_card_token_get_property;

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  cp_card_face_fill_properties (&properties[PROP_FACE]);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_card_token_init (CpCardToken *self)
{
}

const char *
cp_card_token_get_token (CpCardToken *self)
{
  g_return_val_if_fail (CP_IS_CARD_TOKEN (self), NULL);
  return self->token;
}

CP_CARD_FACE_DEFINE_GETTERS (CpCardToken, cp_card_token, CP_IS_CARD_TOKEN)

/* Builds the model from one reply object, checking every member. */
CpCardToken *
cp_card_token_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(CpCardToken) self = g_object_new (CP_TYPE_CARD_TOKEN, NULL);

  if (!cp_json_get_string (object, "token", FALSE, &self->token, error))
    return NULL;
  if (!cp_card_face_init_from_json (&self->face, object, error))
    return NULL;
  if (*self->token == '\0' || strlen (self->token) > 512)
    return cp_model_bad_reply (error, "token"), NULL;

  return g_steal_pointer (&self);
}

gpointer
cp_card_token_parse (JsonObject  *object,
                     GError     **error)
{
  return cp_card_token_new_from_json (object, error);
}
