/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-dataset.h"
#include "hk-date.h"
#include "hk-import.h"
#include "hk-influencer.h"
#include "hk-payout.h"
#include "hk-post.h"
#include "hk-row-model.h"
#include "hk-tracking-row.h"

/* ------------------------------------------------------------------------ */
/* The dataset: every expectation below is read off these files by hand.     */

/* A duplicate id (the first row is kept), an id written "7.0", gender
 * abbreviations, an empty persona (derived), a quoted name, an extra column. */
static const char influencers_csv[] =
  "id,name,category,gender,Follower Count,platform,city,age_group,persona,handle\n"
  "INF_001,Aarav Sharma,Fitness,m,8500,Instagram,Mumbai,18-24,,@aarav\n"
  "7.0,Priya Nair,Nutrition,Female,250000,YouTube,Bengaluru,25-34,Gym Newbie,@priya\n"
  "INF_003,Rohan Das,Fitness,F,1500000,Twitter,,35-44,,\n"
  "INF_004,\"Iyer, Meera\",,other,99999.5,Instagram,Delhi,,,\"@meera\"\n"
  "INF_001,Duplicate,Fitness,m,1,Instagram,Pune,,,@dup\n";

/* Columns in another order; posts of two influencers interleaved, an orphan,
 * a D/M/YYYY date, a date with a time, quoted captions (comma, newline, quotes,
 * spaces), a brand spelled in lower case. */
static const char posts_csv[] =
  "post_id,influencer_id,platform,date,url,caption,reach,likes,comments,brand,campaign,shares\n"
  "P1,7,YouTube,2024-03-05,https://yt.example/1,\"Whey, tested\",12000,800,45,MuscleBlaze,MB_Launch,12\n"
  "P2,INF_001,Instagram,05/03/2024,https://ig.example/2,\"Line one\nline two\",5000,300,20,muscleblaze,,3\n"
  "P3,INF_404,Instagram,2024-03-07,https://ig.example/3,orphan post,100,1,0,,,0\n"
  "P4,INF_001,Instagram,2024-03-08 10:30,https://ig.example/4,\"  spaced  \",6000,400,30,HKVitals,HKV_Glow,\n"
  "P5,7.0,YouTube,2024-03-09,https://yt.example/5,\"He said \"\"wow\"\"\",9000,500,25,Gritzo,GR_Kids,7\n";

/* Brands: derived from the catalogue (Whey Gold, Biotin), from a product
 * named after a brand, from a campaign prefix; a brand cell; none at all.
 * An unattributed row, an orphan, a return, D-M-YYYY, ab groups in any case. */
