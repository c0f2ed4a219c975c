/* icp-profiles.c: every AccessKey profile the app can use, listed in one go
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "icp-profiles.h"

void
icp_profiles_free (IcpProfiles *profiles)
{
  if (profiles == NULL)
    return;

  g_clear_object (&profiles->local);
  g_clear_error (&profiles->local_error);
  g_clear_object (&profiles->keyring);
  g_clear_error (&profiles->keyring_error);
  g_free (profiles);
}

/**
 * icp_profiles_list_local:
 *
 * Returns: (transfer full): the environment's and the aliyun CLI's profiles, or why the CLI's
 *   configuration could not be read
 */
IcpProfiles *
icp_profiles_list_local (void)
{
  IcpProfiles *profiles = g_new0 (IcpProfiles, 1);

  profiles->local = icp_credentials_list_local_profiles (NULL, &profiles->local_error);
  return profiles;
}

static void
keyring_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpProfiles *profiles = g_task_get_task_data (task);
  IcpProfiles *listed;

  profiles->keyring = icp_credentials_list_keyring_finish (result, &profiles->keyring_error);
  if (g_error_matches (profiles->keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&profiles->keyring_error));
      return;
    }

  /* Moved out of the task data, which is left empty. */
  listed = g_new (IcpProfiles, 1);
  *listed = *profiles;
  memset (profiles, 0, sizeof *profiles);
  g_task_return_pointer (task, listed, (GDestroyNotify) icp_profiles_free);
}

/**
 * icp_profiles_list_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring has answered
 * @user_data: data for @callback
 */
void
icp_profiles_list_async (GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_profiles_list_async);
  g_task_set_task_data (task, icp_profiles_list_local (), (GDestroyNotify) icp_profiles_free);
  icp_credentials_list_keyring_async (cancellable, keyring_listed_cb, g_steal_pointer (&task));
}

/**
 * icp_profiles_list_finish:
 *
 * Returns: (transfer full): the profiles, or %NULL when cancelled
 */
IcpProfiles *
icp_profiles_list_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_profiles_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
icp_profiles_get_display_name (const char           *name,
                               IcpCredentialsSource  source)
{
  if (source == ICP_CREDENTIALS_SOURCE_ENVIRONMENT)
    return _("Keys in the Environment");

  return name;
}

const char *
icp_profiles_get_connect_name (const char           *name,
                               IcpCredentialsSource  source)
{
  return source == ICP_CREDENTIALS_SOURCE_ENVIRONMENT ? "" : name;
}
