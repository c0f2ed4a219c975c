/* icp-fake-cloud.c — a fake Alibaba Cloud (ECS, STS, BSS, Filing Service) for tests and trials
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How a request goes through: server_cb() hands /_fake/ paths to control_request() and the
 * rest to api_request(), which reads the parameters (query and form body), finds the key and
 * checks the signature (v1 or v3) the way the real gateway does, then the armed faults, then
 * the handler of the Action. A handler either fills call->result (the answer
 * without RequestId) or calls call_error(). The answer is delivered at once, or after the
 * latency / slow fault through soup_server_message_pause() and a timeout; transport faults
 * (truncated body, dropped connection) steal the connection and write to it directly.
 *
 * Error codes, messages and HTTP statuses come from ../shared/reference/alibaba-api.md (§2.4,
 * §2.5, §2.8–2.11); where the documentation names no code, the choice is written next to it. */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "icp-fake-cloud.h"
#include "icp-signer.h"
#include "icp-time.h"

#define ECS_VERSION "2014-05-26"
#define STS_VERSION "2015-04-01"
#define BSS_VERSION "2017-12-14"

#define TIMESTAMP_SKEW_US   (15 * 60 * G_USEC_PER_SEC)
#define BANDWIDTH_COOLDOWN  (5 * 60 * G_USEC_PER_SEC)
#define MAX_BANDWIDTH_OUT   100
#define DEFAULT_SLOW_MS     30000
#define PAY_AS_YOU_GO_END   "2099-12-31T15:59Z"

typedef enum
{
  SERVICE_ECS,
  SERVICE_STS,
  SERVICE_BSS,
  SERVICE_BSN,
} Service;

static const char * const service_keys[] = { "ecs", "sts", "bss", "bsn" };
static const char * const service_hosts[] = {
  "ecs.aliyuncs.com", "sts.aliyuncs.com", "business.aliyuncs.com", "bsn.aliyuncs.com",
};

typedef struct
{
  char       *id;
  char       *secret;
  char       *token;         /* nullable: only STS keys have one */
  char       *identity_type;
  char       *arn;
  char       *user_id;
  char       *principal_id;
  char       *role_id;       /* nullable */
  JsonObject *permissions;   /* nullable */
} FakeKey;

typedef struct
{
  char        *action; /* nullable: any */
  char        *region; /* nullable: any */
  IcpFakeFault kind;
  guint        remaining; /* 0: forever */
} Fault;

typedef struct
{
  char       *order_id;
  char       *action;
  GHashTable *params;
  gboolean    paid;
} Order;

typedef struct
{
  guint  status;
  char  *body; /* JSON */
  char  *signature; /* the parameters it answered, to spot a token reused for another call */
} StoredAnswer;

typedef struct
{
  char *region;
  guint offset;
  char *filter;
} PageToken;

struct _IcpFakeCloud
{
  GObject     parent_instance;

  SoupServer *server;
  char       *url;
  guint       port;

  char       *account_id;
  GPtrArray  *keys;        /* FakeKey */
  JsonObject *permissions; /* account-wide */
  JsonArray  *regions;     /* nullable: derived from the instances */
  GPtrArray  *region_ids;  /* char *, in DescribeRegions order */
  JsonArray  *instances;   /* every instance, data order */
  GHashTable *by_id;       /* InstanceId → JsonObject (borrowed from instances) */
  GHashTable *by_region;   /* RegionId → GPtrArray of JsonObject (borrowed), data order */
  GHashTable *billing;     /* InstanceId → JsonObject (owned), made when first needed */
  GHashTable *billing_of;  /* instance JsonObject → its record in billing (borrowed) */
  guint       billing_serial; /* changes whenever an order may have changed a record */
  GPtrArray  *bss_matches; /* records (borrowed) the last QueryAvailableInstances matched */
  char       *bss_filter;  /* … with these filters */
  guint       bss_serial;  /* … at this billing_serial */
  JsonObject *billing_overrides; /* nullable: the data's Billing */
  JsonObject *service_codes;

  char       *currency;
  double      price_instance_month;
  double      price_bandwidth_month;
  double      discount;
  JsonObject *instance_type_prices; /* nullable */

  GPtrArray  *faults;      /* Fault */
  GPtrArray  *requests;    /* IcpFakeRequest */
  GHashTable *nonces;      /* nonce → NULL */
  GHashTable *answers;     /* "key\naction\ntoken" → StoredAnswer */
  GPtrArray  *orders;      /* Order */
  GHashTable *bandwidth_changed; /* InstanceId → gint64 * (business clock, µs) */
  GHashTable *page_tokens; /* token → PageToken */
  GPtrArray  *pending;     /* Pending: answers waiting for their timeout */

  GDateTime  *now;         /* nullable: the real time */
  guint       latency_ms;
  guint       slow_ms;
  guint       serial;
  guint       next_ip;
};

G_DEFINE_TYPE (IcpFakeCloud, icp_fake_cloud, G_TYPE_OBJECT)

G_DEFINE_QUARK (icp-fake-cloud-error-quark, icp_fake_cloud_error)

/* --- small helpers ------------------------------------------------------------------------ */

static void
fake_key_free (FakeKey *key)
{
  g_free (key->id);
  g_free (key->secret);
  g_free (key->token);
  g_free (key->identity_type);
  g_free (key->arn);
  g_free (key->user_id);
  g_free (key->principal_id);
  g_free (key->role_id);
  g_clear_pointer (&key->permissions, json_object_unref);
  g_free (key);
}

static void
fault_free (Fault *fault)
{
  g_free (fault->action);
  g_free (fault->region);
  g_free (fault);
}

static void
order_free (Order *order)
{
  g_free (order->order_id);
  g_free (order->action);
  g_hash_table_unref (order->params);
  g_free (order);
}

static void
stored_answer_free (StoredAnswer *answer)
{
  g_free (answer->body);
  g_free (answer->signature);
  g_free (answer);
}

static void
page_token_free (PageToken *token)
{
  g_free (token->region);
  g_free (token->filter);
  g_free (token);
}

static void
fake_request_free (IcpFakeRequest *request)
{
  g_free (request->action);
  g_free (request->version);
  g_free (request->region);
  g_free (request->access_key_id);
  g_clear_pointer (&request->params, g_hash_table_unref);
  g_free (request->code);
  g_free (request);
}

static GHashTable *
params_copy (GHashTable *params)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return fallback;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static double
member_double (JsonObject *object,
               const char *name,
               double      fallback)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return fallback;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_double (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The first string of Obj.Inner[] or "", e.g. PublicIpAddress.IpAddress[0]. */
static const char *
first_string (JsonObject *object,
              const char *outer,
              const char *inner)
{
  JsonArray *array = member_array (member_object (object, outer), inner);

  if (array == NULL || json_array_get_length (array) == 0)
    return "";
  return json_array_get_string_element (array, 0);
}

static char *
new_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_ascii_strup (uuid, -1);
}

static GDateTime *
fake_now (IcpFakeCloud *self)
{
  if (self->now != NULL)
    return g_date_time_ref (self->now);
  return g_date_time_new_now_utc ();
}

static gint64
fake_now_us (IcpFakeCloud *self)
{
  g_autoptr(GDateTime) now = fake_now (self);

  return g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
}

/* ECS writes times at minute precision: 2027-03-12T16:00Z. */
static char *
format_ecs_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%MZ");
}

/* BSS writes seconds: 2027-03-12T16:00:00Z. */
static char *
format_bss_time (const char *ecs_time)
{
  g_autoptr(GDateTime) time = icp_time_parse (ecs_time, NULL);

  if (time == NULL)
    return g_strdup ("");
  return icp_time_format (time);
}

/* Subscriptions end at midnight Beijing time (16:00Z): the end of the day @time falls in. */
static GDateTime *
end_of_china_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, icp_time_china_zone ());
  g_autoptr(GDateTime) midnight = NULL;

  midnight = g_date_time_new (icp_time_china_zone (),
                              g_date_time_get_year (local),
                              g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  return g_date_time_add_days (midnight, 1);
}

static gboolean
param_is_true (GHashTable *params,
               const char *name,
               gboolean    fallback)
{
  const char *value = g_hash_table_lookup (params, name);

  if (value == NULL || *value == '\0')
    return fallback;
  return g_ascii_strcasecmp (value, "true") == 0;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

/* --- known regions ------------------------------------------------------------------------ */

typedef struct
{
  const char *id;
  const char *zh;
  const char *en;
} KnownRegion;

/* Mainland first: icp_fake_cloud_new_generated() takes them in this order. */
static const KnownRegion known_regions[] = {
  { "cn-hangzhou", "华东1（杭州）", "China (Hangzhou)" },
  { "cn-shanghai", "华东2（上海）", "China (Shanghai)" },
  { "cn-beijing", "华北2（北京）", "China (Beijing)" },
  { "cn-shenzhen", "华南1（深圳）", "China (Shenzhen)" },
  { "cn-qingdao", "华北1（青岛）", "China (Qingdao)" },
  { "cn-zhangjiakou", "华北3（张家口）", "China (Zhangjiakou)" },
  { "cn-huhehaote", "华北5（呼和浩特）", "China (Hohhot)" },
  { "cn-wulanchabu", "华北6（乌兰察布）", "China (Ulanqab)" },
  { "cn-nanjing", "华东5（南京-本地地域）", "China (Nanjing - Local Region)" },
  { "cn-fuzhou", "华东6（福州-本地地域）", "China (Fuzhou - Local Region)" },
  { "cn-wuhan-lr", "华中1（武汉-本地地域）", "China (Wuhan - Local Region)" },
  { "cn-heyuan", "华南2（河源）", "China (Heyuan)" },
  { "cn-guangzhou", "华南3（广州）", "China (Guangzhou)" },
  { "cn-chengdu", "西南1（成都）", "China (Chengdu)" },
  { "cn-zhengzhou-jva", "郑州（联通合营）", "Zhengzhou (China Unicom Joint Venture)" },
  { "cn-hongkong", "中国香港", "China (Hong Kong)" },
  { "ap-southeast-1", "新加坡", "Singapore" },
  { "ap-southeast-3", "马来西亚（吉隆坡）", "Malaysia (Kuala Lumpur)" },
  { "ap-southeast-5", "印度尼西亚（雅加达）", "Indonesia (Jakarta)" },
  { "ap-northeast-1", "日本（东京）", "Japan (Tokyo)" },
  { "us-west-1", "美国（硅谷）", "US (Silicon Valley)" },
  { "us-east-1", "美国（弗吉尼亚）", "US (Virginia)" },
  { "eu-central-1", "德国（法兰克福）", "Germany (Frankfurt)" },
  { "eu-west-1", "英国（伦敦）", "UK (London)" },
  { "me-east-1", "阿联酋（迪拜）", "UAE (Dubai)" },
};

static const KnownRegion *
find_known_region (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_regions); i++)
    if (g_str_equal (known_regions[i].id, id))
      return &known_regions[i];
  return NULL;
}

static gboolean
has_region (IcpFakeCloud *self,
            const char   *region)
{
  for (guint i = 0; i < self->region_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->region_ids, i), region))
      return TRUE;
  return FALSE;
}

/* --- GObject ------------------------------------------------------------------------------ */

typedef struct _Pending Pending;
static void pending_free (Pending *pending);

static void
icp_fake_cloud_dispose (GObject *object)
{
  IcpFakeCloud *self = ICP_FAKE_CLOUD (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  /* Not soup_server_disconnect(): in libsoup 3.2 it leaks the open connections. */
  g_clear_object (&self->server);

  G_OBJECT_CLASS (icp_fake_cloud_parent_class)->dispose (object);
}

static void
icp_fake_cloud_finalize (GObject *object)
{
  IcpFakeCloud *self = ICP_FAKE_CLOUD (object);

  g_free (self->url);
  g_free (self->account_id);
  g_ptr_array_unref (self->keys);
  g_clear_pointer (&self->permissions, json_object_unref);
  g_clear_pointer (&self->regions, json_array_unref);
  g_ptr_array_unref (self->region_ids);
  g_clear_pointer (&self->instances, json_array_unref);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->by_region);
  g_hash_table_unref (self->billing_of);
  g_clear_pointer (&self->bss_matches, g_ptr_array_unref);
  g_free (self->bss_filter);
  g_hash_table_unref (self->billing);
  g_clear_pointer (&self->billing_overrides, json_object_unref);
  g_clear_pointer (&self->service_codes, json_object_unref);
  g_free (self->currency);
  g_clear_pointer (&self->instance_type_prices, json_object_unref);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->nonces);
  g_hash_table_unref (self->answers);
  g_ptr_array_unref (self->orders);
  g_hash_table_unref (self->bandwidth_changed);
  g_hash_table_unref (self->page_tokens);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (icp_fake_cloud_parent_class)->finalize (object);
}

static void
icp_fake_cloud_class_init (IcpFakeCloudClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_fake_cloud_dispose;
  object_class->finalize = icp_fake_cloud_finalize;
}

static void
icp_fake_cloud_init (IcpFakeCloud *self)
{
  self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_key_free);
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
  self->instances = json_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_region = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  self->billing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  self->billing_of = g_hash_table_new (NULL, NULL);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) stored_answer_free);
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) order_free);
  self->bandwidth_changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->page_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) page_token_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->currency = g_strdup ("CNY");
  self->price_instance_month = 120.0;
  self->price_bandwidth_month = 23.0;
  self->slow_ms = DEFAULT_SLOW_MS;
}

/* --- loading the data --------------------------------------------------------------------- */

static gboolean
data_error (GError    **error,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
data_error (GError    **error,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ICP_FAKE_CLOUD_ERROR, ICP_FAKE_CLOUD_ERROR_DATA, message);
  return FALSE;
}

