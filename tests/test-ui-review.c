/* test-ui-review.c: the review page and the details pane on the bundled sample, in a real window
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case opens the sample (data/samples/, as of ICP_TEST_NOW with the filing account of
 * data/samples/README.md) in an IcpReviewPage inside a 1280×800 window that carries stub
 * "win.fix" and "win.apply-guide" actions recording what they were activated with. */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "icp-details-pane.h"
#include "icp-enums.h"
#include "icp-fix-wizard.h"
#include "icp-import.h"
#include "icp-report.h"
#include "icp-review-page.h"
#include "icp-test-utils.h"
#include "icp-ui-test-utils.h"

#define FILING_ACCOUNT "1234567890123456"
#define N_SAMPLE       35

/* Ids from data/samples/README.md */
#define ID_WEB_PROD_01   "i-bp1g6zv0ce8oghu7k2a"  /* eligible, public IP */
#define ID_PAYG          "i-bp1f2a7xk9d3m6qv0tzh"  /* 测试机: pay-as-you-go */
#define ID_TOO_SHORT     "i-uf64kz9c2v7n1x5b8q3d"  /* 新项目-预发: 2 months of 3 */
#define ID_EIP_ONLY      "i-bp13kd9wq0f7yhs2le6u"  /* api-gateway-01: EIP only */
#define ID_HK            "i-j6c2x6v0b4n8m1q5w9er"  /* hk-web-01: not required */

typedef struct
{
  IcpInventory  *inventory;
  GtkWidget     *window;
  IcpReviewPage *page;
  GPtrArray     *fix_targets;    /* "id remedy" strings */
  GPtrArray     *apply_targets;  /* ids */
} Fixture;

static void
fix_activated_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *fixture = user_data;
  const char *id, *remedy;

  g_variant_get (parameter, "(&s&s)", &id, &remedy);
  g_ptr_array_add (fixture->fix_targets, g_strdup_printf ("%s %s", id, remedy));
}

static void
apply_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->apply_targets, g_variant_dup_string (parameter, NULL));
}

static IcpInventory *
load_sample (void)
{
  g_autoptr(IcpPolicy) policy = icp_test_default_policy ();
  g_autoptr(IcpChecker) checker = icp_test_new_checker (policy);
  IcpInventory *inventory;
  const char *files[] = { "ecs-instances.json", "filing-console.csv" };

  icp_checker_set_filing_account (checker, FILING_ACCOUNT);
  inventory = icp_inventory_new (checker);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = icp_test_sample_path (files[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) instances = icp_import_file (file, policy, NULL, &error);

      g_assert_no_error (error);
      icp_inventory_add_all (inventory, instances);
    }

  return inventory;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) fix = g_simple_action_new ("fix", G_VARIANT_TYPE ("(ss)"));
  g_autoptr(GSimpleAction) apply = g_simple_action_new ("apply-guide", G_VARIANT_TYPE_STRING);
  gboolean empty = GPOINTER_TO_INT (data);

  fixture->fix_targets = g_ptr_array_new_with_free_func (g_free);
  fixture->apply_targets = g_ptr_array_new_with_free_func (g_free);

  if (empty)
    {
      g_autoptr(IcpPolicy) policy = icp_test_default_policy ();
      g_autoptr(IcpChecker) checker = icp_test_new_checker (policy);

      fixture->inventory = icp_inventory_new (checker);
    }
  else
    {
      fixture->inventory = load_sample ();
    }

  g_signal_connect (fix, "activate", G_CALLBACK (fix_activated_cb), fixture);
  g_signal_connect (apply, "activate", G_CALLBACK (apply_activated_cb), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (fix));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (apply));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_widget_insert_action_group (fixture->window, "win", G_ACTION_GROUP (group));

  fixture->page = ICP_REVIEW_PAGE (icp_review_page_new ());
  icp_review_page_set_inventory (fixture->page, fixture->inventory);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
  icp_ui_test_wait_mapped (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  icp_test_wait (10);
  g_assert_finalize_object (fixture->inventory);
  g_ptr_array_unref (fixture->fix_targets);
  g_ptr_array_unref (fixture->apply_targets);
}

