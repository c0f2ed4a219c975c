/* bench-ui.c: the review page with a large list, timed: launch to first frame, keystroke to
 * filtered frame, scrolling; and a fetch from an account into the window
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Usage: bench-ui FILE [QUERY…]   (under X11 or Xvfb; see benchmarks/README.md)
 *        BENCH_UI_PARTS=f bench-ui
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
 * (f) A fetch from an account into the application's window (win.connect), from the fake cloud
 *     (tests/fake-cloud as a subprocess; BENCH_UI_FAKE=inprocess: in this process): the time
 *     to the review's first frame with rows, the UI thread's longest stall and slow frames,
 *     BENCH_UI_ROUNDS rounds after a warm-up; see "(f)" below. Needs no FILE when it runs alone.
 * BENCH_UI_PARTS=ac (say) runs only those parts; (a) runs whenever a, b or c does, it loads the
 * list; f runs last.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "icp-application.h"
#include "icp-ecs.h"
#ifdef BENCH_HAVE_FAKE_CLOUD_LIB
#include "icp-fake-cloud.h"
#else
#define ICP_FAKE_CLOUD_TEST_KEY_ID     "LTAI5tFakeCloudTestKey01"
#define ICP_FAKE_CLOUD_TEST_KEY_SECRET "fakeCloudTestSecret0123456789abc"
#endif
#include "icp-import.h"
#include "icp-resources.h"
#include "icp-review-page.h"
#include "icp-window.h"

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

/* --- (f) A fetch from an account into the window ---
 *
 * A real IcpWindow of a real IcpApplication, its keys in the environment (the fake cloud's test
 * key), every service at the fake cloud: win.connect with "" (the default profile), as the
 * start page's button does. The fake serves icp_fake_cloud_new_generated (20, 500): 10 000
 * instances in 20 regions, 100 ms added to every answer, as benchmarks/bench-fetch.sh does for
 * icp-check. By default the fake runs as a subprocess (tests/fake-cloud), so the UI thread does
 * only the app's work; BENCH_UI_FAKE=inprocess runs it in this process's main context, as the
 * UI tests do, and its CPU then counts against the UI thread.
 *
 * Per round: the wall time from the action to the first painted frame of the review page with
 * its rows, split at DescribeRegions' answer (the window lists the regions), the last region
 * read, the end of the fetch (IcpEcs:fetching goes FALSE), the review page given the inventory
 * (its notify::inventory), the stack switched to "review", and that frame's before-paint.
 * Stalls: a 1 ms timeout at G_PRIORITY_DEFAULT (the priority input events are dispatched at)
 * notes the gaps between its runs, the UI thread's longest time away; a tick callback keeps the
 * frame clock running, so each frame's before-paint to after-paint (its duration) and the
 * after-paint to after-paint intervals are known. Gaps over 50 ms are listed with what the
 * window and IcpEcs signalled inside them (BENCH_UI_STALL_MS sets the 50; they are printed for
 * the round with the longest stall, or for every round with BENCH_UI_GAPS=all), with their
 * CLOCK_MONOTONIC times for `perf record -k CLOCK_MONOTONIC` + `perf script --time`. The 1 s
 * after the review frame is watched too (the review page's low-priority idle makes the name
 * keys then). */

#define FETCH_STALL_LOG_MS 50
#define FETCH_AFTER_MS 1000

typedef struct
{
  gint64      time;
  const char *what;     /* static */
  guint       n;
} FetchEvent;

typedef struct
{
  gint64 start;
  gint64 end;
} FetchGap;

