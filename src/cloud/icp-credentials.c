/* icp-credentials.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the AccessKey comes from, in the order the provider's own tools use: a profile named
 * by the user, the environment, the aliyun CLI's config.json, and last the keys the user typed
 * into the app, which live in the Secret Service. We read config.json, we never write it.
 *
 * The environment is read in the calling thread (g_getenv is not safe against a concurrent
 * g_setenv); the file and the keyring are read in a GTask thread with libsecret's blocking
 * calls, which keeps the order of the steps plain.
 *
 * Secrets: they are kept in as few places as possible and wiped (explicit_bzero, a memset the
 * compiler may not drop) before being freed. No error message, debug line or property carries
 * them; IcpCredentials has no property for the secret or the token on purpose.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <stdio.h>
#include <string.h>

#include "icp-cloud-enums.h"
#include "icp-credentials.h"

G_DEFINE_QUARK (icp-credentials-error-quark, icp_credentials_error)

/* The profile name of credentials taken from the environment: a name, not a sentence, so it
 * is the same in every language (a --profile of that name still means a config.json one). */
#define ENVIRONMENT_PROFILE_NAME "environment"

#define ATTRIBUTE_KEY_ID "access-key-id"
#define ATTRIBUTE_LABEL  "label"

static const SecretSchema access_key_schema = {
  "io.github.icpassistant.IcpAssistant.AccessKey",
  SECRET_SCHEMA_NONE,
  {
    { ATTRIBUTE_KEY_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTRIBUTE_LABEL, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* The aliyun CLI's aliases, first non-empty wins (reference/alibaba-api.md §4.2). */
static const char * const env_key_id_vars[] = {
  "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID",
  "ACCESS_KEY_ID", NULL,
};
static const char * const env_secret_vars[] = {
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET",
  "ALICLOUD_ACCESS_KEY_SECRET", "ACCESS_KEY_SECRET", NULL,
};
static const char * const env_token_vars[] = {
  "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
  "SECURITY_TOKEN", NULL,
};
static const char * const env_region_vars[] = {
  "ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID",
  "REGION", NULL,
};
/* The order of the CLI's own code (config/profile.go), not the one of the other fields. */
static const char * const env_profile_vars[] = {
  "ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE", NULL,
};

static void
wipe_string (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

static void
wipe_and_free (char *text)
{
  wipe_string (text);
  g_free (text);
}

/* IcpCredentials {{{1 */

struct _IcpCredentials
{
  GObject               parent_instance;

  char                 *access_key_id;
  char                 *access_key_secret;
  char                 *security_token;
  char                 *region_id;
  char                 *profile_name;
  IcpCredentialsSource  source;
};

G_DEFINE_FINAL_TYPE (IcpCredentials, icp_credentials, G_TYPE_OBJECT)

enum {
  CREDENTIALS_PROP_0,
  CREDENTIALS_PROP_ACCESS_KEY_ID,
  CREDENTIALS_PROP_REGION_ID,
  CREDENTIALS_PROP_PROFILE_NAME,
  CREDENTIALS_PROP_SOURCE,
  CREDENTIALS_N_PROPS
};

static GParamSpec *credentials_properties [CREDENTIALS_N_PROPS];

static void
icp_credentials_finalize (GObject *object)
{
  IcpCredentials *self = (IcpCredentials *)object;

  g_free (self->access_key_id);
  wipe_and_free (self->access_key_secret);
  wipe_and_free (self->security_token);
  g_free (self->region_id);
  g_free (self->profile_name);

  G_OBJECT_CLASS (icp_credentials_parent_class)->finalize (object);
}

static void
icp_credentials_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpCredentials *self = ICP_CREDENTIALS (object);

  switch (prop_id)
    {
    case CREDENTIALS_PROP_ACCESS_KEY_ID:
      g_value_set_string (value, self->access_key_id);
      break;
    case CREDENTIALS_PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;
    case CREDENTIALS_PROP_PROFILE_NAME:
      g_value_set_string (value, self->profile_name);
      break;
    case CREDENTIALS_PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_credentials_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpCredentials *self = ICP_CREDENTIALS (object);

  switch (prop_id)
    {
    case CREDENTIALS_PROP_REGION_ID:
      icp_credentials_set_region_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_credentials_class_init (IcpCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = icp_credentials_finalize;
  object_class->get_property = icp_credentials_get_property;
  object_class->set_property = icp_credentials_set_property;

  /* No property for the secret nor the token: g_object_get and GtkInspector must not show them. */
  credentials_properties[CREDENTIALS_PROP_ACCESS_KEY_ID] =
    g_param_spec_string ("access-key-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  credentials_properties[CREDENTIALS_PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  credentials_properties[CREDENTIALS_PROP_PROFILE_NAME] =
    g_param_spec_string ("profile-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  credentials_properties[CREDENTIALS_PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       ICP_TYPE_CREDENTIALS_SOURCE,
                       ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, CREDENTIALS_N_PROPS, credentials_properties);
}

static void
icp_credentials_init (IcpCredentials *self)
{
}

/**
 * icp_credentials_new:
 * @access_key_id: the AccessKey ID
 * @access_key_secret: its secret
 * @security_token: (nullable): the STS token of temporary credentials
 *
 * Keys from nowhere in particular: icp_credentials_set_profile() says where they came from.
 *
 * Returns: (transfer full): new credentials, source %ICP_CREDENTIALS_SOURCE_ENVIRONMENT and
 *   no profile name.
 */
IcpCredentials *
icp_credentials_new (const char *access_key_id,
                     const char *access_key_secret,
                     const char *security_token)
{
  IcpCredentials *self;

  g_return_val_if_fail (access_key_id != NULL && *access_key_id != '\0', NULL);
  g_return_val_if_fail (access_key_secret != NULL && *access_key_secret != '\0', NULL);

  self = g_object_new (ICP_TYPE_CREDENTIALS, NULL);
  self->access_key_id = g_strdup (access_key_id);
  self->access_key_secret = g_strdup (access_key_secret);
  if (security_token != NULL && *security_token != '\0')
    self->security_token = g_strdup (security_token);

  return self;
}

const char *
icp_credentials_get_access_key_id (IcpCredentials *self)
{
  g_return_val_if_fail (ICP_IS_CREDENTIALS (self), NULL);

  return self->access_key_id;
}

/**
 * icp_credentials_get_access_key_secret:
 * @self: credentials
 *
 * For the signer only: never log, print or show the result.
 *
 * Returns: the AccessKey secret.
 */
const char *
icp_credentials_get_access_key_secret (IcpCredentials *self)
{
  g_return_val_if_fail (ICP_IS_CREDENTIALS (self), NULL);

  return self->access_key_secret;
}

/**
 * icp_credentials_get_security_token:
 * @self: credentials
 *
 * Returns: (nullable): the STS token, %NULL for a long-lived AccessKey. Never log it.
 */
const char *
icp_credentials_get_security_token (IcpCredentials *self)
{
  g_return_val_if_fail (ICP_IS_CREDENTIALS (self), NULL);

  return self->security_token;
}

const char *
icp_credentials_get_region_id (IcpCredentials *self)
{
  g_return_val_if_fail (ICP_IS_CREDENTIALS (self), NULL);

  return self->region_id;
}

void
icp_credentials_set_region_id (IcpCredentials *self,
                               const char     *region_id)
{
  g_return_if_fail (ICP_IS_CREDENTIALS (self));

  if (region_id != NULL && *region_id == '\0')
    region_id = NULL;

  if (g_strcmp0 (self->region_id, region_id) == 0)
    return;

  g_free (self->region_id);
  self->region_id = g_strdup (region_id);
  g_object_notify_by_pspec (G_OBJECT (self), credentials_properties[CREDENTIALS_PROP_REGION_ID]);
}

/**
 * icp_credentials_get_profile_name:
 * @self: credentials
 *
 * Returns: (nullable): "environment", the config.json profile or the keyring label; %NULL
 *   for keys made with icp_credentials_new() and never given a profile.
 */
const char *
icp_credentials_get_profile_name (IcpCredentials *self)
{
  g_return_val_if_fail (ICP_IS_CREDENTIALS (self), NULL);

  return self->profile_name;
}

IcpCredentialsSource
icp_credentials_get_source (IcpCredentials *self)
{
  g_return_val_if_fail (ICP_IS_CREDENTIALS (self), ICP_CREDENTIALS_SOURCE_ENVIRONMENT);

  return self->source;
}

void
icp_credentials_set_profile (IcpCredentials       *self,
                             const char           *profile_name,
                             IcpCredentialsSource  source)
{
  g_return_if_fail (ICP_IS_CREDENTIALS (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->profile_name, profile_name) != 0)
    {
      g_free (self->profile_name);
      self->profile_name = g_strdup (profile_name);
      g_object_notify_by_pspec (G_OBJECT (self),
                                credentials_properties[CREDENTIALS_PROP_PROFILE_NAME]);
    }

  if (self->source != source)
    {
      self->source = source;
      g_object_notify_by_pspec (G_OBJECT (self), credentials_properties[CREDENTIALS_PROP_SOURCE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * icp_credentials_mask_key_id:
 * @access_key_id: (nullable): an AccessKey ID
 *
 * Keeps the first and last four characters of a real ID ("LTAI****abcd"), fewer of a short
 * one, so that a user can tell keys apart without the ID being readable over a shoulder.
 *
 * Returns: (transfer full) (nullable): the masked ID, %NULL for %NULL.
 */
char *
icp_credentials_mask_key_id (const char *access_key_id)
{
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  glong length;
  glong keep;

  if (access_key_id == NULL)
    return NULL;
  if (!g_utf8_validate (access_key_id, -1, NULL))
    return g_strdup ("****");

  length = g_utf8_strlen (access_key_id, -1);
  if (length == 0)
    return g_strdup ("");

  keep = length >= 12 ? 4 : length / 4;
  head = g_utf8_substring (access_key_id, 0, keep);
  tail = g_utf8_substring (access_key_id, length - keep, length);

  return g_strconcat (head, "****", tail, NULL);
}

/* IcpProfile {{{1 */

struct _IcpProfile
{
  GObject               parent_instance;

  char                 *name;
  char                 *masked_key_id;
  char                 *region_id;
  char                 *problem;
  IcpCredentialsSource  source;
};

G_DEFINE_FINAL_TYPE (IcpProfile, icp_profile, G_TYPE_OBJECT)

enum {
  PROFILE_PROP_0,
  PROFILE_PROP_NAME,
  PROFILE_PROP_SOURCE,
  PROFILE_PROP_MASKED_KEY_ID,
  PROFILE_PROP_REGION_ID,
  PROFILE_PROP_PROBLEM,
  PROFILE_PROP_USABLE,
  PROFILE_N_PROPS
};

static GParamSpec *profile_properties [PROFILE_N_PROPS];

static void
icp_profile_finalize (GObject *object)
{
  IcpProfile *self = (IcpProfile *)object;

  g_free (self->name);
  g_free (self->masked_key_id);
  g_free (self->region_id);
  g_free (self->problem);

  G_OBJECT_CLASS (icp_profile_parent_class)->finalize (object);
}

static void
icp_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IcpProfile *self = ICP_PROFILE (object);

  switch (prop_id)
    {
    case PROFILE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROFILE_PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROFILE_PROP_MASKED_KEY_ID:
      g_value_set_string (value, self->masked_key_id);
      break;
    case PROFILE_PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;
    case PROFILE_PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROFILE_PROP_USABLE:
      g_value_set_boolean (value, icp_profile_is_usable (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_profile_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IcpProfile *self = ICP_PROFILE (object);

  /* All construct-only: set once, so there is nothing to notify. */
  switch (prop_id)
    {
    case PROFILE_PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROFILE_PROP_SOURCE:
      self->source = g_value_get_enum (value);
      break;
    case PROFILE_PROP_MASKED_KEY_ID:
      self->masked_key_id = g_value_dup_string (value);
      break;
    case PROFILE_PROP_REGION_ID:
      self->region_id = g_value_dup_string (value);
      break;
    case PROFILE_PROP_PROBLEM:
      self->problem = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_profile_class_init (IcpProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = icp_profile_finalize;
  object_class->get_property = icp_profile_get_property;
  object_class->set_property = icp_profile_set_property;

  profile_properties[PROFILE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       ICP_TYPE_CREDENTIALS_SOURCE,
                       ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
                       flags);
  profile_properties[PROFILE_PROP_MASKED_KEY_ID] =
    g_param_spec_string ("masked-key-id", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  /* For the app's list: a row is sensitive when the profile can be used. */
  profile_properties[PROFILE_PROP_USABLE] =
    g_param_spec_boolean ("usable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, PROFILE_N_PROPS, profile_properties);
}

static void
icp_profile_init (IcpProfile *self)
{
}

/**
 * icp_profile_new:
 * @name: the profile name or keyring label
 * @source: where it lives
 * @access_key_id: (nullable): its AccessKey ID, masked before it is kept
 * @region_id: (nullable): its region
 * @problem: (nullable): why it cannot be used, a translated sentence
 *
 * Returns: (transfer full): a new profile.
 */
IcpProfile *
icp_profile_new (const char           *name,
                 IcpCredentialsSource  source,
                 const char           *access_key_id,
                 const char           *region_id,
                 const char           *problem)
{
  g_autofree char *masked = icp_credentials_mask_key_id (access_key_id);

  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (ICP_TYPE_PROFILE,
                       "name", name,
                       "source", source,
                       "masked-key-id", masked,
                       "region-id", (region_id != NULL && *region_id != '\0') ? region_id : NULL,
                       "problem", problem,
                       NULL);
}

const char *
icp_profile_get_name (IcpProfile *self)
{
  g_return_val_if_fail (ICP_IS_PROFILE (self), NULL);

  return self->name;
}

IcpCredentialsSource
icp_profile_get_source (IcpProfile *self)
{
  g_return_val_if_fail (ICP_IS_PROFILE (self), ICP_CREDENTIALS_SOURCE_ENVIRONMENT);

  return self->source;
}

const char *
icp_profile_get_masked_key_id (IcpProfile *self)
{
  g_return_val_if_fail (ICP_IS_PROFILE (self), NULL);

  return self->masked_key_id;
}

const char *
icp_profile_get_region_id (IcpProfile *self)
{
  g_return_val_if_fail (ICP_IS_PROFILE (self), NULL);

  return self->region_id;
}

const char *
icp_profile_get_problem (IcpProfile *self)
{
  g_return_val_if_fail (ICP_IS_PROFILE (self), NULL);

  return self->problem;
}

gboolean
icp_profile_is_usable (IcpProfile *self)
{
  g_return_val_if_fail (ICP_IS_PROFILE (self), FALSE);

  return self->problem == NULL;
}

/* The environment {{{1 */

typedef struct
{
  char       *key_id;
  const char *key_id_var;
  char       *secret;
  const char *secret_var;
  char       *token;
  char       *region;
  char       *profile;
  const char *profile_var;
  gboolean    ignore_config;
} EnvSnapshot;

static char *
env_first (const char * const  *names,
           const char         **found_name)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        {
          if (found_name != NULL)
            *found_name = names[i];
          return g_strdup (value);
        }
    }

  return NULL;
}

static void
env_snapshot_read (EnvSnapshot *env)
{
  env->key_id = env_first (env_key_id_vars, &env->key_id_var);
  env->secret = env_first (env_secret_vars, &env->secret_var);
  env->token = env_first (env_token_vars, NULL);
  env->region = env_first (env_region_vars, NULL);
  env->profile = env_first (env_profile_vars, &env->profile_var);
  /* Upper case only, like the CLI. */
  env->ignore_config = g_strcmp0 (g_getenv ("ALIBABA_CLOUD_IGNORE_PROFILE"), "TRUE") == 0;
}

static void
env_snapshot_clear (EnvSnapshot *env)
{
  g_clear_pointer (&env->key_id, g_free);
  g_clear_pointer (&env->secret, wipe_and_free);
  g_clear_pointer (&env->token, wipe_and_free);
  g_clear_pointer (&env->region, g_free);
  g_clear_pointer (&env->profile, g_free);
}

/* Credentials from the environment; NULL without an error when it holds no key at all. A
 * lone STS token (SECURITY_TOKEN is a common name) does not count as a key. */
static IcpCredentials *
env_snapshot_get_credentials (EnvSnapshot  *env,
                              GError      **error)
{
  IcpCredentials *credentials;

  if (env->key_id == NULL && env->secret == NULL)
    return NULL;

  if (env->secret == NULL)
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                   /* Translators: %s are names of environment variables, e.g.
                    * ALIBABA_CLOUD_ACCESS_KEY_ID, and stay as they are. */
                   _("%s is set, but no AccessKey secret is. Set ALIBABA_CLOUD_ACCESS_KEY_SECRET too, or unset %s."),
                   env->key_id_var, env->key_id_var);
      return NULL;
    }

  if (env->key_id == NULL)
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                   /* Translators: %s are names of environment variables, e.g.
                    * ALIBABA_CLOUD_ACCESS_KEY_SECRET, and stay as they are. */
                   _("%s is set, but no AccessKey ID is. Set ALIBABA_CLOUD_ACCESS_KEY_ID too, or unset %s."),
                   env->secret_var, env->secret_var);
      return NULL;
    }

  credentials = icp_credentials_new (env->key_id, env->secret, env->token);
  icp_credentials_set_region_id (credentials, env->region);
  icp_credentials_set_profile (credentials, ENVIRONMENT_PROFILE_NAME,
                               ICP_CREDENTIALS_SOURCE_ENVIRONMENT);

  return credentials;
}

/* The aliyun CLI configuration {{{1 */

typedef struct
{
  char       *path;
  JsonParser *parser;
  JsonObject *root;     /* NULL when the file does not exist */
  JsonArray  *profiles; /* NULL when it has none */
} CliConfig;

static void
cli_config_clear (CliConfig *config)
{
  g_clear_pointer (&config->path, g_free);
  g_clear_object (&config->parser);
  config->root = NULL;
  config->profiles = NULL;
}

static char *
default_config_path (const char *config_path)
{
  const char *from_env;

  if (config_path != NULL)
    return g_strdup (config_path);

  from_env = g_getenv ("ICP_ASSISTANT_ALIYUN_CONFIG");
  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  return g_build_filename (g_get_home_dir (), ".aliyun", "config.json", NULL);
}

static const char *
describe_json_error (const GError *error)
{
  if (error->domain == JSON_PARSER_ERROR)
    {
      switch ((JsonParserError) error->code)
        {
        case JSON_PARSER_ERROR_TRAILING_COMMA:
          return _("a comma before a closing bracket");
        case JSON_PARSER_ERROR_MISSING_COMMA:
          return _("a comma is missing");
        case JSON_PARSER_ERROR_MISSING_COLON:
          return _("a colon is missing");
        case JSON_PARSER_ERROR_INVALID_BAREWORD:
          return _("a word that is not in quotes");
        case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
          return _("a member without a name");
        case JSON_PARSER_ERROR_INVALID_DATA:
          return _("the text is not UTF-8");
        case JSON_PARSER_ERROR_PARSE:
        case JSON_PARSER_ERROR_UNKNOWN:
        default:
          break;
        }
    }

  return _("unexpected text");
}

/* Reads @config->path. TRUE with config->root NULL when there is no such file; on an error,
 * @config holds nothing but its path. */
static gboolean
cli_config_load (CliConfig  *config,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *root;
  JsonNode *member;
  JsonArray *profiles;
  gboolean parsed;

  if (!g_file_get_contents (config->path, &contents, &length, &local_error))
    {
      /* No such file, or a home that is not a directory: there is no configuration. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return TRUE;

      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INVALID_CONFIG,
                   /* Translators: the first %s is a file name, the second why it failed. */
                   _("Could not read the aliyun CLI configuration %s: %s"),
                   config->path, local_error->message);
      return FALSE;
    }

  parser = json_parser_new ();
  parsed = json_parser_load_from_data (parser, contents, length, &local_error);
  /* The file holds secrets; do not leave a copy of it behind in freed memory. */
  explicit_bzero (contents, length);

  if (!parsed)
    {
      guint line = 0;
      guint column = 0;

      /* json-glib's own message may quote the text it stumbled on, which can be a secret;
       * keep only its position ("<data>:LINE:COLUMN: …") and say what is wrong ourselves. */
      if (sscanf (local_error->message, "<data>:%u:%u:", &line, &column) == 2)
        g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INVALID_CONFIG,
                     /* Translators: %s is a file name, %u a line and a column number, the
                      * last %s what is wrong there, e.g. “a comma is missing”. */
                     _("The aliyun CLI configuration %s is not valid JSON: line %u, column %u: %s."),
                     config->path, line, column, describe_json_error (local_error));
      else
        g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INVALID_CONFIG,
                     /* Translators: %s is a file name, the last %s what is wrong, e.g. “the
                      * text is not UTF-8”. */
                     _("The aliyun CLI configuration %s is not valid JSON: %s."),
                     config->path, describe_json_error (local_error));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INVALID_CONFIG,
                   /* Translators: %s is a file name. */
                   _("The aliyun CLI configuration %s is empty or not a JSON object."),
                   config->path);
      return FALSE;
    }

  member = json_object_get_member (json_node_get_object (root), "profiles");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INVALID_CONFIG,
                   /* Translators: %s is a file name; “profiles” is a JSON key, keep it. */
                   _("In the aliyun CLI configuration %s, “profiles” is not a list."),
                   config->path);
      return FALSE;
    }

  profiles = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member)
                                                                : NULL;
  for (guint i = 0; profiles != NULL && i < json_array_get_length (profiles); i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (profiles, i)))
        {
          g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INVALID_CONFIG,
                       /* Translators: %s is a file name; “profiles” is a JSON key. */
                       _("In the aliyun CLI configuration %s, “profiles” holds an entry that is not a profile."),
                       config->path);
          return FALSE;
        }
    }

  config->parser = g_steal_pointer (&parser);
  config->root = json_node_get_object (root);
  config->profiles = profiles;
  return TRUE;
}

/* A string member, or NULL when it is missing, empty or not a string. */
static const char *
object_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  return (value != NULL && *value != '\0') ? value : NULL;
}

