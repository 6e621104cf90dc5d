/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hk-csv-reader.h"
#include "hk-csv-reader-private.h"

/* A record as the reader should return it: fields, or the error of a bad
 * record. A zero line ends a list. */
typedef struct {
  guint64     line;
  const char *fields[6];   /* NULL-terminated */
  const char *error;       /* for HK_CSV_BAD_RECORD */
} Expected;

typedef struct {
  const char *path;
  const char *input;
  gsize       len;         /* 0: strlen (input) */
  Expected    records[6];
  const char *fatal;       /* the error ending the file, if any */
} ReaderCase;

#define WITH_LEN(s) s, sizeof (s) - 1

static const ReaderCase reader_cases[] = {
  { "/csv/simple", "a,b,c\n1,2,3\n", 0,
    { { 1, { "a", "b", "c" } }, { 2, { "1", "2", "3" } } } },
  { "/csv/quoted-newline", "id,text\n1,\"line one\nline two\"\n2,x\n", 0,
    { { 1, { "id", "text" } }, { 2, { "1", "line one\nline two" } }, { 4, { "2", "x" } } } },
  { "/csv/quoted-crlf", "a,\"x\r\ny\"\r\n\"p\rq\",z\r\nb,c\r\n", 0,
    { { 1, { "a", "x\r\ny" } }, { 3, { "p\rq", "z" } }, { 5, { "b", "c" } } } },
  { "/csv/quoted-separators", "\"a,b\",\"\",\"\n\",\",\"\n", 0,
    { { 1, { "a,b", "", "\n", "," } } } },
  { "/csv/crlf", "a,b\r\nc,d\r\n", 0,
    { { 1, { "a", "b" } }, { 2, { "c", "d" } } } },
  { "/csv/lone-cr", "a,b\rc,d\r\re\r", 0,
    { { 1, { "a", "b" } }, { 2, { "c", "d" } }, { 4, { "e" } } } },
  { "/csv/bom", "\xef\xbb\xbfid,name\n1,x\n", 0,
    { { 1, { "id", "name" } }, { 2, { "1", "x" } } } },
  { "/csv/bom-not-at-start", "a\n\xef\xbb\xbf" "b\n", 0,
    { { 1, { "a" } }, { 2, { "\xef\xbb\xbf" "b" } } } },
  { "/csv/blank-lines", "\n\na,b\n\n\r\n\rc,d\n\n", 0,
    { { 3, { "a", "b" } }, { 7, { "c", "d" } } } },
  { "/csv/no-final-newline", "a,b\nc,d", 0,
    { { 1, { "a", "b" } }, { 2, { "c", "d" } } } },
  { "/csv/no-final-newline-quoted", "a,\"b\"\"\"", 0,
    { { 1, { "a", "b\"" } } } },
  { "/csv/final-cr", "a\r", 0,
    { { 1, { "a" } } } },
  { "/csv/escaped-quotes", "\"a\"\"b\",\"\"\"\",\"\",\"\"\"\"\"\"\"\"\n", 0,
    { { 1, { "a\"b", "\"", "", "\"\"\"" } } } },
  { "/csv/lenient-quotes", "\"ab\"c,d\"e,\"x\" \"y\",\"\"z\n", 0,
    { { 1, { "abc", "d\"e", "x \"y\"", "z" } } } },
  { "/csv/empty-fields", ",,\n\"\"\n,\n", 0,
    { { 1, { "", "", "" } }, { 2, { "" } }, { 3, { "", "" } } } },
  { "/csv/spaces-kept", " a , b \n", 0,
    { { 1, { " a ", " b " } } } },
  { "/csv/control-characters", "a\tb,\x01\x0b\x0c\n", 0,
    { { 1, { "a\tb", "\x01\x0b\x0c" } } } },
  { "/csv/utf8", "ब्रांड,₹500,\"😀,x\"\n", 0,
    { { 1, { "ब्रांड", "₹500", "😀,x" } } } },
  { "/csv/invalid-utf8", "a,b\nok,\xff\nc,d\n", 0,
    { { 1, { "a", "b" } }, { 2, { NULL }, "2:4: invalid UTF-8" }, { 3, { "c", "d" } } } },
  { "/csv/invalid-utf8-column", "αβ,\xce\n\"x\ny\xc3\",z\nend", 0,
    { { 1, { NULL }, "1:4: invalid UTF-8" }, { 2, { NULL }, "3:2: invalid UTF-8" },
      { 4, { "end" } } } },
  { "/csv/overlong-utf8", "\xc0\xaf\n", 0,
    { { 1, { NULL }, "1:1: invalid UTF-8" } } },
  { "/csv/nul-byte", WITH_LEN ("a,b\nx\0y,z\n\"p\n\0\"\nc,d\n"),
    { { 1, { "a", "b" } }, { 2, { NULL }, "2:2: NUL byte" }, { 3, { NULL }, "4:1: NUL byte" },
      { 5, { "c", "d" } } } },
  { "/csv/unterminated-quote", "a,b\nc,\"d\ne,f\n", 0,
    { { 1, { "a", "b" } } },
    "2:3: unterminated quoted field" },
  { "/csv/unterminated-quote-later-line", "x\n\"a\nb\",\"c\n", 0,
    { { 1, { "x" } } },
    "2:1: unterminated quoted field" },
  { "/csv/unterminated-doubled-quote", "\"ab\"\"", 0,
    { { 0 } },
    "1:1: unterminated quoted field" },
  { "/csv/empty-file", "", 0, { { 0 } } },
  { "/csv/only-bom", "\xef\xbb\xbf", 0, { { 0 } } },
  { "/csv/only-blank-lines", "\r\n\n\r", 0, { { 0 } } },
  { "/csv/partial-bom", "\xef\xbb", 0,
    { { 1, { NULL }, "1:1: invalid UTF-8" } } },
};

