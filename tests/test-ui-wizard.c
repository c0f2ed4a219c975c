/* test-ui-wizard.c: the fix wizards, the guidance pages and the apply guide, in real windows
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case opens a wizard on a server of the bundled sample (data/samples/README.md names
 * the cases, as of ICP_TEST_NOW with the filing account 1234567890123456), checks what it
 * preselects against the checker itself, walks it to the end with a stubbed browser, and
 * saves a screenshot of every page under screenshots/<LANGUAGE>/. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "icp-apply-guide.h"
#include "icp-console-links.h"
#include "icp-fix-wizard.h"
#include "icp-import.h"
#include "icp-test-utils.h"
#include "icp-time.h"
#include "icp-ui-test-utils.h"

#define FILING_ACCOUNT "1234567890123456"

typedef struct
{
  IcpInventory *inventory;
  GPtrArray    *launched;   /* the URIs the "browser" was asked to open */
} Fixture;

/* A time as the wizard shows it: local time, in the translated date format. */
static char *
format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, _("%b %-d, %Y %H:%M"));
}

static void
record_uri_cb (GtkWindow  *parent,
               const char *uri,
               gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (parent == NULL || GTK_IS_WINDOW (parent));
  g_ptr_array_add (fixture->launched, g_strdup (uri));
}

