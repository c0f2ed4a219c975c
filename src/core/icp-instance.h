/* icp-instance.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "icp-types.h"

G_BEGIN_DECLS

typedef struct _IcpVerdict IcpVerdict;

#define ICP_TYPE_INSTANCE (icp_instance_get_type())

G_DECLARE_FINAL_TYPE (IcpInstance, icp_instance, ICP, INSTANCE, GObject)

IcpInstance           *icp_instance_new                      (const char            *id);
const char            *icp_instance_get_id                   (IcpInstance           *self);
const char            *icp_instance_get_name                 (IcpInstance           *self);
void                   icp_instance_set_name                 (IcpInstance           *self,
                                                              const char            *name);
const char            *icp_instance_get_region_id            (IcpInstance           *self);
void                   icp_instance_set_region_id            (IcpInstance           *self,
                                                              const char            *region_id);
const char            *icp_instance_get_zone_id              (IcpInstance           *self);
void                   icp_instance_set_zone_id              (IcpInstance           *self,
                                                              const char            *zone_id);
IcpChargeType          icp_instance_get_charge_type          (IcpInstance           *self);
void                   icp_instance_set_charge_type          (IcpInstance           *self,
                                                              IcpChargeType          charge_type);
const char            *icp_instance_get_status               (IcpInstance           *self);
void                   icp_instance_set_status               (IcpInstance           *self,
                                                              const char            *status);
const char            *icp_instance_status_get_label         (const char            *status);
const char            *icp_charge_type_get_label             (IcpChargeType          charge_type);
GDateTime             *icp_instance_get_creation_time        (IcpInstance           *self);
void                   icp_instance_set_creation_time        (IcpInstance           *self,
                                                              GDateTime             *creation_time);
GDateTime             *icp_instance_get_expired_time         (IcpInstance           *self);
void                   icp_instance_set_expired_time         (IcpInstance           *self,
                                                              GDateTime             *expired_time);
GDateTime             *icp_instance_get_auto_release_time    (IcpInstance           *self);
void                   icp_instance_set_auto_release_time    (IcpInstance           *self,
                                                              GDateTime             *auto_release_time);
const char            *icp_instance_get_public_ip            (IcpInstance           *self);
void                   icp_instance_set_public_ip            (IcpInstance           *self,
                                                              const char            *public_ip);
const char            *icp_instance_get_eip                  (IcpInstance           *self);
void                   icp_instance_set_eip                  (IcpInstance           *self,
                                                              const char            *eip);
int                    icp_instance_get_bandwidth_out        (IcpInstance           *self);
void                   icp_instance_set_bandwidth_out        (IcpInstance           *self,
                                                              int                    mbps);
int                    icp_instance_get_eip_bandwidth        (IcpInstance           *self);
void                   icp_instance_set_eip_bandwidth        (IcpInstance           *self,
                                                              int                    mbps);
const char * const    *icp_instance_get_lock_reasons         (IcpInstance           *self);
void                   icp_instance_set_lock_reasons         (IcpInstance           *self,
                                                              const char * const    *reasons);
gboolean               icp_instance_has_lock                 (IcpInstance           *self,
                                                              const char            *reason);
GDateTime             *icp_instance_get_subscription_start   (IcpInstance           *self);
void                   icp_instance_set_subscription_start   (IcpInstance           *self,
                                                              GDateTime             *start);
IcpSubscriptionSource  icp_instance_get_subscription_source  (IcpInstance           *self);
void                   icp_instance_set_subscription_source  (IcpInstance           *self,
                                                              IcpSubscriptionSource  source);
double                 icp_instance_get_subscription_months  (IcpInstance           *self);
int                    icp_instance_get_codes_used           (IcpInstance           *self);
void                   icp_instance_set_codes_used           (IcpInstance           *self,
                                                              int                    codes_used);
const char            *icp_instance_get_owner_account        (IcpInstance           *self);
void                   icp_instance_set_owner_account        (IcpInstance           *self,
                                                              const char            *owner_account);
GDateTime             *icp_instance_get_observed             (IcpInstance           *self);
void                   icp_instance_set_observed             (IcpInstance           *self,
                                                              GDateTime             *observed);
IcpVerdict            *icp_instance_get_verdict              (IcpInstance           *self);
void                   icp_instance_set_verdict              (IcpInstance           *self,
                                                              IcpVerdict            *verdict);
const char            *icp_instance_get_display_name         (IcpInstance           *self);
gboolean               icp_instance_has_no_expiry            (IcpInstance           *self);
gboolean               icp_instance_is_expired               (IcpInstance           *self,
                                                              GDateTime             *now);
const char            *icp_instance_get_filing_address       (IcpInstance           *self);
void                   icp_instance_update_from              (IcpInstance           *self,
                                                              IcpInstance           *other);

G_END_DECLS
