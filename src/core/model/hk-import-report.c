/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "hk-import-report.h"

G_DEFINE_QUARK (hk-import-error-quark, hk_import_error)

typedef struct {
  char      *kind;
  guint64    count;
  GPtrArray *messages; /* the first HK_REPORT_MESSAGES_PER_KIND */
} ProblemKind;

typedef struct {
  HkTableStatus status;
  char         *file_name;
  char         *error;
  guint64       rows_read;
  guint64       rows_skipped;
  GPtrArray    *kinds;    /* ProblemKind, in order of first appearance */
  GPtrArray    *warnings; /* char * */
  guint         ignored_columns;
  guint64       orphan_rows;
  double        orphan_revenue;
  char         *orphan_examples;
} TableReport;

struct _HkImportReport {
  TableReport tables[HK_N_TABLES];
};

static void
problem_kind_free (gpointer data)
{
  ProblemKind *k = data;

  g_free (k->kind);
  g_ptr_array_unref (k->messages);
  g_free (k);
}

HkImportReport *
hk_import_report_new (void)
{
  HkImportReport *report = g_new0 (HkImportReport, 1);

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      report->tables[t].status = HK_TABLE_STATUS_MISSING;
      report->tables[t].file_name = g_strdup (hk_table_file_name (t));
      report->tables[t].kinds = g_ptr_array_new_with_free_func (problem_kind_free);
      report->tables[t].warnings = g_ptr_array_new_with_free_func (g_free);
    }
  return report;
}

void
hk_import_report_free (HkImportReport *report)
{
  if (report == NULL)
    return;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      g_free (report->tables[t].file_name);
      g_free (report->tables[t].error);
      g_ptr_array_unref (report->tables[t].kinds);
      g_ptr_array_unref (report->tables[t].warnings);
      g_free (report->tables[t].orphan_examples);
    }
  g_free (report);
}

HkTableStatus
hk_import_report_get_status (HkImportReport *report,
                             HkTable         table)
{
  return report->tables[table].status;
}

const char *
hk_import_report_get_file_name (HkImportReport *report,
                                HkTable         table)
{
  return report->tables[table].file_name;
}

const char *
hk_import_report_get_error (HkImportReport *report,
                            HkTable         table)
{
  return report->tables[table].error;
}

guint64
hk_import_report_get_rows_read (HkImportReport *report,
                                HkTable         table)
{
  return report->tables[table].rows_read;
}

guint64
hk_import_report_get_rows_skipped (HkImportReport *report,
                                   HkTable         table)
{
  return report->tables[table].rows_skipped;
}

guint64
hk_import_report_get_orphan_rows (HkImportReport *report,
                                  HkTable         table)
{
  return report->tables[table].orphan_rows;
}

guint
hk_import_report_get_ignored_columns (HkImportReport *report,
                                      HkTable         table)
{
  return report->tables[table].ignored_columns;
}

void
hk_import_report_set_ignored_columns (HkImportReport *report,
                                      HkTable         table,
                                      guint           n_columns)
{
  report->tables[table].ignored_columns = n_columns;
}

double
hk_import_report_get_orphan_revenue (HkImportReport *report)
{
  return report->tables[HK_TABLE_TRACKING].orphan_revenue;
}

/* A dataset without holdout tests is normal: nothing to say about it. */
static gboolean
missing_is_normal (HkImportReport *report,
                   HkTable         table)
{
  return table == HK_TABLE_HOLDOUT && report->tables[table].status == HK_TABLE_STATUS_MISSING;
}

gboolean
hk_import_report_has_problems (HkImportReport *report)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      TableReport *tr = &report->tables[t];

      if (missing_is_normal (report, t))
        continue;
      if (tr->status != HK_TABLE_STATUS_OK || tr->rows_skipped > 0 || tr->kinds->len > 0 ||
          tr->warnings->len > 0 || tr->orphan_rows > 0)
        return TRUE;
    }
  return FALSE;
}

void
hk_import_report_set_file (HkImportReport *report,
                           HkTable         table,
                           const char     *file_name)
{
  g_free (report->tables[table].file_name);
  report->tables[table].file_name = g_strdup (file_name);
}

void
hk_import_report_set_status (HkImportReport *report,
                             HkTable         table,
                             HkTableStatus   status,
                             const char     *error)
{
  report->tables[table].status = status;
  g_free (report->tables[table].error);
  report->tables[table].error = g_strdup (error);
}

void
hk_import_report_add_rows (HkImportReport *report,
                           HkTable         table,
                           guint64         read,
                           guint64         skipped)
{
  report->tables[table].rows_read += read;
  report->tables[table].rows_skipped += skipped;
}