typedef enum {
  SOURCE_DATA,
  SOURCE_PATH,
  SOURCE_STREAM,
  N_SOURCES
} Source;

static char *tmp_dir;

static char *
write_tmp_file (const char *name,
                const char *data,
                gsize       len)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

static HkCsvReader *
open_reader (Source      source,
             const char *data,
             gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GInputStream) stream = NULL;
  HkCsvReader *reader = NULL;

  switch (source)
    {
    case SOURCE_DATA:
      reader = hk_csv_reader_new_for_data (data, len);
      break;
    case SOURCE_PATH:
      path = write_tmp_file ("input.csv", data, len);
      reader = hk_csv_reader_new_for_path (path, &error);
      g_assert_no_error (error);
      break;
    case SOURCE_STREAM:
      stream = g_memory_input_stream_new_from_data (data, (gssize) len, NULL);
      reader = hk_csv_reader_new_for_stream (stream);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (reader);
  return reader;
}

static void
check_case (const ReaderCase *c,
            HkCsvReader      *reader)
{
  HkCsvStatus status;
  guint r = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      const Expected *e = &c->records[r];

      status = hk_csv_reader_next (reader, &error);
      if (status == HK_CSV_END || status == HK_CSV_FATAL)
        {
          g_assert_cmpuint (e->line, ==, 0);
          if (c->fatal != NULL)
            {
              g_assert_cmpint (status, ==, HK_CSV_FATAL);
              g_assert_nonnull (error);
              g_assert_cmpstr (error->message, ==, c->fatal);
            }
          else
            {
              g_assert_cmpint (status, ==, HK_CSV_END);
              g_assert_no_error (error);
            }
          break;
        }

      g_assert_cmpuint (r, <, G_N_ELEMENTS (c->records));
      g_assert_cmpuint (e->line, !=, 0);
      g_assert_cmpuint (hk_csv_reader_get_line (reader), ==, e->line);
      if (e->error != NULL)
        {
          g_assert_cmpint (status, ==, HK_CSV_BAD_RECORD);
          g_assert_nonnull (error);
          g_assert_true (error->domain == HK_CSV_ERROR);
          g_assert_cmpstr (error->message, ==, e->error);
          g_assert_cmpuint (hk_csv_reader_get_n_fields (reader), ==, 0);
        }
      else
        {
          guint n = g_strv_length ((char **) e->fields);

          g_assert_cmpint (status, ==, HK_CSV_RECORD);
          g_assert_no_error (error);
          g_assert_cmpuint (hk_csv_reader_get_n_fields (reader), ==, n);
          for (guint i = 0; i < n; i++)
            {
              gsize len;
              const char *field = hk_csv_reader_get_field (reader, i, &len);

              g_assert_cmpstr (field, ==, e->fields[i]);
              g_assert_cmpuint (len, ==, strlen (e->fields[i]));
            }
        }
      r++;
    }
  /* The end is final. */
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_END);
}

