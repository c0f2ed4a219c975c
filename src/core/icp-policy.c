/* icp-policy.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The thresholds of the eligibility rules, read at run time from a GKeyFile (the default is
 * data/policy/alibaba-ecs.ini), because the provider changes them and a user may have to
 * follow before we release. A file that lacks a key or holds a nonsense value is refused
 * whole, with the file, the key and what is expected: a half-read policy would give wrong
 * verdicts without saying so.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "icp-policy.h"

#define POLICY_GROUP "Policy"

struct _IcpPolicy
{
  GObject     parent_instance;

  char       *name;
  char       *path;
  IcpRegions *regions;
  GArray     *renew_months;
  GArray     *switch_months;
  guint       min_subscription_months;
  guint       min_remaining_days;
  guint       codes_per_instance;
  guint       borderline_days;
  guint       min_bandwidth;
  guint       max_bandwidth;
};

G_DEFINE_FINAL_TYPE (IcpPolicy, icp_policy, G_TYPE_OBJECT)

G_DEFINE_QUARK (icp-policy-error-quark, icp_policy_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_MIN_SUBSCRIPTION_MONTHS,
  PROP_MIN_REMAINING_DAYS,
  PROP_CODES_PER_INSTANCE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
icp_policy_finalize (GObject *object)
{
  IcpPolicy *self = (IcpPolicy *)object;

  g_free (self->name);
  g_free (self->path);
  g_clear_pointer (&self->renew_months, g_array_unref);
  g_clear_pointer (&self->switch_months, g_array_unref);

  G_OBJECT_CLASS (icp_policy_parent_class)->finalize (object);
}

static void
icp_policy_dispose (GObject *object)
{
  IcpPolicy *self = (IcpPolicy *)object;

  g_clear_object (&self->regions);

  G_OBJECT_CLASS (icp_policy_parent_class)->dispose (object);
}

static void
icp_policy_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IcpPolicy *self = ICP_POLICY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MIN_SUBSCRIPTION_MONTHS:
      g_value_set_uint (value, self->min_subscription_months);
      break;
    case PROP_MIN_REMAINING_DAYS:
      g_value_set_uint (value, self->min_remaining_days);
      break;
    case PROP_CODES_PER_INSTANCE:
      g_value_set_uint (value, self->codes_per_instance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_policy_class_init (IcpPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_policy_dispose;
  object_class->finalize = icp_policy_finalize;
  object_class->get_property = icp_policy_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_SUBSCRIPTION_MONTHS] =
    g_param_spec_uint ("min-subscription-months", NULL, NULL, 0, G_MAXUINT, 3,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_REMAINING_DAYS] =
    g_param_spec_uint ("min-remaining-days", NULL, NULL, 0, G_MAXUINT, 30,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODES_PER_INSTANCE] =
    g_param_spec_uint ("codes-per-instance", NULL, NULL, 0, G_MAXUINT, 5,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_policy_init (IcpPolicy *self)
{
}

static gboolean
read_uint (GKeyFile    *key_file,
           const char  *display_name,
           const char  *key,
           guint        min,
           guint        max,
           guint       *out,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int value = g_key_file_get_integer (key_file, POLICY_GROUP, key, &local_error);

  if (local_error != NULL || value < (int) min || value > (int) max)
    {
      g_set_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_INVALID,
                   /* Translators: "%s: [Policy] %s" are a file name and a key in it */
                   _("%s: [Policy] %s must be a whole number from %u to %u"),
                   display_name, key, min, max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static GArray *
read_months (GKeyFile    *key_file,
             const char  *display_name,
             const char  *key,
             GError     **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *values = NULL;
  gsize n = 0;

  values = g_key_file_get_integer_list (key_file, POLICY_GROUP, key, &n, NULL);
  for (gsize i = 0; values != NULL && i < n; i++)
    {
      guint v = values[i];

      if (values[i] < 1 || values[i] > 120 ||
          (months->len > 0 && v <= g_array_index (months, guint, months->len - 1)))
        break;
      g_array_append_val (months, v);
    }

  if (values == NULL || n == 0 || months->len != n)
    {
      g_set_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_INVALID,
                   /* Translators: "%s: [Policy] %s" are a file name and a key in it */
                   _("%s: [Policy] %s must list months from 1 to 120 in rising order, "
                     "separated by “;”"),
                   display_name, key);
      return NULL;
    }

  return g_steal_pointer (&months);
}

