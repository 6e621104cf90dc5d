/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-date.h"
#include "hk-record-private.h"
#include "hk-tracking-row.h"

struct _HkTrackingRow
{
  HkRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (HkTrackingRow, hk_tracking_row, HK_TYPE_RECORD)

enum {
  PROP_0,
  /* These three in this order (hk_record_make_influencer_pspecs ()). */
  PROP_INFLUENCER_INDEX,
  PROP_INFLUENCER_ID,
  PROP_INFLUENCER_NAME,
  PROP_SOURCE,
  PROP_CAMPAIGN,
  PROP_PRODUCT,
  PROP_BRAND,
  PROP_USER_ID,
  PROP_DATE,
  PROP_DATE_TEXT,
  PROP_ORDERS,
  PROP_REVENUE,
  PROP_CITY,
  PROP_AB_GROUP,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char * const ab_group_names[] = { "", "exposed", "holdout" };

/* The getters' guard and row (hk-record-private.h). */
#define RETURN_IF_NO_ROW(self, value) \
  HK_RECORD_RETURN_IF_NO_ROW (HK_IS_TRACKING_ROW, self, value)
#define GET_ROW_OR_RETURN(self, ds, r, value) \
  HK_RECORD_GET_ROW_OR_RETURN (HK_IS_TRACKING_ROW, self, ds, r, value)

static void
hk_tracking_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HkTrackingRow *self = HK_TRACKING_ROW (object);

  switch (prop_id)
    {
    case PROP_INFLUENCER_INDEX:
      g_value_set_int (value, hk_tracking_row_get_influencer_index (self));
      break;

    case PROP_INFLUENCER_ID:
      g_value_set_string (value, hk_tracking_row_get_influencer_id (self));
      break;

    case PROP_INFLUENCER_NAME:
      g_value_set_string (value, hk_tracking_row_get_influencer_name (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, hk_tracking_row_get_source (self));
      break;

    case PROP_CAMPAIGN:
      g_value_set_string (value, hk_tracking_row_get_campaign (self));
      break;

    case PROP_PRODUCT:
      g_value_set_string (value, hk_tracking_row_get_product (self));
      break;

    case PROP_BRAND:
      g_value_set_string (value, hk_tracking_row_get_brand (self));
      break;

    case PROP_USER_ID:
      g_value_set_string (value, hk_tracking_row_get_user_id (self));
      break;

    case PROP_DATE:
      g_value_set_int (value, hk_tracking_row_get_date (self));
      break;

    case PROP_DATE_TEXT:
      g_value_take_string (value, hk_tracking_row_dup_date_text (self));
      break;

    case PROP_ORDERS:
      g_value_set_int (value, hk_tracking_row_get_orders (self));
      break;

    case PROP_REVENUE:
      g_value_set_double (value, hk_tracking_row_get_revenue (self));
      break;

    case PROP_CITY:
      g_value_set_string (value, hk_tracking_row_get_city (self));
      break;

    case PROP_AB_GROUP:
      g_value_set_string (value, hk_tracking_row_get_ab_group (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_tracking_row_class_init (HkTrackingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hk_tracking_row_get_property;

  HK_RECORD_CLASS (klass)->table = HK_TABLE_TRACKING;

  hk_record_make_influencer_pspecs (&properties[PROP_INFLUENCER_INDEX]);

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAMPAIGN] =
    g_param_spec_string ("campaign", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PRODUCT] =
    g_param_spec_string ("product", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BRAND] =
    g_param_spec_string ("brand", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE] =
    g_param_spec_int ("date", NULL, NULL,
                      G_MININT32, G_MAXINT32, HK_DAY_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE_TEXT] =
    g_param_spec_string ("date-text", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORDERS] =
    g_param_spec_int ("orders", NULL, NULL,
                      G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REVENUE] =
    g_param_spec_double ("revenue", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AB_GROUP] =
    g_param_spec_string ("ab-group", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hk_tracking_row_init (HkTrackingRow *self)
{
}

HkTrackingRow *
hk_tracking_row_new (HkDataset *dataset,
                     guint      index)
{
  g_return_val_if_fail (HK_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < hk_dataset_get_n_rows (dataset, HK_TABLE_TRACKING), NULL);

  return g_object_new (HK_TYPE_TRACKING_ROW,
                       "dataset", dataset,
                       "index", index,
                       NULL);
}

int
hk_tracking_row_get_influencer_index (HkTrackingRow *self)
{
  RETURN_IF_NO_ROW (self, -1);

  return hk_record_get_influencer_index (HK_RECORD (self));
}

const char *
hk_tracking_row_get_influencer_id (HkTrackingRow *self)
{
  RETURN_IF_NO_ROW (self, NULL);

  return hk_record_get_influencer_id (HK_RECORD (self));
}

const char *
hk_tracking_row_get_influencer_name (HkTrackingRow *self)
{
  RETURN_IF_NO_ROW (self, NULL);

  return hk_record_get_influencer_name (HK_RECORD (self));
}

const char *
hk_tracking_row_get_source (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_SOURCE, ds->trk_source[r]);
}

const char *
hk_tracking_row_get_campaign (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_CAMPAIGN, ds->trk_campaign[r]);
}

const char *
hk_tracking_row_get_product (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_PRODUCT, ds->trk_product[r]);
}

const char *
hk_tracking_row_get_brand (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_pool_value (ds, HK_POOL_BRAND, ds->trk_brand[r]);
}

const char *
hk_tracking_row_get_user_id (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_dataset_get_user_id (ds, ds->trk_user[r]);
}

gint32
hk_tracking_row_get_date (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, HK_DAY_NONE);

  return ds->trk_date[r];
}

char *
hk_tracking_row_dup_date_text (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return hk_record_format_day (ds->trk_date[r]);
}

int
hk_tracking_row_get_orders (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, 0);

  return ds->trk_orders[r];
}

double
hk_tracking_row_get_revenue (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NAN);

  return ds->trk_revenue[r];
}

const char *
hk_tracking_row_get_city (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ds->trk_city ? hk_dataset_get_pool_value (ds, HK_POOL_CITY, ds->trk_city[r]) : "";
}

const char *
hk_tracking_row_get_ab_group (HkTrackingRow *self)
{
  HkDataset *ds;
  guint r;

  GET_ROW_OR_RETURN (self, ds, r, NULL);

  return ab_group_names[ds->trk_flags[r] & HK_TRACKING_FLAG_AB_MASK];
}
