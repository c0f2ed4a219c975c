/* test-import.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "icp-checker.h"
#include "icp-import.h"
#include "icp-inventory.h"
#include "icp-report.h"
#include "icp-test-utils.h"
#include "icp-time.h"

static IcpPolicy *policy;

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static GPtrArray *
import_fixture (const char  *name,
                GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return icp_import_file (file, policy, NULL, error);
}

static GPtrArray *
import_ok (const char *name)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *instances = import_fixture (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (instances);
  return instances;
}

static GPtrArray *
import_text (const char  *text,
             gssize       len,
             GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDateTime) observed = icp_test_time ("2026-11-01T00:00Z");

  if (len < 0)
    len = strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, len), len, g_free);
  return icp_import_stream (stream, "standard input", policy, observed, NULL, error);
}

/* The error's domain and code, and a message that starts with "FILE:LINE:COLUMN: ". */
static void
assert_import_error (const char *name,
                     int         code,
                     const char *position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = import_fixture (name, &error);
  g_autofree char *path = fixture_path (name);
  g_autofree char *prefix = g_strdup_printf ("%s:%s: ", path, position);

  g_assert_null (instances);
  g_assert_error (error, ICP_IMPORT_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  /* What is wrong is followed by what to do. */
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix) + 20);
}

static IcpInstance *
find (GPtrArray  *instances,
      const char *id)
{
  for (guint i = 0; i < instances->len; i++)
    {
      IcpInstance *instance = g_ptr_array_index (instances, i);

      if (g_str_equal (icp_instance_get_id (instance), id))
        return instance;
    }

  g_error ("no instance %s", id);
  return NULL;
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *text = icp_time_format (time);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_locks (IcpInstance *instance,
              const char  *expected)
{
  const char * const *locks = icp_instance_get_lock_reasons (instance);
  g_autofree char *joined = NULL;

  if (expected == NULL)
    {
      g_assert_null (locks);
      return;
    }

  g_assert_nonnull (locks);
  joined = g_strjoinv (";", (char **) locks);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_api_page (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("api-page.json");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 4);

  /* Minute precision, a static IP, EipAddress.IpAddress "", no locks. */
  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-bp1f1xhfk7xnqadrtd0h");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "官网-前端-01");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-hangzhou");
  g_assert_cmpstr (icp_instance_get_zone_id (instance), ==, "cn-hangzhou-h");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  g_assert_cmpstr (icp_instance_get_status (instance), ==, "Running");
  assert_time (icp_instance_get_creation_time (instance), "2026-01-10T04:04:00Z");
  assert_time (icp_instance_get_expired_time (instance), "2026-07-10T16:00:00Z");
  g_assert_null (icp_instance_get_auto_release_time (instance));
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.10");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 5);
  g_assert_cmpint (icp_instance_get_eip_bandwidth (instance), ==, -1);
  assert_locks (instance, "");
  /* A subscription counts from creation until the billing API says otherwise. */
  assert_time (icp_instance_get_subscription_start (instance), "2026-01-10T04:04:00Z");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  /* The API says nothing of the owner or the codes. */
  g_assert_null (icp_instance_get_owner_account (instance));
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, -1);

  /* Pay-as-you-go with the 2099 placeholder, an EIP, no static address. */
  instance = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-bp1postpaid0000000001");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);
  assert_time (icp_instance_get_expired_time (instance), "2099-12-31T15:59:00Z");
  g_assert_true (icp_time_is_sentinel (icp_instance_get_expired_time (instance)));
  assert_time (icp_instance_get_auto_release_time (instance), "2026-12-01T00:00:00Z");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "198.51.100.7");
  g_assert_cmpint (icp_instance_get_eip_bandwidth (instance), ==, 10);
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 0);
  g_assert_null (icp_instance_get_subscription_start (instance));
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
  g_assert_cmpfloat (icp_instance_get_subscription_months (instance), ==, -1);

  /* Seconds, numbers as strings, an empty name, a financial lock. */
  instance = g_ptr_array_index (instances, 2);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-2zestrings000000000001");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "");
  g_assert_cmpstr (icp_instance_get_display_name (instance), ==, "i-2zestrings000000000001");
  assert_time (icp_instance_get_creation_time (instance), "2025-03-01T02:00:30Z");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 3);
  g_assert_cmpint (icp_instance_get_eip_bandwidth (instance), ==, 0);
  g_assert_cmpstr (icp_instance_get_status (instance), ==, "Stopped");
  assert_locks (instance, "financial");
  g_assert_true (icp_instance_has_lock (instance, "financial"));

  /* Two locks; the first of two public addresses. */
  instance = g_ptr_array_index (instances, 3);
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-hongkong");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.200");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 100);
  assert_locks (instance, "security;financial");
  g_assert_cmpfloat_with_epsilon (icp_instance_get_subscription_months (instance), 36.0, 0.02);
}

