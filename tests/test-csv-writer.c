/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "hk-csv-reader.h"
#include "hk-csv-writer.h"

static char *tmp_dir;

/* A fresh empty directory for one test. */
static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmp_dir, name, NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names in dir, space-separated. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* The bytes a writer to memory produced. */
static char *
steal_output (GOutputStream *stream)
{
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);
  gsize len = g_memory_output_stream_get_data_size (memory);
  char *text = g_malloc (len + 1);

  memcpy (text, g_memory_output_stream_get_data (memory), len);
  text[len] = '\0';
  return text;
}

static char *
write_one_cell (const char *cell)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(HkCsvWriter) writer = hk_csv_writer_new_for_stream (stream);
  g_autoptr(GError) error = NULL;

  hk_csv_writer_add_text (writer, cell);
  hk_csv_writer_add_text (writer, "z");
  hk_csv_writer_end_row (writer);
  g_assert_true (hk_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_output_stream_is_closed (stream));
  return steal_output (stream);
}

static void
test_quoting (void)
{
  static const struct { const char *cell, *written; } cases[] = {
    { "plain", "plain,z\n" },
    { "", ",z\n" },
    { NULL, ",z\n" },
    { "a,b", "\"a,b\",z\n" },
    { "say \"hi\"", "\"say \"\"hi\"\"\",z\n" },
    { "\"", "\"\"\"\",z\n" },
    { "x\ny", "\"x\ny\",z\n" },
    { "x\r\ny", "\"x\r\ny\",z\n" },
    { "x\ry", "\"x\ry\",z\n" },
    { " padded ", " padded ,z\n" },
    { "₹1,23,456", "\"₹1,23,456\",z\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = write_one_cell (cases[i].cell);

      g_assert_cmpstr (written, ==, cases[i].written);
    }
}

static void
test_formula_guard (void)
{
  static const struct { const char *cell, *written; } cases[] = {
    { "=SUM(A1:A9)", "'=SUM(A1:A9)" },
    { "=1,2", "\"'=1,2\"" },
    { "+91 98765 43210", "'+91 98765 43210" },
    { "@handle", "'@handle" },
    { "\tx", "'\tx" },
    { "\rx", "\"'\rx\"" },
    { "-", "'-" },
    { "--5", "'--5" },
    { "-1e", "'-1e" },
    { "-inf", "'-inf" },
    { "-0x1A", "'-0x1A" },
    { "-12.5 ", "'-12.5 " },
    { "=\"quoted\"", "\"'=\"\"quoted\"\"\"" },
    /* Plain numbers stay as they are. */
    { "-12.5", "-12.5" },
    { "+3", "+3" },
    { "-1e5", "-1e5" },
    { "+1.5E+3", "+1.5E+3" },
    { "-.5", "-.5" },
    { "-5.", "-5." },
    { "-0", "-0" },
    /* Only the first character matters. */
    { "a=b", "a=b" },
    { " =x", " =x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = write_one_cell (cases[i].cell);
      g_autofree char *expected = g_strconcat (cases[i].written, ",z\n", NULL);

      g_assert_cmpstr (written, ==, expected);
    }
}

static void
test_rows (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(HkCsvWriter) writer = hk_csv_writer_new_for_stream (stream);
  g_autofree char *written = NULL;

  hk_csv_writer_add_row (writer, "id", "name", "revenue", NULL);
  hk_csv_writer_add_int (writer, -42);
  hk_csv_writer_add_empty (writer);
  hk_csv_writer_add_double (writer, 2499.5);
  hk_csv_writer_end_row (writer);
  hk_csv_writer_add_int (writer, G_MININT64);
  hk_csv_writer_add_int (writer, G_MAXINT64);
  hk_csv_writer_add_double (writer, NAN);
  hk_csv_writer_end_row (writer);
  /* A single empty cell must not turn into a blank line. */
  hk_csv_writer_add_empty (writer);
  hk_csv_writer_end_row (writer);
  hk_csv_writer_add_double (writer, INFINITY);
  hk_csv_writer_end_row (writer);
  g_assert_true (hk_csv_writer_close (writer, NULL, NULL));

  written = steal_output (stream);
  g_assert_cmpstr (written, ==,
                   "id,name,revenue\n"
                   "-42,,2499.5\n"
                   "-9223372036854775808,9223372036854775807,\n"
                   "\"\"\n"
                   "\"\"\n");
}

typedef struct {
  double      value;
  const char *text;
} DoubleCase;

static void
test_format_double (void)
{
  static const DoubleCase cases[] = {
    { 0.1, "0.1" },
    { 1e21, "1e+21" },
    { 5e-324, "5e-324" },
    { 849.8986252455585, "849.8986252455585" },
    { 12345678.9, "12345678.9" },
    { 12345678.0, "12345678" },
    { -0.0, "0" },
    { 0.0, "0" },
    { 9007199254740992.0, "9007199254740992" },
    { -9007199254740992.0, "-9007199254740992" },
    { 9007199254740994.0, "9007199254740994" },
    { 2499, "2499" },
    { -2499.75, "-2499.75" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 0.000123, "0.000123" },
    { 1.5e-7, "1.5e-07" },
    { 1.5e-6, "1.5e-06" },
    { -2.5e-5, "-2.5e-05" },
    { 0.0001, "0.0001" },
    { 0x1p-10, "0.0009765625" },
    { 4503599627370495.5, "4503599627370495.5" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 2.2250738585072014e-308, "2.2250738585072014e-308" },
  };
  char buf[32];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (hk_format_double_roundtrip (cases[i].value, buf));
      g_assert_cmpstr (buf, ==, cases[i].text);
    }

  g_assert_false (hk_format_double_roundtrip (NAN, buf));
  g_assert_cmpstr (buf, ==, "");
  g_assert_false (hk_format_double_roundtrip (INFINITY, buf));
  g_assert_cmpstr (buf, ==, "");
  g_assert_false (hk_format_double_roundtrip (-INFINITY, buf));
  g_assert_cmpstr (buf, ==, "");
}

/* The significant digits of a number's text: "-0.00120e+5" gives "12". */
static char *
significant_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && (digits->len > 0 || *p != '0'))
      g_string_append_c (digits, *p);
  while (digits->len > 0 && digits->str[digits->len - 1] == '0')
    g_string_truncate (digits, digits->len - 1);
  return g_string_free (digits, FALSE);
}

