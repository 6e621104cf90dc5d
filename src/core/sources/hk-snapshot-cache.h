/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"

G_BEGIN_DECLS

/* Snapshots of folders' datasets (hk-snapshot.h) in the user's cache folder,
 * one per folder (docs/data-format.md, "Snapshot cache"). A cache, never a
 * source of truth: a snapshot is used only when its key equals the folder's
 * now, and anything wrong with it makes the caller parse the folder again.
 * Thread-safe. */

/* 2 GiB: the cache's default size limit. */
#define HK_SNAPSHOT_CACHE_DEFAULT_LIMIT ((guint64) 2 << 30)

/* $XDG_CACHE_HOME/com.healthkart.InfluencerDashboard */
char      *hk_snapshot_cache_get_dir   (void);
/* What the folder's snapshot must match: for each of its table files
 * (hk_import_is_table_file()), its name, size, modification time, inode and
 * device, and a checksum of its first and last 64 KiB; the folder's real
 * path and the program's version. NULL with error when the folder cannot be
 * read. */
GVariant  *hk_snapshot_cache_dup_key   (const char    *folder,
                                        GError       **error);
/* The folder's dataset from its snapshot when there is one of this key
 * (checked as hk_snapshot_load() does; the columns' checksums are the
 * caller's to check with hk_snapshot_verify()), else NULL with error. A
 * snapshot that cannot be used is removed; one that is used becomes the most
 * recently used. */
HkDataset *hk_snapshot_cache_open      (const char    *folder,
                                        GVariant      *key,
                                        GError       **error);
/* Writes ds, parsed from folder while its key was key, as its snapshot (with
 * prepared, may be NULL: hk_snapshot_write()), then removes the least
 * recently used snapshots over the limit. */
gboolean   hk_snapshot_cache_store     (HkDataset     *ds,
                                        GBytes        *prepared,
                                        const char    *folder,
                                        GVariant      *key,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Removes the folder's snapshot, if any. */
void       hk_snapshot_cache_discard   (const char    *folder);
/* The snapshot file a folder has or would have. */
char      *hk_snapshot_cache_dup_path  (const char    *folder);

/* The bytes of every snapshot in the cache. */
guint64    hk_snapshot_cache_get_size  (void);
/* Removes every snapshot. */
gboolean   hk_snapshot_cache_clear     (GError       **error);
/* The size the cache is kept under (HK_SNAPSHOT_CACHE_DEFAULT_LIMIT unless
 * set): after a store, snapshots are removed least recently used first until
 * it fits; a snapshot larger than the limit is not kept. */
void       hk_snapshot_cache_set_limit (guint64        bytes);
guint64    hk_snapshot_cache_get_limit (void);
/* Removes snapshots, least recently used first, until the cache holds at
 * most limit bytes. */
void       hk_snapshot_cache_trim      (guint64        limit);

G_END_DECLS
