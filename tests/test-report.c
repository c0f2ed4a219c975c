/* test-report.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report writers: the JSON shape DESIGN.md promises scripts, the CSV a spreadsheet opens,
 * the text a terminal shows, and that a report file is replaced in one step or not at all.
 * Instances are built here with the setters, evaluated as of ICP_TEST_NOW with the default
 * policy; JSON and CSV reports are read back with the importers, as a colleague would.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "icp-enums.h"
#include "icp-import.h"
#include "icp-inventory.h"
#include "icp-report.h"
#include "icp-test-utils.h"
#include "icp-time.h"

/* A name with everything a JSON or CSV writer must escape or quote. */
#define NASTY_NAME "He said \"hi\", then left\\ a, b;\n" "line two\n" "\ttab " "\x01" "\x1f" \
                   " 官网-前端 ✓ 😀"

typedef struct
{
  IcpPolicy    *policy;
  IcpChecker   *checker;
  IcpInventory *inventory;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->policy = icp_test_default_policy ();
  f->checker = icp_test_new_checker (f->policy);
  f->inventory = icp_inventory_new (f->checker);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->inventory);
  g_clear_object (&f->checker);
  g_clear_object (&f->policy);
}

/* One instance with the facts a DescribeInstances answer gives, in place of the standard
 * server's; NULL times stay unknown, and a list without a status says nothing of locks. */
static IcpInstance *
add (IcpInventory  *inventory,
     const char    *id,
     const char    *name,
     const char    *region,
     IcpChargeType  charge_type,
     const char    *status,
     const char    *start,
     const char    *expires,
     const char    *public_ip,
     int            bandwidth,
     const char    *eip,
     int            codes_used)
{
  g_autoptr(IcpInstance) instance = icp_test_make_instance (id);

  icp_instance_set_name (instance, name);
  icp_instance_set_region_id (instance, region);
  icp_instance_set_charge_type (instance, charge_type);
  icp_instance_set_status (instance, status);
  icp_test_set_times (instance, start, expires);
  if (charge_type != ICP_CHARGE_TYPE_PREPAID || start == NULL)
    {
      /* No subscription the billing API would know of. */
      icp_instance_set_subscription_start (instance, NULL);
      icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
    }
  icp_instance_set_public_ip (instance, public_ip);
  icp_instance_set_bandwidth_out (instance, bandwidth);
  icp_instance_set_eip (instance, eip);
  if (status == NULL)
    icp_instance_set_lock_reasons (instance, NULL);
  icp_instance_set_codes_used (instance, codes_used);

  icp_inventory_add (inventory, instance);
  g_assert_true (icp_inventory_lookup (inventory, id) == instance);
  return instance;
}

static IcpVerdictState
state_of (IcpInventory *inventory,
          const char   *id)
{
  IcpInstance *instance = icp_inventory_lookup (inventory, id);

  g_assert_nonnull (instance);
  g_assert_nonnull (icp_instance_get_verdict (instance));
  return icp_verdict_get_state (icp_instance_get_verdict (instance));
}

/* Every verdict and most findings, with every kind of unknown fact and a name to escape. */
static void
build_varied (IcpInventory *inventory)
{
  IcpInstance *instance;
  const char * const security[] = { "security", NULL };
  const char * const financial[] = { "financial", NULL };
  g_autoptr(GDateTime) release = icp_test_time ("2027-01-01T00:00:00Z");

  /* eligible: a year, a public IP, one code used */
  instance = add (inventory, "i-bp1eligible000000001", "web-01", "cn-hangzhou",
                  ICP_CHARGE_TYPE_PREPAID, "Running", "2026-01-10T02:00Z", "2027-01-10T16:00Z",
                  "203.0.113.10", 5, "", 1);
  icp_instance_set_zone_id (instance, "cn-hangzhou-h");
  icp_instance_set_owner_account (instance, "1234567890123456");

  /* blocked: pay-as-you-go without any address, codes unknown, a name to escape */
  instance = add (inventory, "i-bp1nasty000000000002", NASTY_NAME, "cn-hangzhou",
                  ICP_CHARGE_TYPE_POSTPAID, "Running", "2026-06-01T00:00Z", "2099-12-31T15:59Z",
                  "", 0, "", -1);
  icp_instance_set_auto_release_time (instance, release);

  /* not required: Hong Kong */
  add (inventory, "i-j6chongkong00000003", "hk-web", "cn-hongkong", ICP_CHARGE_TYPE_PREPAID,
       "Running", "2026-02-01T00:00Z", "2027-02-01T16:00Z", "198.51.100.3", 10, "", 0);

  /* unknown: a list that says almost nothing */
  add (inventory, "i-uf6unknown0000000004", NULL, "cn-shanghai", ICP_CHARGE_TYPE_UNKNOWN,
       NULL, NULL, NULL, NULL, -1, NULL, -1);

  /* blocked: 15 days left, a security lock, all codes used; the length is an estimate */
  instance = add (inventory, "i-uf6locked00000000005", "支付回调", "cn-shanghai",
                  ICP_CHARGE_TYPE_PREPAID, "Running", "2025-12-01T00:00Z", "2026-12-05T16:00Z",
                  "198.51.100.7", 100, "", 5);
  icp_instance_set_lock_reasons (instance, security);
  icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_ESTIMATED);

  /* eligible with a warning: stopped, reachable through an EIP only */
  instance = add (inventory, "i-2zeeiponly0000000006", "gpu-训练-01", "cn-beijing",
                  ICP_CHARGE_TYPE_PREPAID, "Stopped", "2026-03-01T00:00Z", "2027-03-01T16:00Z",
                  "", 0, "192.0.2.50", 0);
  icp_instance_set_eip_bandwidth (instance, 50);

  /* blocked: two months only */
  add (inventory, "i-wz9short000000000007", "新项目预发环境服务器名称特别长的一台", "cn-shenzhen",
       ICP_CHARGE_TYPE_PREPAID, "Running", "2026-11-01T00:00Z", "2027-01-01T16:00Z",
       "203.0.113.77", 1, "", 0);

  /* blocked: expired, financial lock, stopped */
  instance = add (inventory, "i-m5eexpired00000000008", "a备份服务器备份服务器备份", "cn-qingdao",
                  ICP_CHARGE_TYPE_PREPAID, "Stopped", "2025-11-10T16:00Z", "2026-11-10T16:00Z",
                  "203.0.113.88", 5, "", 0);
  icp_instance_set_lock_reasons (instance, financial);

  /* a cn-* region the policy does not list */
  add (inventory, "i-8xjxinjiang000000009", "边缘节点, \"west\"", "cn-xinjiang",
       ICP_CHARGE_TYPE_PREPAID, "Running", "2026-01-01T00:00Z", "2027-06-01T16:00Z",
       "192.0.2.9", 3, "", 2);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, 9);
  g_assert_cmpint (state_of (inventory, "i-bp1eligible000000001"), ==, ICP_VERDICT_STATE_ELIGIBLE);
  g_assert_cmpint (state_of (inventory, "i-bp1nasty000000000002"), ==, ICP_VERDICT_STATE_BLOCKED);
  g_assert_cmpint (state_of (inventory, "i-j6chongkong00000003"), ==,
                   ICP_VERDICT_STATE_NOT_REQUIRED);
  g_assert_cmpint (state_of (inventory, "i-uf6unknown0000000004"), ==, ICP_VERDICT_STATE_UNKNOWN);
  g_assert_cmpint (state_of (inventory, "i-uf6locked00000000005"), ==, ICP_VERDICT_STATE_BLOCKED);
  g_assert_cmpint (state_of (inventory, "i-2zeeiponly0000000006"), ==, ICP_VERDICT_STATE_ELIGIBLE);
  g_assert_cmpint (state_of (inventory, "i-wz9short000000000007"), ==, ICP_VERDICT_STATE_BLOCKED);
  g_assert_cmpint (state_of (inventory, "i-m5eexpired00000000008"), ==, ICP_VERDICT_STATE_BLOCKED);
}