/* json_node_copy() shares objects and arrays: the fake changes its instances, so it needs its
 * own. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *new_object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (new_object, name, deep_copy (member));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, new_object);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      JsonArray *new_array = json_array_sized_new (n);

      for (guint i = 0; i < n; i++)
        json_array_add_element (new_array, deep_copy (json_array_get_element (array, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, new_array);
    }
  else
    copy = json_node_copy (node);
  return copy;
}

static char *
string_or_number (JsonObject *object,
                  const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

static JsonObject *
derive_billing (IcpFakeCloud *self,
                JsonObject   *instance)
{
  JsonObject *record = json_object_new ();
  const char *charge = member_string (instance, "InstanceChargeType");
  gboolean prepaid = g_strcmp0 (charge, "PrePaid") == 0;
  g_autofree char *create = format_bss_time (member_string (instance, "CreationTime"));
  g_autofree char *end = prepaid ? format_bss_time (member_string (instance, "ExpiredTime"))
                                 : g_strdup ("");

  json_object_set_string_member (record, "InstanceID", member_string (instance, "InstanceId"));
  json_object_set_int_member (record, "OwnerId", g_ascii_strtoll (self->account_id, NULL, 10));
  json_object_set_string_member (record, "ProductCode", "ecs");
  json_object_set_string_member (record, "ProductType", "");
  json_object_set_string_member (record, "Region", member_string (instance, "RegionId"));
  json_object_set_string_member (record, "SubscriptionType",
                                 prepaid ? "Subscription" : "PayAsYouGo");
  json_object_set_string_member (record, "CreateTime", create);
  json_object_set_string_member (record, "EndTime", end);
  json_object_set_string_member (record, "RenewStatus", "ManualRenewal");
  json_object_set_int_member (record, "RenewalDuration", 1);
  json_object_set_string_member (record, "RenewalDurationUnit", "M");
  json_object_set_string_member (record, "Status", "Normal");
  json_object_set_string_member (record, "SubStatus", "Normal");
  json_object_set_string_member (record, "ExpectedReleaseTime", "");
  json_object_set_string_member (record, "ReleaseTime", "");
  json_object_set_string_member (record, "StopTime", "");
  json_object_set_string_member (record, "Seller", "26842");
  json_object_set_int_member (record, "SellerId", 26842);
  return record;
}

/* The QueryAvailableInstances record of @instance: derived (plus the data's Billing override)
 * the first time it is needed, then kept and changed by the fixes. */
static JsonObject *
billing_record (IcpFakeCloud *self,
                JsonObject   *instance)
{
  JsonObject *record = g_hash_table_lookup (self->billing_of, instance);
  const char *id;
  JsonObject *override;

  if (record != NULL)
    return record;

  id = member_string (instance, "InstanceId");
  record = g_hash_table_lookup (self->billing, id);
  if (record != NULL)
    {
      g_hash_table_insert (self->billing_of, instance, record);
      return record;
    }

  record = derive_billing (self, instance);
  override = member_object (self->billing_overrides, id);
  if (override != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (override);

      for (GList *n = names; n != NULL; n = n->next)
        json_object_set_member (record, n->data,
                                json_node_copy (json_object_get_member (override, n->data)));
    }
  g_hash_table_insert (self->billing, g_strdup (id), record);
  g_hash_table_insert (self->billing_of, instance, record);
  return record;
}

/* Every instance is found by id and by region: a page of 100 from 10 000 instances must not
 * look at all of them (the fetch benchmark asks for 100 pages). */
static void
index_instance (IcpFakeCloud *self,
                JsonObject   *instance)
{
  const char *region = member_string (instance, "RegionId");
  GPtrArray *list = g_hash_table_lookup (self->by_region, region);

  g_hash_table_insert (self->by_id, (char *) member_string (instance, "InstanceId"), instance);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (self->by_region, g_strdup (region), list);
    }
  g_ptr_array_add (list, instance);
}

static gboolean
add_instance (IcpFakeCloud *self,
              JsonNode     *node,
              GError      **error)
{
  JsonObject *instance;
  const char *id, *region;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return data_error (error, "Instances: every item must be an object");
  instance = json_node_get_object (node);
  id = member_string (instance, "InstanceId");
  region = member_string (instance, "RegionId");
  if (id == NULL || region == NULL)
    return data_error (error, "Instances: every item needs InstanceId and RegionId");
  if (g_hash_table_contains (self->by_id, id))
    return data_error (error, "Instances: %s appears twice", id);

  json_array_add_element (self->instances, deep_copy (node));
  instance = json_array_get_object_element (self->instances,
                                            json_array_get_length (self->instances) - 1);
  index_instance (self, instance);
  return TRUE;
}

static gboolean
add_instances_from (IcpFakeCloud *self,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array = NULL;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    array = member_array (member_object (json_node_get_object (root), "Instances"), "Instance");
  if (array == NULL)
    return data_error (error, "%s: neither Instances.Instance[] nor an array", path);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!add_instance (self, json_array_get_element (array, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
load_data (IcpFakeCloud *self,
           JsonNode     *data,
           const char   *base_dir,
           GError      **error)
{
  JsonObject *root, *account, *prices, *billing;
  JsonArray *keys, *instances;
  const char *from;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return data_error (error, "the data must be a JSON object");
  root = json_node_get_object (data);

  account = member_object (root, "Account");
  self->account_id = string_or_number (account, "AccountId");
  if (self->account_id == NULL)
    return data_error (error, "Account.AccountId is missing");

  keys = member_array (root, "AccessKeys");
  if (keys == NULL || json_array_get_length (keys) == 0)
    return data_error (error, "AccessKeys must list at least one key");
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonObject *k = json_array_get_object_element (keys, i);
      FakeKey *key;
      const char *type;

      if (k == NULL || member_string (k, "AccessKeyId") == NULL
          || member_string (k, "AccessKeySecret") == NULL)
        return data_error (error, "AccessKeys: every key needs AccessKeyId and AccessKeySecret");

      key = g_new0 (FakeKey, 1);
      key->id = g_strdup (member_string (k, "AccessKeyId"));
      key->secret = g_strdup (member_string (k, "AccessKeySecret"));
      key->token = g_strdup (member_string (k, "SecurityToken"));
      type = member_string (k, "IdentityType");
      key->identity_type = g_strdup (type != NULL ? type : "Account");
      key->user_id = string_or_number (k, "UserId");
      if (key->user_id == NULL)
        key->user_id = g_strdup (self->account_id);
      key->principal_id = string_or_number (k, "PrincipalId");
      if (key->principal_id == NULL)
        key->principal_id = g_strdup (key->user_id);
      key->arn = g_strdup (member_string (k, "Arn"));
      if (key->arn == NULL)
        key->arn = g_strdup_printf ("acs:ram::%s:root", self->account_id);
      key->role_id = string_or_number (k, "RoleId");
      if (member_object (k, "Permissions") != NULL)
        key->permissions = json_object_ref (member_object (k, "Permissions"));
      g_ptr_array_add (self->keys, key);
    }

  if (member_object (root, "Permissions") != NULL)
    self->permissions = json_object_ref (member_object (root, "Permissions"));

  from = member_string (root, "InstancesFrom");
  if (from != NULL)
    {
      g_autofree char *path = NULL;

      if (g_path_is_absolute (from) || base_dir == NULL)
        path = g_strdup (from);
      else
        path = g_build_filename (base_dir, from, NULL);
      if (!add_instances_from (self, path, error))
        return FALSE;
    }

  instances = member_array (root, "Instances");
  for (guint i = 0; instances != NULL && i < json_array_get_length (instances); i++)
    if (!add_instance (self, json_array_get_element (instances, i), error))
      return FALSE;

  if (member_array (root, "Regions") != NULL)
    {
      self->regions = json_array_ref (member_array (root, "Regions"));
      for (guint i = 0; i < json_array_get_length (self->regions); i++)
        {
          const char *id = member_string (json_array_get_object_element (self->regions, i),
                                          "RegionId");
          if (id == NULL)
            return data_error (error, "Regions: every region needs a RegionId");
          g_ptr_array_add (self->region_ids, g_strdup (id));
        }
    }
  for (guint i = 0; i < json_array_get_length (self->instances); i++)
    {
      const char *region = member_string (json_array_get_object_element (self->instances, i),
                                          "RegionId");
      if (!has_region (self, region))
        {
          if (self->regions != NULL)
            return data_error (error, "Regions does not list %s", region);
          g_ptr_array_add (self->region_ids, g_strdup (region));
        }
    }

  billing = member_object (root, "Billing");
  if (billing != NULL)
    {
      g_autoptr(GList) ids = json_object_get_members (billing);

      for (GList *l = ids; l != NULL; l = l->next)
        if (!g_hash_table_contains (self->by_id, l->data)
            || member_object (billing, l->data) == NULL)
          return data_error (error, "Billing: %s is not an instance", (char *) l->data);
      self->billing_overrides = json_object_ref (billing);
    }

  if (member_object (root, "ServiceCodes") != NULL)
    self->service_codes = json_object_ref (member_object (root, "ServiceCodes"));

  prices = member_object (root, "Prices");
  if (prices != NULL)
    {
      if (member_string (prices, "Currency") != NULL)
        {
          g_free (self->currency);
          self->currency = g_strdup (member_string (prices, "Currency"));
        }
      self->price_instance_month = member_double (prices, "InstanceMonth",
                                                  self->price_instance_month);
      self->price_bandwidth_month = member_double (prices, "BandwidthMbitMonth",
                                                   self->price_bandwidth_month);
      self->discount = member_double (prices, "Discount", 0.0);
      if (member_object (prices, "InstanceTypes") != NULL)
        self->instance_type_prices = json_object_ref (member_object (prices, "InstanceTypes"));
    }

  return TRUE;
}

IcpFakeCloud *
icp_fake_cloud_new_from_data (JsonNode  *data,
                              GError   **error)
{
  g_autoptr(IcpFakeCloud) self = g_object_new (ICP_TYPE_FAKE_CLOUD, NULL);

  if (!load_data (self, data, NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

IcpFakeCloud *
icp_fake_cloud_new_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(IcpFakeCloud) self = g_object_new (ICP_TYPE_FAKE_CLOUD, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  dir = g_path_get_dirname (path);
  if (!load_data (self, json_parser_get_root (parser), dir, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* A full DescribeInstances item without addresses: every field a real answer carries. */
static JsonNode *
make_instance (const char *id,
               const char *name,
               const char *region)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *zone = g_strdup_printf ("%s-a", region);

#define STR(k, v) json_builder_set_member_name (b, k); json_builder_add_string_value (b, v)
#define INT(k, v) json_builder_set_member_name (b, k); json_builder_add_int_value (b, v)
#define BOOL(k, v) json_builder_set_member_name (b, k); json_builder_add_boolean_value (b, v)
#define OBJ(k) json_builder_set_member_name (b, k); json_builder_begin_object (b)
#define END_OBJ() json_builder_end_object (b)
#define ARR(k) json_builder_set_member_name (b, k); json_builder_begin_array (b)
#define END_ARR() json_builder_end_array (b)

  json_builder_begin_object (b);
  STR ("AutoReleaseTime", "");
  INT ("Cpu", 2);
  STR ("CreationTime", "2026-01-01T02:00Z");
  BOOL ("DeletionProtection", FALSE);
  STR ("Description", "");
  OBJ ("EipAddress"); STR ("AllocationId", ""); STR ("InternetChargeType", "");
  STR ("IpAddress", ""); END_OBJ ();
  STR ("ExpiredTime", "2028-01-01T16:00Z");
  STR ("HostName", name);
  STR ("ImageId", "aliyun_3_x64_20G_alibase_20240819.vhd");
  OBJ ("InnerIpAddress"); ARR ("IpAddress"); END_ARR (); END_OBJ ();
  STR ("InstanceChargeType", "PrePaid");
  STR ("InstanceId", id);
  STR ("InstanceName", name);
  STR ("InstanceNetworkType", "vpc");
  STR ("InstanceType", "ecs.g7.large");
  STR ("InstanceTypeFamily", "ecs.g7");
  STR ("InternetChargeType", "PayByBandwidth");
  INT ("InternetMaxBandwidthIn", -1);
  INT ("InternetMaxBandwidthOut", 5);
  BOOL ("IoOptimized", TRUE);
  INT ("Memory", 8192);
  STR ("OSName", "Alibaba Cloud Linux  3.2104 LTS 64位");
  STR ("OSNameEn", "Alibaba Cloud Linux  3.2104 LTS 64 bit");
  STR ("OSType", "linux");
  OBJ ("OperationLocks"); ARR ("LockReason"); END_ARR (); END_OBJ ();
  OBJ ("PublicIpAddress"); ARR ("IpAddress"); END_ARR (); END_OBJ ();
  BOOL ("Recyclable", FALSE);
  STR ("RegionId", region);
  STR ("ResourceGroupId", "");
  STR ("SaleCycle", "month");
  OBJ ("SecurityGroupIds"); ARR ("SecurityGroupId");
  json_builder_add_string_value (b, "sg-fake0000000000000001"); END_ARR (); END_OBJ ();
  STR ("SerialNumber", "");
  STR ("SpotStrategy", "NoSpot");
  STR ("StartTime", "2026-01-01T02:01Z");
  STR ("Status", "Running");
  STR ("StoppedMode", "Not-applicable");
  OBJ ("Tags"); ARR ("Tag"); END_ARR (); END_OBJ ();
  OBJ ("VpcAttributes"); STR ("NatIpAddress", "");
  OBJ ("PrivateIpAddress"); ARR ("IpAddress"); END_ARR (); END_OBJ ();
  STR ("VSwitchId", "vsw-fake0000000000000001"); STR ("VpcId", "vpc-fake0000000000000001");
  END_OBJ ();
  STR ("ZoneId", zone);
  json_builder_end_object (b);

#undef STR
#undef INT
#undef BOOL
#undef OBJ
#undef END_OBJ
#undef ARR
#undef END_ARR

  return json_builder_get_root (b);
}

/* Big accounts are made from one template instance: a copy per instance is much cheaper than
 * building each (it matters under AddressSanitizer, which unwinds every allocation). */
IcpFakeCloud *
icp_fake_cloud_new_generated (guint n_regions,
                              guint instances_per_region)
{
  IcpFakeCloud *self = g_object_new (ICP_TYPE_FAKE_CLOUD, NULL);
  g_autoptr(JsonNode) template = make_instance ("i-template", "template", "cn-hangzhou");
  FakeKey *key = g_new0 (FakeKey, 1);
  guint serial = 0;

  self->account_id = g_strdup (ICP_FAKE_CLOUD_TEST_ACCOUNT);
  key->id = g_strdup (ICP_FAKE_CLOUD_TEST_KEY_ID);
  key->secret = g_strdup (ICP_FAKE_CLOUD_TEST_KEY_SECRET);
  key->identity_type = g_strdup ("Account");
  key->user_id = g_strdup (self->account_id);
  key->principal_id = g_strdup (self->account_id);
  key->arn = g_strdup_printf ("acs:ram::%s:root", self->account_id);
  g_ptr_array_add (self->keys, key);

  for (guint r = 0; r < n_regions; r++)
    {
      g_autofree char *region = r < G_N_ELEMENTS (known_regions)
                                ? g_strdup (known_regions[r].id)
                                : g_strdup_printf ("xx-generated-%u", r + 1);

      g_ptr_array_add (self->region_ids, g_strdup (region));
      for (guint i = 0; i < instances_per_region; i++, serial++)
        {
          g_autofree char *id = g_strdup_printf ("i-gen%02u%07u", r, i);
          g_autofree char *name = g_strdup_printf ("gen-%s-%04u", region, i);
          g_autofree char *zone = g_strdup_printf ("%s-%c", region, 'a' + i % 4);
          g_autofree char *ip = g_strdup_printf ("198.18.%u.%u", (serial / 250) % 256,
                                                 serial % 250 + 1);
          g_autofree char *private_ip = g_strdup_printf ("172.16.%u.%u", (serial / 250) % 250,
                                                         serial % 250 + 2);
          JsonNode *node = deep_copy (template);
          JsonObject *instance = json_node_get_object (node);
          JsonObject *vpc = member_object (instance, "VpcAttributes");

          json_object_set_string_member (instance, "InstanceId", id);
          json_object_set_string_member (instance, "InstanceName", name);
          json_object_set_string_member (instance, "HostName", name);
          json_object_set_string_member (instance, "RegionId", region);
          json_object_set_string_member (instance, "ZoneId", zone);
          json_array_add_string_element (member_array (member_object (instance,
                                                                      "PublicIpAddress"),
                                                       "IpAddress"), ip);
          json_array_add_string_element (member_array (member_object (vpc, "PrivateIpAddress"),
                                                       "IpAddress"), private_ip);
          json_array_add_element (self->instances, node);
          index_instance (self, instance);
        }
    }
  return self;
}

/* --- public accessors --------------------------------------------------------------------- */

const char *
icp_fake_cloud_get_url (IcpFakeCloud *self)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), NULL);
  return self->url;
}

guint
icp_fake_cloud_get_port (IcpFakeCloud *self)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), 0);
  return self->port;
}

const char *
icp_fake_cloud_get_access_key_id (IcpFakeCloud *self)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), NULL);
  return ((FakeKey *) g_ptr_array_index (self->keys, 0))->id;
}

