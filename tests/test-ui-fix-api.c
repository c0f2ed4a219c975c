/* test-ui-fix-api.c: the fix wizards' last step through the API, against the fake cloud
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case reads the sample account (tests/fixtures/cloud/account.json) from the in-process
 * fake cloud into an inventory checked as of ICP_TEST_NOW, opens a wizard with the connection,
 * and walks it: summary → "…Now" → progress (dry run, price) → the confirmation dialog →
 * the result page. The fake's request log is the witness of what was sent: nothing that
 * costs money before "apply", AutoPay only when "Pay from my balance now" is ticked, a
 * ClientToken on the real call. Screenshots of every step go to screenshots/<LANGUAGE>/. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "icp-connection.h"
#include "icp-console-links.h"
#include "icp-fake-cloud.h"
#include "icp-fix-wizard.h"
#include "icp-test-utils.h"
#include "icp-ui-test-utils.h"

#define GITLAB   "i-bp1t8y2u6i0o4p7a1s5d" /* subscription, 15 days left: renew */
#define CRM      "i-uf6h8d2s6f0g3j9k1l4z" /* subscription, 14 days left: renew */
#define TEST_BOX "i-bp1f2a7xk9d3m6qv0tzh" /* pay-as-you-go, otherwise eligible: switch */
#define JENKINS  "i-bp1w2n8s5k1d6f3h9zqa" /* pay-as-you-go, stopped, no public IP: switch */
#define REDIS    "i-wz9u2i6o0p4a8s3d7f1g" /* pay-as-you-go with an automatic release time */
#define DB       "i-bp18ymn5c2w4j7hr9k0s" /* subscription, no public IP: add bandwidth */
#define BACKUP   "i-m5eh4j8k2l6z0x3c7v1b" /* subscription, no public IP, 11 days left */
#define JUMP     "i-wz9q7w1e5r9t3y8u2i6o" /* 2 Mbit/s bought, no address: allocate one */

#define ORDERS_URI "https://usercenter2.aliyun.com/order/list"

typedef struct
{
  IcpFakeCloud  *cloud;
  IcpConnection *connection;
  IcpInventory  *inventory;
  GPtrArray     *launched;   /* the URIs the "browser" was asked to open */
} Fixture;

