/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "hk-big.h"

#define HUGE_PAGE (2u << 20)
#define SMALL_LIMIT (1u << 20)

/* A header before the data: 64 bytes keeps doubles and SIMD loads aligned. */
typedef struct {
  gsize size;     /* usable bytes */
  gsize mapped;   /* bytes mapped, header included; 0 when from g_malloc */
  char  pad[48];
} Header;

G_STATIC_ASSERT (sizeof (Header) == 64);

gpointer
hk_big_alloc (gsize size)
{
  Header *h;

  if (size + sizeof (Header) < SMALL_LIMIT)
    {
      h = g_malloc0 (sizeof (Header) + size);
      h->size = size;
      return h + 1;
    }

  gsize mapped = (size + sizeof (Header) + 4095) & ~(gsize) 4095;
  void *mem = mmap (NULL, mapped, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED)
    g_error ("could not reserve %" G_GSIZE_FORMAT " bytes", mapped);
#ifdef MADV_HUGEPAGE
  madvise (mem, mapped, MADV_HUGEPAGE);
#endif
  h = mem;
  h->size = size;
  h->mapped = mapped;
  return h + 1;
}

gpointer
hk_big_realloc (gpointer mem,
                gsize    new_size)
{
  Header *h = (Header *) mem - 1;
  gpointer grown;

  if (new_size <= h->size)
    return mem;
  grown = hk_big_alloc (new_size);
  memcpy (grown, mem, h->size);
  hk_big_free (mem);
  return grown;
}

void
hk_big_free (gpointer mem)
{
  Header *h;

  if (mem == NULL)
    return;
  h = (Header *) mem - 1;
  if (h->mapped == 0)
    g_free (h);
  else
    munmap (h, h->mapped);
}

gsize
hk_big_size (gpointer mem)
{
  if (mem == NULL)
    return 0;
  return ((Header *) mem - 1)->size;
}