static void
test_pager (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("pager.json");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 2);

  instance = find (instances, "i-pager-1");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "pager one");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-shenzhen");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.1");
  g_assert_cmpfloat_with_epsilon (icp_instance_get_subscription_months (instance), 3.0, 0.03);

  /* An API instance says whether it has an address even when a member is left out. */
  instance = find (instances, "i-pager-2");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  assert_locks (instance, "");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "ap-southeast-1");
}

static void
test_bare_array (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("bare-array.json");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 2);
  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-bare-1");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-chengdu");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 2);
  instance = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-bare-2");
  g_assert_null (icp_instance_get_name (instance));
  g_assert_null (icp_instance_get_creation_time (instance));
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, -1);
}

static void
test_report_json (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("report.json");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 3);

  instance = find (instances, "i-report-billing");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "web-prod-01");
  g_assert_cmpstr (icp_instance_get_zone_id (instance), ==, "cn-hangzhou-k");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  assert_time (icp_instance_get_expired_time (instance), "2027-06-01T16:00:00Z");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.5");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 5);
  assert_locks (instance, "");
  assert_time (icp_instance_get_subscription_start (instance), "2026-06-01T16:00:00Z");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_BILLING);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, 2);
  g_assert_cmpstr (icp_instance_get_owner_account (instance), ==, "1234567890123456");
  /* The report's own time, not the file's. */
  assert_time (icp_instance_get_observed (instance), "2026-11-20T08:00:00Z");

  /* No start in the report: rebuilt from the months. */
  instance = find (instances, "i-report-derived");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  g_assert_cmpfloat_with_epsilon (icp_instance_get_subscription_months (instance), 2.5, 0.02);
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "198.51.100.20");
  g_assert_cmpint (icp_instance_get_eip_bandwidth (instance), ==, 20);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, -1);
  assert_locks (instance, NULL);

  /* null is unknown, not none. */
  instance = find (instances, "i-report-unknown");
  g_assert_null (icp_instance_get_name (instance));
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_UNKNOWN);
  g_assert_null (icp_instance_get_public_ip (instance));
  g_assert_null (icp_instance_get_eip (instance));
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, -1);
  g_assert_null (icp_instance_get_subscription_start (instance));
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, 5);
  assert_locks (instance, NULL);
}

static void
test_report_csv (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("report.csv");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 3);

  instance = find (instances, "i-csvrep-1");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "web, prod");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-hangzhou");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  /* A zone in the time is kept; without one it would be China Standard Time. */
  assert_time (icp_instance_get_creation_time (instance), "2025-06-01T00:00:00Z");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  assert_locks (instance, "");
  assert_time (icp_instance_get_subscription_start (instance), "2026-06-01T16:00:00Z");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_BILLING);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, 2);
  g_assert_cmpstr (icp_instance_get_owner_account (instance), ==, "1234567890123456");

  instance = find (instances, "i-csvrep-2");
  assert_locks (instance, "financial;security");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  g_assert_cmpfloat_with_epsilon (icp_instance_get_subscription_months (instance), 2.5, 0.02);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, -1);

  /* "unknown" in a cell is unknown, an empty cell in an address column is none. */
  instance = find (instances, "i-csvrep-3");
  g_assert_null (icp_instance_get_name (instance));
  g_assert_null (icp_instance_get_public_ip (instance));
  g_assert_null (icp_instance_get_eip (instance));
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, 5);
}

static void
test_empty_list (void)
{
  g_autoptr(GPtrArray) array = import_ok ("empty-array.json");
  g_autoptr(GPtrArray) pager = import_ok ("empty-pager.json");

  g_assert_cmpuint (array->len, ==, 0);
  g_assert_cmpuint (pager->len, ==, 0);
}

static void
test_stream (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;

  /* A BOM, leading blank lines, and two region dumps one after the other. */
  instances = import_text ("\xEF\xBB\xBF\n\n"
                           "{\"Instances\": {\"Instance\": [{\"InstanceId\": \"i-a\"}]}}\n"
                           "{\"Instances\": {\"Instance\": [{\"InstanceId\": \"i-b\"}]}}\n",
                           -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 2);
  g_assert_cmpstr (icp_instance_get_id (g_ptr_array_index (instances, 1)), ==, "i-b");
  assert_time (icp_instance_get_observed (g_ptr_array_index (instances, 0)),
               "2026-11-01T00:00:00Z");
  g_clear_pointer (&instances, g_ptr_array_unref);

  /* Lines count from the first byte after the BOM, blank lines included. */
  instances = import_text ("\xEF\xBB\xBF\n\n[{\"InstanceId\": \"i-a\", \"CreationTime\": \"x\"}]",
                           -1, &error);
  g_assert_null (instances);
  g_assert_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_BAD_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "standard input:3:40: "));
}