typedef struct
{
  IcpWindow     *window;
  GtkStack      *stack;
  IcpReviewPage *page;
  IcpEcs        *ecs;
  gulong         fetching_handler;

  gint64         start;
  gint64         start_cpu;
  gint64         loading_painted;
  gint64         regions_listed;
  gint64         last_region;
  gint64         fetched;
  gint64         inventory_set;
  gint64         review_shown;
  gint64         review_frame_start;
  gint64         review_painted;
  gint64         review_cpu;
  gint64         after_end;      /* the end of the watch after the review frame */
  guint          n_rows;
  guint          n_regions;

  gint64         last_tick;
  gint64         longest_gap;
  gint64         longest_gap_start;
  gint64         longest_gap_after;  /* the longest in the second after the review frame */
  GArray        *gaps;           /* FetchGap over FETCH_STALL_LOG_MS, to the review frame */

  gint64         frame_start;
  gint64         last_after_paint;
  GArray        *frames;         /* ms, before-paint to after-paint, to the review frame */
  GArray        *intervals;      /* ms, after-paint to after-paint */
  GArray        *events;         /* FetchEvent */
  gboolean       running;
} FetchRound;

static FetchRound *fetch_round;   /* the round the emission hooks report to */
static guint stall_log_ms = FETCH_STALL_LOG_MS;

static void
fetch_event (FetchRound *fr,
             const char *what,
             guint       n)
{
  FetchEvent event = { g_get_monotonic_time (), what, n };

  if (fr != NULL && fr->running)
    g_array_append_val (fr->events, event);
}

static void
fetch_fetching_cb (IcpEcs     *ecs,
                   GParamSpec *pspec,
                   FetchRound *fr)
{
  if (!icp_ecs_get_fetching (ecs) && fr->running && fr->fetched == 0)
    {
      fr->fetched = g_get_monotonic_time ();
      fetch_event (fr, "the fetch ended (IcpEcs:fetching FALSE)", 0);
    }
}

static gboolean
fetch_regions_listed_hook_cb (GSignalInvocationHint *hint,
                              guint                  n_params,
                              const GValue          *params,
                              gpointer               user_data)
{
  FetchRound *fr = fetch_round;
  IcpEcs *ecs = g_value_get_object (&params[0]);
  const char * const *regions = g_value_get_boxed (&params[1]);

  if (fr == NULL || !fr->running)
    return TRUE;
  fr->regions_listed = g_get_monotonic_time ();
  fr->n_regions = regions != NULL ? g_strv_length ((char **) regions) : 0;
  fetch_event (fr, "regions listed (DescribeRegions answered)", fr->n_regions);
  if (fr->ecs == NULL)
    {
      fr->ecs = g_object_ref (ecs);
      fr->fetching_handler = g_signal_connect (ecs, "notify::fetching",
                                                  G_CALLBACK (fetch_fetching_cb), fr);
    }
  return TRUE;
}

static gboolean
fetch_region_finished_hook_cb (GSignalInvocationHint *hint,
                               guint                  n_params,
                               const GValue          *params,
                               gpointer               user_data)
{
  FetchRound *fr = fetch_round;

  if (fr == NULL || !fr->running)
    return TRUE;
  fr->last_region = g_get_monotonic_time ();
  fetch_event (fr, "region read (its instances)", g_value_get_uint (&params[2]));
  return TRUE;
}

static gboolean
fetch_items_changed_hook_cb (GSignalInvocationHint *hint,
                             guint                  n_params,
                             const GValue          *params,
                             gpointer               user_data)
{
  GObject *model = g_value_get_object (&params[0]);

  if (ICP_IS_INVENTORY (model))
    fetch_event (fetch_round, "instances added to the inventory (checked)",
                 g_value_get_uint (&params[3]));
  return TRUE;
}

static gboolean
fetch_verdict_changed_hook_cb (GSignalInvocationHint *hint,
                               guint                  n_params,
                               const GValue          *params,
                               gpointer               user_data)
{
  fetch_event (fetch_round, "verdicts changed (billing starts, re-checked)", 1);
  return TRUE;
}

static void
fetch_inventory_set_cb (IcpReviewPage *page,
                        GParamSpec    *pspec,
                        FetchRound    *fr)
{
  if (fr->running && fr->inventory_set == 0)
    {
      fr->inventory_set = g_get_monotonic_time ();
      fetch_event (fr, "the review page got the inventory (end of set_inventory)", 0);
    }
}

