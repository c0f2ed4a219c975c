/* icp-report.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-inventory.h"

G_BEGIN_DECLS

typedef enum
{
  ICP_REPORT_FORMAT_TEXT,
  ICP_REPORT_FORMAT_JSON,
  ICP_REPORT_FORMAT_CSV,
} IcpReportFormat;

#define ICP_REPORT_ERROR (icp_report_error_quark ())

typedef enum
{
  ICP_REPORT_ERROR_WRITE,
} IcpReportError;

GQuark    icp_report_error_quark (void);
gboolean  icp_report_write       (IcpInventory     *inventory,
                                  IcpReportFormat   format,
                                  GOutputStream    *stream,
                                  GCancellable     *cancellable,
                                  GError          **error);
gboolean  icp_report_write_file  (IcpInventory     *inventory,
                                  IcpReportFormat   format,
                                  GFile            *file,
                                  GCancellable     *cancellable,
                                  GError          **error);
char     *icp_report_summary     (IcpInventory     *inventory);

G_END_DECLS
