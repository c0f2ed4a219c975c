/* icp-api-client.c — one signed Alibaba Cloud RPC request, with retries and errors as values
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A call is a GTask that owns a CallData and runs up to max_attempts attempts. Each attempt
 * builds and signs a new SoupMessage (fresh nonce and timestamp), sends it with
 * soup_session_send_and_read_async() and turns the answer into a JsonObject or an
 * ICP_API_ERROR. Retryable errors (throttling, 5xx, network, time-out, a cut-off body) wait
 * base_delay × 2^(attempt-1) plus jitter on a timeout source, next to a cancellable source so
 * that cancelling during the wait returns at once.
 *
 * The AccessKey secret and the STS token are only handed to the signer and to the request;
 * every message built here goes through scrub() so that an answer echoing them cannot leak
 * them into the UI or a log. TLS errors are never accepted: the session keeps the system's
 * TLS database and no "accept-certificate" handler exists. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "icp-api-client.h"
#include "icp-cloud-private.h"
#include "icp-signer.h"

#define DEFAULT_TIMEOUT_S      20
#define DEFAULT_MAX_ATTEMPTS   4
#define DEFAULT_BASE_DELAY_MS  500
#define MAX_DELAY_MS           (60 * 1000)
#define MAX_CONNS              32
/* IcpEcs keeps at most 16 ECS and 6 other requests in flight; with an endpoint override (the
 * fake cloud) they all go to one host and must not wait for a connection here. */
#define MAX_CONNS_PER_HOST     24

/* --- the error domain --- */

typedef struct
{
  char *api_code;
  char *api_message;
  char *request_id;
  char *hint;
} IcpApiErrorPrivate;

static void
icp_api_error_private_init (IcpApiErrorPrivate *priv)
{
  priv->api_code = NULL;
  priv->api_message = NULL;
  priv->request_id = NULL;
  priv->hint = NULL;
}

static void
icp_api_error_private_copy (const IcpApiErrorPrivate *src,
                            IcpApiErrorPrivate       *dest)
{
  dest->api_code = g_strdup (src->api_code);
  dest->api_message = g_strdup (src->api_message);
  dest->request_id = g_strdup (src->request_id);
  dest->hint = g_strdup (src->hint);
}

static void
icp_api_error_private_clear (IcpApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->api_code, g_free);
  g_clear_pointer (&priv->api_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->hint, g_free);
}

G_DEFINE_EXTENDED_ERROR (IcpApiError, icp_api_error)

static IcpApiErrorPrivate *
get_error_private (const GError *error)
{
  if (error == NULL || error->domain != ICP_API_ERROR)
    return NULL;
  return icp_api_error_get_private (error);
}

const char *
icp_api_error_get_api_code (const GError *error)
{
  IcpApiErrorPrivate *priv = get_error_private (error);

  return priv != NULL ? priv->api_code : NULL;
}

const char *
icp_api_error_get_api_message (const GError *error)
{
  IcpApiErrorPrivate *priv = get_error_private (error);

  return priv != NULL ? priv->api_message : NULL;
}

const char *
icp_api_error_get_request_id (const GError *error)
{
  IcpApiErrorPrivate *priv = get_error_private (error);

  return priv != NULL ? priv->request_id : NULL;
}

const char *
icp_api_error_get_hint (const GError *error)
{
  IcpApiErrorPrivate *priv = get_error_private (error);

  return priv != NULL ? priv->hint : NULL;
}

/* --- the client --- */

struct _IcpApiClient
{
  GObject         parent_instance;

  IcpCredentials *credentials;
  SoupSession    *session;

  char           *endpoint;        /* the override as given, or NULL */
  GUri           *endpoint_uri;    /* parsed, or NULL */
  GError         *endpoint_error;  /* a refused $ICP_ASSISTANT_ENDPOINT: every call fails */
  GHashTable     *region_endpoints; /* region id → host */

  guint           timeout_s;
  guint           max_attempts;
  guint           base_delay_ms;
  guint           signature_version;
};

G_DEFINE_FINAL_TYPE (IcpApiClient, icp_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CREDENTIALS,
  PROP_ENDPOINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
icp_api_client_dispose (GObject *object)
{
  IcpApiClient *self = ICP_API_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (icp_api_client_parent_class)->dispose (object);
}

static void
icp_api_client_finalize (GObject *object)
{
  IcpApiClient *self = ICP_API_CLIENT (object);

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->endpoint_uri, g_uri_unref);
  g_clear_error (&self->endpoint_error);
  g_clear_pointer (&self->region_endpoints, g_hash_table_unref);

  G_OBJECT_CLASS (icp_api_client_parent_class)->finalize (object);
}

