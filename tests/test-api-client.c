/* test-api-client.c — signed calls, retries and errors against the fake cloud
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "icp-api-client.h"
#include "icp-fake-cloud.h"
#include "icp-signer.h"
#include "icp-test-utils.h"

#define WRONG_SECRET "wrongSecretButLongEnough0123456789"
#define STS_KEY_ID   "STS.NTestTemporaryKey01"
#define STS_SECRET   "stsTemporarySecret0123456789abcdef"
#define STS_TOKEN    "CAIStsTestSecurityTokenValue+/=0123456789"

typedef struct
{
  IcpFakeCloud   *cloud;
  IcpCredentials *credentials;
  IcpApiClient   *client;
} Fixture;

static IcpApiClient *
new_client (Fixture    *fixture,
            const char *key_id,
            const char *secret,
            const char *token)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (key_id, secret, token);
  g_autoptr(GError) error = NULL;
  IcpApiClient *client = icp_api_client_new (credentials);

  g_assert_true (icp_api_client_set_endpoint (client, icp_fake_cloud_get_url (fixture->cloud),
                                              &error));
  g_assert_no_error (error);
  /* Small delays keep the retry tests fast. */
  icp_api_client_set_retry (client, 4, 5);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->cloud = icp_fake_cloud_new_generated (2, 2);
  g_assert_true (icp_fake_cloud_start (fixture->cloud, &error));
  g_assert_no_error (error);

  fixture->client = new_client (fixture, ICP_FAKE_CLOUD_TEST_KEY_ID,
                                ICP_FAKE_CLOUD_TEST_KEY_SECRET, NULL);
  fixture->credentials = g_object_ref (icp_api_client_get_credentials (fixture->client));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->credentials);
  icp_test_wait (50);
  g_clear_object (&fixture->cloud);
  icp_test_wait (10);
}

static JsonObject *
call_sync (IcpApiClient  *client,
           IcpApiService  service,
           const char    *region_id,
           const char    *action,
           GHashTable    *params,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_api_client_call_async (client, service, region_id, action, params, cancellable,
                             icp_test_store_result_cb, &result);

  return icp_api_client_call_finish (client, icp_test_wait_result (&result, action), error);
}

static GHashTable *
params_new (const char *first_name,
            ...)
{
  GHashTable *params = icp_signer_params_new ();
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_hash_table_insert (params, g_strdup (name), g_strdup (value));
      name = va_arg (args, const char *);
    }
  va_end (args);

  return params;
}

static void
assert_not_in (const char *text,
               const char *secret)
{
  g_autofree char *once = icp_signer_percent_encode (secret);
  g_autofree char *twice = icp_signer_percent_encode (once);

  g_assert_null (strstr (text, secret));
  g_assert_null (strstr (text, once));
  g_assert_null (strstr (text, twice));
}