const char *
icp_fake_cloud_get_access_key_secret (IcpFakeCloud *self)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), NULL);
  return ((FakeKey *) g_ptr_array_index (self->keys, 0))->secret;
}

void
icp_fake_cloud_set_now (IcpFakeCloud *self,
                        GDateTime    *now)
{
  g_return_if_fail (ICP_IS_FAKE_CLOUD (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

void
icp_fake_cloud_set_latency (IcpFakeCloud *self,
                            guint         ms)
{
  g_return_if_fail (ICP_IS_FAKE_CLOUD (self));
  self->latency_ms = ms;
}

void
icp_fake_cloud_set_slow_ms (IcpFakeCloud *self,
                            guint         ms)
{
  g_return_if_fail (ICP_IS_FAKE_CLOUD (self));
  self->slow_ms = ms;
}

static const char * const fault_names[] = {
  "throttling", "http-500", "http-503", "slow", "truncated", "malformed", "drop",
  "repeat-instance", "forbidden",
};

gboolean
icp_fake_fault_from_string (const char   *name,
                            IcpFakeFault *kind)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fault_names); i++)
    if (g_ascii_strcasecmp (name, fault_names[i]) == 0)
      {
        *kind = (IcpFakeFault) i;
        return TRUE;
      }
  return FALSE;
}

void
icp_fake_cloud_add_fault (IcpFakeCloud *self,
                          const char   *action,
                          const char   *region,
                          IcpFakeFault  kind,
                          guint         count)
{
  Fault *fault;

  g_return_if_fail (ICP_IS_FAKE_CLOUD (self));
  g_return_if_fail (kind <= ICP_FAKE_FAULT_FORBIDDEN);

  fault = g_new0 (Fault, 1);
  fault->action = (action != NULL && *action != '\0') ? g_strdup (action) : NULL;
  fault->region = (region != NULL && *region != '\0') ? g_strdup (region) : NULL;
  fault->kind = kind;
  fault->remaining = count;
  g_ptr_array_add (self->faults, fault);
}

void
icp_fake_cloud_clear_faults (IcpFakeCloud *self)
{
  g_return_if_fail (ICP_IS_FAKE_CLOUD (self));
  g_ptr_array_set_size (self->faults, 0);
}

GPtrArray *
icp_fake_cloud_get_requests (IcpFakeCloud *self)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), NULL);
  return self->requests;
}

guint
icp_fake_cloud_count_requests (IcpFakeCloud *self,
                               const char   *action)
{
  guint n = 0;

  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), 0);
  for (guint i = 0; i < self->requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (self->requests, i);
      if (action == NULL || g_strcmp0 (request->action, action) == 0)
        n++;
    }
  return n;
}

void
icp_fake_cloud_clear_requests (IcpFakeCloud *self)
{
  g_return_if_fail (ICP_IS_FAKE_CLOUD (self));
  g_ptr_array_set_size (self->requests, 0);
}

const char *
icp_fake_request_get_param (IcpFakeRequest *request,
                            const char     *name)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->params != NULL ? g_hash_table_lookup (request->params, name) : NULL;
}

gboolean
icp_fake_request_is_change (IcpFakeRequest *request)
{
  static const char * const changes[] = {
    "RenewInstance", "ModifyInstanceChargeType", "ModifyInstanceNetworkSpec",
    "AllocatePublicIpAddress", NULL
  };

  g_return_val_if_fail (request != NULL, FALSE);

  return request->action != NULL && g_strv_contains (changes, request->action);
}

gboolean
icp_fake_request_is_dry_run (IcpFakeRequest *request)
{
  return g_strcmp0 (icp_fake_request_get_param (request, "DryRun"), "true") == 0;
}

GPtrArray *
icp_fake_cloud_list_changes (IcpFakeCloud *self,
                             gboolean      dry_run)
{
  GPtrArray *changes;

  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), NULL);

  changes = g_ptr_array_new ();
  for (guint i = 0; i < self->requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (self->requests, i);

      if (icp_fake_request_is_change (request) &&
          icp_fake_request_is_dry_run (request) == !!dry_run)
        g_ptr_array_add (changes, request);
    }
  return changes;
}

guint
icp_fake_cloud_count_changes (IcpFakeCloud *self,
                              gboolean      dry_run)
{
  g_autoptr(GPtrArray) changes = icp_fake_cloud_list_changes (self, dry_run);

  return changes->len;
}

JsonObject *
icp_fake_cloud_get_instance (IcpFakeCloud *self,
                             const char   *instance_id)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), NULL);
  g_return_val_if_fail (instance_id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, instance_id);
}

guint
icp_fake_cloud_get_n_instances (IcpFakeCloud *self)
{
  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), 0);
  return json_array_get_length (self->instances);
}

/* --- the call being answered -------------------------------------------------------------- */

typedef struct
{
  IcpFakeCloud   *self;
  IcpFakeRequest *record;   /* borrowed from self->requests */
  GHashTable     *params;   /* borrowed: record->params */
  FakeKey        *key;
  Service         service;
  char           *request_id;
  gboolean        dry_run;

  guint           status;
  JsonObject     *result;   /* success, without RequestId */
  char           *code;     /* error */
  char           *message;
  gboolean        no_store; /* a ClientToken answer not to keep (DryRun) */
} Call;

static void
call_clear (Call *call)
{
  g_free (call->request_id);
  g_clear_pointer (&call->result, json_object_unref);
  g_free (call->code);
  g_free (call->message);
}