/* Any finite double reads back identical, with as few digits as the
 * shortest "%.Ng" that reads back, and a '.' whatever the locale. */
static void
test_format_double_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240229);
  const char *locale = setlocale (LC_NUMERIC, "de_DE.UTF-8");

  if (locale == NULL)
    g_test_message ("de_DE.UTF-8 is not available: checking in the C locale only");
  else
    {
      char probe[16];

      g_snprintf (probe, sizeof probe, "%.1f", 0.5);
      g_assert_cmpstr (probe, ==, "0,5");
    }

  for (guint i = 0; i < 200000; i++)
    {
      char buf[32], reference[32];
      g_autofree char *digits = NULL, *reference_digits = NULL;
      double value;

      switch (i % 4)
        {
        case 0:
          {
            guint64 bits = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
            memcpy (&value, &bits, sizeof value);
          }
          break;
        case 1:
          value = g_rand_double_range (rand, -1e7, 1e7);
          break;
        case 2:
          value = (double) g_rand_int_range (rand, -10000000, 10000000) / 100;
          break;
        default:
          value = ldexp (g_rand_double (rand), g_rand_int_range (rand, -60, 80));
          break;
        }
      if (!isfinite (value))
        continue;

      g_assert_true (hk_format_double_roundtrip (value, buf));
      g_assert_null (strchr (buf, ','));
      g_assert_true (g_ascii_strtod (buf, NULL) == value);
      if (value == 0)
        continue;

      for (int precision = 1; precision <= 17; precision++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

          g_ascii_formatd (reference, sizeof reference, format, value);
          if (g_ascii_strtod (reference, NULL) == value)
            break;
        }
      digits = significant_digits (buf);
      reference_digits = significant_digits (reference);
      g_assert_cmpstr (digits, ==, reference_digits);
    }

  setlocale (LC_NUMERIC, "C");
}

/* Random cells of awkward pieces. */
static char *
random_text (GRand *rand)
{
  static const char *pieces[] = {
    "a", "Zz", " ", ",", "\"", "\n", "\r\n", "\r", "é", "₹", "😀", "ब्र", "=", "-", "+",
    "@", "\t", "'", "1", "2.5", "e3", ".", "0",
  };
  GString *text = g_string_new (NULL);
  guint n = (guint) g_rand_int_range (rand, 0, 8);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (text, FALSE);
}

/* What a text cell reads back as: spreadsheets' formula starters get a "'"
 * unless the cell is a plain number (checked here with a regex). */
