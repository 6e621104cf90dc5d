/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include "hk-table-row.h"

struct _HkTableRow
{
  GObject parent_instance;

  guint   row;
};

G_DEFINE_FINAL_TYPE (HkTableRow, hk_table_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hk_table_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HkTableRow *self = HK_TABLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_table_row_class_init (HkTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hk_table_row_get_property;

  properties[PROP_ROW] =
    g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HkTableRow::changed:
   *
   * The item shows another row, or the same row with new numbers.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hk_table_row_init (HkTableRow *self)
{
}

HkTableRow *
hk_table_row_new (guint row)
{
  HkTableRow *self = g_object_new (HK_TYPE_TABLE_ROW, NULL);

  self->row = row;
  return self;
}

guint
hk_table_row_get_row (HkTableRow *self)
{
  g_return_val_if_fail (HK_IS_TABLE_ROW (self), 0);

  return self->row;
}

void
hk_table_row_set_row (HkTableRow *self,
                      guint       row)
{
  g_return_if_fail (HK_IS_TABLE_ROW (self));

  if (self->row != row)
    {
      self->row = row;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}