/* Not even percent-encoded, as in an echoed string-to-sign. */
static void
assert_no_secret (const char *text)
{
  if (text == NULL)
    return;
  assert_not_in (text, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  assert_not_in (text, WRONG_SECRET);
  assert_not_in (text, STS_SECRET);
  assert_not_in (text, STS_TOKEN);
}

/* The error is @code, says something, and leaks no secret anywhere. */
static void
assert_api_error (const GError    *error,
                  IcpApiErrorCode  code)
{
  g_assert_error (error, ICP_API_ERROR, (int) code);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  assert_no_secret (error->message);
  assert_no_secret (icp_api_error_get_hint (error));
  assert_no_secret (icp_api_error_get_api_message (error));
  assert_no_secret (icp_api_error_get_api_code (error));
  assert_no_secret (icp_api_error_get_request_id (error));
}

static IcpFakeRequest *
last_request (IcpFakeCloud *cloud)
{
  GPtrArray *requests = icp_fake_cloud_get_requests (cloud);

  g_assert_cmpuint (requests->len, >, 0);
  return g_ptr_array_index (requests, requests->len - 1);
}

/* --- accepted requests --- */

static void
check_services (Fixture *fixture,
                int      signature_version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) regions = NULL;
  g_autoptr(JsonObject) identity = NULL;
  g_autoptr(JsonObject) instances = NULL;
  g_autoptr(GHashTable) params = params_new ("RegionId", "cn-hangzhou", "MaxResults", "10", NULL);
  IcpFakeRequest *request;

  regions = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL,
                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (regions);
  g_assert_true (json_object_has_member (regions, "RequestId"));
  g_assert_true (json_object_has_member (regions, "Regions"));
  request = last_request (fixture->cloud);
  g_assert_cmpint (request->signature_version, ==, signature_version);
  g_assert_cmpstr (request->action, ==, "DescribeRegions");
  g_assert_cmpstr (request->version, ==, "2014-05-26");
  g_assert_cmpstr (request->access_key_id, ==, ICP_FAKE_CLOUD_TEST_KEY_ID);
  g_assert_cmpuint (request->status, ==, 200);
  g_assert_null (request->code);

  /* Operation parameters arrive as sent, UTF-8 and reserved characters included. */
  instances = call_sync (fixture->client, ICP_API_SERVICE_ECS, "cn-hangzhou", "DescribeInstances",
                         params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (instances);
  request = last_request (fixture->cloud);
  g_assert_cmpstr (request->region, ==, "cn-hangzhou");
  g_assert_cmpstr (g_hash_table_lookup (request->params, "MaxResults"), ==, "10");

  identity = call_sync (fixture->client, ICP_API_SERVICE_STS, NULL, "GetCallerIdentity", NULL,
                        NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);
  request = last_request (fixture->cloud);
  g_assert_cmpstr (request->version, ==, "2015-04-01");
  g_assert_cmpint (request->signature_version, ==, signature_version);
}

static void
test_v3_accepted (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_cmpuint (icp_api_client_get_signature_version (fixture->client), ==, 3);
  check_services (fixture, 3);
}

static void
test_v1_accepted (Fixture       *fixture,
                  gconstpointer  user_data)
{
  IcpFakeRequest *request;

  icp_api_client_set_signature_version (fixture->client, 1);
  check_services (fixture, 1);

  request = last_request (fixture->cloud);
  g_assert_cmpstr (g_hash_table_lookup (request->params, "Format"), ==, "JSON");
  g_assert_cmpstr (g_hash_table_lookup (request->params, "SignatureMethod"), ==, "HMAC-SHA1");
  g_assert_cmpstr (g_hash_table_lookup (request->params, "SignatureVersion"), ==, "1.0");
  g_assert_null (g_hash_table_lookup (request->params, "SecurityToken"));
}

static void
test_other_services (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) billing = NULL;
  g_autoptr(GHashTable) params = params_new ("ProductCode", "ecs", "PageNum", "1",
                                             "PageSize", "20", NULL);

  billing = call_sync (fixture->client, ICP_API_SERVICE_BSS, NULL, "QueryAvailableInstances",
                       params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (billing);
  g_assert_cmpstr (last_request (fixture->cloud)->version, ==, "2017-12-14");
  g_assert_cmpstr (icp_api_service_get_version (ICP_API_SERVICE_BSS), ==, "2017-12-14");
  g_assert_cmpstr (icp_api_service_get_version (ICP_API_SERVICE_ECS), ==, "2014-05-26");
  g_assert_cmpstr (icp_api_service_get_version (ICP_API_SERVICE_STS), ==, "2015-04-01");
  g_assert_nonnull (icp_api_service_get_version (ICP_API_SERVICE_BSN));
}

/* --- keys --- */

static void
check_wrong_secret (Fixture *fixture,
                    guint    signature_version)
{
  g_autoptr(IcpApiClient) client = new_client (fixture, ICP_FAKE_CLOUD_TEST_KEY_ID, WRONG_SECRET,
                                               NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  icp_api_client_set_signature_version (client, signature_version);
  icp_fake_cloud_clear_requests (fixture->cloud);
  answer = call_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_INVALID_KEY);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "SignatureDoesNotMatch");
  g_assert_nonnull (strstr (error->message, "SignatureDoesNotMatch"));
  g_assert_nonnull (icp_api_error_get_hint (error));
  g_assert_nonnull (icp_api_error_get_request_id (error));
  g_assert_nonnull (strstr (error->message, icp_api_error_get_request_id (error)));
  /* A wrong key is not retried. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 1);
}

static void
test_wrong_secret (Fixture       *fixture,
                   gconstpointer  user_data)
{
  check_wrong_secret (fixture, 3);
  check_wrong_secret (fixture, 1);
}

static void
test_unknown_key (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(IcpApiClient) client = new_client (fixture, "LTAI5tNoSuchKeyAnywhere", WRONG_SECRET,
                                               NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  answer = call_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_INVALID_KEY);
  g_assert_true (g_str_has_prefix (icp_api_error_get_api_code (error), "InvalidAccessKeyId"));
}

static IcpFakeCloud *
new_sts_cloud (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  IcpFakeCloud *cloud;

  data = json_from_string ("{"
                           "  \"Account\": { \"AccountId\": \"" ICP_FAKE_CLOUD_TEST_ACCOUNT "\" },"
                           "  \"AccessKeys\": [ {"
                           "    \"AccessKeyId\": \"" STS_KEY_ID "\","
                           "    \"AccessKeySecret\": \"" STS_SECRET "\","
                           "    \"SecurityToken\": \"" STS_TOKEN "\","
                           "    \"IdentityType\": \"AssumedRoleUser\""
                           "  } ],"
                           "  \"Permissions\": { \"ecs\": true, \"sts\": true },"
                           "  \"Instances\": []"
                           "}", &error);
  g_assert_no_error (error);
  cloud = icp_fake_cloud_new_from_data (data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cloud);
  g_assert_true (icp_fake_cloud_start (cloud, &error));
  g_assert_no_error (error);

  return cloud;
}

static void
check_sts (IcpFakeCloud *cloud,
           guint         signature_version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) identity = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) no_token = NULL;
  Fixture fixture = { .cloud = cloud };
  g_autoptr(IcpApiClient) client = new_client (&fixture, STS_KEY_ID, STS_SECRET, STS_TOKEN);
  g_autoptr(IcpApiClient) wrong_token = new_client (&fixture, STS_KEY_ID, STS_SECRET,
                                                    "CAIStsSomeOtherToken");
  g_autoptr(IcpApiClient) without = new_client (&fixture, STS_KEY_ID, STS_SECRET, NULL);
  g_autoptr(IcpApiClient) bad_secret = new_client (&fixture, STS_KEY_ID, WRONG_SECRET, STS_TOKEN);
  g_autoptr(JsonObject) wrong_secret = NULL;

  icp_api_client_set_signature_version (client, signature_version);
  icp_api_client_set_signature_version (wrong_token, signature_version);
  icp_api_client_set_signature_version (without, signature_version);
  icp_api_client_set_signature_version (bad_secret, signature_version);

  identity = call_sync (client, ICP_API_SERVICE_STS, NULL, "GetCallerIdentity", NULL, NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);
  g_assert_cmpint (last_request (cloud)->signature_version, ==, (int) signature_version);

  refused = call_sync (wrong_token, ICP_API_SERVICE_STS, NULL, "GetCallerIdentity", NULL, NULL,
                       &error);
  g_assert_null (refused);
  assert_api_error (error, ICP_API_ERROR_INVALID_KEY);
  g_clear_error (&error);

  no_token = call_sync (without, ICP_API_SERVICE_STS, NULL, "GetCallerIdentity", NULL, NULL,
                        &error);
  g_assert_null (no_token);
  assert_api_error (error, ICP_API_ERROR_INVALID_KEY);
  g_clear_error (&error);

  /* The answer to a wrong secret echoes the string-to-sign, which holds the token (v1):
   * the error must not. */
  wrong_secret = call_sync (bad_secret, ICP_API_SERVICE_STS, NULL, "GetCallerIdentity", NULL,
                            NULL, &error);
  g_assert_null (wrong_secret);
  assert_api_error (error, ICP_API_ERROR_INVALID_KEY);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "SignatureDoesNotMatch");
  g_assert_nonnull (icp_api_error_get_api_message (error));
}

