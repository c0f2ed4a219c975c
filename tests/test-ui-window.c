/* test-ui-window.c: the application and its main window, driven as a user would
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One IcpApplication for the whole program (registered, not run), a new IcpWindow per test.
 * The sample is evaluated as of ICP_TEST_NOW with the filing account of data/samples/README.md;
 * its tally there is what the counts below are. Screenshots go to
 * $ICP_SCREENSHOT_DIR/<LANGUAGE>/. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "icp-application.h"
#include "icp-apply-guide.h"
#include "icp-checker.h"
#include "icp-finding.h"
#include "icp-fix-wizard.h"
#include "icp-inventory.h"
#include "icp-preferences-window.h"
#include "icp-test-utils.h"
#include "icp-time.h"
#include "icp-ui-test-utils.h"
#include "icp-window.h"

#define SAMPLE_ACCOUNT "1234567890123456"

static IcpApplication *app;

typedef struct
{
  IcpWindow *window;
  char      *tmpdir;
} Fixture;

static void
reset_settings (void)
{
  GSettings *settings = icp_application_get_settings (app);
  const char *keys[] = { "filing-account", "policy-file", "recent-files", "window-width",
                         "window-height", "window-maximized" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_string (settings, "filing-account", SAMPLE_ACCOUNT);
}

static IcpWindow *
new_window (void)
{
  IcpWindow *window = icp_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  icp_ui_test_wait_mapped (GTK_WIDGET (window));
  return window;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  reset_settings ();
  fixture->tmpdir = icp_test_make_temp_dir ("icp-ui-window-XXXXXX");
  fixture->window = new_window ();
}

/* Every window and dialog goes, and the main window is finalized: nothing keeps it alive. */
static void
destroy_window (IcpWindow *window)
{
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  icp_ui_test_wait_finalized (&weak);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  destroy_window (fixture->window);
  icp_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static void
open_sample (IcpWindow *window)
{
  g_assert_true (icp_ui_test_activate (GTK_WIDGET (window), "win.open-sample", NULL));
  /* Reading is off the UI thread: the loading page is up before any byte is read. */
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  icp_ui_test_wait_page (window, "review");
}

static void
assert_counts (IcpInventory *inventory,
               guint         total,
               guint         eligible,
               guint         blocked,
               guint         not_required)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, total);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_ELIGIBLE), ==, eligible);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_BLOCKED), ==, blocked);
  g_assert_cmpuint (icp_inventory_count (inventory, ICP_VERDICT_STATE_NOT_REQUIRED), ==,
                    not_required);
}

static gboolean
in_chinese (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ?: "", "zh");
}

static GtkWindow *find_toplevel (GType type);
static void       assert_toast  (IcpWindow  *window,
                                 const char *text);

/* --- Tests --- */

/* An empty list: no server at all is an account-level finding, and its remedy (buy a server)
 * opens the wizard without an instance. */
static void
test_no_servers (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "empty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(IcpFinding) finding = NULL;
  IcpInventory *inventory;
  IcpFixWizard *wizard;

  g_assert_true (g_file_set_contents (path, "[]", -1, NULL));
  icp_window_open_files (fixture->window, &file, 1);
  icp_ui_test_wait_page (fixture->window, "review");

  inventory = icp_window_get_inventory (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, 0);
  findings = g_object_ref (icp_inventory_get_account_findings (inventory));
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  finding = g_list_model_get_item (findings, 0);
  g_assert_cmpstr (icp_finding_get_code (finding), ==, "no-instances");

  g_assert_null (find_toplevel (ICP_TYPE_FIX_WIZARD));
  g_assert_true (icp_ui_test_activate (window, "win.fix",
                                       g_variant_new ("(ss)", "", "buy-server")));
  wizard = ICP_FIX_WIZARD (find_toplevel (ICP_TYPE_FIX_WIZARD));
  g_assert_nonnull (wizard);
  g_assert_null (icp_fix_wizard_get_instance (wizard));
  g_assert_cmpint (icp_fix_wizard_get_remedy (wizard), ==, ICP_REMEDY_BUY_SERVER);
  gtk_window_destroy (GTK_WINDOW (wizard));

  /* Any other remedy needs a server of this list. */
  g_assert_true (icp_ui_test_activate (window, "win.fix",
                                       g_variant_new ("(ss)", "", "renew")));
  g_assert_null (find_toplevel (ICP_TYPE_FIX_WIZARD));
}