static void
import_sample (GPtrArray  *into,
               IcpPolicy  *policy,
               const char *name)
{
  g_autofree char *path = icp_test_sample_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = icp_import_file (file, policy, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (instances);
  for (guint i = 0; i < instances->len; i++)
    g_ptr_array_add (into, g_object_ref (g_ptr_array_index (instances, i)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *policy_path = g_build_filename (icp_get_data_dir (), "policy",
                                                   "alibaba-ecs.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = icp_policy_new_from_file (policy_path, &error);
  g_autoptr(IcpChecker) checker = NULL;
  g_autoptr(GPtrArray) instances = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  checker = icp_test_new_checker (policy);
  icp_checker_set_filing_account (checker, FILING_ACCOUNT);

  /* The list first, then what the filing console says about owners and codes. */
  import_sample (instances, policy, "ecs-instances.json");
  import_sample (instances, policy, "filing-console.csv");

  fixture->inventory = icp_inventory_new (checker);
  icp_inventory_add_all (fixture->inventory, instances);
  fixture->launched = g_ptr_array_new_with_free_func (g_free);
  icp_console_set_launcher (record_uri_cb, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  icp_console_set_launcher (NULL, NULL);
  g_clear_pointer (&fixture->launched, g_ptr_array_unref);
  g_assert_finalize_object (fixture->inventory);
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

static gboolean
has_finding (IcpInstance *instance,
             const char  *code)
{
  return icp_verdict_get_finding (icp_instance_get_verdict (instance), code) != NULL;
}

static IcpPolicy *
policy_of (Fixture *fixture)
{
  return icp_checker_get_policy (icp_inventory_get_checker (fixture->inventory));
}

static GDateTime *
now_of (Fixture *fixture)
{
  return icp_checker_get_now (icp_inventory_get_checker (fixture->inventory));
}

static IcpFixWizard *
open_wizard (Fixture     *fixture,
             IcpInstance *instance,
             IcpRemedy    remedy)
{
  IcpFixWizard *wizard = icp_fix_wizard_new (NULL, fixture->inventory, instance, remedy);

  /* Tall enough that a screenshot shows a whole page. */
  gtk_window_set_default_size (GTK_WINDOW (wizard), 600, 1000);
  gtk_window_present (GTK_WINDOW (wizard));
  icp_ui_test_wait_mapped (GTK_WIDGET (wizard));
  return wizard;
}

/* The page shown, as a widget: pages are named after their page name. */
static GtkWidget *
current_page (IcpFixWizard *wizard)
{
  GtkWidget *page = icp_ui_test_find (GTK_WIDGET (wizard),
                                      icp_fix_wizard_get_page_name (wizard), G_TYPE_INVALID);

  g_assert_nonnull (page);
  return page;
}

static void
screenshot (GtkWidget  *window,
            const char *prefix,
            const char *page)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", prefix, page);
  g_autofree char *path = NULL;

  icp_test_wait (50);
  path = icp_ui_test_screenshot (window, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Escape (window.close) or Cancel closes the wizard and frees it. */
static void
close_and_check_gone (GtkWidget *window,
                      gboolean   with_cancel_button)
{
  GtkWidget *weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  if (with_cancel_button)
    {
      GtkWidget *cancel = icp_ui_test_find (window, "cancel_button", G_TYPE_INVALID);

      g_assert_nonnull (cancel);
      icp_ui_test_click (cancel);
    }
  else
    {
      g_assert_true (icp_ui_test_activate (window, "window.close", NULL));
    }
  icp_ui_test_wait_finalized (&weak);
}

/* Walks a fix wizard from its first page to its last, with a screenshot of each, checks that
 * Back works, clicks the console button and returns the URI it opened (transfer full). */
static char *
walk_to_end (Fixture      *fixture,
             IcpFixWizard *wizard,
             const char   *prefix)
{
  static const char * const pages[] = { "change", "constraints", "parameters", "summary" };
  GtkWidget *button;
  guint launched = fixture->launched->len;

  g_assert_cmpuint (icp_fix_wizard_get_n_pages (wizard), ==, G_N_ELEMENTS (pages));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, pages[0]);
  g_assert_false (icp_fix_wizard_back (wizard));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, pages[i]);
      screenshot (GTK_WIDGET (wizard), prefix, pages[i]);
      if (i + 1 < G_N_ELEMENTS (pages))
        g_assert_true (icp_ui_test_activate (GTK_WIDGET (wizard), "wizard.next", NULL));
    }
  g_assert_false (icp_fix_wizard_next (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "summary");

  /* Back, and forward again. */
  g_assert_true (icp_ui_test_activate (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "parameters");
  g_assert_true (icp_fix_wizard_next (wizard));

  button = icp_ui_test_find (current_page (wizard), "console_button", G_TYPE_INVALID);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  icp_ui_test_click (button);
  g_assert_cmpuint (fixture->launched->len, ==, launched + 1);

  return g_strdup (g_ptr_array_index (fixture->launched, launched));
}

static char *
instance_page_uri (IcpInstance *instance)
{
  return g_strdup_printf ("https://ecs.console.aliyun.com/server/%s/detail?regionId=%s",
                          icp_instance_get_id (instance), icp_instance_get_region_id (instance));
}

/* The findings a renewal is meant to fix. */
static const char * const renew_codes[] = {
  "subscription-too-short", "borderline-term", "remaining-too-short", "expired", NULL
};

static gboolean
has_renew_finding (IcpInstance *instance)
{
  for (guint i = 0; renew_codes[i] != NULL; i++)
    if (has_finding (instance, renew_codes[i]))
      return TRUE;
  return FALSE;
}

/* The oracle: the same server as if renewed for @months (the renewal counts from the expiry
 * time, or from now for an expired server, and lifts the overdue-payment lock), checked
 * again by the checker. It is fixed when none of its renew findings is left and no renew
 * blocker came up (a term of exactly the minimum is a new warning, not a failure: the
 * wizard says so on its parameters page). */
static gboolean
renewal_fixes (Fixture     *fixture,
               IcpInstance *instance,
               guint        months)
{
  g_autoptr(IcpInstance) copy = icp_instance_new (icp_instance_get_id (instance));
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(IcpVerdict) verdict = NULL;
  GDateTime *expired = icp_instance_get_expired_time (instance);
  GDateTime *now = now_of (fixture);
  const char * const no_locks[] = { NULL };

  icp_instance_update_from (copy, instance);
  expiry = g_date_time_add_months (g_date_time_compare (expired, now) > 0 ? expired : now,
                                   (int) months);
  icp_instance_set_expired_time (copy, expiry);
  icp_instance_set_lock_reasons (copy, no_locks);
  verdict = icp_checker_check (icp_inventory_get_checker (fixture->inventory), copy);

  for (guint i = 0; renew_codes[i] != NULL; i++)
    {
      IcpFinding *after = icp_verdict_get_finding (verdict, renew_codes[i]);

      if (after == NULL)
        continue;
      if (has_finding (instance, renew_codes[i]) ||
          icp_finding_get_severity (after) == ICP_SEVERITY_BLOCKER)
        return FALSE;
    }
  return TRUE;
}

/* What the months chooser must preselect: the largest months a renew finding asks for,
 * rounded to a term RenewInstance sells. */
static guint
expected_renew_months (Fixture     *fixture,
                       IcpInstance *instance)
{
  guint months = 1;

  for (guint i = 0; renew_codes[i] != NULL; i++)
    {
      IcpFinding *finding = icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                                     renew_codes[i]);

      if (finding != NULL)
        months = MAX (months, icp_finding_get_months (finding));
    }

  return icp_policy_round_months (policy_of (fixture), ICP_REMEDY_RENEW, months);
}

/* The term sold just below @months, or 0. */
static guint
previous_term (Fixture   *fixture,
               IcpRemedy  remedy,
               guint      months)
{
  gsize n = 0;
  const guint *allowed = icp_policy_get_allowed_months (policy_of (fixture), remedy, &n);
  guint previous = 0;

  for (gsize i = 0; i < n && allowed[i] < months; i++)
    previous = allowed[i];
  return previous;
}

/* In zh_CN, @english must be translated and contain @chinese (the glossary's word). */
static void
assert_translated (GtkWidget  *root,
                   const char *english,
                   const char *chinese)
{
  const char *lang = g_getenv ("LANGUAGE");
  const char *translated = _(english);

  /* The text is on screen in whatever language is in use. */
  g_assert_nonnull (icp_ui_test_find_text (root, translated));

  if (lang == NULL || !g_str_has_prefix (lang, "zh_CN"))
    return;

  if (g_str_equal (translated, english))
    {
      g_autofree char *msg = g_strdup_printf ("the zh_CN catalog lacks “%s” (translated at the "
                                              "end of the issue)", english);
      g_test_skip (msg);
      return;
    }
  g_assert_nonnull (strstr (translated, chinese));
}

/* ------------------------------------------------------------------------------------------ */
/* Renew                                                                                       */

static void
check_renew (Fixture    *fixture,
             const char *id,
             const char *prefix)
{
  IcpInstance *instance = lookup (fixture, id);
  IcpFixWizard *wizard;
  g_autofree char *uri = NULL;
  g_autofree char *expected_uri = instance_page_uri (instance);
  g_autoptr(GDateTime) expiry_before = NULL;
  g_autoptr(GDateTime) expiry_after = NULL;
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_after = NULL;
  guint expected = expected_renew_months (fixture, instance);
  guint previous = previous_term (fixture, ICP_REMEDY_RENEW, expected);

  g_assert_true (has_renew_finding (instance));

  /* The preselection fixes every renew finding, and the term below it would not (the
   * borderline one asks for "one more month to be safe", which 0 months would not give). */
  g_assert_true (renewal_fixes (fixture, instance, expected));
  if (previous > 0)
    g_assert_false (renewal_fixes (fixture, instance, previous));

  wizard = open_wizard (fixture, instance, ICP_REMEDY_RENEW);
  g_assert_cmpint (icp_fix_wizard_get_remedy (wizard), ==, ICP_REMEDY_RENEW);
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==, expected);
  g_assert_cmpuint (icp_fix_wizard_get_mbps (wizard), ==, 0);
  assert_translated (current_page (wizard), "Renew the Subscription", "续费");

  /* The new expiration time follows the chooser, on the page too. */
  expiry_before = icp_fix_wizard_get_new_expiry (wizard);
  shown_before = format_local (expiry_before);
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), shown_before));
  icp_fix_wizard_set_months (wizard, expected + 1);
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), >, expected);
  expiry_after = icp_fix_wizard_get_new_expiry (wizard);
  /* One month more: the same day of the next month (or its last day). */
  g_assert_cmpfloat_with_epsilon (icp_time_months_between (expiry_before, expiry_after), 1.0,
                                  0.01);
  shown_after = format_local (expiry_after);
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), shown_after));
  icp_fix_wizard_set_months (wizard, expected);
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==, expected);

  uri = walk_to_end (fixture, wizard, prefix);
  g_assert_cmpstr (uri, ==, expected_uri);
  g_assert_cmpstr (icp_fix_wizard_get_console_uri (wizard), ==, expected_uri);

  close_and_check_gone (GTK_WIDGET (wizard), TRUE);
}