static void
test_observed_mtime (void)
{
  g_autofree char *path = fixture_path ("pager.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GPtrArray) instances = import_ok ("pager.json");

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info);
  modified = g_file_info_get_modification_date_time (info);

  for (guint i = 0; i < instances->len; i++)
    g_assert_true (g_date_time_equal (icp_instance_get_observed (g_ptr_array_index (instances, i)),
                                      modified));
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *instances;
  GError    *error;
  gboolean   finished;
  guint      n_reports;
  guint64    done;
  guint64    total;
} AsyncResult;

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  AsyncResult *r = user_data;

  /* In the caller's thread, in order, never past the total (0: unknown), never after the
   * result. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_false (r->finished);
  g_assert_cmpuint (done, >=, r->done);
  if (total > 0)
    g_assert_cmpuint (done, <=, total);
  r->n_reports++;
  r->done = done;
  r->total = total;
}

static void
import_files_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncResult *r = user_data;

  g_assert_null (source);
  r->instances = icp_import_files_finish (result, &r->error);
  r->finished = TRUE;
  g_main_loop_quit (r->loop);
}

static void
import_files (const char * const  *names,
              GCancellable        *cancellable,
              AsyncResult         *r)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = fixture_path (names[i]);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  r->loop = g_main_loop_new (NULL, FALSE);
  icp_import_files_async ((GFile **) files->pdata, files->len, policy,
                          import_progress_cb, r, cancellable, import_files_cb, r);
  g_main_loop_run (r->loop);
  g_main_loop_unref (r->loop);
}

static void
test_files_async (void)
{
  const char * const names[] = { "api-page.json", "pager.json", "english.csv", "report.json",
                                 "pager.json", NULL };
  AsyncResult r = { 0 };
  static const char * const ids[] = {
    "i-bp1f1xhfk7xnqadrtd0h", "i-bp1postpaid0000000001", "i-2zestrings000000000001",
    "i-j6csecurity00000000001", "i-pager-1", "i-pager-2", "i-en-1", "i-en-2", "i-en-3",
    "i-report-billing", "i-report-derived", "i-report-unknown", "i-pager-1", "i-pager-2",
  };

  guint64 size = 0;

  import_files (names, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.instances);

  /* Progress ends with every byte of every file. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = fixture_path (names[i]);
      GStatBuf buf;

      g_assert_no_errno (g_stat (path, &buf));
      size += buf.st_size;
    }
  g_assert_cmpuint (r.n_reports, >=, 2);
  g_assert_cmpuint (r.done, ==, size);
  g_assert_cmpuint (r.total, ==, size);

  /* In file order, not merged: the inventory merges by id. */
  g_assert_cmpuint (r.instances->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (icp_instance_get_id (g_ptr_array_index (r.instances, i)), ==, ids[i]);

  g_ptr_array_unref (r.instances);
}

static gboolean
quit_loop_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* A pipe has no size: the total is unknown (0), not "what was read so far". And when the
 * writer stalls, the last figure still arrives, though it came too soon after the one before
 * to be reported at once. */
static void
test_files_async_pipe (void)
{
  g_autofree char *dir = icp_test_make_temp_dir ("icp-import-pipe-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "slow.json", NULL);
  g_autofree char *source = fixture_path ("pager.json");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  AsyncResult r = { 0 };
  gsize length = 0, half;
  int fd;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  half = length / 2;
  g_assert_no_errno (mkfifo (path, 0600));
  file = g_file_new_for_path (path);

  r.loop = g_main_loop_new (NULL, FALSE);
  icp_import_files_async (&file, 1, policy, import_progress_cb, &r, NULL, import_files_cb, &r);
  /* Blocks until the reader has opened the pipe. */
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);

  /* Two writes in quick succession, then a stall: the second figure is reported anyway. */
  g_assert_cmpint (write (fd, contents, half / 2), ==, (gssize) (half / 2));
  g_usleep (20 * 1000);
  g_assert_cmpint (write (fd, contents + half / 2, half - half / 2), ==, (gssize) (half - half / 2));
  g_timeout_add (500, quit_loop_cb, r.loop);
  g_main_loop_run (r.loop);
  g_assert_false (r.finished);
  g_assert_cmpuint (r.done, ==, half);
  g_assert_cmpuint (r.total, ==, 0);

  g_assert_cmpint (write (fd, contents + half, length - half), ==, (gssize) (length - half));
  close (fd);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);

  g_assert_no_error (r.error);
  g_assert_nonnull (r.instances);
  g_assert_cmpuint (r.instances->len, ==, 2);
  g_assert_cmpuint (r.done, ==, length);
  g_assert_cmpuint (r.total, ==, 0);
  g_ptr_array_unref (r.instances);
  icp_test_remove_tree (dir);
}

