/* bench-ui.c: the review page with a large list, timed: launch to first frame, keystroke to
 * filtered frame, scrolling
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Usage: bench-ui FILE [QUERY…]   (under X11 or Xvfb; see benchmarks/README.md)
 *
 * (a) From process start (the kernel's start time of this process) to the first frame that
 *     shows the review page with rows: the window opens at once, FILE is read and checked off
 *     the UI thread (icp_import_files_async), the inventory goes to the page, and the clock
 *     stops at the frame clock's "after-paint" that follows.
 *     BENCH_UI_CHUNK=N adds the instances to the inventory N at a time, one batch per main
 *     loop turn, and reports the longest time the UI thread was blocked.
 * (b) For each QUERY, from the keystroke to the next painted frame of the filtered list,
 *     BENCH_UI_ROUNDS times (default 1; median and worst are printed):
 *     - "direct": icp_review_page_set_search_text(), which filters at once (what the entry
 *       does after its typing delay);
 *     - "typed": the text set in the GtkSearchEntry as a key press would, so the time includes
 *       the entry's search delay.
 *     Each query is followed by clearing the search (timed too: back to every row).
 * (c) Scrolling, one step per frame: 100 steps of a page (jumps) and 200 of 3 rows (a fast
 *     wheel) from the top, with all rows, with a search (BENCH_UI_SCROLL_SEARCH, default "w"),
 *     sorted by the Region column (the sort itself is timed too), and sorted with the search;
 *     per frame: median, 95th percentile and worst time, frames over 16.7 and 33 ms, the UI
 *     thread's CPU time, and the intervals between frames. BENCH_UI_ROUNDS repeats each run.
 * BENCH_UI_PARTS=ac (say) runs only those parts; (a) always runs, it loads the list.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "icp-import.h"
#include "icp-resources.h"
#include "icp-review-page.h"

#define NOW "2026-11-20T08:00:00Z"

typedef struct
{
  GtkWidget     *window;
  IcpReviewPage *page;
  IcpPolicy     *policy;
  IcpInventory  *inventory;
  GMainLoop     *loop;

  gint64         main_start;     /* monotonic µs at main() */
  double         process_age_at_main;  /* s between process start and main() */
  gint64         import_start;
  gint64         import_done;
  gint64         inventory_done;
  gint64         page_done;

  /* BENCH_UI_CHUNK=N: add to the inventory N instances per main loop turn */
  guint          chunk;
  GPtrArray     *pending;
  guint          added;
  guint          n_chunks;
  gint64         longest_block;  /* µs: longest time the UI thread spent adding at once */

  /* One measurement at a time: the clock stops at the next after-paint once armed. */
  gint64         first_change;   /* first items-changed after arming (the filter is done) */
  gint64         frame_start;   /* the measured frame's start (the frame clock's before-paint) */
  gboolean       armed;
  gint64         paint_time;
  gint64         paint_cpu;      /* the UI thread's CPU time at that after-paint */
  gboolean       painted;
} Bench;

static double
ms (gint64 from,
    gint64 to)
{
  return (to - from) / 1000.0;
}

/* Seconds between this process's start (as the kernel records it) and now. */
static double
process_age (void)
{
  g_autofree char *stat = NULL;
  struct timespec boot;
  const char *p;
  unsigned long long start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return 0;
  /* Field 22 (starttime), counted after the ")" that ends field 2 (comm). */
  p = strrchr (stat, ')');
  if (p == NULL)
    return 0;
  p += 2;
  for (int field = 3; field < 22 && p != NULL; field++)
    {
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  if (p == NULL)
    return 0;
  start_ticks = g_ascii_strtoull (p, NULL, 10);
  clock_gettime (CLOCK_BOOTTIME, &boot);
  return boot.tv_sec + boot.tv_nsec / 1e9 - (double) start_ticks / sysconf (_SC_CLK_TCK);
}

/* CPU time of the calling thread in µs: unlike the wall clock, it does not grow when other
 * processes take the machine's cores. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (!bench->armed)
    return;
  bench->armed = FALSE;
  bench->painted = TRUE;
  bench->paint_time = g_get_monotonic_time ();
  bench->paint_cpu = thread_cpu_time ();
}

/* The first items-changed of any list model after arming: the filter model's, once it
 * has filtered; the views' reactions follow inside that emission. */
static gboolean
items_changed_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_params,
                       const GValue          *params,
                       gpointer               user_data)
{
  Bench *bench = user_data;

  if (bench->armed && bench->first_change == 0)
    bench->first_change = g_get_monotonic_time ();
  return TRUE;
}