static void
record_uri_cb (GtkWindow  *parent,
               const char *uri,
               gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->launched, g_strdup (uri));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud",
                                                 "account.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = icp_test_time (ICP_TEST_NOW);
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpPolicy) policy = icp_test_default_policy ();
  g_autoptr(IcpChecker) checker = icp_test_new_checker (policy);
  g_autoptr(IcpFetchSummary) summary = NULL;
  IcpEcs *ecs;

  icp_test_unset_credential_env (NULL);
  fixture->cloud = icp_fake_cloud_new_from_file (path, &error);
  g_assert_no_error (error);
  /* The business clock of the sample: expiry, renewals and the bandwidth cool-down agree
   * with the checker's time. */
  icp_fake_cloud_set_now (fixture->cloud, now);
  icp_fake_cloud_start (fixture->cloud, &error);
  g_assert_no_error (error);
  g_setenv ("ICP_ASSISTANT_ENDPOINT", icp_fake_cloud_get_url (fixture->cloud), TRUE);

  credentials = icp_credentials_new (ICP_FAKE_CLOUD_TEST_KEY_ID, ICP_FAKE_CLOUD_TEST_KEY_SECRET,
                                     NULL);
  icp_connection_verify_async (credentials, NULL, icp_test_store_result_cb, &result);
  fixture->connection = icp_connection_verify_finish (icp_test_wait_result (&result, "verify"),
                                                      &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  /* Quick retries: the cool-down refusal is a throttling code. */
  icp_api_client_set_retry (icp_connection_get_client (fixture->connection), 2, 5);

  icp_checker_set_filing_account (checker, ICP_FAKE_CLOUD_TEST_ACCOUNT);
  fixture->inventory = icp_inventory_new (checker);
  ecs = icp_connection_get_ecs (fixture->connection);
  icp_ecs_fetch_async (ecs, fixture->inventory, NULL, NULL, icp_test_store_result_cb, &result);
  summary = icp_ecs_fetch_finish (ecs, icp_test_wait_result (&result, "a fetch"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (icp_fetch_summary_get_n_instances (summary), ==, 35);
  icp_fake_cloud_clear_requests (fixture->cloud);

  fixture->launched = g_ptr_array_new_with_free_func (g_free);
  icp_console_set_launcher (record_uri_cb, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  icp_console_set_launcher (NULL, NULL);
  g_clear_pointer (&fixture->launched, g_ptr_array_unref);
  g_clear_object (&fixture->connection);
  g_assert_finalize_object (fixture->inventory);
  /* Let the server see the client's connections close before it goes. */
  icp_test_wait (50);
  g_clear_object (&fixture->cloud);
  g_unsetenv ("ICP_ASSISTANT_ENDPOINT");
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

static IcpInstance *
lookup (Fixture    *fixture,
        const char *id)
{
  IcpInstance *instance = icp_inventory_lookup (fixture->inventory, id);

  g_assert_nonnull (instance);
  return instance;
}

static IcpFixWizard *
open_wizard (Fixture    *fixture,
             const char *id,
             IcpRemedy   remedy)
{
  IcpFixWizard *wizard = icp_fix_wizard_new (NULL, fixture->inventory, lookup (fixture, id),
                                             remedy);

  gtk_window_set_default_size (GTK_WINDOW (wizard), 600, 1000);
  gtk_window_present (GTK_WINDOW (wizard));
  icp_ui_test_wait_mapped (GTK_WIDGET (wizard));
  return wizard;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = NULL;

  icp_test_wait (50);
  path = icp_ui_test_screenshot (widget, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
close_and_check_gone (IcpFixWizard *wizard)
{
  GtkWidget *weak = GTK_WIDGET (wizard);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_assert_true (icp_ui_test_activate (weak, "window.close", NULL));
  icp_ui_test_wait_finalized (&weak);
}

static void
wait_page (IcpFixWizard *wizard,
           const char   *page)
{
  icp_ui_test_wait_wizard_page (wizard, page);
}

static AdwStatusPage *
result_page (IcpFixWizard *wizard)
{
  GtkWidget *page = icp_ui_test_get (GTK_WIDGET (wizard), "result");

  g_assert_true (ADW_IS_STATUS_PAGE (page));
  return ADW_STATUS_PAGE (page);
}

static void
go_to_summary (IcpFixWizard *wizard)
{
  while (icp_fix_wizard_next (wizard))
    ;
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");
}

/* The summary with a connection: the api group, its sentence with the account and the
 * button; the console button stays. */
static void
check_api_group (Fixture      *fixture,
                 IcpFixWizard *wizard,
                 const char   *button_label)
{
  GtkWidget *summary = icp_ui_test_get (GTK_WIDGET (wizard), "summary");
  GtkWidget *group = icp_ui_test_get (summary, "api_group");
  GtkWidget *label = icp_ui_test_get (group, "api_label");
  GtkWidget *button = icp_ui_test_get (group, "fix_now_button");
  g_autofree char *text = g_strdup_printf (_("The change is made through the account %s: a "
                                             "dry run and the price come first, and nothing is "
                                             "bought until you confirm."),
                                           ICP_FAKE_CLOUD_TEST_ACCOUNT);

  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   _("Do It Here"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, button_label);
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* The console stays as the other way, no longer the suggested one. */
  g_assert_true (gtk_widget_get_visible (icp_ui_test_get (summary, "console_button")));
  g_assert_false (gtk_widget_has_css_class (icp_ui_test_get (summary, "console_button"),
                                            "suggested-action"));
  g_assert_true (icp_fix_wizard_get_connection (wizard) == fixture->connection);
}

/* Opens the wizard with the connection, walks to the summary and starts the steps; returns
 * the confirmation dialog once the dry run and the price passed. */
static AdwMessageDialog *
walk_to_dialog (Fixture      *fixture,
                IcpFixWizard *wizard,
                const char   *prefix)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  go_to_summary (wizard);
  icp_fake_cloud_clear_requests (fixture->cloud);
  g_assert_true (icp_ui_test_activate (GTK_WIDGET (wizard), "wizard.fix-now", NULL));
  g_assert_true (icp_fix_wizard_get_busy (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "progress");
  if (prefix != NULL)
    {
      name = g_strdup_printf ("%s-progress", prefix);
      screenshot (GTK_WIDGET (wizard), name);
    }

  dialog = icp_ui_test_wait_confirmation (wizard);
  /* Only the dry run and the price went out. */
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, TRUE), ==, 1);
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
  return dialog;
}

/* The dialog's fixed parts: Enter and Escape never apply. */
static void
check_dialog_responses (AdwMessageDialog *dialog,
                        const char       *apply_label)
{
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "apply"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "apply"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "apply"), ==, apply_label);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("“%s” contains “%s”", haystack, needle);
}

/* The heading and the body name the server, the change with its months or Mbit/s, the cost and
 * whether it is paid now, each piece checked on its own; then no secret anywhere. */
static void
check_dialog_body (AdwMessageDialog *dialog,
                   IcpFixWizard     *wizard)
{
  icp_ui_test_check_confirmation (dialog, wizard);
  icp_ui_test_assert_nowhere (NULL, ICP_FAKE_CLOUD_TEST_KEY_SECRET, "the secret");
  icp_ui_test_assert_nowhere (NULL, ICP_FAKE_CLOUD_TEST_KEY_ID, "the full key ID");
}

static const char *
unpaid_sentence (void)
{
  return _("An unpaid order is created; pay it in the console (Expenses → Orders) to complete "
           "the change.");
}

static const char *
paid_sentence (void)
{
  return _("The order is paid from the account balance at once, and the change is made now.");
}

/* "Pay from my balance now": off at first; ticking it changes the sentence and the request. */
static GtkCheckButton *
check_pay_toggle (AdwMessageDialog *dialog,
                  IcpFixWizard     *wizard,
                  const char       *prefix)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkCheckButton *check;
  g_autofree char *unpaid_name = g_strdup_printf ("%s-confirm-unpaid", prefix);
  g_autofree char *paid_name = g_strdup_printf ("%s-confirm-pay", prefix);

  g_assert_nonnull (extra);
  g_assert_cmpstr (gtk_widget_get_name (extra), ==, "pay_check");
  check = GTK_CHECK_BUTTON (extra);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_false (icp_fix_request_get_pay (icp_fix_wizard_get_request (wizard)));
  assert_contains (adw_message_dialog_get_body (dialog), unpaid_sentence ());
  screenshot (GTK_WIDGET (dialog), unpaid_name);

  gtk_check_button_set_active (check, TRUE);
  g_assert_true (icp_fix_request_get_pay (icp_fix_wizard_get_request (wizard)));
  assert_contains (adw_message_dialog_get_body (dialog), paid_sentence ());
  assert_not_contains (adw_message_dialog_get_body (dialog), unpaid_sentence ());
  screenshot (GTK_WIDGET (dialog), paid_name);

  gtk_check_button_set_active (check, FALSE);
  g_assert_false (icp_fix_request_get_pay (icp_fix_wizard_get_request (wizard)));
  assert_contains (adw_message_dialog_get_body (dialog), unpaid_sentence ());
  return check;
}

/* The one real call: no DryRun, the request's ClientToken, AutoPay as chosen. */
static IcpFakeRequest *
check_one_real_call (Fixture      *fixture,
                     IcpFixWizard *wizard,
                     const char   *action,
                     const char   *auto_pay)
{
  g_autoptr(GPtrArray) calls = icp_fake_cloud_list_changes (fixture->cloud, FALSE);
  IcpFakeRequest *call;

  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (call->action, ==, action);
  g_assert_null (icp_fake_request_get_param (call, "DryRun"));
  g_assert_cmpstr (icp_fake_request_get_param (call, "AutoPay"), ==, auto_pay);
  g_assert_nonnull (icp_fake_request_get_param (call, "ClientToken"));
  g_assert_cmpstr (icp_fake_request_get_param (call, "ClientToken"), ==,
                   icp_fix_request_get_client_token (icp_fix_wizard_get_request (wizard)));
  g_assert_null (call->code);
  return call;
}

/* The result page after an order that waits: "Pay order X", and the orders page. */
static void
check_unpaid_result (Fixture      *fixture,
                     IcpFixWizard *wizard,
                     const char   *prefix)
{
  AdwStatusPage *page = result_page (wizard);
  const char *order = icp_fix_request_get_order_id (icp_fix_wizard_get_request (wizard));
  g_autofree char *expected = NULL;
  g_autofree char *name = g_strdup_printf ("%s-result-unpaid", prefix);
  guint launched = fixture->launched->len;

  g_assert_nonnull (order);
  expected = g_strdup_printf (_("Pay order %s in the console (Expenses → Orders) to complete "
                                "it. Until it is paid nothing changes; then refresh the list "
                                "here to check the server again."), order);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("Order Placed"));
  g_assert_cmpstr (adw_status_page_get_description (page), ==, expected);
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (fixture->cloud), ==, 1);
  screenshot (GTK_WIDGET (wizard), name);

  icp_ui_test_click (icp_ui_test_get (GTK_WIDGET (page), "orders_button"));
  g_assert_cmpuint (fixture->launched->len, ==, launched + 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->launched, launched), ==, ORDERS_URI);
}

