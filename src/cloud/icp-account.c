/* icp-account.c — owner account, real subscription starts and service codes from the API
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <yajl/yajl_parse.h>

#include "icp-account.h"
#include "icp-cloud-private.h"
#include "icp-time.h"

/* BSS QueryAvailableInstances takes up to 300 per page. */
#define BSS_PAGE_SIZE 300

/* The billing pages wait behind the instance pages of a fetch (see icp_ecs_call_bytes_async):
 * the instance list comes first, the billing pages take the slots it leaves free. */
#define BSS_PAGE_PRIORITY G_PRIORITY_LOW

struct _IcpAccount
{
  GObject  parent_instance;

  IcpEcs  *ecs;
};

G_DEFINE_FINAL_TYPE (IcpAccount, icp_account, G_TYPE_OBJECT)

static void
icp_account_dispose (GObject *object)
{
  IcpAccount *self = ICP_ACCOUNT (object);

  g_clear_object (&self->ecs);

  G_OBJECT_CLASS (icp_account_parent_class)->dispose (object);
}

static void
icp_account_class_init (IcpAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_account_dispose;
}

static void
icp_account_init (IcpAccount *self)
{
}

/**
 * icp_account_new:
 * @ecs: the queue every call goes through
 *
 * Returns: (transfer full): a new #IcpAccount
 */
IcpAccount *
icp_account_new (IcpEcs *ecs)
{
  IcpAccount *self;

  g_return_val_if_fail (ICP_IS_ECS (ecs), NULL);

  self = g_object_new (ICP_TYPE_ACCOUNT, NULL);
  self->ecs = g_object_ref (ecs);
  return self;
}

/* A member as text whether the API wrote it as a string or a number; NULL otherwise. */
static char *
member_to_string (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%.0f", json_node_get_double (node));
    default:
      return NULL;
    }
}

static void
return_bad_answer (GTask      *task,
                   const char *action)
{
  g_task_return_new_error (task, ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE,
                           /* Translators: %s is an API action such as GetCallerIdentity */
                           _("The answer to %s is not what the API documents; try again "
                             "later, or report it if it stays so."),
                           action);
}

/* ---- STS GetCallerIdentity -------------------------------------------------------------- */

static void
caller_identity_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *account = NULL;

  answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account = member_to_string (answer, "AccountId");
  if (account == NULL || account[0] == '\0')
    {
      return_bad_answer (task, "GetCallerIdentity");
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&account), g_free);
}

void
icp_account_get_caller_identity_async (IcpAccount          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) params = new_params ();

  g_return_if_fail (ICP_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_account_get_caller_identity_async);

  icp_ecs_call_async (self->ecs, ICP_API_SERVICE_STS, NULL, "GetCallerIdentity", params,
                      cancellable, caller_identity_cb, g_steal_pointer (&task));
}

/**
 * icp_account_get_caller_identity_finish:
 *
 * Returns: (transfer full): the account id, or %NULL with @error set
 */
