/* test-ecs.c — fetching and fixing instances against the in-process fake cloud
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* IcpEcs and IcpAccount over a real IcpApiClient, talking HTTP to tests/icp-fake-cloud on
 * 127.0.0.1: every region concurrently but never more requests at once than the budgets allow
 * (ECS and the account services apart), waiting calls by priority, NextToken paging, faults
 * (throttling, a region forbidden for good, a repeated instance, malformed and truncated
 * pages), cancellation, the owner from STS, the billing start from BSS (over several pages),
 * and the three fixes: checks before any request, dry run, price, the real call and the
 * refresh.
 *
 * The data are small where their size is not the point: a sanitized build reads every
 * instance ten times slower, and this suite runs under AddressSanitizer in CI.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "icp-account.h"
#include "icp-api-client.h"
#include "icp-credentials.h"
#include "icp-ecs.h"
#include "icp-fake-cloud.h"
#include "icp-import.h"
#include "icp-test-utils.h"

/* A sanitized build spends most of its time on the CPU, in the fake and the client alike (both
 * run in this thread): timing claims are only checked without one. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#else
#define SANITIZED 0
#endif

typedef struct
{
  IcpFakeCloud *cloud;
  IcpApiClient *client;
  IcpEcs       *ecs;
  IcpPolicy    *policy;
  IcpChecker   *checker;
  IcpInventory *inventory;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->inventory);
  g_clear_object (&f->checker);
  g_clear_object (&f->policy);
  g_clear_object (&f->ecs);
  g_clear_object (&f->client);
  /* Let the server see the client's connections close before it goes. */
  if (f->cloud != NULL)
    icp_test_wait (50);
  g_clear_object (&f->cloud);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static void
fixture_start (Fixture      *f,
               IcpFakeCloud *cloud)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GDateTime) now = icp_test_time (ICP_TEST_NOW);

  f->cloud = cloud;
  icp_fake_cloud_set_now (f->cloud, now);
  icp_fake_cloud_start (f->cloud, &error);
  g_assert_no_error (error);

  credentials = icp_credentials_new (icp_fake_cloud_get_access_key_id (f->cloud),
                                     icp_fake_cloud_get_access_key_secret (f->cloud), NULL);
  f->client = icp_api_client_new (credentials);
  icp_api_client_set_endpoint (f->client, icp_fake_cloud_get_url (f->cloud), &error);
  g_assert_no_error (error);
  /* Quick retries: the tests inject throttling and 5xx. */
  icp_api_client_set_retry (f->client, 4, 5);
  icp_api_client_set_timeout (f->client, 5);

  f->ecs = icp_ecs_new (f->client);
  f->policy = icp_test_default_policy ();
  f->checker = icp_test_new_checker (f->policy);
  f->inventory = icp_inventory_new (f->checker);
}

/* The sample account with its instances in line, read once: the instance file is 130 KB, and
 * a sanitized build (every allocation unwinds the stack) takes about half a second to parse
 * it. Each cloud gets its own root object; the members are shared and only read. */
static JsonObject *
sample_data (void)
{
  static JsonObject *data = NULL;

  if (data == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud",
                                                     "account.json", NULL);
      g_autofree char *text = icp_test_read_file (path, NULL);
      g_autoptr(JsonNode) root = icp_test_parse_json (text);

      data = json_object_ref (json_node_get_object (root));
      if (json_object_has_member (data, "InstancesFrom"))
        {
          g_autofree char *dir = g_path_get_dirname (path);
          g_autofree char *from = g_build_filename (dir,
                                                    json_object_get_string_member (data,
                                                                                   "InstancesFrom"),
                                                    NULL);
          g_autofree char *list_text = icp_test_read_file (from, NULL);
          g_autoptr(JsonNode) list = icp_test_parse_json (list_text);
          JsonArray *instances = json_object_get_array_member (
                                   json_object_get_object_member (json_node_get_object (list),
                                                                  "Instances"),
                                   "Instance");

          json_object_set_array_member (data, "Instances", json_array_ref (instances));
          json_object_remove_member (data, "InstancesFrom");
        }
    }

  return data;
}

/* The sample's own data, with @permissions and @billing put in. */
static IcpFakeCloud *
cloud_from_sample_with (const char *permissions,
                        const char *billing)
{
  JsonObject *sample = sample_data ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) names = json_object_get_members (sample);
  JsonObject *data = json_object_new ();
  g_autoptr(GError) error = NULL;
  IcpFakeCloud *cloud;

  json_node_take_object (root, data);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (data, l->data, json_node_copy (json_object_get_member (sample,
                                                                                   l->data)));
  if (permissions != NULL)
    json_object_set_member (data, "Permissions", icp_test_parse_json (permissions));
  if (billing != NULL)
    json_object_set_member (data, "Billing", icp_test_parse_json (billing));

  cloud = icp_fake_cloud_new_from_data (root, &error);
  g_assert_no_error (error);
  return cloud;
}

static IcpFakeCloud *
sample_cloud (void)
{
  return cloud_from_sample_with (NULL, NULL);
}

/* ---- Waiting ----------------------------------------------------------------------------- */

static IcpFetchSummary *
fetch (Fixture             *f,
       const char * const  *regions,
       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_ecs_fetch_async (f->ecs, f->inventory, regions, NULL, icp_test_store_result_cb, &result);
  return icp_ecs_fetch_finish (f->ecs, icp_test_wait_result (&result, "a fetch"), error);
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->inventory));
}

static IcpFakeRequest *
last_request (Fixture    *f,
              const char *action)
{
  GPtrArray *requests = icp_fake_cloud_get_requests (f->cloud);

  for (guint i = requests->len; i > 0; i--)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i - 1);

      if (g_strcmp0 (request->action, action) == 0)
        return request;
    }

  return NULL;
}

static const char *
param (IcpFakeRequest *request,
       const char     *name)
{
  g_assert_nonnull (request);
  return g_hash_table_lookup (request->params, name);
}

/* ---- Fetch ------------------------------------------------------------------------------- */