static const char tracking_csv[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,city,ab_group,tracking_id\n"
  "instagram,MB_Launch,INF_001,U1,Whey Gold,2024-03-06,2,3998.5,,Mumbai,exposed,T1\n"
  "organic,,,U2,Biotin,2024-03-06,1,599,,Pune,,T2\n"
  "youtube,HKV_Glow,7,U3,HKVitals Biotin Gummies,7-3-2024,1,799,,Delhi,holdout,T3\n"
  "instagram,GR_Kids,INF_999,U4,Kids Milk,2024-03-08,3,1500,Gritzo,,,T4\n"
  "instagram,MB_Launch,INF_001,U5,Shaker,2024-03-09,-1,-999.25,muscleblaze,Mumbai,Exposed,T5\n"
  "referral,Gritzo_Summer,INF_004,U6,Mystery Box,2024-03-10,1,250,,,,T6\n"
  "youtube,Other_X,7,U7,Thing,2024-03-11,0,0,,Chennai,,T7\n";

/* Basis spellings, empty cells (NAN), the posts_count alias, an orphan. */
static const char payouts_csv[] =
  "influencer_id,basis,rate,orders,total_payout,posts_count,campaign,brand,status\n"
  "7,Per Post,1500,,,2,MB_Launch,muscleblaze,paid\n"
  "INF_001,order,0.1,,,,,,pending\n"
  "INF_404,post,100,,,1,,,paid\n"
  "INF_003,per_order,,5,2500,,,,\n";

/* Required columns only. */
static const char minimal_influencers_csv[] =
  "ID,name,category,gender,followers,platform\n"
  "A,Asha,Beauty,f,10000,Instagram\n"
  "B,Bilal,,,999999,YouTube\n";

static const char minimal_posts_csv[] =
  "influencer_id,platform,date,url,caption,reach,likes,comments\n"
  "B,YouTube,2024-01-02,u1,c1,10,2,1\n"
  "A,Instagram,2024-01-01,u0,c0,20,4,2\n";

static const char minimal_tracking_csv[] =
  "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
  "instagram,C,A,U1,P,2024-01-03,1,100\n";

static const char minimal_payouts_csv[] =
  "influencer_id,basis,rate,orders,total_payout\n"
  "A,post,50,,\n";

static HkDataset *
import_strings (const char *influencers,
                const char *posts,
                const char *tracking,
                const char *payouts)
{
  const char *texts[HK_N_TABLES] = { influencers, posts, tracking, payouts, NULL };
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(GError) error = NULL;
  HkDataset *ds;

  for (guint t = 0; t < HK_N_TABLES; t++)
    if (texts[t])
      files[t] = g_bytes_new_static (texts[t], strlen (texts[t]));
  ds = hk_import_bytes (files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  return ds;
}

static HkDataset *
import_fixture (void)
{
  return import_strings (influencers_csv, posts_csv, tracking_csv, payouts_csv);
}

static gint32
day (int y,
     int m,
     int d)
{
  return hk_date_from_ymd (y, m, d);
}

/* ------------------------------------------------------------------------ */
/* Checking a property through its getter and through GObject               */

static void
check_string (gpointer    object,
              const char *property,
              const char *from_getter,
              const char *expected)
{
  g_autofree char *value = NULL;

  g_object_get (object, property, &value, NULL);
  if (g_strcmp0 (from_getter, expected) != 0 || g_strcmp0 (value, expected) != 0)
    g_error ("%s \"%s\": getter \"%s\", property \"%s\", expected \"%s\"",
             G_OBJECT_TYPE_NAME (object), property, from_getter, value, expected);
}

static void
check_double (gpointer    object,
              const char *property,
              double      from_getter,
              double      expected)
{
  double value;

  g_object_get (object, property, &value, NULL);
  if (isnan (expected))
    {
      g_assert_true (isnan (from_getter));
      g_assert_true (isnan (value));
    }
  else
    {
      g_assert_cmpfloat (from_getter, ==, expected);
      g_assert_cmpfloat (value, ==, expected);
    }
}

static void
check_int (gpointer    object,
           const char *property,
           int         from_getter,
           int         expected)
{
  int value;

  g_object_get (object, property, &value, NULL);
  g_assert_cmpint (from_getter, ==, expected);
  g_assert_cmpint (value, ==, expected);
}

static void
check_index (gpointer   object,
             HkDataset *ds,
             guint      from_getter,
             guint      expected)
{
  g_autoptr(HkDataset) dataset = NULL;
  guint value;

  g_object_get (object, "index", &value, "dataset", &dataset, NULL);
  g_assert_cmpuint (from_getter, ==, expected);
  g_assert_cmpuint (value, ==, expected);
  g_assert_true (dataset == ds);
}

/* Dates both as day numbers and as text; the text is owned. */
static void
check_date (gpointer  object,
            gint32    from_getter,
            char     *text_from_getter,
            gint32    expected)
{
  char iso[HK_DATE_ISO_LEN];

  hk_date_format_iso (expected, iso);
  check_int (object, "date", from_getter, expected);
  check_string (object, "date-text", text_from_getter, iso);
  g_free (text_from_getter);
}

/* Every readable property of every row answers, strings are never NULL. */
static void
check_all_properties (HkDataset *ds,
                      HkTable    table)
{
  g_autoptr(HkRowModel) model = hk_row_model_new (ds, table);
  g_autoptr(GTypeClass) klass = g_type_class_ref (g_list_model_get_item_type (G_LIST_MODEL (model)));
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      for (guint p = 0; p < n_pspecs; p++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_assert_true (pspecs[p]->flags & G_PARAM_READABLE);
          g_assert_true (pspecs[p]->flags & G_PARAM_EXPLICIT_NOTIFY);
          g_assert_cmpint (pspecs[p]->flags & G_PARAM_STATIC_STRINGS, ==, G_PARAM_STATIC_STRINGS);
          /* Only what identifies the row is set, once. */
          if (pspecs[p]->flags & G_PARAM_WRITABLE)
            g_assert_true (pspecs[p]->flags & G_PARAM_CONSTRUCT_ONLY);
          g_value_init (&value, pspecs[p]->value_type);
          g_object_get_property (record, pspecs[p]->name, &value);
          if (G_VALUE_HOLDS_STRING (&value))
            g_assert_nonnull (g_value_get_string (&value));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Records                                                                  */

typedef struct {
  const char *id, *name, *category, *gender;
  double      followers;
  const char *platform, *city, *age_group, *persona, *tier, *handle;
} InfluencerCase;

static const InfluencerCase influencer_cases[] = {
  { "INF_001", "Aarav Sharma", "Fitness", "Male", 8500, "Instagram", "Mumbai", "18-24",
    "Fitness · Male", "nano", "@aarav" },
  { "7", "Priya Nair", "Nutrition", "Female", 250000, "YouTube", "Bengaluru", "25-34",
    "Gym Newbie", "macro", "@priya" },
  { "INF_003", "Rohan Das", "Fitness", "Female", 1500000, "Twitter", "", "35-44",
    "Fitness · Female", "mega", "" },
  { "INF_004", "Iyer, Meera", "", "other", 99999.5, "Instagram", "Delhi", "",
    "Unknown · other", "micro", "@meera" },
};

static void
test_influencer (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();

  g_assert_cmpuint (hk_dataset_get_n_influencers (ds), ==, G_N_ELEMENTS (influencer_cases));
  for (guint i = 0; i < G_N_ELEMENTS (influencer_cases); i++)
    {
      const InfluencerCase *c = &influencer_cases[i];
      g_autoptr(HkInfluencer) inf = hk_influencer_new (ds, i);

      g_assert_true (hk_record_get_dataset (HK_RECORD (inf)) == ds);
      check_index (inf, ds, hk_record_get_index (HK_RECORD (inf)), i);
      check_string (inf, "id", hk_influencer_get_id (inf), c->id);
      check_string (inf, "name", hk_influencer_get_name (inf), c->name);
      check_string (inf, "category", hk_influencer_get_category (inf), c->category);
      check_string (inf, "gender", hk_influencer_get_gender (inf), c->gender);
      check_double (inf, "follower-count", hk_influencer_get_follower_count (inf), c->followers);
      check_string (inf, "platform", hk_influencer_get_platform (inf), c->platform);
      check_string (inf, "city", hk_influencer_get_city (inf), c->city);
      check_string (inf, "age-group", hk_influencer_get_age_group (inf), c->age_group);
      check_string (inf, "persona", hk_influencer_get_persona (inf), c->persona);
      check_string (inf, "tier", hk_influencer_get_tier (inf), c->tier);
      g_assert_cmpstr (hk_dataset_get_extra_cell (ds, HK_TABLE_INFLUENCERS, 0, i), ==, c->handle);
    }
  check_all_properties (ds, HK_TABLE_INFLUENCERS);
}

typedef struct {
  int         influencer_index;
  const char *influencer_id, *influencer_name, *post_id, *platform;
  int         y, m, d;
  const char *url, *caption;
  double      reach, likes, comments;
  const char *brand, *campaign, *shares;
} PostCase;

/* In stored order: Aarav's (P2, P4), Priya's (P1, P5), then the orphan P3. */
static const PostCase post_cases[] = {
  { 0, "INF_001", "Aarav Sharma", "P2", "Instagram", 2024, 3, 5, "https://ig.example/2",
    "Line one\nline two", 5000, 300, 20, "MuscleBlaze", "", "3" },
  { 0, "INF_001", "Aarav Sharma", "P4", "Instagram", 2024, 3, 8, "https://ig.example/4",
    "  spaced  ", 6000, 400, 30, "HKVitals", "HKV_Glow", "" },
  { 1, "7", "Priya Nair", "P1", "YouTube", 2024, 3, 5, "https://yt.example/1",
    "Whey, tested", 12000, 800, 45, "MuscleBlaze", "MB_Launch", "12" },
  { 1, "7", "Priya Nair", "P5", "YouTube", 2024, 3, 9, "https://yt.example/5",
    "He said \"wow\"", 9000, 500, 25, "Gritzo", "GR_Kids", "7" },
  { -1, "INF_404", "", "P3", "Instagram", 2024, 3, 7, "https://ig.example/3",
    "orphan post", 100, 1, 0, "", "", "0" },
};

static void
test_post (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();

  g_assert_cmpuint (hk_dataset_get_n_rows (ds, HK_TABLE_POSTS), ==, G_N_ELEMENTS (post_cases));
  for (guint i = 0; i < G_N_ELEMENTS (post_cases); i++)
    {
      const PostCase *c = &post_cases[i];
      g_autoptr(HkPost) post = hk_post_new (ds, i);

      g_assert_true (hk_record_get_dataset (HK_RECORD (post)) == ds);
      check_index (post, ds, hk_record_get_index (HK_RECORD (post)), i);
      check_int (post, "influencer-index", hk_post_get_influencer_index (post), c->influencer_index);
      check_string (post, "influencer-id", hk_post_get_influencer_id (post), c->influencer_id);
      check_string (post, "influencer-name", hk_post_get_influencer_name (post), c->influencer_name);
      check_string (post, "post-id", hk_post_get_post_id (post), c->post_id);
      check_string (post, "platform", hk_post_get_platform (post), c->platform);
      check_date (post, hk_post_get_date (post), hk_post_dup_date_text (post), day (c->y, c->m, c->d));
      check_string (post, "url", hk_post_get_url (post), c->url);
      check_string (post, "caption", hk_post_get_caption (post), c->caption);
      check_double (post, "reach", hk_post_get_reach (post), c->reach);
      check_double (post, "likes", hk_post_get_likes (post), c->likes);
      check_double (post, "comments", hk_post_get_comments (post), c->comments);
      check_string (post, "brand", hk_post_get_brand (post), c->brand);
      check_string (post, "campaign", hk_post_get_campaign (post), c->campaign);
      g_assert_cmpstr (hk_dataset_get_extra_cell (ds, HK_TABLE_POSTS, 0, i), ==, c->shares);
    }
  check_all_properties (ds, HK_TABLE_POSTS);
}

typedef struct {
  int         influencer_index;
  const char *influencer_id, *influencer_name, *source, *campaign, *product, *brand, *user_id;
  int         y, m, d;
  int         orders;
  double      revenue;
  const char *city, *ab_group, *tracking_id;
} TrackingCase;

/* In stored order: Aarav's (T1, T5), Priya's (T3, T7), Meera's (T6), the
 * unattributed T2, the orphan T4. */
static const TrackingCase tracking_cases[] = {
  { 0, "INF_001", "Aarav Sharma", "instagram", "MB_Launch", "Whey Gold", "MuscleBlaze", "U1",
    2024, 3, 6, 2, 3998.5, "Mumbai", "exposed", "T1" },
  { 0, "INF_001", "Aarav Sharma", "instagram", "MB_Launch", "Shaker", "MuscleBlaze", "U5",
    2024, 3, 9, -1, -999.25, "Mumbai", "exposed", "T5" },
  { 1, "7", "Priya Nair", "youtube", "HKV_Glow", "HKVitals Biotin Gummies", "HKVitals", "U3",
    2024, 3, 7, 1, 799, "Delhi", "holdout", "T3" },
  { 1, "7", "Priya Nair", "youtube", "Other_X", "Thing", "", "U7",
    2024, 3, 11, 0, 0, "Chennai", "", "T7" },
  { 3, "INF_004", "Iyer, Meera", "referral", "Gritzo_Summer", "Mystery Box", "Gritzo", "U6",
    2024, 3, 10, 1, 250, "", "", "T6" },
  { -1, "", "", "organic", "", "Biotin", "HKVitals", "U2",
    2024, 3, 6, 1, 599, "Pune", "", "T2" },
  { -1, "INF_999", "", "instagram", "GR_Kids", "Kids Milk", "Gritzo", "U4",
    2024, 3, 8, 3, 1500, "", "", "T4" },
};

static void
test_tracking_row (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();

  g_assert_cmpuint (hk_dataset_get_n_rows (ds, HK_TABLE_TRACKING), ==, G_N_ELEMENTS (tracking_cases));
  for (guint i = 0; i < G_N_ELEMENTS (tracking_cases); i++)
    {
      const TrackingCase *c = &tracking_cases[i];
      g_autoptr(HkTrackingRow) row = hk_tracking_row_new (ds, i);

      g_assert_true (hk_record_get_dataset (HK_RECORD (row)) == ds);
      check_index (row, ds, hk_record_get_index (HK_RECORD (row)), i);
      check_int (row, "influencer-index", hk_tracking_row_get_influencer_index (row), c->influencer_index);
      check_string (row, "influencer-id", hk_tracking_row_get_influencer_id (row), c->influencer_id);
      check_string (row, "influencer-name", hk_tracking_row_get_influencer_name (row), c->influencer_name);
      check_string (row, "source", hk_tracking_row_get_source (row), c->source);
      check_string (row, "campaign", hk_tracking_row_get_campaign (row), c->campaign);
      check_string (row, "product", hk_tracking_row_get_product (row), c->product);
      check_string (row, "brand", hk_tracking_row_get_brand (row), c->brand);
      check_string (row, "user-id", hk_tracking_row_get_user_id (row), c->user_id);
      check_date (row, hk_tracking_row_get_date (row), hk_tracking_row_dup_date_text (row), day (c->y, c->m, c->d));
      check_int (row, "orders", hk_tracking_row_get_orders (row), c->orders);
      check_double (row, "revenue", hk_tracking_row_get_revenue (row), c->revenue);
      check_string (row, "city", hk_tracking_row_get_city (row), c->city);
      check_string (row, "ab-group", hk_tracking_row_get_ab_group (row), c->ab_group);
      g_assert_cmpstr (hk_dataset_get_extra_cell (ds, HK_TABLE_TRACKING, 0, i), ==, c->tracking_id);
    }
  check_all_properties (ds, HK_TABLE_TRACKING);
}

typedef struct {
  int         influencer_index;
  const char *influencer_id, *influencer_name, *basis;
  double      rate, orders, posts, total;
  const char *campaign, *brand, *status;
} PayoutCase;

/* In stored order: Aarav's, Priya's, Rohan's, then the orphan. */
static const PayoutCase payout_cases[] = {
  { 0, "INF_001", "Aarav Sharma", "order", 0.1, NAN, NAN, NAN, "", "", "pending" },
  { 1, "7", "Priya Nair", "post", 1500, NAN, 2, NAN, "MB_Launch", "MuscleBlaze", "paid" },
  { 2, "INF_003", "Rohan Das", "order", NAN, 5, NAN, 2500, "", "", "" },
  { -1, "INF_404", "", "post", 100, NAN, 1, NAN, "", "", "paid" },
};

static void
test_payout (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();

  g_assert_cmpuint (hk_dataset_get_n_rows (ds, HK_TABLE_PAYOUTS), ==, G_N_ELEMENTS (payout_cases));
  for (guint i = 0; i < G_N_ELEMENTS (payout_cases); i++)
    {
      const PayoutCase *c = &payout_cases[i];
      g_autoptr(HkPayout) payout = hk_payout_new (ds, i);

      g_assert_true (hk_record_get_dataset (HK_RECORD (payout)) == ds);
      check_index (payout, ds, hk_record_get_index (HK_RECORD (payout)), i);
      check_int (payout, "influencer-index", hk_payout_get_influencer_index (payout), c->influencer_index);
      check_string (payout, "influencer-id", hk_payout_get_influencer_id (payout), c->influencer_id);
      check_string (payout, "influencer-name", hk_payout_get_influencer_name (payout), c->influencer_name);
      check_string (payout, "basis", hk_payout_get_basis (payout), c->basis);
      check_double (payout, "rate", hk_payout_get_rate (payout), c->rate);
      check_double (payout, "orders", hk_payout_get_orders (payout), c->orders);
      check_double (payout, "posts", hk_payout_get_posts (payout), c->posts);
      check_double (payout, "total-payout", hk_payout_get_total_payout (payout), c->total);
      check_string (payout, "campaign", hk_payout_get_campaign (payout), c->campaign);
      check_string (payout, "brand", hk_payout_get_brand (payout), c->brand);
      g_assert_cmpstr (hk_dataset_get_extra_cell (ds, HK_TABLE_PAYOUTS, 0, i), ==, c->status);
    }
  check_all_properties (ds, HK_TABLE_PAYOUTS);
}

static void
test_extra_columns (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  g_autoptr(HkDataset) minimal = import_strings (minimal_influencers_csv, minimal_posts_csv,
                                                 minimal_tracking_csv, NULL);
  static const char * const expected[HK_N_TABLES] = { "handle", "shares", "tracking_id", "status", NULL };

  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const char * const *names = hk_dataset_get_extra_columns (ds, t);

      g_assert_nonnull (names);
      if (expected[t])
        {
          g_assert_cmpstr (names[0], ==, expected[t]);
          g_assert_null (names[1]);
          /* Made once, then the same array. */
          g_assert_true (hk_dataset_get_extra_columns (ds, t) == names);
        }
      else
        g_assert_null (names[0]);

      /* Neither table of the minimal dataset has any; its payouts are missing. */
      g_assert_null (hk_dataset_get_extra_columns (minimal, t)[0]);
    }
}

/* Optional columns absent: post_id, brand, campaign, city, ab_group, posts,
 * persona, age_group. */
static void
test_optional_columns (void)
{
  g_autoptr(HkDataset) ds = import_strings (minimal_influencers_csv, minimal_posts_csv,
                                            minimal_tracking_csv, minimal_payouts_csv);
  g_autoptr(HkInfluencer) a = hk_influencer_new (ds, 0);
  g_autoptr(HkInfluencer) b = hk_influencer_new (ds, 1);
  g_autoptr(HkPost) post_a = hk_post_new (ds, 0);
  g_autoptr(HkPost) post_b = hk_post_new (ds, 1);
  g_autoptr(HkTrackingRow) row = hk_tracking_row_new (ds, 0);
  g_autoptr(HkPayout) payout = hk_payout_new (ds, 0);

  check_string (a, "id", hk_influencer_get_id (a), "A");
  check_string (a, "gender", hk_influencer_get_gender (a), "Female");
  check_string (a, "city", hk_influencer_get_city (a), "");
  check_string (a, "age-group", hk_influencer_get_age_group (a), "");
  check_string (a, "persona", hk_influencer_get_persona (a), "Beauty · Female");
  check_string (a, "tier", hk_influencer_get_tier (a), "micro"); /* 10k is micro */
  check_string (b, "persona", hk_influencer_get_persona (b), "Unknown · Unknown");
  check_string (b, "tier", hk_influencer_get_tier (b), "macro");

  /* A's post comes first though the file lists B's first. */
  check_string (post_a, "url", hk_post_get_url (post_a), "u0");
  check_string (post_b, "url", hk_post_get_url (post_b), "u1");
  check_string (post_a, "post-id", hk_post_get_post_id (post_a), "");
  check_string (post_a, "brand", hk_post_get_brand (post_a), "");
  check_string (post_a, "campaign", hk_post_get_campaign (post_a), "");
  check_int (post_b, "influencer-index", hk_post_get_influencer_index (post_b), 1);

  check_string (row, "city", hk_tracking_row_get_city (row), "");
  check_string (row, "ab-group", hk_tracking_row_get_ab_group (row), "");
  check_string (row, "brand", hk_tracking_row_get_brand (row), "");

  check_double (payout, "posts", hk_payout_get_posts (payout), NAN);
  check_double (payout, "rate", hk_payout_get_rate (payout), 50);

  for (guint t = HK_TABLE_INFLUENCERS; t <= HK_TABLE_PAYOUTS; t++)
    check_all_properties (ds, t);
}

static void
test_bad_index (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  g_autoptr(HkPost) unusable = NULL;

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*index < hk_dataset_get_n_rows*");
  g_assert_null (hk_post_new (ds, G_N_ELEMENTS (post_cases)));
  g_test_assert_expected_messages ();

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*index < hk_dataset_get_n_rows*");
  g_assert_null (hk_influencer_new (ds, 4));
  g_test_assert_expected_messages ();

  /* Through g_object_new: a record without a row, which its getters refuse. */
  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "HkPost: no row 99*");
  unusable = g_object_new (HK_TYPE_POST, "dataset", ds, "index", 99, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (hk_record_get_dataset (HK_RECORD (unusable)));
  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*dataset != NULL*");
  g_assert_null (hk_post_get_url (unusable));
  g_test_assert_expected_messages ();
}

/* Records made by g_object_new() with no dataset at all, of every type: a
 * critical, then no row, which every getter refuses; a getter also refuses a
 * record of another type, whose index is of another table. */
static void
test_no_dataset (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  g_autoptr(HkInfluencer) inf = NULL;
  g_autoptr(HkPost) post = NULL;
  g_autoptr(HkTrackingRow) row = NULL;
  g_autoptr(HkPayout) payout = NULL;
  g_autoptr(HkInfluencer) other = hk_influencer_new (ds, 3);
  g_autofree char *name = NULL;

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "HkInfluencer: made without a dataset");
  inf = g_object_new (HK_TYPE_INFLUENCER, NULL);
  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "HkPost: made without a dataset");
  post = g_object_new (HK_TYPE_POST, "index", 1, NULL);
  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "HkTrackingRow: made without a dataset");
  row = g_object_new (HK_TYPE_TRACKING_ROW, NULL);
  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "HkPayout: made without a dataset");
  payout = g_object_new (HK_TYPE_PAYOUT, NULL);
  g_test_assert_expected_messages ();

  g_assert_null (hk_record_get_dataset (HK_RECORD (inf)));
  g_assert_null (hk_record_get_dataset (HK_RECORD (post)));
  g_assert_cmpuint (hk_record_get_index (HK_RECORD (post)), ==, 1);
  g_assert_null (hk_record_get_dataset (HK_RECORD (row)));
  g_assert_null (hk_record_get_dataset (HK_RECORD (payout)));

  for (guint i = 0; i < 11; i++)
    g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*dataset != NULL*");
  g_assert_null (hk_influencer_get_name (inf));
  g_assert_true (isnan (hk_influencer_get_follower_count (inf)));
  g_assert_cmpint (hk_post_get_influencer_index (post), ==, -1);
  g_assert_null (hk_post_get_influencer_id (post));
  g_assert_null (hk_post_dup_date_text (post));
  g_object_get (post, "influencer-name", &name, NULL);
  g_assert_null (name);
  g_assert_null (hk_tracking_row_get_influencer_name (row));
  g_assert_cmpint (hk_tracking_row_get_orders (row), ==, 0);
  g_assert_cmpint (hk_tracking_row_get_date (row), ==, HK_DAY_NONE);
  g_assert_null (hk_payout_get_brand (payout));
  g_assert_true (isnan (hk_payout_get_rate (payout)));
  g_test_assert_expected_messages ();

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*HK_IS_POST (self)*");
  g_assert_null (hk_post_get_url ((HkPost *) other));
  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*HK_IS_PAYOUT (self)*");
  g_assert_null (hk_payout_get_influencer_name ((HkPayout *) other));
  g_test_assert_expected_messages ();
}