static void
test_start_page (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *shot = NULL;

  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");
  g_assert_null (icp_window_get_inventory (fixture->window));

  /* The three ways in. */
  g_assert_nonnull (icp_ui_test_find_text (window, _("Connect an Alibaba Cloud Account")));
  g_assert_nonnull (icp_ui_test_find_text (window, _("Open an Exported Instance List…")));
  g_assert_nonnull (icp_ui_test_find_text (window, _("Try the Sample")));

  /* Nothing to export, search, reload or go back to yet. */
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (window, "export-button")));
  g_assert_false (gtk_widget_get_sensitive (icp_ui_test_get (window, "export-button")));
  g_assert_false (gtk_widget_get_sensitive (icp_ui_test_get (window, "refresh-button")));
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (window, "back-button")));
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (window, "open-button")));

  shot = icp_ui_test_screenshot (window, "start");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
}

typedef struct
{
  GtkWidget *widget;
  int        width;
} SizeWait;

static gboolean
width_changed_cb (gpointer data)
{
  SizeWait *wait = data;

  return gtk_widget_get_width (wait->widget) != wait->width;
}

/* Text the start page does not choose (translations, profile names, file names) in rows that
 * must lay out at any width. On GTK 4.8 some of these, "未找到AccessKey" above all, made a row's
 * box report a critical (fatal here) when the row was measured at its narrowest. */
static void
test_start_page_any_text (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GSettings *settings = icp_application_get_settings (app);
  /* The first from the translator, the others from feeding the row random mixes of pieces
   * like these: English and Chinese break differently, spaces at an end count too. */
  const char *texts[] = {
    "未找到AccessKey",
    "我的服务器(ASet ",
    "AccessKey( ",
    "“Found ",
    " ID",
    "未找到 AccessKey",
    "我的服务器找到，·aliyun",
    "ID“未",
    "_",
    "：/：：",
    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到未找到",
    "LTAI5tExampleKey1234未找到AccessKey_ALIBABA_CLOUD_ACCESS_KEY_SECRET未设置。请运行“aliyun",
  };
  int widths[] = { 0, 1100 };
  GVariantBuilder builder;
  GtkWidget *row;

  /* The message row of an account without keys. */
  row = icp_ui_test_find_text (window, _("No AccessKey Found"));
  g_assert_true (ADW_IS_ACTION_ROW (row));

  /* Recent files with such names: rows the page makes itself. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strconcat (texts[i], ".json", NULL);
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      const char *uris[] = { uri, NULL };

      g_variant_builder_add_value (&builder, g_variant_new_strv (uris, -1));
    }
  g_settings_set_value (settings, "recent-files", g_variant_builder_end (&builder));
  g_assert_nonnull (icp_ui_test_find_text (window, "未找到AccessKey.json"));

  /* At the window's narrowest and at its default width, each text as title and subtitle. */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &widths[0], NULL, NULL, NULL);
  for (gsize w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      SizeWait wait = { window, gtk_widget_get_width (window) };

      /* The default size counts the client-side shadow; wait for any new width. */
      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 700);
      if (!icp_test_wait_for (width_changed_cb, &wait, 5000))
        g_error ("the window stayed %d px wide, asked for %d", wait.width, widths[w]);
      for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_test_message ("%d px: “%s”", widths[w], texts[i]);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), texts[i]);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), texts[G_N_ELEMENTS (texts) - 1 - i]);
          icp_ui_test_wait_mapped (window);
          /* Nothing wider than the window. */
          g_assert_cmpint (gtk_widget_get_width (row), <=, gtk_widget_get_width (window));
        }
      g_free (icp_ui_test_screenshot (window, w == 0 ? "start-any-text-narrow"
                                                     : "start-any-text"));
    }
}

