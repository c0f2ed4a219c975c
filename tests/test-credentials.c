/* test-credentials.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the AccessKey comes from: the environment's aliases, the aliyun CLI's config.json
 * (fixtures/credentials/, fake keys only) and a real Secret Service. Run through
 * tests/with-keyring.sh, which starts a private D-Bus session with a new gnome-keyring and
 * sets ICP_TEST_KEYRING=ready; without it the keyring cases fail and say why.
 *
 * Every error message and every listed profile is checked for the secrets and tokens used
 * here: none may ever show up.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "icp-cloud-enums.h"
#include "icp-credentials.h"
#include "icp-test-utils.h"

/* Every secret and token the tests use, in the environment, the fixtures and the keyring. */
static const char * const all_secrets[] = {
  "env-secret-1", "env-secret-2", "env-secret-3", "env-secret-4",
  "env-token-1", "env-token-2", "env-token-3", "env-token-4",
  "fake-secret-default-0001", "fake-secret-sts-0002", "fake-sts-token-0002",
  "fake-secret-other-0003", "fake-secret-ramrole-0004", "fake-secret-sts-no-token-0006",
  "fake-secret-no-mode-0007", "fake-secret-no-region-0008", "fake-secret-broken-0009",
  "fakesecretbareword0010", "keyring-secret-first", "keyring-secret-second",
  "keyring-secret-other",
  NULL,
};

/* The labels the keyring cases store; cleared before each of them. */
static const char * const all_labels[] = { "work", "home", NULL };

typedef struct
{
  gboolean unused;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  icp_test_unset_credential_env (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  icp_test_unset_credential_env (NULL);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "credentials", name, NULL);
}

static void
assert_no_secret (const char *text)
{
  if (text == NULL)
    return;

  for (guint i = 0; all_secrets[i] != NULL; i++)
    {
      if (strstr (text, all_secrets[i]) != NULL)
        g_error ("A secret shows in “%s”", text);
    }
}

/* The error has @code, no secret, and every one of the NULL-terminated strings after it. */
static void
assert_error_says (const GError *error,
                   int           code,
                   ...)
{
  va_list args;
  const char *part;

  g_assert_error (error, ICP_CREDENTIALS_ERROR, code);
  g_test_message ("%s", error->message);
  assert_no_secret (error->message);

  va_start (args, code);
  while ((part = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, part) == NULL)
        g_error ("“%s” is not in the error “%s”", part, error->message);
    }
  va_end (args);
}

static IcpCredentials *
resolve (const char    *profile_name,
         const char    *config_path,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_credentials_resolve_async (profile_name, config_path, NULL, icp_test_store_result_cb,
                                 &result);
  return icp_credentials_resolve_finish (icp_test_wait_result (&result, NULL), error);
}

static IcpCredentials *
resolve_fixture (const char  *profile_name,
                 const char  *config_name,
                 GError     **error)
{
  g_autofree char *path = fixture_path (config_name);

  return resolve (profile_name, path, error);
}

static IcpCredentials *
resolve_ok (const char *profile_name,
            const char *config_name)
{
  g_autoptr(GError) error = NULL;
  IcpCredentials *credentials = resolve_fixture (profile_name, config_name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (credentials);
  return credentials;
}

static void
assert_credentials (IcpCredentials       *credentials,
                    const char           *key_id,
                    const char           *secret,
                    const char           *token,
                    const char           *region,
                    const char           *profile_name,
                    IcpCredentialsSource  source)
{
  g_assert_cmpstr (icp_credentials_get_access_key_id (credentials), ==, key_id);
  g_assert_cmpstr (icp_credentials_get_access_key_secret (credentials), ==, secret);
  g_assert_cmpstr (icp_credentials_get_security_token (credentials), ==, token);
  g_assert_cmpstr (icp_credentials_get_region_id (credentials), ==, region);
  g_assert_cmpstr (icp_credentials_get_profile_name (credentials), ==, profile_name);
  g_assert_cmpint (icp_credentials_get_source (credentials), ==, source);
}

/* Environment {{{1 */

static const char * const key_id_aliases[] = {
  "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID",
  "ACCESS_KEY_ID", NULL,
};
static const char * const secret_aliases[] = {
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET",
  "ALICLOUD_ACCESS_KEY_SECRET", "ACCESS_KEY_SECRET", NULL,
};
static const char * const token_aliases[] = {
  "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
  "SECURITY_TOKEN", NULL,
};
static const char * const region_aliases[] = {
  "ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID",
  "REGION", NULL,
};

/* Each alias alone is read, and the i-th alias gives the i-th value. */
static void
test_env_each_alias (Fixture       *fixture,
                     gconstpointer  user_data)
{
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(IcpCredentials) credentials = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key_id = g_strdup_printf ("LTAIenvKeyId%u", i + 1);
      g_autofree char *secret = g_strdup_printf ("env-secret-%u", MIN (i, 3) + 1);
      g_autofree char *token = g_strdup_printf ("env-token-%u", MIN (i, 3) + 1);
      g_autofree char *region = g_strdup_printf ("cn-region-%u", i + 1);

      icp_test_unset_credential_env (NULL);
      /* Four aliases for the keys, five for the region: the last round reuses the last. */
      g_setenv (key_id_aliases[MIN (i, 3)], key_id, TRUE);
      g_setenv (secret_aliases[MIN (i, 3)], secret, TRUE);
      g_setenv (token_aliases[MIN (i, 3)], token, TRUE);
      g_setenv (region_aliases[i], region, TRUE);

      credentials = resolve (NULL, NULL, &error);
      g_assert_no_error (error);
      assert_credentials (credentials, key_id, secret, token, region, "environment",
                          ICP_CREDENTIALS_SOURCE_ENVIRONMENT);
    }
}

