/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-simulator-private.h"

/* ---------------------------------------------------------------------- */
/* Products and brands                                                      */

/* Grouped by brand; each name starts with its brand and a space. */
const Product _hk_sim_products[] = {
  { "MuscleBlaze Biozyme Whey 1kg", 2899, 30 },
  { "MuscleBlaze Biozyme Whey 2kg", 5199, 12 },
  { "MuscleBlaze Raw Whey 1kg", 1999, 14 },
  { "MuscleBlaze Creatine Monohydrate 250g", 899, 16 },
  { "MuscleBlaze Mass Gainer XXL 3kg", 2499, 8 },
  { "MuscleBlaze Pre Workout 200 100g", 1199, 6 },
  { "MuscleBlaze Fish Oil 90 Capsules", 649, 5 },
  { "MuscleBlaze Protein Bar Pack of 6", 540, 7 },
  { "MuscleBlaze High Protein Oats 1kg", 449, 6 },

  { "HKVitals Multivitamin 60 Tablets", 549, 30 },
  { "HKVitals Biotin 10000mcg 60 Tablets", 599, 16 },
  { "HKVitals Fish Oil 1000mg 60 Softgels", 499, 12 },
  { "HKVitals Skin Radiance Collagen 200g", 1399, 10 },
  { "HKVitals Vitamin D3 K2 60 Tablets", 449, 8 },
  { "HKVitals Ashwagandha 60 Capsules", 399, 8 },
  { "HKVitals ProbioFiber 250g", 649, 6 },
  { "HKVitals Apple Cider Vinegar 500ml", 499, 10 },

  { "Gritzo SuperMilk Kids 400g", 649, 28 },
  { "Gritzo SuperMilk Young Athletes 400g", 749, 16 },
  { "Gritzo SuperMilk Kids 1kg", 1399, 12 },
  { "Gritzo SuperMilk Daily Nutrition 750g", 1099, 10 },
  { "Gritzo SuperMilk Teens 400g", 699, 8 },
  { "Gritzo ProteinShake Kids Chocolate 6x200ml", 450, 12 },
  { "Gritzo Kids Protein Bar Pack of 6", 360, 10 },
};

const guint _hk_sim_brand_first_product[N_BRANDS + 1] = { 0, 9, 17, G_N_ELEMENTS (_hk_sim_products) };

/* The brand's hashtag. */
static const char * const brand_tag[N_BRANDS] = { "#MuscleBlaze", "#HKVitals", "#Gritzo" };

/* Campaign themes: one season per two calendar months, then focus words for
 * a brand's concurrent campaigns in large datasets. */
static const char * const seasons[N_BRANDS][6] = {
  { "NewYearGains", "SummerShred", "BeastMode", "MonsoonMass", "FestiveFit", "WinterBulk" },
  { "FreshStart", "SummerGlow", "HydrateRight", "MonsoonImmunity", "FestiveWellness", "WinterShield" },
  { "GrowStrong", "ExamFuel", "SummerCamp", "BackToSchool", "FestiveTreats", "ChildrensDay" },
};
static const char * const focus_words[N_BRANDS][MAX_VARIANTS] = {
  { "", "Biozyme", "Creatine", "MassGainer", "PreWorkout", "RawWhey", "GymBuddy", "AthletePro" },
  { "", "Multivitamin", "Biotin", "Collagen", "FishOil", "VitaminD", "Ashwagandha", "GutHealth" },
  { "", "SuperMilk", "YoungAthletes", "ProteinShake", "KidsBar", "TallerStronger", "SmartSnack", "SportsKids" },
};

/* ---------------------------------------------------------------------- */
/* Platforms and categories                                                 */

const Platform _hk_sim_platforms[N_PLATFORMS] = {
  { "Instagram", "instagram", 60, 0.28, 0.045, 0.025, 0.04, 1.0, 1.0, 1.0 },
  { "YouTube", "youtube", 25, 0.45, 0.035, 0.060, 0.02, 1.2, 0.5, 1.5 },
  { "Twitter", "twitter", 15, 0.12, 0.012, 0.100, 0.25, 0.8, 1.6, 0.4 },
};

