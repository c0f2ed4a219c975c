/* icp-verdict.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-finding.h"
#include "icp-types.h"

G_BEGIN_DECLS

#define ICP_TYPE_VERDICT (icp_verdict_get_type())

G_DECLARE_FINAL_TYPE (IcpVerdict, icp_verdict, ICP, VERDICT, GObject)

IcpVerdict      *icp_verdict_new          (IcpVerdictState  state,
                                           GPtrArray       *findings);
IcpVerdictState  icp_verdict_get_state    (IcpVerdict      *self);
GListModel      *icp_verdict_get_findings (IcpVerdict      *self);
IcpFinding      *icp_verdict_get_finding  (IcpVerdict      *self,
                                           const char      *code);
gboolean         icp_verdict_equal        (IcpVerdict      *a,
                                           IcpVerdict      *b);
const char      *icp_verdict_get_label    (IcpVerdict      *self);

const char      *icp_verdict_state_get_label (IcpVerdictState state);

G_END_DECLS
