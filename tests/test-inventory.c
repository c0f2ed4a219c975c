/* test-inventory.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "icp-inventory.h"
#include "icp-test-utils.h"

typedef struct
{
  IcpPolicy    *policy;
  IcpChecker   *checker;
  IcpInventory *inventory;
  guint         items_changed;
  guint         last_added;
  guint         verdicts_changed;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->items_changed++;
  f->last_added = added;
}

static void
verdict_changed_cb (IcpInventory *inventory,
                    IcpInstance  *instance,
                    Fixture      *f)
{
  g_assert_true (ICP_IS_INSTANCE (instance));
  f->verdicts_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->policy = icp_test_default_policy ();
  f->checker = icp_test_new_checker (f->policy);
  f->inventory = icp_inventory_new (f->checker);
  g_signal_connect (f->inventory, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_signal_connect (f->inventory, "verdict-changed", G_CALLBACK (verdict_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->inventory);
  g_clear_object (&f->checker);
  g_clear_object (&f->policy);
}

/* An eligible subscription server, seen at @observed: in Shanghai, with an estimated term that
 * ends 2027-06-01, 10 Mbit/s and no code used yet. */
static IcpInstance *
make_instance (const char *id,
               const char *observed)
{
  IcpInstance *instance = icp_test_make_instance (id);
  g_autoptr(GDateTime) seen = icp_test_time (observed);

  icp_instance_set_region_id (instance, "cn-shanghai");
  icp_test_set_times (instance, "2026-01-01T00:00Z", "2027-06-01T00:00Z");
  icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
  icp_instance_set_public_ip (instance, "203.0.113.20");
  icp_instance_set_bandwidth_out (instance, 10);
  icp_instance_set_codes_used (instance, 0);
  icp_instance_set_observed (instance, seen);

  return instance;
}

static IcpVerdictState
state_of (IcpInstance *instance)
{
  g_assert_nonnull (icp_instance_get_verdict (instance));
  return icp_verdict_get_state (icp_instance_get_verdict (instance));
}

static void
test_inventory_empty (Fixture *f, gconstpointer data)
{
  GListModel *account = icp_inventory_get_account_findings (f->inventory);
  g_autoptr(IcpFinding) finding = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inventory)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->inventory)) == ICP_TYPE_INSTANCE);
  g_assert_cmpuint (g_list_model_get_n_items (account), ==, 1);
  finding = g_list_model_get_item (account, 0);
  g_assert_cmpstr (icp_finding_get_code (finding), ==, "no-instances");
}

static void
test_inventory_add_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(IcpInstance) first = NULL;
  guint n_items = 0;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("i-uf6%05u", i);

      g_ptr_array_add (batch, make_instance (id, "2026-11-01T00:00Z"));
    }
  icp_instance_set_charge_type (g_ptr_array_index (batch, 7), ICP_CHARGE_TYPE_POSTPAID);
  icp_instance_set_region_id (g_ptr_array_index (batch, 8), "cn-hongkong");
  icp_instance_set_region_id (g_ptr_array_index (batch, 9), NULL);

  icp_inventory_add_all (f->inventory, batch);

  /* One notification for the whole batch. */
  g_assert_cmpuint (f->items_changed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 100);
  g_object_get (f->inventory, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 100);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE), ==, 97);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_BLOCKED), ==, 1);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_NOT_REQUIRED), ==, 1);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_UNKNOWN), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (icp_inventory_get_account_findings (f->inventory)),
                    ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (f->inventory), 0);
  g_assert_cmpstr (icp_instance_get_id (first), ==, "i-uf600000");
  g_assert_true (icp_inventory_lookup (f->inventory, "i-uf600042") ==
                 g_ptr_array_index (batch, 42));
  g_assert_null (icp_inventory_lookup (f->inventory, "i-none"));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->inventory), 100));

  icp_inventory_remove_all (f->inventory);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inventory)), ==, 0);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (icp_inventory_get_account_findings (f->inventory)),
                    ==, 1);
}

static void
test_inventory_recheck_on_change (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpInstance) instance = make_instance ("i-uf6recheck", "2026-11-01T00:00Z");
  g_autoptr(GDateTime) soon = icp_test_time ("2026-12-01T00:00Z");
  IcpVerdict *before;

  icp_inventory_add (f->inventory, instance);
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_ELIGIBLE);
  before = icp_instance_get_verdict (instance);
  f->verdicts_changed = 0;

  /* A fact changes (a user switched billing back, a refresh): checked again at once. */
  icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_BLOCKED);
  g_assert_true (icp_instance_get_verdict (instance) != before);
  g_assert_cmpuint (f->verdicts_changed, ==, 1);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE), ==, 0);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_BLOCKED), ==, 1);

  /* The fix lands: back to eligible. */
  icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_PREPAID);
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_ELIGIBLE);

  /* A change that leaves the verdict as it was keeps the same verdict object. */
  before = icp_instance_get_verdict (instance);
  icp_instance_set_name (instance, "renamed");
  g_assert_true (icp_instance_get_verdict (instance) == before);

  icp_instance_set_expired_time (instance, soon);
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_BLOCKED);
  g_assert_nonnull (icp_verdict_get_finding (icp_instance_get_verdict (instance),
                                             "remaining-too-short"));
}

