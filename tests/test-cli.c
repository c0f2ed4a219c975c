/* test-cli.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* icp-check as scripts use it: DESIGN.md's command-line contract (options, formats, exit
 * statuses, messages that name the file, line and column). Each case runs the built binary
 * ($ICP_CHECK) on the sample data or on the broken files in fixtures/cli/, evaluated as of
 * NOW, the date data/samples/README.md describes the sample for.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "icp-checker.h"
#include "icp-test-utils.h"

#define NOW "--now=" ICP_TEST_NOW
#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_INPUT = 2,
  EXIT_REMOTE = 3,
};


/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

/* As icp-check names it in messages: absolute and canonical. */
static char *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli", name, NULL);

  return g_canonicalize_filename (path, NULL);
}

static void
run_check (IcpTestRun         *run,
           const char * const *args)
{
  icp_test_run_check (run, NULL, args, NULL, NULL);
}

/* Runs icp-check --format=json with @args (and NOW); returns the report. */
static JsonNode *
run_json (const char * const *args,
          const char         *language)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_auto(IcpTestRun) run = { 0 };

  g_ptr_array_add (all, (gpointer) NOW);
  g_ptr_array_add (all, (gpointer) "--format=json");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) args[i]);
  g_ptr_array_add (all, NULL);

  icp_test_run_check (&run, NULL, (const char * const *) all->pdata, NULL, language);
  icp_test_assert_status (&run, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  return icp_test_parse_json (run.out);
}

static JsonArray *
instances_of (JsonNode *report)
{
  return json_object_get_array_member (json_node_get_object (report), "instances");
}

static gint64
summary_of (JsonNode   *report,
            const char *key)
{
  JsonObject *summary = json_object_get_object_member (json_node_get_object (report), "summary");

  g_assert_nonnull (summary);
  g_assert_true (json_object_has_member (summary, key));
  return json_object_get_int_member (summary, key);
}

/* Every finding code of the report, account-level included. */
static GHashTable *
codes_of (JsonNode *report)
{
  GHashTable *codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *instances = instances_of (report);
  JsonArray *account = json_object_get_array_member (json_node_get_object (report),
                                                     "account-findings");

  for (guint i = 0; i < json_array_get_length (account); i++)
    g_hash_table_add (codes, g_strdup (json_object_get_string_member (
                                         json_array_get_object_element (account, i), "code")));

  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonArray *findings = json_object_get_array_member (
                              json_array_get_object_element (instances, i), "findings");

      for (guint j = 0; j < json_array_get_length (findings); j++)
        g_hash_table_add (codes, g_strdup (json_object_get_string_member (
                                             json_array_get_object_element (findings, j),
                                             "code")));
    }

  return codes;
}

