/* icp-application.h: the single-instance application: options, files, app actions
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-policy.h"

G_BEGIN_DECLS

#define ICP_TYPE_APPLICATION (icp_application_get_type ())
G_DECLARE_FINAL_TYPE (IcpApplication, icp_application, ICP, APPLICATION, AdwApplication)

IcpApplication *icp_application_new         (void);
/* The moment to evaluate at (--now), or NULL for the current time. */
GDateTime      *icp_application_get_now     (IcpApplication  *self);
void            icp_application_set_now     (IcpApplication  *self,
                                             GDateTime       *now);
/* The policy in force: --policy, else the "policy-file" setting, else the built-in one.
 * Notifies "policy" when it changes; a broken file never replaces a working policy. */
IcpPolicy      *icp_application_get_policy  (IcpApplication  *self);
void            icp_application_set_policy  (IcpApplication  *self,
                                             IcpPolicy       *policy);
GSettings      *icp_application_get_settings (IcpApplication *self);

G_END_DECLS