static char *
expected_text (const char *text)
{
  gboolean number = g_regex_match_simple ("^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$",
                                          text, G_REGEX_DOLLAR_ENDONLY, 0);

  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0' && !number)
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *dir = make_dir ("round-trip");
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(HkCsvWriter) writer = NULL;
  g_autoptr(HkCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  HkCsvStatus status;
  guint r = 0;

  writer = hk_csv_writer_new_for_path (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5000; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 7);
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint c = 0; c < n; c++)
        {
          guint kind = (guint) g_rand_int_range (rand, 0, 6);

          if (kind == 0)
            {
              double value = g_rand_double_range (rand, -1e6, 1e6);
              char text[32];

              hk_csv_writer_add_double (writer, value);
              hk_format_double_roundtrip (value, text);
              g_strv_builder_add (builder, text);
            }
          else if (kind == 1)
            {
              gint64 value = (gint64) g_rand_int (rand) - G_MAXINT32;
              g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

              hk_csv_writer_add_int (writer, value);
              g_strv_builder_add (builder, text);
            }
          else
            {
              g_autofree char *text = random_text (rand);
              g_autofree char *expected = expected_text (text);

              hk_csv_writer_add_text (writer, text);
              g_strv_builder_add (builder, expected);
            }
        }
      hk_csv_writer_end_row (writer);
      g_ptr_array_add (rows, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  g_assert_true (hk_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);

  reader = hk_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  while ((status = hk_csv_reader_next (reader, &error)) == HK_CSV_RECORD)
    {
      char **expected = rows->pdata[r++];

      g_assert_cmpuint (hk_csv_reader_get_n_fields (reader), ==, g_strv_length (expected));
      for (guint c = 0; expected[c] != NULL; c++)
        g_assert_cmpstr (hk_csv_reader_get_field (reader, c, NULL), ==, expected[c]);
    }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, HK_CSV_END);
  g_assert_cmpuint (r, ==, rows->len);
  g_unlink (path);
}

/* Cells larger than the output buffer. */
static void
test_large_cell (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(HkCsvWriter) writer = hk_csv_writer_new_for_stream (stream);
  g_autoptr(GString) cell = g_string_new (NULL);
  g_autofree char *written = NULL;
  g_autoptr(HkCsvReader) reader = NULL;

  while (cell->len < 300000)
    g_string_append (cell, "quote \" comma , line\n ");
  hk_csv_writer_add_text (writer, "before");
  hk_csv_writer_add_text_len (writer, cell->str, cell->len);
  hk_csv_writer_end_row (writer);
  hk_csv_writer_add_text_len (writer, cell->str, 70000);
  hk_csv_writer_end_row (writer);
  g_assert_true (hk_csv_writer_close (writer, NULL, NULL));

  written = steal_output (stream);
  reader = hk_csv_reader_new_for_data (written, strlen (written));
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  g_assert_cmpstr (hk_csv_reader_get_field (reader, 0, NULL), ==, "before");
  g_assert_cmpstr (hk_csv_reader_get_field (reader, 1, NULL), ==, cell->str);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  g_string_truncate (cell, 70000);
  g_assert_cmpstr (hk_csv_reader_get_field (reader, 0, NULL), ==, cell->str);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_END);
}

static void
write_rows (HkCsvWriter *writer,
            guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      hk_csv_writer_add_text (writer, "Instagram");
      hk_csv_writer_add_int (writer, i);
      hk_csv_writer_add_double (writer, i * 849.8986252455585);
      hk_csv_writer_end_row (writer);
    }
}