const Category _hk_sim_categories[] = {
  { "Fitness", "#FitnessIndia", 22, { 60, 30, 10 }, 55, 1.10,
    { "Early morning workout done", "Leg day never gets easier", "New personal best today",
      "Consistency beats motivation every single time" } },
  { "Nutrition", "#NutritionTips", 12, { 35, 50, 15 }, 40, 0.85,
    { "Meal prep Sunday sorted", "Protein at every meal is the easiest habit to build",
      "Reading labels changed the way I eat", "High protein breakfast ideas for busy mornings" } },
  { "Bodybuilding", "#Bodybuilding", 12, { 85, 12, 3 }, 85, 1.20,
    { "Off-season bulk is going strong", "Back and biceps, no skipping",
      "Twelve weeks out from my next show", "Heavy deadlifts today" } },
  { "Wellness", "#WellnessJourney", 12, { 15, 75, 10 }, 35, 0.90,
    { "Small daily habits add up", "My evening wind-down routine",
      "Sleep, sunlight and supplements", "Taking care of my gut this month" } },
  { "Yoga", "#YogaEveryday", 9, { 10, 80, 10 }, 30, 1.00,
    { "Sunrise flow by the lake", "Twenty minutes of pranayama to start the day",
      "Holding crow pose longer every week", "Flexibility comes with patience" } },
  { "Lifestyle", "#LifestyleBlogger", 14, { 35, 45, 20 }, 45, 1.00,
    { "Weekend reset", "What I eat in a day", "Travel diaries, healthy edition",
      "My honest review after a month" } },
  { "Parenting", "#ParentingTips", 10, { 5, 25, 70 }, 20, 1.15,
    { "Tiffin ideas the kids actually finish", "Homework, playtime and a healthy snack",
      "Picky eater update", "They are growing up so fast" } },
  { "Sports", "#SportsLife", 9, { 60, 20, 20 }, 70, 1.05,
    { "Match day prep", "Recovery after a long training block", "Net practice in the heat",
      "Marathon training, week six" } },
};
G_STATIC_ASSERT (G_N_ELEMENTS (_hk_sim_categories) == N_CATEGORIES);

static const char * const product_lines[] = {
  "Fuelled by %s.",
  "Loving %s lately.",
  "%s is part of my routine now.",
  "Recovery, strength and energy: %s covers it.",
  "Tried %s for 30 days, here is my honest take.",
  "My go-to: %s.",
  "Stocked up on %s again.",
  "Honestly, %s just works for me.",
};

static const char * const flourishes[] = {
  " Chalo, let's go!",
  " Bas, no more excuses.",
  " Tag your gym buddy!",
  " Save this for later.",
  " Full video on my channel.",
  " Thoughts? Let me know in the comments.",
};

/* ---------------------------------------------------------------------- */
/* People, places, where organic orders come from                           */

static const char * const male_first_names[] = {
  "Aarav", "Arjun", "Rohan", "Vikram", "Rahul", "Aditya", "Karan", "Siddharth", "Aniket", "Varun",
  "Nikhil", "Pranav", "Kunal", "Harsh", "Yash", "Manish", "Abhishek", "Rajat", "Gaurav", "Akash",
  "Sahil", "Ishaan", "Kabir", "Dhruv", "Ritesh", "Sandeep", "Vivek", "Amit", "Deepak", "Suresh",
  "Naveen", "Tarun", "Mohit", "Ankit", "Jatin", "Farhan", "Imran", "Gurpreet", "Arvind", "Karthik",
};

static const char * const female_first_names[] = {
  "Priya", "Ananya", "Sneha", "Kavya", "Pooja", "Neha", "Riya", "Aditi", "Shreya", "Isha",
  "Meera", "Divya", "Tanvi", "Nisha", "Anjali", "Kritika", "Swati", "Payal", "Simran", "Aishwarya",
  "Lakshmi", "Deepika", "Rashmi", "Sakshi", "Nandini", "Pallavi", "Radhika", "Shruti", "Tanya", "Bhavna",
  "Megha", "Komal", "Sonal", "Zoya", "Ayesha", "Harleen", "Janani", "Keerthi", "Madhuri", "Vidya",
};

