/* test-connection.c — connecting to an account, and the fetch's news per region
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* IcpConnection against the in-process fake cloud: keys typed in and keys from the
 * environment are checked with GetCallerIdentity before anything else, a wrong key is an
 * ICP_API_ERROR with its hint and leaves no connection, a missing profile is a credentials
 * error that sends nothing. Then the IcpEcs signals the window shows per region:
 * "regions-listed" once, "region-finished" once per region with its count or its error. */

#include "config.h"

#include "icp-connection.h"
#include "icp-fake-cloud.h"
#include "icp-test-utils.h"

typedef struct
{
  IcpFakeCloud *cloud;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_regions = GPOINTER_TO_UINT (data);

  icp_test_unset_credential_env (NULL);
  f->cloud = icp_fake_cloud_new_generated (n_regions > 0 ? n_regions : 2, 3);
  icp_fake_cloud_start (f->cloud, &error);
  g_assert_no_error (error);
  g_setenv ("ICP_ASSISTANT_ENDPOINT", icp_fake_cloud_get_url (f->cloud), TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  icp_test_unset_credential_env (NULL);
  /* Let the server see the client's connections close before it goes. */
  icp_test_wait (50);
  g_clear_object (&f->cloud);
}

static IcpConnection *
verify (const char  *key_id,
        const char  *secret,
        GError     **error)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (key_id, secret, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  icp_credentials_set_profile (credentials, "work", ICP_CREDENTIALS_SOURCE_KEYRING);
  icp_connection_verify_async (credentials, NULL, icp_test_store_result_cb, &result);
  return icp_connection_verify_finish (icp_test_wait_result (&result, "verify"), error);
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpConnection) connection = verify (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                ICP_FAKE_CLOUD_TEST_KEY_SECRET, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);
  g_assert_cmpstr (icp_connection_get_account_id (connection), ==, ICP_FAKE_CLOUD_TEST_ACCOUNT);
  g_assert_cmpstr (icp_connection_get_profile_name (connection), ==, "work");
  g_assert_cmpint (icp_connection_get_source (connection), ==, ICP_CREDENTIALS_SOURCE_KEYRING);
  g_assert_cmpstr (icp_connection_get_masked_key_id (connection), ==, "LTAI****ey01");
  g_assert_true (ICP_IS_ECS (icp_connection_get_ecs (connection)));
  g_assert_true (icp_ecs_get_client (icp_connection_get_ecs (connection)) ==
                 icp_connection_get_client (connection));
  g_assert_cmpstr (icp_api_client_get_endpoint (icp_connection_get_client (connection)), ==,
                   icp_fake_cloud_get_url (f->cloud));
  /* Checking the keys is one request, and nothing else. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (f->cloud, NULL), ==, 1);
  g_assert_cmpuint (icp_fake_cloud_count_requests (f->cloud, "GetCallerIdentity"), ==, 1);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpConnection) connection = verify (ICP_FAKE_CLOUD_TEST_KEY_ID,
                                                "notTheSecret0123456789abcdefghij", &error);

  g_assert_null (connection);
  g_assert_error (error, ICP_API_ERROR, ICP_API_ERROR_INVALID_KEY);
  g_assert_nonnull (icp_api_error_get_hint (error));
  /* A refused signature is not retried. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (f->cloud, "GetCallerIdentity"), ==, 1);
  g_assert_null (g_strstr_len (error->message, -1, "notTheSecret"));
}

static void
test_open_environment (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpConnection) connection = NULL;

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", ICP_FAKE_CLOUD_TEST_KEY_ID, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ICP_FAKE_CLOUD_TEST_KEY_SECRET, TRUE);
  /* No config.json of the developer's: one that does not exist. */
  g_setenv ("ICP_ASSISTANT_ALIYUN_CONFIG", "/nonexistent/config.json", TRUE);

  icp_connection_open_async (NULL, NULL, NULL, icp_test_store_result_cb, &result);
  connection = icp_connection_open_finish (icp_test_wait_result (&result, "open"), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (icp_connection_get_account_id (connection), ==, ICP_FAKE_CLOUD_TEST_ACCOUNT);
  g_assert_cmpint (icp_connection_get_source (connection), ==,
                   ICP_CREDENTIALS_SOURCE_ENVIRONMENT);
}

static void
test_open_missing_profile (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpConnection) connection = NULL;
  g_autofree char *dir = icp_test_make_temp_dir ("icp-connection-XXXXXX");
  g_autofree char *config = g_build_filename (dir, "config.json", NULL);

  g_assert_true (g_file_set_contents (config,
                                      "{\"current\": \"a\", \"profiles\": [{\"name\": \"a\", "
                                      "\"mode\": \"AK\", \"access_key_id\": \"LTAIxxxxxxxx\", "
                                      "\"access_key_secret\": \"s\"}]}", -1, NULL));

  icp_connection_open_async ("no-such-profile", config, NULL, icp_test_store_result_cb, &result);
  connection = icp_connection_open_finish (icp_test_wait_result (&result, "open"), &error);

  g_assert_null (connection);
  g_assert_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND);
  g_assert_cmpuint (icp_fake_cloud_count_requests (f->cloud, NULL), ==, 0);
  icp_test_remove_tree (dir);
}

