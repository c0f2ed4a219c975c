/* icp-regions.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The region table comes from the policy file ([Region ID] groups), so that a new region is a
 * data change. Names are read in the user's language once, at load; every localized name
 * (and the city inside its parentheses) also maps back to the id, for spreadsheets that write
 * "华东1（杭州）" or "China (Hangzhou)" instead of "cn-hangzhou".
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "icp-regions.h"
#include "icp-types.h"

#define REGION_GROUP_PREFIX "Region "

typedef struct
{
  char     *id;
  char     *name;
  gboolean  mainland;
} Region;

struct _IcpRegions
{
  GObject     parent_instance;

  GHashTable *by_id;    /* id → Region */
  GHashTable *by_name;  /* normalized id or name → id (borrowed from Region) */
};

G_DEFINE_FINAL_TYPE (IcpRegions, icp_regions, G_TYPE_OBJECT)

static void
region_free (gpointer data)
{
  Region *region = data;

  g_free (region->id);
  g_free (region->name);
  g_free (region);
}

static void
add_name (IcpRegions *self,
          const char *name,
          const char *id)
{
  char *key = icp_fold_text (name, NULL);
  const char *open;

  /* The city alone, "杭州" or "hangzhou", names the region as well. */
  open = strchr (key, '(');
  if (open != NULL && g_str_has_suffix (open, ")") && strlen (open) > 2)
    g_hash_table_insert (self->by_name, g_strndup (open + 1, strlen (open) - 2), (gpointer) id);

  g_hash_table_insert (self->by_name, key, (gpointer) id);
}

static void
icp_regions_finalize (GObject *object)
{
  IcpRegions *self = (IcpRegions *)object;

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (icp_regions_parent_class)->finalize (object);
}

static void
icp_regions_class_init (IcpRegionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = icp_regions_finalize;
}

static void
icp_regions_init (IcpRegions *self)
{
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, region_free);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * icp_regions_new_from_key_file:
 * @key_file: a policy file
 * @error: where to put a reason the table is refused
 *
 * Reads every `[Region ID]` group: `Mainland` (boolean, required) and `Name` (localized).
 *
 * Returns: (transfer full) (nullable): the region table.
 */
IcpRegions *
icp_regions_new_from_key_file (GKeyFile  *key_file,
                               GError   **error)
{
  g_autoptr(IcpRegions) self = g_object_new (ICP_TYPE_REGIONS, NULL);
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = NULL;
      g_autoptr(GError) local_error = NULL;
      Region *region;

      if (!g_str_has_prefix (groups[i], REGION_GROUP_PREFIX))
        continue;

      region = g_new0 (Region, 1);
      region->id = g_strstrip (g_strdup (groups[i] + strlen (REGION_GROUP_PREFIX)));
      if (region->id[0] == '\0')
        {
          region_free (region);
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                       /* Translators: %s is a group name in a policy file */
                       _("group “[%s]” names no region"), groups[i]);
          return NULL;
        }

      region->mainland = g_key_file_get_boolean (key_file, groups[i], "Mainland", &local_error);
      if (local_error != NULL)
        {
          region_free (region);
          g_set_error (error, local_error->domain, local_error->code,
                       /* Translators: the first %s is a group, the second an error */
                       _("[%s] Mainland must be true or false: %s"),
                       groups[i], local_error->message);
          return NULL;
        }

      region->name = g_key_file_get_locale_string (key_file, groups[i], "Name", NULL, NULL);
      if (region->name == NULL)
        region->name = g_strdup (region->id);

      g_hash_table_replace (self->by_id, region->id, region);
      add_name (self, region->id, region->id);

      keys = g_key_file_get_keys (key_file, groups[i], NULL, NULL);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = NULL;

          if (!g_str_equal (keys[k], "Name") && !g_str_has_prefix (keys[k], "Name["))
            continue;

          value = g_key_file_get_string (key_file, groups[i], keys[k], NULL);
          if (value != NULL)
            add_name (self, value, region->id);
        }
    }

  return g_steal_pointer (&self);
}

/**
 * icp_regions_classify:
 * @self: the region table
 * @region_id: (nullable): a region id such as "cn-hangzhou"
 *
 * Returns: where the region stands for ICP filing.
 */
IcpRegionKind
icp_regions_classify (IcpRegions *self,
                      const char *region_id)
{
  Region *region;

  g_return_val_if_fail (ICP_IS_REGIONS (self), ICP_REGION_KIND_UNKNOWN);

  if (region_id == NULL || region_id[0] == '\0')
    return ICP_REGION_KIND_UNKNOWN;

  /* Hong Kong needs no filing, and the FAQ says so in its own words (last bullet, note). */
  if (g_str_equal (region_id, "cn-hongkong"))
    return ICP_REGION_KIND_HONG_KONG;

  region = g_hash_table_lookup (self->by_id, region_id);
  if (region != NULL)
    return region->mainland ? ICP_REGION_KIND_MAINLAND : ICP_REGION_KIND_OUTSIDE;

  if (g_str_has_prefix (region_id, "cn-"))
    return ICP_REGION_KIND_MAINLAND_UNLISTED;

  return ICP_REGION_KIND_OUTSIDE;
}

/**
 * icp_regions_get_name:
 * @self: the region table
 * @region_id: (nullable): a region id
 *
 * Returns: (transfer none) (nullable): the region's name in the user's language, or the id
 *   itself for a region the table does not list.
 */
const char *
icp_regions_get_name (IcpRegions *self,
                      const char *region_id)
{
  Region *region;

  g_return_val_if_fail (ICP_IS_REGIONS (self), NULL);

  if (region_id == NULL)
    return NULL;

  region = g_hash_table_lookup (self->by_id, region_id);
  return region != NULL ? region->name : region_id;
}

/**
 * icp_regions_lookup:
 * @self: the region table
 * @id_or_name: a region id, or a region's name in any language the table has
 *
 * Returns: (transfer none) (nullable): the region id, or %NULL when nothing matches.
 */
const char *
icp_regions_lookup (IcpRegions *self,
                    const char *id_or_name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ICP_IS_REGIONS (self), NULL);

  if (id_or_name == NULL)
    return NULL;

  key = icp_fold_text (id_or_name, NULL);

  return g_hash_table_lookup (self->by_name, key);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/**
 * icp_regions_dup_ids:
 *
 * Returns: (transfer full): the listed region ids, sorted.
 */
GStrv
icp_regions_dup_ids (IcpRegions *self)
{
  g_autofree const char **ids = NULL;
  guint n = 0;
  GStrv out;

  g_return_val_if_fail (ICP_IS_REGIONS (self), NULL);

  ids = (const char **) g_hash_table_get_keys_as_array (self->by_id, &n);
  out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (ids[i]);
  qsort (out, n, sizeof (char *), compare_strings);

  return out;
}
