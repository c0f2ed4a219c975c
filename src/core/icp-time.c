/* icp-time.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times in the instance list come in several spellings: the API documents
 * "yyyy-MM-ddTHH:mm:ssZ" but every sample and many real answers have minute precision
 * ("2017-12-10T04:04Z"); spreadsheets write "2026-03-01 12:00:00" or "2026/3/1 12:00" in
 * China Standard Time. This module reads all of them and refuses impossible dates.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "icp-time.h"

GTimeZone *
icp_time_china_zone (void)
{
  static gsize initialized;
  static GTimeZone *zone;

  if (g_once_init_enter (&initialized))
    {
      zone = g_time_zone_new_offset (8 * 3600);
      g_once_init_leave (&initialized, 1);
    }

  return zone;
}

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *out)
{
  guint n = 0;
  int value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }

  if (n < min_digits)
    return FALSE;

  *p += n;
  *out = value;
  return TRUE;
}

/**
 * icp_time_parse:
 * @text: a time as the API, the aliyun CLI, our reports or a spreadsheet write it
 * @default_tz: (nullable): the zone of a time without one (UTC when %NULL)
 *
 * Accepts `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`, a space instead of `T`, `/` instead of `-`,
 * one-digit months and days, and a date without a time (midnight).
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if @text is no possible time.
 */
GDateTime *
icp_time_parse (const char *text,
                GTimeZone  *default_tz)
{
  g_autoptr(GTimeZone) zone = NULL;
  const char *p = text;
  int year, month, day, hour = 0, minute = 0, second = 0;
  double fraction = 0.0;
  char sep;

  if (text == NULL)
    return NULL;

  while (g_ascii_isspace (*p))
    p++;

  if (!read_number (&p, 4, 4, &year))
    return NULL;
  sep = *p;
  if (sep != '-' && sep != '/')
    return NULL;
  p++;
  if (!read_number (&p, 1, 2, &month) || *p != sep)
    return NULL;
  p++;
  if (!read_number (&p, 1, 2, &day))
    return NULL;

  if (*p == 'T' || *p == ' ')
    {
      p++;
      if (!read_number (&p, 1, 2, &hour) || *p != ':')
        return NULL;
      p++;
      if (!read_number (&p, 2, 2, &minute))
        return NULL;
      if (*p == ':')
        {
          p++;
          if (!read_number (&p, 2, 2, &second))
            return NULL;
          if (*p == '.')
            {
              double scale = 0.1;

              p++;
              if (!g_ascii_isdigit (*p))
                return NULL;
              while (g_ascii_isdigit (*p))
                {
                  fraction += (*p - '0') * scale;
                  scale /= 10;
                  p++;
                }
            }
        }
    }

  if (*p == 'Z' || *p == 'z')
    {
      zone = g_time_zone_new_utc ();
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int oh, om = 0;

      p++;
      if (!read_number (&p, 2, 2, &oh))
        return NULL;
      if (*p == ':')
        p++;
      if (g_ascii_isdigit (*p) && !read_number (&p, 2, 2, &om))
        return NULL;
      if (oh > 14 || om > 59)
        return NULL;
      zone = g_time_zone_new_offset (sign * (oh * 3600 + om * 60));
    }
  else
    {
      zone = default_tz != NULL ? g_time_zone_ref (default_tz) : g_time_zone_new_utc ();
    }

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return NULL;

  /* g_date_time_new() refuses 30 February, hour 25 and friends by returning NULL. */
  if (hour == 24 && minute == 0 && second == 0)
    {
      g_autoptr(GDateTime) midnight = g_date_time_new (zone, year, month, day, 0, 0, 0);

      return midnight != NULL ? g_date_time_add_days (midnight, 1) : NULL;
    }

  return g_date_time_new (zone, year, month, day, hour, minute, second + fraction);
}

/**
 * icp_time_format:
 * @time: (nullable): a time
 *
 * Returns: (transfer full) (nullable): @time in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
 */
char *
icp_time_format (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * icp_time_format_date:
 * @time: (nullable): a time
 *
 * Returns: (transfer full) (nullable): the UTC day of @time, "2026-03-01"; %NULL for %NULL
 */
char *
icp_time_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d");
}

/**
 * icp_time_format_months:
 * @months: a length in months
 *
 * The numbers a user compares with the console: "3" for whole months (within 0.05), else one
 * decimal, "2.5".
 *
 * Returns: (transfer full): the number
 */
char *
icp_time_format_months (double months)
{
  if (fabs (months - round (months)) < 0.05)
    return g_strdup_printf ("%d", (int) round (months));

  return g_strdup_printf ("%.1f", months);
}

/**
 * icp_time_is_sentinel:
 * @time: (nullable): an ExpiredTime
 *
 * Pay-as-you-go instances carry ExpiredTime `2099-12-31T15:59Z`; it is not an expiry date.
 *
 * Returns: whether @time is that far-future placeholder (any time in 2099 or later).
 */
gboolean
icp_time_is_sentinel (GDateTime *time)
{
  return time != NULL && g_date_time_get_year (time) >= 2099;
}

double
icp_time_days_between (GDateTime *start,
                       GDateTime *end)
{
  return g_date_time_difference (end, start) / (double) G_TIME_SPAN_DAY;
}

/**
 * icp_time_months_between:
 * @start: the start of a term
 * @end: its end
 *
 * Calendar months from @start to @end, the way a subscription is sold: 15 January to
 * 15 April is 3.0 months; a part month counts by the days of the month it falls in.
 *
 * Returns: the number of months, negative if @end is before @start.
 */
double
icp_time_months_between (GDateTime *start,
                         GDateTime *end)
{
  int months;
  g_autoptr(GDateTime) lower = NULL;
  g_autoptr(GDateTime) upper = NULL;

  if (g_date_time_compare (end, start) < 0)
    return -icp_time_months_between (end, start);

  months = (g_date_time_get_year (end) - g_date_time_get_year (start)) * 12
           + g_date_time_get_month (end) - g_date_time_get_month (start);

  /* Step back until start + months is not after end. */
  for (;;)
    {
      g_clear_pointer (&lower, g_date_time_unref);
      lower = g_date_time_add_months (start, months);
      if (months <= 0 || g_date_time_compare (lower, end) <= 0)
        break;
      months--;
    }

  upper = g_date_time_add_months (start, months + 1);

  return months + (double) g_date_time_difference (end, lower)
                  / (double) g_date_time_difference (upper, lower);
}
