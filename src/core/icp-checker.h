/* icp-checker.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-instance.h"
#include "icp-policy.h"
#include "icp-verdict.h"

G_BEGIN_DECLS

#define ICP_TYPE_CHECKER (icp_checker_get_type())

G_DECLARE_FINAL_TYPE (IcpChecker, icp_checker, ICP, CHECKER, GObject)

IcpChecker *icp_checker_new                (IcpPolicy   *policy);
IcpPolicy  *icp_checker_get_policy         (IcpChecker  *self);
GDateTime  *icp_checker_get_now            (IcpChecker  *self);
void        icp_checker_set_now            (IcpChecker  *self,
                                            GDateTime   *now);
const char *icp_checker_get_filing_account (IcpChecker  *self);
void        icp_checker_set_filing_account (IcpChecker  *self,
                                            const char  *account);
IcpVerdict *icp_checker_check              (IcpChecker  *self,
                                            IcpInstance *instance);
GPtrArray  *icp_checker_check_account      (IcpChecker  *self,
                                            guint        n_instances);
const char * const *icp_checker_get_codes  (void);

G_END_DECLS
