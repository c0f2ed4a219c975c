/* icp-ecs.c — the instances of an Alibaba Cloud account: fetched from every region, and fixed
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every request goes through one small queue per IcpEcs, whoever asked (the fetch of twenty
 * regions, the account facts, a fix). Two budgets: at most max-in-flight ECS requests (the
 * region hosts) and at most account-max-in-flight requests to the account services (STS,
 * billing, Filing Service: hosts of their own) are with the client at once. Within a budget,
 * waiting calls leave by priority, then in the order asked. The fetch asks DescribeRegions,
 * STS and the first billing page at once, then queues the first page of every region; each
 * page that comes back queues the region's next one, so all regions advance together and the
 * wall time is about the longest region's pages, not the sum of all pages. The billing pages
 * (34 for 10 000 subscriptions) run alongside on their own budget.
 *
 * Pages are read by the core's JSON reader (icp_import_stream on the page's text): one field
 * mapping for files and for the API. The client hands the page over as it came (its raw body),
 * and a quick yajl pass that keeps nothing but the top level's NextToken and whether the
 * instance list is there comes first; json-glib never builds the page as a tree. Instances
 * reach the inventory in the caller's main context as their page arrives; the inventory merges
 * by id, so a page that repeats an instance never makes a second row.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <yajl/yajl_parse.h>

#include "icp-account.h"
#include "icp-cloud-private.h"
#include "icp-ecs.h"
#include "icp-import.h"
#include "icp-time.h"

#define PAGE_SIZE "100"

G_DEFINE_QUARK (icp-ecs-error-quark, icp_ecs_error)

static gboolean
number_member (JsonObject *object,
               const char *name,
               double     *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  char *end;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      *out = g_ascii_strtod (json_node_get_string (node), &end);
      return end != json_node_get_string (node) && *end == '\0';
    default:
      return FALSE;
    }
}

/* ["i-…"] as the API's JSON-array parameters want it. */
static char *
json_string_array (const char * const *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* ---- Reading a DescribeInstances page ---------------------------------------------------- */

/* What the quick pass over a page keeps: the top level's NextToken, and whether
 * Instances.Instance is a list. Everything else is only tokenized. */
typedef enum
{
  TOP_OTHER,
  TOP_NEXT_TOKEN,
  TOP_INSTANCES,
} TopKey;

typedef struct
{
  guint     depth;          /* maps and arrays open */
  gboolean  root_is_object;
  TopKey    top_key;        /* the last key of the top level */
  gboolean  instance_key;   /* in Instances: the last key was Instance */
  gboolean  has_list;
  char     *next_token;
} PageScan;

static int
scan_value_cb (void *ctx)
{
  return 1;
}

static int
scan_boolean_cb (void *ctx,
                 int   value)
{
  return 1;
}

static int
scan_number_cb (void       *ctx,
                const char *text,
                size_t      length)
{
  return 1;
}

static int
scan_string_cb (void                *ctx,
                const unsigned char *text,
                size_t               length)
{
  PageScan *scan = ctx;

  if (scan->depth == 1 && scan->top_key == TOP_NEXT_TOKEN)
    {
      g_free (scan->next_token);
      scan->next_token = g_strndup ((const char *) text, length);
    }
  return 1;
}

static int
scan_map_key_cb (void                *ctx,
                 const unsigned char *key,
                 size_t               length)
{
  PageScan *scan = ctx;

  if (scan->depth == 1)
    {
      scan->top_key = key_is (key, length, "NextToken") ? TOP_NEXT_TOKEN
                      : key_is (key, length, "Instances") ? TOP_INSTANCES
                      : TOP_OTHER;
      scan->instance_key = FALSE;
    }
  else if (scan->depth == 2 && scan->top_key == TOP_INSTANCES)
    scan->instance_key = key_is (key, length, "Instance");
  return 1;
}

static int
scan_start_map_cb (void *ctx)
{
  PageScan *scan = ctx;

  if (scan->depth == 0)
    scan->root_is_object = TRUE;
  scan->depth++;
  return 1;
}

static int
scan_start_array_cb (void *ctx)
{
  PageScan *scan = ctx;

  if (scan->depth == 2 && scan->top_key == TOP_INSTANCES && scan->instance_key)
    scan->has_list = TRUE;
  scan->depth++;
  return 1;
}

static int
scan_end_cb (void *ctx)
{
  PageScan *scan = ctx;

  scan->depth--;
  return 1;
}

static const yajl_callbacks scan_callbacks = {
  .yajl_null = scan_value_cb,
  .yajl_boolean = scan_boolean_cb,
  .yajl_number = scan_number_cb,
  .yajl_string = scan_string_cb,
  .yajl_start_map = scan_start_map_cb,
  .yajl_map_key = scan_map_key_cb,
  .yajl_end_map = scan_end_cb,
  .yajl_start_array = scan_start_array_cb,
  .yajl_end_array = scan_end_cb,
};

/* The page's NextToken ("" or NULL: the last page), or FALSE with @error when the page is not
 * valid JSON or holds no instance list. Strings are not checked for UTF-8 here: the core's
 * reader does that when it reads the instances. */
static gboolean
scan_page (GBytes      *body,
           const char  *display_name,
           char       **next_token,
           GError     **error)
{
  PageScan scan = { 0 };
  yajl_handle handle = yajl_alloc (&scan_callbacks, NULL, &scan);
  gsize length = 0;
  const unsigned char *text = g_bytes_get_data (body, &length);
  yajl_status status;

  yajl_config (handle, yajl_dont_validate_strings, 1);
  status = yajl_parse (handle, text, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);

  if (status != yajl_status_ok)
    {
      gsize at = yajl_get_bytes_consumed (handle);

      yajl_free (handle);
      g_free (scan.next_token);
      g_debug ("%s: not JSON from byte %" G_GSIZE_FORMAT, display_name, at);
      g_set_error (error, ICP_API_ERROR, ICP_API_ERROR_BAD_RESPONSE,
                   /* Translators: %s is the API operation, %u the HTTP status code. */
                   _("The answer to %s could not be read: it is not a JSON object "
                     "(HTTP status %u)."), "DescribeInstances", 200);
      return FALSE;
    }
  yajl_free (handle);

  if (!scan.root_is_object || !scan.has_list)
    {
      g_free (scan.next_token);
      g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE,
                   /* Translators: %s names the page, e.g. "DescribeInstances cn-hangzhou, page 2" */
                   _("%s: the answer holds no instance list; try again later"),
                   display_name);
      return FALSE;
    }

  *next_token = scan.next_token;
  return TRUE;
}

/* The instances of a page that scan_page() accepted, read by the core's JSON reader. */
static GPtrArray *
import_page (GBytes      *body,
             IcpPolicy   *policy,
             const char  *display_name,
             GDateTime   *observed,
             GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (body);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *instances;

  instances = icp_import_stream (stream, display_name, policy, observed, NULL, &local_error);
  if (instances == NULL)
    {
      g_set_error_literal (error, ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE, local_error->message);
      return NULL;
    }

  return instances;
}

/* The instances of one DescribeInstances answer (its raw body). */
static GPtrArray *
instances_from_body (GBytes      *body,
                     IcpPolicy   *policy,
                     const char  *display_name,
                     GDateTime   *observed,
                     GError     **error)
{
  g_autofree char *token = NULL;

  if (!scan_page (body, display_name, &token, error))
    return NULL;
  return import_page (body, policy, display_name, observed, error);
}

/* ========================================================================================== */
/* IcpFetchSummary                                                                            */

struct _IcpFetchSummary
{
  GObject     parent_instance;

  GPtrArray  *regions;        /* char *, NULL-terminated */
  GPtrArray  *failed;         /* char *, NULL-terminated */
  GHashTable *errors;         /* region id → GError */
  GPtrArray  *warnings;       /* char *, NULL-terminated */
  char       *owner_account;
  guint       n_instances;
  gboolean    billing_used;
  gboolean    codes_known;
};

G_DEFINE_FINAL_TYPE (IcpFetchSummary, icp_fetch_summary, G_TYPE_OBJECT)

static void
icp_fetch_summary_finalize (GObject *object)
{
  IcpFetchSummary *self = ICP_FETCH_SUMMARY (object);

  g_ptr_array_unref (self->regions);
  g_ptr_array_unref (self->failed);
  g_hash_table_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  g_free (self->owner_account);

  G_OBJECT_CLASS (icp_fetch_summary_parent_class)->finalize (object);
}

static void
icp_fetch_summary_class_init (IcpFetchSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = icp_fetch_summary_finalize;
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_null_terminated (8, g_free, TRUE);

  return array;
}

static void
icp_fetch_summary_init (IcpFetchSummary *self)
{
  self->regions = new_strv_array ();
  self->failed = new_strv_array ();
  self->warnings = new_strv_array ();
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_error_free);
}

const char * const *
icp_fetch_summary_get_regions (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), NULL);
  return (const char * const *) self->regions->pdata;
}

const char * const *
icp_fetch_summary_get_failed_regions (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), NULL);
  return (const char * const *) self->failed->pdata;
}

const GError *
icp_fetch_summary_get_region_error (IcpFetchSummary *self,
                                    const char      *region_id)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), NULL);
  return g_hash_table_lookup (self->errors, region_id);
}

gboolean
icp_fetch_summary_is_complete (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), FALSE);
  return self->failed->len == 0;
}

guint
icp_fetch_summary_get_n_instances (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), 0);
  return self->n_instances;
}

const char *
icp_fetch_summary_get_owner_account (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), NULL);
  return self->owner_account;
}

gboolean
icp_fetch_summary_get_billing_used (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), FALSE);
  return self->billing_used;
}

gboolean
icp_fetch_summary_get_codes_known (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), FALSE);
  return self->codes_known;
}

const char * const *
icp_fetch_summary_get_warnings (IcpFetchSummary *self)
{
  g_return_val_if_fail (ICP_IS_FETCH_SUMMARY (self), NULL);
  return (const char * const *) self->warnings->pdata;
}

/* ========================================================================================== */
/* IcpFixRequest                                                                              */

