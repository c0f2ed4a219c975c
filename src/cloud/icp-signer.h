/* icp-signer.h — Alibaba Cloud request signatures (RPC v1 HMAC-SHA1, v3 ACS3-HMAC-SHA256)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pure functions: no network, no global state (except the random source of the nonce).
 * Parameter and header tables map UTF-8 names to UTF-8 values (both char *). */

/* A table suited to the functions below: string keys and values, both freed by the table. */
GHashTable *icp_signer_params_new            (void);

/* RFC 3986: A-Z a-z 0-9 - _ . ~ kept, every other byte of the UTF-8 text as uppercase %XY. */
char       *icp_signer_percent_encode        (const char  *s);

/* Names sorted bytewise, "name=value" percent-encoded, joined by "&". A parameter called
 * "Signature" is left out. Empty or NULL @params: "". */
char       *icp_signer_canonical_query       (GHashTable  *params);

/* "yyyy-MM-ddTHH:mm:ssZ" of @time converted to UTC. */
char       *icp_signer_timestamp             (GDateTime   *time);
/* A fresh random value for SignatureNonce / x-acs-signature-nonce. */
char       *icp_signer_nonce                 (void);

/* Lowercase hex SHA-256 of @data (NULL with @length 0: the empty body). */
char       *icp_signer_sha256_hex            (const guint8 *data,
                                              gsize         length);

/* --- RPC signature v1 (HMAC-SHA1) ---
 * @params holds every request parameter, common ones included, e.g. AccessKeyId,
 * SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, SignatureNonce, Timestamp; "Signature" is
 * ignored if present. */
char       *icp_signer_v1_string_to_sign     (const char  *method,
                                              GHashTable  *params);
/* Base64 of HMAC-SHA1 keyed with @access_key_secret + "&". */
char       *icp_signer_v1_sign               (const char  *method,
                                              GHashTable  *params,
                                              const char  *access_key_secret);
/* The query string to send: the canonical query plus "&Signature=" and the encoded signature. */
char       *icp_signer_v1_signed_query       (const char  *method,
                                              GHashTable  *params,
                                              const char  *access_key_secret);

/* --- Signature v3 (ACS3-HMAC-SHA256) --- */
#define ICP_SIGNER_V3_ALGORITHM "ACS3-HMAC-SHA256"

typedef struct
{
  const char   *method;        /* "GET", "POST", … (upper case) */
  const char   *canonical_uri; /* NULL: "/" (RPC APIs) */
  GHashTable   *query;         /* nullable: name → value, not yet encoded */
  GHashTable   *headers;       /* name (any case) → value; host, content-type and x-acs-* are
                                * signed, others (Authorization, User-Agent, …) ignored */
  const guint8 *body;          /* nullable */
  gsize         body_length;
} IcpSignerV3Request;

/* The lowercase names of the signed headers joined by ";". */
char       *icp_signer_v3_signed_headers     (const IcpSignerV3Request *request);
char       *icp_signer_v3_canonical_request  (const IcpSignerV3Request *request);
/* "ACS3-HMAC-SHA256\n" + hex SHA-256 of the canonical request. */
char       *icp_signer_v3_string_to_sign     (const IcpSignerV3Request *request);
/* Lowercase hex HMAC-SHA256 keyed with the raw secret. */
char       *icp_signer_v3_sign               (const IcpSignerV3Request *request,
                                              const char               *access_key_secret);
/* The Authorization header value:
 * "ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=…,Signature=…". */
char       *icp_signer_v3_authorization      (const IcpSignerV3Request *request,
                                              const char               *access_key_id,
                                              const char               *access_key_secret);

G_END_DECLS
