/* icp-account.h — facts about the account that the instance list does not give
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-ecs.h"

G_BEGIN_DECLS

/* STS GetCallerIdentity (the owner account), BSS QueryAvailableInstances (the real start of
 * each subscription) and the Filing Service (codes used per instance). Every call goes
 * through the IcpEcs queue, so it counts toward the same limit of requests in flight. */
#define ICP_TYPE_ACCOUNT (icp_account_get_type ())
G_DECLARE_FINAL_TYPE (IcpAccount, icp_account, ICP, ACCOUNT, GObject)

IcpAccount *icp_account_new                          (IcpEcs              *ecs);

/* The AccountId of the credentials' owner (for a RAM user: the main account). */
void        icp_account_get_caller_identity_async    (IcpAccount          *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char       *icp_account_get_caller_identity_finish   (IcpAccount          *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* ProductCode=ecs, SubscriptionType=Subscription, every page (PageSize 300). @instance_ids
 * (nullable, at most 100): only those. Returns instance id → GDateTime (CreateTime: when the
 * subscription began, renewals and an earlier pay-as-you-go time set apart). */
void        icp_account_query_subscriptions_async    (IcpAccount          *self,
                                                      const char * const  *instance_ids,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GHashTable *icp_account_query_subscriptions_finish   (IcpAccount          *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Filing Service GetBsnByResource (resourceType 1 = ECS): the codes bound to the instance that
 * still count (every status but 3, invalid). The service is meant for partners: a refusal is
 * an ICP_API_ERROR and the count stays unknown. */
void        icp_account_count_codes_async            (IcpAccount          *self,
                                                      const char          *instance_id,
                                                      const char          *owner_account,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
int         icp_account_count_codes_finish           (IcpAccount          *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Sets the billing start found in @starts (from query_subscriptions) on @instance when it is a
 * subscription; returns TRUE when it did. */
gboolean    icp_account_apply_subscription           (IcpInstance         *instance,
                                                      GHashTable          *starts);

G_END_DECLS
