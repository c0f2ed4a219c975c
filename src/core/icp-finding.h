/* icp-finding.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "icp-types.h"

G_BEGIN_DECLS

#define ICP_TYPE_FINDING (icp_finding_get_type())

G_DECLARE_FINAL_TYPE (IcpFinding, icp_finding, ICP, FINDING, GObject)

IcpFinding  *icp_finding_new          (const char  *code,
                                       IcpSeverity  severity,
                                       IcpRemedy    remedy,
                                       const char  *message,
                                       const char  *reason);
const char  *icp_finding_get_code     (IcpFinding  *self);
IcpSeverity  icp_finding_get_severity (IcpFinding  *self);
IcpRemedy    icp_finding_get_remedy   (IcpFinding  *self);
const char  *icp_finding_get_message  (IcpFinding  *self);
const char  *icp_finding_get_reason   (IcpFinding  *self);
guint        icp_finding_get_months   (IcpFinding  *self);
void         icp_finding_set_months   (IcpFinding  *self,
                                       guint        months);
guint        icp_finding_get_mbps     (IcpFinding  *self);
void         icp_finding_set_mbps     (IcpFinding  *self,
                                       guint        mbps);

const char  *icp_remedy_get_label     (IcpRemedy    remedy);

G_END_DECLS
