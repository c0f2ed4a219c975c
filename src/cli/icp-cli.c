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

#include "icp-api-client.h"
#include "icp-checker.h"
#include "icp-cli.h"
#include "icp-credentials.h"
#include "icp-ecs.h"
#include "icp-enums.h"
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

/* ---- The account: credentials, client, waiting on async calls ---------------------------- */

/* icp-check is a one-shot program: it runs the async API by iterating the default context
 * until the answer is there. */
static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Network, credential and API errors: status 3, with what to do. The message of an API error
 * already names the API's code and the request ID. */
static int
fail_remote (const GError *error)
{
  g_autoptr(GString) message = g_string_new (error->message);
  const char *hint = icp_api_error_get_hint (error);

  if (hint != NULL && strstr (message->str, hint) == NULL)
    g_string_append_printf (message, "\n  %s", hint);

  return fail (ICP_EXIT_REMOTE, message->str);
}

typedef struct
{
  IcpApiClient *client;
  IcpEcs       *ecs;
  gboolean      progress;
} Remote;

static void
remote_clear (Remote *remote)
{
  g_clear_object (&remote->ecs);
  g_clear_object (&remote->client);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Remote, remote_clear)

/* Credentials (--profile, the environment, the aliyun CLI config, the keyring), the client and
 * its endpoint (--endpoint, else $ICP_ASSISTANT_ENDPOINT). Returns an exit status. */
static int
connect_account (Options *o,
                 Remote  *remote)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  icp_credentials_resolve_async (o->profile, NULL, NULL, store_result_cb, &result);
  credentials = icp_credentials_resolve_finish (wait_for (&result), &error);
  if (credentials == NULL)
    return fail_remote (error);

  remote->client = icp_api_client_new (credentials);
  if (o->endpoint != NULL && !icp_api_client_set_endpoint (remote->client, o->endpoint, &error))
    {
      g_autofree char *message =
        /* Translators: %s is the reason */
        g_strdup_printf (_("--endpoint: %s"), error->message);
      return fail (ICP_EXIT_USAGE, message);
    }

  remote->ecs = icp_ecs_new (remote->client);
  return ICP_EXIT_OK;
}

static void
progress_cb (IcpEcs     *ecs,
             GParamSpec *pspec,
             gpointer    user_data)
{
  guint total = icp_ecs_get_regions_total (ecs);
  guint instances = icp_ecs_get_instances_so_far (ecs);

  if (total == 0)
    return;

  /* \r: the line is rewritten in place on a terminal. */
  g_printerr ("\r%s", "");
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           /* Translators: progress on a terminal: regions done, regions in
                            * all, instances read so far */
                           "Reading the account: %u of %u regions, %u instance",
                           "Reading the account: %u of %u regions, %u instances",
                           instances),
              icp_ecs_get_regions_done (ecs), total, instances);
  g_printerr ("\033[K");
}

/* Reads the account into @inventory. Returns an exit status: 0, or 3 when something could not
 * be read (what was read stays in @inventory; @summary is set when the fetch ran). */
static int
fetch_account (Options             *o,
               Remote              *remote,
               IcpInventory        *inventory,
               const char * const  *instance_ids,
               IcpFetchSummary    **summary_out)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gulong handlers[2] = { 0, 0 };
  gboolean progress = isatty (STDERR_FILENO) && instance_ids == NULL;
  const char * const *failed;
  int status = ICP_EXIT_OK;

  if (progress)
    {
      handlers[0] = g_signal_connect (remote->ecs, "notify::regions-done",
                                      G_CALLBACK (progress_cb), NULL);
      handlers[1] = g_signal_connect (remote->ecs, "notify::instances-so-far",
                                      G_CALLBACK (progress_cb), NULL);
    }

  icp_ecs_fetch_instances_async (remote->ecs, inventory, (const char * const *) o->regions,
                                 instance_ids, NULL, store_result_cb, &result);
  summary = icp_ecs_fetch_finish (remote->ecs, wait_for (&result), &error);

  if (progress)
    {
      g_clear_signal_handler (&handlers[0], remote->ecs);
      g_clear_signal_handler (&handlers[1], remote->ecs);
      g_printerr ("\r\033[K");
    }

  if (summary == NULL)
    return fail_remote (error);

  for (const char * const *w = icp_fetch_summary_get_warnings (summary); *w != NULL; w++)
    g_printerr ("icp-check: %s\n", *w);

  failed = icp_fetch_summary_get_failed_regions (summary);
  for (guint i = 0; failed[i] != NULL; i++)
    {
      const GError *region_error = icp_fetch_summary_get_region_error (summary, failed[i]);
      g_autofree char *message =
        /* Translators: a region id, then why it could not be read */
        g_strdup_printf (_("region %s could not be read: %s"), failed[i],
                         region_error->message);
      g_autoptr(GError) copy = g_error_copy (region_error);

      g_free (copy->message);
      copy->message = g_steal_pointer (&message);
      status = fail_remote (copy);
    }

  if (summary_out != NULL)
    *summary_out = g_steal_pointer (&summary);
  return status;
}

