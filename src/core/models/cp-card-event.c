/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-card-event-private.h"
#include "cp-card-face-private.h"
#include "cp-enum-types.h"
#include "cp-format.h"
#include "cp-json-private.h"

struct _CpCardEvent
{
  GObject parent_instance;

  char *id;
  GDateTime *at;
  char *at_text;
  CpCardAction action;
  CpCardFace face;
  char *actor_role;
  char *actor_name;
  CpCardChannel channel;
};

G_DEFINE_FINAL_TYPE (CpCardEvent, cp_card_event, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_AT_TEXT,
  PROP_ACTION,
  PROP_FACE,
  PROP_CARD_TITLE = PROP_FACE + CP_CARD_FACE_N_PROPS,
  PROP_ACTOR_ROLE,
  PROP_ACTOR_NAME,
  PROP_CHANNEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_card_event_finalize (GObject *object)
{
  CpCardEvent *self = (CpCardEvent *) object;

  g_free (self->id);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->at_text);
  cp_card_face_clear (&self->face);
  g_free (self->actor_role);
  g_free (self->actor_name);

  G_OBJECT_CLASS (cp_card_event_parent_class)->finalize (object);
}

static void
cp_card_event_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpCardEvent *self = (CpCardEvent *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;

    case PROP_AT_TEXT:
      g_value_set_string (value, self->at_text);
      break;

    case PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;

    case PROP_CARD_TITLE:
      g_value_set_string (value, self->face.title);
      break;

    case PROP_ACTOR_ROLE:
      g_value_set_string (value, self->actor_role);
      break;

    case PROP_ACTOR_NAME:
      g_value_set_string (value, self->actor_name);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    default:
      if (!cp_card_face_get_property (&self->face, prop_id - PROP_FACE, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_card_event_class_init (CpCardEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_card_event_finalize;
  object_class->get_property = cp_card_event_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT_TEXT] =
    g_param_spec_string ("at-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
    g_param_spec_enum ("action", NULL, NULL, CP_TYPE_CARD_ACTION, CP_CARD_ACTION_ADDED, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  cp_card_face_fill_properties (&properties[PROP_FACE]);
  properties[PROP_CARD_TITLE] =
    g_param_spec_string ("card-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR_ROLE] =
    g_param_spec_string ("actor-role", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR_NAME] =
    g_param_spec_string ("actor-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL, CP_TYPE_CARD_CHANNEL, CP_CARD_CHANNEL_PORTAL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_card_event_init (CpCardEvent *self)
{
}

const char *
cp_card_event_get_id (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), NULL);
  return self->id;
}

GDateTime *
cp_card_event_get_at (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), NULL);
  return self->at;
}

const char *
cp_card_event_get_at_text (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), NULL);
  return self->at_text;
}

CpCardAction
cp_card_event_get_action (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), 0);
  return self->action;
}

CP_CARD_FACE_DEFINE_GETTERS (CpCardEvent, cp_card_event, CP_IS_CARD_EVENT)

const char *
cp_card_event_get_card_title (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), NULL);
  return self->face.title;
}

/**
 * cp_card_event_get_is_bank_account:
 *
 * Returns: whether the entry is about a bank account (no expiry to show)
 */
gboolean
cp_card_event_get_is_bank_account (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), FALSE);
  return self->face.is_bank_account;
}

const char *
cp_card_event_get_actor_role (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), NULL);
  return self->actor_role;
}

const char *
cp_card_event_get_actor_name (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), NULL);
  return self->actor_name;
}

CpCardChannel
cp_card_event_get_channel (CpCardEvent *self)
{
  g_return_val_if_fail (CP_IS_CARD_EVENT (self), 0);
  return self->channel;
}

/* Builds the model from one reply object, checking every member. */
CpCardEvent *
cp_card_event_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(CpCardEvent) self = g_object_new (CP_TYPE_CARD_EVENT, NULL);
  JsonObject *actor;
  JsonObject *card;
  int choice;

  actor = cp_json_get_object (object, "actor", error);
  if (actor == NULL)
    return NULL;
  card = cp_json_get_object (object, "card", error);
  if (card == NULL)
    return NULL;
  if (!cp_json_get_id (object, "id", FALSE, &self->id, error))
    return NULL;
  if (!cp_json_get_time (object, "at", &self->at, error))
    return NULL;
  {
    static const char * const names[] = { "added", "set_primary", "removed", NULL };

    if (!cp_json_get_enum (object, "action", names, &choice, error))
      return NULL;
    self->action = (CpCardAction) choice;
  }
  if (!cp_card_face_init_from_json (&self->face, card, error))
    return NULL;
  if (!cp_json_get_string (actor, "role", FALSE, &self->actor_role, error))
    return NULL;
  if (!cp_json_get_string (actor, "name", TRUE, &self->actor_name, error))
    return NULL;
  {
    static const char * const names[] = { "portal", "office", "system", NULL };

    if (!cp_json_get_enum (object, "channel", names, &choice, error))
      return NULL;
    self->channel = (CpCardChannel) choice;
  }
  self->at_text = cp_format_date_time (self->at);

  return g_steal_pointer (&self);
}

gpointer
cp_card_event_parse (JsonObject  *object,
                     GError     **error)
{
  return cp_card_event_new_from_json (object, error);
}
