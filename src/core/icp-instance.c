/* icp-instance.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One server, with only the facts the eligibility rules read. A fact that the source did not
 * give stays unknown, and unknown is not "none": a string is %NULL when unknown and "" when the
 * source said there is none (an instance without an EIP has `EipAddress.IpAddress` ""), a
 * number is -1 when unknown. Every setter notifies, so that the inventory re-checks.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "icp-enums.h"
#include "icp-instance.h"
#include "icp-time.h"
#include "icp-verdict.h"

struct _IcpInstance
{
  GObject                parent_instance;

  char                  *id;
  char                  *name;
  char                  *region_id;
  char                  *zone_id;
  char                  *status;
  char                  *public_ip;
  char                  *eip;
  char                  *owner_account;
  GStrv                  lock_reasons;
  GDateTime             *creation_time;
  GDateTime             *expired_time;
  GDateTime             *auto_release_time;
  GDateTime             *subscription_start;
  GDateTime             *observed;
  IcpVerdict            *verdict;
  IcpChargeType          charge_type;
  IcpSubscriptionSource  subscription_source;
  int                    bandwidth_out;
  int                    eip_bandwidth;
  int                    codes_used;
};

G_DEFINE_FINAL_TYPE (IcpInstance, icp_instance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_REGION_ID,
  PROP_ZONE_ID,
  PROP_CHARGE_TYPE,
  PROP_STATUS,
  PROP_CREATION_TIME,
  PROP_EXPIRED_TIME,
  PROP_AUTO_RELEASE_TIME,
  PROP_PUBLIC_IP,
  PROP_EIP,
  PROP_BANDWIDTH_OUT,
  PROP_EIP_BANDWIDTH,
  PROP_LOCK_REASONS,
  PROP_SUBSCRIPTION_START,
  PROP_SUBSCRIPTION_SOURCE,
  PROP_SUBSCRIPTION_MONTHS,
  PROP_CODES_USED,
  PROP_OWNER_ACCOUNT,
  PROP_OBSERVED,
  PROP_VERDICT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_string (IcpInstance  *self,
            char        **field,
            const char   *value,
            int           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
time_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static void
set_time (IcpInstance  *self,
          GDateTime   **field,
          GDateTime    *value,
          int           prop)
{
  if (time_equal (*field, value))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int (IcpInstance *self,
         int         *field,
         int          value,
         int          prop)
{
  if (value < -1)
    value = -1;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
icp_instance_finalize (GObject *object)
{
  IcpInstance *self = (IcpInstance *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->region_id);
  g_free (self->zone_id);
  g_free (self->status);
  g_free (self->public_ip);
  g_free (self->eip);
  g_free (self->owner_account);
  g_strfreev (self->lock_reasons);
  g_clear_pointer (&self->creation_time, g_date_time_unref);
  g_clear_pointer (&self->expired_time, g_date_time_unref);
  g_clear_pointer (&self->auto_release_time, g_date_time_unref);
  g_clear_pointer (&self->subscription_start, g_date_time_unref);
  g_clear_pointer (&self->observed, g_date_time_unref);

  G_OBJECT_CLASS (icp_instance_parent_class)->finalize (object);
}

static void
icp_instance_dispose (GObject *object)
{
  IcpInstance *self = (IcpInstance *)object;

  g_clear_object (&self->verdict);

  G_OBJECT_CLASS (icp_instance_parent_class)->dispose (object);
}

static void
icp_instance_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IcpInstance *self = ICP_INSTANCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;
    case PROP_ZONE_ID:
      g_value_set_string (value, self->zone_id);
      break;
    case PROP_CHARGE_TYPE:
      g_value_set_enum (value, self->charge_type);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CREATION_TIME:
      g_value_set_boxed (value, self->creation_time);
      break;
    case PROP_EXPIRED_TIME:
      g_value_set_boxed (value, self->expired_time);
      break;
    case PROP_AUTO_RELEASE_TIME:
      g_value_set_boxed (value, self->auto_release_time);
      break;
    case PROP_PUBLIC_IP:
      g_value_set_string (value, self->public_ip);
      break;
    case PROP_EIP:
      g_value_set_string (value, self->eip);
      break;
    case PROP_BANDWIDTH_OUT:
      g_value_set_int (value, self->bandwidth_out);
      break;
    case PROP_EIP_BANDWIDTH:
      g_value_set_int (value, self->eip_bandwidth);
      break;
    case PROP_LOCK_REASONS:
      g_value_set_boxed (value, self->lock_reasons);
      break;
    case PROP_SUBSCRIPTION_START:
      g_value_set_boxed (value, self->subscription_start);
      break;
    case PROP_SUBSCRIPTION_SOURCE:
      g_value_set_enum (value, self->subscription_source);
      break;
    case PROP_SUBSCRIPTION_MONTHS:
      g_value_set_double (value, icp_instance_get_subscription_months (self));
      break;
    case PROP_CODES_USED:
      g_value_set_int (value, self->codes_used);
      break;
    case PROP_OWNER_ACCOUNT:
      g_value_set_string (value, self->owner_account);
      break;
    case PROP_OBSERVED:
      g_value_set_boxed (value, self->observed);
      break;
    case PROP_VERDICT:
      g_value_set_object (value, self->verdict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_instance_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IcpInstance *self = ICP_INSTANCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      icp_instance_set_name (self, g_value_get_string (value));
      break;
    case PROP_REGION_ID:
      icp_instance_set_region_id (self, g_value_get_string (value));
      break;
    case PROP_ZONE_ID:
      icp_instance_set_zone_id (self, g_value_get_string (value));
      break;
    case PROP_CHARGE_TYPE:
      icp_instance_set_charge_type (self, g_value_get_enum (value));
      break;
    case PROP_STATUS:
      icp_instance_set_status (self, g_value_get_string (value));
      break;
    case PROP_CREATION_TIME:
      icp_instance_set_creation_time (self, g_value_get_boxed (value));
      break;
    case PROP_EXPIRED_TIME:
      icp_instance_set_expired_time (self, g_value_get_boxed (value));
      break;
    case PROP_AUTO_RELEASE_TIME:
      icp_instance_set_auto_release_time (self, g_value_get_boxed (value));
      break;
    case PROP_PUBLIC_IP:
      icp_instance_set_public_ip (self, g_value_get_string (value));
      break;
    case PROP_EIP:
      icp_instance_set_eip (self, g_value_get_string (value));
      break;
    case PROP_BANDWIDTH_OUT:
      icp_instance_set_bandwidth_out (self, g_value_get_int (value));
      break;
    case PROP_EIP_BANDWIDTH:
      icp_instance_set_eip_bandwidth (self, g_value_get_int (value));
      break;
    case PROP_LOCK_REASONS:
      icp_instance_set_lock_reasons (self, g_value_get_boxed (value));
      break;
    case PROP_SUBSCRIPTION_START:
      icp_instance_set_subscription_start (self, g_value_get_boxed (value));
      break;
    case PROP_SUBSCRIPTION_SOURCE:
      icp_instance_set_subscription_source (self, g_value_get_enum (value));
      break;
    case PROP_CODES_USED:
      icp_instance_set_codes_used (self, g_value_get_int (value));
      break;
    case PROP_OWNER_ACCOUNT:
      icp_instance_set_owner_account (self, g_value_get_string (value));
      break;
    case PROP_OBSERVED:
      icp_instance_set_observed (self, g_value_get_boxed (value));
      break;
    case PROP_VERDICT:
      icp_instance_set_verdict (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
time_param (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_param (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, -1, G_MAXINT, -1,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS);
}

static void
icp_instance_class_init (IcpInstanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_instance_dispose;
  object_class->finalize = icp_instance_finalize;
  object_class->get_property = icp_instance_get_property;
  object_class->set_property = icp_instance_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = string_param ("name");
  properties[PROP_REGION_ID] = string_param ("region-id");
  properties[PROP_ZONE_ID] = string_param ("zone-id");
  properties[PROP_CHARGE_TYPE] =
    g_param_spec_enum ("charge-type", NULL, NULL,
                       ICP_TYPE_CHARGE_TYPE, ICP_CHARGE_TYPE_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = string_param ("status");
  properties[PROP_CREATION_TIME] = time_param ("creation-time");
  properties[PROP_EXPIRED_TIME] = time_param ("expired-time");
  properties[PROP_AUTO_RELEASE_TIME] = time_param ("auto-release-time");
  properties[PROP_PUBLIC_IP] = string_param ("public-ip");
  properties[PROP_EIP] = string_param ("eip");
  properties[PROP_BANDWIDTH_OUT] = count_param ("bandwidth-out");
  properties[PROP_EIP_BANDWIDTH] = count_param ("eip-bandwidth");
  properties[PROP_LOCK_REASONS] =
    g_param_spec_boxed ("lock-reasons", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBSCRIPTION_START] = time_param ("subscription-start");
  properties[PROP_SUBSCRIPTION_SOURCE] =
    g_param_spec_enum ("subscription-source", NULL, NULL,
                       ICP_TYPE_SUBSCRIPTION_SOURCE, ICP_SUBSCRIPTION_SOURCE_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Derived from subscription-start and expired-time; notified with either. */
  properties[PROP_SUBSCRIPTION_MONTHS] =
    g_param_spec_double ("subscription-months", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODES_USED] = count_param ("codes-used");
  properties[PROP_OWNER_ACCOUNT] = string_param ("owner-account");
  properties[PROP_OBSERVED] = time_param ("observed");
  properties[PROP_VERDICT] =
    g_param_spec_object ("verdict", NULL, NULL, ICP_TYPE_VERDICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_instance_init (IcpInstance *self)
{
  self->bandwidth_out = -1;
  self->eip_bandwidth = -1;
  self->codes_used = -1;
}

/**
 * icp_instance_new:
 * @id: the instance id, e.g. "i-bp67acfmxazb4ph***"
 *
 * Returns: (transfer full): a new instance whose facts are all unknown.
 */
IcpInstance *
icp_instance_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (ICP_TYPE_INSTANCE, "id", id, NULL);
}

