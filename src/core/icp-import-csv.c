/* icp-import-csv.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Instance lists typed or exported into a spreadsheet. No official column list exists, so
 * headers are matched through an alias table after folding case, width and punctuation
 * ("实例ID", "Instance ID", "InstanceId" are one column). Excel on Chinese Windows saves
 * GB18030; Excel's "Unicode text" saves UTF-16 with tabs. Both are converted first.
 *
 * A column that is not there leaves its fact unknown. A column that is there but empty says
 * "none" where none is a fact (no public IP, no lock) and "unknown" elsewhere. Times without
 * a zone are China Standard Time, the zone the console and Chinese spreadsheets show.
 *
 * CSV files are small next to JSON dumps (a spreadsheet tops out at a million rows), so the
 * file is read whole.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "icp-enums.h"
#include "icp-import-private.h"
#include "icp-time.h"

#define READ_SIZE (64 * 1024)

typedef enum
{
  COL_ID,
  COL_NAME,
  COL_REGION,
  COL_ZONE,
  COL_CHARGE_TYPE,
  COL_STATUS,
  COL_CREATION_TIME,
  COL_EXPIRED_TIME,
  COL_AUTO_RELEASE_TIME,
  COL_PUBLIC_IP,
  COL_EIP,
  COL_BANDWIDTH_OUT,
  COL_EIP_BANDWIDTH,
  COL_CODES_USED,
  COL_OWNER,
  COL_SUBSCRIPTION_MONTHS,
  COL_SUBSCRIPTION_SOURCE,
  COL_SUBSCRIPTION_START,
  COL_LOCK_REASONS,
  N_COLUMNS
} Column;

/* Headers as people and consoles write them; matched after normalize_header(). Our own CSV
 * report uses the JSON report's keys, which are here too. */