/* "id: code code …" per instance, in order: what must not depend on the language. */
static char *
code_lists_of (JsonNode *report)
{
  JsonArray *instances = instances_of (report);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject *instance = json_array_get_object_element (instances, i);
      JsonArray *findings = json_object_get_array_member (instance, "findings");

      g_string_append_printf (out, "%s %s:", json_object_get_string_member (instance, "id"),
                              json_object_get_string_member (instance, "verdict"));
      for (guint j = 0; j < json_array_get_length (findings); j++)
        {
          JsonObject *finding = json_array_get_object_element (findings, j);

          const char *remedy = json_object_get_string_member (finding, "remedy");

          g_string_append_printf (out, " %s/%s/%s",
                                  json_object_get_string_member (finding, "code"),
                                  json_object_get_string_member (finding, "severity"),
                                  remedy != NULL ? remedy : "none");
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* The member names of every object in @node, recursively, with their paths. */
static void
collect_keys (JsonNode   *node,
              const char *path,
              GString    *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      members = g_list_sort (members, (GCompareFunc) g_strcmp0);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strdup_printf ("%s.%s", path, (const char *) l->data);

          g_string_append_printf (out, "%s\n", child);
          collect_keys (json_object_get_member (json_node_get_object (node), l->data), child,
                        out);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autofree char *child = g_strdup_printf ("%s[]", path);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_keys (json_array_get_element (array, i), child, out);
    }
}

static guint
count_sample_instances (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *text = icp_test_read_file (path, NULL);
  g_autoptr(JsonNode) sample = icp_test_parse_json (text);
  JsonObject *root = json_node_get_object (sample);

  return json_array_get_length (json_object_get_array_member (
                                  json_object_get_object_member (root, "Instances"),
                                  "Instance"));
}

/* ------------------------------------------------------------------------------------------ */
/* The sample                                                                                  */

static void
test_sample_text (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) report = run_json (ARGS (path), NULL);
  g_autofree char *summary = NULL;
  g_auto(IcpTestRun) run = { 0 };

  run_check (&run, ARGS (NOW, path));
  icp_test_assert_status (&run, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");

  /* The headline agrees with the JSON report of the same list. */
  summary = g_strdup_printf ("%d of %d servers can get an ICP filing service code now.",
                             (int) summary_of (report, "eligible"),
                             (int) summary_of (report, "total"));
  icp_test_assert_contains (run.out, summary);
  icp_test_assert_contains (run.out, "\nWhat to do\n");
  icp_test_assert_contains (run.out, "as of 2026-11-20");

  /* Every blocked server is under "What to do". */
  for (guint i = 0; i < json_array_get_length (instances_of (report)); i++)
    {
      JsonObject *instance = json_array_get_object_element (instances_of (report), i);
      g_autofree char *line = NULL;

      if (g_strcmp0 (json_object_get_string_member (instance, "verdict"), "blocked") != 0)
        continue;
      line = g_strdup_printf ("\n%s", json_object_get_string_member (instance, "id"));
      icp_test_assert_contains (strstr (run.out, "\nWhat to do\n"), line);
    }
}

/* data/samples/README.md: the case each instance of the sample is there for. */
static const struct
{
  const char *id;
  const char *verdict;   /* "eligible|unknown": either */
  const char *codes;     /* all must be reported */
} sample_cases[] = {
  { "i-bp1g6zv0ce8oghu7k2a", "eligible", "" },
  { "i-bp1c4r8t2mzq5x7n3vya", "eligible", "" },
  { "i-bp13kd9wq0f7yhs2le6u", "eligible", "" },
  { "i-bp1f2a7xk9d3m6qv0tzh", "blocked", "pay-as-you-go" },
  { "i-bp18ymn5c2w4j7hr9k0s", "blocked", "no-public-ip" },
  { "i-bp1e9t6q3l8v0n5a2xkd", "eligible", "borderline-term" },
  { "i-bp1w2n8s5k1d6f3h9zqa", "blocked", "pay-as-you-go no-public-ip not-running" },
  { "i-bp1q5h0z7x3c9v2b6nmj", "eligible", "" },
  { "i-bp1t8y2u6i0o4p7a1s5d", "blocked", "remaining-too-short" },
  { "i-uf6bq3x1n8z4k7d2m5wc", "eligible", "" },
  { "i-uf64kz9c2v7n1x5b8q3d", "blocked", "subscription-too-short" },
  { "i-uf6h8d2s6f0g3j9k1l4z", "blocked", "remaining-too-short" },
  { "i-uf6r7t1y5u9i3o6p0a2s", "blocked", "locked" },
  { "i-uf6m3n7b1v5c9x2z8l4k", "eligible", "not-running" },
  { "i-uf6w9e3r7t1y5u8i2o6p", "blocked", "pay-as-you-go expired not-running" },
  { "i-2zeh9atclduxvf1z7k3p", "eligible", "" },
  { "i-2ze5x8c1v4b7n0m3q6wr", "blocked", "pay-as-you-go no-public-ip" },
  { "i-2ze0p4o8i2u6y1t5r9eq", "blocked", "expired not-running" },
  { "i-2zeg3f7d1s5a9k2j6h0l", "eligible", "" },
  { "i-2zek8l2j6h0g4f9d3s7a", "blocked", "expired not-running" },
  { "i-wz9b4n8m2q6w0e3r7t1y", "eligible", "" },
  { "i-wz9f5g9h3j7k1l6z0x4c", "blocked",
    "subscription-too-short remaining-too-short no-public-ip" },
  { "i-wz9u2i6o0p4a8s3d7f1g", "blocked", "pay-as-you-go" },
  { "i-wz9q7w1e5r9t3y8u2i6o", "blocked", "no-public-ip" },
  { "i-wz9z3x7c1v5b9n2m6q0w", "eligible", "borderline-term" },
  { "i-m5e3c7v1b5n9m2q6w0er", "eligible", "" },
  { "i-m5eh4j8k2l6z0x3c7v1b", "blocked", "remaining-too-short not-running no-public-ip" },
  { "i-2vc8n2m6q0w4e7r1t5ya", "eligible", "" },
  { "i-2vcd1f5g9h3j6k0l4z8x", "blocked", "expired not-running no-public-ip" },
  { "i-j6c2x6v0b4n8m1q5w9er", "not-required", "outside-mainland" },
  { "i-j6cf3g7h1j5k9l2z6x0c", "not-required", "outside-mainland" },
  { "i-t4n7y1u5i9o3p6a0s4df", "not-required", "outside-mainland" },
  { "i-t4nk2l6z0x4c8v1b5n9m", "not-required", "outside-mainland" },
  { "i-rj9e4r8t2y6u0i3o7p1a", "not-required", "outside-mainland" },
  { "i-8xj5d9f3g7h1j4k8l2za", "eligible|unknown", "region-unknown" },
};

static void
assert_sample_case (JsonNode   *report,
                    const char *id,
                    const char *verdicts,
                    const char *codes)
{
  JsonObject *instance = icp_test_report_find_instance (report, id);
  const char *verdict = json_object_get_string_member (instance, "verdict");
  g_auto(GStrv) allowed = g_strsplit (verdicts, "|", -1);
  g_auto(GStrv) expected = g_strsplit (codes, " ", -1);
  JsonArray *findings = json_object_get_array_member (instance, "findings");

  if (!g_strv_contains ((const char * const *) allowed, verdict))
    g_error ("%s is %s, not %s", id, verdict, verdicts);

  for (guint i = 0; expected[i] != NULL; i++)
    if (expected[i][0] != '\0' && !icp_test_has_code (instance, expected[i]))
      g_error ("%s lacks the finding %s", id, expected[i]);

  /* Outside the mainland nothing else matters; elsewhere nothing unlisted blocks. */
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *code = json_object_get_string_member (finding, "code");

      if (g_str_equal (verdict, "not-required") && !g_str_equal (code, "outside-mainland"))
        g_error ("%s is not required a filing, yet has the finding %s", id, code);
      if (g_strcmp0 (json_object_get_string_member (finding, "severity"), "blocker") == 0 &&
          !g_strv_contains ((const char * const *) expected, code))
        g_error ("%s has the unexpected blocker %s", id, code);
    }
}

