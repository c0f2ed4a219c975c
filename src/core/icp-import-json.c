/* icp-import-json.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A streaming reader for exported instance lists in JSON. An account's `--pager` dump can
 * hold a hundred thousand instances and weigh 150 MB, so the text is fed to yajl in chunks
 * and never held whole, and no tree is built: a small state machine keeps a stack of the
 * containers it cares about (root, Instances, the list, an instance, PublicIpAddress, …),
 * counts its way through every other subtree, and collects the dozen facts the rules read
 * into one reused builder. Keys are matched by length first, then by memcmp.
 *
 * The shape is told by structure: a DescribeInstances page and `--pager` output hold
 * `Instances.Instance[]`, `--cli-query` output is a bare array, and our own report holds
 * `instances[]`. Several values one after the other (dumps of several regions concatenated)
 * are read as one list.
 *
 * Positions: yajl reports how far into the current chunk it is; lines and columns are only
 * worked out when a message needs them, from the position at the start of the chunk (the
 * current or the previous one, both are kept) and the bytes up to the offset.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "icp-enums.h"
#include "icp-import-private.h"
#include "icp-time.h"

#define CHUNK_SIZE (256 * 1024)
#define MAX_DEPTH  16

typedef enum
{
  CTX_ROOT,           /* between top-level values */
  CTX_ROOT_OBJECT,    /* {"Instances": …} or our report */
  CTX_INSTANCES,      /* "Instances": {"Instance": […]} */
  CTX_LIST,           /* [instance, …] */
  CTX_INSTANCE,
  CTX_PUBLIC_IP,      /* "PublicIpAddress": {"IpAddress": […]} */
  CTX_IP_LIST,
  CTX_EIP,            /* "EipAddress": {"IpAddress": "", "Bandwidth": 5} */
  CTX_LOCKS,          /* "OperationLocks": {"LockReason": […]} */
  CTX_LOCK_LIST,
  CTX_LOCK,           /* {"LockMsg": …, "LockReason": "financial"} */
  CTX_REASON_LIST,    /* our report's "lock-reasons": ["financial"] */
} Context;

typedef enum
{
  FIELD_NONE,
  FIELD_INSTANCES,
  FIELD_REPORT_INSTANCES,
  FIELD_GENERATED,
  FIELD_API_CODE,
  FIELD_API_MESSAGE,
  FIELD_INSTANCE_LIST,
  FIELD_API_ID,
  FIELD_ID,
  FIELD_NAME,
  FIELD_REGION,
  FIELD_ZONE,
  FIELD_STATUS,
  FIELD_PUBLIC_IP,
  FIELD_EIP,
  FIELD_OWNER,
  FIELD_CHARGE_TYPE,
  FIELD_CREATION_TIME,
  FIELD_EXPIRED_TIME,
  FIELD_AUTO_RELEASE_TIME,
  FIELD_SUBSCRIPTION_START,
  FIELD_PUBLIC_IP_OBJECT,
  FIELD_IP_LIST,
  FIELD_EIP_OBJECT,
  FIELD_EIP_BANDWIDTH,
  FIELD_BANDWIDTH_OUT,
  FIELD_LOCKS_OBJECT,
  FIELD_LOCK_LIST,
  FIELD_LOCK_REASON,
  FIELD_LOCK_REASONS,
  FIELD_SUBSCRIPTION_MONTHS,
  FIELD_SUBSCRIPTION_SOURCE,
  FIELD_CODES_USED,
} Field;

/* The text facts, in the order of their FIELD_ values from FIELD_ID on. */
typedef enum
{
  TEXT_ID,
  TEXT_NAME,
  TEXT_REGION,
  TEXT_ZONE,
  TEXT_STATUS,
  TEXT_PUBLIC_IP,
  TEXT_EIP,
  TEXT_OWNER,
  N_TEXTS
} Text;

typedef enum
{
  TIME_CREATION,
  TIME_EXPIRED,
  TIME_AUTO_RELEASE,
  TIME_SUBSCRIPTION_START,
  N_TIMES
} Time;

G_STATIC_ASSERT (FIELD_OWNER - FIELD_ID == TEXT_OWNER);
G_STATIC_ASSERT (FIELD_SUBSCRIPTION_START - FIELD_CREATION_TIME == TIME_SUBSCRIPTION_START);

typedef enum
{
  KIND_STRING,
  KIND_NUMBER,
  KIND_BOOLEAN,
  KIND_NULL,
} Kind;

typedef struct
{
  const char *name;
  guint8      len;
  guint8      field;
} Key;

#define KEY(name, field) { name, sizeof name - 1, field }

/* Members of an instance object: the API's names, then our report's. */
static const Key instance_keys[] = {
  KEY ("InstanceId", FIELD_API_ID),
  KEY ("InstanceName", FIELD_NAME),
  KEY ("RegionId", FIELD_REGION),
  KEY ("ZoneId", FIELD_ZONE),
  KEY ("InstanceChargeType", FIELD_CHARGE_TYPE),
  KEY ("Status", FIELD_STATUS),
  KEY ("CreationTime", FIELD_CREATION_TIME),
  KEY ("ExpiredTime", FIELD_EXPIRED_TIME),
  KEY ("AutoReleaseTime", FIELD_AUTO_RELEASE_TIME),
  KEY ("PublicIpAddress", FIELD_PUBLIC_IP_OBJECT),
  KEY ("EipAddress", FIELD_EIP_OBJECT),
  KEY ("InternetMaxBandwidthOut", FIELD_BANDWIDTH_OUT),
  KEY ("OperationLocks", FIELD_LOCKS_OBJECT),
  KEY ("id", FIELD_ID),
  KEY ("name", FIELD_NAME),
  KEY ("region", FIELD_REGION),
  KEY ("zone", FIELD_ZONE),
  KEY ("charge-type", FIELD_CHARGE_TYPE),
  KEY ("status", FIELD_STATUS),
  KEY ("creation-time", FIELD_CREATION_TIME),
  KEY ("expired-time", FIELD_EXPIRED_TIME),
  KEY ("auto-release-time", FIELD_AUTO_RELEASE_TIME),
  KEY ("public-ip", FIELD_PUBLIC_IP),
  KEY ("eip", FIELD_EIP),
  KEY ("eip-bandwidth", FIELD_EIP_BANDWIDTH),
  KEY ("bandwidth-out", FIELD_BANDWIDTH_OUT),
  KEY ("lock-reasons", FIELD_LOCK_REASONS),
  KEY ("subscription-months", FIELD_SUBSCRIPTION_MONTHS),
  KEY ("subscription-months-source", FIELD_SUBSCRIPTION_SOURCE),
  KEY ("subscription-start", FIELD_SUBSCRIPTION_START),
  KEY ("codes-used", FIELD_CODES_USED),
  KEY ("owner-account", FIELD_OWNER),
};