const char *
icp_instance_get_id (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->id;
}

const char *
icp_instance_get_name (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->name;
}

void
icp_instance_set_name (IcpInstance *self,
                       const char  *name)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->name, name, PROP_NAME);
}

/**
 * icp_instance_get_display_name:
 *
 * Returns: the name when there is one, else the id.
 */
const char *
icp_instance_get_display_name (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->name != NULL && self->name[0] != '\0' ? self->name : self->id;
}

const char *
icp_instance_get_region_id (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->region_id;
}

void
icp_instance_set_region_id (IcpInstance *self,
                            const char  *region_id)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->region_id, region_id, PROP_REGION_ID);
}

const char *
icp_instance_get_zone_id (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->zone_id;
}

void
icp_instance_set_zone_id (IcpInstance *self,
                          const char  *zone_id)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->zone_id, zone_id, PROP_ZONE_ID);
}

IcpChargeType
icp_instance_get_charge_type (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), ICP_CHARGE_TYPE_UNKNOWN);
  return self->charge_type;
}

void
icp_instance_set_charge_type (IcpInstance   *self,
                              IcpChargeType  charge_type)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));

  if (self->charge_type == charge_type)
    return;

  self->charge_type = charge_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGE_TYPE]);
}

/**
 * icp_instance_get_status:
 *
 * Returns: (nullable): the API's Status ("Running", "Stopped", …), %NULL when unknown.
 */