static guint
cli_config_get_n_profiles (CliConfig *config)
{
  return config->profiles != NULL ? json_array_get_length (config->profiles) : 0;
}

static JsonObject *
cli_config_get_profile (CliConfig *config,
                        guint      i)
{
  return json_array_get_object_element (config->profiles, i);
}

static JsonObject *
cli_config_find_profile (CliConfig  *config,
                         const char *name)
{
  for (guint i = 0; i < cli_config_get_n_profiles (config); i++)
    {
      JsonObject *profile = cli_config_get_profile (config, i);

      if (g_strcmp0 (object_get_string (profile, "name"), name) == 0)
        return profile;
    }

  return NULL;
}

static void
set_incomplete_profile_error (GError     **error,
                              CliConfig   *config,
                              const char  *name,
                              const char  *field)
{
  g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INCOMPLETE,
               /* Translators: the first and last %s are a profile name, the second a file
                * name, the third a JSON key such as access_key_secret (keep it as it is). */
               _("The profile “%s” in %s has no %s. Complete it with “aliyun configure --profile %s”."),
               name, config->path, field, name);
}

/* Credentials of one config.json profile, or why it cannot be used. */
static IcpCredentials *
cli_config_get_credentials (CliConfig   *config,
                            JsonObject  *profile,
                            const char  *fallback_region,
                            GError     **error)
{
  const char *name = object_get_string (profile, "name");
  const char *mode = object_get_string (profile, "mode");
  const char *key_id = object_get_string (profile, "access_key_id");
  const char *secret = object_get_string (profile, "access_key_secret");
  const char *token = NULL;
  const char *region = object_get_string (profile, "region_id");
  IcpCredentials *credentials;
  gboolean sts;

  if (name == NULL)
    name = "";

  if (mode == NULL)
    {
      set_incomplete_profile_error (error, config, name, "mode");
      return NULL;
    }

  sts = g_ascii_strcasecmp (mode, "StsToken") == 0;
  if (!sts && g_ascii_strcasecmp (mode, "AK") != 0)
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_UNSUPPORTED_MODE,
                   /* Translators: the first %s is a profile name, the second a file name, the
                    * third an aliyun CLI mode such as RamRoleArn. Keep the command as it is. */
                   _("The profile “%s” in %s uses the mode %s, which ICP Filing Assistant cannot use. Create an AccessKey profile with “aliyun configure --mode AK”."),
                   name, config->path, mode);
      return NULL;
    }

  if (key_id == NULL)
    {
      set_incomplete_profile_error (error, config, name, "access_key_id");
      return NULL;
    }
  if (secret == NULL)
    {
      set_incomplete_profile_error (error, config, name, "access_key_secret");
      return NULL;
    }
  if (sts)
    {
      token = object_get_string (profile, "sts_token");
      if (token == NULL)
        {
          set_incomplete_profile_error (error, config, name, "sts_token");
          return NULL;
        }
    }

  credentials = icp_credentials_new (key_id, secret, token);
  /* Like the CLI: the environment only fills what the profile leaves empty. */
  icp_credentials_set_region_id (credentials, region != NULL ? region : fallback_region);
  icp_credentials_set_profile (credentials, name, ICP_CREDENTIALS_SOURCE_CLI_CONFIG);

  return credentials;
}

