/* test-fake-cloud.c — the fake cloud answers like the real one: plain signed requests
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "icp-fake-cloud.h"
#include "icp-signer.h"
#include "icp-test-utils.h"
#include "icp-time.h"

#define ECS "2014-05-26"

typedef struct
{
  IcpFakeCloud *cloud;
  SoupSession  *session;
} Fixture;

static GHashTable *v1_params (const char *key_id,
                              const char *first_name,
                              ...) G_GNUC_NULL_TERMINATED;

static void
fixture_start (Fixture      *f,
               IcpFakeCloud *cloud)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GProxyResolver) resolver = NULL;

  f->cloud = cloud;
  icp_fake_cloud_start (f->cloud, &error);
  g_assert_no_error (error);
  /* No proxy lookup (libproxy) for 127.0.0.1. */
  resolver = g_simple_proxy_resolver_new (NULL, NULL);
  f->session = soup_session_new_with_options ("proxy-resolver", resolver, NULL);
}

static void
setup_account (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud", "account.json",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  IcpFakeCloud *cloud = icp_fake_cloud_new_from_file (path, &error);

  g_assert_no_error (error);
  fixture_start (f, cloud);
}

static void
setup_generated (Fixture       *f,
                 gconstpointer  data)
{
  fixture_start (f, icp_fake_cloud_new_generated (2, 250));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->session);
  /* Let the server see the connections close before it goes. */
  icp_test_wait (10);
  g_clear_object (&f->cloud);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **bytes = user_data;
  g_autoptr(GError) error = NULL;

  *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (*bytes == NULL)
    *bytes = g_bytes_new (error->message, strlen (error->message));
}

typedef struct
{
  GBytes *bytes;
  GError *error;
  gboolean done;
} Sent;

static void
sent_raw_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Sent *sent = user_data;

  sent->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &sent->error);
  sent->done = TRUE;
}

/* @params signed with the fixture's key; the body as it came, or the transport error. */
static GBytes *
call_raw (Fixture     *f,
          GHashTable  *params,
          guint       *status,
          GError     **error)
{
  const char *secret = icp_fake_cloud_get_access_key_secret (f->cloud);
  g_autofree char *query = icp_signer_v1_signed_query ("GET", params, secret);
  g_autofree char *url = g_strconcat (icp_fake_cloud_get_url (f->cloud), "?", query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  Sent sent = { 0 };

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_raw_cb,
                                    &sent);
  while (!sent.done)
    g_main_context_iteration (NULL, TRUE);
  *status = soup_message_get_status (msg);
  if (sent.error != NULL)
    g_propagate_error (error, sent.error);
  return sent.bytes;
}

/* DescribeRegions with a fresh signature. */
static GBytes *
describe_regions_raw (Fixture  *f,
                      guint    *status,
                      GError  **error)
{
  g_autoptr(GHashTable) params = v1_params (icp_fake_cloud_get_access_key_id (f->cloud),
                                            "Action", "DescribeRegions", NULL);

  return call_raw (f, params, status, error);
}

/* Send @msg, wait (the server runs in this thread) and parse the answer. */
static JsonObject *
send (Fixture     *f,
      SoupMessage *msg,
      guint       *status)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  *status = soup_message_get_status (msg);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The common v1 parameters for @key_id, then name/value pairs up to NULL. */
