/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <stddef.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-dataset-builder-private.h"
#include "hk-import-private.h"
#include "hk-parse.h"

/* ------------------------------------------------------------------------ */
/* Where each column's cells wait in a chunk                                */

#define IN_CHUNK(field) offsetof (Chunk, field)

const gsize _hk_import_chunk_columns[HK_N_TABLES][HK_MAX_ROLES] = {
  [HK_TABLE_INFLUENCERS] = {
    [INF_ID] = IN_CHUNK (id),
    [INF_NAME] = IN_CHUNK (name),
    [INF_CATEGORY] = IN_CHUNK (category),
    [INF_GENDER] = IN_CHUNK (gender),
    [INF_FOLLOWERS] = IN_CHUNK (followers),
    [INF_PLATFORM] = IN_CHUNK (platform),
    [INF_CITY] = IN_CHUNK (city),
    [INF_AGE_GROUP] = IN_CHUNK (age_group),
    [INF_PERSONA] = IN_CHUNK (persona),
  },
  [HK_TABLE_POSTS] = {
    [POST_PLATFORM] = IN_CHUNK (platform),
    [POST_DATE] = IN_CHUNK (date),
    [POST_URL] = IN_CHUNK (url),
    [POST_CAPTION] = IN_CHUNK (caption),
    [POST_REACH] = IN_CHUNK (reach),
    [POST_LIKES] = IN_CHUNK (likes),
    [POST_COMMENTS] = IN_CHUNK (comments),
    [POST_ID] = IN_CHUNK (post_id),
    [POST_BRAND] = IN_CHUNK (brand),
    [POST_CAMPAIGN] = IN_CHUNK (campaign),
  },
  [HK_TABLE_TRACKING] = {
    [TRK_SOURCE] = IN_CHUNK (source16),
    [TRK_CAMPAIGN] = IN_CHUNK (campaign16),
    [TRK_USER] = IN_CHUNK (user),
    [TRK_PRODUCT] = IN_CHUNK (product16),
    [TRK_DATE] = IN_CHUNK (date),
    [TRK_ORDERS] = IN_CHUNK (orders),
    [TRK_REVENUE] = IN_CHUNK (revenue),
    [TRK_BRAND] = IN_CHUNK (brand16),
    [TRK_CITY] = IN_CHUNK (city16),
    [TRK_AB] = IN_CHUNK (flags),
  },
  [HK_TABLE_PAYOUTS] = {
    [PAY_BASIS] = IN_CHUNK (basis),
    [PAY_RATE] = IN_CHUNK (rate),
    [PAY_ORDERS] = IN_CHUNK (pay_orders),
    [PAY_TOTAL] = IN_CHUNK (total),
    [PAY_POSTS] = IN_CHUNK (pay_posts),
    [PAY_CAMPAIGN] = IN_CHUNK (campaign),
    [PAY_BRAND] = IN_CHUNK (brand),
  },
  [HK_TABLE_HOLDOUT] = {
    [HO_CAMPAIGN] = IN_CHUNK (campaign),
    [HO_GROUP] = IN_CHUNK (ab),
    [HO_USERS] = IN_CHUNK (users),
    [HO_BRAND] = IN_CHUNK (brand),
    [HO_START] = IN_CHUNK (start),
    [HO_END] = IN_CHUNK (end),
  },
};

gboolean
_hk_import_chunk_has_column (const Chunk *c,
                             guint        role)
{
  if (_hk_import_chunk_columns[c->table][role] == 0)
    return FALSE;
  /* Optional columns with no cells in the file are not stored at all; nor
   * are tracking brands then, which are all derived (see scatter_columns()). */
  if (hk_column_storage[c->table][role].only_if_present ||
      (c->table == HK_TABLE_TRACKING && role == TRK_BRAND))
    return c->field[role] >= 0;
  return TRUE;
}

/* The pool a column's codes are in, or -1. */
int
_hk_import_column_pool (HkTable table,
                        guint   role)
{
  const HkSchemaColumn *col = hk_schema_get_column (table, role);

  if (col->kind == HK_COLUMN_ID)
    return HK_POOL_ID;
  return col->pool < HK_N_POOLS ? (int) col->pool : -1;
}

/* ------------------------------------------------------------------------ */
/* The header row                                                           */

static guint8
cell_rule (const HkSchemaColumn *col)
{
  return (col->empty_ok ? RULE_EMPTY_OK : 0) |
         (col->kind != HK_COLUMN_RAW_TEXT ? RULE_TRIM : 0) |
         (col->kind == HK_COLUMN_COUNT ? RULE_NOT_NEGATIVE : 0) |
         (col->kind == HK_COLUMN_WHOLE ? RULE_WHOLE : 0) |
         (col->kind == HK_COLUMN_GENDER ? RULE_GENDER : 0);
}

/* "tracking_data.csv: 99744 unknown columns beyond the first 256 are
 * ignored, from “x256” on", the name cut short if long. */