/* With all aliases set, the first wins; an empty one counts as unset. */
static void
test_env_alias_precedence (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(IcpCredentials) second = NULL;
  g_autoptr(IcpCredentials) last = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *key_id = g_strdup_printf ("LTAIenvKeyId%u", i + 1);
      g_autofree char *secret = g_strdup_printf ("env-secret-%u", i + 1);
      g_autofree char *token = g_strdup_printf ("env-token-%u", i + 1);
      g_autofree char *region = g_strdup_printf ("cn-region-%u", i + 1);

      if (i < 4)
        {
          g_setenv (key_id_aliases[i], key_id, TRUE);
          g_setenv (secret_aliases[i], secret, TRUE);
          g_setenv (token_aliases[i], token, TRUE);
        }
      g_setenv (region_aliases[i], region, TRUE);
    }

  credentials = resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  assert_credentials (credentials, "LTAIenvKeyId1", "env-secret-1", "env-token-1", "cn-region-1",
                      "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT);

  g_setenv (key_id_aliases[0], "", TRUE);
  g_setenv (secret_aliases[0], "", TRUE);
  g_setenv (token_aliases[0], "", TRUE);
  g_setenv (region_aliases[0], "", TRUE);
  second = resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  assert_credentials (second, "LTAIenvKeyId2", "env-secret-2", "env-token-2", "cn-region-2",
                      "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT);

  icp_test_unset_credential_env (NULL);
  g_setenv ("ACCESS_KEY_ID", "LTAIenvKeyId4", TRUE);
  g_setenv ("ACCESS_KEY_SECRET", "env-secret-4", TRUE);
  g_setenv ("REGION", "cn-region-5", TRUE);
  last = resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  /* The last aliases of each, alone. */
  assert_credentials (last, "LTAIenvKeyId4", "env-secret-4", NULL, "cn-region-5",
                      "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT);
}

static void
test_env_sts_token (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.envTemporary1", TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret-1", TRUE);
  g_setenv ("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token-1", TRUE);

  credentials = resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  assert_credentials (credentials, "STS.envTemporary1", "env-secret-1", "env-token-1", NULL,
                      "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT);
}

/* Half a key in the environment is reported, not skipped for config.json. */
static void
test_env_incomplete (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("ALICLOUD_ACCESS_KEY_ID", "LTAIenvKeyId1", TRUE);
  credentials = resolve_fixture (NULL, "profiles.json", &error);
  g_assert_null (credentials);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                     "ALICLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", NULL);
  g_clear_error (&error);

  g_unsetenv ("ALICLOUD_ACCESS_KEY_ID");
  g_setenv ("ACCESS_KEY_SECRET", "env-secret-1", TRUE);
  credentials = resolve_fixture (NULL, "profiles.json", &error);
  g_assert_null (credentials);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                     "ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_ID", NULL);
}

static void
test_env_over_config (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = NULL;

  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvKeyId1", TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret-1", TRUE);
  /* Even a broken config.json does not matter when the environment has a key. */
  credentials = resolve_ok (NULL, "broken.json");
  assert_credentials (credentials, "LTAIenvKeyId1", "env-secret-1", NULL, NULL,
                      "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT);
  g_clear_object (&credentials);

  credentials = resolve_ok (NULL, "profiles.json");
  g_assert_cmpint (icp_credentials_get_source (credentials), ==,
                   ICP_CREDENTIALS_SOURCE_ENVIRONMENT);
  g_clear_object (&credentials);

  /* … but a profile named by the user comes first. */
  credentials = resolve_ok ("other", "profiles.json");
  assert_credentials (credentials, "LTAIfakeOther00003", "fake-secret-other-0003", NULL,
                      "cn-beijing", "other", ICP_CREDENTIALS_SOURCE_CLI_CONFIG);
}

