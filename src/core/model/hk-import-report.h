/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hk-types.h"

G_BEGIN_DECLS

/* What an import found, table by table: rows read and skipped, the first
 * problems of each kind as "file:line: column "x": …" messages, orphans,
 * warnings, and tables that are missing or could not be read. */
typedef struct _HkImportReport HkImportReport;

/* Why a dataset could not be made, whichever source made it. */
#define HK_IMPORT_ERROR (hk_import_error_quark ())

/* Unknown columns kept per table (docs/data-format.md); the others are
 * counted in the report and not read, so that memory stays proportional to
 * the files' size whatever their width. */
#define HK_IMPORT_MAX_EXTRA_COLUMNS 256

typedef enum {
  HK_IMPORT_ERROR_NOT_FOUND,     /* no such folder */
  HK_IMPORT_ERROR_MISSING_TABLE, /* influencers or tracking could not be read */
} HkImportErrorCode;

GQuark     hk_import_error_quark (void);


typedef enum {
  HK_TABLE_STATUS_OK,
  HK_TABLE_STATUS_MISSING, /* no such file */
  HK_TABLE_STATUS_ERROR,   /* found but unusable: a required column is missing */
} HkTableStatus;

#define HK_REPORT_MESSAGES_PER_KIND 5

HkImportReport *hk_import_report_new             (void);
void            hk_import_report_free            (HkImportReport *report);

HkTableStatus   hk_import_report_get_status      (HkImportReport *report,
                                                  HkTable         table);
/* The file name as found, or the canonical one when missing. */
const char     *hk_import_report_get_file_name   (HkImportReport *report,
                                                  HkTable         table);
/* For a missing or unusable table: why, naming the file or column. */
const char     *hk_import_report_get_error       (HkImportReport *report,
                                                  HkTable         table);
guint64         hk_import_report_get_rows_read   (HkImportReport *report,
                                                  HkTable         table);
guint64         hk_import_report_get_rows_skipped (HkImportReport *report,
                                                  HkTable         table);
guint64         hk_import_report_get_orphan_rows (HkImportReport *report,
                                                  HkTable         table);
/* Unknown columns not kept, past HK_IMPORT_MAX_EXTRA_COLUMNS. */
guint           hk_import_report_get_ignored_columns (HkImportReport *report,
                                                      HkTable         table);
/* Revenue of orphan tracking rows. */
double          hk_import_report_get_orphan_revenue (HkImportReport *report);

/* Any skipped row, orphan, duplicate, warning, or missing/unusable table. */
gboolean        hk_import_report_has_problems    (HkImportReport *report);
/* Every message shown to the user, table by table: problems, orphans, warnings. */
GPtrArray      *hk_import_report_dup_messages    (HkImportReport *report);
/* The text `influencer-report check` prints. */
char           *hk_import_report_to_text         (HkImportReport *report);
JsonNode       *hk_import_report_to_json         (HkImportReport *report);

/* For the importer. */
void            hk_import_report_set_file        (HkImportReport *report,
                                                  HkTable         table,
                                                  const char     *file_name);
void            hk_import_report_set_status      (HkImportReport *report,
                                                  HkTable         table,
                                                  HkTableStatus   status,
                                                  const char     *error);
void            hk_import_report_add_rows        (HkImportReport *report,
                                                  HkTable         table,
                                                  guint64         read,
                                                  guint64         skipped);
/* Counts count problems of a kind ("revenue/number"), and keeps message (may be
 * NULL) while fewer than HK_REPORT_MESSAGES_PER_KIND of that kind are kept. */
void            hk_import_report_add_problem     (HkImportReport *report,
                                                  HkTable         table,
                                                  const char     *kind,
                                                  guint64         count,
                                                  const char     *message);
void            hk_import_report_add_warning     (HkImportReport *report,
                                                  HkTable         table,
                                                  const char     *message);
void            hk_import_report_set_ignored_columns (HkImportReport *report,
                                                      HkTable         table,
                                                      guint           n_columns);
void            hk_import_report_add_orphans     (HkImportReport *report,
                                                  HkTable         table,
                                                  guint64         rows,
                                                  double          revenue,
                                                  const char     *example_ids);

/* For snapshots: the whole report as a GVariant of HK_IMPORT_REPORT_VARIANT_TYPE,
 * and back (NULL when the variant does not describe a report). */
#define HK_IMPORT_REPORT_VARIANT_TYPE "a(usmsttua(stas)astdms)"
GVariant       *hk_import_report_to_variant      (HkImportReport *report);
HkImportReport *hk_import_report_new_from_variant (GVariant      *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkImportReport, hk_import_report_free)

G_END_DECLS