/* The Secret Service {{{1 */

/* Everything here goes through libsecret: it encrypts the secrets on their way over D-Bus,
 * asks the user to unlock a locked keyring, and in a sandbox uses the portal's file backend.
 * A search neither loads secrets nor unlocks anything, unless it is for the key about to be
 * used: then libsecret unlocks it (SECRET_SEARCH_UNLOCK) and we read that one secret. */

/* The Secret Service's message, to go on inside ours: no "GDBus.Error:org.freedesktop…:" in
 * front (it says more to a developer than to a user), no full stop at the end. */
static const char *
keyring_message (GError *local_error)
{
  gsize length;

  g_dbus_error_strip_remote_error (local_error);
  g_strchomp (local_error->message);
  length = strlen (local_error->message);
  if (length > 0 && local_error->message[length - 1] == '.')
    local_error->message[length - 1] = '\0';
  return local_error->message;
}

/* ICP_CREDENTIALS_ERROR_KEYRING with our sentence around keyring_message (@local_error), which
 * the caller passes among the arguments. A cancellation stays G_IO_ERROR_CANCELLED so that
 * callers can ignore it. */
static void set_keyring_error (GError     **error,
                               GError      *local_error,
                               const char  *format,
                               ...) G_GNUC_PRINTF (3, 4);