/* --- helpers --- */

static GListModel *
visible (Fixture *fixture)
{
  return icp_review_page_get_visible_model (fixture->page);
}

static guint
n_visible (Fixture *fixture)
{
  return g_list_model_get_n_items (visible (fixture));
}

static gboolean
visible_has (Fixture    *fixture,
             const char *id)
{
  for (guint i = 0; i < n_visible (fixture); i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (visible (fixture), i);

      if (g_str_equal (icp_instance_get_id (instance), id))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find (Fixture    *fixture,
      const char *name)
{
  return icp_ui_test_get (fixture->window, name);
}

/* Whether @widget is on screen: mapped, and the visible child of every stack above it. */
static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
wait_frame (Fixture *fixture)
{
  icp_ui_test_wait_mapped (fixture->window);
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = NULL;

  wait_frame (fixture);
  path = icp_ui_test_screenshot (fixture->window, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static GtkColumnViewColumn *
column (Fixture    *fixture,
        guint       index)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find (fixture, "review-list"));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, index);

  g_assert_nonnull (col);
  return col;  /* the view holds it */
}

static void
sort_by (Fixture     *fixture,
         guint        index,
         GtkSortType  direction)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find (fixture, "review-list"));

  gtk_column_view_sort_by_column (view, column (fixture, index), direction);
}

static IcpFinding *
finding_of (IcpInventory *inventory,
            const char   *id,
            const char   *code)
{
  IcpInstance *instance = icp_inventory_lookup (inventory, id);

  g_assert_nonnull (instance);
  return icp_verdict_get_finding (icp_instance_get_verdict (instance), code);
}

/* --- cases --- */

static void
test_rows_and_headline (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkLabel *headline = GTK_LABEL (find (fixture, "review-headline"));
  g_autofree char *summary = icp_report_summary (fixture->inventory);
  guint eligible = icp_inventory_count (fixture->inventory, ICP_VERDICT_STATE_ELIGIBLE);

  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
  g_assert_cmpstr (gtk_label_get_text (headline), ==, summary);

  /* data/samples/README.md: 18 blocked, 5 not required, the rest eligible (or one unknown). */
  g_assert_cmpuint (icp_inventory_count (fixture->inventory, ICP_VERDICT_STATE_BLOCKED), ==, 18);
  g_assert_cmpuint (icp_inventory_count (fixture->inventory, ICP_VERDICT_STATE_NOT_REQUIRED), ==, 5);
  g_assert_cmpuint (eligible, >=, 11);

  if (g_str_has_prefix (g_getenv ("LANGUAGE"), "en"))
    {
      g_autofree char *expected =
        g_strdup_printf ("%u of 35 servers can get an ICP filing service code now.", eligible);

      g_assert_cmpstr (gtk_label_get_text (headline), ==, expected);
    }

  g_assert_true (shown (find (fixture, "review-list")));
  g_assert_false (shown (find (fixture, "review-no-match")));
  g_assert_true (shown (find (fixture, "details-empty")));
  /* No account-level finding for a list with servers. */
  g_assert_false (gtk_widget_get_visible (find (fixture, "review-account-findings")));
}

