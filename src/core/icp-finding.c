/* icp-finding.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One reason why an instance can or cannot get an ICP filing service code: a stable code for
 * reports and tests, a severity, a remedy with its parameter (months, Mbit/s), the message in
 * the user's language with the numbers that matter, and the FAQ's own reason.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "icp-enums.h"
#include "icp-finding.h"

struct _IcpFinding
{
  GObject      parent_instance;

  char        *code;
  char        *message;
  char        *reason;
  IcpSeverity  severity;
  IcpRemedy    remedy;
  guint        months;
  guint        mbps;
};

G_DEFINE_FINAL_TYPE (IcpFinding, icp_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_SEVERITY,
  PROP_REMEDY,
  PROP_MESSAGE,
  PROP_REASON,
  PROP_MONTHS,
  PROP_MBPS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
icp_finding_finalize (GObject *object)
{
  IcpFinding *self = (IcpFinding *)object;

  g_free (self->code);
  g_free (self->message);
  g_free (self->reason);

  G_OBJECT_CLASS (icp_finding_parent_class)->finalize (object);
}

static void
icp_finding_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IcpFinding *self = ICP_FINDING (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_REMEDY:
      g_value_set_enum (value, self->remedy);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_MONTHS:
      g_value_set_uint (value, self->months);
      break;
    case PROP_MBPS:
      g_value_set_uint (value, self->mbps);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_finding_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IcpFinding *self = ICP_FINDING (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;
    case PROP_SEVERITY:
      self->severity = g_value_get_enum (value);
      break;
    case PROP_REMEDY:
      self->remedy = g_value_get_enum (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;
    case PROP_MONTHS:
      icp_finding_set_months (self, g_value_get_uint (value));
      break;
    case PROP_MBPS:
      icp_finding_set_mbps (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_finding_class_init (IcpFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = icp_finding_finalize;
  object_class->get_property = icp_finding_get_property;
  object_class->set_property = icp_finding_set_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, construct);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, ICP_TYPE_SEVERITY, ICP_SEVERITY_INFO, construct);
  properties[PROP_REMEDY] =
    g_param_spec_enum ("remedy", NULL, NULL, ICP_TYPE_REMEDY, ICP_REMEDY_NONE, construct);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, construct);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, construct);
  properties[PROP_MONTHS] =
    g_param_spec_uint ("months", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MBPS] =
    g_param_spec_uint ("mbps", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_finding_init (IcpFinding *self)
{
}

/**
 * icp_finding_new:
 * @code: the stable code, e.g. "pay-as-you-go"
 * @severity: how much it weighs
 * @remedy: what fixes it
 * @message: the translated message with the numbers of this instance
 * @reason: (nullable): the translated reason the FAQ gives
 *
 * Returns: (transfer full): a new finding.
 */
IcpFinding *
icp_finding_new (const char  *code,
                 IcpSeverity  severity,
                 IcpRemedy    remedy,
                 const char  *message,
                 const char  *reason)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (ICP_TYPE_FINDING,
                       "code", code,
                       "severity", severity,
                       "remedy", remedy,
                       "message", message,
                       "reason", reason,
                       NULL);
}

const char *
icp_finding_get_code (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), NULL);
  return self->code;
}

IcpSeverity
icp_finding_get_severity (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), ICP_SEVERITY_INFO);
  return self->severity;
}

IcpRemedy
icp_finding_get_remedy (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), ICP_REMEDY_NONE);
  return self->remedy;
}

const char *
icp_finding_get_message (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), NULL);
  return self->message;
}

/**
 * icp_finding_get_reason:
 *
 * Returns: (nullable): why the filing console behaves so, in the FAQ's words.
 */
const char *
icp_finding_get_reason (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), NULL);
  return self->reason;
}

/**
 * icp_finding_get_months:
 *
 * Returns: for `renew` and `switch-billing`, the smallest term that fixes the finding;
 *   0 otherwise.
 */
guint
icp_finding_get_months (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), 0);
  return self->months;
}

void
icp_finding_set_months (IcpFinding *self,
                        guint       months)
{
  g_return_if_fail (ICP_IS_FINDING (self));

  if (self->months == months)
    return;

  self->months = months;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTHS]);
}

/**
 * icp_finding_get_mbps:
 *
 * Returns: for `add-bandwidth`, the smallest bandwidth that fixes the finding; 0 otherwise.
 */
guint
icp_finding_get_mbps (IcpFinding *self)
{
  g_return_val_if_fail (ICP_IS_FINDING (self), 0);
  return self->mbps;
}

void
icp_finding_set_mbps (IcpFinding *self,
                      guint       mbps)
{
  g_return_if_fail (ICP_IS_FINDING (self));

  if (self->mbps == mbps)
    return;

  self->mbps = mbps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MBPS]);
}

/**
 * icp_remedy_get_label:
 * @remedy: a remedy
 *
 * Returns: (nullable): a short translated name for the remedy, as a button would say it.
 */
const char *
icp_remedy_get_label (IcpRemedy remedy)
{
  switch (remedy)
    {
    case ICP_REMEDY_BUY_SERVER:
      return _("Buy a server in the Chinese mainland");
    case ICP_REMEDY_USE_OWNER_ACCOUNT:
      return _("Use the owner account");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("Switch to subscription");
    case ICP_REMEDY_RENEW:
      return _("Renew");
    case ICP_REMEDY_ADD_BANDWIDTH:
      return _("Add public bandwidth");
    case ICP_REMEDY_CHOOSE_ANOTHER:
      return _("Choose another server");
    case ICP_REMEDY_START_INSTANCE:
      return _("Start the server");
    case ICP_REMEDY_RESOLVE_LOCK:
      return _("Resolve the lock");
    case ICP_REMEDY_VERIFY:
      return _("Verify in the console");
    case ICP_REMEDY_CHECK_CONSOLE:
      return _("Check the filing console");
    case ICP_REMEDY_NONE:
    default:
      return NULL;
    }
}
