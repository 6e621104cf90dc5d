/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <string.h>

#include "hk-table-model.h"
#include "hk-table-row.h"

struct _HkTableModel
{
  GObject  parent_instance;

  guint   *rows;
  guint    n_rows;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HkTableModel, hk_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

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

  if (position >= self->n_rows)
    return NULL;
  return hk_table_row_new (self->rows[position]);
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
}

HkTableModel *
hk_table_model_new (void)
{
  return g_object_new (HK_TYPE_TABLE_MODEL, NULL);
}

void
hk_table_model_set_rows (HkTableModel *self,
                         const guint  *rows,
                         guint         n_rows)
{
  guint old_n;

  g_return_if_fail (HK_IS_TABLE_MODEL (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  old_n = self->n_rows;
  g_free (self->rows);
  self->rows = n_rows ? g_memdup2 (rows, n_rows * sizeof *rows) : NULL;
  self->n_rows = n_rows;
  if (old_n != 0 || n_rows != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_rows);
}

guint
hk_table_model_get_row (HkTableModel *self,
                        guint         position)
{
  g_return_val_if_fail (HK_IS_TABLE_MODEL (self), G_MAXUINT);

  return position < self->n_rows ? self->rows[position] : G_MAXUINT;
}
