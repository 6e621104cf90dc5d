/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "hk-big.h"
#include "hk-test-sanitizers.h"
#include "hk-text-arena.h"

static gboolean
all_zero (const char *p,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* Small blocks (from the heap) and big ones (mapped): growing keeps the
 * contents and the new bytes are zero; shrinking then growing again shows
 * zeros after the kept part, not the old contents. */
static void
test_grow_shrink (void)
{
  const gsize sizes[] = { 100, 3 << 20 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize size = sizes[i];
      char *mem = hk_big_alloc (size);

      g_assert_cmpuint (hk_big_size (mem), ==, size);
      g_assert_true (all_zero (mem, size));
      memset (mem, 'a', size);

      mem = hk_big_realloc (mem, 5 * size);
      g_assert_cmpuint (hk_big_size (mem), ==, 5 * size);
      g_assert_true (all_zero (mem + size, 4 * size));
      for (gsize b = 0; b < size; b++)
        g_assert_cmpint (mem[b], ==, 'a');
      memset (mem, 'b', 5 * size);

      mem = hk_big_shrink (mem, size / 2 + 1);
      g_assert_cmpuint (hk_big_size (mem), ==, size / 2 + 1);
      mem = hk_big_realloc (mem, 2 * size);
      for (gsize b = 0; b < size / 2 + 1; b++)
        g_assert_cmpint (mem[b], ==, 'b');
      g_assert_true (all_zero (mem + size / 2 + 1, 2 * size - (size / 2 + 1)));
      hk_big_free (mem);
    }
  hk_big_free (NULL);
}

static gboolean
all_bytes (const char *p,
           gsize       len,
           char        c)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != c)
      return FALSE;
  return TRUE;
}

/* While recycling, a freed block's pages go to the next dirty allocation
 * (its old bytes show); after the last end, and outside, fresh zeros. */
static void
test_recycle (void)
{
  const gsize size = 6 << 20;
  char *mem;

  hk_big_recycle_begin ();
  mem = hk_big_alloc (size);
  memset (mem, 'x', size);
  hk_big_free (mem);
  mem = hk_big_alloc_dirty (size);
  g_assert_cmpuint (hk_big_size (mem), ==, size);
  g_assert_true (all_bytes (mem, size, 'x'));
  /* Half of it from freed pages, the rest fresh. */
  memset (mem, 'y', size / 2);
  hk_big_free (hk_big_shrink (mem, size / 2));
  mem = hk_big_alloc_dirty (size);
  g_assert_true (all_bytes (mem, 2 << 20, 'y'));
  g_assert_true (all_zero (mem + (4 << 20) - 64, 2 << 20));
  memset (mem, 'z', size);
  hk_big_recycle_begin (); /* nested: the outer end gives back */
  hk_big_free (mem);
  hk_big_recycle_end ();
  mem = hk_big_alloc_dirty (size);
  g_assert_true (all_bytes (mem, size, 'z'));
  hk_big_free (mem);
  hk_big_recycle_end ();

  mem = hk_big_alloc_dirty (size);
  g_assert_true (all_zero (mem, size));
  memset (mem, 'w', size);
  hk_big_free (mem);
  mem = hk_big_alloc_dirty (size);
  g_assert_true (all_zero (mem, size));
  hk_big_free (mem);
  /* Small blocks come from the heap, zeroed. */
  mem = hk_big_alloc_dirty (100);
  g_assert_true (all_zero (mem, 100));
  hk_big_free (mem);
}

/* Texts of every length, among them an empty one and one over the write
 * buffer, each read back after the seal. */
static void
add_texts (HkTextArena  *arena,
           const char  **texts,
           guint         n)
{
  g_autofree char *big = g_malloc (3 << 20);

  memset (big, 'B', 3 << 20);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (i == n / 2)
        texts[i] = hk_text_arena_add (arena, big, 3 << 20);
      else
        {
          g_autofree char *tail = g_strnfill (i % 300, 'c');

          text = g_strdup_printf ("%u:%s", i, tail);
          texts[i] = hk_text_arena_add (arena, text, i % 7 == 0 ? 0 : strlen (text));
        }
    }
}

static void
check_texts (const char **texts,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i == n / 2)
        {
          g_assert_cmpuint (strlen (texts[i]), ==, 3 << 20);
          g_assert_true (all_bytes (texts[i], 3 << 20, 'B'));
        }
      else if (i % 7 == 0)
        g_assert_cmpstr (texts[i], ==, "");
      else
        {
          g_autofree char *prefix = g_strdup_printf ("%u:", i);

          g_assert_true (g_str_has_prefix (texts[i], prefix));
          g_assert_cmpuint (strlen (texts[i]), ==, strlen (prefix) + i % 300);
        }
    }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

