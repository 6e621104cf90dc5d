/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"
/* mremap() */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "hk-big.h"

#define HUGE_PAGE ((gsize) 2 << 20)
#define SMALL_LIMIT ((gsize) 1 << 20)

/* A header before the data: 64 bytes keeps doubles and SIMD loads aligned. */
typedef struct {
  gsize size;     /* usable bytes */
  gsize mapped;   /* bytes mapped, header included; 0 when from g_malloc */
  char  pad[48];
} Header;

G_STATIC_ASSERT (sizeof (Header) == 64);

/* Huge pages back only the whole, aligned 2 MiB ranges of a mapping: its
 * ends would fault in 4 KiB at a time (a thousand faults per column). So
 * blocks of a huge page or more are mapped in whole huge pages, at an aligned
 * address; the part of the last one never touched costs nothing. */
static inline gsize
mapped_size (gsize size)
{
  gsize bytes = size + sizeof (Header);

  if (bytes >= HUGE_PAGE)
    return (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  return (bytes + 4095) & ~(gsize) 4095;
}

/* Reserves mapped bytes (from mapped_size()), aligned to a huge page when it
 * is a multiple of one. */
static char *
reserve (gsize mapped)
{
  gsize extra = mapped % HUGE_PAGE == 0 ? HUGE_PAGE : 0;
  char *mem = mmap (NULL, mapped + extra, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

  if (mem == MAP_FAILED)
    g_error ("could not reserve %" G_GSIZE_FORMAT " bytes", mapped);
  if (extra != 0)
    {
      char *aligned = (char *) (((guintptr) mem + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1));

      if (aligned > mem)
        munmap (mem, aligned - mem);
      if (aligned + mapped < mem + mapped + extra)
        munmap (aligned + mapped, mem + mapped + extra - (aligned + mapped));
      mem = aligned;
    }
#ifdef MADV_HUGEPAGE
  madvise (mem, mapped, MADV_HUGEPAGE);
#endif
  return mem;
}

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

  h = (Header *) reserve (mapped_size (size));
  h->size = size;
  h->mapped = mapped_size (size);
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
#ifdef MREMAP_MAYMOVE
  /* The kernel moves the pages instead of copying them: no new memory is
   * touched for the contents kept, and the new pages read as zeros. In place
   * if the addresses after the block are free, else into a new aligned
   * reservation. */
  if (h->mapped != 0)
    {
      gsize mapped = mapped_size (new_size);
      gboolean aligned = h->mapped % HUGE_PAGE == 0 || mapped % HUGE_PAGE != 0;
      Header *moved = aligned ? mremap (h, h->mapped, mapped, 0) : MAP_FAILED;

      if (moved == MAP_FAILED)
        {
          char *dest = reserve (mapped);

          moved = mremap (h, h->mapped, h->mapped, MREMAP_MAYMOVE | MREMAP_FIXED, dest);
          if (moved == MAP_FAILED)
            g_error ("could not move %" G_GSIZE_FORMAT " bytes", h->mapped);
        }
      moved->size = new_size;
      moved->mapped = mapped;
      return moved + 1;
    }
#endif
  grown = hk_big_alloc (new_size);
  memcpy (grown, mem, h->size);
  hk_big_free (mem);
  return grown;
}

gpointer
hk_big_shrink (gpointer mem,
               gsize    new_size)
{
  Header *h = (Header *) mem - 1;

  if (new_size >= h->size)
    return mem;
  if (h->mapped == 0)
    {
      h = g_realloc (h, sizeof (Header) + new_size);
      h->size = new_size;
      return h + 1;
    }
  /* In place: the mapping after the new end is given back, and the rest is
   * zero again, as growing expects: the end of the last page by hand, whole
   * pages by dropping them (touching them would make them resident). */
  {
    gsize end = sizeof (Header) + new_size;
    gsize page_end = (end + 4095) & ~(gsize) 4095;

    if (mapped_size (new_size) < h->mapped)
      {
        munmap ((char *) h + mapped_size (new_size), h->mapped - mapped_size (new_size));
        h->mapped = mapped_size (new_size);
      }
    memset ((char *) h + end, 0, page_end - end);
    if (page_end < h->mapped)
      madvise ((char *) h + page_end, h->mapped - page_end, MADV_DONTNEED);
  }
  h->size = new_size;
  return mem;
}

/* Pages of freed blocks, kept while a recycling user runs (see
 * hk_big_recycle_begin()): whole, aligned huge pages, most recent last.
 * Only where the kernel can move pages (mremap). */
typedef struct {
  char  *start;
  gsize  len;
} Spare;

static GMutex  spare_lock;
static guint   spare_users;
static GArray *spares;

/* Whether a freed block went to the spares. */
static gboolean
keep_spare (Header *h)
{
  gboolean kept = FALSE;

#ifdef MREMAP_MAYMOVE
  if (h->mapped % HUGE_PAGE == 0 && (guintptr) h % HUGE_PAGE == 0)
    {
      g_mutex_lock (&spare_lock);
      if (spare_users > 0)
        {
          Spare spare = { (char *) h, h->mapped };

          g_array_append_val (spares, spare);
          kept = TRUE;
        }
      g_mutex_unlock (&spare_lock);
    }
#endif
  return kept;
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
  else if (!keep_spare (h))
    munmap (h, h->mapped);
}

void
hk_big_recycle_begin (void)
{
  g_mutex_lock (&spare_lock);
  if (spare_users++ == 0 && spares == NULL)
    spares = g_array_new (FALSE, FALSE, sizeof (Spare));
  g_mutex_unlock (&spare_lock);
}

void
hk_big_recycle_end (void)
{
  g_mutex_lock (&spare_lock);
  g_assert (spare_users > 0);
  if (--spare_users == 0)
    {
      for (guint i = 0; i < spares->len; i++)
        munmap (g_array_index (spares, Spare, i).start, g_array_index (spares, Spare, i).len);
      g_array_set_size (spares, 0);
    }
  g_mutex_unlock (&spare_lock);
}

/* The kernel zeroes every fresh page, at 0.3-1 GB/s on these VMs: a quarter
 * of a parse's CPU went to it. Pages freed while recycling are moved, not
 * copied, into the new block; the rest of it stays fresh. */
gpointer
hk_big_alloc_dirty (gsize size)
{
#ifdef MREMAP_MAYMOVE
  gsize mapped = mapped_size (size), filled = 0;
  Header *h;
  char *dest;

  if (mapped % HUGE_PAGE != 0)
    return hk_big_alloc (size);
  dest = reserve (mapped);
  g_mutex_lock (&spare_lock);
  while (filled < mapped && spares != NULL && spares->len > 0)
    {
      Spare *spare = &g_array_index (spares, Spare, spares->len - 1);
      gsize n = MIN (spare->len, mapped - filled);

      if (mremap (spare->start, n, n, MREMAP_MAYMOVE | MREMAP_FIXED, dest + filled) == MAP_FAILED)
        break;
      filled += n;
      spare->start += n;
      spare->len -= n;
      if (spare->len == 0)
        g_array_set_size (spares, spares->len - 1);
    }
  g_mutex_unlock (&spare_lock);
  h = (Header *) dest;
  h->size = size;
  h->mapped = mapped;
  return h + 1;
#else
  return hk_big_alloc (size);
#endif
}

void
hk_big_release (gpointer mem,
                gsize    from,
                gsize    to)
{
  Header *h = (Header *) mem - 1;
  guintptr start = ((guintptr) mem + from + 4095) & ~(guintptr) 4095;
  guintptr end = ((guintptr) mem + MIN (to, h->size)) & ~(guintptr) 4095;

  if (h->mapped != 0 && start < end)
    madvise ((void *) start, end - start, MADV_DONTNEED);
}

gsize
hk_big_size (gpointer mem)
{
  if (mem == NULL)
    return 0;
  return ((Header *) mem - 1)->size;
}

/* Analyses allocate and free tens of megabytes of per-influencer arrays on
 * every filter change. glibc gives each such block fresh pages from the
 * kernel (faulted in one by one) until a larger block has been freed, which
 * raises its threshold: a dataset opened from its snapshot never frees one,
 * and every analysis at L then spent 20-40 ms in page faults (bench/README.md,
 * "Keeping the engine's preparation too"). Blocks up to 64 MiB now come from
 * the heap, which keeps up to 256 MiB free before it gives memory back. */
void
hk_big_tune_heap (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 64 << 20);
  mallopt (M_TRIM_THRESHOLD, 256 << 20);
#endif
}

/* A fresh process's first analysis faults in its arrays one page at a time
 * (some 20 MB at L: 4,871 faults, a fifth of its time on the VMs measured).
 * Faulting them in with one call first, then freeing them to this thread's
 * heap, which keeps them (hk_big_tune_heap()), takes a quarter of that.
 * Up to 48 MiB, so that the block comes from the heap; nothing where the
 * kernel cannot (before Linux 5.14). */
gboolean
hk_big_prefault_heap (gsize bytes)
{
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
  const gsize page = 4096;
  char *mem, *start, *end;
  int rc;

  bytes = MIN (bytes, (gsize) 48 << 20);
  if (bytes < 4 * page)
    return FALSE;
  mem = g_malloc (bytes);
  start = (char *) (((guintptr) mem + page - 1) & ~(guintptr) (page - 1));
  end = (char *) (((guintptr) mem + bytes) & ~(guintptr) (page - 1));
  rc = madvise (start, end - start, MADV_POPULATE_WRITE);
  g_free (mem);
  return rc == 0;
#else
  return FALSE;
#endif
}
