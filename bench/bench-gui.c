/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times the application through its real widgets (bench/README.md):
 *
 *   bench-gui startup [DIR] [--runs N]
 *       from exec to the first frame drawn with the demo data (or DIR's,
 *       opened as the app opens its last folder at start, through the
 *       snapshot cache: bench/app-start.sh) shown, each run a fresh process;
 *       also from the start of the open (the window built) to that frame;
 *   bench-gui filter DIR [--runs N] [--page influencers|overview|posts|…]
 *       opens DIR, then applies filters through the window's set-filter
 *       action and times until the new analysis is applied, the page's tables
 *       are updated and a frame is drawn; also reports the longest stall of
 *       the main loop while that happens; then sorts the page's table by a
 *       number, up and down, timed the same way.
 *
 * HK_BENCH_TRACE=1 also prints when the analysis is applied, the window
 * settles, and each frame-clock phase runs.
 *
 * Run under a display with the compiled schema, e.g.
 *   GSETTINGS_SCHEMA_DIR=build/data GSETTINGS_BACKEND=memory xvfb-run -a build/bench/bench-gui startup
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hk-application.h"
#include "hk-big.h"
#include "hk-window-actions.h"
#include "hk-window.h"

static double
median (double *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double t = values[j];
        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* ------------------------------------------------------------------------ */
/* The main loop's heartbeat: the longest gap between two 2 ms ticks.        */

static gint64 last_beat;
static gint64 longest_gap;

static gboolean
on_heartbeat (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_beat != 0 && now - last_beat > longest_gap)
    longest_gap = now - last_beat;
  last_beat = now;
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------ */
/* Waiting for a painted frame after the window settled                     */

typedef struct {
  HkWindow *window;
  gboolean  settled;
  gboolean  painted;
  gulong    paint_handler;
} Wait;

static gint64 trace_t0;

static void
on_before_paint (GdkFrameClock *clock,
                 Wait          *wait)
{
  if (g_getenv ("HK_BENCH_TRACE"))
    printf ("  before-paint at %.1f ms\n", (g_get_monotonic_time () - trace_t0) / 1000.0);
}

static void
on_phase (GdkFrameClock *clock,
          const char    *phase)
{
  if (g_getenv ("HK_BENCH_TRACE"))
    printf ("  %s at %.1f ms\n", phase, (g_get_monotonic_time () - trace_t0) / 1000.0);
}

static void
on_after_paint (GdkFrameClock *clock,
                Wait          *wait)
{
  if (g_getenv ("HK_BENCH_TRACE"))
    printf ("  after-paint at %.1f ms\n", (g_get_monotonic_time () - trace_t0) / 1000.0);
  if (wait->settled)
    wait->painted = TRUE;
}

static gboolean
window_settled (HkWindow *window)
{
  return !hk_window_get_busy (window) && hk_window_get_analysis (window) != NULL;
}

/* Iterates until the window is idle and a frame was drawn after that. */
static void
wait_for_frame (Wait *wait)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (wait->window));

  wait->settled = FALSE;
  wait->painted = FALSE;
  gulong before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), wait);
  gulong layout = g_signal_connect (clock, "layout", G_CALLBACK (on_phase), (gpointer) "layout");
  gulong paint = g_signal_connect (clock, "paint", G_CALLBACK (on_phase), (gpointer) "paint");
  gulong update = g_signal_connect (clock, "update", G_CALLBACK (on_phase), (gpointer) "update");
  wait->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), wait);
  HkAnalysis *first = hk_window_get_analysis (wait->window);
  gint64 t0 = trace_t0 = g_get_monotonic_time ();
  gboolean seen_analysis = FALSE;
  while (!wait->painted)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_getenv ("HK_BENCH_TRACE") && !seen_analysis && hk_window_get_analysis (wait->window) != first)
        {
          seen_analysis = TRUE;
          printf ("  analysis applied at %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
        }
      if (g_getenv ("HK_BENCH_TRACE") && !wait->settled && window_settled (wait->window))
        printf ("  settled at %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
      if (!wait->settled && window_settled (wait->window))
        {
          wait->settled = TRUE;
          gtk_widget_queue_draw (GTK_WIDGET (wait->window));
        }
    }
  g_signal_handler_disconnect (clock, wait->paint_handler);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, layout);
  g_signal_handler_disconnect (clock, paint);
  g_signal_handler_disconnect (clock, update);
}