/* ---- icp-check [--fetch] [FILE…] ---------------------------------------------------------- */

static int
setup_checker (Options     *o,
               IcpPolicy  **policy_out,
               IcpChecker **checker_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = NULL;
  g_autoptr(IcpChecker) checker = NULL;

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

  *policy_out = g_steal_pointer (&policy);
  *checker_out = g_steal_pointer (&checker);
  return ICP_EXIT_OK;
}

static int
run_check (Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = NULL;
  g_autoptr(IcpChecker) checker = NULL;
  g_autoptr(IcpInventory) inventory = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  int format = ICP_REPORT_FORMAT_TEXT;
  int status;
  int fetch_status = ICP_EXIT_OK;

  if (o->format != NULL && !icp_enum_from_nick (ICP_TYPE_REPORT_FORMAT, o->format, &format))
    {
      g_autofree char *message =
        /* Translators: %s is what the user gave; text, json and csv are literal values */
        g_strdup_printf (_("unknown report format “%s”: use text, json or csv"), o->format);
      return fail (ICP_EXIT_USAGE, message);
    }

  if (o->fetch && o->files != NULL && o->files[0] != NULL)
    return fail (ICP_EXIT_USAGE,
                 _("--fetch reads the instances from the account: give either --fetch or "
                   "files, not both"));

  if (!o->fetch && (o->profile != NULL || o->endpoint != NULL))
    return fail (ICP_EXIT_USAGE, _("--profile and --endpoint go with --fetch"));

  if (!o->fetch && (o->files == NULL || o->files[0] == NULL))
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

  status = setup_checker (o, &policy, &checker);
  if (status != ICP_EXIT_OK)
    return status;

  inventory = icp_inventory_new (checker);

  if (o->fetch)
    {
      g_auto(Remote) remote = { 0 };
      g_autoptr(IcpFetchSummary) summary = NULL;

      status = connect_account (o, &remote);
      if (status != ICP_EXIT_OK)
        return status;

      fetch_status = fetch_account (o, &remote, inventory, NULL, &summary);
      if (summary == NULL)
        return fetch_status;

      /* The owner comes from STS; --owner-account only stands in when it was refused. */
      if (icp_fetch_summary_get_owner_account (summary) == NULL && o->owner_account != NULL)
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory)); i++)
          {
            g_autoptr(IcpInstance) instance =
              g_list_model_get_item (G_LIST_MODEL (inventory), i);

            if (icp_instance_get_owner_account (instance) == NULL)
              icp_instance_set_owner_account (instance, o->owner_account);
          }
    }
  else
    {
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

      icp_inventory_add_all (inventory, all);
      g_clear_pointer (&all, g_ptr_array_unref);
    }

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

  /* A region that could not be read: the report holds the others, the status says so. */
  return fetch_status;
}

/* ---- icp-check fix ------------------------------------------------------------------------ */

static void
print_verdict (IcpInstance *instance)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  GListModel *findings;

  if (verdict == NULL)
    return;

  /* Translators: an instance id, then its verdict such as "needs fixes" */
  g_print (_("Verdict for %s: %s\n"), icp_instance_get_id (instance),
           icp_verdict_get_label (verdict));
  findings = icp_verdict_get_findings (verdict);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      g_print ("  - %s: %s\n", icp_finding_get_code (finding),
               icp_finding_get_message (finding));
    }
}

static const char *
run_again_message (IcpRemedy remedy)
{
  switch (remedy)
    {
    case ICP_REMEDY_RENEW:
      return _("Dry run passed; run again with --yes to renew.");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("Dry run passed; run again with --yes to switch to subscription.");
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      return _("Dry run passed; run again with --yes to add the public bandwidth.");
    }
}