/* The window evaluates as of the application's time (--now), and follows it when it changes:
 * a window that read the clock itself would judge the sample as of today. */
static void
test_follows_app_now (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) test_now = g_date_time_ref (icp_application_get_now (app));
  g_autoptr(GDateTime) later = g_date_time_add_years (test_now, 2);
  IcpChecker *checker;

  open_sample (fixture->window);
  checker = icp_inventory_get_checker (icp_window_get_inventory (fixture->window));
  g_assert_true (g_date_time_equal (icp_checker_get_now (checker), test_now));
  assert_counts (icp_window_get_inventory (fixture->window), 35, 12, 18, 5);

  /* Two years on, every subscription of the sample has run out. */
  icp_application_set_now (app, later);
  g_assert_true (g_date_time_equal (icp_checker_get_now (checker), later));
  g_assert_cmpuint (icp_inventory_count (icp_window_get_inventory (fixture->window),
                                         ICP_VERDICT_STATE_ELIGIBLE), ==, 0);

  icp_application_set_now (app, test_now);
  assert_counts (icp_window_get_inventory (fixture->window), 35, 12, 18, 5);
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GSettings *settings = icp_application_get_settings (app);
  IcpInventory *inventory;
  g_autofree char *shot = NULL;

  open_sample (fixture->window);
  inventory = icp_window_get_inventory (fixture->window);
  g_assert_nonnull (inventory);
  /* data/samples/README.md: with the filing console's CSV and account 1234567890123456,
   * 18 blocked, 5 not required, the rest eligible (8 clean, 4 with warnings). */
  assert_counts (inventory, 35, 12, 18, 5);

  /* The review has what the start page had not. */
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (window, "export-button")));
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (window, "export-button")));
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (window, "refresh-button")));
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (window, "back-button")));
  g_assert_nonnull (icp_ui_test_find_text (window, "ecs-instances.json"));

  shot = icp_ui_test_screenshot (window, "review");
  g_assert_nonnull (shot);

  /* Without a filing account, web-prod-02's other owner no longer blocks it. */
  g_settings_set_string (settings, "filing-account", "");
  assert_counts (inventory, 35, 13, 17, 5);
  g_settings_set_string (settings, "filing-account", SAMPLE_ACCOUNT);
  assert_counts (inventory, 35, 12, 18, 5);

  /* Ctrl+F: the review page's search entry takes the focus. */
  g_assert_true (icp_ui_test_activate (window, "win.search", NULL));
  icp_test_wait (50);
  {
    GtkWidget *search = icp_ui_test_find (window, NULL, GTK_TYPE_SEARCH_ENTRY);
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_nonnull (search);
    g_assert_nonnull (focus);
    g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));
  }

  /* The details' buttons: a wizard for a blocked server, the guide for an eligible one, and
   * a toast for an id that is not in the list. */
  g_assert_true (icp_ui_test_activate (window, "win.fix",
                                       g_variant_new ("(ss)", "i-uf64kz9c2v7n1x5b8q3d",
                                                      "renew")));
  g_assert_nonnull (find_toplevel (ICP_TYPE_FIX_WIZARD));
  gtk_window_destroy (find_toplevel (ICP_TYPE_FIX_WIZARD));
  g_assert_true (icp_ui_test_activate (window, "win.apply-guide",
                                       g_variant_new_string ("i-bp1g6zv0ce8oghu7k2a")));
  g_assert_nonnull (find_toplevel (ICP_TYPE_APPLY_GUIDE));
  gtk_window_destroy (find_toplevel (ICP_TYPE_APPLY_GUIDE));
  g_assert_true (icp_ui_test_activate (window, "win.apply-guide",
                                       g_variant_new_string ("i-nosuchserver")));
  assert_toast (fixture->window, "i-nosuchserver");

  /* Reload reads the same files again into a fresh inventory. */
  g_assert_true (icp_ui_test_activate (window, "win.refresh", NULL));
  icp_ui_test_wait_page (fixture->window, "review");
  g_assert_true (icp_window_get_inventory (fixture->window) != inventory);
  assert_counts (icp_window_get_inventory (fixture->window), 35, 12, 18, 5);

  /* Back to the start; the sample is not a recent file. */
  g_assert_true (icp_ui_test_activate (window, "win.show-start", NULL));
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");
  {
    g_autoptr(GVariant) recent = g_settings_get_value (settings, "recent-files");

    g_assert_cmpuint (g_variant_n_children (recent), ==, 0);
  }
}

