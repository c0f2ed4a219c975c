/* icp-report.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reports of an inventory as text (a table and what to do), JSON (the shape DESIGN.md fixes,
 * itself a valid input) and CSV (for spreadsheets; our importer reads it back). Output is
 * streamed in chunks: a report of 100 000 instances never sits whole in memory, except when
 * written to a file, where it is kept until it can replace the file in one step: a report is
 * either all there or not at all.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "icp-enums.h"
#include "icp-report.h"
#include "icp-time.h"

#define FLUSH_SIZE (64 * 1024)

G_DEFINE_QUARK (icp-report-error-quark, icp_report_error)

typedef struct
{
  GOutputStream  *stream;
  GCancellable   *cancellable;
  GString        *buffer;
  GError        **error;
  gboolean        failed;
} Writer;

static gboolean
writer_flush (Writer *w)
{
  if (w->failed)
    return FALSE;

  if (w->buffer->len > 0 &&
      !g_output_stream_write_all (w->stream, w->buffer->str, w->buffer->len, NULL,
                                  w->cancellable, w->error))
    {
      w->failed = TRUE;
      return FALSE;
    }

  g_string_truncate (w->buffer, 0);
  return TRUE;
}

static void
writer_maybe_flush (Writer *w)
{
  if (w->buffer->len >= FLUSH_SIZE)
    writer_flush (w);
}

static const char *
charge_type_api_name (IcpChargeType charge_type)
{
  switch (charge_type)
    {
    case ICP_CHARGE_TYPE_PREPAID:
      return "PrePaid";
    case ICP_CHARGE_TYPE_POSTPAID:
      return "PostPaid";
    case ICP_CHARGE_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

static double
rounded_months (IcpInstance *instance)
{
  double months = icp_instance_get_subscription_months (instance);

  return months < 0 ? months : round (months * 10) / 10;
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                        */