static void
test_sts_token (void)
{
  g_autoptr(IcpFakeCloud) cloud = new_sts_cloud ();

  check_sts (cloud, 3);
  check_sts (cloud, 1);
}

/* --- retries --- */

static void
test_throttled_then_ok (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GHashTable) nonces = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *requests;

  icp_api_client_set_signature_version (fixture->client, 1);
  icp_fake_cloud_add_fault (fixture->cloud, "DescribeRegions", NULL, ICP_FAKE_FAULT_THROTTLING, 2);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, "DescribeRegions"), ==, 3);

  /* Every attempt is signed again with a fresh nonce. */
  requests = icp_fake_cloud_get_requests (fixture->cloud);
  for (guint i = 0; i < requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i);
      const char *nonce = g_hash_table_lookup (request->params, "SignatureNonce");

      g_assert_nonnull (nonce);
      g_assert_false (g_hash_table_contains (nonces, nonce));
      g_hash_table_add (nonces, (gpointer) nonce);
    }
  g_assert_cmpstr (((IcpFakeRequest *) g_ptr_array_index (requests, 0))->code, ==,
                   "Throttling.User");
}

static void
test_server_errors_retried (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_HTTP_500, 1);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_HTTP_503, 1);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 3);
}

static void
test_server_error_forever (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  icp_api_client_set_retry (fixture->client, 3, 1);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_HTTP_503, 0);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_SERVER);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "ServiceUnavailable");
  g_assert_nonnull (icp_api_error_get_hint (error));
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 3);
}