static gboolean
widget_mapped (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_frame_clock (widget) != NULL;
}

static gint64 open_started;

static HkWindow *
open_window (HkApplication *app,
             const char    *folder)
{
  HkWindow *window = hk_window_new (GTK_APPLICATION (app), hk_application_get_settings (app));
  Wait wait = { window };

  hk_window_actions_install (window);
  open_started = g_get_monotonic_time ();
  hk_window_load_initial (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  while (!widget_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  /* The heartbeat, if running, counts from here: the window is up and the
   * data loads (run_filter reports the longest stall). */
  last_beat = 0;
  longest_gap = 0;
  wait_for_frame (&wait);
  return window;
}

static HkApplication *
new_application (void)
{
  HkApplication *app = hk_application_new ("com.healthkart.InfluencerDashboard.Bench",
                                           G_APPLICATION_NON_UNIQUE);

  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    {
      g_printerr ("Could not start the application\n");
      exit (1);
    }
  return app;
}

/* ------------------------------------------------------------------------ */
/* startup                                                                  */

static int
run_startup_child (gint64      spawned,
                   const char *folder)
{
  g_autoptr(HkApplication) app = NULL;
  HkWindow *window;

  gtk_init ();
  adw_init ();
  app = new_application ();
  window = open_window (app, folder);
  printf ("%.1f %.1f\n", (g_get_monotonic_time () - spawned) / 1000.0, (g_get_monotonic_time () - open_started) / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static int
run_startup (const char *self,
             const char *folder,
             guint       runs)
{
  double times[64], opens[64];

  runs = MIN (runs, G_N_ELEMENTS (times));
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *spawned = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
      const char *argv[] = { self, "startup-child", spawned, folder, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("startup run failed: %s\n", error->message);
          return 1;
        }
      {
        char *end = NULL;

        times[r] = g_ascii_strtod (out, &end);
        opens[r] = g_ascii_strtod (end, NULL);
      }
      printf ("run %u: %.1f ms to the first frame with %s (%.1f ms from the start of the open)\n", r + 1, times[r],
              folder ? folder : "the demo data", opens[r]);
    }
  printf ("startup (exec to first frame on %s): median %.1f ms of %u; from the start of the open: median %.1f ms\n",
          folder ? folder : "demo data", median (times, runs), runs, median (opens, runs));
  return 0;
}

/* ------------------------------------------------------------------------ */
/* filter                                                                   */

static int
run_filter (const char *folder,
            const char *page,
            guint       runs)
{
  g_autoptr(HkApplication) app = NULL;
  HkWindow *window;
  g_autoptr(GPtrArray) brands = NULL;
  g_autoptr(GPtrArray) platforms = NULL;
  double times[64], stalls[64];
  Wait wait = { NULL };
  gint64 start;
  guint heartbeat;

  gtk_init ();
  adw_init ();
  app = new_application ();
  start = g_get_monotonic_time ();
  heartbeat = g_timeout_add (2, on_heartbeat, NULL);
  window = open_window (app, folder);
  printf ("opened %s in %.0f ms: %u influencers, %u posts, %u tracking rows; "
          "longest main-loop stall from the window shown to the data shown %.1f ms\n", folder,
          (g_get_monotonic_time () - start) / 1000.0,
          hk_dataset_get_n_influencers (hk_window_get_dataset (window)),
          hk_dataset_get_n_rows (hk_window_get_dataset (window), HK_TABLE_POSTS),
          hk_dataset_get_n_rows (hk_window_get_dataset (window), HK_TABLE_TRACKING),
          longest_gap / 1000.0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string (page));
  wait.window = window;
  wait_for_frame (&wait);
  wait_for_frame (&wait);

  brands = hk_dataset_dup_values (hk_window_get_dataset (window), HK_DIM_BRAND);
  platforms = hk_dataset_dup_values (hk_window_get_dataset (window), HK_DIM_PLATFORM);
  runs = MIN (runs, G_N_ELEMENTS (times));

  for (guint r = 0; r < runs; r++)
    {
      /* Alternately a brand (a row filter) and a platform (an influencer
       * filter), each different from the one before. */
      GPtrArray *values = r % 2 ? platforms : brands;
      const char *dim = r % 2 ? "platform" : "brand";
      const char *value = ((HkValueCount *) values->pdata[(r / 2) % values->len])->value;
      const char *list[] = { value, NULL };
      const char *none[] = { NULL };

      /* Clear the other dimension so every run changes the selection. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                      g_variant_new ("(s^as)", r % 2 ? "brand" : "platform", none));
      wait_for_frame (&wait);

      last_beat = 0;
      longest_gap = 0;
      start = g_get_monotonic_time ();
      g_action_group_activate_action (G_ACTION_GROUP (window), "set-filter",
                                      g_variant_new ("(s^as)", dim, list));
      wait_for_frame (&wait);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      stalls[r] = longest_gap / 1000.0;
      printf ("run %u: %s = %s: %.1f ms to a frame with the new KPIs and tables (longest main-loop stall %.1f ms)\n",
              r + 1, dim, value, times[r], stalls[r]);
    }
  printf ("filter change on the %s page: median %.1f ms of %u, median longest stall %.1f ms\n",
          page, median (times, runs), runs, median (stalls, runs));

  /* Sorting the page's table by a number, alternately up and down. */
  if (hk_window_get_table (window, page) != NULL)
    {
      HkDataTable *table = hk_window_get_table (window, page);
      const char *column = g_str_equal (page, "posts") ? "reach" : "roas";

      for (guint r = 0; r < runs; r++)
        {
          last_beat = 0;
          longest_gap = 0;
          start = g_get_monotonic_time ();
          hk_data_table_set_sort (table, column, r % 2 == 0);
          wait_for_frame (&wait);
          times[r] = (g_get_monotonic_time () - start) / 1000.0;
          stalls[r] = longest_gap / 1000.0;
        }
      printf ("sorting the %s table by %s: median %.1f ms of %u, median longest stall %.1f ms\n",
              page, column, median (times, runs), runs, median (stalls, runs));
    }
  g_source_remove (heartbeat);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 7;
  const char *page = "influencers";
  const char *mode = argc > 1 ? argv[1] : NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  hk_big_tune_heap (); /* as the app does */

  for (int i = 2; i < argc - 1; i++)
    {
      if (g_str_equal (argv[i], "--runs"))
        runs = (guint) MAX (1, atoi (argv[i + 1]));
      else if (g_str_equal (argv[i], "--page"))
        page = argv[i + 1];
    }

  if (g_strcmp0 (mode, "startup-child") == 0 && argc > 2)
    return run_startup_child (g_ascii_strtoll (argv[2], NULL, 10), argc > 3 ? argv[3] : NULL);
  if (g_strcmp0 (mode, "startup") == 0)
    return run_startup (argv[0], argc > 2 && argv[2][0] != '-' ? argv[2] : NULL, runs);
  if (g_strcmp0 (mode, "filter") == 0 && argc > 2)
    return run_filter (argv[2], page, runs);

  g_printerr ("usage: %s startup [DIR] [--runs N]\n"
              "       %s filter DIR [--runs N] [--page influencers|overview|posts|payouts|insights]\n",
              argv[0], argv[0]);
  return 2;
}