/* ------------------------------------------------------------------------ */
/* The model                                                                */

/* Records hold a reference on the dataset and models one: the dataset's
 * reference count minus the test's and the models' is the number of live
 * records, whatever their type. */
static guint
live_records (HkDataset *ds,
              guint      n_models)
{
  return g_atomic_int_get (&G_OBJECT (ds)->ref_count) - 1 - n_models;
}

static void
test_model_all_rows (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  static const struct {
    HkTable  table;
    guint    n_items;
    GType  (*get_type) (void);
  } cases[] = {
    { HK_TABLE_INFLUENCERS, G_N_ELEMENTS (influencer_cases), hk_influencer_get_type },
    { HK_TABLE_POSTS, G_N_ELEMENTS (post_cases), hk_post_get_type },
    { HK_TABLE_TRACKING, G_N_ELEMENTS (tracking_cases), hk_tracking_row_get_type },
    { HK_TABLE_PAYOUTS, G_N_ELEMENTS (payout_cases), hk_payout_get_type },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(HkRowModel) model = hk_row_model_new (ds, cases[k].table);
      GListModel *list = G_LIST_MODEL (model);
      GType item_type = G_TYPE_INVALID;
      guint n_items = 0;

      g_assert_true (G_IS_LIST_MODEL (model));
      g_assert_true (hk_row_model_get_dataset (model) == ds);
      g_assert_cmpint (hk_row_model_get_table (model), ==, cases[k].table);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, cases[k].n_items);
      g_assert_true (g_list_model_get_item_type (list) == cases[k].get_type ());
      g_object_get (model, "item-type", &item_type, "n-items", &n_items, NULL);
      g_assert_true (item_type == cases[k].get_type ());
      g_assert_cmpuint (n_items, ==, cases[k].n_items);

      for (guint i = 0; i < cases[k].n_items; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_object (list, i);
          guint index;

          g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (item, cases[k].get_type ()));
          g_object_get (item, "index", &index, NULL);
          g_assert_cmpuint (index, ==, i);
          g_assert_cmpuint (hk_row_model_get_row (model, i), ==, i);
        }
      g_assert_null (g_list_model_get_item (list, cases[k].n_items));
      g_assert_null (g_list_model_get_item (list, G_MAXUINT));
      g_assert_cmpuint (hk_row_model_get_row (model, cases[k].n_items), ==, G_MAXUINT);
    }

  /* The records' ids line up with the expectations through the model too. */
  {
    g_autoptr(HkRowModel) posts = hk_row_model_new (ds, HK_TABLE_POSTS);

    for (guint i = 0; i < G_N_ELEMENTS (post_cases); i++)
      {
        g_autoptr(HkPost) post = g_list_model_get_item (G_LIST_MODEL (posts), i);
        g_assert_cmpstr (hk_post_get_post_id (post), ==, post_cases[i].post_id);
      }
  }
}

