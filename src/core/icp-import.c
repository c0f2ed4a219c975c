/* icp-import.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads exported instance lists. The format is sniffed, not taken from the file name: a list
 * saved from a browser or a spreadsheet often has the wrong extension. The first character
 * that is not a BOM or white space decides: `{` or `[` is JSON (icp-import-json.c), anything
 * else CSV (icp-import-csv.c). Both readers get the bytes read while sniffing, so that a pipe
 * can be read once.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "icp-import-private.h"

G_DEFINE_QUARK (icp-import-error-quark, icp_import_error)

#define SNIFF_CHUNK 4096

/* The start of a subscription that ends at @expired and lasts @months, as a report writes
 * them: reports write the length, not the start. Whole months go back by the calendar (the way
 * icp_time_months_between() counts them); the part month by days of 30.44. */
static GDateTime *
start_from_months (GDateTime *expired,
                   double     months)
{
  g_autoptr(GDateTime) whole = NULL;
  double full = floor (months);
  double rest = months - full;

  g_return_val_if_fail (expired != NULL, NULL);
  g_return_val_if_fail (months >= 0, NULL);

  whole = g_date_time_add_months (expired, - (int) full);
  return g_date_time_add (whole, - (GTimeSpan) llround (rest * 30.44 * G_TIME_SPAN_DAY));
}

/**
 * icp_import_apply_subscription:
 * @instance: an instance read from one of our reports
 * @source: the report's subscription-months-source
 * @start: (nullable): the report's subscription-start, if it has one
 * @months: the report's subscription-months, -1 if none
 *
 * A report says where its subscription length comes from; keep that, and rebuild the start
 * from the length when the report does not give it. Call after the expiry time is set.
 */
void
icp_import_apply_subscription (IcpInstance           *instance,
                               IcpSubscriptionSource  source,
                               GDateTime             *start,
                               double                 months)
{
  g_autoptr(GDateTime) derived = NULL;
  GDateTime *expired = icp_instance_get_expired_time (instance);

  if (start == NULL && months >= 0 && expired != NULL)
    start = derived = start_from_months (expired, months);

  if (start == NULL)
    return;

  /* A length without a source is at best an estimate. */
  if (source == ICP_SUBSCRIPTION_SOURCE_UNKNOWN)
    source = ICP_SUBSCRIPTION_SOURCE_ESTIMATED;

  icp_instance_set_subscription_start (instance, start);
  icp_instance_set_subscription_source (instance, source);
}

/**
 * icp_import_stream:
 * @stream: the exported list
 * @display_name: how messages name the source: a path, or "standard input"
 * @policy: the policy whose region table reads region names in CSV files
 * @observed: (nullable): when the list was exported (the file's modification time); a
 *   report's own "generated" time wins; %NULL means now
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put a reason the list cannot be read
 *
 * Reads every instance in @stream, whatever supported format it is in. Errors are in the
 * %ICP_IMPORT_ERROR domain and name the file, line and column, except a cancellation, which
 * is %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer container) (element-type IcpInstance): the instances, in file order.
 */
GPtrArray *
icp_import_stream (GInputStream  *stream,
                   const char    *display_name,
                   IcpPolicy     *policy,
                   GDateTime     *observed,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(GDateTime) now = NULL;
  IcpImportSource source;
  gsize start = 0;
  gsize first = 0;
  gboolean eof = FALSE;
  gboolean bom_checked = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (ICP_IS_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (observed == NULL)
    observed = now = g_date_time_new_now_utc ();

  /* Read until the first meaningful byte: a file may start with a lot of white space. */
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize len = head->len;
      gssize n;

      g_byte_array_set_size (head, len + SNIFF_CHUNK);
      n = g_input_stream_read (stream, head->data + len, SNIFF_CHUNK, cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO,
                         /* Translators: %s is a file name, then an error from the system */
                         _("%s:1:1: the file cannot be read (%s); check that it is still there "
                           "and that you may read it"),
                         display_name, local_error->message);
          return NULL;
        }
      g_byte_array_set_size (head, head->len - SNIFF_CHUNK + n);
      if (n == 0)
        eof = TRUE;

      /* A pipe may hand over the three bytes of a BOM in pieces. */
      if (!bom_checked)
        {
          if (head->len < 3 && !eof)
            continue;
          bom_checked = TRUE;
          if (head->len >= 3 && memcmp (head->data, "\xEF\xBB\xBF", 3) == 0)
            start = first = 3;
        }

      while (first < head->len && g_ascii_isspace (head->data[first]))
        first++;
      if (first < head->len || eof)
        break;
    }

  source.display_name = display_name;
  source.policy = policy;
  source.observed = observed;
  source.cancellable = cancellable;
  source.had_bom = start == 3;

  if (first >= head->len)
    {
      g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s:1:1: the file is empty; expected an ECS instance list in JSON or CSV"),
                   display_name);
      return NULL;
    }

  if (head->data[first] == '{' || head->data[first] == '[')
    return icp_import_read_json (&source, head->data + start, head->len - start,
                                 eof ? NULL : stream, error);
  else
    return icp_import_read_csv (&source, head->data + start, head->len - start,
                                eof ? NULL : stream, error);
}

