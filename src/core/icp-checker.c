/* icp-checker.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The eligibility rules. Each rule is one small function with its finding code and the line of
 * the filing FAQ (shared/seeds/000_6d17c6f43db4e1e8.txt) it comes from, registered in one
 * table; thresholds come from the policy. A rule reads the instance and the context (policy,
 * the time of evaluation, the account that will file) and adds findings; it never formats for
 * a widget and never touches the network. The verdict follows from the findings:
 *
 *   outside the mainland                    → not-required
 *   any blocker                             → blocked
 *   region, billing or public address unknown → unknown
 *   otherwise                               → eligible (warnings and infos may remain)
 *
 * Adding a rule is one function, one row in `rules`, one test and one translated message.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "icp-checker.h"
#include "icp-time.h"

struct _IcpChecker
{
  GObject    parent_instance;

  IcpPolicy *policy;
  GDateTime *now;
  char      *filing_account;
};

G_DEFINE_FINAL_TYPE (IcpChecker, icp_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POLICY,
  PROP_NOW,
  PROP_FILING_ACCOUNT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef struct
{
  IcpPolicy     *policy;
  IcpInstance   *instance;
  GDateTime     *now;
  const char    *filing_account;
  IcpRegionKind  region_kind;
  GPtrArray     *findings;
  /* Set by rules: the verdict is not-required, or is unknown unless a blocker is found. */
  gboolean       not_required;
  gboolean       facts_missing;
} RuleContext;

/* Returns FALSE when no later rule applies (the instance needs no filing at all). */
typedef gboolean (*RuleFunc) (RuleContext *ctx);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

static IcpFinding *
add_finding (RuleContext *ctx,
             const char  *code,
             IcpSeverity  severity,
             IcpRemedy    remedy,
             const char  *reason,
             char        *message)
{
  IcpFinding *finding = icp_finding_new (code, severity, remedy, message, reason);

  g_free (message);
  g_ptr_array_add (ctx->findings, finding);

  return finding;
}

/* The least whole months m such that from + m months reaches target. */
static guint
months_to_reach (GDateTime *from,
                 GDateTime *target)
{
  guint m = 0;

  while (m < 1200)
    {
      g_autoptr(GDateTime) end = g_date_time_add_months (from, m);

      if (g_date_time_compare (end, target) >= 0)
        break;
      m++;
    }

  return m;
}

static gboolean
is_prepaid (RuleContext *ctx)
{
  return icp_instance_get_charge_type (ctx->instance) == ICP_CHARGE_TYPE_PREPAID;
}

static gboolean
is_expired (RuleContext *ctx)
{
  return icp_instance_is_expired (ctx->instance, ctx->now);
}

/* ------------------------------------------------------------------------------------------ */
/* The rules, in the order their findings are listed for one severity                          */

/* Seed, last bullet: "You did not purchase Alibaba Cloud servers that are deployed within
 * Mainland China." and its note: "ICP registration is not required for websites hosted in
 * instances that are deployed within Hong Kong, China." */
static gboolean
rule_outside_mainland (RuleContext *ctx)
{
  const char *region = icp_instance_get_region_id (ctx->instance);
  IcpRegions *regions = icp_policy_get_regions (ctx->policy);
  const char *reason = _("Domain names need an ICP filing only when they point to servers in "
                         "the Chinese mainland; websites hosted in Hong Kong (China) need none.");

  if (ctx->region_kind == ICP_REGION_KIND_HONG_KONG)
    {
      add_finding (ctx, "outside-mainland", ICP_SEVERITY_INFO, ICP_REMEDY_NONE, reason,
                   g_strdup (_("This server is in Hong Kong (China): websites hosted here need "
                               "no ICP filing, so no ICP filing service code is issued for it.")));
      ctx->not_required = TRUE;
      return FALSE;
    }

  if (ctx->region_kind == ICP_REGION_KIND_OUTSIDE)
    {
      add_finding (ctx, "outside-mainland", ICP_SEVERITY_INFO, ICP_REMEDY_NONE, reason,
                   /* Translators: %s is a region name such as "Singapore" */
                   g_strdup_printf (_("This server is in %s, outside the Chinese mainland: it "
                                      "needs no ICP filing, and no ICP filing service code is "
                                      "issued for it. To file, host the website on a server "
                                      "in the Chinese mainland."),
                                    icp_regions_get_name (regions, region)));
      ctx->not_required = TRUE;
      return FALSE;
    }

  return TRUE;
}