static void
test_sample_json (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) report = run_json (ARGS (path), NULL);
  g_autoptr(GHashTable) codes = codes_of (report);
  JsonArray *instances = instances_of (report);
  const char * const required[] = {
    "outside-mainland", "region-unknown", "pay-as-you-go", "subscription-too-short",
    "borderline-term", "remaining-too-short", "expired", "no-public-ip", "not-running", "locked",
    "codes-unknown",
  };
  const char * const verdicts[] = { "eligible", "blocked", "not-required", "unknown" };
  gint64 counts[G_N_ELEMENTS (verdicts)] = { 0 };
  guint n = count_sample_instances ();

  g_assert_cmpuint (n, ==, 35);
  g_assert_cmpint (summary_of (report, "total"), ==, n);
  g_assert_cmpuint (json_array_get_length (instances), ==, n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *instance = json_array_get_object_element (instances, i);
      const char *verdict = json_object_get_string_member (instance, "verdict");
      guint v;

      for (v = 0; v < G_N_ELEMENTS (verdicts); v++)
        if (g_strcmp0 (verdict, verdicts[v]) == 0)
          break;
      if (v == G_N_ELEMENTS (verdicts))
        g_error ("%s has the verdict “%s”", json_object_get_string_member (instance, "id"),
                 verdict);
      counts[v]++;
    }
  for (guint v = 0; v < G_N_ELEMENTS (verdicts); v++)
    g_assert_cmpint (summary_of (report, verdicts[v]), ==, counts[v]);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_hash_table_contains (codes, required[i]))
      g_error ("no finding %s anywhere in the sample's report", required[i]);
  /* The codes are the checker's, and only those. */
  {
    GHashTableIter iter;
    const char *code;

    g_hash_table_iter_init (&iter, codes);
    while (g_hash_table_iter_next (&iter, (gpointer *) &code, NULL))
      g_assert_true (g_strv_contains (icp_checker_get_codes (), code));
  }

  /* Each instance shows the case it is in the sample for, and the tally adds up. */
  g_assert_cmpuint (G_N_ELEMENTS (sample_cases), ==, n);
  for (guint i = 0; i < G_N_ELEMENTS (sample_cases); i++)
    assert_sample_case (report, sample_cases[i].id, sample_cases[i].verdict,
                        sample_cases[i].codes);
  g_assert_cmpint (summary_of (report, "blocked"), ==, 16);
  g_assert_cmpint (summary_of (report, "not-required"), ==, 5);
  g_assert_cmpint (summary_of (report, "eligible") + summary_of (report, "unknown"), ==, 14);
}

