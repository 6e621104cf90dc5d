/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-date.h"
#include "hk-simulator-private.h"

#define MAX_DAYS          3660
#define MAX_INFLUENCERS   1000000
#define MAX_POSTS         20000000
#define MAX_TRACKING_ROWS G_GUINT64_CONSTANT (2000000000)
#define MAX_HOLDOUT_USERS 10000000
#define MAX_BASKET_SIGMA  3.0
#define MAX_TEST_LIFT     10.0
#define TRUTH_FILE        "truth.json"

/* ---------------------------------------------------------------------- */
/* Sinks                                                                    */

Sink *
_hk_sim_sink_begin (Simulation      *sim,
                    HkTable          table,
                    const SimColumn *columns,
                    guint            n_columns)
{
  Sink *s = &sim->sinks[table];
  const char *header[HK_MAX_ROLES + 8], *cells[2];
  guint n_header = n_columns;

  g_assert (n_columns + 2 < G_N_ELEMENTS (header));
  for (guint i = 0; i < n_columns; i++)
    header[i] = columns[i].role >= 0 ? hk_schema_get_column (table, columns[i].role)->name
                                     : columns[i].extra;
  if (s->options->extra_columns)
    n_header += _hk_sim_shape_extras (table, 0, header + n_columns, cells);
  header[n_header] = NULL;

  s->columns = columns;
  s->n_columns = n_columns;
  s->row = 0;
  if (s->builder)
    hk_dataset_builder_begin_table (s->builder, table, NULL, header);
  else
    {
      for (guint i = 0; i < n_header; i++)
        hk_csv_writer_add_text (s->writer, header[i]);
      hk_csv_writer_end_row (s->writer);
    }
  return s;
}

void
_hk_sim_sink_end (Sink *s)
{
  if (s->builder)
    hk_dataset_builder_end_table (s->builder);
}

/* NULL is an empty cell. */
void
_hk_sim_sink_text (Sink       *s,
                   const char *text,
                   gssize      len)
{
  const SimColumn *col = &s->columns[s->cell++];

  if (s->writer)
    hk_csv_writer_add_text_len (s->writer, text, text == NULL ? 0 : len < 0 ? strlen (text) : (gsize) len);
  else if (col->role >= 0)
    hk_dataset_builder_set_text (s->builder, col->role, text, len);
  else
    hk_dataset_builder_set_extra (s->builder, s->extra++, text, len);
}

/* Decimal digits of value into buf (at least 21 bytes); returns their length. */
static gsize
format_int (gint64  value,
            char   *buf)
{
  char digits[20];
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;
  gsize n = 0, len = 0;

  do
    digits[n++] = '0' + u % 10;
  while ((u /= 10) > 0);
  if (value < 0)
    buf[len++] = '-';
  while (n > 0)
    buf[len++] = digits[--n];
  return len;
}

/* Money with two decimals (options->decimals): revenue, rates, payouts. */
static gboolean
is_money (const Sink      *s,
          const SimColumn *col)
{
  return s->options->decimals &&
         ((s->table == HK_TABLE_TRACKING && col->role == TRK_REVENUE) ||
          (s->table == HK_TABLE_PAYOUTS && (col->role == PAY_RATE || col->role == PAY_TOTAL)));
}

/* value / 100 written with two decimals: exact, and read back as the same
 * number as the shortest form. */
static void
write_cents (Sink   *s,
             gint64  cents)
{
  char buf[32];
  guint64 u = cents < 0 ? -(guint64) cents : (guint64) cents;
  int len = g_snprintf (buf, sizeof buf, "%s%" G_GUINT64_FORMAT ".%02u", cents < 0 ? "-" : "",
                        u / 100, (guint) (u % 100));

  hk_csv_writer_add_text_len (s->writer, buf, len);
}

void
_hk_sim_sink_int (Sink   *s,
                  gint64  value)
{
  const SimColumn *col = &s->columns[s->cell];
  HkColumnKind kind;
  char buf[24];

  if (s->writer)
    {
      s->cell++;
      if (is_money (s, col))
        write_cents (s, value * 100);
      else
        hk_csv_writer_add_int (s->writer, value);
      return;
    }
  /* Extra columns are text. */
  kind = col->role >= 0 ? hk_schema_get_column (s->table, col->role)->kind : HK_COLUMN_TEXT;
  if (kind == HK_COLUMN_COUNT || kind == HK_COLUMN_NUMBER || kind == HK_COLUMN_WHOLE)
    {
      s->cell++;
      hk_dataset_builder_set_number (s->builder, col->role, value);
    }
  else /* ids, as written */
    _hk_sim_sink_text (s, buf, format_int (value, buf));
}