static GHashTable *
v1_params (const char *key_id,
           const char *first_name,
           ...)
{
  GHashTable *params = icp_signer_params_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  va_list args;

  g_hash_table_insert (params, g_strdup ("AccessKeyId"), g_strdup (key_id));
  g_hash_table_insert (params, g_strdup ("Format"), g_strdup ("JSON"));
  g_hash_table_insert (params, g_strdup ("Version"), g_strdup (ECS));
  g_hash_table_insert (params, g_strdup ("SignatureMethod"), g_strdup ("HMAC-SHA1"));
  g_hash_table_insert (params, g_strdup ("SignatureVersion"), g_strdup ("1.0"));
  g_hash_table_insert (params, g_strdup ("SignatureNonce"), icp_signer_nonce ());
  g_hash_table_insert (params, g_strdup ("Timestamp"), icp_signer_timestamp (now));
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (params, g_strdup (name), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return params;
}

static JsonObject *
call_v1 (Fixture    *f,
         GHashTable *params,
         const char *secret,
         guint      *status)
{
  g_autofree char *query = icp_signer_v1_signed_query ("GET", params, secret);
  g_autofree char *url = g_strconcat (icp_fake_cloud_get_url (f->cloud), "?", query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  return send (f, msg, status);
}

/* A call with the fixture's first key; NULL-terminated name/value pairs. */
static JsonObject *
call (Fixture    *f,
      guint      *status,
      const char *action,
      ...)
{
  g_autoptr(GHashTable) params = v1_params (icp_fake_cloud_get_access_key_id (f->cloud),
                                            "Action", action, NULL);
  va_list args;
  const char *name;

  va_start (args, action);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (params, g_strdup (name), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return call_v1 (f, params, icp_fake_cloud_get_access_key_secret (f->cloud), status);
}

static void
assert_error (JsonObject *answer,
              guint       status,
              guint       expected_status,
              const char *code)
{
  g_assert_cmpstr (json_object_get_string_member (answer, "Code"), ==, code);
  g_assert_cmpuint (status, ==, expected_status);
  g_assert_nonnull (json_object_get_string_member (answer, "RequestId"));
  g_assert_nonnull (json_object_get_string_member (answer, "HostId"));
}

static void
test_regions (Fixture       *f,
              gconstpointer  data)
{
  guint status;
  g_autoptr(JsonObject) answer = call (f, &status, "DescribeRegions",
                                       "AcceptLanguage", "en-US", NULL);
  JsonArray *regions = json_object_get_array_member (json_object_get_object_member (answer,
                                                                                    "Regions"),
                                                     "Region");
  JsonObject *first = json_array_get_object_element (regions, 0);

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (regions), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (first, "RegionId"), ==, "cn-hangzhou");
  g_assert_cmpstr (json_object_get_string_member (first, "LocalName"), ==, "China (Hangzhou)");
  g_assert_cmpstr (json_object_get_string_member (first, "RegionEndpoint"), ==,
                   "ecs.cn-hangzhou.aliyuncs.com");
  g_assert_cmpuint (icp_fake_cloud_count_requests (f->cloud, "DescribeRegions"), ==, 1);
}

/* Like ECS, v1 answers XML unless the request asks for Format=JSON. */
static void
test_xml_by_default (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) params = v1_params (icp_fake_cloud_get_access_key_id (f->cloud),
                                            "Action", "DescribeRegions", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint status;

  g_hash_table_remove (params, "Format");
  bytes = call_raw (f, params, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<DescribeRegionsResponse><Regions><Region><RegionId>"));
}

/* 250 instances in pages of 100: three pages, every instance exactly once. */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *token = NULL;
  guint pages = 0;

  do
    {
      guint status;
      g_autoptr(JsonObject) answer = NULL;
      JsonArray *list;

      answer = token == NULL
               ? call (f, &status, "DescribeInstances", "RegionId", "cn-shanghai",
                       "MaxResults", "100", NULL)
               : call (f, &status, "DescribeInstances", "RegionId", "cn-shanghai",
                       "MaxResults", "100", "NextToken", token, NULL);
      g_assert_cmpuint (status, ==, 200);
      list = json_object_get_array_member (json_object_get_object_member (answer, "Instances"),
                                           "Instance");
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *instance = json_array_get_object_element (list, i);
          const char *id = json_object_get_string_member (instance, "InstanceId");

          g_assert_cmpstr (json_object_get_string_member (instance, "RegionId"), ==,
                           "cn-shanghai");
          g_assert_true (g_hash_table_add (seen, g_strdup (id)));
        }
      g_free (token);
      token = g_strdup (json_object_get_string_member (answer, "NextToken"));
      pages++;
    }
  while (*token != '\0');

  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 250);
}

