/* icp-start-page.h: the three ways in: an account, an exported list, the sample
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows activate the window's actions: win.open, win.open-sample, win.open-recent (as), and
 * win.connect (s) for an account: the rows list the profiles icp-credentials finds
 * (environment, aliyun CLI config, keyring; a profile's name, or "" for the environment's
 * keys). "Add an AccessKey…" opens IcpAccessKeyDialog; the keys it checked are handed to
 * icp_window_fetch(). The profiles are read again when the page is shown, when its window
 * becomes active again (keys removed in the preferences) and after a key was added. Recent
 * files come from the "recent-files" setting. */
#define ICP_TYPE_START_PAGE (icp_start_page_get_type ())
G_DECLARE_FINAL_TYPE (IcpStartPage, icp_start_page, ICP, START_PAGE, AdwBin)

GtkWidget *icp_start_page_new             (void);
/* Read the profiles again (the keyring's asynchronously); the rows change only if they did. */
void       icp_start_page_reload_profiles (IcpStartPage *self);

G_END_DECLS