/* The loading page, held open by a named pipe that the test feeds by hand. */
static void
test_loading (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *fifo = g_build_filename (fixture->tmpdir, "slow.json", NULL);
  g_autofree char *sample = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fifo);
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *progress;
  gsize length;
  int fd;

  g_assert_true (g_file_get_contents (sample, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  icp_window_open_files (fixture->window, &file, 1);
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "loading");

  /* The reader thread is waiting for a writer; give it half the file, in two goes more than
   * a tenth of a second apart (the reader reports progress ten times a second at most). */
  fd = open (fifo, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, contents, length / 4), ==, (gssize) (length / 4));
  icp_test_wait (250);
  g_assert_cmpint (write (fd, contents + length / 4, length / 4), ==, (gssize) (length / 4));
  icp_test_wait (250);
  icp_ui_test_wait_mapped (window);

  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "loading");
  progress = icp_ui_test_find (window, NULL, GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (progress);
  /* "64.5 kB read": some bytes, and no total for a pipe. */
  {
    g_autofree char *zero = g_format_size (0);
    g_autofree char *nothing = g_strdup_printf (_("%s read"), zero);
    const char *text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress));

    g_assert_nonnull (text);
    g_assert_cmpstr (text, !=, nothing);
  }
  g_assert_nonnull (icp_ui_test_find_text (window, "slow.json"));
  /* Everything that needs a list waits; Cancel and the way back do not. */
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (window, "export-button")));
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (window, "cancel-button")));
  shot = icp_ui_test_screenshot (window, "loading");
  g_assert_nonnull (shot);

  /* Cancel: back to the start page at once, though the reader is still blocked. */
  g_assert_true (icp_ui_test_activate (window, "win.cancel-load", NULL));
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");

  /* The rest of the file arrives late: the stale load must change nothing. */
  g_assert_cmpint (write (fd, contents + length / 2, length - length / 2), ==,
                   (gssize) (length - length / 2));
  close (fd);
  icp_test_wait (300);
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");
  g_assert_null (icp_window_get_inventory (fixture->window));
}

typedef struct
{
  GtkProgressBar *bar;
  const char     *prefix;
} ProgressWait;

static gboolean
progress_starts_with_cb (gpointer data)
{
  ProgressWait *wait = data;
  const char *text = gtk_progress_bar_get_text (wait->bar);

  return text != NULL && g_str_has_prefix (text, wait->prefix);
}

/* A list bigger than one batch is checked a batch at a time on the UI thread, with progress;
 * Cancel in the middle leaves no half-checked list behind, and a second try gets everything. */
static void
test_check_batches (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "many.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *checking = NULL;
  ProgressWait wait;
  const guint n = 12345;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"InstanceId\":\"i-batch%06u\",\"RegionId\":\"cn-hangzhou\","
                            "\"InstanceChargeType\":\"PrePaid\",\"Status\":\"Running\"}",
                            i == 0 ? "" : ",", i);
  g_string_append (json, "]");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  /* "Checking 5000 of 12345 servers": the words before the first number. */
  checking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checking %u of %u server",
                                           "Checking %u of %u servers", n), 0, n);
  *strchr (checking, '0') = '\0';
  wait.bar = GTK_PROGRESS_BAR (icp_ui_test_find (window, NULL, GTK_TYPE_PROGRESS_BAR));
  wait.prefix = checking;

  icp_window_open_files (fixture->window, &file, 1);
  if (!icp_test_wait_for (progress_starts_with_cb, &wait, 20000))
    g_error ("no “%s…” progress while checking %u servers", checking, n);
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "loading");
  g_assert_true (icp_ui_test_activate (window, "win.cancel-load", NULL));
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");
  icp_test_wait (200);
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");
  g_assert_null (icp_window_get_inventory (fixture->window));

  icp_window_open_files (fixture->window, &file, 1);
  icp_ui_test_wait_page (fixture->window, "review");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (icp_window_get_inventory (fixture->window))),
                    ==, n);
}