/* The verdict sentence the success page shows, as the wizard words it. */
static char *
expected_verdict_sentence (IcpInstance *instance)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  GListModel *findings = icp_verdict_get_findings (verdict);
  const char *name = icp_instance_get_display_name (instance);
  guint blockers = 0, notes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      if (icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER)
        blockers++;
      else if (icp_finding_get_severity (finding) == ICP_SEVERITY_WARNING)
        notes++;
    }

  switch (icp_verdict_get_state (verdict))
    {
    case ICP_VERDICT_STATE_ELIGIBLE:
      if (notes > 0)
        return g_strdup_printf (_("%s can now get an ICP filing service code. Read the notes "
                                  "below before you apply."), name);
      return g_strdup_printf (_("%s can now get an ICP filing service code."), name);
    case ICP_VERDICT_STATE_BLOCKED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s still cannot get an ICP filing service code: "
                                           "%u thing must change first.",
                                           "%s still cannot get an ICP filing service code: "
                                           "%u things must change first.",
                                           blockers),
                              name, blockers);
    case ICP_VERDICT_STATE_NOT_REQUIRED:
    case ICP_VERDICT_STATE_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static void
check_done_result (IcpFixWizard *wizard,
                   const char   *title,
                   const char   *prefix)
{
  AdwStatusPage *page = result_page (wizard);
  IcpInstance *instance = icp_fix_wizard_get_instance (wizard);
  g_autofree char *sentence = expected_verdict_sentence (instance);
  g_autofree char *name = g_strdup_printf ("%s-result", prefix);
  GtkWidget *verdict_row;

  g_assert_cmpstr (adw_status_page_get_title (page), ==, title);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, sentence);
  /* The verdict in words, as the list and the details pane label it. */
  verdict_row = icp_ui_test_get (GTK_WIDGET (page), "verdict_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (verdict_row)), ==,
                   icp_verdict_get_label (icp_instance_get_verdict (instance)));
  g_assert_null (icp_ui_test_find (GTK_WIDGET (page), "orders_button", G_TYPE_INVALID));
  screenshot (GTK_WIDGET (wizard), name);
}

/* A failure page: the title, a sentence (never a bare code) containing @needle, and what it
 * meant for the account. */
static void
check_failure (IcpFixWizard *wizard,
               const char   *title,
               const char   *needle,
               const char   *consequence,
               const char   *shot)
{
  AdwStatusPage *page = result_page (wizard);
  const char *description = adw_status_page_get_description (page);

  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "result");
  g_assert_false (icp_fix_wizard_get_busy (wizard));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, title);
  g_test_message ("refusal: %s", description);
  assert_contains (description, needle);
  /* A sentence: longer than the code and ending with it in parentheses at most. */
  g_assert_cmpuint (strlen (description), >, strlen (needle) + 40);
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (page), consequence));
  /* The API's answer is shown; the keys that asked are not. */
  icp_ui_test_assert_nowhere (NULL, ICP_FAKE_CLOUD_TEST_KEY_SECRET, "the secret");
  icp_ui_test_assert_nowhere (NULL, ICP_FAKE_CLOUD_TEST_KEY_ID, "the full key ID");
  screenshot (GTK_WIDGET (wizard), shot);
}

