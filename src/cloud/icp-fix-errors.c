/* icp-fix-errors.c — why a fix was refused, in words, with what to do
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API's refusals of RenewInstance, ModifyInstanceChargeType, ModifyInstanceNetworkSpec and
 * AllocatePublicIpAddress (and of their dry runs, which make the same checks), each as a
 * sentence that says what to do. The codes and their meaning come from the operations' pages
 * (../shared/reference/alibaba-api.md §2.5, §2.8–2.11, §7); the fake cloud gives the same
 * codes for the same situations. A code not in the table keeps the client's own sentence
 * (icp-api-client.c), which names the operation and the code, and its hint. */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-fix-errors.h"

static IcpRemedy
remedy_of (IcpFixRequest *request)
{
  return request != NULL ? icp_fix_request_get_remedy (request) : ICP_REMEDY_NONE;
}

static const char *
status_of (IcpFixRequest *request)
{
  IcpInstance *instance = request != NULL ? icp_fix_request_get_instance (request) : NULL;
  const char *status = instance != NULL ? icp_instance_get_status (instance) : NULL;

  return icp_instance_status_get_label (status);
}

/* The sentence for an API code, or NULL for a code this table does not know. */
static char *
explain_code (const char    *code,
              IcpFixRequest *request)
{
  IcpRemedy remedy = remedy_of (request);

  if (g_str_has_prefix (code, "Throttling"))
    {
      /* ModifyInstanceNetworkSpec allows one bandwidth change in 5 minutes, and answers
       * Throttling (not Throttling.User) until then. */
      if (remedy == ICP_REMEDY_ADD_BANDWIDTH && g_str_equal (code, "Throttling"))
        return g_strdup (_("The bandwidth of this server was changed less than 5 minutes ago, "
                           "and Alibaba Cloud allows one change in 5 minutes. Wait 5 minutes, "
                           "then try again."));
      if (remedy == ICP_REMEDY_SWITCH_BILLING && g_str_equal (code, "Throttling"))
        return g_strdup (_("Alibaba Cloud is not taking billing changes for this server right "
                           "now. Wait 5 minutes, then try again."));
      return g_strdup (_("Alibaba Cloud is limiting the requests of this account right now. "
                         "Wait a few minutes, then try again."));
    }

  if (g_str_equal (code, "Account.Arrearage") || g_str_equal (code, "InstanceExpiredOrInArrears"))
    {
      if (remedy == ICP_REMEDY_ADD_BANDWIDTH && g_str_equal (code, "InstanceExpiredOrInArrears"))
        return g_strdup (_("The server has expired or has an overdue payment, so its bandwidth "
                           "cannot change. Renew it, or pay what is overdue in the console "
                           "(Expenses), then try again."));
      return g_strdup (_("The account has an overdue payment, so Alibaba Cloud takes no new "
                         "orders from it. Pay what is overdue in the console (Expenses), "
                         "then try again."));
    }

  if (g_str_equal (code, "InvalidAccountStatus.NotEnoughBalance"))
    return g_strdup (_("The account balance is not enough for this change. Top up the "
                       "account in the console (Expenses → Top Up), or leave “Pay from my "
                       "balance now” off and pay the order in the console."));

  if (g_str_equal (code, "ReleaseTimeHaveBeenSet"))
    return g_strdup (_("An automatic release time is set for this server, and a server that is "
                       "set to be released cannot switch to subscription. Cancel the "
                       "automatic release in the console first (the server’s Release "
                       "Settings), then try again."));

  if (g_str_equal (code, "IncorrectInstanceStatus") ||
      g_str_has_prefix (code, "InvalidStatus") ||
      g_str_equal (code, "ExpiredInstance"))
    {
      const char *status = status_of (request);

      switch (remedy)
        {
        case ICP_REMEDY_ADD_BANDWIDTH:
          return g_strdup_printf (/* Translators: %s is the server's status, e.g. "Running" */
                                  _("The server’s state (%s) does not allow a bandwidth change "
                                    "now. A server on the classic network must be stopped "
                                    "before it gets its first public bandwidth; any other must "
                                    "be running or stopped. Stop or start it in the console as "
                                    "needed, then try again."),
                                  status);
        case ICP_REMEDY_SWITCH_BILLING:
          return g_strdup_printf (/* Translators: %s is the server's status, e.g. "Starting" */
                                  _("The server’s state (%s) does not allow a billing change: "
                                    "it must be running or stopped. A server stopped in "
                                    "economical mode must be started first. Start or stop it "
                                    "in the console, then try again."),
                                  status);
        case ICP_REMEDY_RENEW:
        default:
          return g_strdup_printf (/* Translators: %s is the server's status, e.g. "Stopping" */
                                  _("The server’s state (%s) does not allow this change now. "
                                    "Wait until it is running or stopped (start or stop it in "
                                    "the console if it stays so), then try again."),
                                  status);
        }
    }

  if (g_str_equal (code, "InstanceLockedForSecurity"))
    return g_strdup (_("The server is locked for security reasons, and Alibaba Cloud refuses "
                       "changes to it. Fix what the security notice in the console names, and "
                       "ask Alibaba Cloud support to lift the lock."));

  if (g_str_equal (code, "ChargeTypeViolation") ||
      g_str_equal (code, "InvalidChargeType.NotSupported"))
    switch (remedy)
      {
      case ICP_REMEDY_RENEW:
        return g_strdup (_("Only subscription servers can be renewed, and Alibaba Cloud says "
                           "this one is not billed by subscription. Read the list again; a "
                           "pay-as-you-go server is switched to subscription instead."));
      case ICP_REMEDY_SWITCH_BILLING:
        return g_strdup (_("Alibaba Cloud says this server is already billed by subscription, "
                           "so there is nothing to switch. Read the list again."));
      case ICP_REMEDY_ADD_BANDWIDTH:
      default:
        return g_strdup (_("The billing method of this server does not allow this change. "
                           "Read the list again, and make the change in the console."));
      }

  if (g_str_equal (code, "Instance.UnPaidOrder"))
    return g_strdup (_("This server already has an unpaid order, and no other change is taken "
                       "until it is settled. Pay it or cancel it in the console (Expenses → "
                       "Orders), then try again."));

  if (g_str_equal (code, "InvalidInstance.EipNotSupport"))
    return g_strdup (_("The server uses an elastic IP address (EIP), so it cannot also get a "
                       "static public IP address. Change the EIP’s bandwidth in the console "
                       "instead, or unbind the EIP first."));

  if (g_str_equal (code, "RealNameAuthenticationError"))
    return g_strdup (_("The account has not completed real-name verification, which Alibaba "
                       "Cloud requires before anything is bought. Complete it in the console "
                       "(Account Center → Real-name Verification), then try again."));

  if (g_str_equal (code, "InvalidPeriod.ExceededMaximumExpirationDate"))
    return g_strdup (_("The renewal would take the expiration time past the latest date "
                       "Alibaba Cloud allows. Choose fewer months."));

  if (g_str_has_prefix (code, "InvalidPeriod"))
    return g_strdup (_("Alibaba Cloud does not sell this term for this server. Choose another "
                       "number of months."));

  if (g_str_has_prefix (code, "InvalidInternetMaxBandwidthOut"))
    return g_strdup (_("Alibaba Cloud does not take this bandwidth for this server. Choose "
                       "another number of Mbit/s, or make the change in the console."));

  if (g_str_equal (code, "InvalidParam.AllocatePublicIp") ||
      g_str_equal (code, "IpAllocationError"))
    return g_strdup (_("Alibaba Cloud could not assign a public IP address to this server now. "
                       "Try again later, or assign it in the console."));

  if (g_str_equal (code, "AllocatedAlready"))
    return g_strdup (_("The server already has a public IP address. Read the list again to see "
                       "it."));

  if (g_str_equal (code, "InvalidInstanceType.PhasedOut"))
    return g_strdup (_("The server’s instance type is retired, and retired types cannot switch "
                       "to subscription. Change the instance type in the console first."));

  if (g_str_equal (code, "InstanceDowngrade.QuotaExceed"))
    return g_strdup (_("The bandwidth of this subscription was lowered too often already. "
                       "Choose more bandwidth, or make the change in the console."));

  if (g_str_equal (code, "LastOrderProcessing") || g_str_equal (code, "Idempotence.Processing"))
    return g_strdup (_("An earlier order for this server is still being processed. Wait a "
                       "minute, then read the list again before you try again."));

  if (g_str_equal (code, "InvalidInstanceId.NotFound"))
    return g_strdup (_("The server is no longer in the account (it may have been released). "
                       "Read the list again."));

  return NULL;
}