static void
before_paint_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  if (bench->armed && bench->frame_start == 0)
    bench->frame_start = g_get_monotonic_time ();
}

static void
arm (Bench *bench)
{
  bench->first_change = 0;
  bench->frame_start = 0;
  bench->painted = FALSE;
  bench->armed = TRUE;
  gtk_widget_queue_draw (bench->window);
}

static void
wait_painted (Bench *bench)
{
  while (!bench->painted)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_ms (guint msec)
{
  gint64 until = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
show_inventory (Bench *bench)
{
  bench->inventory_done = g_get_monotonic_time ();

  arm (bench);
  icp_review_page_set_inventory (bench->page, bench->inventory);
  bench->page_done = g_get_monotonic_time ();

  g_main_loop_quit (bench->loop);
}

static gboolean
add_chunk_cb (gpointer user_data)
{
  Bench *bench = user_data;
  guint n = MIN (bench->chunk, bench->pending->len - bench->added);
  g_autoptr(GPtrArray) chunk = g_ptr_array_new ();
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (chunk, g_ptr_array_index (bench->pending, bench->added + i));
  icp_inventory_add_all (bench->inventory, chunk);
  bench->added += n;
  bench->longest_block = MAX (bench->longest_block, g_get_monotonic_time () - start);
  bench->n_chunks++;

  if (bench->added < bench->pending->len)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&bench->pending, g_ptr_array_unref);
  show_inventory (bench);
  return G_SOURCE_REMOVE;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = icp_import_files_finish (result, &error);

  if (instances == NULL)
    {
      g_printerr ("bench-ui: %s\n", error->message);
      exit (2);
    }
  bench->import_done = g_get_monotonic_time ();

  if (bench->chunk > 0)
    {
      /* In batches from an idle callback, as the window could do to stay responsive. */
      bench->pending = g_steal_pointer (&instances);
      g_idle_add (add_chunk_cb, bench);
      return;
    }

  icp_inventory_add_all (bench->inventory, instances);
  bench->longest_block = g_get_monotonic_time () - bench->import_done;
  show_inventory (bench);
}

typedef struct
{
  gboolean filtered;
} Filtered;

static void
filter_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Filtered   *filtered)
{
  filtered->filtered = TRUE;
}

/* One "direct" measurement, split where the time goes. */
typedef struct
{
  double total;    /* set_search_text() to the painted frame */
  double cpu;      /* the UI thread's CPU time in the same span */
  double filter;   /* to the filter model's items-changed: the filter over every row */
  double update;   /* that emission: selection and column view react, rows are rebound */
  double wait;     /* to the start of the next frame */
  double frame;    /* the frame: styles, layout (measuring the new rows) and paint */
} Timing;

static Timing
time_direct (Bench      *bench,
             const char *query,
             guint      *n_rows)
{
  Timing timing;
  gint64 start, start_cpu, returned;

  wait_ms (300);
  arm (bench);
  start_cpu = thread_cpu_time ();
  start = g_get_monotonic_time ();
  icp_review_page_set_search_text (bench->page, query);
  returned = g_get_monotonic_time ();
  wait_painted (bench);
  *n_rows = g_list_model_get_n_items (icp_review_page_get_visible_model (bench->page));

  if (bench->first_change == 0)
    bench->first_change = returned;
  if (bench->frame_start == 0)
    bench->frame_start = bench->paint_time;
  timing.total = ms (start, bench->paint_time);
  timing.cpu = ms (start_cpu, bench->paint_cpu);
  timing.filter = ms (start, bench->first_change);
  timing.update = ms (bench->first_change, returned);
  timing.wait = ms (returned, bench->frame_start);
  timing.frame = ms (bench->frame_start, bench->paint_time);
  return timing;
}

