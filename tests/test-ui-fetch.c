/* test-ui-fetch.c: the window connected to an account: connect, fetch, Cancel, failures, the
 * notice, Refresh, the account switcher and the three fixes end to end, against the in-process
 * fake cloud
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One IcpApplication and one fake cloud (tests/fixtures/cloud/account.json: the bundled sample,
 * 35 servers in 10 regions) for the whole program, a new IcpWindow per test. The keys come from
 * the environment (ALIBABA_CLOUD_ACCESS_KEY_*) or from an aliyun CLI config.json of the test's
 * own ($ICP_ASSISTANT_ALIYUN_CONFIG). The sample is evaluated as of ICP_TEST_NOW with the
 * filing account of data/samples/README.md; the fake's business clock stands at the same time.
 * The fix cases change the fake's account, so each of them leaves a fresh fake behind.
 * Screenshots go to $ICP_SCREENSHOT_DIR/<LANGUAGE>/. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "icp-application.h"
#include "icp-ecs.h"
#include "icp-fake-cloud.h"
#include "icp-fix-wizard.h"
#include "icp-inventory.h"
#include "icp-review-page.h"
#include "icp-test-utils.h"
#include "icp-time.h"
#include "icp-ui-test-utils.h"
#include "icp-window.h"

#define SAMPLE_ACCOUNT ICP_FAKE_CLOUD_TEST_ACCOUNT
#define RAM_KEY_ID "LTAI5tFakeCloudRamUser01"
#define RAM_KEY_SECRET "fakeCloudRamUserSecret0123456789"

static IcpApplication *app;
static IcpFakeCloud *fake;
static GDateTime *test_now;

/* A fake cloud with the sample as it is in the file, its business clock at ICP_TEST_NOW. */
static void
new_fake (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud",
                                                 "account.json", NULL);

  fake = icp_fake_cloud_new_from_file (data, &error);
  g_assert_no_error (error);
  icp_fake_cloud_set_now (fake, test_now);
  g_assert_true (icp_fake_cloud_start (fake, &error));
  g_assert_no_error (error);
}

typedef struct
{
  IcpWindow *window;
  char      *tmpdir;
} Fixture;

static void
set_env_keys (const char *id,
              const char *secret)
{
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", id, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret, TRUE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GSettings *settings = icp_application_get_settings (app);
  g_autofree char *config = NULL;

  g_settings_reset (settings, "recent-files");
  g_settings_set_string (settings, "filing-account", SAMPLE_ACCOUNT);

  fixture->tmpdir = icp_test_make_temp_dir ("icp-ui-fetch-XXXXXX");
  /* No aliyun CLI profile unless the test writes one; no keys unless it sets them; every
   * service at the fake cloud (the unset clears that too). */
  icp_test_unset_credential_env (NULL);
  config = g_build_filename (fixture->tmpdir, "config.json", NULL);
  g_setenv ("ICP_ASSISTANT_ALIYUN_CONFIG", config, TRUE);
  g_setenv ("ICP_ASSISTANT_ENDPOINT", icp_fake_cloud_get_url (fake), TRUE);

  icp_fake_cloud_clear_faults (fake);
  icp_fake_cloud_clear_requests (fake);
  icp_fake_cloud_set_latency (fake, 0);

  fixture->window = icp_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  icp_ui_test_wait_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWidget *weak = GTK_WIDGET (fixture->window);

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);

  /* A fetch in flight is cancelled, and nothing keeps the window alive. */
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  icp_ui_test_wait_finalized (&weak);

  icp_fake_cloud_clear_faults (fake);
  icp_test_unset_credential_env (NULL);
  icp_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

/* For a case that changed the fake's account: the next case gets the sample as it was. */
static void
fixture_teardown_fresh_fake (Fixture       *fixture,
                             gconstpointer  data)
{
  fixture_teardown (fixture, data);
  /* Let the server see the client's connections close before it goes. */
  icp_test_wait (50);
  g_clear_object (&fake);
  new_fake ();
}

/* --- Helpers --- */

static void
assert_counts (IcpInventory *inventory,
               guint         total,
               guint         eligible,
               guint         blocked,
               guint         not_required)
{
  g_assert_nonnull (inventory);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, total);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_ELIGIBLE), ==, eligible);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_BLOCKED), ==, blocked);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_NOT_REQUIRED), ==,
                    not_required);
}

/* The sample's 35 servers as the account gives them: the list alone (data/samples/README.md:
 * 16 blocked, 5 not required, 14 eligible, 4 of them with warnings). test-ui-window's 12 / 18
 * come from filing-console.csv, which the fetch does not have: the Filing Service refuses this
 * key (the codes stay unknown, so 官网-前端 does not reach the quota) and every server belongs
 * to the fetched account (web-prod-02 has no other owner). */
static void
assert_account_counts (IcpInventory *inventory)
{
  assert_counts (inventory, 35, 14, 16, 5);
}

static guint
n_servers (IcpWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (icp_window_get_inventory (window)));
}

/* Neither secret of the fake's keys nor a full key ID, in any window. */
static void
assert_no_secrets (void)
{
  icp_ui_test_assert_nowhere (NULL, ICP_FAKE_CLOUD_TEST_KEY_SECRET, "the secret");
  icp_ui_test_assert_nowhere (NULL, RAM_KEY_SECRET, "the RAM user's secret");
  icp_ui_test_assert_nowhere (NULL, ICP_FAKE_CLOUD_TEST_KEY_ID, "the full key ID");
  icp_ui_test_assert_nowhere (NULL, RAM_KEY_ID, "the RAM user's full key ID");
}

