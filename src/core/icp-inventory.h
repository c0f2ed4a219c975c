/* icp-inventory.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-checker.h"
#include "icp-instance.h"

G_BEGIN_DECLS

#define ICP_TYPE_INVENTORY (icp_inventory_get_type())

G_DECLARE_FINAL_TYPE (IcpInventory, icp_inventory, ICP, INVENTORY, GObject)

IcpInventory *icp_inventory_new                  (IcpChecker      *checker);
IcpChecker   *icp_inventory_get_checker          (IcpInventory    *self);
void          icp_inventory_add                  (IcpInventory    *self,
                                                  IcpInstance     *instance);
void          icp_inventory_add_all              (IcpInventory    *self,
                                                  GPtrArray       *instances);
void          icp_inventory_remove_all           (IcpInventory    *self);
IcpInstance  *icp_inventory_lookup               (IcpInventory    *self,
                                                  const char      *id);
guint         icp_inventory_count                (IcpInventory    *self,
                                                  IcpVerdictState  state);
GListModel   *icp_inventory_get_account_findings (IcpInventory    *self);

G_END_DECLS