static void
on_weak_notify (gpointer  data,
                GObject  *where_the_object_was)
{
  (*(guint *) data)++;
}

static void
test_model_lazy (void)
{
  g_autoptr(HkDataset) ds = NULL;
  g_autoptr(HkRowModel) model = NULL;
  g_autoptr(GString) tracking = g_string_new ("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
  const guint n_rows = 200000;
  guint n_of_influencer[2] = { 0, 0 };
  GObject *items[3];
  guint finalized = 0;

  /* Unattributed, Aarav's and Priya's rows in turn. */
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append_printf (tracking, "instagram,MB_X,%s,U%u,Whey Gold,2024-01-%02u,1,%u\n",
                              r % 3 == 0 ? "" : r % 3 == 1 ? "INF_001" : "7", r, 1 + r % 28, r);
      if (r % 3 > 0)
        n_of_influencer[r % 3 - 1]++;
    }
  ds = import_strings (influencers_csv, NULL, tracking->str, NULL);
  g_assert_cmpuint (live_records (ds, 0), ==, 0);

  model = hk_row_model_new (ds, HK_TABLE_TRACKING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_rows);
  g_assert_cmpuint (live_records (ds, 1), ==, 0);

  /* Each get_item makes one record, and a new one each time. */
  items[0] = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (live_records (ds, 1), ==, 1);
  items[1] = g_list_model_get_item (G_LIST_MODEL (model), n_rows - 1);
  items[2] = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (live_records (ds, 1), ==, 3);
  g_assert_true (items[0] != items[2]);
  g_assert_cmpuint (hk_record_get_index (HK_RECORD (items[1])), ==, n_rows - 1);

  /* The model keeps none of them. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_object_weak_ref (items[i], on_weak_notify, &finalized);
      g_object_unref (items[i]);
    }
  g_assert_cmpuint (finalized, ==, G_N_ELEMENTS (items));
  g_assert_cmpuint (live_records (ds, 1), ==, 0);

  /* Subsets: the influencers' rows, and an array of all the rows. */
  {
    g_autoptr(HkRowModel) first = hk_row_model_new_for_influencer (ds, HK_TABLE_TRACKING, 0);
    g_autoptr(HkRowModel) second = hk_row_model_new_for_influencer (ds, HK_TABLE_TRACKING, 1);
    g_autofree guint *all = g_new (guint, n_rows);
    g_autoptr(HkRowModel) reversed = NULL;

    for (guint r = 0; r < n_rows; r++)
      all[r] = n_rows - 1 - r;
    reversed = hk_row_model_new_for_rows (ds, HK_TABLE_TRACKING, all, n_rows);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, n_of_influencer[0]);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, n_of_influencer[1]);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reversed)), ==, n_rows);
    hk_row_model_set_range (reversed, 0, n_rows);
    g_assert_cmpuint (live_records (ds, 4), ==, 0);
  }
  g_assert_cmpuint (live_records (ds, 1), ==, 0);
}

