/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-big.h"
#include "hk-csv-writer.h"
#include "hk-dataset-builder-private.h"
#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-import-report.h"
#include "hk-parse.h"
#include "hk-text-arena.h"

/* A cell of the row being set: its text lives in row_text. */
typedef struct {
  gboolean set;
  double   number;
  gint32   day;
  gsize    offset;
  gsize    len;
} Cell;

struct _HkDatasetBuilder {
  HkDataset      *ds;
  HkImportReport *report;
  gboolean        begun[HK_N_TABLES];
  guint           next_table;     /* tables begin in HkTable order */
  gboolean        no_influencers; /* every reference is then an orphan, unreported */
  char           *failure;        /* why finish() fails, beyond missing tables */

  /* The table being built (table is HK_N_TABLES between tables). */
  HkTable              table;
  gboolean             usable;    /* its header has every required column */
  gboolean             grouped;
  const HkTableSchema *schema;
  HkTableData         *td;
  guint                checks[HK_MAX_ROLES]; /* roles whose cells can be bad, in the order checked */
  guint                n_checks;
  guint                stores[HK_MAX_ROLES]; /* roles stored, as a column or as the row's group */
  guint                n_stores;
  HkTextArena         *text;
  guint                n_rows;
  guint                cap;
  guint8              *columns[HK_MAX_ROLES]; /* by role, hk_column_storage's layout */
  guint32             *group;     /* grouped tables: influencer, unattributed, or orphans + orphan id */
  guint64             *line;      /* influencers: each one's line, for duplicates */
  guint64              rows_read;
  guint64              rows_skipped;
  guint32             *weight;    /* tracking: rows each row stands for */
  gboolean             weighted;  /* some row stands for several */
  guint32              next_count;
  guint32              row_count;  /* of the row being added */
  guint64              weight_read;
  guint64              weight_skipped;
  char                *names[HK_N_TABLES]; /* for tables never begun */

  /* The row being set. */
  Cell                 cells[HK_MAX_ROLES];
  GArray              *extra_cells; /* Cell */
  GString             *row_text;
};

HkDatasetBuilder *
hk_dataset_builder_new (void)
{
  HkDatasetBuilder *self = g_new0 (HkDatasetBuilder, 1);

  self->ds = hk_dataset_new_empty ();
  self->report = hk_import_report_new ();
  self->table = HK_N_TABLES;
  self->extra_cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  self->row_text = g_string_sized_new (256);
  return self;
}

static void
free_table_state (HkDatasetBuilder *self)
{
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    g_clear_pointer (&self->columns[r], hk_big_free);
  g_clear_pointer (&self->group, hk_big_free);
  g_clear_pointer (&self->weight, hk_big_free);
  g_clear_pointer (&self->line, g_free);
  g_clear_pointer (&self->text, hk_text_arena_free);
}

