/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times the first touch of memory, the largest cost of loading a big dataset
 * on a small VM: allocates a block as the columns are (hk_big_alloc: aligned,
 * huge-page-backed), writes one byte per 4 KiB page, frees it, and again at
 * once (memory the process just gave back), then again after a pause (long
 * enough for a VM's free page reporting to have handed the memory back to
 * the host).
 *
 *   bench-first-touch [--mb N] [--pause SECONDS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hk-big.h"

static double
touch (gsize mb)
{
  gsize size = mb << 20;
  char *mem = hk_big_alloc (size);
  gint64 start = g_get_monotonic_time ();
  double ms;

  for (gsize i = 0; i < size; i += 4096)
    mem[i] = 1;
  ms = (g_get_monotonic_time () - start) / 1e3;
  hk_big_free (mem);
  return ms;
}

int
main (int    argc,
      char **argv)
{
  gsize mb = 256;
  int pause = 5;

  for (int i = 1; i + 1 < argc; i += 2)
    if (g_str_equal (argv[i], "--mb"))
      mb = CLAMP (atoi (argv[i + 1]), 1, 16384);
    else if (g_str_equal (argv[i], "--pause"))
      pause = CLAMP (atoi (argv[i + 1]), 0, 600);

  for (int run = 0; run < 3; run++)
    {
      double ms;

      if (run == 2)
        sleep (pause);
      ms = touch (mb);
      printf ("%-32s %4" G_GSIZE_FORMAT " MB in %7.1f ms: %5.2f ms/MB\n",
              run == 0 ? "first touch:" : run == 1 ? "again at once:" : "again after the pause:",
              mb, ms, ms / mb);
    }
  return 0;
}