void
hk_import_report_add_problem (HkImportReport *report,
                              HkTable         table,
                              const char     *kind,
                              guint64         count,
                              const char     *message)
{
  GPtrArray *kinds = report->tables[table].kinds;
  ProblemKind *k = NULL;

  for (guint i = 0; i < kinds->len && k == NULL; i++)
    if (g_str_equal (((ProblemKind *) kinds->pdata[i])->kind, kind))
      k = kinds->pdata[i];
  if (k == NULL)
    {
      k = g_new0 (ProblemKind, 1);
      k->kind = g_strdup (kind);
      k->messages = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (kinds, k);
    }
  k->count += count;
  if (message != NULL && k->messages->len < HK_REPORT_MESSAGES_PER_KIND)
    g_ptr_array_add (k->messages, g_strdup (message));
}

void
hk_import_report_add_warning (HkImportReport *report,
                              HkTable         table,
                              const char     *message)
{
  g_ptr_array_add (report->tables[table].warnings, g_strdup (message));
}

void
hk_import_report_add_orphans (HkImportReport *report,
                              HkTable         table,
                              guint64         rows,
                              double          revenue,
                              const char     *example_ids)
{
  TableReport *tr = &report->tables[table];

  tr->orphan_rows += rows;
  tr->orphan_revenue += revenue;
  g_free (tr->orphan_examples);
  tr->orphan_examples = g_strdup (example_ids);
}

static char *
orphan_message (TableReport *tr,
                HkTable      table)
{
  if (tr->orphan_rows == 0)
    return NULL;
  if (table == HK_TABLE_TRACKING)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %" PRIu64 " row with revenue %.2f names an influencer id not in the influencers table (%s); it takes part in no metric",
                                         "%s: %" PRIu64 " rows with revenue %.2f name influencer ids not in the influencers table (%s); they take part in no metric",
                                         tr->orphan_rows),
                            tr->file_name, (uint64_t) tr->orphan_rows, tr->orphan_revenue, tr->orphan_examples);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %" PRIu64 " row names an influencer id not in the influencers table (%s); it takes part in no metric",
                                       "%s: %" PRIu64 " rows name influencer ids not in the influencers table (%s); they take part in no metric",
                                       tr->orphan_rows),
                          tr->file_name, (uint64_t) tr->orphan_rows, tr->orphan_examples);
}

GPtrArray *
hk_import_report_dup_messages (HkImportReport *report)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      TableReport *tr = &report->tables[t];
      char *orphans;

      if (missing_is_normal (report, t))
        continue;
      if (tr->status != HK_TABLE_STATUS_OK && tr->error != NULL)
        g_ptr_array_add (messages, g_strdup (tr->error));
      for (guint i = 0; i < tr->kinds->len; i++)
        {
          ProblemKind *k = tr->kinds->pdata[i];

          for (guint j = 0; j < k->messages->len; j++)
            g_ptr_array_add (messages, g_strdup (k->messages->pdata[j]));
          if (k->count > k->messages->len)
            g_ptr_array_add (messages,
                             g_strdup_printf (_("%s: … and %" PRIu64 " more like these"),
                                              tr->file_name, (uint64_t) (k->count - k->messages->len)));
        }
      if ((orphans = orphan_message (tr, t)) != NULL)
        g_ptr_array_add (messages, orphans);
      for (guint i = 0; i < tr->warnings->len; i++)
        g_ptr_array_add (messages, g_strdup (tr->warnings->pdata[i]));
    }
  return messages;
}

char *
hk_import_report_to_text (HkImportReport *report)
{
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      TableReport *tr = &report->tables[t];
      g_autofree char *orphans = NULL;

      if (missing_is_normal (report, t))
        continue;
      if (tr->status != HK_TABLE_STATUS_OK)
        {
          g_string_append_printf (out, "%s\n", tr->error ? tr->error : tr->file_name);
          continue;
        }
      g_string_append_printf (out, _("%s: %" PRIu64 " rows read, %" PRIu64 " skipped\n"),
                              tr->file_name, (uint64_t) tr->rows_read, (uint64_t) tr->rows_skipped);
      for (guint i = 0; i < tr->kinds->len; i++)
        {
          ProblemKind *k = tr->kinds->pdata[i];

          for (guint j = 0; j < k->messages->len; j++)
            g_string_append_printf (out, "  %s\n", (char *) k->messages->pdata[j]);
          if (k->count > k->messages->len)
            g_string_append_printf (out, _("  … and %" PRIu64 " more like these\n"),
                                    (uint64_t) (k->count - k->messages->len));
        }
      if ((orphans = orphan_message (tr, t)) != NULL)
        g_string_append_printf (out, "  %s\n", orphans);
      for (guint i = 0; i < tr->warnings->len; i++)
        g_string_append_printf (out, "  %s\n", (char *) tr->warnings->pdata[i]);
    }
  return g_string_free (out, FALSE);
}