static void
test_files_async_cancelled (void)
{
  const char * const names[] = { "api-page.json", "pager.json", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { 0 };

  g_cancellable_cancel (cancellable);
  import_files (names, cancellable, &r);
  g_assert_null (r.instances);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
}

static void
test_files_async_error (void)
{
  const char * const names[] = { "pager.json", "no-such-file.json", "api-page.json", NULL };
  g_autofree char *path = fixture_path ("no-such-file.json");
  AsyncResult r = { 0 };

  /* One unreadable file fails the lot: no partial list passes for a whole one. */
  import_files (names, NULL, &r);
  g_assert_null (r.instances);
  g_assert_error (r.error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (r.error->message, path));
  g_clear_error (&r.error);
}

static void
test_csv_english (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("english.csv");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 3);

  instance = find (instances, "i-en-1");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "web 1");
  g_assert_cmpstr (icp_instance_get_zone_id (instance), ==, "cn-hangzhou-h");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  /* No zone written: China Standard Time. */
  assert_time (icp_instance_get_creation_time (instance), "2026-01-10T04:04:00Z");
  assert_time (icp_instance_get_expired_time (instance), "2026-07-10T16:00:00Z");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.10");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 5);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, 1);
  g_assert_cmpstr (icp_instance_get_owner_account (instance), ==, "1234567890123456");
  g_assert_cmpint (icp_instance_get_subscription_source (instance), ==,
                   ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  assert_locks (instance, NULL);

  instance = find (instances, "i-en-2");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-shanghai");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_cmpstr (icp_instance_get_status (instance), ==, "Stopped");
  assert_time (icp_instance_get_creation_time (instance), "2026-02-01T00:00:00Z");
  g_assert_null (icp_instance_get_expired_time (instance));
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "198.51.100.7");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 0);
  g_assert_null (icp_instance_get_zone_id (instance));
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, -1);
  g_assert_null (icp_instance_get_owner_account (instance));

  instance = find (instances, "i-en-3");
  g_assert_null (icp_instance_get_name (instance));
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_UNKNOWN);
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, -1);
  g_assert_null (icp_instance_get_subscription_start (instance));
}

static void
test_csv_no_ip (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("no-ip.csv");
  IcpInstance *instance = find (instances, "i-noip-1");

  /* Without address columns the addresses are unknown, not "none". */
  g_assert_null (icp_instance_get_public_ip (instance));
  g_assert_null (icp_instance_get_eip (instance));
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, -1);
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  /* A zone in the text wins over China Standard Time. */
  assert_time (icp_instance_get_creation_time (instance), "2026-01-01T00:00:00Z");
}

static void
test_csv_chinese (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("chinese-bom-crlf.csv");
  IcpInstance *instance;

  /* The blank line at the end is no instance. */
  g_assert_cmpuint (instances->len, ==, 2);

  instance = find (instances, "i-zh-1");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "官网-前端");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-hangzhou");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  g_assert_cmpstr (icp_instance_get_status (instance), ==, "Running");
  assert_time (icp_instance_get_creation_time (instance), "2026-01-10T04:04:00Z");
  assert_time (icp_instance_get_expired_time (instance), "2026-07-10T16:00:00Z");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.10");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 5);
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, 0);
  assert_locks (instance, "");

  instance = find (instances, "i-zh-2");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-beijing");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_cmpstr (icp_instance_get_status (instance), ==, "Stopped");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, -1);
}

static void
test_csv_gb18030 (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("chinese-gb18030.csv");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 2);

  instance = find (instances, "i-gb-1");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "数据库-主");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-shenzhen");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  assert_time (icp_instance_get_expired_time (instance), "2026-08-31T16:00:00Z");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "192.0.2.9");

  instance = find (instances, "i-gb-2");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "监控");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-hangzhou");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");
}