static void
fetch_stack_changed_cb (GtkStack   *stack,
                        GParamSpec *pspec,
                        FetchRound *fr)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  fetch_event (fr, g_intern_string (name), 0);
  if (fr->running && g_strcmp0 (name, "review") == 0 && fr->review_shown == 0)
    fr->review_shown = g_get_monotonic_time ();
}

static gboolean
fetch_tick_cb (gpointer user_data)
{
  FetchRound *fr = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - fr->last_tick;

  /* A gap that began before the review frame's after-paint (that frame's own) is the fetch's. */
  if (fr->review_painted == 0 || fr->last_tick < fr->review_painted)
    {
      if (gap > fr->longest_gap)
        {
          fr->longest_gap = gap;
          fr->longest_gap_start = fr->last_tick;
        }
      if (gap > stall_log_ms * 1000)
        {
          FetchGap logged = { fr->last_tick, now };

          g_array_append_val (fr->gaps, logged);
        }
    }
  else
    fr->longest_gap_after = MAX (fr->longest_gap_after, gap);
  fr->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
fetch_frame_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
fetch_before_paint_cb (GdkFrameClock *clock,
                       FetchRound    *fr)
{
  fr->frame_start = g_get_monotonic_time ();
  fetch_event (fr, "frame: before-paint", 0);
}

static void
fetch_after_paint_cb (GdkFrameClock *clock,
                      FetchRound    *fr)
{
  gint64 now = g_get_monotonic_time ();
  const char *page;
  double value;

  if (!fr->running || fr->review_painted != 0)
    return;
  fetch_event (fr, "frame: after-paint", 0);
  if (fr->frame_start != 0)
    {
      value = ms (fr->frame_start, now);
      g_array_append_val (fr->frames, value);
    }
  if (fr->last_after_paint != 0)
    {
      value = ms (fr->last_after_paint, now);
      g_array_append_val (fr->intervals, value);
    }
  fr->last_after_paint = now;

  page = icp_window_get_page (fr->window);
  if (fr->loading_painted == 0 && g_strcmp0 (page, "loading") == 0)
    fr->loading_painted = now;
  if (g_strcmp0 (page, "review") == 0 && icp_window_get_inventory (fr->window) != NULL)
    {
      fr->n_rows = g_list_model_get_n_items (icp_review_page_get_visible_model (fr->page));
      if (fr->n_rows > 0)
        {
          fr->review_painted = now;
          fr->review_frame_start = fr->frame_start;
          fr->review_cpu = thread_cpu_time ();
          fr->after_end = now + FETCH_AFTER_MS * 1000;
        }
    }
}

static GtkStack *
find_page_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "review") != NULL)
    return GTK_STACK (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_page_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The fake cloud: a tests/fake-cloud subprocess, or in this process. */
typedef struct
{
  GSubprocess  *process;
  int           pid;
#ifdef BENCH_HAVE_FAKE_CLOUD_LIB
  IcpFakeCloud *cloud;
#endif
  char         *url;
} FetchFake;

/* The CPU time (user + system) of process @pid in ms, from /proc. */
static double
process_cpu_ms (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long long utime, stime;

  if (pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL))
    return 0;
  p = strrchr (stat, ')');
  if (p == NULL)
    return 0;
  p += 2;
  /* Fields 14 and 15 (utime, stime), counted from field 3 (state). */
  for (int field = 3; field < 14 && p != NULL; field++)
    {
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  if (p == NULL || sscanf (p, "%llu %llu", &utime, &stime) != 2)
    return 0;
  return (utime + stime) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static gboolean
fetch_fake_start (FetchFake  *fake,
                  gboolean    in_process,
                  GError    **error)
{
#ifdef BENCH_HAVE_FAKE_CLOUD_LIB
  if (in_process)
    {
      fake->cloud = icp_fake_cloud_new_generated (20, 500);
      icp_fake_cloud_set_latency (fake->cloud, 100);
      if (!icp_fake_cloud_start (fake->cloud, error))
        return FALSE;
      fake->url = g_strdup (icp_fake_cloud_get_url (fake->cloud));
      return TRUE;
    }
#else
  if (in_process)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "BENCH_UI_FAKE=inprocess needs a build with -Dtests=true");
      return FALSE;
    }
#endif
  {
    g_autoptr(GDataInputStream) out = NULL;
    g_autofree char *line = NULL;
    const char *fake_cloud = g_getenv ("ICP_FAKE_CLOUD");
    guint64 port;

    if (fake_cloud == NULL)
      fake_cloud = BENCH_FAKE_CLOUD;
    fake->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                      | G_SUBPROCESS_FLAGS_STDERR_SILENCE, error,
                                      fake_cloud, "--generate", "20:500",
                                      "--latency-ms", "100", NULL);
    if (fake->process == NULL)
      return FALSE;
    fake->pid = atoi (g_subprocess_get_identifier (fake->process));
    out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake->process));
    line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
    if (line == NULL)
      {
        if (error != NULL && *error == NULL)
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no port", fake_cloud);
        return FALSE;
      }
    if (!g_ascii_string_to_unsigned (line, 10, 1, 65535, &port, error))
      return FALSE;
    fake->url = g_strdup_printf ("http://127.0.0.1:%u/", (guint) port);
    return TRUE;
  }
}

