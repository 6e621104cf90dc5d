/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "hk-csv-writer.h"
#include "hk-date.h"
#include "hk-table-spec.h"

gboolean
hk_cell_kind_is_number (HkCellKind kind)
{
  switch (kind)
    {
    case HK_CELL_TEXT:
    case HK_CELL_VALUE:
    case HK_CELL_BASIS:
    case HK_CELL_TIER:
    case HK_CELL_METHOD:
    case HK_CELL_SOURCE:
    case HK_CELL_DECISION:
      return FALSE;
    case HK_CELL_COUNT:
    case HK_CELL_MONEY:
    case HK_CELL_RATIO:
    case HK_CELL_PERCENT:
    case HK_CELL_DATE:
    case HK_CELL_RATE:
    case HK_CELL_FLAG:
    default:
      return TRUE;
    }
}

gboolean
hk_table_spec_sorts_descending_first (const HkTableSpec *spec,
                                      guint              column)
{
  const HkTableColumn *c;

  g_return_val_if_fail (column < spec->n_columns, FALSE);

  c = &spec->columns[column];
  if (!hk_cell_kind_is_number (c->kind) || c->kind == HK_CELL_DATE)
    return FALSE;
  switch (c->metric)
    {
    case HK_METRIC_CPM:
    case HK_METRIC_CPE:
    case HK_METRIC_COST_PER_ORDER:
      return FALSE;
    default:
      return g_strcmp0 (c->id, "rank") != 0;
    }
}

const char *
hk_table_spec_get_column_id (const HkTableSpec *spec,
                             guint              column)
{
  const HkTableColumn *c;

  g_return_val_if_fail (column < spec->n_columns, NULL);

  c = &spec->columns[column];
  return c->id ? c->id : hk_metric_name (c->metric);
}

int
hk_table_spec_find_column (const HkTableSpec *spec,
                           const char        *id)
{
  for (guint c = 0; c < spec->n_columns; c++)
    if (g_strcmp0 (hk_table_spec_get_column_id (spec, c), id) == 0)
      return (int) c;
  return -1;
}

double
hk_table_spec_get_number (const HkTableSpec *spec,
                          HkAnalysis        *analysis,
                          guint              row,
                          guint              column)
{
  const HkTableColumn *c = &spec->columns[column];
  HkMetrics scratch;

  if (c->metric >= 0)
    return hk_metrics_get (spec->get_metrics (analysis, row, &scratch), c->metric);
  return spec->get_number (analysis, row, column);
}

void
hk_table_spec_sum (const HkTableSpec *spec,
                   HkAnalysis        *analysis,
                   const guint       *rows,
                   guint              n_rows,
                   HkMetrics         *total)
{
  HkMetrics scratch;

  memset (total, 0, sizeof *total);
  for (guint k = 0; k < n_rows; k++)
    hk_metrics_add (total, spec->get_metrics (analysis, rows[k], &scratch));
}

double
hk_table_spec_sum_column (const HkTableSpec *spec,
                          HkAnalysis        *analysis,
                          const guint       *rows,
                          guint              n_rows,
                          guint              column)
{
  double sum = 0;

  g_return_val_if_fail (column < spec->n_columns, NAN);

  for (guint k = 0; k < n_rows; k++)
    {
      double v = hk_table_spec_get_number (spec, analysis, rows[k], column);

      sum += isnan (v) ? 0 : v;
    }
  return sum;
}

/* ------------------------------------------------------------------------ */
/* Sorting                                                                  */

typedef struct {
  guint       position; /* in the rows' own order: ties keep it */
  guint       row;
  double      number;
  const char *text;
} SortKey;