static double
time_typed (Bench      *bench,
            GtkWidget  *entry,
            const char *query,
            guint      *n_rows)
{
  GListModel *model = icp_review_page_get_visible_model (bench->page);
  Filtered filtered = { FALSE };
  gulong handler;
  gint64 start;

  wait_ms (300);
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (filter_items_changed_cb),
                              &filtered);
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  /* The entry filters after its delay; then the next frame shows it. */
  while (!filtered.filtered)
    g_main_context_iteration (NULL, TRUE);
  arm (bench);
  wait_painted (bench);
  g_signal_handler_disconnect (model, handler);
  *n_rows = g_list_model_get_n_items (model);
  return ms (start, bench->paint_time);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values in place. */
static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
worst_of (const double *values,
          guint         n)
{
  double worst = 0;

  for (guint i = 0; i < n; i++)
    worst = MAX (worst, values[i]);
  return worst;
}

/* --- (c) Scrolling ---
 *
 * One step of the list's vertical adjustment per frame, set from a tick callback (the frame
 * clock's "update" phase), as a scrollbar drag or a wheel does. Each frame is timed from its
 * "before-paint" to its "after-paint" and split at the end of the tick callback (the
 * adjustment's value-changed: the list moves its rows and rebinds those that now show other
 * servers) and at the end of the "layout" phase (measuring and allocating the window, which
 * GTK 4.8 mostly does at the end of "update", after the tick callbacks); the rest is "paint"
 * (snapshot and render). The UI thread's CPU time is taken over the same span. */

typedef enum
{
  SCROLL_STILL,   /* no scrolling, the window redrawn: what a frame costs at all */
  SCROLL_JUMPS,   /* one page a step */
  SCROLL_WHEEL,   /* ~3 rows a step */
} ScrollKind;

typedef struct
{
  GtkAdjustment *adjustment;
  ScrollKind     kind;
  double         step;           /* px */
  guint          n_steps;
  guint          done_steps;
  gboolean       stepped;        /* this frame's update moved the list */
  gboolean       finished;

  gint64         frame_start;
  gint64         frame_cpu_start;
  gint64         tick_end;
  gint64         layout_end;
  gint64         last_after_paint;

  GArray        *frame;          /* ms, before-paint to after-paint */
  GArray        *cpu;            /* ms of UI thread CPU in the same span */
  GArray        *scroll;         /* ms, to the end of the tick callback */
  GArray        *layout;         /* ms, from there to the end of "layout" */
  GArray        *paint;          /* ms, "layout" end to after-paint */
  GArray        *interval;       /* ms, after-paint to after-paint */
} Scroll;

static void
scroll_before_paint_cb (GdkFrameClock *clock,
                        Scroll        *scroll)
{
  scroll->frame_start = g_get_monotonic_time ();
  scroll->frame_cpu_start = thread_cpu_time ();
  scroll->tick_end = scroll->layout_end = 0;
}

static void
scroll_layout_end_cb (GdkFrameClock *clock,
                      Scroll        *scroll)
{
  scroll->layout_end = g_get_monotonic_time ();
}