static void
test_csv_regions (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("regions.csv");
  static const char * const expected[] = {
    "cn-hangzhou", "cn-hangzhou", "cn-hangzhou", "cn-hangzhou", "cn-hangzhou",
    "cn-newregion-1", "cn-hongkong",
  };

  g_assert_cmpuint (instances->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (icp_instance_get_region_id (g_ptr_array_index (instances, i)), ==,
                     expected[i]);

  assert_import_error ("region-bad.csv", ICP_IMPORT_ERROR_BAD_VALUE, "3:7");
}

static void
test_csv_billing (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("billing.csv");
  static const IcpChargeType expected[] = {
    ICP_CHARGE_TYPE_PREPAID, ICP_CHARGE_TYPE_PREPAID, ICP_CHARGE_TYPE_PREPAID,
    ICP_CHARGE_TYPE_PREPAID, ICP_CHARGE_TYPE_PREPAID, ICP_CHARGE_TYPE_POSTPAID,
    ICP_CHARGE_TYPE_POSTPAID, ICP_CHARGE_TYPE_POSTPAID, ICP_CHARGE_TYPE_POSTPAID,
    ICP_CHARGE_TYPE_POSTPAID, ICP_CHARGE_TYPE_POSTPAID, ICP_CHARGE_TYPE_POSTPAID,
    ICP_CHARGE_TYPE_UNKNOWN, ICP_CHARGE_TYPE_POSTPAID,
  };

  /* Semicolons, because the header has no comma. */
  g_assert_cmpuint (instances->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (icp_instance_get_charge_type (g_ptr_array_index (instances, i)), ==,
                     expected[i]);

  /* Tabs, and a word that is no billing method. */
  assert_import_error ("billing-bad.tsv", ICP_IMPORT_ERROR_BAD_VALUE, "3:7");
}

static void
test_csv_quoted (void)
{
  g_autoptr(GPtrArray) instances = import_ok ("quoted.csv");
  IcpInstance *instance;

  g_assert_cmpuint (instances->len, ==, 4);

  instance = find (instances, "i-q-1");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "web, prod \"blue\"");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "203.0.113.1");

  instance = find (instances, "i-q-2");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "two\nlines, and a comma");
  g_assert_cmpstr (icp_instance_get_region_id (instance), ==, "cn-beijing");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "");

  /* More cells than headers: the extras are ignored. */
  instance = find (instances, "i-q-3");
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "192.0.2.7");

  /* Fewer: the missing ones are unknown. */
  instance = find (instances, "i-q-4");
  g_assert_cmpstr (icp_instance_get_name (instance), ==, "short row");
  g_assert_null (icp_instance_get_region_id (instance));
  g_assert_null (icp_instance_get_public_ip (instance));

  /* Lines are physical lines: a cell over three lines moves the count on. */
  assert_import_error ("quoted-bad-date.csv", ICP_IMPORT_ERROR_BAD_VALUE, "6:8");
}

static void
test_csv_unterminated_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;

  instances = import_text ("InstanceId,InstanceName\ni-1,\"no end\ni-2,x\n", -1, &error);
  g_assert_null (instances);
  g_assert_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "standard input:2:5: "));
}

static void
test_broken (void)
{
  assert_import_error ("truncated.json", ICP_IMPORT_ERROR_TRUNCATED, "5:52");
  /* Not JSON: read as CSV, and a CSV needs an id column. */
  assert_import_error ("hello.txt", ICP_IMPORT_ERROR_MISSING_COLUMN, "1:1");
  assert_import_error ("syntax.json", ICP_IMPORT_ERROR_SYNTAX, "1:23");
  assert_import_error ("other-shape.json", ICP_IMPORT_ERROR_SHAPE, "1:1");
  assert_import_error ("numbers.json", ICP_IMPORT_ERROR_SHAPE, "1:2");
  assert_import_error ("no-instance-array.json", ICP_IMPORT_ERROR_SHAPE, "2:16");
  assert_import_error ("api-error.json", ICP_IMPORT_ERROR_SHAPE, "1:1");
  assert_import_error ("empty.csv", ICP_IMPORT_ERROR_EMPTY, "1:1");
  assert_import_error ("whitespace.json", ICP_IMPORT_ERROR_EMPTY, "1:1");
  assert_import_error ("no-id-column.csv", ICP_IMPORT_ERROR_MISSING_COLUMN, "1:1");
  assert_import_error ("bad-date.json", ICP_IMPORT_ERROR_BAD_VALUE, "4:19");
  assert_import_error ("bad-date.csv", ICP_IMPORT_ERROR_BAD_VALUE, "3:5");
  assert_import_error ("bad-encoding.csv", ICP_IMPORT_ERROR_ENCODING, "1:1");
  assert_import_error ("bad-utf8-stray.csv", ICP_IMPORT_ERROR_ENCODING, "4:10");
  assert_import_error ("bad-utf8.json", ICP_IMPORT_ERROR_SYNTAX, "1:45");
  assert_import_error ("missing-id.json", ICP_IMPORT_ERROR_BAD_VALUE, "3:5");
  assert_import_error ("empty-id.csv", ICP_IMPORT_ERROR_BAD_VALUE, "3:1");
}

