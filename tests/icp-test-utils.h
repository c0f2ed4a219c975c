/* icp-test-utils.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What several test programs need: times, a standard server, a checker set to ICP_TEST_NOW,
 * temporary folders, the samples, readers for the JSON and CSV reports, a runner for
 * icp-check, waiting on the main context and a clean credential environment. Each helper
 * fails the test (g_assert, g_error) rather than return an error. */

#pragma once

#include <json-glib/json-glib.h>

#include "icp-checker.h"

G_BEGIN_DECLS

/* The moment every test evaluates at, the date data/samples/README.md describes. */
#define ICP_TEST_NOW "2026-11-20T08:00:00Z"

/* What a CSV reader accepts as the end of a row. */
typedef enum
{
  ICP_TEST_CSV_ANY_LINE_END,
  ICP_TEST_CSV_CRLF,
} IcpTestCsvLineEnd;

/* What a run of icp-check gave: its exit status and everything it wrote. */
typedef struct
{
  int   status;
  char *out;
  gsize out_len;
  char *err;
} IcpTestRun;

void          icp_test_run_clear            (IcpTestRun         *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IcpTestRun, icp_test_run_clear)

GDateTime    *icp_test_time                 (const char         *text);
void          icp_test_set_times            (IcpInstance        *instance,
                                             const char         *start,
                                             const char         *expires);
IcpInstance  *icp_test_make_instance        (const char         *id);
IcpPolicy    *icp_test_default_policy       (void);
IcpChecker   *icp_test_new_checker          (IcpPolicy          *policy);

char         *icp_test_make_temp_dir        (const char         *tmpl);
void          icp_test_remove_tree          (const char         *path);
char         *icp_test_list_dir             (const char         *path);
char         *icp_test_read_file            (const char         *path,
                                             gsize              *len);
char         *icp_test_sample_path          (const char         *name);

JsonNode     *icp_test_parse_json           (const char         *text);
JsonObject   *icp_test_find_instance        (JsonArray          *instances,
                                             const char         *id);
gboolean      icp_test_has_code             (JsonObject         *instance,
                                             const char         *code);
GPtrArray    *icp_test_parse_csv            (const char         *text,
                                             IcpTestCsvLineEnd   line_ends);
JsonObject   *icp_test_report_find_instance (JsonNode           *report,
                                             const char         *id);

void          icp_test_run_check            (IcpTestRun         *run,
                                             GSubprocessLauncher *launcher,
                                             const char * const *args,
                                             GBytes             *input,
                                             const char         *language);
void          icp_test_assert_status        (IcpTestRun         *run,
                                             int                 status);
void          icp_test_assert_contains      (const char         *haystack,
                                             const char         *needle);

void          icp_test_wait                 (guint               ms);
gboolean      icp_test_wait_for             (gboolean           (*condition) (gpointer data),
                                             gpointer            data,
                                             guint               timeout_ms);
void          icp_test_store_result_cb      (GObject            *source,
                                             GAsyncResult       *result,
                                             gpointer            user_data);
GAsyncResult *icp_test_wait_result          (GAsyncResult      **slot,
                                             const char         *what);

void          icp_test_unset_credential_env (GSubprocessLauncher *launcher);

/* Whether @instance's verdict has a finding with @code. */
gboolean      icp_test_instance_has_finding (IcpInstance        *instance,
                                             const char         *code);

G_END_DECLS