/* Not in the seed: a cn-* region the policy does not list is probably mainland, but verify. */
static gboolean
rule_region_unknown (RuleContext *ctx)
{
  if (ctx->region_kind == ICP_REGION_KIND_UNKNOWN)
    ctx->facts_missing = TRUE;

  if (ctx->region_kind != ICP_REGION_KIND_MAINLAND_UNLISTED)
    return TRUE;

  add_finding (ctx, "region-unknown", ICP_SEVERITY_WARNING, ICP_REMEDY_VERIFY, NULL,
               /* Translators: %s is a region id such as "cn-xinjiang" */
               g_strdup_printf (_("The region “%s” is not in the policy’s list. It is probably in "
                                  "the Chinese mainland; check in the filing console that it "
                                  "supports ICP filing."),
                                icp_instance_get_region_id (ctx->instance)));
  return TRUE;
}

/* Seed, bullet 1: "The account you are using is not the one that you used when you purchased
 * the server. Use the account that you used to purchase the server." */
static gboolean
rule_account_mismatch (RuleContext *ctx)
{
  const char *owner = icp_instance_get_owner_account (ctx->instance);

  if (owner == NULL || owner[0] == '\0' ||
      ctx->filing_account == NULL || ctx->filing_account[0] == '\0' ||
      g_str_equal (owner, ctx->filing_account))
    return TRUE;

  add_finding (ctx, "account-mismatch", ICP_SEVERITY_BLOCKER, ICP_REMEDY_USE_OWNER_ACCOUNT,
               _("The Apply button appears only for the account that bought the server."),
               /* Translators: both %s are Alibaba Cloud account ids */
               g_strdup_printf (_("This server belongs to account %s, but the filing will be "
                                  "submitted with account %s. Log in to the filing console "
                                  "with account %s."),
                                owner, ctx->filing_account, owner));
  return TRUE;
}

/* Seed, bullet 2: "Pay-As-You-Go instances do not support registration. Change your billing
 * method From Pay-As-You-Go to Subscription, and purchase a subscription of more than three
 * months." */
static gboolean
rule_pay_as_you_go (RuleContext *ctx)
{
  IcpChargeType charge_type = icp_instance_get_charge_type (ctx->instance);
  guint min_months = icp_policy_get_min_subscription_months (ctx->policy);
  guint months;
  IcpFinding *finding;

  if (charge_type == ICP_CHARGE_TYPE_UNKNOWN)
    ctx->facts_missing = TRUE;

  if (charge_type != ICP_CHARGE_TYPE_POSTPAID)
    return TRUE;

  months = icp_policy_round_months (ctx->policy, ICP_REMEDY_SWITCH_BILLING, min_months);
  finding = add_finding (ctx, "pay-as-you-go", ICP_SEVERITY_BLOCKER, ICP_REMEDY_SWITCH_BILLING,
                         _("Pay-as-you-go instances do not support ICP filing: switch to "
                           "subscription and buy more than three months."),
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       /* Translators: %u is months */
                                                       "This server is billed pay-as-you-go, "
                                                       "which the filing system does not accept. "
                                                       "Switch to subscription for at least %u "
                                                       "month.",
                                                       "This server is billed pay-as-you-go, "
                                                       "which the filing system does not accept. "
                                                       "Switch to subscription for at least %u "
                                                       "months.",
                                                       months),
                                          months));
  icp_finding_set_months (finding, months);
  return TRUE;
}

/* Seed, bullet 5: "Your ECS instance has expired. An expired instance cannot apply for the ICP
 * Filing service code." A `financial` operation lock means the same: overdue, stopped. */
