/* icp-fix-wizard.c: the wizards that fix a finding, and the guidance pages
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-fix-wizard.h"

struct _IcpFixWizard
{
  AdwWindow     parent_instance;

  IcpInventory *inventory;
  IcpInstance  *instance;
  IcpRemedy     remedy;
};

G_DEFINE_FINAL_TYPE (IcpFixWizard, icp_fix_wizard, ADW_TYPE_WINDOW)

static void
icp_fix_wizard_dispose (GObject *object)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);

  g_clear_object (&self->inventory);
  g_clear_object (&self->instance);

  G_OBJECT_CLASS (icp_fix_wizard_parent_class)->dispose (object);
}

static void
icp_fix_wizard_class_init (IcpFixWizardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = icp_fix_wizard_dispose;
}

static void
icp_fix_wizard_init (IcpFixWizard *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("Fix"));
}

IcpFixWizard *
icp_fix_wizard_new (GtkWindow    *parent,
                    IcpInventory *inventory,
                    IcpInstance  *instance,
                    IcpRemedy     remedy)
{
  IcpFixWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ICP_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (ICP_IS_INSTANCE (instance), NULL);

  self = g_object_new (ICP_TYPE_FIX_WIZARD, "transient-for", parent, NULL);
  self->inventory = g_object_ref (inventory);
  self->instance = g_object_ref (instance);
  self->remedy = remedy;

  return self;
}