static gboolean
one_row_cb (gpointer data)
{
  return g_list_model_get_n_items (data) == 1;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  IcpInstance *eip_only = icp_inventory_lookup (fixture->inventory, ID_EIP_ONLY);
  IcpInstance *web = icp_inventory_lookup (fixture->inventory, ID_WEB_PROD_01);
  g_autofree char *upper_id = g_ascii_strup (ID_WEB_PROD_01, -1);

  /* By id, whole and in part, in any case */
  icp_review_page_set_search_text (fixture->page, ID_WEB_PROD_01);
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  g_assert_true (visible_has (fixture, ID_WEB_PROD_01));
  icp_review_page_set_search_text (fixture->page, upper_id);
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  icp_review_page_set_search_text (fixture->page, "i-uf6");
  g_assert_cmpuint (n_visible (fixture), ==, 6);

  /* By name: ASCII in another case, and Chinese */
  icp_review_page_set_search_text (fixture->page, "WEB-PROD");
  g_assert_cmpuint (n_visible (fixture), ==, 2);
  g_assert_true (visible_has (fixture, ID_WEB_PROD_01));
  g_assert_true (visible_has (fixture, "i-wz9b4n8m2q6w0e3r7t1y"));
  icp_review_page_set_search_text (fixture->page, "官网");
  g_assert_cmpuint (n_visible (fixture), ==, 2);
  g_assert_true (visible_has (fixture, "i-bp1c4r8t2mzq5x7n3vya"));
  g_assert_true (visible_has (fixture, "i-2ze0p4o8i2u6y1t5r9eq"));
  /* Full-width letters fold to ASCII */
  icp_review_page_set_search_text (fixture->page, "ＧＩＴＬＡＢ");
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  g_assert_true (visible_has (fixture, "i-bp1t8y2u6i0o4p7a1s5d"));

  /* By public IP and by EIP */
  g_assert_cmpstr (icp_instance_get_public_ip (web), !=, "");
  icp_review_page_set_search_text (fixture->page, icp_instance_get_public_ip (web));
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  g_assert_true (visible_has (fixture, ID_WEB_PROD_01));
  g_assert_cmpstr (icp_instance_get_eip (eip_only), !=, "");
  icp_review_page_set_search_text (fixture->page, icp_instance_get_eip (eip_only));
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  g_assert_true (visible_has (fixture, ID_EIP_ONLY));

  /* Spaces around do not count; clearing shows everything */
  icp_review_page_set_search_text (fixture->page, "  gitlab ");
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  icp_review_page_set_search_text (fixture->page, "");
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);

  /* Typing goes through the entry's search-changed (after its delay). */
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "review-search")), "jenkins");
  g_assert_true (icp_test_wait_for (one_row_cb, visible (fixture), 2000));
  g_assert_true (visible_has (fixture, "i-bp1w2n8s5k1d6f3h9zqa"));
}

/* The rows are swapped in steps at each search: the selected server stays selected (and in
 * the details) while it matches, and the view shows the matches from the top. */
static void
test_search_keeps_selection (Fixture       *fixture,
                             gconstpointer  data)
{
  IcpDetailsPane *details = ICP_DETAILS_PANE (find (fixture, "review-details"));
  IcpInstance *gateway = icp_inventory_lookup (fixture->inventory, ID_EIP_ONLY);
  g_autoptr(IcpInstance) first = NULL;

  /* api-gateway-01 is not the first row: the rows before it leave, and it is one of the
   * rows that are swapped. */
  g_assert_true (icp_review_page_select_instance (fixture->page, ID_EIP_ONLY));
  first = g_list_model_get_item (visible (fixture), 0);
  g_assert_true (first != gateway);
  g_clear_object (&first);
  icp_review_page_set_search_text (fixture->page, "api-gateway");
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  g_assert_true (icp_review_page_get_selected (fixture->page) == gateway);
  g_assert_true (icp_details_pane_get_instance (details) == gateway);

  /* Back to every row: still selected, at its place in the full list */
  icp_review_page_set_search_text (fixture->page, "");
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
  g_assert_true (icp_review_page_get_selected (fixture->page) == gateway);
  g_assert_true (icp_details_pane_get_instance (details) == gateway);
  wait_frame (fixture);

  /* A search it does not match unselects it and empties the details */
  icp_review_page_set_search_text (fixture->page, "jenkins");
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  g_assert_null (icp_review_page_get_selected (fixture->page));
  g_assert_null (icp_details_pane_get_instance (details));
  first = g_list_model_get_item (visible (fixture), 0);
  g_assert_cmpstr (icp_instance_get_id (first), ==, "i-bp1w2n8s5k1d6f3h9zqa");
  wait_frame (fixture);
  g_assert_nonnull (icp_ui_test_find_text (find (fixture, "review-list"), "jenkins"));
}