static void
test_sample_filing_console (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *csv = icp_test_sample_path ("filing-console.csv");
  g_autoptr(JsonNode) report = run_json (ARGS ("--filing-account=1234567890123456", path, csv),
                                         NULL);
  g_autoptr(GHashTable) codes = codes_of (report);
  JsonObject *instance;

  /* Merged by instance id: the CSV adds facts, not servers. */
  g_assert_cmpint (summary_of (report, "total"), ==, count_sample_instances ());
  g_assert_true (g_hash_table_contains (codes, "account-mismatch"));
  g_assert_true (g_hash_table_contains (codes, "quota-reached"));

  instance = icp_test_report_find_instance (report, "i-bp1c4r8t2mzq5x7n3vya");
  g_assert_true (icp_test_has_code (instance, "quota-reached"));
  g_assert_cmpint (json_object_get_int_member (instance, "codes-used"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (instance, "verdict"), ==, "blocked");
  /* The JSON's facts survive the merge. */
  g_assert_cmpstr (json_object_get_string_member (instance, "region"), ==, "cn-hangzhou");
  g_assert_cmpstr (json_object_get_string_member (instance, "charge-type"), ==, "PrePaid");

  instance = icp_test_report_find_instance (report, "i-wz9b4n8m2q6w0e3r7t1y");
  g_assert_true (icp_test_has_code (instance, "account-mismatch"));
  g_assert_cmpstr (json_object_get_string_member (instance, "verdict"), ==, "blocked");

  instance = icp_test_report_find_instance (report, "i-bp1g6zv0ce8oghu7k2a");
  g_assert_cmpint (json_object_get_int_member (instance, "codes-used"), ==, 4);
  g_assert_false (icp_test_has_code (instance, "codes-unknown"));
  g_assert_cmpstr (json_object_get_string_member (instance, "verdict"), ==, "eligible");

  /* Not in the CSV: still not known. */
  g_assert_true (icp_test_has_code (
                   icp_test_report_find_instance (report, "i-bp1q5h0z7x3c9v2b6nmj"),
                   "codes-unknown"));

  g_assert_cmpint (summary_of (report, "blocked"), ==, 18);
}

static void
test_sample_csv (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) report = run_json (ARGS (path), NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(IcpTestRun) run = { 0 };
  const char *text;
  char **header;
  int verdict_col = -1;

  run_check (&run, ARGS (NOW, "--format=csv", path));
  icp_test_assert_status (&run, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");

  text = run.out;
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;
  rows = icp_test_parse_csv (text, ICP_TEST_CSV_ANY_LINE_END);
  g_assert_cmpuint (rows->len, ==, 1 + count_sample_instances ());

  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "id");
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], "verdict"))
      verdict_col = i;
  g_assert_cmpint (verdict_col, >, 0);

  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      JsonObject *instance = json_array_get_object_element (instances_of (report), i - 1);

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      g_assert_cmpstr (row[0], ==, json_object_get_string_member (instance, "id"));
      g_assert_cmpstr (row[verdict_col], ==, json_object_get_string_member (instance, "verdict"));
    }
}

static void
test_stdin (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) from_file = run_json (ARGS (path), NULL);
  g_autoptr(JsonNode) from_stdin = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_auto(IcpTestRun) json = { 0 };
  g_auto(IcpTestRun) text = { 0 };

  contents = icp_test_read_file (path, &len);
  input = g_bytes_new (contents, len);

  icp_test_run_check (&json, NULL, ARGS (NOW, "--format=json", "-"), input, NULL);
  icp_test_assert_status (&json, EXIT_OK);
  g_assert_cmpstr (json.err, ==, "");
  from_stdin = icp_test_parse_json (json.out);

  /* The same list, read from a pipe, gives the same report. */
  if (!json_node_equal (json_object_get_member (json_node_get_object (from_file), "instances"),
                        json_object_get_member (json_node_get_object (from_stdin), "instances")))
    g_error ("the report of standard input differs from the report of the file");

  icp_test_run_check (&text, NULL, ARGS (NOW, "-"), input, NULL);
  icp_test_assert_status (&text, EXIT_OK);
  icp_test_assert_contains (text.out, "servers can get an ICP filing service code now.");
}

/* ------------------------------------------------------------------------------------------ */
/* Output files                                                                                */

static void
test_output_file (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-cli-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "report.json", NULL);
  g_autofree char *option = g_strdup_printf ("--output=%s", output);
  g_autofree char *written = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GString) old = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(IcpTestRun) run = { 0 };
  g_auto(IcpTestRun) again = { 0 };

  /* An old, longer file: replaced whole. */
  for (guint i = 0; i < 50000; i++)
    g_string_append (old, "an old report\n");
  g_file_set_contents (output, old->str, old->len, &error);
  g_assert_no_error (error);

  run_check (&run, ARGS (NOW, "--format=json", "-o", output, path));
  icp_test_assert_status (&run, EXIT_OK);
  g_assert_cmpuint (run.out_len, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  written = icp_test_read_file (output, NULL);
  g_assert_null (strstr (written, "an old report"));
  report = icp_test_parse_json (written);
  g_assert_cmpint (summary_of (report, "total"), ==, count_sample_instances ());

  listing = icp_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "report.json");

  /* The long form too, and a text report. */
  run_check (&again, ARGS (NOW, option, path));
  icp_test_assert_status (&again, EXIT_OK);
  g_assert_cmpuint (again.out_len, ==, 0);
  text = icp_test_read_file (output, NULL);
  icp_test_assert_contains (text, "servers can get an ICP filing service code now.");

  icp_test_remove_tree (dir);
}

static void
test_output_missing_dir (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-cli-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *output = g_build_filename (missing, "report.json", NULL);
  g_autofree char *listing = NULL;
  g_auto(IcpTestRun) run = { 0 };

  run_check (&run, ARGS (NOW, "--format=json", "-o", output, path));
  icp_test_assert_status (&run, EXIT_INPUT);
  g_assert_cmpuint (run.out_len, ==, 0);
  icp_test_assert_contains (run.err, output);

  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = icp_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  icp_test_remove_tree (dir);
}

