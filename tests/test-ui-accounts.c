/* test-ui-accounts.c: accounts in the app: pick a profile, add AccessKeys, keep several, remove
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs in tests/with-keyring.sh (a private, unlocked gnome-keyring: ICP_TEST_KEYRING=ready;
 * without it every case fails and says why) and against the in-process fake cloud, whose
 * GetCallerIdentity checks the keys typed into IcpAccessKeyDialog.
 *
 * The start page lives in a plain GtkWindow that provides a "win" action group with a
 * "connect" (s) action of its own, which records what it was given: the page's contract is
 * to activate win.connect with the profile's name; what IcpWindow then does is tested with
 * the window. The preferences window is the real one. Screenshots go to
 * $ICP_SCREENSHOT_DIR/<LANGUAGE>/accounts-*.png. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "icp-access-key-dialog.h"
#include "icp-application.h"
#include "icp-credentials.h"
#include "icp-fake-cloud.h"
#include "icp-preferences-window.h"
#include "icp-start-page.h"
#include "icp-test-utils.h"
#include "icp-ui-test-utils.h"

/* Names of keyring entries, distinct from any text of the pages. */
#define NAME_MAIN  "ops-main"
#define NAME_AUDIT "ops-audit"

/* The fake cloud's RAM user (tests/fixtures/cloud/account.json), of the same account. */
#define RAM_KEY_ID     "LTAI5tFakeCloudRamUser01"
#define RAM_KEY_SECRET "fakeCloudRamUserSecret0123456789"

#define ENV_KEY_ID     "LTAI5tEnvironmentKey77"
#define ENV_KEY_SECRET "environment-secret-never-shown"
#define CLI_KEY_ID     "LTAI5tCliProfileKey088"
#define CLI_KEY_SECRET "cli-secret-never-shown"
#define CLI_PROFILE    "cli-work"
#define WRONG_SECRET   "wrong-secret-never-shown"

static IcpApplication *app;
static IcpFakeCloud *cloud;

typedef struct
{
  char       *tmpdir;
  GtkWindow  *host;
  GtkWidget  *page;
  /* What win.connect was activated with, in order. */
  GPtrArray  *connects;
} Fixture;

static gboolean
keyring_ready (void)
{
  const char *state = g_getenv ("ICP_TEST_KEYRING");

  if (g_strcmp0 (state, "ready") == 0)
    return TRUE;

  /* Not a skip: a keyring that cannot start is a failure to look into. */
  g_test_fail_printf ("No Secret Service to test against: %s",
                      state != NULL ? state : "run this test through tests/with-keyring.sh");
  return FALSE;
}

/* --- The keyring, directly --- */

static GListModel *
keyring_list (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *profiles;

  icp_credentials_list_keyring_async (NULL, icp_test_store_result_cb, &result);
  profiles = icp_credentials_list_keyring_finish (icp_test_wait_result (&result, "listing"),
                                                  &error);
  g_assert_no_error (error);
  return profiles;
}

static void
keyring_store (const char *label,
               const char *key_id,
               const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  icp_credentials_store_async (label, key_id, secret, NULL, icp_test_store_result_cb, &result);
  g_assert_true (icp_credentials_store_finish (icp_test_wait_result (&result, "storing"),
                                               &error));
  g_assert_no_error (error);
}

static void
keyring_clear (void)
{
  g_autoptr(GListModel) profiles = keyring_list ();

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      icp_credentials_delete_async (icp_profile_get_name (profile), NULL,
                                    icp_test_store_result_cb, &result);
      g_assert_true (icp_credentials_delete_finish (icp_test_wait_result (&result, "removing"),
                                                    &error));
      g_assert_no_error (error);
    }
}

static IcpProfile *
keyring_find (GListModel *profiles,
              const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);

      if (g_strcmp0 (icp_profile_get_name (profile), label) == 0)
        return g_steal_pointer (&profile);
    }
  return NULL;
}

/* --- Widgets --- */

