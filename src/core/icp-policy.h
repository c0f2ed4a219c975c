/* icp-policy.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-regions.h"
#include "icp-types.h"

G_BEGIN_DECLS

#define ICP_POLICY_ERROR (icp_policy_error_quark ())

typedef enum
{
  ICP_POLICY_ERROR_NOT_FOUND,
  ICP_POLICY_ERROR_INVALID,
} IcpPolicyError;

#define ICP_TYPE_POLICY (icp_policy_get_type())

G_DECLARE_FINAL_TYPE (IcpPolicy, icp_policy, ICP, POLICY, GObject)

GQuark       icp_policy_error_quark              (void);
IcpPolicy   *icp_policy_new_default              (GError    **error);
IcpPolicy   *icp_policy_new_from_file            (const char *path,
                                                  GError    **error);
IcpPolicy   *icp_policy_new_from_data            (const char *data,
                                                  gssize      length,
                                                  const char *display_name,
                                                  GError    **error);
const char  *icp_policy_get_name                 (IcpPolicy  *self);
const char  *icp_policy_get_path                 (IcpPolicy  *self);
guint        icp_policy_get_min_subscription_months (IcpPolicy *self);
guint        icp_policy_get_min_remaining_days   (IcpPolicy  *self);
guint        icp_policy_get_codes_per_instance   (IcpPolicy  *self);
guint        icp_policy_get_borderline_days      (IcpPolicy  *self);
guint        icp_policy_get_min_bandwidth        (IcpPolicy  *self);
guint        icp_policy_get_max_bandwidth        (IcpPolicy  *self);
const guint *icp_policy_get_allowed_months       (IcpPolicy  *self,
                                                  IcpRemedy   remedy,
                                                  gsize      *n_months);
guint        icp_policy_round_months             (IcpPolicy  *self,
                                                  IcpRemedy   remedy,
                                                  guint       months);
char        *icp_policy_format_allowed_months    (IcpPolicy  *self,
                                                  IcpRemedy   remedy);
char        *icp_policy_dup_default_path         (void);
IcpRegions  *icp_policy_get_regions              (IcpPolicy  *self);

/* Where data files (policy/, samples/) live: $ICP_ASSISTANT_DATADIR, else the install dir. */
const char  *icp_get_data_dir                    (void);
void         icp_init_i18n                       (void);

G_END_DECLS