static void
check_model_rows (HkRowModel  *model,
                  const guint *rows,
                  guint        n_rows)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      guint index;

      g_object_get (item, "index", &index, NULL);
      g_assert_cmpuint (index, ==, rows[i]);
      g_assert_cmpuint (hk_row_model_get_row (model, i), ==, rows[i]);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n_rows));
}

static void
test_model_influencer (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  static const struct {
    HkTable     table;
    guint       influencer;
    const char *ids[3]; /* post ids, tracking ids, payout statuses; NULL-ended */
  } cases[] = {
    { HK_TABLE_POSTS, 0, { "P2", "P4" } },
    { HK_TABLE_POSTS, 1, { "P1", "P5" } },
    { HK_TABLE_POSTS, 2, { NULL } },
    { HK_TABLE_POSTS, 3, { NULL } },
    { HK_TABLE_TRACKING, 0, { "T1", "T5" } },
    { HK_TABLE_TRACKING, 1, { "T3", "T7" } },
    { HK_TABLE_TRACKING, 2, { NULL } },
    { HK_TABLE_TRACKING, 3, { "T6" } },
    { HK_TABLE_PAYOUTS, 0, { "pending" } },
    { HK_TABLE_PAYOUTS, 1, { "paid" } },
    { HK_TABLE_PAYOUTS, 2, { "" } },
    { HK_TABLE_PAYOUTS, 3, { NULL } },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(HkRowModel) model = hk_row_model_new_for_influencer (ds, cases[k].table, cases[k].influencer);
      guint n = 0;

      while (cases[k].ids[n])
        n++;
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
          guint index;
          int influencer;

          g_object_get (item, "index", &index, "influencer-index", &influencer, NULL);
          g_assert_cmpint (influencer, ==, cases[k].influencer);
          if (cases[k].table == HK_TABLE_POSTS)
            g_assert_cmpstr (hk_post_get_post_id (HK_POST (item)), ==, cases[k].ids[i]);
          else
            g_assert_cmpstr (hk_dataset_get_extra_cell (ds, cases[k].table, 0, index), ==, cases[k].ids[i]);
        }
      g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
    }

  /* For the influencers table: the influencer. */
  {
    g_autoptr(HkRowModel) model = hk_row_model_new_for_influencer (ds, HK_TABLE_INFLUENCERS, 2);
    g_autoptr(HkInfluencer) inf = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
    g_assert_cmpstr (hk_influencer_get_id (inf), ==, "INF_003");
  }

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*influencer_index < *");
  g_assert_null (hk_row_model_new_for_influencer (ds, HK_TABLE_POSTS, 4));
  g_test_assert_expected_messages ();
}