static void
test_throttled_forever (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gint64 start, elapsed_ms;

  /* Base 20 ms: waits of 20, 40, 80 ms at least (plus jitter) before attempts 2, 3, 4. */
  icp_api_client_set_retry (fixture->client, 4, 20);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_THROTTLING, 0);
  start = g_get_monotonic_time ();
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_THROTTLED);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "Throttling.User");
  g_assert_nonnull (strstr (error->message, "Throttling.User"));
  g_assert_nonnull (icp_api_error_get_hint (error));
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 4);
  g_assert_cmpint (elapsed_ms, >=, 20 + 40 + 80);
  g_assert_cmpint (elapsed_ms, <, 5000);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) retried = NULL;
  gint64 start, elapsed_ms;

  icp_fake_cloud_set_slow_ms (fixture->cloud, 4000);
  icp_api_client_set_timeout (fixture->client, 1);
  g_assert_cmpuint (icp_api_client_get_timeout (fixture->client), ==, 1);

  /* One attempt: the time-out is the answer. */
  icp_api_client_set_retry (fixture->client, 1, 5);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_SLOW, 1);
  start = g_get_monotonic_time ();
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_TIMEOUT);
  g_assert_nonnull (icp_api_error_get_hint (error));
  g_assert_cmpint (elapsed_ms, >=, 900);
  g_assert_cmpint (elapsed_ms, <, 3500);
  g_clear_error (&error);

  /* With retries, a single slow answer is survived. */
  icp_fake_cloud_clear_requests (fixture->cloud);
  icp_api_client_set_retry (fixture->client, 2, 5);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_SLOW, 1);
  retried = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (retried);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 2);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) refused = NULL;

  /* A body cut off once is fetched again. */
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_TRUNCATED, 1);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 2);

  icp_fake_cloud_clear_requests (fixture->cloud);
  icp_api_client_set_retry (fixture->client, 2, 1);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_TRUNCATED, 0);
  refused = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                       &error);
  g_assert_null (refused);
  assert_api_error (error, ICP_API_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 2);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_MALFORMED, 0);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (icp_api_error_get_hint (error));
  /* A complete answer that is not JSON will not get better by asking again. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 1);
}

static void
test_dropped (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) refused = NULL;

  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_DROP, 1);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 2);

  icp_fake_cloud_clear_requests (fixture->cloud);
  icp_api_client_set_retry (fixture->client, 3, 1);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_DROP, 0);
  refused = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                       &error);
  g_assert_null (refused);
  assert_api_error (error, ICP_API_ERROR_NETWORK);
  g_assert_nonnull (icp_api_error_get_hint (error));
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 3);
}

static void
test_connection_refused (void)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(IcpApiClient) client = icp_api_client_new (credentials);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JsonObject) answer = NULL;

  /* A port that was free a moment ago: bind, note it, close. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_true (icp_api_client_set_endpoint (client, url, &error));
  icp_api_client_set_retry (client, 2, 1);
  answer = call_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_NETWORK);
}

/* --- refusals that are not retried --- */