JsonNode *
hk_import_report_to_json (HkImportReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const char * const status_names[] = { "ok", "missing", "error" };

  json_builder_begin_object (b);
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      TableReport *tr = &report->tables[t];

      json_builder_set_member_name (b, hk_table_name (t));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, tr->file_name);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status_names[tr->status]);
      if (tr->error)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, tr->error);
        }
      json_builder_set_member_name (b, "rows_read");
      json_builder_add_int_value (b, tr->rows_read);
      json_builder_set_member_name (b, "rows_skipped");
      json_builder_add_int_value (b, tr->rows_skipped);
      json_builder_set_member_name (b, "orphan_rows");
      json_builder_add_int_value (b, tr->orphan_rows);
      if (tr->ignored_columns > 0)
        {
          json_builder_set_member_name (b, "ignored_columns");
          json_builder_add_int_value (b, tr->ignored_columns);
        }
      if (t == HK_TABLE_TRACKING)
        {
          json_builder_set_member_name (b, "orphan_revenue");
          json_builder_add_double_value (b, tr->orphan_revenue);
        }
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < tr->kinds->len; i++)
        {
          ProblemKind *k = tr->kinds->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, k->kind);
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, k->count);
          json_builder_set_member_name (b, "first");
          json_builder_begin_array (b);
          for (guint j = 0; j < k->messages->len; j++)
            json_builder_add_string_value (b, k->messages->pdata[j]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < tr->warnings->len; i++)
        json_builder_add_string_value (b, tr->warnings->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

GVariant *
hk_import_report_to_variant (HkImportReport *report)
{
  GVariantBuilder tables;

  g_variant_builder_init (&tables, G_VARIANT_TYPE (HK_IMPORT_REPORT_VARIANT_TYPE));
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      TableReport *tr = &report->tables[t];
      GVariantBuilder kinds, warnings;

      g_variant_builder_init (&kinds, G_VARIANT_TYPE ("a(stas)"));
      for (guint i = 0; i < tr->kinds->len; i++)
        {
          ProblemKind *k = tr->kinds->pdata[i];

          g_variant_builder_add (&kinds, "(st@as)", k->kind, (guint64) k->count,
                                 g_variant_new_strv ((const char * const *) k->messages->pdata, k->messages->len));
        }
      g_variant_builder_init (&warnings, G_VARIANT_TYPE ("as"));
      for (guint i = 0; i < tr->warnings->len; i++)
        g_variant_builder_add (&warnings, "s", (char *) tr->warnings->pdata[i]);
      g_variant_builder_add (&tables, "(usmsttua(stas)astdms)", (guint32) tr->status, tr->file_name, tr->error,
                             (guint64) tr->rows_read, (guint64) tr->rows_skipped, (guint32) tr->ignored_columns,
                             &kinds, &warnings, (guint64) tr->orphan_rows, tr->orphan_revenue, tr->orphan_examples);
    }
  return g_variant_builder_end (&tables);
}

HkImportReport *
hk_import_report_new_from_variant (GVariant *variant)
{
  g_autoptr(HkImportReport) report = NULL;

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (HK_IMPORT_REPORT_VARIANT_TYPE)) ||
      g_variant_n_children (variant) != HK_N_TABLES)
    return NULL;
  report = hk_import_report_new ();
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      TableReport *tr = &report->tables[t];
      g_autoptr(GVariantIter) kinds = NULL, warnings = NULL;
      guint32 status, ignored;
      guint64 count, rows_read, rows_skipped, orphan_rows;
      const char *kind, *warning;
      GVariantIter *messages;

      g_clear_pointer (&tr->file_name, g_free);
      g_variant_get_child (variant, t, "(usmsttua(stas)astdms)", &status, &tr->file_name, &tr->error,
                           &rows_read, &rows_skipped, &ignored, &kinds, &warnings, &orphan_rows,
                           &tr->orphan_revenue, &tr->orphan_examples);
      if (status > HK_TABLE_STATUS_ERROR)
        return NULL;
      tr->status = status;
      tr->rows_read = rows_read;
      tr->rows_skipped = rows_skipped;
      tr->ignored_columns = ignored;
      tr->orphan_rows = orphan_rows;
      while (g_variant_iter_next (kinds, "(&stas)", &kind, &count, &messages))
        {
          const char *message;

          hk_import_report_add_problem (report, t, kind, count, NULL);
          while (g_variant_iter_next (messages, "&s", &message))
            hk_import_report_add_problem (report, t, kind, 0, message);
          g_variant_iter_free (messages);
        }
      while (g_variant_iter_next (warnings, "&s", &warning))
        hk_import_report_add_warning (report, t, warning);
    }
  return g_steal_pointer (&report);
}