static IcpPolicy *
policy_new_from_key_file (GKeyFile    *key_file,
                          const char  *display_name,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(IcpPolicy) self = g_object_new (ICP_TYPE_POLICY, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_has_group (key_file, POLICY_GROUP))
    {
      g_set_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_INVALID,
                   _("%s: a policy file needs a [Policy] group"), display_name);
      return NULL;
    }

  self->path = g_strdup (path);
  self->name = g_key_file_get_locale_string (key_file, POLICY_GROUP, "Name", NULL, NULL);
  if (self->name == NULL)
    self->name = g_path_get_basename (display_name);

  if (!read_uint (key_file, display_name, "MinSubscriptionMonths", 1, 120,
                  &self->min_subscription_months, error) ||
      !read_uint (key_file, display_name, "MinRemainingDays", 0, 3650,
                  &self->min_remaining_days, error) ||
      !read_uint (key_file, display_name, "CodesPerInstance", 1, 1000,
                  &self->codes_per_instance, error) ||
      !read_uint (key_file, display_name, "BorderlineDays", 0, 31,
                  &self->borderline_days, error) ||
      !read_uint (key_file, display_name, "MinBandwidthMbps", 1, 10000,
                  &self->min_bandwidth, error) ||
      !read_uint (key_file, display_name, "MaxBandwidthMbps", self->min_bandwidth, 10000,
                  &self->max_bandwidth, error))
    return NULL;

  if (!(self->renew_months = read_months (key_file, display_name, "RenewMonths", error)) ||
      !(self->switch_months = read_months (key_file, display_name, "SwitchMonths", error)))
    return NULL;

  self->regions = icp_regions_new_from_key_file (key_file, &local_error);
  if (self->regions == NULL)
    {
      g_set_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_INVALID,
                   "%s: %s", display_name, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * icp_policy_new_from_data:
 * @data: the text of a policy file
 * @length: its length, or -1 when it ends with a NUL
 * @display_name: what to call it in messages
 * @error: where to put why it is refused
 *
 * Returns: (transfer full) (nullable): the policy.
 */
IcpPolicy *
icp_policy_new_from_data (const char  *data,
                          gssize       length,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    {
      g_set_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_INVALID,
                   /* Translators: the first %s is a file name, the second the parser's reason */
                   _("%s is not a policy file: %s"), display_name, local_error->message);
      return NULL;
    }

  return policy_new_from_key_file (key_file, display_name, NULL, error);
}

/**
 * icp_policy_new_from_file:
 * @path: a policy file
 * @error: where to put why it is refused
 *
 * Returns: (transfer full) (nullable): the policy.
 */
IcpPolicy *
icp_policy_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  IcpPolicy *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ICP_POLICY_ERROR, ICP_POLICY_ERROR_NOT_FOUND,
                   /* Translators: %s is the reason a file could not be read */
                   _("Cannot read the policy file: %s"), local_error->message);
      return NULL;
    }

  self = icp_policy_new_from_data (contents, length, path, error);
  if (self != NULL)
    self->path = g_strdup (path);

  return self;
}

/**
 * icp_policy_new_default:
 *
 * Loads `policy/alibaba-ecs.ini` from the data directory.
 *
 * Returns: (transfer full) (nullable): the default policy.
 */
IcpPolicy *
icp_policy_new_default (GError **error)
{
  g_autofree char *path = icp_policy_dup_default_path ();

  return icp_policy_new_from_file (path, error);
}

/**
 * icp_policy_dup_default_path:
 *
 * Returns: (transfer full): the path of the built-in policy file
 */
char *
icp_policy_dup_default_path (void)
{
  return g_build_filename (icp_get_data_dir (), "policy", "alibaba-ecs.ini", NULL);
}

const char *
icp_policy_get_name (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), NULL);
  return self->name;
}

/**
 * icp_policy_get_path:
 *
 * Returns: (nullable): the file the policy was read from.
 */
const char *
icp_policy_get_path (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), NULL);
  return self->path;
}

guint
icp_policy_get_min_subscription_months (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), 0);
  return self->min_subscription_months;
}

guint
icp_policy_get_min_remaining_days (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), 0);
  return self->min_remaining_days;
}