static void
json_string (GString    *out,
             const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_time (GString   *out,
           GDateTime *time)
{
  g_autofree char *text = icp_time_format (time);

  json_string (out, text);
}

static void
json_count (GString *out,
            int      value)
{
  if (value < 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%d", value);
}

static void
json_finding (GString    *out,
              IcpFinding *finding,
              const char *indent)
{
  g_string_append_printf (out, "%s{\"code\": ", indent);
  json_string (out, icp_finding_get_code (finding));
  g_string_append (out, ", \"severity\": ");
  json_string (out, icp_enum_to_nick (ICP_TYPE_SEVERITY, icp_finding_get_severity (finding)));
  g_string_append (out, ", \"remedy\": ");
  json_string (out, icp_finding_get_remedy (finding) == ICP_REMEDY_NONE
                    ? NULL
                    : icp_enum_to_nick (ICP_TYPE_REMEDY, icp_finding_get_remedy (finding)));
  if (icp_finding_get_months (finding) > 0)
    g_string_append_printf (out, ", \"months\": %u", icp_finding_get_months (finding));
  if (icp_finding_get_mbps (finding) > 0)
    g_string_append_printf (out, ", \"mbps\": %u", icp_finding_get_mbps (finding));
  g_string_append (out, ", \"message\": ");
  json_string (out, icp_finding_get_message (finding));
  g_string_append (out, "}");
}

static void
json_findings (GString    *out,
               GListModel *findings,
               const char *indent)
{
  guint n = g_list_model_get_n_items (findings);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      json_finding (out, finding, indent);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  g_string_append_len (out, indent, strlen (indent) - 2);
  g_string_append (out, "]");
}

/* The next key of an instance object, after the one before it. */
static void
json_member (GString    *out,
             const char *key)
{
  g_string_append_printf (out, ",\n      \"%s\": ", key);
}

static void
json_instance (GString     *out,
               IcpInstance *instance,
               IcpRegions  *regions)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  const char * const *locks = icp_instance_get_lock_reasons (instance);
  double months = rounded_months (instance);

  g_string_append (out, "    {\n      \"id\": ");
  json_string (out, icp_instance_get_id (instance));
  json_member (out, "name");
  json_string (out, icp_instance_get_name (instance));
  json_member (out, "region");
  json_string (out, icp_instance_get_region_id (instance));
  json_member (out, "region-name");
  json_string (out, icp_regions_get_name (regions, icp_instance_get_region_id (instance)));
  json_member (out, "zone");
  json_string (out, icp_instance_get_zone_id (instance));
  json_member (out, "charge-type");
  json_string (out, charge_type_api_name (icp_instance_get_charge_type (instance)));
  json_member (out, "status");
  json_string (out, icp_instance_get_status (instance));
  json_member (out, "creation-time");
  json_time (out, icp_instance_get_creation_time (instance));
  json_member (out, "expired-time");
  json_time (out, icp_instance_get_expired_time (instance));
  json_member (out, "auto-release-time");
  json_time (out, icp_instance_get_auto_release_time (instance));
  json_member (out, "public-ip");
  json_string (out, icp_instance_get_public_ip (instance));
  json_member (out, "eip");
  json_string (out, icp_instance_get_eip (instance));
  json_member (out, "bandwidth-out");
  json_count (out, icp_instance_get_bandwidth_out (instance));
  json_member (out, "eip-bandwidth");
  json_count (out, icp_instance_get_eip_bandwidth (instance));
  json_member (out, "lock-reasons");
  if (locks == NULL)
    {
      g_string_append (out, "null");
    }
  else
    {
      g_string_append_c (out, '[');
      for (guint i = 0; locks[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          json_string (out, locks[i]);
        }
      g_string_append_c (out, ']');
    }
  json_member (out, "subscription-months");
  if (months < 0)
    g_string_append (out, "null");
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", months));
    }
  json_member (out, "subscription-months-source");
  json_string (out, icp_enum_to_nick (ICP_TYPE_SUBSCRIPTION_SOURCE,
                                      icp_instance_get_subscription_source (instance)));
  json_member (out, "subscription-start");
  json_time (out, icp_instance_get_subscription_start (instance));
  json_member (out, "codes-used");
  json_count (out, icp_instance_get_codes_used (instance));
  json_member (out, "owner-account");
  json_string (out, icp_instance_get_owner_account (instance));
  json_member (out, "verdict");
  json_string (out, verdict != NULL
                    ? icp_enum_to_nick (ICP_TYPE_VERDICT_STATE, icp_verdict_get_state (verdict))
                    : NULL);
  json_member (out, "findings");
  if (verdict != NULL)
    json_findings (out, icp_verdict_get_findings (verdict), "        ");
  else
    g_string_append (out, "[]");
  g_string_append (out, "\n    }");
}

static void
write_json (IcpInventory *inventory,
            Writer       *w)
{
  IcpChecker *checker = icp_inventory_get_checker (inventory);
  IcpPolicy *policy = icp_checker_get_policy (checker);
  IcpRegions *regions = icp_policy_get_regions (policy);
  g_autoptr(GDateTime) generated = g_date_time_new_now_utc ();
  GListModel *model = G_LIST_MODEL (inventory);
  guint n = g_list_model_get_n_items (model);
  GString *out = w->buffer;

  g_string_append (out, "{\n  \"generated\": ");
  json_time (out, generated);
  g_string_append (out, ",\n  \"evaluated-at\": ");
  json_time (out, icp_checker_get_now (checker) != NULL ? icp_checker_get_now (checker)
                                                         : generated);
  g_string_append (out, ",\n  \"filing-account\": ");
  json_string (out, icp_checker_get_filing_account (checker));
  g_string_append (out, ",\n  \"policy\": {\"name\": ");
  json_string (out, icp_policy_get_name (policy));
  g_string_append_printf (out, ", \"min-subscription-months\": %u, \"min-remaining-days\": %u, "
                          "\"codes-per-instance\": %u},\n",
                          icp_policy_get_min_subscription_months (policy),
                          icp_policy_get_min_remaining_days (policy),
                          icp_policy_get_codes_per_instance (policy));
  g_string_append (out, "  \"account-findings\": ");
  json_findings (out, icp_inventory_get_account_findings (inventory), "    ");
  g_string_append (out, ",\n  \"instances\": [");

  for (guint i = 0; i < n && !w->failed; i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (model, i);

      g_string_append (out, i == 0 ? "\n" : ",\n");
      json_instance (out, instance, regions);
      writer_maybe_flush (w);
    }

  g_string_append (out, n > 0 ? "\n  ],\n" : "],\n");
  g_string_append_printf (out,
                          "  \"summary\": {\"total\": %u, \"eligible\": %u, \"blocked\": %u, "
                          "\"not-required\": %u, \"unknown\": %u}\n}\n",
                          n,
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_ELIGIBLE),
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_BLOCKED),
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_NOT_REQUIRED),
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_UNKNOWN));
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                         */

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value != NULL)
    {
      if (strpbrk (value, ",\"\r\n") != NULL || (value[0] != '\0' && (value[0] == ' ' ||
                                                                    value[strlen (value) - 1] == ' ')))
        {
          g_string_append_c (out, '"');
          for (const char *p = value; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        {
          g_string_append (out, value);
        }
    }

  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_take (GString *out,
          char    *value,
          gboolean last)
{
  csv_field (out, value, last);
  g_free (value);
}

static const char *
known_or (const char *value)
{
  return value != NULL ? value : "unknown";
}

static const char * const unknown_list[] = { "unknown", NULL };

static char *
count_text (int value)
{
  return value < 0 ? NULL : g_strdup_printf ("%d", value);
}

static void
csv_instance (GString     *out,
              IcpInstance *instance,
              IcpRegions  *regions)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  const char * const *locks = icp_instance_get_lock_reasons (instance);
  double months = rounded_months (instance);
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autoptr(GString) messages = g_string_new (NULL);
  GListModel *findings = verdict != NULL ? icp_verdict_get_findings (verdict) : NULL;
  guint n = findings != NULL ? g_list_model_get_n_items (findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      if (i > 0)
        {
          g_string_append_c (codes, ';');
          g_string_append_c (messages, '\n');
        }
      g_string_append (codes, icp_finding_get_code (finding));
      g_string_append (messages, icp_finding_get_message (finding));
    }

  csv_field (out, icp_instance_get_id (instance), FALSE);
  csv_field (out, icp_instance_get_name (instance), FALSE);
  csv_field (out, icp_instance_get_region_id (instance), FALSE);
  csv_field (out, icp_regions_get_name (regions, icp_instance_get_region_id (instance)), FALSE);
  csv_field (out, icp_instance_get_zone_id (instance), FALSE);
  csv_field (out, charge_type_api_name (icp_instance_get_charge_type (instance)), FALSE);
  csv_field (out, icp_instance_get_status (instance), FALSE);
  csv_take (out, icp_time_format (icp_instance_get_creation_time (instance)), FALSE);
  csv_take (out, icp_time_format (icp_instance_get_expired_time (instance)), FALSE);
  csv_take (out, icp_time_format (icp_instance_get_auto_release_time (instance)), FALSE);
  /* For addresses and locks an empty cell means "none"; say "unknown" when it is not known. */
  csv_field (out, known_or (icp_instance_get_public_ip (instance)), FALSE);
  csv_field (out, known_or (icp_instance_get_eip (instance)), FALSE);
  csv_take (out, count_text (icp_instance_get_bandwidth_out (instance)), FALSE);
  csv_take (out, count_text (icp_instance_get_eip_bandwidth (instance)), FALSE);
  csv_take (out, g_strjoinv (";", (char **) (locks != NULL ? locks : unknown_list)), FALSE);
  csv_take (out, months < 0 ? NULL : g_ascii_formatd (g_malloc (G_ASCII_DTOSTR_BUF_SIZE),
                                                      G_ASCII_DTOSTR_BUF_SIZE, "%.1f", months),
            FALSE);
  csv_field (out, icp_enum_to_nick (ICP_TYPE_SUBSCRIPTION_SOURCE,
                                    icp_instance_get_subscription_source (instance)), FALSE);
  csv_take (out, icp_time_format (icp_instance_get_subscription_start (instance)), FALSE);
  csv_take (out, count_text (icp_instance_get_codes_used (instance)), FALSE);
  csv_field (out, icp_instance_get_owner_account (instance), FALSE);
  csv_field (out, verdict != NULL
                  ? icp_enum_to_nick (ICP_TYPE_VERDICT_STATE, icp_verdict_get_state (verdict))
                  : NULL, FALSE);
  csv_field (out, codes->str, FALSE);
  csv_field (out, messages->str, TRUE);
}

static void
write_csv (IcpInventory *inventory,
           Writer       *w)
{
  IcpRegions *regions = icp_policy_get_regions (icp_checker_get_policy (
                                                  icp_inventory_get_checker (inventory)));
  GListModel *model = G_LIST_MODEL (inventory);
  guint n = g_list_model_get_n_items (model);

  /* A byte order mark, so that Excel on Chinese Windows reads the file as UTF-8. The column
   * names are the report's JSON keys: stable, and read back by our importer. */
  g_string_append (w->buffer,
                   "\xEF\xBB\xBF" "id,name,region,region-name,zone,charge-type,status,"
                   "creation-time,expired-time,auto-release-time,public-ip,eip,bandwidth-out,"
                   "eip-bandwidth,lock-reasons,subscription-months,subscription-months-source,"
                   "subscription-start,codes-used,owner-account,verdict,findings,messages\r\n");

  for (guint i = 0; i < n && !w->failed; i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (model, i);

      csv_instance (w->buffer, instance, regions);
      writer_maybe_flush (w);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                        */

/* Names come from the user's files: a newline or an escape sequence must not reach the
 * terminal as such. */
static void
append_printable (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }
}

/* Pads or cuts @value to @width terminal columns: CJK characters take two. */
static void
text_cell (GString    *out,
           const char *value,
           guint       width)
{
  const char *text = value != NULL && value[0] != '\0' ? value : "—";
  guint used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
      const char *next = g_utf8_next_char (p);

      if (used + w > width - 1 && (*next != '\0' || used + w > width))
        {
          g_string_append (out, "…");
          used++;
          break;
        }
      if (used + w > width)
        break;
      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
      used += w;
    }

  for (; used < width; used++)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

static char *
text_date (GDateTime *time)
{
  if (icp_time_is_sentinel (time))
    return g_strdup ("—");

  return icp_time_format_date (time);
}

static const char *
severity_mark (IcpSeverity severity)
{
  switch (severity)
    {
    case ICP_SEVERITY_BLOCKER:
      return "✗";
    case ICP_SEVERITY_WARNING:
      return "!";
    case ICP_SEVERITY_INFO:
    default:
      return "·";
    }
}

static void
text_findings (GString    *out,
               GListModel *findings,
               gboolean    blockers_and_warnings_only)
{
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);
      IcpSeverity severity = icp_finding_get_severity (finding);
      const char *remedy = icp_remedy_get_label (icp_finding_get_remedy (finding));

      if (blockers_and_warnings_only && severity == ICP_SEVERITY_INFO)
        continue;

      g_string_append_printf (out, "  %s %s [%s]\n", severity_mark (severity),
                              icp_finding_get_message (finding), icp_finding_get_code (finding));
      if (remedy != NULL && severity != ICP_SEVERITY_INFO)
        /* Translators: what to do about a finding, e.g. "→ Renew" */
        g_string_append_printf (out, _("    → %s\n"), remedy);
    }
}