static void
test_model_rows (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  guint rows[] = { 4, 0, 2, 2 };
  const guint expected[] = { 4, 0, 2, 2 };
  g_autoptr(HkRowModel) model = hk_row_model_new_for_rows (ds, HK_TABLE_POSTS, rows, G_N_ELEMENTS (rows));
  g_autoptr(HkRowModel) empty = hk_row_model_new_for_rows (ds, HK_TABLE_TRACKING, NULL, 0);

  /* The array was copied. */
  rows[0] = 1;
  check_model_rows (model, expected, G_N_ELEMENTS (expected));
  {
    g_autoptr(HkPost) post = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (hk_post_get_post_id (post), ==, "P3");
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (empty), 0));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (empty)) == HK_TYPE_TRACKING_ROW);

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*rows_valid*");
  rows[0] = G_N_ELEMENTS (post_cases);
  g_assert_null (hk_row_model_new_for_rows (ds, HK_TABLE_POSTS, rows, G_N_ELEMENTS (rows)));
  g_test_assert_expected_messages ();

  g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*TABLE_HAS_RECORDS*");
  g_assert_null (hk_row_model_new (ds, HK_TABLE_HOLDOUT));
  g_test_assert_expected_messages ();
}

typedef struct {
  guint position, removed, added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
on_notify_n_items (GObject    *model,
                   GParamSpec *pspec,
                   guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_model_set_rows (void)
{
  g_autoptr(HkDataset) ds = import_fixture ();
  g_autoptr(HkRowModel) model = hk_row_model_new (ds, HK_TABLE_TRACKING);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n_notifies = 0;
  /* Each step: the rows to show, the signal expected (none when removed and
   * added are 0), whether n-items changes. The model starts on all 7 rows. */
  static const struct {
    guint  rows[8];
    guint  n_rows;
    Change change;
    guint  n_notifies;
  } steps[] = {
    { { 0, 1, 2, 3, 4, 5, 6 }, 7, { 0, 0, 0 }, 0 },        /* the same rows, as an array */
    { { 0, 1, 6, 3, 4, 5, 2 }, 7, { 2, 5, 5 }, 0 },        /* two swapped */
    { { 0, 1, 6, 5, 4, 5, 2 }, 7, { 3, 1, 1 }, 0 },        /* one replaced */
    { { 0, 1, 6, 5, 4, 5, 2, 3 }, 8, { 7, 0, 1 }, 1 },     /* one appended */
    { { 3, 0, 1, 6, 5, 4, 5, 2 }, 8, { 0, 8, 8 }, 0 },     /* rotated: no common end */
    { { 3, 0, 5, 4, 5, 2 }, 6, { 2, 2, 0 }, 1 },           /* two removed */
    { { 3, 0, 1, 1, 5, 4, 5, 2 }, 8, { 2, 0, 2 }, 1 },     /* two inserted */
    { { 0 }, 0, { 0, 8, 0 }, 1 },                          /* emptied */
    { { 0 }, 0, { 0, 0, 0 }, 0 },                          /* still empty */
    { { 6 }, 1, { 0, 0, 1 }, 1 },                          /* from empty */
    { { 6, 6 }, 2, { 1, 0, 1 }, 1 },                       /* a repeated row */
  };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (on_notify_n_items), &n_notifies);

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      const Change *want = &steps[s].change;

      g_array_set_size (changes, 0);
      n_notifies = 0;
      hk_row_model_set_rows (model, steps[s].n_rows ? steps[s].rows : NULL, steps[s].n_rows);
      if (want->removed == 0 && want->added == 0)
        g_assert_cmpuint (changes->len, ==, 0);
      else
        {
          const Change *got = &g_array_index (changes, Change, 0);

          g_assert_cmpuint (changes->len, ==, 1);
          g_assert_cmpuint (got->position, ==, want->position);
          g_assert_cmpuint (got->removed, ==, want->removed);
          g_assert_cmpuint (got->added, ==, want->added);
        }
      g_assert_cmpuint (n_notifies, ==, steps[s].n_notifies);
      check_model_rows (model, steps[s].rows, steps[s].n_rows);
    }

  /* Ranges: back to all rows, then one influencer's. */
  {
    const guint all[] = { 0, 1, 2, 3, 4, 5, 6 };
    const guint priya[] = { 2, 3 };
    g_autoptr(HkRowModel) same = hk_row_model_new_for_influencer (ds, HK_TABLE_TRACKING, 1);

    g_array_set_size (changes, 0);
    hk_row_model_set_range (model, 0, G_N_ELEMENTS (all));
    g_assert_cmpuint (changes->len, ==, 1);
    g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
    g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 1); /* [6, 6]: the last 6 stays */
    g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 6);
    check_model_rows (model, all, G_N_ELEMENTS (all));

    g_array_set_size (changes, 0);
    hk_row_model_set_range (model, 2, 2);
    g_assert_cmpuint (changes->len, ==, 1);
    g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
    g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 7);
    g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 2);
    check_model_rows (model, priya, G_N_ELEMENTS (priya));
    check_model_rows (same, priya, G_N_ELEMENTS (priya));

    /* The same rows as an array: nothing changes. */
    g_array_set_size (changes, 0);
    hk_row_model_set_rows (model, priya, G_N_ELEMENTS (priya));
    g_assert_cmpuint (changes->len, ==, 0);
  }

  /* Rows out of range are refused and change nothing. */
  {
    const guint bad[] = { 0, 7 };
    const guint priya[] = { 2, 3 };

    g_array_set_size (changes, 0);
    g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*rows_valid*");
    hk_row_model_set_rows (model, bad, G_N_ELEMENTS (bad));
    g_test_assert_expected_messages ();
    g_test_expect_message ("HkCore", G_LOG_LEVEL_CRITICAL, "*n_rows <= n_table - first*");
    hk_row_model_set_range (model, 5, 3);
    g_test_assert_expected_messages ();
    g_assert_cmpuint (changes->len, ==, 0);
    check_model_rows (model, priya, G_N_ELEMENTS (priya));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/records/influencer", test_influencer);
  g_test_add_func ("/records/post", test_post);
  g_test_add_func ("/records/tracking-row", test_tracking_row);
  g_test_add_func ("/records/payout", test_payout);
  g_test_add_func ("/records/extra-columns", test_extra_columns);
  g_test_add_func ("/records/optional-columns", test_optional_columns);
  g_test_add_func ("/records/bad-index", test_bad_index);
  g_test_add_func ("/records/no-dataset", test_no_dataset);
  g_test_add_func ("/row-model/all-rows", test_model_all_rows);
  g_test_add_func ("/row-model/lazy", test_model_lazy);
  g_test_add_func ("/row-model/influencer", test_model_influencer);
  g_test_add_func ("/row-model/rows", test_model_rows);
  g_test_add_func ("/row-model/set-rows", test_model_set_rows);

  return g_test_run ();
}