static gboolean
rule_expired (RuleContext *ctx)
{
  GDateTime *expired = icp_instance_get_expired_time (ctx->instance);
  guint min_days = icp_policy_get_min_remaining_days (ctx->policy);
  g_autoptr(GDateTime) target = NULL;
  g_autofree char *date = NULL;
  const char *reason = _("An expired instance cannot apply for an ICP filing service code.");
  IcpFinding *finding;
  guint months;

  if (is_expired (ctx))
    {
      /* A renewal of an expired instance counts from the day it is paid. */
      target = g_date_time_add_days (ctx->now, min_days);
      months = icp_policy_round_months (ctx->policy, ICP_REMEDY_RENEW,
                                        MAX (1, months_to_reach (ctx->now, target)));
      date = icp_time_format_date (expired);
      finding = add_finding (ctx, "expired", ICP_SEVERITY_BLOCKER, ICP_REMEDY_RENEW, reason,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           /* Translators: %s is a date, %u a
                                                            * number of months */
                                                           "Expired on %s. Renew for at least "
                                                           "%u month to bring it back.",
                                                           "Expired on %s. Renew for at least "
                                                           "%u months to bring it back.",
                                                           months),
                                              date, months));
      icp_finding_set_months (finding, months);
    }
  else if (icp_instance_has_lock (ctx->instance, "financial"))
    {
      add_finding (ctx, "expired", ICP_SEVERITY_BLOCKER, ICP_REMEDY_RENEW, reason,
                   g_strdup (_("Locked for an overdue payment (financial lock). Pay the overdue "
                               "amount or renew to unlock it.")));
    }

  return TRUE;
}

/* Seed, bullet 4: "the remaining time before it expires does not meet the requirements for
 * registration. In this case, renew the subscription." Review takes weeks, and a server that
 * expires gets its filing cancelled. */
static gboolean
rule_remaining_too_short (RuleContext *ctx)
{
  GDateTime *expired = icp_instance_get_expired_time (ctx->instance);
  guint min_days = icp_policy_get_min_remaining_days (ctx->policy);
  g_autoptr(GDateTime) target = NULL;
  g_autofree char *date = NULL;
  g_autofree char *left = NULL;
  g_autofree char *renew = NULL;
  IcpFinding *finding;
  double days_left;
  guint months;

  if (!is_prepaid (ctx) || expired == NULL || icp_time_is_sentinel (expired) || is_expired (ctx))
    return TRUE;

  days_left = icp_time_days_between (ctx->now, expired);
  if (days_left >= min_days)
    return TRUE;

  target = g_date_time_add_days (ctx->now, min_days);
  months = icp_policy_round_months (ctx->policy, ICP_REMEDY_RENEW,
                                    MAX (1, months_to_reach (expired, target)));
  date = icp_time_format_date (expired);
  left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %d is the days left, %s the expiry date,
                                        * %u the days that must remain */
                                       "Only %d day left before it expires on %s; at least %u "
                                       "days must remain, because the review takes weeks and a "
                                       "server that expires loses its filing.",
                                       "Only %d days left before it expires on %s; at least %u "
                                       "days must remain, because the review takes weeks and a "
                                       "server that expires loses its filing.",
                                       (gulong) floor (days_left)),
                          (int) floor (days_left), date, min_days);
  renew = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Renew for at least %u month.",
                                        "Renew for at least %u months.",
                                        months),
                           months);
  finding = add_finding (ctx, "remaining-too-short", ICP_SEVERITY_BLOCKER, ICP_REMEDY_RENEW,
                         _("The time left before the instance expires does not meet the "
                           "requirement: renew the subscription."),
                         g_strdup_printf (/* Translators: two sentences: why, then what to
                                           * do */
                                          C_("two sentences", "%s %s"), left, renew));
  icp_finding_set_months (finding, months);
  return TRUE;
}

/* Seed, bullet 2: "purchase a subscription of more than three months" — renewals count
 * toward it. Providers word it both "3 months or more" and "more than 3 months", so a term
 * that is exactly the minimum is flagged as borderline instead of passed silently. */