#define MAX_KEY_LEN 32

/* instance_keys sorted by length, and where each length starts: an instance has some sixty
 * members and we want one or two comparisons for each. */
static Key sorted_keys[G_N_ELEMENTS (instance_keys)];
static guint8 first_key_of_len[MAX_KEY_LEN + 2];

static int
compare_key_len (const void *a,
                 const void *b)
{
  return (int) ((const Key *) a)->len - (int) ((const Key *) b)->len;
}

static void
init_key_index (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      guint k = 0;

      memcpy (sorted_keys, instance_keys, sizeof instance_keys);
      qsort (sorted_keys, G_N_ELEMENTS (sorted_keys), sizeof (Key), compare_key_len);
      for (guint len = 0; len <= MAX_KEY_LEN + 1; len++)
        {
          while (k < G_N_ELEMENTS (sorted_keys) && sorted_keys[k].len < len)
            k++;
          first_key_of_len[len] = k;
        }
      g_once_init_leave (&initialized, 1);
    }
}

static Field
lookup_instance_key (const unsigned char *key,
                     size_t               len)
{
  if (len == 0 || len > MAX_KEY_LEN)
    return FIELD_NONE;

  for (guint k = first_key_of_len[len]; k < first_key_of_len[len + 1]; k++)
    if (sorted_keys[k].name[0] == key[0] && memcmp (sorted_keys[k].name, key, len) == 0)
      return sorted_keys[k].field;

  return FIELD_NONE;
}

static inline gboolean
key_is (const unsigned char *key,
        size_t               len,
        const char          *name,
        size_t               name_len)
{
  return len == name_len && memcmp (key, name, len) == 0;
}

#define KEY_IS(key, len, name) key_is (key, len, name, sizeof name - 1)

/* Line (1-based) and column (characters before, 0-based) of a point in the text. */
typedef struct
{
  guint line;
  guint column;
} Position;

typedef struct
{
  const guint8 *data;
  gsize         len;
  goffset       base;
  Position      start;
} Chunk;

/* One instance being read. The strings are reused from one instance to the next. */
typedef struct
{
  GString               *text[N_TEXTS];
  guint                  have_text;
  GDateTime             *time[N_TIMES];
  IcpChargeType          charge_type;
  IcpSubscriptionSource  source;
  gboolean               have_source;
  int                    bandwidth_out;
  int                    eip_bandwidth;
  int                    codes_used;
  double                 months;
  GPtrArray             *locks;
  gboolean               have_locks;
  gboolean               from_api;
  goffset                offset;
} Builder;

typedef struct
{
  const IcpImportSource *source;
  yajl_handle            handle;

  Chunk                  cur;
  Chunk                  prev;
  Position               end;

  Context                stack[MAX_DEPTH];
  guint                  depth;
  guint                  skip;
  Field                  pending;
  goffset                value_end;

  /* The top-level value being read, to tell its shape. */
  goffset                root_offset;
  goffset                instances_offset;
  gboolean               root_has_list;
  gboolean               root_has_instances;
  GString               *api_code;
  GString               *api_message;

  Builder                builder;
  GPtrArray             *instances;
  GDateTime             *generated;
  guint                  n_before_generated;

  GError                *error;
} Parser;

/* SWAR counts over 8 bytes at a time: this runs over every byte of the file. */
#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH G_GUINT64_CONSTANT (0x8080808080808080)

static gsize
count_newlines (const guint8 *data,
                gsize         len)
{
  gsize n = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w, x, t;

      memcpy (&w, data + i, 8);
      x = w ^ (ONES * '\n');
      /* The high bit of each byte of t is set when that byte of x is not zero. */
      t = ((x & ~HIGH) + ~HIGH) | x;
      n += (((~t & HIGH) >> 7) * ONES) >> 56;
    }
  for (; i < len; i++)
    n += data[i] == '\n';

  return n;
}

/* Characters, not bytes: every byte that is not a UTF-8 continuation byte starts one. */
static gsize
count_chars (const guint8 *data,
             gsize         len)
{
  gsize cont = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, data + i, 8);
      cont += ((((w & ~(w << 1) & HIGH) >> 7) * ONES) >> 56);
    }
  for (; i < len; i++)
    cont += (data[i] & 0xC0) == 0x80;

  return len - cont;
}

static Position
advance (Position      pos,
         const guint8 *data,
         gsize         len)
{
  gsize nl = count_newlines (data, len);

  if (nl == 0)
    {
      pos.column += count_chars (data, len);
    }
  else
    {
      gsize last = len;

      while (data[last - 1] != '\n')
        last--;
      pos.line += nl;
      pos.column = count_chars (data + last, len - last);
    }

  return pos;
}

static const Chunk *
chunk_at (Parser  *self,
          goffset  offset)
{
  if (offset >= self->cur.base)
    return &self->cur;
  if (self->prev.data != NULL && offset >= self->prev.base)
    return &self->prev;
  return NULL;
}