static void
test_repeat_instance (Fixture       *f,
                      gconstpointer  data)
{
  guint status;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  JsonArray *a, *b;

  icp_fake_cloud_add_fault (f->cloud, "DescribeInstances", NULL, ICP_FAKE_FAULT_REPEAT_INSTANCE,
                            1);
  first = call (f, &status, "DescribeInstances", "RegionId", "cn-hangzhou", "MaxResults", "5",
                NULL);
  second = call (f, &status, "DescribeInstances", "RegionId", "cn-hangzhou", "MaxResults", "5",
                 "NextToken", json_object_get_string_member (first, "NextToken"), NULL);
  a = json_object_get_array_member (json_object_get_object_member (first, "Instances"),
                                    "Instance");
  b = json_object_get_array_member (json_object_get_object_member (second, "Instances"),
                                    "Instance");
  g_assert_cmpuint (json_array_get_length (a), ==, 5);
  g_assert_cmpuint (json_array_get_length (b), ==, 5); /* the repeat + the 4 left */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 4),
                                                  "InstanceId"), ==,
                   json_object_get_string_member (json_array_get_object_element (b, 0),
                                                  "InstanceId"));
}

static void
test_bad_signature (Fixture       *f,
                    gconstpointer  data)
{
  const char *key = icp_fake_cloud_get_access_key_id (f->cloud);
  const char *secret = icp_fake_cloud_get_access_key_secret (f->cloud);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_minutes (now, -20);
  guint status;

  params = v1_params (key, "Action", "DescribeRegions", NULL);
  answer = call_v1 (f, params, "not-the-secret", &status);
  assert_error (answer, status, 403, "SignatureDoesNotMatch");
  g_clear_pointer (&params, g_hash_table_unref);
  g_clear_pointer (&answer, json_object_unref);

  params = v1_params ("LTAI5tNoSuchKey000000000", "Action", "DescribeRegions", NULL);
  answer = call_v1 (f, params, secret, &status);
  assert_error (answer, status, 404, "InvalidAccessKeyId.NotFound");
  g_clear_pointer (&params, g_hash_table_unref);
  g_clear_pointer (&answer, json_object_unref);

  params = v1_params (key, "Action", "DescribeRegions", NULL);
  g_hash_table_insert (params, g_strdup ("Timestamp"), icp_signer_timestamp (old));
  answer = call_v1 (f, params, secret, &status);
  assert_error (answer, status, 400, "IllegalTimestamp");
  g_clear_pointer (&params, g_hash_table_unref);
  g_clear_pointer (&answer, json_object_unref);

  /* The same nonce twice: the second is a replay. */
  params = v1_params (key, "Action", "DescribeRegions", NULL);
  answer = call_v1 (f, params, secret, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_object_unref);
  answer = call_v1 (f, params, secret, &status);
  assert_error (answer, status, 400, "SignatureNonceUsed");
}