/* config.json {{{1 */

static void
test_config_current_ak (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = resolve_ok (NULL, "profiles.json");

  assert_credentials (credentials, "LTAIfakeDefault0001", "fake-secret-default-0001", NULL,
                      "cn-hangzhou", "default", ICP_CREDENTIALS_SOURCE_CLI_CONFIG);
}

static void
test_config_current_sts (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = resolve_ok (NULL, "current-sts.json");

  assert_credentials (credentials, "STS.fakeTemporary0002", "fake-secret-sts-0002",
                      "fake-sts-token-0002", "cn-shanghai", "sts",
                      ICP_CREDENTIALS_SOURCE_CLI_CONFIG);
}

static void
test_config_default_path (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *source = fixture_path ("current-sts.json");
  g_autofree char *profiles = fixture_path ("profiles.json");
  g_autofree char *dir = g_build_filename (g_get_home_dir (), ".aliyun", NULL);
  g_autofree char *home_config = g_build_filename (dir, "config.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(IcpCredentials) from_home = NULL;
  g_autoptr(IcpCredentials) from_env = NULL;
  g_autoptr(GError) error = NULL;

  /* G_TEST_OPTION_ISOLATE_DIRS: this home is a temporary one, never the user's. */
  g_assert_true (g_str_has_prefix (g_get_home_dir (), g_get_tmp_dir ()));
  g_assert_true (g_file_get_contents (source, &contents, NULL, &error));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (home_config, contents, -1, &error));

  from_home = resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icp_credentials_get_profile_name (from_home), ==, "sts");

  g_setenv ("ICP_ASSISTANT_ALIYUN_CONFIG", profiles, TRUE);
  from_env = resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icp_credentials_get_profile_name (from_env), ==, "default");

  g_assert_cmpint (g_remove (home_config), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_config_unsupported_modes (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const struct {
    const char *profile;
    const char *mode;
  } cases[] = {
    { "ramrole", "RamRoleArn" },
    { "ecs", "EcsRamRole" },
    { "sso", "CloudSSO" },
  };
  g_autoptr(IcpCredentials) current = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IcpCredentials) credentials = NULL;

      credentials = resolve_fixture (cases[i].profile, "profiles.json", &error);
      g_assert_null (credentials);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_UNSUPPORTED_MODE,
                         cases[i].mode, cases[i].profile, "aliyun configure --mode AK", NULL);
      g_clear_error (&error);
    }

  /* The same when it is the current profile. */
  current = resolve_fixture (NULL, "current-ramrole.json", &error);
  g_assert_null (current);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_UNSUPPORTED_MODE,
                     "RamRoleArn", "“ramrole”", "current-ramrole.json", NULL);
}

static void
test_config_explicit_profile (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) other = resolve_ok ("other", "profiles.json");
  g_autoptr(IcpCredentials) sts = resolve_ok ("sts", "profiles.json");

  /* "other" has mode "ak": modes match whatever their case. */
  assert_credentials (other, "LTAIfakeOther00003", "fake-secret-other-0003", NULL,
                      "cn-beijing", "other", ICP_CREDENTIALS_SOURCE_CLI_CONFIG);
  assert_credentials (sts, "STS.fakeTemporary0002", "fake-secret-sts-0002",
                      "fake-sts-token-0002", "cn-shanghai", "sts",
                      ICP_CREDENTIALS_SOURCE_CLI_CONFIG);
}

static void
test_config_env_profile (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char * const vars[] = {
    "ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE",
  };
  g_autoptr(IcpCredentials) first = NULL;
  g_autoptr(IcpCredentials) named = NULL;
  g_autoptr(IcpCredentials) missing = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autoptr(IcpCredentials) credentials = NULL;

      icp_test_unset_credential_env (NULL);
      g_setenv (vars[i], "other", TRUE);
      credentials = resolve_ok (NULL, "profiles.json");
      g_assert_cmpstr (icp_credentials_get_profile_name (credentials), ==, "other");
    }

  /* The CLI's own order: ALIBABACLOUD_PROFILE first. */
  g_setenv ("ALIBABACLOUD_PROFILE", "sts", TRUE);
  g_setenv ("ALIBABA_CLOUD_PROFILE", "other", TRUE);
  first = resolve_ok (NULL, "profiles.json");
  g_assert_cmpstr (icp_credentials_get_profile_name (first), ==, "sts");

  /* A profile named on the command line beats the variable. */
  named = resolve_ok ("default", "profiles.json");
  g_assert_cmpstr (icp_credentials_get_profile_name (named), ==, "default");

  icp_test_unset_credential_env (NULL);
  g_setenv ("ALIBABA_CLOUD_PROFILE", "nowhere", TRUE);
  missing = resolve_fixture (NULL, "profiles.json", &error);
  g_assert_null (missing);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                     "ALIBABA_CLOUD_PROFILE", "nowhere", "profiles.json", NULL);
}

