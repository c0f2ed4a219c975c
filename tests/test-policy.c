/* test-policy.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "icp-policy.h"

static const char *minimal =
  "[Policy]\n"
  "Name=Test\n"
  "MinSubscriptionMonths=6\n"
  "MinRemainingDays=10\n"
  "CodesPerInstance=2\n"
  "BorderlineDays=0\n"
  "RenewMonths=1;6;12;\n"
  "SwitchMonths=6;12;\n"
  "MinBandwidthMbps=2\n"
  "MaxBandwidthMbps=50\n"
  "[Region cn-test]\n"
  "Mainland=true\n"
  "Name=Test Region\n"
  "Name[zh_CN]=测试地域（北京）\n";

static void
test_policy_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = icp_policy_new_default (&error);
  IcpRegions *regions;
  gsize n;
  const guint *months;

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_true (g_str_has_suffix (icp_policy_get_path (policy), "alibaba-ecs.ini"));
  g_assert_cmpuint (icp_policy_get_min_subscription_months (policy), ==, 3);
  g_assert_cmpuint (icp_policy_get_min_remaining_days (policy), ==, 30);
  g_assert_cmpuint (icp_policy_get_codes_per_instance (policy), ==, 5);
  g_assert_cmpuint (icp_policy_get_borderline_days (policy), ==, 3);

  months = icp_policy_get_allowed_months (policy, ICP_REMEDY_RENEW, &n);
  g_assert_cmpuint (n, ==, 16);
  g_assert_cmpuint (months[0], ==, 1);
  g_assert_cmpuint (months[n - 1], ==, 60);
  /* Switching sells 1–9, then whole years. */
  g_assert_cmpuint (icp_policy_round_months (policy, ICP_REMEDY_SWITCH_BILLING, 10), ==, 12);
  g_assert_cmpuint (icp_policy_round_months (policy, ICP_REMEDY_RENEW, 10), ==, 10);
  g_assert_cmpuint (icp_policy_round_months (policy, ICP_REMEDY_RENEW, 13), ==, 24);
  g_assert_cmpuint (icp_policy_round_months (policy, ICP_REMEDY_RENEW, 100), ==, 60);
  g_assert_cmpuint (icp_policy_round_months (policy, ICP_REMEDY_ADD_BANDWIDTH, 7), ==, 7);
  /* As a user reads them: runs as ranges. */
  {
    g_autofree char *renew = icp_policy_format_allowed_months (policy, ICP_REMEDY_RENEW);
    g_autofree char *sw = icp_policy_format_allowed_months (policy, ICP_REMEDY_SWITCH_BILLING);
    g_autofree char *none = icp_policy_format_allowed_months (policy, ICP_REMEDY_ADD_BANDWIDTH);
    g_autofree char *path = icp_policy_dup_default_path ();

    g_assert_cmpstr (renew, ==, "1–12, 24, 36, 48, 60");
    g_assert_cmpstr (sw, ==, "1–9, 12, 24, 36, 48, 60");
    g_assert_cmpstr (none, ==, "");
    g_assert_cmpstr (icp_policy_get_path (policy), ==, path);
  }

  regions = icp_policy_get_regions (policy);
  g_assert_cmpint (icp_regions_classify (regions, "cn-hangzhou"), ==, ICP_REGION_KIND_MAINLAND);
  g_assert_cmpint (icp_regions_classify (regions, "cn-zhengzhou-jva"), ==,
                   ICP_REGION_KIND_MAINLAND);
  g_assert_cmpint (icp_regions_classify (regions, "cn-hongkong"), ==, ICP_REGION_KIND_HONG_KONG);
  g_assert_cmpint (icp_regions_classify (regions, "ap-southeast-1"), ==, ICP_REGION_KIND_OUTSIDE);
  g_assert_cmpint (icp_regions_classify (regions, "xx-new-1"), ==, ICP_REGION_KIND_OUTSIDE);
  g_assert_cmpint (icp_regions_classify (regions, "cn-xinjiang"), ==,
                   ICP_REGION_KIND_MAINLAND_UNLISTED);
  g_assert_cmpint (icp_regions_classify (regions, ""), ==, ICP_REGION_KIND_UNKNOWN);
  g_assert_cmpint (icp_regions_classify (regions, NULL), ==, ICP_REGION_KIND_UNKNOWN);
}

