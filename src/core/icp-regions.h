/* icp-regions.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * IcpRegionKind:
 * @ICP_REGION_KIND_UNKNOWN: no region is known for the instance
 * @ICP_REGION_KIND_MAINLAND: a listed region in the Chinese mainland
 * @ICP_REGION_KIND_MAINLAND_UNLISTED: a `cn-*` id the policy does not list: probably mainland
 * @ICP_REGION_KIND_HONG_KONG: Hong Kong (China): no ICP filing needed
 * @ICP_REGION_KIND_OUTSIDE: any other region outside the Chinese mainland
 */
typedef enum
{
  ICP_REGION_KIND_UNKNOWN,
  ICP_REGION_KIND_MAINLAND,
  ICP_REGION_KIND_MAINLAND_UNLISTED,
  ICP_REGION_KIND_HONG_KONG,
  ICP_REGION_KIND_OUTSIDE,
} IcpRegionKind;

#define ICP_TYPE_REGIONS (icp_regions_get_type())

G_DECLARE_FINAL_TYPE (IcpRegions, icp_regions, ICP, REGIONS, GObject)

IcpRegions     *icp_regions_new_from_key_file (GKeyFile    *key_file,
                                               GError     **error);
IcpRegionKind   icp_regions_classify          (IcpRegions  *self,
                                               const char  *region_id);
const char     *icp_regions_get_name          (IcpRegions  *self,
                                               const char  *region_id);
const char     *icp_regions_lookup            (IcpRegions  *self,
                                               const char  *id_or_name);
GStrv           icp_regions_dup_ids           (IcpRegions  *self);

G_END_DECLS