static void
test_broken_messages (void)
{
  /* What each broken input is called, and the words the message must use. */
  static const struct {
    const char *fixture;     /* a file in fixtures/import, or NULL for @text */
    const char *text;
    gssize      len;
    int         code;
    const char *prefix;      /* the message starts so: "standard input:LINE:COLUMN: " */
    const char *mentions[2];
  } cases[] = {
    { "api-error.json", NULL, 0, ICP_IMPORT_ERROR_SHAPE, NULL,
      { "InvalidAccessKeyId.NotFound" } },
    { "other-shape.json", NULL, 0, ICP_IMPORT_ERROR_SHAPE, NULL, { "DescribeInstances" } },
    { "truncated.json", NULL, 0, ICP_IMPORT_ERROR_TRUNCATED, NULL,
      { "after 1 complete instance", "cut off" } },
    { "bad-utf8.json", NULL, 0, ICP_IMPORT_ERROR_SYNTAX, NULL, { "UTF-8" } },
    { "bad-encoding.csv", NULL, 0, ICP_IMPORT_ERROR_ENCODING, NULL, { "GB18030" } },
    { "bad-date.csv", NULL, 0, ICP_IMPORT_ERROR_BAD_VALUE, NULL, { "2026-02-30 10:00" } },
    /* Columns count characters, not bytes. */
    { NULL, "[{\"InstanceName\": \"官网\", \"CreationTime\": \"2026-13-01\", \"InstanceId\": \"i\"}]",
      -1, ICP_IMPORT_ERROR_BAD_VALUE, "standard input:1:41: ", { NULL } },
    /* A syntax error points at the start of the token that does not fit. */
    { NULL, "[{\"InstanceId\": \"i-1\" \"Region\\\"Id\": \"x\"}]", -1, ICP_IMPORT_ERROR_SYNTAX,
      "standard input:1:23: ", { NULL } },
    { NULL, "[{\"InstanceId\": 12 13}]", -1, ICP_IMPORT_ERROR_SYNTAX, "standard input:1:20: ",
      { NULL } },
    { NULL, "[{\"InstanceId\": 12:}]", -1, ICP_IMPORT_ERROR_SYNTAX, "standard input:1:19: ",
      { NULL } },
    /* A workbook is no CSV file. */
    { NULL, "PK\x03\x04\x14\x00\x06\x00", 8, ICP_IMPORT_ERROR_ENCODING, "standard input:1:1: ",
      { "CSV UTF-8" } },
    /* Only whitespace and a BOM: empty. */
    { NULL, "\xEF\xBB\xBF \r\n\t", -1, ICP_IMPORT_ERROR_EMPTY, NULL, { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) instances = NULL;

      if (cases[i].fixture != NULL)
        instances = import_fixture (cases[i].fixture, &error);
      else
        instances = import_text (cases[i].text, cases[i].len, &error);

      g_assert_null (instances);
      g_assert_error (error, ICP_IMPORT_ERROR, cases[i].code);
      if (cases[i].prefix != NULL && !g_str_has_prefix (error->message, cases[i].prefix))
        g_error ("case %u: “%s” should start with “%s”", i, error->message, cases[i].prefix);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].mentions) && cases[i].mentions[j]; j++)
        if (strstr (error->message, cases[i].mentions[j]) == NULL)
          g_error ("case %u: “%s” should mention “%s”", i, error->message,
                   cases[i].mentions[j]);
    }
}