static int
compare_numbers (gconstpointer a,
                 gconstpointer b,
                 gpointer      descending)
{
  const SortKey *x = a, *y = b;
  gboolean x_undefined = isnan (x->number), y_undefined = isnan (y->number);
  int order;

  if (x_undefined || y_undefined)
    order = x_undefined && y_undefined ? 0 : x_undefined ? 1 : -1;
  else
    {
      order = (x->number > y->number) - (x->number < y->number);
      if (GPOINTER_TO_INT (descending))
        order = -order;
    }
  return order != 0 ? order : (x->position > y->position) - (x->position < y->position);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b,
               gpointer      descending)
{
  const SortKey *x = a, *y = b;
  gboolean x_empty = *x->text == '\0', y_empty = *y->text == '\0';
  int order;

  if (x_empty || y_empty)
    order = x_empty && y_empty ? 0 : x_empty ? 1 : -1;
  else
    {
      order = g_ascii_strcasecmp (x->text, y->text);
      if (order == 0)
        order = strcmp (x->text, y->text);
      order = (order > 0) - (order < 0);
      if (GPOINTER_TO_INT (descending))
        order = -order;
    }
  return order != 0 ? order : (x->position > y->position) - (x->position < y->position);
}

void
hk_table_spec_sort (const HkTableSpec *spec,
                    HkAnalysis        *analysis,
                    guint             *rows,
                    guint              n_rows,
                    guint              column,
                    gboolean           descending)
{
  gboolean numeric;
  g_autofree SortKey *keys = NULL;

  g_return_if_fail (column < spec->n_columns);

  if (n_rows < 2)
    return;
  numeric = hk_cell_kind_is_number (spec->columns[column].kind);
  keys = g_new (SortKey, n_rows);
  for (guint k = 0; k < n_rows; k++)
    {
      keys[k].position = k;
      keys[k].row = rows[k];
      if (numeric)
        keys[k].number = hk_table_spec_get_number (spec, analysis, rows[k], column);
      else
        keys[k].text = spec->get_text (analysis, rows[k], column);
    }
  g_qsort_with_data (keys, n_rows, sizeof *keys, numeric ? compare_numbers : compare_texts,
                     GINT_TO_POINTER (descending));
  for (guint k = 0; k < n_rows; k++)
    rows[k] = keys[k].row;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */

/* A cell as exports hold it: text, or a number (NAN: undefined) with its
 * text form for dates and flags. */
typedef struct {
  const char *text;   /* NULL for a number */
  double      number;
  char        buf[HK_DATE_ISO_LEN];
} Cell;

static void
read_cell (const HkTableSpec *spec,
           HkAnalysis        *analysis,
           guint              row,
           guint              column,
           Cell              *cell)
{
  const HkTableColumn *c = &spec->columns[column];
  HkMetrics scratch;

  cell->text = NULL;
  if (!hk_cell_kind_is_number (c->kind))
    {
      cell->text = spec->get_text (analysis, row, column);
      return;
    }
  /* Money to the paisa: sums of rupees and paise carry floating-point noise. */
  if (c->metric >= 0)
    cell->number = hk_metric_export_value (spec->get_metrics (analysis, row, &scratch), c->metric);
  else
    {
      cell->number = spec->get_number (analysis, row, column);
      if (c->kind == HK_CELL_MONEY)
        cell->number = hk_money_round (cell->number);
    }
  if (c->kind == HK_CELL_DATE && !isnan (cell->number))
    {
      hk_date_format_iso ((gint32) cell->number, cell->buf);
      cell->text = cell->buf;
    }
  else if (c->kind == HK_CELL_FLAG)
    cell->text = cell->number != 0 ? "true" : "false";
}

/* The columns to write, by index. */
static GArray *
pick_columns (const HkTableSpec  *spec,
              const char * const *ids)
{
  GArray *picked = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; ids == NULL && c < spec->n_columns; c++)
    g_array_append_val (picked, c);
  for (guint k = 0; ids && ids[k]; k++)
    {
      int c = hk_table_spec_find_column (spec, ids[k]);

      if (c < 0)
        g_error ("table %s has no column %s", spec->name, ids[k]);
      g_array_append_val (picked, c);
    }
  return picked;
}

