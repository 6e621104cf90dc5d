/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Zero-filled arrays for columns of millions of rows. Large ones are reserved
 * address space backed by transparent huge pages on first touch: a column can be
 * sized for the worst case up front (untouched pages cost nothing), and a page
 * fault per 4 KiB, which costs ~0.2 s per 80 MiB on small VMs, is avoided. */
gpointer hk_big_alloc (gsize    size);
/* Grows to at least new_size, keeping the contents. */
gpointer hk_big_realloc (gpointer mem,
                         gsize    new_size);
/* Gives back the memory after new_size, keeping the contents; a big block
 * stays where it is. */
gpointer hk_big_shrink (gpointer mem,
                        gsize    new_size);
void     hk_big_free  (gpointer mem);
/* While at least one caller is between these two, big blocks freed keep their
 * pages for hk_big_alloc_dirty(); the last end gives back those not taken. */
void     hk_big_recycle_begin (void);
void     hk_big_recycle_end   (void);
/* Like hk_big_alloc(), but the contents are undefined (pages freed while
 * recycling, else zeros): for an array written whole before it is read. */
gpointer hk_big_alloc_dirty   (gsize size);
/* Gives back the whole pages within bytes from .. to of a big block: they read
 * as zeros after. For a block read once in order before it is freed. */
void     hk_big_release (gpointer mem,
                         gsize    from,
                         gsize    to);
/* The usable size asked for. */
gsize    hk_big_size  (gpointer mem);
/* Keeps the heap's blocks of up to 64 MiB at hand between analyses: for the
 * programs to call once at start (see hk-big.c). */
void     hk_big_tune_heap (void);
/* Faults in up to bytes of the calling thread's heap at once, for the
 * allocations it is about to make; FALSE where the kernel cannot. */
gboolean hk_big_prefault_heap (gsize bytes);

G_END_DECLS