const char *
icp_instance_get_status (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->status;
}

/**
 * icp_instance_status_get_label:
 * @status: (nullable): an API status word, as icp_instance_get_status() returns it
 *
 * The status in the user's language: "Running" → "Running" / "运行中". The words are the
 * ECS API's (Pending, Starting, Running, Stopping, Stopped), matched without regard to case,
 * and the console's Expired.
 *
 * Returns: (transfer none): the translated label; "Unknown" for %NULL or ""; a word it does
 *   not know, itself.
 */
const char *
icp_instance_status_get_label (const char *status)
{
  static const struct
  {
    const char *word;
    const char *label;
  } labels[] = {
    /* Translators: a server's status (ECS "Pending"): being created */
    { "Pending", NC_("server status", "Pending") },
    /* Translators: a server's status (ECS "Starting") */
    { "Starting", NC_("server status", "Starting") },
    /* Translators: a server's status (ECS "Running") */
    { "Running", NC_("server status", "Running") },
    /* Translators: a server's status (ECS "Stopping") */
    { "Stopping", NC_("server status", "Stopping") },
    /* Translators: a server's status (ECS "Stopped") */
    { "Stopped", NC_("server status", "Stopped") },
    /* Translators: a server's status as the console shows it: its subscription ran out */
    { "Expired", NC_("server status", "Expired") },
  };

  if (status == NULL || status[0] == '\0')
    /* Translators: a server's status that the list did not give */
    return C_("server status", "Unknown");

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (status, labels[i].word) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "server status", labels[i].label);

  return status;
}

