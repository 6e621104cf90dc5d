/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"

G_BEGIN_DECLS

/* A dataset's columns, string pools, tables and import report in one binary
 * file that a later run maps instead of parsing the CSV files again
 * (docs/data-format.md, "Snapshot cache"). The columns of a dataset opened
 * from a snapshot point into the mapping: nothing is copied but the text
 * columns' pointers.
 *
 * A snapshot is never trusted: hk_snapshot_load() checks the header, the
 * format version, every section's offset and length against the file's size,
 * the checksum of the header, metadata and directory, and every value used
 * as an index (pool codes, group starts, days, tiers) before the dataset is
 * made. The checksums of the columns themselves are checked by
 * hk_snapshot_verify(), which may run on another thread once the data shows. */

#define HK_SNAPSHOT_VERSION 5

#define HK_SNAPSHOT_ERROR (hk_snapshot_error_quark ())

typedef enum {
  HK_SNAPSHOT_ERROR_INVALID,  /* not a snapshot, another version, or damaged */
  HK_SNAPSHOT_ERROR_STALE,    /* a snapshot of other files (its key differs) */
  HK_SNAPSHOT_ERROR_TOO_LARGE, /* over max_size, or a text column over 4 GiB: not written */
} HkSnapshotError;

GQuark     hk_snapshot_error_quark (void);

/* Writes ds with key (any GVariant, compared as a whole when loading) to path
 * through HkFileWriter: atomically, the previous file stays until the end.
 * prepared (may be NULL) is stored as it is, for hk_snapshot_dup_prepared().
 * A snapshot that would be over max_size bytes (0: any size) is not written. */
gboolean   hk_snapshot_write   (HkDataset     *ds,
                                GVariant      *key,
                                GBytes        *prepared,
                                const char    *path,
                                guint64        max_size,
                                GCancellable  *cancellable,
                                GError       **error);
/* Bytes that every snapshot of ds holds at least (its columns but the
 * texts, written as they are): over a size limit, none is worth making. */
guint64    hk_snapshot_get_min_size (HkDataset   *ds);
/* The dataset held in bytes (a mapped file, kept while the dataset lives),
 * or NULL with error. With expected_key, a snapshot of another key is
 * HK_SNAPSHOT_ERROR_STALE; key_out (may be NULL) receives the stored key. */
HkDataset *hk_snapshot_load    (GBytes        *bytes,
                                GVariant      *expected_key,
                                GVariant     **key_out,
                                GError       **error);
/* Checks the checksum of every section of a dataset made by
 * hk_snapshot_load() (TRUE for any other dataset). Read-only: may run on
 * any thread while the dataset is in use. */
gboolean   hk_snapshot_verify  (HkDataset     *ds,
                                GCancellable  *cancellable,
                                GError       **error);
/* The bytes written as prepared with ds's snapshot, in the mapping, or NULL.
 * Checked by hk_snapshot_verify() like every section, but their content is
 * the reader's to check: the engine's preparation (hk_engine_new()). */
GBytes    *hk_snapshot_dup_prepared (HkDataset *ds);
/* Whether ds was made by hk_snapshot_load(). */
gboolean   hk_snapshot_is_snapshot (HkDataset *ds);

/* The checksum snapshots use: 64 bits, not cryptographic, fast. */
guint64    hk_snapshot_checksum (const void *data,
                                 gsize       len);

G_END_DECLS