static const struct
{
  Column      column;
  const char *header;
} aliases[] = {
  { COL_ID, "实例ID" }, { COL_ID, "实例 ID" }, { COL_ID, "实例Id" }, { COL_ID, "執行個體ID" },
  { COL_ID, "Instance ID" }, { COL_ID, "InstanceId" }, { COL_ID, "id" },

  { COL_NAME, "实例名称" }, { COL_NAME, "名称" }, { COL_NAME, "執行個體名稱" },
  { COL_NAME, "Instance Name" }, { COL_NAME, "InstanceName" }, { COL_NAME, "name" },

  { COL_REGION, "地域" }, { COL_REGION, "区域" }, { COL_REGION, "所在地域" },
  { COL_REGION, "地域ID" }, { COL_REGION, "Region" }, { COL_REGION, "RegionId" },
  { COL_REGION, "Region ID" }, { COL_REGION, "region" },

  { COL_ZONE, "可用区" }, { COL_ZONE, "可用區" }, { COL_ZONE, "Zone" }, { COL_ZONE, "ZoneId" },
  { COL_ZONE, "zone" },

  { COL_CHARGE_TYPE, "付费类型" }, { COL_CHARGE_TYPE, "付费方式" },
  { COL_CHARGE_TYPE, "计费方式" }, { COL_CHARGE_TYPE, "付費類型" },
  { COL_CHARGE_TYPE, "計費方式" }, { COL_CHARGE_TYPE, "Billing Method" },
  { COL_CHARGE_TYPE, "Billing" }, { COL_CHARGE_TYPE, "InstanceChargeType" },
  { COL_CHARGE_TYPE, "Charge Type" }, { COL_CHARGE_TYPE, "charge-type" },

  { COL_STATUS, "状态" }, { COL_STATUS, "运行状态" }, { COL_STATUS, "狀態" },
  { COL_STATUS, "Status" },

  { COL_CREATION_TIME, "创建时间" }, { COL_CREATION_TIME, "建立時間" },
  { COL_CREATION_TIME, "Creation Time" }, { COL_CREATION_TIME, "Created" },
  { COL_CREATION_TIME, "CreationTime" }, { COL_CREATION_TIME, "creation-time" },

  { COL_EXPIRED_TIME, "到期时间" }, { COL_EXPIRED_TIME, "过期时间" },
  { COL_EXPIRED_TIME, "到期時間" }, { COL_EXPIRED_TIME, "Expiration Time" },
  { COL_EXPIRED_TIME, "Expires" }, { COL_EXPIRED_TIME, "ExpiredTime" },
  { COL_EXPIRED_TIME, "expired-time" },

  { COL_AUTO_RELEASE_TIME, "自动释放时间" }, { COL_AUTO_RELEASE_TIME, "Auto Release Time" },
  { COL_AUTO_RELEASE_TIME, "AutoReleaseTime" }, { COL_AUTO_RELEASE_TIME, "auto-release-time" },

  { COL_PUBLIC_IP, "公网IP" }, { COL_PUBLIC_IP, "公网IP地址" }, { COL_PUBLIC_IP, "公网 IP" },
  { COL_PUBLIC_IP, "公網IP" }, { COL_PUBLIC_IP, "Public IP" },
  { COL_PUBLIC_IP, "Public IP Address" }, { COL_PUBLIC_IP, "PublicIpAddress" },
  { COL_PUBLIC_IP, "public-ip" },

  { COL_EIP, "弹性公网IP" }, { COL_EIP, "弹性公网IP地址" }, { COL_EIP, "弹性IP" },
  { COL_EIP, "彈性公網IP" }, { COL_EIP, "EIP" }, { COL_EIP, "Elastic IP" },
  { COL_EIP, "Elastic IP Address" }, { COL_EIP, "EipAddress" }, { COL_EIP, "eip" },

  { COL_BANDWIDTH_OUT, "公网带宽" }, { COL_BANDWIDTH_OUT, "带宽" },
  { COL_BANDWIDTH_OUT, "公网带宽(Mbps)" }, { COL_BANDWIDTH_OUT, "公網頻寬" },
  { COL_BANDWIDTH_OUT, "Bandwidth" }, { COL_BANDWIDTH_OUT, "Bandwidth (Mbps)" },
  { COL_BANDWIDTH_OUT, "Public Bandwidth" }, { COL_BANDWIDTH_OUT, "InternetMaxBandwidthOut" },
  { COL_BANDWIDTH_OUT, "bandwidth-out" },

  { COL_EIP_BANDWIDTH, "EIP带宽" }, { COL_EIP_BANDWIDTH, "弹性公网IP带宽" },
  { COL_EIP_BANDWIDTH, "EIP Bandwidth" }, { COL_EIP_BANDWIDTH, "eip-bandwidth" },

  { COL_CODES_USED, "已使用备案服务号" }, { COL_CODES_USED, "已用备案服务号" },
  { COL_CODES_USED, "备案服务号已用" }, { COL_CODES_USED, "Service Codes Used" },
  { COL_CODES_USED, "codes-used" },

  { COL_OWNER, "账号ID" }, { COL_OWNER, "账号 ID" }, { COL_OWNER, "所属账号" },
  { COL_OWNER, "主账号ID" }, { COL_OWNER, "帳號ID" }, { COL_OWNER, "Account ID" },
  { COL_OWNER, "Owner" }, { COL_OWNER, "OwnerId" }, { COL_OWNER, "owner-account" },

  { COL_SUBSCRIPTION_MONTHS, "subscription-months" },
  { COL_SUBSCRIPTION_SOURCE, "subscription-months-source" },
  { COL_SUBSCRIPTION_START, "subscription-start" },

  { COL_LOCK_REASONS, "lock-reasons" }, { COL_LOCK_REASONS, "LockReason" },
  { COL_LOCK_REASONS, "OperationLocks" }, { COL_LOCK_REASONS, "锁定原因" },
};

/* Where a cell starts: the line, and the byte offsets of that line and of the cell. */
typedef struct
{
  guint line;
  gsize line_start;
  gsize offset;
} CellPos;

typedef struct
{
  const IcpImportSource *source;
  const char            *text;
  gsize                  len;
  gsize                  pos;
  guint                  line;
  gsize                  line_start;
  char                   delimiter;

  /* The record being read. */
  GPtrArray             *cells;
  GArray                *where;
  GString               *scratch;

  int                    index[N_COLUMNS];
  char                  *header[N_COLUMNS];
} Reader;

