/* icp-import.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-instance.h"
#include "icp-policy.h"

G_BEGIN_DECLS

#define ICP_IMPORT_ERROR (icp_import_error_quark ())

/**
 * IcpImportError:
 * @ICP_IMPORT_ERROR_IO: the file could not be opened or read
 * @ICP_IMPORT_ERROR_EMPTY: the file holds nothing
 * @ICP_IMPORT_ERROR_SYNTAX: not valid JSON or CSV
 * @ICP_IMPORT_ERROR_TRUNCATED: the file ends in the middle of a value
 * @ICP_IMPORT_ERROR_SHAPE: valid JSON, but not an instance list we know
 * @ICP_IMPORT_ERROR_MISSING_COLUMN: a CSV file without an instance id column
 * @ICP_IMPORT_ERROR_BAD_VALUE: a field that cannot be what it says (an impossible date, …)
 * @ICP_IMPORT_ERROR_ENCODING: neither UTF-8 nor GB18030
 *
 * Every message names the file, the line and the column, and says what was expected.
 */
typedef enum
{
  ICP_IMPORT_ERROR_IO,
  ICP_IMPORT_ERROR_EMPTY,
  ICP_IMPORT_ERROR_SYNTAX,
  ICP_IMPORT_ERROR_TRUNCATED,
  ICP_IMPORT_ERROR_SHAPE,
  ICP_IMPORT_ERROR_MISSING_COLUMN,
  ICP_IMPORT_ERROR_BAD_VALUE,
  ICP_IMPORT_ERROR_ENCODING,
} IcpImportError;

/**
 * IcpImportProgress:
 * @done: bytes read so far
 * @total: bytes to read in all, 0 when not known
 * @user_data: the data given with the function
 */
typedef void (*IcpImportProgress) (guint64  done,
                                   guint64  total,
                                   gpointer user_data);

GQuark     icp_import_error_quark  (void);

GPtrArray *icp_import_stream       (GInputStream         *stream,
                                    const char           *display_name,
                                    IcpPolicy            *policy,
                                    GDateTime            *observed,
                                    GCancellable         *cancellable,
                                    GError              **error);
GPtrArray *icp_import_file         (GFile                *file,
                                    IcpPolicy            *policy,
                                    GCancellable         *cancellable,
                                    GError              **error);
void       icp_import_files_async  (GFile               **files,
                                    guint                 n_files,
                                    IcpPolicy            *policy,
                                    IcpImportProgress     progress,
                                    gpointer              progress_data,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GPtrArray *icp_import_files_finish (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