static const char * const last_names[] = {
  "Sharma", "Verma", "Gupta", "Singh", "Patel", "Reddy", "Nair", "Iyer", "Menon", "Rao",
  "Joshi", "Kulkarni", "Deshmukh", "Chopra", "Malhotra", "Kapoor", "Mehta", "Shah", "Bose", "Banerjee",
  "Chatterjee", "Das", "Mukherjee", "Pillai", "Naidu", "Agarwal", "Bansal", "Jain", "Saxena", "Srivastava",
  "Tiwari", "Mishra", "Pandey", "Yadav", "Chauhan", "Thakur", "Gill", "Sandhu", "Khan", "Fernandes",
};

G_STATIC_ASSERT (G_N_ELEMENTS (male_first_names) == N_FIRST_NAMES);
G_STATIC_ASSERT (G_N_ELEMENTS (female_first_names) == N_FIRST_NAMES);
G_STATIC_ASSERT (G_N_ELEMENTS (last_names) == N_LAST_NAMES);

const char * const _hk_sim_cities[] = {
  "Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata", "Pune", "Ahmedabad",
  "Jaipur", "Lucknow", "Chandigarh", "Kochi", "Indore", "Gurugram", "Noida", "Surat",
  "Bhopal", "Nagpur", "Visakhapatnam", "Coimbatore", "Guwahati", "Dehradun",
};
const guint16 _hk_sim_city_weights[G_N_ELEMENTS (_hk_sim_cities)] = {
  14, 14, 13, 8, 7, 6, 7, 5, 4, 3, 3, 3, 3, 4, 3, 2, 2, 2, 2, 2, 1, 1,
};
G_STATIC_ASSERT (G_N_ELEMENTS (_hk_sim_cities) == N_CITIES);

const char * const _hk_sim_age_groups[] = { "18-24", "25-34", "35-44", "45-54" };
const guint16 _hk_sim_age_group_weights[G_N_ELEMENTS (_hk_sim_age_groups)] = { 30, 45, 18, 7 };
G_STATIC_ASSERT (G_N_ELEMENTS (_hk_sim_age_groups) == N_AGE_GROUPS);

static const char * const organic_sources[] = {
  "google", "direct", "email", "app_push", "whatsapp", "facebook_ads",
};
static const guint16 organic_source_weights[] = { 38, 24, 12, 10, 8, 8 };

/* The tracking source of a purchase no influencer brought. */
const char *
_hk_sim_organic_source (HkRng *rng)
{
  return organic_sources[rng_weighted (rng, organic_source_weights,
                                       G_N_ELEMENTS (organic_sources))];
}

/* ---------------------------------------------------------------------- */
/* Words put together                                                       */

static const char *
influencer_first_name (const Influencer *inf)
{
  return inf->gender == 0 ? male_first_names[inf->first_name] : female_first_names[inf->first_name];
}

static void
append_lower (GString    *out,
              const char *text)
{
  for (const char *p = text; *p; p++)
    g_string_append_c (out, g_ascii_tolower (*p));
}

static void
append_upper (GString    *out,
              const char *text)
{
  for (const char *p = text; *p; p++)
    g_string_append_c (out, g_ascii_toupper (*p));
}

/* The influencer's handle on its platform, e.g. "priya.sharma_fit". */
static void
append_handle (GString          *out,
               const Influencer *inf)
{
  const char *first = influencer_first_name (inf);
  const char *last = last_names[inf->last_name];

  switch (inf->handle_style)
    {
    case 0:
      append_lower (out, first);
      g_string_append_c (out, '.');
      append_lower (out, last);
      break;
    case 1:
      append_lower (out, first);
      append_lower (out, last);
      g_string_append (out, "_fit");
      break;
    case 2:
      g_string_append (out, "the");
      append_lower (out, first);
      append_lower (out, last);
      break;
    case 3:
      append_lower (out, first);
      g_string_append_c (out, '_');
      append_lower (out, last);
      g_string_append_printf (out, "%u", (guint) inf->handle_number);
      break;
    case 4:
      g_string_append (out, "fitwith");
      append_lower (out, first);
      break;
    default:
      append_lower (out, first);
      append_lower (out, last);
      g_string_append (out, ".official");
      break;
    }
}