static void
test_policy_region_names (void)
{
  g_autoptr(IcpPolicy) policy = icp_policy_new_default (NULL);
  IcpRegions *regions = icp_policy_get_regions (policy);
  g_auto(GStrv) ids = icp_regions_dup_ids (regions);

  /* The tests run with LANGUAGE=en. */
  g_assert_cmpstr (icp_regions_get_name (regions, "cn-hangzhou"), ==, "China (Hangzhou)");
  g_assert_cmpstr (icp_regions_get_name (regions, "cn-xinjiang"), ==, "cn-xinjiang");

  g_assert_cmpstr (icp_regions_lookup (regions, "cn-hangzhou"), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_regions_lookup (regions, "华东1（杭州）"), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_regions_lookup (regions, "华东 1 (杭州)"), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_regions_lookup (regions, "China (Hangzhou)"), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_regions_lookup (regions, "china(hangzhou)"), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_regions_lookup (regions, "杭州"), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_regions_lookup (regions, "中国香港"), ==, "cn-hongkong");
  g_assert_cmpstr (icp_regions_lookup (regions, "Singapore"), ==, "ap-southeast-1");
  g_assert_null (icp_regions_lookup (regions, "Atlantis"));

  g_assert_cmpuint (g_strv_length (ids), >=, 29);
  for (guint i = 1; ids[i] != NULL; i++)
    g_assert_cmpint (g_strcmp0 (ids[i - 1], ids[i]), <, 0);
}

static void
test_policy_custom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = icp_policy_new_from_data (minimal, -1, "custom.ini", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (icp_policy_get_name (policy), ==, "Test");
  g_assert_cmpuint (icp_policy_get_min_subscription_months (policy), ==, 6);
  g_assert_cmpuint (icp_policy_get_min_bandwidth (policy), ==, 2);
  g_assert_cmpuint (icp_policy_round_months (policy, ICP_REMEDY_SWITCH_BILLING, 1), ==, 6);
  g_assert_cmpint (icp_regions_classify (icp_policy_get_regions (policy), "cn-test"), ==,
                   ICP_REGION_KIND_MAINLAND);
  /* A region the custom file does not list is only "probably" mainland. */
  g_assert_cmpint (icp_regions_classify (icp_policy_get_regions (policy), "cn-hangzhou"), ==,
                   ICP_REGION_KIND_MAINLAND_UNLISTED);
  g_assert_cmpstr (icp_regions_lookup (icp_policy_get_regions (policy), "北京"), ==, "cn-test");
}

static void
assert_refused (const char *data,
                const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = icp_policy_new_from_data (data, -1, "broken.ini", &error);

  g_assert_null (policy);
  g_assert_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_INVALID);
  if (strstr (error->message, "broken.ini") == NULL ||
      strstr (error->message, expected_in_message) == NULL)
    g_error ("message “%s” should name broken.ini and “%s”", error->message,
             expected_in_message);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (to, parts);
}

static void
test_policy_broken (void)
{
  g_autofree char *bad_int = replace (minimal, "MinSubscriptionMonths=6",
                                      "MinSubscriptionMonths=six");
  g_autofree char *zero = replace (minimal, "MinSubscriptionMonths=6", "MinSubscriptionMonths=0");
  g_autofree char *missing = replace (minimal, "CodesPerInstance=2\n", "");
  g_autofree char *months = replace (minimal, "RenewMonths=1;6;12;", "RenewMonths=6;1;");
  g_autofree char *empty_months = replace (minimal, "SwitchMonths=6;12;", "SwitchMonths=");
  g_autofree char *mainland = replace (minimal, "Mainland=true", "Mainland=perhaps");
  g_autofree char *band = replace (minimal, "MaxBandwidthMbps=50", "MaxBandwidthMbps=1");
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) none = NULL;

  assert_refused ("this is not a key file", "broken.ini");
  assert_refused ("[Other]\nA=1\n", "[Policy]");
  assert_refused (bad_int, "MinSubscriptionMonths");
  assert_refused (zero, "MinSubscriptionMonths");
  assert_refused (missing, "CodesPerInstance");
  assert_refused (months, "RenewMonths");
  assert_refused (empty_months, "SwitchMonths");
  assert_refused (mainland, "Mainland");
  assert_refused (band, "MaxBandwidthMbps");

  none = icp_policy_new_from_file ("/nonexistent/policy.ini", &error);
  g_assert_null (none);
  g_assert_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/policy.ini"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icp/policy/default", test_policy_default);
  g_test_add_func ("/icp/policy/region-names", test_policy_region_names);
  g_test_add_func ("/icp/policy/custom", test_policy_custom);
  g_test_add_func ("/icp/policy/broken", test_policy_broken);

  return g_test_run ();
}