/* Every source, with block sizes that put a boundary at every byte. */
static void
test_reader_case (gconstpointer data)
{
  const ReaderCase *c = data;
  static const gsize block_sizes[] = { 0, 1, 2, 3, 5, 16, 17 };
  gsize len = c->len > 0 ? c->len : strlen (c->input);

  for (Source source = 0; source < N_SOURCES; source++)
    for (guint b = 0; b < G_N_ELEMENTS (block_sizes); b++)
      {
        g_autoptr(HkCsvReader) reader = open_reader (source, c->input, len);

        if (block_sizes[b] > 0)
          hk_csv_reader_set_block_size (reader, block_sizes[b]);
        check_case (c, reader);
      }
}

/* A field far larger than the buffer, with every kind of special byte. */
static void
test_huge_field (void)
{
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(GString) input = g_string_new ("a,b\n\"");

  while (field->len < 3 * 1024 * 1024)
    g_string_append (field, "ab,\"\r\n\xe0\xa4\xac ");
  for (gsize i = 0; i < field->len; i++)
    {
      if (field->str[i] == '"')
        g_string_append_c (input, '"');
      g_string_append_c (input, field->str[i]);
    }
  g_string_append (input, "\",x\nlast\n");

  for (Source source = 0; source < N_SOURCES; source++)
    for (gsize block = 0; block <= 4096; block += 4096)
      {
        g_autoptr(HkCsvReader) reader = open_reader (source, input->str, input->len);
        g_autoptr(GError) error = NULL;
        gsize len;

        if (block > 0)
          hk_csv_reader_set_block_size (reader, block);
        g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
        g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
        g_assert_no_error (error);
        g_assert_cmpuint (hk_csv_reader_get_line (reader), ==, 2);
        g_assert_cmpuint (hk_csv_reader_get_n_fields (reader), ==, 2);
        g_assert_true (hk_csv_reader_get_field (reader, 0, &len) != NULL);
        g_assert_cmpuint (len, ==, field->len);
        g_assert_true (memcmp (hk_csv_reader_get_field (reader, 0, NULL), field->str, len) == 0);
        g_assert_cmpstr (hk_csv_reader_get_field (reader, 1, NULL), ==, "x");
        g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
        /* Each 10-byte piece has one CRLF. */
        g_assert_cmpuint (hk_csv_reader_get_line (reader), ==, 3 + field->len / 10);
        g_assert_cmpstr (hk_csv_reader_get_field (reader, 0, NULL), ==, "last");
        g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_END);
      }
}