static char *
report_to_string (IcpInventory    *inventory,
                  IcpReportFormat  format)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size;

  g_assert_true (icp_report_write (inventory, format, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_assert_no_error (error);

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 0);
  g_assert_null (memchr (data, '\0', size));
  g_assert_true (g_utf8_validate_len (data, size, NULL));

  return g_strndup (data, size);
}

typedef enum
{
  KIND_STRING,
  KIND_INT,
  KIND_NUMBER,
  KIND_ARRAY,
  KIND_OBJECT,
} Kind;

/* Asserts that @object has @name of @kind (or null when @nullable); returns it. */
static JsonNode *
member (JsonObject *object,
        const char *where,
        const char *name,
        Kind        kind,
        gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL)
    g_error ("%s: no member “%s”", where, name);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        g_error ("%s: “%s” is null", where, name);
      return node;
    }

  switch (kind)
    {
    case KIND_ARRAY:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        g_error ("%s: “%s” is not an array", where, name);
      break;
    case KIND_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        g_error ("%s: “%s” is not an object", where, name);
      break;
    case KIND_STRING:
    case KIND_INT:
    case KIND_NUMBER:
    default:
      if (!JSON_NODE_HOLDS_VALUE (node))
        g_error ("%s: “%s” is not a value", where, name);
      type = json_node_get_value_type (node);
      if ((kind == KIND_STRING && type != G_TYPE_STRING) ||
          (kind == KIND_INT && type != G_TYPE_INT64) ||
          (kind == KIND_NUMBER && type != G_TYPE_INT64 && type != G_TYPE_DOUBLE))
        g_error ("%s: “%s” has the wrong type (%s)", where, name, g_type_name (type));
      break;
    }

  return node;
}

static void
assert_one_of (const char *where,
               const char *value,
               const char *allowed)
{
  g_auto(GStrv) values = g_strsplit (allowed, "|", -1);

  if (value == NULL || !g_strv_contains ((const char * const *) values, value))
    g_error ("%s: “%s” is none of %s", where, value, allowed);
}

static void
check_findings (JsonArray  *findings,
                const char *where)
{
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonNode *node = json_array_get_element (findings, i);
      JsonObject *finding;
      g_autofree char *at = g_strdup_printf ("%s.findings[%u]", where, i);

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      finding = json_node_get_object (node);
      g_assert_true (g_strv_contains (icp_checker_get_codes (),
                                      json_node_get_string (member (finding, at, "code",
                                                                    KIND_STRING, FALSE))));
      assert_one_of (at, json_node_get_string (member (finding, at, "severity", KIND_STRING,
                                                       FALSE)),
                     "blocker|warning|info");
      member (finding, at, "remedy", KIND_STRING, TRUE);
      g_assert_cmpstr (json_node_get_string (member (finding, at, "message", KIND_STRING,
                                                     FALSE)), !=, "");
    }
}