static void
test_fetch_sample (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) offline = NULL;
  g_autoptr(IcpInventory) offline_inventory = NULL;
  g_autofree char *path = NULL;
  guint n;

  fixture_start (&f, sample_cloud ());
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_cmpuint (n_items (&f), ==, 35);
  g_assert_cmpuint (icp_fetch_summary_get_n_instances (summary), ==, 35);
  g_assert_cmpuint (icp_ecs_get_instances_so_far (f.ecs), ==, 35);
  g_assert_cmpuint (icp_ecs_get_regions_done (f.ecs), ==, icp_ecs_get_regions_total (f.ecs));
  g_assert_cmpuint (icp_ecs_get_regions_total (f.ecs), ==,
                    g_strv_length ((char **) icp_fetch_summary_get_regions (summary)));
  g_assert_false (icp_ecs_get_fetching (f.ecs));

  /* Every page was asked with MaxResults=100. */
  g_assert_cmpstr (param (last_request (&f, "DescribeInstances"), "MaxResults"), ==, "100");

  /* The same verdicts as the exported sample, read offline at the same moment. */
  path = icp_test_sample_path ("ecs-instances.json");
  file = g_file_new_for_path (path);
  offline = icp_import_file (file, f.policy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offline->len, ==, 35);
  offline_inventory = icp_inventory_new (f.checker);
  icp_inventory_add_all (offline_inventory, offline);

  n = n_items (&f);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpInstance) fetched = g_list_model_get_item (G_LIST_MODEL (f.inventory), i);
      IcpInstance *exported = icp_inventory_lookup (offline_inventory,
                                                    icp_instance_get_id (fetched));

      g_assert_nonnull (exported);
      g_test_message ("%s: %s / %s", icp_instance_get_id (fetched),
                      icp_verdict_get_label (icp_instance_get_verdict (fetched)),
                      icp_verdict_get_label (icp_instance_get_verdict (exported)));
      g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (fetched)), ==,
                       icp_verdict_get_state (icp_instance_get_verdict (exported)));
      g_assert_cmpstr (icp_instance_get_owner_account (fetched), ==,
                       ICP_FAKE_CLOUD_TEST_ACCOUNT);
    }

  g_assert_cmpstr (icp_fetch_summary_get_owner_account (summary), ==,
                   ICP_FAKE_CLOUD_TEST_ACCOUNT);
  g_assert_cmpstr (icp_ecs_get_owner_account (f.ecs), ==, ICP_FAKE_CLOUD_TEST_ACCOUNT);
}

static void
test_fetch_paging (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *requests;
  guint with_token = 0;

  fixture_start (&f, icp_fake_cloud_new_generated (2, 201));
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_cmpuint (n_items (&f), ==, 402);

  /* 201 a region: pages of 100, 100 and 1, the later two asked with the token. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (f.cloud, "DescribeInstances"), ==, 6);
  requests = icp_fake_cloud_get_requests (f.cloud);
  for (guint i = 0; i < requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (request->action, "DescribeInstances") != 0)
        continue;
      g_assert_cmpstr (param (request, "MaxResults"), ==, "100");
      g_assert_null (param (request, "PageNumber"));
      if (param (request, "NextToken") != NULL)
        with_token++;
    }
  g_assert_cmpuint (with_token, ==, 4);

  /* 402 subscriptions are two billing pages of 300 at most; each start is the billing one. */
  g_assert_true (icp_fetch_summary_get_billing_used (summary));
  g_assert_cmpuint (icp_fake_cloud_count_requests (f.cloud, "QueryAvailableInstances"), ==, 2);
  g_assert_cmpstr (param (last_request (&f, "QueryAvailableInstances"), "PageSize"), ==, "300");
  for (guint i = 0; i < n_items (&f); i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (G_LIST_MODEL (f.inventory), i);

      g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                       ICP_SUBSCRIPTION_SOURCE_BILLING);
    }
}

/* The billing answer comes after every instance: their starts are applied a thousand at a
 * time between other events, and the fetch finishes only once the last one has its start. */
static void
test_fetch_billing_late (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (&f, icp_fake_cloud_new_generated (3, 500));
  icp_fake_cloud_set_slow_ms (f.cloud, SANITIZED ? 3000 : 500);
  icp_fake_cloud_add_fault (f.cloud, "QueryAvailableInstances", NULL, ICP_FAKE_FAULT_SLOW, 0);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_get_billing_used (summary));
  g_assert_cmpuint (n_items (&f), ==, 1500);
  for (guint i = 0; i < n_items (&f); i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (G_LIST_MODEL (f.inventory), i);

      g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                       ICP_SUBSCRIPTION_SOURCE_BILLING);
    }
}

/* The most requests that arrived within @window_us of each other. With every answer taking
 * the fake's latency, that is how many were in flight at once. */
static guint
max_arrivals_within (GPtrArray *requests,
                     gint64     window_us)
{
  guint best = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      IcpFakeRequest *a = g_ptr_array_index (requests, i);
      guint n = 0;

      for (guint j = 0; j < requests->len; j++)
        {
          IcpFakeRequest *b = g_ptr_array_index (requests, j);

          if (b->time >= a->time && b->time < a->time + window_us)
            n++;
        }
      best = MAX (best, n);
    }

  return best;
}

static gboolean
is_account_action (const char *action)
{
  return g_strcmp0 (action, "GetCallerIdentity") == 0 ||
         g_strcmp0 (action, "QueryAvailableInstances") == 0 ||
         g_strcmp0 (action, "GetBsnByResource") == 0;
}

/* The requests to ECS (account FALSE) or to the account services (TRUE). */
static GPtrArray *
requests_of (Fixture  *f,
             gboolean  account)
{
  GPtrArray *requests = icp_fake_cloud_get_requests (f->cloud);
  GPtrArray *some = g_ptr_array_new ();

  for (guint i = 0; i < requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i);

      if (is_account_action (request->action) == account)
        g_ptr_array_add (some, request);
    }

  return some;
}