static Position
position_at (Parser  *self,
             goffset  offset)
{
  const Chunk *chunk = chunk_at (self, offset);

  /* Further back than we keep: the start of what we have is the best we can say. */
  if (chunk == NULL)
    return self->prev.data != NULL ? self->prev.start : self->cur.start;

  offset = MIN (offset - chunk->base, (goffset) chunk->len);
  return advance (chunk->start, chunk->data, offset);
}

static int
byte_at (Parser  *self,
         goffset  offset)
{
  const Chunk *chunk = chunk_at (self, offset);

  if (offset < 0 || chunk == NULL || offset - chunk->base >= (goffset) chunk->len)
    return -1;
  return chunk->data[offset - chunk->base];
}

static inline gboolean
is_word_byte (int c)
{
  return c >= 0 && (g_ascii_isalnum (c) || c == '.' || c == '+' || c == '-');
}

/* Where the token that ends at @end starts: its opening quote for a string (the first quote
 * before it that is not escaped), its first character for a number or a literal.
 */
static goffset
token_start (Parser  *self,
             goffset  end)
{
  int last = byte_at (self, end - 1);
  goffset o;

  if (last == '"')
    {
      for (o = end - 2; byte_at (self, o) >= 0; o--)
        {
          guint backslashes = 0;

          if (byte_at (self, o) != '"')
            continue;
          while (byte_at (self, o - 1 - backslashes) == '\\')
            backslashes++;
          if (backslashes % 2 == 0)
            return o;
        }
      return end - 1;
    }

  /* Punctuation is one byte; a number or a literal runs back to the first of its bytes. */
  if (!is_word_byte (last))
    return end - 1;
  for (o = end - 1; is_word_byte (byte_at (self, o - 1)); o--)
    ;
  return o;
}

/* The offset yajl has reached in the text: just after the token it handed us. */
static goffset
current_offset (Parser *self)
{
  return self->cur.base + (goffset) yajl_get_bytes_consumed (self->handle);
}

static gboolean
fail_shape (Parser  *self,
            goffset  offset)
{
  Position pos = position_at (self, offset);

  if (self->error != NULL)
    return FALSE;

  if (self->api_code != NULL)
    self->error = g_error_new (ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SHAPE,
                               /* Translators: %s:%u:%u: are a file name, line and column;
                                * then an API error code and its message */
                               _("%s:%u:%u: this is an error answer from the API (%s: %s), not "
                                 "an instance list; fix its cause and export the list again"),
                               self->source->display_name, pos.line, pos.column + 1,
                               self->api_code->str,
                               self->api_message != NULL ? self->api_message->str : "");
  else
    self->error = g_error_new (ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SHAPE,
                               /* Translators: %s:%u:%u: are a file name, line and column.
                                * "aliyun --pager" is a command; keep it as it is. */
                               _("%s:%u:%u: this JSON holds no instance list; expected an ECS "
                                 "instance list: a DescribeInstances answer, aliyun --pager "
                                 "output, an array of instances or an ICP Filing Assistant "
                                 "report"),
                               self->source->display_name, pos.line, pos.column + 1);
  return FALSE;
}

static gboolean
fail_element (Parser  *self,
              goffset  offset)
{
  Position pos = position_at (self, offset);

  if (self->error == NULL)
    self->error = g_error_new (ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SHAPE,
                               /* Translators: %s:%u:%u: are a file name, line and column */
                               _("%s:%u:%u: this element of the instance list is not an object; "
                                 "expected an ECS instance list: a DescribeInstances answer, "
                                 "aliyun --pager output, an array of instances or an ICP Filing "
                                 "Assistant report"),
                               self->source->display_name, pos.line, pos.column + 1);
  return FALSE;
}

static gboolean
fail_value (Parser     *self,
            goffset     offset,
            const char *what,
            const char *value)
{
  Position pos = position_at (self, offset);

  if (self->error == NULL)
    self->error = g_error_new (ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_BAD_VALUE,
                               /* Translators: %s:%u:%u: are a file name, line and column;
                                * then a value from the file and what it should be, e.g.
                                * "“2026-02-30T10:00Z” is not a valid time …" */
                               _("%s:%u:%u: “%s” is not %s; correct it or export the list again"),
                               self->source->display_name, pos.line, pos.column + 1,
                               value, what);
  return FALSE;
}

static void
builder_init (Builder *b)
{
  for (guint i = 0; i < N_TEXTS; i++)
    b->text[i] = g_string_sized_new (32);
  b->locks = g_ptr_array_new_with_free_func (g_free);
}

static void
builder_clear (Builder *b)
{
  for (guint i = 0; i < N_TEXTS; i++)
    if (b->text[i] != NULL)
      g_string_free (b->text[i], TRUE);
  for (guint i = 0; i < N_TIMES; i++)
    g_clear_pointer (&b->time[i], g_date_time_unref);
  g_clear_pointer (&b->locks, g_ptr_array_unref);
}

static void
builder_reset (Builder *b,
               goffset  offset)
{
  b->have_text = 0;
  for (guint i = 0; i < N_TIMES; i++)
    g_clear_pointer (&b->time[i], g_date_time_unref);
  b->charge_type = ICP_CHARGE_TYPE_UNKNOWN;
  b->source = ICP_SUBSCRIPTION_SOURCE_UNKNOWN;
  b->have_source = FALSE;
  b->bandwidth_out = -1;
  b->eip_bandwidth = -1;
  b->codes_used = -1;
  b->months = -1;
  if (b->locks->len > 0)
    g_ptr_array_set_size (b->locks, 0);
  b->have_locks = FALSE;
  b->from_api = FALSE;
  b->offset = offset;
}

