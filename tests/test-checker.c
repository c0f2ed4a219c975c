/* test-checker.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every rule of DOMAIN.md's table, at its boundaries. Evaluated as of ICP_TEST_NOW; each test
 * starts from a server that is eligible and changes what the rule reads. */

#include "config.h"

#include <string.h>

#include "icp-checker.h"
#include "icp-test-utils.h"

typedef struct
{
  IcpPolicy   *policy;
  IcpChecker  *checker;
  IcpInstance *instance;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->policy = icp_test_default_policy ();
  f->checker = icp_test_new_checker (f->policy);

  f->instance = icp_test_make_instance ("i-bp1test000000000001");
  icp_instance_set_name (f->instance, "web-01");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->instance);
  g_clear_object (&f->checker);
  g_clear_object (&f->policy);
}

/* Checks f->instance; asserts the state and exactly the codes given, in any order. */
static IcpVerdict *
check (Fixture         *f,
       IcpVerdictState  state,
       const char      *codes)
{
  g_autoptr(IcpVerdict) verdict = icp_checker_check (f->checker, f->instance);
  g_auto(GStrv) expected = g_strsplit (codes, " ", -1);
  GListModel *findings = icp_verdict_get_findings (verdict);
  guint n = g_list_model_get_n_items (findings);
  guint n_expected = codes[0] != '\0' ? g_strv_length (expected) : 0;
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      g_string_append_printf (got, "%s ", icp_finding_get_code (finding));
      g_assert_nonnull (icp_finding_get_message (finding));
      g_assert_cmpstr (icp_finding_get_message (finding), !=, "");
    }

  if (n != n_expected)
    g_error ("expected findings “%s”, got “%s”", codes, got->str);
  for (guint i = 0; i < n_expected; i++)
    if (icp_verdict_get_finding (verdict, expected[i]) == NULL)
      g_error ("expected finding %s, got “%s”", expected[i], got->str);

  g_assert_cmpint (icp_verdict_get_state (verdict), ==, state);
  return g_steal_pointer (&verdict);
}

static void
assert_message_contains (IcpVerdict *verdict,
                         const char *code,
                         const char *text)
{
  IcpFinding *finding = icp_verdict_get_finding (verdict, code);

  g_assert_nonnull (finding);
  if (strstr (icp_finding_get_message (finding), text) == NULL)
    g_error ("message of %s “%s” lacks “%s”", code, icp_finding_get_message (finding), text);
}

static void
test_eligible (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  g_assert_cmpstr (icp_verdict_get_label (verdict), ==, "Eligible");
}

static void
test_outside_mainland (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) hk = NULL;
  g_autoptr(IcpVerdict) sg = NULL;
  IcpFinding *finding;

  /* Outside the mainland nothing else matters, not even pay-as-you-go. */
  icp_instance_set_charge_type (f->instance, ICP_CHARGE_TYPE_POSTPAID);
  icp_instance_set_region_id (f->instance, "cn-hongkong");
  hk = check (f, ICP_VERDICT_STATE_NOT_REQUIRED, "outside-mainland");
  assert_message_contains (hk, "outside-mainland", "Hong Kong");
  finding = icp_verdict_get_finding (hk, "outside-mainland");
  g_assert_cmpint (icp_finding_get_severity (finding), ==, ICP_SEVERITY_INFO);
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_NONE);

  icp_instance_set_region_id (f->instance, "ap-southeast-1");
  sg = check (f, ICP_VERDICT_STATE_NOT_REQUIRED, "outside-mainland");
  assert_message_contains (sg, "outside-mainland", "Singapore");

  icp_instance_set_region_id (f->instance, "eu-new-9");
  g_clear_object (&sg);
  sg = check (f, ICP_VERDICT_STATE_NOT_REQUIRED, "outside-mainland");
  assert_message_contains (sg, "outside-mainland", "eu-new-9");
}

static void
test_region_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;

  /* An unlisted cn-* id: probably mainland, a warning, still eligible. */
  icp_instance_set_region_id (f->instance, "cn-xinjiang");
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "region-unknown");
  assert_message_contains (verdict, "region-unknown", "cn-xinjiang");
  g_assert_cmpint (icp_finding_get_remedy (icp_verdict_get_finding (verdict, "region-unknown")),
                   ==, ICP_REMEDY_VERIFY);
}

static void
test_account_mismatch (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;

  /* Nothing to compare yet. */
  icp_instance_set_owner_account (f->instance, "1234567890123456");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  icp_checker_set_filing_account (f->checker, "1234567890123456");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  icp_checker_set_filing_account (f->checker, "9876543210987654");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "account-mismatch");
  assert_message_contains (verdict, "account-mismatch", "1234567890123456");
  assert_message_contains (verdict, "account-mismatch", "9876543210987654");
  g_assert_cmpint (icp_finding_get_remedy (icp_verdict_get_finding (verdict,
                                                                    "account-mismatch")),
                   ==, ICP_REMEDY_USE_OWNER_ACCOUNT);
}