/* The visible preferences row titled exactly @title under @root. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
  gboolean    present;
} RowWait;

static gboolean
row_is_cb (gpointer data)
{
  RowWait *wait = data;

  return (find_row (wait->root, wait->title) != NULL) == wait->present;
}

static GtkWidget *
wait_row (GtkWidget  *root,
          const char *title,
          gboolean    present)
{
  RowWait wait = { root, title, present };

  if (!icp_test_wait_for (row_is_cb, &wait, 10000))
    g_error ("the row “%s” is %s", title, present ? "missing" : "still there");
  return find_row (root, title);
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

static gboolean
has_toplevel_cb (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
wait_toplevel (GType type)
{
  if (!icp_test_wait_for (has_toplevel_cb, GSIZE_TO_POINTER (type), 5000))
    g_error ("no %s appeared", g_type_name (type));
  icp_ui_test_wait_mapped (GTK_WIDGET (find_toplevel (type)));
  return find_toplevel (type);
}

/* No window shows @text anywhere (labels, rows, titles, tooltips, visible entry text…):
 * secrets, full key IDs. */
static void
assert_nowhere_at_all (const char *text)
{
  icp_ui_test_assert_nowhere (NULL, text, "a secret or full key ID");
}

static void
assert_shows_masked (GtkWidget  *root,
                     const char *key_id)
{
  g_autofree char *masked = icp_credentials_mask_key_id (key_id);

  g_assert_nonnull (icp_ui_test_find_text (root, masked));
  icp_ui_test_assert_nowhere (root, key_id, "a full key ID");
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (icp_ui_test_get (root, name)), text);
}

static gboolean
is_visible_cb (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

/* @message with the request IDs (UUIDs) in it replaced. */
static char *
without_request_id (const char *message)
{
  g_autoptr(GRegex) uuid = NULL;

  uuid = g_regex_new ("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}",
                      G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  return g_regex_replace_literal (uuid, message, -1, 0, "REQUEST", G_REGEX_MATCH_DEFAULT, NULL);
}

/* --- The host window: a start page and win.connect (s) --- */

static void
connect_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->connects, g_variant_dup_string (parameter, NULL));
}

static void
open_host (Fixture *fixture)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) connect = g_simple_action_new ("connect", G_VARIANT_TYPE_STRING);

  g_signal_connect (connect, "activate", G_CALLBACK (connect_activated_cb), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (connect));

  fixture->host = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->host, 760, 900);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->host), "win", G_ACTION_GROUP (group));
  fixture->page = icp_start_page_new ();
  gtk_window_set_child (fixture->host, fixture->page);
  gtk_window_present (fixture->host);
  icp_ui_test_wait_mapped (GTK_WIDGET (fixture->host));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *config = NULL;

  fixture->tmpdir = icp_test_make_temp_dir ("icp-ui-accounts-XXXXXX");
  fixture->connects = g_ptr_array_new_with_free_func (g_free);
  icp_test_unset_credential_env (NULL);
  /* Every connection goes to the fake cloud, in this thread's main context. */
  g_setenv ("ICP_ASSISTANT_ENDPOINT", icp_fake_cloud_get_url (cloud), TRUE);
  /* No aliyun CLI profiles unless a test writes this file. */
  config = g_build_filename (fixture->tmpdir, "config.json", NULL);
  g_setenv ("ICP_ASSISTANT_ALIYUN_CONFIG", config, TRUE);
  icp_fake_cloud_clear_requests (cloud);
  icp_fake_cloud_set_latency (cloud, 0);

  if (g_strcmp0 (g_getenv ("ICP_TEST_KEYRING"), "ready") == 0)
    keyring_clear ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWidget *weak = GTK_WIDGET (fixture->host);

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->host)
      gtk_window_destroy (l->data);
  if (weak != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
      gtk_window_destroy (fixture->host);
      icp_ui_test_wait_finalized (&weak);
    }

  icp_test_unset_credential_env (NULL);
  g_unsetenv ("ICP_ASSISTANT_ALIYUN_CONFIG");
  icp_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_ptr_array_unref (fixture->connects);
}

/* --- The dialog --- */

typedef struct
{
  IcpConnection *connection;
  char          *secret_text;
  gboolean       kept;
} Connected;

static void
connected_cb (IcpAccessKeyDialog *dialog,
              IcpConnection      *connection,
              Connected          *connected)
{
  g_assert_null (connected->connection);
  connected->connection = g_object_ref (connection);
  /* What the secret entry still holds when the keys are handed on. */
  connected->secret_text = g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (icp_ui_test_get (GTK_WIDGET (dialog), "secret-row"))));
  connected->kept = icp_access_key_dialog_get_kept (dialog);
}