static int
run_fix (Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpPolicy) policy = NULL;
  g_autoptr(IcpChecker) checker = NULL;
  g_autoptr(IcpInventory) inventory = NULL;
  g_autoptr(IcpFixRequest) request = NULL;
  g_autoptr(IcpInstance) fixed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *price = NULL;
  g_auto(Remote) remote = { 0 };
  IcpInstance *instance;
  IcpRemedy remedy;
  const char *id;
  const char *ids[2] = { NULL, NULL };
  int n_remedies = !!o->renew + !!o->switch_billing + !!o->add_bandwidth;
  int status;

  if (n_remedies != 1)
    return fail (ICP_EXIT_USAGE,
                 _("icp-check fix needs one of --renew, --switch-billing or --add-bandwidth"));
  if (o->files[1] == NULL || o->files[2] != NULL)
    return fail (ICP_EXIT_USAGE,
                 _("icp-check fix needs exactly one instance id, such as "
                   "i-bp1g6zv0ce8oghu7k2a"));
  if (o->fetch || o->format != NULL || o->output != NULL || o->owner_account != NULL)
    return fail (ICP_EXIT_USAGE,
                 _("--fetch, --format, --output and --owner-account do not go with "
                   "“icp-check fix”"));
  if (o->months < 0 || o->mbps < 0)
    return fail (ICP_EXIT_USAGE, _("--months and --mbps must be positive numbers"));
  if (o->months > 0 && o->add_bandwidth)
    return fail (ICP_EXIT_USAGE, _("--months goes with --renew or --switch-billing"));
  if (o->mbps > 0 && !o->add_bandwidth)
    return fail (ICP_EXIT_USAGE, _("--mbps goes with --add-bandwidth"));

  remedy = o->renew ? ICP_REMEDY_RENEW
         : o->switch_billing ? ICP_REMEDY_SWITCH_BILLING
         : ICP_REMEDY_ADD_BANDWIDTH;
  id = ids[0] = o->files[1];

  status = setup_checker (o, &policy, &checker);
  if (status != ICP_EXIT_OK)
    return status;
  inventory = icp_inventory_new (checker);

  status = connect_account (o, &remote);
  if (status != ICP_EXIT_OK)
    return status;

  /* The instance's facts first: the checks before any call and the defaults need them. */
  status = fetch_account (o, &remote, inventory, ids, NULL);
  instance = icp_inventory_lookup (inventory, id);
  if (instance == NULL)
    {
      g_autofree char *message = NULL;

      if (status != ICP_EXIT_OK)
        return status;
      message = g_strdup_printf (/* Translators: %s is an instance id */
                                 _("instance %s is not in this account (no region lists it); "
                                   "check the id and the credentials"), id);
      return fail (ICP_EXIT_REMOTE, message);
    }

  request = icp_fix_request_new (instance, remedy, policy);
  if (o->months > 0)
    icp_fix_request_set_months (request, o->months);
  if (o->mbps > 0)
    icp_fix_request_set_mbps (request, o->mbps);
  icp_fix_request_set_pay (request, o->pay);

  print_verdict (instance);
  plan = icp_fix_request_describe (request);
  /* Translators: %s is a sentence saying what the change does */
  g_print (_("Plan: %s\n"), plan);

  if (!icp_fix_request_validate (request, &error))
    return fail (ICP_EXIT_USAGE, error->message);

  icp_ecs_fix_dry_run_async (remote.ecs, request, NULL, store_result_cb, &result);
  if (!icp_ecs_fix_dry_run_finish (remote.ecs, wait_for (&result), &error))
    return fail_remote (error);
  g_clear_object (&result);
  g_print ("%s\n", _("Dry run: passed (the API accepts the request, the key and its "
                     "permissions)."));

  icp_ecs_fix_price_async (remote.ecs, request, NULL, store_result_cb, &result);
  if (!icp_ecs_fix_price_finish (remote.ecs, wait_for (&result), &error))
    return fail_remote (error);
  g_clear_object (&result);
  price = icp_fix_request_format_price (request);
  if (price != NULL)
    /* Translators: %s is a price such as "CNY 120.00 for 3 months" */
    g_print (_("Price: %s\n"), price);
  else
    /* Translators: %s says why there is no price */
    g_print (_("Price: not available (%s)\n"),
             icp_fix_request_get_price_problem (request) != NULL
             ? icp_fix_request_get_price_problem (request) : "");

  if (!o->yes)
    {
      g_print ("%s\n", run_again_message (remedy));
      return ICP_EXIT_OK;
    }

  icp_ecs_fix_apply_async (remote.ecs, request, inventory, NULL, store_result_cb, &result);
  fixed = icp_ecs_fix_apply_finish (remote.ecs, wait_for (&result), &error);
  if (fixed == NULL)
    return fail_remote (error);

  if (icp_fix_request_get_order_id (request) != NULL && !o->pay)
    /* Translators: %s is an order id */
    g_print (_("Done: order %s is placed and waits for payment in the console (pay it there, "
               "or use --pay next time); the change takes effect once it is paid.\n"),
             icp_fix_request_get_order_id (request));
  else if (icp_fix_request_get_order_id (request) != NULL)
    /* Translators: %s is an order id */
    g_print (_("Done: order %s is placed and paid from the account balance.\n"),
             icp_fix_request_get_order_id (request));
  else
    g_print ("%s\n", _("Done."));

  print_verdict (fixed);
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