static void
test_record_too_large (void)
{
  const gsize max = 64 * 1024 * 1024;
  g_autofree char *input = g_malloc (max + 16);
  g_autoptr(HkCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* A record of exactly 64 MiB is read; one byte more is fatal. */
  memcpy (input, "a,b\n", 4);
  memset (input + 4, 'x', max);
  memcpy (input + 4 + max, "\nc\n", 3);
  reader = hk_csv_reader_new_for_data (input, max + 7);
  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (hk_csv_reader_get_field (reader, 0, NULL)), ==, max);
  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
  g_clear_pointer (&reader, hk_csv_reader_free);

  input[3] = 'x';
  reader = hk_csv_reader_new_for_data (input, max + 7);
  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_FATAL);
  g_assert_error (error, HK_CSV_ERROR, HK_CSV_ERROR_RECORD_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "1:1: "));
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_END);
}

/* The limit holds whatever the buffer: small limits through the test knob. */
static void
test_record_limit (void)
{
  static const char *inputs[] = {
    "ok\n0123456789\n", "ok\n0123456789", "ok\n\"01234567\"\n", "ok\n\"012\n4567\"\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    for (gsize max = 9; max <= 10; max++)
      for (gsize block = 1; block <= 64; block *= 4)
        {
          g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_data (inputs[i], strlen (inputs[i]));
          g_autoptr(GError) error = NULL;

          hk_csv_reader_set_max_record (reader, max);
          hk_csv_reader_set_block_size (reader, block);
          g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
          if (max == 10)
            {
              g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
              g_assert_no_error (error);
              g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_END);
            }
          else
            {
              g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_FATAL);
              g_assert_error (error, HK_CSV_ERROR, HK_CSV_ERROR_RECORD_TOO_LARGE);
              g_assert_true (g_str_has_prefix (error->message, "2:1: "));
            }
        }
}

static void
test_null_data (void)
{
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_data (NULL, 0);

  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_END);
  g_assert_cmpint (hk_csv_reader_get_offset (reader), ==, 0);
  g_assert_cmpuint (hk_csv_reader_get_lines_read (reader), ==, 0);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "missing.csv", NULL);
  HkCsvReader *reader = hk_csv_reader_new_for_path (path, &error);

  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* A stream that gives "a,b\nc" and then fails. */
G_DECLARE_FINAL_TYPE (FailingStream, failing_stream, TEST, FAILING_STREAM, GInputStream)

struct _FailingStream {
  GInputStream parent_instance;
  gboolean     done;
};

G_DEFINE_FINAL_TYPE (FailingStream, failing_stream, G_TYPE_INPUT_STREAM)

static gssize
failing_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  FailingStream *self = TEST_FAILING_STREAM (stream);

  if (self->done)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk on fire");
      return -1;
    }
  self->done = TRUE;
  g_assert_cmpuint (count, >=, 5);
  memcpy (buffer, "a,b\nc", 5);
  return 5;
}

static void
failing_stream_class_init (FailingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = failing_stream_read;
}

static void
failing_stream_init (FailingStream *self)
{
}

/* A failing read is fatal; what came before it was read. */
static void
test_read_error (void)
{
  g_autoptr(GInputStream) stream = g_object_new (failing_stream_get_type (), NULL);
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_stream (stream);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_RECORD);
  g_assert_cmpint (hk_csv_reader_next (reader, &error), ==, HK_CSV_FATAL);
  g_assert_error (error, HK_CSV_ERROR, HK_CSV_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "2:1: read error: disk on fire");
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_END);
}

/* Field i of every record, with its line, as one string to compare. */
static char *
describe_record (HkCsvReader *reader,
                 HkCsvStatus  status,
                 guint64      line_offset)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%d@%" G_GUINT64_FORMAT, status,
                          hk_csv_reader_get_line (reader) + line_offset);
  for (guint i = 0; i < hk_csv_reader_get_n_fields (reader); i++)
    g_string_append_printf (s, "|%s", hk_csv_reader_get_field (reader, i, NULL));
  return g_string_free (s, FALSE);
}

static void
read_all (HkCsvReader *reader,
          GPtrArray   *out,
          guint64      line_offset)
{
  HkCsvStatus status;

  while ((status = hk_csv_reader_next (reader, NULL)) != HK_CSV_END)
    {
      g_assert_cmpint (status, !=, HK_CSV_FATAL);
      g_ptr_array_add (out, describe_record (reader, status, line_offset));
    }
}

