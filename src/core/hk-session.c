/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hk-big.h"
#include "hk-dataset-private.h"
#include "hk-folder-source.h"
#include "hk-pg-source.h"
#include "hk-import.h"
#include "hk-session.h"
#include "hk-simulator-source.h"
#include "hk-snapshot-cache.h"
#include "hk-snapshot.h"

struct _HkSession
{
  GObject            parent_instance;

  HkDataset         *dataset;
  HkEngine          *engine;
  HkFilter          *filter;
  HkAnalysisOptions  options;
  HkAnalysis        *analysis;

  /* analysis: one worker at a time, the latest request wins; only once the
   * session is used asynchronously (the CLI analyses when it asks) */
  gboolean           background;
  guint64            analysis_serial;
  gboolean           analysis_running;

  /* loading */
  GCancellable      *load_cancellable;
  gpointer           load_job;     /* LoadJob being run, for its progress */

  /* the dataset's folder, watched */
  GFileMonitor      *monitor;
  guint              changed_source;

  /* the snapshot cache: written after a parse, checked after an open */
  gboolean           use_cache;
  guint              cache_jobs;   /* running or deferred */
  struct _CacheJob  *deferred_cache; /* waiting for the first analysis */

  GCancellable      *cancellable;  /* cancelled on dispose */
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (HkSession, hk_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_ANALYSIS,
  PROP_LOADING,
  PROP_BUSY,
  N_PROPS
};

enum {
  FILES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_busy (HkSession *self)
{
  gboolean busy = self->load_job != NULL || self->analysis_running;

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* ------------------------------------------------------------------------ */
/* Analysis                                                                 */

typedef struct {
  HkEngine          *engine;
  HkFilter          *filter;
  HkAnalysisOptions  options;
  guint64            serial;
  HkAnalysis        *analysis;
} AnalysisJob;

static void
analysis_job_free (AnalysisJob *job)
{
  g_clear_object (&job->engine);
  g_clear_pointer (&job->filter, hk_filter_free);
  g_clear_pointer (&job->analysis, hk_analysis_unref);
  g_free (job);
}

static void
analysis_run (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AnalysisJob *job = task_data;

  job->analysis = hk_engine_analyze (job->engine, job->filter, &job->options);
  g_task_return_boolean (task, TRUE);
}

static void
set_analysis (HkSession  *self,
              HkAnalysis *analysis)
{
  g_clear_pointer (&self->analysis, hk_analysis_unref);
  self->analysis = analysis ? hk_analysis_ref (analysis) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

static void start_analysis (HkSession *self);

typedef struct _CacheJob CacheJob;
static void launch_cache_job (HkSession *self,
                              CacheJob  *job);

static void
on_analysis_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HkSession *self = HK_SESSION (object);
  AnalysisJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return; /* disposed */
  if (job->serial != self->analysis_serial)
    {
      /* A newer filter, options or dataset came while this ran. */
      start_analysis (self);
      return;
    }
  self->analysis_running = FALSE;
  set_analysis (self, job->analysis);
  update_busy (self);
  /* The data is shown: the snapshot's write or check may have the cores
   * now. */
  if (self->deferred_cache)
    launch_cache_job (self, g_steal_pointer (&self->deferred_cache));
}

static void
start_analysis (HkSession *self)
{
  g_autoptr(GTask) task = NULL;
  AnalysisJob *job = g_new0 (AnalysisJob, 1);

  job->engine = g_object_ref (self->engine);
  job->filter = hk_filter_copy (self->filter);
  job->options = self->options;
  job->serial = self->analysis_serial;
  self->analysis_running = TRUE;

  task = g_task_new (self, self->cancellable, on_analysis_done, NULL);
  g_task_set_source_tag (task, start_analysis);
  g_task_set_task_data (task, job, (GDestroyNotify) analysis_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, analysis_run);
  update_busy (self);
}

static void
request_analysis (HkSession *self)
{
  if (self->engine == NULL || !self->background)
    return;
  self->analysis_serial++;
  if (!self->analysis_running)
    start_analysis (self);
}

HkAnalysis *
hk_session_analyze (HkSession *self)
{
  g_autoptr(HkAnalysis) analysis = NULL;

  g_return_val_if_fail (HK_IS_SESSION (self), NULL);
  g_return_val_if_fail (self->engine != NULL, NULL);

  analysis = hk_engine_analyze (self->engine, self->filter, &self->options);
  self->analysis_serial++; /* any analysis running is older */
  set_analysis (self, analysis);
  return self->analysis;
}

/* ------------------------------------------------------------------------ */
/* Watching the dataset's folder                                            */

static gboolean
is_data_file (GFile *file)
{
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  return name != NULL && hk_import_is_table_file (name);
}

static gboolean
on_changed_timeout (gpointer user_data)
{
  HkSession *self = user_data;

  self->changed_source = 0;
  g_signal_emit (self, signals[FILES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (HkSession         *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  if (!is_data_file (file) && !is_data_file (other_file))
    return;
  /* Debounced: writers touch a file many times; say so once they are done. */
  g_clear_handle_id (&self->changed_source, g_source_remove);
  self->changed_source = g_timeout_add (1000, on_changed_timeout, self);
}

static void
watch_folder (HkSession  *self,
              const char *folder)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->changed_source, g_source_remove);
  if (folder == NULL)
    return;
  file = g_file_new_for_path (folder);
  self->monitor = g_file_monitor_directory (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", folder, error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self,
                           G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* The snapshot cache                                                       */

struct _CacheJob {
  HkFolderSource *source;
  HkDataset      *dataset;
  HkEngine       *engine;   /* its preparation is stored with the snapshot */
  gboolean        verify;   /* else store */
  GThread        *check;    /* checking the snapshot since it was opened, or NULL */
};

/* The check of a dataset opened from a snapshot, for the command line:
 * started as soon as it is mapped, on the other core while the engine is
 * made (the app checks after its first analysis, in cache_thread()). */
static gpointer
check_thread (gpointer data)
{
  HkDataset *ds = data;
  gboolean ok = hk_snapshot_verify (ds, NULL, NULL);

  g_object_unref (ds);
  return GINT_TO_POINTER (ok);
}

static gboolean
join_check (GThread **check)
{
  return GPOINTER_TO_INT (g_thread_join (g_steal_pointer (check)));
}

static void
cache_job_free (CacheJob *job)
{
  if (job->check)
    g_thread_unref (job->check);
  g_clear_object (&job->source);
  g_clear_object (&job->dataset);
  g_clear_object (&job->engine);
  g_free (job);
}

/* Checks a dataset opened from a snapshot, or writes the snapshot of a
 * parsed one: never on the thread that shows the data. */
static void
cache_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CacheJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (job->verify)
    {
      ok = job->check ? join_check (&job->check) : hk_snapshot_verify (job->dataset, NULL, NULL);
      if (!ok)
        {
          /* Removed here: no file is touched on the thread that draws. */
          hk_snapshot_cache_discard (hk_folder_source_get_folder (job->source));
          g_set_error_literal (&error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_INVALID, "the snapshot is damaged");
        }
    }
  else if (hk_snapshot_get_min_size (job->dataset) > hk_snapshot_cache_get_limit ())
    {
      /* Not even the engine's preparation is worth saving; the others are
       * kept under the limit, as a store keeps them. */
      hk_snapshot_cache_trim (hk_snapshot_cache_get_limit ());
      ok = FALSE;
      g_set_error_literal (&error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_TOO_LARGE,
                           "the snapshot would be larger than the cache's limit");
    }
  else
    {
      g_autoptr(GBytes) prepared = hk_engine_save_prepared (job->engine);

      ok = hk_folder_source_store_snapshot (job->source, job->dataset, prepared, cancellable, &error);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_cache_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HkSession *self = HK_SESSION (object);
  CacheJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->cache_jobs--;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!job->verify)
    {
      /* A cache: the data is there all the same. */
      g_debug ("Could not save a snapshot of %s: %s", hk_folder_source_get_folder (job->source), error->message);
      return;
    }
  /* The data shown came from a damaged snapshot: parse the folder again,
   * unless another dataset replaced it meanwhile. */
  g_debug ("%s: %s; reading the folder again", hk_folder_source_get_folder (job->source), error->message);
  if (self->dataset == job->dataset && self->load_job == NULL)
    hk_session_load_async (self, hk_folder_source_get_folder (job->source), NULL, NULL, NULL);
}

static void
launch_cache_job (HkSession *self,
                  CacheJob  *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_cache_done, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);
  g_task_run_in_thread (task, cache_thread);
}

/* defer: after the next analysis, which is the one the window waits for
 * (both cores go to showing the data first). */
static void
start_cache_job (HkSession *self,
                 HkSource  *source,
                 HkDataset *dataset,
                 HkEngine  *engine,
                 GThread  **check,
                 gboolean   defer)
{
  CacheJob *job;
  HkFolderCacheState state;

  if (!HK_IS_FOLDER_SOURCE (source))
    return;
  state = hk_folder_source_get_cache_state (HK_FOLDER_SOURCE (source));
  if (state == HK_FOLDER_CACHE_OFF)
    return;
  job = g_new0 (CacheJob, 1);
  job->source = g_object_ref (HK_FOLDER_SOURCE (source));
  job->dataset = g_object_ref (dataset);
  job->engine = g_object_ref (engine);
  job->verify = state == HK_FOLDER_CACHE_HIT;
  job->check = g_steal_pointer (check);
  g_assert (job->verify || job->check == NULL);
  self->cache_jobs++;
  if (!defer)
    launch_cache_job (self, job);
  else
    {
      if (self->deferred_cache)
        launch_cache_job (self, self->deferred_cache);
      self->deferred_cache = job;
    }
}

void
hk_session_set_use_cache (HkSession *self,
                          gboolean   use_cache)
{
  g_return_if_fail (HK_IS_SESSION (self));
  self->use_cache = use_cache;
}

void
hk_session_wait_cache (HkSession *self)
{
  g_return_if_fail (HK_IS_SESSION (self));
  while (self->cache_jobs > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

typedef struct {
  char           *folder;   /* NULL: the demo */
  gboolean        use_cache;
  gboolean        check_now; /* a snapshot opened is checked while the engine is made */
  gint            progress; /* per mille, atomic */
  HkSource       *source;
  HkDataset      *dataset;
  HkEngine       *engine;
  HkImportReport *report;   /* why a folder could not be opened */
  GThread        *check;    /* of a snapshot opened (check_thread()) */
  HkFilter       *filter;   /* the session's when the load started, for: */
  HkAnalysisOptions options;
  HkAnalysis     *analysis; /* the first, made on the load's thread */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  if (job->check)
    g_thread_unref (job->check); /* not waited for: it holds what it reads */
  g_free (job->folder);
  g_clear_object (&job->source);
  g_clear_object (&job->dataset);
  g_clear_object (&job->engine);
  g_clear_pointer (&job->report, hk_import_report_free);
  g_clear_pointer (&job->filter, hk_filter_free);
  g_clear_pointer (&job->analysis, hk_analysis_unref);
  g_free (job);
}

static void
on_load_progress (double   fraction,
                  gpointer user_data)
{
  LoadJob *job = user_data;

  g_atomic_int_set (&job->progress, (gint) (CLAMP (fraction, 0, 1) * 1000));
}

/* The dataset and its engine, on any thread. */
static gboolean
load_job_run (LoadJob       *job,
              GCancellable  *cancellable,
              GError       **error)
{
  /* No folder: the demo, simulated; a connection string: a database. */
  HkSource *source = job->folder == NULL ? hk_simulator_source_new (NULL) :
                     hk_pg_is_location (job->folder) ? hk_pg_source_new (job->folder, NULL) :
                     hk_folder_source_new (job->folder);

  job->source = source;
  if (HK_IS_FOLDER_SOURCE (source))
    hk_folder_source_set_use_cache (HK_FOLDER_SOURCE (source), job->use_cache);
  job->dataset = hk_source_load (source, on_load_progress, job, cancellable, &job->report, error);
  if (job->dataset == NULL)
    return FALSE;
  if (job->check_now && HK_IS_FOLDER_SOURCE (source) &&
      hk_folder_source_get_cache_state (HK_FOLDER_SOURCE (source)) == HK_FOLDER_CACHE_HIT)
    job->check = g_thread_new ("hk-snapshot-check", check_thread, g_object_ref (job->dataset));
  job->engine = hk_engine_new (job->dataset);
  /* Counted here, once, not when the filter sidebar lists the values. */
  hk_dataset_get_row_counts (job->dataset, NULL);
  /* The first analysis, on this thread: it is ready when the data arrives
   * on the thread that shows it, which may be drawing a frame meanwhile.
   * Used if the filter and options are still these then. */
  if (job->filter != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      /* Its per-influencer arrays, about 400 bytes an influencer. */
      hk_big_prefault_heap ((gsize) hk_dataset_get_n_influencers (job->dataset) * 400);
      job->analysis = hk_engine_analyze (job->engine, job->filter, &job->options);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (load_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* first: the analysis the load made with filter and options, or NULL.
 * Returns whether it is the one shown. */
static gboolean
set_dataset (HkSession               *self,
             HkDataset               *dataset,
             HkEngine                *engine,
             HkAnalysis              *first,
             const HkFilter          *filter,
             const HkAnalysisOptions *options)
{
  guint64 serial = self->analysis_serial;

  g_set_object (&self->dataset, dataset);
  g_set_object (&self->engine, engine);
  watch_folder (self, hk_dataset_get_folder (dataset));
  /* Listeners may set a filter fitting the new data: that starts the analysis. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  if (self->analysis_serial != serial)
    return FALSE;
  if (first != NULL && !self->analysis_running && hk_filter_equal (filter, self->filter) &&
      memcmp (options, &self->options, sizeof *options) == 0)
    {
      self->analysis_serial++;
      set_analysis (self, first);
      return TRUE;
    }
  request_analysis (self);
  return FALSE;
}

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HkSession *self = HK_SESSION (object);
  GTask *task = user_data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean current = job == self->load_job;

  if (current)
    {
      self->load_job = NULL;
      g_clear_object (&self->load_cancellable);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else if (!current)
    /* A newer load replaced this one: nothing of it shows. */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Replaced by a newer load"));
  else
    {
      gboolean shown = set_dataset (self, job->dataset, job->engine, job->analysis, job->filter, &job->options);

      /* Deferred until the analysis the window waits for, unless that is it. */
      start_cache_job (self, job->source, job->dataset, job->engine, &job->check, !shown);
      g_task_return_boolean (task, TRUE);
    }
  update_busy (self);
  g_object_unref (task);
}

void
hk_session_load_async (HkSession           *self,
                       const char          *folder,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *task;
  LoadJob *job;

  g_return_if_fail (HK_IS_SESSION (self));

  self->background = TRUE;
  /* A newer load replaces any running one. */
  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->folder = g_strdup (folder);
  job->use_cache = self->use_cache;
  job->filter = hk_filter_copy (self->filter);
  job->options = self->options;
  self->load_job = job;

  /* The caller's task owns the job; the inner one runs it (holding the
   * caller's task until it ends), so that the session shows the new dataset
   * before the caller hears. */
  task = g_task_new (self, self->load_cancellable, callback, user_data);
  g_task_set_source_tag (task, hk_session_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  inner = g_task_new (self, self->load_cancellable, on_load_done, task);
  g_task_set_task_data (inner, job, NULL);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, load_thread);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  update_busy (self);
}

HkDataset *
hk_session_load_finish (HkSession       *self,
                        GAsyncResult    *result,
                        HkImportReport **report,
                        GError         **error)
{
  LoadJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (report)
    *report = g_steal_pointer (&job->report);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return job->dataset;
}

gboolean
hk_session_load (HkSession       *self,
                 const char      *folder,
                 HkImportReport **report,
                 GError         **error)
{
  LoadJob job = { .folder = (char *) folder, .use_cache = self->use_cache, .check_now = TRUE };
  gboolean ok;

  g_return_val_if_fail (HK_IS_SESSION (self), FALSE);

  ok = load_job_run (&job, NULL, error);
  if (ok && HK_IS_FOLDER_SOURCE (job.source) &&
      hk_folder_source_get_cache_state (HK_FOLDER_SOURCE (job.source)) == HK_FOLDER_CACHE_HIT)
    {
      /* Nothing is shown here before it is checked: a damaged snapshot is
       * parsed again at once. */
      if (!join_check (&job.check))
        {
          g_debug ("%s: the snapshot is damaged; reading the folder again", folder);
          hk_snapshot_cache_discard (folder);
          g_clear_object (&job.dataset);
          g_clear_object (&job.engine);
          g_clear_object (&job.source);
          ok = load_job_run (&job, NULL, error);
        }
      else
        g_clear_object (&job.source);
    }
  if (ok)
    {
      set_dataset (self, job.dataset, job.engine, NULL, NULL, NULL);
      if (job.source != NULL)
        start_cache_job (self, job.source, job.dataset, job.engine, &job.check, FALSE);
    }
  if (report)
    *report = g_steal_pointer (&job.report);
  g_clear_object (&job.dataset);
  g_clear_object (&job.engine);
  g_clear_object (&job.source);
  g_clear_pointer (&job.report, hk_import_report_free);
  if (job.check)
    g_thread_unref (job.check);
  return ok;
}

void
hk_session_cancel_load (HkSession *self)
{
  g_return_if_fail (HK_IS_SESSION (self));

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
}

double
hk_session_get_progress (HkSession *self)
{
  LoadJob *job;

  g_return_val_if_fail (HK_IS_SESSION (self), 0);

  job = self->load_job;
  if (job == NULL)
    return 1;
  if (job->folder == NULL)
    return -1;
  return g_atomic_int_get (&job->progress) / 1000.0;
}

gboolean
hk_session_get_loading (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), FALSE);
  return self->load_job != NULL;
}

gboolean
hk_session_get_busy (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), FALSE);
  return self->busy;
}

/* ------------------------------------------------------------------------ */
/* The rest                                                                 */

HkDataset *
hk_session_get_dataset (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), NULL);
  return self->dataset;
}

HkEngine *
hk_session_get_engine (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), NULL);
  return self->engine;
}

HkAnalysis *
hk_session_get_analysis (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), NULL);
  return self->analysis;
}