char *
icp_account_get_caller_identity_finish (IcpAccount    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        icp_account_get_caller_identity_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- BSS QueryAvailableInstances -------------------------------------------------------- */

typedef struct
{
  char       *instance_ids; /* comma-separated, or NULL */
  guint       pending;      /* pages asked and not answered */
  gboolean    failed;
  GHashTable *starts;
} SubscriptionsData;

static void
subscriptions_data_free (SubscriptionsData *data)
{
  g_free (data->instance_ids);
  g_clear_pointer (&data->starts, g_hash_table_unref);
  g_free (data);
}

static void query_subscriptions_page (GTask *task,
                                      guint  page);

/* A page is read in one streaming pass (yajl) over the answer's body: ten thousand
 * subscriptions are 34 pages of 300 records, and only three fields of each matter. */
typedef enum
{
  KEY_OTHER,
  KEY_SUCCESS,       /* top level */
  KEY_CODE,          /* top level */
  KEY_DATA,          /* top level */
  KEY_INSTANCE_LIST, /* in Data */
  KEY_TOTAL_COUNT,   /* in Data */
  KEY_INSTANCE_ID,   /* in a record */
  KEY_CREATE_TIME,   /* in a record */
  KEY_TYPE,          /* in a record */
} PageKey;

typedef struct
{
  SubscriptionsData *data;
  guint     depth;          /* maps and arrays open */
  gboolean  root_is_object;
  PageKey   top_key;        /* the last key at each level that matters */
  PageKey   data_key;
  PageKey   item_key;
  gboolean  has_data;
  gboolean  has_list;
  gboolean  refused;        /* "Success": false */
  char     *code;
  char     *total;
  guint     n;              /* records in the list */
  char     *id;             /* of the record being read */
  char     *create;
  char     *type;
} PageRead;

static void
page_read_clear_record (PageRead *read)
{
  g_clear_pointer (&read->id, g_free);
  g_clear_pointer (&read->create, g_free);
  g_clear_pointer (&read->type, g_free);
}

static void
page_read_clear (PageRead *read)
{
  page_read_clear_record (read);
  g_clear_pointer (&read->code, g_free);
  g_clear_pointer (&read->total, g_free);
}

static gboolean
in_list (PageRead *read)
{
  return read->top_key == KEY_DATA && read->data_key == KEY_INSTANCE_LIST;
}

/* A string or a number, as text (the API writes some numbers either way). */
static void
page_read_scalar (PageRead            *read,
                  const unsigned char *text,
                  size_t               length)
{
  char **slot = NULL;

  if (read->depth == 1 && read->top_key == KEY_CODE)
    slot = &read->code;
  else if (read->depth == 2 && read->top_key == KEY_DATA && read->data_key == KEY_TOTAL_COUNT)
    slot = &read->total;
  else if (read->depth == 4 && in_list (read))
    slot = read->item_key == KEY_INSTANCE_ID ? &read->id
           : read->item_key == KEY_CREATE_TIME ? &read->create
           : read->item_key == KEY_TYPE ? &read->type
           : NULL;
  else if (read->depth == 3 && in_list (read))
    read->n++;

  if (slot != NULL)
    {
      g_free (*slot);
      *slot = g_strndup ((const char *) text, length);
    }
}

static int
read_null_cb (void *ctx)
{
  PageRead *read = ctx;

  if (read->depth == 3 && in_list (read))
    read->n++;
  return 1;
}

static int
read_boolean_cb (void *ctx,
                 int   value)
{
  PageRead *read = ctx;

  if (read->depth == 1 && read->top_key == KEY_SUCCESS && !value)
    read->refused = TRUE;
  else if (read->depth == 3 && in_list (read))
    read->n++;
  return 1;
}

static int
read_number_cb (void       *ctx,
                const char *text,
                size_t      length)
{
  page_read_scalar (ctx, (const unsigned char *) text, length);
  return 1;
}

static int
read_string_cb (void                *ctx,
                const unsigned char *text,
                size_t               length)
{
  page_read_scalar (ctx, text, length);
  return 1;
}

static int
read_map_key_cb (void                *ctx,
                 const unsigned char *key,
                 size_t               length)
{
  PageRead *read = ctx;

  switch (read->depth)
    {
    case 1:
      read->top_key = key_is (key, length, "Success") ? KEY_SUCCESS
                      : key_is (key, length, "Code") ? KEY_CODE
                      : key_is (key, length, "Data") ? KEY_DATA
                      : KEY_OTHER;
      read->data_key = KEY_OTHER;
      break;
    case 2:
      if (read->top_key == KEY_DATA)
        read->data_key = key_is (key, length, "InstanceList") ? KEY_INSTANCE_LIST
                         : key_is (key, length, "TotalCount") ? KEY_TOTAL_COUNT
                         : KEY_OTHER;
      break;
    case 4:
      if (in_list (read))
        read->item_key = key_is (key, length, "InstanceID") ? KEY_INSTANCE_ID
                         : key_is (key, length, "CreateTime") ? KEY_CREATE_TIME
                         : key_is (key, length, "SubscriptionType") ? KEY_TYPE
                         : KEY_OTHER;
      break;
    default:
      break;
    }
  return 1;
}

static int
read_start_map_cb (void *ctx)
{
  PageRead *read = ctx;

  if (read->depth == 0)
    read->root_is_object = TRUE;
  else if (read->depth == 1 && read->top_key == KEY_DATA)
    read->has_data = TRUE;
  else if (read->depth == 3 && in_list (read))
    {
      read->n++;
      read->item_key = KEY_OTHER;
      page_read_clear_record (read);
    }
  read->depth++;
  return 1;
}

static int
read_end_map_cb (void *ctx)
{
  PageRead *read = ctx;
  g_autoptr(GDateTime) start = NULL;

  read->depth--;
  if (read->depth != 3 || !in_list (read))
    return 1;

  /* The end of a record. */
  if (read->id != NULL && read->create != NULL &&
      (read->type == NULL || g_str_equal (read->type, "Subscription")) &&
      (start = icp_time_parse (read->create, NULL)) != NULL)
    g_hash_table_replace (read->data->starts, g_steal_pointer (&read->id),
                          g_steal_pointer (&start));
  page_read_clear_record (read);
  return 1;
}

static int
read_start_array_cb (void *ctx)
{
  PageRead *read = ctx;

  if (read->depth == 2 && in_list (read))
    read->has_list = TRUE;
  else if (read->depth == 3 && in_list (read))
    read->n++;
  read->depth++;
  return 1;
}

static int
read_end_array_cb (void *ctx)
{
  PageRead *read = ctx;

  read->depth--;
  return 1;
}

static const yajl_callbacks page_callbacks = {
  .yajl_null = read_null_cb,
  .yajl_boolean = read_boolean_cb,
  .yajl_number = read_number_cb,
  .yajl_string = read_string_cb,
  .yajl_start_map = read_start_map_cb,
  .yajl_map_key = read_map_key_cb,
  .yajl_end_map = read_end_map_cb,
  .yajl_start_array = read_start_array_cb,
  .yajl_end_array = read_end_array_cb,
};

/* Reads one page (the answer's body) into data->starts; returns how many records it held, or
 * -1 with @error. */
static int
read_subscriptions_page (SubscriptionsData  *data,
                         GBytes             *body,
                         gint64             *total,
                         GError            **error)
{
  PageRead read = { .data = data };
  yajl_handle handle = yajl_alloc (&page_callbacks, NULL, &read);
  gsize length = 0;
  const unsigned char *text = g_bytes_get_data (body, &length);
  yajl_status status;
  int n = -1;

  status = yajl_parse (handle, text, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);
  yajl_free (handle);

  if (status != yajl_status_ok || !read.root_is_object)
    {
      g_set_error (error, ICP_API_ERROR, ICP_API_ERROR_BAD_RESPONSE,
                   /* Translators: %s is the API operation, %u the HTTP status code. */
                   _("The answer to %s could not be read: it is not a JSON object "
                     "(HTTP status %u)."), "QueryAvailableInstances", 200);
    }
  /* BSS answers HTTP 200 with "Success": false for some refusals. */
  else if (read.refused)
    {
      g_set_error (error, ICP_API_ERROR, ICP_API_ERROR_FAILED,
                   /* Translators: %s is an API error code */
                   _("The billing API refused the query (%s)."),
                   read.code != NULL ? read.code : "?");
    }
  else if (!read.has_data || !read.has_list)
    {
      g_set_error (error, ICP_ECS_ERROR, ICP_ECS_ERROR_BAD_PAGE,
                   /* Translators: %s is an API action such as GetCallerIdentity */
                   _("The answer to %s is not what the API documents; try again later, or "
                     "report it if it stays so."),
                   "QueryAvailableInstances");
    }
  else
    {
      *total = read.total != NULL ? g_ascii_strtoll (read.total, NULL, 10) : -1;
      n = (int) read.n;
    }

  page_read_clear (&read);
  return n;
}

static void
subscriptions_page_cb (GObject      *source,
                       GAsyncResult *result,
                       GTask        *task_ref,
                       guint         page)
{
  g_autoptr(GTask) task = task_ref;
  SubscriptionsData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 total = -1;
  int n;

  body = icp_ecs_call_bytes_finish (ICP_ECS (source), result, &error);
  data->pending--;
  if (data->failed)
    return;

  n = body != NULL ? read_subscriptions_page (data, body, &total, &error) : -1;
  if (n < 0)
    {
      data->failed = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The first page tells how many there are: ask for the others all at once. */
  if (page == 1 && n == BSS_PAGE_SIZE)
    {
      guint pages = total > 0 ? (guint) ((total + BSS_PAGE_SIZE - 1) / BSS_PAGE_SIZE) : 0;

      if (total < 0)
        {
          /* No total: one page after the other until a short one. */
          query_subscriptions_page (g_object_ref (task), 2);
        }
      else
        for (guint p = 2; p <= pages; p++)
          query_subscriptions_page (g_object_ref (task), p);
    }
  else if (page > 1 && n == BSS_PAGE_SIZE && total < 0)
    {
      query_subscriptions_page (g_object_ref (task), page + 1);
    }

  if (data->pending == 0)
    g_task_return_pointer (task, g_steal_pointer (&data->starts),
                           (GDestroyNotify) g_hash_table_unref);
}

typedef struct
{
  GTask *task;
  guint  page;
} PageCall;

static void
page_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageCall *call = user_data;
  GTask *task = call->task;
  guint page = call->page;

  g_free (call);
  subscriptions_page_cb (source, result, task, page);
}

/* Takes @task's reference. */
static void
query_subscriptions_page (GTask *task,
                          guint  page)
{
  IcpAccount *self = g_task_get_source_object (task);
  SubscriptionsData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) params = new_params ();
  PageCall *call = g_new0 (PageCall, 1);

  g_hash_table_insert (params, "ProductCode", g_strdup ("ecs"));
  g_hash_table_insert (params, "SubscriptionType", g_strdup ("Subscription"));
  g_hash_table_insert (params, "PageNum", g_strdup_printf ("%u", page));
  g_hash_table_insert (params, "PageSize", g_strdup_printf ("%u", BSS_PAGE_SIZE));
  if (data->instance_ids != NULL)
    g_hash_table_insert (params, "InstanceIDs", g_strdup (data->instance_ids));

  call->task = task;
  call->page = page;
  data->pending++;
  icp_ecs_call_bytes_async (self->ecs, ICP_API_SERVICE_BSS, NULL, "QueryAvailableInstances",
                            params, BSS_PAGE_PRIORITY, g_task_get_cancellable (task),
                            page_done_cb, call);
}