static void
test_verdict_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  const IcpVerdictState states[] = {
    ICP_VERDICT_STATE_ELIGIBLE, ICP_VERDICT_STATE_BLOCKED,
    ICP_VERDICT_STATE_NOT_REQUIRED, ICP_VERDICT_STATE_UNKNOWN,
  };
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (fixture, "review-verdict-filter"));

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      icp_review_page_set_verdict_filter (fixture->page, states[i]);
      g_assert_cmpuint (n_visible (fixture), ==, icp_inventory_count (fixture->inventory, states[i]));
      for (guint j = 0; j < n_visible (fixture); j++)
        {
          g_autoptr(IcpInstance) instance = g_list_model_get_item (visible (fixture), j);

          g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==, states[i]);
        }
      /* The drop-down follows */
      g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, i + 1);
    }

  /* The drop-down drives the filter too: "Not required" */
  gtk_drop_down_set_selected (dropdown, 3);
  g_assert_cmpint (icp_review_page_get_verdict_filter (fixture->page), ==,
                   ICP_VERDICT_STATE_NOT_REQUIRED);
  g_assert_cmpuint (n_visible (fixture), ==, 5);

  /* Combined with a search: Hong Kong servers among the not-required ones */
  icp_review_page_set_search_text (fixture->page, "hk-");
  g_assert_cmpuint (n_visible (fixture), ==, 2);
  icp_review_page_set_verdict_filter (fixture->page, ICP_VERDICT_STATE_BLOCKED);
  g_assert_cmpuint (n_visible (fixture), ==, 0);

  icp_review_page_set_search_text (fixture->page, "");
  icp_review_page_set_verdict_filter (fixture->page, ICP_REVIEW_PAGE_ALL_VERDICTS);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
}

/* Sort keys as a user reads the columns; each column's order must follow them. */
static gint64
expiry_key (IcpInstance *instance)
{
  GDateTime *expires = icp_instance_get_expired_time (instance);

  if (icp_instance_get_charge_type (instance) == ICP_CHARGE_TYPE_POSTPAID)
    return G_MAXINT64 - 1;
  return expires != NULL ? g_date_time_to_unix (expires) : G_MAXINT64;
}