/**
 * icp_charge_type_get_label:
 * @charge_type: a billing method
 *
 * Returns: (transfer none) (nullable): the billing method in the user's language, %NULL when
 *   it is not known.
 */
const char *
icp_charge_type_get_label (IcpChargeType charge_type)
{
  switch (charge_type)
    {
    case ICP_CHARGE_TYPE_PREPAID:
      /* Translators: a billing method (PrePaid) */
      return _("Subscription");
    case ICP_CHARGE_TYPE_POSTPAID:
      /* Translators: a billing method (PostPaid) */
      return _("Pay-as-you-go");
    case ICP_CHARGE_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

void
icp_instance_set_status (IcpInstance *self,
                         const char  *status)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->status, status, PROP_STATUS);
}

GDateTime *
icp_instance_get_creation_time (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->creation_time;
}

void
icp_instance_set_creation_time (IcpInstance *self,
                                GDateTime   *creation_time)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_time (self, &self->creation_time, creation_time, PROP_CREATION_TIME);
}

GDateTime *
icp_instance_get_expired_time (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->expired_time;
}

void
icp_instance_set_expired_time (IcpInstance *self,
                               GDateTime   *expired_time)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (!time_equal (self->expired_time, expired_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTION_MONTHS]);
  set_time (self, &self->expired_time, expired_time, PROP_EXPIRED_TIME);
  g_object_thaw_notify (G_OBJECT (self));
}

GDateTime *
icp_instance_get_auto_release_time (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->auto_release_time;
}

void
icp_instance_set_auto_release_time (IcpInstance *self,
                                    GDateTime   *auto_release_time)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_time (self, &self->auto_release_time, auto_release_time, PROP_AUTO_RELEASE_TIME);
}

/**
 * icp_instance_get_public_ip:
 *
 * Returns: (nullable): the static public IP address; "" when the instance has none, %NULL
 *   when the source did not say.
 */
const char *
icp_instance_get_public_ip (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->public_ip;
}

void
icp_instance_set_public_ip (IcpInstance *self,
                            const char  *public_ip)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->public_ip, public_ip, PROP_PUBLIC_IP);
}

/**
 * icp_instance_get_eip:
 *
 * Returns: (nullable): the elastic IP address; "" when none, %NULL when unknown.
 */
const char *
icp_instance_get_eip (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->eip;
}

void
icp_instance_set_eip (IcpInstance *self,
                      const char  *eip)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->eip, eip, PROP_EIP);
}

/**
 * icp_instance_get_bandwidth_out:
 *
 * Returns: InternetMaxBandwidthOut in Mbit/s, -1 when unknown. It is 0 for an instance whose
 *   public traffic goes through an EIP: the EIP carries its own bandwidth.
 */
int
icp_instance_get_bandwidth_out (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), -1);
  return self->bandwidth_out;
}

void
icp_instance_set_bandwidth_out (IcpInstance *self,
                                int          mbps)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_int (self, &self->bandwidth_out, mbps, PROP_BANDWIDTH_OUT);
}

int
icp_instance_get_eip_bandwidth (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), -1);
  return self->eip_bandwidth;
}

void
icp_instance_set_eip_bandwidth (IcpInstance *self,
                                int          mbps)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_int (self, &self->eip_bandwidth, mbps, PROP_EIP_BANDWIDTH);
}