void
hk_dataset_builder_free (HkDatasetBuilder *self)
{
  if (self == NULL)
    return;
  free_table_state (self);
  g_clear_object (&self->ds);
  g_clear_pointer (&self->report, hk_import_report_free);
  g_array_unref (self->extra_cells);
  g_string_free (self->row_text, TRUE);
  g_free (self->failure);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_free (self->names[t]);
  g_free (self);
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */

static gboolean
is_stored (HkDatasetBuilder *self,
           guint             role)
{
  const HkColumnStorage *st = &hk_column_storage[self->table][role];

  return st->offset != 0 && (!st->only_if_present || self->td->field_of_role[role] >= 0);
}

static gpointer
big_resize (gpointer mem,
            gsize    size)
{
  return mem ? hk_big_realloc (mem, size) : hk_big_alloc (size);
}

static void
reserve (HkDatasetBuilder *self,
         guint             rows)
{
  for (guint r = 0; r < self->schema->n_columns; r++)
    if (is_stored (self, r))
      self->columns[r] = big_resize (self->columns[r], (gsize) rows * hk_column_storage[self->table][r].elt);
  if (self->grouped)
    self->group = big_resize (self->group, (gsize) rows * sizeof (guint32));
  if (self->table == HK_TABLE_TRACKING)
    self->weight = big_resize (self->weight, (gsize) rows * sizeof (guint32));
  if (self->table == HK_TABLE_INFLUENCERS)
    self->line = g_renew (guint64, self->line, rows);
  for (guint e = 0; e < self->td->extras->len; e++)
    {
      HkExtraColumn *col = self->td->extras->pdata[e];
      col->cells = big_resize (col->cells, (gsize) rows * sizeof (guint32));
    }
  self->cap = rows;
}

char *
hk_table_missing_message (HkTable     table,
                          const char *name)
{
  switch (table)
    {
    case HK_TABLE_POSTS:
      return g_strdup_printf (_("%s: missing; post counts, reach and engagement are undefined"), name);
    case HK_TABLE_PAYOUTS:
      return g_strdup_printf (_("%s: missing; spend and ROAS are undefined"), name);
    case HK_TABLE_HOLDOUT:
      return g_strdup_printf (_("%s: missing; no holdout test is available"), name);
    case HK_TABLE_INFLUENCERS:
    case HK_TABLE_TRACKING:
    case HK_N_TABLES:
    default:
      return g_strdup_printf (_("%s: missing; a dataset needs this table"), name);
    }
}

/* Maps the header onto roles and extra columns; FALSE (and the report says
 * which) when a required column is missing. */
static gboolean
map_header (HkDatasetBuilder   *self,
            const char * const *header)
{
  HkTableData *td = self->td;
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  td->header = g_ptr_array_new_with_free_func (g_free);
  td->extras = g_ptr_array_new ();
  for (guint f = 0; header[f]; f++)
    {
      const char *written = header[f];
      gsize len = strlen (written);
      int role = hk_schema_find_role (self->table, written);

      /* As written, trimmed, as the importer keeps a header cell. */
      if (len >= 3 && memcmp (written, "\xEF\xBB\xBF", 3) == 0)
        written += 3, len -= 3;
      hk_trim (&written, &len);
      g_ptr_array_add (td->header, g_strndup (written, len));
      /* A second column of the same role is an unknown one. */
      if (role >= 0 && td->field_of_role[role] < 0)
        td->field_of_role[role] = f;
      else
        {
          HkExtraColumn *col = g_new0 (HkExtraColumn, 1);

          col->name = g_strndup (written, len);
          col->pool = hk_str_pool_new ();
          col->width = 4;
          g_ptr_array_add (td->extras, col);
        }
    }
  g_array_set_size (self->extra_cells, td->extras->len);

  for (guint r = 0; r < self->schema->n_columns; r++)
    if (self->schema->columns[r].required && td->field_of_role[r] < 0)
      {
        g_string_append_printf (missing, "%s\"%s\"", missing->len ? ", " : "", self->schema->columns[r].name);
        n_missing++;
      }
  if (n_missing > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%s: required column %s is missing",
                                                           "%s: required columns %s are missing",
                                                           n_missing),
                                              td->file_name, missing->str);
      hk_import_report_set_status (self->report, self->table, HK_TABLE_STATUS_ERROR, msg);
      return FALSE;
    }
  hk_import_report_set_status (self->report, self->table, HK_TABLE_STATUS_OK, NULL);
  return TRUE;
}

/* Whether a cell of the column can make its row bad. */
static gboolean
can_be_bad (const HkSchemaColumn *col)
{
  return !col->empty_ok || col->kind == HK_COLUMN_COUNT || col->kind == HK_COLUMN_NUMBER ||
         col->kind == HK_COLUMN_WHOLE || col->kind == HK_COLUMN_BASIS || col->kind == HK_COLUMN_AB_GROUP;
}

/* Which cells of a row are checked, in which order, and which are stored:
 * the work of add_row(), found once. A row with several bad cells is
 * reported for the one the importer meets first: it reads the cells that can
 * be bad in the schema's order, dates last (see hk-import-rows.c). */
static void
plan_row (HkDatasetBuilder *self)
{
  self->n_checks = self->n_stores = 0;
  for (int dates = 0; dates < 2; dates++)
    for (guint r = 0; r < self->schema->n_columns; r++)
      {
        const HkSchemaColumn *col = &self->schema->columns[r];

        if ((col->kind == HK_COLUMN_DATE) == dates && self->td->field_of_role[r] >= 0 && can_be_bad (col))
          self->checks[self->n_checks++] = r;
      }
  for (guint r = 0; r < self->schema->n_columns; r++)
    if (is_stored (self, r) || (self->grouped && hk_column_storage[self->table][r].offset == 0))
      self->stores[self->n_stores++] = r;
}

