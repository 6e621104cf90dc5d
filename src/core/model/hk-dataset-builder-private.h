/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-dataset-builder.h"

G_BEGIN_DECLS

/* Rules the builder shares with the importer, said the same way by both. */

/* A cell as shown in a message: one line, at most 40 characters. */
char *hk_cell_display_value     (const char     *str,
                                 gsize           len);
/* Why a table is missing ("posts.csv: missing; …"), for the report. */
char *hk_table_missing_message  (HkTable         table,
                                 const char     *name);
/* The orphans of a grouped table (start: its group starts), their revenue
 * (tracking: revenue, else NULL) and their first few ids, into report. */
void  hk_dataset_report_orphans (HkDataset      *ds,
                                 HkImportReport *report,
                                 HkTable         table,
                                 const guint    *start,
                                 const guint32  *orphan_ids,
                                 const double   *revenue);

G_END_DECLS
