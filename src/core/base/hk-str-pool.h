/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Interns strings to dense integer codes in order of first appearance. Code 0
 * is always the empty string ("Unknown" in the UI). Not thread-safe for writing;
 * concurrent reads of a pool nobody writes are fine. A string returned by
 * hk_str_pool_get() stays valid until the next intern. */
typedef struct _HkStrPool HkStrPool;

#define HK_STR_NONE G_MAXUINT32

HkStrPool  *hk_str_pool_new        (void);
void        hk_str_pool_free       (HkStrPool       *pool);
guint32     hk_str_pool_intern     (HkStrPool       *pool,
                                    const char      *str,
                                    gsize            len);
/* Interns n strings, writing their codes: much faster than one call each
 * for large pools, whose memory is then fetched ahead of need. */
void        hk_str_pool_intern_batch (HkStrPool       *pool,
                                    const char * const *strs,
                                    const guint32   *lens,
                                    guint            n,
                                    guint32         *codes);
/* Returns HK_STR_NONE when str was never interned. */
guint32     hk_str_pool_lookup     (const HkStrPool *pool,
                                    const char      *str,
                                    gsize            len);
/* Case-insensitive (ASCII) lookup: the first code whose string matches. */
guint32     hk_str_pool_lookup_ci  (const HkStrPool *pool,
                                    const char      *str);
const char *hk_str_pool_get        (const HkStrPool *pool,
                                    guint32          code);
guint       hk_str_pool_get_size   (const HkStrPool *pool);
/* Shrinks the pool to its strings and drops its hash index: for a large pool
 * that is only read by code once filled (user ids), whose index would cost
 * more than its strings. Lookups then scan (still safe from any thread); the
 * next intern builds the index again. */
void        hk_str_pool_freeze     (HkStrPool       *pool);
/* Merging a pool into a large one that is then only read (user ids), on
 * several threads, so its index never has to grow. First the codes in pool
 * of from's strings first .. first + n - 1, HK_STR_NONE for those it lacks: many lookups with their
 * memory accesses overlapped (a frozen pool is scanned: slow). It only reads
 * pool, so threads may look up different ranges at once. */
void        hk_str_pool_lookup_strings (const HkStrPool *pool,
                                        const HkStrPool *from,
                                        guint            first,
                                        guint            n,
                                        guint32         *codes);
/* Then, with every code of from looked up into map: appends the strings
 * pool lacks in from's order, giving them their codes, and freezes pool. */
void        hk_str_pool_append_missing (HkStrPool       *pool,
                                        const HkStrPool *from,
                                        guint32         *map);
gsize       hk_str_pool_get_memory (const HkStrPool *pool);

/* For snapshots (hk-snapshot.h): a pool over strings someone else keeps
 * (a mapped file) while the pool lives: n_codes NUL-terminated strings in
 * arena at offsets, checked to stay inside it (else NULL with error). It
 * copies them only if something is interned. An unfrozen pool builds its
 * index. */
HkStrPool  *hk_str_pool_new_borrowed (const char    *arena,
                                      gsize          arena_len,
                                      const guint32 *offsets,
                                      guint          n_codes,
                                      gboolean       frozen,
                                      GError       **error);
/* The strings, n = hk_str_pool_get_size() of them: for writing a snapshot. */
void        hk_str_pool_get_data   (const HkStrPool  *pool,
                                    const char      **arena,
                                    gsize            *arena_len,
                                    const guint32   **offsets);
gboolean    hk_str_pool_is_frozen  (const HkStrPool *pool);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkStrPool, hk_str_pool_free)

G_END_DECLS
