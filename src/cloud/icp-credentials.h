/* icp-credentials.h: where the AccessKey comes from
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ICP_CREDENTIALS_SOURCE_ENVIRONMENT,
  ICP_CREDENTIALS_SOURCE_CLI_CONFIG,
  ICP_CREDENTIALS_SOURCE_KEYRING,
} IcpCredentialsSource;

#define ICP_CREDENTIALS_ERROR (icp_credentials_error_quark ())

typedef enum
{
  ICP_CREDENTIALS_ERROR_NOT_FOUND,        /* no such profile / nothing configured */
  ICP_CREDENTIALS_ERROR_UNSUPPORTED_MODE, /* an aliyun CLI mode other than AK and StsToken */
  ICP_CREDENTIALS_ERROR_INCOMPLETE,       /* id without secret, StsToken without token, … */
  ICP_CREDENTIALS_ERROR_INVALID_CONFIG,   /* config.json cannot be read or parsed */
  ICP_CREDENTIALS_ERROR_KEYRING,          /* the Secret Service failed */
} IcpCredentialsError;

GQuark icp_credentials_error_quark (void);

/* One usable set of keys. The secret and the token are never logged nor printed; to_string-like
 * helpers must not exist for them. */
#define ICP_TYPE_CREDENTIALS (icp_credentials_get_type ())
G_DECLARE_FINAL_TYPE (IcpCredentials, icp_credentials, ICP, CREDENTIALS, GObject)

IcpCredentials       *icp_credentials_new                 (const char   *access_key_id,
                                                           const char   *access_key_secret,
                                                           const char   *security_token);
const char           *icp_credentials_get_access_key_id   (IcpCredentials *self);
const char           *icp_credentials_get_access_key_secret (IcpCredentials *self);
const char           *icp_credentials_get_security_token  (IcpCredentials *self); /* nullable */
const char           *icp_credentials_get_region_id       (IcpCredentials *self); /* nullable */
void                  icp_credentials_set_region_id       (IcpCredentials *self,
                                                           const char     *region_id);
/* The profile name as shown to the user: "environment", the config.json profile name, or the
 * keyring label; NULL for keys from icp_credentials_new() until icp_credentials_set_profile(). */
const char           *icp_credentials_get_profile_name    (IcpCredentials *self);
IcpCredentialsSource  icp_credentials_get_source          (IcpCredentials *self);
/* Where keys typed in by hand (and not stored) come from: say so before using them. */
void                  icp_credentials_set_profile         (IcpCredentials       *self,
                                                           const char           *profile_name,
                                                           IcpCredentialsSource  source);

/* "LTAI****abcd": what an AccessKey id may look like on screen or in a log. Never pass the
 * secret here. */
char                 *icp_credentials_mask_key_id         (const char     *access_key_id);

/* A profile that can be offered to the user, without its secret. */
#define ICP_TYPE_PROFILE (icp_profile_get_type ())
G_DECLARE_FINAL_TYPE (IcpProfile, icp_profile, ICP, PROFILE, GObject)

const char           *icp_profile_get_name                (IcpProfile *self);
IcpCredentialsSource  icp_profile_get_source              (IcpProfile *self);
/* AccessKey id shown masked ("LTAI****abcd"); never the secret. */
const char           *icp_profile_get_masked_key_id       (IcpProfile *self);
const char           *icp_profile_get_region_id           (IcpProfile *self); /* nullable */
/* Non-NULL when the profile exists but cannot be used (e.g. an unsupported CLI mode): a
 * translated sentence saying why and what to do. */
const char           *icp_profile_get_problem             (IcpProfile *self);
gboolean              icp_profile_is_usable               (IcpProfile *self);
/* @access_key_id is masked here; the profile never holds it in full. */
IcpProfile           *icp_profile_new                     (const char           *name,
                                                           IcpCredentialsSource  source,
                                                           const char           *access_key_id,
                                                           const char           *region_id,
                                                           const char           *problem);

/* Profiles from the environment and the aliyun CLI config (sync, cheap), in the resolution
 * order. @config_path NULL means ~/.aliyun/config.json. Returns a GListModel of IcpProfile. */
GListModel           *icp_credentials_list_local_profiles (const char  *config_path,
                                                           GError     **error);

/* Profiles kept in the Secret Service. */
void                  icp_credentials_list_keyring_async  (GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GListModel           *icp_credentials_list_keyring_finish (GAsyncResult  *result,
                                                           GError       **error);

/* Resolve the credentials to use, in DOMAIN.md's order: @profile_name when given (a config.json
 * profile, then a keyring label), else the environment, else the config's "current", else the
 * only keyring entry. */
void                  icp_credentials_resolve_async       (const char          *profile_name,
                                                           const char          *config_path,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
IcpCredentials       *icp_credentials_resolve_finish      (GAsyncResult  *result,
                                                           GError       **error);

/* Keyring: one schema "io.github.icpassistant.IcpAssistant.AccessKey" with attributes
 * "access-key-id" and "label". */
void                  icp_credentials_store_async         (const char          *label,
                                                           const char          *access_key_id,
                                                           const char          *access_key_secret,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean              icp_credentials_store_finish        (GAsyncResult  *result,
                                                           GError       **error);
void                  icp_credentials_delete_async        (const char          *label,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean              icp_credentials_delete_finish       (GAsyncResult  *result,
                                                           GError       **error);

G_END_DECLS