static gint64
address_key (IcpInstance *instance)
{
  const char *ip = icp_instance_get_public_ip (instance);
  g_auto(GStrv) parts = NULL;
  gint64 value = 0;

  if (ip == NULL || *ip == '\0')
    ip = icp_instance_get_eip (instance);
  if (ip == NULL || *ip == '\0')
    return G_MAXINT64;
  parts = g_strsplit (ip, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  for (guint i = 0; i < 4; i++)
    value = value * 256 + g_ascii_strtoll (parts[i], NULL, 10);
  return value;
}

static gint64
verdict_key (IcpInstance *instance)
{
  static const int rank[] = {
    [ICP_VERDICT_STATE_ELIGIBLE] = 0, [ICP_VERDICT_STATE_BLOCKED] = 1,
    [ICP_VERDICT_STATE_UNKNOWN] = 2, [ICP_VERDICT_STATE_NOT_REQUIRED] = 3,
  };

  return rank[icp_verdict_get_state (icp_instance_get_verdict (instance))];
}

static gint64
billing_key (IcpInstance *instance)
{
  return icp_instance_get_charge_type (instance);
}

static void
assert_sorted (Fixture     *fixture,
               guint        index,
               gint64     (*key) (IcpInstance *),
               const char *first_id_ascending)
{
  GtkSorter *sorter = gtk_column_view_column_get_sorter (column (fixture, index));
  guint n = n_visible (fixture);

  g_assert_nonnull (sorter);

  sort_by (fixture, index, GTK_SORT_ASCENDING);
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(IcpInstance) a = g_list_model_get_item (visible (fixture), i);
      g_autoptr(IcpInstance) b = g_list_model_get_item (visible (fixture), i + 1);

      /* The column's own sorter agrees with the shown order... */
      g_assert_cmpint (gtk_sorter_compare (sorter, a, b), !=, GTK_ORDERING_LARGER);
      /* ...and, where the test knows the key, so does the key. */
      if (key != NULL)
        g_assert_cmpint (key (a), <=, key (b));
    }
  if (first_id_ascending != NULL)
    {
      g_autoptr(IcpInstance) first = g_list_model_get_item (visible (fixture), 0);

      g_assert_cmpstr (icp_instance_get_id (first), ==, first_id_ascending);
    }

  sort_by (fixture, index, GTK_SORT_DESCENDING);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(IcpInstance) a = g_list_model_get_item (visible (fixture), i);
      g_autoptr(IcpInstance) b = g_list_model_get_item (visible (fixture), i + 1);

      if (key != NULL)
        g_assert_cmpint (key (a), >=, key (b));
      else
        g_assert_cmpint (gtk_sorter_compare (sorter, a, b), !=, GTK_ORDERING_SMALLER);
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find (fixture, "review-list"));
  g_autoptr(IcpInstance) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 6);

  /* Name: "api-gateway-01" comes first of the ASCII names in every locale. */
  assert_sorted (fixture, 0, NULL, NULL);
  sort_by (fixture, 0, GTK_SORT_ASCENDING);
  first = g_list_model_get_item (visible (fixture), 0);
  g_assert_cmpstr (icp_instance_get_name (first), ==, "api-gateway-01");
  g_clear_object (&first);

  /* Verdict, next to the name so that a narrow window still shows it: eligible first */
  assert_sorted (fixture, 1, verdict_key, NULL);
  /* Region: by the shown name; the same region's servers end up together. */
  assert_sorted (fixture, 2, NULL, NULL);
  /* Billing: pay-as-you-go and subscription in two blocks */
  assert_sorted (fixture, 3, NULL, NULL);
  {
    guint changes = 0;

    for (guint i = 0; i + 1 < n_visible (fixture); i++)
      {
        g_autoptr(IcpInstance) a = g_list_model_get_item (visible (fixture), i);
        g_autoptr(IcpInstance) b = g_list_model_get_item (visible (fixture), i + 1);

        changes += billing_key (a) != billing_key (b);
      }
    g_assert_cmpuint (changes, ==, 1);
  }
  /* Expiry: the earliest date first (测试-压测, expired 2026-11-08), pay-as-you-go last. */
  assert_sorted (fixture, 4, expiry_key, "i-2vcd1f5g9h3j6k0l4z8x");
  /* Public IP in numeric order, servers without an address last */
  assert_sorted (fixture, 5, address_key, NULL);
}