static void
test_fetch_in_flight (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ecs_requests = NULL;
  g_autoptr(GPtrArray) account_requests = NULL;
  gint64 start, elapsed;
  guint most, most_account, n_requests;

  fixture_start (&f, icp_fake_cloud_new_generated (20, 5));
  icp_fake_cloud_set_latency (f.cloud, 200);
  g_assert_cmpuint (icp_ecs_get_max_in_flight (f.ecs), ==, ICP_ECS_DEFAULT_MAX_IN_FLIGHT);
  g_assert_cmpuint (icp_ecs_get_account_max_in_flight (f.ecs), ==,
                    ICP_ECS_DEFAULT_ACCOUNT_MAX_IN_FLIGHT);

  start = g_get_monotonic_time ();
  summary = fetch (&f, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_cmpuint (n_items (&f), ==, 100);

  /* Each request takes 200 ms, so those that arrived within 150 ms of each other were all in
   * flight together: never more than the budgets, and the whole ECS budget at once when the
   * twenty first pages are asked together. */
  ecs_requests = requests_of (&f, FALSE);
  account_requests = requests_of (&f, TRUE);
  n_requests = icp_fake_cloud_get_requests (f.cloud)->len;
  most = max_arrivals_within (ecs_requests, 150 * G_TIME_SPAN_MILLISECOND);
  most_account = max_arrivals_within (account_requests, 150 * G_TIME_SPAN_MILLISECOND);
  g_test_message ("at most %u ECS and %u other requests in flight; %u requests in %.2f s",
                  most, most_account, n_requests, elapsed / 1e6);
  g_assert_cmpuint (ecs_requests->len, ==, 21);
  g_assert_cmpuint (most, <=, ICP_ECS_DEFAULT_MAX_IN_FLIGHT);
  g_assert_cmpuint (most_account, <=, ICP_ECS_DEFAULT_ACCOUNT_MAX_IN_FLIGHT);
  g_assert_cmpuint (max_arrivals_within (icp_fake_cloud_get_requests (f.cloud),
                                         150 * G_TIME_SPAN_MILLISECOND), <=,
                    ICP_ECS_DEFAULT_MAX_IN_FLIGHT + ICP_ECS_DEFAULT_ACCOUNT_MAX_IN_FLIGHT);
  g_assert_cmpuint (most, >=, 2);
  if (SANITIZED)
    return;
  g_assert_cmpuint (most, ==, ICP_ECS_DEFAULT_MAX_IN_FLIGHT);

  /* 200 ms each: one after the other would take 200 ms times the requests (20 pages and the
   * other calls); the pages go sixteen at a time and the rest alongside. Half the sequential
   * bound leaves room for a loaded machine. */
  g_assert_cmpint (elapsed, <, n_requests * 200 * G_TIME_SPAN_MILLISECOND / 2);
}

/* The budgets set explicitly hold too: 3 ECS requests and 1 other at most. */
static void
test_fetch_in_flight_bound (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ecs_requests = NULL;
  g_autoptr(GPtrArray) account_requests = NULL;
  guint most, most_account;

  fixture_start (&f, icp_fake_cloud_new_generated (6, 5));
  icp_fake_cloud_set_latency (f.cloud, 200);
  icp_ecs_set_max_in_flight (f.ecs, 3);
  g_object_set (f.ecs, "account-max-in-flight", 1, NULL);
  g_assert_cmpuint (icp_ecs_get_max_in_flight (f.ecs), ==, 3);
  g_assert_cmpuint (icp_ecs_get_account_max_in_flight (f.ecs), ==, 1);

  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_cmpuint (n_items (&f), ==, 30);
  g_assert_nonnull (icp_fetch_summary_get_owner_account (summary));
  g_assert_true (icp_fetch_summary_get_billing_used (summary));

  ecs_requests = requests_of (&f, FALSE);
  account_requests = requests_of (&f, TRUE);
  most = max_arrivals_within (ecs_requests, 150 * G_TIME_SPAN_MILLISECOND);
  most_account = max_arrivals_within (account_requests, 150 * G_TIME_SPAN_MILLISECOND);
  g_test_message ("at most %u ECS and %u other requests in flight", most, most_account);
  /* STS, the billing page and the Filing Service probe: one after the other. */
  g_assert_cmpuint (account_requests->len, >=, 3);
  g_assert_cmpuint (most_account, ==, 1);
  g_assert_cmpuint (most, <=, 3);
  if (!SANITIZED)
    g_assert_cmpuint (most, ==, 3);
}

typedef struct
{
  IcpEcs  *ecs;
  guint    done;
  gboolean raw;
} QueuedCall;

static void
queued_call_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  QueuedCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (call->raw)
    {
      g_autoptr(GBytes) body = icp_ecs_call_bytes_finish (ICP_ECS (source), result, &error);

      g_assert_no_error (error);
      g_assert_nonnull (body);
      /* The answer as it came: the page's JSON text. */
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                      "\"Instances\""));
    }
  else
    {
      g_autoptr(JsonObject) answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);

      g_assert_no_error (error);
      g_assert_nonnull (answer);
      g_assert_true (json_object_has_member (answer, "Instances"));
    }
  call->done++;
}

/* Waiting calls leave by priority, then in the order asked; JSON and raw calls alike. */
static void
test_queue_priority (void)
{
  g_auto(Fixture) f = { 0 };
  QueuedCall raw = { .raw = TRUE }, json = { .raw = FALSE };
  /* MaxResults tells the calls apart in the fake's log. */
  const struct { const char *tag; int priority; gboolean raw; } calls[] = {
    { "1", G_PRIORITY_DEFAULT, TRUE },  /* sent at once: the budget is free */
    { "2", G_PRIORITY_LOW, TRUE },
    { "3", G_PRIORITY_DEFAULT, TRUE },
    { "4", G_PRIORITY_HIGH, TRUE },
    { "5", G_PRIORITY_DEFAULT, FALSE }, /* icp_ecs_call_async(): G_PRIORITY_DEFAULT */
  };
  const char *expected[] = { "1", "4", "3", "5", "2" };
  GPtrArray *requests;
  const char *region;

  fixture_start (&f, icp_fake_cloud_new_generated (1, 5));
  icp_ecs_set_max_in_flight (f.ecs, 1);
  region = json_object_get_string_member (icp_fake_cloud_get_instance (f.cloud,
                                                                       "i-gen000000000"),
                                          "RegionId");

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (params, "RegionId", (gpointer) region);
      g_hash_table_insert (params, "MaxResults", (gpointer) calls[i].tag);
      if (calls[i].raw)
        icp_ecs_call_bytes_async (f.ecs, ICP_API_SERVICE_ECS, region, "DescribeInstances",
                                  params, calls[i].priority, NULL, queued_call_cb, &raw);
      else
        icp_ecs_call_async (f.ecs, ICP_API_SERVICE_ECS, region, "DescribeInstances", params,
                            NULL, queued_call_cb, &json);
    }

  while (raw.done + json.done < G_N_ELEMENTS (calls))
    g_main_context_iteration (NULL, TRUE);

  requests = icp_fake_cloud_get_requests (f.cloud);
  g_assert_cmpuint (requests->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpstr (param (g_ptr_array_index (requests, i), "MaxResults"), ==, expected[i]);
}

static void
test_fetch_throttled (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *requests;
  const char *region;
  guint tries = 0;

  fixture_start (&f, icp_fake_cloud_new_generated (3, 20));
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  region = g_intern_string (icp_fetch_summary_get_regions (summary)[1]);

  /* Again, from an empty inventory, with that region throttled twice. */
  g_clear_object (&summary);
  icp_inventory_remove_all (f.inventory);
  icp_fake_cloud_clear_requests (f.cloud);
  icp_fake_cloud_add_fault (f.cloud, "DescribeInstances", region, ICP_FAKE_FAULT_THROTTLING, 2);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_cmpuint (n_items (&f), ==, 60);

  requests = icp_fake_cloud_get_requests (f.cloud);
  for (guint i = 0; i < requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (request->action, "DescribeInstances") == 0 &&
          g_strcmp0 (request->region, region) == 0)
        tries++;
    }
  g_assert_cmpuint (tries, ==, 3);
}