void
icp_account_query_subscriptions_async (IcpAccount          *self,
                                       const char * const  *instance_ids,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  SubscriptionsData *data;

  g_return_if_fail (ICP_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_account_query_subscriptions_async);

  data = g_new0 (SubscriptionsData, 1);
  data->starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_date_time_unref);
  if (instance_ids != NULL && instance_ids[0] != NULL)
    data->instance_ids = g_strjoinv (",", (char **) instance_ids);
  g_task_set_task_data (task, data, (GDestroyNotify) subscriptions_data_free);

  query_subscriptions_page (task, 1);
}

/**
 * icp_account_query_subscriptions_finish:
 *
 * Returns: (transfer full) (element-type utf8 GDateTime): instance id → subscription start
 */
GHashTable *
icp_account_query_subscriptions_finish (IcpAccount    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        icp_account_query_subscriptions_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
icp_account_apply_subscription (IcpInstance *instance,
                                GHashTable  *starts)
{
  GDateTime *start;

  g_return_val_if_fail (ICP_IS_INSTANCE (instance), FALSE);

  if (starts == NULL || icp_instance_get_charge_type (instance) != ICP_CHARGE_TYPE_PREPAID)
    return FALSE;

  start = g_hash_table_lookup (starts, icp_instance_get_id (instance));
  if (start == NULL)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (instance));
  icp_instance_set_subscription_start (instance, start);
  icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_BILLING);
  g_object_thaw_notify (G_OBJECT (instance));
  return TRUE;
}