/* A campaign's theme, e.g. "MonsoonMassCreatine". */
char *
_hk_sim_campaign_theme (guint brand,
                        guint season,
                        guint variant)
{
  return g_strconcat (seasons[brand][season], focus_words[brand][variant], NULL);
}

/* A campaign's name: brand, theme and year ("MuscleBlaze_MonsoonMassCreatine_2025"),
 * and with --long-names what agencies add after them; the brand stays first,
 * before an underscore, so tracking rows still find their brand. */
char *
_hk_sim_campaign_name (const Simulation *sim,
                       guint             brand,
                       const char       *theme,
                       int               year,
                       guint             variant)
{
  if (!sim->options->long_names)
    return g_strdup_printf ("%s_%s_%d", hk_known_brands[brand], theme, year);
  return g_strdup_printf ("%s_%s_%d_AlwaysOn_CreatorPerformance_PanIndia_DigitalFirst_Tier%u_Wave%02u",
                          hk_known_brands[brand], theme, year, variant + 1, (guint) (year % 100));
}

/* The long product names of --long-names: the product's own first (its brand
 * leads it, so tracking rows keep their brand), then what shop listings add,
 * commas included. NULL names without the option. */
void
_hk_sim_name_products (Simulation *sim)
{
  static const char *const variants[] = {
    "Rich Chocolate", "Unflavoured", "Café Mocha", "Kesar Pista Badam", "Mango", "Cookies & Cream",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (_hk_sim_products) <= G_N_ELEMENTS (sim->product_names));
  if (!sim->options->long_names)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (_hk_sim_products); i++)
    sim->product_names[i] =
      g_strdup_printf ("%s, %s, Lab Tested for Purity and Label Claims, "
                       "Official Brand Store Listing with Free Shipping Across India (SKU HK-%04u)",
                       _hk_sim_products[i].name, variants[i % G_N_ELEMENTS (variants)], 1000 + 37 * i);
}

/* The unknown columns of --extra-columns, at the end of each table's rows:
 * their headers and row's cells (from the row's index, not the random
 * streams, so the world stays the same). Returns how many. */
guint
_hk_sim_shape_extras (HkTable      table,
                      guint64      row,
                      const char **headers,
                      const char **cells)
{
  static const char *const devices[] = { "android", "ios", "web", "android", "ios" };
  static const char *const coupons[] = { "", "SAVE10", "FIRST50", "", "CREATOR15", "", "", "FESTIVE20" };
  static const char *const formats[] = { "reel", "story", "static", "video", "carousel" };
  static const char *const tiers[] = { "nano", "micro", "mid", "macro" };
  static const char *const owners[] = { "growth", "brand", "performance" };
  guint64 h = (row + 1) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  h ^= h >> 29;
  switch (table)
    {
    case HK_TABLE_INFLUENCERS:
      headers[0] = "tier", cells[0] = tiers[h % G_N_ELEMENTS (tiers)];
      headers[1] = "onboarded_by", cells[1] = owners[(h >> 8) % G_N_ELEMENTS (owners)];
      return 2;
    case HK_TABLE_POSTS:
      headers[0] = "content_format", cells[0] = formats[h % G_N_ELEMENTS (formats)];
      return 1;
    case HK_TABLE_TRACKING:
      headers[0] = "device", cells[0] = devices[h % G_N_ELEMENTS (devices)];
      headers[1] = "coupon_code", cells[1] = coupons[(h >> 8) % G_N_ELEMENTS (coupons)];
      return 2;
    case HK_TABLE_PAYOUTS:
      headers[0] = "currency", cells[0] = "INR";
      return 1;
    case HK_TABLE_HOLDOUT:
    default:
      headers[0] = "owner", cells[0] = owners[h % G_N_ELEMENTS (owners)];
      return 1;
    }
}