static void
set_keyring_error (GError     **error,
                   GError      *local_error,
                   const char  *format,
                   ...)
{
  va_list args;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (local_error));
      return;
    }

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (ICP_CREDENTIALS_ERROR,
                                                ICP_CREDENTIALS_ERROR_KEYRING, format, args));
  va_end (args);
}

static void
set_keyring_read_error (GError **error,
                        GError  *local_error)
{
  set_keyring_error (error, local_error,
                     /* Translators: %s is the Secret Service's own error message. */
                     _("The keyring could not be read: %s. Check that GNOME Keyring or another Secret Service is running."),
                     keyring_message (local_error));
}

/* The items of our schema, all of them or those labelled @label, as SecretRetrievables in
 * *@items (NULL: none). FALSE with libsecret's own error, for the caller to put in context. */
static gboolean
keyring_search (const char         *label,
                SecretSearchFlags   flags,
                GList             **items,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  GError *local_error = NULL;

  if (label != NULL)
    g_hash_table_insert (query, (gpointer) ATTRIBUTE_LABEL, (gpointer) label);

  *items = secret_password_searchv_sync (&access_key_schema, query, SECRET_SEARCH_ALL | flags,
                                         cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* The key of this item, with its secret read now. */
static IcpCredentials *
keyring_get_credentials (SecretRetrievable  *item,
                         const char         *fallback_region,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *key_id = g_hash_table_lookup (attributes, ATTRIBUTE_KEY_ID);
  const char *label = g_hash_table_lookup (attributes, ATTRIBUTE_LABEL);
  const char *secret = NULL;
  IcpCredentials *credentials;

  if (label == NULL)
    label = "";

  if (key_id != NULL && *key_id != '\0')
    {
      /* The SecretValue wipes the secret when it is freed. */
      value = secret_retrievable_retrieve_secret_sync (item, cancellable, &local_error);
      if (local_error != NULL)
        {
          set_keyring_read_error (error, local_error);
          return NULL;
        }
      if (value != NULL)
        secret = secret_value_get_text (value);
    }

  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                   /* Translators: %s is the label the user gave a key. */
                   _("The AccessKey “%s” in the keyring has no ID or no secret. Remove it and add it again."),
                   label);
      return NULL;
    }

  credentials = icp_credentials_new (key_id, secret, NULL);
  icp_credentials_set_region_id (credentials, fallback_region);
  icp_credentials_set_profile (credentials, label, ICP_CREDENTIALS_SOURCE_KEYRING);

  return credentials;
}