/* Writes @n instances in the aliyun --pager shape, eight lines each after a three-line head. */
static GString *
generate_pager (guint n,
                guint bad)
{
  GString *json = g_string_sized_new (n * 400);

  g_string_append (json, "{\n  \"Instances\": {\n    \"Instance\": [\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (json,
                              "      {\"CpuOptions\": {\"CoreCount\": 1, \"Numa\": \"\"}, "
                              "\"CreationTime\": \"2026-%02u-01T04:04Z\",\n"
                              "       \"Description\": \"机器 %u\\n\\\"quoted\\\"\",\n"
                              "       \"EipAddress\": {\"IpAddress\": \"\"},\n"
                              "       \"ExpiredTime\": \"%s\",\n"
                              "       \"InstanceChargeType\": \"%s\", \"InstanceId\": "
                              "\"i-gen-%06u\",\n"
                              "       \"InternetMaxBandwidthOut\": %u, \"OperationLocks\": "
                              "{\"LockReason\": []},\n"
                              "       \"PublicIpAddress\": {\"IpAddress\": [\"192.0.2.%u\"]},\n"
                              "       \"RegionId\": \"cn-hangzhou\", \"Status\": \"Running\"}%s\n",
                              i % 12 + 1, i,
                              i == bad ? "2026-02-30T16:00Z"
                                       : i % 3 == 0 ? "2099-12-31T15:59Z" : "2027-01-01T16:00Z",
                              i % 3 == 0 ? "PostPaid" : "PrePaid", i, i % 100,
                              i % 254 + 1, i + 1 < n ? "," : "");
    }
  g_string_append (json, "    ]\n  }\n}\n");

  return json;
}

static void
test_big (void)
{
  g_autoptr(GString) json = generate_pager (20000, G_MAXUINT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  IcpInstance *instance;

  g_assert_cmpuint (json->len, >, 4 * 256 * 1024);
  instances = import_text (json->str, json->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 20000);

  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-gen-000000");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);

  instance = g_ptr_array_index (instances, 12346);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-gen-012346");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 46);
  g_assert_cmpstr (icp_instance_get_public_ip (instance), ==, "192.0.2.155");
  assert_time (icp_instance_get_creation_time (instance), "2026-11-01T04:04:00Z");
  assert_time (icp_instance_get_expired_time (instance), "2027-01-01T16:00:00Z");
  g_assert_cmpstr (icp_instance_get_eip (instance), ==, "");
  assert_locks (instance, "");

  instance = g_ptr_array_index (instances, 19999);
  g_assert_cmpstr (icp_instance_get_id (instance), ==, "i-gen-019999");
}

static void
test_big_error_position (void)
{
  g_autoptr(GString) json = generate_pager (20000, 15000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autofree char *prefix = NULL;
  const char *bad = strstr (json->str, "\"2026-02-30T16:00Z\"");
  const char *line_start = bad;
  guint line = 1;

  /* Far past the first chunks: the position must still be exact. */
  for (const char *p = json->str; p < bad; p++)
    line += *p == '\n';
  while (line_start > json->str && line_start[-1] != '\n')
    line_start--;
  prefix = g_strdup_printf ("standard input:%u:%u: ", line,
                            (guint) g_utf8_strlen (line_start, bad - line_start) + 1);

  instances = import_text (json->str, json->len, &error);
  g_assert_null (instances);
  g_assert_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_BAD_VALUE);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);

  /* The same file cut off near its end. */
  g_clear_error (&error);
  g_string_free (json, TRUE);
  json = generate_pager (20000, G_MAXUINT);
  g_string_truncate (json, json->len - 200);
  instances = import_text (json->str, json->len, &error);
  g_assert_null (instances);
  g_assert_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "after 19999 complete instances"));
}

/* A name cell cannot tell "" from unknown (addresses and locks can: "unknown"). */
static const char *
csv_text (const char *text,
          gboolean    csv)
{
  return csv && text == NULL ? "" : text;
}

static void
assert_same_time (GDateTime *a,
                  GDateTime *b)
{
  if (a == NULL || b == NULL)
    g_assert_true (a == b);
  else
    g_assert_true (g_date_time_equal (a, b));
}

static void
assert_same_locks (IcpInstance *a,
                   IcpInstance *b)
{
  const char * const *la = icp_instance_get_lock_reasons (a);
  const char * const *lb = icp_instance_get_lock_reasons (b);

  if (la == NULL || lb == NULL)
    g_assert_true (la == lb);
  else
    g_assert_true (g_strv_equal (la, lb));
}