static void
test_fetch_region_forbidden (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const GError *region_error;
  const char *region = NULL;

  fixture_start (&f, icp_fake_cloud_new_generated (4, 15));

  /* The second region of DescribeRegions, whatever the generator names it. */
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  region = g_intern_string (icp_fetch_summary_get_regions (summary)[1]);
  g_clear_object (&summary);
  icp_inventory_remove_all (f.inventory);

  icp_fake_cloud_add_fault (f.cloud, "DescribeInstances", region, ICP_FAKE_FAULT_FORBIDDEN, 0);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (icp_fetch_summary_is_complete (summary));
  g_assert_cmpstrv (icp_fetch_summary_get_failed_regions (summary),
                    ((const char * const []) { region, NULL }));
  region_error = icp_fetch_summary_get_region_error (summary, region);
  g_assert_error (region_error, ICP_API_ERROR, ICP_API_ERROR_PERMISSION);
  g_assert_null (icp_fetch_summary_get_region_error (summary,
                                                     icp_fetch_summary_get_regions (summary)[0]));
  /* The three other regions are all there. */
  g_assert_cmpuint (n_items (&f), ==, 45);
  g_assert_cmpuint (icp_ecs_get_regions_done (f.ecs), ==, 4);
}

static void
test_fetch_repeat_instance (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (&f, icp_fake_cloud_new_generated (1, 201));
  icp_fake_cloud_add_fault (f.cloud, "DescribeInstances", NULL, ICP_FAKE_FAULT_REPEAT_INSTANCE, 2);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));

  /* Page two and three each start with an instance already read: no second row. */
  g_assert_cmpuint (n_items (&f), ==, 201);
  g_assert_cmpuint (icp_fetch_summary_get_n_instances (summary), ==, 201);
  g_assert_cmpuint (icp_ecs_get_instances_so_far (f.ecs), ==, 201);
}

static void
check_broken_page (IcpFakeFault fault)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *region;
  const GError *region_error;

  fixture_start (&f, icp_fake_cloud_new_generated (3, 30));
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  region = g_intern_string (icp_fetch_summary_get_regions (summary)[2]);
  g_clear_object (&summary);
  icp_inventory_remove_all (f.inventory);

  /* Every try of that region's pages is broken: the region fails, the others stay. */
  icp_fake_cloud_add_fault (f.cloud, "DescribeInstances", region, fault, 0);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (icp_fetch_summary_get_failed_regions (summary),
                    ((const char * const []) { region, NULL }));
  region_error = icp_fetch_summary_get_region_error (summary, region);
  g_assert_nonnull (region_error);
  g_test_message ("broken page: %s", region_error->message);
  g_assert_cmpuint (n_items (&f), ==, 60);

  /* Once: retried or reported, never a duplicate. */
  g_clear_object (&summary);
  icp_fake_cloud_clear_faults (f.cloud);
  icp_fake_cloud_add_fault (f.cloud, "DescribeInstances", region, fault, 1);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (&f), <=, 90);
  if (icp_fetch_summary_is_complete (summary))
    g_assert_cmpuint (n_items (&f), ==, 90);
}

static void
test_fetch_malformed (void)
{
  check_broken_page (ICP_FAKE_FAULT_MALFORMED);
}

static void
test_fetch_truncated (void)
{
  check_broken_page (ICP_FAKE_FAULT_TRUNCATED);
}

static void
cancel_when_some_cb (IcpEcs       *ecs,
                     GParamSpec   *pspec,
                     GCancellable *cancellable)
{
  if (icp_ecs_get_instances_so_far (ecs) > 0 && !g_cancellable_is_cancelled (cancellable))
    g_cancellable_cancel (cancellable);
}

static void
test_fetch_cancel (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at, finished_at;
  guint kept;

  /* Four regions of two pages each: cancelled when the first page is in. */
  fixture_start (&f, icp_fake_cloud_new_generated (4, 120));
  icp_fake_cloud_set_latency (f.cloud, 100);
  g_signal_connect (f.ecs, "notify::instances-so-far", G_CALLBACK (cancel_when_some_cb),
                    cancellable);

  icp_ecs_fetch_async (f.ecs, f.inventory, NULL, cancellable, icp_test_store_result_cb,
                       &result);
  while (!g_cancellable_is_cancelled (cancellable) && result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  summary = icp_ecs_fetch_finish (f.ecs, icp_test_wait_result (&result, "a cancelled fetch"),
                                  &error);
  finished_at = g_get_monotonic_time ();

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (summary);
  g_assert_false (icp_ecs_get_fetching (f.ecs));
  /* Promptly: well before the next answer would come. */
  g_assert_cmpint (finished_at - cancelled_at, <,
                   (SANITIZED ? 1000 : 50) * G_TIME_SPAN_MILLISECOND);

  /* What arrived is kept, and nothing arrives after. */
  kept = n_items (&f);
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, 480);
  icp_test_wait (400);
  g_assert_cmpuint (n_items (&f), ==, kept);

  /* The same IcpEcs fetches again afterwards. */
  g_clear_error (&error);
  icp_fake_cloud_set_latency (f.cloud, 0);
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (&f), ==, 480);
}

static void
test_fetch_regions (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (&f, sample_cloud ());
  summary = fetch (&f, ((const char * const []) { "cn-shanghai", "cn-nowhere", NULL }), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (&f), ==, 6);
  g_assert_cmpstrv (icp_fetch_summary_get_failed_regions (summary),
                    ((const char * const []) { "cn-nowhere", NULL }));
  g_assert_error (icp_fetch_summary_get_region_error (summary, "cn-nowhere"), ICP_ECS_ERROR,
                  ICP_ECS_ERROR_NOT_FOUND);
}

static void
test_fetch_bad_key (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpCredentials) wrong = NULL;
  g_autoptr(IcpApiClient) client = NULL;
  g_autoptr(IcpEcs) ecs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (&f, sample_cloud ());
  wrong = icp_credentials_new (icp_fake_cloud_get_access_key_id (f.cloud), "not-the-secret",
                               NULL);
  client = icp_api_client_new (wrong);
  icp_api_client_set_endpoint (client, icp_fake_cloud_get_url (f.cloud), &error);
  g_assert_no_error (error);
  ecs = icp_ecs_new (client);

  icp_ecs_fetch_async (ecs, f.inventory, NULL, NULL, icp_test_store_result_cb, &result);
  summary = icp_ecs_fetch_finish (ecs, icp_test_wait_result (&result, "a fetch"), &error);
  g_assert_null (summary);
  g_assert_error (error, ICP_API_ERROR, ICP_API_ERROR_INVALID_KEY);
  g_assert_cmpstr (icp_api_error_get_api_code (error), ==, "SignatureDoesNotMatch");
  g_assert_cmpuint (n_items (&f), ==, 0);
  g_assert_false (icp_ecs_get_fetching (ecs));
}

/* ---- Account facts ----------------------------------------------------------------------- */

/* 新项目-预发: created 2026-11-01, a 2-month term; the billing API says it began earlier. */
#define SHORT_TERM "i-uf64kz9c2v7n1x5b8q3d"