static void
fetch_fake_stop (FetchFake *fake)
{
  if (fake->process != NULL)
    {
      g_subprocess_send_signal (fake->process, SIGTERM);
      g_subprocess_wait (fake->process, NULL, NULL);
      g_clear_object (&fake->process);
    }
#ifdef BENCH_HAVE_FAKE_CLOUD_LIB
  g_clear_object (&fake->cloud);
#endif
  g_clear_pointer (&fake->url, g_free);
}

static void
fetch_round_clear (FetchRound *fr)
{
  if (fr->ecs != NULL)
    g_clear_signal_handler (&fr->fetching_handler, fr->ecs);
  g_clear_object (&fr->ecs);
  g_clear_pointer (&fr->gaps, g_array_unref);
  g_clear_pointer (&fr->frames, g_array_unref);
  g_clear_pointer (&fr->intervals, g_array_unref);
  g_clear_pointer (&fr->events, g_array_unref);
}

/* Prints the gaps of @fr over FETCH_STALL_LOG_MS and what was signalled in each. */
static void
fetch_print_gaps (FetchRound *fr)
{
  for (guint i = 0; i < fr->gaps->len; i++)
    {
      FetchGap *gap = &g_array_index (fr->gaps, FetchGap, i);
      const char *seen[16];
      guint counts[16], sums[16];
      gint64 first[16], last[16];
      guint n_seen = 0;

      printf ("      %6.0f – %6.0f ms: %4.0f ms away   (monotonic %.6f,%.6f)\n",
              ms (fr->start, gap->start), ms (fr->start, gap->end), ms (gap->start, gap->end),
              gap->start / 1e6, gap->end / 1e6);
      for (guint k = 0; k < fr->events->len; k++)
        {
          FetchEvent *event = &g_array_index (fr->events, FetchEvent, k);
          guint j;

          if (event->time < gap->start || event->time > gap->end)
            continue;
          for (j = 0; j < n_seen && seen[j] != event->what; j++)
            ;
          if (j == n_seen)
            {
              if (n_seen == G_N_ELEMENTS (seen))
                continue;
              seen[j] = event->what;
              counts[j] = sums[j] = 0;
              first[j] = event->time;
              n_seen++;
            }
          counts[j]++;
          sums[j] += event->n;
          last[j] = event->time;
        }
      for (guint j = 0; j < n_seen; j++)
        printf ("        %6.0f – %6.0f ms: %u × %s (n = %u)\n", ms (fr->start, first[j]),
                ms (fr->start, last[j]), counts[j], seen[j], sums[j]);
    }
}

