/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Render an SVG icon at the given sizes with gdk-pixbuf (librsvg), as the
 * desktop does, and print per size: "SIZE X0 Y0 X1 Y1 COVERAGE COLOURS" — the
 * box of the pixels drawn (alpha above a quarter), the fraction of the square
 * they cover, and how many distinct colours (4 bits a channel) they use.
 * With --out DIR, also save DIR/NAME-SIZE.png to look at.
 *
 *   icon-render [--out DIR] ICON.svg SIZE...
 *
 * tests/icons-check.py reads the output. */
#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

static gboolean
render (const char *path,
        int         size,
        const char *out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, size, size, FALSE, &error);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int x0 = size, y0 = size, x1 = -1, y1 = -1, drawn = 0;
  const guchar *pixels;
  int stride, channels;

  if (pixbuf == NULL)
    {
      g_printerr ("%s at %d px: %s\n", path, size, error->message);
      return FALSE;
    }
  if (gdk_pixbuf_get_width (pixbuf) != size || gdk_pixbuf_get_height (pixbuf) != size ||
      !gdk_pixbuf_get_has_alpha (pixbuf))
    {
      g_printerr ("%s at %d px: rendered %d×%d, alpha %d\n", path, size,
                  gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                  gdk_pixbuf_get_has_alpha (pixbuf));
      return FALSE;
    }
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        const guchar *p = pixels + y * stride + x * channels;

        if (p[3] < 64)
          continue;
        drawn++;
        x0 = MIN (x0, x);
        y0 = MIN (y0, y);
        x1 = MAX (x1, x);
        y1 = MAX (y1, y);
        g_hash_table_add (colours, GUINT_TO_POINTER ((p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4)));
      }
  g_print ("%d %d %d %d %d %.4f %u\n", size, x0, y0, x1, y1, (double) drawn / (size * size),
           g_hash_table_size (colours));

  if (out_dir != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;

      if (g_str_has_suffix (base, ".svg"))
        base[strlen (base) - 4] = '\0';
      name = g_strdup_printf ("%s-%d.png", base, size);
      file = g_build_filename (out_dir, name, NULL);
      if (!gdk_pixbuf_save (pixbuf, file, "png", &error, NULL))
        {
          g_printerr ("%s: %s\n", file, error->message);
          return FALSE;
        }
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const char *out_dir = NULL;
  int first = 1;
  gboolean ok = TRUE;

  if (argc > 2 && strcmp (argv[1], "--out") == 0)
    {
      out_dir = argv[2];
      first = 3;
      if (g_mkdir_with_parents (out_dir, 0755) != 0)
        {
          g_printerr ("Cannot create %s\n", out_dir);
          return 1;
        }
    }
  if (argc < first + 2)
    {
      g_printerr ("Usage: icon-render [--out DIR] ICON.svg SIZE...\n");
      return 2;
    }
  /* No SVG loader (librsvg2-common missing): the caller skips. */
  {
    gboolean have_svg = FALSE;
    GSList *formats = gdk_pixbuf_get_formats ();

    for (GSList *l = formats; l; l = l->next)
      {
        g_autofree char *name = gdk_pixbuf_format_get_name (l->data);
        have_svg |= g_str_equal (name, "svg");
      }
    g_slist_free (formats);
    if (!have_svg)
      {
        g_printerr ("gdk-pixbuf has no SVG loader\n");
        return 77;
      }
  }
  for (int i = first + 1; i < argc; i++)
    ok &= render (argv[first], atoi (argv[i]), out_dir);
  return ok ? 0 : 1;
}