struct _IcpFixRequest
{
  GObject      parent_instance;

  IcpInstance *instance;
  IcpRemedy    remedy;
  IcpPolicy   *policy;
  guint        months;
  guint        mbps;
  gboolean     pay;
  char        *client_token;
  gboolean     dry_run_passed;
  double       price;
  char        *currency;
  char        *price_unit;     /* NULL: the price is for the whole term; "Month", "Hour" */
  char        *price_problem;
  char        *order_id;
};

enum {
  FIX_PROP_0,
  FIX_PROP_MONTHS,
  FIX_PROP_MBPS,
  FIX_PROP_PAY,
  FIX_PROP_DRY_RUN_PASSED,
  FIX_PROP_PRICE,
  FIX_PROP_ORDER_ID,
  FIX_N_PROPS
};

static GParamSpec *fix_properties[FIX_N_PROPS];

G_DEFINE_FINAL_TYPE (IcpFixRequest, icp_fix_request, G_TYPE_OBJECT)

static void
icp_fix_request_finalize (GObject *object)
{
  IcpFixRequest *self = ICP_FIX_REQUEST (object);

  g_clear_object (&self->instance);
  g_clear_object (&self->policy);
  g_free (self->client_token);
  g_free (self->currency);
  g_free (self->price_unit);
  g_free (self->price_problem);
  g_free (self->order_id);

  G_OBJECT_CLASS (icp_fix_request_parent_class)->finalize (object);
}

static void
icp_fix_request_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpFixRequest *self = ICP_FIX_REQUEST (object);

  switch (prop_id)
    {
    case FIX_PROP_MONTHS:
      g_value_set_uint (value, self->months);
      break;
    case FIX_PROP_MBPS:
      g_value_set_uint (value, self->mbps);
      break;
    case FIX_PROP_PAY:
      g_value_set_boolean (value, self->pay);
      break;
    case FIX_PROP_DRY_RUN_PASSED:
      g_value_set_boolean (value, self->dry_run_passed);
      break;
    case FIX_PROP_PRICE:
      g_value_set_double (value, self->price);
      break;
    case FIX_PROP_ORDER_ID:
      g_value_set_string (value, self->order_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_fix_request_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpFixRequest *self = ICP_FIX_REQUEST (object);

  switch (prop_id)
    {
    case FIX_PROP_MONTHS:
      icp_fix_request_set_months (self, g_value_get_uint (value));
      break;
    case FIX_PROP_MBPS:
      icp_fix_request_set_mbps (self, g_value_get_uint (value));
      break;
    case FIX_PROP_PAY:
      icp_fix_request_set_pay (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_fix_request_class_init (IcpFixRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = icp_fix_request_finalize;
  object_class->get_property = icp_fix_request_get_property;
  object_class->set_property = icp_fix_request_set_property;

  fix_properties[FIX_PROP_MONTHS] =
    g_param_spec_uint ("months", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  fix_properties[FIX_PROP_MBPS] =
    g_param_spec_uint ("mbps", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  fix_properties[FIX_PROP_PAY] =
    g_param_spec_boolean ("pay", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  fix_properties[FIX_PROP_DRY_RUN_PASSED] =
    g_param_spec_boolean ("dry-run-passed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  fix_properties[FIX_PROP_PRICE] =
    g_param_spec_double ("price", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  fix_properties[FIX_PROP_ORDER_ID] =
    g_param_spec_string ("order-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, FIX_N_PROPS, fix_properties);
}

static void
icp_fix_request_init (IcpFixRequest *self)
{
  self->price = -1;
  /* Made once: a retry of the same request must never place a second order. */
  self->client_token = g_uuid_string_random ();
}

/* The least that fixes every finding of the instance's verdict with this remedy. */
static void
preset_from_verdict (IcpFixRequest *self)
{
  IcpVerdict *verdict = icp_instance_get_verdict (self->instance);
  GListModel *findings = verdict != NULL ? icp_verdict_get_findings (verdict) : NULL;
  guint n = findings != NULL ? g_list_model_get_n_items (findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      if (icp_finding_get_remedy (finding) != self->remedy)
        continue;
      self->months = MAX (self->months, icp_finding_get_months (finding));
      self->mbps = MAX (self->mbps, icp_finding_get_mbps (finding));
    }

  switch (self->remedy)
    {
    case ICP_REMEDY_RENEW:
      if (self->months == 0)
        self->months = icp_policy_round_months (self->policy, ICP_REMEDY_RENEW, 1);
      break;
    case ICP_REMEDY_SWITCH_BILLING:
      if (self->months == 0)
        self->months = icp_policy_round_months (self->policy, ICP_REMEDY_SWITCH_BILLING,
                                                icp_policy_get_min_subscription_months (self->policy));
      break;
    case ICP_REMEDY_ADD_BANDWIDTH:
      if (self->mbps == 0)
        self->mbps = MAX (icp_policy_get_min_bandwidth (self->policy),
                          (guint) MAX (icp_instance_get_bandwidth_out (self->instance), 0));
      break;
    default:
      break;
    }
}

/**
 * icp_fix_request_new:
 * @instance: the instance to fix
 * @remedy: %ICP_REMEDY_RENEW, %ICP_REMEDY_SWITCH_BILLING or %ICP_REMEDY_ADD_BANDWIDTH
 * @policy: the policy: the terms each call takes and the bandwidth range
 *
 * Returns: (transfer full): a request preset to the least that fixes @instance
 */
IcpFixRequest *
icp_fix_request_new (IcpInstance *instance,
                     IcpRemedy    remedy,
                     IcpPolicy   *policy)
{
  IcpFixRequest *self;

  g_return_val_if_fail (ICP_IS_INSTANCE (instance), NULL);
  g_return_val_if_fail (ICP_IS_POLICY (policy), NULL);
  g_return_val_if_fail (remedy == ICP_REMEDY_RENEW || remedy == ICP_REMEDY_SWITCH_BILLING ||
                        remedy == ICP_REMEDY_ADD_BANDWIDTH, NULL);

  self = g_object_new (ICP_TYPE_FIX_REQUEST, NULL);
  self->instance = g_object_ref (instance);
  self->remedy = remedy;
  self->policy = g_object_ref (policy);
  preset_from_verdict (self);
  return self;
}

IcpInstance *
icp_fix_request_get_instance (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);
  return self->instance;
}

IcpRemedy
icp_fix_request_get_remedy (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), ICP_REMEDY_NONE);
  return self->remedy;
}

IcpPolicy *
icp_fix_request_get_policy (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);
  return self->policy;
}

guint
icp_fix_request_get_months (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), 0);
  return self->months;
}

void
icp_fix_request_set_months (IcpFixRequest *self,
                            guint          months)
{
  g_return_if_fail (ICP_IS_FIX_REQUEST (self));

  if (self->months == months)
    return;
  self->months = months;
  g_object_notify_by_pspec (G_OBJECT (self), fix_properties[FIX_PROP_MONTHS]);
}

guint
icp_fix_request_get_mbps (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), 0);
  return self->mbps;
}

void
icp_fix_request_set_mbps (IcpFixRequest *self,
                          guint          mbps)
{
  g_return_if_fail (ICP_IS_FIX_REQUEST (self));

  if (self->mbps == mbps)
    return;
  self->mbps = mbps;
  g_object_notify_by_pspec (G_OBJECT (self), fix_properties[FIX_PROP_MBPS]);
}

gboolean
icp_fix_request_get_pay (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), FALSE);
  return self->pay;
}

void
icp_fix_request_set_pay (IcpFixRequest *self,
                         gboolean       pay)
{
  g_return_if_fail (ICP_IS_FIX_REQUEST (self));

  pay = !!pay;
  if (self->pay == pay)
    return;
  self->pay = pay;
  g_object_notify_by_pspec (G_OBJECT (self), fix_properties[FIX_PROP_PAY]);
}

const char *
icp_fix_request_get_client_token (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);
  return self->client_token;
}

gboolean
icp_fix_request_get_dry_run_passed (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), FALSE);
  return self->dry_run_passed;
}

gboolean
icp_fix_request_has_price (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), FALSE);
  return self->price >= 0;
}

double
icp_fix_request_get_price (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), -1);
  return self->price;
}

const char *
icp_fix_request_get_currency (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);
  return self->currency;
}

const char *
icp_fix_request_get_price_problem (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);
  return self->price_problem;
}

const char *
icp_fix_request_get_order_id (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);
  return self->order_id;
}

char *
icp_fix_request_format_price (IcpFixRequest *self)
{
  const char *currency;

  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);

  if (self->price < 0)
    return NULL;

  currency = self->currency != NULL ? self->currency : "CNY";
  if (g_strcmp0 (self->price_unit, "Hour") == 0)
    /* Translators: a price: currency code, amount */
    return g_strdup_printf (_("%s %.2f per hour"), currency, self->price);
  if (g_strcmp0 (self->price_unit, "Month") == 0)
    /* Translators: a price: currency code, amount */
    return g_strdup_printf (_("%s %.2f per month"), currency, self->price);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: a price: currency code, amount, months */
                                       "%s %.2f for %u month",
                                       "%s %.2f for %u months",
                                       self->months),
                          currency, self->price, self->months);
}

/* What add-bandwidth has to do: buy bandwidth, or only assign an address to what is bought. */
static gboolean
needs_more_bandwidth (IcpFixRequest *self)
{
  int now = icp_instance_get_bandwidth_out (self->instance);

  return now < 0 || self->mbps > (guint) now;
}

gboolean
icp_fix_request_assigns_address_only (IcpFixRequest *self)
{
  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), FALSE);

  return self->remedy == ICP_REMEDY_ADD_BANDWIDTH && !needs_more_bandwidth (self);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

