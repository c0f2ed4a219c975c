/* icp-preferences-window.h: the accounts, the filing account and the policy file
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-application.h"

G_BEGIN_DECLS

#define ICP_TYPE_PREFERENCES_WINDOW (icp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (IcpPreferencesWindow, icp_preferences_window, ICP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

IcpPreferencesWindow *icp_preferences_window_new             (IcpApplication       *application,
                                                              GtkWindow            *parent);
/* What choosing a policy file does: a file that loads becomes the policy and the
 * "policy-file" setting; a broken one is named in the window and the old policy stays.
 * @file NULL goes back to the built-in policy. Returns whether the policy changed. */
gboolean              icp_preferences_window_set_policy_file (IcpPreferencesWindow *self,
                                                              GFile                *file);

/* The "Accounts" group lists every profile (the keyring's with a Remove button that asks
 * first, the environment's and the aliyun CLI's read-only) and adds keys with
 * IcpAccessKeyDialog. It is listed when the window opens and after each change; this lists
 * it again. */
void                  icp_preferences_window_reload_accounts (IcpPreferencesWindow *self);

G_END_DECLS