static void
test_renew_too_short (Fixture       *fixture,
                      gconstpointer  data)
{
  /* 新项目-预发: 2 months of the 3 needed. */
  g_assert_true (has_finding (lookup (fixture, "i-uf64kz9c2v7n1x5b8q3d"), "subscription-too-short"));
  check_renew (fixture, "i-uf64kz9c2v7n1x5b8q3d", "renew-too-short");
}

static void
test_renew_remaining (Fixture       *fixture,
                      gconstpointer  data)
{
  /* gitlab: 15 days left. */
  g_assert_true (has_finding (lookup (fixture, "i-bp1t8y2u6i0o4p7a1s5d"), "remaining-too-short"));
  check_renew (fixture, "i-bp1t8y2u6i0o4p7a1s5d", "renew-remaining");
}

static void
test_renew_several (Fixture       *fixture,
                    gconstpointer  data)
{
  /* 商城-后台-01: a 1-month term with 15 days left: the larger need wins. */
  IcpInstance *instance = lookup (fixture, "i-wz9f5g9h3j7k1l6z0x4c");

  g_assert_true (has_finding (instance, "subscription-too-short"));
  g_assert_true (has_finding (instance, "remaining-too-short"));
  check_renew (fixture, "i-wz9f5g9h3j7k1l6z0x4c", "renew-several");
}