static const char *
region_name (const char *region_id)
{
  IcpPolicy *policy = icp_application_get_policy (app);

  return icp_regions_get_name (icp_policy_get_regions (policy), region_id);
}

static const char *
error_description (IcpWindow *window)
{
  GtkWidget *status = icp_ui_test_get (GTK_WIDGET (window), "error-page");

  return adw_status_page_get_description (ADW_STATUS_PAGE (status));
}

static const char *
error_title (IcpWindow *window)
{
  GtkWidget *status = icp_ui_test_get (GTK_WIDGET (window), "error-page");

  return adw_status_page_get_title (ADW_STATUS_PAGE (status));
}

static gboolean
notice_shown (IcpWindow *window)
{
  GtkWidget *revealer = icp_ui_test_get (GTK_WIDGET (window), "fetch-notice");

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static const char *
notice_text (IcpWindow *window)
{
  GtkWidget *label = icp_ui_test_get (GTK_WIDGET (window), "notice-label");

  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
notice_is_warning (IcpWindow *window)
{
  GtkWidget *revealer = icp_ui_test_get (GTK_WIDGET (window), "fetch-notice");

  return gtk_widget_has_css_class (gtk_revealer_get_child (GTK_REVEALER (revealer)), "warning");
}

static gboolean
revealer_settled_cb (gpointer data)
{
  GtkRevealer *revealer = data;

  return gtk_revealer_get_child_revealed (revealer) == gtk_revealer_get_reveal_child (revealer);
}

/* Let the notice's revealer finish its transition before a screenshot. */
static void
settle (IcpWindow *window)
{
  GtkWidget *revealer = icp_ui_test_get (GTK_WIDGET (window), "fetch-notice");

  g_assert_true (icp_test_wait_for (revealer_settled_cb, revealer, 5000));
  icp_ui_test_wait_mapped (GTK_WIDGET (window));
}

static void
connect_and_review (IcpWindow  *window,
                    const char *profile)
{
  g_assert_true (icp_ui_test_activate (GTK_WIDGET (window), "win.connect",
                                       g_variant_new_string (profile)));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_page (window, "review");
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
} WidgetWait;

static gboolean
widget_exists_cb (gpointer data)
{
  WidgetWait *wait = data;

  return icp_ui_test_find (wait->root, wait->name, G_TYPE_INVALID) != NULL;
}

static GtkWidget *
wait_widget (IcpWindow  *window,
             const char *name)
{
  WidgetWait wait = { GTK_WIDGET (window), name };

  if (!icp_test_wait_for (widget_exists_cb, &wait, 10000))
    g_error ("no widget “%s” came (page “%s”: %s)", name, icp_window_get_page (window),
             g_strcmp0 (icp_window_get_page (window), "error") == 0
             ? error_description (window) : "");
  return icp_ui_test_find (GTK_WIDGET (window), name, G_TYPE_INVALID);
}

static gboolean
progress_at_least_cb (gpointer data)
{
  GtkWidget *window = data;
  GtkWidget *bar = icp_ui_test_find (window, NULL, GTK_TYPE_PROGRESS_BAR);

  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) >= 0.89;
}

static void
collect_region_rows (GtkWidget *root,
                     GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root) && g_str_has_prefix (gtk_widget_get_name (root), "region-"))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_region_rows (child, rows);
}

/* The loading page has @n region rows; the one of @failed (NULL: none) says "Failed", every
 * other one its count of servers and nothing of a failure. */
static void
assert_region_rows (GtkWidget  *window,
                    const char *failed,
                    guint       n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *failed_name = g_strconcat ("region-", failed, NULL);
  guint n_failed = 0;

  collect_region_rows (icp_ui_test_get (window, "loading-page"), rows);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gboolean shows_failed = icp_ui_test_find_text (row, C_("region", "Failed")) != NULL;

      if (failed != NULL && g_str_equal (gtk_widget_get_name (row), failed_name))
        {
          g_assert_true (shows_failed);
          n_failed++;
        }
      else
        {
          if (shows_failed)
            g_error ("the row %s says it failed", gtk_widget_get_name (row));
          const char *id = gtk_widget_get_name (row) + strlen ("region-");
          const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

          /* The subtitle is the region's id (empty when the title is the id already), not an
           * error message. */
          if (g_strcmp0 (region_name (id), id) == 0)
            g_assert_cmpstr (subtitle != NULL ? subtitle : "", ==, "");
          else
            g_assert_cmpstr (subtitle, ==, id);
        }
    }
  g_assert_cmpuint (n_failed, ==, failed != NULL ? 1 : 0);
}

typedef struct
{
  gint64 until;
} Deadline;

static gboolean
deadline_passed_cb (gpointer data)
{
  return g_get_real_time () >= ((Deadline *) data)->until;
}

/* Run the main context until the slow answer to the first request of @action in @region,
 * answered @slow_ms after it arrived, has come (and 300 ms more for the client to see it). */