/* Counts the bytes read through it, for progress. */
struct _IcpCountingStream
{
  GFilterInputStream  parent_instance;

  guint64             count;
  void              (*func) (guint64 count, gpointer data);
  gpointer            data;
};

#define ICP_TYPE_COUNTING_STREAM (icp_counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (IcpCountingStream, icp_counting_stream, ICP, COUNTING_STREAM,
                      GFilterInputStream)
G_DEFINE_FINAL_TYPE (IcpCountingStream, icp_counting_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
icp_counting_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  IcpCountingStream *self = ICP_COUNTING_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n = g_input_stream_read (base, buffer, count, cancellable, error);

  if (n > 0)
    {
      self->count += n;
      self->func (self->count, self->data);
    }

  return n;
}

static void
icp_counting_stream_class_init (IcpCountingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = icp_counting_stream_read;
}

static void
icp_counting_stream_init (IcpCountingStream *self)
{
}

static GPtrArray *
import_file (GFile         *file,
             IcpPolicy     *policy,
             void         (*counted) (guint64 count, gpointer data),
             gpointer       counted_data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GInputStream) counting = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (ICP_IS_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO,
                       /* Translators: %s is a file name */
                       _("%s: no such file; check the name and the folder"), name);
        }
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        {
          g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO,
                       /* Translators: %s is a file name */
                       _("%s: this is a folder; choose the exported file inside it"), name);
        }
      else
        {
          g_set_error (error, ICP_IMPORT_ERROR, ICP_IMPORT_ERROR_IO,
                       /* Translators: %s is a file name, then an error from the system */
                       _("%s: the file cannot be opened (%s); check that you may read it"),
                       name, local_error->message);
        }
      return NULL;
    }

  info = g_file_input_stream_query_info (stream,
                                         G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                         G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                         cancellable, NULL);
  if (info != NULL)
    modified = g_file_info_get_modification_date_time (info);

  if (counted != NULL)
    {
      counting = g_object_new (ICP_TYPE_COUNTING_STREAM, "base-stream", stream, NULL);
      ICP_COUNTING_STREAM (counting)->func = counted;
      ICP_COUNTING_STREAM (counting)->data = counted_data;
    }

  return icp_import_stream (counting != NULL ? counting : G_INPUT_STREAM (stream), name, policy,
                            modified, cancellable, error);
}

/**
 * icp_import_file:
 * @file: an exported list
 * @policy: the policy whose region table reads region names in CSV files
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put a reason the list cannot be read
 *
 * Like icp_import_stream(), naming the file by its parse name; the facts count as observed
 * when the file was last modified. The file is only read.
 *
 * Returns: (transfer container) (element-type IcpInstance): the instances, in file order.
 */
GPtrArray *
icp_import_file (GFile         *file,
                 IcpPolicy     *policy,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return import_file (file, policy, NULL, NULL, cancellable, error);
}

typedef struct
{
  GFile              **files;
  guint                n_files;
  IcpPolicy           *policy;
  GTask               *task;          /* borrowed: the task owns this data */
  IcpImportProgress    progress;
  gpointer             progress_data;
  guint64              total;         /* bytes in all files, 0 when unknown */
  guint64              done;          /* bytes in the files already read */
  guint64              current;       /* bytes read so far in the file being read */
  /* Shared with the caller's thread, under the lock: the latest figure, when it was last
   * reported, and whether a report of it is already on its way. */
  GMutex               lock;
  guint64              latest;
  gint64               last_report;   /* monotonic µs */
  gboolean             report_queued;
} ImportFilesData;

/* At most ten reports a second reach the caller: plenty for a progress bar, and nothing for the
 * reader. A figure that comes too soon is not dropped but reported a little later, so a reader
 * that stalls (a slow disk, a pipe) still shows how far it got. */
#define REPORT_INTERVAL (G_USEC_PER_SEC / 10)

