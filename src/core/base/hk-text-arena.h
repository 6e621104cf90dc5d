/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Append-only storage for the texts of a table (names, urls, captions):
 * copies that live as long as the arena. Unlike GStringChunk's heap blocks,
 * its blocks grow to huge-page-backed ones (see hk_big_alloc()), for which
 * the first touch of fresh memory costs far less. Not thread-safe. */
typedef struct _HkTextArena HkTextArena;

HkTextArena *hk_text_arena_new  (void);
void         hk_text_arena_free (HkTextArena *arena);
/* A NUL-terminated copy of the len bytes at str. */
const char  *hk_text_arena_add  (HkTextArena *arena,
                                 const char  *str,
                                 gsize        len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkTextArena, hk_text_arena_free)

G_END_DECLS