static void
wait_slow_answer (const char *action,
                  const char *region,
                  guint       slow_ms)
{
  GPtrArray *requests = icp_fake_cloud_get_requests (fake);
  Deadline deadline = { 0 };

  for (guint i = 0; i < requests->len && deadline.until == 0; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (request->action, action) == 0 && g_strcmp0 (request->region, region) == 0)
        deadline.until = request->time + (gint64) (slow_ms + 300) * 1000;
    }
  g_assert_cmpint (deadline.until, >, 0);
  g_assert_true (icp_test_wait_for (deadline_passed_cb, &deadline, slow_ms + 5000));
}

/* --- Tests --- */

/* The default order finds the environment's keys; the loading page names the account once the
 * keys were checked, then lists the regions; the review has the sample's servers. */
static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  g_autofree char *account = g_strdup_printf (_("Account %s"), SAMPLE_ACCOUNT);
  g_autofree char *subtitle = g_strdup_printf (_("Account %s · %s"), SAMPLE_ACCOUNT,
                                               _("Keys in the Environment"));
  g_autofree char *done_text = NULL;
  GtkWidget *loading = icp_ui_test_get (widget, "loading-page");
  GtkWidget *title;
  GtkWidget *row;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  /* Slow enough to see each step. */
  icp_fake_cloud_set_latency (fake, 300);

  g_assert_null (icp_window_get_connection (window));
  g_assert_true (icp_ui_test_activate (widget, "win.connect", g_variant_new_string ("")));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (loading)), ==,
                   _("Connecting to Alibaba Cloud…"));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (loading)), ==,
                   _("Checking the AccessKey…"));
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (widget, "cancel-button")));
  icp_ui_test_wait_mapped (widget);
  g_free (icp_ui_test_screenshot (widget, "fetch-connecting"));

  /* The keys were checked: the account is named, and each region gets a row. */
  row = wait_widget (window, "region-cn-hangzhou");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (loading)), ==, account);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   region_name ("cn-hangzhou"));
  g_assert_nonnull (wait_widget (window, "region-us-west-1"));
  icp_ui_test_wait_mapped (widget);
  g_free (icp_ui_test_screenshot (widget, "fetch-regions"));

  icp_ui_test_wait_page (window, "review");
  assert_account_counts (icp_window_get_inventory (window));
  g_assert_nonnull (icp_window_get_connection (window));
  g_assert_cmpstr (icp_connection_get_account_id (icp_window_get_connection (window)), ==,
                   SAMPLE_ACCOUNT);
  title = icp_ui_test_find (widget, NULL, ADW_TYPE_WINDOW_TITLE);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, subtitle);
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (widget, "accounts-button")));
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (widget, "refresh-button")));
  assert_no_secrets ();

  /* Every region read; each row says how many servers it had (cn-hangzhou: 9). */
  done_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u server", "%u servers", 9), 9);
  g_assert_nonnull (icp_ui_test_find_text (row, done_text));
  assert_region_rows (widget, NULL, 10);

  /* The Filing Service refuses this key: the codes stay unknown, which the notice says as
   * information, not as a failure (nothing to try again). */
  g_assert_true (notice_shown (window));
  g_assert_false (notice_is_warning (window));
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (widget, "notice-retry-button")));
  settle (window);
  g_free (icp_ui_test_screenshot (widget, "fetch-review"));

  /* Dismissable. */
  icp_ui_test_click (icp_ui_test_get (widget, "notice-close-button"));
  g_assert_false (notice_shown (window));

  /* Files again: no account any more. */
  g_assert_true (icp_ui_test_activate (widget, "win.open-sample", NULL));
  icp_ui_test_wait_page (window, "review");
  g_assert_null (icp_window_get_connection (window));
  g_assert_false (notice_shown (window));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (loading)), ==,
                   _("Reading the Instance Lists…"));
}

/* One region throttled past the retries: the others are shown, and the notice names the
 * region and says to wait; Try Again fetches again. */