static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                 "bad-syntax.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *shot = NULL;
  GtkWidget *status;
  const char *description;

  icp_window_open_files (fixture->window, &file, 1);
  icp_ui_test_wait_page (fixture->window, "error");

  /* The message names the file, the line and the column (bad-syntax.json:4:22). */
  status = icp_ui_test_get (window, "error-page");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (status));
  g_assert_nonnull (strstr (description, "bad-syntax.json"));
  g_assert_nonnull (strstr (description, ":4:22"));
  g_assert_null (icp_window_get_inventory (fixture->window));
  g_assert_nonnull (icp_ui_test_find_text (window, _("_Open Another File…")));
  shot = icp_ui_test_screenshot (window, "error");
  g_assert_nonnull (shot);

  /* Reload tries the same file again, and fails the same way. */
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (window, "back-button")));
  g_assert_true (icp_ui_test_activate (window, "win.refresh", NULL));
  icp_ui_test_wait_page (fixture->window, "error");

  /* A good file after a bad one. */
  open_sample (fixture->window);
  assert_counts (icp_window_get_inventory (fixture->window), 35, 12, 18, 5);

  g_assert_true (icp_ui_test_activate (window, "win.show-start", NULL));
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "start");
}

static gboolean
has_text_cb (gpointer data)
{
  gpointer *args = data;

  return icp_ui_test_find_text (args[0], args[1]) != NULL;
}

static void
assert_toast (IcpWindow  *window,
              const char *text)
{
  gpointer args[] = { window, (gpointer) text };

  if (!icp_test_wait_for (has_text_cb, args, 3000))
    g_error ("no toast saying “%s”", text);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  IcpWindow *window = fixture->window;
  g_autofree char *json_path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->tmpdir, "report.CSV", NULL);
  g_autofree char *not_dir = g_build_filename (fixture->tmpdir, "not-a-folder", NULL);
  g_autofree char *under_file = g_build_filename (not_dir, "report.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "missing", "report.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) under_file_file = g_file_new_for_path (under_file);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *summary;

  open_sample (window);

  /* JSON: the report parses, and says what the window shows. */
  g_assert_true (icp_window_save_report (window, json_file));
  assert_toast (window, "report.json");
  text = icp_test_read_file (json_path, NULL);
  root = icp_test_parse_json (text);
  summary = json_object_get_object_member (json_node_get_object (root), "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (summary, "eligible"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (summary, "blocked"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (summary, "not-required"), ==, 5);
  g_clear_pointer (&text, g_free);

  /* CSV by its extension, whatever its case: a header and one row per server. */
  g_assert_true (icp_window_save_report (window, csv_file));
  text = icp_test_read_file (csv_path, NULL);
  g_assert_false (g_str_has_prefix (text, "{"));
  rows = icp_test_parse_csv (text, ICP_TEST_CSV_ANY_LINE_END);
  g_assert_cmpuint (rows->len, ==, 36);

  /* Where no file can be made: an error toast, and nothing left behind. */
  g_assert_true (g_file_set_contents (not_dir, "a file, not a folder\n", -1, NULL));
  listing = icp_test_list_dir (fixture->tmpdir);
  g_assert_false (icp_window_save_report (window, under_file_file));
  assert_toast (window, "not-a-folder");
  g_assert_false (icp_window_save_report (window, missing_file));
  assert_toast (window, "missing");
  {
    g_autofree char *after = icp_test_list_dir (fixture->tmpdir);

    g_assert_cmpstr (after, ==, listing);
  }

  /* A folder that cannot be written to (meaningless for root, who may write anywhere). */
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (fixture->tmpdir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "report.json", NULL);
      g_autoptr(GFile) inside_file = g_file_new_for_path (inside);
      g_autofree char *locked_listing = NULL;

      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      g_assert_false (icp_window_save_report (window, inside_file));
      locked_listing = icp_test_list_dir (locked);
      g_assert_cmpstr (locked_listing, ==, "");
      g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
    }
}