static void
test_renew_borderline (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 活动页-临时: exactly 3 months. */
  g_assert_true (has_finding (lookup (fixture, "i-bp1e9t6q3l8v0n5a2xkd"), "borderline-term"));
  check_renew (fixture, "i-bp1e9t6q3l8v0n5a2xkd", "renew-borderline");
}

static void
test_renew_expired (Fixture       *fixture,
                    gconstpointer  data)
{
  /* 官网-后台: expired on 2026-11-10, financial lock. */
  IcpInstance *instance = lookup (fixture, "i-2ze0p4o8i2u6y1t5r9eq");
  g_autofree char *date = format_local (icp_instance_get_expired_time (instance));
  IcpFixWizard *wizard;

  g_assert_true (has_finding (instance, "expired"));
  check_renew (fixture, "i-2ze0p4o8i2u6y1t5r9eq", "renew-expired");

  /* The constraints name the expiry date and the retention period. */
  wizard = open_wizard (fixture, instance, ICP_REMEDY_RENEW);
  g_assert_true (icp_fix_wizard_next (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "constraints");
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), date));
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard),
                                           _("Expired: renew within the retention period")));
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

static void
test_renew_pay_as_you_go (Fixture       *fixture,
                          gconstpointer  data)
{
  /* dev-环境: expired by a financial lock but pay-as-you-go: renewing is not possible, and
   * the constraints page says so instead of leading nowhere. */
  IcpInstance *instance = lookup (fixture, "i-uf6w9e3r7t1y5u8i2o6p");
  IcpFixWizard *wizard;

  g_assert_true (has_finding (instance, "expired"));
  g_assert_cmpint (icp_instance_get_charge_type (instance), ==, ICP_CHARGE_TYPE_POSTPAID);

  wizard = open_wizard (fixture, instance, ICP_REMEDY_RENEW);
  g_assert_true (icp_fix_wizard_next (wizard));
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard),
                                           _("This server is billed pay-as-you-go and cannot "
                                             "be renewed: switch it to subscription instead.")));
  screenshot (GTK_WIDGET (wizard), "renew-pay-as-you-go", "constraints");
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Switch to subscription                                                                      */