static void call_error (Call       *call,
                        guint       status,
                        const char *code,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

static void
call_error (Call       *call,
            guint       status,
            const char *code,
            const char *format,
            ...)
{
  va_list args;

  g_clear_pointer (&call->result, json_object_unref);
  g_free (call->code);
  g_free (call->message);
  va_start (args, format);
  call->message = g_strdup_vprintf (format, args);
  va_end (args);
  call->code = g_strdup (code);
  call->status = status;
}

static gboolean
call_failed (Call *call)
{
  return call->code != NULL;
}

static const char *
require_param (Call       *call,
               const char *name)
{
  const char *value = g_hash_table_lookup (call->params, name);

  if (value == NULL || *value == '\0')
    {
      call_error (call, 400, "MissingParameter",
                  "The input parameter \"%s\" that is mandatory for processing this request "
                  "is not supplied.", name);
      return NULL;
    }
  return value;
}

static void
dry_run_passed (Call *call)
{
  call_error (call, 400, "DryRunOperation",
              "Request validation has been passed with DryRun flag set.");
  call->no_store = TRUE;
}

static JsonObject *
call_result (Call *call)
{
  if (call->result == NULL)
    call->result = json_object_new ();
  call->status = 200;
  return call->result;
}

/* InvalidInstanceId.NotFound unless @id names an instance (in @region when given). */
static JsonObject *
find_instance (Call       *call,
               const char *id,
               const char *region)
{
  JsonObject *instance = g_hash_table_lookup (call->self->by_id, id);

  if (instance == NULL
      || (region != NULL && g_strcmp0 (member_string (instance, "RegionId"), region) != 0))
    {
      call_error (call, 404, "InvalidInstanceId.NotFound",
                  "The specified InstanceId does not exist.");
      return NULL;
    }
  return instance;
}

static gboolean
instance_has_lock (JsonObject *instance,
                   const char *reason)
{
  JsonArray *locks = member_array (member_object (instance, "OperationLocks"), "LockReason");

  for (guint i = 0; locks != NULL && i < json_array_get_length (locks); i++)
    {
      JsonObject *lock = json_array_get_object_element (locks, i);
      if (lock != NULL && g_ascii_strcasecmp (member_string (lock, "LockReason"), reason) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
instance_remove_lock (JsonObject *instance,
                      const char *reason)
{
  JsonArray *locks = member_array (member_object (instance, "OperationLocks"), "LockReason");

  for (guint i = 0; locks != NULL && i < json_array_get_length (locks); )
    {
      JsonObject *lock = json_array_get_object_element (locks, i);
      if (lock != NULL && g_ascii_strcasecmp (member_string (lock, "LockReason"), reason) == 0)
        json_array_remove_element (locks, i);
      else
        i++;
    }
}

static gboolean
has_unpaid_order (IcpFakeCloud *self,
                  const char   *instance_id)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      Order *order = g_ptr_array_index (self->orders, i);
      const char *ids;

      if (order->paid)
        continue;
      if (g_strcmp0 (g_hash_table_lookup (order->params, "InstanceId"), instance_id) == 0)
        return TRUE;
      ids = g_hash_table_lookup (order->params, "InstanceIds");
      if (ids != NULL)
        {
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", instance_id);

          if (strstr (ids, quoted) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
check_unpaid (Call       *call,
              const char *instance_id)
{
  if (has_unpaid_order (call->self, instance_id))
    {
      call_error (call, 403, "Instance.UnPaidOrder",
                  "The specified instance has unpaid order.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
period_allowed (guint64       period,
                const guint8 *allowed,
                gsize         n_allowed)
{
  for (gsize i = 0; i < n_allowed; i++)
    if (allowed[i] == period)
      return TRUE;
  return FALSE;
}

static const guint8 renew_months[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60 };
static const guint8 switch_months[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36, 48, 60 };

/* Period + PeriodUnit (only Month): InvalidPeriod / InvalidPeriod.UnitMismatch. */
static gboolean
read_period (Call         *call,
             gboolean      required,
             const guint8 *allowed,
             gsize         n_allowed,
             guint        *months)
{
  const char *period = g_hash_table_lookup (call->params, "Period");
  const char *unit = g_hash_table_lookup (call->params, "PeriodUnit");
  guint64 value;

  if (unit != NULL && *unit != '\0' && g_strcmp0 (unit, "Month") != 0)
    {
      call_error (call, 400, "InvalidPeriod.UnitMismatch",
                  "The specified PeriodUnit \"%s\" is not supported.", unit);
      return FALSE;
    }
  if (period == NULL || *period == '\0')
    {
      if (required)
        {
          require_param (call, "Period");
          return FALSE;
        }
      *months = 1;
      return TRUE;
    }
  if (!parse_uint (period, 1000, &value) || !period_allowed (value, allowed, n_allowed))
    {
      call_error (call, 400, "InvalidPeriod", "The specified period is not valid.");
      return FALSE;
    }
  *months = (guint) value;
  return TRUE;
}

static char *
new_order_id (IcpFakeCloud *self)
{
  return g_strdup_printf ("2041351538%05u", ++self->serial);
}

static double
instance_month_price (IcpFakeCloud *self,
                      const char   *instance_type)
{
  if (instance_type != NULL && self->instance_type_prices != NULL)
    return member_double (self->instance_type_prices, instance_type, self->price_instance_month);
  return self->price_instance_month;
}

static void
set_price_info (IcpFakeCloud *self,
                JsonObject   *result,
                double        original)
{
  JsonObject *info = json_object_new ();
  JsonObject *price = json_object_new ();
  JsonObject *rules = json_object_new ();
  double discount = original * self->discount;

  json_object_set_double_member (price, "OriginalPrice", original);
  json_object_set_double_member (price, "DiscountPrice", discount);
  json_object_set_double_member (price, "TradePrice", original - discount);
  json_object_set_string_member (price, "Currency", self->currency);
  json_object_set_object_member (info, "Price", price);
  json_object_set_array_member (rules, "Rule", json_array_new ());
  json_object_set_object_member (info, "Rules", rules);
  json_object_set_object_member (result, "PriceInfo", info);
}

/* --- ECS: DescribeRegions, DescribeInstances ---------------------------------------------- */

static void
ecs_describe_regions (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *language = g_hash_table_lookup (call->params, "AcceptLanguage");
  gboolean english = language != NULL && g_str_has_prefix (language, "en");
  JsonArray *list = json_array_new ();
  JsonObject *regions = json_object_new ();

  if (language != NULL && *language != '\0' && !english && g_strcmp0 (language, "zh-CN") != 0
      && g_strcmp0 (language, "ja") != 0)
    {
      json_array_unref (list);
      json_object_unref (regions);
      call_error (call, 404, "InvalidAcceptLanguage.NotFound",
                  "The specified AcceptLanguage is not found.");
      return;
    }

  for (guint i = 0; i < self->region_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->region_ids, i);
      JsonObject *region;

      if (self->regions != NULL)
        region = json_object_ref (json_array_get_object_element (self->regions, i));
      else
        {
          const KnownRegion *known = find_known_region (id);
          g_autofree char *endpoint = g_strdup_printf ("ecs.%s.aliyuncs.com", id);

          region = json_object_new ();
          json_object_set_string_member (region, "RegionId", id);
          json_object_set_string_member (region, "LocalName",
                                         known == NULL ? id : english ? known->en : known->zh);
          json_object_set_string_member (region, "RegionEndpoint", endpoint);
          json_object_set_string_member (region, "Status", "available");
        }
      json_array_add_object_element (list, region);
    }
  json_object_set_array_member (regions, "Region", list);
  json_object_set_object_member (call_result (call), "Regions", regions);
}

/* The JSON array parameter @name (["i-…", …]); NULL and an error when it is not one. */
static GPtrArray *
read_id_list (Call       *call,
              const char *name,
              guint       max)
{
  const char *text = g_hash_table_lookup (call->params, name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root;
  JsonArray *array;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
    {
      call_error (call, 400, "InvalidParameter.InstanceIds",
                  "The specified parameter \"%s\" is not valid.", name);
      return NULL;
    }
  array = json_node_get_array (root);
  if (json_array_get_length (array) > max)
    {
      call_error (call, 400, "InstancesIdQuotaExceed",
                  "The maximum number of instances is exceeded: %u.", max);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          call_error (call, 400, "InvalidParameter.InstanceIds",
                      "The specified parameter \"%s\" is not valid.", name);
          return NULL;
        }
      g_ptr_array_add (ids, g_strdup (json_node_get_string (node)));
    }
  return g_steal_pointer (&ids);
}

static gboolean
str_in (GPtrArray  *list,
        const char *s)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), s) == 0)
      return TRUE;
  return FALSE;
}

static gboolean take_fault (IcpFakeCloud *self,
                            const char   *action,
                            const char   *region,
                            gboolean      repeat_instance,
                            IcpFakeFault *kind);

static void
ecs_describe_instances (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *region = require_param (call, "RegionId");
  const char *max_results = g_hash_table_lookup (call->params, "MaxResults");
  const char *next_token = g_hash_table_lookup (call->params, "NextToken");
  const char *charge = g_hash_table_lookup (call->params, "InstanceChargeType");
  const char *status = g_hash_table_lookup (call->params, "Status");
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *filter = NULL;
  gboolean token_mode;
  guint64 page_size = 10, page_number = 1;
  guint offset, end;
  IcpFakeFault repeat;
  JsonArray *list;
  JsonObject *instances, *result;
  GPtrArray *in_region;

  if (region == NULL)
    return;
  if (!has_region (self, region))
    {
      call_error (call, 404, "InvalidRegionId.NotFound", "The specified RegionId does not exist.");
      return;
    }
  if (g_hash_table_contains (call->params, "InstanceIds")
      && (ids = read_id_list (call, "InstanceIds", 100)) == NULL)
    return;
  if (charge != NULL && *charge != '\0' && g_strcmp0 (charge, "PrePaid") != 0
      && g_strcmp0 (charge, "PostPaid") != 0)
    {
      call_error (call, 404, "InvalidInstanceChargeType.NotFound",
                  "The specified InstanceChargeType is not found.");
      return;
    }
  if (status != NULL && *status != '\0'
      && !g_strv_contains ((const char * const[]) { "Pending", "Running", "Starting", "Stopping",
                                                    "Stopped", NULL }, status))
    {
      call_error (call, 404, "InvalidStatus.NotFound", "The specified Status is not found.");
      return;
    }

  token_mode = (max_results != NULL && *max_results != '\0')
               || (next_token != NULL && *next_token != '\0');
  if (token_mode)
    {
      if (max_results != NULL && *max_results != '\0'
          && !(parse_uint (max_results, 100, &page_size) && page_size >= 1))
        {
          call_error (call, 400, "InvalidParameter",
                      "The specified parameter \"MaxResults\" is not valid.");
          return;
        }
    }
  else
    {
      const char *size = g_hash_table_lookup (call->params, "PageSize");
      const char *number = g_hash_table_lookup (call->params, "PageNumber");

      if (size != NULL && *size != '\0' && !(parse_uint (size, 100, &page_size) && page_size >= 1))
        {
          call_error (call, 400, "InvalidParameter",
                      "The specified parameter \"PageSize\" is not valid.");
          return;
        }
      if (number != NULL && *number != '\0'
          && !(parse_uint (number, G_MAXUINT32, &page_number) && page_number >= 1))
        {
          call_error (call, 400, "InvalidParameter",
                      "The specified parameter \"PageNumber\" is not valid.");
          return;
        }
    }

  in_region = g_hash_table_lookup (self->by_region, region);
  for (guint i = 0; in_region != NULL && i < in_region->len; i++)
    {
      JsonObject *instance = g_ptr_array_index (in_region, i);

      if (ids != NULL && !str_in (ids, member_string (instance, "InstanceId")))
        continue;
      if (charge != NULL && *charge != '\0'
          && g_strcmp0 (member_string (instance, "InstanceChargeType"), charge) != 0)
        continue;
      if (status != NULL && *status != '\0'
          && g_strcmp0 (member_string (instance, "Status"), status) != 0)
        continue;
      g_ptr_array_add (matches, instance);
    }

  /* A token is only good for the same region and filters. */
  filter = g_strdup_printf ("%s|%s|%s|%s", region,
                            (char *) g_hash_table_lookup (call->params, "InstanceIds"),
                            charge, status);
  if (token_mode && next_token != NULL && *next_token != '\0')
    {
      PageToken *token = g_hash_table_lookup (self->page_tokens, next_token);

      if (token == NULL || g_strcmp0 (token->filter, filter) != 0)
        {
          call_error (call, 400, "InvalidParameter",
                      "The specified parameter \"NextToken\" is not valid.");
          return;
        }
      offset = token->offset;
    }
  else if (token_mode)
    offset = 0;
  else
    offset = (guint) MIN ((page_number - 1) * page_size, (guint64) G_MAXUINT);

  if (offset > matches->len)
    offset = matches->len;
  end = MIN ((guint64) offset + page_size, (guint64) matches->len);

  list = json_array_new ();
  /* The fault: this page starts with the last instance of the one before. */
  if (offset > 0 && take_fault (self, "DescribeInstances", region, TRUE, &repeat))
    json_array_add_object_element (list, json_object_ref (g_ptr_array_index (matches,
                                                                             offset - 1)));
  for (guint i = offset; i < end; i++)
    json_array_add_object_element (list, json_object_ref (g_ptr_array_index (matches, i)));

  result = call_result (call);
  instances = json_object_new ();
  json_object_set_array_member (instances, "Instance", list);
  json_object_set_object_member (result, "Instances", instances);
  json_object_set_int_member (result, "TotalCount", matches->len);
  json_object_set_int_member (result, "PageSize", (gint64) page_size);
  json_object_set_int_member (result, "PageNumber", offset / page_size + 1);
  if (token_mode && end < matches->len)
    {
      g_autofree char *token_text = g_strdup_printf ("%08x%08x%08x", g_random_int (),
                                                     g_random_int (), end);
      PageToken *token = g_new0 (PageToken, 1);

      token->region = g_strdup (region);
      token->offset = end;
      token->filter = g_steal_pointer (&filter);
      json_object_set_string_member (result, "NextToken", token_text);
      g_hash_table_insert (self->page_tokens, g_steal_pointer (&token_text), token);
    }
  else
    json_object_set_string_member (result, "NextToken", "");
}

/* --- ECS: fixes --------------------------------------------------------------------------- */

static void
set_instance_time (JsonObject *instance,
                   const char *member,
                   GDateTime  *time)
{
  g_autofree char *text = format_ecs_time (time);

  json_object_set_string_member (instance, member, text);
}

static void
update_billing_end (IcpFakeCloud *self,
                    JsonObject   *instance,
                    gboolean      new_subscription)
{
  JsonObject *record = billing_record (self, instance);
  g_autofree char *end = format_bss_time (member_string (instance, "ExpiredTime"));

  self->billing_serial++;
  if (record == NULL)
    return;
  json_object_set_string_member (record, "EndTime", end);
  if (new_subscription)
    {
      g_autoptr(GDateTime) now = fake_now (self);
      g_autofree char *start = icp_time_format (now);

      json_object_set_string_member (record, "CreateTime", start);
      json_object_set_string_member (record, "SubscriptionType", "Subscription");
    }
}

/* Renewal of a running subscription extends ExpiredTime; an expired one is renewed from
 * today (the end of the current day in Beijing), it is unlocked and started again. */
static void
apply_renew (IcpFakeCloud *self,
             JsonObject   *instance,
             guint         months)
{
  g_autoptr(GDateTime) now = fake_now (self);
  g_autoptr(GDateTime) expires = icp_time_parse (member_string (instance, "ExpiredTime"), NULL);
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (expires == NULL || g_date_time_compare (expires, now) < 0)
    base = end_of_china_day (now);
  else
    base = g_date_time_ref (expires);
  end = g_date_time_add_months (base, months);
  set_instance_time (instance, "ExpiredTime", end);

  if (instance_has_lock (instance, "financial"))
    {
      instance_remove_lock (instance, "financial");
      if (g_strcmp0 (member_string (instance, "Status"), "Stopped") == 0)
        json_object_set_string_member (instance, "Status", "Running");
    }
  update_billing_end (self, instance, FALSE);
}

static void
apply_charge_type (IcpFakeCloud *self,
                   JsonObject   *instance,
                   const char   *target,
                   guint         months)
{
  self->billing_serial++;
  if (g_strcmp0 (target, "PostPaid") == 0)
    {
      JsonObject *record;

      json_object_set_string_member (instance, "InstanceChargeType", "PostPaid");
      record = billing_record (self, instance);
      json_object_set_string_member (instance, "ExpiredTime", PAY_AS_YOU_GO_END);
      if (record != NULL)
        {
          json_object_set_string_member (record, "SubscriptionType", "PayAsYouGo");
          json_object_set_string_member (record, "EndTime", "");
        }
    }
  else
    {
      g_autoptr(GDateTime) now = fake_now (self);
      g_autoptr(GDateTime) later = g_date_time_add_months (now, months);
      g_autoptr(GDateTime) end = end_of_china_day (later);

      json_object_set_string_member (instance, "InstanceChargeType", "PrePaid");
      set_instance_time (instance, "ExpiredTime", end);
      update_billing_end (self, instance, TRUE);
    }
}

static char *
next_public_ip (IcpFakeCloud *self)
{
  guint n = self->next_ip++;

  return g_strdup_printf ("198.19.%u.%u", (n / 250) % 256, n % 250 + 1);
}

static gboolean
has_eip (JsonObject *instance)
{
  const char *eip = member_string (member_object (instance, "EipAddress"), "IpAddress");

  return eip != NULL && *eip != '\0';
}

static gboolean
has_public_ip (JsonObject *instance)
{
  return *first_string (instance, "PublicIpAddress", "IpAddress") != '\0';
}

static void
give_public_ip (IcpFakeCloud *self,
                JsonObject   *instance)
{
  JsonObject *public_ip = member_object (instance, "PublicIpAddress");
  JsonArray *list;
  g_autofree char *ip = next_public_ip (self);

  if (public_ip == NULL)
    {
      public_ip = json_object_new ();
      json_object_set_object_member (instance, "PublicIpAddress", public_ip);
    }
  list = json_array_new ();
  json_array_add_string_element (list, ip);
  json_object_set_array_member (public_ip, "IpAddress", list);
}

static void
apply_bandwidth (IcpFakeCloud *self,
                 JsonObject   *instance,
                 gint64        bandwidth,
                 gboolean      allocate_ip)
{
  gint64 *when = g_new (gint64, 1);
  gboolean prepaid = g_strcmp0 (member_string (instance, "InstanceChargeType"), "PrePaid") == 0;

  if (bandwidth >= 0)
    json_object_set_int_member (instance, "InternetMaxBandwidthOut", bandwidth);
  /* PrePaid: 0 → n assigns an address by itself; PostPaid needs AllocatePublicIp. */
  if (member_int (instance, "InternetMaxBandwidthOut", 0) > 0 && !has_public_ip (instance)
      && !has_eip (instance) && (prepaid || allocate_ip))
    give_public_ip (self, instance);

  *when = fake_now_us (self);
  g_hash_table_insert (self->bandwidth_changed,
                       g_strdup (member_string (instance, "InstanceId")), when);
}

static void
apply_order (IcpFakeCloud *self,
             Order        *order)
{
  GHashTable *params = order->params;

  self->billing_serial++;
  if (g_str_equal (order->action, "RenewInstance"))
    {
      JsonObject *instance = g_hash_table_lookup (self->by_id,
                                                  g_hash_table_lookup (params, "InstanceId"));
      guint64 months = 1;

      parse_uint (g_hash_table_lookup (params, "Period"), 1000, &months);
      if (instance != NULL)
        apply_renew (self, instance, (guint) months);
    }
  else if (g_str_equal (order->action, "ModifyInstanceChargeType"))
    {
      const char *target = g_hash_table_lookup (params, "InstanceChargeType");
      g_autoptr(JsonParser) parser = json_parser_new ();
      guint64 months = 1;
      JsonNode *root;

      parse_uint (g_hash_table_lookup (params, "Period"), 1000, &months);
      if (json_parser_load_from_data (parser, g_hash_table_lookup (params, "InstanceIds"), -1,
                                      NULL)
          && JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
        {
          JsonArray *ids = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (ids); i++)
            {
              JsonObject *instance =
                g_hash_table_lookup (self->by_id, json_array_get_string_element (ids, i));
              if (instance != NULL)
                apply_charge_type (self, instance,
                                   target != NULL && *target != '\0' ? target : "PrePaid",
                                   (guint) months);
            }
        }
    }
  else if (g_str_equal (order->action, "ModifyInstanceNetworkSpec"))
    {
      JsonObject *instance = g_hash_table_lookup (self->by_id,
                                                  g_hash_table_lookup (params, "InstanceId"));
      const char *bandwidth = g_hash_table_lookup (params, "InternetMaxBandwidthOut");
      guint64 value = 0;
      gboolean set = parse_uint (bandwidth, MAX_BANDWIDTH_OUT, &value);

      if (instance != NULL)
        apply_bandwidth (self, instance, set ? (gint64) value : -1,
                         param_is_true (params, "AllocatePublicIp", FALSE));
    }
  order->paid = TRUE;
}

/* An order for @call: paid (applied) at once with AutoPay=true, else kept unpaid. */
static char *
place_order (Call *call)
{
  Order *order = g_new0 (Order, 1);
  char *order_id = new_order_id (call->self);

  order->order_id = g_strdup (order_id);
  order->action = g_strdup (call->record->action);
  order->params = params_copy (call->params);
  g_ptr_array_add (call->self->orders, order);
  if (param_is_true (call->params, "AutoPay", TRUE))
    apply_order (call->self, order);
  return order_id;
}

guint
icp_fake_cloud_count_unpaid_orders (IcpFakeCloud *self)
{
  guint n = 0;

  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), 0);
  for (guint i = 0; i < self->orders->len; i++)
    if (!((Order *) g_ptr_array_index (self->orders, i))->paid)
      n++;
  return n;
}

guint
icp_fake_cloud_pay_orders (IcpFakeCloud *self)
{
  guint n = 0;

  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), 0);
  for (guint i = 0; i < self->orders->len; i++)
    {
      Order *order = g_ptr_array_index (self->orders, i);
      if (!order->paid)
        {
          apply_order (self, order);
          n++;
        }
    }
  return n;
}

