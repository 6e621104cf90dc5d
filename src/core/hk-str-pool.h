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
gsize       hk_str_pool_get_memory (const HkStrPool *pool);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkStrPool, hk_str_pool_free)

G_END_DECLS
