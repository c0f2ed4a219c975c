/* icp-ecs.h — the instances of an Alibaba Cloud account: fetched from every region, and fixed
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-api-client.h"
#include "icp-inventory.h"
#include "icp-policy.h"

G_BEGIN_DECLS

#define ICP_ECS_ERROR (icp_ecs_error_quark ())

/**
 * IcpEcsError:
 * @ICP_ECS_ERROR_INVALID_MONTHS: a number of months the API does not take for that call
 * @ICP_ECS_ERROR_INVALID_BANDWIDTH: a bandwidth outside the policy's range, or not more than now
 * @ICP_ECS_ERROR_NOT_APPLICABLE: the remedy does not fit the instance (billing method, EIP, …)
 * @ICP_ECS_ERROR_INSTANCE_STATE: the instance's state forbids the call now (status, lock, …)
 * @ICP_ECS_ERROR_NOT_FOUND: no such instance or region in the account
 * @ICP_ECS_ERROR_BAD_PAGE: an answer that is valid JSON but not what the call returns
 * @ICP_ECS_ERROR_BUSY: a fetch is already running on this #IcpEcs
 *
 * Every message is a translated sentence that says what to do. The checks behind the first
 * four run before any request is sent.
 */
typedef enum
{
  ICP_ECS_ERROR_INVALID_MONTHS,
  ICP_ECS_ERROR_INVALID_BANDWIDTH,
  ICP_ECS_ERROR_NOT_APPLICABLE,
  ICP_ECS_ERROR_INSTANCE_STATE,
  ICP_ECS_ERROR_NOT_FOUND,
  ICP_ECS_ERROR_BAD_PAGE,
  ICP_ECS_ERROR_BUSY,
} IcpEcsError;

GQuark icp_ecs_error_quark (void);

/* ------------------------------------------------------------------------------------------ */

/* What one fetch did: the regions read and those that failed (each with its error), the owner
 * account, and warnings about facts that stay estimated or unknown. */
#define ICP_TYPE_FETCH_SUMMARY (icp_fetch_summary_get_type ())
G_DECLARE_FINAL_TYPE (IcpFetchSummary, icp_fetch_summary, ICP, FETCH_SUMMARY, GObject)

/* The regions the fetch read, in DescribeRegions' order; done and failed. */
const char * const *icp_fetch_summary_get_regions         (IcpFetchSummary *self);
const char * const *icp_fetch_summary_get_failed_regions  (IcpFetchSummary *self);
/* NULL when @region_id was read completely. */
const GError       *icp_fetch_summary_get_region_error    (IcpFetchSummary *self,
                                                           const char      *region_id);
gboolean            icp_fetch_summary_is_complete         (IcpFetchSummary *self);
guint               icp_fetch_summary_get_n_instances     (IcpFetchSummary *self);
/* STS GetCallerIdentity's AccountId; NULL when it was refused. */
const char         *icp_fetch_summary_get_owner_account   (IcpFetchSummary *self);
/* TRUE when the billing API gave the real subscription starts. */
gboolean            icp_fetch_summary_get_billing_used    (IcpFetchSummary *self);
/* TRUE when the Filing Service answered the code counts. */
gboolean            icp_fetch_summary_get_codes_known     (IcpFetchSummary *self);
/* Translated sentences: what was refused, what that leaves estimated or unknown. */
const char * const *icp_fetch_summary_get_warnings        (IcpFetchSummary *self);

/* ------------------------------------------------------------------------------------------ */

/* One remedy for one instance, as the wizard and `icp-check fix` build it: the parameters
 * (preset to the minimum that fixes the instance's findings), the ClientToken made once for
 * it, and what the steps learned (dry run, price, order). */
#define ICP_TYPE_FIX_REQUEST (icp_fix_request_get_type ())
G_DECLARE_FINAL_TYPE (IcpFixRequest, icp_fix_request, ICP, FIX_REQUEST, GObject)

/* @remedy is ICP_REMEDY_RENEW, ICP_REMEDY_SWITCH_BILLING or ICP_REMEDY_ADD_BANDWIDTH. The
 * months and Mbit/s start at what the instance's verdict asks for, else the policy's minimum. */