static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  /* 测试机: pay-as-you-go. */
  IcpInstance *instance = lookup (fixture, "i-bp1f2a7xk9d3m6qv0tzh");
  IcpPolicy *policy = policy_of (fixture);
  guint min = icp_policy_get_min_subscription_months (policy);
  guint expected = icp_policy_round_months (policy, ICP_REMEDY_SWITCH_BILLING, min);
  IcpFinding *finding = icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                                 "pay-as-you-go");
  g_autofree char *expected_uri = instance_page_uri (instance);
  g_autofree char *uri = NULL;
  IcpFixWizard *wizard;

  g_assert_nonnull (finding);
  g_assert_cmpuint (icp_finding_get_months (finding), ==, expected);
  g_assert_cmpuint (expected, >=, min);

  wizard = open_wizard (fixture, instance, ICP_REMEDY_SWITCH_BILLING);
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==, expected);
  assert_translated (current_page (wizard), "Switch to Subscription", "转包年包月");

  /* A term the API does not sell is rounded up to one it does. */
  icp_fix_wizard_set_months (wizard, 10);
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==,
                    icp_policy_round_months (policy, ICP_REMEDY_SWITCH_BILLING, 10));
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==, 12);
  icp_fix_wizard_set_months (wizard, expected);

  uri = walk_to_end (fixture, wizard, "switch");
  g_assert_cmpstr (uri, ==, expected_uri);
  close_and_check_gone (GTK_WIDGET (wizard), TRUE);
}

static void
test_switch_release_time (Fixture       *fixture,
                          gconstpointer  data)
{
  /* redis-cache-01: pay-as-you-go with an automatic release time, which must be cancelled
   * before the switch. */
  IcpInstance *instance = lookup (fixture, "i-wz9u2i6o0p4a8s3d7f1g");
  GDateTime *release = icp_instance_get_auto_release_time (instance);
  g_autofree char *date = NULL;
  g_autofree char *status = NULL;
  IcpFixWizard *wizard;
  GtkWidget *label;

  g_assert_nonnull (release);
  date = format_local (release);

  wizard = open_wizard (fixture, instance, ICP_REMEDY_SWITCH_BILLING);
  g_assert_true (icp_fix_wizard_next (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "constraints");
  label = icp_ui_test_find_text (current_page (wizard), date);
  g_assert_nonnull (label);
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), _("No automatic release time")));
  /* Its status, "Running", as a label and not the API's word. */
  status = g_strdup_printf (_("Status: %s."),
                            icp_instance_status_get_label (icp_instance_get_status (instance)));
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), status));
  screenshot (GTK_WIDGET (wizard), "switch-release-time", "constraints");

  /* An instance without one is told that none is set. */
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
  wizard = open_wizard (fixture, lookup (fixture, "i-bp1f2a7xk9d3m6qv0tzh"),
                        ICP_REMEDY_SWITCH_BILLING);
  g_assert_true (icp_fix_wizard_next (wizard));
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), _("None is set.")));
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Add public bandwidth                                                                        */

static void
check_bandwidth (Fixture    *fixture,
                 const char *id,
                 const char *prefix)
{
  IcpInstance *instance = lookup (fixture, id);
  IcpPolicy *policy = policy_of (fixture);
  IcpFinding *finding = icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                                 "no-public-ip");
  g_autofree char *expected_uri = instance_page_uri (instance);
  g_autofree char *uri = NULL;
  guint expected;
  IcpFixWizard *wizard;

  g_assert_nonnull (finding);
  /* The least that gives an address: the policy's minimum, or what is already bought. */
  expected = MAX (icp_policy_get_min_bandwidth (policy),
                  (guint) MAX (icp_instance_get_bandwidth_out (instance), 0));
  g_assert_cmpuint (icp_finding_get_mbps (finding), ==, expected);

  wizard = open_wizard (fixture, instance, ICP_REMEDY_ADD_BANDWIDTH);
  g_assert_cmpuint (icp_fix_wizard_get_mbps (wizard), ==, expected);
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==, 0);
  assert_translated (current_page (wizard), "Add Public Bandwidth", "公网带宽");

  /* The chooser stays within the policy's range. */
  icp_fix_wizard_set_mbps (wizard, 100000);
  g_assert_cmpuint (icp_fix_wizard_get_mbps (wizard), ==, icp_policy_get_max_bandwidth (policy));
  icp_fix_wizard_set_mbps (wizard, 0);
  g_assert_cmpuint (icp_fix_wizard_get_mbps (wizard), ==, icp_policy_get_min_bandwidth (policy));
  icp_fix_wizard_set_mbps (wizard, expected);

  uri = walk_to_end (fixture, wizard, prefix);
  g_assert_cmpstr (uri, ==, expected_uri);

  /* The spin button on the parameters page shows the same value. */
  g_assert_true (icp_fix_wizard_back (wizard));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (icp_ui_test_find (current_page (wizard), "mbps_spin", G_TYPE_INVALID))),
                   ==, expected);
  close_and_check_gone (GTK_WIDGET (wizard), TRUE);
}