/* Asserts DESIGN.md's shape; returns the instances array. */
static JsonArray *
check_shape (JsonNode *root)
{
  JsonObject *report = json_node_get_object (root);
  JsonObject *policy, *summary;
  JsonArray *instances;
  g_autoptr(GDateTime) generated = NULL;
  guint counts[4] = { 0 };
  const char * const states[] = { "eligible", "blocked", "not-required", "unknown" };

  generated = icp_time_parse (json_node_get_string (member (report, "report", "generated",
                                                           KIND_STRING, FALSE)), NULL);
  g_assert_nonnull (generated);

  policy = json_node_get_object (member (report, "report", "policy", KIND_OBJECT, FALSE));
  member (policy, "policy", "name", KIND_STRING, FALSE);
  member (policy, "policy", "min-subscription-months", KIND_INT, FALSE);
  member (policy, "policy", "min-remaining-days", KIND_INT, FALSE);
  member (policy, "policy", "codes-per-instance", KIND_INT, FALSE);

  check_findings (json_node_get_array (member (report, "report", "account-findings", KIND_ARRAY,
                                               FALSE)),
                  "account");

  instances = json_node_get_array (member (report, "report", "instances", KIND_ARRAY, FALSE));
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonNode *node = json_array_get_element (instances, i);
      JsonObject *instance;
      g_autofree char *at = g_strdup_printf ("instances[%u]", i);
      const char *verdict;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      instance = json_node_get_object (node);

      g_assert_cmpstr (json_node_get_string (member (instance, at, "id", KIND_STRING, FALSE)),
                       !=, "");
      member (instance, at, "name", KIND_STRING, TRUE);
      member (instance, at, "region", KIND_STRING, TRUE);
      if (!JSON_NODE_HOLDS_NULL (member (instance, at, "charge-type", KIND_STRING, TRUE)))
        assert_one_of (at, json_object_get_string_member (instance, "charge-type"),
                       "PrePaid|PostPaid");
      member (instance, at, "status", KIND_STRING, TRUE);
      member (instance, at, "creation-time", KIND_STRING, TRUE);
      member (instance, at, "expired-time", KIND_STRING, TRUE);
      member (instance, at, "public-ip", KIND_STRING, TRUE);
      member (instance, at, "eip", KIND_STRING, TRUE);
      member (instance, at, "bandwidth-out", KIND_INT, TRUE);
      member (instance, at, "subscription-months", KIND_NUMBER, TRUE);
      assert_one_of (at, json_node_get_string (member (instance, at, "subscription-months-source",
                                                       KIND_STRING, FALSE)),
                     "billing|estimated|unknown");
      member (instance, at, "codes-used", KIND_INT, TRUE);
      verdict = json_node_get_string (member (instance, at, "verdict", KIND_STRING, FALSE));
      assert_one_of (at, verdict, "eligible|blocked|not-required|unknown");
      check_findings (json_node_get_array (member (instance, at, "findings", KIND_ARRAY, FALSE)),
                      at);

      for (guint s = 0; s < G_N_ELEMENTS (states); s++)
        if (g_str_equal (verdict, states[s]))
          counts[s]++;
    }

  summary = json_node_get_object (member (report, "report", "summary", KIND_OBJECT, FALSE));
  g_assert_cmpint (json_node_get_int (member (summary, "summary", "total", KIND_INT, FALSE)), ==,
                   json_array_get_length (instances));
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    g_assert_cmpint (json_node_get_int (member (summary, "summary", states[s], KIND_INT, FALSE)),
                     ==, counts[s]);

  return instances;
}

static int
csv_column (char       **header,
            const char  *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;

  g_error ("no column “%s” in the CSV report", name);
  return -1;
}

/* Columns on a terminal: wide (CJK) characters take two. */
static guint
display_width (const char *text,
               gssize      len)
{
  const char *end = len < 0 ? text + strlen (text) : text + len;
  guint width = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* The table of a text report: its header and one line per instance. */
static GStrv
text_table (const char *text,
            guint       n_rows)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) table = g_strv_builder_new ();
  guint header = G_MAXUINT;
  guint rows = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Instance ID"))
      {
        header = i;
        break;
      }
  if (header == G_MAXUINT)
    g_error ("no table in the text report:\n%s", text);

  for (guint i = header; lines[i] != NULL && lines[i][0] != '\0'; i++, rows++)
    g_strv_builder_add (table, lines[i]);

  if (rows != n_rows + 1)
    g_error ("expected a header and %u rows, got %u lines:\n%s", n_rows, rows, text);

  return g_strv_builder_end (table);
}