static void
test_details_blocked (Fixture       *fixture,
                      gconstpointer  data)
{
  IcpDetailsPane *details = ICP_DETAILS_PANE (find (fixture, "review-details"));
  IcpFinding *payg = finding_of (fixture->inventory, ID_PAYG, "pay-as-you-go");
  IcpFinding *short_term = finding_of (fixture->inventory, ID_TOO_SHORT, "subscription-too-short");
  g_autofree char *months = NULL;
  GtkWidget *widget;

  g_assert_nonnull (payg);
  g_assert_nonnull (short_term);

  /* 测试机, pay-as-you-go */
  g_assert_true (icp_review_page_select_instance (fixture->page, ID_PAYG));
  g_assert_true (icp_details_pane_get_instance (details) ==
                 icp_inventory_lookup (fixture->inventory, ID_PAYG));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "details-verdict"))), ==,
                   icp_verdict_state_get_label (ICP_VERDICT_STATE_BLOCKED));
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (details), icp_finding_get_message (payg)));
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (details), icp_finding_get_reason (payg)));
  g_assert_false (gtk_widget_get_visible (find (fixture, "details-apply")));
  screenshot (fixture, "review-blocked");

  widget = find (fixture, "details-remedy-switch-billing");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (widget)), ==,
                   icp_fix_wizard_get_remedy_title (ICP_REMEDY_SWITCH_BILLING));
  icp_ui_test_click (widget);
  g_assert_cmpuint (fixture->fix_targets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->fix_targets, 0), ==, ID_PAYG " switch-billing");

  /* 新项目-预发: subscribed for 2 months, 3 needed: the numbers are in the message */
  g_assert_true (icp_review_page_select_instance (fixture->page, ID_TOO_SHORT));
  g_assert_cmpuint (icp_finding_get_months (short_term), ==, 1);
  widget = icp_ui_test_find_text (GTK_WIDGET (details), icp_finding_get_message (short_term));
  g_assert_nonnull (widget);
  months = g_strdup_printf ("%u", icp_policy_get_min_subscription_months (
    icp_checker_get_policy (icp_inventory_get_checker (fixture->inventory))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget)), months));
  icp_ui_test_click (find (fixture, "details-remedy-renew"));
  g_assert_cmpuint (fixture->fix_targets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->fix_targets, 1), ==, ID_TOO_SHORT " renew");
  g_assert_cmpuint (fixture->apply_targets->len, ==, 0);
}

static void
test_details_eligible (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *apply;

  g_assert_true (icp_review_page_select_instance (fixture->page, ID_WEB_PROD_01));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "details-verdict"))), ==,
                   icp_verdict_state_get_label (ICP_VERDICT_STATE_ELIGIBLE));
  apply = find (fixture, "details-apply");
  g_assert_true (gtk_widget_get_visible (apply));
  screenshot (fixture, "review-eligible");

  icp_ui_test_click (apply);
  g_assert_cmpuint (fixture->apply_targets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->apply_targets, 0), ==, ID_WEB_PROD_01);
  g_assert_cmpuint (fixture->fix_targets->len, ==, 0);

  /* Not required: no apply button, no remedy */
  g_assert_true (icp_review_page_select_instance (fixture->page, ID_HK));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "details-verdict"))), ==,
                   icp_verdict_state_get_label (ICP_VERDICT_STATE_NOT_REQUIRED));
  g_assert_false (gtk_widget_get_visible (find (fixture, "details-apply")));
  screenshot (fixture, "review-not-required");

  /* Selecting a server hidden by the search clears the search */
  icp_review_page_set_search_text (fixture->page, "jenkins");
  g_assert_true (icp_review_page_select_instance (fixture->page, ID_WEB_PROD_01));
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
  g_assert_false (icp_review_page_select_instance (fixture->page, "i-does-not-exist"));
}

