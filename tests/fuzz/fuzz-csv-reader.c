/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reads the input as CSV through every kind of reader and checks that they
 * all agree: data and stream readers, tiny buffers that cut the input at every
 * byte, and a file read as two ranges split where the input says. */
#define _GNU_SOURCE /* memfd_create */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hk-csv-reader.h"
#include "hk-csv-reader-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Appends what the reader returns, record by record, until the end or a fatal
 * error (then returns FALSE); line_offset renumbers a second range. With
 * messages FALSE, errors are only named (their text holds lines relative to
 * a range). */
static gboolean
describe (HkCsvReader *reader,
          GString     *out,
          guint64      line_offset,
          gboolean     messages)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      HkCsvStatus status = hk_csv_reader_next (reader, &error);

      if (status == HK_CSV_END)
        {
          g_assert (error == NULL);
          return TRUE;
        }
      g_assert ((status == HK_CSV_RECORD) == (error == NULL));
      if (status == HK_CSV_FATAL)
        {
          g_string_append_printf (out, "fatal %s\n", messages ? error->message : "");
          g_assert (hk_csv_reader_next (reader, NULL) == HK_CSV_END);
          return FALSE;
        }

      g_string_append_printf (out, "%d@%" G_GUINT64_FORMAT " %s", status,
                              hk_csv_reader_get_line (reader) + line_offset,
                              error != NULL && messages ? error->message : "");
      for (guint i = 0; i < hk_csv_reader_get_n_fields (reader); i++)
        {
          gsize len;
          const char *field = hk_csv_reader_get_field (reader, i, &len);

          g_assert (strlen (field) == len);
          g_assert (g_utf8_validate (field, (gssize) len, NULL));
          g_string_append_c (out, '|');
          g_string_append_len (out, field, (gssize) len);
        }
      g_string_append_c (out, '\n');
    }
}

static char *
read_data (const guint8 *data,
           size_t        size,
           gsize         block_size)
{
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_data ((const char *) data, size);
  GString *out = g_string_new (NULL);

  if (block_size > 0)
    hk_csv_reader_set_block_size (reader, block_size);
  describe (reader, out, 0, TRUE);
  return g_string_free (out, FALSE);
}

static char *
read_stream (const guint8 *data,
             size_t        size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(HkCsvReader) reader = hk_csv_reader_new_for_stream (stream);
  GString *out = g_string_new (NULL);

  /* A whole block per input would make fuzzing slow. */
  hk_csv_reader_set_block_size (reader, 4096);
  describe (reader, out, 0, TRUE);
  return g_string_free (out, FALSE);
}

/* The input as a file, whole or as two ranges, without messages. */
static char *
read_file (const char *path,
           goffset     split)
{
  GString *out = g_string_new (NULL);
  g_autoptr(HkCsvReader) first = hk_csv_reader_new_for_path_range (path, 0, split, NULL);
  g_autoptr(HkCsvReader) second = hk_csv_reader_new_for_path_range (path, split, -1, NULL);
  goffset second_start = hk_csv_reader_get_offset (second);

  g_assert (first != NULL && second != NULL);
  if (!describe (first, out, 0, FALSE))
    return g_string_free (out, FALSE);
  if (hk_csv_reader_get_offset (first) == second_start)
    describe (second, out, hk_csv_reader_get_lines_read (first), FALSE);
  else
    {
      hk_csv_reader_set_end (first, -1);
      describe (first, out, 0, FALSE);
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *expected = read_data (data, size, 0);
  g_autofree char *from_stream = read_stream (data, size);
  g_autofree char *small_blocks = read_data (data, size, 1 + (size > 0 ? data[0] % 7 : 0));

  g_assert (strcmp (expected, from_stream) == 0);
  g_assert (strcmp (expected, small_blocks) == 0);

  {
    int fd = memfd_create ("fuzz-csv", MFD_CLOEXEC);
    g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
    g_autofree char *whole = NULL, *split = NULL;
    goffset at = size > 1 ? (goffset) (data[size - 1] * 257 + data[size - 2]) % (goffset) (size + 1) : 0;

    g_assert (fd >= 0);
    g_assert (size == 0 || write (fd, data, size) == (gssize) size);
    whole = read_file (path, 0);
    split = read_file (path, at);
    g_assert (strcmp (whole, split) == 0);
    close (fd);
  }
  return 0;
}