static void
test_v3_and_sts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) headers = icp_signer_params_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", icp_fake_cloud_get_port (f->cloud));
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", icp_fake_cloud_get_url (f->cloud));
  g_autoptr(JsonObject) answer = NULL;
  IcpSignerV3Request request = { "POST", "/", NULL, headers, NULL, 0 };
  SoupMessageHeaders *sent = soup_message_get_request_headers (msg);
  GHashTableIter iter;
  gpointer name, value;
  guint status;

  g_hash_table_insert (headers, g_strdup ("host"), g_strdup (host));
  g_hash_table_insert (headers, g_strdup ("x-acs-action"), g_strdup ("GetCallerIdentity"));
  g_hash_table_insert (headers, g_strdup ("x-acs-version"), g_strdup ("2015-04-01"));
  g_hash_table_insert (headers, g_strdup ("x-acs-date"), icp_signer_timestamp (now));
  g_hash_table_insert (headers, g_strdup ("x-acs-signature-nonce"), icp_signer_nonce ());
  g_hash_table_insert (headers, g_strdup ("x-acs-content-sha256"),
                       icp_signer_sha256_hex (NULL, 0));
  g_hash_table_insert (headers, g_strdup ("x-acs-security-token"),
                       g_strdup ("CAISFakeCloudSecurityToken0123456789abcdefghijklmnopqrstuvwxyz"));
  authorization = icp_signer_v3_authorization (&request, "STS.NUFakeCloudStsKey0001",
                                               "fakeCloudStsSecret0123456789abcd");
  g_hash_table_iter_init (&iter, headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "host"))
      soup_message_headers_replace (sent, name, value);
  soup_message_headers_replace (sent, "Authorization", authorization);

  answer = send (f, msg, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (answer, "AccountId"), ==, "1234567890123456");
  g_assert_cmpstr (json_object_get_string_member (answer, "IdentityType"), ==,
                   "AssumedRoleUser");
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) params = v1_params ("LTAI5tFakeCloudRamUser01",
                                            "Action", "QueryAvailableInstances",
                                            "Version", "2017-12-14", "ProductCode", "ecs", NULL);
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *data_object;
  guint status;

  refused = call_v1 (f, params, "fakeCloudRamUserSecret0123456789", &status);
  assert_error (refused, status, 403, "Forbidden.RAM");

  answer = call (f, &status, "QueryAvailableInstances", "Version", "2017-12-14",
                 "ProductCode", "ecs", "SubscriptionType", "Subscription", "PageSize", "300",
                 NULL);
  g_assert_cmpuint (status, ==, 200);
  data_object = json_object_get_object_member (answer, "Data");
  g_assert_cmpint (json_object_get_int_member (data_object, "TotalCount"), ==, 28);
}

static const char *
expired_time (Fixture    *f,
              const char *id)
{
  return json_object_get_string_member (icp_fake_cloud_get_instance (f->cloud, id),
                                        "ExpiredTime");
}

/* DryRun changes nothing; a renewal adds its months; the same ClientToken renews once;
 * AutoPay=false waits for the payment. */
static void
test_renew (Fixture       *f,
            gconstpointer  data)
{
  const char *id = "i-bp1t8y2u6i0o4p7a1s5d"; /* gitlab, expires 2026-12-05T16:00Z */
  g_autoptr(JsonObject) dry = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) unpaid = NULL;
  g_autoptr(JsonObject) postpaid = NULL;
  g_autoptr(GDateTime) now = icp_time_parse ("2026-11-20T08:00:00Z", NULL);
  guint status;

  icp_fake_cloud_set_now (f->cloud, now);

  dry = call (f, &status, "RenewInstance", "InstanceId", id, "Period", "2", "PeriodUnit", "Month",
              "DryRun", "true", NULL);
  assert_error (dry, status, 400, "DryRunOperation");
  g_assert_cmpstr (expired_time (f, id), ==, "2026-12-05T16:00Z");

  first = call (f, &status, "RenewInstance", "InstanceId", id, "Period", "2",
                "ClientToken", "token-1", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (expired_time (f, id), ==, "2027-02-05T16:00Z");
  again = call (f, &status, "RenewInstance", "InstanceId", id, "Period", "2",
                "ClientToken", "token-1", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (again, "OrderId"), ==,
                   json_object_get_string_member (first, "OrderId"));
  g_assert_cmpstr (json_object_get_string_member (again, "RequestId"), ==,
                   json_object_get_string_member (first, "RequestId"));
  g_assert_cmpstr (expired_time (f, id), ==, "2027-02-05T16:00Z");

  unpaid = call (f, &status, "RenewInstance", "InstanceId", id, "Period", "1",
                 "AutoPay", "false", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (expired_time (f, id), ==, "2027-02-05T16:00Z");
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (f->cloud), ==, 1);
  g_assert_cmpuint (icp_fake_cloud_pay_orders (f->cloud), ==, 1);
  g_assert_cmpstr (expired_time (f, id), ==, "2027-03-05T16:00Z");

  postpaid = call (f, &status, "RenewInstance", "InstanceId", "i-bp1f2a7xk9d3m6qv0tzh",
                   "Period", "1", NULL);
  assert_error (postpaid, status, 403, "ChargeTypeViolation");
}

/* Pay-as-you-go → subscription: now + Period months to the end of the Beijing day, and the
 * billing record starts now; the documented refusals. */
