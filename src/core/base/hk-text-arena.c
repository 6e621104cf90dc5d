/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-big.h"
#include "hk-text-arena.h"

/* Blocks double from the first size to the last: a small table stays small,
 * a large one gets few blocks that are mostly backed by huge pages. Untouched
 * pages of the last block cost nothing. */
#define FIRST_BLOCK ((gsize) 64 << 10)
#define LAST_BLOCK  ((gsize) 64 << 20)

struct _HkTextArena {
  GPtrArray *blocks;    /* hk_big blocks */
  char      *block;     /* the one being filled */
  gsize      used;
  gsize      next_size;
};

HkTextArena *
hk_text_arena_new (void)
{
  HkTextArena *arena = g_new0 (HkTextArena, 1);

  arena->blocks = g_ptr_array_new_with_free_func (hk_big_free);
  arena->next_size = FIRST_BLOCK;
  return arena;
}

void
hk_text_arena_free (HkTextArena *arena)
{
  if (arena == NULL)
    return;
  g_ptr_array_unref (arena->blocks);
  g_free (arena);
}

const char *
hk_text_arena_add (HkTextArena *arena,
                   const char  *str,
                   gsize        len)
{
  char *copy;

  if (arena->block == NULL || arena->used + len + 1 > hk_big_size (arena->block))
    {
      gsize size = MAX (arena->next_size, len + 1);

      arena->block = hk_big_alloc (size);
      arena->used = 0;
      arena->next_size = MIN (arena->next_size * 2, LAST_BLOCK);
      g_ptr_array_add (arena->blocks, arena->block);
    }
  copy = arena->block + arena->used;
  memcpy (copy, str, len);
  copy[len] = '\0';
  arena->used += len + 1;
  return copy;
}