/**
 * icp_report_summary:
 * @inventory: an inventory
 *
 * Returns: (transfer full): the headline, e.g. "3 of 12 servers can get an ICP filing
 *   service code now."
 */
char *
icp_report_summary (IcpInventory *inventory)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (inventory));
  guint eligible = icp_inventory_count (inventory, ICP_VERDICT_STATE_ELIGIBLE);

  /* Translators: the first %u is eligible servers, the second all servers */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u server can get an ICP filing service code now.",
                                       "%u of %u servers can get an ICP filing service code now.",
                                       total),
                          eligible, total);
}

static void
write_text (IcpInventory *inventory,
            Writer       *w)
{
  IcpChecker *checker = icp_inventory_get_checker (inventory);
  IcpPolicy *policy = icp_checker_get_policy (checker);
  IcpRegions *regions = icp_policy_get_regions (policy);
  GListModel *model = G_LIST_MODEL (inventory);
  GListModel *account = icp_inventory_get_account_findings (inventory);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GDateTime) now = icp_checker_get_now (checker) != NULL
                             ? g_date_time_to_utc (icp_checker_get_now (checker))
                             : g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M UTC");
  g_autofree char *summary = icp_report_summary (inventory);
  const guint widths[] = { 24, 20, 22, 14, 10, 15, 12 };
  GString *out = w->buffer;
  guint blocked_shown = 0;

  /* Translators: %s is a date and time */
  g_string_append_printf (out, _("ICP filing service code eligibility, as of %s"), when);
  g_string_append_c (out, '\n');
  /* Translators: %s is the policy's name; the numbers are its thresholds */
  g_string_append_printf (out, _("Policy: %s (subscription of at least %u months, at least %u "
                                 "days left, at most %u codes per server)"),
                          icp_policy_get_name (policy),
                          icp_policy_get_min_subscription_months (policy),
                          icp_policy_get_min_remaining_days (policy),
                          icp_policy_get_codes_per_instance (policy));
  g_string_append (out, "\n\n");

  if (g_list_model_get_n_items (account) > 0)
    {
      text_findings (out, account, FALSE);
      g_string_append_c (out, '\n');
    }

  if (n > 0)
    {
      text_cell (out, _("Instance ID"), widths[0]);
      text_cell (out, _("Name"), widths[1]);
      text_cell (out, _("Region"), widths[2]);
      text_cell (out, _("Billing"), widths[3]);
      text_cell (out, _("Expires"), widths[4]);
      text_cell (out, _("Public IP"), widths[5]);
      text_cell (out, _("Verdict"), widths[6]);
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < n && !w->failed; i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (model, i);
      IcpVerdict *verdict = icp_instance_get_verdict (instance);
      g_autofree char *expires = text_date (icp_instance_get_expired_time (instance));
      const char *ip = icp_instance_get_public_ip (instance);

      if (ip == NULL || ip[0] == '\0')
        ip = icp_instance_get_eip (instance);

      text_cell (out, icp_instance_get_id (instance), widths[0]);
      text_cell (out, icp_instance_get_name (instance), widths[1]);
      text_cell (out, icp_regions_get_name (regions, icp_instance_get_region_id (instance)),
                 widths[2]);
      /* text_cell() writes "—" for an unknown one. */
      text_cell (out, icp_charge_type_get_label (icp_instance_get_charge_type (instance)),
                 widths[3]);
      text_cell (out, expires, widths[4]);
      text_cell (out, ip, widths[5]);
      text_cell (out, verdict != NULL ? icp_verdict_get_label (verdict) : NULL, widths[6]);
      /* No trailing blanks. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
      writer_maybe_flush (w);
    }

  if (n > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", summary);
  /* Translators: counts of servers by verdict */
  g_string_append_printf (out, _("Needs fixes: %u · Not required: %u · Unknown: %u"),
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_BLOCKED),
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_NOT_REQUIRED),
                          icp_inventory_count (inventory, ICP_VERDICT_STATE_UNKNOWN));
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n && !w->failed; i++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (model, i);
      IcpVerdict *verdict = icp_instance_get_verdict (instance);
      IcpVerdictState state = verdict != NULL ? icp_verdict_get_state (verdict)
                                              : ICP_VERDICT_STATE_UNKNOWN;

      if (state != ICP_VERDICT_STATE_BLOCKED && state != ICP_VERDICT_STATE_UNKNOWN)
        continue;

      if (blocked_shown++ == 0)
        g_string_append_printf (out, "\n%s\n", _("What to do"));

      g_string_append_c (out, '\n');
      append_printable (out, icp_instance_get_id (instance));
      if (icp_instance_get_name (instance) != NULL && icp_instance_get_name (instance)[0])
        {
          g_string_append (out, " (");
          append_printable (out, icp_instance_get_name (instance));
          g_string_append_c (out, ')');
        }
      g_string_append_printf (out, ": %s\n", icp_verdict_get_label (verdict));
      text_findings (out, icp_verdict_get_findings (verdict),
                     state == ICP_VERDICT_STATE_BLOCKED);
      writer_maybe_flush (w);
    }
}

