/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include "cp-page.h"

typedef struct
{
  CpClient *client;
  char *customer_id;
  GCancellable *cancellable;     /* of the page's life in the window */
  GCancellable *load;            /* of the current load */
  const char *state;             /* interned */
} CpPagePrivate;

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CUSTOMER_ID,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (CpPage, cp_page, ADW_TYPE_BIN)

static void
cancel_load (CpPage *self)
{
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  g_cancellable_cancel (priv->load);
  g_clear_object (&priv->load);
}

static void
cancel (CpPage *self)
{
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  cancel_load (self);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
}

/* Leaving the window (logout, session expiry): replies still on their way
 * must find nothing to touch. */
static void
cp_page_unroot (GtkWidget *widget)
{
  cancel (CP_PAGE (widget));

  GTK_WIDGET_CLASS (cp_page_parent_class)->unroot (widget);
}

static void
cp_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CpPage *self = CP_PAGE (object);
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, priv->client);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, priv->customer_id);
      break;
    case PROP_STATE:
      g_value_set_static_string (value, priv->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CpPage *self = CP_PAGE (object);
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      cp_page_set_client (self, g_value_get_object (value), priv->customer_id);
      break;
    case PROP_CUSTOMER_ID:
      cp_page_set_client (self, priv->client, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_page_dispose (GObject *object)
{
  CpPage *self = CP_PAGE (object);
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  cancel (self);
  g_clear_object (&priv->client);

  G_OBJECT_CLASS (cp_page_parent_class)->dispose (object);
}

static void
cp_page_finalize (GObject *object)
{
  CpPage *self = CP_PAGE (object);
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  g_free (priv->customer_id);

  G_OBJECT_CLASS (cp_page_parent_class)->finalize (object);
}

static void
cp_page_class_init (CpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cp_page_get_property;
  object_class->set_property = cp_page_set_property;
  object_class->dispose = cp_page_dispose;
  object_class->finalize = cp_page_finalize;
  widget_class->unroot = cp_page_unroot;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * CpPage:state:
   *
   * What the page shows: "loading", "content", "list", "empty", "error"…
   * as the page names its states.
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "loading",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_page_init (CpPage *self)
{
  CpPagePrivate *priv = cp_page_get_instance_private (self);

  priv->state = g_intern_static_string ("loading");
}

/**
 * cp_page_set_client:
 * @client: (nullable): the session to load with
 * @customer_id: (nullable): the customer the page is about, if any
 *
 * Hands the page its client. Requests made for the previous one stop; the
 * page loads when cp_page_reload() is called.
 */
void
cp_page_set_client (CpPage     *self,
                    CpClient   *client,
                    const char *customer_id)
{
  CpPagePrivate *priv;
  gboolean client_changed, id_changed;

  g_return_if_fail (CP_IS_PAGE (self));
  g_return_if_fail (client == NULL || CP_IS_CLIENT (client));

  priv = cp_page_get_instance_private (self);
  client_changed = priv->client != client;
  id_changed = g_strcmp0 (priv->customer_id, customer_id) != 0;
  if (!client_changed && !id_changed)
    return;

  cancel (self);
  g_set_object (&priv->client, client);
  if (id_changed)
    {
      g_free (priv->customer_id);
      priv->customer_id = g_strdup (customer_id);
    }

  if (client_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

/**
 * cp_page_get_client:
 *
 * Returns: (transfer none) (nullable): the client the page loads with
 */
CpClient *
cp_page_get_client (CpPage *self)
{
  CpPagePrivate *priv;

  g_return_val_if_fail (CP_IS_PAGE (self), NULL);

  priv = cp_page_get_instance_private (self);
  return priv->client;
}

/**
 * cp_page_get_customer_id:
 *
 * Returns: (nullable): the customer the page is about
 */
const char *
cp_page_get_customer_id (CpPage *self)
{
  CpPagePrivate *priv;

  g_return_val_if_fail (CP_IS_PAGE (self), NULL);

  priv = cp_page_get_instance_private (self);
  return priv->customer_id;
}

/**
 * cp_page_get_cancellable:
 *
 * Returns: (transfer none): for what the user starts on the page: cancelled
 *   when the page leaves the window, goes away or gets another client
 */
GCancellable *
cp_page_get_cancellable (CpPage *self)
{
  CpPagePrivate *priv;

  g_return_val_if_fail (CP_IS_PAGE (self), NULL);

  priv = cp_page_get_instance_private (self);
  if (priv->cancellable == NULL)
    priv->cancellable = g_cancellable_new ();
  return priv->cancellable;
}

/**
 * cp_page_reload:
 *
 * Stops what is loading and loads the page again (nothing without a
 * client).
 */
void
cp_page_reload (CpPage *self)
{
  CpPagePrivate *priv;

  g_return_if_fail (CP_IS_PAGE (self));

  priv = cp_page_get_instance_private (self);
  cancel_load (self);
  if (priv->client == NULL || CP_PAGE_GET_CLASS (self)->reload == NULL)
    return;
  priv->load = g_cancellable_new ();
  CP_PAGE_GET_CLASS (self)->reload (self, priv->load);
}

/**
 * cp_page_get_state:
 *
 * Returns: what the page shows, in the page's own words ("loading",
 *   "content", "list", "empty", "error")
 */
const char *
cp_page_get_state (CpPage *self)
{
  CpPagePrivate *priv;

  g_return_val_if_fail (CP_IS_PAGE (self), NULL);

  priv = cp_page_get_instance_private (self);
  return priv->state;
}

/**
 * cp_page_set_state:
 *
 * For the page itself: says what it shows now.
 */
void
cp_page_set_state (CpPage     *self,
                   const char *state)
{
  CpPagePrivate *priv;

  g_return_if_fail (CP_IS_PAGE (self));
  g_return_if_fail (state != NULL);

  priv = cp_page_get_instance_private (self);
  state = g_intern_string (state);
  if (priv->state == state)
    return;
  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