static void
test_switch_billing (Fixture       *f,
                     gconstpointer  data)
{
  const char *id = "i-bp1f2a7xk9d3m6qv0tzh"; /* 测试机, PostPaid, Running */
  g_autoptr(GDateTime) now = icp_time_parse ("2026-11-20T08:00:00Z", NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) billing = NULL;
  g_autoptr(JsonObject) release = NULL;
  g_autoptr(JsonObject) arrears = NULL;
  JsonObject *record, *instance;
  guint status;

  icp_fake_cloud_set_now (f->cloud, now);
  answer = call (f, &status, "ModifyInstanceChargeType", "RegionId", "cn-hangzhou",
                 "InstanceIds", "[\"i-bp1f2a7xk9d3m6qv0tzh\"]", "Period", "3", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (answer, "OrderId"));
  instance = icp_fake_cloud_get_instance (f->cloud, id);
  g_assert_cmpstr (json_object_get_string_member (instance, "InstanceChargeType"), ==, "PrePaid");
  g_assert_cmpstr (json_object_get_string_member (instance, "ExpiredTime"), ==,
                   "2027-02-20T16:00Z");

  billing = call (f, &status, "QueryAvailableInstances", "Version", "2017-12-14",
                  "InstanceIDs", id, NULL);
  record = json_array_get_object_element (json_object_get_array_member (
                                            json_object_get_object_member (billing, "Data"),
                                            "InstanceList"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "SubscriptionType"), ==,
                   "Subscription");
  g_assert_cmpstr (json_object_get_string_member (record, "CreateTime"), ==,
                   "2026-11-20T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (record, "EndTime"), ==,
                   "2027-02-20T16:00:00Z");

  release = call (f, &status, "ModifyInstanceChargeType", "RegionId", "cn-shenzhen",
                  "InstanceIds", "[\"i-wz9u2i6o0p4a8s3d7f1g\"]", "Period", "3", NULL);
  assert_error (release, status, 400, "ReleaseTimeHaveBeenSet");
  arrears = call (f, &status, "ModifyInstanceChargeType", "RegionId", "cn-shanghai",
                  "InstanceIds", "[\"i-uf6w9e3r7t1y5u8i2o6p\"]", "Period", "3", NULL);
  assert_error (arrears, status, 403, "Account.Arrearage");
}

static void
test_bandwidth_cooldown (Fixture       *f,
                         gconstpointer  data)
{
  const char *id = "i-wz9q7w1e5r9t3y8u2i6o"; /* 2 Mbit/s bought, no address */
  g_autoptr(GDateTime) start = icp_time_parse ("2026-11-20T08:00:00Z", NULL);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (start, 6);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  JsonObject *instance;
  guint status;

  icp_fake_cloud_set_now (f->cloud, start);
  first = call (f, &status, "ModifyInstanceNetworkSpec", "InstanceId", id,
                "InternetMaxBandwidthOut", "5", NULL);
  g_assert_cmpuint (status, ==, 200);
  instance = icp_fake_cloud_get_instance (f->cloud, id);
  g_assert_cmpint (json_object_get_int_member (instance, "InternetMaxBandwidthOut"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (instance, "PublicIpAddress"),
                      "IpAddress")), ==, 1);

  second = call (f, &status, "ModifyInstanceNetworkSpec", "InstanceId", id,
                 "InternetMaxBandwidthOut", "10", NULL);
  assert_error (second, status, 400, "Throttling");

  icp_fake_cloud_set_now (f->cloud, later);
  third = call (f, &status, "ModifyInstanceNetworkSpec", "InstanceId", id,
                "InternetMaxBandwidthOut", "101", NULL);
  assert_error (third, status, 400, "InvalidInternetMaxBandwidthOut.ValueNotSupported");
}