/* ------------------------------------------------------------------------------------------ */
/* Without a connection                                                                        */

static void
test_no_connection (Fixture       *fixture,
                    gconstpointer  data)
{
  IcpFixWizard *wizard = open_wizard (fixture, GITLAB, ICP_REMEDY_RENEW);
  IcpFixWizard *guidance;
  GtkWidget *summary;

  go_to_summary (wizard);
  summary = icp_ui_test_get (GTK_WIDGET (wizard), "summary");
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (summary, "api_group")));
  g_assert_true (gtk_widget_has_css_class (icp_ui_test_get (summary, "console_button"),
                                           "suggested-action"));
  g_assert_null (icp_fix_wizard_get_connection (wizard));
  g_assert_false (icp_fix_wizard_start_fix (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.fix-now", NULL);
  g_assert_false (icp_fix_wizard_get_busy (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");

  /* With a connection, then without again. */
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  check_api_group (fixture, wizard, _("_Renew Now…"));
  screenshot (GTK_WIDGET (wizard), "renew-summary-api");
  icp_fix_wizard_set_connection (wizard, NULL);
  g_assert_false (gtk_widget_get_visible (icp_ui_test_get (summary, "api_group")));
  g_assert_false (icp_fix_wizard_start_fix (wizard));
  g_assert_cmpuint (icp_fake_cloud_get_requests (fixture->cloud)->len, ==, 0);
  close_and_check_gone (wizard);

  /* A guidance page has nothing to do through the API. */
  guidance = open_wizard (fixture, "i-uf6r7t1y5u9i3o6p0a2s", ICP_REMEDY_RESOLVE_LOCK);
  icp_fix_wizard_set_connection (guidance, fixture->connection);
  g_assert_null (icp_ui_test_find (GTK_WIDGET (guidance), "api_group", G_TYPE_INVALID));
  g_assert_false (icp_fix_wizard_start_fix (guidance));
  close_and_check_gone (guidance);
}

/* ------------------------------------------------------------------------------------------ */
/* Nothing is sent without the confirmation                                                    */

static void
cancel_at_dialog (Fixture    *fixture,
                  const char *id,
                  IcpRemedy   remedy,
                  const char *apply_label)
{
  IcpFixWizard *wizard = open_wizard (fixture, id, remedy);
  g_autoptr(JsonNode) before = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) after = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  AdwMessageDialog *dialog;
  GPtrArray *requests;

  json_node_set_object (before, icp_fake_cloud_get_instance (fixture->cloud, id));
  before_text = json_to_string (before, FALSE);

  icp_fix_wizard_set_connection (wizard, fixture->connection);
  dialog = walk_to_dialog (fixture, wizard, NULL);
  check_dialog_responses (dialog, apply_label);
  check_dialog_body (dialog, wizard);
  adw_message_dialog_response (dialog, "cancel");

  /* Back on the summary, nothing running, and the log holds dry runs and prices only. */
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");
  g_assert_false (icp_fix_wizard_get_busy (wizard));
  icp_test_wait (200);
  requests = icp_fake_cloud_get_requests (fixture->cloud);
  g_assert_cmpuint (requests->len, >=, 2);
  for (guint i = 0; i < requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (requests, i);

      g_test_message ("sent: %s DryRun=%s", request->action,
                      icp_fake_request_get_param (request, "DryRun"));
      if (icp_fake_request_is_change (request))
        {
          g_assert_cmpstr (icp_fake_request_get_param (request, "DryRun"), ==, "true");
          g_assert_null (icp_fake_request_get_param (request, "ClientToken"));
          g_assert_cmpstr (request->code, ==, "DryRunOperation");
        }
      else
        g_assert_true (g_str_has_prefix (request->action, "Describe"));
    }
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (fixture->cloud), ==, 0);

  /* The instance is as it was. */
  json_node_set_object (after, icp_fake_cloud_get_instance (fixture->cloud, id));
  after_text = json_to_string (after, FALSE);
  g_assert_cmpstr (after_text, ==, before_text);

  close_and_check_gone (wizard);
}

static void
test_no_send_without_confirmation (Fixture       *fixture,
                                   gconstpointer  data)
{
  IcpFixWizard *wizard;
  AdwMessageDialog *dialog;
  IcpFakeRequest *call;
  GtkWidget *cancel;

  cancel_at_dialog (fixture, GITLAB, ICP_REMEDY_RENEW, _("_Renew"));
  cancel_at_dialog (fixture, TEST_BOX, ICP_REMEDY_SWITCH_BILLING, _("_Switch"));
  cancel_at_dialog (fixture, DB, ICP_REMEDY_ADD_BANDWIDTH, _("_Add Bandwidth"));

  /* Stopped during the dry run: no dialog comes, nothing else is sent. */
  wizard = open_wizard (fixture, GITLAB, ICP_REMEDY_RENEW);
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  icp_fake_cloud_clear_requests (fixture->cloud);
  icp_fake_cloud_set_latency (fixture->cloud, 400);
  g_assert_true (icp_fix_wizard_start_fix (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "progress");
  /* The header's Cancel stops the steps, and stays in the wizard. */
  cancel = icp_ui_test_get (GTK_WIDGET (wizard), "cancel_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), ==, "wizard.stop");
  icp_ui_test_click (cancel);
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");
  g_assert_false (icp_fix_wizard_get_busy (wizard));
  icp_test_wait (900);
  g_assert_null (icp_ui_test_find_confirmation (wizard));
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, "DescribeRenewalPrice"), ==, 0);
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
  icp_fake_cloud_set_latency (fixture->cloud, 0);

  /* Then confirmed: exactly one real call, AutoPay off, with the request's ClientToken. */
  dialog = walk_to_dialog (fixture, wizard, NULL);
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");
  call = check_one_real_call (fixture, wizard, "RenewInstance", "false");
  g_assert_cmpstr (icp_fake_request_get_param (call, "InstanceId"), ==, GITLAB);
  g_assert_cmpstr (icp_fake_request_get_param (call, "Period"), ==, "1");
  close_and_check_gone (wizard);
}

/* Closing the wizard while the dry run runs cancels it: nothing more is sent. */
static void
test_close_cancels (Fixture       *fixture,
                    gconstpointer  data)
{
  IcpFixWizard *wizard = open_wizard (fixture, CRM, ICP_REMEDY_RENEW);

  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  icp_fake_cloud_set_latency (fixture->cloud, 400);
  g_assert_true (icp_fix_wizard_start_fix (wizard));
  close_and_check_gone (wizard);
  icp_test_wait (900);
  g_assert_cmpuint (icp_fake_cloud_count_requests (fixture->cloud, "DescribeRenewalPrice"), ==, 0);
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
  icp_fake_cloud_set_latency (fixture->cloud, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Renew                                                                                       */

static void
test_renew_unpaid (Fixture       *fixture,
                   gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, GITLAB);
  g_autoptr(GDateTime) expired_before = g_date_time_ref (icp_instance_get_expired_time (instance));
  IcpFixWizard *wizard = open_wizard (fixture, GITLAB, ICP_REMEDY_RENEW);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  g_assert_true (icp_test_instance_has_finding (instance, "remaining-too-short"));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  check_api_group (fixture, wizard, _("_Renew Now…"));

  dialog = walk_to_dialog (fixture, wizard, "renew");
  check_dialog_responses (dialog, _("_Renew"));
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Renew “%s” for %u month?",
                                          "Renew “%s” for %u months?", 1), "gitlab", 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  check_dialog_body (dialog, wizard);
  g_assert_true (icp_fix_request_has_price (icp_fix_wizard_get_request (wizard)));
  check_pay_toggle (dialog, wizard, "renew");

  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");
  check_one_real_call (fixture, wizard, "RenewInstance", "false");
  check_unpaid_result (fixture, wizard, "renew");

  /* Nothing changed until the order is paid. */
  g_assert_true (g_date_time_equal (icp_instance_get_expired_time (instance), expired_before));
  g_assert_true (icp_test_instance_has_finding (instance, "remaining-too-short"));

  /* Another renewal while the order waits: Instance.UnPaidOrder, in words. */
  g_assert_true (icp_fix_wizard_back (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");
  icp_fake_cloud_clear_requests (fixture->cloud);
  g_assert_true (icp_fix_wizard_start_fix (wizard));
  wait_page (wizard, "result");
  check_failure (wizard, _("Not Renewed"), "Instance.UnPaidOrder",
                 _("Nothing was bought or changed."), "renew-refused-unpaid-order");
  assert_contains (adw_status_page_get_description (result_page (wizard)),
                   _("This server already has an unpaid order, and no other change is taken "
                     "until it is settled. Pay it or cancel it in the console (Expenses → "
                     "Orders), then try again."));
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
  close_and_check_gone (wizard);
}

static void
test_renew_pay_now (Fixture       *fixture,
                    gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, CRM);
  g_autoptr(GDateTime) expired_before = g_date_time_ref (icp_instance_get_expired_time (instance));
  IcpFixWizard *wizard = open_wizard (fixture, CRM, ICP_REMEDY_RENEW);
  AdwMessageDialog *dialog;
  GtkCheckButton *check;

  g_assert_true (icp_test_instance_has_finding (instance, "remaining-too-short"));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  dialog = walk_to_dialog (fixture, wizard, NULL);
  check = check_pay_toggle (dialog, wizard, "renew-crm");
  gtk_check_button_set_active (check, TRUE);
  check_dialog_body (dialog, wizard);
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");

  check_one_real_call (fixture, wizard, "RenewInstance", "true");
  g_assert_cmpuint (icp_fake_cloud_count_unpaid_orders (fixture->cloud), ==, 0);
  /* The instance was read again and re-checked: a month later, eligible. */
  g_assert_true (icp_fix_wizard_get_instance (wizard) == instance);
  g_assert_true (g_date_time_compare (icp_instance_get_expired_time (instance),
                                      expired_before) > 0);
  g_assert_false (icp_test_instance_has_finding (instance, "remaining-too-short"));
  g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==,
                   ICP_VERDICT_STATE_ELIGIBLE);
  check_done_result (wizard, _("Renewed"), "renew");
  close_and_check_gone (wizard);
}

/* ------------------------------------------------------------------------------------------ */
/* Switch to subscription                                                                      */

static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, TEST_BOX);
  IcpFixWizard *wizard = open_wizard (fixture, TEST_BOX, ICP_REMEDY_SWITCH_BILLING);
  AdwMessageDialog *dialog;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpInstance) refreshed = NULL;
  g_autofree char *heading = NULL;
  guint months = icp_fix_wizard_get_months (wizard);
  IcpFakeRequest *call;

  g_assert_true (icp_test_instance_has_finding (instance, "pay-as-you-go"));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  check_api_group (fixture, wizard, _("_Switch Now…"));
  screenshot (GTK_WIDGET (wizard), "switch-summary-api");

  /* Without "Pay from my balance now": an order waits, the instance stays pay-as-you-go. */
  dialog = walk_to_dialog (fixture, wizard, "switch");
  check_dialog_responses (dialog, _("_Switch"));
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Switch “%s” to a subscription of %u month?",
                                          "Switch “%s” to a subscription of %u months?", months),
                             icp_instance_get_display_name (instance), months);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  check_dialog_body (dialog, wizard);
  check_pay_toggle (dialog, wizard, "switch");
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");
  call = check_one_real_call (fixture, wizard, "ModifyInstanceChargeType", "false");
  g_assert_cmpstr (icp_fake_request_get_param (call, "InstanceChargeType"), ==, "PrePaid");
  check_unpaid_result (fixture, wizard, "switch");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_true (icp_test_instance_has_finding (instance, "pay-as-you-go"));
  close_and_check_gone (wizard);

  /* Paid in the console: read again, it is a subscription now and no longer blocked for it. */
  g_assert_cmpuint (icp_fake_cloud_pay_orders (fixture->cloud), ==, 1);
  icp_ecs_refresh_instance_async (icp_connection_get_ecs (fixture->connection),
                                  fixture->inventory, instance, NULL, icp_test_store_result_cb,
                                  &result);
  refreshed = icp_ecs_refresh_instance_finish (icp_connection_get_ecs (fixture->connection),
                                               icp_test_wait_result (&result, "a refresh"),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  g_assert_false (icp_test_instance_has_finding (instance, "pay-as-you-go"));
}

