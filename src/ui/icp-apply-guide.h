/* icp-apply-guide.h: how to get the service code for an eligible server
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-inventory.h"

G_BEGIN_DECLS

/* A modal window: which account to log in with, where to go in the filing console and what to
 * click, with copy buttons for the instance id and the public IP. */
#define ICP_TYPE_APPLY_GUIDE (icp_apply_guide_get_type ())
G_DECLARE_FINAL_TYPE (IcpApplyGuide, icp_apply_guide, ICP, APPLY_GUIDE, AdwWindow)

IcpApplyGuide *icp_apply_guide_new             (GtkWindow     *parent,
                                                IcpInventory  *inventory,
                                                IcpInstance   *instance);

IcpInstance   *icp_apply_guide_get_instance    (IcpApplyGuide *self);
const char    *icp_apply_guide_get_public_ip   (IcpApplyGuide *self);
const char    *icp_apply_guide_get_console_uri (IcpApplyGuide *self);
void           icp_apply_guide_open_console    (IcpApplyGuide *self);

G_END_DECLS