static void
builder_set_text (Builder    *b,
                  Text        which,
                  const char *value,
                  gsize       len)
{
  g_string_truncate (b->text[which], 0);
  g_string_append_len (b->text[which], value, len);
  b->have_text |= 1u << which;
}

static const char *
builder_get_text (Builder *b,
                  Text     which)
{
  return (b->have_text & (1u << which)) != 0 ? b->text[which]->str : NULL;
}

static gboolean
text_equal_ci (const char *value,
               gsize       len,
               const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (value, word, len) == 0;
}

/* A number, or a number in a string as the aliyun CLI sometimes writes them; -1 = unknown. */
static gboolean
parse_number (const char *value,
              gsize       len,
              double     *out)
{
  char buf[40];
  char *end;

  while (len > 0 && g_ascii_isspace (value[0]))
    {
      value++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (value[len - 1]))
    len--;

  if (len == 0)
    {
      *out = -1;
      return TRUE;
    }
  if (len >= sizeof buf)
    return FALSE;

  memcpy (buf, value, len);
  buf[len] = '\0';
  *out = g_ascii_strtod (buf, &end);
  return end != buf && *end == '\0' && isfinite (*out);
}

static gboolean
parse_count (const char *value,
             gsize       len,
             int        *out)
{
  double number;

  if (!parse_number (value, len, &number) || number > G_MAXINT)
    return FALSE;
  if (number < 0)
    {
      /* The API writes -1 for "no limit" on inbound bandwidth; anything else is a mistake. */
      if (number != -1)
        return FALSE;
      *out = -1;
      return TRUE;
    }

  *out = (int) number;
  return TRUE;
}

static gboolean
set_time (Parser     *self,
          Time        which,
          const char *value,
          gsize       len)
{
  Builder *b = &self->builder;
  char buf[64];

  g_clear_pointer (&b->time[which], g_date_time_unref);

  /* "AutoReleaseTime": "" is how the API says "none". */
  if (len == 0)
    return TRUE;

  if (len < sizeof buf)
    {
      memcpy (buf, value, len);
      buf[len] = '\0';
      b->time[which] = icp_time_parse (buf, NULL);
    }

  if (b->time[which] == NULL)
    {
      g_autofree char *text = g_strndup (value, MIN (len, 64));

      return fail_value (self, token_start (self, current_offset (self)),
                         /* Translators: completes "“%s” is not %s" */
                         _("a valid time (expected a time such as “2026-03-01T04:04Z”)"),
                         text);
    }

  return TRUE;
}

static gboolean
set_count (Parser     *self,
           int        *field,
           Kind        kind,
           const char *value,
           gsize       len)
{
  if (kind == KIND_NULL)
    {
      *field = -1;
      return TRUE;
    }

  if (kind == KIND_BOOLEAN || !parse_count (value, len, field))
    {
      g_autofree char *text = g_strndup (value, MIN (len, 64));

      return fail_value (self, token_start (self, current_offset (self)),
                         /* Translators: completes "“%s” is not %s" */
                         _("a whole number"), text);
    }

  return TRUE;
}

static void
add_lock (Builder    *b,
          const char *value,
          gsize       len)
{
  b->have_locks = TRUE;
  if (len > 0)
    g_ptr_array_add (b->locks, g_strndup (value, len));
}

static gboolean
take_value (Parser     *self,
            Field       field,
            Kind        kind,
            const char *value,
            gsize       len)
{
  Builder *b = &self->builder;

  switch (field)
    {
    case FIELD_NONE:
      return TRUE;

    case FIELD_INSTANCES:
    case FIELD_REPORT_INSTANCES:
    case FIELD_INSTANCE_LIST:
      return fail_shape (self, token_start (self, current_offset (self)));

    case FIELD_GENERATED:
      if (kind == KIND_STRING && len > 0 && len < 64)
        {
          g_autofree char *text = g_strndup (value, len);

          g_clear_pointer (&self->generated, g_date_time_unref);
          self->generated = icp_time_parse (text, NULL);
          self->n_before_generated = self->instances->len;
          if (self->generated == NULL)
            return fail_value (self, token_start (self, current_offset (self)),
                               _("a valid time (expected a time such as “2026-03-01T04:04Z”)"),
                               text);
        }
      return TRUE;

    case FIELD_API_CODE:
    case FIELD_API_MESSAGE:
      if (kind == KIND_STRING)
        {
          GString **target = field == FIELD_API_CODE ? &self->api_code : &self->api_message;

          if (*target == NULL)
            *target = g_string_new_len (value, len);
        }
      return TRUE;

    case FIELD_API_ID:
      b->from_api = TRUE;
      G_GNUC_FALLTHROUGH;
    case FIELD_ID:
    case FIELD_NAME:
    case FIELD_REGION:
    case FIELD_ZONE:
    case FIELD_STATUS:
    case FIELD_PUBLIC_IP:
    case FIELD_EIP:
    case FIELD_OWNER:
      /* An account id may come as a number; null and booleans say nothing. */
      if (kind == KIND_STRING || kind == KIND_NUMBER)
        builder_set_text (b, field == FIELD_API_ID ? TEXT_ID : (Text) (field - FIELD_ID),
                          value, len);
      return TRUE;

    case FIELD_IP_LIST:
      /* PublicIpAddress.IpAddress is an array; its first address is the instance's. */
      if (kind == KIND_STRING && (b->have_text & (1u << TEXT_PUBLIC_IP)) == 0)
        builder_set_text (b, TEXT_PUBLIC_IP, value, len);
      return TRUE;

    case FIELD_CHARGE_TYPE:
      b->charge_type = ICP_CHARGE_TYPE_UNKNOWN;
      if (kind == KIND_STRING)
        {
          if (text_equal_ci (value, len, "PrePaid"))
            b->charge_type = ICP_CHARGE_TYPE_PREPAID;
          else if (text_equal_ci (value, len, "PostPaid"))
            b->charge_type = ICP_CHARGE_TYPE_POSTPAID;
        }
      return TRUE;

    case FIELD_CREATION_TIME:
    case FIELD_EXPIRED_TIME:
    case FIELD_AUTO_RELEASE_TIME:
    case FIELD_SUBSCRIPTION_START:
      if (kind != KIND_STRING)
        {
          g_clear_pointer (&b->time[field - FIELD_CREATION_TIME], g_date_time_unref);
          return TRUE;
        }
      return set_time (self, (Time) (field - FIELD_CREATION_TIME), value, len);

    case FIELD_EIP_BANDWIDTH:
      return set_count (self, &b->eip_bandwidth, kind, value, len);

    case FIELD_BANDWIDTH_OUT:
      return set_count (self, &b->bandwidth_out, kind, value, len);

    case FIELD_CODES_USED:
      return set_count (self, &b->codes_used, kind, value, len);

    case FIELD_SUBSCRIPTION_MONTHS:
      b->months = -1;
      if (kind == KIND_NULL)
        return TRUE;
      if (kind == KIND_BOOLEAN || !parse_number (value, len, &b->months) || b->months < -1)
        {
          g_autofree char *text = g_strndup (value, MIN (len, 64));

          b->months = -1;
          return fail_value (self, token_start (self, current_offset (self)),
                             /* Translators: completes "“%s” is not %s" */
                             _("a number of months"), text);
        }
      return TRUE;

    case FIELD_SUBSCRIPTION_SOURCE:
      if (kind == KIND_STRING)
        {
          g_autofree char *nick = g_strndup (value, len);
          int source;

          if (icp_enum_from_nick (ICP_TYPE_SUBSCRIPTION_SOURCE, nick, &source))
            {
              b->source = source;
              b->have_source = TRUE;
            }
        }
      return TRUE;

    case FIELD_LOCK_REASON:
      if (kind == KIND_STRING)
        add_lock (b, value, len);
      return TRUE;

    case FIELD_PUBLIC_IP_OBJECT:
    case FIELD_EIP_OBJECT:
    case FIELD_LOCKS_OBJECT:
    case FIELD_LOCK_LIST:
    case FIELD_LOCK_REASONS:
    default:
      /* A scalar where the API has an object: nothing to learn from it. */
      return TRUE;
    }
}