/* Two ranges split anywhere read what one pass does, falling back to the
 * first range alone when the split lay inside a quoted field. */
static void
test_ranges (void)
{
  static const char input[] =
    "h1,h2\n\"a\nb\",c\r\n\n\"x,\"\"y\"\"\",z\r\n\rbad,\xff\nlast,\"q\n\nr\"\n,\n\n"
    "\"\n\",\"\n\"\nend";
  g_autofree char *path = write_tmp_file ("ranges.csv", input, sizeof input - 1);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HkCsvReader) whole = hk_csv_reader_new_for_path (path, NULL);
  guint fallbacks = 0;

  read_all (whole, expected, 0);
  g_assert_cmpuint (expected->len, ==, 8);

  for (goffset split = 0; split <= (goffset) sizeof input; split++)
    for (gsize block = 1; block <= 1024; block *= 1024)
      {
        g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(HkCsvReader) first = hk_csv_reader_new_for_path_range (path, 0, split, NULL);
        g_autoptr(HkCsvReader) second = hk_csv_reader_new_for_path_range (path, split, -1, NULL);

        hk_csv_reader_set_block_size (first, block);
        hk_csv_reader_set_block_size (second, block);
        read_all (first, got, 0);
        if (hk_csv_reader_get_offset (first) == hk_csv_reader_get_offset (second))
          read_all (second, got, hk_csv_reader_get_lines_read (first));
        else
          {
            fallbacks++;
            hk_csv_reader_set_end (first, -1);
            read_all (first, got, 0);
          }

        g_assert_cmpuint (got->len, ==, expected->len);
        for (guint i = 0; i < got->len; i++)
          g_assert_cmpstr (got->pdata[i], ==, expected->pdata[i]);
      }
  /* Splits inside quoted fields happened, and most splits did not need it. */
  g_assert_cmpuint (fallbacks, >, 0);
  g_assert_cmpuint (fallbacks, <, sizeof input);
}

/* Offsets and lines read as an importer sees them at each record. */
static void
test_offsets (void)
{
  static const char input[] = "\xef\xbb\xbf" "a\r\n\n\"b\nc\"\nd";
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_data (input, sizeof input - 1);

  g_assert_cmpint (hk_csv_reader_get_offset (reader), ==, 0);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  g_assert_cmpint (hk_csv_reader_get_offset (reader), ==, 6);
  g_assert_cmpuint (hk_csv_reader_get_lines_read (reader), ==, 1);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  g_assert_cmpuint (hk_csv_reader_get_line (reader), ==, 3);
  g_assert_cmpint (hk_csv_reader_get_offset (reader), ==, 13);
  g_assert_cmpuint (hk_csv_reader_get_lines_read (reader), ==, 4);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_RECORD);
  g_assert_cmpint (hk_csv_reader_get_offset (reader), ==, 14);
  g_assert_cmpuint (hk_csv_reader_get_lines_read (reader), ==, 5);
  g_assert_cmpint (hk_csv_reader_next (reader, NULL), ==, HK_CSV_END);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("hk-csv-reader-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (reader_cases); i++)
    g_test_add_data_func (reader_cases[i].path, &reader_cases[i], test_reader_case);
  g_test_add_func ("/csv/huge-field", test_huge_field);
  g_test_add_func ("/csv/record-too-large", test_record_too_large);
  g_test_add_func ("/csv/record-limit", test_record_limit);
  g_test_add_func ("/csv/null-data", test_null_data);
  g_test_add_func ("/csv/missing-file", test_missing_file);
  g_test_add_func ("/csv/read-error", test_read_error);
  g_test_add_func ("/csv/ranges", test_ranges);
  g_test_add_func ("/csv/offsets", test_offsets);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
