/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hk-big.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/big/grow-shrink", test_grow_shrink);

  return g_test_run ();
}