/**
 * icp_instance_get_lock_reasons:
 *
 * Returns: (nullable) (array zero-terminated=1): OperationLocks' LockReason values; empty
 *   when the instance has no lock, %NULL when the source did not say.
 */
const char * const *
icp_instance_get_lock_reasons (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return (const char * const *) self->lock_reasons;
}

void
icp_instance_set_lock_reasons (IcpInstance        *self,
                               const char * const *reasons)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));

  if (reasons == NULL && self->lock_reasons == NULL)
    return;
  if (reasons != NULL && self->lock_reasons != NULL &&
      g_strv_equal ((const char * const *) self->lock_reasons, reasons))
    return;

  g_strfreev (self->lock_reasons);
  self->lock_reasons = g_strdupv ((char **) reasons);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCK_REASONS]);
}

gboolean
icp_instance_has_lock (IcpInstance *self,
                       const char  *reason)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), FALSE);

  if (self->lock_reasons == NULL)
    return FALSE;

  for (guint i = 0; self->lock_reasons[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->lock_reasons[i], reason) == 0)
      return TRUE;

  return FALSE;
}

/**
 * icp_instance_get_subscription_start:
 *
 * Returns: (nullable): when the current run of subscription terms began (renewals extend it,
 *   they do not restart it). From the billing API, or estimated from CreationTime.
 */
GDateTime *
icp_instance_get_subscription_start (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->subscription_start;
}

void
icp_instance_set_subscription_start (IcpInstance *self,
                                     GDateTime   *start)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (!time_equal (self->subscription_start, start))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTION_MONTHS]);
  set_time (self, &self->subscription_start, start, PROP_SUBSCRIPTION_START);
  g_object_thaw_notify (G_OBJECT (self));
}

IcpSubscriptionSource
icp_instance_get_subscription_source (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), ICP_SUBSCRIPTION_SOURCE_UNKNOWN);
  return self->subscription_source;
}

void
icp_instance_set_subscription_source (IcpInstance           *self,
                                      IcpSubscriptionSource  source)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));

  if (self->subscription_source == source)
    return;

  self->subscription_source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTION_SOURCE]);
}

/**
 * icp_instance_get_subscription_months:
 *
 * Returns: the cumulative subscription length in calendar months, or -1 when it is unknown
 *   (no start, no expiry, or the pay-as-you-go placeholder expiry).
 */
double
icp_instance_get_subscription_months (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), -1);

  if (self->subscription_start == NULL || self->expired_time == NULL ||
      icp_time_is_sentinel (self->expired_time) ||
      g_date_time_compare (self->expired_time, self->subscription_start) < 0)
    return -1;

  return icp_time_months_between (self->subscription_start, self->expired_time);
}

int
icp_instance_get_codes_used (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), -1);
  return self->codes_used;
}

void
icp_instance_set_codes_used (IcpInstance *self,
                             int          codes_used)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_int (self, &self->codes_used, codes_used, PROP_CODES_USED);
}

const char *
icp_instance_get_owner_account (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->owner_account;
}

void
icp_instance_set_owner_account (IcpInstance *self,
                                const char  *owner_account)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_string (self, &self->owner_account, owner_account, PROP_OWNER_ACCOUNT);
}

/**
 * icp_instance_get_observed:
 *
 * Returns: (nullable): when these facts were read (a report's "generated", a file's
 *   modification time, the moment of a fetch). The newest observation wins a merge.
 */
GDateTime *
icp_instance_get_observed (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->observed;
}

void
icp_instance_set_observed (IcpInstance *self,
                           GDateTime   *observed)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  set_time (self, &self->observed, observed, PROP_OBSERVED);
}

/**
 * icp_instance_get_verdict:
 *
 * Returns: (transfer none) (nullable): the verdict the inventory last gave this instance.
 */
IcpVerdict *
icp_instance_get_verdict (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);
  return self->verdict;
}

void
icp_instance_set_verdict (IcpInstance *self,
                          IcpVerdict  *verdict)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));

  if (g_set_object (&self->verdict, verdict))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

/**
 * icp_instance_has_no_expiry:
 * @self: an instance
 *
 * Pay-as-you-go instances have no real expiration time: their ExpiredTime, when the list gives
 * one, is the far-future placeholder (see icp_time_is_sentinel()).
 *
 * Returns: whether the instance is pay-as-you-go or carries the placeholder
 */
