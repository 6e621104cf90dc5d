/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-dataset-private.h"
#include "hk-payout.h"

struct _HkPayout
{
  GObject    parent_instance;

  HkDataset *dataset;
  guint      index;
};

G_DEFINE_FINAL_TYPE (HkPayout, hk_payout, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_INDEX,
  PROP_INFLUENCER_INDEX,
  PROP_INFLUENCER_ID,
  PROP_INFLUENCER_NAME,
  PROP_BASIS,
  PROP_RATE,
  PROP_ORDERS,
  PROP_POSTS,
  PROP_TOTAL_PAYOUT,
  PROP_CAMPAIGN,
  PROP_BRAND,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* A record made by g_object_new() with no dataset or a bad index has none:
 * the getters refuse it rather than read outside the columns. */
#define RETURN_IF_NO_ROW(self, value) \
  g_return_val_if_fail (HK_IS_PAYOUT (self) && (self)->dataset != NULL, value)

static inline const char *
pool (HkDataset *ds,
      HkPool     pool,
      guint32    code)
{
  return hk_dataset_get_pool_value (ds, pool, code);
}

static int
influencer_index (HkDataset *ds,
                  guint      row)
{
  guint group = hk_dataset_get_row_group (ds, HK_TABLE_PAYOUTS, row);

  return group < ds->n_influencers ? (int) group : -1;
}

static const char *
influencer_name (HkDataset *ds,
                 guint      row)
{
  int influencer = influencer_index (ds, row);

  return influencer >= 0 ? ds->inf_name[influencer] : "";
}

static void
hk_payout_dispose (GObject *object)
{
  HkPayout *self = HK_PAYOUT (object);

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (hk_payout_parent_class)->dispose (object);
}

static void
hk_payout_constructed (GObject *object)
{
  HkPayout *self = HK_PAYOUT (object);

  G_OBJECT_CLASS (hk_payout_parent_class)->constructed (object);

  if (self->dataset == NULL)
    g_critical ("%s: made without a dataset", G_OBJECT_TYPE_NAME (self));
  else if (self->index >= hk_dataset_get_n_rows (self->dataset, HK_TABLE_PAYOUTS))
    {
      g_critical ("%s: no row %u in the dataset", G_OBJECT_TYPE_NAME (self), self->index);
      g_clear_object (&self->dataset);
    }
}

static void
hk_payout_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HkPayout *self = HK_PAYOUT (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_INFLUENCER_INDEX:
      g_value_set_int (value, hk_payout_get_influencer_index (self));
      break;

    case PROP_INFLUENCER_ID:
      g_value_set_string (value, hk_payout_get_influencer_id (self));
      break;

    case PROP_INFLUENCER_NAME:
      g_value_set_string (value, hk_payout_get_influencer_name (self));
      break;

    case PROP_BASIS:
      g_value_set_string (value, hk_payout_get_basis (self));
      break;

    case PROP_RATE:
      g_value_set_double (value, hk_payout_get_rate (self));
      break;

    case PROP_ORDERS:
      g_value_set_double (value, hk_payout_get_orders (self));
      break;

    case PROP_POSTS:
      g_value_set_double (value, hk_payout_get_posts (self));
      break;

    case PROP_TOTAL_PAYOUT:
      g_value_set_double (value, hk_payout_get_total_payout (self));
      break;

    case PROP_CAMPAIGN:
      g_value_set_string (value, hk_payout_get_campaign (self));
      break;

    case PROP_BRAND:
      g_value_set_string (value, hk_payout_get_brand (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_payout_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HkPayout *self = HK_PAYOUT (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;

    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_payout_class_init (HkPayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hk_payout_dispose;
  object_class->constructed = hk_payout_constructed;
  object_class->get_property = hk_payout_get_property;
  object_class->set_property = hk_payout_set_property;

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

  properties[PROP_INFLUENCER_INDEX] =
    g_param_spec_int ("influencer-index", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INFLUENCER_ID] =
    g_param_spec_string ("influencer-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INFLUENCER_NAME] =
    g_param_spec_string ("influencer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BASIS] =
    g_param_spec_string ("basis", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORDERS] =
    g_param_spec_double ("orders", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_POSTS] =
    g_param_spec_double ("posts", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TOTAL_PAYOUT] =
    g_param_spec_double ("total-payout", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAMPAIGN] =
    g_param_spec_string ("campaign", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BRAND] =
    g_param_spec_string ("brand", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_payout_init (HkPayout *self)
{
}

HkPayout *
hk_payout_new (HkDataset *dataset,
               guint      index)
{
  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < hk_dataset_get_n_rows (dataset, HK_TABLE_PAYOUTS), NULL);

  return g_object_new (HK_TYPE_PAYOUT,
                       "dataset", dataset,
                       "index", index,
                       NULL);
}

HkDataset *
hk_payout_get_dataset (HkPayout *self)
{
  g_return_val_if_fail (HK_IS_PAYOUT (self), NULL);

  return self->dataset;
}

guint
hk_payout_get_index (HkPayout *self)
{
  g_return_val_if_fail (HK_IS_PAYOUT (self), 0);

  return self->index;
}

int
hk_payout_get_influencer_index (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, -1);

  ds = self->dataset;
  r = self->index;
  return influencer_index (ds, r);
}

const char *
hk_payout_get_influencer_id (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return hk_dataset_get_row_influencer_id (ds, HK_TABLE_PAYOUTS, r);
}

const char *
hk_payout_get_influencer_name (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return influencer_name (ds, r);
}

const char *
hk_payout_get_basis (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return ds->pay_basis[r] == HK_BASIS_POST ? "post" : "order";
}

double
hk_payout_get_rate (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->pay_rate[r];
}

double
hk_payout_get_orders (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->pay_orders[r];
}

double
hk_payout_get_posts (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->pay_posts[r];
}

double
hk_payout_get_total_payout (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NAN);

  ds = self->dataset;
  r = self->index;
  return ds->pay_total[r];
}

const char *
hk_payout_get_campaign (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_CAMPAIGN, ds->pay_campaign[r]);
}

const char *
hk_payout_get_brand (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  RETURN_IF_NO_ROW (self, NULL);

  ds = self->dataset;
  r = self->index;
  return pool (ds, HK_POOL_BRAND, ds->pay_brand[r]);
}