/* The key labelled @label (NULL: the first one found), unlocked if need be; NULL without an
 * error when there is none. */
static IcpCredentials *
keyring_read (const char    *label,
              const char    *fallback_region,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autolist(SecretRetrievable) items = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!keyring_search (label, SECRET_SEARCH_UNLOCK, &items, cancellable, &local_error))
    {
      set_keyring_read_error (error, local_error);
      return NULL;
    }

  if (items == NULL)
    return NULL;

  return keyring_get_credentials (items->data, fallback_region, cancellable, error);
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return g_utf8_collate (icp_profile_get_name ((IcpProfile *) a),
                         icp_profile_get_name ((IcpProfile *) b));
}

static GListModel *
keyring_list (GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (ICP_TYPE_PROFILE);
  g_autolist(SecretRetrievable) items = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!keyring_search (NULL, SECRET_SEARCH_NONE, &items, cancellable, &local_error))
    {
      set_keyring_read_error (error, local_error);
      return NULL;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *label = g_hash_table_lookup (attributes, ATTRIBUTE_LABEL);
      g_autoptr(IcpProfile) profile = NULL;

      if (label == NULL)
        continue;

      profile = icp_profile_new (label, ICP_CREDENTIALS_SOURCE_KEYRING,
                                 g_hash_table_lookup (attributes, ATTRIBUTE_KEY_ID), NULL, NULL);
      g_list_store_insert_sorted (store, profile, compare_profiles, NULL);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Resolution {{{1 */

typedef struct
{
  char        *profile_name;
  EnvSnapshot  env;
  CliConfig    config;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_free (data->profile_name);
  env_snapshot_clear (&data->env);
  cli_config_clear (&data->config);
  g_free (data);
}

static IcpCredentials *
resolve_named (ResolveData   *data,
               GError        *config_error,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) keyring_error = NULL;
  IcpCredentials *credentials;

  if (data->config.root != NULL)
    {
      JsonObject *profile = cli_config_find_profile (&data->config, data->profile_name);

      if (profile != NULL)
        return cli_config_get_credentials (&data->config, profile, data->env.region, error);
    }

  credentials = keyring_read (data->profile_name, data->env.region, cancellable, &keyring_error);
  if (credentials != NULL)
    return credentials;

  if (keyring_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return NULL;
    }

  /* A broken config.json may hold the profile: say so rather than that there is none. */
  if (config_error != NULL)
    {
      g_propagate_error (error, g_error_copy (config_error));
      return NULL;
    }

  g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND,
               /* Translators: the first %s is a profile name, the second a file name. */
               _("There is no profile named “%s”, neither in %s nor in the keyring."),
               data->profile_name, data->config.path);
  return NULL;
}

/* The profile config.json says to use, if it says one. NULL without error: none. */
static IcpCredentials *
resolve_from_config (ResolveData  *data,
                     gboolean     *done,
                     GError      **error)
{
  CliConfig *config = &data->config;
  JsonObject *profile;
  const char *current;

  *done = TRUE;

  if (data->env.profile != NULL)
    {
      profile = cli_config_find_profile (config, data->env.profile);
      if (profile == NULL)
        {
          g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                       /* Translators: the first %s is an environment variable such as
                        * ALIBABA_CLOUD_PROFILE, the second a profile name, the third a file. */
                       _("%s names the profile “%s”, but %s has no profile of that name."),
                       data->env.profile_var, data->env.profile, config->path);
          return NULL;
        }
      return cli_config_get_credentials (config, profile, data->env.region, error);
    }

  current = object_get_string (config->root, "current");
  if (current != NULL)
    {
      profile = cli_config_find_profile (config, current);
      if (profile != NULL)
        return cli_config_get_credentials (config, profile, data->env.region, error);

      if (cli_config_get_n_profiles (config) > 0)
        {
          g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                       /* Translators: the first %s is a file name, the second a profile name. */
                       _("The aliyun CLI configuration %s names “%s” as its current profile, but has no profile of that name."),
                       config->path, current);
          return NULL;
        }
    }
  else
    {
      /* The CLI's default profile name. */
      profile = cli_config_find_profile (config, "default");
      if (profile != NULL)
        return cli_config_get_credentials (config, profile, data->env.region, error);
    }

  *done = FALSE;
  return NULL;
}