static void
test_pay_as_you_go (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  g_autoptr(GDateTime) sentinel = icp_test_time ("2099-12-31T15:59Z");
  IcpFinding *finding;

  /* As the API gives it: the far-future placeholder is no subscription, and no expiry. */
  icp_instance_set_charge_type (f->instance, ICP_CHARGE_TYPE_POSTPAID);
  icp_instance_set_expired_time (f->instance, sentinel);
  icp_instance_set_subscription_start (f->instance, NULL);
  icp_instance_set_subscription_source (f->instance, ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "pay-as-you-go");

  finding = icp_verdict_get_finding (verdict, "pay-as-you-go");
  g_assert_cmpint (icp_finding_get_severity (finding), ==, ICP_SEVERITY_BLOCKER);
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_SWITCH_BILLING);
  g_assert_cmpuint (icp_finding_get_months (finding), ==, 3);
  g_assert_nonnull (icp_finding_get_reason (finding));
  g_assert_cmpfloat (icp_instance_get_subscription_months (f->instance), ==, -1);
}

static void
test_sentinel_prepaid (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  g_autoptr(GDateTime) sentinel = icp_test_time ("2099-12-31T15:59Z");

  /* A subscription with the placeholder expiry: its length is unknown, not 73 years. */
  icp_instance_set_expired_time (f->instance, sentinel);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "subscription-length-unknown");
}

static void
test_exactly_three_months (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  IcpFinding *finding;

  /* Exactly 3 months, and exactly 30 days left: both at the boundary. */
  icp_test_set_times (f->instance, "2026-09-20T08:00Z", "2026-12-20T08:00Z");
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "borderline-term");
  finding = icp_verdict_get_finding (verdict, "borderline-term");
  g_assert_cmpint (icp_finding_get_severity (finding), ==, ICP_SEVERITY_WARNING);
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_RENEW);
  g_assert_cmpuint (icp_finding_get_months (finding), ==, 1);
  assert_message_contains (verdict, "borderline-term", "totals exactly 3 months");

  /* Within the 3 days of tolerance, either side. */
  icp_test_set_times (f->instance, "2026-09-22T08:00Z", "2026-12-20T08:00Z");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "borderline-term");
  icp_test_set_times (f->instance, "2026-09-17T08:00Z", "2026-12-20T08:00Z");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "borderline-term");

  /* Beyond them: too short, or long enough. */
  icp_test_set_times (f->instance, "2026-09-24T08:00Z", "2026-12-20T08:00Z");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "subscription-too-short");
  icp_test_set_times (f->instance, "2026-09-16T08:00Z", "2026-12-20T08:00Z");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");
}

static void
test_subscription_too_short (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  IcpFinding *finding;

  /* 2.5 months, 31 days left: renew 1 to reach 3. */
  icp_test_set_times (f->instance, "2026-10-06T08:00Z", "2026-12-21T08:00Z");
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "subscription-too-short");
  finding = icp_verdict_get_finding (verdict, "subscription-too-short");
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_RENEW);
  g_assert_cmpuint (icp_finding_get_months (finding), ==, 1);
  assert_message_contains (verdict, "subscription-too-short", "totals 2.5 of the 3 months");

  /* 1 month of 3, 11 days left: "renew for at least 2 more", and renew anyway. */
  icp_test_set_times (f->instance, "2026-11-01T00:00Z", "2026-12-01T00:00Z");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "subscription-too-short remaining-too-short");
  finding = icp_verdict_get_finding (verdict, "subscription-too-short");
  g_assert_cmpuint (icp_finding_get_months (finding), ==, 2);
  assert_message_contains (verdict, "subscription-too-short", "totals 1 of the 3 months");
  assert_message_contains (verdict, "subscription-too-short", "at least 2 more months");

  /* The estimate says so. */
  icp_instance_set_subscription_source (f->instance, ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "subscription-too-short remaining-too-short");
  assert_message_contains (verdict, "subscription-too-short", "estimated");
}

static void
test_subscription_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;

  icp_instance_set_subscription_source (f->instance, ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "subscription-length-unknown");
  g_assert_cmpint (icp_finding_get_severity (icp_verdict_get_finding (verdict,
                                               "subscription-length-unknown")),
                   ==, ICP_SEVERITY_WARNING);
}