static void
test_no_match (Fixture       *fixture,
               gconstpointer  data)
{
  GtkEditable *entry = GTK_EDITABLE (find (fixture, "review-search"));

  icp_review_page_set_search_text (fixture->page, "no-such-server-anywhere");
  g_assert_cmpuint (n_visible (fixture), ==, 0);
  wait_frame (fixture);
  g_assert_true (shown (find (fixture, "review-no-match")));
  g_assert_false (shown (find (fixture, "review-list")));
  screenshot (fixture, "review-no-match");

  icp_ui_test_click (find (fixture, "review-clear-search"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
  wait_frame (fixture);
  g_assert_true (shown (find (fixture, "review-list")));

  /* A filter that matches nothing shows the same page, and the button resets it too */
  icp_review_page_set_search_text (fixture->page, "hk-");
  icp_review_page_set_verdict_filter (fixture->page, ICP_VERDICT_STATE_ELIGIBLE);
  wait_frame (fixture);
  g_assert_true (shown (find (fixture, "review-no-match")));
  icp_ui_test_click (find (fixture, "review-clear-search"));
  g_assert_cmpint (icp_review_page_get_verdict_filter (fixture->page), ==,
                   ICP_REVIEW_PAGE_ALL_VERDICTS);
  g_assert_cmpuint (n_visible (fixture), ==, N_SAMPLE);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GListModel *account = icp_inventory_get_account_findings (fixture->inventory);
  g_autoptr(IcpFinding) finding = g_list_model_get_item (account, 0);
  GtkWidget *row, *button;

  g_assert_nonnull (finding);
  g_assert_cmpstr (icp_finding_get_code (finding), ==, "no-instances");
  wait_frame (fixture);
  g_assert_true (shown (find (fixture, "review-empty")));
  g_assert_false (shown (find (fixture, "review-list")));

  /* The account-level finding, with its remedy */
  row = icp_ui_test_find_text (find (fixture, "review-empty"), icp_finding_get_message (finding));
  g_assert_nonnull (row);
  button = icp_ui_test_find_text (find (fixture, "review-empty"),
                                  icp_fix_wizard_get_remedy_title (ICP_REMEDY_BUY_SERVER));
  g_assert_nonnull (button);
  screenshot (fixture, "review-empty");
  icp_ui_test_click (button);
  g_assert_cmpuint (fixture->fix_targets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->fix_targets, 0), ==, " buy-server");

  /* Servers arrive: the list replaces the empty page */
  {
    g_autoptr(IcpInstance) instance = icp_test_make_instance ("i-new");

    icp_inventory_add (fixture->inventory, instance);
  }
  wait_frame (fixture);
  g_assert_true (shown (find (fixture, "review-list")));
  g_assert_cmpuint (n_visible (fixture), ==, 1);
}

/* The badge label in the row that shows @id. */
static GtkWidget *
badge_for (GtkWidget  *root,
           const char *id)
{
  GtkWidget *id_label = NULL;
  GtkWidget *row;

  /* Find the mapped label that shows the id. */
  for (GtkWidget *w = root; w != NULL;)
    {
      if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), id) == 0)
        {
          id_label = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == root ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  if (id_label == NULL)
    return NULL;

  for (row = id_label; row != NULL && g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0;)
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);

  for (GtkWidget *w = row; w != NULL;)
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "verdict-badge"))
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static gboolean
not_visible_cb (gpointer data)
{
  Fixture *fixture = data;

  return !visible_has (fixture, ID_PAYG);
}

