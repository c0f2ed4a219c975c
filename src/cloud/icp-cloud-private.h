/* icp-cloud-private.h — small readers of API answers shared by the cloud sources
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Parameters of a call: static names, values freed by the table. */
static inline GHashTable *
new_params (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/* The member @name of @object (which may be NULL) if it is a string; NULL otherwise. */
static inline const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The member @name of @object (which may be NULL) if it is an object; NULL otherwise. */
static inline JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The member @name of @object (which may be NULL) if it is an array; NULL otherwise. */
static inline JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Whether a map key yajl hands over (not NUL-terminated) is @name. */
static inline gboolean
key_is (const unsigned char *key,
        size_t               length,
        const char          *name)
{
  return length == strlen (name) && memcmp (key, name, length) == 0;
}

G_END_DECLS
