/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-source.h"

G_BEGIN_DECLS

/* A folder of CSV files (DESIGN.md §2), read by the importer. It loads its
 * dataset through hk_import_folder() and has no fill for now: the importer
 * builds its columns itself, in parallel. */
#define HK_TYPE_FOLDER_SOURCE (hk_folder_source_get_type ())
G_DECLARE_FINAL_TYPE (HkFolderSource, hk_folder_source, HK, FOLDER_SOURCE, GObject)

HkSource   *hk_folder_source_new        (const char     *folder);
const char *hk_folder_source_get_folder (HkFolderSource *self);

/* The snapshot cache (hk-snapshot-cache.h): off unless set. With it, a load
 * opens the folder's snapshot when the files are those it was made of, and
 * parses them otherwise. */
typedef enum {
  HK_FOLDER_CACHE_OFF,  /* not used, or the folder could not be keyed */
  HK_FOLDER_CACHE_HIT,  /* the dataset came from a snapshot: check it with hk_snapshot_verify() */
  HK_FOLDER_CACHE_MISS, /* the files were parsed: hk_folder_source_store_snapshot() may save them */
} HkFolderCacheState;

void        hk_folder_source_set_use_cache   (HkFolderSource *self,
                                              gboolean        use_cache);
/* What the last load did. */
HkFolderCacheState hk_folder_source_get_cache_state (HkFolderSource *self);
/* After a miss: writes the parsed dataset's snapshot, with the engine's
 * preparation when given (hk_engine_save_prepared()), unless the files
 * changed since they were keyed (then nothing is written and TRUE returned).
 * Blocks: for a worker thread. */
gboolean    hk_folder_source_store_snapshot  (HkFolderSource *self,
                                              HkDataset      *ds,
                                              GBytes         *prepared,
                                              GCancellable   *cancellable,
                                              GError        **error);

G_END_DECLS