static void
test_switch_pay_now (Fixture       *fixture,
                     gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, JENKINS);
  IcpFixWizard *wizard = open_wizard (fixture, JENKINS, ICP_REMEDY_SWITCH_BILLING);
  AdwMessageDialog *dialog;
  GtkCheckButton *check;
  IcpFinding *left;

  g_assert_true (icp_test_instance_has_finding (instance, "pay-as-you-go"));
  g_assert_true (icp_test_instance_has_finding (instance, "no-public-ip"));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  dialog = walk_to_dialog (fixture, wizard, NULL);
  check_dialog_body (dialog, wizard);
  check = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  check_dialog_body (dialog, wizard);
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");

  check_one_real_call (fixture, wizard, "ModifyInstanceChargeType", "true");
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_PREPAID);
  g_assert_false (icp_test_instance_has_finding (instance, "pay-as-you-go"));
  /* Still blocked: it has no public IP address. The page says so, with what is left. */
  g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==,
                   ICP_VERDICT_STATE_BLOCKED);
  check_done_result (wizard, _("Switched to Subscription"), "switch-still-blocked");
  left = icp_verdict_get_finding (icp_instance_get_verdict (instance), "no-public-ip");
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (result_page (wizard)),
                                           icp_finding_get_message (left)));
  close_and_check_gone (wizard);
}