static void
scroll_after_paint_cb (GdkFrameClock *clock,
                       Scroll        *scroll)
{
  gint64 now = g_get_monotonic_time ();
  double value;

  if (scroll->stepped && scroll->frame_start != 0)
    {
      gint64 tick_end = scroll->tick_end != 0 ? scroll->tick_end : scroll->frame_start;
      gint64 layout_end = scroll->layout_end != 0 ? scroll->layout_end : tick_end;

      value = ms (scroll->frame_start, now);
      g_array_append_val (scroll->frame, value);
      value = ms (scroll->frame_cpu_start, thread_cpu_time ());
      g_array_append_val (scroll->cpu, value);
      value = ms (scroll->frame_start, tick_end);
      g_array_append_val (scroll->scroll, value);
      value = ms (tick_end, layout_end);
      g_array_append_val (scroll->layout, value);
      value = ms (layout_end, now);
      g_array_append_val (scroll->paint, value);
      if (scroll->last_after_paint != 0)
        {
          value = ms (scroll->last_after_paint, now);
          g_array_append_val (scroll->interval, value);
        }
      scroll->last_after_paint = now;
      if (scroll->done_steps == scroll->n_steps)
        scroll->finished = TRUE;
    }
  scroll->stepped = FALSE;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;

  /* Removed by scroll_run() once the last step's frame is painted. */
  if (scroll->done_steps == scroll->n_steps)
    return G_SOURCE_CONTINUE;

  if (scroll->kind == SCROLL_STILL)
    gtk_widget_queue_draw (widget);
  else
    gtk_adjustment_set_value (scroll->adjustment,
                              gtk_adjustment_get_value (scroll->adjustment) + scroll->step);
  scroll->done_steps++;
  scroll->stepped = TRUE;
  scroll->tick_end = g_get_monotonic_time ();
  return G_SOURCE_CONTINUE;
}

static double
percentile_of (double *values,
               guint   n,
               double  p)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[MIN (n - 1, (guint) (p * n))];
}

static guint
count_over (const double *values,
            guint         n,
            double        limit)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    count += values[i] > limit;
  return count;
}

static void
scroll_to_top (Bench         *bench,
               GtkAdjustment *adjustment)
{
  gtk_adjustment_set_value (adjustment, 0);
  arm (bench);
  wait_painted (bench);
  wait_ms (300);
}

/* Prints one line: the frames' time, median / 95th percentile / worst, the frames over 16.7
 * and 33 ms, and the medians of the parts. */