static void
test_config_region (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) without = NULL;
  g_autoptr(IcpCredentials) filled = NULL;
  g_autoptr(IcpCredentials) kept = NULL;

  without = resolve_ok ("no-region", "profiles.json");
  g_assert_null (icp_credentials_get_region_id (without));

  /* The environment fills the region a profile leaves empty, and only that. */
  g_setenv ("REGION", "cn-shenzhen", TRUE);
  filled = resolve_ok ("no-region", "profiles.json");
  g_assert_cmpstr (icp_credentials_get_region_id (filled), ==, "cn-shenzhen");
  kept = resolve_ok ("default", "profiles.json");
  g_assert_cmpstr (icp_credentials_get_region_id (kept), ==, "cn-hangzhou");
}

static void
test_config_incomplete (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const struct {
    const char *profile;
    const char *field;
  } cases[] = {
    { "no-secret", "access_key_secret" },
    { "sts-no-token", "sts_token" },
    { "no-mode", "mode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IcpCredentials) credentials = NULL;
      g_autoptr(GError) error = NULL;

      credentials = resolve_fixture (cases[i].profile, "profiles.json", &error);
      g_assert_null (credentials);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_INCOMPLETE,
                         cases[i].profile, cases[i].field, "aliyun configure --profile", NULL);
    }
}

static void
test_config_broken (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const struct {
    const char *file;
    const char *says;
  } cases[] = {
    /* The comma missing after "name": "default". */
    { "broken.json", "line 5, column 20" },
    /* An unquoted secret: its position is given, its text never. */
    { "bareword.json", "line 8, column" },
    { "not-object.json", "not a JSON object" },
    { "profiles-not-list.json", "“profiles” is not a list" },
  };
  g_autofree char *directory = fixture_path ("");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IcpCredentials) credentials = NULL;
      g_autoptr(GListModel) profiles = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = fixture_path (cases[i].file);

      g_test_message ("%s", cases[i].file);
      credentials = resolve (NULL, path, &error);
      g_assert_null (credentials);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_INVALID_CONFIG, path, cases[i].says, NULL);
      g_clear_error (&error);

      profiles = icp_credentials_list_local_profiles (path, &error);
      g_assert_null (profiles);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_INVALID_CONFIG, path, cases[i].says, NULL);
    }

  {
    g_autoptr(IcpCredentials) credentials = NULL;
    g_autoptr(GError) error = NULL;

    /* A folder where the file should be cannot be read. */
    credentials = resolve (NULL, directory, &error);
    g_assert_null (credentials);
    assert_error_says (error, ICP_CREDENTIALS_ERROR_INVALID_CONFIG, "Could not read", NULL);
  }
}

static void
test_config_current_missing (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = resolve_fixture (NULL, "current-missing.json", &error);
  g_assert_null (credentials);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                     "“gone”", "current-missing.json", NULL);
}

/* Listing and masking {{{1 */

static void
assert_profile (GListModel           *profiles,
                guint                 position,
                const char           *name,
                IcpCredentialsSource  source,
                const char           *masked_key_id,
                const char           *region,
                const char           *problem_says)
{
  g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, position);
  g_autofree char *name_property = NULL;
  g_autofree char *masked_property = NULL;
  g_autofree char *region_property = NULL;
  g_autofree char *problem_property = NULL;
  gboolean usable = FALSE;

  g_assert_nonnull (profile);
  g_assert_cmpstr (icp_profile_get_name (profile), ==, name);
  g_assert_cmpint (icp_profile_get_source (profile), ==, source);
  g_assert_cmpstr (icp_profile_get_masked_key_id (profile), ==, masked_key_id);
  g_assert_cmpstr (icp_profile_get_region_id (profile), ==, region);

  if (problem_says == NULL)
    g_assert_null (icp_profile_get_problem (profile));
  else
    g_assert_nonnull (strstr (icp_profile_get_problem (profile), problem_says));

  /* What a UI binds to, checked for secrets too. */
  g_object_get (profile,
                "name", &name_property,
                "masked-key-id", &masked_property,
                "region-id", &region_property,
                "problem", &problem_property,
                "usable", &usable,
                NULL);
  g_assert_cmpstr (name_property, ==, name);
  g_assert_cmpstr (masked_property, ==, masked_key_id);
  g_assert_cmpint (usable, ==, problem_says == NULL);
  assert_no_secret (name_property);
  assert_no_secret (masked_property);
  assert_no_secret (region_property);
  assert_no_secret (problem_property);
}