char *
icp_fix_request_describe (IcpFixRequest *self)
{
  const char *id, *name;

  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), NULL);

  id = icp_instance_get_id (self->instance);
  name = icp_instance_get_display_name (self->instance);

  switch (self->remedy)
    {
    case ICP_REMEDY_RENEW:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s are an instance id and its name,
                                            * %u months */
                                           "Renew %s (%s) for %u month (RenewInstance).",
                                           "Renew %s (%s) for %u months (RenewInstance).",
                                           self->months),
                              id, name, self->months);
    case ICP_REMEDY_SWITCH_BILLING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s are an instance id and its name,
                                            * %u months */
                                           "Switch %s (%s) from pay-as-you-go to subscription "
                                           "for %u month (ModifyInstanceChargeType).",
                                           "Switch %s (%s) from pay-as-you-go to subscription "
                                           "for %u months (ModifyInstanceChargeType).",
                                           self->months),
                              id, name, self->months);
    case ICP_REMEDY_ADD_BANDWIDTH:
      if (needs_more_bandwidth (self))
        return g_strdup_printf (/* Translators: %s are an instance id and its name, %u Mbit/s */
                                _("Set the public bandwidth of %s (%s) to %u Mbit/s and assign "
                                  "a public IP address (ModifyInstanceNetworkSpec)."),
                                id, name, self->mbps);
      return g_strdup_printf (/* Translators: %s are an instance id and its name, %d Mbit/s */
                              _("Assign a public IP address to %s (%s), which already has "
                                "%d Mbit/s of public bandwidth (AllocatePublicIpAddress)."),
                              id, name, icp_instance_get_bandwidth_out (self->instance));
    default:
      return g_strdup ("");
    }
}

static gboolean
check_months (IcpFixRequest  *self,
              const char     *action,
              GError        **error)
{
  const guint *allowed;
  gsize n;
  g_autofree char *list = NULL;

  allowed = icp_policy_get_allowed_months (self->policy, self->remedy, &n);
  for (gsize i = 0; i < n; i++)
    if (allowed[i] == self->months)
      return TRUE;

  list = icp_policy_format_allowed_months (self->policy, self->remedy);
  g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INVALID_MONTHS,
               /* Translators: %u is what the user asked for, the first %s an API action, the
                * second the terms it takes, e.g. "1–12, 24, 36, 48, 60" */
               _("%u months is not a term %s takes: choose one of %s months."),
               self->months, action, list);
  return FALSE;
}

static gboolean
is_running_or_stopped (IcpInstance *instance)
{
  const char *status = icp_instance_get_status (instance);

  return status == NULL || g_str_equal (status, "Running") || g_str_equal (status, "Stopped");
}

gboolean
icp_fix_request_validate (IcpFixRequest  *self,
                          GError        **error)
{
  IcpInstance *instance;
  IcpChargeType charge;
  const char *id;

  g_return_val_if_fail (ICP_IS_FIX_REQUEST (self), FALSE);

  instance = self->instance;
  id = icp_instance_get_id (instance);
  charge = icp_instance_get_charge_type (instance);

  if (icp_instance_get_region_id (instance) == NULL)
    {
      g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                   /* Translators: %s is an instance id */
                   _("The region of %s is not known; read the instance from the account "
                     "first."), id);
      return FALSE;
    }

  if (icp_instance_has_lock (instance, "security"))
    {
      g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INSTANCE_STATE,
                   /* Translators: %s is an instance id */
                   _("%s is locked for security reasons; resolve the lock in the console "
                     "before changing it."), id);
      return FALSE;
    }

  switch (self->remedy)
    {
    case ICP_REMEDY_RENEW:
      if (charge != ICP_CHARGE_TYPE_PREPAID)
        {
          g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                       /* Translators: %s is an instance id */
                       _("%s is not a subscription instance, and only those can be renewed; "
                         "switch it to subscription instead."), id);
          return FALSE;
        }
      return check_months (self, "RenewInstance", error);

    case ICP_REMEDY_SWITCH_BILLING:
      if (charge != ICP_CHARGE_TYPE_POSTPAID)
        {
          g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                       /* Translators: %s is an instance id */
                       _("%s is not billed pay-as-you-go, so there is nothing to switch; "
                         "renew it instead."), id);
          return FALSE;
        }
      if (!check_months (self, "ModifyInstanceChargeType", error))
        return FALSE;
      if (!is_running_or_stopped (instance))
        {
          g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INSTANCE_STATE,
                       /* Translators: %s is an instance id, then its status */
                       _("%s is %s; the billing method can be changed only while it is "
                         "running or stopped."),
                       id, icp_instance_status_get_label (icp_instance_get_status (instance)));
          return FALSE;
        }
      if (icp_instance_get_auto_release_time (instance) != NULL)
        {
          g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INSTANCE_STATE,
                       /* Translators: %s is an instance id */
                       _("%s has an automatic release time; cancel it in the console before "
                         "switching to subscription."), id);
          return FALSE;
        }
      if (icp_instance_has_lock (instance, "financial"))
        {
          g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INSTANCE_STATE,
                       /* Translators: %s is an instance id */
                       _("%s has an overdue payment; pay it before switching to "
                         "subscription."), id);
          return FALSE;
        }
      return TRUE;

    case ICP_REMEDY_ADD_BANDWIDTH:
      {
        guint min = icp_policy_get_min_bandwidth (self->policy);
        guint max = icp_policy_get_max_bandwidth (self->policy);
        int now = icp_instance_get_bandwidth_out (instance);

        if (self->mbps < min || self->mbps > max)
          {
            g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INVALID_BANDWIDTH,
                         /* Translators: all three are Mbit/s */
                         _("%u Mbit/s is outside the range that can be bought here: choose "
                           "from %u to %u Mbit/s."), self->mbps, min, max);
            return FALSE;
          }
        if (has_text (icp_instance_get_eip (instance)))
          {
            g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                         /* Translators: %s is an instance id */
                         _("%s has an elastic IP address (EIP), and an instance with an EIP "
                           "cannot also get a static public IP address; change the EIP's "
                           "bandwidth in the console instead."), id);
            return FALSE;
          }
        if (icp_instance_has_lock (instance, "financial"))
          {
            g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INSTANCE_STATE,
                         /* Translators: %s is an instance id */
                         _("%s has expired or has an overdue payment; renew it or pay before "
                           "adding bandwidth."), id);
            return FALSE;
          }
        if (!is_running_or_stopped (instance))
          {
            g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INSTANCE_STATE,
                         /* Translators: %s is an instance id, then its status */
                         _("%s is %s; public bandwidth can be changed only while it is "
                           "running or stopped."),
                       id, icp_instance_status_get_label (icp_instance_get_status (instance)));
            return FALSE;
          }
        if (now > 0 && self->mbps < (guint) now)
          {
            g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_INVALID_BANDWIDTH,
                         /* Translators: %u and %d are Mbit/s, %s an instance id */
                         _("%u Mbit/s is less than the %d Mbit/s %s has now; choose at least "
                           "%d Mbit/s."), self->mbps, now, id, now);
            return FALSE;
          }
        if (!needs_more_bandwidth (self) && has_text (icp_instance_get_public_ip (instance)))
          {
            g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                         /* Translators: %s is an instance id, %d Mbit/s */
                         _("%s already has a public IP address with %d Mbit/s; choose more "
                           "bandwidth to change it."), id, now);
            return FALSE;
          }
        return TRUE;
      }

    default:
      g_set_error_literal (error, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                           _("This remedy cannot be done through the API; follow the guide "
                             "instead."));
      return FALSE;
    }
}

/* ========================================================================================== */
/* IcpEcs                                                                                     */

typedef struct _FetchOp FetchOp;

struct _IcpEcs
{
  GObject       parent_instance;

  IcpApiClient *client;
  guint         max_in_flight;  /* ECS */
  guint         in_flight;
  guint         account_max_in_flight; /* STS, BSS, BSN */
  guint         account_in_flight;
  GQueue        queue;          /* Call to ECS, by priority */
  GQueue        account_queue;  /* Call to the account services, by priority */

  FetchOp      *fetch;          /* the running fetch, or NULL */
  guint         regions_done;
  guint         regions_total;
  guint         instances_so_far;
  char         *owner_account;
  gboolean      billing_refused;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MAX_IN_FLIGHT,
  PROP_ACCOUNT_MAX_IN_FLIGHT,
  PROP_REGIONS_DONE,
  PROP_REGIONS_TOTAL,
  PROP_INSTANCES_SO_FAR,
  PROP_FETCHING,
  PROP_OWNER_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REGIONS_LISTED,
  REGION_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IcpEcs, icp_ecs, G_TYPE_OBJECT)

static void
icp_ecs_dispose (GObject *object)
{
  IcpEcs *self = ICP_ECS (object);

  /* Queued calls hold a reference to us: the queue is empty by now. */
  g_assert (g_queue_is_empty (&self->queue));
  g_assert (g_queue_is_empty (&self->account_queue));
  g_clear_object (&self->client);

  G_OBJECT_CLASS (icp_ecs_parent_class)->dispose (object);
}

static void
icp_ecs_finalize (GObject *object)
{
  IcpEcs *self = ICP_ECS (object);

  g_free (self->owner_account);

  G_OBJECT_CLASS (icp_ecs_parent_class)->finalize (object);
}