/* A key kept in the keyring under a label is opened by that label. */
static void
test_open_keyring (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpConnection) connection = NULL;

  if (g_strcmp0 (g_getenv ("ICP_TEST_KEYRING"), "ready") != 0)
    g_error ("No Secret Service: %s", g_getenv ("ICP_TEST_KEYRING"));

  icp_credentials_store_async ("Shop", ICP_FAKE_CLOUD_TEST_KEY_ID,
                               ICP_FAKE_CLOUD_TEST_KEY_SECRET, NULL,
                               icp_test_store_result_cb, &result);
  g_assert_true (icp_credentials_store_finish (icp_test_wait_result (&result, "store"), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  icp_connection_open_async ("Shop", "/nonexistent/config.json", NULL,
                             icp_test_store_result_cb, &result);
  connection = icp_connection_open_finish (icp_test_wait_result (&result, "open"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icp_connection_get_profile_name (connection), ==, "Shop");
  g_assert_cmpint (icp_connection_get_source (connection), ==, ICP_CREDENTIALS_SOURCE_KEYRING);
  g_assert_cmpstr (icp_connection_get_account_id (connection), ==, ICP_FAKE_CLOUD_TEST_ACCOUNT);
  g_clear_object (&result);

  icp_credentials_delete_async ("Shop", NULL, icp_test_store_result_cb, &result);
  g_assert_true (icp_credentials_delete_finish (icp_test_wait_result (&result, "delete"), &error));
}

static gboolean
check_arrived_cb (gpointer data)
{
  return icp_fake_cloud_count_requests (data, "GetCallerIdentity") > 0;
}

static void
test_open_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpConnection) connection = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", ICP_FAKE_CLOUD_TEST_KEY_ID, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ICP_FAKE_CLOUD_TEST_KEY_SECRET, TRUE);
  icp_fake_cloud_set_slow_ms (f->cloud, 10000);
  icp_fake_cloud_add_fault (f->cloud, "GetCallerIdentity", NULL, ICP_FAKE_FAULT_SLOW, 0);

  icp_connection_open_async (NULL, "/nonexistent/config.json", cancellable,
                             icp_test_store_result_cb, &result);
  /* Cancelled while the check is on its way, not before it was sent. */
  g_assert_true (icp_test_wait_for (check_arrived_cb, f->cloud, 5000));
  g_assert_null (result);
  g_cancellable_cancel (cancellable);
  connection = icp_connection_open_finish (icp_test_wait_result (&result, "open"), &error);

  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- Per region ------------------------------------------------------------------------- */

typedef struct
{
  GStrv       listed;
  guint       n_listed_signals;
  GHashTable *counts;   /* region → instances (GUINT_TO_POINTER (n + 1)) */
  GHashTable *errors;   /* region → error code */
} Regions;

static void
regions_listed_cb (IcpEcs             *ecs,
                   const char * const *ids,
                   Regions            *regions)
{
  regions->n_listed_signals++;
  g_strfreev (regions->listed);
  regions->listed = g_strdupv ((char **) ids);
  /* Listed before any region finishes. */
  g_assert_cmpuint (g_hash_table_size (regions->counts), ==, 0);
}

static void
region_finished_cb (IcpEcs       *ecs,
                    const char   *region_id,
                    guint         n_instances,
                    const GError *error,
                    Regions      *regions)
{
  g_assert_false (g_hash_table_contains (regions->counts, region_id));
  g_hash_table_insert (regions->counts, g_strdup (region_id), GUINT_TO_POINTER (n_instances + 1));
  if (error != NULL)
    g_hash_table_insert (regions->errors, g_strdup (region_id), GINT_TO_POINTER (error->code));
}

/* Checks the keys, and follows the per-region signals of the connection's IcpEcs. */
static IcpConnection *
watch_regions (Regions *regions)
{
  g_autoptr(GError) error = NULL;
  IcpConnection *connection = verify (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                      &error);
  IcpEcs *ecs;

  g_assert_no_error (error);
  ecs = icp_connection_get_ecs (connection);
  icp_api_client_set_retry (icp_connection_get_client (connection), 2, 5);
  regions->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  regions->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (ecs, "regions-listed", G_CALLBACK (regions_listed_cb), regions);
  g_signal_connect (ecs, "region-finished", G_CALLBACK (region_finished_cb), regions);
  return connection;
}

static void
unwatch_regions (Regions       *regions,
                 IcpConnection *connection)
{
  g_signal_handlers_disconnect_by_data (icp_connection_get_ecs (connection), regions);
  g_strfreev (regions->listed);
  g_hash_table_unref (regions->counts);
  g_hash_table_unref (regions->errors);
}

static void
test_region_signals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Regions regions = { NULL, 0, NULL, NULL };
  g_autoptr(IcpConnection) connection = watch_regions (&regions);
  g_autoptr(IcpPolicy) policy = icp_test_default_policy ();
  g_autoptr(IcpChecker) checker = icp_test_new_checker (policy);
  g_autoptr(IcpInventory) inventory = icp_inventory_new (checker);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpFetchSummary) summary = NULL;
  IcpEcs *ecs = icp_connection_get_ecs (connection);
  guint total = 0;

  icp_ecs_fetch_async (ecs, inventory, NULL, NULL, icp_test_store_result_cb, &result);
  summary = icp_ecs_fetch_finish (ecs, icp_test_wait_result (&result, "fetch"), &error);
  g_assert_no_error (error);

  g_assert_nonnull (regions.listed);
  g_assert_cmpuint (g_strv_length (regions.listed), ==, 4);
  g_assert_cmpuint (g_hash_table_size (regions.counts), ==, 4);
  for (guint i = 0; regions.listed[i] != NULL; i++)
    {
      gpointer value = g_hash_table_lookup (regions.counts, regions.listed[i]);

      g_assert_nonnull (value);
      total += GPOINTER_TO_UINT (value) - 1;
      g_assert_cmpuint (GPOINTER_TO_UINT (value) - 1, ==, 3);
    }
  g_assert_cmpuint (total, ==, g_list_model_get_n_items (G_LIST_MODEL (inventory)));
  g_assert_cmpuint (g_hash_table_size (regions.errors), ==, 0);
  g_assert_cmpuint (regions.n_listed_signals, ==, 1);
  g_assert_true (icp_fetch_summary_is_complete (summary));

  unwatch_regions (&regions, connection);
}

