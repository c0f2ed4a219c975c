/* icp-api-client.h: one signed Alibaba Cloud RPC request, with retries and errors as values
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "icp-credentials.h"

G_BEGIN_DECLS

typedef enum
{
  ICP_API_SERVICE_ECS, /* 2014-05-26, ecs.aliyuncs.com / the region's RegionEndpoint */
  ICP_API_SERVICE_STS, /* 2015-04-01, sts.aliyuncs.com */
  ICP_API_SERVICE_BSS, /* 2017-12-14, business.aliyuncs.com */
  ICP_API_SERVICE_BSN, /* Filing Service, bsn.aliyuncs.com */
} IcpApiService;

#define ICP_API_ERROR (icp_api_error_quark ())

typedef enum
{
  ICP_API_ERROR_FAILED,            /* any other API error: see the API code */
  ICP_API_ERROR_NETWORK,           /* cannot connect, connection dropped */
  ICP_API_ERROR_TIMEOUT,
  ICP_API_ERROR_TLS,               /* certificate not trusted: never accepted */
  ICP_API_ERROR_THROTTLED,         /* Throttling*, after the retries */
  ICP_API_ERROR_SERVER,            /* 5xx, after the retries */
  ICP_API_ERROR_INVALID_KEY,       /* InvalidAccessKeyId.*, SignatureDoesNotMatch, … */
  ICP_API_ERROR_PERMISSION,        /* Forbidden.RAM, NoPermission, ActionUnauthorized, … */
  ICP_API_ERROR_CLOCK_SKEW,        /* IllegalTimestamp, InvalidTimeStamp.* */
  ICP_API_ERROR_INVALID_PARAMETER, /* InvalidParameter*, MissingParameter*, … */
  ICP_API_ERROR_DRY_RUN_PASSED,    /* DryRunOperation: the dry run succeeded */
  ICP_API_ERROR_BAD_RESPONSE,      /* truncated or malformed body */
  ICP_API_ERROR_ENDPOINT,          /* endpoint override refused (not https, not loopback) */
} IcpApiErrorCode;

/* An extended GError domain (G_DEFINE_EXTENDED_ERROR): the error carries the API's Code,
 * Message and RequestId, and a translated hint of what to do. The GError message itself is a
 * translated sentence that names the code. */
GQuark      icp_api_error_quark          (void);
const char *icp_api_error_get_api_code   (const GError *error); /* nullable */
const char *icp_api_error_get_api_message (const GError *error); /* nullable */
const char *icp_api_error_get_request_id (const GError *error); /* nullable */
const char *icp_api_error_get_hint       (const GError *error); /* nullable */

#define ICP_TYPE_API_CLIENT (icp_api_client_get_type ())
G_DECLARE_FINAL_TYPE (IcpApiClient, icp_api_client, ICP, API_CLIENT, GObject)

IcpApiClient *icp_api_client_new                 (IcpCredentials *credentials);
IcpCredentials *icp_api_client_get_credentials   (IcpApiClient   *self);

/* Base URL for every service (tests, the fake cloud): https://…, or http:// only to
 * 127.0.0.1, ::1 or localhost. NULL: the real endpoints. Also read from
 * $ICP_ASSISTANT_ENDPOINT by icp_api_client_new(). */
gboolean      icp_api_client_set_endpoint        (IcpApiClient  *self,
                                                  const char    *base_url,
                                                  GError       **error);
const char   *icp_api_client_get_endpoint        (IcpApiClient  *self);
/* The ECS host of a region, from DescribeRegions' RegionEndpoint. */
void          icp_api_client_set_region_endpoint (IcpApiClient  *self,
                                                  const char    *region_id,
                                                  const char    *host);
void          icp_api_client_set_timeout         (IcpApiClient  *self,
                                                  guint          seconds);
guint         icp_api_client_get_timeout         (IcpApiClient  *self);
/* At most @max_attempts tries; back-off doubles from @base_delay_ms, with jitter. */
void          icp_api_client_set_retry           (IcpApiClient  *self,
                                                  guint          max_attempts,
                                                  guint          base_delay_ms);

/* 3 (ACS3-HMAC-SHA256, the default) or 1 (RPC HMAC-SHA1). */
void          icp_api_client_set_signature_version (IcpApiClient *self,
                                                    guint         version);
guint         icp_api_client_get_signature_version (IcpApiClient *self);

/* The host[:port] a call would go to (and sign as its Host header). */
char         *icp_api_client_dup_host            (IcpApiClient  *self,
                                                  IcpApiService  service,
                                                  const char    *region_id);

/* The API version string sent for @service, e.g. "2014-05-26" for ECS. */
const char   *icp_api_service_get_version        (IcpApiService  service);

/* One RPC call: @params are the operation's parameters (name → value, strings), the common
 * ones are added and signed. @region_id picks the ECS region endpoint (NULL: the central one).
 * The result is the response's JSON object (a new reference). */
void          icp_api_client_call_async          (IcpApiClient        *self,
                                                  IcpApiService        service,
                                                  const char          *region_id,
                                                  const char          *action,
                                                  GHashTable          *params,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonObject   *icp_api_client_call_finish         (IcpApiClient  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

/* The same call, but a successful (2xx) answer is handed back as its raw body, unparsed, for
 * callers that read big answers with a streaming reader of their own (DescribeInstances and
 * QueryAvailableInstances pages). The body starts with a JSON object ('{' after white space);
 * anything else is an ICP_API_ERROR_BAD_RESPONSE, and error answers (4xx, 5xx) become the
 * same ICP_API_ERROR as with icp_api_client_call_async(). */
void          icp_api_client_call_bytes_async    (IcpApiClient        *self,
                                                  IcpApiService        service,
                                                  const char          *region_id,
                                                  const char          *action,
                                                  GHashTable          *params,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes       *icp_api_client_call_bytes_finish   (IcpApiClient  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

G_END_DECLS