static void
test_throttled (Fixture       *fixture,
                gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  GtkWidget *row;
  const char *text;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  icp_fake_cloud_add_fault (fake, "DescribeInstances", "cn-shanghai", ICP_FAKE_FAULT_THROTTLING, 0);

  connect_and_review (window, "");
  /* cn-shanghai has 6 of the 35. */
  g_assert_cmpuint (n_servers (window), ==, 29);
  g_assert_true (notice_shown (window));
  g_assert_true (notice_is_warning (window));
  text = notice_text (window);
  g_assert_nonnull (strstr (text, region_name ("cn-shanghai")));
  g_assert_nonnull (strstr (text, _("Wait a few minutes, then try again.")));
  g_assert_null (strstr (text, region_name ("cn-hangzhou")));
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (widget, "notice-retry-button")));
  settle (window);
  g_free (icp_ui_test_screenshot (widget, "fetch-notice-throttled"));

  /* The failed region's row said so on the loading page, with the reason; every other row
   * says how many servers it had. */
  row = icp_ui_test_get (widget, "region-cn-shanghai");
  g_assert_nonnull (icp_ui_test_find_text (row, C_("region", "Failed")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Throttling"));
  assert_region_rows (widget, "cn-shanghai", 10);
  assert_no_secrets ();

  /* The throttling is over: Try Again reads everything. */
  icp_fake_cloud_clear_faults (fake);
  icp_ui_test_click (icp_ui_test_get (widget, "notice-retry-button"));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_page (window, "review");
  assert_account_counts (icp_window_get_inventory (window));
  g_assert_false (notice_is_warning (window));
}

/* Cancel while one region is slow: the review shows what arrived, and says so. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  g_autofree char *cancelled = NULL;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  icp_fake_cloud_set_slow_ms (fake, 2500);
  icp_fake_cloud_add_fault (fake, "DescribeInstances", "cn-hangzhou", ICP_FAKE_FAULT_SLOW, 0);

  g_assert_true (icp_ui_test_activate (widget, "win.connect", g_variant_new_string ("")));
  /* 9 of the 10 regions. */
  g_assert_true (icp_test_wait_for (progress_at_least_cb, widget, 10000));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_mapped (widget);
  g_free (icp_ui_test_screenshot (widget, "fetch-slow-region"));

  g_assert_true (icp_ui_test_activate (widget, "win.cancel-load", NULL));
  g_assert_cmpstr (icp_window_get_page (window), ==, "review");
  /* cn-hangzhou has 9 of the 35. */
  g_assert_cmpuint (n_servers (window), ==, 26);
  g_assert_nonnull (icp_window_get_connection (window));
  g_assert_true (notice_shown (window));
  g_assert_true (notice_is_warning (window));
  cancelled = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Fetch cancelled: %u of %u region read. The list "
                                            "shows the servers read so far.",
                                            "Fetch cancelled: %u of %u regions read. The list "
                                            "shows the servers read so far.", 10), 9, 10);
  g_assert_nonnull (strstr (notice_text (window), cancelled));
  settle (window);
  g_free (icp_ui_test_screenshot (widget, "fetch-notice-cancelled"));

  /* The late answer, once it has come, changes nothing: not the partial list, not the page. */
  wait_slow_answer ("DescribeInstances", "cn-hangzhou", 2500);
  g_assert_cmpstr (icp_window_get_page (window), ==, "review");
  g_assert_cmpuint (n_servers (window), ==, 26);
  g_assert_nonnull (strstr (notice_text (window), cancelled));

  /* Fetch again: everything arrives (fetching again at once: test_refresh). */
  icp_fake_cloud_clear_faults (fake);
  g_assert_true (icp_ui_test_activate (widget, "win.refresh", NULL));
  icp_ui_test_wait_page (window, "review");
  assert_account_counts (icp_window_get_inventory (window));
}

/* A wrong secret: the error page says what is wrong and what to do; Try Again with the right
 * key works. */
static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  const char *description;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, "not-the-secret-0123456789abcdef");

  g_assert_true (icp_ui_test_activate (widget, "win.connect", g_variant_new_string ("")));
  icp_ui_test_wait_page (window, "error");
  g_assert_cmpstr (error_title (window), ==, _("Could Not Connect"));
  description = error_description (window);
  g_assert_nonnull (strstr (description,
                            _("Check the AccessKey ID and secret (and the security token of a "
                              "temporary key), or create a new AccessKey in the RAM console.")));
  g_assert_null (strstr (description, "not-the-secret"));
  icp_ui_test_assert_nowhere (NULL, "not-the-secret-0123456789abcdef", "the wrong secret");
  assert_no_secrets ();
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (widget, "retry-button")));
  g_assert_null (icp_ui_test_find_text (widget, _("_Open Another File…")));
  /* Nothing but the check was asked. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (fake, "DescribeRegions"), ==, 0);
  g_free (icp_ui_test_screenshot (widget, "fetch-error-wrong-key"));

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  icp_ui_test_click (icp_ui_test_get (widget, "retry-button"));
  icp_ui_test_wait_page (window, "review");
  assert_account_counts (icp_window_get_inventory (window));

  /* The file error page has its own title and buttons back. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                   "bad-syntax.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    icp_window_open_files (window, &file, 1);
    icp_ui_test_wait_page (window, "error");
    g_assert_cmpstr (error_title (window), ==, _("Could Not Read the List"));
    g_assert_false (gtk_widget_get_visible (icp_ui_test_get (widget, "retry-button")));
    g_assert_nonnull (icp_ui_test_find_text (widget, _("_Open Another File…")));
  }
}

/* The keys work, then every DescribeInstances connection drops: nothing could be read, and
 * the error page says to check the network. */
static void
test_network (Fixture       *fixture,
              gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  const char *description;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  icp_fake_cloud_add_fault (fake, "DescribeInstances", NULL, ICP_FAKE_FAULT_DROP, 0);

  g_assert_true (icp_ui_test_activate (widget, "win.connect", g_variant_new_string ("")));
  icp_ui_test_wait_page (window, "error");
  g_assert_cmpstr (error_title (window), ==, _("Could Not Fetch the Servers"));
  description = error_description (window);
  g_assert_true (strstr (description, _("Check the network connection, or try again later.")) ||
                 strstr (description, _("Check the network connection and the proxy settings, "
                                        "then try again.")));
  g_assert_null (icp_window_get_inventory (window));
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (widget, "retry-button")));
  assert_no_secrets ();
  g_free (icp_ui_test_screenshot (widget, "fetch-error-network"));

  /* The network is back: Try Again fetches with the same connection (no new key check). */
  icp_fake_cloud_clear_faults (fake);
  icp_fake_cloud_clear_requests (fake);
  g_assert_true (icp_ui_test_activate (widget, "win.refresh", NULL));
  icp_ui_test_wait_page (window, "review");
  assert_account_counts (icp_window_get_inventory (window));
  g_assert_cmpuint (icp_fake_cloud_count_requests (fake, "DescribeRegions"), ==, 1);
}

