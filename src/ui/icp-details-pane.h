/* icp-details-pane.h: the verdict of one server, finding by finding, with a button per remedy
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-checker.h"
#include "icp-finding.h"
#include "icp-instance.h"

G_BEGIN_DECLS

#define ICP_TYPE_DETAILS_PANE (icp_details_pane_get_type ())
G_DECLARE_FINAL_TYPE (IcpDetailsPane, icp_details_pane, ICP, DETAILS_PANE, AdwBin)

GtkWidget   *icp_details_pane_new          (void);
IcpInstance *icp_details_pane_get_instance (IcpDetailsPane *self);
void         icp_details_pane_set_instance (IcpDetailsPane *self,
                                            IcpInstance    *instance);
/* The checker gives the moment of the check ("time left") and the policy (region names,
 * codes per instance); the review page passes its inventory's. */
IcpChecker  *icp_details_pane_get_checker  (IcpDetailsPane *self);
void         icp_details_pane_set_checker  (IcpDetailsPane *self,
                                            IcpChecker     *checker);

/* One finding as a list box row, with its remedy button (used for account findings too). */
GtkWidget   *icp_details_pane_create_finding_row (IcpFinding  *finding,
                                                  const char  *instance_id);

G_END_DECLS
