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

G_END_DECLS
