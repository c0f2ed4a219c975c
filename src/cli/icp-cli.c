/* icp-cli.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* icp-check: the same core as the window, for scripts and headless review. The options, the
 * report formats and the exit statuses are a contract (DESIGN.md): scripts depend on them.
 */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "icp-checker.h"
#include "icp-cli.h"
#include "icp-import.h"
#include "icp-inventory.h"
#include "icp-policy.h"
#include "icp-report.h"
#include "icp-time.h"

typedef struct
{
  gboolean   fetch;
  gboolean   version;
  char      *profile;
  GStrv      regions;
  char      *endpoint;
  char      *filing_account;
  char      *owner_account;
  char      *policy;
  char      *now;
  char      *format;
  char      *output;
  GStrv      files;
  /* fix */
  gboolean   renew;
  gboolean   switch_billing;
  gboolean   add_bandwidth;
  int        months;
  int        mbps;
  gboolean   yes;
  gboolean   pay;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->profile);
  g_strfreev (o->regions);
  g_free (o->endpoint);
  g_free (o->filing_account);
  g_free (o->owner_account);
  g_free (o->policy);
  g_free (o->now);
  g_free (o->format);
  g_free (o->output);
  g_strfreev (o->files);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (int         status,
      const char *message)
{
  g_printerr ("icp-check: %s\n", message);
  return status;
}

/* LANGUAGE=zh_CN must work even where no locale is set: gettext ignores LANGUAGE in the "C"
 * locale, so take the UTF-8 flavour of it, which every glibc has. */
static void
setup_locale (void)
{
  const char *messages;

  setlocale (LC_ALL, "");
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      setlocale (LC_MESSAGES, "C.UTF-8");
      setlocale (LC_CTYPE, "C.UTF-8");
    }

  icp_init_i18n ();
}

static gboolean
parse_format (const char      *text,
              IcpReportFormat *format)
{
  if (text == NULL || g_str_equal (text, "text"))
    *format = ICP_REPORT_FORMAT_TEXT;
  else if (g_str_equal (text, "json"))
    *format = ICP_REPORT_FORMAT_JSON;
  else if (g_str_equal (text, "csv"))
    *format = ICP_REPORT_FORMAT_CSV;
  else
    return FALSE;

  return TRUE;
}

static GPtrArray *
read_input (const char    *arg,
            IcpPolicy     *policy,
            GError       **error)
{
  if (g_str_equal (arg, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      return icp_import_stream (in, _("standard input"), policy, now, NULL, error);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);

      return icp_import_file (file, policy, NULL, error);
    }
}

/* The file's identity (device and inode), or NULL when it does not exist. */
static char *
file_id (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_strdup (g_file_info_get_attribute_string (info,
                                                                    G_FILE_ATTRIBUTE_ID_FILE))
                      : NULL;
}