static void
test_live_verdict (Fixture       *fixture,
                   gconstpointer  data)
{
  IcpInstance *instance = icp_inventory_lookup (fixture->inventory, ID_PAYG);
  GtkLabel *headline = GTK_LABEL (find (fixture, "review-headline"));
  guint eligible = icp_inventory_count (fixture->inventory, ICP_VERDICT_STATE_ELIGIBLE);
  g_autofree char *before = g_strdup (gtk_label_get_text (headline));
  g_autofree char *after = NULL;
  GtkWidget *badge;

  icp_review_page_set_verdict_filter (fixture->page, ICP_VERDICT_STATE_BLOCKED);
  g_assert_true (icp_review_page_select_instance (fixture->page, ID_PAYG));
  wait_frame (fixture);
  badge = badge_for (find (fixture, "review-list"), ID_PAYG);
  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==,
                   icp_verdict_state_get_label (ICP_VERDICT_STATE_BLOCKED));
  g_assert_true (gtk_widget_has_css_class (badge, "error"));

  /* Switched to a 12-month subscription that ends well after the check. */
  g_object_freeze_notify (G_OBJECT (instance));
  icp_test_set_times (instance, "2026-11-01T16:00Z", "2027-11-01T16:00Z");
  icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_PREPAID);
  g_object_thaw_notify (G_OBJECT (instance));
  g_assert_cmpint (icp_verdict_get_state (icp_instance_get_verdict (instance)), ==,
                   ICP_VERDICT_STATE_ELIGIBLE);

  /* The row, the details and the headline follow at once... */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==,
                   icp_verdict_state_get_label (ICP_VERDICT_STATE_ELIGIBLE));
  g_assert_true (gtk_widget_has_css_class (badge, "success"));
  g_assert_false (gtk_widget_has_css_class (badge, "error"));
  g_assert_cmpuint (icp_inventory_count (fixture->inventory, ICP_VERDICT_STATE_ELIGIBLE), ==,
                    eligible + 1);
  after = icp_report_summary (fixture->inventory);
  g_assert_cmpstr (gtk_label_get_text (headline), ==, after);
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "details-verdict"))), ==,
                   icp_verdict_state_get_label (ICP_VERDICT_STATE_ELIGIBLE));
  g_assert_true (gtk_widget_get_visible (find (fixture, "details-apply")));

  /* ...and the "Needs fixes" filter lets it go on the next main loop turn. */
  g_assert_true (icp_test_wait_for (not_visible_cb, fixture, 2000));
  g_assert_cmpuint (n_visible (fixture), ==,
                    icp_inventory_count (fixture->inventory, ICP_VERDICT_STATE_BLOCKED));
}

static void
test_translated (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *lang = g_getenv ("LANGUAGE");
  GtkColumnView *view = GTK_COLUMN_VIEW (find (fixture, "review-list"));
  const struct { const char *english; const char *chinese; } glossary[] = {
    { "Pay-as-you-go", "按量付费" },
    { "Subscription", "包年包月" },
    { "Region", "地域" },
  };

  if (lang == NULL || !g_str_has_prefix (lang, "zh_CN"))
    {
      g_test_skip ("only in Chinese (LANGUAGE=zh_CN)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (glossary); i++)
    if (g_str_equal (g_dgettext (GETTEXT_PACKAGE, glossary[i].english), glossary[i].english))
      {
        g_autofree char *reason = g_strdup_printf ("the zh_CN catalog does not translate “%s” yet",
                                                   glossary[i].english);
        g_printerr ("# %s\n", reason);
        g_test_skip (reason);
        return;
      }

  {
    g_autoptr(GtkColumnViewColumn) region = g_list_model_get_item (gtk_column_view_get_columns (view), 2);

    g_assert_cmpstr (gtk_column_view_column_get_title (region), ==, "地域");
  }
  wait_frame (fixture);
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (view), "按量付费"));
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (view), "包年包月"));
  /* Region names in Chinese, from the policy (华东1（杭州）) */
  g_assert_nonnull (icp_ui_test_find_text (GTK_WIDGET (view), "杭州"));
  /* The headline speaks of 备案服务号 */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (fixture, "review-headline"))),
                            "备案服务号"));
}

int
main (int   argc,
      char *argv[])
{
  icp_ui_test_init (&argc, &argv);

#define ADD(path, func, empty) \
  g_test_add ("/icp/ui-review/" path, Fixture, GINT_TO_POINTER (empty), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("rows-and-headline", test_rows_and_headline, FALSE);
  ADD ("search", test_search, FALSE);
  ADD ("search-keeps-selection", test_search_keeps_selection, FALSE);
  ADD ("verdict-filter", test_verdict_filter, FALSE);
  ADD ("sort", test_sort, FALSE);
  ADD ("details-blocked", test_details_blocked, FALSE);
  ADD ("details-eligible", test_details_eligible, FALSE);
  ADD ("no-match", test_no_match, FALSE);
  ADD ("empty", test_empty, TRUE);
  ADD ("live-verdict", test_live_verdict, FALSE);
  ADD ("translated", test_translated, FALSE);

#undef ADD

  return g_test_run ();
}