/* The header and the rows, without closing. */
static gboolean
write_csv_rows (HkCsvWriter       *csv,
                const HkTableSpec *spec,
                HkAnalysis        *analysis,
                const guint       *rows,
                guint              n_rows,
                GArray            *columns,
                GCancellable      *cancellable,
                GError           **error)
{
  for (guint i = 0; i < columns->len; i++)
    hk_csv_writer_add_text (csv, hk_table_spec_get_column_id (spec, g_array_index (columns, guint, i)));
  hk_csv_writer_end_row (csv);
  for (guint k = 0; k < n_rows; k++)
    {
      if ((k & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint i = 0; i < columns->len; i++)
        {
          Cell cell;

          read_cell (spec, analysis, rows[k], g_array_index (columns, guint, i), &cell);
          if (cell.text)
            hk_csv_writer_add_text (csv, cell.text);
          else
            hk_csv_writer_add_double (csv, cell.number);
        }
      hk_csv_writer_end_row (csv);
    }
  return TRUE;
}

static gboolean
write_csv (const HkTableSpec *spec,
           HkAnalysis        *analysis,
           const guint       *rows,
           guint              n_rows,
           GArray            *columns,
           HkFileWriter      *out,
           GCancellable      *cancellable,
           GError           **error)
{
  HkCsvWriter *csv = hk_csv_writer_new_for_file_writer (out);
  gboolean ok;

  ok = write_csv_rows (csv, spec, analysis, rows, n_rows, columns, cancellable, error) &&
       hk_csv_writer_close (csv, cancellable, error);
  hk_csv_writer_free (csv);
  return ok;
}

/* json-glib escapes the strings; numbers are written by hand because
 * json-glib 1.6 prints every double with 17 digits (84268.100000000006). */
static void
json_append_string (GString    *json,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (json, quoted);
}

static gboolean
write_json (const HkTableSpec *spec,
            HkAnalysis        *analysis,
            const guint       *rows,
            guint              n_rows,
            GArray            *columns,
            HkFileWriter      *out,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint k = 0; k < n_rows; k++)
    {
      g_string_append (json, k == 0 ? "\n  {" : ",\n  {");
      for (guint i = 0; i < columns->len; i++)
        {
          guint c = g_array_index (columns, guint, i);
          const HkTableColumn *column = &spec->columns[c];
          char number[32];
          Cell cell;

          if (i > 0)
            g_string_append_c (json, ',');
          json_append_string (json, hk_table_spec_get_column_id (spec, c));
          g_string_append (json, ": ");
          read_cell (spec, analysis, rows[k], c, &cell);
          if (column->kind == HK_CELL_FLAG)
            g_string_append (json, cell.text);
          else if (cell.text)
            json_append_string (json, cell.text);
          else if (hk_format_double_roundtrip (cell.number, number))
            g_string_append (json, number);
          else
            g_string_append (json, "null");
        }
      g_string_append_c (json, '}');
    }
  g_string_append (json, n_rows == 0 ? "]\n" : "\n]\n");
  return hk_file_writer_write (out, json->str, json->len, error) &&
         hk_file_writer_close (out, cancellable, error);
}

gboolean
hk_table_spec_write (const HkTableSpec  *spec,
                     HkAnalysis         *analysis,
                     const guint        *rows,
                     guint               n_rows,
                     const char * const *columns,
                     HkTableFormat       format,
                     HkFileWriter       *out,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(GArray) picked = pick_columns (spec, columns);

  if (format == HK_TABLE_CSV)
    return write_csv (spec, analysis, rows, n_rows, picked, out, cancellable, error);
  return write_json (spec, analysis, rows, n_rows, picked, out, cancellable, error);
}

gboolean
hk_table_spec_write_sections (const HkTableSection *sections,
                              guint                 n_sections,
                              HkAnalysis           *analysis,
                              HkFileWriter         *out,
                              GCancellable         *cancellable,
                              GError              **error)
{
  HkCsvWriter *csv = hk_csv_writer_new_for_file_writer (out);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < n_sections; i++)
    {
      g_autoptr(GArray) picked = pick_columns (sections[i].spec, NULL);
      g_autofree char *title = g_strconcat ("# ", sections[i].spec->name, NULL);

      hk_csv_writer_add_text (csv, title);
      hk_csv_writer_end_row (csv);
      ok = write_csv_rows (csv, sections[i].spec, analysis, sections[i].rows, sections[i].n_rows,
                           picked, cancellable, error);
    }
  ok = ok && hk_csv_writer_close (csv, cancellable, error);
  hk_csv_writer_free (csv);
  return ok;
}