IcpFixRequest *icp_fix_request_new                (IcpInstance   *instance,
                                                   IcpRemedy      remedy,
                                                   IcpPolicy     *policy);
IcpInstance   *icp_fix_request_get_instance       (IcpFixRequest *self);
IcpRemedy      icp_fix_request_get_remedy         (IcpFixRequest *self);
IcpPolicy     *icp_fix_request_get_policy         (IcpFixRequest *self);
guint          icp_fix_request_get_months         (IcpFixRequest *self);
void           icp_fix_request_set_months         (IcpFixRequest *self,
                                                   guint          months);
guint          icp_fix_request_get_mbps           (IcpFixRequest *self);
void           icp_fix_request_set_mbps           (IcpFixRequest *self,
                                                   guint          mbps);
/* Pay from the balance at once (AutoPay=true); otherwise the order waits in the console. */
gboolean       icp_fix_request_get_pay            (IcpFixRequest *self);
void           icp_fix_request_set_pay            (IcpFixRequest *self,
                                                   gboolean       pay);
const char    *icp_fix_request_get_client_token   (IcpFixRequest *self);
gboolean       icp_fix_request_get_dry_run_passed (IcpFixRequest *self);
/* The price of the change, when the API gave one (a negative price: none). */
gboolean       icp_fix_request_has_price          (IcpFixRequest *self);
double         icp_fix_request_get_price          (IcpFixRequest *self);
const char    *icp_fix_request_get_currency       (IcpFixRequest *self);
/* The price as a translated phrase ("CNY 123.40 for 3 months", "… per hour"), or NULL. */
char          *icp_fix_request_format_price       (IcpFixRequest *self);
/* Why there is no price (a translated sentence naming the API code), or NULL. */
const char    *icp_fix_request_get_price_problem  (IcpFixRequest *self);
const char    *icp_fix_request_get_order_id       (IcpFixRequest *self);
/* Add public bandwidth whose bandwidth is bought already: only a public IP address is
 * assigned (AllocatePublicIpAddress), no order and no price. */
gboolean       icp_fix_request_assigns_address_only (IcpFixRequest *self);
/* A translated sentence: what the change does, with the instance and the numbers. */
char          *icp_fix_request_describe           (IcpFixRequest *self);
/* The checks that need no request: months the call takes, the bandwidth range, the state. */
gboolean       icp_fix_request_validate           (IcpFixRequest *self,
                                                   GError       **error);

/* ------------------------------------------------------------------------------------------ */

#define ICP_TYPE_ECS (icp_ecs_get_type ())
G_DECLARE_FINAL_TYPE (IcpEcs, icp_ecs, ICP, ECS, GObject)

/* At most 16 ECS requests at once, over every caller. A fetch of 20 regions × 5 pages with
 * 100 ms a request then needs DescribeRegions and about 100 / 16 rounds of pages, 0.8 s instead
 * of 10 s one after the other; 8 could not reach 8× (1 + 100 / 8 rounds ≈ 1.35 s, 7.4×). Still
 * polite: each region is its own endpoint host and reads its pages one after the other
 * (NextToken), so no host ever sees more than a few at once.
 *
 * The account services (STS, the billing API, the Filing Service) are other hosts and have a
 * small budget of their own, 6 at once, so that the 34 billing pages of 10 000 subscriptions
 * neither wait for the last instance page nor hold it up (with 4 they finished last, 0.3 s
 * after the instances). At most 22 requests are in flight. */
#define ICP_ECS_DEFAULT_MAX_IN_FLIGHT 16
#define ICP_ECS_DEFAULT_ACCOUNT_MAX_IN_FLIGHT 6

IcpEcs       *icp_ecs_new                      (IcpApiClient        *client);
IcpApiClient *icp_ecs_get_client               (IcpEcs              *self);
guint         icp_ecs_get_max_in_flight        (IcpEcs              *self);
void          icp_ecs_set_max_in_flight        (IcpEcs              *self,
                                                guint                max_in_flight);
/* The budget of STS, BSS and Filing Service requests ("account-max-in-flight"). */
guint         icp_ecs_get_account_max_in_flight (IcpEcs             *self);
void          icp_ecs_set_account_max_in_flight (IcpEcs             *self,
                                                 guint               max_in_flight);