/* ------------------------------------------------------------------------------------------ */

/**
 * icp_report_write:
 * @inventory: what to report
 * @format: text, JSON or CSV
 * @stream: where to write it
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put a write error
 *
 * Returns: whether the whole report was written.
 */
gboolean
icp_report_write (IcpInventory     *inventory,
                  IcpReportFormat   format,
                  GOutputStream    *stream,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_SIZE * 2);
  Writer w = { stream, cancellable, buffer, error, FALSE };

  g_return_val_if_fail (ICP_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  switch (format)
    {
    case ICP_REPORT_FORMAT_JSON:
      write_json (inventory, &w);
      break;
    case ICP_REPORT_FORMAT_CSV:
      write_csv (inventory, &w);
      break;
    case ICP_REPORT_FORMAT_TEXT:
    default:
      write_text (inventory, &w);
      break;
    }

  return writer_flush (&w) && g_output_stream_flush (stream, cancellable, error);
}

/* The error of g_file_set_contents_full() names its temporary file; say it in the user's
 * terms instead. */
static const char *
write_failure_reason (const GError *error)
{
  if (error->domain != G_FILE_ERROR)
    return error->message;

  switch (error->code)
    {
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      return _("the folder does not exist");
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      return _("you may not write in that folder");
    case G_FILE_ERROR_NOSPC:
      return _("the disk is full");
    case G_FILE_ERROR_ROFS:
      return _("the disk is read-only");
    case G_FILE_ERROR_ISDIR:
      return _("that is a folder");
    default:
      return error->message;
    }
}

