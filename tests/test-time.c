/* test-time.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "icp-time.h"

static void
assert_parses (const char *text,
               const char *expected_utc)
{
  g_autoptr(GDateTime) time = icp_time_parse (text, icp_time_china_zone ());
  g_autofree char *formatted = NULL;

  g_assert_nonnull (time);
  formatted = icp_time_format (time);
  g_assert_cmpstr (formatted, ==, expected_utc);
}

static void
test_time_formats (void)
{
  /* The API's documented form, and the minute precision every sample has. */
  assert_parses ("2017-12-10T04:04:07Z", "2017-12-10T04:04:07Z");
  assert_parses ("2017-12-10T04:04Z", "2017-12-10T04:04:00Z");
  assert_parses ("2099-12-31T15:59Z", "2099-12-31T15:59:00Z");
  assert_parses ("2026-03-01T12:00:00.250Z", "2026-03-01T12:00:00Z");
  assert_parses ("2026-03-01T12:00:00+08:00", "2026-03-01T04:00:00Z");
  assert_parses ("2026-03-01T12:00-0130", "2026-03-01T13:30:00Z");
  /* Spreadsheets: no zone means China Standard Time here. */
  assert_parses ("2026-03-01 12:00:00", "2026-03-01T04:00:00Z");
  assert_parses ("2026/3/1 8:05", "2026-03-01T00:05:00Z");
  assert_parses ("2026-03-01", "2026-02-28T16:00:00Z");
  assert_parses ("  2026-03-01T00:00Z  ", "2026-03-01T00:00:00Z");
  assert_parses ("2026-02-28T24:00Z", "2026-03-01T00:00:00Z");
}

static void
test_time_impossible (void)
{
  const char *bad[] = {
    "", "hello", "2026-02-30T10:00Z", "2026-13-01T00:00Z", "2026-00-10", "2026-04-31",
    "2026-01-01T25:00Z", "2026-01-01T10:60Z", "2026-01-01T10:00:61Z", "2026-01-01T10:00Zjunk",
    "26-01-01", "2026-01-01T10", "2026-01-01T10:00+25:00", "2026-1-1T10:0Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) time = icp_time_parse (bad[i], NULL);

      if (time != NULL)
        g_error ("“%s” should not parse", bad[i]);
    }

  g_assert_null (icp_time_parse (NULL, NULL));
}

static void
test_time_months (void)
{
  g_autoptr(GDateTime) a = icp_time_parse ("2026-01-15T00:00Z", NULL);
  g_autoptr(GDateTime) b = icp_time_parse ("2026-04-15T00:00Z", NULL);
  g_autoptr(GDateTime) c = icp_time_parse ("2026-05-30T00:00Z", NULL);
  g_autoptr(GDateTime) d = icp_time_parse ("2026-01-31T00:00Z", NULL);
  g_autoptr(GDateTime) e = icp_time_parse ("2026-02-28T00:00Z", NULL);
  g_autoptr(GDateTime) sentinel = icp_time_parse ("2099-12-31T15:59Z", NULL);

  g_assert_cmpfloat_with_epsilon (icp_time_months_between (a, b), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (icp_time_months_between (b, a), -3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (icp_time_months_between (a, a), 0.0, 1e-9);
  /* 15 April → 15 May is one month, then 15 of the 31 days to 15 June. */
  g_assert_cmpfloat_with_epsilon (icp_time_months_between (a, c), 4.0 + 15.0 / 31.0, 1e-9);
  /* 31 January + 1 month is clamped to 28 February. */
  g_assert_cmpfloat_with_epsilon (icp_time_months_between (d, e), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (icp_time_days_between (a, b), 90.0, 1e-9);

  g_assert_true (icp_time_is_sentinel (sentinel));
  g_assert_false (icp_time_is_sentinel (c));
  g_assert_false (icp_time_is_sentinel (NULL));
}

/* The day is the UTC one: midnight in Beijing is the day before. */
static void
test_time_format_date (void)
{
  g_autoptr(GDateTime) utc = icp_time_parse ("2026-03-01T12:00Z", NULL);
  g_autoptr(GDateTime) beijing = icp_time_parse ("2026-03-01 00:00", icp_time_china_zone ());
  g_autofree char *a = icp_time_format_date (utc);
  g_autofree char *b = icp_time_format_date (beijing);

  g_assert_cmpstr (a, ==, "2026-03-01");
  g_assert_cmpstr (b, ==, "2026-02-28");
  g_assert_null (icp_time_format_date (NULL));
}

static void
test_time_format_months (void)
{
  const struct {
    double      months;
    const char *text;
  } cases[] = {
    { 3.0, "3" }, { 2.96, "3" }, { 3.04, "3" }, { 0.0, "0" }, { 2.5, "2.5" },
    { 2.94, "2.9" }, { 11.75, "11.8" }, { 36.0, "36" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = icp_time_format_months (cases[i].months);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icp/time/formats", test_time_formats);
  g_test_add_func ("/icp/time/impossible", test_time_impossible);
  g_test_add_func ("/icp/time/months", test_time_months);
  g_test_add_func ("/icp/time/format-date", test_time_format_date);
  g_test_add_func ("/icp/time/format-months", test_time_format_months);

  return g_test_run ();
}