static void
test_billing_used (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expected = icp_test_time ("2026-08-01T00:00:00Z");
  IcpInstance *instance;

  fixture_start (&f, cloud_from_sample_with (NULL, "{\"" SHORT_TERM "\": "
                                                   "{\"CreateTime\": \"2026-08-01T00:00:00Z\"}}"));
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_get_billing_used (summary));

  instance = icp_inventory_lookup (f.inventory, SHORT_TERM);
  g_assert_nonnull (instance);
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_BILLING);
  g_assert_true (g_date_time_equal (icp_instance_get_subscription_start (instance), expected));
  /* Five months in all now: no longer too short. */
  g_assert_null (icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                          "subscription-too-short"));

  /* Pay-as-you-go instances never get a subscription start. */
  instance = icp_inventory_lookup (f.inventory, "i-bp1f2a7xk9d3m6qv0tzh");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), !=,
                   ICP_SUBSCRIPTION_SOURCE_BILLING);
}

static void
test_billing_refused (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  IcpInstance *instance;
  const char * const *warnings;

  fixture_start (&f, cloud_from_sample_with ("{\"ecs\": true, \"sts\": true, \"bss\": false, "
                                             "\"bsn\": false}",
                                             "{\"" SHORT_TERM "\": "
                                             "{\"CreateTime\": \"2026-08-01T00:00:00Z\"}}"));
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_false (icp_fetch_summary_get_billing_used (summary));
  g_assert_cmpuint (n_items (&f), ==, 35);

  instance = icp_inventory_lookup (f.inventory, SHORT_TERM);
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  g_assert_nonnull (icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                             "subscription-too-short"));

  warnings = icp_fetch_summary_get_warnings (summary);
  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "QueryAvailableInstances"));
  g_assert_nonnull (strstr (warnings[0], "Forbidden.RAM"));
  /* The Filing Service is refused by the sample's permissions as well: counts stay unknown. */
  g_assert_false (icp_fetch_summary_get_codes_known (summary));
  g_assert_cmpint (icp_instance_get_codes_used (icp_inventory_lookup (f.inventory,
                                                                     "i-bp1g6zv0ce8oghu7k2a")),
                   ==, -1);
}

static void
test_codes_known (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (&f, cloud_from_sample_with ("{\"ecs\": true, \"sts\": true, \"bss\": true, "
                                             "\"bsn\": true}", NULL));
  summary = fetch (&f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_get_codes_known (summary));
  /* 官网-前端 has used its five codes (the sample's filing console list). */
  g_assert_cmpint (icp_instance_get_codes_used (icp_inventory_lookup (f.inventory,
                                                                     "i-bp1c4r8t2mzq5x7n3vya")),
                   ==, 5);
  g_assert_nonnull (icp_verdict_get_finding (icp_instance_get_verdict (
                      icp_inventory_lookup (f.inventory, "i-bp1c4r8t2mzq5x7n3vya")),
                    "quota-reached"));
}

/* ---- Answers the fake cloud never gives ------------------------------------------------- */

/* A server that answers each action with a body set by the test (HTTP 200), without checking
 * the signature: for the shapes of answer the readers must take or refuse. */
typedef struct
{
  SoupServer *server;
  GHashTable *bodies;      /* action → body */
  GHashTable *counts;      /* action → GUINT_TO_POINTER (requests) */
  IcpApiClient *client;
  IcpEcs     *ecs;
  IcpInventory *inventory;
  IcpChecker *checker;
  IcpPolicy  *policy;
} Scripted;

static void
scripted_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Scripted *scripted = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *action = soup_message_headers_get_one (headers, "x-acs-action");
  const char *body = action != NULL ? g_hash_table_lookup (scripted->bodies, action) : NULL;

  g_assert_nonnull (body);
  g_hash_table_replace (scripted->counts, g_strdup (action),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (scripted->counts,
                                                                                 action)) + 1));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
scripted_start (Scripted *scripted)
{
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                               ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                                               NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  scripted->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scripted->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scripted->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (scripted->server, NULL, scripted_cb, scripted, NULL);
  /* A socket of our own: libsoup 3.2's soup_server_listen_local() leaks addresses. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 64);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_true (soup_server_listen_socket (scripted->server, socket, 0, &error));
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

  scripted->client = icp_api_client_new (credentials);
  g_assert_true (icp_api_client_set_endpoint (scripted->client, url, &error));
  icp_api_client_set_retry (scripted->client, 2, 1);
  scripted->ecs = icp_ecs_new (scripted->client);
  scripted->policy = icp_test_default_policy ();
  scripted->checker = icp_test_new_checker (scripted->policy);
  scripted->inventory = icp_inventory_new (scripted->checker);
}

static void
scripted_clear (Scripted *scripted)
{
  g_clear_object (&scripted->inventory);
  g_clear_object (&scripted->checker);
  g_clear_object (&scripted->policy);
  g_clear_object (&scripted->ecs);
  g_clear_object (&scripted->client);
  if (scripted->server != NULL)
    icp_test_wait (50);
  g_clear_object (&scripted->server);
  g_clear_pointer (&scripted->bodies, g_hash_table_unref);
  g_clear_pointer (&scripted->counts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scripted, scripted_clear)

static void
scripted_answer (Scripted   *scripted,
                 const char *action,
                 const char *body)
{
  g_hash_table_replace (scripted->bodies, g_strdup (action), g_strdup (body));
}

static guint
scripted_count (Scripted   *scripted,
                const char *action)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (scripted->counts, action));
}

static IcpFetchSummary *
scripted_fetch (Scripted  *scripted,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_ecs_fetch_async (scripted->ecs, scripted->inventory, NULL, NULL,
                       icp_test_store_result_cb, &result);
  return icp_ecs_fetch_finish (scripted->ecs, icp_test_wait_result (&result, "a fetch"), error);
}

/* One generated instance as JSON, with @extra members put in. */
static char *
instance_json (const char *id,
               const char *extra)
{
  g_autoptr(IcpFakeCloud) cloud = icp_fake_cloud_new_generated (1, 1);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) more = icp_test_parse_json (extra);
  JsonObject *instance = json_object_ref (icp_fake_cloud_get_instance (cloud,
                                                                     "i-gen000000000"));
  JsonObject *members = json_node_get_object (more);
  g_autoptr(GList) names = json_object_get_members (members);

  json_node_take_object (node, instance);
  json_object_set_string_member (instance, "InstanceId", id);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (instance, l->data,
                            json_node_copy (json_object_get_member (members, l->data)));
  return json_to_string (node, FALSE);
}

/* The page reader takes the top level's NextToken only, and refuses a page without an
 * instance list; the billing reader takes InstanceID, CreateTime and SubscriptionType of each
 * record, whatever else a record holds. */
