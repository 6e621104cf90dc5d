/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-analysis.h"
#include "hk-file-writer.h"

G_BEGIN_DECLS

/* The table catalogue: every table the app shows or exports, declared once.
 * A spec says what a table's columns are and how to read its rows from an
 * analysis; the app's column views, "Export Current View" and the summary
 * files all read the same spec, so a table and its export cannot disagree.
 * Rows are plain indices (an influencer group, a post row, a position in the
 * top list…); every function reads only immutable data, so searching, sorting
 * and writing run on worker threads. */

/* What a cell holds, which decides how it is shown and exported. */
typedef enum {
  HK_CELL_TEXT,     /* text as written */
  HK_CELL_VALUE,    /* an attribute value: the empty value shows "Unknown" */
  HK_CELL_COUNT,    /* a whole number with grouping */
  HK_CELL_MONEY,    /* rupees, in the money style; exported to the paisa */
  HK_CELL_RATIO,    /* ROAS and the like: "3.25×" */
  HK_CELL_PERCENT,  /* a fraction: 0.0345 → "3.45%" */
  HK_CELL_DATE,     /* a day number; exported as an ISO date */
  HK_CELL_RATE,     /* a payout rate: rupees, or below 1 a commission shown as a percentage */
  HK_CELL_FLAG,     /* an HkPayoutFlag; exported true when not HK_PAYOUT_FINE */
  HK_CELL_BASIS,    /* a payout basis: "post", "order", "mixed", shown "Per post"… */
  HK_CELL_TIER,     /* a follower tier: "nano"…, shown "Nano"… in the UI's language */
  HK_CELL_METHOD,   /* iROAS methods: "holdout+calibrated", shown "Holdout test, calibrated share" */
  HK_CELL_SOURCE,   /* a tracking source: "instagram", shown as the platform it names ("Instagram") */
  HK_CELL_DECISION, /* a decision: "drop"…, shown "Drop"… (hk_decision_label ()) */
} HkCellKind;

/* Whether a kind is a number (right-aligned, tabular figures, sorted as numbers). */
gboolean hk_cell_kind_is_number (HkCellKind kind);

typedef enum {
  HK_COLUMN_EXPORT_ONLY = 1 << 0, /* in exports and summaries, not shown in the app */
} HkColumnFlags;

typedef struct {
  const char *id;     /* the export column name; NULL: the metric's name */
  const char *title;  /* N_() */
  HkCellKind  kind;
  int         metric; /* an HkMetric read from get_metrics, or -1 */
  int         width;  /* width in the app, in pixels; 0: the kind's default */
  guint       flags;  /* HkColumnFlags */
} HkTableColumn;

typedef struct _HkTableSpec HkTableSpec;

struct _HkTableSpec {
  const char          *name;                /* "influencers": settings, lookups */
  const HkTableColumn *columns;
  guint                n_columns;
  const char          *search_placeholder;  /* N_() */
  int                  default_sort;        /* column, or -1: the rows' own order */
  gboolean             default_descending;

  /* The rows, in their own order; param is the influencer index for the
   * per-influencer tables. search is casefolded, NULL for none. */
  guint      *(*dup_rows)       (HkAnalysis   *analysis,
                                 guint         param,
                                 const char   *search_folded,
                                 guint        *n_rows);
  /* The sums of a row, for metric columns and footers. */
  const HkMetrics *(*get_metrics) (HkAnalysis *analysis,
                                 guint         row,
                                 HkMetrics    *scratch);
  /* For number kinds without a metric; NAN when undefined. */
  double      (*get_number)     (HkAnalysis   *analysis,
                                 guint         row,
                                 guint         column);
  /* For text kinds; borrowed, never NULL. */
  const char *(*get_text)       (HkAnalysis   *analysis,
                                 guint         row,
                                 guint         column);
  /* The dataset index of the row's influencer, -1 for none; NULL for tables
   * whose rows are not about one influencer. */
  int         (*get_influencer) (HkAnalysis   *analysis,
                                 guint         row);
};

/* NULL for an unknown name. */
const HkTableSpec *hk_table_spec_lookup        (const char        *name);
/* The export name of a column. */
const char        *hk_table_spec_get_column_id (const HkTableSpec *spec,
                                                guint              column);
/* -1 when no column has that id. */
int                hk_table_spec_find_column   (const HkTableSpec *spec,
                                                const char        *id);
/* A number cell's value (metric or get_number); NAN when undefined. */
double             hk_table_spec_get_number    (const HkTableSpec *spec,
                                                HkAnalysis        *analysis,
                                                guint              row,
                                                guint              column);
/* The sums of rows pooled (hk_metrics_add): what a footer shows. */
void               hk_table_spec_sum           (const HkTableSpec *spec,
                                                HkAnalysis        *analysis,
                                                const guint       *rows,
                                                guint              n_rows,
                                                HkMetrics         *total);
/* The sum of a number column's defined values over rows (flags count). */
double             hk_table_spec_sum_column    (const HkTableSpec *spec,
                                                HkAnalysis        *analysis,
                                                const guint       *rows,
                                                guint              n_rows,
                                                guint              column);
/* Sorts rows in place by column (NAN and empty text last in either
 * direction; ties keep the rows' own order). */
void               hk_table_spec_sort          (const HkTableSpec *spec,
                                                HkAnalysis        *analysis,
                                                guint             *rows,
                                                guint              n_rows,
                                                guint              column,
                                                gboolean           descending);

/* Which way a first click on the column sorts, best first: numbers largest
 * first (money, counts, ratios), cost-like metrics (CPM, CPE, cost per
 * order) and ranks smallest first; text and dates ascending. */
gboolean           hk_table_spec_sorts_descending_first (const HkTableSpec *spec,
                                                         guint              column);

typedef enum {
  HK_TABLE_CSV,
  HK_TABLE_JSON,
} HkTableFormat;

/* Writes rows to out and closes it (on failure out is left unclosed, for its
 * owner to free or its set to drop): a header of column ids (CSV) or an array
 * of objects (JSON); text as written, numbers as the shortest decimal that
 * reads back the same, money to the paisa, undefined as an empty cell (JSON
 * null), days as ISO dates, flags as true/false. columns lists the columns by
 * id, NULL-terminated (NULL: every column). Same rows, same bytes. */
gboolean           hk_table_spec_write         (const HkTableSpec *spec,
                                                HkAnalysis        *analysis,
                                                const guint       *rows,
                                                guint              n_rows,
                                                const char * const *columns,
                                                HkTableFormat      format,
                                                HkFileWriter      *out,
                                                GCancellable      *cancellable,
                                                GError           **error);

/* One table of a page, for hk_table_spec_write_sections(). */
typedef struct {
  const HkTableSpec *spec;
  const guint       *rows;
  guint              n_rows;
} HkTableSection;

/* Several tables in one CSV, one section each in the order given: a line
 * "# NAME" (the spec's name, as the summary files name tables), the
 * header of every column, the rows. What a page of several tables exports.
 * Closes out like hk_table_spec_write(). */
gboolean           hk_table_spec_write_sections (const HkTableSection *sections,
                                                 guint                 n_sections,
                                                 HkAnalysis           *analysis,
                                                 HkFileWriter         *out,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

G_END_DECLS