static void
test_bandwidth (Fixture       *fixture,
                gconstpointer  data)
{
  /* db-master: private network only. */
  check_bandwidth (fixture, "i-bp18ymn5c2w4j7hr9k0s", "bandwidth");
}

static void
test_bandwidth_bought (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 运维跳板机: 2 Mbit/s bought, no address. */
  check_bandwidth (fixture, "i-wz9q7w1e5r9t3y8u2i6o", "bandwidth-bought");
}

static void
test_bandwidth_eip (Fixture       *fixture,
                    gconstpointer  data)
{
  /* An instance with an EIP cannot also get a static public IP: the sample's EIP servers are
   * eligible, so make one without bandwidth that the user still opens the wizard for. */
  g_autoptr(IcpInstance) instance = icp_test_make_instance ("i-test-eip-0001");
  IcpFixWizard *wizard;

  icp_instance_set_public_ip (instance, "");
  icp_instance_set_bandwidth_out (instance, 0);
  icp_instance_set_eip (instance, "198.51.100.77");
  icp_inventory_add (fixture->inventory, instance);

  wizard = open_wizard (fixture, instance, ICP_REMEDY_ADD_BANDWIDTH);
  g_assert_true (icp_fix_wizard_next (wizard));
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "constraints");
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), "198.51.100.77"));
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), _("No EIP bound")));
  screenshot (GTK_WIDGET (wizard), "bandwidth-eip", "constraints");
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Guidance                                                                                    */

static IcpFixWizard *
open_guidance (Fixture     *fixture,
               IcpInstance *instance,
               IcpRemedy    remedy,
               const char  *expected_uri,
               const char  *shot)
{
  IcpFixWizard *wizard = open_wizard (fixture, instance, remedy);
  GtkWidget *button;
  guint launched = fixture->launched->len;

  g_assert_cmpuint (icp_fix_wizard_get_n_pages (wizard), ==, 1);
  g_assert_cmpstr (icp_fix_wizard_get_page_name (wizard), ==, "guidance");
  g_assert_false (icp_fix_wizard_next (wizard));
  g_assert_false (icp_fix_wizard_back (wizard));
  g_assert_cmpuint (icp_fix_wizard_get_months (wizard), ==, 0);
  g_assert_cmpuint (icp_fix_wizard_get_mbps (wizard), ==, 0);
  g_assert_false (gtk_widget_get_visible (icp_ui_test_find (GTK_WIDGET (wizard), "next_button",
                                                            G_TYPE_INVALID)));
  screenshot (GTK_WIDGET (wizard), shot, "guidance");

  button = icp_ui_test_find (current_page (wizard), "console_button", G_TYPE_INVALID);
  g_assert_nonnull (button);
  icp_ui_test_click (button);
  g_assert_cmpuint (fixture->launched->len, ==, launched + 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->launched, launched), ==, expected_uri);
  g_assert_cmpstr (icp_fix_wizard_get_console_uri (wizard), ==, expected_uri);

  return wizard;
}

static void
test_guidance_owner (Fixture       *fixture,
                     gconstpointer  data)
{
  /* web-prod-02: owned by 9876543210987654, filed with 1234567890123456. */
  IcpInstance *instance = lookup (fixture, "i-wz9b4n8m2q6w0e3r7t1y");
  IcpFixWizard *wizard;

  g_assert_true (has_finding (instance, "account-mismatch"));
  wizard = open_guidance (fixture, instance, ICP_REMEDY_USE_OWNER_ACCOUNT,
                          ICP_CONSOLE_SERVICE_CODE_APPLY, "owner");
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), "9876543210987654"));
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), FILING_ACCOUNT));
  close_and_check_gone (GTK_WIDGET (wizard), TRUE);
}