static gboolean
push (Parser  *self,
      Context  context)
{
  /* The contexts nest at most eight deep; the rest is skipped, not pushed. */
  g_assert (self->depth < MAX_DEPTH);
  self->stack[self->depth++] = context;
  return TRUE;
}

static void
builder_apply_locks (Builder     *b,
                     IcpInstance *instance)
{
  /* NULL-terminated for the setter, which copies; then back to a plain list. */
  g_ptr_array_add (b->locks, NULL);
  icp_instance_set_lock_reasons (instance, (const char * const *) b->locks->pdata);
  g_ptr_array_set_size (b->locks, b->locks->len - 1);
}

static gboolean
finish_instance (Parser *self)
{
  Builder *b = &self->builder;
  const char *id = builder_get_text (b, TEXT_ID);
  g_autoptr(IcpInstance) instance = NULL;
  GDateTime *creation = b->time[TIME_CREATION];
  const char *text;

  if (id == NULL || id[0] == '\0')
    {
      Position pos = position_at (self, b->offset);

      if (self->error == NULL)
        self->error = g_error_new (ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_BAD_VALUE,
                                   /* Translators: %s:%u:%u: are a file name, line and column */
                                   _("%s:%u:%u: this instance has no “InstanceId”; every "
                                     "instance in the list needs its id: export the list "
                                     "again without leaving out “InstanceId”"),
                                   self->source->display_name, pos.line, pos.column + 1);
      return FALSE;
    }

  instance = icp_instance_new (id);

  if ((text = builder_get_text (b, TEXT_NAME)) != NULL)
    icp_instance_set_name (instance, text);
  if ((text = builder_get_text (b, TEXT_REGION)) != NULL)
    icp_instance_set_region_id (instance, text);
  if ((text = builder_get_text (b, TEXT_ZONE)) != NULL)
    icp_instance_set_zone_id (instance, text);
  if ((text = builder_get_text (b, TEXT_STATUS)) != NULL)
    icp_instance_set_status (instance, text);
  if ((text = builder_get_text (b, TEXT_OWNER)) != NULL)
    icp_instance_set_owner_account (instance, text);
  icp_instance_set_charge_type (instance, b->charge_type);
  icp_instance_set_creation_time (instance, creation);
  icp_instance_set_expired_time (instance, b->time[TIME_EXPIRED]);
  icp_instance_set_auto_release_time (instance, b->time[TIME_AUTO_RELEASE]);
  icp_instance_set_bandwidth_out (instance, b->bandwidth_out);
  icp_instance_set_eip_bandwidth (instance, b->eip_bandwidth);
  icp_instance_set_codes_used (instance, b->codes_used);

  if (b->from_api)
    {
      /* An API answer always says whether there is an address or a lock: an empty array or
       * an empty string means none, and so does a member left out by --cli-query. */
      text = builder_get_text (b, TEXT_PUBLIC_IP);
      icp_instance_set_public_ip (instance, text != NULL ? text : "");
      text = builder_get_text (b, TEXT_EIP);
      icp_instance_set_eip (instance, text != NULL ? text : "");
      builder_apply_locks (b, instance);

      /* Until the billing API tells the real start, a subscription counts from creation. */
      if (b->charge_type == ICP_CHARGE_TYPE_PREPAID && creation != NULL)
        {
          icp_instance_set_subscription_start (instance, creation);
          icp_instance_set_subscription_source (instance, ICP_SUBSCRIPTION_SOURCE_ESTIMATED);
        }
    }
  else
    {
      icp_instance_set_public_ip (instance, builder_get_text (b, TEXT_PUBLIC_IP));
      icp_instance_set_eip (instance, builder_get_text (b, TEXT_EIP));
      if (b->have_locks)
        builder_apply_locks (b, instance);

      /* A report that says it does not know the length leaves it unknown. */
      if (!b->have_source || b->source != ICP_SUBSCRIPTION_SOURCE_UNKNOWN)
        icp_import_apply_subscription (instance, b->source, b->time[TIME_SUBSCRIPTION_START],
                                       b->months);
    }

  icp_instance_set_observed (instance, self->generated != NULL ? self->generated
                                                               : self->source->observed);
  g_ptr_array_add (self->instances, g_steal_pointer (&instance));
  return TRUE;
}

