/* icp-profiles.h: every AccessKey profile the app can use, listed in one go
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-credentials.h"

G_BEGIN_DECLS

/* What the start page, the preferences and the window's account menu list: the environment's
 * and the aliyun CLI's profiles (read at once, cheap) and the keyring's (the Secret Service
 * answers asynchronously). Either part may be missing, with the reason. */
typedef struct
{
  GListModel *local;          /* IcpProfile; NULL: local_error says why */
  GError     *local_error;
  GListModel *keyring;        /* IcpProfile; NULL: keyring_error says why (no Secret Service) */
  GError     *keyring_error;
} IcpProfiles;

void         icp_profiles_free        (IcpProfiles         *profiles);

/* The local part now; keyring and keyring_error are NULL. */
IcpProfiles *icp_profiles_list_local  (void);
/* Both parts: the local one is read at the call, the keyring's when it answers. */
void         icp_profiles_list_async  (GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* NULL (with G_IO_ERROR_CANCELLED) only when cancelled: a keyring that cannot be listed is
 * keyring_error, not a failure. */
IcpProfiles *icp_profiles_list_finish (GAsyncResult        *result,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcpProfiles, icp_profiles_free)

/* A profile as the user knows it: "Keys in the Environment" (translated) for the environment's
 * keys, whose profile name "environment" is only ours; else @name. */
const char  *icp_profiles_get_display_name (const char           *name,
                                            IcpCredentialsSource  source);
/* What win.connect takes for a profile: @name, or "" for the environment's keys, which are not
 * a profile one can name (they come first in the default order). */
const char  *icp_profiles_get_connect_name (const char           *name,
                                            IcpCredentialsSource  source);

G_END_DECLS