const HkFilter *
hk_session_get_filter (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), NULL);
  return self->filter;
}

void
hk_session_set_filter (HkSession      *self,
                       const HkFilter *filter)
{
  g_return_if_fail (HK_IS_SESSION (self));
  g_return_if_fail (filter != NULL);

  if (hk_filter_equal (filter, self->filter))
    return;
  hk_filter_free (self->filter);
  self->filter = hk_filter_copy (filter);
  request_analysis (self);
}

const HkAnalysisOptions *
hk_session_get_options (HkSession *self)
{
  g_return_val_if_fail (HK_IS_SESSION (self), NULL);
  return &self->options;
}

void
hk_session_set_options (HkSession               *self,
                        const HkAnalysisOptions *options)
{
  g_return_if_fail (HK_IS_SESSION (self));
  g_return_if_fail (options != NULL);

  if (memcmp (options, &self->options, sizeof *options) == 0)
    return;
  self->options = *options;
  request_analysis (self);
}

HkSession *
hk_session_new (void)
{
  return g_object_new (HK_TYPE_SESSION, NULL);
}

static void
hk_session_dispose (GObject *object)
{
  HkSession *self = HK_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  hk_session_cancel_load (self);
  watch_folder (self, NULL);
  if (self->deferred_cache)
    {
      cache_job_free (g_steal_pointer (&self->deferred_cache));
      self->cache_jobs--;
    }

  G_OBJECT_CLASS (hk_session_parent_class)->dispose (object);
}

static void
hk_session_finalize (GObject *object)
{
  HkSession *self = HK_SESSION (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->filter, hk_filter_free);
  g_clear_pointer (&self->analysis, hk_analysis_unref);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hk_session_parent_class)->finalize (object);
}

static void
hk_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HkSession *self = HK_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->load_job != NULL);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_session_class_init (HkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hk_session_dispose;
  object_class->finalize = hk_session_finalize;
  object_class->get_property = hk_session_get_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, HK_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, HK_TYPE_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A data file of the dataset's folder changed on disk (debounced). */
  signals[FILES_CHANGED] =
    g_signal_new ("files-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hk_session_init (HkSession *self)
{
  self->filter = hk_filter_new ();
  hk_analysis_options_init (&self->options);
  self->cancellable = g_cancellable_new ();
}