static gboolean
is_connected_cb (gpointer data)
{
  return ((Connected *) data)->connection != NULL;
}

static gboolean
name_suggested_cb (gpointer data)
{
  GtkWidget *row = icp_ui_test_get (GTK_WIDGET (data), "name-row");

  return *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0';
}

/* Connected after the window's own handler: what the secret entry holds then. */
static gboolean
secret_at_close_cb (GtkWidget  *dialog,
                    char      **secret)
{
  *secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (icp_ui_test_get (dialog,
                                                                           "secret-row"))));
  return FALSE;
}

/* Activate "Add an AccessKey…" under @root (the start page or the preferences). */
static IcpAccessKeyDialog *
open_dialog (GtkWidget *root)
{
  GtkWidget *row = icp_ui_test_get (root, "add-access-key-row");

  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_null (find_toplevel (ICP_TYPE_ACCESS_KEY_DIALOG));
  g_signal_emit_by_name (row, "activated");
  return ICP_ACCESS_KEY_DIALOG (wait_toplevel (ICP_TYPE_ACCESS_KEY_DIALOG));
}

static void
fill_dialog (IcpAccessKeyDialog *dialog,
             const char         *name,
             const char         *key_id,
             const char         *secret)
{
  GtkWidget *add = icp_ui_test_get (GTK_WIDGET (dialog), "add-button");

  set_text (GTK_WIDGET (dialog), "secret-row", "");
  set_text (GTK_WIDGET (dialog), "name-row", name);
  set_text (GTK_WIDGET (dialog), "key-id-row", key_id);
  g_assert_false (gtk_widget_get_sensitive (add));
  set_text (GTK_WIDGET (dialog), "secret-row", secret);
  g_assert_true (gtk_widget_get_sensitive (add));
}

/* Add a key that works through the dialog opened from @root; returns the connection. */
static IcpConnection *
add_key (GtkWidget  *root,
         const char *name,
         const char *key_id,
         const char *secret)
{
  IcpAccessKeyDialog *dialog = open_dialog (root);
  GtkWidget *weak = GTK_WIDGET (dialog);
  Connected connected = { NULL };

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_signal_connect (dialog, "connected", G_CALLBACK (connected_cb), &connected);
  fill_dialog (dialog, name, key_id, secret);
  icp_ui_test_click (icp_ui_test_get (GTK_WIDGET (dialog), "add-button"));
  if (!icp_test_wait_for (is_connected_cb, &connected, 20000))
    g_error ("the dialog did not connect: %s",
             gtk_label_get_text (GTK_LABEL (icp_ui_test_get (GTK_WIDGET (dialog),
                                                             "error-label"))));
  g_assert_true (connected.kept);
  g_assert_cmpstr (connected.secret_text, ==, "");
  g_free (connected.secret_text);

  /* It closes. */
  icp_ui_test_wait_finalized (&weak);
  return connected.connection;
}

/* --- Tests --- */

/* (a) and (f): the environment's keys, an aliyun CLI profile and a keyring entry are offered,
 * masked, never with a secret; each activates win.connect with its name ("" for the
 * environment). */