/* The part of @row from display column @start, @width columns wide. */
static char *
cell_at (const char *row,
         guint       start,
         guint       width)
{
  const char *p = row;
  const char *begin = NULL;
  guint column = 0;

  for (; *p != '\0' && column < start + width; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (column == start && begin == NULL)
        begin = p;
      column += g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }

  if (begin == NULL || column != start + width)
    g_error ("no cell at columns %u–%u of “%s”", start, start + width, row);

  return g_strndup (begin, p - begin);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                        */

static void
test_json_shape (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report, *policy, *summary, *unknown;
  JsonArray *instances;
  const char * const null_members[] = {
    "name", "charge-type", "status", "creation-time", "expired-time", "public-ip", "eip",
    "bandwidth-out", "subscription-months", "codes-used",
  };

  build_varied (f->inventory);
  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_JSON);
  root = icp_test_parse_json (text);
  report = json_node_get_object (root);
  instances = check_shape (root);

  /* The policy is the one the checker used. */
  policy = json_object_get_object_member (report, "policy");
  g_assert_cmpstr (json_object_get_string_member (policy, "name"), ==,
                   icp_policy_get_name (f->policy));
  g_assert_cmpint (json_object_get_int_member (policy, "min-subscription-months"), ==,
                   icp_policy_get_min_subscription_months (f->policy));
  g_assert_cmpint (json_object_get_int_member (policy, "min-remaining-days"), ==,
                   icp_policy_get_min_remaining_days (f->policy));
  g_assert_cmpint (json_object_get_int_member (policy, "codes-per-instance"), ==,
                   icp_policy_get_codes_per_instance (f->policy));

  /* A list with servers has no account-level finding. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report,
                                                                         "account-findings")),
                    ==, 0);

  /* Instances in inventory order, with the inventory's verdicts and findings. */
  g_assert_cmpuint (json_array_get_length (instances), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (f->inventory)));
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (G_LIST_MODEL (f->inventory), i);
      JsonObject *object = json_array_get_object_element (instances, i);
      IcpVerdict *verdict = icp_instance_get_verdict (instance);
      GListModel *findings = icp_verdict_get_findings (verdict);
      JsonArray *written = json_object_get_array_member (object, "findings");

      g_assert_cmpstr (json_object_get_string_member (object, "id"), ==,
                       icp_instance_get_id (instance));
      g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==,
                       icp_enum_to_nick (ICP_TYPE_VERDICT_STATE, icp_verdict_get_state (verdict)));
      g_assert_cmpuint (json_array_get_length (written), ==, g_list_model_get_n_items (findings));
      for (guint j = 0; j < json_array_get_length (written); j++)
        {
          g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, j);
          JsonObject *w = json_array_get_object_element (written, j);

          g_assert_cmpstr (json_object_get_string_member (w, "code"), ==,
                           icp_finding_get_code (finding));
          g_assert_cmpstr (json_object_get_string_member (w, "message"), ==,
                           icp_finding_get_message (finding));
          g_assert_cmpstr (json_object_get_string_member (w, "severity"), ==,
                           icp_enum_to_nick (ICP_TYPE_SEVERITY,
                                             icp_finding_get_severity (finding)));
        }
    }

  /* Known facts as they were set. */
  {
    JsonObject *web = icp_test_find_instance (instances, "i-bp1eligible000000001");

    g_assert_cmpstr (json_object_get_string_member (web, "name"), ==, "web-01");
    g_assert_cmpstr (json_object_get_string_member (web, "region"), ==, "cn-hangzhou");
    g_assert_cmpstr (json_object_get_string_member (web, "charge-type"), ==, "PrePaid");
    g_assert_cmpstr (json_object_get_string_member (web, "status"), ==, "Running");
    g_assert_cmpstr (json_object_get_string_member (web, "creation-time"), ==,
                     "2026-01-10T02:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (web, "expired-time"), ==,
                     "2027-01-10T16:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (web, "public-ip"), ==, "203.0.113.10");
    g_assert_cmpstr (json_object_get_string_member (web, "eip"), ==, "");
    g_assert_cmpint (json_object_get_int_member (web, "bandwidth-out"), ==, 5);
    g_assert_cmpfloat_with_epsilon (json_node_get_double (json_object_get_member (
                                      web, "subscription-months")), 12.0, 0.05);
    g_assert_cmpstr (json_object_get_string_member (web, "subscription-months-source"), ==,
                     "billing");
    g_assert_cmpint (json_object_get_int_member (web, "codes-used"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (web, "verdict"), ==, "eligible");
  }
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-2zeeiponly0000000006"), "eip"),
                   ==, "192.0.2.50");
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-uf6locked00000000005"),
                     "subscription-months-source"), ==, "estimated");
  g_assert_true (icp_test_has_code (icp_test_find_instance (instances, "i-uf6locked00000000005"),
                                    "locked"));
  g_assert_true (icp_test_has_code (icp_test_find_instance (instances, "i-uf6locked00000000005"),
                                    "quota-reached"));
  g_assert_true (icp_test_has_code (icp_test_find_instance (instances, "i-j6chongkong00000003"),
                                    "outside-mainland"));

  /* Pay-as-you-go: the 2099 placeholder is no subscription length. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
                   icp_test_find_instance (instances, "i-bp1nasty000000000002"),
                   "subscription-months")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
                   icp_test_find_instance (instances, "i-bp1nasty000000000002"), "codes-used")));

  /* What is not known is null: not "", not 0, not -1. */
  unknown = icp_test_find_instance (instances, "i-uf6unknown0000000004");
  for (guint i = 0; i < G_N_ELEMENTS (null_members); i++)
    if (!JSON_NODE_HOLDS_NULL (json_object_get_member (unknown, null_members[i])))
      g_error ("“%s” of an instance that does not say it should be null", null_members[i]);
  g_assert_cmpstr (json_object_get_string_member (unknown, "subscription-months-source"), ==,
                   "unknown");
  g_assert_cmpstr (json_object_get_string_member (unknown, "verdict"), ==, "unknown");

  /* The summary agrees with the inventory. */
  summary = json_object_get_object_member (report, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (summary, "eligible"), ==,
                   icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE));
  g_assert_cmpint (json_object_get_int_member (summary, "blocked"), ==,
                   icp_inventory_count (f->inventory, ICP_VERDICT_STATE_BLOCKED));
  g_assert_cmpint (json_object_get_int_member (summary, "not-required"), ==,
                   icp_inventory_count (f->inventory, ICP_VERDICT_STATE_NOT_REQUIRED));
  g_assert_cmpint (json_object_get_int_member (summary, "unknown"), ==,
                   icp_inventory_count (f->inventory, ICP_VERDICT_STATE_UNKNOWN));
  g_assert_cmpint (json_object_get_int_member (summary, "blocked"), >=, 4);
  g_assert_cmpint (json_object_get_int_member (summary, "not-required"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "unknown"), >=, 1);
}