/**
 * icp_fix_error_explain:
 * @error: an error from icp_fix_request_validate() or a step of icp-ecs' fixes
 * @request: (nullable): the request the step was for (its remedy and instance)
 *
 * Returns: (transfer full): a translated explanation, one or two sentences
 */
char *
icp_fix_error_explain (const GError  *error,
                       IcpFixRequest *request)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (request == NULL || ICP_IS_FIX_REQUEST (request), NULL);

  if (error->domain == ICP_API_ERROR)
    {
      const char *code = icp_api_error_get_api_code (error);
      const char *hint = icp_api_error_get_hint (error);
      g_autofree char *sentence = NULL;

      if (code != NULL && (sentence = explain_code (code, request)) != NULL)
        /* Translators: an explanation of a refusal, then the API's error code */
        return g_strdup_printf (_("%s (%s)"), sentence, code);

      if (hint != NULL && hint[0] != '\0')
        /* Translators: two sentences, what went wrong and what to do; drop the space where
         * the language puts none between sentences */
        return g_strdup_printf (_("%s %s"), error->message, hint);
    }

  return g_strdup (error->message);
}

/**
 * icp_fix_error_is_temporary:
 * @error: an error from a step of a fix
 *
 * Returns: whether trying the same again later may succeed
 */
gboolean
icp_fix_error_is_temporary (const GError *error)
{
  const char *code;

  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != ICP_API_ERROR)
    return FALSE;

  switch ((IcpApiErrorCode) error->code)
    {
    case ICP_API_ERROR_THROTTLED:
    case ICP_API_ERROR_SERVER:
    case ICP_API_ERROR_NETWORK:
    case ICP_API_ERROR_TIMEOUT:
      return TRUE;
    case ICP_API_ERROR_FAILED:
    case ICP_API_ERROR_TLS:
    case ICP_API_ERROR_INVALID_KEY:
    case ICP_API_ERROR_PERMISSION:
    case ICP_API_ERROR_CLOCK_SKEW:
    case ICP_API_ERROR_INVALID_PARAMETER:
    case ICP_API_ERROR_DRY_RUN_PASSED:
    case ICP_API_ERROR_BAD_RESPONSE:
    case ICP_API_ERROR_ENDPOINT:
    default:
      break;
    }

  code = icp_api_error_get_api_code (error);
  return code != NULL && (g_str_equal (code, "LastOrderProcessing") ||
                          g_str_equal (code, "Idempotence.Processing"));
}