/* Locks that stop any change: security (403 InstanceLockedForSecurity). */
static gboolean
check_security_lock (Call       *call,
                     JsonObject *instance)
{
  if (instance_has_lock (instance, "security"))
    {
      call_error (call, 403, "InstanceLockedForSecurity",
                  "The specified operation is denied as your instance is locked for security "
                  "reasons.");
      return FALSE;
    }
  return TRUE;
}

static void
ecs_renew_instance (Call *call)
{
  const char *id = require_param (call, "InstanceId");
  JsonObject *instance;
  guint months;
  g_autofree char *order_id = NULL;

  if (id == NULL || (instance = find_instance (call, id, NULL)) == NULL)
    return;
  if (!read_period (call, TRUE, renew_months, G_N_ELEMENTS (renew_months), &months))
    return;
  if (g_strcmp0 (member_string (instance, "InstanceChargeType"), "PrePaid") != 0)
    {
      /* The documentation names ChargeTypeViolation (403) for pay-as-you-go instances. */
      call_error (call, 403, "ChargeTypeViolation",
                  "The operation is not permitted due to charge type of the instance.");
      return;
    }
  if (!check_security_lock (call, instance) || !check_unpaid (call, id))
    return;
  if (call->dry_run)
    {
      dry_run_passed (call);
      return;
    }

  order_id = place_order (call);
  json_object_set_string_member (call_result (call), "OrderId", order_id);
}

static void
ecs_modify_instance_charge_type (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *region = require_param (call, "RegionId");
  const char *target = g_hash_table_lookup (call->params, "InstanceChargeType");
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) instances = g_ptr_array_new ();
  g_autofree char *order_id = NULL;
  guint months = 1;
  JsonArray *fees;
  JsonObject *fee_list, *result;

  if (region == NULL || require_param (call, "InstanceIds") == NULL)
    return;
  if ((ids = read_id_list (call, "InstanceIds", 20)) == NULL)
    return;
  if (ids->len == 0)
    {
      call_error (call, 400, "InvalidParameter.InstanceIds",
                  "The specified parameter \"InstanceIds\" is not valid.");
      return;
    }
  if (target == NULL || *target == '\0')
    target = "PrePaid";
  if (!g_str_equal (target, "PrePaid") && !g_str_equal (target, "PostPaid"))
    {
      call_error (call, 400, "InvalidInstanceChargeType.ValueNotSupported",
                  "The specified InstanceChargeType is not supported.");
      return;
    }
  if (g_str_equal (target, "PrePaid")
      && !read_period (call, FALSE, switch_months, G_N_ELEMENTS (switch_months), &months))
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      JsonObject *instance = find_instance (call, id, region);
      const char *status, *release;

      if (instance == NULL)
        return;
      if (g_strcmp0 (member_string (instance, "InstanceChargeType"), target) == 0)
        {
          /* Not in the documentation's table: the code the console reports. */
          call_error (call, 403, "ChargeTypeViolation",
                      "The instance %s is already of charge type %s.", id, target);
          return;
        }
      status = member_string (instance, "Status");
      if (g_strcmp0 (status, "Running") != 0 && g_strcmp0 (status, "Stopped") != 0)
        {
          call_error (call, 400, "InvalidStatus.ValueNotSupported",
                      "The current status of the instance %s does not support this operation.",
                      id);
          return;
        }
      release = member_string (instance, "AutoReleaseTime");
      if (release != NULL && *release != '\0')
        {
          call_error (call, 400, "ReleaseTimeHaveBeenSet",
                      "The specified instance has been set the release time.");
          return;
        }
      if (instance_has_lock (instance, "financial"))
        {
          call_error (call, 403, "Account.Arrearage", "Your account has an outstanding payment.");
          return;
        }
      if (!check_security_lock (call, instance) || !check_unpaid (call, id))
        return;
      g_ptr_array_add (instances, instance);
    }

  if (call->dry_run)
    {
      dry_run_passed (call);
      return;
    }

  order_id = place_order (call);
  result = call_result (call);
  json_object_set_string_member (result, "OrderId", order_id);
  fees = json_array_new ();
  for (guint i = 0; i < instances->len; i++)
    {
      JsonObject *instance = g_ptr_array_index (instances, i);
      JsonObject *fee = json_object_new ();
      double price = g_str_equal (target, "PrePaid")
                     ? instance_month_price (self, member_string (instance, "InstanceType"))
                       * months * (1.0 - self->discount)
                     : 0.0;
      g_autofree char *text = g_strdup_printf ("%.2f", price);

      json_object_set_string_member (fee, "Fee", text);
      json_object_set_string_member (fee, "InstanceId", g_ptr_array_index (ids, i));
      json_object_set_string_member (fee, "Currency", self->currency);
      json_array_add_object_element (fees, fee);
    }
  fee_list = json_object_new ();
  json_object_set_array_member (fee_list, "FeeOfInstance", fees);
  json_object_set_object_member (result, "FeeOfInstances", fee_list);
}

static gboolean
check_changeable (Call       *call,
                  JsonObject *instance)
{
  const char *status = member_string (instance, "Status");
  g_autoptr(GDateTime) now = fake_now (call->self);
  g_autoptr(GDateTime) expires = icp_time_parse (member_string (instance, "ExpiredTime"), NULL);

  if (g_strcmp0 (status, "Running") != 0 && g_strcmp0 (status, "Stopped") != 0)
    {
      call_error (call, 403, "IncorrectInstanceStatus",
                  "The current status of the resource does not support this operation.");
      return FALSE;
    }
  if (instance_has_lock (instance, "financial")
      || (expires != NULL && g_date_time_compare (expires, now) < 0))
    {
      call_error (call, 403, "InstanceExpiredOrInArrears",
                  "The specified operation is denied as your prepay instance is expired "
                  "(prepay mode) or in arrears (afterpay mode).");
      return FALSE;
    }
  return check_security_lock (call, instance);
}

static void
ecs_modify_instance_network_spec (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *id = require_param (call, "InstanceId");
  const char *bandwidth_text = g_hash_table_lookup (call->params, "InternetMaxBandwidthOut");
  gboolean allocate = param_is_true (call->params, "AllocatePublicIp", FALSE);
  JsonObject *instance;
  gint64 bandwidth = -1, current, *changed;
  gboolean prepaid;
  guint64 value;

  if (id == NULL || (instance = find_instance (call, id, NULL)) == NULL)
    return;
  if (bandwidth_text != NULL && *bandwidth_text != '\0')
    {
      if (!parse_uint (bandwidth_text, MAX_BANDWIDTH_OUT, &value))
        {
          call_error (call, 400, "InvalidInternetMaxBandwidthOut.ValueNotSupported",
                      "The specified InternetMaxBandwidthOut is out of range [0, %d].",
                      MAX_BANDWIDTH_OUT);
          return;
        }
      bandwidth = (gint64) value;
    }
  if (!check_changeable (call, instance) || !check_unpaid (call, id))
    return;

  current = member_int (instance, "InternetMaxBandwidthOut", 0);
  prepaid = g_strcmp0 (member_string (instance, "InstanceChargeType"), "PrePaid") == 0;
  if (has_eip (instance) && !has_public_ip (instance)
      && (allocate || (prepaid && current == 0 && bandwidth > 0)))
    {
      call_error (call, 403, "InvalidInstance.EipNotSupport",
                  "The instance has an EIP associated: disassociate the EIP first.");
      return;
    }
  if (allocate && (bandwidth >= 0 ? bandwidth : current) == 0)
    {
      call_error (call, 400, "InvalidParam.AllocatePublicIp",
                  "AllocatePublicIp needs InternetMaxBandwidthOut greater than 0.");
      return;
    }
  if (current == 0 && bandwidth > 0
      && g_strcmp0 (member_string (instance, "InstanceNetworkType"), "classic") == 0
      && g_strcmp0 (member_string (instance, "Status"), "Stopped") != 0)
    {
      call_error (call, 403, "IncorrectInstanceStatus",
                  "A classic network instance must be stopped to get public bandwidth.");
      return;
    }
  changed = g_hash_table_lookup (self->bandwidth_changed, id);
  if (changed != NULL && fake_now_us (self) - *changed < BANDWIDTH_COOLDOWN)
    {
      call_error (call, 400, "Throttling",
                  "Request was denied due to request throttling, please try again after 5 "
                  "minutes.");
      return;
    }
  if (call->dry_run)
    {
      dry_run_passed (call);
      return;
    }

  if (prepaid)
    {
      g_autofree char *order_id = place_order (call);

      json_object_set_string_member (call_result (call), "OrderId", order_id);
    }
  else
    {
      /* Pay-as-you-go bandwidth is no order: it changes now. */
      apply_bandwidth (self, instance, bandwidth, allocate);
      call_result (call);
    }
}

static void
ecs_allocate_public_ip_address (Call *call)
{
  const char *id = require_param (call, "InstanceId");
  JsonObject *instance;
  const char *status;
  g_autofree char *ip = NULL;

  if (id == NULL || (instance = find_instance (call, id, NULL)) == NULL)
    return;
  status = member_string (instance, "Status");
  if (g_strcmp0 (status, "Running") != 0 && g_strcmp0 (status, "Stopped") != 0)
    {
      call_error (call, 403, "IncorrectInstanceStatus",
                  "The current status of the resource does not support this operation.");
      return;
    }
  if (!check_security_lock (call, instance))
    return;
  if (has_eip (instance))
    {
      call_error (call, 403, "InvalidInstance.EipNotSupport",
                  "The instance has an EIP associated: disassociate the EIP first.");
      return;
    }
  if (has_public_ip (instance))
    {
      call_error (call, 403, "AllocatedAlready",
                  "The specified instance already has a public IP address.");
      return;
    }
  if (member_int (instance, "InternetMaxBandwidthOut", 0) <= 0)
    {
      /* No code in the documentation: "public bandwidth must already be > 0". */
      call_error (call, 403, "InvalidInternetMaxBandwidthOut.ValueNotSupported",
                  "The instance has no public bandwidth: set InternetMaxBandwidthOut first.");
      return;
    }
  if (call->dry_run)
    {
      dry_run_passed (call);
      return;
    }

  give_public_ip (call->self, instance);
  json_object_set_string_member (call_result (call), "IpAddress",
                                 first_string (instance, "PublicIpAddress", "IpAddress"));
}

static double
bandwidth_month_price (IcpFakeCloud *self,
                       JsonObject   *instance)
{
  if (g_strcmp0 (member_string (instance, "InternetChargeType"), "PayByBandwidth") != 0)
    return 0.0;
  return self->price_bandwidth_month * (double) MAX (member_int (instance,
                                                                 "InternetMaxBandwidthOut", 0),
                                                     0);
}