static void
test_json_escaping (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) every_control = g_string_new ("c:");
  g_autoptr(IcpInstance) controls = NULL;
  JsonArray *instances;

  /* Every control character, one by one, and what needs no escape at all. */
  for (guint c = 1; c < 0x20; c++)
    g_string_append_c (every_control, (char) c);
  g_string_append (every_control, "\x7f / 中文 «»\xe2\x80\xa8");

  build_varied (f->inventory);
  controls = icp_instance_new ("i-controls0000000010");
  icp_instance_set_name (controls, every_control->str);
  icp_instance_set_region_id (controls, "cn-hangzhou");
  icp_instance_set_status (controls, "\\\"Running\"\\");
  icp_inventory_add (f->inventory, controls);

  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_JSON);

  /* No raw control character inside the JSON text, other than its own line ends. */
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      g_error ("raw control character 0x%02x at byte %td of the JSON report", *p, p - text);

  root = icp_test_parse_json (text);
  instances = check_shape (root);

  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-bp1nasty000000000002"), "name"),
                   ==, NASTY_NAME);
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-controls0000000010"), "name"),
                   ==, every_control->str);
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-controls0000000010"), "status"),
                   ==, "\\\"Running\"\\");
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-uf6locked00000000005"), "name"),
                   ==, "支付回调");
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_find_instance (instances, "i-8xjxinjiang000000009"), "name"),
                   ==, "边缘节点, \"west\"");
}

/* The instances of a report, without what legitimately differs between two writes. */
static JsonNode *
instances_of (const char *json)
{
  g_autoptr(JsonNode) root = icp_test_parse_json (json);

  check_shape (root);
  return json_node_copy (json_object_get_member (json_node_get_object (root), "instances"));
}

static void
assert_same_instances (const char *a,
                       const char *b)
{
  g_autoptr(JsonNode) first = instances_of (a);
  g_autoptr(JsonNode) second = instances_of (b);

  if (!json_node_equal (first, second))
    {
      g_autofree char *x = json_to_string (first, TRUE);
      g_autofree char *y = json_to_string (second, TRUE);

      g_error ("the report read back differs:\n--- first\n%s\n--- second\n%s", x, y);
    }
}

/* Reads @report with the importer and writes it again, as a colleague would. */
static IcpInventory *
read_back (Fixture    *f,
           const char *report,
           const char *display_name)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpChecker) checker = icp_test_new_checker (f->policy);
  IcpInventory *inventory;

  stream = g_memory_input_stream_new_from_data (g_strdup (report), strlen (report), g_free);
  instances = icp_import_stream (stream, display_name, f->policy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (instances);
  g_assert_cmpuint (instances->len, ==, g_list_model_get_n_items (G_LIST_MODEL (f->inventory)));

  inventory = icp_inventory_new (checker);
  icp_inventory_add_all (inventory, instances);
  return inventory;
}