/* Refresh (win.refresh, Ctrl+R) fetches the account again; Cancel during it keeps the old
 * review as it was. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  IcpInventory *old;
  guint regions;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  connect_and_review (window, "");
  regions = icp_fake_cloud_count_requests (fake, "DescribeRegions");
  g_assert_cmpuint (regions, ==, 1);
  old = icp_window_get_inventory (window);

  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (widget, "refresh-button")));
  g_assert_true (icp_ui_test_activate (widget, "win.refresh", NULL));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_page (window, "review");
  g_assert_cmpuint (icp_fake_cloud_count_requests (fake, "DescribeRegions"), ==, regions + 1);
  g_assert_true (icp_window_get_inventory (window) != old);
  assert_account_counts (icp_window_get_inventory (window));

  /* Refresh, then Cancel once most regions are in: the review before it, untouched. */
  old = icp_window_get_inventory (window);
  icp_fake_cloud_set_slow_ms (fake, 8000);
  icp_fake_cloud_add_fault (fake, "DescribeInstances", "cn-hangzhou", ICP_FAKE_FAULT_SLOW, 0);
  g_assert_true (icp_ui_test_activate (widget, "win.refresh", NULL));
  g_assert_true (icp_test_wait_for (progress_at_least_cb, widget, 10000));
  g_assert_true (icp_ui_test_activate (widget, "win.cancel-load", NULL));
  g_assert_cmpstr (icp_window_get_page (window), ==, "review");
  g_assert_true (icp_window_get_inventory (window) == old);
  assert_account_counts (old);

  /* Fetch again at once: the cancelled fetch of the same account is waited for (IcpEcs reads
   * one at a time), then everything arrives. */
  icp_fake_cloud_clear_faults (fake);
  g_assert_true (icp_ui_test_activate (widget, "win.refresh", NULL));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_page (window, "review");
  g_assert_true (icp_window_get_inventory (window) != old);
  assert_account_counts (icp_window_get_inventory (window));
}

/* The popover menu's entry labelled @label: GTK's private GtkModelButton, known by its type
 * name and its "text" property. */
static GtkWidget *
find_menu_entry (GtkWidget  *root,
                 const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = NULL;

      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkModelButton"))
        {
          g_autofree char *text = NULL;

          g_object_get (child, "text", &text, NULL);
          if (g_strcmp0 (text, label) == 0)
            return child;
        }
      else if ((found = find_menu_entry (child, label)) != NULL)
        {
          return found;
        }
    }

  return NULL;
}

static gboolean
menu_entry_active (GtkWidget  *root,
                   const char *profile,
                   const char *key_id)
{
  g_autofree char *masked = icp_credentials_mask_key_id (key_id);
  g_autofree char *label = g_strdup_printf (_("%s (%s)"), profile, masked);
  GtkWidget *entry = find_menu_entry (root, label);
  gboolean active = FALSE;

  g_assert_nonnull (entry);
  g_object_get (entry, "active", &active, NULL);
  return active;
}

/* Two profiles of an aliyun CLI config: the switcher lists both, marks the one on show, and
 * switching fetches the other's account. */
