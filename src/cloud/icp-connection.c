/* icp-connection.c — one connected account: its keys, the client, and the account they belong to
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "icp-connection.h"

struct _IcpConnection
{
  GObject         parent_instance;

  IcpCredentials *credentials;
  IcpApiClient   *client;
  IcpEcs         *ecs;
  char           *account_id;
  char           *masked_key_id;
};

G_DEFINE_FINAL_TYPE (IcpConnection, icp_connection, G_TYPE_OBJECT)

static void
icp_connection_dispose (GObject *object)
{
  IcpConnection *self = ICP_CONNECTION (object);

  g_clear_object (&self->ecs);
  g_clear_object (&self->client);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (icp_connection_parent_class)->dispose (object);
}

static void
icp_connection_finalize (GObject *object)
{
  IcpConnection *self = ICP_CONNECTION (object);

  g_free (self->account_id);
  g_free (self->masked_key_id);

  G_OBJECT_CLASS (icp_connection_parent_class)->finalize (object);
}

static void
icp_connection_class_init (IcpConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_connection_dispose;
  object_class->finalize = icp_connection_finalize;
}

static void
icp_connection_init (IcpConnection *self)
{
}

/* ---- Checking the keys ------------------------------------------------------------------ */

static void
caller_identity_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpConnection *self = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  self->account_id = icp_account_get_caller_identity_finish (ICP_ACCOUNT (source), result,
                                                             &error);
  if (self->account_id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/* Makes the client and the queue for @credentials, then asks who they belong to. */
static void
verify (GTask          *task,
        IcpCredentials *credentials)
{
  IcpConnection *self = g_object_new (ICP_TYPE_CONNECTION, NULL);
  g_autoptr(IcpAccount) account = NULL;

  g_task_set_task_data (task, self, g_object_unref);
  self->credentials = g_object_ref (credentials);
  self->client = icp_api_client_new (credentials);
  self->ecs = icp_ecs_new (self->client);
  self->masked_key_id =
    icp_credentials_mask_key_id (icp_credentials_get_access_key_id (credentials));

  account = icp_account_new (self->ecs);
  icp_account_get_caller_identity_async (account, g_task_get_cancellable (task),
                                         caller_identity_cb, g_object_ref (task));
}

/**
 * icp_connection_verify_async:
 * @credentials: keys, stored or typed in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keys have been checked
 * @user_data: data for @callback
 *
 * Checks @credentials with STS GetCallerIdentity and makes a connection for them.
 */
void
icp_connection_verify_async (IcpCredentials      *credentials,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ICP_IS_CREDENTIALS (credentials));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_connection_verify_async);
  verify (task, credentials);
}

/**
 * icp_connection_verify_finish:
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
IcpConnection *
icp_connection_verify_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_connection_verify_async ||
                        g_task_get_source_tag (G_TASK (result)) == icp_connection_open_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
resolve_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = icp_credentials_resolve_finish (result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  verify (task, credentials);
}

/**
 * icp_connection_open_async:
 * @profile_name: (nullable): a config.json profile or a keyring label; %NULL: the default
 * @config_path: (nullable): the aliyun CLI config; %NULL: ~/.aliyun/config.json
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keys have been found and checked
 * @user_data: data for @callback
 */
void
icp_connection_open_async (const char          *profile_name,
                           const char          *config_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_connection_open_async);
  icp_credentials_resolve_async (profile_name, config_path, cancellable, resolve_cb, task);
}

/**
 * icp_connection_open_finish:
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
IcpConnection *
icp_connection_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  return icp_connection_verify_finish (result, error);
}

/* ---- Getters ---------------------------------------------------------------------------- */

IcpCredentials *
icp_connection_get_credentials (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), NULL);

  return self->credentials;
}

IcpApiClient *
icp_connection_get_client (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), NULL);

  return self->client;
}

IcpEcs *
icp_connection_get_ecs (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), NULL);

  return self->ecs;
}

const char *
icp_connection_get_account_id (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), NULL);

  return self->account_id;
}

const char *
icp_connection_get_profile_name (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), NULL);

  return icp_credentials_get_profile_name (self->credentials);
}

IcpCredentialsSource
icp_connection_get_source (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), ICP_CREDENTIALS_SOURCE_ENVIRONMENT);

  return icp_credentials_get_source (self->credentials);
}

const char *
icp_connection_get_masked_key_id (IcpConnection *self)
{
  g_return_val_if_fail (ICP_IS_CONNECTION (self), NULL);

  return self->masked_key_id;
}
