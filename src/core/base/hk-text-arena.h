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
/* Texts kept out of the process's memory, for tables of millions of rows
 * read seldom (captions, urls): in an unnamed file in dir, mapped, which the
 * kernel pages in when read and can drop again; up to max_bytes of them,
 * then in memory. A text's address is given at once, but it may only be read
 * after hk_text_arena_seal(). Where dir or its disk fails, in memory. */
HkTextArena *hk_text_arena_new_on_disk (const char *dir,
                                        gsize       max_bytes);
/* Writes out what is buffered: every text given so far can then be read. */
void         hk_text_arena_seal (HkTextArena *arena);
void         hk_text_arena_free (HkTextArena *arena);
/* A NUL-terminated copy of the len bytes at str. */
const char  *hk_text_arena_add  (HkTextArena *arena,
                                 const char  *str,
                                 gsize        len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkTextArena, hk_text_arena_free)

G_END_DECLS