/**
 * icp_report_write_file:
 * @inventory: what to report
 * @format: text, JSON or CSV
 * @file: the report file; replaced in one step, never left half-written
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put a translated reason
 *
 * Returns: whether the report was written.
 */
gboolean
icp_report_write_file (IcpInventory     *inventory,
                       IcpReportFormat   format,
                       GFile            *file,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);

  if (!icp_report_write (inventory, format, memory, cancellable, error) ||
      !g_output_stream_close (memory, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (path == NULL)
    {
      g_set_error (error, ICP_REPORT_ERROR, ICP_REPORT_ERROR_WRITE,
                   /* Translators: %s is a location */
                   _("Cannot write the report to %s: only local files are supported. Choose "
                     "a folder on this computer."),
                   name);
      return FALSE;
    }

  /* Written to a temporary file beside it, synced, then renamed over it. */
  if (!g_file_set_contents_full (path,
                                 g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                                 g_memory_output_stream_get_data_size (
                                   G_MEMORY_OUTPUT_STREAM (memory)),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, ICP_REPORT_ERROR, ICP_REPORT_ERROR_WRITE,
                   /* Translators: the first %s is a file, the second the reason */
                   _("Cannot write the report to %s: %s. Nothing was changed."),
                   name, write_failure_reason (local_error));
      return FALSE;
    }

  return TRUE;
}
