/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-analysis.h"
#include "hk-dataset.h"
#include "hk-filter.h"
#include "hk-import-report.h"

G_BEGIN_DECLS

/* What a user works on: the dataset and its engine, the filter and the
 * options, and the latest analysis of them. The app binds its window to one;
 * the CLI uses it synchronously. GTK-free: loads and analyses run on worker
 * threads and report on the thread-default main context of the caller.
 *
 * Once hk_session_load_async() was used, every change is analysed in the
 * background, latest-wins: at most one analysis runs; a change while it runs
 * starts another when it ends, and only the result for the current dataset,
 * filter and options becomes "analysis". A session used synchronously
 * analyses only when asked (hk_session_analyze()). */
#define HK_TYPE_SESSION (hk_session_get_type ())
G_DECLARE_FINAL_TYPE (HkSession, hk_session, HK, SESSION, GObject)

HkSession      *hk_session_new              (void);

/* The data shown: NULL before the first load. */
HkDataset      *hk_session_get_dataset      (HkSession               *self);
HkEngine       *hk_session_get_engine       (HkSession               *self);
/* The latest analysis of the current dataset, filter and options (NULL until
 * the first one ends); notify::analysis says when it changes. */
HkAnalysis     *hk_session_get_analysis     (HkSession               *self);

const HkFilter *hk_session_get_filter       (HkSession               *self);
void            hk_session_set_filter       (HkSession               *self,
                                             const HkFilter          *filter);
const HkAnalysisOptions *hk_session_get_options (HkSession           *self);
void            hk_session_set_options      (HkSession               *self,
                                             const HkAnalysisOptions *options);

/* Loads a folder, a database (a PostgreSQL connection string, see
 * hk_pg_is_location()), or the simulated demo data when folder is NULL, on a
 * worker thread. A newer load cancels this one. On success the session shows the
 * new dataset (notify::dataset) and analyses it; on failure it keeps what it
 * showed. progress is read with hk_session_get_progress(). */
void            hk_session_load_async       (HkSession               *self,
                                             const char              *folder,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
/* The dataset loaded (also the session's now), or NULL with error; report
 * receives the import report of a folder that could not be opened. */
HkDataset      *hk_session_load_finish      (HkSession               *self,
                                             GAsyncResult            *result,
                                             HkImportReport         **report,
                                             GError                 **error);
/* The same, on this thread: for the CLI. */
gboolean        hk_session_load             (HkSession               *self,
                                             const char              *folder,
                                             HkImportReport         **report,
                                             GError                 **error);
/* Whether folders are opened through the snapshot cache (hk-snapshot-cache.h;
 * off unless set). A folder parsed then has its snapshot written on a worker
 * thread; one opened from its snapshot has the snapshot checked on a worker
 * thread after it shows (a synchronous load checks it first), and is read
 * again from its files should the check fail. */
void            hk_session_set_use_cache    (HkSession               *self,
                                             gboolean                 use_cache);
/* Runs the thread-default main context until no snapshot is being written
 * or checked: before a CLI exits, and in tests. */
void            hk_session_wait_cache       (HkSession               *self);
/* Cancels the running load, if any. */
void            hk_session_cancel_load      (HkSession               *self);
/* How far the running load is, from 0 to 1; a negative number while the
 * demo data is made (no measure of progress). */
double          hk_session_get_progress     (HkSession               *self);
gboolean        hk_session_get_loading      (HkSession               *self);
/* Loading or analysing: what is shown is about to change. */
gboolean        hk_session_get_busy         (HkSession               *self);

/* Analyses the current filter and options now, on this thread, and makes it
 * the session's analysis: for the CLI. */
HkAnalysis     *hk_session_analyze          (HkSession               *self);

G_END_DECLS