/* Sets out to the influencer's full name. */
void
_hk_sim_format_name (GString          *out,
                     const Influencer *inf)
{
  g_string_printf (out, "%s %s", influencer_first_name (inf), last_names[inf->last_name]);
}

/* The post's address on its platform. */
void
_hk_sim_append_url (GString          *out,
                    const Influencer *inf,
                    const Post       *post,
                    HkRng            *rng)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  switch (inf->platform)
    {
    case PLATFORM_INSTAGRAM:
      g_string_append (out, rng_below (rng, 100) < 40 ? "https://www.instagram.com/reel/"
                                                       : "https://www.instagram.com/p/");
      for (guint i = 0; i < 11; i++)
        g_string_append_c (out, alphabet[rng_below (rng, 64)]);
      g_string_append_c (out, '/');
      break;
    case PLATFORM_YOUTUBE:
      g_string_append (out, rng_below (rng, 100) < 30 ? "https://www.youtube.com/shorts/"
                                                       : "https://www.youtube.com/watch?v=");
      for (guint i = 0; i < 11; i++)
        g_string_append_c (out, alphabet[rng_below (rng, 64)]);
      break;
    default:
      {
        /* A snowflake id: milliseconds since Twitter's epoch, shifted. */
        gint64 ms = (gint64) post->day * 86400000 + rng_below (rng, 86400000) -
                    G_GINT64_CONSTANT (1288834974657);
        guint64 id;

        if (ms < 0)
          ms = rng_below (rng, 1u << 30);
        id = ((guint64) ms << 22) | rng_below (rng, 1u << 22);
        g_string_append (out, "https://twitter.com/");
        append_handle (out, inf);
        g_string_append_printf (out, "/status/%" G_GUINT64_FORMAT, id);
      }
      break;
    }
}

/* An opener of the influencer's category, a line on the post's product, now
 * and then a discount code or a flourish, then hashtags. theme: the post's
 * campaign's, for its hashtag. */
void
_hk_sim_append_caption (GString          *out,
                        const Influencer *inf,
                        const Post       *post,
                        const char       *theme,
                        HkRng            *rng)
{
  const Category *cat = &_hk_sim_categories[inf->category];
  const char *opener = cat->openers[rng_below (rng, G_N_ELEMENTS (cat->openers))];
  const char *line = product_lines[rng_below (rng, G_N_ELEMENTS (product_lines))];
  const char *line_mark = strstr (line, "%s");

  if (rng_chance (rng, 25))
    g_string_append_printf (out, "\"%s\" - that's the mantra.", opener);
  else
    {
      g_string_append (out, opener);
      g_string_append (out, rng_below (rng, 2) ? "! " : ". ");
    }
  if (out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
  g_string_append_len (out, line, line_mark - line);
  g_string_append (out, _hk_sim_products[post->product].name);
  g_string_append (out, line_mark + 2);
  if (rng_chance (rng, 300))
    {
      guint discount = rng_below (rng, 2) ? 10 : 15;

      g_string_append (out, " Use code ");
      append_upper (out, influencer_first_name (inf));
      g_string_append_printf (out, "%u for %u%% off.", discount, discount);
    }
  if (rng_chance (rng, 150))
    g_string_append (out, flourishes[rng_below (rng, G_N_ELEMENTS (flourishes))]);

  /* Hashtags, after a line break in a few captions. */
  g_string_append_c (out, rng_chance (rng, 30) ? '\n' : ' ');
  g_string_append (out, brand_tag[post->brand]);
  g_string_append (out, " #");
  g_string_append (out, theme);
  if (inf->platform != PLATFORM_TWITTER)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, cat->hashtag);
      g_string_append (out, rng_below (rng, 2) ? " #HealthKart" : " #FitIndia");
    }
}