static void
icp_ecs_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  IcpEcs *self = ICP_ECS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_ACCOUNT_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->account_max_in_flight);
      break;
    case PROP_REGIONS_DONE:
      g_value_set_uint (value, self->regions_done);
      break;
    case PROP_REGIONS_TOTAL:
      g_value_set_uint (value, self->regions_total);
      break;
    case PROP_INSTANCES_SO_FAR:
      g_value_set_uint (value, self->instances_so_far);
      break;
    case PROP_FETCHING:
      g_value_set_boolean (value, self->fetch != NULL);
      break;
    case PROP_OWNER_ACCOUNT:
      g_value_set_string (value, self->owner_account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_ecs_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  IcpEcs *self = ICP_ECS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_MAX_IN_FLIGHT:
      icp_ecs_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_ACCOUNT_MAX_IN_FLIGHT:
      icp_ecs_set_account_max_in_flight (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_ecs_class_init (IcpEcsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_ecs_dispose;
  object_class->finalize = icp_ecs_finalize;
  object_class->get_property = icp_ecs_get_property;
  object_class->set_property = icp_ecs_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ICP_TYPE_API_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 64, ICP_ECS_DEFAULT_MAX_IN_FLIGHT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACCOUNT_MAX_IN_FLIGHT] =
    g_param_spec_uint ("account-max-in-flight", NULL, NULL, 1, 64,
                       ICP_ECS_DEFAULT_ACCOUNT_MAX_IN_FLIGHT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REGIONS_DONE] =
    g_param_spec_uint ("regions-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REGIONS_TOTAL] =
    g_param_spec_uint ("regions-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INSTANCES_SO_FAR] =
    g_param_spec_uint ("instances-so-far", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FETCHING] =
    g_param_spec_boolean ("fetching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OWNER_ACCOUNT] =
    g_param_spec_string ("owner-account", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IcpEcs::regions-listed:
   * @self: the #IcpEcs
   * @region_ids: (array zero-terminated=1): the regions the fetch will read
   *
   * DescribeRegions answered: the fetch now reads these regions (a region asked for that
   * the account lacks is not among them; it finishes at once with an error).
   */
  signals[REGIONS_LISTED] =
    g_signal_new ("regions-listed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * IcpEcs::region-finished:
   * @self: the #IcpEcs
   * @region_id: the region
   * @n_instances: the instances read there
   * @error: (nullable): why the region could not be read completely, or %NULL
   *
   * One region of the running fetch is done, read completely or failed.
   */
  signals[REGION_FINISHED] =
    g_signal_new ("region-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_UINT, G_TYPE_ERROR);
}

static void
icp_ecs_init (IcpEcs *self)
{
  self->max_in_flight = ICP_ECS_DEFAULT_MAX_IN_FLIGHT;
  self->account_max_in_flight = ICP_ECS_DEFAULT_ACCOUNT_MAX_IN_FLIGHT;
  g_queue_init (&self->queue);
  g_queue_init (&self->account_queue);
}

/**
 * icp_ecs_new:
 * @client: the signed client every request goes through
 *
 * Returns: (transfer full): a new #IcpEcs
 */
IcpEcs *
icp_ecs_new (IcpApiClient *client)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (client), NULL);

  return g_object_new (ICP_TYPE_ECS, "client", client, NULL);
}

IcpApiClient *
icp_ecs_get_client (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), NULL);
  return self->client;
}

guint
icp_ecs_get_max_in_flight (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), 0);
  return self->max_in_flight;
}

static void pump (IcpEcs *self);

static void
set_uint_property (IcpEcs *self,
                   guint  *field,
                   guint   value,
                   guint   prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
icp_ecs_set_max_in_flight (IcpEcs *self,
                           guint   max_in_flight)
{
  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (max_in_flight > 0);

  set_uint_property (self, &self->max_in_flight, max_in_flight, PROP_MAX_IN_FLIGHT);
  pump (self);
}

guint
icp_ecs_get_account_max_in_flight (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), 0);
  return self->account_max_in_flight;
}

void
icp_ecs_set_account_max_in_flight (IcpEcs *self,
                                   guint   max_in_flight)
{
  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (max_in_flight > 0);

  set_uint_property (self, &self->account_max_in_flight, max_in_flight,
                     PROP_ACCOUNT_MAX_IN_FLIGHT);
  pump (self);
}

guint
icp_ecs_get_regions_done (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), 0);
  return self->regions_done;
}

guint
icp_ecs_get_regions_total (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), 0);
  return self->regions_total;
}

guint
icp_ecs_get_instances_so_far (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), 0);
  return self->instances_so_far;
}

gboolean
icp_ecs_get_fetching (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), FALSE);
  return self->fetch != NULL;
}

const char *
icp_ecs_get_owner_account (IcpEcs *self)
{
  g_return_val_if_fail (ICP_IS_ECS (self), NULL);
  return self->owner_account;
}

/* ---- The queue --------------------------------------------------------------------------- */

typedef struct
{
  IcpApiService  service;
  char          *region_id;
  char          *action;
  GHashTable    *params;
  GTask         *task;
  int            priority;
  gboolean       raw;           /* the answer's body (GBytes), not a JsonObject */
} Call;

static void
call_free (Call *call)
{
  g_free (call->region_id);
  g_free (call->action);
  g_hash_table_unref (call->params);
  g_object_unref (call->task);
  g_free (call);
}

/* The budget a call counts toward: ECS, or the account services. */
static guint *
in_flight_of (IcpEcs *self,
              Call   *call)
{
  return call->service == ICP_API_SERVICE_ECS ? &self->in_flight : &self->account_in_flight;
}

static GQueue *
queue_of (IcpEcs *self,
          Call   *call)
{
  return call->service == ICP_API_SERVICE_ECS ? &self->queue : &self->account_queue;
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(IcpEcs) self = g_object_ref (g_task_get_source_object (call->task));
  g_autoptr(GError) error = NULL;

  (*in_flight_of (self, call))--;

  if (call->raw)
    {
      GBytes *body = icp_api_client_call_bytes_finish (ICP_API_CLIENT (source), result, &error);

      if (body != NULL)
        g_task_return_pointer (call->task, body, (GDestroyNotify) g_bytes_unref);
      else
        g_task_return_error (call->task, g_steal_pointer (&error));
    }
  else
    {
      JsonObject *answer = icp_api_client_call_finish (ICP_API_CLIENT (source), result, &error);

      if (answer != NULL)
        g_task_return_pointer (call->task, answer, (GDestroyNotify) json_object_unref);
      else
        g_task_return_error (call->task, g_steal_pointer (&error));
    }
  call_free (call);

  pump (self);
}

static void
send_call (IcpEcs *self,
           Call   *call)
{
  (*in_flight_of (self, call))++;
  if (call->raw)
    icp_api_client_call_bytes_async (self->client, call->service, call->region_id,
                                     call->action, call->params,
                                     g_task_get_cancellable (call->task), call_done_cb, call);
  else
    icp_api_client_call_async (self->client, call->service, call->region_id, call->action,
                               call->params, g_task_get_cancellable (call->task),
                               call_done_cb, call);
}

/* Sends the first waiting calls of a queue while its budget has room. */
static void
pump_queue (IcpEcs *self,
            GQueue *queue,
            guint  *in_flight,
            guint   max_in_flight)
{
  while (*in_flight < max_in_flight && !g_queue_is_empty (queue))
    {
      Call *call = g_queue_pop_head (queue);

      /* Cancelled while it waited: never sent. */
      if (g_task_return_error_if_cancelled (call->task))
        {
          call_free (call);
          continue;
        }

      send_call (self, call);
    }
}

static void
pump (IcpEcs *self)
{
  pump_queue (self, &self->queue, &self->in_flight, self->max_in_flight);
  pump_queue (self, &self->account_queue, &self->account_in_flight,
              self->account_max_in_flight);
}

/* Calls that were cancelled while they waited finish now, not when a slot frees. */
static void
flush_cancelled_in (GQueue *queue)
{
  GList *l = queue->head;

  while (l != NULL)
    {
      GList *next = l->next;
      Call *call = l->data;
      GCancellable *cancellable = g_task_get_cancellable (call->task);

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          g_queue_delete_link (queue, l);
          g_task_return_error_if_cancelled (call->task);
          call_free (call);
        }
      l = next;
    }
}

static void
flush_cancelled (IcpEcs *self)
{
  flush_cancelled_in (&self->queue);
  flush_cancelled_in (&self->account_queue);
}

/* After every waiting call of the same or a more urgent priority: first come, first served
 * within a priority. */
static int
call_sorts_after (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Call *waiting = a;
  const Call *call = b;

  return waiting->priority <= call->priority ? -1 : 1;
}

static void
enqueue (IcpEcs              *self,
         IcpApiService        service,
         const char          *region_id,
         const char          *action,
         GHashTable          *params,
         gboolean             raw,
         int                  priority,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  Call *call = g_new0 (Call, 1);
  GQueue *queue;

  call->service = service;
  call->region_id = g_strdup (region_id);
  call->action = g_strdup (action);
  call->params = g_hash_table_ref (params);
  call->raw = raw;
  call->priority = priority;
  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  g_task_set_name (call->task, action);

  queue = queue_of (self, call);
  /* Mostly one priority: the tail first, so that thousands of calls queue in linear time. */
  if (g_queue_is_empty (queue) ||
      ((Call *) g_queue_peek_tail (queue))->priority <= call->priority)
    g_queue_push_tail (queue, call);
  else
    g_queue_insert_sorted (queue, call, call_sorts_after, NULL);
  pump (self);
}

void
icp_ecs_call_async (IcpEcs              *self,
                    IcpApiService        service,
                    const char          *region_id,
                    const char          *action,
                    GHashTable          *params,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (params != NULL);

  enqueue (self, service, region_id, action, params, FALSE, G_PRIORITY_DEFAULT, cancellable,
           callback, user_data, icp_ecs_call_async);
}

void
icp_ecs_call_bytes_async (IcpEcs              *self,
                          IcpApiService        service,
                          const char          *region_id,
                          const char          *action,
                          GHashTable          *params,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (params != NULL);

  enqueue (self, service, region_id, action, params, TRUE, io_priority, cancellable,
           callback, user_data, icp_ecs_call_bytes_async);
}

/**
 * icp_ecs_call_bytes_finish:
 *
 * Returns: (transfer full): the body of the answer, or %NULL with @error set
 */