static void
test_inventory_context_change (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpInstance) instance = make_instance ("i-uf6context", "2026-11-01T00:00Z");
  g_autoptr(GDateTime) later = icp_test_time ("2027-05-20T00:00Z");

  icp_instance_set_owner_account (instance, "1111");
  icp_inventory_add (f->inventory, instance);
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_ELIGIBLE);

  icp_checker_set_filing_account (f->checker, "2222");
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_BLOCKED);
  icp_checker_set_filing_account (f->checker, "1111");
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_ELIGIBLE);

  /* Time passes: 12 days before expiry. */
  icp_checker_set_now (f->checker, later);
  g_assert_cmpint (state_of (instance), ==, ICP_VERDICT_STATE_BLOCKED);
}

static void
test_inventory_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(IcpInstance) api = make_instance ("i-uf6merge", "2026-11-10T00:00Z");
  g_autoptr(IcpInstance) newer = icp_instance_new ("i-uf6merge");
  g_autoptr(IcpInstance) older = icp_instance_new ("i-uf6merge");
  g_autoptr(GDateTime) t_newer = icp_test_time ("2026-11-15T00:00Z");
  g_autoptr(GDateTime) t_older = icp_test_time ("2026-10-01T00:00Z");

  icp_instance_set_name (api, "from-api");
  icp_inventory_add (f->inventory, api);

  /* A newer, sparse source (the filing console's CSV): adds what it knows, keeps the rest. */
  icp_instance_set_codes_used (newer, 5);
  icp_instance_set_owner_account (newer, "1234");
  icp_instance_set_name (newer, "renamed-later");
  icp_instance_set_observed (newer, t_newer);
  f->items_changed = 0;
  f->verdicts_changed = 0;
  icp_inventory_add (f->inventory, newer);

  g_assert_cmpuint (f->items_changed, ==, 0);
  /* Many facts changed at once; the verdict changed once. */
  g_assert_cmpuint (f->verdicts_changed, ==, 1);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE), ==, 0);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_BLOCKED), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inventory)), ==, 1);
  g_assert_true (icp_inventory_lookup (f->inventory, "i-uf6merge") == api);
  g_assert_cmpstr (icp_instance_get_name (api), ==, "renamed-later");
  g_assert_cmpint (icp_instance_get_codes_used (api), ==, 5);
  g_assert_cmpstr (icp_instance_get_public_ip (api), ==, "203.0.113.20");
  g_assert_cmpint (state_of (api), ==, ICP_VERDICT_STATE_BLOCKED);
  g_assert_true (g_date_time_equal (icp_instance_get_observed (api), t_newer));

  /* An older copy loses where both know, and only fills gaps. */
  icp_instance_set_name (older, "stale-name");
  icp_instance_set_zone_id (older, "cn-shanghai-b");
  icp_instance_set_codes_used (older, 0);
  icp_instance_set_observed (older, t_older);
  icp_inventory_add (f->inventory, older);

  g_assert_cmpstr (icp_instance_get_name (api), ==, "renamed-later");
  g_assert_cmpint (icp_instance_get_codes_used (api), ==, 5);
  g_assert_cmpstr (icp_instance_get_zone_id (api), ==, "cn-shanghai-b");
  g_assert_true (g_date_time_equal (icp_instance_get_observed (api), t_newer));

  /* The same object again changes nothing. */
  icp_inventory_add (f->inventory, api);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inventory)), ==, 1);
}

static void
test_inventory_dispose_disconnects (void)
{
  g_autoptr(IcpPolicy) policy = icp_test_default_policy ();
  g_autoptr(IcpChecker) checker = icp_checker_new (policy);
  g_autoptr(IcpInstance) instance = make_instance ("i-uf6outlive", "2026-11-01T00:00Z");
  IcpInventory *inventory = icp_inventory_new (checker);

  icp_inventory_add (inventory, instance);
  g_object_add_weak_pointer (G_OBJECT (inventory), (gpointer *) &inventory);
  g_object_unref (inventory);
  g_assert_null (inventory);

  /* The instance outlives the inventory; changing it must not reach a freed object. */
  icp_instance_set_name (instance, "still-here");
  icp_checker_set_filing_account (checker, "1");
}