static void
test_list_local (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = fixture_path ("profiles.json");
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("ALIBABACLOUD_ACCESS_KEY_ID", "LTAIenvKeyId1abcd", TRUE);
  g_setenv ("ALIBABACLOUD_ACCESS_KEY_SECRET", "env-secret-1", TRUE);
  g_setenv ("ALIBABACLOUD_REGION_ID", "cn-qingdao", TRUE);

  profiles = icp_credentials_list_local_profiles (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 11);
  g_assert_true (g_list_model_get_item_type (profiles) == ICP_TYPE_PROFILE);

  assert_profile (profiles, 0, "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
                  "LTAI****abcd", "cn-qingdao", NULL);
  assert_profile (profiles, 1, "default", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "LTAI****0001", "cn-hangzhou", NULL);
  assert_profile (profiles, 2, "sts", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "STS.****0002", "cn-shanghai", NULL);
  assert_profile (profiles, 3, "other", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "LTAI****0003", "cn-beijing", NULL);
  assert_profile (profiles, 4, "ramrole", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "LTAI****0004", "cn-hangzhou", "RamRoleArn");
  assert_profile (profiles, 5, "ecs", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  NULL, "cn-hangzhou", "EcsRamRole");
  assert_profile (profiles, 6, "sso", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  NULL, "cn-hangzhou", "CloudSSO");
  assert_profile (profiles, 7, "no-secret", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "LTAI****0005", "cn-hangzhou", "access_key_secret");
  assert_profile (profiles, 8, "sts-no-token", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "STS.****0006", "cn-hangzhou", "sts_token");
  assert_profile (profiles, 9, "no-mode", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "LTAI****0007", "cn-qingdao", "mode");
  /* The environment's region fills the one a profile leaves empty, as when resolving. */
  assert_profile (profiles, 10, "no-region", ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
                  "LTAI****0008", "cn-qingdao", NULL);
}

static void
test_list_local_environment_only (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *missing = fixture_path ("no-such-config.json");
  g_autofree char *path = fixture_path ("profiles.json");
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) incomplete = NULL;
  g_autoptr(GListModel) ignored = NULL;
  g_autoptr(GError) error = NULL;

  /* No file and no variable: nothing to offer, and nothing wrong. */
  none = icp_credentials_list_local_profiles (missing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  /* An ID without its secret is listed, with the reason it cannot be used. */
  g_setenv ("ACCESS_KEY_ID", "LTAIenvKeyId1wxyz", TRUE);
  incomplete = icp_credentials_list_local_profiles (missing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (incomplete), ==, 1);
  assert_profile (incomplete, 0, "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
                  "LTAI****wxyz", NULL, "ACCESS_KEY_ID");

  /* ALIBABA_CLOUD_IGNORE_PROFILE=TRUE leaves config.json out. */
  g_setenv ("ACCESS_KEY_SECRET", "env-secret-4", TRUE);
  g_setenv ("ALIBABA_CLOUD_IGNORE_PROFILE", "TRUE", TRUE);
  ignored = icp_credentials_list_local_profiles (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ignored), ==, 1);
  assert_profile (ignored, 0, "environment", ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
                  "LTAI****wxyz", NULL, NULL);
}

static void
test_mask (void)
{
  const struct {
    const char *id;
    const char *masked;
  } cases[] = {
    { "LTAI5tFakeFakeFakeabcd", "LTAI****abcd" },
    { "LTAI12345678", "LTAI****5678" },
    { "LTAI1234567", "LT****67" },
    { "testid", "t****d" },
    { "abc", "****" },
    { "", "" },
    { "阿里云阿里云阿里云阿里云", "阿里云阿****云阿里云" },
  };
  g_autofree char *null_id = icp_credentials_mask_key_id (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = icp_credentials_mask_key_id (cases[i].id);

      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
  g_assert_null (null_id);
}

/* The secret is not a property, so that nothing generic (an inspector, a debug dump of all
 * properties) can print it. */
static void
test_no_secret_property (void)
{
  g_autoptr(IcpCredentials) credentials = icp_credentials_new ("LTAIenvKeyId1", "env-secret-1",
                                                               "env-token-1");
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  icp_credentials_set_region_id (credentials, "cn-hangzhou");
  icp_credentials_set_profile (credentials, "typed", ICP_CREDENTIALS_SOURCE_KEYRING);
  g_assert_cmpstr (icp_credentials_get_profile_name (credentials), ==, "typed");
  g_assert_cmpint (icp_credentials_get_source (credentials), ==, ICP_CREDENTIALS_SOURCE_KEYRING);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (credentials), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >, 0);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (credentials), pspecs[i]->name, &value);
      text = g_strdup_value_contents (&value);
      assert_no_secret (text);
    }
}