void
_hk_sim_sink_double (Sink   *s,
                     double  value)
{
  const SimColumn *col = &s->columns[s->cell++];

  g_assert (col->role >= 0);
  if (s->writer && is_money (s, col))
    {
      /* The simulator's doubles are whole paise / 100: the two decimals are
       * exact and read back as the same double. */
      double cents = floor (value * 100 + 0.5);

      g_assert (fabs (value * 100 - cents) < 1e-6);
      write_cents (s, (gint64) cents);
    }
  else if (s->writer)
    hk_csv_writer_add_double (s->writer, value);
  else
    hk_dataset_builder_set_number (s->builder, col->role, value);
}

/* iso: the day written YYYY-MM-DD, which the caller keeps at hand. */
void
_hk_sim_sink_date (Sink       *s,
                   gint32      day,
                   const char *iso)
{
  const SimColumn *col = &s->columns[s->cell++];

  if (s->writer)
    hk_csv_writer_add_text (s->writer, iso);
  else
    hk_dataset_builder_set_day (s->builder, col->role, day);
}

gsize
_hk_sim_format_id (const HkSimulatorOptions *options,
                   SimIdKind                 kind,
                   guint64                   number,
                   char                     *buf)
{
  static const char *const prefixes[] = { "INF", "P", "PAY" };
  static const int digits[] = { 6, 7, 7 };

  if (!options->text_ids)
    return format_int ((gint64) number, buf);
  return g_snprintf (buf, 24, "%s%0*" G_GUINT64_FORMAT, prefixes[kind], digits[kind], number);
}

/* An id column: the number, or its text form. */
void
_hk_sim_sink_id (Sink      *s,
                 SimIdKind  kind,
                 guint64    number)
{
  char buf[24];

  if (!s->options->text_ids)
    _hk_sim_sink_int (s, (gint64) number);
  else
    _hk_sim_sink_text (s, buf, _hk_sim_format_id (s->options, kind, number, buf));
}

void
_hk_sim_sink_empty (Sink *s)
{
  const SimColumn *col = &s->columns[s->cell++];

  if (s->writer)
    hk_csv_writer_add_empty (s->writer);
  else if (col->role < 0)
    s->extra++;
}

void
_hk_sim_sink_end_row (Sink *s)
{
  g_assert (s->cell == s->n_columns);
  if (s->options->extra_columns)
    {
      const char *headers[2], *cells[2];
      guint n = _hk_sim_shape_extras (s->table, s->row, headers, cells);

      for (guint i = 0; i < n; i++)
        if (s->writer)
          hk_csv_writer_add_text (s->writer, cells[i]);
        else
          hk_dataset_builder_set_extra (s->builder, s->extra++, cells[i], -1);
    }
  s->row++;
  s->cell = 0;
  s->extra = 0;
  if (s->writer)
    hk_csv_writer_end_row (s->writer);
  else
    hk_dataset_builder_add_row (s->builder);
}

/* ---------------------------------------------------------------------- */
/* Options                                                                  */

void
hk_simulator_options_init (HkSimulatorOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (HkSimulatorOptions) {
    .seed = 42,
    .n_influencers = 150,
    .n_posts = 1800,
    .n_tracking_rows = 40000,
    .start_day = hk_date_from_ymd (2025, 4, 1),
    .end_day = hk_date_from_ymd (2025, 9, 30),
    .n_holdout_users = 0,
    .basket_sigma = 0,
    .test_lift = 1,
    .write_truth = FALSE,
  };
}