static void
ecs_describe_renewal_price (Call *call)
{
  const char *region = require_param (call, "RegionId");
  const char *id = region != NULL ? require_param (call, "ResourceId") : NULL;
  const char *type = g_hash_table_lookup (call->params, "ResourceType");
  const char *unit = g_hash_table_lookup (call->params, "PriceUnit");
  const char *period_text = g_hash_table_lookup (call->params, "Period");
  JsonObject *instance;
  guint64 period = 1;
  guint months;

  if (id == NULL || (instance = find_instance (call, id, region)) == NULL)
    return;
  if (type != NULL && *type != '\0' && g_strcmp0 (type, "instance") != 0)
    {
      call_error (call, 400, "InvalidResourceType.ValueNotSupported",
                  "The specified ResourceType is not supported.");
      return;
    }
  if (unit == NULL || *unit == '\0')
    unit = "Month";
  if (period_text != NULL && *period_text != '\0' && !parse_uint (period_text, 1000, &period))
    period = 0;
  if ((g_str_equal (unit, "Month") && (period < 1 || period > 9))
      || (g_str_equal (unit, "Year") && (period < 1 || period > 3))
      || (!g_str_equal (unit, "Month") && !g_str_equal (unit, "Year")))
    {
      call_error (call, 400, "InvalidPeriod", "The specified period is not valid.");
      return;
    }
  if (g_strcmp0 (member_string (instance, "InstanceChargeType"), "PrePaid") != 0)
    {
      call_error (call, 403, "ChargeTypeViolation",
                  "The operation is not permitted due to charge type of the instance.");
      return;
    }
  months = (guint) period * (g_str_equal (unit, "Year") ? 12 : 1);
  set_price_info (call->self, call_result (call),
                  (instance_month_price (call->self, member_string (instance, "InstanceType"))
                   + bandwidth_month_price (call->self, instance)) * months);
}

static void
ecs_describe_price (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *region = require_param (call, "RegionId");
  const char *type = g_hash_table_lookup (call->params, "ResourceType");
  const char *unit = g_hash_table_lookup (call->params, "PriceUnit");
  const char *period_text = g_hash_table_lookup (call->params, "Period");
  const char *bandwidth_text = g_hash_table_lookup (call->params, "InternetMaxBandwidthOut");
  const char *charge = g_hash_table_lookup (call->params, "InternetChargeType");
  guint64 period = 1, bandwidth = 0;
  double units, month_price = 0.0;

  if (region == NULL)
    return;
  if (!has_region (self, region))
    {
      call_error (call, 404, "InvalidRegionId.NotFound", "The specified RegionId does not exist.");
      return;
    }
  if (type == NULL || *type == '\0')
    type = "instance";
  if (unit == NULL || *unit == '\0')
    unit = "Hour";
  if (period_text != NULL && *period_text != '\0' && !parse_uint (period_text, 1000, &period))
    period = 0;
  if (bandwidth_text != NULL && *bandwidth_text != '\0'
      && !parse_uint (bandwidth_text, MAX_BANDWIDTH_OUT, &bandwidth))
    {
      call_error (call, 400, "InvalidInternetMaxBandwidthOut.ValueNotSupported",
                  "The specified InternetMaxBandwidthOut is out of range [0, %d].",
                  MAX_BANDWIDTH_OUT);
      return;
    }

  if (g_str_equal (unit, "Month"))
    units = (double) period;
  else if (g_str_equal (unit, "Year"))
    units = (double) period * 12;
  else if (g_str_equal (unit, "Week"))
    units = (double) period * 7 / 30;
  else if (g_str_equal (unit, "Hour"))
    units = (double) period / 720;
  else
    units = 0;
  if (units <= 0)
    {
      call_error (call, 400, "InvalidPeriod", "The specified period is not valid.");
      return;
    }

  if (g_str_equal (type, "instance"))
    {
      if (require_param (call, "InstanceType") == NULL)
        return;
      month_price = instance_month_price (self, g_hash_table_lookup (call->params,
                                                                     "InstanceType"));
    }
  else if (!g_str_equal (type, "bandwidth"))
    {
      call_error (call, 400, "InvalidResourceType.ValueNotSupported",
                  "The specified ResourceType is not supported.");
      return;
    }
  if (charge == NULL || *charge == '\0' || g_str_equal (charge, "PayByBandwidth"))
    month_price += self->price_bandwidth_month * (double) bandwidth;

  set_price_info (self, call_result (call), month_price * units);
}

/* --- STS, BSS, BSN ------------------------------------------------------------------------ */

static void
sts_get_caller_identity (Call *call)
{
  JsonObject *result = call_result (call);

  json_object_set_string_member (result, "AccountId", call->self->account_id);
  json_object_set_string_member (result, "UserId", call->key->user_id);
  json_object_set_string_member (result, "Arn", call->key->arn);
  json_object_set_string_member (result, "IdentityType", call->key->identity_type);
  json_object_set_string_member (result, "PrincipalId", call->key->principal_id);
  if (call->key->role_id != NULL)
    json_object_set_string_member (result, "RoleId", call->key->role_id);
}

static void
bss_query_available_instances (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *product = g_hash_table_lookup (call->params, "ProductCode");
  const char *subscription = g_hash_table_lookup (call->params, "SubscriptionType");
  const char *ids_text = g_hash_table_lookup (call->params, "InstanceIDs");
  const char *region = g_hash_table_lookup (call->params, "Region");
  const char *renew = g_hash_table_lookup (call->params, "RenewStatus");
  const char *num_text = g_hash_table_lookup (call->params, "PageNum");
  const char *size_text = g_hash_table_lookup (call->params, "PageSize");
  g_auto(GStrv) ids = NULL;
  g_autofree char *filter = NULL;
  guint64 page_num = 1, page_size = 20;
  guint total = 0;
  JsonArray *list;
  JsonObject *data, *result;

  if (num_text != NULL && *num_text != '\0'
      && !(parse_uint (num_text, G_MAXUINT32, &page_num) && page_num >= 1))
    {
      call_error (call, 400, "InvalidParameter", "The specified parameter PageNum is not valid.");
      return;
    }
  if (size_text != NULL && *size_text != '\0'
      && !(parse_uint (size_text, 300, &page_size) && page_size >= 1))
    {
      call_error (call, 400, "InvalidParameter",
                  "The specified parameter PageSize is not valid (1 to 300).");
      return;
    }
  if (ids_text != NULL && *ids_text != '\0')
    {
      ids = g_strsplit (ids_text, ",", -1);
      if (g_strv_length (ids) > 100)
        {
          call_error (call, 400, "InvalidParameter",
                      "The specified parameter InstanceIDs is not valid (at most 100).");
          return;
        }
    }

  /* The records a filter matches are kept until an order changes one: 34 pages of 300 from
   * 10 000 instances then cost a look at 300 records each, not at 10 000. */
  filter = g_strjoin ("|", product ?: "", subscription ?: "", ids_text ?: "", region ?: "",
                      renew ?: "", NULL);
  if (self->bss_matches == NULL || self->bss_serial != self->billing_serial
      || g_strcmp0 (self->bss_filter, filter) != 0)
    {
      g_clear_pointer (&self->bss_matches, g_ptr_array_unref);
      self->bss_matches = g_ptr_array_new ();
      for (guint i = 0; i < json_array_get_length (self->instances); i++)
        {
          JsonObject *instance = json_array_get_object_element (self->instances, i);
          JsonObject *record;

          if (product != NULL && *product != '\0' && g_strcmp0 (product, "ecs") != 0)
            break;
          record = billing_record (self, instance);
          if (subscription != NULL && *subscription != '\0'
              && g_strcmp0 (member_string (record, "SubscriptionType"), subscription) != 0)
            continue;
          if (ids != NULL
              && !g_strv_contains ((const char * const *) ids,
                                   member_string (record, "InstanceID")))
            continue;
          if (region != NULL && *region != '\0'
              && g_strcmp0 (member_string (record, "Region"), region) != 0)
            continue;
          if (renew != NULL && *renew != '\0'
              && g_strcmp0 (member_string (record, "RenewStatus"), renew) != 0)
            continue;
          g_ptr_array_add (self->bss_matches, record);
        }
      g_free (self->bss_filter);
      self->bss_filter = g_steal_pointer (&filter);
      self->bss_serial = self->billing_serial;
    }

  list = json_array_new ();
  total = self->bss_matches->len;
  for (guint64 i = (page_num - 1) * page_size; i < page_num * page_size && i < total; i++)
    json_array_add_object_element (list, json_object_ref (g_ptr_array_index (self->bss_matches,
                                                                             (guint) i)));

  result = call_result (call);
  json_object_set_string_member (result, "Code", "Success");
  json_object_set_string_member (result, "Message", "Successful!");
  json_object_set_boolean_member (result, "Success", TRUE);
  data = json_object_new ();
  json_object_set_int_member (data, "PageNum", (gint64) page_num);
  json_object_set_int_member (data, "PageSize", (gint64) page_size);
  json_object_set_int_member (data, "TotalCount", total);
  json_object_set_array_member (data, "InstanceList", list);
  json_object_set_object_member (result, "Data", data);
}

/* The Filing Service's JSON shape is not documented: like every POP list, the XML sample's
 * <datas><bsnDO>… becomes {"datas": {"bsnDO": […]}}. */
static void
bsn_get_bsn_by_resource (Call *call)
{
  IcpFakeCloud *self = call->self;
  const char *type = g_hash_table_lookup (call->params, "resourceType");
  const char *id = g_hash_table_lookup (call->params, "resourceId");
  const char *aliuid = g_hash_table_lookup (call->params, "aliuid");
  JsonArray *list = json_array_new ();
  JsonObject *datas = json_object_new ();
  JsonNode *codes = NULL;

  json_object_set_array_member (datas, "bsnDO", list);
  if (type == NULL || *type == '\0' || id == NULL || *id == '\0' || aliuid == NULL
      || *aliuid == '\0')
    {
      json_object_unref (datas);
      call_error (call, 400, "602", "A required parameter is empty.");
      return;
    }
  if (g_strcmp0 (aliuid, self->account_id) != 0)
    {
      json_object_unref (datas);
      call_error (call, 400, "616", "The resource does not belong to the given account.");
      return;
    }

  if (g_str_equal (type, "1") && self->service_codes != NULL
      && json_object_has_member (self->service_codes, id))
    codes = json_object_get_member (self->service_codes, id);

  if (codes != NULL && JSON_NODE_HOLDS_ARRAY (codes))
    {
      JsonArray *given = json_node_get_array (codes);
      for (guint i = 0; i < json_array_get_length (given); i++)
        json_array_add_element (list, deep_copy (json_array_get_element (given, i)));
    }
  else if (codes != NULL && JSON_NODE_HOLDS_VALUE (codes))
    {
      gint64 n = json_node_get_int (codes);

      for (gint64 i = 0; i < n; i++)
        {
          JsonObject *code = json_object_new ();
          g_autofree char *sn = g_strdup_printf ("%08x-a888-88e8-b9ec-%012" G_GINT64_MODIFIER "x",
                                                 g_str_hash (id), i + 1);
          g_autofree char *beian = g_strdup_printf ("浙ICP备2026%06" G_GINT64_FORMAT "号-1",
                                                    i + 1);

          json_object_set_int_member (code, "aliUid", g_ascii_strtoll (self->account_id,
                                                                       NULL, 10));
          json_object_set_int_member (code, "resourceType", 1);
          json_object_set_string_member (code, "resourceId", id);
          json_object_set_string_member (code, "sn", sn);
          json_object_set_int_member (code, "status", 2);
          json_object_set_string_member (code, "beianNum", beian);
          json_object_set_int_member (code, "opSource", 2);
          json_array_add_object_element (list, code);
        }
    }

  json_object_set_object_member (call_result (call), "datas", datas);
}

/* --- routing ------------------------------------------------------------------------------ */

typedef struct
{
  const char *action;
  Service     service;
  const char *version; /* NULL: any */
  gboolean    money;   /* DryRun / ClientToken apply */
  void      (*handler) (Call *call);
} Route;

static const Route routes[] = {
  { "DescribeRegions", SERVICE_ECS, ECS_VERSION, FALSE, ecs_describe_regions },
  { "DescribeInstances", SERVICE_ECS, ECS_VERSION, FALSE, ecs_describe_instances },
  { "RenewInstance", SERVICE_ECS, ECS_VERSION, TRUE, ecs_renew_instance },
  { "ModifyInstanceChargeType", SERVICE_ECS, ECS_VERSION, TRUE, ecs_modify_instance_charge_type },
  { "ModifyInstanceNetworkSpec", SERVICE_ECS, ECS_VERSION, TRUE,
    ecs_modify_instance_network_spec },
  { "AllocatePublicIpAddress", SERVICE_ECS, ECS_VERSION, TRUE, ecs_allocate_public_ip_address },
  { "DescribeRenewalPrice", SERVICE_ECS, ECS_VERSION, FALSE, ecs_describe_renewal_price },
  { "DescribePrice", SERVICE_ECS, ECS_VERSION, FALSE, ecs_describe_price },
  { "GetCallerIdentity", SERVICE_STS, STS_VERSION, FALSE, sts_get_caller_identity },
  { "QueryAvailableInstances", SERVICE_BSS, BSS_VERSION, FALSE, bss_query_available_instances },
  { "GetBsnByResource", SERVICE_BSN, NULL, FALSE, bsn_get_bsn_by_resource },
};

static const Route *
find_route (const char *action)
{
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (routes[i].action, action))
      return &routes[i];
  return NULL;
}

/* The permission of @key for @service: NULL when allowed, else the error Code. */
static const char *
permission_denied (IcpFakeCloud *self,
                   FakeKey      *key,
                   Service       service)
{
  const char *name = service_keys[service];
  JsonObject *sources[] = { key->permissions, self->permissions };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      JsonNode *node;

      if (sources[i] == NULL || !json_object_has_member (sources[i], name))
        continue;
      node = json_object_get_member (sources[i], name);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node))
        return NULL;
      return "Forbidden.RAM";
    }
  /* Default: the Filing Service API is for partners, the rest is allowed. */
  return service == SERVICE_BSN ? "Forbidden.RAM" : NULL;
}

