/* test-cli-cloud.c — icp-check --fetch and icp-check fix against the fake-cloud program
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The command-line contract of DESIGN.md with an account: each case starts $ICP_FAKE_CLOUD on
 * the sample account (it prints its port), runs the built $ICP_CHECK with the key in the
 * environment and --endpoint (or $ICP_ASSISTANT_ENDPOINT), and checks the report, the exit
 * status and the messages. Every byte icp-check writes, and every report, is searched for the
 * secret, which must never be there.
 */

#include "config.h"

#include <string.h>

#include "icp-fake-cloud.h"
#include "icp-test-utils.h"

#define NOW "--now=" ICP_TEST_NOW
#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

#define GITLAB "i-bp1t8y2u6i0o4p7a1s5d" /* subscription, 15 days left: renew */
#define DB     "i-bp18ymn5c2w4j7hr9k0s" /* private network only: add bandwidth */

typedef struct
{
  GSubprocess *cloud;
  char        *url;
  char        *home;
} Cloud;

static void
cloud_stop (Cloud *c)
{
  if (c->cloud != NULL)
    {
      g_subprocess_force_exit (c->cloud);
      g_subprocess_wait (c->cloud, NULL, NULL);
    }
  g_clear_object (&c->cloud);
  g_clear_pointer (&c->url, g_free);
  if (c->home != NULL)
    icp_test_remove_tree (c->home);
  g_clear_pointer (&c->home, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cloud, cloud_stop)

static void
cloud_start (Cloud *c)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "fixtures", "cloud",
                                                 "account.json", NULL);
  const char *program = g_getenv ("ICP_FAKE_CLOUD");
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (program == NULL)
    g_error ("$ICP_FAKE_CLOUD does not name the fake-cloud program");

  c->cloud = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, program, "--data", data, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->cloud));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_strstrip (line);
  c->url = g_strdup_printf ("http://127.0.0.1:%s/", line);

  /* No aliyun CLI config of the developer's: only the environment's key. */
  c->home = icp_test_make_temp_dir ("icp-cli-cloud-XXXXXX");
}

static void
assert_no_secret (const char *text,
                  const char *secret,
                  const char *where)
{
  if (text != NULL && strstr (text, secret) != NULL)
    g_error ("the secret appears in %s:\n%s", where, text);
}

/* Set by the test that reads every debug message of icp-check (GLib prints them on stdout). */
static gboolean debug_logs;

/* icp-check with @args, the key in the environment (@secret: a wrong one), @endpoint_env:
 * give the endpoint through $ICP_ASSISTANT_ENDPOINT instead of --endpoint. */
static void
run_full (IcpTestRun         *run,
          Cloud              *c,
          const char         *secret,
          gboolean            endpoint_env,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; args[i] != NULL; i++)
    {
      /* "fix" comes first: the options follow it. */
      g_ptr_array_add (argv, g_strdup (args[i]));
      if (i == 0 && !endpoint_env)
        g_ptr_array_add (argv, g_strdup_printf ("--endpoint=%s", c->url));
    }
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "HOME", c->home, TRUE);
  if (debug_logs)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  icp_test_unset_credential_env (launcher);
  g_subprocess_launcher_setenv (launcher, "ALIBABA_CLOUD_ACCESS_KEY_ID",
                                ICP_FAKE_CLOUD_TEST_KEY_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret, TRUE);
  if (endpoint_env)
    g_subprocess_launcher_setenv (launcher, "ICP_ASSISTANT_ENDPOINT", c->url, TRUE);

  icp_test_run_check (run, launcher, (const char * const *) argv->pdata, NULL, NULL);

  assert_no_secret (run->out, secret, "standard output");
  assert_no_secret (run->err, secret, "standard error");
}

static void
run_check (IcpTestRun         *run,
           Cloud              *c,
           const char * const *args)
{
  run_full (run, c, ICP_FAKE_CLOUD_TEST_KEY_SECRET, FALSE, args);
}

/* ---- --fetch ----------------------------------------------------------------------------- */