/* ---- Filing Service GetBsnByResource ---------------------------------------------------- */

/* resourceType of an ECS instance in the Filing Service (reference §1.1). */
#define BSN_RESOURCE_ECS "1"
/* A code voided for management reasons no longer counts. */
#define BSN_STATUS_INVALID 3

static void
count_codes_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *datas;
  JsonObject *wrapper;
  int count = 0;

  answer = icp_ecs_call_finish (ICP_ECS (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* "datas": [...] in JSON; the XML form wraps each in "bsnDO". */
  datas = array_member (answer, "datas");
  if (datas == NULL && (wrapper = object_member (answer, "datas")) != NULL)
    datas = array_member (wrapper, "bsnDO");
  if (datas == NULL)
    {
      return_bad_answer (task, "GetBsnByResource");
      return;
    }

  for (guint i = 0; i < json_array_get_length (datas); i++)
    {
      JsonNode *node = json_array_get_element (datas, i);
      g_autofree char *status = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      status = member_to_string (json_node_get_object (node), "status");
      if (status != NULL && g_ascii_strtoll (status, NULL, 10) == BSN_STATUS_INVALID)
        continue;
      count++;
    }

  g_task_return_int (task, count);
}

void
icp_account_count_codes_async (IcpAccount          *self,
                               const char          *instance_id,
                               const char          *owner_account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) params = new_params ();

  g_return_if_fail (ICP_IS_ACCOUNT (self));
  g_return_if_fail (instance_id != NULL);
  g_return_if_fail (owner_account != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_account_count_codes_async);

  g_hash_table_insert (params, "resourceType", g_strdup (BSN_RESOURCE_ECS));
  g_hash_table_insert (params, "resourceId", g_strdup (instance_id));
  g_hash_table_insert (params, "aliuid", g_strdup (owner_account));

  icp_ecs_call_async (self->ecs, ICP_API_SERVICE_BSN, NULL, "GetBsnByResource", params,
                      cancellable, count_codes_cb, g_steal_pointer (&task));
}

/**
 * icp_account_count_codes_finish:
 *
 * Returns: the codes used, or -1 with @error set
 */
int
icp_account_count_codes_finish (IcpAccount    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        icp_account_count_codes_async, -1);

  /* -1 with @error set when the task failed. */
  return (int) g_task_propagate_int (G_TASK (result), error);
}
