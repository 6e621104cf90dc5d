/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <string.h>

#include "hk-table-model.h"
#include "hk-table-row.h"

struct _HkTableModel
{
  GObject     parent_instance;

  guint      *rows;
  guint       n_rows;
  GHashTable *live;   /* position → HkTableRow (weak) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HkTableModel, hk_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
on_item_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  HkTableModel *self = data;
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    if (item == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static GType
hk_table_model_get_item_type (GListModel *model)
{
  return HK_TYPE_TABLE_ROW;
}

static guint
hk_table_model_get_n_items (GListModel *model)
{
  return HK_TABLE_MODEL (model)->n_rows;
}

static gpointer
hk_table_model_get_item (GListModel *model,
                         guint       position)
{
  HkTableModel *self = HK_TABLE_MODEL (model);
  HkTableRow *item;

  if (position >= self->n_rows)
    return NULL;
  item = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);
  item = hk_table_row_new (self->rows[position]);
  g_object_weak_ref (G_OBJECT (item), on_item_finalized, self);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), item);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hk_table_model_get_item_type;
  iface->get_n_items = hk_table_model_get_n_items;
  iface->get_item = hk_table_model_get_item;
}

static void
hk_table_model_finalize (GObject *object)
{
  HkTableModel *self = HK_TABLE_MODEL (object);
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_object_weak_unref (item, on_item_finalized, self);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_free);

  G_OBJECT_CLASS (hk_table_model_parent_class)->finalize (object);
}

static void
hk_table_model_class_init (HkTableModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hk_table_model_finalize;
}

static void
hk_table_model_init (HkTableModel *self)
{
  self->live = g_hash_table_new (NULL, NULL);
}

HkTableModel *
hk_table_model_new (void)
{
  return g_object_new (HK_TYPE_TABLE_MODEL, NULL);
}

typedef struct {
  guint       position;
  HkTableRow *item;
} LiveItem;

static void
live_item_clear (LiveItem *live)
{
  g_clear_object (&live->item);
}

void
hk_table_model_set_rows (HkTableModel *self,
                         const guint  *rows,
                         guint         n_rows)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (LiveItem));
  GHashTableIter iter;
  gpointer key, item;
  guint old_n, common;

  g_return_if_fail (HK_IS_TABLE_MODEL (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  g_array_set_clear_func (kept, (GDestroyNotify) live_item_clear);
  old_n = self->n_rows;
  common = MIN (old_n, n_rows);
  g_free (self->rows);
  self->rows = n_rows ? g_memdup2 (rows, n_rows * sizeof *rows) : NULL;
  self->n_rows = n_rows;

  /* Items past the new end go with the removed positions; the others show
   * their position's new row (held while their handlers run). */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &item))
    {
      if (GPOINTER_TO_UINT (key) >= common)
        {
          g_object_weak_unref (item, on_item_finalized, self);
          g_hash_table_iter_remove (&iter);
        }
      else
        {
          LiveItem live = { GPOINTER_TO_UINT (key), g_object_ref (item) };
          g_array_append_val (kept, live);
        }
    }
  for (guint i = 0; i < kept->len; i++)
    {
      LiveItem *live = &g_array_index (kept, LiveItem, i);

      hk_table_row_set_row (live->item, self->rows[live->position]);
    }
  if (old_n != n_rows)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, n_rows - common);
}

guint
hk_table_model_get_row (HkTableModel *self,
                        guint         position)
{
  g_return_val_if_fail (HK_IS_TABLE_MODEL (self), G_MAXUINT);

  return position < self->n_rows ? self->rows[position] : G_MAXUINT;
}