static int
handle_scalar (Parser     *self,
               Kind        kind,
               const char *value,
               gsize       len)
{
  /* Where a syntax error after this value will be. */
  self->value_end = current_offset (self);

  if (self->skip > 0)
    return TRUE;

  switch (self->stack[self->depth - 1])
    {
    case CTX_ROOT:
      return fail_shape (self, token_start (self, current_offset (self)));

    case CTX_LIST:
      return fail_element (self, token_start (self, current_offset (self)));

    case CTX_IP_LIST:
      return take_value (self, FIELD_IP_LIST, kind, value, len);

    case CTX_REASON_LIST:
      return take_value (self, FIELD_LOCK_REASON, kind, value, len);

    case CTX_LOCK_LIST:
      return TRUE;

    case CTX_ROOT_OBJECT:
    case CTX_INSTANCES:
    case CTX_INSTANCE:
    case CTX_PUBLIC_IP:
    case CTX_EIP:
    case CTX_LOCKS:
    case CTX_LOCK:
    default:
      {
        Field field = self->pending;

        self->pending = FIELD_NONE;
        return take_value (self, field, kind, value, len);
      }
    }
}

static int
null_cb (void *ctx)
{
  return handle_scalar (ctx, KIND_NULL, NULL, 0);
}

static int
boolean_cb (void *ctx,
            int   value)
{
  return handle_scalar (ctx, KIND_BOOLEAN, value ? "true" : "false", value ? 4 : 5);
}

static int
number_cb (void       *ctx,
           const char *value,
           size_t      len)
{
  return handle_scalar (ctx, KIND_NUMBER, value, len);
}

static int
string_cb (void                *ctx,
           const unsigned char *value,
           size_t               len)
{
  return handle_scalar (ctx, KIND_STRING, (const char *) value, len);
}

static int
handle_start (Parser   *self,
              gboolean  is_map)
{
  Field field;

  if (self->skip > 0)
    {
      self->skip++;
      return TRUE;
    }

  field = self->pending;
  self->pending = FIELD_NONE;

  switch (self->stack[self->depth - 1])
    {
    case CTX_ROOT:
      self->root_offset = current_offset (self) - 1;
      self->root_has_list = FALSE;
      self->root_has_instances = FALSE;
      if (self->api_code != NULL)
        g_string_free (g_steal_pointer (&self->api_code), TRUE);
      if (self->api_message != NULL)
        g_string_free (g_steal_pointer (&self->api_message), TRUE);
      if (!is_map)
        {
          self->root_has_list = TRUE;
          return push (self, CTX_LIST);
        }
      return push (self, CTX_ROOT_OBJECT);

    case CTX_LIST:
      if (!is_map)
        return fail_element (self, current_offset (self) - 1);
      builder_reset (&self->builder, current_offset (self) - 1);
      return push (self, CTX_INSTANCE);

    case CTX_LOCK_LIST:
      if (is_map)
        return push (self, CTX_LOCK);
      break;

    case CTX_ROOT_OBJECT:
      if (field == FIELD_INSTANCES && is_map)
        {
          self->root_has_instances = TRUE;
          self->instances_offset = current_offset (self) - 1;
          return push (self, CTX_INSTANCES);
        }
      if (field == FIELD_REPORT_INSTANCES && !is_map)
        {
          self->root_has_list = TRUE;
          return push (self, CTX_LIST);
        }
      if (field == FIELD_INSTANCES || field == FIELD_REPORT_INSTANCES)
        return fail_shape (self, current_offset (self) - 1);
      break;

    case CTX_INSTANCES:
      if (field == FIELD_INSTANCE_LIST)
        {
          if (is_map)
            return fail_shape (self, current_offset (self) - 1);
          self->root_has_list = TRUE;
          return push (self, CTX_LIST);
        }
      break;

    case CTX_INSTANCE:
      if (field == FIELD_PUBLIC_IP_OBJECT && is_map)
        return push (self, CTX_PUBLIC_IP);
      if (field == FIELD_EIP_OBJECT && is_map)
        return push (self, CTX_EIP);
      if (field == FIELD_LOCKS_OBJECT && is_map)
        return push (self, CTX_LOCKS);
      if (field == FIELD_LOCK_REASONS && !is_map)
        {
          self->builder.have_locks = TRUE;
          return push (self, CTX_REASON_LIST);
        }
      break;

    case CTX_PUBLIC_IP:
      if (field == FIELD_IP_LIST && !is_map)
        return push (self, CTX_IP_LIST);
      break;

    case CTX_LOCKS:
      if (field == FIELD_LOCK_LIST && !is_map)
        {
          self->builder.have_locks = TRUE;
          return push (self, CTX_LOCK_LIST);
        }
      break;

    case CTX_IP_LIST:
    case CTX_EIP:
    case CTX_LOCK:
    case CTX_REASON_LIST:
    default:
      break;
    }

  /* Anything else is a subtree we do not need: count our way through it. */
  self->skip = 1;
  return TRUE;
}

static int
start_map_cb (void *ctx)
{
  return handle_start (ctx, TRUE);
}

