/* icp-types.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * IcpChargeType:
 *
 * How an instance is billed. The API calls subscription `PrePaid` and pay-as-you-go `PostPaid`.
 */
typedef enum
{
  ICP_CHARGE_TYPE_UNKNOWN,
  ICP_CHARGE_TYPE_PREPAID,
  ICP_CHARGE_TYPE_POSTPAID,
} IcpChargeType;

/**
 * IcpSeverity:
 *
 * How much a finding weighs. Its nick is what reports write ("blocker", "warning", "info").
 */
typedef enum
{
  ICP_SEVERITY_INFO,
  ICP_SEVERITY_WARNING,
  ICP_SEVERITY_BLOCKER,
} IcpSeverity;

/**
 * IcpVerdictState:
 *
 * The outcome for one instance; nicks are the report's "verdict" values.
 */
typedef enum
{
  ICP_VERDICT_STATE_UNKNOWN,
  ICP_VERDICT_STATE_ELIGIBLE,
  ICP_VERDICT_STATE_BLOCKED,
  ICP_VERDICT_STATE_NOT_REQUIRED,
} IcpVerdictState;

/**
 * IcpRemedy:
 *
 * What the user can do about a finding; nicks are the report's "remedy" values.
 */
typedef enum
{
  ICP_REMEDY_NONE,
  ICP_REMEDY_BUY_SERVER,
  ICP_REMEDY_USE_OWNER_ACCOUNT,
  ICP_REMEDY_SWITCH_BILLING,
  ICP_REMEDY_RENEW,
  ICP_REMEDY_ADD_BANDWIDTH,
  ICP_REMEDY_CHOOSE_ANOTHER,
  ICP_REMEDY_START_INSTANCE,
  ICP_REMEDY_RESOLVE_LOCK,
  ICP_REMEDY_VERIFY,
  ICP_REMEDY_CHECK_CONSOLE,
} IcpRemedy;

/**
 * IcpSubscriptionSource:
 *
 * Where the cumulative subscription length of an instance comes from.
 */
typedef enum
{
  ICP_SUBSCRIPTION_SOURCE_UNKNOWN,
  ICP_SUBSCRIPTION_SOURCE_ESTIMATED,
  ICP_SUBSCRIPTION_SOURCE_BILLING,
} IcpSubscriptionSource;

const char *icp_enum_to_nick   (GType       enum_type,
                                int         value);
gboolean    icp_enum_from_nick (GType       enum_type,
                                const char *nick,
                                int        *value);
char       *icp_fold_text      (const char *text,
                                const char *drop);

G_END_DECLS
