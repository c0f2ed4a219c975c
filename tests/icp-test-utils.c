/* icp-test-utils.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "icp-test-utils.h"
#include "icp-time.h"

/* ------------------------------------------------------------------------------------------ */
/* Times, servers, checkers                                                                    */

/**
 * icp_test_time:
 * @text: a time icp_time_parse() reads, e.g. "2026-01-10T02:00Z"
 *
 * Returns: (transfer full): the time; a text that is no time fails the test.
 */
GDateTime *
icp_test_time (const char *text)
{
  GDateTime *time = icp_time_parse (text, NULL);

  g_assert_nonnull (time);
  return time;
}

/**
 * icp_test_set_times:
 * @instance: an instance
 * @start: (nullable): when it was created and its subscription began, %NULL for unknown
 * @expires: (nullable): when it expires, %NULL for unknown
 *
 * Sets the creation time and the subscription start to @start, the expiry to @expires.
 */
void
icp_test_set_times (IcpInstance *instance,
                    const char  *start,
                    const char  *expires)
{
  g_autoptr(GDateTime) s = start != NULL ? icp_test_time (start) : NULL;
  g_autoptr(GDateTime) e = expires != NULL ? icp_test_time (expires) : NULL;

  icp_instance_set_creation_time (instance, s);
  icp_instance_set_subscription_start (instance, s);
  icp_instance_set_expired_time (instance, e);
}

/**
 * icp_test_make_instance:
 * @id: the instance id
 *
 * A server that is eligible as of %ICP_TEST_NOW with the default policy: running in
 * cn-hangzhou on a year's subscription (2026-01-10T02:00Z to 2027-01-10T16:00Z, from the
 * billing API), a static public IP with 5 Mbit/s, no EIP, no lock, one service code used.
 * Its name, zone, owner account and observation time are unknown. Tests change what their
 * case is about.
 *
 * Returns: (transfer full): the new instance
 */
IcpInstance *
icp_test_make_instance (const char *id)
{
  IcpInstance *instance = icp_instance_new (id);
  const char * const no_locks[] = { NULL };

  icp_instance_set_region_id (instance, "cn-hangzhou");
  icp_instance_set_charge_type (instance, ICP_CHARGE_TYPE_PREPAID);
  icp_instance_set_status (instance, "Running");
  icp_test_set_times (instance, "2026-01-10T02:00Z", "2027-01-10T16:00Z");
  icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_BILLING);
  icp_instance_set_public_ip (instance, "203.0.113.10");
  icp_instance_set_eip (instance, "");
  icp_instance_set_bandwidth_out (instance, 5);
  icp_instance_set_lock_reasons (instance, no_locks);
  icp_instance_set_codes_used (instance, 1);

  return instance;
}

/**
 * icp_test_default_policy:
 *
 * Returns: (transfer full): the built-in policy; failing to load it fails the test.
 */