/* We never write over a user's file: the report may not replace one of the lists it reads. */
static gboolean
output_is_an_input (Options *o)
{
  g_autoptr(GFile) output = NULL;
  g_autofree char *output_id = NULL;

  if (o->output == NULL || g_str_equal (o->output, "-"))
    return FALSE;

  output = g_file_new_for_commandline_arg (o->output);
  output_id = file_id (output);
  if (output_id == NULL)
    return FALSE;

  for (guint i = 0; o->files != NULL && o->files[i] != NULL; i++)
    {
      g_autoptr(GFile) input = NULL;
      g_autofree char *input_id = NULL;

      if (g_str_equal (o->files[i], "-"))
        continue;
      input = g_file_new_for_commandline_arg (o->files[i]);
      input_id = file_id (input);
      if (g_strcmp0 (input_id, output_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static int
run_fix (Options *o)
{
  /* The API client comes with the cloud module; until it is built in, say so plainly. */
  return fail (ICP_EXIT_USAGE,
               _("“icp-check fix” is not available in this build: it needs the Alibaba Cloud "
                 "client. Use the console, or a build with cloud support."));
}

static int
run_check (Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = NULL;
  g_autoptr(IcpChecker) checker = NULL;
  g_autoptr(IcpInventory) inventory = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  IcpReportFormat format;

  if (!parse_format (o->format, &format))
    {
      g_autofree char *message =
        /* Translators: %s is what the user gave; text, json and csv are literal values */
        g_strdup_printf (_("unknown report format “%s”: use text, json or csv"), o->format);
      return fail (ICP_EXIT_USAGE, message);
    }

  if (o->fetch)
    return fail (ICP_EXIT_USAGE,
                 _("--fetch is not available in this build: it needs the Alibaba Cloud client. "
                   "Export the instance list and give the file instead."));

  if (o->profile != NULL || o->endpoint != NULL)
    return fail (ICP_EXIT_USAGE, _("--profile and --endpoint go with --fetch"));

  if (o->files == NULL || o->files[0] == NULL)
    return fail (ICP_EXIT_USAGE,
                 _("no instance list given: name one or more exported files (or “-” for "
                   "standard input), or use --fetch. See icp-check --help."));

  if (output_is_an_input (o))
    {
      g_autofree char *message =
        /* Translators: %s is a file name */
        g_strdup_printf (_("-o %s would write over one of the lists being read; choose another "
                           "name for the report"),
                         o->output);
      return fail (ICP_EXIT_USAGE, message);
    }

  policy = o->policy != NULL ? icp_policy_new_from_file (o->policy, &error)
                             : icp_policy_new_default (&error);
  if (policy == NULL)
    return fail (ICP_EXIT_INPUT, error->message);

  checker = icp_checker_new (policy);
  if (o->now != NULL)
    {
      g_autoptr(GDateTime) now = icp_time_parse (o->now, NULL);

      if (now == NULL)
        {
          g_autofree char *message =
            /* Translators: %s is what the user gave */
            g_strdup_printf (_("--now: “%s” is not a time; write it as 2026-11-20T08:00:00Z"),
                             o->now);
          return fail (ICP_EXIT_USAGE, message);
        }
      icp_checker_set_now (checker, now);
    }
  icp_checker_set_filing_account (checker, o->filing_account);

  /* --region takes ids or names ("cn-hangzhou", "华东1（杭州）"); keep them as ids. */
  for (guint i = 0; o->regions != NULL && o->regions[i] != NULL; i++)
    {
      const char *id = icp_regions_lookup (icp_policy_get_regions (policy), o->regions[i]);

      if (id != NULL)
        {
          g_free (o->regions[i]);
          o->regions[i] = g_strdup (id);
        }
    }

  for (guint i = 0; o->files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) instances = read_input (o->files[i], policy, &error);

      if (instances == NULL)
        return fail (ICP_EXIT_INPUT, error->message);

      for (guint j = 0; j < instances->len; j++)
        {
          IcpInstance *instance = g_ptr_array_index (instances, j);

          if (o->regions != NULL &&
              !g_strv_contains ((const char * const *) o->regions,
                                icp_instance_get_region_id (instance) ?: ""))
            continue;
          if (o->owner_account != NULL && icp_instance_get_owner_account (instance) == NULL)
            icp_instance_set_owner_account (instance, o->owner_account);
          g_ptr_array_add (all, g_object_ref (instance));
        }
    }

  inventory = icp_inventory_new (checker);
  icp_inventory_add_all (inventory, all);
  g_clear_pointer (&all, g_ptr_array_unref);

  if (o->output != NULL && !g_str_equal (o->output, "-"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o->output);

      if (!icp_report_write_file (inventory, format, file, NULL, &error))
        return fail (ICP_EXIT_INPUT, error->message);
    }
  else
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!icp_report_write (inventory, format, out, NULL, &error))
        {
          g_autofree char *message =
            /* Translators: %s is the system's reason */
            g_strdup_printf (_("cannot write the report: %s"), error->message);
          return fail (ICP_EXIT_INPUT, message);
        }
    }

  return ICP_EXIT_OK;
}

int
icp_cli_run (int    argc,
             char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  gboolean fix;
  const GOptionEntry entries[] = {
    { "fetch", 0, 0, G_OPTION_ARG_NONE, &o.fetch,
      N_("Read instances from the account instead of files"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &o.profile,
      N_("Credentials profile"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.regions,
      N_("Only this region, by id or name (repeatable; default: every region)"), N_("REGION") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &o.endpoint,
      N_("API base URL for every service"), N_("URL") },
    { "filing-account", 0, 0, G_OPTION_ARG_STRING, &o.filing_account,
      N_("The account that will submit the filing"), N_("UID") },
    { "owner-account", 0, 0, G_OPTION_ARG_STRING, &o.owner_account,
      N_("Owner of the instances in the files"), N_("UID") },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &o.policy,
      N_("Policy file (default: the built-in one)"), N_("FILE") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &o.now,
      N_("Evaluate as of TIME (ISO 8601; default: now)"), N_("TIME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format,
      N_("Report format: text, json or csv (default: text)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the report to FILE atomically (default: standard output)"), N_("FILE") },
    { "renew", 0, 0, G_OPTION_ARG_NONE, &o.renew,
      N_("fix: renew the subscription"), NULL },
    { "switch-billing", 0, 0, G_OPTION_ARG_NONE, &o.switch_billing,
      N_("fix: switch from pay-as-you-go to subscription"), NULL },
    { "add-bandwidth", 0, 0, G_OPTION_ARG_NONE, &o.add_bandwidth,
      N_("fix: add public bandwidth"), NULL },
    { "months", 0, 0, G_OPTION_ARG_INT, &o.months,
      N_("fix: months to renew or subscribe for"), N_("N") },
    { "mbps", 0, 0, G_OPTION_ARG_INT, &o.mbps,
      N_("fix: outbound bandwidth in Mbit/s"), N_("N") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &o.yes,
      N_("fix: really do it (otherwise only a dry run)"), NULL },
    { "pay", 0, 0, G_OPTION_ARG_NONE, &o.pay,
      N_("fix: pay the order from the account balance at once"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o.version,
      N_("Show the version"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.files, NULL, N_("[FILE…]") },
    { NULL }
  };

  setup_locale ();

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Check whether Alibaba Cloud ECS instances can get an ICP "
                                  "filing service code, and say what to change."));
  g_option_context_set_description (context,
                                    _("Files are exported instance lists (JSON or CSV); “-” "
                                      "reads standard input.\n"
                                      "icp-check fix --renew|--switch-billing|--add-bandwidth "
                                      "INSTANCE-ID [--months=N] [--mbps=N] [--yes] [--pay]\n\n"
                                      "Exit status: 0 report written; 1 usage error; 2 an input "
                                      "could not be read; 3 network, credential or API error."));

  /* Parse a copy: GOption takes out what it reads, and frees it. */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (ICP_EXIT_USAGE, error->message);

  if (o.version)
    {
      g_print ("icp-check %s\n", PACKAGE_VERSION);
      return ICP_EXIT_OK;
    }

  fix = o.files != NULL && o.files[0] != NULL && g_str_equal (o.files[0], "fix");
  if (fix)
    return run_fix (&o);

  if (o.renew || o.switch_billing || o.add_bandwidth || o.yes || o.pay || o.months || o.mbps)
    return fail (ICP_EXIT_USAGE,
                 _("--renew, --switch-billing, --add-bandwidth, --months, --mbps, --yes and "
                   "--pay go with “icp-check fix”"));

  return run_check (&o);
}
