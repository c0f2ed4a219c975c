/* icp-time.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *icp_time_parse            (const char *text,
                                      GTimeZone  *default_tz);
char      *icp_time_format           (GDateTime  *time);
char      *icp_time_format_date      (GDateTime  *time);
char      *icp_time_format_months    (double      months);
gboolean   icp_time_is_sentinel      (GDateTime  *time);
double     icp_time_months_between   (GDateTime  *start,
                                      GDateTime  *end);
double     icp_time_days_between     (GDateTime  *start,
                                      GDateTime  *end);
GTimeZone *icp_time_china_zone       (void);

G_END_DECLS