static void
test_start_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  struct {
    const char *title;
    const char *expected;
  } rows[] = {
    { NULL, "" },
    { CLI_PROFILE, CLI_PROFILE },
    { NAME_MAIN, NAME_MAIN },
  };

  if (!keyring_ready ())
    return;

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", ENV_KEY_ID, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_KEY_SECRET, TRUE);
  config_path = g_strdup (g_getenv ("ICP_ASSISTANT_ALIYUN_CONFIG"));
  config = g_strdup_printf ("{\"current\": \"%s\", \"profiles\": [{\"name\": \"%s\", "
                            "\"mode\": \"AK\", \"access_key_id\": \"%s\", "
                            "\"access_key_secret\": \"%s\", \"region_id\": \"cn-hangzhou\"}]}",
                            CLI_PROFILE, CLI_PROFILE, CLI_KEY_ID, CLI_KEY_SECRET);
  g_assert_true (g_file_set_contents (config_path, config, -1, &error));
  g_assert_no_error (error);
  keyring_store (NAME_MAIN, ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);

  open_host (fixture);
  wait_row (fixture->page, NAME_MAIN, TRUE);
  g_assert_nonnull (find_row (fixture->page, _("Keys in the Environment")));
  g_assert_nonnull (find_row (fixture->page, CLI_PROFILE));
  g_assert_nonnull (find_row (fixture->page, _("Add an AccessKey…")));
  /* Keys were found: no "No AccessKey Found". */
  g_assert_null (find_row (fixture->page, _("No AccessKey Found")));

  assert_shows_masked (fixture->page, ENV_KEY_ID);
  assert_shows_masked (fixture->page, CLI_KEY_ID);
  assert_shows_masked (fixture->page, ICP_FAKE_CLOUD_TEST_KEY_ID);
  assert_nowhere_at_all (ENV_KEY_SECRET);
  assert_nowhere_at_all (CLI_KEY_SECRET);
  assert_nowhere_at_all (ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  g_free (icp_ui_test_screenshot (GTK_WIDGET (fixture->host), "accounts-start-page"));

  /* (f) Each row names its profile to win.connect. */
  rows[0].title = _("Keys in the Environment");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      row = find_row (fixture->page, rows[i].title);
      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_signal_emit_by_name (row, "activated");
      g_assert_cmpuint (fixture->connects->len, ==, i + 1);
      g_assert_cmpstr (g_ptr_array_index (fixture->connects, i), ==, rows[i].expected);
    }

  /* Nothing was sent: picking a profile is the window's business. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (cloud, NULL), ==, 0);

  /* The page follows the keyring when asked again: the key is gone. */
  keyring_clear ();
  icp_start_page_reload_profiles (ICP_START_PAGE (fixture->page));
  wait_row (fixture->page, NAME_MAIN, FALSE);
  g_assert_nonnull (find_row (fixture->page, CLI_PROFILE));
}

/* With nothing anywhere, the page says so and points at "Add an AccessKey…". */
static void
test_start_page_empty (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *row;

  if (!keyring_ready ())
    return;

  open_host (fixture);
  row = find_row (fixture->page, _("No AccessKey Found"));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            _("Add an AccessKey…")));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_nonnull (find_row (fixture->page, _("Add an AccessKey…")));
  g_free (icp_ui_test_screenshot (GTK_WIDGET (fixture->host), "accounts-start-page-empty"));
}

/* (b) A wrong secret: GetCallerIdentity refuses it, the dialog says what and what to do,
 * nothing is kept. A name of an aliyun CLI profile is refused before anything is sent. */