/* The same facts, whichever way they went. */
static void
assert_same_facts (IcpInstance *a,
                   IcpInstance *b,
                   gboolean     csv)
{
  g_assert_cmpstr (icp_instance_get_id (a), ==, icp_instance_get_id (b));
  g_assert_cmpstr (csv_text (icp_instance_get_name (a), csv), ==,
                   csv_text (icp_instance_get_name (b), csv));
  g_assert_cmpstr (icp_instance_get_region_id (a), ==, icp_instance_get_region_id (b));
  g_assert_cmpint (icp_instance_get_charge_type (a), ==, icp_instance_get_charge_type (b));
  g_assert_cmpstr (icp_instance_get_status (a), ==, icp_instance_get_status (b));
  assert_same_time (icp_instance_get_creation_time (a), icp_instance_get_creation_time (b));
  assert_same_time (icp_instance_get_expired_time (a), icp_instance_get_expired_time (b));
  g_assert_cmpstr (icp_instance_get_public_ip (a), ==, icp_instance_get_public_ip (b));
  g_assert_cmpstr (icp_instance_get_eip (a), ==, icp_instance_get_eip (b));
  g_assert_cmpint (icp_instance_get_bandwidth_out (a), ==, icp_instance_get_bandwidth_out (b));
  assert_same_locks (a, b);
  g_assert_cmpint (icp_instance_get_subscription_source (a), ==,
                   icp_instance_get_subscription_source (b));
  g_assert_cmpfloat_with_epsilon (icp_instance_get_subscription_months (a),
                                  icp_instance_get_subscription_months (b), 0.001);
  g_assert_cmpint (icp_instance_get_codes_used (a), ==, icp_instance_get_codes_used (b));
  g_assert_cmpstr (icp_instance_get_owner_account (a), ==, icp_instance_get_owner_account (b));

  /* The CSV report has no columns for these. */
  if (!csv)
    {
      g_assert_cmpstr (icp_instance_get_zone_id (a), ==, icp_instance_get_zone_id (b));
      g_assert_cmpint (icp_instance_get_eip_bandwidth (a), ==,
                       icp_instance_get_eip_bandwidth (b));
      assert_same_time (icp_instance_get_auto_release_time (a),
                        icp_instance_get_auto_release_time (b));
    }
}

static void
round_trip (IcpReportFormat format)
{
  g_autoptr(GPtrArray) api = import_ok ("api-page.json");
  g_autoptr(GPtrArray) report = import_ok ("report.json");
  g_autoptr(IcpChecker) checker = icp_test_new_checker (policy);
  g_autoptr(IcpInventory) inventory = icp_inventory_new (checker);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < api->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (api, i));
  for (guint i = 0; i < report->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (report, i));
  icp_inventory_add_all (inventory, all);

  g_assert_true (icp_report_write (inventory, format, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  again = import_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, all->len);

  for (guint i = 0; i < all->len; i++)
    {
      IcpInstance *original = g_ptr_array_index (all, i);

      assert_same_facts (original, find (again, icp_instance_get_id (original)),
                         format == ICP_REPORT_FORMAT_CSV);
    }
}

static void
test_round_trip_json (void)
{
  round_trip (ICP_REPORT_FORMAT_JSON);
}

static void
test_round_trip_csv (void)
{
  round_trip (ICP_REPORT_FORMAT_CSV);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  policy = icp_test_default_policy ();

  g_test_add_func ("/icp/import/api-page", test_api_page);
  g_test_add_func ("/icp/import/pager", test_pager);
  g_test_add_func ("/icp/import/bare-array", test_bare_array);
  g_test_add_func ("/icp/import/report-json", test_report_json);
  g_test_add_func ("/icp/import/report-csv", test_report_csv);
  g_test_add_func ("/icp/import/empty-list", test_empty_list);
  g_test_add_func ("/icp/import/stream", test_stream);
  g_test_add_func ("/icp/import/observed-mtime", test_observed_mtime);
  g_test_add_func ("/icp/import/files-async", test_files_async);
  g_test_add_func ("/icp/import/files-async-pipe", test_files_async_pipe);
  g_test_add_func ("/icp/import/files-async-cancelled", test_files_async_cancelled);
  g_test_add_func ("/icp/import/files-async-error", test_files_async_error);
  g_test_add_func ("/icp/import/csv-english", test_csv_english);
  g_test_add_func ("/icp/import/csv-no-ip", test_csv_no_ip);
  g_test_add_func ("/icp/import/csv-chinese", test_csv_chinese);
  g_test_add_func ("/icp/import/csv-gb18030", test_csv_gb18030);
  g_test_add_func ("/icp/import/csv-regions", test_csv_regions);
  g_test_add_func ("/icp/import/csv-billing", test_csv_billing);
  g_test_add_func ("/icp/import/csv-quoted", test_csv_quoted);
  g_test_add_func ("/icp/import/csv-unterminated-quote", test_csv_unterminated_quote);
  g_test_add_func ("/icp/import/broken", test_broken);
  g_test_add_func ("/icp/import/broken-messages", test_broken_messages);
  g_test_add_func ("/icp/import/big", test_big);
  g_test_add_func ("/icp/import/big-error-position", test_big_error_position);
  g_test_add_func ("/icp/import/round-trip-json", test_round_trip_json);
  g_test_add_func ("/icp/import/round-trip-csv", test_round_trip_csv);

  status = g_test_run ();
  g_object_unref (policy);
  return status;
}