static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  g_autofree char *config = g_build_filename (fixture->tmpdir, "config.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *title;
  GtkWidget *button;
  GtkWidget *popover;
  GMenuModel *menu;
  guint n_connect = 0;
  gboolean current_main = FALSE;
  const char *text;

  contents = g_strdup_printf ("{\"current\": \"main\", \"profiles\": ["
                              "{\"name\": \"main\", \"mode\": \"AK\", \"access_key_id\": \"%s\","
                              " \"access_key_secret\": \"%s\", \"region_id\": \"cn-hangzhou\"},"
                              "{\"name\": \"readonly\", \"mode\": \"AK\", \"access_key_id\": \"%s\","
                              " \"access_key_secret\": \"%s\", \"region_id\": \"cn-hangzhou\"}]}",
                              ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                              RAM_KEY_ID, RAM_KEY_SECRET);
  g_assert_true (g_file_set_contents (config, contents, -1, NULL));

  connect_and_review (window, "main");
  g_assert_cmpstr (icp_connection_get_profile_name (icp_window_get_connection (window)), ==,
                   "main");
  assert_account_counts (icp_window_get_inventory (window));

  /* The menu: both profiles as win.connect, the one on show marked, and "Add an AccessKey…". */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (icp_ui_test_get (widget,
                                                                           "accounts-button")));
  g_assert_nonnull (menu);
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;
          g_autoptr(GVariant) target = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_STRING);
          /* Masked ids only. */
          g_assert_nonnull (label);
          g_assert_null (strstr (label, ICP_FAKE_CLOUD_TEST_KEY_ID));
          g_assert_null (strstr (label, RAM_KEY_ID));
          if (g_strcmp0 (action, "account.switch") == 0)
            {
              g_autofree char *masked = icp_credentials_mask_key_id (ICP_FAKE_CLOUD_TEST_KEY_ID);
              g_autofree char *expected = g_strdup_printf (_("%s (%s)"), "main", masked);

              n_connect++;
              if (g_strcmp0 (g_variant_get_string (target, NULL), "main") == 0)
                current_main = g_strcmp0 (label, expected) == 0;
            }
        }
    }
  g_assert_cmpuint (n_connect, ==, 2);
  g_assert_true (current_main);

  /* Switch, as the menu does: the other key (a RAM user without the billing API) of the same
   * account. */
  g_assert_true (icp_ui_test_activate (widget, "account.switch",
                                       g_variant_new_string ("readonly")));
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_page (window, "review");
  g_assert_cmpstr (icp_connection_get_profile_name (icp_window_get_connection (window)), ==,
                   "readonly");
  subtitle = g_strdup_printf (_("Account %s · %s"), SAMPLE_ACCOUNT, "readonly");
  title = icp_ui_test_find (widget, NULL, ADW_TYPE_WINDOW_TITLE);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, subtitle);
  g_assert_cmpuint (n_servers (window), ==, 35);
  /* The billing API refused this key: the notice says what stays estimated (information). */
  g_assert_true (notice_shown (window));
  g_assert_false (notice_is_warning (window));
  text = notice_text (window);
  g_assert_true (text != NULL && *text != '\0');
  settle (window);
  g_free (icp_ui_test_screenshot (widget, "fetch-switched"));

  /* The accounts menu opened (a popover: a surface of its own). */
  button = icp_ui_test_get (widget, "accounts-button");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  settle (window);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_mapped (popover));
  /* The entries are radio items of account.switch: the profile on show is the one marked. */
  g_assert_true (menu_entry_active (popover, "readonly", RAM_KEY_ID));
  g_assert_false (menu_entry_active (popover, "main", ICP_FAKE_CLOUD_TEST_KEY_ID));
  assert_no_secrets ();
  g_free (icp_ui_test_screenshot (popover, "fetch-accounts-menu"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* --- The three fixes, end to end --- */

typedef struct
{
  const char      *id;
  const char      *name;
  const char      *nick;     /* the remedy, as win.fix takes it */
  IcpRemedy        remedy;
  gboolean         pay_now;  /* tick "Pay from my balance now" */
  const char      *action;   /* the one real call */
  const char      *fixed;    /* the finding the fix takes away */
  IcpVerdictState  state;    /* the verdict after it (data/samples/README.md) */
  const char      *left;     /* a blocker that stays, or NULL */
  const char      *shot;
} FixCase;

/* gitlab: remaining-too-short alone (15 days left); a month more makes it eligible. Paid at
 * once: the wizard's own re-read is what the window shows, no refresh. */
static const FixCase fix_renew = {
  "i-bp1t8y2u6i0o4p7a1s5d", "gitlab", "renew", ICP_REMEDY_RENEW, TRUE,
  "RenewInstance", "remaining-too-short", ICP_VERDICT_STATE_ELIGIBLE, NULL, "fix-renew"
};
/* 测试机: pay-as-you-go alone; a subscription makes it eligible (the wizard's term is the
 * 3-month minimum, so with the borderline-term note). The order waits, is paid in the console
 * (the fake), and the window's Refresh shows it. */
static const FixCase fix_switch = {
  "i-bp1f2a7xk9d3m6qv0tzh", "测试机", "switch-billing", ICP_REMEDY_SWITCH_BILLING, FALSE,
  "ModifyInstanceChargeType", "pay-as-you-go", ICP_VERDICT_STATE_ELIGIBLE, NULL, "fix-switch"
};
/* 备份服务器: remaining-too-short + not-running + no-public-ip; bandwidth takes the last away,
 * and it stays blocked for its 11 days left. Unpaid order, paid, Refresh. */
static const FixCase fix_bandwidth = {
  "i-m5eh4j8k2l6z0x3c7v1b", "备份服务器", "add-bandwidth", ICP_REMEDY_ADD_BANDWIDTH, FALSE,
  "ModifyInstanceNetworkSpec", "no-public-ip", ICP_VERDICT_STATE_BLOCKED, "remaining-too-short",
  "fix-bandwidth"
};

/* InstanceId, or InstanceIds (a JSON array) for ModifyInstanceChargeType. */
static gboolean
names_instance (IcpFakeRequest *request,
                const char     *id)
{
  g_autofree char *quoted = g_strdup_printf ("[\"%s\"]", id);

  return g_strcmp0 (icp_fake_request_get_param (request, "InstanceId"), id) == 0 ||
         g_strcmp0 (icp_fake_request_get_param (request, "InstanceIds"), quoted) == 0;
}

static guint
count_dry_runs (const char *action,
                const char *id)
{
  g_autoptr(GPtrArray) dry_runs = icp_fake_cloud_list_changes (fake, TRUE);
  guint n = 0;

  for (guint i = 0; i < dry_runs->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (dry_runs, i);

      if (g_strcmp0 (request->action, action) == 0 && names_instance (request, id))
        n++;
    }
  return n;
}

/* The headline of the review page as it should read for these counts. */
static char *
expected_headline (guint eligible,
                   guint total)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u server can get an ICP filing service code now.",
                                       "%u of %u servers can get an ICP filing service code now.",
                                       total),
                          eligible, total);
}

static const char *
headline (IcpWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (icp_ui_test_get (GTK_WIDGET (window),
                                                         "review-headline")));
}

/* The fix wizards open on @window (none, or exactly one). */
static IcpFixWizard *
find_wizard (IcpWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  IcpFixWizard *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ICP_IS_FIX_WIZARD (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        {
          g_assert_null (found);
          g_assert_true (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window));
          found = ICP_FIX_WIZARD (toplevel);
        }
    }
  return found;
}