static void
test_permission (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GHashTable) params = params_new ("RegionId", "cn-hangzhou", NULL);

  icp_fake_cloud_add_fault (fixture->cloud, "DescribeInstances", NULL,
                            ICP_FAKE_FAULT_FORBIDDEN, 0);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, "cn-hangzhou", "DescribeInstances",
                      params, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_PERMISSION);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "Forbidden.RAM");
  g_assert_nonnull (strstr (error->message, "DescribeInstances"));
  g_assert_nonnull (strstr (icp_api_error_get_hint (error), "DescribeInstances"));
  g_assert_nonnull (strstr (icp_api_error_get_hint (error), "AliyunECSReadOnlyAccess"));
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 1);
}

/* The Filing Service refuses ordinary accounts: no RAM policy to grant, the console instead. */
static void
test_permission_filing_service (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GHashTable) params = params_new ("resourceType", "1",
                                             "resourceId", "i-bp1g6zv0ce8oghu7k2a",
                                             "aliuid", ICP_FAKE_CLOUD_TEST_ACCOUNT, NULL);

  answer = call_sync (fixture->client, ICP_API_SERVICE_BSN, NULL, "GetBsnByResource", params,
                      NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_PERMISSION);
  g_assert_nonnull (strstr (icp_api_error_get_hint (error), "partners"));
  g_assert_null (strstr (icp_api_error_get_hint (error), "RAM console"));
}

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GHashTable) list_params = params_new ("RegionId", "cn-hangzhou", NULL);
  g_autoptr(GHashTable) params = NULL;
  JsonObject *instances;
  JsonArray *items;
  const char *instance_id;
  g_autofree char *region_id = NULL;

  page = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL,
                    &error);
  g_assert_no_error (error);
  region_id = g_strdup (json_object_get_string_member (
    json_array_get_object_element (
      json_object_get_array_member (json_object_get_object_member (page, "Regions"), "Region"),
      0),
    "RegionId"));
  g_hash_table_replace (list_params, g_strdup ("RegionId"), g_strdup (region_id));
  g_clear_pointer (&page, json_object_unref);

  page = call_sync (fixture->client, ICP_API_SERVICE_ECS, region_id, "DescribeInstances",
                    list_params, NULL, &error);
  g_assert_no_error (error);
  instances = json_object_get_object_member (page, "Instances");
  items = json_object_get_array_member (instances, "Instance");
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  instance_id = json_object_get_string_member (json_array_get_object_element (items, 0),
                                               "InstanceId");

  params = params_new ("InstanceId", instance_id, "Period", "1", "PeriodUnit", "Month",
                       "DryRun", "true", NULL);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, region_id, "RenewInstance", params,
                      NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_DRY_RUN_PASSED);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "DryRunOperation");
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, "RenewInstance"), ==, 1);
}

/* --- cancellation --- */

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  g_cancellable_cancel (cancellable);
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL,
                      cancellable, &error);
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
cancel_when_requested_cb (gpointer user_data)
{
  gpointer *pair = user_data;
  IcpFakeCloud *cloud = pair[0];
  GCancellable *cancellable = pair[1];

  if (icp_fake_cloud_count_requests (cloud, NULL) == 0)
    return G_SOURCE_CONTINUE;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_wait (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gpointer pair[2] = { fixture->cloud, cancellable };
  gint64 start, elapsed_ms;

  /* The first attempt is throttled; the wait before the second one would be 10 s. */
  icp_api_client_set_retry (fixture->client, 4, 10000);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_THROTTLING, 0);
  g_timeout_add (10, cancel_when_requested_cb, pair);

  start = g_get_monotonic_time ();
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL,
                      cancellable, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed_ms, <, 3000);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 1);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gint64 start, elapsed_ms;

  icp_fake_cloud_set_slow_ms (fixture->cloud, 5000);
  icp_fake_cloud_add_fault (fixture->cloud, NULL, NULL, ICP_FAKE_FAULT_SLOW, 0);
  g_timeout_add (200, cancel_cb, cancellable);

  start = g_get_monotonic_time ();
  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL,
                      cancellable, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed_ms, <, 3000);
}

/* --- many at once --- */

typedef struct
{
  IcpApiClient *client;
  guint         pending;
  guint         failed;
} Batch;

