/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hk-file-writer.h"

G_BEGIN_DECLS

typedef struct _HkCsvWriter HkCsvWriter;

/* Writes a file through an HkFileWriter (hk-file-writer.h): the file changes
 * only when hk_csv_writer_close() succeeds; any earlier failure, or freeing
 * the writer unclosed, keeps the old file and leaves no temporary file.
 * Output is buffered: the file sees 64 KiB writes. */
HkCsvWriter *hk_csv_writer_new_for_path   (const char    *path,
                                           GError       **error);
/* Writes into file, a member of an HkFileSet, which stays the set's: closing
 * the writer closes the member, and the set commits it. */
HkCsvWriter *hk_csv_writer_new_for_file_writer (HkFileWriter *file);
/* Writes into stream (not closed by the writer). */
HkCsvWriter *hk_csv_writer_new_for_stream (GOutputStream *stream);

/* Text cell: quoted when needed (RFC 4180); a cell starting with '=', '+', '-',
 * '@', tab or CR gets a leading "'" unless it is a plain number. NULL is empty. */
void         hk_csv_writer_add_text       (HkCsvWriter   *writer,
                                           const char    *text);
void         hk_csv_writer_add_text_len   (HkCsvWriter   *writer,
                                           const char    *text,
                                           gsize          len);
/* Shortest text that reads back as the same double, '.' decimals, no grouping.
 * NaN and infinities are written as an empty cell (undefined). */
void         hk_csv_writer_add_double     (HkCsvWriter   *writer,
                                           double         value);
void         hk_csv_writer_add_int        (HkCsvWriter   *writer,
                                           gint64         value);
void         hk_csv_writer_add_empty      (HkCsvWriter   *writer);
/* Other shapes of file, as other programs write them (the simulator's
 * --quote-all and --crlf): every cell quoted, "" for an empty one; rows ending
 * with "\r\n". Both off by default. */
void         hk_csv_writer_set_style      (HkCsvWriter   *writer,
                                           gboolean       quote_all,
                                           gboolean       crlf);
/* Ends a row with "\n" (not RFC 4180's CRLF, unless set_style asks). A row of one empty cell is
 * written "\"\"", since an empty line would be read as a blank line. */
void         hk_csv_writer_end_row        (HkCsvWriter   *writer);
/* Convenience: a header or a row of text cells, NULL-terminated. */
void         hk_csv_writer_add_row        (HkCsvWriter   *writer,
                                           const char    *first,
                                           ...) G_GNUC_NULL_TERMINATED;

/* Flushes, and for a path commits the file (for a set's member: closes it). Returns the first error met:
 * errors are sticky, and output after one is dropped. */
gboolean     hk_csv_writer_close          (HkCsvWriter   *writer,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* Frees; a path writer not closed successfully leaves the old file intact. */
void         hk_csv_writer_free           (HkCsvWriter   *writer);

/* Formats like hk_csv_writer_add_double(); buf must hold 32 bytes. Returns
 * FALSE (and an empty string) for NaN and infinities. Integers up to 2^53
 * print as integers ("12345678", "0" for -0); other values as the shortest
 * "%.Ng" that reads back would ("0.1", "1e+21"), whatever the locale. */
gboolean     hk_format_double_roundtrip   (double         value,
                                           char           buf[32]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkCsvWriter, hk_csv_writer_free)

G_END_DECLS