static void
reader_clear (Reader *self)
{
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->where, g_array_unref);
  if (self->scratch != NULL)
    g_string_free (g_steal_pointer (&self->scratch), TRUE);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&self->header[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static guint
column_of (const char *text,
           gsize       line_start,
           gsize       offset)
{
  return (guint) g_utf8_strlen (text + line_start, offset - line_start) + 1;
}

/* Reads one record into self->cells; FALSE at the end of the text or on error. */
static gboolean
read_record (Reader   *self,
             gboolean *ok,
             GError  **error)
{
  const char *text = self->text;
  gsize len = self->len;
  gsize pos = self->pos;
  char delimiter = self->delimiter;

  *ok = TRUE;
  g_ptr_array_set_size (self->cells, 0);
  g_array_set_size (self->where, 0);

  if (pos >= len)
    return FALSE;

  for (;;)
    {
      CellPos where = { self->line, self->line_start, pos };
      GString *value = self->scratch;

      g_string_truncate (value, 0);

      if (pos < len && text[pos] == '"')
        {
          pos++;
          for (;;)
            {
              char c;

              if (pos >= len)
                {
                  g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SYNTAX,
                               /* Translators: %s:%u:%u: are a file name, line and column */
                               _("%s:%u:%u: a quoted field starts here and never ends; add the "
                                 "missing closing quote (\") or export the file again"),
                               self->source->display_name, where.line,
                               column_of (text, where.line_start, where.offset));
                  *ok = FALSE;
                  return FALSE;
                }

              c = text[pos];
              if (c == '"')
                {
                  if (pos + 1 < len && text[pos + 1] == '"')
                    {
                      g_string_append_c (value, '"');
                      pos += 2;
                      continue;
                    }
                  pos++;
                  break;
                }

              if (c == '\r' || c == '\n')
                {
                  /* A line break inside a cell is still a line for the messages. */
                  if (c == '\r' && pos + 1 < len && text[pos + 1] == '\n')
                    pos++;
                  pos++;
                  self->line++;
                  self->line_start = pos;
                  g_string_append_c (value, '\n');
                  continue;
                }

              g_string_append_c (value, c);
              pos++;
            }
        }

      /* Unquoted text, or whatever follows a closing quote: keep it, as spreadsheets do. */
      {
        gsize start = pos;

        while (pos < len && text[pos] != delimiter && text[pos] != '\n' && text[pos] != '\r')
          pos++;
        g_string_append_len (value, text + start, pos - start);
      }

      g_ptr_array_add (self->cells, g_strdup (value->str));
      g_array_append_val (self->where, where);

      if (pos >= len)
        break;
      if (text[pos] == delimiter)
        {
          pos++;
          continue;
        }

      if (text[pos] == '\r' && pos + 1 < len && text[pos + 1] == '\n')
        pos++;
      pos++;
      self->line++;
      self->line_start = pos;
      break;
    }

  self->pos = pos;
  return TRUE;
}

/* Case, width and punctuation vary: "Instance ID", "instance_id", "实例 ID", "公网带宽（Mbps）". */
static char *
normalize_header (const char *header)
{
  return icp_fold_text (header, "_-.()");
}

static char *
strip (const char *value)
{
  return g_strstrip (g_strdup (value));
}

typedef enum
{
  CELL_ABSENT,    /* no such column, or a short row: unknown */
  CELL_UNKNOWN,   /* "unknown", "未知" */
  CELL_EMPTY,     /* "", "-", "无", "N/A": none */
  CELL_VALUE,
} CellKind;

static CellKind
get_cell (Reader      *self,
          Column       column,
          char       **value,
          CellPos     *where)
{
  int index = self->index[column];
  g_autofree char *text = NULL;
  static const char * const empty[] = { "-", "--", "—", "–", "n/a", "none", "无", "無", NULL };

  *value = NULL;
  if (index < 0 || (guint) index >= self->cells->len)
    return CELL_ABSENT;

  *where = g_array_index (self->where, CellPos, index);
  text = strip (g_ptr_array_index (self->cells, index));

  if (g_ascii_strcasecmp (text, "unknown") == 0 || g_str_equal (text, "未知"))
    return CELL_UNKNOWN;
  if (text[0] == '\0')
    return CELL_EMPTY;
  for (guint i = 0; empty[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, empty[i]) == 0)
      return CELL_EMPTY;

  *value = g_steal_pointer (&text);
  return CELL_VALUE;
}

static gboolean
fail_cell (Reader      *self,
           CellPos      where,
           const char  *value,
           const char  *expected,
           GError     **error)
{
  g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_BAD_VALUE,
               /* Translators: %s:%u:%u: are a file name, line and column; then a value from
                * the file, then what was expected there, e.g. "a valid time, such as …" */
               _("%s:%u:%u: “%s” is not %s; correct the cell or export the list again"),
               self->source->display_name, where.line,
               column_of (self->text, where.line_start, where.offset), value, expected);
  return FALSE;
}

/* Lower-case ASCII, no spaces, dashes or underscores: "Pay-As-You-Go" → "payasyougo". */
static char *
squeeze (const char *value)
{
  g_autofree char *folded = g_utf8_casefold (value, -1);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p++)
    if (*p != ' ' && *p != '-' && *p != '_' && *p != '\t')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
