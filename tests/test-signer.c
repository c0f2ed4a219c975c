/* test-signer.c — request signatures against the provider's published vectors
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "icp-signer.h"

/* reference/alibaba-api.md §3.1: the official DescribeRegions example. */
static GHashTable *
v1_example_params (void)
{
  GHashTable *params = icp_signer_params_new ();

  g_hash_table_insert (params, g_strdup ("Timestamp"), g_strdup ("2016-02-23T12:46:24Z"));
  g_hash_table_insert (params, g_strdup ("Format"), g_strdup ("XML"));
  g_hash_table_insert (params, g_strdup ("AccessKeyId"), g_strdup ("testid"));
  g_hash_table_insert (params, g_strdup ("Action"), g_strdup ("DescribeRegions"));
  g_hash_table_insert (params, g_strdup ("SignatureMethod"), g_strdup ("HMAC-SHA1"));
  g_hash_table_insert (params, g_strdup ("SignatureNonce"),
                       g_strdup ("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"));
  g_hash_table_insert (params, g_strdup ("Version"), g_strdup ("2014-05-26"));
  g_hash_table_insert (params, g_strdup ("SignatureVersion"), g_strdup ("1.0"));
  return params;
}

static void
test_signer_percent_encode (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "AZaz09-_.~", "AZaz09-_.~" },
    { "a b", "a%20b" },
    { "a*b", "a%2Ab" },
    { "a~b", "a~b" },
    { "a+b/c=d&e", "a%2Bb%2Fc%3Dd%26e" },
    { "中文", "%E4%B8%AD%E6%96%87" },
    { "[\"i-bp1\",\"i-bp2\"]", "%5B%22i-bp1%22%2C%22i-bp2%22%5D" },
    { "12:46:24", "12%3A46%3A24" },
    { "%", "%25" },
    { "!'()", "%21%27%28%29" },
    { "\x7f\x01", "%7F%01" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encoded = icp_signer_percent_encode (cases[i].in);

      g_assert_cmpstr (encoded, ==, cases[i].out);
    }
}

static void
test_signer_canonical_query (void)
{
  g_autoptr(GHashTable) params = icp_signer_params_new ();
  g_autofree char *empty = icp_signer_canonical_query (NULL);
  g_autofree char *query = NULL;

  g_assert_cmpstr (empty, ==, "");

  /* Sorted bytewise (uppercase before lowercase), Signature left out, empty value kept. */
  g_hash_table_insert (params, g_strdup ("b"), g_strdup ("2"));
  g_hash_table_insert (params, g_strdup ("a"), g_strdup ("x y"));
  g_hash_table_insert (params, g_strdup ("B"), g_strdup (""));
  g_hash_table_insert (params, g_strdup ("Signature"), g_strdup ("ignored"));
  g_hash_table_insert (params, g_strdup ("Tag.1.Key"), g_strdup ("中"));
  query = icp_signer_canonical_query (params);
  g_assert_cmpstr (query, ==, "B=&Tag.1.Key=%E4%B8%AD&a=x%20y&b=2");
}