static void
test_fetch_answer_shapes (void)
{
  g_auto(Scripted) scripted = { 0 };
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = icp_test_time ("2026-03-01T00:00:00Z");
  g_autofree char *instance = NULL;
  g_autofree char *page = NULL;
  IcpInstance *fetched;
  const GError *region_error;

  scripted_start (&scripted);
  instance = instance_json ("i-shape01", "{\"Extra\": {\"NextToken\": \"nested\", "
                                         "\"Instances\": {\"Instance\": 1}}}");
  /* The top level's NextToken is empty, the one in the instance (after it) is not: one page
   * only. */
  page = g_strdup_printf ("{\"NextToken\": \"\", \"Instances\": {\"Instance\": [%s]}, "
                          "\"TotalCount\": 1, \"RequestId\": \"r\"}", instance);
  scripted_answer (&scripted, "DescribeRegions",
                   "{\"Regions\": {\"Region\": [{\"RegionId\": \"cn-hangzhou\"}]}}");
  scripted_answer (&scripted, "DescribeInstances", page);
  scripted_answer (&scripted, "GetCallerIdentity", "{\"AccountId\": 1234567890123456}");
  scripted_answer (&scripted, "QueryAvailableInstances",
                   "{\"Code\": \"Success\", \"Success\": true, \"Data\": {\"TotalCount\": \"3\", "
                   "\"InstanceList\": [7, {\"Nested\": {\"InstanceID\": \"i-shape01\", "
                   "\"CreateTime\": \"2020-01-01T00:00:00Z\"}, \"InstanceID\": \"i-shape01\", "
                   "\"CreateTime\": \"2026-03-01T00:00:00Z\", \"SubscriptionType\": "
                   "\"Subscription\", \"Tags\": [{\"CreateTime\": \"2021-01-01T00:00:00Z\"}]}, "
                   "{\"InstanceID\": \"i-other\", \"CreateTime\": \"2026-04-01T00:00:00Z\", "
                   "\"SubscriptionType\": \"PayAsYouGo\"}]}}");
  scripted_answer (&scripted, "GetBsnByResource", "{\"datas\": []}");

  summary = scripted_fetch (&scripted, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fetch_summary_is_complete (summary));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scripted.inventory)), ==, 1);
  g_assert_cmpuint (scripted_count (&scripted, "DescribeInstances"), ==, 1);
  g_assert_cmpstr (icp_fetch_summary_get_owner_account (summary), ==, "1234567890123456");
  g_assert_true (icp_fetch_summary_get_billing_used (summary));
  fetched = icp_inventory_lookup (scripted.inventory, "i-shape01");
  g_assert_nonnull (fetched);
  g_assert_cmpint (icp_instance_get_subscription_source (fetched), ==,
                   ICP_SUBSCRIPTION_SOURCE_BILLING);
  g_assert_true (g_date_time_equal (icp_instance_get_subscription_start (fetched), start));
  g_assert_true (icp_fetch_summary_get_codes_known (summary));

  /* No instance list: the region fails with a page error; not JSON: a bad answer. */
  g_clear_object (&summary);
  scripted_answer (&scripted, "DescribeInstances",
                   "{\"RequestId\": \"r\", \"Instances\": {\"Other\": []}, \"NextToken\": \"\"}");
  summary = scripted_fetch (&scripted, &error);
  g_assert_no_error (error);
  region_error = icp_fetch_summary_get_region_error (summary, "cn-hangzhou");
  g_assert_error (region_error, ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE);

  g_clear_object (&summary);
  scripted_answer (&scripted, "DescribeInstances", "{\"Instances\": {\"Instance\": [{]}}");
  summary = scripted_fetch (&scripted, &error);
  g_assert_no_error (error);
  region_error = icp_fetch_summary_get_region_error (summary, "cn-hangzhou");
  g_assert_error (region_error, ICP_API_ERROR, ICP_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (region_error->message, "DescribeInstances"));
}

static GHashTable *
query_subscriptions (Scripted  *scripted,
                     GError   **error)
{
  g_autoptr(IcpAccount) account = icp_account_new (scripted->ecs);
  g_autoptr(GAsyncResult) result = NULL;

  icp_account_query_subscriptions_async (account, NULL, NULL, icp_test_store_result_cb, &result);
  return icp_account_query_subscriptions_finish (account,
                                                 icp_test_wait_result (&result, "a query"),
                                                 error);
}

/* What the billing reader refuses: "Success": false, an answer without Data.InstanceList,
 * text that is not JSON. */
static void
test_billing_answers (void)
{
  g_auto(Scripted) scripted = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) starts = NULL;

  scripted_start (&scripted);

  scripted_answer (&scripted, "QueryAvailableInstances",
                   "{\"Code\": \"NotApplicable\", \"Message\": \"no\", \"Success\": false, "
                   "\"Data\": {\"InstanceList\": []}}");
  starts = query_subscriptions (&scripted, &error);
  g_assert_null (starts);
  g_assert_error (error, ICP_API_ERROR, ICP_API_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "NotApplicable"));
  g_clear_error (&error);

  scripted_answer (&scripted, "QueryAvailableInstances",
                   "{\"Success\": true, \"Data\": {\"TotalCount\": 0}}");
  starts = query_subscriptions (&scripted, &error);
  g_assert_null (starts);
  g_assert_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE);
  g_clear_error (&error);

  scripted_answer (&scripted, "QueryAvailableInstances",
                   "{\"Success\": true, \"Data\": {\"InstanceList\": [}");
  starts = query_subscriptions (&scripted, &error);
  g_assert_null (starts);
  g_assert_error (error, ICP_API_ERROR, ICP_API_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* An empty list is an answer: no subscription. */
  scripted_answer (&scripted, "QueryAvailableInstances",
                   "{\"Success\": true, \"Data\": {\"TotalCount\": 0, \"InstanceList\": []}}");
  starts = query_subscriptions (&scripted, &error);
  g_assert_no_error (error);
  g_assert_nonnull (starts);
  g_assert_cmpuint (g_hash_table_size (starts), ==, 0);
  g_assert_cmpuint (scripted_count (&scripted, "QueryAvailableInstances"), ==, 4);
}

/* ---- Fixes ------------------------------------------------------------------------------- */

#define GITLAB   "i-bp1t8y2u6i0o4p7a1s5d" /* subscription, 15 days left: renew */
#define TEST_BOX "i-bp1f2a7xk9d3m6qv0tzh" /* pay-as-you-go: switch */
#define DB       "i-bp18ymn5c2w4j7hr9k0s" /* private network only: add bandwidth */
#define REDIS    "i-wz9u2i6o0p4a8s3d7f1g" /* pay-as-you-go with an auto-release time */
#define CRM      "i-uf6h8d2s6f0g3j9k1l4z" /* subscription, 14 days left: renew */

static IcpFixRequest *
fetched_request (Fixture    *f,
                 const char *id,
                 IcpRemedy   remedy)
{
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  IcpInstance *instance;

  if (n_items (f) == 0)
    {
      summary = fetch (f, NULL, &error);
      g_assert_no_error (error);
    }
  instance = icp_inventory_lookup (f->inventory, id);
  g_assert_nonnull (instance);
  icp_fake_cloud_clear_requests (f->cloud);
  return icp_fix_request_new (instance, remedy, f->policy);
}