/* Progress of the running fetch (properties "regions-done", "regions-total",
 * "instances-so-far" and "fetching", notified in the caller's main context), and per region
 * the signals "regions-listed" (GStrv: the regions to read, once DescribeRegions answered)
 * and "region-finished" (region id, instances read there, the GError or NULL). */
guint         icp_ecs_get_regions_done         (IcpEcs              *self);
guint         icp_ecs_get_regions_total        (IcpEcs              *self);
guint         icp_ecs_get_instances_so_far     (IcpEcs              *self);
gboolean      icp_ecs_get_fetching             (IcpEcs              *self);
/* The owner account learnt by the last fetch, or NULL. */
const char   *icp_ecs_get_owner_account        (IcpEcs              *self);

/* Any RPC call through this object's queue: at most max-in-flight ECS requests and
 * account-max-in-flight others at once, over every caller (the fetch, IcpAccount, fixes). */
void          icp_ecs_call_async               (IcpEcs              *self,
                                                IcpApiService        service,
                                                const char          *region_id,
                                                const char          *action,
                                                GHashTable          *params,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonObject   *icp_ecs_call_finish              (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* The same through the same queue, with the answer's raw body (icp_api_client_call_bytes_async)
 * and a place in the queue: waiting calls leave in order of @io_priority (lower first, as in
 * GIO; icp_ecs_call_async() is G_PRIORITY_DEFAULT), in the order asked within one priority.
 * The fetch asks its pages at G_PRIORITY_DEFAULT and the billing pages at G_PRIORITY_LOW, so
 * that the owner (STS) and the Filing Service probe pass the waiting billing pages. */
void          icp_ecs_call_bytes_async         (IcpEcs              *self,
                                                IcpApiService        service,
                                                const char          *region_id,
                                                const char          *action,
                                                GHashTable          *params,
                                                int                  io_priority,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GBytes       *icp_ecs_call_bytes_finish        (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* DescribeRegions, then every region's DescribeInstances (MaxResults=100, NextToken paging)
 * concurrently; instances go into @inventory as pages arrive, with the owner account (STS)
 * and, where the billing API allows, the real subscription start. @regions NULL: every
 * region. One region failing does not stop the others: see the summary. A cancellation keeps
 * what arrived and finishes with G_IO_ERROR_CANCELLED; DescribeRegions failing is an error. */
void             icp_ecs_fetch_async           (IcpEcs              *self,
                                                IcpInventory        *inventory,
                                                const char * const  *regions,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The same for some instances only (DescribeInstances InstanceIds, at most 100). */
void             icp_ecs_fetch_instances_async (IcpEcs              *self,
                                                IcpInventory        *inventory,
                                                const char * const  *regions,
                                                const char * const  *instance_ids,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
IcpFetchSummary *icp_ecs_fetch_finish          (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Reads one instance again (DescribeInstances InstanceIds=["id"]) and merges it into
 * @inventory, which re-checks it. Returns the instance held by @inventory. */
void          icp_ecs_refresh_instance_async   (IcpEcs              *self,
                                                IcpInventory        *inventory,
                                                IcpInstance         *instance,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
IcpInstance  *icp_ecs_refresh_instance_finish  (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The steps of a fix, in order. Each validates @request first and sends nothing when that
 * fails. dry_run: the call with DryRun=true (TRUE when the API says it would pass). price:
 * DescribeRenewalPrice or DescribePrice; TRUE also when the API gives no price (see
 * icp_fix_request_has_price()). apply: the real call with the request's ClientToken and
 * AutoPay, then the instance is read again and merged into @inventory (nullable), which
 * re-checks it; returns the refreshed instance. */
void          icp_ecs_fix_dry_run_async        (IcpEcs              *self,
                                                IcpFixRequest       *request,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      icp_ecs_fix_dry_run_finish       (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void          icp_ecs_fix_price_async          (IcpEcs              *self,
                                                IcpFixRequest       *request,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      icp_ecs_fix_price_finish         (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void          icp_ecs_fix_apply_async          (IcpEcs              *self,
                                                IcpFixRequest       *request,
                                                IcpInventory        *inventory,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
IcpInstance  *icp_ecs_fix_apply_finish         (IcpEcs              *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
