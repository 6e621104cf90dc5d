/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-csv-reader.h"

G_BEGIN_DECLS

/* A field of the current record: its bytes are at record + start. */
typedef struct {
  gsize    start;
  guint32  len;
  guint32  flags;  /* the reader's own */
} HkCsvField;

/* The current record and its n fields (as hk_csv_reader_get_field() gives
 * them), valid until the next call to hk_csv_reader_next(): for the
 * importer, which reads every field of millions of records and would
 * otherwise make a call per field. */
const char   *hk_csv_reader_get_record        (HkCsvReader       *reader,
                                               const HkCsvField **fields,
                                               guint             *n_fields);

/* For tests: read at most size bytes at a time, starting from a buffer of
 * that size (grown only for a record that does not fit), so that tiny sizes
 * put a block boundary at every byte. */
void          hk_csv_reader_set_block_size    (HkCsvReader   *reader,
                                               gsize          size);
/* For tests: the record size above which reading fails (default 64 MiB). */
void          hk_csv_reader_set_max_record    (HkCsvReader   *reader,
                                               gsize          size);

G_END_DECLS