GBytes *
icp_ecs_call_bytes_finish (IcpEcs        *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_ecs_call_bytes_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * icp_ecs_call_finish:
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
JsonObject *
icp_ecs_call_finish (IcpEcs        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_ecs_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ========================================================================================== */
/* The fetch                                                                                  */

struct _FetchOp
{
  IcpEcs        *ecs;
  IcpAccount    *account;
  IcpInventory  *inventory;
  IcpPolicy     *policy;
  GTask         *task;            /* NULL once it returned */
  GCancellable  *cancellable;
  GSource       *cancel_source;
  GDateTime     *observed;

  GStrv          wanted_regions;  /* NULL: every region */
  GStrv          instance_ids;    /* NULL: every instance */
  char          *instance_ids_json;

  guint          regions_pending;
  gboolean       regions_listed;
  GPtrArray     *instances;       /* IcpInstance, each once, as in the inventory */
  GHashTable    *seen;            /* id → IcpInstance (borrowed from instances) */
  GHashTable    *region_counts;   /* region id → instances read there (GUINT_TO_POINTER) */

  IcpFetchSummary *summary;

  gboolean       sts_pending;
  gboolean       bss_pending;
  GHashTable    *starts;          /* from the billing API, or NULL */
  guint          starts_next;     /* applying them to the instances read before: the next one */
  guint          starts_end;      /* … and the end (later instances get them as they come) */
  gboolean       probe_started;   /* the Filing Service asked about one instance */
  gboolean       probe_done;
  gboolean       codes_started;   /* … and about the rest */
  guint          codes_pending;
};

static void
fetch_op_clear (FetchOp *op)
{
  g_clear_object (&op->ecs);
  g_clear_object (&op->account);
  g_clear_object (&op->inventory);
  g_clear_object (&op->policy);
  g_clear_object (&op->task);
  g_clear_object (&op->cancellable);
  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_clear_pointer (&op->cancel_source, g_source_unref);
    }
  g_clear_pointer (&op->observed, g_date_time_unref);
  g_clear_pointer (&op->wanted_regions, g_strfreev);
  g_clear_pointer (&op->instance_ids, g_strfreev);
  g_clear_pointer (&op->instance_ids_json, g_free);
  g_clear_pointer (&op->instances, g_ptr_array_unref);
  g_clear_pointer (&op->seen, g_hash_table_unref);
  g_clear_pointer (&op->region_counts, g_hash_table_unref);
  g_clear_object (&op->summary);
  g_clear_pointer (&op->starts, g_hash_table_unref);
}

static FetchOp *
fetch_op_ref (FetchOp *op)
{
  return g_rc_box_acquire (op);
}

static void
fetch_op_unref (FetchOp *op)
{
  g_rc_box_release_full (op, (GDestroyNotify) fetch_op_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchOp, fetch_op_unref)

static gboolean
fetch_op_live (FetchOp *op)
{
  return op->task != NULL;
}

static void
fetch_op_end (FetchOp *op)
{
  IcpEcs *ecs = op->ecs;

  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_clear_pointer (&op->cancel_source, g_source_unref);
    }
  if (ecs->fetch == op)
    {
      ecs->fetch = NULL;
      g_object_notify_by_pspec (G_OBJECT (ecs), properties[PROP_FETCHING]);
    }
}

static void
fetch_op_fail (FetchOp *op,
               GError  *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&op->task);

  fetch_op_end (op);
  g_task_return_error (task, error);
}

static void start_codes (FetchOp *op);
static void probe_codes (FetchOp *op);

static void
fetch_op_maybe_finish (FetchOp *op)
{
  g_autoptr(GTask) task = NULL;

  if (!fetch_op_live (op))
    return;

  if (!op->regions_listed || op->regions_pending > 0 || op->sts_pending || op->bss_pending)
    return;

  /* Everything else is known: the service codes are asked last, for the instances that
   * could otherwise get one, once the probe said the service answers at all. */
  probe_codes (op);
  if (op->probe_started && !op->probe_done)
    return;
  if (!op->codes_started)
    start_codes (op);
  if (op->codes_pending > 0)
    return;

  op->summary->n_instances = op->instances->len;
  task = g_steal_pointer (&op->task);
  fetch_op_end (op);
  g_task_return_pointer (task, g_object_ref (op->summary), g_object_unref);
}

static void
add_warning (FetchOp    *op,
             const char *what,
             GError     *error)
{
  const char *hint = error->domain == ICP_API_ERROR ? icp_api_error_get_hint (error) : NULL;

  g_ptr_array_add (op->summary->warnings,
                   hint != NULL
                   ? g_strdup_printf (/* Translators: what could not be known, the error's
                                       * message, a hint of what to do */
                                      C_("warning", "%s %s %s"), what, error->message, hint)
                   : g_strdup_printf (/* Translators: what could not be known, then the
                                       * error's message */
                                      C_("warning", "%s %s"), what, error->message));
}

/* ---- Owner account ---------------------------------------------------------------------- */

static void
set_owner (FetchOp     *op,
           IcpInstance *instance)
{
  if (op->summary->owner_account != NULL && icp_instance_get_owner_account (instance) == NULL)
    icp_instance_set_owner_account (instance, op->summary->owner_account);
}

static void
caller_identity_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FetchOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;

  account = icp_account_get_caller_identity_finish (ICP_ACCOUNT (source), result, &error);
  op->sts_pending = FALSE;
  if (!fetch_op_live (op))
    return;

  if (account == NULL)
    {
      add_warning (op,
                   _("The owner account is not known (STS GetCallerIdentity failed), so "
                     "instances cannot be compared with the filing account."),
                   error);
    }
  else
    {
      IcpEcs *ecs = op->ecs;

      op->summary->owner_account = g_strdup (account);
      if (g_strcmp0 (ecs->owner_account, account) != 0)
        {
          g_free (ecs->owner_account);
          ecs->owner_account = g_strdup (account);
          g_object_notify_by_pspec (G_OBJECT (ecs), properties[PROP_OWNER_ACCOUNT]);
        }
      for (guint i = 0; i < op->instances->len; i++)
        set_owner (op, g_ptr_array_index (op->instances, i));
      probe_codes (op);
    }

  fetch_op_maybe_finish (op);
}

/* ---- Billing ----------------------------------------------------------------------------- */

/* Applying a start re-checks its instance; 10 000 of them at once held a window's main loop
 * up for 50–70 ms (benchmarks/README.md, part f). A thousand at a time, between frames. */
#define STARTS_BATCH 1000

static gboolean
apply_starts_cb (gpointer user_data)
{
  FetchOp *op = user_data;
  guint end;

  if (!fetch_op_live (op))
    return G_SOURCE_REMOVE;

  end = MIN (op->starts_next + STARTS_BATCH, op->starts_end);
  for (guint i = op->starts_next; i < end; i++)
    icp_account_apply_subscription (g_ptr_array_index (op->instances, i), op->starts);
  op->starts_next = end;
  if (end < op->starts_end)
    return G_SOURCE_CONTINUE;

  op->bss_pending = FALSE;
  fetch_op_maybe_finish (op);
  return G_SOURCE_REMOVE;
}

static void
subscriptions_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FetchOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) starts = NULL;

  starts = icp_account_query_subscriptions_finish (ICP_ACCOUNT (source), result, &error);
  if (!fetch_op_live (op))
    {
      op->bss_pending = FALSE;
      return;
    }

  if (starts == NULL)
    {
      op->bss_pending = FALSE;
      op->ecs->billing_refused = TRUE;
      add_warning (op,
                   _("The billing API did not answer (QueryAvailableInstances), so subscription "
                     "lengths stay estimated from the creation time."),
                   error);
    }
  else
    {
      op->ecs->billing_refused = FALSE;
      op->summary->billing_used = TRUE;
      op->starts = g_steal_pointer (&starts);
      /* The instances read so far get their start a batch at a time (bss_pending until the
       * last); those read from now on get it as they arrive (take_instances). */
      op->starts_next = 0;
      op->starts_end = op->instances->len;
      if (apply_starts_cb (op) == G_SOURCE_CONTINUE)
        g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_starts_cb, fetch_op_ref (op),
                         (GDestroyNotify) fetch_op_unref);
      return;
    }

  fetch_op_maybe_finish (op);
}

/* ---- Service codes ----------------------------------------------------------------------- */

/* The count of each instance is set by its own callback; keep them apart with a closure. */
typedef struct
{
  FetchOp     *op;
  IcpInstance *instance;
} CodesCall;

static void
ask_count (FetchOp             *op,
           IcpInstance         *instance,
           GAsyncReadyCallback  callback)
{
  CodesCall *call = g_new0 (CodesCall, 1);

  call->op = fetch_op_ref (op);
  call->instance = g_object_ref (instance);
  op->codes_pending++;
  icp_account_count_codes_async (op->account, icp_instance_get_id (instance),
                                 op->summary->owner_account, op->cancellable, callback, call);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CodesCall *call = user_data;
  g_autoptr(FetchOp) op = call->op;
  g_autoptr(IcpInstance) instance = call->instance;
  g_autoptr(GError) error = NULL;
  int count;

  g_free (call);
  count = icp_account_count_codes_finish (ICP_ACCOUNT (source), result, &error);
  op->codes_pending--;
  op->probe_done = TRUE;
  if (!fetch_op_live (op))
    return;

  if (count < 0)
    {
      /* Asked once; a refusal leaves every count unknown, and the fetch goes on. */
      add_warning (op,
                   _("The Filing Service did not answer (GetBsnByResource), so the number of "
                     "ICP filing service codes used stays unknown."),
                   error);
    }
  else
    {
      op->summary->codes_known = TRUE;
      icp_instance_set_codes_used (instance, count);
    }

  fetch_op_maybe_finish (op);
}

/* The Filing Service is meant for partners and refuses most accounts: one question about the
 * first instance read, as soon as the owner is known, tells whether to ask about the rest.
 * Asked early, its answer is in long before the last page. */
static void
probe_codes (FetchOp *op)
{
  if (op->probe_started || op->summary->owner_account == NULL || op->instances->len == 0)
    return;

  op->probe_started = TRUE;
  ask_count (op, g_ptr_array_index (op->instances, 0), probe_cb);
}

static void
count_one_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CodesCall *call = user_data;
  g_autoptr(FetchOp) op = call->op;
  g_autoptr(IcpInstance) instance = call->instance;
  int count;

  g_free (call);
  count = icp_account_count_codes_finish (ICP_ACCOUNT (source), result, NULL);
  op->codes_pending--;
  if (!fetch_op_live (op))
    return;

  if (count >= 0)
    icp_instance_set_codes_used (instance, count);

  fetch_op_maybe_finish (op);
}