/* Secret Service {{{1 */

static gboolean
keyring_ready (void)
{
  const char *state = g_getenv ("ICP_TEST_KEYRING");

  if (g_strcmp0 (state, "ready") == 0)
    return TRUE;

  /* Not a skip: a keyring that cannot start is a failure to look into. */
  g_test_fail_printf ("No Secret Service to test against: %s",
                      state != NULL ? state : "run this test through tests/with-keyring.sh");
  return FALSE;
}

static gboolean
store (const char  *label,
       const char  *key_id,
       const char  *secret,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_credentials_store_async (label, key_id, secret, NULL, icp_test_store_result_cb, &result);
  return icp_credentials_store_finish (icp_test_wait_result (&result, NULL), error);
}

static gboolean
delete (const char  *label,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  icp_credentials_delete_async (label, NULL, icp_test_store_result_cb, &result);
  return icp_credentials_delete_finish (icp_test_wait_result (&result, NULL), error);
}

static GListModel *
list_keyring (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *profiles;

  icp_credentials_list_keyring_async (NULL, icp_test_store_result_cb, &result);
  profiles = icp_credentials_list_keyring_finish (icp_test_wait_result (&result, NULL), &error);
  g_assert_no_error (error);
  g_assert_nonnull (profiles);
  return profiles;
}

static void
keyring_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GListModel) left = NULL;

  fixture_set_up (fixture, user_data);
  if (g_strcmp0 (g_getenv ("ICP_TEST_KEYRING"), "ready") != 0)
    return;

  for (guint i = 0; all_labels[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!delete (all_labels[i], &error))
        g_assert_error (error, ICP_CREDENTIALS_ERROR, ICP_CREDENTIALS_ERROR_NOT_FOUND);
    }

  left = list_keyring ();
  g_assert_cmpuint (g_list_model_get_n_items (left), ==, 0);
}

static void
test_keyring_store_find_delete (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GListModel) replaced = NULL;
  g_autoptr(GListModel) after_delete = NULL;
  g_autoptr(IcpCredentials) found = NULL;
  g_autoptr(IcpCredentials) again = NULL;
  g_autoptr(IcpCredentials) gone = NULL;
  g_autoptr(GError) error = NULL;

  if (!keyring_ready ())
    return;

  g_assert_true (store ("work", "LTAIkeyringWork0001", "keyring-secret-first", &error));
  g_assert_no_error (error);
  /* White space from copying and pasting is not part of the key. */
  g_assert_true (store (" home ", "LTAIkeyringHome0002\n", "keyring-secret-other\n", &error));
  g_assert_no_error (error);

  /* Listed by label, masked, without the secret. */
  listed = list_keyring ();
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 2);
  assert_profile (listed, 0, "home", ICP_CREDENTIALS_SOURCE_KEYRING, "LTAI****0002", NULL, NULL);
  assert_profile (listed, 1, "work", ICP_CREDENTIALS_SOURCE_KEYRING, "LTAI****0001", NULL, NULL);

  /* Resolving the label gives the secret back; config.json does not have that name. */
  found = resolve_ok ("work", "profiles.json");
  assert_credentials (found, "LTAIkeyringWork0001", "keyring-secret-first", NULL, NULL,
                      "work", ICP_CREDENTIALS_SOURCE_KEYRING);

  /* Storing the label again replaces the key, even with another ID. */
  g_assert_true (store ("work", "LTAIkeyringWork0003", "keyring-secret-second", &error));
  g_assert_no_error (error);
  replaced = list_keyring ();
  g_assert_cmpuint (g_list_model_get_n_items (replaced), ==, 2);
  assert_profile (replaced, 1, "work", ICP_CREDENTIALS_SOURCE_KEYRING, "LTAI****0003", NULL, NULL);
  g_setenv ("ALIBABA_CLOUD_REGION_ID", "cn-hongkong", TRUE);
  again = resolve_ok ("work", "profiles.json");
  assert_credentials (again, "LTAIkeyringWork0003", "keyring-secret-second", NULL, "cn-hongkong",
                      "work", ICP_CREDENTIALS_SOURCE_KEYRING);

  g_assert_true (delete ("work", &error));
  g_assert_no_error (error);
  after_delete = list_keyring ();
  g_assert_cmpuint (g_list_model_get_n_items (after_delete), ==, 1);
  assert_profile (after_delete, 0, "home", ICP_CREDENTIALS_SOURCE_KEYRING, "LTAI****0002",
                  NULL, NULL);

  gone = resolve_fixture ("work", "profiles.json", &error);
  g_assert_null (gone);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND, "“work”", NULL);
  g_clear_error (&error);

  g_assert_false (delete ("work", &error));
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND, "“work”", NULL);
}