static void
test_remaining_days (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  IcpFinding *finding;

  /* 30 days left exactly: enough. One minute less: not. */
  icp_test_set_times (f->instance, "2026-01-01T00:00Z", "2026-12-20T08:00Z");
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  icp_test_set_times (f->instance, "2026-01-01T00:00Z", "2026-12-20T07:59Z");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "remaining-too-short");
  finding = icp_verdict_get_finding (verdict, "remaining-too-short");
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_RENEW);
  g_assert_cmpuint (icp_finding_get_months (finding), ==, 1);
  assert_message_contains (verdict, "remaining-too-short", "29 days");
  assert_message_contains (verdict, "remaining-too-short", "2026-12-20");
}

static void
test_expired (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  const char * const financial[] = { "financial", NULL };

  icp_test_set_times (f->instance, "2026-01-01T00:00Z", "2026-11-10T00:00Z");
  icp_instance_set_status (f->instance, "Stopped");
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "expired not-running");
  assert_message_contains (verdict, "expired", "2026-11-10");
  g_assert_cmpuint (icp_finding_get_months (icp_verdict_get_finding (verdict, "expired")), ==, 1);

  /* Expiring this very minute counts as expired. */
  icp_test_set_times (f->instance, "2026-01-01T00:00Z", ICP_TEST_NOW);
  icp_instance_set_status (f->instance, "Running");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "expired");

  /* An overdue payment locks the instance: the same finding, without a date. */
  icp_test_set_times (f->instance, "2026-01-01T00:00Z", "2027-06-01T00:00Z");
  icp_instance_set_lock_reasons (f->instance, financial);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "expired");
  assert_message_contains (verdict, "expired", "financial");
}

static void
test_public_ip (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  IcpFinding *finding;

  /* An EIP carries its own bandwidth: InternetMaxBandwidthOut is 0 then. */
  icp_instance_set_public_ip (f->instance, "");
  icp_instance_set_bandwidth_out (f->instance, 0);
  icp_instance_set_eip (f->instance, "198.51.100.7");
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  /* No EIP: EipAddress.IpAddress is "" in the API, not absent. */
  icp_instance_set_eip (f->instance, "");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "no-public-ip");
  finding = icp_verdict_get_finding (verdict, "no-public-ip");
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_ADD_BANDWIDTH);
  g_assert_cmpuint (icp_finding_get_mbps (finding), ==, 1);

  /* A static address whose bandwidth is 0 serves no website. */
  icp_instance_set_public_ip (f->instance, "203.0.113.10");
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "no-public-ip");
  assert_message_contains (verdict, "no-public-ip", "203.0.113.10");

  icp_instance_set_bandwidth_out (f->instance, 1);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  /* Bandwidth bought, but no address assigned: say so, and keep the bandwidth. */
  icp_instance_set_public_ip (f->instance, "");
  icp_instance_set_bandwidth_out (f->instance, 2);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "no-public-ip");
  assert_message_contains (verdict, "no-public-ip", "2 Mbit/s is bought");
  g_assert_cmpuint (icp_finding_get_mbps (icp_verdict_get_finding (verdict, "no-public-ip")), ==, 2);
}

static void
test_missing_facts (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;

  /* A CSV without IP columns: unknown, and said why. */
  icp_instance_set_public_ip (f->instance, NULL);
  icp_instance_set_eip (f->instance, NULL);
  icp_instance_set_bandwidth_out (f->instance, -1);
  verdict = check (f, ICP_VERDICT_STATE_UNKNOWN, "facts-missing");
  assert_message_contains (verdict, "facts-missing", "public IP address");

  icp_instance_set_charge_type (f->instance, ICP_CHARGE_TYPE_UNKNOWN);
  icp_instance_set_region_id (f->instance, NULL);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_UNKNOWN, "facts-missing");
  assert_message_contains (verdict, "facts-missing", "region, billing method, public IP address");

  /* A blocker still decides. */
  icp_instance_set_codes_used (f->instance, 5);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "facts-missing quota-reached");
}

static void
test_quota (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  IcpFinding *finding;

  icp_instance_set_codes_used (f->instance, 4);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "");

  icp_instance_set_codes_used (f->instance, 5);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "quota-reached");
  finding = icp_verdict_get_finding (verdict, "quota-reached");
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_CHOOSE_ANOTHER);

  icp_instance_set_codes_used (f->instance, -1);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "codes-unknown");
  finding = icp_verdict_get_finding (verdict, "codes-unknown");
  g_assert_cmpint (icp_finding_get_severity (finding), ==, ICP_SEVERITY_INFO);
}

static void
test_not_running_and_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  const char * const security[] = { "security", NULL };

  icp_instance_set_status (f->instance, "Stopped");
  verdict = check (f, ICP_VERDICT_STATE_ELIGIBLE, "not-running");
  assert_message_contains (verdict, "not-running", "Stopped");

  icp_instance_set_lock_reasons (f->instance, security);
  g_clear_object (&verdict);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "not-running locked");
  assert_message_contains (verdict, "locked", "security");
}

