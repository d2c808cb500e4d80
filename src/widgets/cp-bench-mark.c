/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <sys/resource.h>

#include "cp-bench-mark.h"

/*
 * Marks for benchmarks/run: with CP_BENCH_MARKS=1 in the environment, the
 * app writes "cp-mark NAME MICROSECONDS CPU" to stderr once the frame that
 * shows NAME has been painted (CLOCK_MONOTONIC, the clock of
 * g_get_monotonic_time(), so that the benchmark can subtract the moment it
 * started the process; CPU: the process's CPU time so far, in µs, which a
 * busy machine disturbs less than the wall clock). Without it, nothing happens.
 */

typedef struct
{
  char *name;
  GdkFrameClock *clock;
  gulong handler;
} Mark;

static gboolean
enabled (void)
{
  static gsize once = 0;
  static gboolean on = FALSE;

  if (g_once_init_enter (&once))
    {
      on = g_strcmp0 (g_getenv ("CP_BENCH_MARKS"), "1") == 0;
      g_once_init_leave (&once, 1);
    }
  return on;
}

/* The CPU time of the whole process so far (every thread), in µs. */
static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Mark          *mark)
{
  struct mallinfo2 heap = mallinfo2 ();

  fprintf (stderr, "cp-mark %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", mark->name,
           g_get_monotonic_time (), cpu_us ());
  /* Where anonymous memory goes: the heap in use, and what malloc holds free. */
  fprintf (stderr, "cp-mark %s-heap-kib %zu %zu\n", mark->name,
           (heap.uordblks + heap.hblkhd) / 1024, heap.fordblks / 1024);
  fflush (stderr);
  g_signal_handler_disconnect (clock, mark->handler);
  g_object_unref (mark->clock);
  g_free (mark->name);
  g_free (mark);
}

static void
arm (GtkWidget  *widget,
     const char *name)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Mark *mark;

  if (clock == NULL)
    return;
  mark = g_new0 (Mark, 1);
  mark->name = g_strdup (name);
  mark->clock = g_object_ref (clock);
  mark->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), mark);
  gtk_widget_queue_draw (widget);
}

static void
realize_cb (GtkWidget *widget,
            char      *name)
{
  g_signal_handlers_disconnect_by_func (widget, realize_cb, name);
  arm (widget, name);
  g_free (name);
}

/**
 * cp_bench_mark_next_frame:
 * @name: what the frame shows ("first-frame", "balance")
 *
 * Under CP_BENCH_MARKS=1, reports @name when the next frame of @widget's
 * window has been painted (once @widget is realized, if it is not yet).
 */
void
cp_bench_mark_next_frame (GtkWidget  *widget,
                          const char *name)
{
  if (!enabled ())
    return;
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_realized (widget))
    arm (widget, name);
  else
    g_signal_connect (widget, "realize", G_CALLBACK (realize_cb), g_strdup (name));
}