static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(IcpInventory) again = NULL;

  build_varied (f->inventory);
  first = report_to_string (f->inventory, ICP_REPORT_FORMAT_JSON);
  again = read_back (f, first, "report.json");
  second = report_to_string (again, ICP_REPORT_FORMAT_JSON);

  assert_same_instances (first, second);
  for (guint s = ICP_VERDICT_STATE_UNKNOWN; s <= ICP_VERDICT_STATE_NOT_REQUIRED; s++)
    g_assert_cmpuint (icp_inventory_count (again, s), ==, icp_inventory_count (f->inventory, s));
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                         */

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char * const required[] = {
    "id", "name", "region", "charge-type", "status", "creation-time", "expired-time",
    "public-ip", "eip", "bandwidth-out", "subscription-months", "subscription-months-source",
    "codes-used", "verdict", "findings",
  };
  char **header;
  int id_col, name_col, verdict_col, findings_col, status_col;

  build_varied (f->inventory);
  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_CSV);

  /* A BOM, for Excel on Chinese Windows, and only one. */
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_false (g_str_has_prefix (text + 3, "\xEF\xBB\xBF"));

  rows = icp_test_parse_csv (text + 3, ICP_TEST_CSV_CRLF);
  g_assert_cmpuint (rows->len, ==, 1 + g_list_model_get_n_items (G_LIST_MODEL (f->inventory)));

  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    csv_column (header, required[i]);
  id_col = csv_column (header, "id");
  name_col = csv_column (header, "name");
  status_col = csv_column (header, "status");
  verdict_col = csv_column (header, "verdict");
  findings_col = csv_column (header, "findings");
  g_assert_cmpint (id_col, ==, 0);

  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(IcpInstance) instance = g_list_model_get_item (G_LIST_MODEL (f->inventory),
                                                               i - 1);
      IcpVerdict *verdict = icp_instance_get_verdict (instance);
      GListModel *findings = icp_verdict_get_findings (verdict);

      /* Every row as wide as the header: no field spilled into another. */
      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      g_assert_cmpstr (row[id_col], ==, icp_instance_get_id (instance));
      g_assert_cmpstr (row[name_col], ==,
                       icp_instance_get_name (instance) != NULL ? icp_instance_get_name (instance)
                                                                : "");
      g_assert_cmpstr (row[status_col], ==,
                       icp_instance_get_status (instance) != NULL
                       ? icp_instance_get_status (instance) : "");
      g_assert_cmpstr (row[verdict_col], ==,
                       icp_enum_to_nick (ICP_TYPE_VERDICT_STATE, icp_verdict_get_state (verdict)));
      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, j);

          g_assert_nonnull (strstr (row[findings_col], icp_finding_get_code (finding)));
        }
    }

  /* Commas, quotes and line ends in a field are quoted, quotes doubled. */
  g_assert_nonnull (strstr (text, "\"He said \"\"hi\"\", then left\\ a, b;\n"));
  g_assert_nonnull (strstr (text, ",\"边缘节点, \"\"west\"\"\","));
  /* A field without anything to quote is left alone. */
  g_assert_nonnull (strstr (text, "\r\ni-bp1eligible000000001,web-01,cn-hangzhou,"));
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(IcpInventory) again = NULL;
  g_autoptr(GPtrArray) rows1 = NULL;
  g_autoptr(GPtrArray) rows2 = NULL;

  build_varied (f->inventory);
  first = report_to_string (f->inventory, ICP_REPORT_FORMAT_CSV);
  again = read_back (f, first, "report.csv");
  second = report_to_string (again, ICP_REPORT_FORMAT_CSV);

  /* Every column the CSV report has is read back: the same facts give the same report. */
  rows1 = icp_test_parse_csv (first + 3, ICP_TEST_CSV_CRLF);
  rows2 = icp_test_parse_csv (second + 3, ICP_TEST_CSV_CRLF);
  g_assert_cmpuint (rows1->len, ==, rows2->len);
  for (guint i = 0; i < rows1->len; i++)
    {
      char **a = g_ptr_array_index (rows1, i);
      char **b = g_ptr_array_index (rows2, i);
      char **header = g_ptr_array_index (rows1, 0);

      g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
      for (guint j = 0; a[j] != NULL; j++)
        if (!g_str_equal (a[j], b[j]))
          {
            g_test_fail_printf ("the CSV report read back differs: %s of %s was “%s”, is “%s”",
                                header[j], a[0], a[j], b[j]);
            return;
          }
    }
  g_assert_cmpstr (first, ==, second);
  for (guint s = ICP_VERDICT_STATE_UNKNOWN; s <= ICP_VERDICT_STATE_NOT_REQUIRED; s++)
    g_assert_cmpuint (icp_inventory_count (again, s), ==, icp_inventory_count (f->inventory, s));
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                        */

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  const char *todo;
  GListModel *model = G_LIST_MODEL (f->inventory);
  guint n_blocked = 0;

  build_varied (f->inventory);
  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_TEXT);

  expected = g_strdup_printf ("%u of %u servers can get an ICP filing service code now.",
                              icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE),
                              g_list_model_get_n_items (model));
  summary = icp_report_summary (f->inventory);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_cmpuint (icp_inventory_count (f->inventory, ICP_VERDICT_STATE_ELIGIBLE), >=, 2);
  if (strstr (text, expected) == NULL)
    g_error ("no “%s” in the text report:\n%s", expected, text);

  /* The date the report was evaluated at, not the date it was written. */
  g_assert_nonnull (strstr (text, "2026-11-20"));

  todo = strstr (text, "\nWhat to do\n");
  if (todo == NULL)
    g_error ("no “What to do” in the text report:\n%s", text);
  g_assert_true (strstr (text, expected) < todo);

  /* Every blocked server is there, with each blocker and warning: the message and the code. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (model, i);
      IcpVerdict *verdict = icp_instance_get_verdict (instance);
      GListModel *findings = icp_verdict_get_findings (verdict);
      g_autofree char *heading = g_strdup_printf ("\n%s", icp_instance_get_id (instance));
      const char *start = strstr (todo, heading);
      const char *end;
      g_autofree char *section = NULL;

      if (icp_verdict_get_state (verdict) != ICP_VERDICT_STATE_BLOCKED)
        continue;

      n_blocked++;
      if (start == NULL)
        g_error ("blocked %s is not under “What to do”:\n%s", icp_instance_get_id (instance),
                 todo);
      end = strstr (start + 1, "\n\n");
      section = end != NULL ? g_strndup (start, end - start) : g_strdup (start);

      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, j);
          g_autofree char *code = g_strdup_printf ("[%s]", icp_finding_get_code (finding));

          if (icp_finding_get_severity (finding) == ICP_SEVERITY_INFO)
            continue;
          if (strstr (section, icp_finding_get_message (finding)) == NULL ||
              strstr (section, code) == NULL)
            g_error ("the finding %s of %s is not under “What to do”:\n%s", code,
                     icp_instance_get_id (instance), section);
        }
    }
  g_assert_cmpuint (n_blocked, ==, icp_inventory_count (f->inventory, ICP_VERDICT_STATE_BLOCKED));
}

static void
test_text_singular (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  add (f->inventory, "i-bp1eligible000000001", "web-01", "cn-hangzhou", ICP_CHARGE_TYPE_PREPAID,
       "Running", "2026-01-10T02:00Z", "2027-01-10T16:00Z", "203.0.113.10", 5, "", 1);
  g_assert_cmpint (state_of (f->inventory, "i-bp1eligible000000001"), ==,
                   ICP_VERDICT_STATE_ELIGIBLE);

  summary = icp_report_summary (f->inventory);
  g_assert_cmpstr (summary, ==, "1 of 1 server can get an ICP filing service code now.");

  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_TEXT);
  g_assert_nonnull (strstr (text, "1 of 1 server can get an ICP filing service code now."));
  /* Nothing to do. */
  g_assert_null (strstr (text, "What to do"));
}