void
hk_dataset_builder_begin_table (HkDatasetBuilder   *self,
                                HkTable             table,
                                const char         *file_name,
                                const char * const *header)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->table == HK_N_TABLES);
  g_return_if_fail (table < HK_N_TABLES && table >= self->next_table);
  g_return_if_fail (header != NULL);

  self->table = table;
  self->next_table = table + 1;
  self->begun[table] = TRUE;
  self->schema = hk_schema_get_table (table);
  self->grouped = table == HK_TABLE_POSTS || table == HK_TABLE_TRACKING || table == HK_TABLE_PAYOUTS;
  self->td = &self->ds->tables[table];
  self->td->file_name = g_strdup (file_name ? file_name : hk_table_file_name (table));
  hk_import_report_set_file (self->report, table, self->td->file_name);
  if (table > HK_TABLE_INFLUENCERS && !self->ds->tables[HK_TABLE_INFLUENCERS].present)
    self->no_influencers = TRUE;

  self->usable = map_header (self, header);
  plan_row (self);

  self->text = hk_text_arena_new ();
  self->n_rows = 0;
  self->rows_read = self->rows_skipped = 0;
  self->weight_read = self->weight_skipped = 0;
  self->weighted = FALSE;
  self->next_count = 0;
  reserve (self, 64);
  memset (self->cells, 0, sizeof self->cells);
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */

static void
set_cell_text (Cell       *cell,
               GString    *row_text,
               const char *text,
               gssize      len)
{
  if (text == NULL)
    {
      cell->set = FALSE;
      return;
    }
  if (len < 0)
    len = strlen (text);
  cell->set = TRUE;
  cell->offset = row_text->len;
  cell->len = len;
  g_string_append_len (row_text, text, len);
}

/* Kinds set with hk_dataset_builder_set_text(). */
static gboolean
is_text (HkColumnKind kind)
{
  return kind != HK_COLUMN_COUNT && kind != HK_COLUMN_NUMBER && kind != HK_COLUMN_WHOLE &&
         kind != HK_COLUMN_DATE;
}

static gboolean
setter_fits (HkDatasetBuilder *self,
             guint             role,
             gboolean          number,
             gboolean          day)
{
  HkColumnKind kind;

  g_return_val_if_fail (self->table < HK_N_TABLES, FALSE);
  g_return_val_if_fail (role < self->schema->n_columns, FALSE);
  kind = self->schema->columns[role].kind;
  if (number)
    g_return_val_if_fail (kind == HK_COLUMN_COUNT || kind == HK_COLUMN_NUMBER || kind == HK_COLUMN_WHOLE, FALSE);
  else if (day)
    g_return_val_if_fail (kind == HK_COLUMN_DATE, FALSE);
  else
    g_return_val_if_fail (is_text (kind), FALSE);
  /* A column the header lacks has no cells, as in a file. */
  return self->td->field_of_role[role] >= 0;
}

void
hk_dataset_builder_set_text (HkDatasetBuilder *self,
                             guint             role,
                             const char       *text,
                             gssize            len)
{
  g_return_if_fail (self != NULL);
  if (setter_fits (self, role, FALSE, FALSE))
    set_cell_text (&self->cells[role], self->row_text, text, len);
}

void
hk_dataset_builder_set_number (HkDatasetBuilder *self,
                               guint             role,
                               double            value)
{
  g_return_if_fail (self != NULL);
  if (setter_fits (self, role, TRUE, FALSE))
    {
      self->cells[role].set = !isnan (value);
      self->cells[role].number = value;
    }
}

void
hk_dataset_builder_set_day (HkDatasetBuilder *self,
                            guint             role,
                            gint32            day)
{
  g_return_if_fail (self != NULL);
  if (setter_fits (self, role, FALSE, TRUE))
    {
      self->cells[role].set = day != HK_DAY_NONE;
      self->cells[role].day = day;
    }
}

void
hk_dataset_builder_set_extra (HkDatasetBuilder *self,
                              guint             extra,
                              const char       *text,
                              gssize            len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->table < HK_N_TABLES);
  g_return_if_fail (extra < self->extra_cells->len);

  set_cell_text (&g_array_index (self->extra_cells, Cell, extra), self->row_text, text, len);
}