static IcpCredentials *
resolve_from_keyring (ResolveData   *data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autolist(SecretRetrievable) items = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_items;

  if (!keyring_search (NULL, SECRET_SEARCH_NONE, &items, cancellable, &local_error))
    {
      set_keyring_error (error, local_error,
                         /* Translators: the first %s is a file name, the second the Secret
                          * Service's error message. */
                         _("No AccessKey is set in the environment or in %s, and the keyring could not be read: %s. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or create a profile with “aliyun configure --mode AK”."),
                         data->config.path, keyring_message (local_error));
      return NULL;
    }

  n_items = g_list_length (items);
  if (n_items > 1)
    {
      g_set_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The keyring holds %u AccessKey. Choose one by its label with --profile, or in the app on its start page.",
                                "The keyring holds %u AccessKeys. Choose one by its label with --profile, or in the app on its start page.",
                                n_items),
                   n_items);
      return NULL;
    }

  /* Counted without unlocking anything; the one key is now searched for again, unlocked. */
  if (n_items == 1)
    {
      IcpCredentials *credentials = keyring_read (NULL, data->env.region, cancellable,
                                                  &local_error);

      if (credentials != NULL || local_error != NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return credentials;
        }
    }

  g_set_error_literal (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                       /* Translators: “Add an AccessKey…” is the start page's row of the
                        * app (ICP Filing Assistant); translate it the same way. */
                       _("No AccessKey found. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, create a profile with “aliyun configure --mode AK”, or add an AccessKey in the app with “Add an AccessKey…” on its start page."));
  return NULL;
}