/* An automatic release time: known from the list, refused before anything is sent; set after
 * the list was read, refused by the API (ReleaseTimeHaveBeenSet), in words both times. */
static void
test_switch_release_time (Fixture       *fixture,
                          gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, REDIS);
  IcpFixWizard *wizard = open_wizard (fixture, REDIS, ICP_REMEDY_SWITCH_BILLING);

  g_assert_nonnull (icp_instance_get_auto_release_time (instance));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  g_assert_true (icp_fix_wizard_start_fix (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "result");
  check_failure (wizard, _("Not Switched"), icp_instance_get_id (instance),
                 _("Nothing was sent to Alibaba Cloud."), "switch-refused-local");
  g_assert_cmpuint (icp_fake_cloud_get_requests (fixture->cloud)->len, ==, 0);

  /* The list says no release time; the account has one. */
  icp_fix_wizard_back (wizard);
  icp_instance_set_auto_release_time (instance, NULL);
  g_assert_true (icp_fix_wizard_start_fix (wizard));
  wait_page (wizard, "result");
  check_failure (wizard, _("Not Switched"), "ReleaseTimeHaveBeenSet",
                 _("Nothing was bought or changed."), "switch-refused-release-time");
  assert_contains (adw_status_page_get_description (result_page (wizard)),
                   _("An automatic release time is set for this server, and a server that is "
                     "set to be released cannot switch to subscription. Cancel the automatic "
                     "release in the console first (the server’s Release Settings), then try "
                     "again."));
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
  close_and_check_gone (wizard);
}

/* ------------------------------------------------------------------------------------------ */
/* Add public bandwidth                                                                        */