static void
test_region_failed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Regions regions = { NULL, 0, NULL, NULL };
  g_autoptr(IcpConnection) connection = watch_regions (&regions);
  g_autoptr(IcpPolicy) policy = icp_test_default_policy ();
  g_autoptr(IcpChecker) checker = icp_test_new_checker (policy);
  g_autoptr(IcpInventory) inventory = icp_inventory_new (checker);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_auto(GStrv) ids = NULL;
  IcpEcs *ecs = icp_connection_get_ecs (connection);
  const char *failed;

  /* Learn the regions first, then throttle the second one for good. */
  icp_ecs_fetch_async (ecs, inventory, NULL, NULL, icp_test_store_result_cb, &result);
  summary = icp_ecs_fetch_finish (ecs, icp_test_wait_result (&result, "fetch"), &error);
  g_assert_no_error (error);
  ids = g_strdupv (regions.listed);
  failed = ids[1];
  g_clear_object (&summary);
  g_clear_object (&result);
  g_hash_table_remove_all (regions.counts);
  g_hash_table_remove_all (regions.errors);

  icp_fake_cloud_add_fault (f->cloud, "DescribeInstances", failed, ICP_FAKE_FAULT_THROTTLING, 0);
  g_clear_object (&inventory);
  inventory = icp_inventory_new (checker);
  icp_ecs_fetch_async (ecs, inventory, NULL, NULL, icp_test_store_result_cb, &result);
  summary = icp_ecs_fetch_finish (ecs, icp_test_wait_result (&result, "fetch"), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (regions.n_listed_signals, ==, 2);
  g_assert_cmpuint (g_hash_table_size (regions.counts), ==, 4);
  g_assert_cmpuint (g_hash_table_size (regions.errors), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (regions.errors, failed)), ==,
                   ICP_API_ERROR_THROTTLED);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (regions.counts, failed)) - 1, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, 9);
  g_assert_false (icp_fetch_summary_is_complete (summary));

  unwatch_regions (&regions, connection);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/icp/connection/verify", Fixture, NULL, fixture_set_up, test_verify,
              fixture_tear_down);
  g_test_add ("/icp/connection/wrong-key", Fixture, NULL, fixture_set_up, test_wrong_key,
              fixture_tear_down);
  g_test_add ("/icp/connection/open-environment", Fixture, NULL, fixture_set_up,
              test_open_environment, fixture_tear_down);
  g_test_add ("/icp/connection/open-missing-profile", Fixture, NULL, fixture_set_up,
              test_open_missing_profile, fixture_tear_down);
  g_test_add ("/icp/connection/open-keyring", Fixture, NULL, fixture_set_up,
              test_open_keyring, fixture_tear_down);
  g_test_add ("/icp/connection/open-cancelled", Fixture, NULL, fixture_set_up,
              test_open_cancelled, fixture_tear_down);
  g_test_add ("/icp/connection/region-signals", Fixture, GUINT_TO_POINTER (4), fixture_set_up,
              test_region_signals, fixture_tear_down);
  g_test_add ("/icp/connection/region-failed", Fixture, GUINT_TO_POINTER (4), fixture_set_up,
              test_region_failed, fixture_tear_down);

  return g_test_run ();
}
