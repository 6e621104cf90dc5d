/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-dataset.h"
#include "hk-import-report.h"

G_BEGIN_DECLS


/* Reads a folder of CSV files (DESIGN.md §2). Bad rows are skipped and reported
 * in the dataset's import report; the files are only read. Fails when the
 * influencers or tracking table cannot be read; then, if report is not NULL, it
 * receives the report saying why. Uses both cores for large files. */
HkDataset *hk_import_folder (const char      *folder,
                             HkProgressFunc   progress,
                             gpointer         progress_data,
                             GCancellable    *cancellable,
                             HkImportReport **report,
                             GError         **error);

/* The same from memory: files is indexed by HkTable, NULL where a file is
 * missing; names are the file names used in messages (NULL: the canonical ones). */
HkDataset *hk_import_bytes  (GBytes          *files[HK_N_TABLES],
                             const char      *names[HK_N_TABLES],
                             GCancellable    *cancellable,
                             HkImportReport **report,
                             GError         **error);

/* Whether a file of this name (in any case) is one of a dataset's tables. */
gboolean   hk_import_is_table_file (const char *name);

/* For the fuzzers: tracking files from this size (default 8 MiB) are read in
 * two parts on two threads; 0 restores the default. Not thread-safe. */
void       hk_import_set_split_threshold (goffset bytes);

G_END_DECLS