static void
batch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = icp_api_client_call_finish (batch->client, result, &error);

  if (answer == NULL)
    batch->failed++;
  batch->pending--;
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  user_data)
{
  Batch batch = { fixture->client, 0, 0 };
  const guint n_calls = 16;
  gint64 start, elapsed_ms;

  /* 16 calls that take 300 ms each: in sequence that would be 4.8 s. */
  icp_fake_cloud_set_latency (fixture->cloud, 300);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_calls; i++)
    {
      batch.pending++;
      icp_api_client_call_async (fixture->client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions",
                                 NULL, NULL, batch_done_cb, &batch);
    }
  while (batch.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, n_calls);
  g_assert_cmpint (elapsed_ms, <, 2000);
}

/* --- endpoints --- */

static void
test_endpoint_rules (void)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(IcpApiClient) client = icp_api_client_new (credentials);
  const char *allowed[] = {
    "http://127.0.0.1:8080/",
    "http://127.0.0.1",
    "http://localhost:1234",
    "http://[::1]:8080/",
    "https://example.com",
    "https://ecs.cn-hangzhou.aliyuncs.com/",
    "https://10.0.0.1:8443/api/",
  };
  const char *refused[] = {
    "http://example.com",
    "http://example.com:80/",
    "http://10.0.0.1/",
    "http://127.0.0.2/",
    "http://localhost.example.com/",
    "ftp://127.0.0.1/",
    "not a url",
    "",
    "https://user:password@example.com/",
    "https://example.com/?x=1",
  };

  g_assert_null (icp_api_client_get_endpoint (client));

  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (icp_api_client_set_endpoint (client, allowed[i], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (icp_api_client_get_endpoint (client), ==, allowed[i]);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (icp_api_client_set_endpoint (client, refused[i], &error));
      assert_api_error (error, ICP_API_ERROR_ENDPOINT);
      /* The last accepted one stays. */
      g_assert_cmpstr (icp_api_client_get_endpoint (client), ==,
                       allowed[G_N_ELEMENTS (allowed) - 1]);
    }

  g_assert_true (icp_api_client_set_endpoint (client, NULL, NULL));
  g_assert_null (icp_api_client_get_endpoint (client));
}

static void
test_endpoint_environment (void)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(IcpApiClient) good = NULL;
  g_autoptr(IcpApiClient) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  g_setenv ("ICP_ASSISTANT_ENDPOINT", "http://127.0.0.1:4321/", TRUE);
  good = icp_api_client_new (credentials);
  g_assert_cmpstr (icp_api_client_get_endpoint (good), ==, "http://127.0.0.1:4321/");

  /* A refused override is not silently replaced by the real cloud: every call fails. */
  g_setenv ("ICP_ASSISTANT_ENDPOINT", "http://example.com/", TRUE);
  bad = icp_api_client_new (credentials);
  g_unsetenv ("ICP_ASSISTANT_ENDPOINT");
  g_assert_null (icp_api_client_get_endpoint (bad));
  answer = call_sync (bad, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_ENDPOINT);
  g_assert_nonnull (strstr (error->message, "http://example.com/"));
}

static void
assert_host (IcpApiClient  *client,
             IcpApiService  service,
             const char    *region_id,
             const char    *expected)
{
  g_autofree char *host = icp_api_client_dup_host (client, service, region_id);

  g_assert_cmpstr (host, ==, expected);
}