static void
report_ignored_columns (Import  *imp,
                        HkTable  table,
                        guint    first_ignored)
{
  Header *h = &imp->headers[table];
  g_autofree char *name = g_steal_pointer (&h->written[first_ignored]);
  g_autofree char *msg = NULL;

  if (g_utf8_strlen (name, -1) > 64)
    {
      g_autofree char *cut = g_utf8_substring (name, 0, 64);

      g_free (name);
      name = g_strconcat (cut, "…", NULL);
    }
  msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s: %u unknown column beyond the first %u is ignored: “%s”",
                                      "%s: %u unknown columns beyond the first %u are ignored, from “%s” on",
                                      h->n_ignored),
                         imp->sources[table].name, h->n_ignored, HK_IMPORT_MAX_EXTRA_COLUMNS, name);
  hk_import_report_add_warning (imp->report, table, msg);
  hk_import_report_set_ignored_columns (imp->report, table, h->n_ignored);
}

/* Reads the header row and maps its columns. On failure the table is marked
 * missing or unusable in the report. */
gboolean
_hk_import_read_header (Import  *imp,
                        HkTable  table)
{
  Source *s = &imp->sources[table];
  Header *h = &imp->headers[table];
  const HkTableSchema *schema = hk_schema_get_table (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) missing = NULL;
  guint n_missing = 0, first_ignored = 0;
  HkCsvStatus status;

  h->table = table;
  for (guint r = 0; r < HK_MAX_ROLES; r++)
    h->field[r] = -1;
  for (guint r = 0; r < schema->n_columns; r++)
    h->rule[r] = cell_rule (&schema->columns[r]);
  h->extra_fields = g_array_new (FALSE, FALSE, sizeof (guint));

  if (s->problem != NULL)
    {
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, s->problem);
      return FALSE;
    }
  if (s->path == NULL && s->bytes == NULL)
    {
      g_autofree char *msg = hk_table_missing_message (table, s->name);

      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_MISSING, msg);
      return FALSE;
    }

  h->reader = _hk_import_open_reader (imp, table, 0, -1, &error);
  if (h->reader == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", s->name, error->message);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, msg);
      return FALSE;
    }

  status = hk_csv_reader_next (h->reader, &error);
  if (status != HK_CSV_RECORD)
    {
      g_autofree char *msg = NULL;

      if (status == HK_CSV_END)
        msg = g_strdup_printf (_("%s: the file is empty; it needs a header row"), s->name);
      else
        msg = g_strdup_printf ("%s:%s", s->name, error->message);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, msg);
      g_clear_pointer (&h->reader, hk_csv_reader_free);
      return FALSE;
    }

  h->n_fields = hk_csv_reader_get_n_fields (h->reader);
  h->written = g_new0 (char *, h->n_fields + 1);
  for (guint f = 0; f < h->n_fields; f++)
    {
      const char *cell = hk_csv_reader_get_field (h->reader, f, NULL);
      int role = hk_schema_find_role (table, cell);
      const char *written = cell;
      gsize len = strlen (cell);
      /* The first column of a role is the role's; a later one is unknown. */
      gboolean known = role >= 0 && h->field[role] < 0;

      if (len >= 3 && memcmp (written, "\xEF\xBB\xBF", 3) == 0)
        written += 3, len -= 3;
      hk_trim (&written, &len);
      h->written[f] = g_strndup (written, len);
      if (known)
        h->field[role] = f;
      /* Past the cap, an unknown column is counted and forgotten: nothing
       * per column is kept for it, so a file of a million empty columns
       * loads in memory proportional to its size. */
      if (!known && h->extra_fields->len < HK_IMPORT_MAX_EXTRA_COLUMNS)
        g_array_append_val (h->extra_fields, f);
      else if (!known && h->n_ignored++ > 0)
        g_clear_pointer (&h->written[f], g_free);
      else if (!known)
        first_ignored = f;
    }

  missing = g_string_new (NULL);
  for (guint r = 0; r < schema->n_columns; r++)
    if (schema->columns[r].required && h->field[r] < 0)
      {
        g_string_append_printf (missing, "%s\"%s\"", missing->len ? ", " : "", schema->columns[r].name);
        n_missing++;
      }
  if (n_missing > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%s: required column %s is missing",
                                                           "%s: required columns %s are missing",
                                                           n_missing),
                                              s->name, missing->str);
      hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_ERROR, msg);
      g_clear_pointer (&h->reader, hk_csv_reader_free);
      return FALSE;
    }

  if (h->n_ignored > 0)
    report_ignored_columns (imp, table, first_ignored);
  hk_import_report_set_status (imp->report, table, HK_TABLE_STATUS_OK, NULL);
  return TRUE;
}

void
_hk_import_header_clear (Header *h)
{
  g_clear_pointer (&h->extra_fields, g_array_unref);
  /* Ignored columns left holes: not a string vector. */
  for (guint f = 0; h->written != NULL && f < h->n_fields; f++)
    g_free (h->written[f]);
  g_clear_pointer (&h->written, g_free);
  g_clear_pointer (&h->reader, hk_csv_reader_free);
}