static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(GListModel) kept = NULL;
  g_autoptr(IcpConnection) none = NULL;
  g_autofree char *config = NULL;
  g_autofree char *expected_message = NULL;
  g_autofree char *shown = NULL;
  IcpAccessKeyDialog *dialog;
  GtkWidget *error_box;
  GtkWidget *error_label;
  GtkWidget *hint_label;
  GtkWidget *checking;
  GtkWidget *add;
  char *secret_at_close = NULL;

  if (!keyring_ready ())
    return;

  /* What the check says for these keys, for comparison. */
  credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID, WRONG_SECRET, NULL);
  icp_connection_verify_async (credentials, NULL, icp_test_store_result_cb, &result);
  none = icp_connection_verify_finish (icp_test_wait_result (&result, "a check"), &expected);
  g_assert_null (none);
  g_assert_error (expected, ICP_API_ERROR, ICP_API_ERROR_INVALID_KEY);
  g_assert_nonnull (icp_api_error_get_hint (expected));
  expected_message = without_request_id (expected->message);
  g_assert_nonnull (strstr (expected_message, icp_api_error_get_api_code (expected)));
  icp_fake_cloud_clear_requests (cloud);

  config = g_strdup_printf ("{\"current\": \"%s\", \"profiles\": [{\"name\": \"%s\", "
                            "\"mode\": \"AK\", \"access_key_id\": \"%s\", "
                            "\"access_key_secret\": \"%s\"}]}",
                            CLI_PROFILE, CLI_PROFILE, CLI_KEY_ID, CLI_KEY_SECRET);
  g_assert_true (g_file_set_contents (g_getenv ("ICP_ASSISTANT_ALIYUN_CONFIG"), config, -1,
                                      NULL));

  open_host (fixture);
  dialog = open_dialog (fixture->page);
  add = icp_ui_test_get (GTK_WIDGET (dialog), "add-button");
  error_box = icp_ui_test_get (GTK_WIDGET (dialog), "error-box");
  error_label = icp_ui_test_get (GTK_WIDGET (dialog), "error-label");
  hint_label = icp_ui_test_get (GTK_WIDGET (dialog), "hint-label");
  checking = icp_ui_test_get (GTK_WIDGET (dialog), "checking-box");

  /* A name is suggested; the rest is empty and Add waits for it. */
  g_assert_true (icp_test_wait_for (name_suggested_cb, dialog, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (icp_ui_test_get (GTK_WIDGET (dialog),
                                                                          "name-row"))),
                   ==, _("Alibaba Cloud"));
  g_assert_false (gtk_widget_get_sensitive (add));
  icp_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_free (icp_ui_test_screenshot (GTK_WIDGET (dialog), "accounts-dialog-empty"));

  /* The CLI's profile name would find the CLI's keys: refused at once. */
  fill_dialog (dialog, CLI_PROFILE, ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  icp_ui_test_click (add);
  g_assert_true (gtk_widget_get_visible (error_box));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), CLI_PROFILE));
  g_assert_false (gtk_widget_get_visible (checking));
  g_assert_cmpuint (icp_fake_cloud_count_requests (cloud, NULL), ==, 0);

  /* The wrong secret; the answer comes late enough to see the check going on. */
  icp_fake_cloud_set_latency (cloud, 400);
  fill_dialog (dialog, NAME_MAIN, ICP_FAKE_CLOUD_TEST_KEY_ID, WRONG_SECRET);
  g_assert_false (gtk_widget_get_visible (error_box));
  icp_ui_test_click (add);
  g_assert_true (gtk_widget_get_visible (checking));
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_false (gtk_widget_is_sensitive (icp_ui_test_get (GTK_WIDGET (dialog), "secret-row")));
  icp_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_free (icp_ui_test_screenshot (GTK_WIDGET (dialog), "accounts-dialog-checking"));

  if (!icp_test_wait_for (is_visible_cb, error_box, 20000))
    g_error ("no error shown for a wrong secret");
  /* The same sentence but for the request ID, which each answer has its own of. */
  shown = without_request_id (gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_cmpstr (shown, ==, expected_message);
  g_assert_true (gtk_widget_get_visible (hint_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint_label)), ==,
                   icp_api_error_get_hint (expected));
  g_assert_false (gtk_widget_get_visible (checking));
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (GTK_WIDGET (dialog), "use-button")));
  /* The form is back, to correct the secret. */
  g_assert_true (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_is_sensitive (icp_ui_test_get (GTK_WIDGET (dialog), "secret-row")));

  g_assert_cmpuint (icp_fake_cloud_count_requests (cloud, "GetCallerIdentity"), >=, 1);
  kept = keyring_list ();
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 0);
  assert_nowhere_at_all (WRONG_SECRET);
  icp_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_free (icp_ui_test_screenshot (GTK_WIDGET (dialog), "accounts-dialog-error"));

  /* Editing takes the old error away. */
  set_text (GTK_WIDGET (dialog), "secret-row", ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  g_assert_false (gtk_widget_get_visible (error_box));

  /* Cancel: nothing kept, and the secret entry is emptied as the window closes. */
  g_signal_connect_after (dialog, "close-request", G_CALLBACK (secret_at_close_cb),
                          &secret_at_close);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpstr (secret_at_close, ==, "");
  g_free (secret_at_close);
  kept = (g_object_unref (kept), keyring_list ());
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 0);
}

/* (c) The right key: checked, kept under its name, handed on with the account; the secret
 * entry is empty by then. The start page lists it. */
