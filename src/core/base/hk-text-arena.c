/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hk-big.h"
#include "hk-file-writer.h"
#include "hk-text-arena.h"

/* Blocks double from the first size to the last: a small table stays small,
 * a large one gets few blocks that are mostly backed by huge pages. Untouched
 * pages of the last block cost nothing. */
#define FIRST_BLOCK ((gsize) 64 << 10)
#define LAST_BLOCK  ((gsize) 64 << 20)

/* Texts on disk are written a megabyte at a time (or one longer text). */
#define WRITE_BUFFER ((gsize) 1 << 20)

struct _HkTextArena {
  GPtrArray *blocks;    /* hk_big blocks */
  char      *block;     /* the one being filled */
  gsize      used;
  gsize      next_size;

  /* On disk (hk_text_arena_new_on_disk()): texts go to an unnamed file whose
   * mapping, reserved up front, gives each its address at once. */
  int        fd;        /* -1: none, or no longer written */
  char      *map;       /* map_size bytes: the file, then memory after a failed write */
  gsize      map_size;
  gsize      map_used;  /* bytes given out of map */
  gsize      written;   /* of which in the file */
  char      *buffer;    /* map_used - written bytes not yet written */
  gsize      buffer_size;
  gboolean   sealed;    /* later texts go to blocks */
};

HkTextArena *
hk_text_arena_new (void)
{
  HkTextArena *arena = g_new0 (HkTextArena, 1);

  arena->blocks = g_ptr_array_new_with_free_func (hk_big_free);
  arena->next_size = FIRST_BLOCK;
  arena->fd = -1;
  return arena;
}

HkTextArena *
hk_text_arena_new_on_disk (const char *dir,
                           gsize       max_bytes)
{
  HkTextArena *arena = hk_text_arena_new ();
  int fd = hk_file_open_scratch (dir);
  void *map;

  if (fd < 0)
    return arena;
  /* Beyond the file's end the mapping is only reserved address space. */
  map = mmap (NULL, MAX (max_bytes, 1), PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      close (fd);
      return arena;
    }
  arena->fd = fd;
  arena->map = map;
  arena->map_size = MAX (max_bytes, 1);
  arena->buffer = g_malloc (WRITE_BUFFER);
  arena->buffer_size = WRITE_BUFFER;
  return arena;
}

/* The file could not take more (a full disk, a size limit): the rest of the
 * reservation becomes memory, from the page holding the last byte written,
 * so every address given out stays valid. */
static void
spill_to_memory (HkTextArena *arena)
{
  gsize page = arena->written & ~(gsize) 4095;
  char head[4096];

  memcpy (head, arena->map + page, arena->written - page);
  if (mmap (arena->map + page, arena->map_size - page, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED)
    g_error ("could not map %" G_GSIZE_FORMAT " bytes", arena->map_size - page);
  memcpy (arena->map + page, head, arena->written - page);
  memcpy (arena->map + arena->written, arena->buffer, arena->map_used - arena->written);
  close (arena->fd);
  arena->fd = -1;
  g_clear_pointer (&arena->buffer, g_free);
}

static void
write_buffer (HkTextArena *arena)
{
  const char *data = arena->buffer;
  gsize left = arena->map_used - arena->written;

  while (left > 0)
    {
      ssize_t n = pwrite (arena->fd, data, left, arena->written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_debug ("texts go to memory: writing them failed: %s", n < 0 ? g_strerror (errno) : "no space");
          memmove (arena->buffer, data, left);
          spill_to_memory (arena);
          return;
        }
      data += n;
      left -= n;
      arena->written += n;
    }
}

void
hk_text_arena_seal (HkTextArena *arena)
{
  arena->sealed = TRUE;
  if (arena->fd < 0)
    return;
  write_buffer (arena);
  if (arena->fd >= 0)
    {
      close (arena->fd);
      arena->fd = -1;
      g_clear_pointer (&arena->buffer, g_free);
    }
}

void
hk_text_arena_free (HkTextArena *arena)
{
  if (arena == NULL)
    return;
  if (arena->fd >= 0)
    close (arena->fd);
  g_free (arena->buffer);
  if (arena->map != NULL)
    munmap (arena->map, arena->map_size);
  g_ptr_array_unref (arena->blocks);
  g_free (arena);
}

const char *
hk_text_arena_add (HkTextArena *arena,
                   const char  *str,
                   gsize        len)
{
  char *copy;

  if (arena->map != NULL && !arena->sealed && arena->map_used + len + 1 <= arena->map_size)
    {
      if (arena->buffer != NULL && arena->map_used - arena->written + len + 1 > arena->buffer_size)
        write_buffer (arena);
      if (arena->buffer != NULL && len + 1 > arena->buffer_size)
        arena->buffer = g_realloc (arena->buffer, arena->buffer_size = len + 1);
      /* Into the buffer while the file takes them, else in place. */
      copy = arena->buffer != NULL ? arena->buffer + (arena->map_used - arena->written) : arena->map + arena->map_used;
      memcpy (copy, str, len);
      copy[len] = '\0';
      copy = arena->map + arena->map_used;
      arena->map_used += len + 1;
      return copy;
    }
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