static void
fetch_run_round (FetchRound     *fr,
                 IcpApplication *app)
{
  GdkFrameClock *clock;
  gulong handlers[2];
  gulong stack_handler, page_handler;
  guint tick_source, frame_tick;
  GtkWidget *weak;

  fr->gaps = g_array_new (FALSE, FALSE, sizeof (FetchGap));
  fr->frames = g_array_new (FALSE, FALSE, sizeof (double));
  fr->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  fr->events = g_array_new (FALSE, FALSE, sizeof (FetchEvent));

  fr->window = icp_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fr->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fr->window));
  fr->stack = find_page_stack (GTK_WIDGET (fr->window));
  fr->page = ICP_REVIEW_PAGE (find_widget (GTK_WIDGET (fr->window),
                                              ICP_TYPE_REVIEW_PAGE));
  g_assert_nonnull (fr->stack);
  g_assert_nonnull (fr->page);
  while (!gtk_widget_get_mapped (GTK_WIDGET (fr->window)))
    g_main_context_iteration (NULL, TRUE);
  wait_ms (500);    /* the start page drawn, the keyring's profiles listed */

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fr->window));
  handlers[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (fetch_before_paint_cb),
                                  fr);
  handlers[1] = g_signal_connect_after (clock, "after-paint",
                                        G_CALLBACK (fetch_after_paint_cb), fr);
  stack_handler = g_signal_connect (fr->stack, "notify::visible-child-name",
                                    G_CALLBACK (fetch_stack_changed_cb), fr);
  page_handler = g_signal_connect (fr->page, "notify::inventory",
                                   G_CALLBACK (fetch_inventory_set_cb), fr);
  frame_tick = gtk_widget_add_tick_callback (GTK_WIDGET (fr->window), fetch_frame_tick_cb,
                                             NULL, NULL);
  fetch_round = fr;
  wait_ms (100);

  fr->running = TRUE;
  fr->start_cpu = thread_cpu_time ();
  fr->start = fr->last_tick = g_get_monotonic_time ();
  tick_source = g_timeout_add (1, fetch_tick_cb, fr);
  if (!gtk_widget_activate_action (GTK_WIDGET (fr->window), "win.connect", "s", ""))
    g_error ("bench-ui: win.connect could not be activated");

  while (fr->review_painted == 0 || g_get_monotonic_time () < fr->after_end)
    {
      const char *page = icp_window_get_page (fr->window);

      if (g_strcmp0 (page, "error") == 0 || g_strcmp0 (page, "start") == 0)
        g_error ("bench-ui: the window went to its %s page instead of the review", page);
      g_main_context_iteration (NULL, TRUE);
    }
  fr->running = FALSE;
  fetch_round = NULL;

  g_source_remove (tick_source);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fr->window), frame_tick);
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_handler_disconnect (clock, handlers[i]);
  g_signal_handler_disconnect (fr->stack, stack_handler);
  g_signal_handler_disconnect (fr->page, page_handler);
  if (fr->ecs != NULL)
    g_clear_signal_handler (&fr->fetching_handler, fr->ecs);
  g_clear_object (&fr->ecs);

  weak = GTK_WIDGET (fr->window);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (fr->window));
  fr->window = NULL;
  for (guint i = 0; weak != NULL && i < 2000; i++)
    wait_ms (1);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  wait_ms (200);    /* the fake sees the connections close */
}

static double
best_of (const double *values,
         guint         n)
{
  double best = n > 0 ? values[0] : 0;

  for (guint i = 1; i < n; i++)
    best = MIN (best, values[i]);
  return best;
}

