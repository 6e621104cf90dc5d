/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-date.h"
#include "hk-record-private.h"

/* The row is the whole of the private data. */
typedef HkRecordRow HkRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HkRecord, hk_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_INDEX,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
hk_record_dispose (GObject *object)
{
  HkRecordPrivate *priv = hk_record_get_instance_private (HK_RECORD (object));

  g_clear_object (&priv->dataset);

  G_OBJECT_CLASS (hk_record_parent_class)->dispose (object);
}

static void
hk_record_constructed (GObject *object)
{
  HkRecord *self = HK_RECORD (object);
  HkRecordPrivate *priv = hk_record_get_instance_private (self);
  HkTable table = HK_RECORD_GET_CLASS (self)->table;

  G_OBJECT_CLASS (hk_record_parent_class)->constructed (object);

  g_assert (table < HK_N_TABLES);

  if (priv->dataset == NULL)
    g_critical ("%s: made without a dataset", G_OBJECT_TYPE_NAME (self));
  else if (priv->index >= hk_dataset_get_n_rows (priv->dataset, table))
    {
      g_critical ("%s: no row %u in the dataset", G_OBJECT_TYPE_NAME (self), priv->index);
      g_clear_object (&priv->dataset);
    }
}

static void
hk_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HkRecordPrivate *priv = hk_record_get_instance_private (HK_RECORD (object));

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, priv->dataset);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, priv->index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HkRecordPrivate *priv = hk_record_get_instance_private (HK_RECORD (object));

  switch (prop_id)
    {
    case PROP_DATASET:
      priv->dataset = g_value_dup_object (value);
      break;

    case PROP_INDEX:
      priv->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_record_class_init (HkRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hk_record_dispose;
  object_class->constructed = hk_record_constructed;
  object_class->get_property = hk_record_get_property;
  object_class->set_property = hk_record_set_property;

  /* No table until a subclass names one. */
  klass->table = HK_N_TABLES;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         HK_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_record_init (HkRecord *self)
{
}

/* ------------------------------------------------------------------------ */
/* For the subclasses (hk-record-private.h)                                 */

const HkRecordRow *
hk_record_get_row (HkRecord *self)
{
  return hk_record_get_instance_private (self);
}

int
hk_record_get_influencer_index (HkRecord *self)
{
  const HkRecordRow *row = hk_record_get_row (self);
  guint group;

  g_assert (row->dataset != NULL);

  group = hk_dataset_get_row_group (row->dataset, HK_RECORD_GET_CLASS (self)->table, row->index);
  return group < row->dataset->n_influencers ? (int) group : -1;
}

const char *
hk_record_get_influencer_id (HkRecord *self)
{
  const HkRecordRow *row = hk_record_get_row (self);

  g_assert (row->dataset != NULL);

  return hk_dataset_get_row_influencer_id (row->dataset, HK_RECORD_GET_CLASS (self)->table, row->index);
}

const char *
hk_record_get_influencer_name (HkRecord *self)
{
  const HkRecordRow *row = hk_record_get_row (self);
  int influencer = hk_record_get_influencer_index (self);

  return influencer >= 0 ? row->dataset->inf_name[influencer] : "";
}

void
hk_record_make_influencer_pspecs (GParamSpec **pspecs)
{
  pspecs[0] =
    g_param_spec_int ("influencer-index", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  pspecs[1] =
    g_param_spec_string ("influencer-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  pspecs[2] =
    g_param_spec_string ("influencer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

char *
hk_record_format_day (gint32 day)
{
  char buf[HK_DATE_ISO_LEN];

  if (day == HK_DAY_NONE)
    return g_strdup ("");
  hk_date_format_iso (day, buf);
  return g_strdup (buf);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

HkDataset *
hk_record_get_dataset (HkRecord *self)
{
  g_return_val_if_fail (HK_IS_RECORD (self), NULL);

  return hk_record_get_row (self)->dataset;
}

guint
hk_record_get_index (HkRecord *self)
{
  g_return_val_if_fail (HK_IS_RECORD (self), 0);

  return hk_record_get_row (self)->index;
}
