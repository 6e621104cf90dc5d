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

/* Streams the file with bounded memory: never holds a second copy of it. It
 * reads through a 1 MiB buffer, grown only for a record that does not fit. */
HkCsvReader  *hk_csv_reader_new_for_path      (const char    *path,
                                               GError       **error);
/* Reads records that start in [start, end) of a file: start is moved to the
 * next line start, the byte after the first '\n' at or after start - 1 (so a
 * start that follows a '\n' stays; 0 stays 0), and reading ends before the
 * first record or blank line starting at or after end (-1: end of file).
 * Line numbers are then relative to start (the first record's line is 1
 * plus the newlines between the moved start and that record).
 *
 * To read a file on two threads, split it at any offset S into [0, S) and
 * [S, -1): before reading, get_offset() of the second range is its moved
 * start. When the first range ends at that same offset, the split was
 * between records: add the first range's get_lines_read() to the second's
 * line numbers. Otherwise S was inside a quoted field: set_end (first, -1)
 * and go on with the first range alone. */
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
 * COLUMN the 1-based character position in that line (after a BOM). LF, CRLF
 * and a lone CR each end a line, inside quoted fields too. After
 * HK_CSV_FATAL, and at the end, it returns HK_CSV_END. */
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
/* Physical lines consumed so far (to renumber a later range's lines); a
 * last line without a line end counts once it has been read. */
guint64       hk_csv_reader_get_lines_read    (HkCsvReader   *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkCsvReader, hk_csv_reader_free)

G_END_DECLS