static int
bench_fetch (guint rounds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpApplication) app = NULL;
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  FetchRound *all = g_new0 (FetchRound, rounds + 1);
  FetchFake fake = { 0 };
  gboolean in_process = g_strcmp0 (g_getenv ("BENCH_UI_FAKE"), "inprocess") == 0;
  guint worst = 1;

  if (g_getenv ("BENCH_UI_STALL_MS") != NULL)
    stall_log_ms = CLAMP (g_ascii_strtoull (g_getenv ("BENCH_UI_STALL_MS"), NULL, 10), 2, 10000);

  if (!fetch_fake_start (&fake, in_process, &error))
    {
      g_printerr ("bench-ui: the fake cloud: %s\n", error->message);
      return 1;
    }

  /* The fake's test key in the environment and nothing else: no aliyun CLI config, every
   * service at the fake. */
  g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");
  g_unsetenv ("ALIBABA_CLOUD_PROFILE");
  g_unsetenv ("ALIBABACLOUD_PROFILE");
  g_unsetenv ("ALICLOUD_PROFILE");
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", ICP_FAKE_CLOUD_TEST_KEY_ID, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ICP_FAKE_CLOUD_TEST_KEY_SECRET, TRUE);
  g_setenv ("ICP_ASSISTANT_ALIYUN_CONFIG", "/nonexistent", TRUE);
  g_setenv ("ICP_ASSISTANT_ENDPOINT", fake.url, TRUE);

  app = icp_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-ui: %s\n", error->message);
      fetch_fake_stop (&fake);
      return 1;
    }

  g_type_class_unref (g_type_class_ref (ICP_TYPE_ECS));
  g_type_class_unref (g_type_class_ref (ICP_TYPE_INVENTORY));
  g_signal_add_emission_hook (g_signal_lookup ("regions-listed", ICP_TYPE_ECS), 0,
                              fetch_regions_listed_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("region-finished", ICP_TYPE_ECS), 0,
                              fetch_region_finished_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              fetch_items_changed_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("verdict-changed", ICP_TYPE_INVENTORY), 0,
                              fetch_verdict_changed_hook_cb, NULL, NULL);

  printf ("(f) A fetch into the window: win.connect (\"\") to the first painted frame of the review\n"
          "    with its rows; the fake cloud (20 regions × 500 instances, 100 ms a request) %s;\n"
          "    round 0 is a warm-up (the fake builds its billing records, GTK its first pages)\n",
          in_process ? "IN THIS PROCESS (its CPU counts against the UI thread)"
                     : "in a subprocess");
  printf ("    ms from the action: listed = regions listed (keys checked, DescribeRegions),\n"
          "    last = last region read, end = fetch ended, set = review page has the inventory,\n"
          "    shown = stack on \"review\", frame = that frame's before-paint, total = its after-paint;\n"
          "    stall = longest gap of a 1 ms timeout (at = where it began); >16.7, >33 = frames\n"
          "    (before- to after-paint) that took longer; >25 = intervals between frames over 1.5\n"
          "    frames; CPU = the UI thread's (and the fake's) to the frame; after = longest gap in\n"
          "    the %d ms after it\n", FETCH_AFTER_MS);
  printf ("    %-5s %6s %6s %6s %6s %6s %6s %6s %7s %6s %5s %5s %5s %5s %6s %6s %6s\n",
          "round", "rows", "listed", "last", "end", "set", "shown", "frame", "total", "stall",
          "at", ">16.7", ">33", ">25", "CPU", "fake", "after");
  fflush (stdout);

  for (guint r = 0; r <= rounds; r++)
    {
      FetchRound *fr = &all[r];
      double fake_cpu = process_cpu_ms (fake.pid);
      double *frames;

      fetch_run_round (fr, app);
      fake_cpu = fake.pid > 0 ? process_cpu_ms (fake.pid) - fake_cpu : 0;
      frames = (double *) (gpointer) fr->frames->data;
      printf ("    %-5u %6u %6.0f %6.0f %6.0f %6.0f %6.0f %6.0f %7.0f %6.0f %5.0f %5u %5u %5u %6.0f %6.0f %6.0f\n",
              r, fr->n_rows,
              ms (fr->start, fr->regions_listed), ms (fr->start, fr->last_region),
              ms (fr->start, fr->fetched), ms (fr->start, fr->inventory_set),
              ms (fr->start, fr->review_shown),
              ms (fr->start, fr->review_frame_start),
              ms (fr->start, fr->review_painted),
              fr->longest_gap / 1000.0, ms (fr->start, fr->longest_gap_start),
              count_over (frames, fr->frames->len, 1000.0 / 60),
              count_over (frames, fr->frames->len, 1000.0 / 30),
              count_over ((double *) (gpointer) fr->intervals->data, fr->intervals->len,
                          1.5 * 1000.0 / 60),
              ms (fr->start_cpu, fr->review_cpu), fake_cpu,
              fr->longest_gap_after / 1000.0);
      fflush (stdout);
      if (r == 0)
        continue;
      {
        double total = ms (fr->start, fr->review_painted);
        double stall = fr->longest_gap / 1000.0;

        g_array_append_val (totals, total);
        g_array_append_val (stalls, stall);
        if (fr->longest_gap > all[worst].longest_gap)
          worst = r;
      }
    }

  printf ("    %u round%s: to the review frame median %.0f ms, best %.0f ms; longest stall median "
          "%.0f ms, worst %.0f ms\n",
          rounds, rounds == 1 ? "" : "s",
          median_of ((double *) (gpointer) totals->data, totals->len),
          best_of ((double *) (gpointer) totals->data, totals->len),
          median_of ((double *) (gpointer) stalls->data, stalls->len),
          worst_of ((double *) (gpointer) stalls->data, stalls->len));
  for (guint r = 0; r <= rounds; r++)
    {
      if (r != worst && g_strcmp0 (g_getenv ("BENCH_UI_GAPS"), "all") != 0)
        continue;
      printf ("    gaps over %u ms in round %u%s, and what was signalled inside each\n"
              "    (monotonic: for perf script --time with perf record -k CLOCK_MONOTONIC):\n",
              stall_log_ms, r, r == worst ? " (the one with the longest stall)" : "");
      fetch_print_gaps (&all[r]);
    }
  fflush (stdout);

  {
    g_autofree char *loadavg = NULL;

    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      printf ("Load average at the end of (f) (1, 5, 15 min): %.*s\n",
              (int) (strchr (loadavg, ' ') - loadavg), loadavg);
  }

  for (guint r = 0; r <= rounds; r++)
    fetch_round_clear (&all[r]);
  g_free (all);
  fetch_fake_stop (&fake);
  return 0;
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
  gboolean list_parts;
  int status = 0;

  bench.main_start = g_get_monotonic_time ();
  bench.process_age_at_main = process_age ();

  if (g_getenv ("BENCH_UI_CHUNK") != NULL)
    bench.chunk = g_ascii_strtoull (g_getenv ("BENCH_UI_CHUNK"), NULL, 10);
  if (g_getenv ("BENCH_UI_ROUNDS") != NULL)
    rounds = CLAMP (g_ascii_strtoull (g_getenv ("BENCH_UI_ROUNDS"), NULL, 10), 1, 64);
  if (g_getenv ("BENCH_UI_PARTS") != NULL)
    run_parts = g_getenv ("BENCH_UI_PARTS");
  list_parts = strpbrk (run_parts, "abc") != NULL;

  if (list_parts && argc < 2)
    {
      g_printerr ("usage: bench-ui FILE [QUERY…]   (BENCH_UI_PARTS=f: bench-ui)\n");
      return 1;
    }
  queries = argc > 2 ? (const char **) argv + 2 : default_queries;
  n_queries = argc > 2 ? (guint) argc - 2 : G_N_ELEMENTS (default_queries);
  if (strchr (run_parts, 'b') == NULL)
    n_queries = 0;

  /* (f) opens the application's window: its settings in memory, the schema of this build
   * unless the environment names one. */
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);

  setlocale (LC_ALL, "");
  icp_init_i18n ();
  if (!list_parts)
    return strchr (run_parts, 'f') != NULL ? bench_fetch (rounds) : 0;
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

  if (strchr (run_parts, 'f') != NULL)
    status = bench_fetch (rounds);
  return status;
}