static gboolean
rule_subscription_length (RuleContext *ctx)
{
  IcpInstance *instance = ctx->instance;
  GDateTime *start = icp_instance_get_subscription_start (instance);
  GDateTime *expired = icp_instance_get_expired_time (instance);
  IcpSubscriptionSource source = icp_instance_get_subscription_source (instance);
  guint min_months = icp_policy_get_min_subscription_months (ctx->policy);
  guint borderline = icp_policy_get_borderline_days (ctx->policy);
  g_autoptr(GDateTime) threshold = NULL;
  g_autofree char *have = NULL;
  const char *reason = _("The filing system needs a subscription of more than three months, "
                         "renewals included.");
  IcpFinding *finding;
  double diff_days;
  guint months;

  if (!is_prepaid (ctx))
    return TRUE;

  if (source == ICP_SUBSCRIPTION_SOURCE_UNKNOWN || start == NULL || expired == NULL ||
      icp_time_is_sentinel (expired))
    {
      add_finding (ctx, "subscription-length-unknown", ICP_SEVERITY_WARNING, ICP_REMEDY_VERIFY,
                   NULL,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: %u is the minimum months */
                                                 "The total subscription length of this server "
                                                 "is not known; check in the console that it "
                                                 "is more than %u month.",
                                                 "The total subscription length of this server "
                                                 "is not known; check in the console that it "
                                                 "is more than %u months.",
                                                 min_months),
                                    min_months));
      return TRUE;
    }

  threshold = g_date_time_add_months (start, min_months);
  diff_days = icp_time_days_between (threshold, expired);
  have = icp_time_format_months (icp_instance_get_subscription_months (instance));

  if (diff_days < -(double) borderline)
    {
      months = icp_policy_round_months (ctx->policy, ICP_REMEDY_RENEW,
                                        MAX (1, months_to_reach (expired, threshold)));
      finding = add_finding (ctx, "subscription-too-short", ICP_SEVERITY_BLOCKER,
                             ICP_REMEDY_RENEW, reason,
                             source == ICP_SUBSCRIPTION_SOURCE_ESTIMATED
                             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             /* Translators: %s is months such
                                                              * as "1" or "2.5"; the %u are the
                                                              * months needed and the months to
                                                              * renew for */
                                                             "The subscription totals %s of the "
                                                             "%u months needed (estimated from "
                                                             "the creation time): renew for at "
                                                             "least %u more month.",
                                                             "The subscription totals %s of the "
                                                             "%u months needed (estimated from "
                                                             "the creation time): renew for at "
                                                             "least %u more months.",
                                                             months),
                                                have, min_months, months)
                             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             /* Translators: as above, without
                                                              * the estimate */
                                                             "The subscription totals %s of the "
                                                             "%u months needed: renew for at "
                                                             "least %u more month.",
                                                             "The subscription totals %s of the "
                                                             "%u months needed: renew for at "
                                                             "least %u more months.",
                                                             months),
                                                have, min_months, months));
      icp_finding_set_months (finding, months);
    }
  else if (diff_days <= (double) borderline)
    {
      months = icp_policy_round_months (ctx->policy, ICP_REMEDY_RENEW, 1);
      finding = add_finding (ctx, "borderline-term", ICP_SEVERITY_WARNING, ICP_REMEDY_RENEW,
                             reason,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           /* Translators: both %u are the
                                                            * minimum number of months */
                                                           "The subscription totals exactly %u "
                                                           "month, the minimum; some Alibaba "
                                                           "Cloud pages ask for more than %u. "
                                                           "Renew for one more month to be safe.",
                                                           "The subscription totals exactly %u "
                                                           "months, the minimum; some Alibaba "
                                                           "Cloud pages ask for more than %u. "
                                                           "Renew for one more month to be safe.",
                                                           min_months),
                                              min_months, min_months));
      icp_finding_set_months (finding, months);
    }

  return TRUE;
}

/* Seed, question 2: "an instance ... that has a public network bandwidth assigned. If you do
 * not own a public IP address, purchase the bandwidth first." and bullet 3. An EIP carries its
 * own bandwidth, so InternetMaxBandwidthOut is 0 for an instance with one. */
static gboolean
rule_no_public_ip (RuleContext *ctx)
{
  const char *public_ip = icp_instance_get_public_ip (ctx->instance);
  const char *eip = icp_instance_get_eip (ctx->instance);
  int bandwidth = icp_instance_get_bandwidth_out (ctx->instance);
  guint min_mbps = icp_policy_get_min_bandwidth (ctx->policy);
  IcpFinding *finding;
  char *message;

  /* A static IP with outbound bandwidth, or an EIP. */
  if (icp_instance_get_filing_address (ctx->instance) != NULL)
    return TRUE;

  if (public_ip == NULL && eip == NULL)
    {
      ctx->facts_missing = TRUE;
      return TRUE;
    }

  if (public_ip != NULL && public_ip[0] != '\0')
    message = g_strdup_printf (/* Translators: %s is an IP address, %u Mbit/s */
                               _("The public IP address %s has no outbound bandwidth (0 Mbit/s). "
                                 "Add public bandwidth of at least %u Mbit/s."),
                               public_ip, min_mbps);
  else if (bandwidth > 0)
    message = g_strdup_printf (/* Translators: %d is Mbit/s */
                               _("Public bandwidth of %d Mbit/s is bought, but no public IP "
                                 "address is assigned. Assign a public IP address, or bind an "
                                 "elastic IP address (EIP)."),
                               bandwidth);
  else
    message = g_strdup_printf (/* Translators: %u is Mbit/s */
                               _("No public IP address: neither public bandwidth nor an elastic "
                                 "IP address (EIP). Add public bandwidth of at least %u Mbit/s."),
                               min_mbps);

  finding = add_finding (ctx, "no-public-ip", ICP_SEVERITY_BLOCKER, ICP_REMEDY_ADD_BANDWIDTH,
                         _("A server that supports ICP filing needs public bandwidth; without "
                           "a public IP address, buy bandwidth first."),
                         message);
  icp_finding_set_mbps (finding, MAX (min_mbps, (guint) MAX (bandwidth, 0)));
  return TRUE;
}