parse_charge_type (const char    *value,
                   IcpChargeType *out)
{
  static const char * const prepaid[] = {
    "prepaid", "subscription", "包年包月", "预付费", "預付費", "包月", "包年", NULL
  };
  static const char * const postpaid[] = {
    "postpaid", "payasyougo", "按量付费", "按量", "后付费", "按量付費", "後付費", "隨用隨付",
    "按量计费", "按量計費", NULL
  };
  g_autofree char *key = squeeze (value);

  if (g_strv_contains (prepaid, key))
    *out = ICP_CHARGE_TYPE_PREPAID;
  else if (g_strv_contains (postpaid, key))
    *out = ICP_CHARGE_TYPE_POSTPAID;
  else
    return FALSE;

  return TRUE;
}

/* The console and Chinese spreadsheets may write "运行中" for Running; the rules read the
 * API's words. */
static const char *
canonical_status (const char *value)
{
  static const struct
  {
    const char *api;
    const char *words[5];
  } statuses[] = {
    { "Running", { "running", "运行中", "運行中", "已启动", NULL } },
    { "Stopped", { "stopped", "已停止", "已停機", NULL } },
    { "Starting", { "starting", "启动中", "啟動中", NULL } },
    { "Stopping", { "stopping", "停止中", NULL } },
    { "Pending", { "pending", "创建中", "准备中", "準備中", NULL } },
  };
  g_autofree char *key = squeeze (value);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strv_contains (statuses[i].words, key))
      return statuses[i].api;

  return NULL;
}

/* "2026年3月1日 12:00" → "2026-3-1 12:00"; everything else is icp_time_parse()'s. */
static GDateTime *
parse_time (const char *value)
{
  g_autoptr(GString) text = NULL;

  if (strstr (value, "年") == NULL)
    return icp_time_parse (value, icp_time_china_zone ());

  text = g_string_new (value);
  g_string_replace (text, "年", "-", 1);
  g_string_replace (text, "月", "-", 1);
  g_string_replace (text, "日", "", 1);
  return icp_time_parse (text->str, icp_time_china_zone ());
}

/* "5", "5 Mbps", "5Mbps", "5M": a whole number, perhaps with its unit. */
static gboolean
parse_count (const char *value,
             gboolean    with_unit,
             int        *out)
{
  static const char * const units[] = { "mbps", "mbit/s", "mbit", "mb", "m", NULL };
  char *end;
  double number = g_ascii_strtod (value, &end);

  if (end == value || !isfinite (number) || number < 0 || number > G_MAXINT ||
      number != floor (number))
    return FALSE;

  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    {
      if (!with_unit)
        return FALSE;
      for (guint i = 0; units[i] != NULL; i++)
        if (g_ascii_strcasecmp (end, units[i]) == 0)
          goto unit_ok;
      return FALSE;
    }

unit_ok:
  *out = (int) number;
  return TRUE;
}

