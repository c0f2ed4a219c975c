/* icp-details-pane.c: the verdict of one server, finding by finding, with a button per remedy
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-details-pane.h"

struct _IcpDetailsPane
{
  AdwBin       parent_instance;

  IcpInstance *instance;
};

G_DEFINE_FINAL_TYPE (IcpDetailsPane, icp_details_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INSTANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
icp_details_pane_dispose (GObject *object)
{
  IcpDetailsPane *self = ICP_DETAILS_PANE (object);

  g_clear_object (&self->instance);

  G_OBJECT_CLASS (icp_details_pane_parent_class)->dispose (object);
}

static void
icp_details_pane_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IcpDetailsPane *self = ICP_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_INSTANCE:
      g_value_set_object (value, self->instance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_details_pane_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IcpDetailsPane *self = ICP_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_INSTANCE:
      icp_details_pane_set_instance (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_details_pane_class_init (IcpDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_details_pane_dispose;
  object_class->get_property = icp_details_pane_get_property;
  object_class->set_property = icp_details_pane_set_property;

  properties[PROP_INSTANCE] =
    g_param_spec_object ("instance", NULL, NULL,
                         ICP_TYPE_INSTANCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_details_pane_init (IcpDetailsPane *self)
{
}

GtkWidget *
icp_details_pane_new (void)
{
  return g_object_new (ICP_TYPE_DETAILS_PANE, NULL);
}

IcpInstance *
icp_details_pane_get_instance (IcpDetailsPane *self)
{
  g_return_val_if_fail (ICP_IS_DETAILS_PANE (self), NULL);

  return self->instance;
}

void
icp_details_pane_set_instance (IcpDetailsPane *self,
                               IcpInstance    *instance)
{
  g_return_if_fail (ICP_IS_DETAILS_PANE (self));
  g_return_if_fail (instance == NULL || ICP_IS_INSTANCE (instance));

  if (!g_set_object (&self->instance, instance))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTANCE]);
}