/* The target changes only when close succeeds, and nothing is left behind. */
static void
test_atomic (void)
{
  g_autofree char *dir = make_dir ("atomic");
  g_autofree char *old_path = g_build_filename (dir, "old.csv", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.csv", NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  HkCsvWriter *writer;
  char *contents;

  g_assert_true (g_file_set_contents (old_path, "old,content\n", -1, NULL));

  /* Freed without closing: old file kept, new file never appears. */
  writer = hk_csv_writer_new_for_path (old_path, &error);
  g_assert_no_error (error);
  write_rows (writer, 50000);
  hk_csv_writer_free (writer);
  writer = hk_csv_writer_new_for_path (new_path, &error);
  g_assert_no_error (error);
  write_rows (writer, 50000);
  hk_csv_writer_free (writer);
  contents = read_file (old_path);
  g_assert_cmpstr (contents, ==, "old,content\n");
  g_free (contents);
  contents = list_dir (dir);
  g_assert_cmpstr (contents, ==, "old.csv");
  g_free (contents);

  /* A cancelled close fails and changes nothing. */
  g_cancellable_cancel (cancelled);
  writer = hk_csv_writer_new_for_path (old_path, &error);
  write_rows (writer, 10);
  g_assert_false (hk_csv_writer_close (writer, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  hk_csv_writer_free (writer);
  writer = hk_csv_writer_new_for_path (new_path, &error);
  write_rows (writer, 10);
  g_assert_false (hk_csv_writer_close (writer, cancelled, &error));
  g_clear_error (&error);
  hk_csv_writer_free (writer);
  contents = read_file (old_path);
  g_assert_cmpstr (contents, ==, "old,content\n");
  g_free (contents);
  contents = list_dir (dir);
  g_assert_cmpstr (contents, ==, "old.csv");
  g_free (contents);

  /* A successful close replaces or creates. */
  writer = hk_csv_writer_new_for_path (old_path, &error);
  hk_csv_writer_add_row (writer, "new", NULL);
  g_assert_true (hk_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  hk_csv_writer_free (writer);
  writer = hk_csv_writer_new_for_path (new_path, &error);
  hk_csv_writer_add_row (writer, "created", NULL);
  g_assert_true (hk_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  hk_csv_writer_free (writer);
  contents = read_file (old_path);
  g_assert_cmpstr (contents, ==, "new\n");
  g_free (contents);
  contents = read_file (new_path);
  g_assert_cmpstr (contents, ==, "created\n");
  g_free (contents);
  contents = list_dir (dir);
  g_assert_cmpstr (contents, ==, "new.csv old.csv");
  g_free (contents);
}

/* A real write failure: with a 1 MiB file size limit, writing 4 MiB fails
 * with EFBIG part way through. Runs in a child, which alone gets the limit. */
static void
test_failing_write (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *old_path = NULL, *new_path = NULL, *listing = NULL, *contents = NULL;

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 1024 * 1024, 1024 * 1024 };
      g_autoptr(GError) error = NULL;
      HkCsvWriter *writer;

      dir = g_strdup (g_getenv ("HK_TEST_DIR"));
      old_path = g_build_filename (dir, "old.csv", NULL);
      new_path = g_build_filename (dir, "new.csv", NULL);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      for (guint i = 0; i < 2; i++)
        {
          writer = hk_csv_writer_new_for_path (i == 0 ? old_path : new_path, &error);
          g_assert_no_error (error);
          write_rows (writer, 100000);
          g_assert_false (hk_csv_writer_close (writer, NULL, &error));
          /* EFBIG has no GIOErrorEnum code of its own. */
          g_assert_true (error != NULL && error->domain == G_IO_ERROR);
          g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
          g_clear_error (&error);
          hk_csv_writer_free (writer);
        }
      return;
    }

  dir = make_dir ("failing-write");
  old_path = g_build_filename (dir, "old.csv", NULL);
  g_assert_true (g_file_set_contents (old_path, "old,content\n", -1, NULL));
  g_setenv ("HK_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  contents = read_file (old_path);
  g_assert_cmpstr (contents, ==, "old,content\n");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "old.csv");
}

/* A stream writer leaves its stream open, and reports its errors. */
static void
test_stream_error (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new (g_malloc (100), 100, NULL, g_free);
  g_autoptr(HkCsvWriter) writer = hk_csv_writer_new_for_stream (stream);
  g_autoptr(GError) error = NULL;

  write_rows (writer, 10000);
  g_assert_false (hk_csv_writer_close (writer, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_false (g_output_stream_is_closed (stream));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_test_subprocess ())
    tmp_dir = g_strdup (g_getenv ("HK_TEST_DIR"));
  else
    {
      tmp_dir = g_dir_make_tmp ("hk-csv-writer-XXXXXX", &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/csv/writer/quoting", test_quoting);
  g_test_add_func ("/csv/writer/formula-guard", test_formula_guard);
  g_test_add_func ("/csv/writer/rows", test_rows);
  g_test_add_func ("/csv/writer/format-double", test_format_double);
  g_test_add_func ("/csv/writer/format-double-random", test_format_double_random);
  g_test_add_func ("/csv/writer/round-trip", test_round_trip);
  g_test_add_func ("/csv/writer/large-cell", test_large_cell);
  g_test_add_func ("/csv/writer/atomic", test_atomic);
  g_test_add_func ("/csv/writer/failing-write", test_failing_write);
  g_test_add_func ("/csv/writer/stream-error", test_stream_error);

  status = g_test_run ();

  if (!g_test_subprocess ())
    remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
