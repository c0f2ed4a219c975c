/* icp-start-page.h: the three ways in: an account, an exported list, the sample
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows activate the window's actions: win.open, win.open-sample, win.open-recent (as). The
 * account rows list the profiles icp-credentials finds (environment, aliyun CLI config,
 * keyring) and, until fetching exists, say how to get the list today. Recent files come from
 * the "recent-files" setting. */
#define ICP_TYPE_START_PAGE (icp_start_page_get_type ())
G_DECLARE_FINAL_TYPE (IcpStartPage, icp_start_page, ICP, START_PAGE, AdwBin)

GtkWidget *icp_start_page_new (void);

G_END_DECLS