static void
assert_refused_before_any_request (Fixture       *f,
                                   IcpFixRequest *request,
                                   int            code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (icp_fix_request_validate (request, &error));
  g_assert_error (error, ICP_ECS_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  icp_ecs_fix_dry_run_async (f->ecs, request, NULL, icp_test_store_result_cb, &result);
  g_assert_false (icp_ecs_fix_dry_run_finish (f->ecs, icp_test_wait_result (&result, "a dry run"),
                                              &error));
  g_assert_error (error, ICP_ECS_ERROR, code);
  g_clear_error (&error);
  g_clear_object (&result);

  icp_ecs_fix_apply_async (f->ecs, request, f->inventory, NULL, icp_test_store_result_cb,
                           &result);
  g_assert_null (icp_ecs_fix_apply_finish (f->ecs, icp_test_wait_result (&result, "a fix"),
                                           &error));
  g_assert_error (error, ICP_ECS_ERROR, code);

  g_assert_cmpuint (icp_fake_cloud_get_requests (f->cloud)->len, ==, 0);
}

static void
test_fix_validation (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFixRequest) renew = NULL;
  g_autoptr(IcpFixRequest) sw = NULL;
  g_autoptr(IcpFixRequest) bw = NULL;
  g_autoptr(IcpFixRequest) wrong = NULL;
  g_autoptr(IcpFixRequest) released = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (&f, sample_cloud ());

  /* The defaults are the least that fixes the finding, and pass. */
  renew = fetched_request (&f, GITLAB, ICP_REMEDY_RENEW);
  g_assert_cmpuint (icp_fix_request_get_months (renew), ==, 1);
  g_assert_true (icp_fix_request_validate (renew, &error));
  g_assert_no_error (error);

  icp_fix_request_set_months (renew, 13);
  assert_refused_before_any_request (&f, renew, ICP_ECS_ERROR_INVALID_MONTHS);
  icp_fix_request_set_months (renew, 0);
  assert_refused_before_any_request (&f, renew, ICP_ECS_ERROR_INVALID_MONTHS);

  sw = fetched_request (&f, TEST_BOX, ICP_REMEDY_SWITCH_BILLING);
  g_assert_cmpuint (icp_fix_request_get_months (sw), ==, 3);
  /* 10 months: RenewInstance takes it, ModifyInstanceChargeType does not. */
  icp_fix_request_set_months (sw, 10);
  assert_refused_before_any_request (&f, sw, ICP_ECS_ERROR_INVALID_MONTHS);

  bw = fetched_request (&f, DB, ICP_REMEDY_ADD_BANDWIDTH);
  g_assert_cmpuint (icp_fix_request_get_mbps (bw), ==, 1);
  icp_fix_request_set_mbps (bw, 0);
  assert_refused_before_any_request (&f, bw, ICP_ECS_ERROR_INVALID_BANDWIDTH);
  icp_fix_request_set_mbps (bw, 101);
  assert_refused_before_any_request (&f, bw, ICP_ECS_ERROR_INVALID_BANDWIDTH);

  /* The wrong remedy for the billing method, and an auto-release time. */
  wrong = fetched_request (&f, TEST_BOX, ICP_REMEDY_RENEW);
  assert_refused_before_any_request (&f, wrong, ICP_ECS_ERROR_NOT_APPLICABLE);
  released = fetched_request (&f, REDIS, ICP_REMEDY_SWITCH_BILLING);
  assert_refused_before_any_request (&f, released, ICP_ECS_ERROR_INSTANCE_STATE);
}

static void
run_dry_run_and_price (Fixture       *f,
                       IcpFixRequest *request,
                       const char    *action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  IcpFakeRequest *seen;

  icp_ecs_fix_dry_run_async (f->ecs, request, NULL, icp_test_store_result_cb, &result);
  g_assert_true (icp_ecs_fix_dry_run_finish (f->ecs, icp_test_wait_result (&result, "a dry run"),
                                             &error));
  g_assert_no_error (error);
  g_assert_true (icp_fix_request_get_dry_run_passed (request));

  /* One request, a dry run, without the order's ClientToken; nothing changed. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (f->cloud, NULL), ==, 1);
  seen = last_request (f, action);
  g_assert_cmpstr (param (seen, "DryRun"), ==, "true");
  g_assert_null (param (seen, "ClientToken"));
  g_assert_cmpstr (seen->code, ==, "DryRunOperation");
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (f->cloud), ==, 0);

  g_clear_object (&result);
  icp_ecs_fix_price_async (f->ecs, request, NULL, icp_test_store_result_cb, &result);
  g_assert_true (icp_ecs_fix_price_finish (f->ecs, icp_test_wait_result (&result, "a price"),
                                           &error));
  g_assert_no_error (error);
  g_test_message ("price: %g %s (%s)", icp_fix_request_get_price (request),
                  icp_fix_request_get_currency (request),
                  icp_fix_request_get_price_problem (request));
  g_assert_true (icp_fix_request_has_price (request));
  g_assert_cmpfloat (icp_fix_request_get_price (request), >, 0);
  g_assert_cmpstr (icp_fix_request_get_currency (request), ==, "CNY");
}

static IcpInstance *
apply (Fixture       *f,
       IcpFixRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  IcpInstance *instance;

  icp_fake_cloud_clear_requests (f->cloud);
  icp_ecs_fix_apply_async (f->ecs, request, f->inventory, NULL, icp_test_store_result_cb,
                           &result);
  instance = icp_ecs_fix_apply_finish (f->ecs, icp_test_wait_result (&result, "a fix"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (instance);
  /* The inventory's own instance, read again after the change. */
  g_assert_true (instance == icp_inventory_lookup (f->inventory,
                                                   icp_instance_get_id (instance)));
  ids = g_strdup_printf ("[\"%s\"]", icp_instance_get_id (instance));
  g_assert_cmpstr (param (last_request (f, "DescribeInstances"), "InstanceIds"), ==, ids);
  return instance;
}

