/* icp-fake-cloud.h — a fake Alibaba Cloud (ECS, STS, BSS, Filing Service) for tests and trials
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A SoupServer on 127.0.0.1 (random port) that speaks the real wire format of
 * ../shared/reference/alibaba-api.md: RPC requests signed with v1 (HMAC-SHA1, query
 * parameters) or v3 (ACS3-HMAC-SHA256, Authorization header), routed by Action (parameter or
 * x-acs-action) and Version (parameter or x-acs-version); JSON answers (XML when a v1 request
 * does not ask for Format=JSON, as the real ECS does), errors as
 * {"RequestId","HostId","Code","Message"} with the documented HTTP status.
 *
 * Every service answers on the same base URL: point the client's endpoint override at
 * icp_fake_cloud_get_url(). The server runs in the thread-default main context of the thread
 * that calls icp_fake_cloud_start(); tests run it in-process next to the async client.
 *
 * Actions:
 *   ECS 2014-05-26  DescribeRegions, DescribeInstances (MaxResults ≤ 100, default 10, NextToken;
 *                   or PageSize/PageNumber; InstanceIds, InstanceChargeType, Status filters),
 *                   RenewInstance, ModifyInstanceChargeType, ModifyInstanceNetworkSpec,
 *                   AllocatePublicIpAddress, DescribeRenewalPrice, DescribePrice
 *   STS 2015-04-01  GetCallerIdentity
 *   BSS 2017-12-14  QueryAvailableInstances (PageNum, PageSize ≤ 300, ProductCode,
 *                   SubscriptionType, InstanceIDs, Region)
 *   BSN (any Version) GetBsnByResource (resourceType, resourceId, aliuid)
 * Money-moving calls honour DryRun (→ DryRunOperation, 400, after the same checks), AutoPay
 * (default true; false → an unpaid order, the instance changes only when it is paid) and
 * ClientToken (a repeat gets the first answer back and changes nothing).
 *
 * Clocks: Timestamp / x-acs-date are checked against the real clock (±15 minutes); the
 * business clock (expiry, renewals, the 5-minute bandwidth cool-down, new subscriptions)
 * is the real clock unless icp_fake_cloud_set_now() fixed it.
 *
 * ## The data file (JSON; tests/fixtures/cloud/README.md has the long version)
 *
 *   {
 *     "Account": { "AccountId": "1234567890123456" },          // the account's owner id
 *     "AccessKeys": [                                          // accepted keys, first = default
 *       { "AccessKeyId": "LTAI…", "AccessKeySecret": "…",
 *         "SecurityToken": "…",                                // optional: an STS key
 *         "IdentityType": "Account" | "RAMUser" | "AssumedRoleUser",  // default Account
 *         "Arn": "acs:ram::…:root", "UserId": "…", "PrincipalId": "…", // default: Account
 *         "Permissions": { "bss": false } }                    // overrides per key
 *     ],
 *     "Permissions": { "ecs": true, "sts": true, "bss": true, "bsn": false },
 *                       // false → 403 Forbidden.RAM; a string → 403 with that Code
 *     "InstancesFrom": "../../../data/samples/ecs-instances.json", // relative to the file
 *     "Regions": [ { "RegionId", "LocalName", "RegionEndpoint", "Status" } ],
 *                       // optional: derived from the instances' RegionIds
 *     "Instances": [ …items exactly as in DescribeInstances' Instances.Instance… ],
 *     "Billing": { "i-…": { "CreateTime": "…", "EndTime": "…", … } },
 *                       // optional overrides of the QueryAvailableInstances record that is
 *                       // otherwise derived from the instance (CreationTime, ExpiredTime)
 *     "ServiceCodes": { "i-…": 4 },   // codes used per instance (GetBsnByResource)
 *     "Prices": { "Currency": "CNY", "InstanceMonth": 120.0, "BandwidthMbitMonth": 23.0,
 *                 "Discount": 0.0 }    // DescribePrice / DescribeRenewalPrice / order fees
 *   }
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ICP_FAKE_CLOUD_ERROR (icp_fake_cloud_error_quark ())

typedef enum
{
  ICP_FAKE_CLOUD_ERROR_DATA,   /* the data file is not what the header describes */
  ICP_FAKE_CLOUD_ERROR_LISTEN, /* cannot listen on 127.0.0.1 */
} IcpFakeCloudError;

typedef enum
{
  ICP_FAKE_FAULT_THROTTLING,      /* 400 Throttling.User */
  ICP_FAKE_FAULT_HTTP_500,        /* 500 InternalError */
  ICP_FAKE_FAULT_HTTP_503,        /* 503 ServiceUnavailable */
  ICP_FAKE_FAULT_SLOW,            /* the normal answer, after slow_ms (default 30 000) */
  ICP_FAKE_FAULT_TRUNCATED,       /* 200, Content-Length larger than the body, then close */
  ICP_FAKE_FAULT_MALFORMED,       /* 200 with a body that is not JSON */
  ICP_FAKE_FAULT_DROP,            /* the connection closed without an answer */
  ICP_FAKE_FAULT_REPEAT_INSTANCE, /* the next DescribeInstances page (not a first page) starts
                                   * with the last instance of the page before it */
  ICP_FAKE_FAULT_FORBIDDEN,       /* 403 Forbidden.RAM for the action */
} IcpFakeFault;

/* One request as the fake saw it. */
typedef struct
{
  char       *action;            /* nullable when the request had none */
  char       *version;
  char       *region;            /* RegionId (or Region for BSS), nullable */
  char       *access_key_id;     /* nullable */
  GHashTable *params;            /* every parameter except Signature and SecurityToken */
  int         signature_version; /* 1, 3, or 0 when the request was not signed */
  gint64      time;              /* g_get_real_time() when it arrived */
  guint       status;            /* the HTTP status answered (0: dropped) */
  char       *code;              /* the error Code answered, NULL on success */
} IcpFakeRequest;