static void
icp_api_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IcpApiClient *self = ICP_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;

    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_api_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IcpApiClient *self = ICP_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CREDENTIALS:
      g_set_object (&self->credentials, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_api_client_class_init (IcpApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_api_client_dispose;
  object_class->finalize = icp_api_client_finalize;
  object_class->get_property = icp_api_client_get_property;
  object_class->set_property = icp_api_client_set_property;

  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL,
                         ICP_TYPE_CREDENTIALS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_api_client_init (IcpApiClient *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->signature_version = 3;
  self->region_endpoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The system TLS database is the default; nothing here may weaken it. Many calls run at
   * once (one per region and page), so allow enough connections. */
  self->session = soup_session_new_with_options ("timeout", self->timeout_s,
                                                 "user-agent", "icp-assistant/" PACKAGE_VERSION,
                                                 "max-conns", MAX_CONNS,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 NULL);
}

/**
 * icp_api_client_new:
 * @credentials: the AccessKey to sign with
 *
 * Returns: (transfer full): a client for the real endpoints, or for $ICP_ASSISTANT_ENDPOINT
 *   when it is set (a refused value makes every call fail with %ICP_API_ERROR_ENDPOINT).
 */
IcpApiClient *
icp_api_client_new (IcpCredentials *credentials)
{
  IcpApiClient *self;
  const char *endpoint;

  g_return_val_if_fail (ICP_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (ICP_TYPE_API_CLIENT, "credentials", credentials, NULL);

  endpoint = g_getenv ("ICP_ASSISTANT_ENDPOINT");
  if (endpoint != NULL && *endpoint != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (!icp_api_client_set_endpoint (self, endpoint, &error))
        self->endpoint_error = g_steal_pointer (&error);
    }

  return self;
}

/**
 * icp_api_client_get_credentials:
 *
 * Returns: (transfer none): the credentials the requests are signed with
 */
IcpCredentials *
icp_api_client_get_credentials (IcpApiClient *self)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (self), NULL);

  return self->credentials;
}

static char *
replace_all (char       *text,
             const char *needle)
{
  GString *string;

  if (needle == NULL || *needle == '\0' || strstr (text, needle) == NULL)
    return text;

  string = g_string_new (text);
  g_free (text);
  g_string_replace (string, needle, "********", 0);
  return g_string_free (string, FALSE);
}

/* Replaces the secret and the token wherever they appear in @text, also percent-encoded once
 * or twice as in an echoed string-to-sign, by asterisks. */
static char *
scrub (IcpApiClient *self,
       const char   *text)
{
  const char *secrets[2];
  char *result;

  if (text == NULL)
    return NULL;

  result = g_strdup (text);
  if (self == NULL || self->credentials == NULL)
    return result;

  secrets[0] = icp_credentials_get_access_key_secret (self->credentials);
  secrets[1] = icp_credentials_get_security_token (self->credentials);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *once = NULL;
      g_autofree char *twice = NULL;

      if (secrets[i] == NULL || *secrets[i] == '\0')
        continue;
      once = icp_signer_percent_encode (secrets[i]);
      twice = icp_signer_percent_encode (once);
      result = replace_all (result, twice);
      result = replace_all (result, once);
      result = replace_all (result, secrets[i]);
    }

  return result;
}

/* A new ICP_API_ERROR; @message is scrubbed, the strings are copied. */
static GError *
new_api_error (IcpApiClient    *self,
               IcpApiErrorCode  code,
               const char      *message,
               const char      *api_code,
               const char      *api_message,
               const char      *request_id,
               const char      *hint)
{
  g_autofree char *clean = scrub (self, message);
  IcpApiErrorPrivate *priv;
  GError *error;

  error = g_error_new_literal (ICP_API_ERROR, code, clean);
  priv = icp_api_error_get_private (error);
  priv->api_code = g_strdup (api_code);
  priv->api_message = scrub (self, api_message);
  priv->request_id = g_strdup (request_id);
  priv->hint = scrub (self, hint);

  return error;
}

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 ||
         g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0 ||
         g_ascii_strcasecmp (host, "localhost") == 0;
}

static GError *
endpoint_refused (const char *base_url)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The endpoint “%s” is not allowed: use an https:// address, or "
                               "http:// only to 127.0.0.1, ::1 or localhost."),
                             base_url);
  return new_api_error (NULL, ICP_API_ERROR_ENDPOINT, message, NULL, NULL, NULL,
                        _("Correct the endpoint (ICP_ASSISTANT_ENDPOINT) or remove it to use "
                          "the Alibaba Cloud endpoints."));
}

/**
 * icp_api_client_set_endpoint:
 * @base_url: (nullable): https://HOST[:PORT][/PATH], or http:// to a loopback address;
 *   NULL: the real endpoints
 *
 * Returns: %FALSE with %ICP_API_ERROR_ENDPOINT when @base_url is refused (the previous
 *   endpoint stays).
 */
gboolean
icp_api_client_set_endpoint (IcpApiClient  *self,
                             const char    *base_url,
                             GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (ICP_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (base_url != NULL)
    {
      uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL)
        {
          g_propagate_error (error, endpoint_refused (base_url));
          return FALSE;
        }

      scheme = g_uri_get_scheme (uri);
      host = g_uri_get_host (uri);
      if (host == NULL || *host == '\0' ||
          g_uri_get_userinfo (uri) != NULL ||
          g_uri_get_query (uri) != NULL ||
          g_uri_get_fragment (uri) != NULL ||
          !(g_ascii_strcasecmp (scheme, "https") == 0 ||
            (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (host))))
        {
          g_propagate_error (error, endpoint_refused (base_url));
          return FALSE;
        }
    }

  g_clear_error (&self->endpoint_error);
  if (g_strcmp0 (self->endpoint, base_url) == 0)
    return TRUE;

  g_free (self->endpoint);
  self->endpoint = g_strdup (base_url);
  g_clear_pointer (&self->endpoint_uri, g_uri_unref);
  self->endpoint_uri = g_steal_pointer (&uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);

  return TRUE;
}