static IcpPreferencesWindow *
find_preferences (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ICP_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GSettings *settings = icp_application_get_settings (app);
  IcpPolicy *policy_before = icp_application_get_policy (app);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                   "broken-policy.ini", NULL);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autofree char *shot = NULL;
  g_autofree char *account = NULL;
  IcpPreferencesWindow *preferences;
  IcpInventory *inventory;
  GtkWidget *row;
  GtkWidget *error_label;

  open_sample (fixture->window);
  inventory = icp_window_get_inventory (fixture->window);
  g_settings_set_string (settings, "filing-account", "");
  assert_counts (inventory, 35, 13, 17, 5);

  g_assert_true (icp_ui_test_activate (GTK_WIDGET (fixture->window), "app.preferences", NULL));
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  icp_ui_test_wait_mapped (GTK_WIDGET (preferences));

  /* Typing is not applying: a half-typed number flags nothing. */
  row = icp_ui_test_get (GTK_WIDGET (preferences), "filing-account-row");
  gtk_editable_set_text (GTK_EDITABLE (row), SAMPLE_ACCOUNT);
  assert_counts (inventory, 35, 13, 17, 5);
  g_signal_emit_by_name (row, "apply");
  account = g_settings_get_string (settings, "filing-account");
  g_assert_cmpstr (account, ==, SAMPLE_ACCOUNT);
  /* The window's checker follows the setting: web-prod-02 is blocked again. */
  assert_counts (inventory, 35, 12, 18, 5);

  /* Not a number: refused, flagged, the setting kept. */
  gtk_editable_set_text (GTK_EDITABLE (row), "12ab");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&account, g_free);
  account = g_settings_get_string (settings, "filing-account");
  g_assert_cmpstr (account, ==, SAMPLE_ACCOUNT);
  gtk_editable_set_text (GTK_EDITABLE (row), SAMPLE_ACCOUNT);
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* A broken policy file: named in the window, the old policy kept, the setting untouched. */
  g_assert_false (icp_preferences_window_set_policy_file (preferences, broken_file));
  error_label = icp_ui_test_get (GTK_WIDGET (preferences), "policy-error-label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "broken-policy.ini"));
  g_assert_true (icp_application_get_policy (app) == policy_before);
  {
    g_autofree char *policy_file = g_settings_get_string (settings, "policy-file");

    g_assert_cmpstr (policy_file, ==, "");
  }
  assert_counts (inventory, 35, 12, 18, 5);

  icp_ui_test_wait_mapped (GTK_WIDGET (preferences));
  shot = icp_ui_test_screenshot (GTK_WIDGET (preferences), "preferences");
  g_assert_nonnull (shot);

  /* The built-in policy again, through the same path: it loads, and the error goes. */
  g_assert_true (icp_preferences_window_set_policy_file (preferences, NULL));
  g_assert_false (gtk_widget_get_visible (error_label));
  icp_ui_test_wait_page (fixture->window, "review");
  assert_counts (icp_window_get_inventory (fixture->window), 35, 12, 18, 5);
}

