/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-csv-reader.h"

G_BEGIN_DECLS

/* For tests: read at most size bytes at a time, starting from a buffer of
 * that size (grown only for a record that does not fit), so that tiny sizes
 * put a block boundary at every byte. */
void          hk_csv_reader_set_block_size    (HkCsvReader   *reader,
                                               gsize          size);
/* For tests: the record size above which reading fails (default 64 MiB). */
void          hk_csv_reader_set_max_record    (HkCsvReader   *reader,
                                               gsize          size);

G_END_DECLS