static gboolean
looks_like_region_id (const char *value)
{
  const char *p = value;
  guint letters = 0;

  while (g_ascii_islower (*p))
    p++, letters++;
  if (letters < 2 || *p != '-' || p[1] == '\0')
    return FALSE;
  for (p++; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static gboolean
read_time (Reader       *self,
           Column        column,
           GDateTime   **out,
           GError      **error)
{
  g_autofree char *value = NULL;
  CellPos where;

  *out = NULL;
  if (get_cell (self, column, &value, &where) != CELL_VALUE)
    return TRUE;

  *out = parse_time (value);
  if (*out == NULL)
    return fail_cell (self, where, value,
                      /* Translators: completes "“%s” is not %s" */
                      _("a valid time; expected a time such as “2026-03-01 12:00” (China "
                        "Standard Time unless a zone is written)"),
                      error);

  return TRUE;
}

static gboolean
read_count (Reader      *self,
            Column       column,
            gboolean     with_unit,
            const char  *expected,
            int         *out,
            GError     **error)
{
  g_autofree char *value = NULL;
  CellPos where;

  *out = -1;
  if (get_cell (self, column, &value, &where) != CELL_VALUE)
    return TRUE;

  if (!parse_count (value, with_unit, out))
    return fail_cell (self, where, value, expected, error);

  return TRUE;
}

/* A fact where an empty cell means "none": an address, the lock list. */
static const char *
none_or_value (CellKind    kind,
               const char *value)
{
  switch (kind)
    {
    case CELL_VALUE:
      return value;
    case CELL_EMPTY:
      return "";
    case CELL_ABSENT:
    case CELL_UNKNOWN:
    default:
      return NULL;
    }
}

static gboolean
read_subscription (Reader       *self,
                   IcpInstance  *instance,
                   GError      **error)
{
  g_autofree char *source_text = NULL;
  g_autofree char *months_text = NULL;
  g_autoptr(GDateTime) start = NULL;
  GDateTime *creation = icp_instance_get_creation_time (instance);
  IcpSubscriptionSource source = ICP_SUBSCRIPTION_SOURCE_UNKNOWN;
  gboolean from_report = FALSE;
  double months = -1;
  CellKind kind;
  CellPos where;

  kind = get_cell (self, COL_SUBSCRIPTION_SOURCE, &source_text, &where);
  if (kind == CELL_UNKNOWN)
    {
      /* The report says it does not know; neither do we. */
      return TRUE;
    }
  if (kind == CELL_VALUE)
    {
      g_autofree char *nick = g_ascii_strdown (source_text, -1);
      int value;

      if (!icp_enum_from_nick (ICP_TYPE_SUBSCRIPTION_SOURCE, nick, &value))
        return fail_cell (self, where, source_text,
                          /* Translators: completes "“%s” is not %s"; keep the quoted words */
                          _("a subscription source; expected “billing”, “estimated” or "
                            "“unknown”"),
                          error);
      source = value;
      from_report = TRUE;
    }

  if (get_cell (self, COL_SUBSCRIPTION_MONTHS, &months_text, &where) == CELL_VALUE)
    {
      char *end;

      months = g_ascii_strtod (months_text, &end);
      if (end == months_text || *end != '\0' || !isfinite (months) || months < 0)
        return fail_cell (self, where, months_text,
                          /* Translators: completes "“%s” is not %s" */
                          _("a number of months"), error);
      from_report = TRUE;
    }

  if (!read_time (self, COL_SUBSCRIPTION_START, &start, error))
    return FALSE;
  from_report |= start != NULL;

  if (from_report)
    {
      icp_import_apply_subscription (instance, source, start, months);
      return TRUE;
    }

  /* A subscription counts from creation until the billing API tells otherwise. */
  if (icp_instance_get_charge_type (instance) == ICP_CHARGE_TYPE_PREPAID &&
      creation != NULL && icp_instance_get_expired_time (instance) != NULL)
    {
      icp_instance_set_subscription_start (instance, creation);
      icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
    }

  return TRUE;
}

static IcpInstance *
read_instance (Reader  *self,
               GError **error)
{
  g_autoptr(IcpInstance) instance = NULL;
  g_autoptr(GDateTime) creation = NULL;
  g_autoptr(GDateTime) expired = NULL;
  g_autoptr(GDateTime) auto_release = NULL;
  g_autofree char *id = NULL;
  g_autofree char *value = NULL;
  CellPos where = g_array_index (self->where, CellPos, 0);
  CellKind kind;
  int count;

  /* Without an id cell, the message points at the start of the row. */
  if (get_cell (self, COL_ID, &id, &where) != CELL_VALUE)
    {
      g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_BAD_VALUE,
                   /* Translators: %s:%u:%u: are a file name, line and column; the last %s is
                    * the header of the id column */
                   _("%s:%u:%u: this row has no instance id; fill in its “%s” cell or delete "
                     "the row"),
                   self->source->display_name, where.line,
                   column_of (self->text, where.line_start, where.offset),
                   self->header[COL_ID]);
      return NULL;
    }

  instance = icp_instance_new (id);

  if (get_cell (self, COL_NAME, &value, &where) == CELL_VALUE)
    icp_instance_set_name (instance, value);
  g_clear_pointer (&value, g_free);

  if (get_cell (self, COL_REGION, &value, &where) == CELL_VALUE)
    {
      const char *region = icp_regions_lookup (icp_policy_get_regions (self->source->policy),
                                               value);

      if (region == NULL && looks_like_region_id (value))
        region = value;
      if (region == NULL)
        {
          fail_cell (self, where, value,
                     /* Translators: completes "“%s” is not %s"; keep the examples */
                     _("a region; expected a region id such as “cn-hangzhou” or a name such as "
                       "“华东1（杭州）” or “China (Hangzhou)”"),
                     error);
          return NULL;
        }
      icp_instance_set_region_id (instance, region);
    }
  g_clear_pointer (&value, g_free);

  if (get_cell (self, COL_ZONE, &value, &where) == CELL_VALUE)
    icp_instance_set_zone_id (instance, value);
  g_clear_pointer (&value, g_free);

  if (get_cell (self, COL_CHARGE_TYPE, &value, &where) == CELL_VALUE)
    {
      IcpChargeType charge_type;

      if (!parse_charge_type (value, &charge_type))
        {
          fail_cell (self, where, value,
                     /* Translators: completes "“%s” is not %s"; keep the quoted words */
                     _("a billing method; expected “PrePaid” (subscription, 包年包月) or "
                       "“PostPaid” (pay-as-you-go, 按量付费)"),
                     error);
          return NULL;
        }
      icp_instance_set_charge_type (instance, charge_type);
    }
  g_clear_pointer (&value, g_free);

  if (get_cell (self, COL_STATUS, &value, &where) == CELL_VALUE)
    {
      const char *status = canonical_status (value);

      icp_instance_set_status (instance, status != NULL ? status : value);
    }
  g_clear_pointer (&value, g_free);

  if (!read_time (self, COL_CREATION_TIME, &creation, error) ||
      !read_time (self, COL_EXPIRED_TIME, &expired, error) ||
      !read_time (self, COL_AUTO_RELEASE_TIME, &auto_release, error))
    return NULL;
  icp_instance_set_creation_time (instance, creation);
  icp_instance_set_expired_time (instance, expired);
  icp_instance_set_auto_release_time (instance, auto_release);

  kind = get_cell (self, COL_PUBLIC_IP, &value, &where);
  icp_instance_set_public_ip (instance, none_or_value (kind, value));
  g_clear_pointer (&value, g_free);

  kind = get_cell (self, COL_EIP, &value, &where);
  icp_instance_set_eip (instance, none_or_value (kind, value));
  g_clear_pointer (&value, g_free);

  if (!read_count (self, COL_BANDWIDTH_OUT, TRUE,
                   /* Translators: completes "“%s” is not %s" */
                   _("a bandwidth; expected a whole number of Mbit/s such as “5” or “5 Mbps”"),
                   &count, error))
    return NULL;
  icp_instance_set_bandwidth_out (instance, count);

  if (!read_count (self, COL_EIP_BANDWIDTH, TRUE,
                   _("a bandwidth; expected a whole number of Mbit/s such as “5” or “5 Mbps”"),
                   &count, error))
    return NULL;
  icp_instance_set_eip_bandwidth (instance, count);

  if (!read_count (self, COL_CODES_USED, FALSE,
                   /* Translators: completes "“%s” is not %s" */
                   _("a number of service codes; expected a whole number such as “0” or “2”"),
                   &count, error))
    return NULL;
  icp_instance_set_codes_used (instance, count);

  if (get_cell (self, COL_OWNER, &value, &where) == CELL_VALUE)
    icp_instance_set_owner_account (instance, value);
  g_clear_pointer (&value, g_free);

  kind = get_cell (self, COL_LOCK_REASONS, &value, &where);
  if (kind == CELL_EMPTY || kind == CELL_VALUE)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit_set (value != NULL ? value : "", ";,", -1);
      g_auto(GStrv) reasons = NULL;

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      reasons = g_strv_builder_end (builder);
      icp_instance_set_lock_reasons (instance, (const char * const *) reasons);
    }
  g_clear_pointer (&value, g_free);

  if (!read_subscription (self, instance, error))
    return NULL;

  icp_instance_set_observed (instance, self->source->observed);
  return g_steal_pointer (&instance);
}

