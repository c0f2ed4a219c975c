/* icp-types.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "icp-types.h"

/**
 * icp_enum_to_nick:
 * @enum_type: a registered enum type
 * @value: one of its values
 *
 * Returns: (transfer none) (nullable): the value's nick, the stable code that reports write.
 */
const char *
icp_enum_to_nick (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
icp_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}