static gboolean
take_fault (IcpFakeCloud *self,
            const char   *action,
            const char   *region,
            gboolean      repeat_instance,
            IcpFakeFault *kind)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if ((fault->kind == ICP_FAKE_FAULT_REPEAT_INSTANCE) != repeat_instance)
        continue;
      if (fault->action != NULL && g_strcmp0 (fault->action, action) != 0)
        continue;
      if (fault->region != NULL && g_strcmp0 (fault->region, region) != 0)
        continue;
      *kind = fault->kind;
      if (fault->remaining > 0 && --fault->remaining == 0)
        g_ptr_array_remove_index (self->faults, i);
      return TRUE;
    }
  return FALSE;
}

/* --- signatures --------------------------------------------------------------------------- */

static FakeKey *
find_key (IcpFakeCloud *self,
          const char   *id)
{
  for (guint i = 0; id != NULL && i < self->keys->len; i++)
    {
      FakeKey *key = g_ptr_array_index (self->keys, i);
      if (g_str_equal (key->id, id))
        return key;
    }
  return NULL;
}

static gboolean
check_timestamp (Call       *call,
                 const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  gint64 skew;

  if (text == NULL || *text == '\0')
    {
      require_param (call, "Timestamp");
      return FALSE;
    }
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL || !g_str_has_suffix (text, "Z"))
    {
      call_error (call, 400, "InvalidTimeStamp.Format",
                  "Specified time stamp or date value is not well formatted.");
      return FALSE;
    }
  /* Against the real clock: the client signs with it even when the business clock is set. */
  skew = g_date_time_to_unix (time) * G_USEC_PER_SEC - g_get_real_time ();
  if (ABS (skew) > TIMESTAMP_SKEW_US)
    {
      call_error (call, 400, "IllegalTimestamp",
                  "The input parameter \"Timestamp\" that is mandatory for processing this "
                  "request is not supplied or is out of the allowed 15 minutes.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_nonce (Call       *call,
             const char *nonce)
{
  if (nonce == NULL || *nonce == '\0')
    {
      call_error (call, 400, "MissingParameter",
                  "The input parameter \"SignatureNonce\" that is mandatory for processing this "
                  "request is not supplied.");
      return FALSE;
    }
  if (g_hash_table_contains (call->self->nonces, nonce))
    {
      call_error (call, 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_key (Call       *call,
           const char *id,
           const char *token)
{
  call->key = find_key (call->self, id);
  if (call->key == NULL)
    {
      call_error (call, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
      return FALSE;
    }
  if (call->key->token != NULL && g_strcmp0 (call->key->token, token) != 0)
    {
      call_error (call, 400, "InvalidSecurityToken.MismatchWithAccessKey",
                  "Specified SecurityToken mismatch with the AccessKey.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_v1 (Call       *call,
           const char *method)
{
  GHashTable *params = call->params;
  const char *signature = g_hash_table_lookup (params, "Signature");
  const char *method_name = g_hash_table_lookup (params, "SignatureMethod");
  const char *version = g_hash_table_lookup (params, "SignatureVersion");
  g_autofree char *expected = NULL;

  if (signature == NULL || g_strcmp0 (method_name, "HMAC-SHA1") != 0
      || g_strcmp0 (version, "1.0") != 0)
    {
      call_error (call, 400, "IncompleteSignature",
                  "The request signature does not conform to Aliyun standards.");
      return FALSE;
    }
  if (!check_key (call, g_hash_table_lookup (params, "AccessKeyId"),
                  g_hash_table_lookup (params, "SecurityToken")))
    return FALSE;
  if (!check_timestamp (call, g_hash_table_lookup (params, "Timestamp")))
    return FALSE;

  expected = icp_signer_v1_sign (method, params, call->key->secret);
  if (g_strcmp0 (expected, signature) != 0)
    {
      g_autofree char *string_to_sign = icp_signer_v1_string_to_sign (method, params);

      call_error (call, 403, "SignatureDoesNotMatch",
                  "Specified signature is not matched with our calculation. server string to "
                  "sign is:%s", string_to_sign);
      return FALSE;
    }
  return check_nonce (call, g_hash_table_lookup (params, "SignatureNonce"));
}

static gboolean
verify_v3 (Call              *call,
           SoupServerMessage *msg,
           GHashTable        *query,
           SoupMessageBody   *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(GHashTable) signed_headers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, g_free);
  g_autofree char *credential = NULL;
  g_autofree char *signed_list = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *body_hash = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) names = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value, *content_hash;
  IcpSignerV3Request request = { 0 };

  parts = g_strsplit (authorization + strlen (ICP_SIGNER_V3_ALGORITHM), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, "Credential="))
        credential = g_strdup (part + strlen ("Credential="));
      else if (g_str_has_prefix (part, "SignedHeaders="))
        signed_list = g_strdup (part + strlen ("SignedHeaders="));
      else if (g_str_has_prefix (part, "Signature="))
        signature = g_strdup (part + strlen ("Signature="));
    }
  if (credential == NULL || signed_list == NULL || signature == NULL)
    {
      call_error (call, 400, "IncompleteSignature",
                  "The request signature does not conform to Aliyun standards.");
      return FALSE;
    }

  /* host, content-type and every x-acs-* header must be signed. */
  names = g_strsplit (signed_list, ";", -1);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if ((g_str_has_prefix (lower, "x-acs-") || g_str_equal (lower, "host")
           || g_str_equal (lower, "content-type"))
          && !g_strv_contains ((const char * const *) names, lower))
        {
          call_error (call, 400, "IncompleteSignature",
                      "The request signature does not conform to Aliyun standards: header "
                      "\"%s\" is not signed.", lower);
          return FALSE;
        }
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      value = soup_message_headers_get_one (headers, names[i]);
      if (value == NULL)
        {
          call_error (call, 400, "IncompleteSignature",
                      "The request signature does not conform to Aliyun standards: signed "
                      "header \"%s\" is missing.", names[i]);
          return FALSE;
        }
      g_hash_table_insert (signed_headers, g_strdup (names[i]), g_strdup (value));
    }

  if (!check_key (call, credential,
                  soup_message_headers_get_one (headers, "x-acs-security-token")))
    return FALSE;
  if (!check_timestamp (call, soup_message_headers_get_one (headers, "x-acs-date")))
    return FALSE;

  content_hash = soup_message_headers_get_one (headers, "x-acs-content-sha256");
  body_hash = icp_signer_sha256_hex ((const guint8 *) body->data, body->length);
  if (content_hash == NULL || g_ascii_strcasecmp (content_hash, body_hash) != 0)
    {
      call_error (call, 400, "IncompleteSignature",
                  "The x-acs-content-sha256 header does not match the request body.");
      return FALSE;
    }

  request.method = soup_server_message_get_method (msg);
  request.canonical_uri = g_uri_get_path (soup_server_message_get_uri (msg));
  request.query = query;
  request.headers = signed_headers;
  request.body = (const guint8 *) body->data;
  request.body_length = body->length;
  expected = icp_signer_v3_sign (&request, call->key->secret);
  if (g_strcmp0 (expected, signature) != 0)
    {
      g_autofree char *canonical = icp_signer_v3_canonical_request (&request);

      call_error (call, 403, "SignatureDoesNotMatch",
                  "Specified signature is not matched with our calculation. server "
                  "CanonicalRequest is:%s", canonical);
      return FALSE;
    }
  return check_nonce (call, soup_message_headers_get_one (headers, "x-acs-signature-nonce"));
}

/* --- answers ------------------------------------------------------------------------------ */

static void
xml_append (GString    *out,
            const char *name,
            JsonNode   *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        xml_append (out, name, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_string_append_printf (out, "<%s>", name);
      for (GList *l = members; l != NULL; l = l->next)
        xml_append (out, l->data, json_object_get_member (object, l->data));
      g_string_append_printf (out, "</%s>", name);
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    g_string_append_printf (out, "<%s/>", name);
  else
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else if (type == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      else if (type == G_TYPE_DOUBLE)
        text = g_strdup_printf ("%g", json_node_get_double (node));
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      escaped = g_markup_escape_text (text, -1);
      g_string_append_printf (out, "<%s>%s</%s>", name, escaped, name);
    }
}

static char *
to_xml (const char *root_name,
        JsonObject *object)
{
  GString *out = g_string_new ("<?xml version='1.0' encoding='UTF-8'?>");
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  xml_append (out, root_name, node);
  return g_string_free (out, FALSE);
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

typedef enum
{
  TRANSPORT_NORMAL,
  TRANSPORT_TRUNCATED,
  TRANSPORT_DROP,
} Transport;

struct _Pending
{
  IcpFakeCloud      *self;
  SoupServerMessage *msg;
  guint              source_id;
  gulong             disconnected_id;
  gboolean           gone;
  gboolean           paused;
  Transport          transport;
  guint              status;
  char              *content_type;
  char              *body;
  char              *request_id;
};

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source_id, g_source_remove);
  g_clear_signal_handler (&pending->disconnected_id, pending->msg);
  g_object_unref (pending->msg);
  g_free (pending->content_type);
  g_free (pending->body);
  g_free (pending->request_id);
  g_free (pending);
}

static void
write_raw (SoupServerMessage *msg,
           const char        *text,
           gsize              length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  if (length > 0)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), text, length, NULL, NULL,
                               NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
deliver (Pending *pending)
{
  SoupServerMessage *msg = pending->msg;

  if (pending->gone)
    return;

  switch (pending->transport)
    {
    case TRANSPORT_NORMAL:
      soup_server_message_set_status (msg, pending->status, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "x-acs-request-id", pending->request_id);
      soup_server_message_set_response (msg, pending->content_type, SOUP_MEMORY_COPY,
                                        pending->body, strlen (pending->body));
      if (pending->paused)
        soup_server_message_unpause (msg);
      break;

    case TRANSPORT_TRUNCATED:
      {
        gsize length = strlen (pending->body);
        g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                                 "Content-Type: %s\r\n"
                                                 "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                                 "x-acs-request-id: %s\r\n"
                                                 "\r\n", pending->content_type, length,
                                                 pending->request_id);
        g_autoptr(GString) text = g_string_new (head);

        g_string_append_len (text, pending->body, length / 2);
        write_raw (msg, text->str, text->len);
      }
      break;

    case TRANSPORT_DROP:
      write_raw (msg, NULL, 0);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
deliver_cb (gpointer user_data)
{
  Pending *pending = user_data;

  pending->source_id = 0;
  deliver (pending);
  g_ptr_array_remove_fast (pending->self->pending, pending);
  return G_SOURCE_REMOVE;
}

static void
disconnected_cb (SoupServerMessage *msg,
                 gpointer           user_data)
{
  Pending *pending = user_data;

  pending->gone = TRUE;
}

static void
send_answer (IcpFakeCloud      *self,
             SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             char              *body, /* (transfer full) */
             const char        *request_id,
             Transport          transport,
             guint              delay_ms)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->transport = transport;
  pending->status = status;
  pending->content_type = g_strdup (content_type);
  pending->body = body;
  pending->request_id = g_strdup (request_id);

  if (delay_ms == 0 && transport == TRANSPORT_NORMAL)
    {
      deliver (pending);
      pending_free (pending);
      return;
    }

  /* Later: the connection is stolen or the answer is written from a timeout. */
  soup_server_message_pause (msg);
  pending->paused = TRUE;
  pending->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (disconnected_cb), pending);
  pending->source_id = g_timeout_add (delay_ms, deliver_cb, pending);
  g_ptr_array_add (self->pending, pending);
}

static void
send_json (SoupServerMessage *msg,
           guint              status,
           JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* --- the request handler ------------------------------------------------------------------ */

static void
merge_form (GHashTable *params,
            const char *text)
{
  GHashTable *form = soup_form_decode (text);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (params, g_strdup (key), g_strdup (value));
  g_hash_table_unref (form);
}

/* The parameters a ClientToken answer must match: everything but the signing ones. */
static char *
idempotence_signature (GHashTable *params)
{
  g_autoptr(GHashTable) copy = params_copy (params);
  static const char * const volatile_names[] = {
    "Signature", "SignatureNonce", "Timestamp", "SecurityToken", "AccessKeyId", "Format",
  };

  for (guint i = 0; i < G_N_ELEMENTS (volatile_names); i++)
    g_hash_table_remove (copy, volatile_names[i]);
  return icp_signer_canonical_query (copy);
}

static const char *
host_id (Call *call)
{
  return service_hosts[call->service];
}

static void
api_request (IcpFakeCloud      *self,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GBytes) body_bytes = NULL;
  g_autofree char *body = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *token_key = NULL;
  g_autofree char *token_signature = NULL;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  IcpFakeRequest *record;
  const Route *route = NULL;
  gboolean v3, xml, has_fault = FALSE;
  IcpFakeFault fault = ICP_FAKE_FAULT_THROTTLING;
  Transport transport = TRANSPORT_NORMAL;
  guint delay_ms = self->latency_ms;
  Call call = { 0 };
  JsonObject *answer;

  if (raw_query != NULL)
    merge_form (query, raw_query);
  params = params_copy (query);
  body_bytes = soup_message_body_flatten (request_body);
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0
      && g_bytes_get_size (body_bytes) > 0)
    {
      g_autofree char *form = g_strndup (g_bytes_get_data (body_bytes, NULL),
                                         g_bytes_get_size (body_bytes));
      merge_form (params, form);
    }

  v3 = authorization != NULL && g_str_has_prefix (authorization, ICP_SIGNER_V3_ALGORITHM);

  record = g_new0 (IcpFakeRequest, 1);
  record->time = g_get_real_time ();
  record->params = params_copy (params);
  g_hash_table_remove (record->params, "Signature");
  g_hash_table_remove (record->params, "SecurityToken");
  if (v3)
    {
      record->action = g_strdup (soup_message_headers_get_one (headers, "x-acs-action"));
      record->version = g_strdup (soup_message_headers_get_one (headers, "x-acs-version"));
      record->signature_version = 3;
    }
  else
    {
      record->action = g_strdup (g_hash_table_lookup (params, "Action"));
      record->version = g_strdup (g_hash_table_lookup (params, "Version"));
      record->access_key_id = g_strdup (g_hash_table_lookup (params, "AccessKeyId"));
      record->signature_version = g_hash_table_contains (params, "Signature") ? 1 : 0;
    }
  record->region = g_strdup (g_hash_table_lookup (params, "RegionId"));
  if (record->region == NULL)
    record->region = g_strdup (g_hash_table_lookup (params, "Region"));
  g_ptr_array_add (self->requests, record);

  xml = !v3 && g_ascii_strcasecmp (g_hash_table_lookup (params, "Format") ?: "XML", "JSON") != 0;
  call.self = self;
  call.record = record;
  call.params = params;
  call.request_id = new_request_id ();
  route = find_route (record->action);
  call.service = route != NULL ? route->service : SERVICE_ECS;

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
    call_error (&call, 403, "UnsupportedHTTPMethod", "This http method is not supported.");
  else if (v3)
    {
      if (verify_v3 (&call, msg, query, request_body))
        {
          nonce = g_strdup (soup_message_headers_get_one (headers, "x-acs-signature-nonce"));
          g_free (record->access_key_id);
          record->access_key_id = g_strdup (call.key->id);
        }
    }
  else if (authorization != NULL || !g_hash_table_contains (params, "Signature"))
    call_error (&call, 400, "IncompleteSignature",
                "The request signature does not conform to Aliyun standards.");
  else if (verify_v1 (&call, method))
    nonce = g_strdup (g_hash_table_lookup (params, "SignatureNonce"));

  if (!call_failed (&call))
    {
      if (record->action == NULL || *record->action == '\0')
        require_param (&call, "Action");
      else if (route == NULL)
        call_error (&call, 404, "InvalidAction.NotFound",
                    "Specified api is not found, please check your url and method.");
      else if (record->version == NULL
               || (route->version != NULL && !g_str_equal (route->version, record->version)))
        call_error (&call, 400, "InvalidVersion", "Specified parameter Version is not valid.");
    }

  if (!call_failed (&call))
    {
      const char *denied = permission_denied (self, call.key, route->service);

      if (denied != NULL)
        call_error (&call, 403, denied,
                    "User not authorized to operate on the specified resource, or this API "
                    "doesn't support RAM.");
    }

  if (!call_failed (&call) && take_fault (self, record->action, record->region, FALSE, &fault))
    {
      has_fault = TRUE;
      switch (fault)
        {
        case ICP_FAKE_FAULT_THROTTLING:
          call_error (&call, 400, "Throttling.User",
                      "Request was denied due to user flow control.");
          break;
        case ICP_FAKE_FAULT_HTTP_500:
          call_error (&call, 500, "InternalError",
                      "The request processing has failed due to some unknown error, exception "
                      "or failure.");
          break;
        case ICP_FAKE_FAULT_HTTP_503:
          call_error (&call, 503, "ServiceUnavailable",
                      "The request has failed due to a temporary failure of the server.");
          break;
        case ICP_FAKE_FAULT_FORBIDDEN:
          call_error (&call, 403, "Forbidden.RAM",
                      "User not authorized to operate on the specified resource, or this API "
                      "doesn't support RAM.");
          break;
        case ICP_FAKE_FAULT_SLOW:
          delay_ms += self->slow_ms;
          break;
        case ICP_FAKE_FAULT_TRUNCATED:
          transport = TRANSPORT_TRUNCATED;
          break;
        case ICP_FAKE_FAULT_DROP:
          transport = TRANSPORT_DROP;
          break;
        case ICP_FAKE_FAULT_MALFORMED:
        case ICP_FAKE_FAULT_REPEAT_INSTANCE:
        default:
          break;
        }
    }

  if (!call_failed (&call))
    call.dry_run = param_is_true (params, "DryRun", FALSE);

  if (!call_failed (&call) && route->money && !call.dry_run)
    {
      const char *token = g_hash_table_lookup (params, "ClientToken");

      if (token != NULL && *token != '\0')
        {
          StoredAnswer *stored;

          token_key = g_strdup_printf ("%s\n%s\n%s", call.key->id, record->action, token);
          token_signature = idempotence_signature (params);
          stored = g_hash_table_lookup (self->answers, token_key);
          if (stored != NULL && !g_str_equal (stored->signature, token_signature))
            call_error (&call, 400, "IdempotenceParamNotMatch",
                        "Request uses a client token in a previous request but is not identical "
                        "to that request.");
          else if (stored != NULL)
            {
              /* The first answer again, RequestId included; nothing changes. */
              record->status = stored->status;
              if (nonce != NULL && transport == TRANSPORT_NORMAL)
                g_hash_table_add (self->nonces, g_steal_pointer (&nonce));
              send_answer (self, msg, stored->status, "application/json;charset=utf-8",
                           g_strdup (stored->body), call.request_id, transport, delay_ms);
              call_clear (&call);
              return;
            }
        }
    }

  if (!call_failed (&call))
    {
      route->handler (&call);
      /* Read-only calls check their parameters too, then say the dry run passed. */
      if (call.dry_run && !call_failed (&call))
        dry_run_passed (&call);
    }

  if (call_failed (&call))
    {
      g_autofree char *recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s"
                                                    "&product=Ecs", call.code);
      answer = json_object_new ();
      json_object_set_string_member (answer, "RequestId", call.request_id);
      json_object_set_string_member (answer, "HostId", host_id (&call));
      json_object_set_string_member (answer, "Code", call.code);
      json_object_set_string_member (answer, "Message", call.message);
      json_object_set_string_member (answer, "Recommend", recommend);
      record->code = g_strdup (call.code);
      record->status = call.status;
      body = xml ? to_xml ("Error", answer) : to_json (answer);
    }
  else
    {
      g_autofree char *root_name = g_strdup_printf ("%sResponse", record->action);

      answer = json_object_ref (call_result (&call));
      json_object_set_string_member (answer, "RequestId", call.request_id);
      record->status = call.status;
      body = xml ? to_xml (root_name, answer) : to_json (answer);
      if (token_key != NULL)
        {
          StoredAnswer *stored = g_new0 (StoredAnswer, 1);

          stored->status = call.status;
          stored->body = g_strdup (body);
          stored->signature = g_steal_pointer (&token_signature);
          g_hash_table_insert (self->answers, g_steal_pointer (&token_key), stored);
        }
    }
  json_object_unref (answer);

  if (has_fault && fault == ICP_FAKE_FAULT_MALFORMED)
    {
      g_free (body);
      body = g_strdup_printf ("{\"RequestId\":\"%s\",\"Instances\":{\"Instance\":[{\"InstanceId"
                              "\":<html>502 Bad Gateway</html>", call.request_id);
      record->status = 200;
      g_clear_pointer (&record->code, g_free);
    }
  if (transport == TRANSPORT_DROP)
    record->status = 0;

  /* A request that never got an answer was not processed: its nonce may come again. */
  if (nonce != NULL && transport == TRANSPORT_NORMAL)
    g_hash_table_add (self->nonces, g_steal_pointer (&nonce));

  send_answer (self, msg, record->status == 0 ? 200 : record->status,
               xml ? "text/xml;charset=utf-8" : "application/json;charset=utf-8",
               g_steal_pointer (&body), call.request_id, transport, delay_ms);
  call_clear (&call);
}