static void
test_bandwidth (Fixture       *fixture,
                gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, DB);
  IcpFixWizard *wizard = open_wizard (fixture, DB, ICP_REMEDY_ADD_BANDWIDTH);
  AdwMessageDialog *dialog;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpInstance) refreshed = NULL;
  g_autofree char *heading = NULL;
  IcpFakeRequest *call;
  guint n_dry_runs;

  g_assert_true (icp_test_instance_has_finding (instance, "no-public-ip"));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  check_api_group (fixture, wizard, _("_Add Bandwidth Now…"));
  screenshot (GTK_WIDGET (wizard), "bandwidth-summary-api");
  icp_fix_wizard_set_mbps (wizard, 3);

  dialog = walk_to_dialog (fixture, wizard, "bandwidth");
  check_dialog_responses (dialog, _("_Add Bandwidth"));
  heading = g_strdup_printf (_("Set the bandwidth of “%s” to %u Mbit/s?"), "db-master", 3);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  check_dialog_body (dialog, wizard);
  check_pay_toggle (dialog, wizard, "bandwidth");
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");
  call = check_one_real_call (fixture, wizard, "ModifyInstanceNetworkSpec", "false");
  g_assert_cmpstr (icp_fake_request_get_param (call, "InternetMaxBandwidthOut"), ==, "3");
  check_unpaid_result (fixture, wizard, "bandwidth");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 0);
  g_assert_true (icp_test_instance_has_finding (instance, "no-public-ip"));
  close_and_check_gone (wizard);

  /* Paid in the console: the bandwidth and an address, no longer blocked for it. */
  g_assert_cmpuint (icp_fake_cloud_pay_orders (fixture->cloud), ==, 1);
  icp_ecs_refresh_instance_async (icp_connection_get_ecs (fixture->connection),
                                  fixture->inventory, instance, NULL, icp_test_store_result_cb,
                                  &result);
  refreshed = icp_ecs_refresh_instance_finish (icp_connection_get_ecs (fixture->connection),
                                               icp_test_wait_result (&result, "a refresh"),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 3);
  g_assert_false (icp_test_instance_has_finding (instance, "no-public-ip"));

  /* More bandwidth right after: the 5-minute cool-down, in words, with Try Again. */
  wizard = open_wizard (fixture, DB, ICP_REMEDY_ADD_BANDWIDTH);
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  go_to_summary (wizard);
  icp_fix_wizard_set_mbps (wizard, 5);
  icp_fake_cloud_clear_requests (fixture->cloud);
  g_assert_true (icp_fix_wizard_start_fix (wizard));
  wait_page (wizard, "result");
  check_failure (wizard, _("Bandwidth Not Changed"), "Throttling",
                 _("Nothing was bought or changed."), "bandwidth-refused-cooldown");
  assert_contains (adw_status_page_get_description (result_page (wizard)),
                   _("The bandwidth of this server was changed less than 5 minutes ago, and "
                     "Alibaba Cloud allows one change in 5 minutes. Wait 5 minutes, then try "
                     "again."));
  /* The client tries a throttled request again (twice here) before it reports it. */
  n_dry_runs = icp_fake_cloud_count_changes (fixture->cloud, TRUE);
  g_assert_cmpuint (n_dry_runs, >=, 1);

  /* Try Again runs the steps again (a new dry run, refused the same way while the clock
   * stands still). */
  icp_ui_test_click (icp_ui_test_get (GTK_WIDGET (result_page (wizard)), "try_again_button"));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "progress");
  wait_page (wizard, "result");
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, TRUE), ==, 2 * n_dry_runs);
  g_assert_cmpstr (adw_status_page_get_title (result_page (wizard)), ==,
                   _("Bandwidth Not Changed"));
  g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 3);
  close_and_check_gone (wizard);
}

static void
test_bandwidth_pay_now (Fixture       *fixture,
                        gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, BACKUP);
  IcpFixWizard *wizard = open_wizard (fixture, BACKUP, ICP_REMEDY_ADD_BANDWIDTH);
  AdwMessageDialog *dialog;
  GtkCheckButton *check;

  g_assert_true (icp_test_instance_has_finding (instance, "no-public-ip"));
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  dialog = walk_to_dialog (fixture, wizard, NULL);
  check_dialog_body (dialog, wizard);
  check = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  check_dialog_body (dialog, wizard);
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");

  check_one_real_call (fixture, wizard, "ModifyInstanceNetworkSpec", "true");
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), >, 0);
  g_assert_cmpstr (icp_instance_get_public_ip (instance), !=, "");
  g_assert_false (icp_test_instance_has_finding (instance, "no-public-ip"));
  /* Its term is still too short: blocked, and the page says what is left. */
  check_done_result (wizard, _("Bandwidth Added"), "bandwidth");
  close_and_check_gone (wizard);
}

/* Bandwidth bought without an address: AllocatePublicIpAddress, no order and no price. */
static void
test_bandwidth_allocate (Fixture       *fixture,
                         gconstpointer  data)
{
  IcpInstance *instance = lookup (fixture, JUMP);
  IcpFixWizard *wizard = open_wizard (fixture, JUMP, ICP_REMEDY_ADD_BANDWIDTH);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *price = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  IcpFakeRequest *call;

  g_assert_true (icp_test_instance_has_finding (instance, "no-public-ip"));
  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 2);
  icp_fix_wizard_set_connection (wizard, fixture->connection);
  icp_fix_wizard_set_mbps (wizard, 2);
  dialog = walk_to_dialog (fixture, wizard, NULL);
  check_dialog_responses (dialog, _("_Assign Address"));
  heading = g_strdup_printf (_("Assign a public IP address to “%s”?"),
                             icp_instance_get_display_name (instance));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  /* No price, and why; no order, so nothing to pay now or later. */
  g_assert_false (icp_fix_request_has_price (icp_fix_wizard_get_request (wizard)));
  price = g_strdup_printf (_("Price unknown: %s"),
                           icp_fix_request_get_price_problem (icp_fix_wizard_get_request (wizard)));
  assert_contains (adw_message_dialog_get_body (dialog), price);
  assert_contains (adw_message_dialog_get_body (dialog),
                   _("Nothing is ordered: the address comes with the bandwidth already bought."));
  g_assert_null (adw_message_dialog_get_extra_child (dialog));
  check_dialog_body (dialog, wizard);
  screenshot (GTK_WIDGET (dialog), "bandwidth-confirm-allocate");
  adw_message_dialog_response (dialog, "apply");
  wait_page (wizard, "result");

  calls = icp_fake_cloud_list_changes (fixture->cloud, FALSE);
  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (call->action, ==, "AllocatePublicIpAddress");
  g_assert_null (icp_fake_request_get_param (call, "AutoPay"));
  g_assert_cmpstr (icp_instance_get_public_ip (instance), !=, "");
  g_assert_false (icp_test_instance_has_finding (instance, "no-public-ip"));
  check_done_result (wizard, _("Public IP Address Assigned"), "bandwidth-allocate");
  close_and_check_gone (wizard);
}