static void
test_window_size (Fixture       *fixture,
                  gconstpointer  data)
{
  GSettings *settings = icp_application_get_settings (app);
  IcpWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 650);
  icp_ui_test_wait_mapped (GTK_WIDGET (fixture->window));
  /* Closing (not destroying) is what saves the size. */
  g_object_ref (fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_object_unref (fixture->window);
  fixture->window = NULL;

  second = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
  fixture->window = second;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWindow *about;
  g_autofree char *shot = NULL;

  g_assert_true (icp_ui_test_activate (GTK_WIDGET (fixture->window), "app.about", NULL));
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   _("ICP Filing Assistant"));
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  icp_ui_test_wait_mapped (GTK_WIDGET (about));
  shot = icp_ui_test_screenshot (GTK_WIDGET (about), "about");
  g_assert_nonnull (shot);
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWindow *shortcuts;
  g_autofree char *shot = NULL;

  g_assert_true (icp_ui_test_activate (GTK_WIDGET (fixture->window), "win.show-help-overlay",
                                       NULL));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  icp_ui_test_wait_mapped (GTK_WIDGET (shortcuts));
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (shortcuts),
                                           C_("shortcut window", "Export the report")));
  shot = icp_ui_test_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  g_assert_nonnull (shot);
  gtk_window_destroy (shortcuts);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkDropTarget *target = find_drop_target (window);
  g_autofree char *json = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *csv = icp_test_sample_path ("filing-console.csv");
  GSList *files = NULL;
  GdkFileList *list;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  GSettings *settings = icp_application_get_settings (app);

  g_assert_nonnull (target);
  g_assert_cmpuint (gtk_drop_target_get_actions (target) & GDK_ACTION_COPY, !=, 0);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST, gtk_drop_target_get_gtypes (target, NULL)[0]));

  /* Files dragged over the window: the hint covers it, and goes when they leave. */
  {
    GdkDragAction action = 0;
    GtkWidget *hint = icp_ui_test_get (window, "drop-hint");
    g_autofree char *shot = NULL;

    g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
    g_assert_cmpint (action, ==, GDK_ACTION_COPY);
    g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (hint)));
    icp_ui_test_wait_mapped (window);
    shot = icp_ui_test_screenshot (window, "drop");
    g_signal_emit_by_name (target, "leave");
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (hint)));
  }

  files = g_slist_append (files, g_file_new_for_path (json));
  files = g_slist_append (files, g_file_new_for_path (csv));
  list = gdk_file_list_new_from_list (files);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);

  /* What GTK does when files are dropped: the same handler, with the same value. */
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_cmpstr (icp_window_get_page (fixture->window), ==, "loading");
  icp_ui_test_wait_page (fixture->window, "review");
  assert_counts (icp_window_get_inventory (fixture->window), 35, 12, 18, 5);

  /* Dropped files are recent files, the two together, and the start page lists them. */
  {
    g_autoptr(GVariant) recent = g_settings_get_value (settings, "recent-files");
    g_autoptr(GVariant) first = NULL;

    g_assert_cmpuint (g_variant_n_children (recent), ==, 1);
    first = g_variant_get_child_value (recent, 0);
    g_assert_cmpuint (g_variant_n_children (first), ==, 2);
  }
  g_assert_true (icp_ui_test_activate (window, "win.show-start", NULL));
  {
    g_autofree char *title = g_strconcat ("ecs-instances.json", _(", "), "filing-console.csv",
                                          NULL);

    g_assert_nonnull (icp_ui_test_find_text (window, title));
    icp_ui_test_wait_mapped (window);
    g_free (icp_ui_test_screenshot (window, "start-recent"));
  }

  /* Dropping works on the review page too. */
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  icp_ui_test_wait_page (fixture->window, "review");

  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
}

/* Keys in the environment are offered, masked; choosing them connects (the window checks the
 * keys first: tests/test-ui-fetch.c follows that through, tests/test-ui-accounts.c the rows). */
