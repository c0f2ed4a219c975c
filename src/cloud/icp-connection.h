/* icp-connection.h — one connected account: its keys, the client, and the account they belong to
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-account.h"
#include "icp-api-client.h"
#include "icp-credentials.h"
#include "icp-ecs.h"

G_BEGIN_DECLS

/* What the app holds for an account it reads from and fixes through: the credentials, a client
 * (the real endpoints, or $ICP_ASSISTANT_ENDPOINT), the IcpEcs queue every call of that account
 * goes through, and the account ID that STS GetCallerIdentity gave for the keys. A connection
 * exists only once the keys have been checked: both ways of making one ask GetCallerIdentity
 * first, so a wrong key is found before anything else is tried. */
#define ICP_TYPE_CONNECTION (icp_connection_get_type ())
G_DECLARE_FINAL_TYPE (IcpConnection, icp_connection, ICP, CONNECTION, GObject)

/* Resolves @profile_name (NULL: DOMAIN.md's order: the environment, the aliyun CLI's current
 * profile, the only keyring entry) with icp_credentials_resolve_async(), then checks the keys.
 * Errors: ICP_CREDENTIALS_ERROR (no such profile, …) or ICP_API_ERROR (a wrong key, no
 * network, …), each a translated sentence; ICP_API_ERROR also carries a hint. */
void            icp_connection_open_async         (const char          *profile_name,
                                                   const char          *config_path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
IcpConnection  *icp_connection_open_finish        (GAsyncResult        *result,
                                                   GError             **error);

/* Keys that are not stored anywhere yet (typed in): checked the same way. */
void            icp_connection_verify_async       (IcpCredentials      *credentials,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
IcpConnection  *icp_connection_verify_finish      (GAsyncResult        *result,
                                                   GError             **error);

IcpCredentials *icp_connection_get_credentials    (IcpConnection       *self);
IcpApiClient   *icp_connection_get_client         (IcpConnection       *self);
IcpEcs         *icp_connection_get_ecs            (IcpConnection       *self);
/* GetCallerIdentity's AccountId (for a RAM user: the main account). Never NULL. */
const char     *icp_connection_get_account_id     (IcpConnection       *self);
/* The profile the keys came from ("environment", a CLI profile, a keyring label); nullable
 * for typed-in keys that were not given a name. */
const char     *icp_connection_get_profile_name   (IcpConnection       *self);
IcpCredentialsSource icp_connection_get_source    (IcpConnection       *self);
/* "LTAI****abcd" */
const char     *icp_connection_get_masked_key_id  (IcpConnection       *self);

G_END_DECLS