static void
start_codes (FetchOp *op)
{
  op->codes_started = TRUE;

  if (!op->summary->codes_known)
    return;

  /* Only where the count can change the verdict: an instance that could get a code now. */
  for (guint i = 0; i < op->instances->len; i++)
    {
      IcpInstance *instance = g_ptr_array_index (op->instances, i);
      IcpVerdict *verdict = icp_instance_get_verdict (instance);

      if (verdict != NULL && icp_verdict_get_state (verdict) == ICP_VERDICT_STATE_ELIGIBLE &&
          icp_instance_get_codes_used (instance) < 0)
        ask_count (op, instance, count_one_cb);
    }
}

/* ---- Regions and pages ------------------------------------------------------------------- */

typedef struct
{
  FetchOp *op;
  char    *region_id;
  guint    page;
} PageCall;

static void
page_call_free (PageCall *call)
{
  fetch_op_unref (call->op);
  g_free (call->region_id);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageCall, page_call_free)

static void page_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
request_page (FetchOp    *op,
              const char *region_id,
              guint       page,
              const char *next_token)
{
  g_autoptr(GHashTable) params = new_params ();
  PageCall *call = g_new0 (PageCall, 1);

  call->op = fetch_op_ref (op);
  call->region_id = g_strdup (region_id);
  call->page = page;

  g_hash_table_insert (params, "RegionId", g_strdup (region_id));
  g_hash_table_insert (params, "MaxResults", g_strdup (PAGE_SIZE));
  if (next_token != NULL)
    g_hash_table_insert (params, "NextToken", g_strdup (next_token));
  if (op->instance_ids_json != NULL)
    g_hash_table_insert (params, "InstanceIds", g_strdup (op->instance_ids_json));

  icp_ecs_call_bytes_async (op->ecs, ICP_API_SERVICE_ECS, region_id, "DescribeInstances",
                            params, G_PRIORITY_DEFAULT, op->cancellable, page_cb, call);
}

static void
region_finished (FetchOp    *op,
                 const char *region_id,
                 GError     *error)
{
  if (error != NULL)
    {
      g_ptr_array_add (op->summary->failed, g_strdup (region_id));
      g_hash_table_replace (op->summary->errors, g_strdup (region_id), error);
    }

  op->regions_pending--;
  set_uint_property (op->ecs, &op->ecs->regions_done, op->ecs->regions_done + 1,
                     PROP_REGIONS_DONE);
  g_signal_emit (op->ecs, signals[REGION_FINISHED], 0, region_id,
                 GPOINTER_TO_UINT (g_hash_table_lookup (op->region_counts, region_id)),
                 error);
}

static void
take_instances (FetchOp   *op,
                GPtrArray *instances)
{
  for (guint i = 0; i < instances->len; i++)
    {
      IcpInstance *instance = g_ptr_array_index (instances, i);

      /* Facts from the other APIs first, so the inventory checks each instance once. */
      set_owner (op, instance);
      icp_account_apply_subscription (instance, op->starts);
    }

  icp_inventory_add_all (op->inventory, instances);

  for (guint i = 0; i < instances->len; i++)
    {
      IcpInstance *instance = g_ptr_array_index (instances, i);
      const char *id = icp_instance_get_id (instance);

      if (g_hash_table_contains (op->seen, id))
        continue;
      /* The inventory's copy: the one the app shows and a later fact must reach. */
      instance = icp_inventory_lookup (op->inventory, id);
      if (instance == NULL)
        continue;
      g_ptr_array_add (op->instances, g_object_ref (instance));
      g_hash_table_insert (op->seen, (gpointer) icp_instance_get_id (instance), instance);
    }

  set_uint_property (op->ecs, &op->ecs->instances_so_far, op->instances->len,
                     PROP_INSTANCES_SO_FAR);
  probe_codes (op);
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PageCall) call = user_data;
  FetchOp *op = call->op;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autofree char *name = NULL;
  g_autofree char *next_token = NULL;
  guint n_region;
  gboolean more;

  body = icp_ecs_call_bytes_finish (ICP_ECS (source), result, &error);
  if (!fetch_op_live (op))
    return;

  /* The region failed while this page was on its way (a page before it could not be read). */
  if (g_hash_table_contains (op->summary->errors, call->region_id))
    return;

  /* Translators: names a page of the API's answer in messages: a region id, a page number */
  name = g_strdup_printf (_("DescribeInstances %s, page %u"), call->region_id, call->page);
  if (body == NULL || !scan_page (body, name, &next_token, &error))
    {
      region_finished (op, call->region_id, g_steal_pointer (&error));
      fetch_op_maybe_finish (op);
      return;
    }

  /* The next page is asked before this one is read: it is on its way while we read. */
  more = next_token != NULL && next_token[0] != '\0' && op->instance_ids == NULL;
  if (more)
    request_page (op, call->region_id, call->page + 1, next_token);

  instances = import_page (body, op->policy, name, op->observed, &error);
  g_clear_pointer (&body, g_bytes_unref);
  if (instances == NULL)
    {
      region_finished (op, call->region_id, g_steal_pointer (&error));
      fetch_op_maybe_finish (op);
      return;
    }

  n_region = GPOINTER_TO_UINT (g_hash_table_lookup (op->region_counts, call->region_id));
  g_hash_table_replace (op->region_counts, g_strdup (call->region_id),
                        GUINT_TO_POINTER (n_region + instances->len));
  take_instances (op, instances);

  if (!more)
    region_finished (op, call->region_id, NULL);

  fetch_op_maybe_finish (op);
}

static void
regions_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FetchOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *list;
  IcpEcs *ecs = op->ecs;

  answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);
  if (!fetch_op_live (op))
    return;

  if (answer == NULL)
    {
      fetch_op_fail (op, g_steal_pointer (&error));
      return;
    }

  list = array_member (object_member (answer, "Regions"), "Region");
  if (list == NULL)
    {
      fetch_op_fail (op, g_error_new_literal (ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE,
                                              _("The answer to DescribeRegions holds no region "
                                                "list; try again later.")));
      return;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *region;
      const char *id, *endpoint;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      region = json_node_get_object (node);
      id = string_member (region, "RegionId");
      endpoint = string_member (region, "RegionEndpoint");
      if (id == NULL || id[0] == '\0')
        continue;
      if (endpoint != NULL && endpoint[0] != '\0')
        icp_api_client_set_region_endpoint (ecs->client, id, endpoint);
      if (op->wanted_regions == NULL ||
          g_strv_contains ((const char * const *) op->wanted_regions, id))
        g_ptr_array_add (ids, g_strdup (id));
    }

  op->regions_listed = TRUE;
  op->regions_pending = ids->len;
  set_uint_property (ecs, &ecs->regions_total, ids->len, PROP_REGIONS_TOTAL);

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (op->summary->regions, g_strdup (g_ptr_array_index (ids, i)));
  g_ptr_array_add (ids, NULL);
  g_signal_emit (ecs, signals[REGIONS_LISTED], 0, (const char * const *) ids->pdata);
  g_ptr_array_set_size (ids, ids->len - 1);

  /* A region asked for that the account does not have. */
  for (guint i = 0; op->wanted_regions != NULL && op->wanted_regions[i] != NULL; i++)
    {
      const char *id = op->wanted_regions[i];

      if (g_strv_contains ((const char * const *) op->summary->regions->pdata, id))
        continue;
      g_ptr_array_add (op->summary->regions, g_strdup (id));
      op->regions_pending++;
      set_uint_property (ecs, &ecs->regions_total, ecs->regions_total + 1, PROP_REGIONS_TOTAL);
      region_finished (op, id,
                       g_error_new (ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_FOUND,
                                    /* Translators: %s is a region id */
                                    _("Region %s is not offered to this account "
                                      "(DescribeRegions does not list it); check its id."),
                                    id));
    }

  for (guint i = 0; i < ids->len; i++)
    request_page (op, g_ptr_array_index (ids, i), 1, NULL);

  fetch_op_maybe_finish (op);
}

static gboolean
fetch_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  FetchOp *op = user_data;

  if (fetch_op_live (op))
    {
      g_autoptr(GTask) task = g_steal_pointer (&op->task);

      fetch_op_end (op);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The fetch was cancelled; the instances read so far are "
                                 "kept."));
      flush_cancelled (op->ecs);
    }

  return G_SOURCE_REMOVE;
}

void
icp_ecs_fetch_instances_async (IcpEcs              *self,
                               IcpInventory        *inventory,
                               const char * const  *regions,
                               const char * const  *instance_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(FetchOp) op = NULL;
  g_autoptr(GHashTable) params = new_params ();

  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (ICP_IS_INVENTORY (inventory));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_ecs_fetch_instances_async);

  if (self->fetch != NULL)
    {
      g_task_return_new_error (task, ICP_ECS_ERROR, ICP_ECS_ERROR_BUSY,
                               _("The instances are being read already; wait for that to "
                                 "finish."));
      return;
    }

  op = g_rc_box_new0 (FetchOp);
  op->ecs = g_object_ref (self);
  op->account = icp_account_new (self);
  op->inventory = g_object_ref (inventory);
  op->policy = g_object_ref (icp_checker_get_policy (icp_inventory_get_checker (inventory)));
  op->task = g_steal_pointer (&task);
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->observed = g_date_time_new_now_utc ();
  op->wanted_regions = regions != NULL && regions[0] != NULL ? g_strdupv ((char **) regions)
                                                             : NULL;
  if (instance_ids != NULL && instance_ids[0] != NULL)
    {
      op->instance_ids = g_strdupv ((char **) instance_ids);
      op->instance_ids_json = json_string_array (instance_ids);
    }
  op->instances = g_ptr_array_new_with_free_func (g_object_unref);
  op->seen = g_hash_table_new (g_str_hash, g_str_equal);
  op->region_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->summary = g_object_new (ICP_TYPE_FETCH_SUMMARY, NULL);

  self->fetch = op;
  g_object_freeze_notify (G_OBJECT (self));
  set_uint_property (self, &self->regions_done, 0, PROP_REGIONS_DONE);
  set_uint_property (self, &self->regions_total, 0, PROP_REGIONS_TOTAL);
  set_uint_property (self, &self->instances_so_far, 0, PROP_INSTANCES_SO_FAR);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
  g_object_thaw_notify (G_OBJECT (self));

  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (fetch_cancelled_cb), op, NULL);
      g_source_attach (op->cancel_source, g_main_context_get_thread_default ());
    }

  /* The owner and the billing facts are asked alongside the region list. */
  op->sts_pending = TRUE;
  icp_account_get_caller_identity_async (op->account, cancellable, caller_identity_cb,
                                         fetch_op_ref (op));
  op->bss_pending = TRUE;
  icp_account_query_subscriptions_async (op->account,
                                         (const char * const *) op->instance_ids,
                                         cancellable, subscriptions_cb, fetch_op_ref (op));
  icp_ecs_call_async (self, ICP_API_SERVICE_ECS, NULL, "DescribeRegions", params, cancellable,
                      regions_cb, fetch_op_ref (op));
}