/* --- control over HTTP (/_fake/…) --------------------------------------------------------- */

static JsonNode *
requests_to_json (IcpFakeCloud *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < self->requests->len; i++)
    {
      IcpFakeRequest *request = g_ptr_array_index (self->requests, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (request->time / G_USEC_PER_SEC);
      g_autofree char *time_text = icp_time_format (time);
      g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (request->params),
                                            (GCompareFunc) strcmp);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "Action");
      json_builder_add_string_value (b, request->action);
      json_builder_set_member_name (b, "Version");
      json_builder_add_string_value (b, request->version);
      json_builder_set_member_name (b, "Region");
      json_builder_add_string_value (b, request->region);
      json_builder_set_member_name (b, "AccessKeyId");
      json_builder_add_string_value (b, request->access_key_id);
      json_builder_set_member_name (b, "SignatureVersion");
      json_builder_add_int_value (b, request->signature_version);
      json_builder_set_member_name (b, "Time");
      json_builder_add_string_value (b, time_text);
      json_builder_set_member_name (b, "Status");
      json_builder_add_int_value (b, request->status);
      json_builder_set_member_name (b, "Code");
      json_builder_add_string_value (b, request->code);
      json_builder_set_member_name (b, "Params");
      json_builder_begin_object (b);
      for (GList *l = names; l != NULL; l = l->next)
        {
          json_builder_set_member_name (b, l->data);
          json_builder_add_string_value (b, g_hash_table_lookup (request->params, l->data));
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static void
control_answer (SoupServerMessage *msg,
                guint              status,
                const char        *key,
                const char        *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, key, value);
  json_node_take_object (node, object);
  send_json (msg, status, node);
}

static void
control_request (IcpFakeCloud      *self,
                 SoupServerMessage *msg,
                 const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  gboolean post = g_str_equal (method, "POST");
  const char *name = path + strlen ("/_fake/");

  if (!G_IS_INET_SOCKET_ADDRESS (remote)
      || !g_inet_address_get_is_loopback (
            g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
    {
      control_answer (msg, 403, "Error", "control is for 127.0.0.1 only");
      return;
    }
  if (raw_query != NULL)
    merge_form (query, raw_query);

  if (post && g_str_equal (name, "fault"))
    {
      IcpFakeFault kind;
      guint64 count = 0;
      const char *count_text = g_hash_table_lookup (query, "count");

      if (!icp_fake_fault_from_string (g_hash_table_lookup (query, "kind"), &kind)
          || (count_text != NULL && *count_text != '\0'
              && !parse_uint (count_text, G_MAXUINT32, &count)))
        {
          control_answer (msg, 400, "Error", "kind= or count= is not valid");
          return;
        }
      icp_fake_cloud_add_fault (self, g_hash_table_lookup (query, "action"),
                                g_hash_table_lookup (query, "region"), kind, (guint) count);
      control_answer (msg, 200, "Fault", fault_names[kind]);
    }
  else if (post && g_str_equal (name, "clear-faults"))
    {
      icp_fake_cloud_clear_faults (self);
      control_answer (msg, 200, "Faults", "cleared");
    }
  else if (g_str_equal (method, "GET") && g_str_equal (name, "requests"))
    {
      g_autoptr(JsonNode) node = requests_to_json (self);
      send_json (msg, 200, node);
    }
  else if (post && g_str_equal (name, "clear-requests"))
    {
      icp_fake_cloud_clear_requests (self);
      control_answer (msg, 200, "Requests", "cleared");
    }
  else if (post && g_str_equal (name, "pay"))
    {
      g_autofree char *n = g_strdup_printf ("%u", icp_fake_cloud_pay_orders (self));
      control_answer (msg, 200, "Paid", n);
    }
  else if (post && g_str_equal (name, "latency"))
    {
      guint64 ms;

      if (!parse_uint (g_hash_table_lookup (query, "ms"), 600000, &ms))
        {
          control_answer (msg, 400, "Error", "ms= is not valid");
          return;
        }
      icp_fake_cloud_set_latency (self, (guint) ms);
      control_answer (msg, 200, "Latency", g_hash_table_lookup (query, "ms"));
    }
  else if (post && g_str_equal (name, "now"))
    {
      const char *text = g_hash_table_lookup (query, "time");
      g_autoptr(GDateTime) time = NULL;

      if (text != NULL && *text != '\0' && (time = icp_time_parse (text, NULL)) == NULL)
        {
          control_answer (msg, 400, "Error", "time= is not valid");
          return;
        }
      icp_fake_cloud_set_now (self, time);
      control_answer (msg, 200, "Now", time != NULL ? text : "real time");
    }
  else if (g_str_equal (method, "GET") && g_str_has_prefix (name, "instances/"))
    {
      JsonObject *instance = g_hash_table_lookup (self->by_id, name + strlen ("instances/"));
      g_autoptr(JsonNode) node = NULL;

      if (instance == NULL)
        {
          control_answer (msg, 404, "Error", "no such instance");
          return;
        }
      node = json_node_init_object (json_node_alloc (), instance);
      send_json (msg, 200, node);
    }
  else
    control_answer (msg, 404, "Error", "unknown control request");
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *unused_query,
           gpointer           user_data)
{
  IcpFakeCloud *self = user_data;

  if (g_str_has_prefix (path, "/_fake/"))
    control_request (self, msg, path);
  else
    api_request (self, msg);
}

gboolean
icp_fake_cloud_start_on_port (IcpFakeCloud  *self,
                              guint          port,
                              GError       **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *listeners;

  g_return_val_if_fail (ICP_IS_FAKE_CLOUD (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  self->server = soup_server_new ("server-header", "icp-fake-cloud ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  /* Our own socket for a longer accept queue than GSocket's 10: a client opening 16
   * connections at once would otherwise see some connects dropped, and the kernel tries them
   * again only a second later. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &local_error);
  if (socket != NULL)
    {
      g_socket_set_listen_backlog (socket, 128);
      if (!g_socket_bind (socket, address, FALSE, &local_error) ||
          !g_socket_listen (socket, &local_error))
        g_clear_object (&socket);
    }
  if (socket == NULL || !soup_server_listen_socket (self->server, socket, 0, &local_error))
    {
      g_set_error (error, ICP_FAKE_CLOUD_ERROR, ICP_FAKE_CLOUD_ERROR_LISTEN,
                   "Cannot listen on 127.0.0.1:%u: %s", port, local_error->message);
      g_clear_object (&self->server);
      return FALSE;
    }

  /* Not soup_server_get_uris(): libsoup 3.2 leaks the addresses it makes. */
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (local))
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);
  self->url = g_strdup_printf ("http://127.0.0.1:%u/", self->port);
  return TRUE;
}

gboolean
icp_fake_cloud_start (IcpFakeCloud  *self,
                      GError       **error)
{
  return icp_fake_cloud_start_on_port (self, 0, error);
}