/* A fault armed for 2 calls fires twice, then the service answers again. */
static void
test_fault_count (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    IcpFakeFault kind;
    guint        status;
    const char  *code;
  } cases[] = {
    { ICP_FAKE_FAULT_THROTTLING, 400, "Throttling.User" },
    { ICP_FAKE_FAULT_HTTP_500, 500, "InternalError" },
    { ICP_FAKE_FAULT_HTTP_503, 503, "ServiceUnavailable" },
    { ICP_FAKE_FAULT_FORBIDDEN, 403, "Forbidden.RAM" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      icp_fake_cloud_add_fault (f->cloud, "DescribeRegions", NULL, cases[c].kind, 2);
      for (guint i = 0; i < 3; i++)
        {
          guint status;
          g_autoptr(JsonObject) answer = call (f, &status, "DescribeRegions", NULL);

          if (i < 2)
            assert_error (answer, status, cases[c].status, cases[c].code);
          else
            g_assert_cmpuint (status, ==, 200);
        }
    }
}

/* Slow, malformed, truncated, dropped: the answer (or its absence) the client must cope with. */
static void
test_transport_faults (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (NULL, NULL);
  gint64 start;
  guint status;

  icp_fake_cloud_set_slow_ms (f->cloud, 300);
  icp_fake_cloud_add_fault (f->cloud, "DescribeRegions", NULL, ICP_FAKE_FAULT_SLOW, 1);
  start = g_get_monotonic_time ();
  bytes = describe_regions_raw (f, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_clear_pointer (&bytes, g_bytes_unref);

  icp_fake_cloud_add_fault (f->cloud, NULL, NULL, ICP_FAKE_FAULT_MALFORMED, 1);
  bytes = describe_regions_raw (f, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes), NULL));
  g_clear_pointer (&bytes, g_bytes_unref);

  icp_fake_cloud_add_fault (f->cloud, NULL, NULL, ICP_FAKE_FAULT_TRUNCATED, 1);
  bytes = describe_regions_raw (f, &status, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* libsoup may send the request again on a new connection by itself: arm enough drops. */
  icp_fake_cloud_add_fault (f->cloud, NULL, NULL, ICP_FAKE_FAULT_DROP, 0);
  bytes = describe_regions_raw (f, &status, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);
  icp_fake_cloud_clear_faults (f->cloud);

  bytes = describe_regions_raw (f, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Slower than the client waits: it gives up, the fake must not mind. */
  icp_fake_cloud_set_slow_ms (f->cloud, 60000);
  icp_fake_cloud_add_fault (f->cloud, NULL, NULL, ICP_FAKE_FAULT_SLOW, 1);
  g_clear_object (&f->session);
  f->session = soup_session_new_with_options ("proxy-resolver", resolver, "timeout", 1, NULL);
  bytes = describe_regions_raw (f, &status, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/icp/fake-cloud/regions", Fixture, NULL, setup_account, test_regions, teardown);
  g_test_add ("/icp/fake-cloud/xml-by-default", Fixture, NULL, setup_account,
              test_xml_by_default, teardown);
  g_test_add ("/icp/fake-cloud/paging", Fixture, NULL, setup_generated, test_paging, teardown);
  g_test_add ("/icp/fake-cloud/repeat-instance", Fixture, NULL, setup_account,
              test_repeat_instance, teardown);
  g_test_add ("/icp/fake-cloud/bad-signature", Fixture, NULL, setup_account, test_bad_signature,
              teardown);
  g_test_add ("/icp/fake-cloud/v3-sts", Fixture, NULL, setup_account, test_v3_and_sts, teardown);
  g_test_add ("/icp/fake-cloud/permissions", Fixture, NULL, setup_account, test_permissions,
              teardown);
  g_test_add ("/icp/fake-cloud/renew", Fixture, NULL, setup_account, test_renew, teardown);
  g_test_add ("/icp/fake-cloud/switch-billing", Fixture, NULL, setup_account, test_switch_billing,
              teardown);
  g_test_add ("/icp/fake-cloud/bandwidth-cooldown", Fixture, NULL, setup_account,
              test_bandwidth_cooldown, teardown);
  g_test_add ("/icp/fake-cloud/fault-count", Fixture, NULL, setup_account, test_fault_count,
              teardown);

  g_test_add ("/icp/fake-cloud/transport-faults", Fixture, NULL, setup_account,
              test_transport_faults, teardown);

  return g_test_run ();
}