static void
test_stdout_full (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  /* A full disk under standard output: said, and not reported as success. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ICP_CHECK"), NOW,
                                         "--format=json", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  message = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "",
                       g_bytes_get_size (err));

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, EXIT_INPUT);
  g_assert_cmpstr (message, !=, "");
}

/* The JSON report is itself an input (DESIGN.md), and so is the CSV report. */
static void
test_report_round_trip (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *csv = icp_test_sample_path ("filing-console.csv");
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-cli-XXXXXX");
  g_autofree char *json_report = g_build_filename (dir, "report.json", NULL);
  g_autofree char *csv_report = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) from_json = NULL;
  g_autoptr(JsonNode) from_csv = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *codes_from_csv = NULL;
  g_auto(IcpTestRun) write_json = { 0 };
  g_auto(IcpTestRun) write_csv = { 0 };

  original = run_json (ARGS ("--filing-account=1234567890123456", path, csv), NULL);

  run_check (&write_json, ARGS (NOW, "--filing-account=1234567890123456", "--format=json",
                                "-o", json_report, path, csv));
  icp_test_assert_status (&write_json, EXIT_OK);
  run_check (&write_csv, ARGS (NOW, "--filing-account=1234567890123456", "--format=csv",
                               "-o", csv_report, path, csv));
  icp_test_assert_status (&write_csv, EXIT_OK);

  from_json = run_json (ARGS ("--filing-account=1234567890123456", json_report), NULL);
  if (!json_node_equal (json_object_get_member (json_node_get_object (original), "instances"),
                        json_object_get_member (json_node_get_object (from_json), "instances")))
    {
      g_autofree char *a = json_to_string (original, TRUE);
      g_autofree char *b = json_to_string (from_json, TRUE);

      g_test_fail_printf ("the report of the JSON report differs:\n%s\n---\n%s", a, b);
    }

  /* A CSV report has fewer columns, but every fact a rule reads. */
  from_csv = run_json (ARGS ("--filing-account=1234567890123456", csv_report), NULL);
  codes = code_lists_of (original);
  codes_from_csv = code_lists_of (from_csv);
  g_assert_cmpstr (codes_from_csv, ==, codes);

  icp_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Inputs that cannot be read                                                                  */

/* Exit status 2, nothing on standard output, and a message that starts the way compilers
 * do: FILE:LINE:COLUMN (@line 0: any line). */
static void
assert_input_error (const char *path,
                    guint       line)
{
  g_autofree char *escaped = g_regex_escape_string (path, -1);
  g_autofree char *pattern = g_strdup_printf ("%s:([0-9]+):([0-9]+)", escaped);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(IcpTestRun) run = { 0 };

  run_check (&run, ARGS (NOW, path));
  icp_test_assert_status (&run, EXIT_INPUT);
  g_assert_cmpuint (run.out_len, ==, 0);

  if (!g_regex_match (regex, run.err, 0, &match))
    g_error ("the message does not name %s:LINE:COLUMN: %s", path, run.err);
  if (line > 0)
    {
      g_autofree char *got = g_match_info_fetch (match, 1);

      if (g_ascii_strtoull (got, NULL, 10) != line)
        g_error ("the message names line %s, not %u: %s", got, line, run.err);
    }
  {
    g_autofree char *column = g_match_info_fetch (match, 2);

    g_assert_cmpuint (g_ascii_strtoull (column, NULL, 10), >=, 1);
  }
}

static void
test_broken_inputs (void)
{
  const struct
  {
    const char *name;
    guint       line;
  } cases[] = {
    { "truncated.json", 7 },
    { "not-json.txt", 0 },
    { "bad-syntax.json", 4 },
    { "empty.json", 1 },
    { "blank.csv", 0 },
    { "other-shape.json", 0 },
    { "api-error.json", 0 },
    { "no-id-column.csv", 1 },
    { "impossible-date.json", 5 },
    { "impossible-date.csv", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture (cases[i].name);

      g_test_message ("%s", cases[i].name);
      assert_input_error (path, cases[i].line);
    }
}

static void
test_broken_input_among_good (void)
{
  g_autofree char *good = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *bad = fixture ("impossible-date.csv");
  g_auto(IcpTestRun) run = { 0 };

  /* One unreadable file fails the lot: a partial report would pass for a whole one. */
  run_check (&run, ARGS (NOW, good, bad));
  icp_test_assert_status (&run, EXIT_INPUT);
  g_assert_cmpuint (run.out_len, ==, 0);
  icp_test_assert_contains (run.err, bad);
}

static void
test_missing_input (void)
{
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-cli-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "no-such-list.json", NULL);
  g_auto(IcpTestRun) run = { 0 };

  run_check (&run, ARGS (NOW, path));
  icp_test_assert_status (&run, EXIT_INPUT);
  g_assert_cmpuint (run.out_len, ==, 0);
  icp_test_assert_contains (run.err, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  icp_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Usage                                                                                       */

static void
assert_usage_error (const char * const *args,
                    const char         *mentions)
{
  g_auto(IcpTestRun) run = { 0 };

  run_check (&run, args);
  icp_test_assert_status (&run, EXIT_USAGE);
  g_assert_cmpuint (run.out_len, ==, 0);
  g_assert_cmpstr (run.err, !=, "");
  if (mentions != NULL)
    icp_test_assert_contains (run.err, mentions);
}

static void
test_usage_errors (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");

  assert_usage_error (ARGS (NOW, "--no-such-option", path), "--no-such-option");
  assert_usage_error (ARGS (NOW, "--format=xml", path), "xml");
  assert_usage_error (ARGS ("--now=yesterday", path), "yesterday");
  assert_usage_error (ARGS ("--now=2026-02-30T08:00:00Z", path), "2026-02-30");
  assert_usage_error (ARGS (NOW), NULL);
  assert_usage_error (ARGS (NOW, "--renew", path), "fix");
  assert_usage_error (ARGS (NOW, "--profile=work", path), "--fetch");
  assert_usage_error (ARGS (NOW, "--endpoint=https://ecs.example", path), "--fetch");
}

static void
test_output_over_input (void)
{
  g_autofree char *dir = icp_test_make_temp_dir ("icp-cli-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "list.json", NULL);
  g_autofree char *same = g_build_filename (dir, ".", "list.json", NULL);
  g_autofree char *sample_path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;

  /* The report must never replace a list it reads, however the name is spelled. */
  before = icp_test_read_file (sample_path, &before_len);
  g_assert_true (g_file_set_contents (path, before, before_len, &error));
  g_assert_no_error (error);

  assert_usage_error (ARGS (NOW, "-o", same, path), "list.json");

  after = icp_test_read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);

  icp_test_remove_tree (dir);
}

static void
test_help (void)
{
  g_auto(IcpTestRun) run = { 0 };

  run_check (&run, ARGS ("--help"));
  icp_test_assert_status (&run, EXIT_OK);
  icp_test_assert_contains (run.out, "--format");
  icp_test_assert_contains (run.out, "--output");
  icp_test_assert_contains (run.out, "--filing-account");
}

/* Without any AccessKey (main() clears the environment, the home is a temporary one), --fetch
 * and fix stop before any request: exit status 3, and the message says how to provide a key. */
static void
test_no_credentials (void)
{
  g_auto(IcpTestRun) fetch = { 0 };
  g_auto(IcpTestRun) fix = { 0 };

  run_check (&fetch, ARGS (NOW, "--fetch", "--endpoint=http://127.0.0.1:9/"));
  icp_test_assert_status (&fetch, EXIT_REMOTE);
  g_assert_cmpuint (fetch.out_len, ==, 0);
  icp_test_assert_contains (fetch.err, "ALIBABA_CLOUD_ACCESS_KEY_ID");

  run_check (&fix, ARGS ("fix", "--renew", "i-x", "--endpoint=http://127.0.0.1:9/"));
  icp_test_assert_status (&fix, EXIT_REMOTE);
  g_assert_cmpuint (fix.out_len, ==, 0);
  icp_test_assert_contains (fix.err, "ALIBABA_CLOUD_ACCESS_KEY_ID");
}

/* ------------------------------------------------------------------------------------------ */
/* Policies and accounts                                                                       */

static void
test_policy_broken (void)
{
  const char * const names[] = { "broken-policy.ini", "not-a-policy.ini", "no-such-policy.ini" };
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *policy = fixture (names[i]);
      g_autofree char *option = g_strdup_printf ("--policy=%s", policy);
      g_auto(IcpTestRun) run = { 0 };

      run_check (&run, ARGS (NOW, option, path));
      icp_test_assert_status (&run, EXIT_INPUT);
      g_assert_cmpuint (run.out_len, ==, 0);
      icp_test_assert_contains (run.err, policy);
    }
}

static void
test_policy_custom (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *builtin = g_build_filename (g_getenv ("ICP_ASSISTANT_DATADIR"), "policy",
                                               "alibaba-ecs.ini", NULL);
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-cli-XXXXXX");
  g_autofree char *custom = g_build_filename (dir, "twelve-months.ini", NULL);
  g_autofree char *option = g_strdup_printf ("--policy=%s", custom);
  g_autofree char *contents = icp_test_read_file (builtin, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("^MinSubscriptionMonths=3$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *changed = g_regex_replace_literal (regex, contents, -1, 0,
                                                      "MinSubscriptionMonths=12", 0, NULL);
  g_autoptr(JsonNode) standard = run_json (ARGS (path), NULL);
  g_autoptr(JsonNode) strict = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *policy;

  g_assert_cmpstr (changed, !=, contents);
  g_file_set_contents (custom, changed, -1, &error);
  g_assert_no_error (error);

  strict = run_json (ARGS (option, path), NULL);
  policy = json_object_get_object_member (json_node_get_object (strict), "policy");
  g_assert_cmpint (json_object_get_int_member (policy, "min-subscription-months"), ==, 12);
  g_assert_cmpint (summary_of (strict, "blocked"), >, summary_of (standard, "blocked"));
  g_assert_cmpint (summary_of (strict, "total"), ==, summary_of (standard, "total"));

  /* web-prod-01 runs 2025-03 → 2027-03 either way; the borderline 3-month term no longer
   * passes. */
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_report_find_instance (strict, "i-bp1g6zv0ce8oghu7k2a"),
                     "verdict"), ==, "eligible");
  g_assert_true (icp_test_has_code (
                   icp_test_report_find_instance (strict, "i-bp1e9t6q3l8v0n5a2xkd"),
                   "subscription-too-short"));
  g_assert_cmpstr (json_object_get_string_member (
                     icp_test_report_find_instance (strict, "i-bp1e9t6q3l8v0n5a2xkd"),
                     "verdict"), ==, "blocked");

  icp_test_remove_tree (dir);
}

static void
test_owner_account (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) other = run_json (ARGS ("--owner-account=1234567890123456",
                                              "--filing-account=9876543210987654", path), NULL);
  g_autoptr(JsonNode) same = run_json (ARGS ("--owner-account=1234567890123456",
                                             "--filing-account=1234567890123456", path), NULL);
  g_autoptr(GHashTable) same_codes = codes_of (same);
  JsonArray *instances = instances_of (other);
  guint mismatches = 0;

  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject *instance = json_array_get_object_element (instances, i);
      const char *id = json_object_get_string_member (instance, "id");
      const char *verdict = json_object_get_string_member (instance, "verdict");

      g_assert_cmpstr (json_object_get_string_member (instance, "owner-account"), ==,
                       "1234567890123456");
      if (g_str_equal (verdict, "not-required"))
        {
          g_assert_false (icp_test_has_code (instance, "account-mismatch"));
          continue;
        }
      if (!icp_test_has_code (instance, "account-mismatch"))
        g_error ("%s in %s lacks account-mismatch", id,
                 json_object_get_string_member (instance, "region"));
      g_assert_cmpstr (verdict, ==, "blocked");
      mismatches++;
    }
  g_assert_cmpuint (mismatches, ==, 30);

  g_assert_false (g_hash_table_contains (same_codes, "account-mismatch"));
}