static void
test_fix_renew (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFixRequest) request = NULL;
  g_autoptr(IcpFixRequest) paid = NULL;
  g_autoptr(IcpInstance) after = NULL;
  g_autoptr(IcpInstance) after_paid = NULL;
  g_autoptr(IcpInstance) refreshed = NULL;
  g_autoptr(GDateTime) expired_before = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  IcpFakeRequest *call;

  fixture_start (&f, sample_cloud ());
  request = fetched_request (&f, GITLAB, ICP_REMEDY_RENEW);
  expired_before = g_date_time_ref (icp_instance_get_expired_time (
                                      icp_fix_request_get_instance (request)));
  g_assert_nonnull (icp_verdict_get_finding (icp_instance_get_verdict (
                      icp_fix_request_get_instance (request)), "remaining-too-short"));
  run_dry_run_and_price (&f, request, "RenewInstance");
  g_assert_cmpstr (param (last_request (&f, "DescribeRenewalPrice"), "Period"), ==, "1");

  /* The real call without --pay: an order that waits, and nothing changes yet. */
  after = apply (&f, request);
  call = last_request (&f, "RenewInstance");
  g_assert_null (param (call, "DryRun"));
  g_assert_cmpstr (param (call, "ClientToken"), ==, icp_fix_request_get_client_token (request));
  g_assert_cmpstr (param (call, "AutoPay"), ==, "false");
  g_assert_cmpstr (param (call, "Period"), ==, "1");
  g_assert_cmpstr (param (call, "PeriodUnit"), ==, "Month");
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (f.cloud), ==, 1);
  g_assert_true (g_date_time_equal (icp_instance_get_expired_time (after), expired_before));

  /* Paid in the console: reading it again brings the new expiry and a new verdict. */
  g_assert_cmpuint (icp_fake_cloud_pay_orders (f.cloud), ==, 1);
  icp_ecs_refresh_instance_async (f.ecs, f.inventory, after, NULL, icp_test_store_result_cb,
                                  &result);
  refreshed = icp_ecs_refresh_instance_finish (f.ecs, icp_test_wait_result (&result, "a refresh"),
                                               &error);
  g_assert_no_error (error);
  g_assert_true (refreshed == after);
  g_assert_true (g_date_time_compare (icp_instance_get_expired_time (after),
                                      expired_before) > 0);
  g_assert_null (icp_verdict_get_finding (icp_instance_get_verdict (after),
                                          "remaining-too-short"));

  /* With --pay: AutoPay=true, a token of its own, and the instance is re-checked at once. */
  paid = fetched_request (&f, CRM, ICP_REMEDY_RENEW);
  icp_fix_request_set_pay (paid, TRUE);
  g_assert_cmpstr (icp_fix_request_get_client_token (paid), !=,
                   icp_fix_request_get_client_token (request));
  g_assert_nonnull (icp_verdict_get_finding (icp_instance_get_verdict (
                      icp_fix_request_get_instance (paid)), "remaining-too-short"));
  after_paid = apply (&f, paid);
  call = last_request (&f, "RenewInstance");
  g_assert_cmpstr (param (call, "AutoPay"), ==, "true");
  g_assert_cmpstr (param (call, "ClientToken"), ==, icp_fix_request_get_client_token (paid));
  g_assert_nonnull (icp_fix_request_get_order_id (paid));
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (f.cloud), ==, 0);
  g_assert_null (icp_verdict_get_finding (icp_instance_get_verdict (after_paid),
                                          "remaining-too-short"));
}

static void
test_fix_switch_billing (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFixRequest) request = NULL;
  g_autoptr(IcpInstance) after = NULL;
  IcpFakeRequest *call;

  fixture_start (&f, sample_cloud ());
  request = fetched_request (&f, TEST_BOX, ICP_REMEDY_SWITCH_BILLING);
  run_dry_run_and_price (&f, request, "ModifyInstanceChargeType");
  g_assert_cmpstr (param (last_request (&f, "ModifyInstanceChargeType"), "InstanceIds"), ==,
                   "[\"" TEST_BOX "\"]");

  icp_fix_request_set_pay (request, TRUE);
  after = apply (&f, request);
  call = last_request (&f, "ModifyInstanceChargeType");
  g_assert_cmpstr (param (call, "InstanceChargeType"), ==, "PrePaid");
  g_assert_cmpstr (param (call, "Period"), ==, "3");
  g_assert_cmpstr (param (call, "AutoPay"), ==, "true");
  g_assert_cmpstr (param (call, "ClientToken"), ==, icp_fix_request_get_client_token (request));

  g_assert_cmpint (icp_instance_get_charge_type (after), ==, ICP_CHARGE_TYPE_PREPAID);
  g_assert_null (icp_verdict_get_finding (icp_instance_get_verdict (after), "pay-as-you-go"));
}

static void
test_fix_add_bandwidth (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(IcpFixRequest) request = NULL;
  g_autoptr(IcpInstance) after = NULL;
  IcpFakeRequest *call;

  fixture_start (&f, sample_cloud ());
  request = fetched_request (&f, DB, ICP_REMEDY_ADD_BANDWIDTH);
  icp_fix_request_set_mbps (request, 5);
  run_dry_run_and_price (&f, request, "ModifyInstanceNetworkSpec");

  icp_fix_request_set_pay (request, TRUE);
  after = apply (&f, request);
  call = last_request (&f, "ModifyInstanceNetworkSpec");
  g_assert_cmpstr (param (call, "InternetMaxBandwidthOut"), ==, "5");
  g_assert_cmpstr (param (call, "AutoPay"), ==, "true");
  g_assert_nonnull (param (call, "ClientToken"));

  g_assert_cmpint (icp_instance_get_bandwidth_out (after), ==, 5);
  g_assert_cmpstr (icp_instance_get_public_ip (after), !=, "");
  g_assert_null (icp_verdict_get_finding (icp_instance_get_verdict (after), "no-public-ip"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icp/ecs/fetch/sample", test_fetch_sample);
  g_test_add_func ("/icp/ecs/fetch/paging", test_fetch_paging);
  g_test_add_func ("/icp/ecs/fetch/billing-late", test_fetch_billing_late);
  g_test_add_func ("/icp/ecs/fetch/in-flight", test_fetch_in_flight);
  g_test_add_func ("/icp/ecs/fetch/in-flight-bound", test_fetch_in_flight_bound);
  g_test_add_func ("/icp/ecs/queue/priority", test_queue_priority);
  g_test_add_func ("/icp/ecs/fetch/answer-shapes", test_fetch_answer_shapes);
  g_test_add_func ("/icp/ecs/fetch/throttled", test_fetch_throttled);
  g_test_add_func ("/icp/ecs/fetch/region-forbidden", test_fetch_region_forbidden);
  g_test_add_func ("/icp/ecs/fetch/repeat-instance", test_fetch_repeat_instance);
  g_test_add_func ("/icp/ecs/fetch/malformed", test_fetch_malformed);
  g_test_add_func ("/icp/ecs/fetch/truncated", test_fetch_truncated);
  g_test_add_func ("/icp/ecs/fetch/cancel", test_fetch_cancel);
  g_test_add_func ("/icp/ecs/fetch/regions", test_fetch_regions);
  g_test_add_func ("/icp/ecs/fetch/bad-key", test_fetch_bad_key);
  g_test_add_func ("/icp/ecs/account/billing-used", test_billing_used);
  g_test_add_func ("/icp/ecs/account/billing-refused", test_billing_refused);
  g_test_add_func ("/icp/ecs/account/codes", test_codes_known);
  g_test_add_func ("/icp/ecs/account/billing-answers", test_billing_answers);
  g_test_add_func ("/icp/ecs/fix/validation", test_fix_validation);
  g_test_add_func ("/icp/ecs/fix/renew", test_fix_renew);
  g_test_add_func ("/icp/ecs/fix/switch-billing", test_fix_switch_billing);
  g_test_add_func ("/icp/ecs/fix/add-bandwidth", test_fix_add_bandwidth);

  return g_test_run ();
}