static void
test_several_findings (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  g_autoptr(IcpFinding) first = NULL;
  g_autoptr(IcpFinding) last = NULL;
  GListModel *findings;

  /* Bought a month ago for a month, no public address, stopped, codes unknown. */
  icp_test_set_times (f->instance, "2026-10-25T00:00Z", "2026-11-25T00:00Z");
  icp_instance_set_public_ip (f->instance, "");
  icp_instance_set_status (f->instance, "Stopped");
  icp_instance_set_codes_used (f->instance, -1);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED,
                   "remaining-too-short subscription-too-short no-public-ip not-running "
                   "codes-unknown");

  /* Blockers first, infos last. */
  findings = icp_verdict_get_findings (verdict);
  first = g_list_model_get_item (findings, 0);
  last = g_list_model_get_item (findings, g_list_model_get_n_items (findings) - 1);
  g_assert_cmpint (icp_finding_get_severity (first), ==, ICP_SEVERITY_BLOCKER);
  g_assert_cmpstr (icp_finding_get_code (last), ==, "codes-unknown");
}

static void
test_custom_policy (Fixture *f, gconstpointer data)
{
  static const char *six_months =
    "[Policy]\nMinSubscriptionMonths=6\nMinRemainingDays=30\nCodesPerInstance=2\n"
    "BorderlineDays=3\nRenewMonths=1;2;3;6;12;\nSwitchMonths=6;12;\nMinBandwidthMbps=1\n"
    "MaxBandwidthMbps=100\n[Region cn-hangzhou]\nMainland=true\nName=China (Hangzhou)\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = icp_policy_new_from_data (six_months, -1, "six.ini", &error);
  g_autoptr(IcpVerdict) verdict = NULL;

  g_assert_no_error (error);
  g_clear_object (&f->checker);
  f->checker = icp_test_new_checker (policy);

  /* Four months are enough by default, not by this policy; 2 codes used is its quota. */
  icp_test_set_times (f->instance, "2026-09-01T00:00Z", "2027-01-01T00:00Z");
  icp_instance_set_codes_used (f->instance, 2);
  verdict = check (f, ICP_VERDICT_STATE_BLOCKED, "subscription-too-short quota-reached");
  g_assert_cmpuint (icp_finding_get_months (icp_verdict_get_finding (verdict,
                                                                     "subscription-too-short")),
                    ==, 2);
}

static void
test_account_level (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) none = icp_checker_check_account (f->checker, 0);
  g_autoptr(GPtrArray) some = icp_checker_check_account (f->checker, 3);
  IcpFinding *finding;

  g_assert_cmpuint (none->len, ==, 1);
  finding = g_ptr_array_index (none, 0);
  g_assert_cmpstr (icp_finding_get_code (finding), ==, "no-instances");
  g_assert_cmpint (icp_finding_get_severity (finding), ==, ICP_SEVERITY_BLOCKER);
  g_assert_cmpint (icp_finding_get_remedy (finding), ==, ICP_REMEDY_BUY_SERVER);
  g_assert_cmpuint (some->len, ==, 0);
}

static void
test_pure (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpVerdict) a = icp_checker_check (f->checker, f->instance);
  g_autoptr(IcpVerdict) b = icp_checker_check (f->checker, f->instance);

  /* Checking changes nothing, and gives the same answer twice. */
  g_assert_true (icp_verdict_equal (a, b));
  g_assert_null (icp_instance_get_verdict (f->instance));
}

static void
test_codes_listed (void)
{
  const char * const *codes = icp_checker_get_codes ();

  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 16);
  g_assert_true (g_strv_contains (codes, "no-instances"));
  g_assert_true (g_strv_contains (codes, "borderline-term"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/icp/checker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("eligible", test_eligible);
  ADD ("outside-mainland", test_outside_mainland);
  ADD ("region-unknown", test_region_unknown);
  ADD ("account-mismatch", test_account_mismatch);
  ADD ("pay-as-you-go", test_pay_as_you_go);
  ADD ("sentinel-prepaid", test_sentinel_prepaid);
  ADD ("exactly-three-months", test_exactly_three_months);
  ADD ("subscription-too-short", test_subscription_too_short);
  ADD ("subscription-unknown", test_subscription_unknown);
  ADD ("remaining-days", test_remaining_days);
  ADD ("expired", test_expired);
  ADD ("public-ip", test_public_ip);
  ADD ("missing-facts", test_missing_facts);
  ADD ("quota", test_quota);
  ADD ("not-running-and-locked", test_not_running_and_locked);
  ADD ("several-findings", test_several_findings);
  ADD ("custom-policy", test_custom_policy);
  ADD ("account-level", test_account_level);
  ADD ("pure", test_pure);
  g_test_add_func ("/icp/checker/codes", test_codes_listed);

#undef ADD

  return g_test_run ();
}