/* With nothing in the environment or config.json, the only key in the keyring is used; with
 * two, the user has to choose; with none, the message says how to give one. */
static void
test_keyring_last_resort (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *missing = fixture_path ("no-such-config.json");
  g_autoptr(IcpCredentials) only = NULL;
  g_autoptr(IcpCredentials) ignored = NULL;
  g_autoptr(IcpCredentials) two = NULL;
  g_autoptr(IcpCredentials) none = NULL;
  g_autoptr(IcpCredentials) named = NULL;
  g_autoptr(IcpCredentials) empty_profiles = NULL;
  g_autoptr(GError) error = NULL;

  if (!keyring_ready ())
    return;

  none = resolve (NULL, missing, &error);
  g_assert_null (none);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                     "ALIBABA_CLOUD_ACCESS_KEY_ID", "aliyun configure --mode AK", "in the app",
                     "Add an AccessKey…", NULL);
  g_clear_error (&error);

  named = resolve ("work", missing, &error);
  g_assert_null (named);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND,
                     "“work”", "no-such-config.json", NULL);
  g_clear_error (&error);

  g_assert_true (store ("work", "LTAIkeyringWork0001", "keyring-secret-first", &error));
  g_assert_no_error (error);

  only = resolve (NULL, missing, &error);
  g_assert_no_error (error);
  assert_credentials (only, "LTAIkeyringWork0001", "keyring-secret-first", NULL, NULL,
                      "work", ICP_CREDENTIALS_SOURCE_KEYRING);

  /* A config.json without profiles counts as none. */
  empty_profiles = resolve_fixture (NULL, "no-profiles.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (icp_credentials_get_source (empty_profiles), ==, ICP_CREDENTIALS_SOURCE_KEYRING);

  /* ALIBABA_CLOUD_IGNORE_PROFILE=TRUE: config.json's current profile is passed over. */
  g_setenv ("ALIBABA_CLOUD_IGNORE_PROFILE", "TRUE", TRUE);
  ignored = resolve_fixture (NULL, "profiles.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (icp_credentials_get_source (ignored), ==, ICP_CREDENTIALS_SOURCE_KEYRING);
  g_unsetenv ("ALIBABA_CLOUD_IGNORE_PROFILE");

  g_assert_true (store ("home", "LTAIkeyringHome0002", "keyring-secret-other", &error));
  g_assert_no_error (error);
  two = resolve (NULL, missing, &error);
  g_assert_null (two);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_NOT_FOUND, "2", "--profile", "start page",
                     NULL);
}

/* A label can be resolved while config.json is broken; a name in neither place reports the
 * broken file, which may be where the user meant it to be. */
static void
test_keyring_broken_config (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(IcpCredentials) found = NULL;
  g_autoptr(IcpCredentials) missing = NULL;
  g_autoptr(GError) error = NULL;

  if (!keyring_ready ())
    return;

  g_assert_true (store ("home", "LTAIkeyringHome0002", "keyring-secret-other", &error));
  g_assert_no_error (error);

  found = resolve_ok ("home", "broken.json");
  g_assert_cmpint (icp_credentials_get_source (found), ==, ICP_CREDENTIALS_SOURCE_KEYRING);

  missing = resolve_fixture ("default", "broken.json", &error);
  g_assert_null (missing);
  assert_error_says (error, ICP_CREDENTIALS_ERROR_INVALID_CONFIG, "broken.json", "line 5", NULL);
}

