/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include "hk-column-sorter.h"

struct _HkColumnSorter
{
  GtkSorter parent_instance;

  guint     column;
};

G_DEFINE_FINAL_TYPE (HkColumnSorter, hk_column_sorter, GTK_TYPE_SORTER)

/* Probing happens on the main thread only, one probe at a time. */
static GObject *probe_a;
static GObject *probe_b;
static gboolean probe_hit;
static guint probe_column;

static GtkOrdering
hk_column_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  HkColumnSorter *self = HK_COLUMN_SORTER (sorter);

  if (item1 == (gpointer) probe_a && item2 == (gpointer) probe_b)
    {
      if (!probe_hit)
        {
          probe_hit = TRUE;
          probe_column = self->column;
        }
      return GTK_ORDERING_SMALLER;
    }
  /* Real rows are sorted by the table's model, never through this sorter. */
  return GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
hk_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
hk_column_sorter_class_init (HkColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = hk_column_sorter_compare;
  sorter_class->get_order = hk_column_sorter_get_order;
}

static void
hk_column_sorter_init (HkColumnSorter *self)
{
}

HkColumnSorter *
hk_column_sorter_new (guint column)
{
  HkColumnSorter *self = g_object_new (HK_TYPE_COLUMN_SORTER, NULL);

  self->column = column;
  return self;
}

guint
hk_column_sorter_get_column (HkColumnSorter *self)
{
  g_return_val_if_fail (HK_IS_COLUMN_SORTER (self), 0);

  return self->column;
}

gboolean
hk_column_sorter_probe (GtkSorter *view_sorter,
                        guint     *column,
                        gboolean  *descending)
{
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);

  if (probe_a == NULL)
    {
      probe_a = g_object_new (G_TYPE_OBJECT, NULL);
      probe_b = g_object_new (G_TYPE_OBJECT, NULL);
    }
  probe_hit = FALSE;
  ordering = gtk_sorter_compare (view_sorter, probe_a, probe_b);
  if (!probe_hit || ordering == GTK_ORDERING_EQUAL)
    return FALSE;
  *column = probe_column;
  *descending = ordering == GTK_ORDERING_LARGER;
  return TRUE;
}
