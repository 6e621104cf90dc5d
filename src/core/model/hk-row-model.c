/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-dataset-private.h"
#include "hk-influencer.h"
#include "hk-payout.h"
#include "hk-post.h"
#include "hk-row-model.h"
#include "hk-tracking-row.h"

struct _HkRowModel
{
  GObject    parent_instance;

  HkDataset *dataset;
  HkTable    table;
  guint     *rows;    /* the rows shown; NULL: first … first + n_items - 1 */
  guint      first;
  guint      n_items;
};

static void hk_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HkRowModel, hk_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hk_row_model_list_model_init))

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TABLE,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The tables with a record type. */
#define TABLE_HAS_RECORDS(table) ((table) <= HK_TABLE_PAYOUTS)

static inline guint
row_at (const guint *rows,
        guint        first,
        guint        position)
{
  return rows ? rows[position] : first + position;
}

static guint
n_table_rows (HkRowModel *self)
{
  return self->dataset ? hk_dataset_get_n_rows (self->dataset, self->table) : 0;
}

static gboolean
rows_valid (HkRowModel  *self,
            const guint *rows,
            guint        n_rows)
{
  guint n_table = n_table_rows (self);

  if (rows == NULL)
    return n_rows == 0;
  for (guint i = 0; i < n_rows; i++)
    if (rows[i] >= n_table)
      return FALSE;
  return TRUE;
}

/* Shows the new rows (taking rows), telling listeners which positions changed:
 * what lies between the rows both sequences start and end with. */