/* Seed, bullet 6: "The maximum of the service identification numbers for ICP registration
 * that your instance can apply for has been reached." */
static gboolean
rule_quota (RuleContext *ctx)
{
  int used = icp_instance_get_codes_used (ctx->instance);
  guint quota = icp_policy_get_codes_per_instance (ctx->policy);

  if (used < 0)
    {
      add_finding (ctx, "codes-unknown", ICP_SEVERITY_INFO, ICP_REMEDY_CHECK_CONSOLE, NULL,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: %u is the number of codes an
                                                  * instance may have */
                                                 "The number of ICP filing service codes this "
                                                 "server has used is not known (the limit is "
                                                 "%u); check it in the filing console.",
                                                 "The number of ICP filing service codes this "
                                                 "server has used is not known (the limit is "
                                                 "%u); check it in the filing console.",
                                                 quota),
                                    quota));
      return TRUE;
    }

  if ((guint) used < quota)
    return TRUE;

  add_finding (ctx, "quota-reached", ICP_SEVERITY_BLOCKER, ICP_REMEDY_CHOOSE_ANOTHER,
               _("An instance can have only a few ICP filing service codes, and this one has "
                 "reached the maximum."),
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %d is the codes used, %u the
                                              * limit */
                                             "This server has used %d of its %u ICP filing "
                                             "service code. Choose another server.",
                                             "This server has used %d of its %u ICP filing "
                                             "service codes. Choose another server.",
                                             quota),
                                used, quota));
  return TRUE;
}

/* Not in the seed: the Filing Service API generates codes only for running instances. */
static gboolean
rule_not_running (RuleContext *ctx)
{
  const char *status = icp_instance_get_status (ctx->instance);

  if (status == NULL || status[0] == '\0' || g_ascii_strcasecmp (status, "Running") == 0)
    return TRUE;

  add_finding (ctx, "not-running", ICP_SEVERITY_WARNING, ICP_REMEDY_START_INSTANCE,
               _("ICP filing service codes are generated only for running instances."),
               /* Translators: %s is the server's status in words, e.g. "Stopped" */
               g_strdup_printf (_("The server is not running (status: %s). Start it before "
                                  "applying."),
                                icp_instance_status_get_label (status)));
  return TRUE;
}

/* Not in the seed: a security or other operation lock keeps the console from acting on the
 * instance. The `financial` lock is the expired rule's. */
static gboolean
rule_locked (RuleContext *ctx)
{
  const char * const *locks = icp_instance_get_lock_reasons (ctx->instance);
  g_autoptr(GString) others = NULL;

  for (guint i = 0; locks != NULL && locks[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (locks[i], "financial") == 0)
        continue;
      if (others == NULL)
        others = g_string_new (locks[i]);
      else
        g_string_append_printf (others, ", %s", locks[i]);
    }

  if (others == NULL)
    return TRUE;

  add_finding (ctx, "locked", ICP_SEVERITY_BLOCKER, ICP_REMEDY_RESOLVE_LOCK, NULL,
               /* Translators: %s is a list of lock reasons such as "security" */
               g_strdup_printf (_("The server is locked (%s). Resolve the lock with Alibaba "
                                  "Cloud support before applying."),
                                others->str));
  return TRUE;
}