static void
test_fetch_report (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) run = { 0 };
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *output = NULL;
  JsonObject *summary;
  JsonObject *instance;

  cloud_start (&c);
  path = g_build_filename (c.home, "report.json", NULL);
  output = g_strdup_printf ("--output=%s", path);
  run_check (&run, &c, ARGS ("--fetch", NOW, "--format=json", output));
  icp_test_assert_status (&run, 0);
  g_assert_cmpstr (run.out, ==, "");

  text = icp_test_read_file (path, NULL);
  assert_no_secret (text, ICP_FAKE_CLOUD_TEST_KEY_SECRET, "the report");
  report = icp_test_parse_json (text);
  summary = json_object_get_object_member (json_node_get_object (report), "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (summary, "not-required"), ==, 5);

  /* Facts from the account: the owner from STS, the billing source. */
  instance = icp_test_report_find_instance (report, GITLAB);
  g_assert_nonnull (instance);
  g_assert_true (icp_test_has_code (instance, "remaining-too-short"));
  g_assert_cmpstr (json_object_get_string_member (instance, "verdict"), ==, "blocked");
  g_assert_cmpstr (json_object_get_string_member (instance, "subscription-months-source"), !=,
                   "unknown");
  instance = icp_test_report_find_instance (report, DB);
  g_assert_true (icp_test_has_code (instance, "no-public-ip"));
}

static void
test_fetch_text_and_filing_account (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) run = { 0 };
  g_auto(IcpTestRun) other = { 0 };
  g_autoptr(JsonNode) report = NULL;

  cloud_start (&c);

  /* The text report on stdout, as for files. */
  run_check (&run, &c, ARGS ("--fetch", NOW));
  icp_test_assert_status (&run, 0);
  icp_test_assert_contains (run.out, GITLAB);

  /* Another account files: every mainland instance has the wrong owner. */
  run_check (&other, &c, ARGS ("--fetch", NOW, "--format=json",
                               "--filing-account=9876543210987654", "--region=cn-shanghai"));
  icp_test_assert_status (&other, 0);
  report = icp_test_parse_json (other.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (report), "instances")), ==, 6);
  g_assert_true (icp_test_has_code (
                   icp_test_report_find_instance (report, "i-uf6bq3x1n8z4k7d2m5wc"),
                   "account-mismatch"));
}

static void
test_fetch_endpoint_env (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) run = { 0 };
  g_autoptr(JsonNode) report = NULL;

  cloud_start (&c);
  run_full (&run, &c, ICP_FAKE_CLOUD_TEST_KEY_SECRET, TRUE,
            ARGS ("--fetch", NOW, "--format=json", "--region=cn-beijing"));
  icp_test_assert_status (&run, 0);
  report = icp_test_parse_json (run.out);
  g_assert_nonnull (icp_test_report_find_instance (report, "i-2zeh9atclduxvf1z7k3p"));
}

static void
test_fetch_wrong_key (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) run = { 0 };
  const char *wrong = "WrongSecretThatMustNotLeak0000";

  cloud_start (&c);
  run_full (&run, &c, wrong, FALSE, ARGS ("--fetch", NOW));
  icp_test_assert_status (&run, 3);
  g_assert_cmpstr (run.out, ==, "");
  icp_test_assert_contains (run.err, "SignatureDoesNotMatch");
  assert_no_secret (run.err, wrong, "standard error");
}

/* With every debug message on (G_MESSAGES_DEBUG=all), neither the secret nor a wrong one
 * appears anywhere: a fetch, a refused key, a fix with --yes. */
static void
test_debug_logs (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) fetch = { 0 };
  g_auto(IcpTestRun) wrong = { 0 };
  g_auto(IcpTestRun) fix = { 0 };
  const char *bad = "WrongSecretThatMustNotLeak0000";

  cloud_start (&c);
  debug_logs = TRUE;
  run_check (&fetch, &c, ARGS ("--fetch", NOW));
  run_full (&wrong, &c, bad, FALSE, ARGS ("--fetch", NOW));
  run_check (&fix, &c, ARGS ("fix", NOW, "--renew", GITLAB, "--yes"));
  debug_logs = FALSE;

  /* The debug messages were there to be searched (the client logs each failed attempt). */
  icp_test_assert_contains (fetch.out, "IcpCloud-DEBUG");
  icp_test_assert_status (&fetch, 0);
  icp_test_assert_status (&wrong, 3);
  icp_test_assert_status (&fix, 0);
  {
    const IcpTestRun *runs[] = { &fetch, &wrong, &fix };

    for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
      {
        assert_no_secret (runs[i]->out, ICP_FAKE_CLOUD_TEST_KEY_SECRET, "the debug log");
        assert_no_secret (runs[i]->err, ICP_FAKE_CLOUD_TEST_KEY_SECRET, "the debug log");
        assert_no_secret (runs[i]->out, bad, "the debug log");
        assert_no_secret (runs[i]->err, bad, "the debug log");
      }
  }
}