static IcpCredentials *
resolve_sync (ResolveData   *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) config_error = NULL;
  IcpCredentials *credentials;
  GError *local_error = NULL;
  gboolean done;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Read once; a broken file matters only if we get to it (or to a profile it may hold). */
  if (!data->env.ignore_config)
    cli_config_load (&data->config, &config_error);

  /* 1. The profile the user named. */
  if (data->profile_name != NULL)
    return resolve_named (data, config_error, cancellable, error);

  /* 2. The environment; half a key there is a mistake to report, not to skip. */
  credentials = env_snapshot_get_credentials (&data->env, &local_error);
  if (credentials != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return credentials;
    }

  /* 3. The aliyun CLI's configuration. */
  if (config_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&config_error));
      return NULL;
    }

  if (data->config.root != NULL)
    {
      credentials = resolve_from_config (data, &done, error);
      if (done)
        return credentials;
    }

  /* 4. The only key kept in the keyring. */
  return resolve_from_keyring (data, cancellable, error);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResolveData *data = task_data;
  GError *error = NULL;
  IcpCredentials *credentials;

  credentials = resolve_sync (data, cancellable, &error);
  if (credentials != NULL)
    g_task_return_pointer (task, credentials, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * icp_credentials_resolve_async:
 * @profile_name: (nullable): the profile the user chose: a config.json profile or a keyring
 *   label
 * @config_path: (nullable): the aliyun CLI configuration; %NULL for
 *   $ICP_ASSISTANT_ALIYUN_CONFIG, else ~/.aliyun/config.json
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Finds the credentials to use, in DOMAIN.md's order. The environment is read now, in the
 * calling thread.
 */
void
icp_credentials_resolve_async (const char          *profile_name,
                               const char          *config_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ResolveData *data;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ResolveData, 1);
  if (profile_name != NULL && *profile_name != '\0')
    data->profile_name = g_strdup (profile_name);
  data->config.path = default_config_path (config_path);
  env_snapshot_read (&data->env);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_credentials_resolve_async);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);
  g_task_run_in_thread (task, resolve_thread);
}

/**
 * icp_credentials_resolve_finish:
 * @result: the result given to the callback
 * @error: an #ICP_CREDENTIALS_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the credentials, or %NULL with @error set.
 */