static void
test_guidance_another (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 官网-前端: 5 of 5 codes used. */
  IcpInstance *instance = lookup (fixture, "i-bp1c4r8t2mzq5x7n3vya");
  guint quota = icp_policy_get_codes_per_instance (policy_of (fixture));
  g_autofree char *used = g_strdup_printf (C_("service codes used", "%d of %u"),
                                           icp_instance_get_codes_used (instance), quota);
  IcpFixWizard *wizard;

  g_assert_true (has_finding (instance, "quota-reached"));
  g_assert_cmpint (icp_instance_get_codes_used (instance), ==, (int) quota);
  wizard = open_guidance (fixture, instance, ICP_REMEDY_CHOOSE_ANOTHER,
                          ICP_CONSOLE_SERVICE_CODE_MANAGE, "another");
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), used));
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

static void
test_guidance_start (Fixture       *fixture,
                     gconstpointer  data)
{
  /* es-node-03: a stopped subscription. */
  IcpInstance *instance = lookup (fixture, "i-uf6m3n7b1v5c9x2z8l4k");
  g_autofree char *uri = instance_page_uri (instance);
  IcpFixWizard *wizard;

  g_assert_true (has_finding (instance, "not-running"));
  wizard = open_guidance (fixture, instance, ICP_REMEDY_START_INSTANCE, uri, "start");
  /* The status in the user's words, as the details pane says it too. */
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard),
                                           icp_instance_status_get_label (
                                             icp_instance_get_status (instance))));
  assert_translated (current_page (wizard), "Start the Server", "启动");
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

static void
test_guidance_other (Fixture       *fixture,
                     gconstpointer  data)
{
  /* No remedy leads nowhere: the lock, the unknown region, the unknown code count, and the
   * account without servers each get a page and a console link. */
  IcpInstance *locked = lookup (fixture, "i-uf6r7t1y5u9i3o6p0a2s");
  IcpInstance *xinjiang = lookup (fixture, "i-8xj5d9f3g7h1j4k8l2za");
  IcpInstance *unknown_codes = lookup (fixture, "i-bp1f2a7xk9d3m6qv0tzh");
  g_autofree char *locked_uri = instance_page_uri (locked);
  g_autofree char *xinjiang_uri = instance_page_uri (xinjiang);
  IcpFixWizard *wizard;

  g_assert_true (has_finding (locked, "locked"));
  wizard = open_guidance (fixture, locked, ICP_REMEDY_RESOLVE_LOCK, locked_uri, "lock");
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), "security"));
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);

  g_assert_true (has_finding (xinjiang, "region-unknown"));
  wizard = open_guidance (fixture, xinjiang, ICP_REMEDY_VERIFY, xinjiang_uri, "verify");
  g_assert_nonnull (icp_ui_test_find_text (current_page (wizard), "cn-xinjiang"));
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);

  g_assert_true (has_finding (unknown_codes, "codes-unknown"));
  wizard = open_guidance (fixture, unknown_codes, ICP_REMEDY_CHECK_CONSOLE,
                          ICP_CONSOLE_SERVICE_CODE_MANAGE, "check-console");
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);

  wizard = open_guidance (fixture, NULL, ICP_REMEDY_BUY_SERVER, ICP_CONSOLE_BUY_ECS, "buy");
  close_and_check_gone (GTK_WIDGET (wizard), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Apply guide                                                                                 */

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  GValue value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  char *text;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static void
check_apply_guide (Fixture    *fixture,
                   const char *id,
                   const char *expected_ip,
                   const char *shot)
{
  IcpInstance *instance = lookup (fixture, id);
  IcpApplyGuide *guide;
  GtkWidget *button;
  g_autofree char *copied_id = NULL;
  g_autofree char *copied_ip = NULL;
  g_autofree char *copied_shot = NULL;
  guint launched = fixture->launched->len;

  g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==,
                   ICP_VERDICT_STATE_ELIGIBLE);

  guide = icp_apply_guide_new (NULL, fixture->inventory, instance);
  gtk_window_set_default_size (GTK_WINDOW (guide), 600, 1000);
  gtk_window_present (GTK_WINDOW (guide));
  icp_ui_test_wait_mapped (GTK_WIDGET (guide));
  screenshot (GTK_WIDGET (guide), "apply", shot);

  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (guide), FILING_ACCOUNT));
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (guide), id));
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (guide), expected_ip));
  assert_translated (GTK_WIDGET (guide), "Instance ID", "实例ID");
  assert_translated (GTK_WIDGET (guide), "Public IP Address", "公网IP");

  button = icp_ui_test_find (GTK_WIDGET (guide), "copy_id_button", G_TYPE_INVALID);
  g_assert_nonnull (button);
  icp_ui_test_click (button);
  copied_id = clipboard_text (button);
  g_assert_cmpstr (copied_id, ==, id);

  button = icp_ui_test_find (GTK_WIDGET (guide), "copy_ip_button", G_TYPE_INVALID);
  g_assert_nonnull (button);
  icp_ui_test_click (button);
  copied_ip = clipboard_text (button);
  g_assert_cmpstr (copied_ip, ==, expected_ip);
  g_assert_cmpstr (icp_apply_guide_get_public_ip (guide), ==, expected_ip);
  icp_test_wait (100);
  copied_shot = g_strconcat (shot, "-copied", NULL);
  screenshot (GTK_WIDGET (guide), "apply", copied_shot);

  button = icp_ui_test_find (GTK_WIDGET (guide), "console_button", G_TYPE_INVALID);
  icp_ui_test_click (button);
  g_assert_cmpuint (fixture->launched->len, ==, launched + 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->launched, launched), ==,
                   ICP_CONSOLE_SERVICE_CODE_APPLY);

  close_and_check_gone (GTK_WIDGET (guide), FALSE);
}