static void
test_region_filter (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) all = run_json (ARGS (path), NULL);
  g_autoptr(JsonNode) some = run_json (ARGS ("--region=cn-shanghai", "--region=华北2（北京）",
                                             path), NULL);
  g_autoptr(JsonNode) none = run_json (ARGS ("--region=eu-west-1", path), NULL);
  JsonArray *instances = instances_of (some);
  guint expected = 0;

  /* By id or by name; the rest of the file is left out, and the summary counts only these. */
  for (guint i = 0; i < json_array_get_length (instances_of (all)); i++)
    {
      const char *region = json_object_get_string_member (
        json_array_get_object_element (instances_of (all), i), "region");

      if (g_str_equal (region, "cn-shanghai") || g_str_equal (region, "cn-beijing"))
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (json_array_get_length (instances), ==, expected);
  g_assert_cmpint (summary_of (some, "total"), ==, expected);
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      const char *region = json_object_get_string_member (
        json_array_get_object_element (instances, i), "region");

      g_assert_true (g_str_equal (region, "cn-shanghai") || g_str_equal (region, "cn-beijing"));
    }

  g_assert_cmpuint (json_array_get_length (instances_of (none)), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Translations                                                                                */

static void
test_translations (void)
{
  g_autofree char *path = icp_test_sample_path ("ecs-instances.json");
  g_autoptr(JsonNode) english = run_json (ARGS (path), "en");
  g_autoptr(JsonNode) chinese = run_json (ARGS (path), "zh_CN");
  g_autofree char *codes_en = code_lists_of (english);
  g_autofree char *codes_zh = code_lists_of (chinese);
  g_autoptr(GString) keys_en = g_string_new (NULL);
  g_autoptr(GString) keys_zh = g_string_new (NULL);
  JsonObject *finding_en, *finding_zh;
  const char *message_en, *message_zh;
  g_auto(IcpTestRun) text = { 0 };

  /* Codes, keys and values that scripts read never follow the language… */
  g_assert_cmpstr (codes_zh, ==, codes_en);
  collect_keys (english, "", keys_en);
  collect_keys (chinese, "", keys_zh);
  g_assert_cmpstr (keys_zh->str, ==, keys_en->str);

  /* …messages do. */
  finding_en = json_array_get_object_element (json_object_get_array_member (
                 icp_test_report_find_instance (english, "i-bp1f2a7xk9d3m6qv0tzh"),
                 "findings"), 0);
  finding_zh = json_array_get_object_element (json_object_get_array_member (
                 icp_test_report_find_instance (chinese, "i-bp1f2a7xk9d3m6qv0tzh"),
                 "findings"), 0);
  g_assert_cmpstr (json_object_get_string_member (finding_zh, "code"), ==, "pay-as-you-go");
  g_assert_cmpstr (json_object_get_string_member (finding_en, "code"), ==, "pay-as-you-go");
  message_en = json_object_get_string_member (finding_en, "message");
  message_zh = json_object_get_string_member (finding_zh, "message");
  if (g_str_equal (message_zh, message_en) || strstr (message_zh, "按量付费") == NULL)
    g_test_fail_printf ("with LANGUAGE=zh_CN the JSON report's messages are not in Chinese: "
                        "“%s” (is po/zh_CN.po translated?)", message_zh);

  icp_test_run_check (&text, NULL, ARGS (NOW, path), NULL, "zh_CN");
  icp_test_assert_status (&text, EXIT_OK);
  if (strstr (text.out, "备案服务号") == NULL ||
      strstr (text.out, "servers can get an ICP filing service code now.") != NULL ||
      strstr (text.out, "What to do") != NULL)
    g_test_fail_printf ("with LANGUAGE=zh_CN the text report is not in Chinese (is "
                        "po/zh_CN.po translated?):\n%.1500s", text.out);
}

/* ------------------------------------------------------------------------------------------ */
/* The inputs are only read                                                                    */

typedef struct
{
  char   *contents;
  gsize   len;
  guint64 modified;
  guint32 modified_usec;
} Snapshot;

static void
snapshot (const char *path,
          Snapshot   *shot)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, G_FILE_QUERY_INFO_NONE, NULL,
                            &error);
  g_assert_no_error (error);
  shot->modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  shot->modified_usec = g_file_info_get_attribute_uint32 (info,
                                                          G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  shot->contents = icp_test_read_file (path, &shot->len);
}

