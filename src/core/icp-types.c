/* icp-types.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

/**
 * icp_fold_text:
 * @text: a name or a header as a person typed it
 * @drop: (nullable): ASCII characters to leave out as well as white space, e.g. "_-."
 *
 * Folds case and width (NFKC: "（" is "(") and drops white space, so that "China(Hangzhou)",
 * "华东 1 (杭州)" and "Instance ID" compare equal to how the tables spell them.
 *
 * Returns: (transfer full): the folded text ("" for text that is not UTF-8).
 */
char *
icp_fold_text (const char *text,
               const char *drop)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *out;

  if (nfkc == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (nfkc, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c < 0x80 && drop != NULL && strchr (drop, (int) c) != NULL))
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