/* Not in the seed: say which facts the list lacks, so that "unknown" is never unexplained. */
static gboolean
rule_facts_missing (RuleContext *ctx)
{
  g_autoptr(GString) missing = NULL;
  const char *items[3];
  guint n = 0;

  if (icp_instance_get_region_id (ctx->instance) == NULL ||
      icp_instance_get_region_id (ctx->instance)[0] == '\0')
    items[n++] = _("region");
  if (icp_instance_get_charge_type (ctx->instance) == ICP_CHARGE_TYPE_UNKNOWN)
    items[n++] = _("billing method");
  if (icp_instance_get_public_ip (ctx->instance) == NULL &&
      icp_instance_get_eip (ctx->instance) == NULL)
    items[n++] = _("public IP address");

  if (n == 0)
    return TRUE;

  missing = g_string_new (items[0]);
  for (guint i = 1; i < n; i++)
    g_string_append_printf (missing, "%s%s",
                            /* Translators: the separator between the names of missing facts */
                            _(", "),
                            items[i]);

  add_finding (ctx, "facts-missing", ICP_SEVERITY_INFO, ICP_REMEDY_VERIFY, NULL,
               g_strdup_printf (/* Translators: %s lists facts, e.g. "billing method, public
                                 * IP address" */
                                _("The list does not give this server’s %s. Export a list "
                                  "that includes this information, or connect the account."),
                                missing->str));
  return TRUE;
}

/* In order; each names the finding codes it gives. */
static const RuleFunc rules[] = {
  rule_outside_mainland,      /* outside-mainland */
  rule_region_unknown,        /* region-unknown */
  rule_account_mismatch,      /* account-mismatch */
  rule_pay_as_you_go,         /* pay-as-you-go */
  rule_expired,               /* expired */
  rule_remaining_too_short,   /* remaining-too-short */
  rule_subscription_length,   /* subscription-too-short, borderline-term,
                               * subscription-length-unknown */
  rule_no_public_ip,          /* no-public-ip */
  rule_quota,                 /* quota-reached, codes-unknown */
  rule_not_running,           /* not-running */
  rule_locked,                /* locked */
  rule_facts_missing,         /* facts-missing */
};

/**
 * icp_checker_get_codes:
 *
 * Returns: (array zero-terminated=1) (transfer none): every finding code the rules can give,
 *   the account-level "no-instances" included.
 */
const char * const *
icp_checker_get_codes (void)
{
  static const char * const codes[] = {
    "no-instances", "outside-mainland", "region-unknown", "account-mismatch", "pay-as-you-go",
    "expired", "remaining-too-short", "subscription-too-short", "borderline-term",
    "subscription-length-unknown", "no-public-ip", "quota-reached", "codes-unknown",
    "not-running", "locked", "facts-missing", NULL
  };

  return codes;
}

/* ------------------------------------------------------------------------------------------ */

static void
icp_checker_dispose (GObject *object)
{
  IcpChecker *self = (IcpChecker *)object;

  g_clear_object (&self->policy);

  G_OBJECT_CLASS (icp_checker_parent_class)->dispose (object);
}

static void
icp_checker_finalize (GObject *object)
{
  IcpChecker *self = (IcpChecker *)object;

  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->filing_account);

  G_OBJECT_CLASS (icp_checker_parent_class)->finalize (object);
}