void
icp_ecs_fetch_async (IcpEcs              *self,
                     IcpInventory        *inventory,
                     const char * const  *regions,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  icp_ecs_fetch_instances_async (self, inventory, regions, NULL, cancellable, callback,
                                 user_data);
}

/**
 * icp_ecs_fetch_finish:
 *
 * Returns: (transfer full): what the fetch did, or %NULL with @error set
 */
IcpFetchSummary *
icp_ecs_fetch_finish (IcpEcs        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        icp_ecs_fetch_instances_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ========================================================================================== */
/* Refresh                                                                                    */

typedef struct
{
  IcpInventory *inventory;     /* nullable */
  IcpInstance  *instance;      /* the one we know */
  IcpInstance  *fresh;         /* as read again */
  IcpChargeType charge_before;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->inventory);
  g_clear_object (&data->instance);
  g_clear_object (&data->fresh);
  g_free (data);
}

static void
refresh_merge (GTask *task)
{
  RefreshData *data = g_task_get_task_data (task);
  IcpInstance *fresh = data->fresh;
  IcpInstance *result = NULL;

  /* A subscription start the billing API gave stays true across a renewal. */
  if (icp_instance_get_subscription_source (fresh) != ICP_SUBSCRIPTION_SOURCE_BILLING &&
      icp_instance_get_charge_type (fresh) == ICP_CHARGE_TYPE_PREPAID)
    {
      if (data->charge_before == ICP_CHARGE_TYPE_POSTPAID)
        {
          /* Just switched: the subscription starts now, not at the creation. */
          icp_instance_set_subscription_start (fresh, icp_instance_get_observed (fresh));
          icp_instance_set_subscription_source (fresh, ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
        }
      else if (icp_instance_get_subscription_source (data->instance) ==
               ICP_SUBSCRIPTION_SOURCE_BILLING)
        {
          icp_instance_set_subscription_start (fresh,
                                               icp_instance_get_subscription_start (data->instance));
          icp_instance_set_subscription_source (fresh, ICP_SUBSCRIPTION_SOURCE_BILLING);
        }
    }

  if (data->inventory != NULL)
    {
      /* Newer than what the inventory holds: merged into its copy, which is re-checked. */
      icp_inventory_add (data->inventory, fresh);
      result = icp_inventory_lookup (data->inventory, icp_instance_get_id (fresh));
    }
  if (result != data->instance)
    icp_instance_update_from (data->instance, fresh);
  if (result == NULL)
    result = data->instance;

  g_task_return_pointer (task, g_object_ref (result), g_object_unref);
}

static void
refresh_billing_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) starts = NULL;

  /* Not answered: the estimate stays. */
  starts = icp_account_query_subscriptions_finish (ICP_ACCOUNT (source), result, NULL);
  icp_account_apply_subscription (data->fresh, starts);
  refresh_merge (task);
}

static void
refresh_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpEcs *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(IcpPolicy) fallback = NULL;
  const char *id = icp_instance_get_id (data->instance);
  IcpPolicy *policy;
  g_autofree char *name = NULL;

  body = icp_ecs_call_bytes_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  policy = data->inventory != NULL
           ? icp_checker_get_policy (icp_inventory_get_checker (data->inventory)) : NULL;
  if (policy == NULL)
    {
      fallback = icp_policy_new_default (&error);
      if (fallback == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      policy = fallback;
    }

  /* Translators: names an answer of the API in messages; %s is an instance id */
  name = g_strdup_printf (_("DescribeInstances %s"), id);
  instances = instances_from_body (body, policy, name, now, &error);
  if (instances == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < instances->len; i++)
    if (g_str_equal (icp_instance_get_id (g_ptr_array_index (instances, i)), id))
      data->fresh = g_object_ref (g_ptr_array_index (instances, i));

  if (data->fresh == NULL)
    {
      g_task_return_new_error (task, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_FOUND,
                               /* Translators: %s is an instance id, then a region id */
                               _("Instance %s is no longer in region %s; it may have been "
                                 "released."),
                               id, icp_instance_get_region_id (data->instance));
      return;
    }

  if (!self->billing_refused && icp_instance_get_charge_type (data->fresh) ==
                                ICP_CHARGE_TYPE_PREPAID)
    {
      g_autoptr(IcpAccount) account = icp_account_new (self);
      const char *ids[] = { id, NULL };

      GCancellable *cancellable = g_task_get_cancellable (task);

      icp_account_query_subscriptions_async (account, ids, cancellable, refresh_billing_cb,
                                             g_steal_pointer (&task));
      return;
    }

  refresh_merge (task);
}

void
icp_ecs_refresh_instance_async (IcpEcs              *self,
                                IcpInventory        *inventory,
                                IcpInstance         *instance,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) params = new_params ();
  RefreshData *data;
  const char *ids[2] = { NULL, NULL };

  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (inventory == NULL || ICP_IS_INVENTORY (inventory));
  g_return_if_fail (ICP_IS_INSTANCE (instance));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_ecs_refresh_instance_async);

  data = g_new0 (RefreshData, 1);
  data->inventory = inventory != NULL ? g_object_ref (inventory) : NULL;
  data->instance = g_object_ref (instance);
  data->charge_before = icp_instance_get_charge_type (instance);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  if (icp_instance_get_region_id (instance) == NULL)
    {
      g_task_return_new_error (task, ICP_ECS_ERROR, ICP_ECS_ERROR_NOT_APPLICABLE,
                               _("The region of %s is not known; read the instance from the "
                                 "account first."), icp_instance_get_id (instance));
      return;
    }

  ids[0] = icp_instance_get_id (instance);
  g_hash_table_insert (params, "RegionId", g_strdup (icp_instance_get_region_id (instance)));
  g_hash_table_insert (params, "InstanceIds", json_string_array (ids));
  icp_ecs_call_bytes_async (self, ICP_API_SERVICE_ECS, icp_instance_get_region_id (instance),
                            "DescribeInstances", params, G_PRIORITY_DEFAULT, cancellable,
                            refresh_page_cb, g_steal_pointer (&task));
}

/**
 * icp_ecs_refresh_instance_finish:
 *
 * Returns: (transfer full): the instance as the inventory holds it now
 */