/* The API's status words get labels of their own; the user never reads a raw one it knows. */
static void
test_inventory_status_label (void)
{
  const char *words[] = { "Pending", "Starting", "Running", "Stopping", "Stopped", "Expired" };
  const char *unknown = "Rebooting";

  g_assert_cmpstr (icp_instance_status_get_label (NULL), ==, "Unknown");
  g_assert_cmpstr (icp_instance_status_get_label (""), ==, "Unknown");

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *lower = g_ascii_strdown (words[i], -1);
      g_autofree char *upper = g_ascii_strup (words[i], -1);
      const char *label = icp_instance_status_get_label (words[i]);

      /* Untranslated here (no locale set up): the English word, from the table. */
      g_assert_cmpstr (label, ==, words[i]);
      /* The same label whatever the case of the word. */
      g_assert_true (icp_instance_status_get_label (lower) == label);
      g_assert_true (icp_instance_status_get_label (upper) == label);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpstr (label, !=, icp_instance_status_get_label (words[j]));
    }

  /* A word it does not know is shown as it is: the very string. */
  g_assert_true (icp_instance_status_get_label (unknown) == unknown);
}

static void
test_inventory_charge_type_label (void)
{
  /* Untranslated here: the English words. */
  g_assert_cmpstr (icp_charge_type_get_label (ICP_CHARGE_TYPE_PREPAID), ==, "Subscription");
  g_assert_cmpstr (icp_charge_type_get_label (ICP_CHARGE_TYPE_POSTPAID), ==, "Pay-as-you-go");
  g_assert_null (icp_charge_type_get_label (ICP_CHARGE_TYPE_UNKNOWN));
}

/* Expired means a real expiration time at or before now; pay-as-you-go has none. */
static void
test_inventory_expiry (void)
{
  g_autoptr(IcpInstance) instance = icp_test_make_instance ("i-uf6expiry");
  g_autoptr(GDateTime) before = icp_test_time ("2027-01-10T15:59Z");
  g_autoptr(GDateTime) at = icp_test_time ("2027-01-10T16:00Z");
  g_autoptr(GDateTime) sentinel = icp_test_time ("2099-12-31T15:59Z");

  g_assert_false (icp_instance_has_no_expiry (instance));
  g_assert_false (icp_instance_is_expired (instance, before));
  g_assert_true (icp_instance_is_expired (instance, at));

  /* Not known: neither expired nor without expiry. */
  icp_instance_set_expired_time (instance, NULL);
  g_assert_false (icp_instance_is_expired (instance, at));
  g_assert_false (icp_instance_has_no_expiry (instance));

  /* The far-future placeholder is no expiry, whatever the billing method says. */
  icp_instance_set_expired_time (instance, sentinel);
  g_assert_true (icp_instance_has_no_expiry (instance));
  g_assert_false (icp_instance_is_expired (instance, at));

  icp_instance_set_expired_time (instance, at);
  icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_POSTPAID);
  g_assert_true (icp_instance_has_no_expiry (instance));
  icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_UNKNOWN);
  g_assert_false (icp_instance_has_no_expiry (instance));
}

/* The address a filing names: the static IP when it has bandwidth, else the EIP. */
static void
test_inventory_filing_address (void)
{
  g_autoptr(IcpInstance) instance = icp_test_make_instance ("i-uf6address");

  g_assert_cmpstr (icp_instance_get_filing_address (instance), ==, "203.0.113.10");

  /* Bandwidth not known: the static IP still counts. */
  icp_instance_set_bandwidth_out (instance, -1);
  g_assert_cmpstr (icp_instance_get_filing_address (instance), ==, "203.0.113.10");

  /* An EIP carries the bandwidth: the static IP has 0 Mbit/s. */
  icp_instance_set_bandwidth_out (instance, 0);
  g_assert_null (icp_instance_get_filing_address (instance));
  icp_instance_set_eip (instance, "198.51.100.7");
  g_assert_cmpstr (icp_instance_get_filing_address (instance), ==, "198.51.100.7");

  icp_instance_set_public_ip (instance, "");
  icp_instance_set_bandwidth_out (instance, 5);
  g_assert_cmpstr (icp_instance_get_filing_address (instance), ==, "198.51.100.7");

  icp_instance_set_eip (instance, NULL);
  g_assert_null (icp_instance_get_filing_address (instance));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/icp/inventory/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty", test_inventory_empty);
  ADD ("add-all", test_inventory_add_all);
  ADD ("recheck-on-change", test_inventory_recheck_on_change);
  ADD ("context-change", test_inventory_context_change);
  ADD ("merge", test_inventory_merge);
  g_test_add_func ("/icp/inventory/dispose-disconnects", test_inventory_dispose_disconnects);
  g_test_add_func ("/icp/inventory/status-label", test_inventory_status_label);
  g_test_add_func ("/icp/inventory/charge-type-label", test_inventory_charge_type_label);
  g_test_add_func ("/icp/inventory/expiry", test_inventory_expiry);
  g_test_add_func ("/icp/inventory/filing-address", test_inventory_filing_address);

#undef ADD

  return g_test_run ();
}
