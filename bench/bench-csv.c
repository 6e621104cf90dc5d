/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times hk_csv_reader against libcsv on a generated tracking file.
 *
 *   bench-csv [--size MB] [--runs N] [PATH]
 *
 * Writes a deterministic tracking-like CSV of about MB megabytes (default
 * 100) to PATH (default: a temporary file, removed afterwards), then reads it
 * N times (default 5) with each parser, touching every field (counting fields
 * and summing their lengths), and prints the median wall-clock throughput. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "hk-csv-reader.h"
#include "hk-csv-writer.h"

typedef struct {
  guint64 fields;
  guint64 bytes;
  guint64 records;
} Counts;

/* A small xorshift generator: the same file on every machine and GLib. */
static guint64
next_random (guint64 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

static const char *
pick (const char * const *items,
      guint                n,
      guint64             *state)
{
  return items[next_random (state) % n];
}

static void
generate (const char *path,
          gsize       target_bytes)
{
  static const char * const sources[] = { "instagram", "youtube", "twitter", "organic", "google" };
  static const char * const campaigns[] = {
    "MuscleBlaze_Summer_2024", "HKVitals_Immunity", "Gritzo_BackToSchool", "MB_Diwali_Sale",
    "HKVitals, Winter Glow",
  };
  static const char * const brands[] = { "MuscleBlaze", "HKVitals", "Gritzo" };
  static const char * const products[] = {
    "Whey Gold", "Creatine", "Multivitamin", "Biotin", "SuperMilk", "ProteinShake",
    "MuscleBlaze Biozyme Whey, 1kg", "HKVitals Fish Oil 1000mg",
  };
  static const double prices[] = { 2499, 849.8986252455585, 1299.5, 599, 3199.99, 449.25 };
  g_autoptr(GError) error = NULL;
  g_autoptr(HkCsvWriter) writer = hk_csv_writer_new_for_path (path, &error);
  guint64 state = 0x9e3779b97f4a7c15;
  gint64 start = g_get_monotonic_time ();
  gsize written = 0;

  if (writer == NULL)
    g_error ("%s", error->message);

  hk_csv_writer_add_row (writer, "source", "campaign", "brand", "product", "influencer_id",
                         "user_id", "date", "orders", "revenue", NULL);
  while (written < target_bytes)
    {
      char id[16], user[16], date[16];
      guint64 r = next_random (&state);
      gint64 orders = 1 + (gint64) (r % 4);
      double revenue = prices[(r >> 8) % G_N_ELEMENTS (prices)] * (double) orders;

      if ((r >> 16) % 23 == 0)
        revenue *= 1.0 + (double) ((r >> 24) % 1000) / 7919.0;   /* discounts, odd values */
      g_snprintf (id, sizeof id, "INF_%03u", (guint) ((r >> 32) % 400));
      g_snprintf (user, sizeof user, "U%07u", (guint) ((r >> 20) % 5000000));
      g_snprintf (date, sizeof date, "2024-%02u-%02u", (guint) (1 + (r >> 40) % 12),
                  (guint) (1 + (r >> 44) % 28));

      hk_csv_writer_add_text (writer, pick (sources, G_N_ELEMENTS (sources), &state));
      hk_csv_writer_add_text (writer, pick (campaigns, G_N_ELEMENTS (campaigns), &state));
      hk_csv_writer_add_text (writer, pick (brands, G_N_ELEMENTS (brands), &state));
      hk_csv_writer_add_text (writer, pick (products, G_N_ELEMENTS (products), &state));
      hk_csv_writer_add_text (writer, (r >> 50) % 5 == 0 ? "" : id);
      hk_csv_writer_add_text (writer, user);
      hk_csv_writer_add_text (writer, date);
      hk_csv_writer_add_int (writer, orders);
      hk_csv_writer_add_double (writer, revenue);
      hk_csv_writer_end_row (writer);
      /* An estimate is enough to stop near the target size. */
      written += 90;
    }
  if (!hk_csv_writer_close (writer, NULL, &error))
    g_error ("%s", error->message);
  g_print ("generated %s in %.2f s\n", path, (g_get_monotonic_time () - start) / 1e6);
}

static Counts
read_hk (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_path (path, &error);
  Counts counts = { 0 };
  HkCsvStatus status;

  if (reader == NULL)
    g_error ("%s", error->message);
  while ((status = hk_csv_reader_next (reader, &error)) == HK_CSV_RECORD)
    {
      guint n = hk_csv_reader_get_n_fields (reader);

      for (guint i = 0; i < n; i++)
        {
          gsize len;

          hk_csv_reader_get_field (reader, i, &len);
          counts.bytes += len;
        }
      counts.fields += n;
      counts.records++;
    }
  if (status != HK_CSV_END)
    g_error ("%s", error->message);
  return counts;
}

typedef struct {
  const char *path;
  goffset     start, end;
  HkCsvReader *reader;
  Counts      counts;
} Part;

static void
count_part (Part *part)
{
  HkCsvStatus status;

  while ((status = hk_csv_reader_next (part->reader, NULL)) == HK_CSV_RECORD)
    {
      guint n = hk_csv_reader_get_n_fields (part->reader);

      for (guint i = 0; i < n; i++)
        {
          gsize len;

          hk_csv_reader_get_field (part->reader, i, &len);
          part->counts.bytes += len;
        }
      part->counts.fields += n;
      part->counts.records++;
    }
  g_assert (status == HK_CSV_END);
}

static gpointer
count_part_thread (gpointer data)
{
  count_part (data);
  return NULL;
}

/* As the importer would: two threads on two halves split at a newline. */
static Counts
read_hk_2_threads (const char *path)
{
  GStatBuf st;
  Part parts[2];
  GThread *thread;
  Counts counts;
  goffset second_start;

  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  parts[0] = (Part) { path, 0, st.st_size / 2 };
  parts[1] = (Part) { path, st.st_size / 2, -1 };
  for (guint i = 0; i < 2; i++)
    parts[i].reader = hk_csv_reader_new_for_path_range (path, parts[i].start, parts[i].end, NULL);

  second_start = hk_csv_reader_get_offset (parts[1].reader);
  thread = g_thread_new ("part", count_part_thread, &parts[1]);
  count_part (&parts[0]);
  g_thread_join (thread);

  if (hk_csv_reader_get_offset (parts[0].reader) != second_start)
    {
      /* The split was inside a quoted field: the first part goes on alone. */
      hk_csv_reader_set_end (parts[0].reader, -1);
      parts[1].counts = (Counts) { 0 };
      count_part (&parts[0]);
    }
  counts.fields = parts[0].counts.fields + parts[1].counts.fields;
  counts.bytes = parts[0].counts.bytes + parts[1].counts.bytes;
  counts.records = parts[0].counts.records + parts[1].counts.records;
  for (guint i = 0; i < 2; i++)
    hk_csv_reader_free (parts[i].reader);
  return counts;
}

static void
on_libcsv_field (void   *field,
                 size_t  len,
                 void   *data)
{
  Counts *counts = data;

  counts->fields++;
  counts->bytes += len;
}

static void
on_libcsv_record (int   terminator,
                  void *data)
{
  Counts *counts = data;

  counts->records++;
}

static Counts
read_libcsv (const char *path)
{
  struct csv_parser parser;
  Counts counts = { 0 };
  g_autofree char *buf = g_malloc (1 << 20);
  int fd = open (path, O_RDONLY);
  gssize n;

  if (fd < 0 || csv_init (&parser, CSV_APPEND_NULL) != 0)
    g_error ("%s: cannot start libcsv", path);
  while ((n = read (fd, buf, 1 << 20)) > 0)
    if (csv_parse (&parser, buf, (size_t) n, on_libcsv_field, on_libcsv_record, &counts) != (size_t) n)
      g_error ("libcsv: %s", csv_strerror (csv_error (&parser)));
  csv_fini (&parser, on_libcsv_field, on_libcsv_record, &counts);
  csv_free (&parser);
  close (fd);
  return counts;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct {
  const char  *name;
  Counts     (*read) (const char *path);
  double      *seconds;
  Counts       counts;
} Contender;

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  gint size_mb = 100, runs = 5;
  g_autofree char *path = NULL;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_INT, &size_mb, "Size of the generated file in MB", "MB" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each parser (the median is shown)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "[PATH]" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- hk_csv_reader versus libcsv");
  g_autoptr(GError) error = NULL;
  gboolean temporary = FALSE;
  Contender contenders[] = {
    { "hk_csv_reader", read_hk },
    { "hk_csv_reader, 2 threads", read_hk_2_threads },
    { "libcsv", read_libcsv },
  };
  double mb, libcsv_s;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || size_mb < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "bad --size or --runs");
      return 2;
    }
  if (rest != NULL && rest[0] != NULL)
    path = g_strdup (rest[0]);
  else
    {
      int fd = g_file_open_tmp ("bench-csv-XXXXXX.csv", &path, &error);

      if (fd < 0)
        g_error ("%s", error->message);
      close (fd);
      temporary = TRUE;
    }

  generate (path, (gsize) size_mb * 1000 * 1000);
  /* Let the kernel write the file back now rather than during the runs. */
  {
    int fd = open (path, O_RDONLY);

    if (fd < 0 || fsync (fd) != 0)
      g_error ("%s: %s", path, g_strerror (errno));
    close (fd);
  }
  g_stat (path, &st);
  mb = st.st_size / 1e6;

  /* Warm the page cache, so that both parsers read from memory. */
  read_libcsv (path);

  /* Runs take turns, so that a busy moment on the machine hits all alike. */
  for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
    contenders[c].seconds = g_new (double, runs);
  for (gint i = 0; i < runs; i++)
    for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
      {
        gint64 start = g_get_monotonic_time ();

        contenders[c].counts = contenders[c].read (path);
        contenders[c].seconds[i] = (g_get_monotonic_time () - start) / 1e6;
      }

  for (guint c = 1; c < G_N_ELEMENTS (contenders); c++)
    if (memcmp (&contenders[c].counts, &contenders[0].counts, sizeof (Counts)) != 0)
      g_error ("%s and %s disagree: %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT " fields",
               contenders[0].name, contenders[c].name,
               contenders[0].counts.fields, contenders[c].counts.fields);

  g_print ("%.1f MB, %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT " fields; median of %d runs\n",
           mb, contenders[0].counts.records, contenders[0].counts.fields, runs);
  libcsv_s = median (contenders[2].seconds, (guint) runs);
  for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
    {
      double s = median (contenders[c].seconds, (guint) runs);

      g_print ("%-26s %7.3f s %8.1f MB/s %6.1fx libcsv\n",
               contenders[c].name, s, mb / s, libcsv_s / s);
      g_free (contenders[c].seconds);
    }

  if (temporary)
    g_unlink (path);
  return 0;
}