IcpCredentials *
icp_credentials_resolve_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, icp_credentials_resolve_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Listing {{{1 */

/**
 * icp_credentials_list_local_profiles:
 * @config_path: (nullable): as for icp_credentials_resolve_async()
 * @error: an #ICP_CREDENTIALS_ERROR when config.json exists but cannot be read
 *
 * The environment's profile (when an AccessKey ID is set there) and then every profile of
 * config.json, in the file's order. Profiles that cannot be used are listed too, with their
 * problem set, so that the app can show them with the reason. No secret is kept.
 *
 * Returns: (transfer full): a #GListModel of #IcpProfile, or %NULL with @error set.
 */
GListModel *
icp_credentials_list_local_profiles (const char  *config_path,
                                     GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (ICP_TYPE_PROFILE);
  CliConfig config = { NULL, };
  EnvSnapshot env = { NULL, };
  gboolean ok = TRUE;

  env_snapshot_read (&env);

  if (env.key_id != NULL || env.secret != NULL)
    {
      g_autoptr(GError) problem = NULL;
      g_autoptr(IcpCredentials) credentials = env_snapshot_get_credentials (&env, &problem);
      g_autoptr(IcpProfile) profile = NULL;

      profile = icp_profile_new (ENVIRONMENT_PROFILE_NAME, ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
                                 env.key_id, env.region,
                                 problem != NULL ? problem->message : NULL);
      g_list_store_append (store, profile);
    }

  if (!env.ignore_config)
    {
      config.path = default_config_path (config_path);
      ok = cli_config_load (&config, error);

      for (guint i = 0; ok && i < cli_config_get_n_profiles (&config); i++)
        {
          JsonObject *object = cli_config_get_profile (&config, i);
          g_autoptr(GError) problem = NULL;
          g_autoptr(IcpCredentials) credentials = NULL;
          g_autoptr(IcpProfile) profile = NULL;
          const char *name = object_get_string (object, "name");
          const char *region = object_get_string (object, "region_id");

          if (name == NULL)
            continue;

          credentials = cli_config_get_credentials (&config, object, NULL, &problem);
          profile = icp_profile_new (name, ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                                     object_get_string (object, "access_key_id"),
                                     region != NULL ? region : env.region,
                                     problem != NULL ? problem->message : NULL);
          g_list_store_append (store, profile);
        }

      cli_config_clear (&config);
    }

  env_snapshot_clear (&env);

  if (!ok)
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static void
list_keyring_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *profiles = keyring_list (cancellable, &error);

  if (profiles != NULL)
    g_task_return_pointer (task, profiles, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * icp_credentials_list_keyring_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Lists the AccessKeys kept in the Secret Service by label, without loading any secret.
 */
void
icp_credentials_list_keyring_async (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_credentials_list_keyring_async);
  g_task_run_in_thread (task, list_keyring_thread);
}

/**
 * icp_credentials_list_keyring_finish:
 * @result: the result given to the callback
 * @error: %ICP_CREDENTIALS_ERROR_KEYRING, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): a #GListModel of #IcpProfile sorted by label, or %NULL with
 *   @error set.
 */
GListModel *
icp_credentials_list_keyring_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, icp_credentials_list_keyring_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Storing and deleting {{{1 */

typedef struct
{
  char *label;
  char *key_id;
  char *secret;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->label);
  g_free (data->key_id);
  wipe_and_free (data->secret);
  g_free (data);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreData *data = task_data;
  g_autolist(SecretRetrievable) items = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *item_label = NULL;

  /* Translators: the name of the key in the keyring (Passwords and Keys shows it); %s is
   * the label the user gave it. */
  item_label = g_strdup_printf (_("Alibaba Cloud AccessKey %s"), data->label);

  /* An item with the same attributes is replaced; one with the same label but another key
   * ID is removed below, so that a label always means one key. */
  if (!secret_password_store_sync (&access_key_schema, SECRET_COLLECTION_DEFAULT, item_label,
                                   data->secret, cancellable, &local_error,
                                   ATTRIBUTE_KEY_ID, data->key_id,
                                   ATTRIBUTE_LABEL, data->label,
                                   NULL))
    {
      GError *error = NULL;

      set_keyring_error (&error, local_error,
                         /* Translators: %s is the Secret Service's own error message. */
                         _("The AccessKey could not be stored in the keyring: %s. Check that GNOME Keyring or another Secret Service is running."),
                         keyring_message (local_error));
      g_task_return_error (task, error);
      return;
    }

  if (!keyring_search (data->label, SECRET_SEARCH_NONE, &items, cancellable, NULL))
    g_debug ("Could not look for other keys labelled “%s”", data->label);

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *key_id = g_hash_table_lookup (attributes, ATTRIBUTE_KEY_ID);

      if (g_strcmp0 (key_id, data->key_id) == 0)
        continue;

      /* Failing to remove the old key leaves two keys under one label; resolving still
       * works (it takes one), so the new key counts as stored. */
      if (!secret_password_clear_sync (&access_key_schema, cancellable, NULL,
                                       ATTRIBUTE_KEY_ID, key_id != NULL ? key_id : "",
                                       ATTRIBUTE_LABEL, data->label,
                                       NULL))
        g_debug ("Could not remove the previous key labelled “%s”", data->label);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * icp_credentials_store_async:
 * @label: the name the user gives the key
 * @access_key_id: the AccessKey ID
 * @access_key_secret: its secret
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Keeps a key in the default keyring under @label, replacing a key with the same label.
 * Surrounding white space (from copying and pasting) is dropped.
 */
void
icp_credentials_store_async (const char          *label,
                             const char          *access_key_id,
                             const char          *access_key_secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (label != NULL);
  g_return_if_fail (access_key_id != NULL);
  g_return_if_fail (access_key_secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_credentials_store_async);

  data = g_new0 (StoreData, 1);
  data->label = g_strstrip (g_strdup (label));
  data->key_id = g_strstrip (g_strdup (access_key_id));
  data->secret = g_strstrip (g_strdup (access_key_secret));
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  if (*data->label == '\0' || *data->key_id == '\0' || *data->secret == '\0')
    {
      g_task_return_new_error (task, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                               "%s", _("An AccessKey needs a label, an ID and a secret."));
      return;
    }

  g_task_run_in_thread (task, store_thread);
}

/**
 * icp_credentials_store_finish:
 * @result: the result given to the callback
 * @error: %ICP_CREDENTIALS_ERROR_KEYRING, %ICP_CREDENTIALS_ERROR_INCOMPLETE or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the key is stored.
 */
gboolean
icp_credentials_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, icp_credentials_store_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *label = task_data;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;

  if (secret_password_clear_sync (&access_key_schema, cancellable, &local_error,
                                  ATTRIBUTE_LABEL, label,
                                  NULL))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (local_error == NULL)
    {
      g_set_error (&error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                   /* Translators: %s is the label the user gave a key. */
                   _("The keyring holds no AccessKey labelled “%s”."),
                   label);
    }
  else
    {
      set_keyring_error (&error, local_error,
                         /* Translators: %s is the Secret Service's own error message. */
                         _("The AccessKey could not be removed from the keyring: %s. Check that GNOME Keyring or another Secret Service is running."),
                         keyring_message (local_error));
    }

  g_task_return_error (task, error);
}

/**
 * icp_credentials_delete_async:
 * @label: the label of a stored key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Removes the key labelled @label from the keyring.
 */
void
icp_credentials_delete_async (const char          *label,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (label != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, icp_credentials_delete_async);
  g_task_set_task_data (task, g_strdup (label), g_free);
  g_task_run_in_thread (task, delete_thread);
}

/**
 * icp_credentials_delete_finish:
 * @result: the result given to the callback
 * @error: %ICP_CREDENTIALS_ERROR_NOT_FOUND when there is no such key,
 *   %ICP_CREDENTIALS_ERROR_KEYRING, or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the key was removed.
 */
gboolean
icp_credentials_delete_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, icp_credentials_delete_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