const char *
icp_api_client_get_endpoint (IcpApiClient *self)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (self), NULL);

  return self->endpoint;
}

static gboolean
is_valid_host (const char *host)
{
  if (host == NULL || *host == '\0' || strlen (host) > 253)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_region_id (const char *region_id)
{
  if (region_id == NULL || *region_id == '\0' || strlen (region_id) > 64)
    return FALSE;
  for (const char *p = region_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

void
icp_api_client_set_region_endpoint (IcpApiClient *self,
                                    const char   *region_id,
                                    const char   *host)
{
  g_return_if_fail (ICP_IS_API_CLIENT (self));
  g_return_if_fail (region_id != NULL);

  /* The host comes from an API answer: only a plain host name may become a URL. */
  if (!is_valid_region_id (region_id) || !is_valid_host (host))
    {
      g_debug ("Ignoring the endpoint of region “%s”", region_id);
      return;
    }

  g_hash_table_replace (self->region_endpoints, g_strdup (region_id), g_ascii_strdown (host, -1));
}

void
icp_api_client_set_timeout (IcpApiClient *self,
                            guint         seconds)
{
  g_return_if_fail (ICP_IS_API_CLIENT (self));

  self->timeout_s = seconds > 0 ? seconds : DEFAULT_TIMEOUT_S;
  g_object_set (self->session, "timeout", self->timeout_s, NULL);
}

guint
icp_api_client_get_timeout (IcpApiClient *self)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (self), 0);

  return self->timeout_s;
}

void
icp_api_client_set_retry (IcpApiClient *self,
                          guint         max_attempts,
                          guint         base_delay_ms)
{
  g_return_if_fail (ICP_IS_API_CLIENT (self));

  self->max_attempts = MAX (max_attempts, 1);
  self->base_delay_ms = base_delay_ms;
}

void
icp_api_client_set_signature_version (IcpApiClient *self,
                                      guint         version)
{
  g_return_if_fail (ICP_IS_API_CLIENT (self));
  g_return_if_fail (version == 1 || version == 3);

  self->signature_version = version;
}

guint
icp_api_client_get_signature_version (IcpApiClient *self)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (self), 0);

  return self->signature_version;
}