static void
test_hosts (void)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(IcpApiClient) client = icp_api_client_new (credentials);

  assert_host (client, ICP_API_SERVICE_ECS, NULL, "ecs.aliyuncs.com");
  assert_host (client, ICP_API_SERVICE_ECS, "cn-shanghai", "ecs.cn-shanghai.aliyuncs.com");
  assert_host (client, ICP_API_SERVICE_STS, NULL, "sts.aliyuncs.com");
  assert_host (client, ICP_API_SERVICE_BSS, NULL, "business.aliyuncs.com");
  assert_host (client, ICP_API_SERVICE_BSN, NULL, "bsn.aliyuncs.com");

  /* DescribeRegions' RegionEndpoint wins; a value that is not a host name is ignored. */
  icp_api_client_set_region_endpoint (client, "cn-hangzhou", "ecs.aliyuncs.com");
  icp_api_client_set_region_endpoint (client, "cn-beijing", "evil.example.com/path?");
  icp_api_client_set_region_endpoint (client, "ap-southeast-1", "");
  assert_host (client, ICP_API_SERVICE_ECS, "cn-hangzhou", "ecs.aliyuncs.com");
  assert_host (client, ICP_API_SERVICE_ECS, "cn-beijing", "ecs.cn-beijing.aliyuncs.com");
  assert_host (client, ICP_API_SERVICE_ECS, "ap-southeast-1",
               "ecs.ap-southeast-1.aliyuncs.com");

  /* An override sends every service to one host, with its port unless it is the default. */
  g_assert_true (icp_api_client_set_endpoint (client, "http://127.0.0.1:8080/", NULL));
  assert_host (client, ICP_API_SERVICE_ECS, "cn-hangzhou", "127.0.0.1:8080");
  assert_host (client, ICP_API_SERVICE_STS, NULL, "127.0.0.1:8080");
  g_assert_true (icp_api_client_set_endpoint (client, "http://[::1]:9000", NULL));
  assert_host (client, ICP_API_SERVICE_BSS, NULL, "[::1]:9000");
  g_assert_true (icp_api_client_set_endpoint (client, "https://Proxy.Example.com:443/", NULL));
  assert_host (client, ICP_API_SERVICE_ECS, NULL, "proxy.example.com");
  g_assert_true (icp_api_client_set_endpoint (client, "http://localhost:80", NULL));
  assert_host (client, ICP_API_SERVICE_ECS, NULL, "localhost");
}

static void
test_bad_region (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  answer = call_sync (fixture->client, ICP_API_SERVICE_ECS, "cn-hangzhou/../evil.com",
                      "DescribeInstances", NULL, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_INVALID_PARAMETER);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 0);
}

/* --- raw answers --- */

static GBytes *
call_bytes_sync (IcpApiClient  *client,
                 IcpApiService  service,
                 const char    *region_id,
                 const char    *action,
                 GHashTable    *params,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_api_client_call_bytes_async (client, service, region_id, action, params, NULL,
                                   icp_test_store_result_cb, &result);

  return icp_api_client_call_bytes_finish (client, icp_test_wait_result (&result, action),
                                           error);
}

static void
test_bytes (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GHashTable) params = params_new ("RegionId", "cn-hangzhou", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *page;

  /* The successful answer as it came, unparsed. */
  body = call_bytes_sync (fixture->client, ICP_API_SERVICE_ECS, "cn-hangzhou",
                          "DescribeInstances", params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  page = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (page, "Instances"), "Instance")), ==, 2);

  /* Errors are the same as with a parsed call, retries too. */
  icp_fake_cloud_clear_requests (fixture->cloud);
  icp_fake_cloud_add_fault (fixture->cloud, "DescribeInstances", NULL,
                            ICP_FAKE_FAULT_THROTTLING, 1);
  g_clear_pointer (&body, g_bytes_unref);
  body = call_bytes_sync (fixture->client, ICP_API_SERVICE_ECS, "cn-hangzhou",
                          "DescribeInstances", params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, NULL), ==, 2);

  icp_fake_cloud_add_fault (fixture->cloud, "DescribeInstances", NULL,
                            ICP_FAKE_FAULT_FORBIDDEN, 0);
  refused = call_bytes_sync (fixture->client, ICP_API_SERVICE_ECS, "cn-hangzhou",
                             "DescribeInstances", params, &error);
  g_assert_null (refused);
  assert_api_error (error, ICP_API_ERROR_PERMISSION);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "Forbidden.RAM");
}

static void
body_handler_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *body = *(const char **) user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* A 200 answer is handed over when it starts like a JSON object, after white space; an HTML
 * page is refused as a bad answer, and not asked again. */