static void
test_apply_guide (Fixture       *fixture,
                  gconstpointer  data)
{
  /* web-prod-01: a static public IP. */
  IcpInstance *instance = lookup (fixture, "i-bp1g6zv0ce8oghu7k2a");

  g_assert_cmpstr (icp_instance_get_owner_account (instance), ==, FILING_ACCOUNT);
  check_apply_guide (fixture, "i-bp1g6zv0ce8oghu7k2a", icp_instance_get_public_ip (instance),
                     "static-ip");
}

static void
test_apply_guide_eip (Fixture       *fixture,
                      gconstpointer  data)
{
  /* api-gateway-01: only an EIP, which is the address to file with. */
  IcpInstance *instance = lookup (fixture, "i-bp13kd9wq0f7yhs2le6u");

  g_assert_cmpint (icp_instance_get_bandwidth_out (instance), ==, 0);
  check_apply_guide (fixture, "i-bp13kd9wq0f7yhs2le6u", icp_instance_get_eip (instance), "eip");
}

int
main (int   argc,
      char *argv[])
{
  icp_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/icp/ui-wizard/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("renew/too-short", test_renew_too_short);
  ADD ("renew/remaining", test_renew_remaining);
  ADD ("renew/several", test_renew_several);
  ADD ("renew/borderline", test_renew_borderline);
  ADD ("renew/expired", test_renew_expired);
  ADD ("renew/pay-as-you-go", test_renew_pay_as_you_go);
  ADD ("switch/minimum", test_switch);
  ADD ("switch/release-time", test_switch_release_time);
  ADD ("bandwidth/minimum", test_bandwidth);
  ADD ("bandwidth/bought", test_bandwidth_bought);
  ADD ("bandwidth/eip", test_bandwidth_eip);
  ADD ("guidance/owner-account", test_guidance_owner);
  ADD ("guidance/choose-another", test_guidance_another);
  ADD ("guidance/start", test_guidance_start);
  ADD ("guidance/other", test_guidance_other);
  ADD ("apply/static-ip", test_apply_guide);
  ADD ("apply/eip", test_apply_guide_eip);

#undef ADD

  return g_test_run ();
}