/* ------------------------------------------------------------------------------------------ */
/* Refusals the list could not foresee                                                         */

typedef enum
{
  STALE_CHARGE_TYPE,
  STALE_LOCKS,
  STALE_EIP,
} Stale;

typedef struct
{
  const char *id;
  IcpRemedy   remedy;
  Stale       stale;      /* what the list says wrongly (changed in the account since) */
  const char *code;       /* what the API answers */
  const char *sentence;   /* what the wizard says (N_) */
} Refusal;

static const Refusal refusals[] = {
  /* 测试机 is pay-as-you-go; the list says subscription. */
  { TEST_BOX, ICP_REMEDY_RENEW, STALE_CHARGE_TYPE, "ChargeTypeViolation",
    N_("Only subscription servers can be renewed, and Alibaba Cloud says this one is not "
       "billed by subscription. Read the list again; a pay-as-you-go server is switched to "
       "subscription instead.") },
  /* 支付回调 has a security lock the list does not show. */
  { "i-uf6r7t1y5u9i3o6p0a2s", ICP_REMEDY_RENEW, STALE_LOCKS, "InstanceLockedForSecurity",
    N_("The server is locked for security reasons, and Alibaba Cloud refuses changes to it. "
       "Fix what the security notice in the console names, and ask Alibaba Cloud support to "
       "lift the lock.") },
  /* dev-环境 has an overdue payment the list does not show. */
  { "i-uf6w9e3r7t1y5u8i2o6p", ICP_REMEDY_SWITCH_BILLING, STALE_LOCKS, "Account.Arrearage",
    N_("The account has an overdue payment, so Alibaba Cloud takes no new orders from it. Pay "
       "what is overdue in the console (Expenses), then try again.") },
  /* api-gateway-01 has an EIP the list does not show. */
  { "i-bp13kd9wq0f7yhs2le6u", ICP_REMEDY_ADD_BANDWIDTH, STALE_EIP,
    "InvalidInstance.EipNotSupport",
    N_("The server uses an elastic IP address (EIP), so it cannot also get a static public IP "
       "address. Change the EIP’s bandwidth in the console instead, or unbind the EIP "
       "first.") },
};

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const no_locks[] = { NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *refusal = &refusals[i];
      IcpInstance *instance = lookup (fixture, refusal->id);
      IcpFixWizard *wizard;
      g_autofree char *shot = NULL;
      const char *title = refusal->remedy == ICP_REMEDY_RENEW ? _("Not Renewed")
                          : refusal->remedy == ICP_REMEDY_SWITCH_BILLING ? _("Not Switched")
                          : _("Bandwidth Not Changed");

      switch (refusal->stale)
        {
        case STALE_CHARGE_TYPE:
          icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_PREPAID);
          break;
        case STALE_LOCKS:
          icp_instance_set_lock_reasons (instance, no_locks);
          break;
        case STALE_EIP:
        default:
          icp_instance_set_eip (instance, NULL);
          break;
        }

      wizard = open_wizard (fixture, refusal->id, refusal->remedy);
      icp_fix_wizard_set_connection (wizard, fixture->connection);
      go_to_summary (wizard);
      icp_fake_cloud_clear_requests (fixture->cloud);
      g_assert_true (icp_fix_wizard_start_fix (wizard));
      wait_page (wizard, "result");

      shot = g_strdup_printf ("refused-%s", refusal->code);
      check_failure (wizard, title, refusal->code, _("Nothing was bought or changed."), shot);
      assert_contains (adw_status_page_get_description (result_page (wizard)),
                       _(refusal->sentence));
      /* The dry run was refused: nothing else went out. */
      g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, TRUE), ==, 1);
      g_assert_cmpuint (icp_fake_cloud_count_changes (fixture->cloud, FALSE), ==, 0);
      close_and_check_gone (wizard);
    }
}

int
main (int   argc,
      char *argv[])
{
  icp_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/icp/ui-fix-api/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("no-connection", test_no_connection);
  ADD ("no-send-without-confirmation", test_no_send_without_confirmation);
  ADD ("close-cancels", test_close_cancels);
  ADD ("renew/unpaid", test_renew_unpaid);
  ADD ("renew/pay-now", test_renew_pay_now);
  ADD ("switch/unpaid", test_switch);
  ADD ("switch/pay-now", test_switch_pay_now);
  ADD ("switch/release-time", test_switch_release_time);
  ADD ("bandwidth/unpaid-then-cool-down", test_bandwidth);
  ADD ("bandwidth/pay-now", test_bandwidth_pay_now);
  ADD ("bandwidth/allocate", test_bandwidth_allocate);
  ADD ("refusals", test_refusals);

#undef ADD

  return g_test_run ();
}