static gboolean
record_is_blank (Reader *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (self->cells, i);

      for (const char *p = cell; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* Commas, unless the header has none and has tabs or semicolons (Excel in some locales,
 * "Unicode text"). Excel's own "sep=;" first line says it outright. */
static void
detect_delimiter (Reader *self)
{
  const char *text = self->text + self->pos;
  gsize len = self->len - self->pos;
  guint commas = 0, tabs = 0, semicolons = 0;
  gboolean quoted = FALSE;

  if (len >= 5 && g_ascii_strncasecmp (text, "sep=", 4) == 0 &&
      (len == 5 || text[5] == '\n' || text[5] == '\r'))
    {
      self->delimiter = text[4];
      self->pos += 5;
      if (self->pos < self->len && self->text[self->pos] == '\r')
        self->pos++;
      if (self->pos < self->len && self->text[self->pos] == '\n')
        self->pos++;
      self->line++;
      self->line_start = self->pos;
      return;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == '\t')
        tabs++;
      else if (!quoted && c == ';')
        semicolons++;
    }

  if (commas == 0 && tabs > 0 && tabs >= semicolons)
    self->delimiter = '\t';
  else if (commas == 0 && semicolons > 0)
    self->delimiter = ';';
  else
    self->delimiter = ',';
}

static gboolean
read_header (Reader  *self,
             GError **error)
{
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint header_line;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    g_hash_table_insert (columns, normalize_header (aliases[i].header),
                         GINT_TO_POINTER (aliases[i].column + 1));

  for (guint i = 0; i < N_COLUMNS; i++)
    self->index[i] = -1;

  /* Skip blank lines before the header. */
  while (self->pos < self->len &&
         (self->text[self->pos] == '\n' || self->text[self->pos] == '\r'))
    {
      if (self->text[self->pos] == '\r' && self->pos + 1 < self->len &&
          self->text[self->pos + 1] == '\n')
        self->pos++;
      self->pos++;
      self->line++;
      self->line_start = self->pos;
    }

  detect_delimiter (self);
  header_line = self->line;

  if (!read_record (self, &ok, error) && !ok)
    return FALSE;

  for (guint i = 0; i < self->cells->len; i++)
    {
      g_autofree char *key = normalize_header (g_ptr_array_index (self->cells, i));
      int column = GPOINTER_TO_INT (g_hash_table_lookup (columns, key)) - 1;

      /* The first of two columns that mean the same wins. */
      if (column >= 0 && self->index[column] < 0)
        {
          self->index[column] = i;
          self->header[column] = strip (g_ptr_array_index (self->cells, i));
        }
    }

  if (self->index[COL_ID] < 0)
    {
      g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_MISSING_COLUMN,
                   /* Translators: %s:%u:1: are a file name and the line of the header */
                   _("%s:%u:1: no instance id column; expected a header such as “InstanceId”, "
                     "“Instance ID” or “实例ID”"),
                   self->source->display_name, header_line);
      return FALSE;
    }

  return TRUE;
}

