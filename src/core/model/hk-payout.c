/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-payout.h"
#include "hk-record-private.h"

struct _HkPayout
{
  HkRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HkPayout, hk_payout, HK_TYPE_RECORD)

enum {
  PROP_0,
  /* These three in this order (hk_record_make_influencer_pspecs ()). */
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

/* The getters' guard and row (hk-record-private.h). */
#define RETURN_IF_NO_ROW(self, value) \
  HK_RECORD_RETURN_IF_NO_ROW (HK_IS_PAYOUT, self, value)
#define GET_ROW_OR_RETURN(self, ds, r, value) \
  HK_RECORD_GET_ROW_OR_RETURN (HK_IS_PAYOUT, self, ds, r, value)

static void
hk_payout_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HkPayout *self = HK_PAYOUT (object);

  switch (prop_id)
    {
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
hk_payout_class_init (HkPayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hk_payout_get_property;

  HK_RECORD_CLASS (klass)->table = HK_TABLE_PAYOUTS;

  hk_record_make_influencer_pspecs (&properties[PROP_INFLUENCER_INDEX]);

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

int
hk_payout_get_influencer_index (HkPayout *self)
{
  RETURN_IF_NO_ROW (self, -1);

  return hk_record_get_influencer_index (HK_RECORD (self));
}

const char *
hk_payout_get_influencer_id (HkPayout *self)
{
  RETURN_IF_NO_ROW (self, NULL);

  return hk_record_get_influencer_id (HK_RECORD (self));
}

const char *
hk_payout_get_influencer_name (HkPayout *self)
{
  RETURN_IF_NO_ROW (self, NULL);

  return hk_record_get_influencer_name (HK_RECORD (self));
}

const char *
hk_payout_get_basis (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ds->pay_basis[r] == HK_BASIS_POST ? "post" : "order";
}

double
hk_payout_get_rate (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->pay_rate[r];
}

double
hk_payout_get_orders (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->pay_orders[r];
}

double
hk_payout_get_posts (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->pay_posts[r];
}

double
hk_payout_get_total_payout (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->pay_total[r];
}

const char *
hk_payout_get_campaign (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_CAMPAIGN, ds->pay_campaign[r]);
}

const char *
hk_payout_get_brand (HkPayout *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_BRAND, ds->pay_brand[r]);
}