IcpPolicy *
icp_test_default_policy (void)
{
  g_autoptr(GError) error = NULL;
  IcpPolicy *policy = icp_policy_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

/**
 * icp_test_new_checker:
 * @policy: the policy to check against
 *
 * Returns: (transfer full): a checker that evaluates as of %ICP_TEST_NOW.
 */
IcpChecker *
icp_test_new_checker (IcpPolicy *policy)
{
  g_autoptr(GDateTime) now = icp_test_time (ICP_TEST_NOW);
  IcpChecker *checker = icp_checker_new (policy);

  icp_checker_set_now (checker, now);
  return checker;
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                       */

/**
 * icp_test_make_temp_dir:
 * @tmpl: a folder name ending in "XXXXXX", as for g_dir_make_tmp()
 *
 * Returns: (transfer full): the path of a new, empty folder; remove it with
 *   icp_test_remove_tree().
 */
char *
icp_test_make_temp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * icp_test_remove_tree:
 * @path: a folder
 *
 * Removes @path and everything below it, making each folder writable first (a test may have
 * left one read-only). Symbolic links are removed, not followed. A missing @path is no error.
 */
void
icp_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        icp_test_remove_tree (child);
      else
        g_assert_no_errno (g_remove (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * icp_test_list_dir:
 * @path: a folder
 *
 * Returns: (transfer full): the names of the files in @path, sorted, joined by spaces ("" for
 *   an empty folder): what shows that no temporary file was left.
 */
char *
icp_test_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

/**
 * icp_test_read_file:
 * @path: a file
 * @len: (out) (optional): where to store the length of the contents
 *
 * Returns: (transfer full): the contents of @path; a file that cannot be read fails the test.
 */
char *
icp_test_read_file (const char *path,
                    gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/**
 * icp_test_sample_path:
 * @name: a file in data/samples
 *
 * Returns: (transfer full): the path of the bundled sample @name, under
 *   $ICP_ASSISTANT_DATADIR/samples.
 */
char *
icp_test_sample_path (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_build_filename (icp_get_data_dir (), "samples", name, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Reports                                                                                     */

/**
 * icp_test_parse_json:
 * @text: a JSON report
 *
 * Returns: (transfer full): the root of @text, which must be an object.
 */
JsonNode *
icp_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("the report is not JSON: %s\n%.2000s", error->message, text);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * icp_test_find_instance:
 * @instances: the "instances" array of a JSON report
 * @id: an instance id
 *
 * Returns: (transfer none): the instance @id; an id the report lacks fails the test.
 */
JsonObject *
icp_test_find_instance (JsonArray  *instances,
                        const char *id)
{
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject *instance = json_array_get_object_element (instances, i);

      if (g_strcmp0 (json_object_get_string_member (instance, "id"), id) == 0)
        return instance;
    }

  g_error ("no instance %s in the report", id);
  return NULL;
}

/**
 * icp_test_has_code:
 * @instance: an instance of a JSON report
 * @code: a finding code
 *
 * Returns: whether @instance has a finding @code.
 */
gboolean
icp_test_has_code (JsonObject *instance,
                   const char *code)
{
  JsonArray *findings = json_object_get_array_member (instance, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i),
                                                  "code"), code) == 0)
      return TRUE;

  return FALSE;
}

/**
 * icp_test_parse_csv:
 * @text: a CSV text, after any byte order mark
 * @line_ends: %ICP_TEST_CSV_CRLF to fail on a row that does not end with CRLF
 *
 * An RFC 4180 reader: rows of fields; quoted fields may hold commas, quotes and line ends.
 * The last row must end with a line end too.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, each a %NULL-terminated array of
 *   its fields.
 */
GPtrArray *
icp_test_parse_csv (const char        *text,
                    IcpTestCsvLineEnd  line_ends)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0';)
    {
      if (quoted)
        {
          if (p[0] == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (p[0] == '"')
            {
              quoted = FALSE;
              p++;
              /* Only a separator or a line end may follow a closing quote. */
              g_assert_true (*p == ',' || *p == '\r' || *p == '\n' || *p == '\0');
            }
          else
            {
              g_string_append_c (field, *p++);
            }
        }
      else if (*p == '"')
        {
          /* A quote opens a field, never sits in the middle of an unquoted one. */
          g_assert_cmpuint (field->len, ==, 0);
          quoted = TRUE;
          p++;
        }
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
        }
      else if (*p == '\r' || *p == '\n')
        {
          if (line_ends == ICP_TEST_CSV_CRLF)
            {
              g_assert_cmpint (p[0], ==, '\r');
              g_assert_cmpint (p[1], ==, '\n');
            }
          p += (p[0] == '\r' && p[1] == '\n') ? 2 : 1;
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
        }
      else
        {
          g_string_append_c (field, *p++);
        }
    }

  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);

  return rows;
}

/**
 * icp_test_report_find_instance:
 * @report: the root of a JSON report
 * @id: an instance id
 *
 * Returns: (transfer none): the instance @id of the report's "instances"; an id the report
 *   lacks fails the test.
 */
JsonObject *
icp_test_report_find_instance (JsonNode   *report,
                               const char *id)
{
  return icp_test_find_instance (json_object_get_array_member (json_node_get_object (report),
                                                               "instances"), id);
}

/* ------------------------------------------------------------------------------------------ */
/* icp-check                                                                                   */

/**
 * icp_test_run_clear:
 * @run: a run
 *
 * Frees what @run holds (for g_auto(IcpTestRun)).
 */
void
icp_test_run_clear (IcpTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
bytes_to_string (GBytes *bytes,
                 gsize  *len)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (len != NULL)
    *len = size;
  return g_strndup (data != NULL ? data : "", size);
}

/**
 * icp_test_run_check:
 * @run: where to store the result; cleared by the caller
 * @launcher: (nullable): a launcher with the caller's environment, or %NULL for a new one
 * @args: icp-check's arguments, without the program
 * @input: (nullable): what to pipe to its standard input; %NULL reads /dev/null
 * @language: (nullable): $LANGUAGE for it, %NULL for English
 *
 * Runs the built icp-check ($ICP_CHECK) and waits for it. Its being killed by a signal (a
 * crash, an abort from a leak checker, a fatal warning) fails the test.
 */
void
icp_test_run_check (IcpTestRun          *run,
                    GSubprocessLauncher *launcher,
                    const char * const  *args,
                    GBytes              *input,
                    const char          *language)
{
  g_autoptr(GSubprocessLauncher) own = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  const char *check = g_getenv ("ICP_CHECK");

  if (check == NULL)
    g_error ("$ICP_CHECK does not name the icp-check to test");

  g_ptr_array_add (argv, (gpointer) check);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  if (launcher == NULL)
    launcher = own = g_subprocess_launcher_new (flags);
  else
    g_subprocess_launcher_set_flags (launcher, flags);
  if (input == NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  /* English unless asked otherwise, whatever the developer's desktop speaks. */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language != NULL ? language : "en", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);

  run->out = bytes_to_string (out, &run->out_len);
  run->err = bytes_to_string (err, NULL);

  if (!g_subprocess_get_if_exited (process))
    g_error ("icp-check was killed by signal %d\n%s", g_subprocess_get_term_sig (process),
             run->err);
  run->status = g_subprocess_get_exit_status (process);

  /* The start of the output, cut on a character: the TAP log must stay UTF-8. */
  head = g_utf8_make_valid (run->out, MIN (run->out_len, 3000));
  g_test_message ("icp-check %s … → %d\nstdout: %s\nstderr: %s", args[0] != NULL ? args[0] : "",
                  run->status, head, run->err);
}

/**
 * icp_test_assert_status:
 * @run: a run of icp-check
 * @status: the exit status it must have had
 */
void
icp_test_assert_status (IcpTestRun *run,
                        int         status)
{
  if (run->status != status)
    g_error ("icp-check exited with %d, not %d\nstderr: %s\nstdout: %.2000s", run->status,
             status, run->err, run->out);
}

/**
 * icp_test_assert_contains:
 * @haystack: a text
 * @needle: what it must contain
 */
void
icp_test_assert_contains (const char *haystack,
                          const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not in:\n%s", needle, haystack);
}

/* ------------------------------------------------------------------------------------------ */
/* Waiting                                                                                     */

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * icp_test_wait:
 * @ms: milliseconds
 *
 * Runs the default main context for @ms: e.g. a server sees its client's connections close
 * and frees them before it goes away itself.
 */
void
icp_test_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * icp_test_wait_for:
 * @condition: what to wait for
 * @data: its argument
 * @timeout_ms: how long to wait at most
 *
 * Runs the default main context until @condition returns %TRUE or @timeout_ms passes.
 *
 * Returns: the last value of @condition.
 */
gboolean
icp_test_wait_for (gboolean (*condition) (gpointer data),
                   gpointer   data,
                   guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  gboolean met;
  guint deadline, poll;

  g_return_val_if_fail (condition != NULL, FALSE);

  deadline = g_timeout_add (timeout_ms, set_true_cb, &timed_out);
  /* Wake up now and then even when no event comes, to look at the condition again. */
  poll = g_timeout_add (10, poll_cb, NULL);
  while (!(met = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (poll);
  if (!timed_out)
    g_source_remove (deadline);

  return met;
}

/**
 * icp_test_store_result_cb:
 * @source: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` that is %NULL
 *
 * A #GAsyncReadyCallback that stores a reference to @result; see icp_test_wait_result().
 */
void
icp_test_store_result_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
too_long_cb (gpointer user_data)
{
  g_error ("%s took more than 150 s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/**
 * icp_test_wait_result:
 * @slot: where icp_test_store_result_cb() stores the result
 * @what: (nullable): what is waited for, for the message when it takes more than 150 s
 *
 * Runs the default main context until @slot is set.
 *
 * Returns: (transfer none): *@slot
 */
GAsyncResult *
icp_test_wait_result (GAsyncResult **slot,
                      const char    *what)
{
  guint timeout = g_timeout_add_seconds (150, too_long_cb,
                                         (gpointer) (what != NULL ? what : "a call"));

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return *slot;
}

/* ------------------------------------------------------------------------------------------ */
/* Credentials                                                                                 */

/* Every variable src/cloud/icp-credentials.c reads, with each of its aliases. */
static const char * const credential_env[] = {
  "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID",
  "ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET",
  "ALICLOUD_ACCESS_KEY_SECRET", "ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
  "SECURITY_TOKEN",
  "ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID",
  "REGION",
  "ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE",
  "ALIBABA_CLOUD_IGNORE_PROFILE", "ICP_ASSISTANT_ALIYUN_CONFIG", "ICP_ASSISTANT_ENDPOINT",
  NULL,
};

/**
 * icp_test_unset_credential_env:
 * @launcher: (nullable): a launcher, or %NULL for this process
 *
 * Unsets every variable that could give a key, a profile, a config file or an endpoint, in
 * @launcher's environment or in this process's: no key of the developer's reaches a test.
 */
void
icp_test_unset_credential_env (GSubprocessLauncher *launcher)
{
  for (const char * const *name = credential_env; *name != NULL; name++)
    {
      if (launcher != NULL)
        g_subprocess_launcher_unsetenv (launcher, *name);
      else
        g_unsetenv (*name);
    }
}

gboolean
icp_test_instance_has_finding (IcpInstance *instance,
                               const char  *code)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);

  return verdict != NULL && icp_verdict_get_finding (verdict, code) != NULL;
}