static void
replace_rows (HkRowModel *self,
              guint      *rows,
              guint       first,
              guint       n_items)
{
  guint old_n = self->n_items;
  guint prefix = 0, suffix = 0;

  while (prefix < old_n && prefix < n_items &&
         row_at (self->rows, self->first, prefix) == row_at (rows, first, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < n_items - prefix &&
         row_at (self->rows, self->first, old_n - 1 - suffix) == row_at (rows, first, n_items - 1 - suffix))
    suffix++;

  g_free (self->rows);
  self->rows = rows;
  self->first = first;
  self->n_items = n_items;

  if (prefix == old_n && prefix == n_items)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, n_items - prefix - suffix);
  if (old_n != n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static GType
hk_row_model_get_item_type (GListModel *model)
{
  HkRowModel *self = HK_ROW_MODEL (model);

  switch (self->table)
    {
    case HK_TABLE_INFLUENCERS: return HK_TYPE_INFLUENCER;
    case HK_TABLE_POSTS: return HK_TYPE_POST;
    case HK_TABLE_TRACKING: return HK_TYPE_TRACKING_ROW;
    case HK_TABLE_PAYOUTS: return HK_TYPE_PAYOUT;
    case HK_TABLE_HOLDOUT:
    case HK_N_TABLES:
    default:
      g_assert_not_reached ();
    }
}

static guint
hk_row_model_get_n_items (GListModel *model)
{
  return HK_ROW_MODEL (model)->n_items;
}

static gpointer
hk_row_model_get_item (GListModel *model,
                       guint       position)
{
  HkRowModel *self = HK_ROW_MODEL (model);
  guint row;

  if (position >= self->n_items)
    return NULL;

  row = row_at (self->rows, self->first, position);
  switch (self->table)
    {
    case HK_TABLE_INFLUENCERS: return hk_influencer_new (self->dataset, row);
    case HK_TABLE_POSTS: return hk_post_new (self->dataset, row);
    case HK_TABLE_TRACKING: return hk_tracking_row_new (self->dataset, row);
    case HK_TABLE_PAYOUTS: return hk_payout_new (self->dataset, row);
    case HK_TABLE_HOLDOUT:
    case HK_N_TABLES:
    default:
      g_assert_not_reached ();
    }
}

static void
hk_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hk_row_model_get_item_type;
  iface->get_n_items = hk_row_model_get_n_items;
  iface->get_item = hk_row_model_get_item;
}

static void
hk_row_model_constructed (GObject *object)
{
  HkRowModel *self = HK_ROW_MODEL (object);

  G_OBJECT_CLASS (hk_row_model_parent_class)->constructed (object);

  if (self->dataset == NULL)
    g_critical ("HkRowModel: made without a dataset; it stays empty");
  self->first = 0;
  self->n_items = n_table_rows (self);
}

static void
hk_row_model_dispose (GObject *object)
{
  HkRowModel *self = HK_ROW_MODEL (object);

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (hk_row_model_parent_class)->dispose (object);
}

static void
hk_row_model_finalize (GObject *object)
{
  HkRowModel *self = HK_ROW_MODEL (object);

  g_free (self->rows);

  G_OBJECT_CLASS (hk_row_model_parent_class)->finalize (object);
}

static void
hk_row_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HkRowModel *self = HK_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_TABLE:
      g_value_set_uint (value, self->table);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, hk_row_model_get_item_type (G_LIST_MODEL (self)));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_row_model_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HkRowModel *self = HK_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;

    case PROP_TABLE:
      self->table = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_row_model_class_init (HkRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hk_row_model_constructed;
  object_class->dispose = hk_row_model_dispose;
  object_class->finalize = hk_row_model_finalize;
  object_class->get_property = hk_row_model_get_property;
  object_class->set_property = hk_row_model_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         HK_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* An HkTable with records: influencers, posts, tracking or payouts. */
  properties[PROP_TABLE] =
    g_param_spec_uint ("table", NULL, NULL,
                       HK_TABLE_INFLUENCERS, HK_TABLE_PAYOUTS, HK_TABLE_INFLUENCERS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_row_model_init (HkRowModel *self)
{
}

HkRowModel *
hk_row_model_new (HkDataset *dataset,
                  HkTable    table)
{
  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (TABLE_HAS_RECORDS (table), NULL);

  return g_object_new (HK_TYPE_ROW_MODEL,
                       "dataset", dataset,
                       "table", table,
                       NULL);
}

HkRowModel *
hk_row_model_new_for_rows (HkDataset   *dataset,
                           HkTable      table,
                           const guint *rows,
                           guint        n_rows)
{
  g_autoptr(HkRowModel) self = NULL;

  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (TABLE_HAS_RECORDS (table), NULL);

  self = hk_row_model_new (dataset, table);
  g_return_val_if_fail (rows_valid (self, rows, n_rows), NULL);

  /* Nobody listens yet: no items-changed. */
  self->rows = n_rows > 0 ? g_memdup2 (rows, sizeof (guint) * n_rows) : NULL;
  self->first = 0;
  self->n_items = n_rows;
  return g_steal_pointer (&self);
}

HkRowModel *
hk_row_model_new_for_influencer (HkDataset *dataset,
                                 HkTable    table,
                                 guint      influencer_index)
{
  HkRowModel *self;
  const guint *start;

  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (TABLE_HAS_RECORDS (table), NULL);
  g_return_val_if_fail (influencer_index < hk_dataset_get_n_influencers (dataset), NULL);

  self = hk_row_model_new (dataset, table);
  start = hk_dataset_get_group_starts (dataset, table);
  if (start)
    {
      self->first = start[influencer_index];
      self->n_items = start[influencer_index + 1] - start[influencer_index];
    }
  else
    {
      self->first = influencer_index;
      self->n_items = 1;
    }
  return self;
}

HkDataset *
hk_row_model_get_dataset (HkRowModel *self)
{
  g_return_val_if_fail (HK_IS_ROW_MODEL (self), NULL);

  return self->dataset;
}

HkTable
hk_row_model_get_table (HkRowModel *self)
{
  g_return_val_if_fail (HK_IS_ROW_MODEL (self), HK_TABLE_INFLUENCERS);

  return self->table;
}

guint
hk_row_model_get_row (HkRowModel *self,
                      guint       position)
{
  g_return_val_if_fail (HK_IS_ROW_MODEL (self), G_MAXUINT);

  if (position >= self->n_items)
    return G_MAXUINT;
  return row_at (self->rows, self->first, position);
}

void
hk_row_model_set_rows (HkRowModel  *self,
                       const guint *rows,
                       guint        n_rows)
{
  g_return_if_fail (HK_IS_ROW_MODEL (self));
  g_return_if_fail (rows_valid (self, rows, n_rows));

  replace_rows (self, n_rows > 0 ? g_memdup2 (rows, sizeof (guint) * n_rows) : NULL, 0, n_rows);
}

void
hk_row_model_set_range (HkRowModel *self,
                        guint       first,
                        guint       n_rows)
{
  guint n_table;

  g_return_if_fail (HK_IS_ROW_MODEL (self));

  n_table = n_table_rows (self);
  g_return_if_fail (first <= n_table && n_rows <= n_table - first);

  replace_rows (self, NULL, first, n_rows);
}