static void
test_inputs_unchanged (void)
{
  g_autofree char *json = icp_test_sample_path ("ecs-instances.json");
  g_autofree char *csv = icp_test_sample_path ("filing-console.csv");
  g_autofree char *dir = icp_test_make_temp_dir ("icp-test-cli-XXXXXX");
  g_autofree char *copy = g_build_filename (dir, "instances.json", NULL);
  g_autofree char *output = g_build_filename (dir, "report.csv", NULL);
  const char *paths[] = { json, csv, copy };
  Snapshot before[G_N_ELEMENTS (paths)], after[G_N_ELEMENTS (paths)];
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  contents = icp_test_read_file (json, &len);
  g_file_set_contents (copy, contents, len, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    snapshot (paths[i], &before[i]);

  {
    g_auto(IcpTestRun) text = { 0 };
    g_auto(IcpTestRun) file = { 0 };

    run_check (&text, ARGS (NOW, "--filing-account=1234567890123456", json, csv));
    icp_test_assert_status (&text, EXIT_OK);
    /* A report written beside an input. */
    run_check (&file, ARGS (NOW, "--format=csv", "-o", output, copy, csv));
    icp_test_assert_status (&file, EXIT_OK);
  }

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      snapshot (paths[i], &after[i]);
      g_assert_cmpmem (after[i].contents, after[i].len, before[i].contents, before[i].len);
      g_assert_cmpuint (after[i].modified, ==, before[i].modified);
      g_assert_cmpuint (after[i].modified_usec, ==, before[i].modified_usec);
      g_free (before[i].contents);
      g_free (after[i].contents);
    }

  icp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages of failed assertions in UTF-8, as the environment says. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* No AccessKey from the developer's environment or session reaches icp-check. */
  icp_test_unset_credential_env (NULL);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");

  g_test_add_func ("/icp/cli/sample-text", test_sample_text);
  g_test_add_func ("/icp/cli/sample-json", test_sample_json);
  g_test_add_func ("/icp/cli/sample-filing-console", test_sample_filing_console);
  g_test_add_func ("/icp/cli/sample-csv", test_sample_csv);
  g_test_add_func ("/icp/cli/stdin", test_stdin);
  g_test_add_func ("/icp/cli/output-file", test_output_file);
  g_test_add_func ("/icp/cli/output-missing-dir", test_output_missing_dir);
  g_test_add_func ("/icp/cli/stdout-full", test_stdout_full);
  g_test_add_func ("/icp/cli/report-round-trip", test_report_round_trip);
  g_test_add_func ("/icp/cli/broken-inputs", test_broken_inputs);
  g_test_add_func ("/icp/cli/broken-input-among-good", test_broken_input_among_good);
  g_test_add_func ("/icp/cli/missing-input", test_missing_input);
  g_test_add_func ("/icp/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/icp/cli/help", test_help);
  g_test_add_func ("/icp/cli/no-credentials", test_no_credentials);
  g_test_add_func ("/icp/cli/policy-broken", test_policy_broken);
  g_test_add_func ("/icp/cli/policy-custom", test_policy_custom);
  g_test_add_func ("/icp/cli/owner-account", test_owner_account);
  g_test_add_func ("/icp/cli/region-filter", test_region_filter);
  g_test_add_func ("/icp/cli/output-over-input", test_output_over_input);
  g_test_add_func ("/icp/cli/translations", test_translations);
  g_test_add_func ("/icp/cli/inputs-unchanged", test_inputs_unchanged);

  return g_test_run ();
}