static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  IcpWindow *window;
  GtkWidget *row;

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tExampleKey1234", TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-a-real-secret-5678", TRUE);
  /* Nothing reaches the real cloud from here. */
  g_setenv ("ICP_ASSISTANT_ENDPOINT", "http://127.0.0.1:9/", TRUE);
  window = new_window ();

  row = icp_ui_test_find_text (GTK_WIDGET (window), "1234");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  /* Masked: the id's middle and the secret never show. */
  g_assert_null (icp_ui_test_find_text (GTK_WIDGET (window), "LTAI5tExampleKey1234"));
  g_assert_null (icp_ui_test_find_text (GTK_WIDGET (window), "not-a-real-secret"));
  /* The other window has no such row: it was made without the keys. */
  g_assert_null (icp_ui_test_find_text (GTK_WIDGET (fixture->window), "1234"));

  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (icp_window_get_page (window), ==, "loading");
  g_assert_true (icp_ui_test_activate (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_cmpstr (icp_window_get_page (window), ==, "start");

  destroy_window (window);
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_unsetenv ("ICP_ASSISTANT_ENDPOINT");
}

/* The Chinese text expected for an English msgid, following DOMAIN.md's glossary. */
static void
assert_translated (GtkWidget  *root,
                   const char *msgid,
                   const char *chinese)
{
  if (g_strcmp0 (_(msgid), msgid) == 0)
    {
      g_autofree char *why = g_strdup_printf ("“%s” has no zh_CN translation yet", msgid);

      g_test_skip (why);
      return;
    }
  g_assert_cmpstr (_(msgid), ==, chinese);
  g_assert_nonnull (icp_ui_test_find_text (root, chinese));
}

static void
test_translated (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  if (!in_chinese ())
    {
      /* In English the msgids are the labels. */
      g_assert_nonnull (icp_ui_test_find_text (window, "ICP Filing Assistant"));
      g_assert_nonnull (icp_ui_test_find_text (window, "Try the Sample"));
      return;
    }

  assert_translated (window, "ICP Filing Assistant", "ICP 备案助手");
  assert_translated (window, "Try the Sample", "试用示例");
  assert_translated (window, "Connect an Alibaba Cloud Account", "连接阿里云账号");
  assert_translated (window, "Open a List", "打开列表");
}

static void
test_command_line (void)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "ui",
                                                    "icp-assistant", NULL);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "fixtures", "cli",
                                                   "broken-policy.ini", NULL);
  g_autofree char *policy_arg = g_strconcat ("--policy=", broken, NULL);
  struct {
    const char *argv[3];
    int         status;
    const char *in_stdout;
    const char *in_stderr;
  } cases[] = {
    { { "--version", NULL }, 0, PACKAGE_VERSION, NULL },
    { { "--now=next tuesday", NULL }, 1, NULL, "next tuesday" },
    { { "--now=2026-02-30T00:00:00Z", NULL }, 1, NULL, "2026-02-30" },
    { { policy_arg, NULL }, 1, NULL, "broken-policy.ini" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { program, cases[i].argv[0], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = -1;

      g_test_message ("icp-assistant %s", cases[i].argv[0]);
      /* These end before the application registers: no window, no D-Bus. */
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, cases[i].status);
      if (cases[i].in_stdout != NULL)
        g_assert_nonnull (strstr (out, cases[i].in_stdout));
      if (cases[i].in_stderr != NULL)
        g_assert_nonnull (strstr (err, cases[i].in_stderr));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  int status;

  icp_ui_test_init (&argc, &argv);

  app = icp_application_new ();
  /* One test program at a time owns the name; NON_UNIQUE keeps it off the bus. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  now = icp_time_parse (ICP_TEST_NOW, NULL);
  icp_application_set_now (app, now);

#define ADD(path, func) \
  g_test_add ("/icp/ui-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("start-page", test_start_page);
  ADD ("start-page-any-text", test_start_page_any_text);
  ADD ("sample", test_sample);
  ADD ("follows-app-now", test_follows_app_now);
  ADD ("loading", test_loading);
  ADD ("check-batches", test_check_batches);
  ADD ("error", test_error);
  ADD ("no-servers", test_no_servers);
  ADD ("export", test_export);
  ADD ("preferences", test_preferences);
  ADD ("window-size", test_window_size);
  ADD ("about", test_about);
  ADD ("shortcuts", test_shortcuts);
  ADD ("drop", test_drop);
  ADD ("profiles", test_profiles);
  ADD ("translated", test_translated);
#undef ADD
  g_test_add_func ("/icp/ui-window/command-line", test_command_line);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