static void
test_bytes_not_json (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(IcpApiClient) client = icp_api_client_new (credentials);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *url = NULL;
  const char *answer = " \r\n\t{\"RequestId\":\"x\"}";

  /* A socket of our own: libsoup 3.2's soup_server_listen_local() and get_uris() leak the
   * addresses they make. */
  soup_server_add_handler (server, NULL, body_handler_cb, &answer, NULL);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_true (soup_server_listen_socket (server, socket, 0, &error));
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  g_assert_true (icp_api_client_set_endpoint (client, url, &error));
  icp_api_client_set_retry (client, 4, 1);

  body = call_bytes_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), answer,
                   strlen (answer));

  answer = "<html><body>502 Bad Gateway</body></html>";
  refused = call_bytes_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, &error);
  g_assert_null (refused);
  assert_api_error (error, ICP_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "DescribeRegions"));
  g_clear_error (&error);

  answer = "";
  refused = call_bytes_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, &error);
  g_assert_null (refused);
  assert_api_error (error, ICP_API_ERROR_BAD_RESPONSE);

  g_clear_object (&client);
  icp_test_wait (50);
}

/* --- TLS --- */

static void
tls_handler_cb (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  guint *n_handled = user_data;

  (*n_handled)++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"RequestId\":\"x\"}", strlen ("{\"RequestId\":\"x\"}"));
}

static void
check_tls_untrusted (void)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud", "tls",
                                                      "cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud", "tls",
                                                     "key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(IcpApiClient) client = icp_api_client_new (credentials);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint n_handled = 0;

  /* glib-networking is required: without it there is no HTTPS at all. */
  g_assert_true (g_tls_backend_supports_tls (g_tls_backend_get_default ()));

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_handler_cb, &n_handled, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  url = g_strdup_printf ("https://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_assert_true (icp_api_client_set_endpoint (client, url, &error));
  icp_api_client_set_retry (client, 4, 1);
  answer = call_sync (client, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", NULL, NULL, &error);
  g_assert_null (answer);
  assert_api_error (error, ICP_API_ERROR_TLS);
  g_assert_nonnull (icp_api_error_get_hint (error));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* The request never reached the server. */
  g_assert_cmpuint (n_handled, ==, 0);

  soup_server_disconnect (server);
}

/* In a subprocess: at exit, LeakSanitizer crashes ("Tracer caught signal 11") while it scans
 * the thread-local storage of GnuTLS, which GIO loads with dlopen() (glibc 2.36). The child
 * ends with _exit() so that the leak check never runs there, and the parent never loads
 * GnuTLS. */
static void
test_tls_untrusted (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout ("*tls-refused*");
      return;
    }

  check_tls_untrusted ();
  g_print ("tls-refused\n");
  fflush (stdout);
  _exit (0);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("ICP_ASSISTANT_ENDPOINT");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/icp/api-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("v3-accepted", test_v3_accepted);
  ADD ("v1-accepted", test_v1_accepted);
  ADD ("other-services", test_other_services);
  ADD ("wrong-secret", test_wrong_secret);
  ADD ("unknown-key", test_unknown_key);
  g_test_add_func ("/icp/api-client/sts-token", test_sts_token);
  ADD ("throttled-then-ok", test_throttled_then_ok);
  ADD ("server-errors-retried", test_server_errors_retried);
  ADD ("server-error-forever", test_server_error_forever);
  ADD ("throttled-forever", test_throttled_forever);
  ADD ("timeout", test_timeout);
  ADD ("truncated", test_truncated);
  ADD ("malformed", test_malformed);
  ADD ("dropped", test_dropped);
  g_test_add_func ("/icp/api-client/connection-refused", test_connection_refused);
  ADD ("permission", test_permission);
  ADD ("permission-filing-service", test_permission_filing_service);
  ADD ("dry-run", test_dry_run);
  ADD ("cancel-before", test_cancel_before);
  ADD ("cancel-during-wait", test_cancel_during_wait);
  ADD ("cancel-in-flight", test_cancel_in_flight);
  ADD ("concurrent", test_concurrent);
  ADD ("bytes", test_bytes);
  g_test_add_func ("/icp/api-client/bytes-not-json", test_bytes_not_json);
  g_test_add_func ("/icp/api-client/endpoint-rules", test_endpoint_rules);
  g_test_add_func ("/icp/api-client/endpoint-environment", test_endpoint_environment);
  g_test_add_func ("/icp/api-client/hosts", test_hosts);
  ADD ("bad-region", test_bad_region);
  g_test_add_func ("/icp/api-client/tls-untrusted", test_tls_untrusted);

#undef ADD

  return g_test_run ();
}