static void
test_add_key (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(IcpConnection) connection = NULL;
  g_autoptr(GListModel) kept = NULL;
  g_autoptr(IcpProfile) profile = NULL;
  g_autofree char *masked = icp_credentials_mask_key_id (ICP_FAKE_CLOUD_TEST_KEY_ID);

  if (!keyring_ready ())
    return;

  open_host (fixture);
  connection = add_key (fixture->page, NAME_MAIN, ICP_FAKE_CLOUD_TEST_KEY_ID,
                        ICP_FAKE_CLOUD_TEST_KEY_SECRET);

  g_assert_cmpstr (icp_connection_get_account_id (connection), ==, ICP_FAKE_CLOUD_TEST_ACCOUNT);
  g_assert_cmpstr (icp_connection_get_profile_name (connection), ==, NAME_MAIN);
  g_assert_cmpint (icp_connection_get_source (connection), ==, ICP_CREDENTIALS_SOURCE_KEYRING);
  g_assert_cmpuint (icp_fake_cloud_count_requests (cloud, "GetCallerIdentity"), ==, 1);

  kept = keyring_list ();
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 1);
  profile = keyring_find (kept, NAME_MAIN);
  g_assert_nonnull (profile);
  g_assert_cmpstr (icp_profile_get_masked_key_id (profile), ==, masked);

  /* The page read the keyring again. */
  wait_row (fixture->page, NAME_MAIN, TRUE);
  g_assert_null (find_row (fixture->page, _("No AccessKey Found")));
  assert_nowhere_at_all (ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  g_free (icp_ui_test_screenshot (GTK_WIDGET (fixture->host), "accounts-start-page-added"));
}

/* (d) and (e): two keys kept under two names, both on the start page and in the preferences;
 * a name kept already is replaced only when the user says so; one key is removed in the
 * preferences after a confirmation. */