gboolean
icp_instance_has_no_expiry (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), FALSE);

  return self->charge_type == ICP_CHARGE_TYPE_POSTPAID ||
         icp_time_is_sentinel (self->expired_time);
}

/**
 * icp_instance_is_expired:
 * @self: an instance
 * @now: the time of evaluation
 *
 * Returns: whether the instance has a real expiration time and it is not after @now
 */
gboolean
icp_instance_is_expired (IcpInstance *self,
                         GDateTime   *now)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->expired_time != NULL && !icp_time_is_sentinel (self->expired_time) &&
         g_date_time_compare (self->expired_time, now) <= 0;
}

/**
 * icp_instance_get_filing_address:
 * @self: an instance
 *
 * The public address a filing names: the static public IP when it has outbound bandwidth
 * (the API gives it with 0 Mbit/s when an EIP carries the bandwidth), else the EIP.
 *
 * Returns: (transfer none) (nullable): the address; %NULL when the instance has none or it is
 *   not known
 */
const char *
icp_instance_get_filing_address (IcpInstance *self)
{
  g_return_val_if_fail (ICP_IS_INSTANCE (self), NULL);

  if (self->public_ip != NULL && self->public_ip[0] != '\0' && self->bandwidth_out != 0)
    return self->public_ip;
  if (self->eip != NULL && self->eip[0] != '\0')
    return self->eip;
  return NULL;
}

/**
 * icp_instance_update_from:
 * @self: an instance
 * @other: newer facts about the same instance
 *
 * Takes every fact @other knows; keeps ours where @other does not know. This is how several
 * sources (an API dump, then a CSV of service codes from the filing console) add up.
 */
void
icp_instance_update_from (IcpInstance *self,
                          IcpInstance *other)
{
  g_return_if_fail (ICP_IS_INSTANCE (self));
  g_return_if_fail (ICP_IS_INSTANCE (other));

  g_object_freeze_notify (G_OBJECT (self));

  if (other->name != NULL)
    icp_instance_set_name (self, other->name);
  if (other->region_id != NULL)
    icp_instance_set_region_id (self, other->region_id);
  if (other->zone_id != NULL)
    icp_instance_set_zone_id (self, other->zone_id);
  if (other->charge_type != ICP_CHARGE_TYPE_UNKNOWN)
    icp_instance_set_charge_type (self, other->charge_type);
  if (other->status != NULL)
    icp_instance_set_status (self, other->status);
  if (other->creation_time != NULL)
    icp_instance_set_creation_time (self, other->creation_time);
  if (other->expired_time != NULL)
    icp_instance_set_expired_time (self, other->expired_time);
  if (other->auto_release_time != NULL)
    icp_instance_set_auto_release_time (self, other->auto_release_time);
  if (other->public_ip != NULL)
    icp_instance_set_public_ip (self, other->public_ip);
  if (other->eip != NULL)
    icp_instance_set_eip (self, other->eip);
  if (other->bandwidth_out >= 0)
    icp_instance_set_bandwidth_out (self, other->bandwidth_out);
  if (other->eip_bandwidth >= 0)
    icp_instance_set_eip_bandwidth (self, other->eip_bandwidth);
  if (other->lock_reasons != NULL)
    icp_instance_set_lock_reasons (self, (const char * const *) other->lock_reasons);
  if (other->subscription_source != ICP_SUBSCRIPTION_SOURCE_UNKNOWN)
    {
      icp_instance_set_subscription_start (self, other->subscription_start);
      icp_instance_set_subscription_source (self, other->subscription_source);
    }
  if (other->codes_used >= 0)
    icp_instance_set_codes_used (self, other->codes_used);
  if (other->owner_account != NULL)
    icp_instance_set_owner_account (self, other->owner_account);
  if (other->observed != NULL &&
      (self->observed == NULL || g_date_time_compare (other->observed, self->observed) > 0))
    icp_instance_set_observed (self, other->observed);

  g_object_thaw_notify (G_OBJECT (self));
}