static void
test_text_wide_names (Fixture       *f,
                      gconstpointer  data)
{
  const struct {
    const char *id;
    const char *name;
  } names[] = {
    { "i-wide00000000000000001", "新项目预发环境服务器名称特别长的一台" },  /* 36 columns */
    { "i-wide00000000000000002", "a备份服务器备份服务器备份" },              /* 25: odd cut */
    { "i-wide00000000000000003", "abcdefghijklmnopqrs测" },                 /* 21 */
    { "i-wide00000000000000004", "十个汉字正好二十列宽" },                   /* 20: fits */
    { "i-wide00000000000000005", "ｆｕｌｌｗｉｄｔｈ　ｎａｍｅ" },             /* 28 */
    { "i-wide00000000000000006", "测试机" },
    { "i-wide00000000000000007", "官网-前端" },
    { "i-wide00000000000000008", "an ASCII name of forty characters, long!" },
    { "i-wide00000000000000009", NULL },
  };
  g_autofree char *text = NULL;
  g_auto(GStrv) table = NULL;
  guint verdict_column = 0;
  guint name_column, name_width;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add (f->inventory, names[i].id, names[i].name, i % 2 ? "cn-hangzhou" : "cn-zhengzhou-jva",
         i % 3 ? ICP_CHARGE_TYPE_PREPAID : ICP_CHARGE_TYPE_POSTPAID, "Running",
         "2026-01-10T02:00Z", i % 3 ? "2027-01-10T16:00Z" : "2099-12-31T15:59Z",
         i % 4 ? "203.0.113.10" : "", i % 4 ? 5 : 0, i % 5 ? "" : "192.0.2.1", 0);

  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_TEXT);
  table = text_table (text, G_N_ELEMENTS (names));

  /* Header labels are ASCII: their byte offsets are their columns. */
  name_column = strstr (table[0], "Name") - table[0];
  name_width = strstr (table[0], "Region") - table[0] - name_column - 2;

  for (guint i = 0; table[i] != NULL; i++)
    {
      g_autoptr(IcpInstance) instance = NULL;
      g_autofree char *cell = NULL;
      const char *label;
      const char *name;
      guint column;

      if (i == 0)
        {
          label = "Verdict";
        }
      else
        {
          instance = g_list_model_get_item (G_LIST_MODEL (f->inventory), i - 1);
          label = icp_verdict_get_label (icp_instance_get_verdict (instance));
          g_assert_true (g_str_has_prefix (table[i], icp_instance_get_id (instance)));
        }

      if (!g_str_has_suffix (table[i], label))
        g_error ("row %u does not end with its verdict “%s”: “%s”", i, label, table[i]);
      column = display_width (table[i], strlen (table[i]) - strlen (label));
      if (i == 0)
        verdict_column = column;
      else if (column != verdict_column)
        g_error ("the verdict of row %u starts at column %u, not %u:\n%s", i, column,
                 verdict_column, text);

      if (instance == NULL || (name = icp_instance_get_name (instance)) == NULL)
        continue;

      /* Two blanks after the name cell, always. */
      cell = cell_at (table[i], name_column, name_width + 2);
      g_assert_true (g_str_has_suffix (cell, "  "));
      g_strchomp (cell);

      if (display_width (name, -1) <= name_width)
        {
          if (!g_str_equal (cell, name))
            g_error ("row %u does not show the name “%s” whole: “%s”", i, name, table[i]);
        }
      else
        {
          gsize shown = strlen (cell) - strlen ("…");

          /* Cut short, visibly, losing at most the column a wide character does not fit in. */
          if (!g_str_has_suffix (cell, "…") || strncmp (cell, name, shown) != 0)
            g_error ("row %u does not cut the name “%s” with an ellipsis: “%s”", i, name,
                     table[i]);
          g_assert_cmpuint (display_width (cell, -1), >=, name_width - 1);
        }
    }
}

static void
test_text_control_characters (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) table = NULL;

  build_varied (f->inventory);
  add (f->inventory, "i-bp1escape00000000010", "a\nb\x1b[31mred\x1b[0m\r", "cn-hangzhou",
       ICP_CHARGE_TYPE_POSTPAID, "Running", "2026-06-01T00:00Z", "2099-12-31T15:59Z",
       "203.0.113.5", 5, "", 0);
  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_TEXT);

  /* A name from a file must not break the table or reach the terminal as a control
   * sequence: one line per server, and no control character but the line ends. */
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      {
        g_test_fail_printf ("raw control character 0x%02x at byte %td of the text report:\n%s",
                            *p, p - text, text);
        return;
      }

  table = text_table (text, g_list_model_get_n_items (G_LIST_MODEL (f->inventory)));
  for (guint i = 1; table[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (table[i], "i-"));
}

/* ------------------------------------------------------------------------------------------ */
/* No instances                                                                                */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IcpFinding) finding = NULL;
  JsonObject *report;
  JsonArray *account;
  JsonObject *summary;

  json = report_to_string (f->inventory, ICP_REPORT_FORMAT_JSON);
  root = icp_test_parse_json (json);
  g_assert_cmpuint (json_array_get_length (check_shape (root)), ==, 0);
  report = json_node_get_object (root);

  account = json_object_get_array_member (report, "account-findings");
  g_assert_cmpuint (json_array_get_length (account), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (account, 0),
                                                  "code"), ==, "no-instances");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (account, 0),
                                                  "severity"), ==, "blocker");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (account, 0),
                                                  "remedy"), ==, "buy-server");

  summary = json_object_get_object_member (report, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "eligible"), ==, 0);

  finding = g_list_model_get_item (icp_inventory_get_account_findings (f->inventory), 0);
  g_assert_nonnull (finding);
  text = report_to_string (f->inventory, ICP_REPORT_FORMAT_TEXT);
  g_assert_nonnull (strstr (text, "[no-instances]"));
  g_assert_nonnull (strstr (text, icp_finding_get_message (finding)));
  g_assert_nonnull (strstr (text, "0 of 0 servers can get an ICP filing service code now."));
  g_assert_null (strstr (text, "Instance ID"));

  /* A CSV report of nothing is its header. */
  csv = report_to_string (f->inventory, ICP_REPORT_FORMAT_CSV);
  {
    g_autoptr(GPtrArray) rows = icp_test_parse_csv (csv + 3, ICP_TEST_CSV_CRLF);

    g_assert_cmpuint (rows->len, ==, 1);
  }

  /* An empty inventory filled later loses the account finding. */
  add (f->inventory, "i-bp1eligible000000001", "web-01", "cn-hangzhou", ICP_CHARGE_TYPE_PREPAID,
       "Running", "2026-01-10T02:00Z", "2027-01-10T16:00Z", "203.0.113.10", 5, "", 1);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&root, json_node_unref);
  json = report_to_string (f->inventory, ICP_REPORT_FORMAT_JSON);
  root = icp_test_parse_json (json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "account-findings")), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing files                                                                               */