static void
test_keyring_bad_input (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GError) error = NULL;

  if (!keyring_ready ())
    return;

  g_assert_false (store ("work", "LTAIkeyringWork0001", "  ", &error));
  assert_error_says (error, ICP_CREDENTIALS_ERROR_INCOMPLETE, NULL);
  g_clear_error (&error);
  g_assert_false (store ("", "LTAIkeyringWork0001", "keyring-secret-first", &error));
  assert_error_says (error, ICP_CREDENTIALS_ERROR_INCOMPLETE, NULL);
  g_clear_error (&error);

  /* Cancelled stays G_IO_ERROR_CANCELLED, so that callers can tell it from a failure. */
  g_cancellable_cancel (cancellable);
  icp_credentials_store_async ("work", "LTAIkeyringWork0001", "keyring-secret-first",
                               cancellable, icp_test_store_result_cb, &result);
  g_assert_false (icp_credentials_store_finish (icp_test_wait_result (&result, NULL), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  icp_credentials_resolve_async (NULL, NULL, cancellable, icp_test_store_result_cb, &result);
  g_assert_null (icp_credentials_resolve_finish (icp_test_wait_result (&result, NULL), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  listed = list_keyring ();
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 0);
}

/* Without any Secret Service (no session bus at all, as over SSH), every keyring call
 * fails with a KEYRING error that says what to check, and resolving says how else to give a
 * key. In a subprocess: this process keeps its connection to the test's bus. */
static void
test_keyring_unavailable (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *saved_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  if (g_test_subprocess ())
    {
      g_autofree char *missing = fixture_path ("no-such-config.json");
      g_autoptr(IcpCredentials) credentials = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) listed = NULL;
      g_autoptr(GError) error = NULL;

      credentials = resolve (NULL, missing, &error);
      g_assert_null (credentials);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_KEYRING, "keyring could not be read",
                         "ALIBABA_CLOUD_ACCESS_KEY_ID", "aliyun configure --mode AK", NULL);
      g_clear_error (&error);

      credentials = resolve ("work", missing, &error);
      g_assert_null (credentials);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_KEYRING, "Secret Service", NULL);
      g_clear_error (&error);

      g_assert_false (store ("work", "LTAIkeyringWork0001", "keyring-secret-first", &error));
      assert_error_says (error, ICP_CREDENTIALS_ERROR_KEYRING, "could not be stored",
                         "Secret Service", NULL);
      g_clear_error (&error);

      g_assert_false (delete ("work", &error));
      assert_error_says (error, ICP_CREDENTIALS_ERROR_KEYRING, "could not be removed", NULL);
      g_clear_error (&error);

      icp_credentials_list_keyring_async (NULL, icp_test_store_result_cb, &result);
      listed = icp_credentials_list_keyring_finish (icp_test_wait_result (&result, NULL), &error);
      g_assert_null (listed);
      assert_error_says (error, ICP_CREDENTIALS_ERROR_KEYRING, "keyring could not be read", NULL);
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/icp-test-no-bus", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved_bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_bus, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/icp/credentials/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_KEYRING(path, func) \
  g_test_add ("/icp/credentials/" path, Fixture, NULL, keyring_set_up, func, fixture_tear_down)

  ADD ("env/each-alias", test_env_each_alias);
  ADD ("env/alias-precedence", test_env_alias_precedence);
  ADD ("env/sts-token", test_env_sts_token);
  ADD ("env/incomplete", test_env_incomplete);
  ADD ("env/over-config", test_env_over_config);
  ADD ("config/current-ak", test_config_current_ak);
  ADD ("config/current-sts", test_config_current_sts);
  ADD ("config/default-path", test_config_default_path);
  ADD ("config/unsupported-modes", test_config_unsupported_modes);
  ADD ("config/explicit-profile", test_config_explicit_profile);
  ADD ("config/env-profile", test_config_env_profile);
  ADD ("config/region", test_config_region);
  ADD ("config/incomplete", test_config_incomplete);
  ADD ("config/broken", test_config_broken);
  ADD ("config/current-missing", test_config_current_missing);
  ADD ("list/local", test_list_local);
  ADD ("list/local-environment-only", test_list_local_environment_only);
  g_test_add_func ("/icp/credentials/mask", test_mask);
  g_test_add_func ("/icp/credentials/no-secret-property", test_no_secret_property);
  ADD_KEYRING ("keyring/store-find-delete", test_keyring_store_find_delete);
  ADD_KEYRING ("keyring/last-resort", test_keyring_last_resort);
  ADD_KEYRING ("keyring/broken-config", test_keyring_broken_config);
  ADD_KEYRING ("keyring/bad-input", test_keyring_bad_input);
  ADD ("keyring/unavailable", test_keyring_unavailable);

#undef ADD
#undef ADD_KEYRING

  status = g_test_run ();

  /* Drop libsecret's shared connection so that the leak checker sees a clean exit. */
  secret_service_disconnect ();

  return status;
}