#define N_TEXTS 60000

typedef enum { ARENA_DISK, ARENA_FULL_DISK, ARENA_NO_DIR, ARENA_SMALL } ArenaCase;

/* Texts kept on disk read back as given, whatever befalls the file: a disk
 * that fills up (a file size limit, as a full disk fails the write), a
 * folder that cannot be made, more texts than reserved. The file has no name:
 * nothing is left in the folder, before or after. */
static void
test_text_arena (gconstpointer data)
{
  ArenaCase c = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("hk-arena-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "texts", NULL);
  g_autofree const char **texts = g_new0 (const char *, N_TEXTS);
  struct rlimit old_limit, limit;
  HkTextArena *arena;

  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  if (c == ARENA_FULL_DISK)
    {
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
      limit = old_limit;
      limit.rlim_cur = 1 << 20;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    }
  arena = hk_text_arena_new_on_disk (c == ARENA_NO_DIR ? under_file : dir, c == ARENA_SMALL ? 100000 : 64 << 20);
  add_texts (arena, texts, N_TEXTS);
  hk_text_arena_seal (arena);
  if (c == ARENA_FULL_DISK)
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  check_texts (texts, N_TEXTS);
  if (c == ARENA_DISK)
    {
      g_autofree char *maps = NULL;

      /* The texts are a mapping of a file in dir, not memory. */
      g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
      g_assert_nonnull (strstr (maps, dir));
    }
  /* After the seal, texts still come. */
  g_assert_cmpstr (hk_text_arena_add (arena, "later", 5), ==, "later");
  check_texts (texts, N_TEXTS);
  hk_text_arena_free (arena);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_unlink (file);
  g_rmdir (dir);
}

static glong
minor_faults (void)
{
  struct rusage u;

  getrusage (RUSAGE_THREAD, &u);
  return u.ru_minflt;
}

/* Arrays the thread allocates after hk_big_prefault_heap() take the pages it
 * faulted in: writing 8 MB then faults a few pages, not 2,048. */
static gpointer
prefault_thread (gpointer data)
{
  gboolean prefault = GPOINTER_TO_INT (data);
  const gsize size = 8 << 20;
  gboolean done = prefault && hk_big_prefault_heap (2 * size);
  glong before = minor_faults ();
  char *a = g_malloc (size / 2), *b = g_malloc (size / 2);
  glong faults;

  memset (a, 1, size / 2);
  memset (b, 2, size / 2);
  faults = minor_faults () - before;
  g_free (a);
  g_free (b);
  if (prefault && !done)
    return GINT_TO_POINTER (-1); /* a kernel before 5.14 */
  return GINT_TO_POINTER ((int) faults);
}

static void
test_prefault_heap (void)
{
  int without, with;

#if UNDER_ASAN
  g_test_skip ("AddressSanitizer's allocator is not glibc's heap");
  return;
#endif
  hk_big_tune_heap ();
  /* A thread of its own each: a heap (glibc's arena) no test used before. */
  without = GPOINTER_TO_INT (g_thread_join (g_thread_new ("fresh", prefault_thread, GINT_TO_POINTER (FALSE))));
  with = GPOINTER_TO_INT (g_thread_join (g_thread_new ("prefaulted", prefault_thread, GINT_TO_POINTER (TRUE))));
  g_test_message ("faults writing 8 MB: %d fresh, %d prefaulted", without, with);
  if (with < 0)
    {
      g_test_skip ("the kernel has no MADV_POPULATE_WRITE");
      return;
    }
  g_assert_cmpint (without, >, 1000);
  g_assert_cmpint (with, <, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/big/grow-shrink", test_grow_shrink);
  g_test_add_func ("/big/recycle", test_recycle);
  g_test_add_func ("/big/prefault-heap", test_prefault_heap);
  g_test_add_data_func ("/text-arena/on-disk", GINT_TO_POINTER (ARENA_DISK), test_text_arena);
  g_test_add_data_func ("/text-arena/full-disk", GINT_TO_POINTER (ARENA_FULL_DISK), test_text_arena);
  g_test_add_data_func ("/text-arena/no-folder", GINT_TO_POINTER (ARENA_NO_DIR), test_text_arena);
  g_test_add_data_func ("/text-arena/more-than-reserved", GINT_TO_POINTER (ARENA_SMALL), test_text_arena);

  return g_test_run ();
}