/* Line and column of a byte offset in text that is not UTF-8 (yet); columns in characters
 * once the line so far is converted. */
static void
locate_raw (const guint8 *data,
            gsize         offset,
            const char   *charset,
            guint        *line,
            guint        *column)
{
  gsize line_start = 0;
  g_autofree char *prefix = NULL;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
        {
          (*line)++;
          line_start = i + 1;
        }
    }

  if (charset == NULL)
    prefix = g_strndup ((const char *) data + line_start, offset - line_start);
  else
    prefix = g_convert ((const char *) data + line_start, offset - line_start,
                        "UTF-8", charset, NULL, NULL, NULL);

  *column = (prefix != NULL && g_utf8_validate (prefix, -1, NULL)
             ? (guint) g_utf8_strlen (prefix, -1)
             : (guint) (offset - line_start)) + 1;
}

/* UTF-8, else GB18030 (Excel on Chinese Windows), or UTF-16 with its byte order mark. */
static char *
to_utf8 (const IcpImportSource  *source,
         GByteArray             *bytes,
         gsize                  *len,
         GError                **error)
{
  const char *data = (const char *) bytes->data;
  const char *bad;
  g_autoptr(GError) local_error = NULL;
  gsize n_good = 0;
  gsize n_bad = 0;
  gsize bytes_read = 0;
  gsize written = 0;
  char *converted;
  guint line, column;

  if (bytes->len >= 2 && ((bytes->data[0] == 0xFF && bytes->data[1] == 0xFE) ||
                          (bytes->data[0] == 0xFE && bytes->data[1] == 0xFF)))
    {
      converted = g_convert (data, bytes->len, "UTF-8", "UTF-16", &bytes_read, &written,
                             &local_error);
      if (converted == NULL)
        {
          locate_raw (bytes->data, 0, NULL, &line, &column);
          g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_ENCODING,
                       /* Translators: %s:%u:%u: are a file name, line and column */
                       _("%s:%u:%u: this file says it is UTF-16 but is not; save it as UTF-8 "
                         "or GB18030"),
                       source->display_name, line, column);
          return NULL;
        }
      *len = written;
      return converted;
    }

  if (g_utf8_validate_len (data, bytes->len, &bad))
    {
      *len = bytes->len;
      return g_strndup (data, bytes->len);
    }

  /* Text in GB18030 is rarely valid UTF-8 by chance, while UTF-8 with a stray byte is mostly
   * valid: more good multi-byte characters than bad bytes says UTF-8, and so does a BOM. */
  if (!source->had_bom)
    {
      for (const char *p = data, *end = data + bytes->len; p < end; )
        {
          const char *stop;

          if (g_utf8_validate_len (p, end - p, &stop))
            stop = end;
          for (const char *q = p; q < stop; q++)
            n_good += (guchar) *q >= 0xC0;
          if (stop < end)
            n_bad++;
          p = stop + 1;
        }
    }

  if (source->had_bom || n_good > n_bad)
    {
      locate_raw (bytes->data, bad - data, NULL, &line, &column);
      g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_ENCODING,
                   /* Translators: %s:%u:%u: are a file name, line and column */
                   _("%s:%u:%u: the file is UTF-8 text but this byte is not; correct the cell, "
                     "or save the file again as UTF-8 or GB18030"),
                   source->display_name, line, column);
      return NULL;
    }
  else
    {
      converted = g_convert (data, bytes->len, "UTF-8", "GB18030", &bytes_read, &written,
                             &local_error);
      if (converted != NULL)
        {
          *len = written;
          return converted;
        }
      locate_raw (bytes->data, bytes_read, "GB18030", &line, &column);
    }

  g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_ENCODING,
               /* Translators: %s:%u:%u: are a file name, line and column */
               _("%s:%u:%u: this is neither UTF-8 nor GB18030 text; save it as UTF-8 or "
                 "GB18030 (in Excel: “CSV UTF-8”) and open it again"),
               source->display_name, line, column);
  return NULL;
}

