/* icp-signer.c — Alibaba Cloud request signatures (RPC v1 HMAC-SHA1, v3 ACS3-HMAC-SHA256)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Both algorithms are described, with the official vectors the tests use, in
 * /work/shared/reference/alibaba-api.md §3. v1: sorted, percent-encoded query → StringToSign
 * "METHOD&%2F&" + encode(query) → Base64(HMAC-SHA1(secret + "&")). v3: a canonical request of
 * method, URI, query, signed headers and the body's hash → hex(HMAC-SHA256(secret)). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "icp-signer.h"
#include "icp-time.h"

GHashTable *
icp_signer_params_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* GLib's unreserved set is RFC 3986's (A-Z a-z 0-9 - . _ ~), its escapes uppercase %XY. */
char *
icp_signer_percent_encode (const char *s)
{
  g_return_val_if_fail (s != NULL, NULL);

  return g_uri_escape_string (s, NULL, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @table sorted bytewise (owned by the table), NULL-terminated. */
static const char **
sorted_keys (GHashTable *table,
             guint      *n_keys)
{
  const char **keys;

  keys = (const char **) g_hash_table_get_keys_as_array (table, n_keys);
  qsort (keys, *n_keys, sizeof (char *), compare_strings);
  return keys;
}

char *
icp_signer_canonical_query (GHashTable *params)
{
  g_autofree const char **keys = NULL;
  GString *out;
  guint n_keys = 0;

  out = g_string_new (NULL);
  if (params == NULL)
    return g_string_free (out, FALSE);

  keys = sorted_keys (params, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *value = g_hash_table_lookup (params, keys[i]);

      if (strcmp (keys[i], "Signature") == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_uri_escaped (out, keys[i], NULL, FALSE);
      g_string_append_c (out, '=');
      g_string_append_uri_escaped (out, value != NULL ? value : "", NULL, FALSE);
    }

  return g_string_free (out, FALSE);
}

char *
icp_signer_timestamp (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return icp_time_format (time);
}

char *
icp_signer_nonce (void)
{
  return g_uuid_string_random ();
}

char *
icp_signer_sha256_hex (const guint8 *data,
                       gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const guint8 *) "",
                                      length);
}

/* --- v1 --- */

char *
icp_signer_v1_string_to_sign (const char *method,
                              GHashTable *params)
{
  g_autofree char *query = NULL;
  g_autofree char *encoded_query = NULL;

  g_return_val_if_fail (method != NULL, NULL);

  query = icp_signer_canonical_query (params);
  encoded_query = icp_signer_percent_encode (query);
  return g_strconcat (method, "&%2F&", encoded_query, NULL);
}

char *
icp_signer_v1_sign (const char *method,
                    GHashTable *params,
                    const char *access_key_secret)
{
  g_autofree char *string_to_sign = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (access_key_secret != NULL, NULL);

  string_to_sign = icp_signer_v1_string_to_sign (method, params);
  key = g_strconcat (access_key_secret, "&", NULL);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) key, strlen (key));
  g_hmac_update (hmac, (const guchar *) string_to_sign, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  explicit_bzero (key, strlen (key));

  return g_base64_encode (digest, digest_len);
}

char *
icp_signer_v1_signed_query (const char *method,
                            GHashTable *params,
                            const char *access_key_secret)
{
  g_autofree char *query = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *encoded_signature = NULL;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (access_key_secret != NULL, NULL);

  query = icp_signer_canonical_query (params);
  signature = icp_signer_v1_sign (method, params, access_key_secret);
  encoded_signature = icp_signer_percent_encode (signature);

  return g_strconcat (query, *query != '\0' ? "&" : "", "Signature=", encoded_signature, NULL);
}

/* --- v3 --- */

static gboolean
is_signed_header (const char *lower_name)
{
  return strcmp (lower_name, "host") == 0 ||
         strcmp (lower_name, "content-type") == 0 ||
         g_str_has_prefix (lower_name, "x-acs-");
}

/* Signed headers as a table: lowercase name → trimmed value (both owned). */
static GHashTable *
collect_signed_headers (const IcpSignerV3Request *request)
{
  GHashTable *signed_headers = icp_signer_params_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (request->headers == NULL)
    return signed_headers;

  g_hash_table_iter_init (&iter, request->headers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *lower = g_ascii_strdown (key, -1);

      if (!is_signed_header (lower))
        continue;
      g_hash_table_replace (signed_headers, g_steal_pointer (&lower),
                            g_strstrip (g_strdup (value != NULL ? value : "")));
    }

  return signed_headers;
}

static char *
join_sorted_names (GHashTable *signed_headers)
{
  g_autofree const char **keys = NULL;
  guint n_keys = 0;

  keys = sorted_keys (signed_headers, &n_keys);
  return g_strjoinv (";", (char **) keys);
}

char *
icp_signer_v3_signed_headers (const IcpSignerV3Request *request)
{
  g_autoptr(GHashTable) signed_headers = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  signed_headers = collect_signed_headers (request);
  return join_sorted_names (signed_headers);
}

char *
icp_signer_v3_canonical_request (const IcpSignerV3Request *request)
{
  g_autoptr(GHashTable) signed_headers = NULL;
  g_autofree const char **names = NULL;
  g_autofree char *query = NULL;
  g_autofree char *signed_names = NULL;
  g_autofree char *payload_hash = NULL;
  GString *out;
  guint n_names = 0;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->method != NULL, NULL);

  signed_headers = collect_signed_headers (request);
  names = sorted_keys (signed_headers, &n_names);
  signed_names = g_strjoinv (";", (char **) names);
  query = icp_signer_canonical_query (request->query);
  payload_hash = icp_signer_sha256_hex (request->body, request->body_length);

  out = g_string_new (request->method);
  g_string_append_c (out, '\n');
  g_string_append (out, request->canonical_uri != NULL ? request->canonical_uri : "/");
  g_string_append_c (out, '\n');
  g_string_append (out, query);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n_names; i++)
    g_string_append_printf (out, "%s:%s\n", names[i],
                            (const char *) g_hash_table_lookup (signed_headers, names[i]));
  g_string_append_c (out, '\n');
  g_string_append (out, signed_names);
  g_string_append_c (out, '\n');
  g_string_append (out, payload_hash);

  return g_string_free (out, FALSE);
}

char *
icp_signer_v3_string_to_sign (const IcpSignerV3Request *request)
{
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  canonical = icp_signer_v3_canonical_request (request);
  hash = icp_signer_sha256_hex ((const guint8 *) canonical, strlen (canonical));
  return g_strconcat (ICP_SIGNER_V3_ALGORITHM "\n", hash, NULL);
}

char *
icp_signer_v3_sign (const IcpSignerV3Request *request,
                    const char               *access_key_secret)
{
  g_autofree char *string_to_sign = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (access_key_secret != NULL, NULL);

  string_to_sign = icp_signer_v3_string_to_sign (request);
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                    (const guchar *) access_key_secret, strlen (access_key_secret),
                                    string_to_sign, -1);
}

char *
icp_signer_v3_authorization (const IcpSignerV3Request *request,
                             const char               *access_key_id,
                             const char               *access_key_secret)
{
  g_autofree char *signed_names = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (access_key_secret != NULL, NULL);

  signed_names = icp_signer_v3_signed_headers (request);
  signature = icp_signer_v3_sign (request, access_key_secret);
  return g_strdup_printf (ICP_SIGNER_V3_ALGORITHM " Credential=%s,SignedHeaders=%s,Signature=%s",
                          access_key_id, signed_names, signature);
}