static void
test_signer_v1_official (void)
{
  g_autoptr(GHashTable) params = v1_example_params ();
  g_autofree char *query = icp_signer_canonical_query (params);
  g_autofree char *string_to_sign = icp_signer_v1_string_to_sign ("GET", params);
  g_autofree char *signature = icp_signer_v1_sign ("GET", params, "testsecret");
  g_autofree char *signed_query = NULL;

  g_assert_cmpstr (query, ==,
                   "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
                   "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
                   "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26");
  g_assert_cmpstr (string_to_sign, ==,
                   "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                   "%26SignatureMethod%3DHMAC-SHA1"
                   "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                   "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z"
                   "%26Version%3D2014-05-26");
  g_assert_cmpstr (signature, ==, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");

  /* On the wire: single-encoded values, the signature encoded once and appended. */
  signed_query = icp_signer_v1_signed_query ("GET", params, "testsecret");
  g_assert_true (g_str_has_prefix (signed_query, query));
  g_assert_true (g_str_has_suffix (signed_query, "&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"));
  g_assert_cmpuint (strlen (signed_query), ==,
                    strlen (query) + strlen ("&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"));
}

static void
test_signer_v1_ignores_signature (void)
{
  g_autoptr(GHashTable) params = v1_example_params ();
  g_autofree char *before = icp_signer_v1_sign ("GET", params, "testsecret");
  g_autofree char *after = NULL;
  g_autofree char *other_secret = NULL;
  g_autofree char *other_method = NULL;

  g_hash_table_insert (params, g_strdup ("Signature"), g_strdup (before));
  after = icp_signer_v1_sign ("GET", params, "testsecret");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (after, ==, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");

  /* The secret and the method change the signature. */
  other_secret = icp_signer_v1_sign ("GET", params, "testsecreu");
  other_method = icp_signer_v1_sign ("POST", params, "testsecret");
  g_assert_cmpstr (other_secret, !=, before);
  g_assert_cmpstr (other_method, !=, before);
}

/* reference/alibaba-api.md §3.2: the official RunInstances example. */
typedef struct
{
  GHashTable         *query;
  GHashTable         *headers;
  IcpSignerV3Request  request;
} V3Example;

static void
v3_example_init (V3Example *example)
{
  example->query = icp_signer_params_new ();
  g_hash_table_insert (example->query, g_strdup ("ImageId"),
                       g_strdup ("win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"));
  g_hash_table_insert (example->query, g_strdup ("RegionId"), g_strdup ("cn-shanghai"));

  example->headers = icp_signer_params_new ();
  /* Mixed case and a padded value: names are lowercased and values trimmed. */
  g_hash_table_insert (example->headers, g_strdup ("Host"), g_strdup ("ecs.cn-shanghai.aliyuncs.com"));
  g_hash_table_insert (example->headers, g_strdup ("x-acs-action"), g_strdup ("RunInstances"));
  g_hash_table_insert (example->headers, g_strdup ("x-acs-version"), g_strdup (" 2014-05-26 "));
  g_hash_table_insert (example->headers, g_strdup ("X-Acs-Date"), g_strdup ("2023-10-26T10:22:32Z"));
  g_hash_table_insert (example->headers, g_strdup ("x-acs-signature-nonce"),
                       g_strdup ("3156853299f313e23d1673dc12e1703d"));
  g_hash_table_insert (example->headers, g_strdup ("x-acs-content-sha256"),
                       g_strdup ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  /* Not signed. */
  g_hash_table_insert (example->headers, g_strdup ("User-Agent"), g_strdup ("icp-assistant/test"));
  g_hash_table_insert (example->headers, g_strdup ("Accept"), g_strdup ("application/json"));

  example->request = (IcpSignerV3Request) {
    .method = "POST",
    .canonical_uri = "/",
    .query = example->query,
    .headers = example->headers,
  };
}

static void
v3_example_clear (V3Example *example)
{
  g_clear_pointer (&example->query, g_hash_table_unref);
  g_clear_pointer (&example->headers, g_hash_table_unref);
}

#define V3_SIGNED_HEADERS \
  "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
#define V3_SIGNATURE "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"

static void
test_signer_v3_official (void)
{
  V3Example example;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;

  v3_example_init (&example);

  canonical = icp_signer_v3_canonical_request (&example.request);
  g_assert_cmpstr (canonical, ==,
                   "POST\n"
                   "/\n"
                   "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                   "host:ecs.cn-shanghai.aliyuncs.com\n"
                   "x-acs-action:RunInstances\n"
                   "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                   "x-acs-date:2023-10-26T10:22:32Z\n"
                   "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
                   "x-acs-version:2014-05-26\n"
                   "\n"
                   V3_SIGNED_HEADERS "\n"
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  hash = icp_signer_sha256_hex ((const guint8 *) canonical, strlen (canonical));
  g_assert_cmpstr (hash, ==, "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");

  string_to_sign = icp_signer_v3_string_to_sign (&example.request);
  g_assert_cmpstr (string_to_sign, ==,
                   "ACS3-HMAC-SHA256\n"
                   "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");

  signed_headers = icp_signer_v3_signed_headers (&example.request);
  g_assert_cmpstr (signed_headers, ==, V3_SIGNED_HEADERS);

  signature = icp_signer_v3_sign (&example.request, "YourAccessKeySecret");
  g_assert_cmpstr (signature, ==, V3_SIGNATURE);

  authorization = icp_signer_v3_authorization (&example.request, "YourAccessKeyId",
                                               "YourAccessKeySecret");
  g_assert_cmpstr (authorization, ==,
                   "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" V3_SIGNED_HEADERS
                   ",Signature=" V3_SIGNATURE);

  v3_example_clear (&example);
}

static void
test_signer_v3_variations (void)
{
  V3Example example;
  g_autofree char *base = NULL;
  g_autofree char *null_uri = NULL;
  g_autofree char *with_token = NULL;
  g_autofree char *with_body = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *other_secret = NULL;
  const char body[] = "{\"a\":1}";

  v3_example_init (&example);
  base = icp_signer_v3_sign (&example.request, "YourAccessKeySecret");
  g_assert_cmpstr (base, ==, V3_SIGNATURE);

  /* NULL URI means "/". */
  example.request.canonical_uri = NULL;
  null_uri = icp_signer_v3_sign (&example.request, "YourAccessKeySecret");
  g_assert_cmpstr (null_uri, ==, V3_SIGNATURE);

  other_secret = icp_signer_v3_sign (&example.request, "YourAccessKeySecreT");
  g_assert_cmpstr (other_secret, !=, V3_SIGNATURE);

  /* An STS token header is signed. */
  g_hash_table_insert (example.headers, g_strdup ("x-acs-security-token"), g_strdup ("tok"));
  signed_headers = icp_signer_v3_signed_headers (&example.request);
  g_assert_cmpstr (signed_headers, ==,
                   "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;"
                   "x-acs-signature-nonce;x-acs-version");
  with_token = icp_signer_v3_sign (&example.request, "YourAccessKeySecret");
  g_assert_cmpstr (with_token, !=, V3_SIGNATURE);

  /* A body's hash ends the canonical request. */
  example.request.body = (const guint8 *) body;
  example.request.body_length = strlen (body);
  with_body = icp_signer_v3_sign (&example.request, "YourAccessKeySecret");
  g_assert_cmpstr (with_body, !=, with_token);
  canonical = icp_signer_v3_canonical_request (&example.request);
  {
    g_autofree char *body_hash = icp_signer_sha256_hex ((const guint8 *) body, strlen (body));

    g_assert_true (g_str_has_suffix (canonical, body_hash));
    g_assert_cmpstr (body_hash, ==,
                     "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
  }

  v3_example_clear (&example);
}

static void
test_signer_v3_empty (void)
{
  IcpSignerV3Request request = { .method = "GET" };
  g_autofree char *canonical = icp_signer_v3_canonical_request (&request);
  g_autofree char *empty_hash = icp_signer_sha256_hex (NULL, 0);

  g_assert_cmpstr (empty_hash, ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (canonical, ==,
                   "GET\n/\n\n\n\n"
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_signer_timestamp (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("-05:30");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) western = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_nonnull (shanghai);
  g_assert_nonnull (west);
  local = g_date_time_new (shanghai, 2016, 2, 23, 20, 46, 24.75);
  western = g_date_time_new (west, 2016, 2, 22, 23, 59, 5);
  utc = g_date_time_new_utc (2016, 2, 23, 12, 46, 24);

  a = icp_signer_timestamp (local);
  b = icp_signer_timestamp (western);
  c = icp_signer_timestamp (utc);
  g_assert_cmpstr (a, ==, "2016-02-23T12:46:24Z");
  g_assert_cmpstr (b, ==, "2016-02-23T05:29:05Z");
  g_assert_cmpstr (c, ==, "2016-02-23T12:46:24Z");
}

static void
test_signer_nonce (void)
{
  g_autofree char *a = icp_signer_nonce ();
  g_autofree char *b = icp_signer_nonce ();
  g_autofree char *encoded = icp_signer_percent_encode (a);

  g_assert_nonnull (a);
  g_assert_cmpuint (strlen (a), >=, 16);
  g_assert_cmpstr (a, !=, b);
  /* Safe in a query and a header as is. */
  g_assert_cmpstr (encoded, ==, a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icp/signer/percent-encode", test_signer_percent_encode);
  g_test_add_func ("/icp/signer/canonical-query", test_signer_canonical_query);
  g_test_add_func ("/icp/signer/v1-official", test_signer_v1_official);
  g_test_add_func ("/icp/signer/v1-ignores-signature", test_signer_v1_ignores_signature);
  g_test_add_func ("/icp/signer/v3-official", test_signer_v3_official);
  g_test_add_func ("/icp/signer/v3-variations", test_signer_v3_variations);
  g_test_add_func ("/icp/signer/v3-empty", test_signer_v3_empty);
  g_test_add_func ("/icp/signer/timestamp", test_signer_timestamp);
  g_test_add_func ("/icp/signer/nonce", test_signer_nonce);

  return g_test_run ();
}