static GByteArray *
read_all (const IcpImportSource  *source,
          const guint8           *head,
          gsize                   head_len,
          GInputStream           *stream,
          GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new (head_len + (stream ? READ_SIZE : 0));

  g_byte_array_append (bytes, head, head_len);

  while (stream != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gsize len = bytes->len;
      gssize n;

      g_byte_array_set_size (bytes, len + READ_SIZE);
      n = g_input_stream_read (stream, bytes->data + len, READ_SIZE, source->cancellable,
                               &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO,
                         /* Translators: %s is a file name, then an error from the system */
                         _("%s: the file cannot be read (%s); check the disk or copy the "
                           "file again"),
                         source->display_name, local_error->message);
          return NULL;
        }
      g_byte_array_set_size (bytes, len + n);
      if (n == 0)
        break;
    }

  return g_steal_pointer (&bytes);
}

/**
 * icp_import_read_csv:
 * @source: the file being read
 * @head: the first bytes of the file, already read (without a UTF-8 BOM)
 * @head_len: their length
 * @stream: (nullable): the rest of the file, or %NULL if @head is all of it
 * @error: where to put a reason the list cannot be read
 *
 * Returns: (transfer container) (element-type IcpInstance): the instances, in file order.
 */
GPtrArray *
icp_import_read_csv (const IcpImportSource  *source,
                     const guint8           *head,
                     gsize                   head_len,
                     GInputStream           *stream,
                     GError                **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autofree char *text = NULL;
  g_auto(Reader) reader = { 0 };
  gsize len = 0;
  gboolean ok;

  bytes = read_all (source, head, head_len, stream, error);
  if (bytes == NULL)
    return NULL;

  /* A workbook saved with a .csv name, or picked by mistake: say what to do. */
  if (bytes->len >= 4 && (memcmp (bytes->data, "PK\x03\x04", 4) == 0 ||
                          memcmp (bytes->data, "\xD0\xCF\x11\xE0", 4) == 0))
    {
      g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_ENCODING,
                   /* Translators: %s is a file name; “CSV UTF-8” is Excel's name for the
                    * format, as Excel shows it in the user's language */
                   _("%s:1:1: this is a spreadsheet workbook, not a CSV file; open it in the "
                     "spreadsheet and save it as “CSV UTF-8”"),
                   source->display_name);
      return NULL;
    }

  text = to_utf8 (source, bytes, &len, error);
  if (text == NULL)
    return NULL;
  g_clear_pointer (&bytes, g_byte_array_unref);

  reader.source = source;
  reader.text = text;
  reader.len = len;
  reader.line = 1;
  reader.cells = g_ptr_array_new_with_free_func (g_free);
  reader.where = g_array_new (FALSE, FALSE, sizeof (CellPos));
  reader.scratch = g_string_new (NULL);

  /* A BOM left after converting from UTF-16 or GB18030. */
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = reader.line_start = 3;

  if (!read_header (&reader, error))
    return NULL;

  instances = g_ptr_array_new_with_free_func (g_object_unref);

  while (read_record (&reader, &ok, error))
    {
      IcpInstance *instance;

      if (record_is_blank (&reader))
        continue;

      if (g_cancellable_set_error_if_cancelled (source->cancellable, error))
        return NULL;

      instance = read_instance (&reader, error);
      if (instance == NULL)
        return NULL;
      g_ptr_array_add (instances, instance);
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&instances);
}
