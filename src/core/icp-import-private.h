/* icp-import-private.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "icp-import.h"

G_BEGIN_DECLS

/* What every reader needs to know about the source it reads. */
typedef struct
{
  const char   *display_name;
  IcpPolicy    *policy;
  GDateTime    *observed;
  GCancellable *cancellable;
  gboolean      had_bom;      /* the file started with a UTF-8 BOM: it is UTF-8, nothing else */
} IcpImportSource;

/* Both readers get the first bytes the dispatcher already read to sniff the format (without
 * a UTF-8 BOM), then read the rest of @stream themselves.
 */
GPtrArray *icp_import_read_json             (const IcpImportSource  *source,
                                             const guint8           *head,
                                             gsize                   head_len,
                                             GInputStream           *stream,
                                             GError                **error);
GPtrArray *icp_import_read_csv              (const IcpImportSource  *source,
                                             const guint8           *head,
                                             gsize                   head_len,
                                             GInputStream           *stream,
                                             GError                **error);

void       icp_import_apply_subscription    (IcpInstance            *instance,
                                             IcpSubscriptionSource   source,
                                             GDateTime              *start,
                                             double                  months);

G_END_DECLS
