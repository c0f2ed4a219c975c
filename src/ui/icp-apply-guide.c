/* icp-apply-guide.c: how to get the service code for an eligible server
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-apply-guide.h"

struct _IcpApplyGuide
{
  AdwWindow     parent_instance;

  IcpInventory *inventory;
  IcpInstance  *instance;
};

G_DEFINE_FINAL_TYPE (IcpApplyGuide, icp_apply_guide, ADW_TYPE_WINDOW)

static void
icp_apply_guide_dispose (GObject *object)
{
  IcpApplyGuide *self = ICP_APPLY_GUIDE (object);

  g_clear_object (&self->inventory);
  g_clear_object (&self->instance);

  G_OBJECT_CLASS (icp_apply_guide_parent_class)->dispose (object);
}

static void
icp_apply_guide_class_init (IcpApplyGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = icp_apply_guide_dispose;
}

static void
icp_apply_guide_init (IcpApplyGuide *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("Get a Service Code"));
}

IcpApplyGuide *
icp_apply_guide_new (GtkWindow    *parent,
                     IcpInventory *inventory,
                     IcpInstance  *instance)
{
  IcpApplyGuide *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ICP_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (ICP_IS_INSTANCE (instance), NULL);

  self = g_object_new (ICP_TYPE_APPLY_GUIDE, "transient-for", parent, NULL);
  self->inventory = g_object_ref (inventory);
  self->instance = g_object_ref (instance);

  return self;
}