static void
test_write_file_replaces (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-report-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "report.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) old = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;

  build_varied (f->inventory);

  /* An old report, much longer than the new one: nothing of it may remain. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (old, "old report line\n");
  g_assert_true (g_file_set_contents (path, old->str, old->len, &error));
  g_assert_no_error (error);

  g_assert_true (icp_report_write_file (f->inventory, ICP_REPORT_FORMAT_TEXT, file, NULL,
                                        &error));
  g_assert_no_error (error);

  expected = report_to_string (f->inventory, ICP_REPORT_FORMAT_TEXT);
  written = icp_test_read_file (path, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_null (strstr (written, "old report line"));

  /* No temporary file left beside it. */
  listing = icp_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "report.txt");

  /* Again, as JSON: a whole, valid report. */
  g_assert_true (icp_report_write_file (f->inventory, ICP_REPORT_FORMAT_JSON, file, NULL,
                                        &error));
  g_assert_no_error (error);
  json = icp_test_read_file (path, NULL);
  root = icp_test_parse_json (json);
  g_assert_cmpuint (json_array_get_length (check_shape (root)), ==, 9);

  icp_test_remove_tree (dir);
}

static void
test_write_file_missing_dir (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-report-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (missing, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  build_varied (f->inventory);

  g_assert_false (icp_report_write_file (f->inventory, ICP_REPORT_FORMAT_JSON, file, NULL,
                                         &error));
  g_assert_error (error, ICP_REPORT_ERROR, ICP_REPORT_ERROR_WRITE);
  if (strstr (error->message, path) == NULL)
    g_error ("the message does not name %s: %s", path, error->message);

  /* Nothing created: neither the folder nor a file. */
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = icp_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  icp_test_remove_tree (dir);
}

static void
test_write_file_read_only_dir (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *listing = NULL;
  const char *old = "{\"instances\": []}\n";

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into a read-only folder");
      return;
    }

  dir = icp_test_make_temp_dir ("icp-test-report-XXXXXX");
  path = g_build_filename (dir, "report.json", NULL);
  file = g_file_new_for_path (path);
  build_varied (f->inventory);

  g_assert_true (g_file_set_contents (path, old, -1, &error));
  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (dir, 0500));

  g_assert_false (icp_report_write_file (f->inventory, ICP_REPORT_FORMAT_JSON, file, NULL,
                                         &error));
  g_assert_error (error, ICP_REPORT_ERROR, ICP_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_no_errno (g_chmod (dir, 0700));
  written = icp_test_read_file (path, NULL);
  g_assert_cmpstr (written, ==, old);
  listing = icp_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "report.json");

  icp_test_remove_tree (dir);
}

static void
test_write_file_cancelled (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-report-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *listing = NULL;

  build_varied (f->inventory);
  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (icp_report_write_file (f->inventory, ICP_REPORT_FORMAT_CSV, file, cancellable,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  written = icp_test_read_file (path, NULL);
  g_assert_cmpstr (written, ==, "old");
  listing = icp_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "report.csv");

  icp_test_remove_tree (dir);
}

static void
test_write_disk_full (Fixture       *f,
                      gconstpointer  data)
{
  const IcpReportFormat formats[] = {
    ICP_REPORT_FORMAT_TEXT, ICP_REPORT_FORMAT_JSON, ICP_REPORT_FORMAT_CSV,
  };
  g_autoptr(GFile) full = g_file_new_for_path ("/dev/full");

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  build_varied (f->inventory);
  /* Enough servers that the writer has to flush before the end, several times. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("i-bulk%016u", i);

      add (f->inventory, id, "bulk", "cn-hangzhou", ICP_CHARGE_TYPE_PREPAID, "Running",
           "2026-01-10T02:00Z", "2027-01-10T16:00Z", "203.0.113.10", 5, "", 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GError) error = NULL;

      stream = g_file_append_to (full, G_FILE_CREATE_NONE, NULL, &error);
      g_assert_no_error (error);

      g_assert_false (icp_report_write (f->inventory, formats[i], G_OUTPUT_STREAM (stream), NULL,
                                        &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
    }

  /* A small report fails too: at its one and only flush. */
  {
    g_autoptr(IcpInventory) small = icp_inventory_new (f->checker);
    g_autoptr(GFileOutputStream) stream = g_file_append_to (full, G_FILE_CREATE_NONE, NULL, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (stream);
    g_assert_false (icp_report_write (small, ICP_REPORT_FORMAT_JSON, G_OUTPUT_STREAM (stream),
                                      NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages of failed assertions in UTF-8, as the environment says; reports in English,
   * which the assertions are written in. */
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  icp_init_i18n ();

#define ADD(path, func) \
  g_test_add ("/icp/report/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("json-shape", test_json_shape);
  ADD ("json-escaping", test_json_escaping);
  ADD ("json-round-trip", test_json_round_trip);
  ADD ("csv", test_csv);
  ADD ("csv-round-trip", test_csv_round_trip);
  ADD ("text", test_text);
  ADD ("text-singular", test_text_singular);
  ADD ("text-wide-names", test_text_wide_names);
  ADD ("text-control-characters", test_text_control_characters);
  ADD ("empty", test_empty);
  ADD ("write-file-replaces", test_write_file_replaces);
  ADD ("write-file-missing-dir", test_write_file_missing_dir);
  ADD ("write-file-read-only-dir", test_write_file_read_only_dir);
  ADD ("write-file-cancelled", test_write_file_cancelled);
  ADD ("write-disk-full", test_write_disk_full);

#undef ADD

  return g_test_run ();
}