/* A text cell, trimmed unless kept as written ("" when not set). */
static const char *
cell_text (HkDatasetBuilder *self,
           guint             role,
           gsize            *len)
{
  const Cell *cell = &self->cells[role];
  const char *s = self->row_text->str + cell->offset;

  *len = cell->set ? cell->len : 0;
  if (!cell->set)
    return "";
  if (self->schema->columns[role].kind == HK_COLUMN_ID)
    return hk_normalize_id (s, *len, len);
  if (self->schema->columns[role].kind != HK_COLUMN_RAW_TEXT)
    hk_trim (&s, len);
  return s;
}

/* ------------------------------------------------------------------------ */
/* Checks, with the importer's problem kinds and messages                   */

static guint64
current_line (HkDatasetBuilder *self)
{
  /* The header is line 1. */
  return self->rows_read + 1;
}

static void
problem (HkDatasetBuilder *self,
         const char       *kind,
         const char       *text)
{
  g_autofree char *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s", self->td->file_name,
                                          current_line (self), text);

  hk_import_report_add_problem (self->report, self->table, kind, MAX (self->row_count, 1), msg);
}

char *
hk_cell_display_value (const char *str,
                       gsize       len)
{
  g_autofree char *copy = g_strndup (str, len);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = copy; *p && n < 40; p = g_utf8_next_char (p), n++)
    {
      gunichar ch = g_utf8_get_char (p);
      g_string_append_unichar (out, g_unichar_iscntrl (ch) ? ' ' : ch);
    }
  if (n == 40 && g_utf8_strlen (copy, -1) > 40)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static const char *
header_of (HkDatasetBuilder *self,
           guint             role)
{
  return self->td->header->pdata[self->td->field_of_role[role]];
}

/* reason NULL: the cell is empty. */
static gboolean
bad_cell (HkDatasetBuilder *self,
          guint             role,
          const char       *reason_kind,
          const char       *reason)
{
  const HkSchemaColumn *col = &self->schema->columns[role];
  const Cell *cell = &self->cells[role];
  g_autofree char *kind = g_strdup_printf ("%s/%s", col->name, reason_kind);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (reason == NULL)
    text = g_strdup_printf (_("column \"%s\" is empty"), header_of (self, role));
  else
    {
      char number[32];

      if (col->kind == HK_COLUMN_COUNT || col->kind == HK_COLUMN_NUMBER || col->kind == HK_COLUMN_WHOLE)
        {
          if (!hk_format_double_roundtrip (cell->number, number))
            g_ascii_dtostr (number, sizeof number, cell->number);
          value = g_strdup (number);
        }
      else
        value = hk_cell_display_value (self->row_text->str + cell->offset, cell->len);
      /* TRANSLATORS: column "revenue": "12,5x" is not a number */
      text = g_strdup_printf (_("column \"%s\": \"%s\" %s"), header_of (self, role), value, reason);
    }
  problem (self, kind, text);
  return FALSE;
}

static gboolean
check_cell (HkDatasetBuilder *self,
            guint             role)
{
  const HkSchemaColumn *col = &self->schema->columns[role];
  const Cell *cell = &self->cells[role];
  gboolean empty = !cell->set;
  double v = cell->number;

  if (!empty && is_text (col->kind))
    {
      gsize len;

      /* A cell of spaces is empty too. */
      cell_text (self, role, &len);
      empty = len == 0;
    }
  if (empty)
    return col->empty_ok || bad_cell (self, role, "empty", NULL);

  switch (col->kind)
    {
    case HK_COLUMN_COUNT:
    case HK_COLUMN_NUMBER:
    case HK_COLUMN_WHOLE:
      if (!isfinite (v))
        return bad_cell (self, role, "number", _("is not a number"));
      if (col->kind == HK_COLUMN_COUNT && v < 0)
        return bad_cell (self, role, "negative", _("is negative"));
      if (col->kind == HK_COLUMN_WHOLE && (v != floor (v) || fabs (v) > G_MAXINT32))
        return bad_cell (self, role, "whole", _("is not a whole number"));
      return TRUE;
    case HK_COLUMN_BASIS:
      {
        HkBasis basis;

        if (!hk_parse_basis (self->row_text->str + cell->offset, cell->len, &basis))
          return bad_cell (self, role, "basis", _("is not post or order"));
        return TRUE;
      }
    case HK_COLUMN_AB_GROUP:
      {
        HkAbGroup group;

        if (!hk_parse_ab_group (self->row_text->str + cell->offset, cell->len, &group))
          return bad_cell (self, role, "group", _("is not exposed or holdout"));
        return TRUE;
      }
    case HK_COLUMN_ID:
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
    case HK_COLUMN_POOLED:
    case HK_COLUMN_GENDER:
    case HK_COLUMN_DATE:
    default:
      return TRUE;
    }
}