typedef struct
{
  IcpWindow  *window;
  const char *text;
} HeadlineWait;

static gboolean
headline_is_cb (gpointer data)
{
  HeadlineWait *wait = data;

  return g_strcmp0 (headline (wait->window), wait->text) == 0;
}

/* Connected and fetched in the window; win.fix opens the wizard with the window's connection;
 * nothing that changes anything before the confirmation; the choice of "Pay from my balance
 * now" goes out as AutoPay with a ClientToken, in exactly one call; an unpaid order is paid
 * in the fake and win.refresh reads it; the window's inventory, the review page and its
 * headline show the new verdict. */
static void
test_fix (Fixture       *fixture,
          gconstpointer  data)
{
  const FixCase *fix = data;
  IcpWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  IcpInventory *inventory;
  IcpInstance *instance;
  IcpFixWizard *wizard;
  AdwMessageDialog *dialog;
  GtkWidget *pay_check;
  IcpFakeRequest *call;
  IcpReviewPage *review;
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *client_token = NULL;
  g_autofree char *shot = NULL;
  guint total, eligible, blocked, eligible_after;
  HeadlineWait headline_wait;

  set_env_keys (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  connect_and_review (window, "");

  /* Before: the sample as it is (no case before changed it); the server blocked, for (among
   * others) what the fix is for. */
  inventory = icp_window_get_inventory (window);
  assert_account_counts (inventory);
  instance = icp_inventory_lookup (inventory, fix->id);
  g_assert_nonnull (instance);
  g_assert_cmpstr (icp_instance_get_display_name (instance), ==, fix->name);
  g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==,
                   ICP_VERDICT_STATE_BLOCKED);
  g_assert_true (icp_test_instance_has_finding (instance, fix->fixed));
  total = g_list_model_get_n_items (G_LIST_MODEL (inventory));
  eligible = icp_inventory_count (inventory, ICP_VERDICT_STATE_ELIGIBLE);
  blocked = icp_inventory_count (inventory, ICP_VERDICT_STATE_BLOCKED);
  before_text = expected_headline (eligible, total);
  g_assert_cmpstr (headline (window), ==, before_text);

  /* win.fix (instance id, remedy nick): a wizard on the window, with its connection. */
  g_assert_null (find_wizard (window));
  g_assert_true (icp_ui_test_activate (widget, "win.fix",
                                       g_variant_new ("(ss)", fix->id, fix->nick)));
  wizard = find_wizard (window);
  g_assert_nonnull (wizard);
  icp_ui_test_wait_mapped (GTK_WIDGET (wizard));
  g_assert_true (icp_fix_wizard_get_instance (wizard) == instance);
  g_assert_cmpint (icp_fix_wizard_get_remedy (wizard), ==, fix->remedy);
  g_assert_nonnull (icp_window_get_connection (window));
  g_assert_true (icp_fix_wizard_get_connection (wizard) == icp_window_get_connection (window));

  /* To the summary, then its "…Now" button. */
  while (icp_fix_wizard_next (wizard))
    ;
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (GTK_WIDGET (wizard), "api_group")));
  icp_ui_test_click (icp_ui_test_get (GTK_WIDGET (wizard), "fix_now_button"));
  g_assert_true (icp_fix_wizard_get_busy (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "progress");

  /* The confirmation: by then a dry run of this change went out, and nothing real. */
  dialog = icp_ui_test_wait_confirmation (wizard);
  g_assert_cmpuint (count_dry_runs (fix->action, fix->id), ==, 1);
  calls = icp_fake_cloud_list_changes (fake, FALSE);
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (fake), ==, 0);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), fix->name));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  /* It names the server, the change with its months or Mbit/s, the cost and that nothing is
   * paid now (AutoPay off until ticked). */
  icp_ui_test_check_confirmation (dialog, wizard);

  /* "Pay from my balance now": off unless ticked. */
  pay_check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (pay_check));
  g_assert_cmpstr (gtk_widget_get_name (pay_check), ==, "pay_check");
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (pay_check)), ==,
                   _("_Pay from my balance now"));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (pay_check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pay_check), fix->pay_now);
  g_assert_cmpint (icp_fix_request_get_pay (icp_fix_wizard_get_request (wizard)), ==,
                   fix->pay_now);
  /* The body follows the choice. */
  icp_ui_test_check_confirmation (dialog, wizard);
  assert_no_secrets ();
  icp_test_wait (50);
  shot = g_strdup_printf ("%s-confirm", fix->shot);
  g_free (icp_ui_test_screenshot (GTK_WIDGET (dialog), shot));
  g_clear_pointer (&shot, g_free);

  adw_message_dialog_response (dialog, "apply");
  icp_ui_test_wait_wizard_page (wizard, "result");
  g_assert_false (icp_fix_wizard_get_busy (wizard));

  /* Exactly one real call: this instance, AutoPay as chosen, the request's ClientToken. */
  calls = icp_fake_cloud_list_changes (fake, FALSE);
  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (call->action, ==, fix->action);
  g_assert_true (names_instance (call, fix->id));
  g_assert_null (icp_fake_request_get_param (call, "DryRun"));
  g_assert_cmpstr (icp_fake_request_get_param (call, "AutoPay"), ==,
                   fix->pay_now ? "true" : "false");
  client_token = g_strdup (icp_fake_request_get_param (call, "ClientToken"));
  g_assert_nonnull (client_token);
  g_assert_cmpstr (client_token, !=, "");
  g_assert_cmpstr (client_token, ==,
                   icp_fix_request_get_client_token (icp_fix_wizard_get_request (wizard)));
  g_assert_null (call->code);
  g_clear_pointer (&calls, g_ptr_array_unref);
  shot = g_strdup_printf ("%s-result", fix->shot);
  icp_test_wait (50);
  g_free (icp_ui_test_screenshot (GTK_WIDGET (wizard), shot));
  g_clear_pointer (&shot, g_free);

  if (fix->pay_now)
    {
      /* Paid: the wizard read the instance again into the window's own inventory. */
      g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (fake), ==, 0);
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (icp_ui_test_get (
                         GTK_WIDGET (wizard), "result"))), !=, _("Order Placed"));
      g_assert_true (icp_window_get_inventory (window) == inventory);
    }
  else
    {
      GtkWidget *weak = GTK_WIDGET (wizard);

      /* An unpaid order: nothing changed yet, in the account or in the window. */
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (icp_ui_test_get (
                         GTK_WIDGET (wizard), "result"))), ==, _("Order Placed"));
      g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (fake), ==, 1);
      g_assert_true (icp_test_instance_has_finding (instance, fix->fixed));
      g_assert_cmpstr (headline (window), ==, before_text);

      /* Closed; the order paid in the console; Refresh reads the account again. */
      g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
      g_assert_true (icp_ui_test_activate (weak, "window.close", NULL));
      icp_ui_test_wait_finalized (&weak);
      wizard = NULL;
      g_assert_cmpuint (icp_fake_cloud_pay_orders (fake), ==, 1);
      g_assert_true (icp_ui_test_activate (widget, "win.refresh", NULL));
      g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
      icp_ui_test_wait_page (window, "review");
      inventory = icp_window_get_inventory (window);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, total);
      instance = icp_inventory_lookup (inventory, fix->id);
      g_assert_nonnull (instance);
    }

  /* The window: the new verdict of the instance, … */
  g_assert_true (icp_inventory_lookup (icp_window_get_inventory (window), fix->id) == instance);
  g_assert_false (icp_test_instance_has_finding (instance, fix->fixed));
  g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==, fix->state);
  if (fix->left != NULL)
    {
      IcpFinding *left = icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                                  fix->left);

      g_assert_nonnull (left);
      g_assert_cmpint (icp_finding_get_severity (left), ==, ICP_SEVERITY_BLOCKER);
    }

  /* … the counts (one more eligible when it became eligible) and the headline saying so. */
  eligible_after = eligible + (fix->state == ICP_VERDICT_STATE_ELIGIBLE ? 1 : 0);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_ELIGIBLE), ==,
                    eligible_after);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_BLOCKED), ==,
                    blocked - (fix->state == ICP_VERDICT_STATE_ELIGIBLE ? 1 : 0));
  after_text = expected_headline (eligible_after, total);
  headline_wait = (HeadlineWait) { window, after_text };
  if (!icp_test_wait_for (headline_is_cb, &headline_wait, 2000))
    g_error ("the headline says “%s”, not “%s”", headline (window), after_text);
  if (fix->state == ICP_VERDICT_STATE_ELIGIBLE)
    g_assert_cmpstr (after_text, !=, before_text);

  /* The review page shows the window's inventory; the server selected for the screenshot. */
  review = ICP_REVIEW_PAGE (icp_ui_test_find (widget, NULL, ICP_TYPE_REVIEW_PAGE));
  g_assert_nonnull (review);
  g_assert_true (icp_review_page_get_inventory (review) == inventory);
  g_assert_true (icp_review_page_select_instance (review, fix->id));
  g_assert_true (icp_review_page_get_selected (review) == instance);

  /* Still exactly one real call: reading again changed nothing more. */
  calls = icp_fake_cloud_list_changes (fake, FALSE);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (icp_fake_request_get_param (g_ptr_array_index (calls, 0), "ClientToken"), ==,
                   client_token);

  settle (window);
  shot = g_strdup_printf ("%s-window", fix->shot);
  g_free (icp_ui_test_screenshot (widget, shot));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  icp_ui_test_init (&argc, &argv);

  test_now = icp_time_parse (ICP_TEST_NOW, NULL);
  new_fake ();

  app = icp_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  icp_application_set_now (app, test_now);

#define ADD(path, func) \
  g_test_add ("/icp/ui-fetch/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("connect", test_connect);
  ADD ("throttled", test_throttled);
  ADD ("cancel", test_cancel);
  ADD ("wrong-key", test_wrong_key);
  ADD ("network", test_network);
  ADD ("refresh", test_refresh);
  ADD ("switch", test_switch);
#undef ADD

#define ADD_FIX(path, fix) \
  g_test_add ("/icp/ui-fetch/" path, Fixture, &fix, fixture_setup, test_fix, \
              fixture_teardown_fresh_fake)
  ADD_FIX ("fix-renew", fix_renew);
  ADD_FIX ("fix-switch", fix_switch);
  ADD_FIX ("fix-bandwidth", fix_bandwidth);
#undef ADD_FIX

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&fake);
  g_clear_pointer (&test_now, g_date_time_unref);
  return status;
}