#define ICP_TYPE_FAKE_CLOUD (icp_fake_cloud_get_type ())
G_DECLARE_FINAL_TYPE (IcpFakeCloud, icp_fake_cloud, ICP, FAKE_CLOUD, GObject)

GQuark        icp_fake_cloud_error_quark        (void);

IcpFakeCloud *icp_fake_cloud_new_from_file      (const char    *path,
                                                 GError       **error);
/* @data is copied, not kept. */
IcpFakeCloud *icp_fake_cloud_new_from_data      (JsonNode      *data,
                                                 GError       **error);
/* @n_regions regions (mainland first), @instances_per_region subscription instances each, all
 * eligible; the key is the one of account.json (ICP_FAKE_CLOUD_TEST_KEY_*). */
IcpFakeCloud *icp_fake_cloud_new_generated      (guint          n_regions,
                                                 guint          instances_per_region);

/* The key the fixtures and icp_fake_cloud_new_generated() accept. */
#define ICP_FAKE_CLOUD_TEST_KEY_ID     "LTAI5tFakeCloudTestKey01"
#define ICP_FAKE_CLOUD_TEST_KEY_SECRET "fakeCloudTestSecret0123456789abc"
#define ICP_FAKE_CLOUD_TEST_ACCOUNT    "1234567890123456"

/* Listen on 127.0.0.1 at @port (0: a random one), in the thread-default main context. */
gboolean      icp_fake_cloud_start              (IcpFakeCloud  *self,
                                                 GError       **error);
gboolean      icp_fake_cloud_start_on_port      (IcpFakeCloud  *self,
                                                 guint          port,
                                                 GError       **error);
/* "http://127.0.0.1:PORT/" once started, else NULL. */
const char   *icp_fake_cloud_get_url            (IcpFakeCloud  *self);
guint         icp_fake_cloud_get_port           (IcpFakeCloud  *self);

/* The first accepted AccessKey of the data. */
const char   *icp_fake_cloud_get_access_key_id     (IcpFakeCloud *self);
const char   *icp_fake_cloud_get_access_key_secret (IcpFakeCloud *self);

/* The business clock; NULL: the real time again. */
void          icp_fake_cloud_set_now            (IcpFakeCloud  *self,
                                                 GDateTime     *now);
/* Added to every answer (milliseconds), without blocking the server. */
void          icp_fake_cloud_set_latency        (IcpFakeCloud  *self,
                                                 guint          ms);
/* How long ICP_FAKE_FAULT_SLOW waits. */
void          icp_fake_cloud_set_slow_ms        (IcpFakeCloud  *self,
                                                 guint          ms);

/* Arm a fault for requests of @action (NULL: any) in @region (NULL: any), @count times
 * (0: until icp_fake_cloud_clear_faults()). Faults hit requests that passed the signature
 * check; the first armed fault that matches wins. */
void          icp_fake_cloud_add_fault          (IcpFakeCloud  *self,
                                                 const char    *action,
                                                 const char    *region,
                                                 IcpFakeFault   kind,
                                                 guint          count);
void          icp_fake_cloud_clear_faults       (IcpFakeCloud  *self);
/* "throttling", "http-500", "http-503", "slow", "truncated", "malformed", "drop",
 * "repeat-instance", "forbidden" */
gboolean      icp_fake_fault_from_string        (const char    *name,
                                                 IcpFakeFault  *kind);

/* (element-type IcpFakeRequest) (transfer none): every request so far, oldest first. */
GPtrArray    *icp_fake_cloud_get_requests       (IcpFakeCloud  *self);
/* Requests of @action (NULL: all). */
guint         icp_fake_cloud_count_requests     (IcpFakeCloud  *self,
                                                 const char    *action);
void          icp_fake_cloud_clear_requests     (IcpFakeCloud  *self);
/* The value of parameter @name of @request, or NULL. */
const char   *icp_fake_request_get_param        (IcpFakeRequest *request,
                                                 const char     *name);
/* Whether @request asks for a change that may cost money (RenewInstance,
 * ModifyInstanceChargeType, ModifyInstanceNetworkSpec, AllocatePublicIpAddress), and whether
 * it was only a dry run (DryRun=true). */
gboolean      icp_fake_request_is_change        (IcpFakeRequest *request);
gboolean      icp_fake_request_is_dry_run       (IcpFakeRequest *request);
/* (element-type IcpFakeRequest) (transfer container): the requests for a change so far, oldest
 * first: the dry runs (@dry_run TRUE) or the real ones. */
GPtrArray    *icp_fake_cloud_list_changes       (IcpFakeCloud  *self,
                                                 gboolean       dry_run);
guint         icp_fake_cloud_count_changes      (IcpFakeCloud  *self,
                                                 gboolean       dry_run);

/* (transfer none) (nullable): the instance as DescribeInstances would give it now. */
JsonObject   *icp_fake_cloud_get_instance       (IcpFakeCloud  *self,
                                                 const char    *instance_id);
guint         icp_fake_cloud_get_n_instances    (IcpFakeCloud  *self);
/* Orders placed with AutoPay=false and not paid yet. */
guint         icp_fake_cloud_count_unpaid_orders (IcpFakeCloud *self);
/* Pay every unpaid order: the instances change now. Returns how many were paid. */
guint         icp_fake_cloud_pay_orders         (IcpFakeCloud  *self);

G_END_DECLS