/* The rules across cells, after the cells' own. */
static gboolean
check_row (HkDatasetBuilder *self)
{
  HkDataset *ds = self->ds;

  if (self->table == HK_TABLE_INFLUENCERS)
    {
      gsize len;
      const char *id = cell_text (self, INF_ID, &len);
      guint32 code = hk_str_pool_lookup (ds->pools[HK_POOL_ID], id, len);

      if (code != HK_STR_NONE)
        {
          const guint32 *ids = (const guint32 *) self->columns[INF_ID];
          const Cell *cell = &self->cells[INF_ID];
          const char *written = self->row_text->str + cell->offset;
          gsize written_len = cell->len;
          g_autofree char *value = NULL;
          g_autofree char *text = NULL;
          guint first = 0;

          /* The cell as written ("1.0"), as in every other message. */
          hk_trim (&written, &written_len);
          value = hk_cell_display_value (written, written_len);
          while (ids[first] != code)
            first++;
          text = g_strdup_printf (_("column \"%s\": \"%s\" repeats the id on line %" PRIu64 "; the first row is kept"),
                                  header_of (self, INF_ID), value, (uint64_t) self->line[first]);
          problem (self, "id/duplicate", text);
          return FALSE;
        }
    }
  if (self->table == HK_TABLE_PAYOUTS && !self->cells[PAY_RATE].set && !self->cells[PAY_TOTAL].set)
    {
      g_autofree char *text = g_strdup_printf (_("column \"%s\" is empty and so is column \"%s\""),
                                               header_of (self, PAY_RATE), header_of (self, PAY_TOTAL));
      problem (self, "rate/empty", text);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                     */

/* A referenced id's group; orphans intern their id. */
static guint32
resolve_group (HkDatasetBuilder *self,
               const char       *id,
               gsize             len)
{
  HkDataset *ds = self->ds;
  guint32 code;

  if (len == 0)
    return HK_GROUP_UNATTRIBUTED (ds);
  code = hk_str_pool_lookup (ds->pools[HK_POOL_ID], id, len);
  if (code != HK_STR_NONE && ds->inf_of_id && ds->inf_of_id[code] != G_MAXUINT32)
    return ds->inf_of_id[code];
  return HK_GROUP_ORPHANS (ds) + hk_str_pool_intern (ds->pools[HK_POOL_ORPHAN_ID], id, len);
}

static void
store_cell (HkDatasetBuilder *self,
            guint             role,
            guint             row)
{
  const HkSchemaColumn *col = &self->schema->columns[role];
  const Cell *cell = &self->cells[role];
  guint8 *out = self->columns[role];
  guint8 elt = hk_column_storage[self->table][role].elt;
  const char *s;
  gsize len;

  switch (col->kind)
    {
    case HK_COLUMN_ID:
      s = cell_text (self, role, &len);
      if (self->grouped)
        self->group[row] = resolve_group (self, s, len);
      else
        ((guint32 *) out)[row] = hk_str_pool_intern (self->ds->pools[HK_POOL_ID], s, len);
      return;
    case HK_COLUMN_NAME:
    case HK_COLUMN_TEXT:
    case HK_COLUMN_RAW_TEXT:
      s = cell_text (self, role, &len);
      ((const char **) out)[row] = len > 0 ? hk_text_arena_add (self->text, s, len) : "";
      return;
    case HK_COLUMN_POOLED:
    case HK_COLUMN_GENDER:
      {
        guint32 code = 0;

        /* A column the header lacks interns nothing. */
        if (self->td->field_of_role[role] >= 0)
          {
            const char *gender;

            s = cell_text (self, role, &len);
            gender = col->kind == HK_COLUMN_GENDER ? hk_normalize_gender (s, len) : NULL;
            if (gender)
              s = gender, len = strlen (gender);
            code = hk_str_pool_intern (self->ds->pools[col->pool], s, len);
          }
        /* Codes past 16 bits fail the table at its end (see end_table()). */
        if (elt == 2)
          ((guint16 *) out)[row] = code;
        else
          ((guint32 *) out)[row] = code;
        return;
      }
    case HK_COLUMN_COUNT:
    case HK_COLUMN_NUMBER:
      /* No negative zero. */
      ((double *) out)[row] = !cell->set ? NAN : cell->number == 0 ? 0 : cell->number;
      return;
    case HK_COLUMN_WHOLE:
      ((gint32 *) out)[row] = (gint32) cell->number;
      return;
    case HK_COLUMN_DATE:
      ((gint32 *) out)[row] = cell->set ? cell->day : HK_DAY_NONE;
      return;
    case HK_COLUMN_BASIS:
      {
        HkBasis basis = HK_BASIS_POST;

        hk_parse_basis (self->row_text->str + cell->offset, cell->len, &basis);
        out[row] = basis;
        return;
      }
    case HK_COLUMN_AB_GROUP:
      {
        HkAbGroup group = HK_AB_NONE;

        if (cell->set)
          hk_parse_ab_group (self->row_text->str + cell->offset, cell->len, &group);
        out[row] = group;
        return;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Only the flags: the rest of a cell is read once it is set. */
static void
clear_row (HkDatasetBuilder *self)
{
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    self->cells[r].set = FALSE;
  for (guint e = 0; e < self->extra_cells->len; e++)
    g_array_index (self->extra_cells, Cell, e).set = FALSE;
  g_string_truncate (self->row_text, 0);
}

void
hk_dataset_builder_set_row_count (HkDatasetBuilder *self,
                                  guint32           n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->table == HK_TABLE_TRACKING);
  g_return_if_fail (n >= 1);

  self->next_count = n;
}

void
hk_dataset_builder_set_table_name (HkDatasetBuilder *self,
                                   HkTable           table,
                                   const char       *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (table < HK_N_TABLES);

  g_free (self->names[table]);
  self->names[table] = g_strdup (name);
}

gboolean
hk_dataset_builder_add_row (HkDatasetBuilder *self)
{
  guint row;
  gboolean ok = TRUE;
  guint32 count;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->table < HK_N_TABLES, FALSE);

  count = self->row_count = self->next_count ? self->next_count : 1;
  self->next_count = 0;
  if (!self->usable)
    {
      clear_row (self);
      return FALSE;
    }
  self->rows_read++;
  self->weight_read += count;
  /* Cells that can make the row bad are checked first: a skipped row leaves
   * nothing behind in the pools. */
  for (guint k = 0; k < self->n_checks && ok; k++)
    ok = check_cell (self, self->checks[k]);
  if (ok)
    ok = check_row (self);
  if (!ok)
    {
      self->rows_skipped++;
      self->weight_skipped += count;
      clear_row (self);
      return FALSE;
    }

  if (self->n_rows == self->cap)
    reserve (self, self->cap * 2);
  row = self->n_rows++;
  for (guint k = 0; k < self->n_stores; k++)
    store_cell (self, self->stores[k], row);
  if (self->table == HK_TABLE_TRACKING && ((guint16 *) self->columns[TRK_BRAND])[row] == 0)
    self->columns[TRK_AB][row] |= HK_TRACKING_FLAG_BRAND_DERIVED;
  if (self->table == HK_TABLE_INFLUENCERS)
    self->line[row] = current_line (self);
  if (self->table == HK_TABLE_TRACKING)
    {
      self->weight[row] = count;
      self->weighted |= count != 1;
    }
  for (guint e = 0; e < self->extra_cells->len; e++)
    {
      const Cell *cell = &g_array_index (self->extra_cells, Cell, e);
      HkExtraColumn *col = self->td->extras->pdata[e];

      /* As written, spaces included. */
      hk_extra_cell_set (col, row, cell->set ? hk_str_pool_intern (col->pool, self->row_text->str + cell->offset, cell->len) : 0);
    }
  clear_row (self);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Ending a table                                                           */

void
hk_dataset_report_orphans (HkDataset      *ds,
                           HkImportReport *report,
                           HkTable         table,
                           const guint    *start,
                           const guint32  *orphan_ids,
                           const double   *revenue)
{
  guint first = start[HK_GROUP_ORPHANS (ds)], end = start[HK_GROUP_ORPHANS (ds) + 1];
  g_autoptr(GString) examples = g_string_new (NULL);
  guint32 shown[3];
  guint n_shown = 0;
  double total = 0;
  guint64 n_rows = 0;

  if (first == end)
    return;
  for (guint r = first; r < end; r++)
    {
      gboolean seen = FALSE;

      n_rows += table == HK_TABLE_TRACKING ? HK_TRK_ROWS (ds, r) : 1;
      if (revenue)
        total += revenue[r];
      for (guint i = 0; i < n_shown; i++)
        seen |= shown[i] == orphan_ids[r - first];
      if (!seen && n_shown < G_N_ELEMENTS (shown))
        {
          shown[n_shown++] = orphan_ids[r - first];
          g_string_append_printf (examples, "%s\"%s\"", examples->len ? ", " : "",
                                  hk_str_pool_get (ds->pools[HK_POOL_ORPHAN_ID], orphan_ids[r - first]));
        }
    }
  hk_import_report_add_orphans (report, table, n_rows, total, examples->str);
}

static gpointer
scatter (const void    *in,
         guint          elt,
         const guint32 *position,
         guint          n)
{
  /* One more row, as the importer's columns have. */
  guint8 *out = hk_big_alloc ((gsize) (n + 1) * elt);

  for (guint r = 0; r < n; r++)
    memcpy (out + (gsize) position[r] * elt, (const guint8 *) in + (gsize) r * elt, elt);
  return out;
}

/* Posts, tracking and payouts are stored grouped by influencer, file order
 * within each group (a counting sort); returns the group starts. */
static guint *
group_rows (HkDatasetBuilder  *self,
            guint32          **orphan_ids)
{
  HkDataset *ds = self->ds;
  guint n_groups = ds->n_influencers + 2;
  guint *start = g_new0 (guint, n_groups + 1);
  g_autofree guint *cursor = NULL;
  g_autofree guint32 *position = g_new (guint32, MAX (1, self->n_rows));

  for (guint r = 0; r < self->n_rows; r++)
    start[MIN (self->group[r], n_groups - 1) + 1]++;
  for (guint g = 0; g < n_groups; g++)
    start[g + 1] += start[g];
  cursor = g_memdup2 (start, sizeof (guint) * n_groups);
  *orphan_ids = g_new (guint32, MAX (1, start[n_groups] - start[n_groups - 1]));
  for (guint r = 0; r < self->n_rows; r++)
    {
      guint32 g = self->group[r];

      if (g >= n_groups - 1)
        {
          (*orphan_ids)[cursor[n_groups - 1] - start[n_groups - 1]] = g - (n_groups - 1);
          g = n_groups - 1;
        }
      position[r] = cursor[g]++;
    }

  for (guint r = 0; r < self->schema->n_columns; r++)
    if (self->columns[r])
      {
        gpointer out = scatter (self->columns[r], hk_column_storage[self->table][r].elt, position, self->n_rows);

        g_clear_pointer (&self->columns[r], hk_big_free);
        self->columns[r] = out;
      }
  if (self->weight)
    {
      gpointer out = scatter (self->weight, sizeof (guint32), position, self->n_rows);

      hk_big_free (self->weight);
      self->weight = out;
    }
  for (guint e = 0; e < self->td->extras->len; e++)
    {
      HkExtraColumn *col = self->td->extras->pdata[e];
      gpointer out = scatter (col->cells, sizeof (guint32), position, self->n_rows);

      hk_big_free (col->cells);
      col->cells = out;
    }
  return start;
}

/* The tracking codes the dataset keeps in 16 bits. */
static gboolean
check_codes16 (HkDatasetBuilder *self)
{
  for (guint r = 0; r < self->schema->n_columns; r++)
    if (hk_column_storage[HK_TABLE_TRACKING][r].elt == 2 &&
        hk_str_pool_get_size (self->ds->pools[self->schema->columns[r].pool]) > HK_MAX_CODES16 + 1)
      {
        g_autofree char *msg = g_strdup_printf (_("%s: more than %u different values of %s"),
                                                self->td->file_name, HK_MAX_CODES16,
                                                self->schema->columns[r].name);

        hk_import_report_set_status (self->report, HK_TABLE_TRACKING, HK_TABLE_STATUS_ERROR, msg);
        self->failure = g_steal_pointer (&msg);
        return FALSE;
      }
  return TRUE;
}

void
hk_dataset_builder_end_table (HkDatasetBuilder *self)
{
  HkDataset *ds;
  guint *start = NULL;
  guint32 *orphan_ids = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->table < HK_N_TABLES);

  ds = self->ds;
  if (!self->usable)
    {
      /* Nothing of an unusable table is kept, as for a file. */
      g_clear_pointer (&self->td->header, g_ptr_array_unref);
      for (guint e = 0; e < self->td->extras->len; e++)
        {
          HkExtraColumn *col = self->td->extras->pdata[e];

          g_free (col->name);
          hk_str_pool_free (col->pool);
          hk_big_free (col->cells);
          g_free (col);
        }
      g_clear_pointer (&self->td->extras, g_ptr_array_unref);
      goto out;
    }
  hk_import_report_add_rows (self->report, self->table, self->weight_read, self->weight_skipped);
  if (self->grouped)
    start = group_rows (self, &orphan_ids);
  for (guint e = 0; e < self->td->extras->len; e++)
    hk_extra_column_narrow (self->td->extras->pdata[e], self->n_rows);
  for (guint r = 0; r < self->schema->n_columns; r++)
    if (self->columns[r])
      HK_COLUMN_DATA (ds, self->table, r) = g_steal_pointer (&self->columns[r]);
  self->td->present = TRUE;
  self->td->n_rows = self->n_rows;
  g_ptr_array_add (ds->texts, g_steal_pointer (&self->text));

  switch (self->table)
    {
    case HK_TABLE_INFLUENCERS:
      {
        guint n_ids = hk_str_pool_get_size (ds->pools[HK_POOL_ID]);

        ds->n_influencers = self->n_rows;
        ds->inf_of_id = g_new (guint32, n_ids);
        for (guint i = 0; i < n_ids; i++)
          ds->inf_of_id[i] = G_MAXUINT32;
        for (guint i = 0; i < ds->n_influencers; i++)
          ds->inf_of_id[ds->inf_id[i]] = i;
      }
      break;
    case HK_TABLE_POSTS:
      ds->post_start = start;
      ds->post_orphan_id = orphan_ids;
      ds->n_posts = self->n_rows;
      break;
    case HK_TABLE_TRACKING:
      ds->trk_start = start;
      ds->trk_orphan_id = orphan_ids;
      ds->n_tracking = self->n_rows;
      if (self->weighted)
        ds->trk_rows = g_steal_pointer (&self->weight);
      check_codes16 (self);
      break;
    case HK_TABLE_PAYOUTS:
      ds->pay_start = start;
      ds->pay_orphan_id = orphan_ids;
      ds->n_payouts = self->n_rows;
      break;
    case HK_TABLE_HOLDOUT:
      ds->n_holdout = self->n_rows;
      break;
    case HK_N_TABLES:
    default:
      g_assert_not_reached ();
    }
  if (self->grouped && !self->no_influencers)
    hk_dataset_report_orphans (ds, self->report, self->table, start, orphan_ids,
                    self->table == HK_TABLE_TRACKING ? ds->trk_revenue : NULL);

out:
  free_table_state (self);
  self->table = HK_N_TABLES;
}

HkDataset *
hk_dataset_builder_finish (HkDatasetBuilder  *self,
                           HkImportReport   **report,
                           GError           **error)
{
  HkDataset *ds;
  HkTable missing;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->table == HK_N_TABLES, NULL);
  g_return_val_if_fail (self->ds != NULL, NULL);

  for (guint t = 0; t < HK_N_TABLES; t++)
    if (!self->begun[t])
      {
        const char *name = self->names[t] ? self->names[t] : hk_table_file_name (t);
        g_autofree char *msg = hk_table_missing_message (t, name);

        hk_import_report_set_file (self->report, t, name);
        hk_import_report_set_status (self->report, t, HK_TABLE_STATUS_MISSING, msg);
      }
  missing = !self->ds->tables[HK_TABLE_INFLUENCERS].present ? HK_TABLE_INFLUENCERS :
            !self->ds->tables[HK_TABLE_TRACKING].present ? HK_TABLE_TRACKING : HK_N_TABLES;
  if (self->failure || missing != HK_N_TABLES)
    {
      g_set_error_literal (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE,
                           self->failure ? self->failure : hk_import_report_get_error (self->report, missing));
      g_clear_object (&self->ds);
      if (report)
        *report = g_steal_pointer (&self->report);
      return NULL;
    }

  ds = g_steal_pointer (&self->ds);
  hk_dataset_finish (ds);
  ds->report = g_steal_pointer (&self->report);
  if (report)
    *report = NULL;
  return ds;
}
