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
/* Where each column's cells go, from a chunk into the dataset              */

#define COL(chunk_field, elt, pool, ds_field) \
  { offsetof (Chunk, chunk_field), elt, pool, offsetof (HkDataset, ds_field) }

static const ColumnMap post_columns[] = {
  COL (date, 4, -1, post_date),
  COL (platform, 4, HK_POOL_PLATFORM, post_platform),
  COL (post_id, sizeof (char *), -1, post_id),
  COL (url, sizeof (char *), -1, post_url),
  COL (caption, sizeof (char *), -1, post_caption),
  COL (reach, 8, -1, post_reach),
  COL (likes, 8, -1, post_likes),
  COL (comments, 8, -1, post_comments),
  COL (brand, 4, HK_POOL_BRAND, post_brand),
  COL (campaign, 4, HK_POOL_CAMPAIGN, post_campaign),
};

static const ColumnMap trk_columns[] = {
  COL (date, 4, -1, trk_date),
  COL (orders, 4, -1, trk_orders),
  COL (revenue, 8, -1, trk_revenue),
  COL (campaign, 4, HK_POOL_CAMPAIGN, trk_campaign),
  COL (product, 4, HK_POOL_PRODUCT, trk_product),
  COL (user, 4, HK_POOL_USER, trk_user),
  COL (source16, 2, HK_POOL_SOURCE, trk_source),
  COL (brand16, 2, HK_POOL_BRAND, trk_brand),
  COL (city16, 2, HK_POOL_CITY, trk_city),
  COL (flags, 1, -1, trk_flags),
};

static const ColumnMap pay_columns[] = {
  COL (basis, 1, -1, pay_basis),
  COL (rate, 8, -1, pay_rate),
  COL (pay_orders, 8, -1, pay_orders),
  COL (pay_posts, 8, -1, pay_posts),
  COL (total, 8, -1, pay_total),
  COL (campaign, 4, HK_POOL_CAMPAIGN, pay_campaign),
  COL (brand, 4, HK_POOL_BRAND, pay_brand),
};

/* Columns of the small tables, kept in file order. */
static const ColumnMap inf_columns[] = {
  COL (id, 4, HK_POOL_ID, inf_id),
  COL (name, sizeof (char *), -1, inf_name),
  COL (category, 4, HK_POOL_CATEGORY, inf_category),
  COL (gender, 4, HK_POOL_GENDER, inf_gender),
  COL (platform, 4, HK_POOL_PLATFORM, inf_platform),
  COL (city, 4, HK_POOL_CITY, inf_city),
  COL (age_group, 4, HK_POOL_AGE_GROUP, inf_age_group),
  COL (persona, 4, HK_POOL_PERSONA, inf_persona),
  COL (followers, 8, -1, inf_followers),
};

static const ColumnMap ho_columns[] = {
  COL (campaign, 4, HK_POOL_CAMPAIGN, ho_campaign),
  COL (brand, 4, HK_POOL_BRAND, ho_brand),
  COL (ab, 1, -1, ho_group),
  COL (users, 8, -1, ho_users),
  COL (start, 4, -1, ho_start),
  COL (end, 4, -1, ho_end),
};

const TableColumns _hk_import_column_maps[HK_N_TABLES] = {
  [HK_TABLE_INFLUENCERS] = { inf_columns, G_N_ELEMENTS (inf_columns) },
  [HK_TABLE_POSTS]       = { post_columns, G_N_ELEMENTS (post_columns) },
  [HK_TABLE_TRACKING]    = { trk_columns, G_N_ELEMENTS (trk_columns) },
  [HK_TABLE_PAYOUTS]     = { pay_columns, G_N_ELEMENTS (pay_columns) },
  [HK_TABLE_HOLDOUT]     = { ho_columns, G_N_ELEMENTS (ho_columns) },
};

gboolean
_hk_import_chunk_has_column (const Chunk     *c,
                             const ColumnMap *m)
{
  const Header *h = c->hdr;

  /* Optional columns with no cells in the file are not stored at all (see
   * scatter_columns() for tracking brands, which are all derived then). */
  if (m->chunk_offset == offsetof (Chunk, city16))
    return h->field[TRK_CITY] >= 0;
  if (m->chunk_offset == offsetof (Chunk, brand16))
    return h->field[TRK_BRAND] >= 0;
  if (m->chunk_offset == offsetof (Chunk, post_id))
    return h->field[POST_ID] >= 0;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The header row                                                           */

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