static void
icp_checker_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IcpChecker *self = ICP_CHECKER (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;
    case PROP_FILING_ACCOUNT:
      g_value_set_string (value, self->filing_account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_checker_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IcpChecker *self = ICP_CHECKER (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      self->policy = g_value_dup_object (value);
      break;
    case PROP_NOW:
      icp_checker_set_now (self, g_value_get_boxed (value));
      break;
    case PROP_FILING_ACCOUNT:
      icp_checker_set_filing_account (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_checker_class_init (IcpCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_checker_dispose;
  object_class->finalize = icp_checker_finalize;
  object_class->get_property = icp_checker_get_property;
  object_class->set_property = icp_checker_set_property;

  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, ICP_TYPE_POLICY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOW] =
    g_param_spec_boxed ("now", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILING_ACCOUNT] =
    g_param_spec_string ("filing-account", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IcpChecker::changed:
   *
   * The context changed (time of evaluation, filing account): every verdict is stale.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
icp_checker_init (IcpChecker *self)
{
}

/**
 * icp_checker_new:
 * @policy: the thresholds and regions to check against
 *
 * Returns: (transfer full): a checker that evaluates as of the current time.
 */
IcpChecker *
icp_checker_new (IcpPolicy *policy)
{
  g_return_val_if_fail (ICP_IS_POLICY (policy), NULL);

  return g_object_new (ICP_TYPE_CHECKER, "policy", policy, NULL);
}

IcpPolicy *
icp_checker_get_policy (IcpChecker *self)
{
  g_return_val_if_fail (ICP_IS_CHECKER (self), NULL);
  return self->policy;
}

/**
 * icp_checker_get_now:
 *
 * Returns: (nullable): the fixed time of evaluation, or %NULL for "the current time".
 */
GDateTime *
icp_checker_get_now (IcpChecker *self)
{
  g_return_val_if_fail (ICP_IS_CHECKER (self), NULL);
  return self->now;
}

void
icp_checker_set_now (IcpChecker *self,
                     GDateTime  *now)
{
  g_return_if_fail (ICP_IS_CHECKER (self));

  if (self->now == now || (self->now != NULL && now != NULL && g_date_time_equal (self->now, now)))
    return;

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
icp_checker_get_filing_account (IcpChecker *self)
{
  g_return_val_if_fail (ICP_IS_CHECKER (self), NULL);
  return self->filing_account;
}

/**
 * icp_checker_set_filing_account:
 * @account: (nullable): the account id that will submit the filing
 */
void
icp_checker_set_filing_account (IcpChecker *self,
                                const char *account)
{
  g_return_if_fail (ICP_IS_CHECKER (self));

  if (account != NULL && account[0] == '\0')
    account = NULL;
  if (g_strcmp0 (self->filing_account, account) == 0)
    return;

  g_free (self->filing_account);
  self->filing_account = g_strdup (account);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILING_ACCOUNT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * icp_checker_check:
 * @self: a checker
 * @instance: the server to check
 *
 * Runs every rule. Pure: reads @instance and the checker's context, changes neither.
 *
 * Returns: (transfer full): the verdict.
 */
IcpVerdict *
icp_checker_check (IcpChecker  *self,
                   IcpInstance *instance)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = NULL;
  IcpVerdictState state;
  RuleContext ctx = { 0 };
  gboolean blocked = FALSE;

  g_return_val_if_fail (ICP_IS_CHECKER (self), NULL);
  g_return_val_if_fail (ICP_IS_INSTANCE (instance), NULL);

  now = self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();

  ctx.policy = self->policy;
  ctx.instance = instance;
  ctx.now = now;
  ctx.filing_account = self->filing_account;
  ctx.findings = findings;
  ctx.region_kind = icp_regions_classify (icp_policy_get_regions (self->policy),
                                          icp_instance_get_region_id (instance));

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (!rules[i] (&ctx))
      break;

  for (guint i = 0; i < findings->len; i++)
    if (icp_finding_get_severity (g_ptr_array_index (findings, i)) == ICP_SEVERITY_BLOCKER)
      blocked = TRUE;

  if (ctx.not_required)
    state = ICP_VERDICT_STATE_NOT_REQUIRED;
  else if (blocked)
    state = ICP_VERDICT_STATE_BLOCKED;
  else if (ctx.facts_missing)
    state = ICP_VERDICT_STATE_UNKNOWN;
  else
    state = ICP_VERDICT_STATE_ELIGIBLE;

  return icp_verdict_new (state, findings);
}

/**
 * icp_checker_check_account:
 * @self: a checker
 * @n_instances: how many servers the account or list holds
 *
 * The findings about the account as a whole.
 *
 * Returns: (transfer full) (element-type IcpFinding): the account-level findings.
 */
GPtrArray *
icp_checker_check_account (IcpChecker *self,
                           guint       n_instances)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ICP_IS_CHECKER (self), findings);

  /* Seed, question 1: "I did not purchase any Alibaba Cloud server. ... You need to first
   * purchase the Alibaba Cloud server that supports ICP registration". */
  if (n_instances == 0)
    {
      guint months = icp_policy_get_min_subscription_months (self->policy);
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %u is the minimum subscription in months */
                                      "There is no server in this account or list. An ICP filing "
                                      "service code comes with a server: buy one in the Chinese "
                                      "mainland, on subscription for more than %u month, with "
                                      "public bandwidth.",
                                      "There is no server in this account or list. An ICP filing "
                                      "service code comes with a server: buy one in the Chinese "
                                      "mainland, on subscription for more than %u months, with "
                                      "public bandwidth.",
                                      months),
                         months);

      g_ptr_array_add (findings,
                       icp_finding_new ("no-instances", ICP_SEVERITY_BLOCKER,
                                        ICP_REMEDY_BUY_SERVER, message,
                                        _("You need to first buy an Alibaba Cloud server that "
                                          "supports ICP filing to apply for a service code.")));
    }

  return findings;
}