/* In the caller's main context: reports the latest figure. */
static gboolean
progress_report_cb (gpointer user_data)
{
  GTask *task = user_data;
  ImportFilesData *data = g_task_get_task_data (task);
  guint64 done;

  g_mutex_lock (&data->lock);
  done = data->latest;
  data->report_queued = FALSE;
  data->last_report = g_get_monotonic_time ();
  g_mutex_unlock (&data->lock);

  /* Nothing after the result: the caller may have let go of progress_data by then. */
  if (!g_task_get_completed (task))
    data->progress (done, data->total > 0 ? MAX (data->total, done) : 0, data->progress_data);

  return G_SOURCE_REMOVE;
}

static void
post_progress (ImportFilesData *data,
               guint64          done,
               gboolean         now)
{
  g_autoptr(GSource) source = NULL;
  gint64 wait = 0;

  if (data->progress == NULL)
    return;

  g_mutex_lock (&data->lock);
  data->latest = done;
  if (data->report_queued && !now)
    {
      /* The report on its way will carry this figure. */
      g_mutex_unlock (&data->lock);
      return;
    }
  /* @now: the first and the last figure go at once (the last before the result). */
  if (!now)
    wait = MAX (0, data->last_report + REPORT_INTERVAL - g_get_monotonic_time ());
  data->report_queued = TRUE;
  g_mutex_unlock (&data->lock);

  source = wait > 0 ? g_timeout_source_new ((guint) (wait / 1000) + 1) : g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_report_cb, g_object_ref (data->task), g_object_unref);
  g_source_attach (source, g_task_get_context (data->task));
}

static void
file_counted_cb (guint64  count,
                 gpointer user_data)
{
  ImportFilesData *data = user_data;

  data->current = count;
  post_progress (data, data->done + count, FALSE);
}

static void
import_files_data_free (gpointer data)
{
  ImportFilesData *self = data;

  for (guint i = 0; i < self->n_files; i++)
    g_object_unref (self->files[i]);
  g_free (self->files);
  g_object_unref (self->policy);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
import_files_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ImportFilesData *data = task_data;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; data->progress != NULL && i < data->n_files; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (data->files[i],
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                     G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);

      /* A pipe or a device has no size to go by: the total is then unknown (0). */
      if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        {
          data->total = 0;
          break;
        }
      data->total += g_file_info_get_size (info);
    }
  post_progress (data, 0, TRUE);

  for (guint i = 0; i < data->n_files; i++)
    {
      g_autoptr(GPtrArray) instances = NULL;
      GError *error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      instances = import_file (data->files[i], data->policy,
                               data->progress != NULL ? file_counted_cb : NULL, data,
                               cancellable, &error);
      if (instances == NULL)
        {
          /* One unreadable file fails the lot: a partial list would pass for a whole one. */
          g_task_return_error (task, error);
          return;
        }

      g_ptr_array_extend_and_steal (all, g_steal_pointer (&instances));

      /* What the counting stream saw: every byte of the file, read once. */
      data->done += data->current;
      data->current = 0;
    }

  /* Queued before the result, so the last report arrives before the callback. */
  post_progress (data, data->done, TRUE);
  g_task_return_pointer (task, g_steal_pointer (&all), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * icp_import_files_async:
 * @files: (array length=n_files): exported lists, one per region say
 * @n_files: the number of @files
 * @policy: the policy whose region table reads region names in CSV files
 * @progress: (nullable) (scope call): told how far the reading has come
 * @progress_data: data for @progress; it must live until @callback is called
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every file is read, or one cannot be
 * @user_data: data for @callback
 *
 * Reads the files one after the other in a worker thread, so that a window stays responsive
 * while a 100 000-instance list loads. @progress is called in the caller's thread-default main
 * context, at most ten times a second and once at the end, never after @callback. Instances
 * are not merged here: the inventory merges them by id.
 */
void
icp_import_files_async (GFile               **files,
                        guint                 n_files,
                        IcpPolicy            *policy,
                        IcpImportProgress     progress,
                        gpointer              progress_data,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportFilesData *data;

  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (ICP_IS_POLICY (policy));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportFilesData, 1);
  g_mutex_init (&data->lock);
  data->files = g_new0 (GFile *, MAX (n_files, 1));
  for (guint i = 0; i < n_files; i++)
    data->files[i] = g_object_ref (files[i]);
  data->n_files = n_files;
  data->policy = g_object_ref (policy);
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  data->task = task;
  g_task_set_source_tag (task, icp_import_files_async);
  g_task_set_name (task, "[icp] import files");
  g_task_set_task_data (task, data, import_files_data_free);
  g_task_run_in_thread (task, import_files_thread);
}

/**
 * icp_import_files_finish:
 * @result: the result given to the callback
 * @error: where to put the first file's error (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer container) (element-type IcpInstance): the instances of all files,
 *   in order, or %NULL with @error set.
 */
GPtrArray *
icp_import_files_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == icp_import_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
