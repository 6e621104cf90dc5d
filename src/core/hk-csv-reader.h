/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HK_CSV_ERROR (hk_csv_error_quark ())

typedef enum {
  HK_CSV_ERROR_IO,
  HK_CSV_ERROR_UNTERMINATED_QUOTE, /* fatal: ends the file */
  HK_CSV_ERROR_INVALID_UTF8,       /* the record is skipped */
  HK_CSV_ERROR_NUL_BYTE,           /* the record is skipped */
  HK_CSV_ERROR_RECORD_TOO_LARGE,   /* a record over 64 MiB: fatal */
} HkCsvErrorCode;

typedef enum {
  HK_CSV_END = 0,     /* no more records in the file or range */
  HK_CSV_RECORD,      /* a record is available */
  HK_CSV_BAD_RECORD,  /* a malformed record was skipped; error is set; keep reading */
  HK_CSV_FATAL,       /* reading cannot go on; error is set */
} HkCsvStatus;

typedef struct _HkCsvReader HkCsvReader;

GQuark        hk_csv_error_quark              (void);

/* Streams the file with bounded memory: never holds a second copy of it. */
HkCsvReader  *hk_csv_reader_new_for_path      (const char    *path,
                                               GError       **error);
/* Reads records that start in [start, end) of a file: start is moved to the
 * byte after the first newline at or after it (unless it is 0), and reading
 * ends before the first record starting at or after end (-1: end of file).
 * Line numbers are then relative to start (the first record's line is 1
 * plus the newlines between the moved start and that record). */
HkCsvReader  *hk_csv_reader_new_for_path_range (const char   *path,
                                               goffset        start,
                                               goffset        end,
                                               GError       **error);
/* data is borrowed and must outlive the reader. */
HkCsvReader  *hk_csv_reader_new_for_data      (const char    *data,
                                               gsize          len);
HkCsvReader  *hk_csv_reader_new_for_stream    (GInputStream  *stream);
void          hk_csv_reader_free              (HkCsvReader   *reader);

/* Extends the range's end (-1: end of file): used when a speculative split
 * point turned out to lie inside a quoted field. */
void          hk_csv_reader_set_end           (HkCsvReader   *reader,
                                               goffset        end);

/* Blank lines are skipped. A leading UTF-8 BOM is dropped (only at offset 0).
 * Errors are "LINE:COLUMN: message", LINE 1-based counting physical lines,
 * COLUMN the 1-based character position in that line. */
HkCsvStatus   hk_csv_reader_next              (HkCsvReader   *reader,
                                               GError       **error);

/* The current record, valid until the next call to hk_csv_reader_next().
 * Fields are NUL-terminated, unquoted and unescaped, valid UTF-8. */
guint         hk_csv_reader_get_n_fields      (HkCsvReader   *reader);
const char   *hk_csv_reader_get_field         (HkCsvReader   *reader,
                                               guint          index,
                                               gsize         *len);
/* Line on which the current record starts (1-based). */
guint64       hk_csv_reader_get_line          (HkCsvReader   *reader);
/* Byte offset (in the file) where the next record would start; at HK_CSV_END of
 * a range, the offset of the first record not read. */
goffset       hk_csv_reader_get_offset        (HkCsvReader   *reader);
/* Physical lines consumed so far (to renumber a later range's lines). */
guint64       hk_csv_reader_get_lines_read    (HkCsvReader   *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkCsvReader, hk_csv_reader_free)

G_END_DECLS