IcpInstance *
icp_ecs_refresh_instance_finish (IcpEcs        *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        icp_ecs_refresh_instance_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ========================================================================================== */
/* Fixes                                                                                      */

typedef enum
{
  CALL_DRY_RUN,
  CALL_REAL,
} CallKind;

/* The one call that makes the change, with its parameters; NULL action: nothing to call. */
static const char *
fix_call (IcpFixRequest *request,
          CallKind       kind,
          GHashTable    *params)
{
  IcpInstance *instance = request->instance;
  const char *id = icp_instance_get_id (instance);
  const char *action = NULL;
  gboolean costs = TRUE;

  g_hash_table_insert (params, "RegionId", g_strdup (icp_instance_get_region_id (instance)));

  switch (request->remedy)
    {
    case ICP_REMEDY_RENEW:
      action = "RenewInstance";
      g_hash_table_insert (params, "InstanceId", g_strdup (id));
      g_hash_table_insert (params, "Period", g_strdup_printf ("%u", request->months));
      g_hash_table_insert (params, "PeriodUnit", g_strdup ("Month"));
      break;

    case ICP_REMEDY_SWITCH_BILLING:
      {
        const char *ids[] = { id, NULL };

        action = "ModifyInstanceChargeType";
        g_hash_table_insert (params, "InstanceIds", json_string_array (ids));
        g_hash_table_insert (params, "InstanceChargeType", g_strdup ("PrePaid"));
        g_hash_table_insert (params, "Period", g_strdup_printf ("%u", request->months));
        g_hash_table_insert (params, "PeriodUnit", g_strdup ("Month"));
      }
      break;

    case ICP_REMEDY_ADD_BANDWIDTH:
      g_hash_table_insert (params, "InstanceId", g_strdup (id));
      if (needs_more_bandwidth (request))
        {
          action = "ModifyInstanceNetworkSpec";
          g_hash_table_insert (params, "InternetMaxBandwidthOut",
                               g_strdup_printf ("%u", request->mbps));
          /* A subscription gets its address with the bandwidth; pay-as-you-go must ask. */
          if (icp_instance_get_charge_type (instance) != ICP_CHARGE_TYPE_PREPAID &&
              !has_text (icp_instance_get_public_ip (instance)))
            g_hash_table_insert (params, "AllocatePublicIp", g_strdup ("true"));
        }
      else
        {
          action = "AllocatePublicIpAddress";
          costs = FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (kind == CALL_DRY_RUN)
    {
      g_hash_table_insert (params, "DryRun", g_strdup ("true"));
    }
  else if (costs)
    {
      g_hash_table_insert (params, "ClientToken", g_strdup (request->client_token));
      /* AutoPay defaults to true in the API: an order waits for the user unless asked. */
      g_hash_table_insert (params, "AutoPay", g_strdup (request->pay ? "true" : "false"));
    }

  return action;
}

static GTask *
fix_task_new (IcpEcs              *self,
              IcpFixRequest       *request,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_object_ref (request), g_object_unref);
  return task;
}

/* ---- Dry run ----------------------------------------------------------------------------- */

static void
dry_run_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpFixRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);
  if (answer == NULL && !g_error_matches (error, ICP_API_ERROR, ICP_API_ERROR_DRY_RUN_PASSED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request->dry_run_passed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (request), fix_properties[FIX_PROP_DRY_RUN_PASSED]);
  g_task_return_boolean (task, TRUE);
}

void
icp_ecs_fix_dry_run_async (IcpEcs              *self,
                           IcpFixRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) params = new_params ();
  g_autoptr(GError) error = NULL;
  const char *action;

  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (ICP_IS_FIX_REQUEST (request));

  task = fix_task_new (self, request, cancellable, callback, user_data,
                       icp_ecs_fix_dry_run_async);

  if (!icp_fix_request_validate (request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  action = fix_call (request, CALL_DRY_RUN, params);
  icp_ecs_call_async (self, ICP_API_SERVICE_ECS, icp_instance_get_region_id (request->instance),
                      action, params, cancellable, dry_run_cb, g_steal_pointer (&task));
}

gboolean
icp_ecs_fix_dry_run_finish (IcpEcs        *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_ecs_fix_dry_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Price ------------------------------------------------------------------------------- */

static void
price_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpFixRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *price;
  double value;

  answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* No price is not a reason to stop: say why there is none. */
      g_free (request->price_problem);
      request->price_problem = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  price = object_member (object_member (answer, "PriceInfo"), "Price");
  if (number_member (price, "TradePrice", &value) ||
      number_member (price, "DiscountPrice", &value) ||
      number_member (price, "OriginalPrice", &value))
    {
      request->price = value;
      g_free (request->currency);
      request->currency = g_strdup (string_member (price, "Currency"));
      g_clear_pointer (&request->price_problem, g_free);
      g_object_notify_by_pspec (G_OBJECT (request), fix_properties[FIX_PROP_PRICE]);
    }
  else
    {
      g_free (request->price_problem);
      request->price_problem = g_strdup (_("The API gave no price for this change."));
    }

  g_task_return_boolean (task, TRUE);
}

static void
ask_price (GTask      *task,
           const char *instance_type,
           const char *zone_id)
{
  IcpEcs *self = g_task_get_source_object (task);
  IcpFixRequest *request = g_task_get_task_data (task);
  IcpInstance *instance = request->instance;
  g_autoptr(GHashTable) params = new_params ();
  const char *region = icp_instance_get_region_id (instance);
  const char *action;

  g_hash_table_insert (params, "RegionId", g_strdup (region));
  g_clear_pointer (&request->price_unit, g_free);

  switch (request->remedy)
    {
    case ICP_REMEDY_RENEW:
      action = "DescribeRenewalPrice";
      g_hash_table_insert (params, "ResourceId", g_strdup (icp_instance_get_id (instance)));
      g_hash_table_insert (params, "Period", g_strdup_printf ("%u", request->months));
      g_hash_table_insert (params, "PriceUnit", g_strdup ("Month"));
      break;

    case ICP_REMEDY_SWITCH_BILLING:
      action = "DescribePrice";
      g_hash_table_insert (params, "ResourceType", g_strdup ("instance"));
      if (instance_type != NULL)
        g_hash_table_insert (params, "InstanceType", g_strdup (instance_type));
      if (zone_id != NULL)
        g_hash_table_insert (params, "ZoneId", g_strdup (zone_id));
      g_hash_table_insert (params, "Period", g_strdup_printf ("%u", request->months));
      g_hash_table_insert (params, "PriceUnit", g_strdup ("Month"));
      break;

    case ICP_REMEDY_ADD_BANDWIDTH:
      {
        gboolean prepaid = icp_instance_get_charge_type (instance) == ICP_CHARGE_TYPE_PREPAID;

        action = "DescribePrice";
        g_hash_table_insert (params, "ResourceType", g_strdup ("bandwidth"));
        g_hash_table_insert (params, "InternetMaxBandwidthOut",
                             g_strdup_printf ("%u", request->mbps));
        g_hash_table_insert (params, "InternetChargeType", g_strdup ("PayByBandwidth"));
        g_hash_table_insert (params, "Period", g_strdup ("1"));
        g_hash_table_insert (params, "PriceUnit", g_strdup (prepaid ? "Month" : "Hour"));
        request->price_unit = g_strdup (prepaid ? "Month" : "Hour");
      }
      break;

    default:
      g_assert_not_reached ();
    }

  icp_ecs_call_async (self, ICP_API_SERVICE_ECS, region, action, params,
                      g_task_get_cancellable (task), price_cb, task);
}

/* DescribePrice for a subscription needs the instance type, which the model does not keep. */
static void
instance_type_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *list;
  JsonObject *first = NULL;

  answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);
  if (answer == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  list = array_member (object_member (answer, "Instances"), "Instance");
  if (list != NULL && json_array_get_length (list) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, 0)))
    first = json_array_get_object_element (list, 0);

  ask_price (task, string_member (first, "InstanceType"), string_member (first, "ZoneId"));
}

void
icp_ecs_fix_price_async (IcpEcs              *self,
                         IcpFixRequest       *request,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (ICP_IS_FIX_REQUEST (request));

  task = fix_task_new (self, request, cancellable, callback, user_data,
                       icp_ecs_fix_price_async);

  if (!icp_fix_request_validate (request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request->price = -1;

  /* Assigning an address to bandwidth already bought costs nothing more. */
  if (request->remedy == ICP_REMEDY_ADD_BANDWIDTH && !needs_more_bandwidth (request))
    {
      g_free (request->price_problem);
      request->price_problem = g_strdup (_("Assigning a public IP address costs nothing more "
                                           "than the bandwidth already bought."));
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (request->remedy == ICP_REMEDY_SWITCH_BILLING)
    {
      g_autoptr(GHashTable) params = new_params ();
      const char *ids[] = { icp_instance_get_id (request->instance), NULL };
      const char *region = icp_instance_get_region_id (request->instance);

      g_hash_table_insert (params, "RegionId", g_strdup (region));
      g_hash_table_insert (params, "InstanceIds", json_string_array (ids));
      icp_ecs_call_async (self, ICP_API_SERVICE_ECS, region, "DescribeInstances", params,
                          cancellable, instance_type_cb, g_steal_pointer (&task));
      return;
    }

  ask_price (g_steal_pointer (&task), NULL, NULL);
}

gboolean
icp_ecs_fix_price_finish (IcpEcs        *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_ecs_fix_price_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Apply ------------------------------------------------------------------------------- */

typedef struct
{
  IcpFixRequest *request;
  IcpInventory  *inventory;
  gboolean       address_asked;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_object (&data->request);
  g_clear_object (&data->inventory);
  g_free (data);
}

static void apply_refreshed_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
apply_call_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpEcs *self = ICP_ECS (source);
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  GCancellable *cancellable;
  const char *order;

  answer = icp_ecs_call_finish (self, result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  order = string_member (answer, "OrderId");
  if (order != NULL && order[0] != '\0')
    {
      g_free (data->request->order_id);
      data->request->order_id = g_strdup (order);
      g_object_notify_by_pspec (G_OBJECT (data->request), fix_properties[FIX_PROP_ORDER_ID]);
    }

  cancellable = g_task_get_cancellable (task);
  icp_ecs_refresh_instance_async (self, data->inventory, data->request->instance, cancellable,
                                  apply_refreshed_cb, g_steal_pointer (&task));
}

static void
apply_refreshed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpEcs *self = ICP_ECS (source);
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpInstance) instance = NULL;

  instance = icp_ecs_refresh_instance_finish (self, result, &error);
  if (instance == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Bandwidth bought for pay-as-you-go, or bought earlier without an address: the address
   * is a call of its own (AllocatePublicIpAddress), once the bandwidth is there. */
  if (data->request->remedy == ICP_REMEDY_ADD_BANDWIDTH && !data->address_asked &&
      !has_text (icp_instance_get_public_ip (instance)) &&
      !has_text (icp_instance_get_eip (instance)) &&
      icp_instance_get_bandwidth_out (instance) > 0)
    {
      g_autoptr(GHashTable) params = new_params ();
      GCancellable *cancellable = g_task_get_cancellable (task);

      data->address_asked = TRUE;
      g_hash_table_insert (params, "RegionId",
                           g_strdup (icp_instance_get_region_id (instance)));
      g_hash_table_insert (params, "InstanceId", g_strdup (icp_instance_get_id (instance)));
      icp_ecs_call_async (self, ICP_API_SERVICE_ECS, icp_instance_get_region_id (instance),
                          "AllocatePublicIpAddress", params, cancellable, apply_call_cb,
                          g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&instance), g_object_unref);
}

void
icp_ecs_fix_apply_async (IcpEcs              *self,
                         IcpFixRequest       *request,
                         IcpInventory        *inventory,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) params = new_params ();
  g_autoptr(GError) error = NULL;
  ApplyData *data;
  const char *action;

  g_return_if_fail (ICP_IS_ECS (self));
  g_return_if_fail (ICP_IS_FIX_REQUEST (request));
  g_return_if_fail (inventory == NULL || ICP_IS_INVENTORY (inventory));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_ecs_fix_apply_async);
  data = g_new0 (ApplyData, 1);
  data->request = g_object_ref (request);
  data->inventory = inventory != NULL ? g_object_ref (inventory) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);

  if (!icp_fix_request_validate (request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  action = fix_call (request, CALL_REAL, params);
  if (g_str_equal (action, "AllocatePublicIpAddress"))
    data->address_asked = TRUE;
  icp_ecs_call_async (self, ICP_API_SERVICE_ECS, icp_instance_get_region_id (request->instance),
                      action, params, cancellable, apply_call_cb, g_steal_pointer (&task));
}

/**
 * icp_ecs_fix_apply_finish:
 *
 * Returns: (transfer full): the instance as read after the change
 */
IcpInstance *
icp_ecs_fix_apply_finish (IcpEcs        *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_ecs_fix_apply_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