gboolean
hk_simulator_options_check (const HkSimulatorOptions  *options,
                            GError                   **error)
{
  gint32 first_day = hk_date_from_ymd (2000, 1, 1);
  gint32 last_day = hk_date_from_ymd (2099, 12, 31);
  guint64 n_days;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_influencers == 0 || options->n_influencers > MAX_INFLUENCERS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of influencers must be between 1 and %u, not %u"),
                   MAX_INFLUENCERS, options->n_influencers);
      return FALSE;
    }
  if (options->start_day < first_day || options->start_day > last_day ||
      options->end_day < first_day || options->end_day > last_day)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Simulated dates must lie between 2000-01-01 and 2099-12-31"));
      return FALSE;
    }
  if (options->end_day < options->start_day)
    {
      char start[HK_DATE_ISO_LEN], end[HK_DATE_ISO_LEN];

      hk_date_format_iso (options->start_day, start);
      hk_date_format_iso (options->end_day, end);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The end date %s is before the start date %s"), end, start);
      return FALSE;
    }
  n_days = (guint64) (options->end_day - options->start_day) + 1;
  if (n_days > MAX_DAYS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The simulated period may be at most %u days, not %" PRIu64),
                   MAX_DAYS, (uint64_t) n_days);
      return FALSE;
    }
  if (options->n_posts == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("At least one post is needed: campaigns and orders follow posts"));
      return FALSE;
    }
  if (options->n_posts > MAX_POSTS ||
      options->n_posts > (guint64) options->n_influencers * n_days * 10)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%u posts is too many: at most 10 per influencer per day and %u in all"),
                   options->n_posts, MAX_POSTS);
      return FALSE;
    }
  if (options->n_holdout_users > MAX_HOLDOUT_USERS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of holdout users may be at most %u, not %u"),
                   MAX_HOLDOUT_USERS, options->n_holdout_users);
      return FALSE;
    }
  if (!(options->basket_sigma >= 0 && options->basket_sigma <= MAX_BASKET_SIGMA))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The basket spread must be between 0 and %g, not %g"),
                   MAX_BASKET_SIGMA, options->basket_sigma);
      return FALSE;
    }
  if (!(options->test_lift >= 0 && options->test_lift <= MAX_TEST_LIFT))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tested campaigns' lift must be between 0 and %g, not %g"),
                   MAX_TEST_LIFT, options->test_lift);
      return FALSE;
    }
  if (options->n_tracking_rows == 0 || options->n_tracking_rows > MAX_TRACKING_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of tracking rows must be between 1 and %" PRIu64
                     ", not %" PRIu64),
                   (uint64_t) MAX_TRACKING_ROWS, (uint64_t) options->n_tracking_rows);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Driver                                                                   */

static void
simulation_clear (Simulation *sim)
{
  for (guint i = 0; i < sim->n_campaigns; i++)
    {
      g_free (sim->campaigns[i].name);
      g_free (sim->campaigns[i].theme);
    }
  for (guint i = 0; i < sim->n_holdouts; i++)
    g_free (sim->holdouts[i].posts);
  for (guint i = 0; i < G_N_ELEMENTS (sim->product_names); i++)
    g_free (sim->product_names[i]);
  g_free (sim->influencers);
  g_free (sim->posts);
  g_free (sim->expected);
  g_free (sim->campaigns);
  g_free (sim->segment_start);
  g_free (sim->day_season);
  g_free (sim->day_segment);
  g_free (sim->running);
  g_free (sim->nearest);
  g_free (sim->day_factor);
  g_free (sim->sale_factor);
  g_free (sim->holdouts);
  g_free (sim->organic_per_day);
  g_free (sim->rows_per_day);
  if (sim->scratch)
    g_string_free (sim->scratch, TRUE);
}

void
_hk_sim_report_progress (Simulation *sim,
                         double      fraction)
{
  int percent;

  if (sim->progress == NULL)
    return;
  percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100);
  if (percent > sim->progress_reported)
    {
      sim->progress_reported = percent;
      sim->progress (percent / 100.0, sim->progress_data);
    }
}

/* Into writers (indexed by HkTable), or else builder. */
static gboolean
simulate (const HkSimulatorOptions  *options,
          HkCsvWriter               *writers[HK_N_TABLES],
          HkDatasetBuilder          *builder,
          HkSimulationTruth        **truth,
          HkProgressFunc             progress,
          gpointer                   progress_data,
          GCancellable              *cancellable,
          GError                   **error)
{
  Simulation sim = {
    .options = options,
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
    .progress_reported = -1,
    .n_days = options->end_day - options->start_day + 1,
    .scratch = g_string_sized_new (512),
  };
  gboolean ok = FALSE;

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      sim.sinks[t] = (Sink) { .table = t, .options = options, .writer = writers ? writers[t] : NULL,
                              .builder = builder };
      if (writers)
        hk_csv_writer_set_style (writers[t], options->quote_all, options->crlf);
    }
  _hk_sim_name_products (&sim);
  _hk_sim_report_progress (&sim, 0);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  _hk_sim_generate_campaigns (&sim);
  _hk_sim_generate_influencers (&sim);
  _hk_sim_write_influencers (&sim);
  _hk_sim_generate_posts (&sim);
  if (!_hk_sim_write_posts (&sim, error))
    goto out;
  _hk_sim_plan_tracking (&sim);
  _hk_sim_report_progress (&sim, 0.05);
  if (!_hk_sim_write_tracking (&sim, error))
    goto out;
  if (!_hk_sim_write_payouts (&sim, error))
    goto out;
  _hk_sim_write_holdouts (&sim);
  if (truth)
    *truth = _hk_sim_make_truth (&sim);
  ok = TRUE;

out:
  simulation_clear (&sim);
  return ok;
}