static void
test_fetch_usage (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) both = { 0 };
  g_auto(IcpTestRun) bad_endpoint = { 0 };

  cloud_start (&c);
  run_check (&both, &c, ARGS ("--fetch", "some-file.json"));
  icp_test_assert_status (&both, 1);

  run_check (&bad_endpoint, &c, ARGS ("--fetch", "--endpoint=http://198.51.100.7/"));
  icp_test_assert_status (&bad_endpoint, 1);
}

/* ---- fix --------------------------------------------------------------------------------- */

static void
test_fix_dry_run (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) run = { 0 };
  g_auto(IcpTestRun) again = { 0 };

  cloud_start (&c);
  run_check (&run, &c, ARGS ("fix", NOW, "--renew", GITLAB));
  icp_test_assert_status (&run, 0);
  icp_test_assert_contains (run.out, "Renew " GITLAB);
  icp_test_assert_contains (run.out, "for 1 month");
  icp_test_assert_contains (run.out, "Dry run: passed");
  icp_test_assert_contains (run.out, "Price: CNY");
  icp_test_assert_contains (run.out, "run again with --yes to renew");

  /* A dry run changes nothing: the finding is still there. */
  run_check (&again, &c, ARGS ("fix", NOW, "--renew", GITLAB));
  icp_test_assert_status (&again, 0);
  icp_test_assert_contains (again.out, "remaining-too-short");
}

static void
test_fix_yes (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) run = { 0 };
  g_auto(IcpTestRun) bandwidth = { 0 };
  const char *after;

  cloud_start (&c);
  run_check (&run, &c, ARGS ("fix", NOW, "--renew", GITLAB, "--months=2", "--yes", "--pay"));
  icp_test_assert_status (&run, 0);
  icp_test_assert_contains (run.out, "for 2 months");
  icp_test_assert_contains (run.out, "Done: order");
  /* The new verdict, after the change: no longer too little time left. */
  after = strstr (run.out, "Done");
  g_assert_nonnull (after);
  icp_test_assert_contains (after, "Verdict for " GITLAB);
  g_assert_null (strstr (after, "remaining-too-short"));

  run_check (&bandwidth, &c, ARGS ("fix", NOW, "--add-bandwidth", DB, "--mbps=5", "--yes"));
  icp_test_assert_status (&bandwidth, 0);
  icp_test_assert_contains (bandwidth.out, "waits for payment");
}

static void
test_fix_refused (void)
{
  g_auto(Cloud) c = { 0 };
  g_auto(IcpTestRun) months = { 0 };
  g_auto(IcpTestRun) mbps = { 0 };
  g_auto(IcpTestRun) none = { 0 };
  g_auto(IcpTestRun) unknown = { 0 };

  cloud_start (&c);
  run_check (&months, &c, ARGS ("fix", NOW, "--renew", GITLAB, "--months=13"));
  icp_test_assert_status (&months, 1);
  icp_test_assert_contains (months.err, "13 months");
  icp_test_assert_contains (months.err, "1–12, 24, 36, 48, 60");

  run_check (&mbps, &c, ARGS ("fix", NOW, "--add-bandwidth", DB, "--mbps=500"));
  icp_test_assert_status (&mbps, 1);
  icp_test_assert_contains (mbps.err, "500 Mbit/s");

  run_check (&none, &c, ARGS ("fix", NOW, GITLAB));
  icp_test_assert_status (&none, 1);

  run_check (&unknown, &c, ARGS ("fix", NOW, "--renew", "i-doesnotexist000"));
  icp_test_assert_status (&unknown, 3);
  icp_test_assert_contains (unknown.err, "i-doesnotexist000");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icp/cli-cloud/fetch/report", test_fetch_report);
  g_test_add_func ("/icp/cli-cloud/fetch/text-and-filing-account",
                   test_fetch_text_and_filing_account);
  g_test_add_func ("/icp/cli-cloud/fetch/endpoint-env", test_fetch_endpoint_env);
  g_test_add_func ("/icp/cli-cloud/fetch/wrong-key", test_fetch_wrong_key);
  g_test_add_func ("/icp/cli-cloud/fetch/usage", test_fetch_usage);
  g_test_add_func ("/icp/cli-cloud/debug-logs", test_debug_logs);
  g_test_add_func ("/icp/cli-cloud/fix/dry-run", test_fix_dry_run);
  g_test_add_func ("/icp/cli-cloud/fix/yes", test_fix_yes);
  g_test_add_func ("/icp/cli-cloud/fix/refused", test_fix_refused);

  return g_test_run ();
}