guint
icp_policy_get_codes_per_instance (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), 0);
  return self->codes_per_instance;
}

guint
icp_policy_get_borderline_days (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), 0);
  return self->borderline_days;
}

guint
icp_policy_get_min_bandwidth (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), 0);
  return self->min_bandwidth;
}

guint
icp_policy_get_max_bandwidth (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), 0);
  return self->max_bandwidth;
}

/**
 * icp_policy_get_allowed_months:
 * @self: a policy
 * @remedy: %ICP_REMEDY_RENEW or %ICP_REMEDY_SWITCH_BILLING
 * @n_months: (out): how many
 *
 * Returns: (array length=n_months) (transfer none) (nullable): the terms the API sells for
 *   @remedy, in rising order.
 */
const guint *
icp_policy_get_allowed_months (IcpPolicy *self,
                               IcpRemedy  remedy,
                               gsize     *n_months)
{
  GArray *months;

  g_return_val_if_fail (ICP_IS_POLICY (self), NULL);

  months = remedy == ICP_REMEDY_SWITCH_BILLING ? self->switch_months
         : remedy == ICP_REMEDY_RENEW ? self->renew_months
         : NULL;

  *n_months = months != NULL ? months->len : 0;
  return months != NULL ? (const guint *) (gpointer) months->data : NULL;
}

/**
 * icp_policy_round_months:
 * @self: a policy
 * @remedy: %ICP_REMEDY_RENEW or %ICP_REMEDY_SWITCH_BILLING
 * @months: the least number of months that fixes a finding
 *
 * Returns: the smallest term the API sells for @remedy that is at least @months (the longest
 *   one when @months is beyond them all), or @months for another remedy.
 */
guint
icp_policy_round_months (IcpPolicy *self,
                         IcpRemedy  remedy,
                         guint      months)
{
  const guint *allowed;
  gsize n;

  g_return_val_if_fail (ICP_IS_POLICY (self), months);

  allowed = icp_policy_get_allowed_months (self, remedy, &n);
  if (allowed == NULL || n == 0)
    return months;

  for (gsize i = 0; i < n; i++)
    if (allowed[i] >= months)
      return allowed[i];

  return allowed[n - 1];
}

IcpRegions *
icp_policy_get_regions (IcpPolicy *self)
{
  g_return_val_if_fail (ICP_IS_POLICY (self), NULL);
  return self->regions;
}

const char *
icp_get_data_dir (void)
{
  const char *dir = g_getenv ("ICP_ASSISTANT_DATADIR");

  return dir != NULL && dir[0] != '\0' ? dir : PKGDATADIR;
}

/**
 * icp_init_i18n:
 *
 * Binds the text domain; $ICP_ASSISTANT_LOCALEDIR points at the build tree's catalogs when
 * running uninstalled (tests, build-aux/run).
 */
void
icp_init_i18n (void)
{
  const char *dir = g_getenv ("ICP_ASSISTANT_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * icp_policy_format_allowed_months:
 * @remedy: %ICP_REMEDY_RENEW or %ICP_REMEDY_SWITCH_BILLING
 *
 * The terms the API sells for @remedy, as a user reads them: "1–12, 24, 36, 48, 60" (runs of
 * consecutive months written as ranges).
 *
 * Returns: (transfer full): the list, "" when there is none
 */
char *
icp_policy_format_allowed_months (IcpPolicy *self,
                                  IcpRemedy  remedy)
{
  GString *text;
  const guint *allowed;
  gsize n = 0;

  g_return_val_if_fail (ICP_IS_POLICY (self), NULL);

  text = g_string_new (NULL);
  allowed = icp_policy_get_allowed_months (self, remedy, &n);
  for (gsize i = 0; i < n; )
    {
      gsize j = i;

      while (j + 1 < n && allowed[j + 1] == allowed[j] + 1)
        j++;
      if (text->len > 0)
        g_string_append (text, ", ");
      if (j > i + 1)
        g_string_append_printf (text, "%u–%u", allowed[i], allowed[j]);
      else if (j == i + 1)
        g_string_append_printf (text, "%u, %u", allowed[i], allowed[j]);
      else
        g_string_append_printf (text, "%u", allowed[i]);
      i = j + 1;
    }

  return g_string_free (text, FALSE);
}