static void
scroll_run (Bench         *bench,
            GtkAdjustment *adjustment,
            const char    *label,
            ScrollKind     kind,
            guint          n_steps,
            double         step,
            guint          rounds)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (bench->window);
  Scroll scroll = { 0 };
  gulong handlers[3];
  double start_value, end_value;
  guint tick;
  guint n;

  scroll.adjustment = adjustment;
  scroll.kind = kind;
  scroll.step = step;
  scroll.frame = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.scroll = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.layout = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.paint = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.interval = g_array_new (FALSE, FALSE, sizeof (double));

  handlers[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (scroll_before_paint_cb),
                                  &scroll);
  handlers[1] = g_signal_connect_after (clock, "layout", G_CALLBACK (scroll_layout_end_cb),
                                        &scroll);
  handlers[2] = g_signal_connect_after (clock, "after-paint",
                                        G_CALLBACK (scroll_after_paint_cb), &scroll);

  start_value = end_value = 0;
  for (guint r = 0; r < rounds; r++)
    {
      scroll_to_top (bench, adjustment);
      start_value = gtk_adjustment_get_value (adjustment);
      scroll.n_steps = n_steps;
      scroll.done_steps = 0;
      scroll.finished = FALSE;
      scroll.last_after_paint = 0;
      tick = gtk_widget_add_tick_callback (bench->window, scroll_tick_cb, &scroll, NULL);
      while (!scroll.finished)
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_remove_tick_callback (bench->window, tick);
      end_value = gtk_adjustment_get_value (adjustment);
    }

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_handler_disconnect (clock, handlers[i]);

  n = scroll.frame->len;
  {
    double *frame = (double *) (gpointer) scroll.frame->data;
    double *cpu = (double *) (gpointer) scroll.cpu->data;
    guint over_16 = count_over (frame, n, 1000.0 / 60);
    guint over_33 = count_over (frame, n, 1000.0 / 30);

    printf ("    %-26s %5u %6.1f %6.1f %6.1f %5u %5u %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f %5u\n",
            label, n,
            median_of (frame, n), percentile_of (frame, n, 0.95), worst_of (frame, n),
            over_16, over_33,
            median_of (cpu, n), percentile_of (cpu, n, 0.95),
            median_of ((double *) (gpointer) scroll.scroll->data, n),
            median_of ((double *) (gpointer) scroll.layout->data, n),
            median_of ((double *) (gpointer) scroll.paint->data, n),
            scroll.interval->len > 0
              ? median_of ((double *) (gpointer) scroll.interval->data, scroll.interval->len)
              : 0,
            count_over ((double *) (gpointer) scroll.interval->data, scroll.interval->len,
                        1.5 * 1000.0 / 60));
    if (kind != SCROLL_STILL && rounds == 1)
      printf ("    %-26s scrolled %.0f → %.0f px of %.0f\n", "",
              start_value, end_value, gtk_adjustment_get_upper (adjustment));
  }
  fflush (stdout);

  g_array_unref (scroll.frame);
  g_array_unref (scroll.cpu);
  g_array_unref (scroll.scroll);
  g_array_unref (scroll.layout);
  g_array_unref (scroll.paint);
  g_array_unref (scroll.interval);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Region column, found by its title (translated as the page's is). */
static GtkColumnViewColumn *
find_column (GtkColumnView *column_view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

static void
scroll_scenario (Bench         *bench,
                 GtkAdjustment *adjustment,
                 const char    *name,
                 guint          rounds)
{
  guint n_rows = g_list_model_get_n_items (icp_review_page_get_visible_model (bench->page));
  double page, row;

  scroll_to_top (bench, adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  row = n_rows > 0 ? gtk_adjustment_get_upper (adjustment) / n_rows : 0;
  printf ("  %s: %u rows, a row ~%.1f px, a page %.0f px\n", name, n_rows, row, page);
  scroll_run (bench, adjustment, "100 pages (jumps)", SCROLL_JUMPS, 100, page, rounds);
  scroll_run (bench, adjustment, "200 × 3 rows (wheel)", SCROLL_WHEEL, 200, 3 * row, rounds);
}

static void
bench_scrolling (Bench *bench,
                 guint  rounds)
{
  GtkWidget *column_view = find_widget (bench->window, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  GtkColumnViewColumn *region;
  const char *search = g_getenv ("BENCH_UI_SCROLL_SEARCH");
  gint64 start, start_cpu;

  g_assert_nonnull (column_view);
  scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  region = find_column (GTK_COLUMN_VIEW (column_view), _("Region"));
  g_assert_nonnull (region);
  if (search == NULL)
    search = "w";

  printf ("(c) Scrolling, one step per frame from the top, %u round%s (frames pooled); ms:\n"
          "    frame = before-paint to after-paint, CPU = the UI thread's in it; scroll / layout /\n"
          "    paint = medians of its parts (see bench-ui.c); intvl = median after-paint to\n"
          "    after-paint; >25 = intervals over 1.5 frames at 60 Hz (a frame missed)\n",
          rounds, rounds == 1 ? "" : "s");
  printf ("    %-26s %5s %6s %6s %6s %5s %5s %6s %6s %6s %6s %6s %6s %5s\n",
          "", "frames", "median", "p95", "worst", ">16.7", ">33", "CPU", "CPU95",
          "scroll", "layout", "paint", "intvl", ">25");

  scroll_to_top (bench, adjustment);
  printf ("  no scrolling (the window redrawn each frame):\n");
  scroll_run (bench, adjustment, "100 frames", SCROLL_STILL, 100, 0, rounds);

  scroll_scenario (bench, adjustment, "all rows", rounds);

  scroll_to_top (bench, adjustment);
  icp_review_page_set_search_text (bench->page, search);
  {
    g_autofree char *name = g_strdup_printf ("search \"%s\"", search);

    scroll_scenario (bench, adjustment, name, rounds);
  }
  icp_review_page_set_search_text (bench->page, "");

  scroll_to_top (bench, adjustment);
  start_cpu = thread_cpu_time ();
  start = g_get_monotonic_time ();
  arm (bench);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (column_view), region, GTK_SORT_ASCENDING);
  wait_painted (bench);
  printf ("  sorting by Region (click to painted frame: %.0f ms, UI thread CPU %.0f ms):\n",
          ms (start, bench->paint_time), ms (start_cpu, bench->paint_cpu));
  scroll_scenario (bench, adjustment, "sorted by Region", rounds);

  icp_review_page_set_search_text (bench->page, search);
  {
    g_autofree char *name = g_strdup_printf ("sorted, search \"%s\"", search);

    scroll_scenario (bench, adjustment, name, rounds);
  }
  icp_review_page_set_search_text (bench->page, "");

  /* The other text columns: a name key per server (made at the first sort, then kept), a
   * billing key per method. */
  for (guint i = 0; i < 3; i++)
    {
      const char *title = i == 2 ? _("Billing") : _("Name");
      GtkColumnViewColumn *column = find_column (GTK_COLUMN_VIEW (column_view), title);

      scroll_to_top (bench, adjustment);
      start_cpu = thread_cpu_time ();
      start = g_get_monotonic_time ();
      arm (bench);
      gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (column_view), column,
                                      i == 1 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      wait_painted (bench);
      printf ("  sorting by %s%s (click to painted frame: %.0f ms, UI thread CPU %.0f ms)\n",
              title, i == 1 ? ", again, descending" : "", ms (start, bench->paint_time),
              ms (start_cpu, bench->paint_cpu));
    }
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (column_view), NULL, GTK_SORT_ASCENDING);
}

int
main (int   argc,
      char *argv[])
{
  const char *default_queries[] = { "w", "web", "i-bp1", "203.0.113.7", "官网", "zzz-none" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(IcpChecker) checker = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char **queries;
  guint n_queries;
  GtkWidget *entry;
  GdkFrameClock *clock;
  Bench bench = { 0 };
  guint n_rows;
  guint rounds = 1;
  const char *run_parts = "abc";

  bench.main_start = g_get_monotonic_time ();
  bench.process_age_at_main = process_age ();

  if (argc < 2)
    {
      g_printerr ("usage: bench-ui FILE [QUERY…]\n");
      return 1;
    }
  queries = argc > 2 ? (const char **) argv + 2 : default_queries;
  n_queries = argc > 2 ? (guint) argc - 2 : G_N_ELEMENTS (default_queries);

  if (g_getenv ("BENCH_UI_CHUNK") != NULL)
    bench.chunk = g_ascii_strtoull (g_getenv ("BENCH_UI_CHUNK"), NULL, 10);
  if (g_getenv ("BENCH_UI_ROUNDS") != NULL)
    rounds = CLAMP (g_ascii_strtoull (g_getenv ("BENCH_UI_ROUNDS"), NULL, 10), 1, 64);
  if (g_getenv ("BENCH_UI_PARTS") != NULL)
    run_parts = g_getenv ("BENCH_UI_PARTS");
  if (strchr (run_parts, 'b') == NULL)
    n_queries = 0;

  setlocale (LC_ALL, "");
  icp_init_i18n ();
  adw_init ();
  g_assert_nonnull (icp_get_resource ());

  bench.policy = icp_policy_new_default (&error);
  if (bench.policy == NULL)
    {
      g_printerr ("bench-ui: %s\n", error->message);
      return 1;
    }
  checker = icp_checker_new (bench.policy);
  now = g_date_time_new_from_iso8601 (NOW, NULL);
  icp_checker_set_now (checker, now);
  bench.inventory = icp_inventory_new (checker);
  bench.loop = g_main_loop_new (NULL, FALSE);

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  bench.page = ICP_REVIEW_PAGE (icp_review_page_new ());
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.page));
  gtk_widget_realize (bench.window);
  clock = gtk_widget_get_frame_clock (bench.window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              items_changed_hook_cb, &bench, NULL);
  gtk_window_present (GTK_WINDOW (bench.window));

  file = g_file_new_for_commandline_arg (argv[1]);
  bench.import_start = g_get_monotonic_time ();
  icp_import_files_async (&file, 1, bench.policy, NULL, NULL, NULL, imported_cb, &bench);
  g_main_loop_run (bench.loop);
  wait_painted (&bench);

  n_rows = g_list_model_get_n_items (icp_review_page_get_visible_model (bench.page));
  printf ("Rows: %u (%s)\n", n_rows, argv[1]);
  printf ("(a) Launch to first frame with rows: %.0f ms\n",
          bench.process_age_at_main * 1000 + ms (bench.main_start, bench.paint_time));
  printf ("    process start to main():       %6.0f ms\n", bench.process_age_at_main * 1000);
  printf ("    main() to import start:        %6.0f ms  (GTK, policy, window)\n",
          ms (bench.main_start, bench.import_start));
  printf ("    import (off the UI thread):    %6.0f ms\n",
          ms (bench.import_start, bench.import_done));
  printf ("    check into the inventory:      %6.0f ms  (longest block of the UI thread: %.0f ms",
          ms (bench.import_done, bench.inventory_done), bench.longest_block / 1000.0);
  if (bench.chunk > 0)
    printf ("; %u batches of %u", bench.n_chunks, bench.chunk);
  printf (")\n");
  printf ("    page takes the inventory:      %6.0f ms\n",
          ms (bench.inventory_done, bench.page_done));
  printf ("    to the next painted frame:     %6.0f ms\n",
          ms (bench.page_done, bench.paint_time));

  entry = find_widget (bench.window, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  if (n_queries > 0)
    printf ("(b) Keystroke to filtered frame (search delay of the entry: %u ms), %u round%s,\n"
          "    median / worst in ms; direct = filter + update + wait + frame (medians of each);\n"
          "    direct CPU: the UI thread's CPU time in the same span\n",
          gtk_search_entry_get_search_delay (GTK_SEARCH_ENTRY (entry)), rounds,
          rounds == 1 ? "" : "s");
  if (n_queries > 0)
    printf ("    %-12s %6s %13s %13s %7s %7s %7s %7s %13s %13s\n", "query", "rows", "direct",
          "direct CPU", "filter", "update", "wait", "frame", "typed", "clear");
  for (guint i = 0; i < n_queries; i++)
    {
      g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cleared = g_array_new (FALSE, FALSE, sizeof (double));
      Timing parts[64];     /* each round's direct measurement */
      double part_median[4];
      double cpu[64];
      guint rows_direct = 0;

      for (guint r = 0; r < rounds; r++)
        {
          guint rows_typed, rows_all;
          Timing t = time_direct (&bench, queries[i], &rows_direct);
          Timing c = time_direct (&bench, "", &rows_all);
          double ty = time_typed (&bench, entry, queries[i], &rows_typed);

          g_assert_cmpuint (rows_direct, ==, rows_typed);
          g_assert_cmpuint (rows_all, ==, n_rows);
          time_direct (&bench, "", &rows_all);
          g_array_append_val (direct, t.total);
          g_array_append_val (cleared, c.total);
          g_array_append_val (typed, ty);
          parts[r] = t;
          cpu[r] = t.cpu;
        }
      for (guint k = 0; k < 4; k++)
        {
          double values[64];

          for (guint r = 0; r < rounds; r++)
            values[r] = k == 0 ? parts[r].filter : k == 1 ? parts[r].update
                      : k == 2 ? parts[r].wait : parts[r].frame;
          part_median[k] = median_of (values, rounds);
        }
      printf ("    %-12s %6u %6.0f /%5.0f %6.0f /%5.0f %7.0f %7.0f %7.0f %7.0f %6.0f /%5.0f %6.0f /%5.0f\n",
              queries[i], rows_direct,
              median_of ((double *) (gpointer) direct->data, direct->len),
              worst_of ((double *) (gpointer) direct->data, direct->len),
              median_of (cpu, rounds), worst_of (cpu, rounds),
              part_median[0], part_median[1], part_median[2], part_median[3],
              median_of ((double *) (gpointer) typed->data, typed->len),
              worst_of ((double *) (gpointer) typed->data, typed->len),
              median_of ((double *) (gpointer) cleared->data, cleared->len),
              worst_of ((double *) (gpointer) cleared->data, cleared->len));
      fflush (stdout);
    }
  if (strchr (run_parts, 'c') != NULL)
    bench_scrolling (&bench, rounds);
  {
    g_autofree char *loadavg = NULL;

    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      printf ("Load average at the end (1, 5, 15 min): %.*s\n",
              (int) (strchr (loadavg, ' ') - loadavg), loadavg);
  }

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.inventory);
  g_clear_object (&bench.policy);
  g_main_loop_unref (bench.loop);

  return 0;
}