static int
start_array_cb (void *ctx)
{
  return handle_start (ctx, FALSE);
}

static int
end_cb (void *ctx)
{
  Parser *self = ctx;
  Context context;

  self->value_end = current_offset (self);

  if (self->skip > 0)
    {
      self->skip--;
      return TRUE;
    }

  context = self->stack[--self->depth];
  self->pending = FIELD_NONE;

  switch (context)
    {
    case CTX_INSTANCE:
      return finish_instance (self);

    case CTX_INSTANCES:
      /* "Instances" without an "Instance" array is no list we know. */
      if (!self->root_has_list)
        return fail_shape (self, self->instances_offset);
      return TRUE;

    case CTX_ROOT_OBJECT:
      if (!self->root_has_list)
        return fail_shape (self, self->root_offset);
      return TRUE;

    case CTX_ROOT:
    case CTX_LIST:
    case CTX_PUBLIC_IP:
    case CTX_IP_LIST:
    case CTX_EIP:
    case CTX_LOCKS:
    case CTX_LOCK_LIST:
    case CTX_LOCK:
    case CTX_REASON_LIST:
    default:
      return TRUE;
    }
}

static int
map_key_cb (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  Parser *self = ctx;

  if (self->skip > 0)
    return TRUE;

  switch (self->stack[self->depth - 1])
    {
    case CTX_INSTANCE:
      self->pending = lookup_instance_key (key, len);
      break;

    case CTX_ROOT_OBJECT:
      if (KEY_IS (key, len, "Instances"))
        self->pending = FIELD_INSTANCES;
      else if (KEY_IS (key, len, "instances"))
        self->pending = FIELD_REPORT_INSTANCES;
      else if (KEY_IS (key, len, "generated"))
        self->pending = FIELD_GENERATED;
      else if (KEY_IS (key, len, "Code"))
        self->pending = FIELD_API_CODE;
      else if (KEY_IS (key, len, "Message"))
        self->pending = FIELD_API_MESSAGE;
      else
        self->pending = FIELD_NONE;
      break;

    case CTX_INSTANCES:
      self->pending = KEY_IS (key, len, "Instance") ? FIELD_INSTANCE_LIST : FIELD_NONE;
      break;

    case CTX_PUBLIC_IP:
      self->pending = KEY_IS (key, len, "IpAddress") ? FIELD_IP_LIST : FIELD_NONE;
      break;

    case CTX_EIP:
      if (KEY_IS (key, len, "IpAddress"))
        self->pending = FIELD_EIP;
      else if (KEY_IS (key, len, "Bandwidth"))
        self->pending = FIELD_EIP_BANDWIDTH;
      else
        self->pending = FIELD_NONE;
      break;

    case CTX_LOCKS:
      self->pending = KEY_IS (key, len, "LockReason") ? FIELD_LOCK_LIST : FIELD_NONE;
      break;

    case CTX_LOCK:
      self->pending = KEY_IS (key, len, "LockReason") ? FIELD_LOCK_REASON : FIELD_NONE;
      break;

    case CTX_ROOT:
    case CTX_LIST:
    case CTX_IP_LIST:
    case CTX_LOCK_LIST:
    case CTX_REASON_LIST:
    default:
      self->pending = FIELD_NONE;
      break;
    }

  return TRUE;
}

static const yajl_callbacks callbacks = {
  .yajl_null = null_cb,
  .yajl_boolean = boolean_cb,
  .yajl_number = number_cb,
  .yajl_string = string_cb,
  .yajl_start_map = start_map_cb,
  .yajl_map_key = map_key_cb,
  .yajl_end_map = end_cb,
  .yajl_start_array = start_array_cb,
  .yajl_end_array = end_cb,
};

/* yajl's own words, in English; say what they mean in the user's language. */
static const struct
{
  const char *yajl;
  const char *ours;
} syntax_errors[] = {
  /* Translators: this and the phrases below complete "this is not valid JSON (%s)" */
  { "invalid char in json text", N_("a character that cannot be there") },
  { "invalid string in json text", N_("a word that is not true, false or null") },
  { "inside a string, '\\' occurs", N_("a backslash escape that JSON does not have") },
  { "invalid character inside string", N_("a control character inside a string") },
  { "non-hex", N_("a “\\u” escape without four hex digits") },
  { "malformed number", N_("a malformed number") },
  { "comment", N_("a comment, which JSON does not allow") },
  { "unallowed token", N_("a value, comma or colon out of place") },
  { "invalid object key", N_("an object member whose name is not a string") },
  { "separated by a colon", N_("a member name without a colon after it") },
  { "inside map, I expect", N_("a missing comma or “}” after an object member") },
  { "after array element", N_("a missing comma or “]” after an array element") },
  { "trailing garbage", N_("text after the end of the JSON value") },
};