/* Errors of streams get the table's file name; a file's name their own. */
static gboolean
close_writers (HkCsvWriter   *writers[HK_N_TABLES],
               gboolean       streams,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    if (!hk_csv_writer_close (writers[t], cancellable, error))
      {
        if (streams)
          g_prefix_error (error, "%s: ", hk_table_file_name (t));
        return FALSE;
      }
  return TRUE;
}

static void
free_writers (HkCsvWriter *writers[HK_N_TABLES])
{
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&writers[t], hk_csv_writer_free);
}

gboolean
hk_simulator_write_streams (const HkSimulatorOptions  *options,
                            GOutputStream             *streams[HK_N_TABLES],
                            HkSimulationTruth        **truth,
                            HkProgressFunc             progress,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  HkCsvWriter *writers[HK_N_TABLES] = { NULL, };
  g_autoptr(HkSimulationTruth) planted = NULL;
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (streams != NULL, FALSE);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_return_val_if_fail (G_IS_OUTPUT_STREAM (streams[t]), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hk_simulator_options_check (options, error))
    return FALSE;

  for (guint t = 0; t < HK_N_TABLES; t++)
    writers[t] = hk_csv_writer_new_for_stream (streams[t]);
  ok = simulate (options, writers, NULL, truth ? &planted : NULL, progress, progress_data,
                 cancellable, error) &&
       close_writers (writers, TRUE, cancellable, error);
  free_writers (writers);
  if (!ok)
    return FALSE;
  if (progress)
    progress (1.0, progress_data);
  if (truth)
    *truth = g_steal_pointer (&planted);
  return TRUE;
}

/* truth.json, a member of the set. */
static gboolean
write_truth_file (HkFileSet               *set,
                  const HkSimulationTruth *truth,
                  GError                 **error)
{
  HkFileWriter *file = hk_file_set_add (set, TRUTH_FILE, error);
  g_autofree char *data = NULL;
  gsize len;

  if (file == NULL)
    return FALSE;
  data = hk_simulation_truth_to_data (truth, &len);
  return hk_file_writer_write (file, data, len, error) &&
         hk_file_writer_close (file, NULL, error);
}

gboolean
hk_simulator_write_folder (const HkSimulatorOptions  *options,
                           const char                *folder,
                           HkSimulationTruth        **truth,
                           HkProgressFunc             progress,
                           gpointer                   progress_data,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  HkCsvWriter *writers[HK_N_TABLES] = { NULL, };
  g_autoptr(HkSimulationTruth) planted = NULL;
  g_autoptr(HkFileSet) set = NULL;
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hk_simulator_options_check (options, error))
    return FALSE;

  /* Files appear only when everything was generated, all together: a
   * cancelled, failed or killed run leaves whatever was there before (a new
   * folder is written as a temporary one and renamed into place). */
  set = hk_file_set_new (folder, error);
  if (set == NULL)
    return FALSE;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      HkFileWriter *file = hk_file_set_add (set, hk_table_file_name (t), error);

      if (file == NULL)
        {
          free_writers (writers);
          return FALSE;
        }
      writers[t] = hk_csv_writer_new_for_file_writer (file);
    }
  ok = simulate (options, writers, NULL, truth || options->write_truth ? &planted : NULL,
                 progress, progress_data, cancellable, error) &&
       close_writers (writers, FALSE, cancellable, error) &&
       (!options->write_truth || write_truth_file (set, planted, error)) &&
       hk_file_set_commit (set, error);
  free_writers (writers);
  if (!ok)
    return FALSE;
  if (progress)
    progress (1.0, progress_data);
  if (truth)
    *truth = g_steal_pointer (&planted);
  return TRUE;
}

gboolean
hk_simulator_fill (const HkSimulatorOptions  *options,
                   HkDatasetBuilder          *builder,
                   HkSimulationTruth        **truth,
                   HkProgressFunc             progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_autoptr(HkSimulationTruth) planted = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hk_simulator_options_check (options, error) ||
      !simulate (options, NULL, builder, truth ? &planted : NULL, progress, progress_data,
                 cancellable, error))
    return FALSE;
  if (progress)
    progress (1.0, progress_data);
  if (truth)
    *truth = g_steal_pointer (&planted);
  return TRUE;
}

HkDataset *
hk_simulator_generate_dataset (const HkSimulatorOptions *options,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  g_autoptr(HkDatasetBuilder) builder = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  builder = hk_dataset_builder_new ();
  if (!hk_simulator_fill (options, builder, NULL, NULL, NULL, cancellable, error))
    return NULL;
  return hk_dataset_builder_finish (builder, NULL, error);
}