static void
test_two_keys (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(IcpConnection) first = NULL;
  g_autoptr(IcpConnection) second = NULL;
  g_autoptr(GListModel) kept = NULL;
  g_autoptr(IcpProfile) profile = NULL;
  g_autofree char *ram_masked = icp_credentials_mask_key_id (RAM_KEY_ID);
  g_autofree char *heading = NULL;
  IcpPreferencesWindow *preferences;
  IcpAccessKeyDialog *dialog;
  GtkWindow *confirm;
  GtkWidget *prefs;
  GtkWidget *row;
  GtkWidget *remove;

  if (!keyring_ready ())
    return;

  open_host (fixture);
  first = add_key (fixture->page, NAME_MAIN, ICP_FAKE_CLOUD_TEST_KEY_ID,
                   ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  second = add_key (fixture->page, NAME_AUDIT, RAM_KEY_ID, RAM_KEY_SECRET);
  g_assert_cmpstr (icp_connection_get_account_id (second), ==, ICP_FAKE_CLOUD_TEST_ACCOUNT);

  kept = keyring_list ();
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 2);
  g_clear_object (&kept);

  wait_row (fixture->page, NAME_MAIN, TRUE);
  wait_row (fixture->page, NAME_AUDIT, TRUE);
  assert_shows_masked (fixture->page, RAM_KEY_ID);
  assert_shows_masked (fixture->page, ICP_FAKE_CLOUD_TEST_KEY_ID);

  /* The same name again: asked first; "Cancel" keeps the old key and sends nothing. */
  icp_fake_cloud_clear_requests (cloud);
  dialog = open_dialog (fixture->page);
  fill_dialog (dialog, NAME_AUDIT, ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  icp_ui_test_click (icp_ui_test_get (GTK_WIDGET (dialog), "add-button"));
  confirm = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  heading = g_strdup_printf (_("Replace the AccessKey “%s”?"), NAME_AUDIT);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            ram_masked));
  g_free (icp_ui_test_screenshot (GTK_WIDGET (confirm), "accounts-confirm-replace"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  icp_test_wait (50);
  g_assert_true (gtk_widget_get_sensitive (icp_ui_test_get (GTK_WIDGET (dialog), "add-button")));
  g_assert_cmpuint (icp_fake_cloud_count_requests (cloud, NULL), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  kept = keyring_list ();
  profile = keyring_find (kept, NAME_AUDIT);
  g_assert_cmpstr (icp_profile_get_masked_key_id (profile), ==, ram_masked);
  g_clear_object (&kept);

  /* The preferences list both, with a Remove button each. */
  preferences = icp_preferences_window_new (app, fixture->host);
  prefs = GTK_WIDGET (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  icp_ui_test_wait_mapped (prefs);
  wait_row (prefs, NAME_MAIN, TRUE);
  row = wait_row (prefs, NAME_AUDIT, TRUE);
  g_assert_null (find_row (prefs, _("No AccessKey Kept in the Keyring")));
  assert_shows_masked (prefs, RAM_KEY_ID);
  assert_shows_masked (prefs, ICP_FAKE_CLOUD_TEST_KEY_ID);
  assert_nowhere_at_all (RAM_KEY_SECRET);
  assert_nowhere_at_all (ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  g_assert_nonnull (find_row (prefs, _("Add an AccessKey…")));
  icp_ui_test_wait_mapped (prefs);
  g_free (icp_ui_test_screenshot (prefs, "accounts-preferences-two"));

  /* (e) Remove one: asked first. */
  remove = icp_ui_test_get (row, "remove-button");
  icp_ui_test_click (remove);
  confirm = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf (_("Remove the AccessKey “%s”?"), NAME_AUDIT);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==, heading);
  g_free (icp_ui_test_screenshot (GTK_WIDGET (confirm), "accounts-confirm-removal"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "remove");

  wait_row (prefs, NAME_AUDIT, FALSE);
  g_assert_nonnull (find_row (prefs, NAME_MAIN));
  kept = keyring_list ();
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 1);
  g_clear_object (&profile);
  profile = keyring_find (kept, NAME_MAIN);
  g_assert_nonnull (profile);
  g_clear_object (&kept);
  icp_ui_test_wait_mapped (prefs);
  g_free (icp_ui_test_screenshot (prefs, "accounts-preferences-removed"));

  /* Removing sends nothing to Alibaba Cloud: the key stays valid there. */
  g_assert_cmpuint (icp_fake_cloud_count_requests (cloud, NULL), ==, 0);

  /* The start page follows. */
  gtk_window_destroy (GTK_WINDOW (preferences));
  icp_start_page_reload_profiles (ICP_START_PAGE (fixture->page));
  wait_row (fixture->page, NAME_AUDIT, FALSE);
  g_assert_nonnull (find_row (fixture->page, NAME_MAIN));
}

/* Keys added in the preferences are listed there; an empty keyring says so; the
 * environment's keys are listed too, but only their owner can remove them. */
static void
test_preferences_add (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(IcpConnection) connection = NULL;
  IcpPreferencesWindow *preferences;
  GtkWidget *prefs;
  GtkWidget *row;

  if (!keyring_ready ())
    return;

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", ENV_KEY_ID, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_KEY_SECRET, TRUE);
  open_host (fixture);
  preferences = icp_preferences_window_new (app, fixture->host);
  prefs = GTK_WIDGET (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_row (prefs, _("No AccessKey Kept in the Keyring"), TRUE);
  row = find_row (prefs, _("Keys in the Environment"));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            _("Set in the environment")));
  g_assert_null (icp_ui_test_find (row, "remove-button", G_TYPE_INVALID));
  assert_shows_masked (prefs, ENV_KEY_ID);
  assert_nowhere_at_all (ENV_KEY_SECRET);
  icp_ui_test_wait_mapped (prefs);
  g_free (icp_ui_test_screenshot (prefs, "accounts-preferences-empty"));

  connection = add_key (prefs, NAME_MAIN, ICP_FAKE_CLOUD_TEST_KEY_ID,
                        ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  wait_row (prefs, NAME_MAIN, TRUE);
  wait_row (prefs, _("No AccessKey Kept in the Keyring"), FALSE);
  g_assert_nonnull (icp_ui_test_get (find_row (prefs, NAME_MAIN), "remove-button"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  icp_ui_test_init (&argc, &argv);

  app = icp_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  data = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud", "account.json", NULL);
  cloud = icp_fake_cloud_new_from_file (data, &error);
  g_assert_no_error (error);
  g_assert_true (icp_fake_cloud_start (cloud, &error));
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/icp/ui-accounts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("start-page", test_start_page);
  ADD ("start-page-empty", test_start_page_empty);
  ADD ("wrong-key", test_wrong_key);
  ADD ("add-key", test_add_key);
  ADD ("two-keys", test_two_keys);
  ADD ("preferences-add", test_preferences_add);
#undef ADD

  status = g_test_run ();

  g_clear_object (&cloud);
  g_clear_object (&app);
  return status;
}