static void
set_syntax_error (Parser  *self,
                  GError **error)
{
  unsigned char *yajl_message = yajl_get_error (self->handle, 0, NULL, 0);
  const char *text = (const char *) yajl_message;
  gboolean lexical = g_str_has_prefix (text, "lexical error");
  goffset end = current_offset (self);
  g_autofree char *detail = NULL;
  Position pos;

  /* A lexical error stops just after the bad byte, most parse errors just after the token
   * that does not fit; the token's start is the better place to point at. After a value,
   * yajl steps back by a length that misses a string's quotes: there, the token is simply
   * the first thing after the value. */
  if (lexical)
    {
      pos = position_at (self, MAX (end - 1, 0));
    }
  else if (strstr (text, "inside map, I expect") != NULL ||
           strstr (text, "after array element") != NULL)
    {
      goffset o = self->value_end;
      int c;

      while ((c = byte_at (self, o)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        o++;
      pos = position_at (self, c >= 0 ? o : end);
    }
  else
    {
      pos = position_at (self, token_start (self, end));
    }

  if (strstr (text, "invalid bytes in UTF8") != NULL)
    {
      g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SYNTAX,
                   /* Translators: %s:%u:%u: are a file name, line and column */
                   _("%s:%u:%u: these bytes are not UTF-8 text; JSON must be encoded in UTF-8: "
                     "export the list again, or save it as UTF-8"),
                   self->source->display_name, pos.line, pos.column + 1);
      yajl_free_error (self->handle, yajl_message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (syntax_errors); i++)
    if (strstr (text, syntax_errors[i].yajl) != NULL)
      {
        detail = g_strdup (_(syntax_errors[i].ours));
        break;
      }
  if (detail == NULL)
    {
      const char *colon = strstr (text, ": ");

      detail = g_strstrip (g_strdup (colon != NULL ? colon + 2 : text));
    }
  yajl_free_error (self->handle, yajl_message);

  g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_SYNTAX,
               /* Translators: %s:%u:%u: are a file name, line and column; the last %s says
                * what is wrong, e.g. "a missing comma or “]” after an array element" */
               _("%s:%u:%u: this is not valid JSON (%s); check the file or export it again"),
               self->source->display_name, pos.line, pos.column + 1, detail);
}

static void
set_truncated_error (Parser  *self,
                     GError **error)
{
  gboolean in_list = FALSE;
  guint n = self->instances->len;

  for (guint i = 0; i < self->depth; i++)
    in_list |= self->stack[i] == CTX_LIST;

  if (in_list)
    g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_TRUNCATED,
                 g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %s:%u:%u: are a file name, line and column;
                               * %u is a number of instances */
                              "%s:%u:%u: the file ends in the middle of the instance list, "
                              "after %u complete instance — the file may be cut off; export "
                              "it again",
                              "%s:%u:%u: the file ends in the middle of the instance list, "
                              "after %u complete instances — the file may be cut off; export "
                              "it again",
                              n),
                 self->source->display_name, self->end.line, self->end.column + 1, n);
  else
    g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_TRUNCATED,
                 /* Translators: %s:%u:%u: are a file name, line and column */
                 _("%s:%u:%u: the file ends in the middle of a JSON value — the file may be "
                   "cut off; export it again"),
                 self->source->display_name, self->end.line, self->end.column + 1);
}

static gboolean
feed (Parser        *self,
      const guint8  *data,
      gsize          len,
      GError       **error)
{
  yajl_status status;

  self->prev = self->cur;
  self->cur.data = data;
  self->cur.len = len;
  self->cur.base = self->prev.base + (goffset) self->prev.len;
  self->cur.start = self->end;

  status = yajl_parse (self->handle, data, len);
  if (status == yajl_status_client_canceled)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (status != yajl_status_ok)
    {
      set_syntax_error (self, error);
      return FALSE;
    }

  self->end = advance (self->end, data, len);
  return TRUE;
}

static void
parser_clear (Parser *self)
{
  if (self->handle != NULL)
    yajl_free (self->handle);
  builder_clear (&self->builder);
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->generated, g_date_time_unref);
  if (self->api_code != NULL)
    g_string_free (self->api_code, TRUE);
  if (self->api_message != NULL)
    g_string_free (self->api_message, TRUE);
  g_clear_error (&self->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parser, parser_clear)

/**
 * icp_import_read_json:
 * @source: the file being read
 * @head: the first bytes of the file, already read (without a UTF-8 BOM)
 * @head_len: their length
 * @stream: (nullable): the rest of the file, or %NULL if @head is all of it
 * @error: where to put a reason the list cannot be read
 *
 * Returns: (transfer container) (element-type IcpInstance): the instances, in file order.
 */
GPtrArray *
icp_import_read_json (const IcpImportSource  *source,
                      const guint8           *head,
                      gsize                   head_len,
                      GInputStream           *stream,
                      GError                **error)
{
  g_auto(Parser) parser = { 0 };
  g_autofree guint8 *buffers = NULL;
  guint which = 0;

  init_key_index ();

  parser.source = source;
  parser.end.line = 1;
  parser.cur.start.line = 1;
  parser.stack[parser.depth++] = CTX_ROOT;
  parser.instances = g_ptr_array_new_with_free_func (g_object_unref);
  builder_init (&parser.builder);

  parser.handle = yajl_alloc (&callbacks, NULL, &parser);
  /* Dumps of several regions concatenated are one list. */
  yajl_config (parser.handle, yajl_allow_multiple_values, 1);

  if (!feed (&parser, head, head_len, error))
    return NULL;

  if (stream != NULL)
    buffers = g_malloc (2 * CHUNK_SIZE);

  while (stream != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      guint8 *buffer = buffers + which * CHUNK_SIZE;
      gssize n;

      n = g_input_stream_read (stream, buffer, CHUNK_SIZE, source->cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO,
                         /* Translators: %s:%u:%u: are a file name, line and column; then
                          * an error from the system */
                         _("%s:%u:%u: the file cannot be read from here on (%s); check the "
                           "disk or copy the file again"),
                         source->display_name, parser.end.line, parser.end.column + 1,
                         local_error->message);
          return NULL;
        }
      if (n == 0)
        break;

      /* The buffer we read into held the chunk before the previous one: no longer needed. */
      if (!feed (&parser, buffer, n, error))
        return NULL;
      which ^= 1;
    }

  if (yajl_complete_parse (parser.handle) != yajl_status_ok)
    {
      if (parser.error != NULL)
        g_propagate_error (error, g_steal_pointer (&parser.error));
      else
        set_truncated_error (&parser, error);
      return NULL;
    }

  /* A report whose "generated" came after its instances. */
  if (parser.generated != NULL)
    for (guint i = 0; i < parser.n_before_generated; i++)
      icp_instance_set_observed (g_ptr_array_index (parser.instances, i), parser.generated);

  return g_steal_pointer (&parser.instances);
}