const char *
icp_api_service_get_version (IcpApiService service)
{
  switch (service)
    {
    case ICP_API_SERVICE_ECS:
      return "2014-05-26";
    case ICP_API_SERVICE_STS:
      return "2015-04-01";
    case ICP_API_SERVICE_BSS:
      return "2017-12-14";
    case ICP_API_SERVICE_BSN:
      /* Not stated by the Filing Service docs (reference §6, open question 8); the version the
       * provider's SDKs map the "Bsn" product to. */
      return "2018-10-09";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The host of the real endpoint. */
static char *
service_host (IcpApiClient  *self,
              IcpApiService  service,
              const char    *region_id)
{
  const char *host;

  switch (service)
    {
    case ICP_API_SERVICE_ECS:
      if (region_id == NULL)
        return g_strdup ("ecs.aliyuncs.com");
      host = g_hash_table_lookup (self->region_endpoints, region_id);
      if (host != NULL)
        return g_strdup (host);
      return g_strdup_printf ("ecs.%s.aliyuncs.com", region_id);
    case ICP_API_SERVICE_STS:
      return g_strdup ("sts.aliyuncs.com");
    case ICP_API_SERVICE_BSS:
      return g_strdup ("business.aliyuncs.com");
    case ICP_API_SERVICE_BSN:
      return g_strdup ("bsn.aliyuncs.com");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- one call --- */

typedef struct
{
  IcpApiClient  *self;
  IcpApiService  service;
  char          *region_id;
  char          *action;
  GHashTable    *params;       /* the caller's parameters (a copy) */
  char          *host;         /* for messages: the host the request goes to */
  guint          attempt;      /* 1-based, the one in flight or just finished */
  gboolean       raw;          /* a 2xx answer is returned as its body (GBytes) */
  SoupMessage   *message;
  GSource       *wait_source;
  GSource       *cancel_source;
} CallData;

static void
call_data_free (CallData *data)
{
  g_assert (data->wait_source == NULL);
  g_assert (data->cancel_source == NULL);

  g_clear_object (&data->self);
  g_clear_pointer (&data->region_id, g_free);
  g_clear_pointer (&data->action, g_free);
  g_clear_pointer (&data->params, g_hash_table_unref);
  g_clear_pointer (&data->host, g_free);
  g_clear_object (&data->message);
  g_free (data);
}

static void start_attempt (GTask *task);

/* The base URL of this call (scheme://host[:port]), the Host header value and the path. */
static void
target_for (IcpApiClient   *self,
            IcpApiService   service,
            const char     *region_id,
            char          **base,
            char          **host_header,
            char          **path)
{
  if (self->endpoint_uri != NULL)
    {
      GUri *uri = self->endpoint_uri;
      const char *host = g_uri_get_host (uri);
      const char *scheme = g_uri_get_scheme (uri);
      int port = g_uri_get_port (uri);
      g_autofree char *host_part = NULL;
      int default_port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;

      host_part = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]", host)
                                             : g_ascii_strdown (host, -1);
      if (port > 0 && port != default_port)
        *host_header = g_strdup_printf ("%s:%d", host_part, port);
      else
        *host_header = g_strdup (host_part);
      *base = g_strdup_printf ("%s://%s", scheme, *host_header);
      *path = g_strdup (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");
    }
  else
    {
      *host_header = service_host (self, service, region_id);
      *base = g_strdup_printf ("https://%s", *host_header);
      *path = g_strdup ("/");
    }
}

static GHashTable *
copy_params (GHashTable *params)
{
  GHashTable *copy = icp_signer_params_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (params == NULL)
    return copy;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy, g_strdup (key), g_strdup (value != NULL ? value : ""));

  return copy;
}

static void
call_target (CallData  *data,
             char     **base,
             char     **host_header,
             char     **path)
{
  target_for (data->self, data->service, data->region_id, base, host_header, path);
}

/**
 * icp_api_client_dup_host:
 * @region_id: (nullable): for ECS, the region (NULL: the central endpoint)
 *
 * Returns: (transfer full): the host (and port, when not the default) a call to @service
 *   would go to, as sent in the Host header: the endpoint override's, or the real one's.
 */
char *
icp_api_client_dup_host (IcpApiClient  *self,
                         IcpApiService  service,
                         const char    *region_id)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  char *host = NULL;

  g_return_val_if_fail (ICP_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (region_id == NULL || is_valid_region_id (region_id), NULL);

  target_for (self, service, region_id, &base, &host, &path);
  return host;
}

/* A signed message for the next attempt. */
static SoupMessage *
build_message (CallData *data)
{
  IcpApiClient *self = data->self;
  IcpCredentials *credentials = self->credentials;
  const char *key_id = icp_credentials_get_access_key_id (credentials);
  const char *secret = icp_credentials_get_access_key_secret (credentials);
  const char *token = icp_credentials_get_security_token (credentials);
  const char *version = icp_api_service_get_version (data->service);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = icp_signer_timestamp (now);
  g_autofree char *nonce = icp_signer_nonce ();
  g_autofree char *base = NULL;
  g_autofree char *host_header = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GHashTable) params = copy_params (data->params);
  SoupMessageHeaders *request_headers;
  SoupMessage *message;

  if (token != NULL && *token == '\0')
    token = NULL;

  call_target (data, &base, &host_header, &path);

  if (self->signature_version == 1)
    {
      g_hash_table_replace (params, g_strdup ("Action"), g_strdup (data->action));
      g_hash_table_replace (params, g_strdup ("Version"), g_strdup (version));
      g_hash_table_replace (params, g_strdup ("Format"), g_strdup ("JSON"));
      g_hash_table_replace (params, g_strdup ("AccessKeyId"), g_strdup (key_id));
      g_hash_table_replace (params, g_strdup ("SignatureMethod"), g_strdup ("HMAC-SHA1"));
      g_hash_table_replace (params, g_strdup ("SignatureVersion"), g_strdup ("1.0"));
      g_hash_table_replace (params, g_strdup ("SignatureNonce"), g_strdup (nonce));
      g_hash_table_replace (params, g_strdup ("Timestamp"), g_strdup (timestamp));
      if (token != NULL)
        g_hash_table_replace (params, g_strdup ("SecurityToken"), g_strdup (token));

      query = icp_signer_v1_signed_query ("GET", params, secret);
      url = g_strconcat (base, path, "?", query, NULL);
      message = soup_message_new ("GET", url);
      g_return_val_if_fail (message != NULL, NULL);
      request_headers = soup_message_get_request_headers (message);
      soup_message_headers_replace (request_headers, "Host", host_header);
    }
  else
    {
      g_autoptr(GHashTable) headers = icp_signer_params_new ();
      g_autofree char *empty_hash = icp_signer_sha256_hex (NULL, 0);
      g_autofree char *authorization = NULL;
      IcpSignerV3Request request = {
        .method = "POST",
        .canonical_uri = path,
        .query = params,
        .headers = headers,
      };
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_replace (headers, g_strdup ("host"), g_strdup (host_header));
      g_hash_table_replace (headers, g_strdup ("x-acs-action"), g_strdup (data->action));
      g_hash_table_replace (headers, g_strdup ("x-acs-version"), g_strdup (version));
      g_hash_table_replace (headers, g_strdup ("x-acs-date"), g_strdup (timestamp));
      g_hash_table_replace (headers, g_strdup ("x-acs-signature-nonce"), g_strdup (nonce));
      g_hash_table_replace (headers, g_strdup ("x-acs-content-sha256"), g_strdup (empty_hash));
      if (token != NULL)
        g_hash_table_replace (headers, g_strdup ("x-acs-security-token"), g_strdup (token));

      authorization = icp_signer_v3_authorization (&request, key_id, secret);
      query = icp_signer_canonical_query (params);
      url = *query != '\0' ? g_strconcat (base, path, "?", query, NULL)
                           : g_strconcat (base, path, NULL);
      message = soup_message_new ("POST", url);
      g_return_val_if_fail (message != NULL, NULL);
      request_headers = soup_message_get_request_headers (message);

      g_hash_table_iter_init (&iter, headers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        soup_message_headers_replace (request_headers, key, value);
      soup_message_headers_replace (request_headers, "Authorization", authorization);
      soup_message_headers_set_content_length (request_headers, 0);
    }

  soup_message_headers_replace (request_headers, "Accept", "application/json");

  return message;
}

static gboolean
is_retryable (const GError *error,
              gboolean      truncated)
{
  if (error->domain != ICP_API_ERROR)
    return FALSE;

  switch ((IcpApiErrorCode) error->code)
    {
    case ICP_API_ERROR_THROTTLED:
    case ICP_API_ERROR_SERVER:
    case ICP_API_ERROR_NETWORK:
    case ICP_API_ERROR_TIMEOUT:
      return TRUE;
    case ICP_API_ERROR_BAD_RESPONSE:
      return truncated;
    case ICP_API_ERROR_FAILED:
    case ICP_API_ERROR_TLS:
    case ICP_API_ERROR_INVALID_KEY:
    case ICP_API_ERROR_PERMISSION:
    case ICP_API_ERROR_CLOCK_SKEW:
    case ICP_API_ERROR_INVALID_PARAMETER:
    case ICP_API_ERROR_DRY_RUN_PASSED:
    case ICP_API_ERROR_ENDPOINT:
    default:
      return FALSE;
    }
}

static IcpApiErrorCode
classify_code (const char *code,
               guint       status)
{
  if (g_str_has_prefix (code, "Throttling"))
    return ICP_API_ERROR_THROTTLED;
  if (g_str_has_prefix (code, "InternalError") || g_str_has_prefix (code, "ServiceUnavailable"))
    return ICP_API_ERROR_SERVER;
  if (g_str_has_prefix (code, "InvalidAccessKeyId") ||
      g_str_has_prefix (code, "InvalidSecurityToken") ||
      strcmp (code, "SignatureDoesNotMatch") == 0 ||
      strcmp (code, "IncompleteSignature") == 0)
    return ICP_API_ERROR_INVALID_KEY;
  if (g_str_has_prefix (code, "Forbidden") ||
      g_str_has_prefix (code, "NoPermission") ||
      strcmp (code, "ActionUnauthorized") == 0 ||
      g_str_has_suffix (code, ".Unauthorized"))
    return ICP_API_ERROR_PERMISSION;
  if (strcmp (code, "IllegalTimestamp") == 0 || g_str_has_prefix (code, "InvalidTimeStamp"))
    return ICP_API_ERROR_CLOCK_SKEW;
  if (strcmp (code, "DryRunOperation") == 0)
    return ICP_API_ERROR_DRY_RUN_PASSED;
  /* InvalidAccountStatus.NotEnoughBalance & co. are about the account, not a parameter. */
  if (g_str_has_prefix (code, "InvalidAccountStatus"))
    return status >= 500 ? ICP_API_ERROR_SERVER : ICP_API_ERROR_FAILED;
  if (g_str_has_prefix (code, "Invalid") || g_str_has_prefix (code, "MissingParameter"))
    return ICP_API_ERROR_INVALID_PARAMETER;
  if (status >= 500)
    return ICP_API_ERROR_SERVER;
  return ICP_API_ERROR_FAILED;
}

/* The RAM policy that grants @action, for the hint. */
static const char *
policy_for (IcpApiService  service,
            const char    *action)
{
  gboolean read_only = g_str_has_prefix (action, "Describe") ||
                       g_str_has_prefix (action, "Query") ||
                       g_str_has_prefix (action, "Get") ||
                       g_str_has_prefix (action, "List");

  switch (service)
    {
    case ICP_API_SERVICE_ECS:
      return read_only ? "AliyunECSReadOnlyAccess" : "AliyunECSFullAccess";
    case ICP_API_SERVICE_BSS:
      return read_only ? "AliyunBSSReadOnlyAccess" : "AliyunBSSFullAccess";
    case ICP_API_SERVICE_STS:
      return "AliyunSTSAssumeRoleAccess";
    case ICP_API_SERVICE_BSN:
    default:
      return NULL;
    }
}

static GError *
error_from_api_code (CallData   *data,
                     guint       status,
                     const char *code,
                     const char *api_message,
                     const char *request_id)
{
  IcpApiErrorCode error_code = classify_code (code, status);
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  /* Translators: shown instead of a request ID when the answer had none. */
  const char *rid = request_id != NULL ? request_id : C_("request id", "none");
  const char *action = data->action;
  gboolean has_api_message = api_message != NULL && *api_message != '\0';

  switch (error_code)
    {
    case ICP_API_ERROR_INVALID_KEY:
      /* Translators: the first %s is the API's error code, the second the request ID. */
      message = g_strdup_printf (_("The AccessKey was not accepted (%s, request %s)."), code, rid);
      hint = g_strdup (_("Check the AccessKey ID and secret (and the security token of a "
                         "temporary key), or create a new AccessKey in the RAM console."));
      break;

    case ICP_API_ERROR_PERMISSION:
      {
        const char *policy = policy_for (data->service, action);

        /* Translators: %s are the API operation (e.g. DescribeInstances), the error code
         * and the request ID. */
        message = g_strdup_printf (_("The AccessKey is not allowed to call %s (%s, request %s)."),
                                   action, code, rid);
        if (data->service == ICP_API_SERVICE_BSN)
          /* The Filing Service seems open to Alibaba Cloud partners only (reference, open
           * question 8): granting a RAM permission would not help an ordinary account. */
          hint = g_strdup (_("This API may be open to Alibaba Cloud partners only. The ICP "
                             "filing console shows how many service codes each server has "
                             "used."));
        else if (policy != NULL)
          /* Translators: the first %s is an API operation, the second a RAM policy name such
           * as AliyunECSReadOnlyAccess. */
          hint = g_strdup_printf (_("In the RAM console, grant this user the permission for "
                                    "%s, for example with the %s policy."), action, policy);
        else
          /* Translators: %s is an API operation. */
          hint = g_strdup_printf (_("In the RAM console, grant this user the permission "
                                    "for %s."), action);
      }
      break;

    case ICP_API_ERROR_CLOCK_SKEW:
      /* Translators: the first %s is the API's error code, the second the request ID. */
      message = g_strdup_printf (_("The service refused the request time, so this computer’s "
                                   "clock is probably wrong (%s, request %s)."), code, rid);
      hint = g_strdup (_("Set the clock to the correct time, for example by turning on "
                         "automatic date and time, then try again."));
      break;

    case ICP_API_ERROR_THROTTLED:
      /* Translators: %s are the API operation, the error code and the request ID. */
      message = g_strdup_printf (_("The service is limiting requests and refused %s "
                                   "(%s, request %s)."), action, code, rid);
      hint = g_strdup (_("Wait a few minutes, then try again."));
      break;

    case ICP_API_ERROR_SERVER:
      /* Translators: %s are the API operation, the error code and the request ID. */
      message = g_strdup_printf (_("The service failed while answering %s (%s, request %s)."),
                                 action, code, rid);
      hint = g_strdup (_("The problem is on Alibaba Cloud’s side: try again later."));
      break;

    case ICP_API_ERROR_DRY_RUN_PASSED:
      /* Translators: %s are the API operation and the request ID. */
      message = g_strdup_printf (_("The dry run of %s passed: the request would be accepted "
                                   "(request %s)."), action, rid);
      break;

    case ICP_API_ERROR_INVALID_PARAMETER:
      if (has_api_message)
        /* Translators: %s are the API operation, the error code, the request ID and the
         * service's own explanation (in English). */
        message = g_strdup_printf (_("The service refused a parameter of %s (%s, request %s): "
                                     "%s"), action, code, rid, api_message);
      else
        /* Translators: %s are the API operation, the error code and the request ID. */
        message = g_strdup_printf (_("The service refused a parameter of %s (%s, request %s)."),
                                   action, code, rid);
      hint = g_strdup (_("Check the values you entered; if they are right, please report "
                         "this problem with the request ID."));
      break;

    case ICP_API_ERROR_FAILED:
    case ICP_API_ERROR_NETWORK:
    case ICP_API_ERROR_TIMEOUT:
    case ICP_API_ERROR_TLS:
    case ICP_API_ERROR_BAD_RESPONSE:
    case ICP_API_ERROR_ENDPOINT:
    default:
      error_code = ICP_API_ERROR_FAILED;
      if (has_api_message)
        /* Translators: %s are the API operation, the error code, the request ID and the
         * service's own explanation (in English). */
        message = g_strdup_printf (_("The service refused %s (%s, request %s): %s"),
                                   action, code, rid, api_message);
      else
        /* Translators: %s are the API operation, the error code and the request ID. */
        message = g_strdup_printf (_("The service refused %s (%s, request %s)."),
                                   action, code, rid);
      hint = g_strdup (_("Look the error code up in Alibaba Cloud’s error center, or contact "
                         "Alibaba Cloud support with the request ID."));
      break;
    }

  return new_api_error (data->self, error_code, message, code, api_message,
                        request_id, hint);
}

/* An answer that is not a JSON object (and no server failure). */
static GError *
bad_response_error (CallData *data,
                    guint     status)
{
  g_autofree char *message = NULL;

  /* Translators: %s is the API operation, %u the HTTP status code. */
  message = g_strdup_printf (_("The answer to %s could not be read: it is not a JSON object "
                               "(HTTP status %u)."), data->action, status);
  return new_api_error (data->self, ICP_API_ERROR_BAD_RESPONSE, message, NULL, NULL, NULL,
                        _("Try again later; if this keeps happening, check whether a proxy "
                          "changes the connection."));
}

/* The answer as a JSON object, or an error. */
static JsonObject *
parse_answer (CallData  *data,
              guint      status,
              GBytes    *bytes,
              GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  JsonObject *object = NULL;
  JsonNode *root;
  gsize length = 0;
  const char *body = g_bytes_get_data (bytes, &length);
  const char *code;
  g_autofree char *status_code = NULL;

  if (length > 0 &&
      json_parser_load_from_data (parser, body, (gssize) length, &parse_error) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  if (object == NULL)
    {
      g_autofree char *message = NULL;

      if (status >= 500)
        {
          /* Translators: %s is the API operation, %u the HTTP status code. */
          message = g_strdup_printf (_("The service failed while answering %s (HTTP status %u)."),
                                     data->action, status);
          g_propagate_error (error,
                             new_api_error (data->self, ICP_API_ERROR_SERVER, message,
                                            NULL, NULL, NULL,
                                            _("The problem is on Alibaba Cloud’s side: try "
                                              "again later.")));
          return NULL;
        }

      g_propagate_error (error, bad_response_error (data, status));
      return NULL;
    }

  if (status >= 200 && status < 300)
    return json_object_ref (object);

  code = string_member (object, "Code");
  if (code == NULL)
    code = status_code = g_strdup_printf ("HTTP %u", status);
  g_propagate_error (error,
                     error_from_api_code (data, status, code,
                                          string_member (object, "Message"),
                                          string_member (object, "RequestId")));
  return NULL;
}

/* Whether @bytes starts with a JSON object: '{' after white space. The caller's reader checks
 * the rest; this only keeps an HTML page or an empty body from being handed over. */
static gboolean
starts_like_object (GBytes *bytes)
{
  gsize length = 0;
  const char *body = g_bytes_get_data (bytes, &length);

  for (gsize i = 0; i < length; i++)
    {
      if (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')
        continue;
      return body[i] == '{';
    }
  return FALSE;
}

/* A transport failure as an ICP_API_ERROR; *truncated says whether the answer had started. */
static GError *
error_from_transport (CallData     *data,
                      SoupMessage  *message,
                      const GError *transport_error,
                      gboolean     *truncated)
{
  g_autofree char *text = NULL;
  guint timeout_s = data->self->timeout_s;

  *truncated = FALSE;

  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a host name. */
                                           "%s did not answer within %u second.",
                                           "%s did not answer within %u seconds.",
                                           timeout_s),
                              data->host, timeout_s);
      return new_api_error (data->self, ICP_API_ERROR_TIMEOUT, text, NULL, NULL, NULL,
                            _("Check the network connection, or try again later."));
    }

  if (transport_error->domain == G_TLS_ERROR ||
      soup_message_get_tls_peer_certificate_errors (message) != 0)
    {
      /* Translators: %s is a host name. */
      text = g_strdup_printf (_("The certificate of %s is not trusted, so no connection was "
                                "made."), data->host);
      return new_api_error (data->self, ICP_API_ERROR_TLS, text, NULL, NULL, NULL,
                            _("Do not use a proxy or security software that intercepts HTTPS "
                              "connections, and check this computer’s date and its trusted "
                              "certificates."));
    }

  /* The status line arrived, the body did not: a truncated answer. */
  if (soup_message_get_status (message) != SOUP_STATUS_NONE)
    {
      *truncated = TRUE;
      /* Translators: %s is the API operation. */
      text = g_strdup_printf (_("The answer to %s was cut off."), data->action);
      return new_api_error (data->self, ICP_API_ERROR_BAD_RESPONSE, text, NULL, NULL, NULL,
                            _("Check the network connection, or try again later."));
    }

  /* Translators: the first %s is a host name, the second the system's explanation. */
  text = g_strdup_printf (_("Could not connect to %s: %s"), data->host, transport_error->message);
  return new_api_error (data->self, ICP_API_ERROR_NETWORK, text, NULL, NULL, NULL,
                        _("Check the network connection and the proxy settings, then try "
                          "again."));
}

static void
clear_wait (CallData *data)
{
  if (data->wait_source != NULL)
    {
      g_source_destroy (data->wait_source);
      g_clear_pointer (&data->wait_source, g_source_unref);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  CallData *data = g_task_get_task_data (task);

  clear_wait (data);
  start_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  clear_wait (data);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (task, g_steal_pointer (&error));

  return G_SOURCE_REMOVE;
}

/* Waits before the next attempt; the task reference passes to whichever source fires. */
static void
schedule_retry (GTask *task)
{
  CallData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint64 delay = data->self->base_delay_ms;

  for (guint i = 1; i < data->attempt && delay < MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_DELAY_MS);
  /* Up to half again as long, so that parallel calls do not retry in lockstep. */
  if (delay > 1)
    delay += (guint64) g_random_int_range (0, (gint32) (delay / 2) + 1);

  g_debug ("%s: attempt %u failed, next in %" G_GUINT64_FORMAT " ms",
           data->action, data->attempt, delay);

  data->wait_source = g_timeout_source_new ((guint) delay);
  g_source_set_callback (data->wait_source, wait_done_cb, task, NULL);
  g_source_set_static_name (data->wait_source, "[icp] api retry wait");
  g_source_attach (data->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_set_static_name (data->cancel_source, "[icp] api retry cancel");
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  GTask *task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) transport_error = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object_result = NULL;
  GBytes *bytes_result = NULL;
  gboolean truncated = FALSE;
  guint status;

  bytes = soup_session_send_and_read_finish (session, result, &transport_error);

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error) ||
      g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error == NULL)
        error = g_steal_pointer (&transport_error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (data->message);
  if (transport_error != NULL)
    error = error_from_transport (data, data->message, transport_error, &truncated);
  else if (data->raw && status >= 200 && status < 300)
    {
      if (starts_like_object (bytes))
        bytes_result = g_bytes_ref (bytes);
      else
        error = bad_response_error (data, status);
    }
  else
    object_result = parse_answer (data, status, bytes, &error);

  g_clear_object (&data->message);

  if (bytes_result != NULL)
    {
      g_task_return_pointer (task, bytes_result, (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (object_result != NULL)
    {
      g_task_return_pointer (task, object_result, (GDestroyNotify) json_object_unref);
      g_object_unref (task);
      return;
    }

  g_debug ("%s on %s, attempt %u/%u: %s (%s)", data->action, data->host, data->attempt,
           data->self->max_attempts, error->message,
           icp_api_error_get_api_code (error) != NULL ? icp_api_error_get_api_code (error) : "-");

  if (is_retryable (error, truncated) && data->attempt < data->self->max_attempts)
    {
      schedule_retry (task);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

static void
start_attempt (GTask *task)
{
  CallData *data = g_task_get_task_data (task);

  data->attempt++;
  g_clear_object (&data->message);
  data->message = build_message (data);
  soup_session_send_and_read_async (data->self->session, data->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, task);
}

static void
start_call (IcpApiClient        *self,
            IcpApiService        service,
            const char          *region_id,
            const char          *action,
            GHashTable          *params,
            gboolean             raw,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  CallData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[icp] api call");

  if (self->endpoint_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->endpoint_error));
      return;
    }

  if (region_id != NULL && !is_valid_region_id (region_id))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what was given as a region ID. */
      message = g_strdup_printf (_("“%s” is not a region ID."), region_id);
      g_task_return_error (task, new_api_error (self, ICP_API_ERROR_INVALID_PARAMETER, message,
                                                NULL, NULL, NULL, NULL));
      return;
    }

  data = g_new0 (CallData, 1);
  data->self = g_object_ref (self);
  data->service = service;
  data->region_id = g_strdup (region_id);
  data->action = g_strdup (action);
  data->params = copy_params (params);
  data->raw = raw;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  call_target (data, &base, &data->host, &path);

  /* The pending operation owns a reference until the task returns. */
  start_attempt (g_steal_pointer (&task));
}

/**
 * icp_api_client_call_async:
 * @params: (nullable) (element-type utf8 utf8): the operation's parameters
 *
 * Signs and sends one RPC request, retrying throttling, server errors, network errors and
 * time-outs. Many calls may run at once.
 */
void
icp_api_client_call_async (IcpApiClient        *self,
                           IcpApiService        service,
                           const char          *region_id,
                           const char          *action,
                           GHashTable          *params,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ICP_IS_API_CLIENT (self));
  g_return_if_fail (service <= ICP_API_SERVICE_BSN);
  g_return_if_fail (action != NULL && *action != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_call (self, service, region_id, action, params, FALSE, cancellable, callback,
              user_data, icp_api_client_call_async);
}

/**
 * icp_api_client_call_finish:
 *
 * Returns: (transfer full): the answer's JSON object, or %NULL with an %ICP_API_ERROR (or
 *   %G_IO_ERROR_CANCELLED)
 */
JsonObject *
icp_api_client_call_finish (IcpApiClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_api_client_call_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * icp_api_client_call_bytes_async:
 * @params: (nullable) (element-type utf8 utf8): the operation's parameters
 *
 * Like icp_api_client_call_async(), with the same retries and errors, but a successful
 * answer is not parsed: icp_api_client_call_bytes_finish() returns its body.
 */
void
icp_api_client_call_bytes_async (IcpApiClient        *self,
                                 IcpApiService        service,
                                 const char          *region_id,
                                 const char          *action,
                                 GHashTable          *params,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (ICP_IS_API_CLIENT (self));
  g_return_if_fail (service <= ICP_API_SERVICE_BSN);
  g_return_if_fail (action != NULL && *action != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_call (self, service, region_id, action, params, TRUE, cancellable, callback,
              user_data, icp_api_client_call_bytes_async);
}

/**
 * icp_api_client_call_bytes_finish:
 *
 * Returns: (transfer full): the body of the successful answer (a JSON object, as text), or
 *   %NULL with an %ICP_API_ERROR (or %G_IO_ERROR_CANCELLED)
 */
GBytes *
icp_api_client_call_bytes_finish (IcpApiClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (ICP_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        icp_api_client_call_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
