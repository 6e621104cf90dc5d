/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hk-parse.h"

/* Every value a number cell may hold, checked against strtod() (an independent
 * route) or a value written by hand. */
typedef struct {
  const char *text;
  gboolean    ok;
  double      value; /* when ok */
} NumberCase;

static void
test_numbers (void)
{
  static const NumberCase cases[] = {
    { "42", TRUE, 42 },
    { "0", TRUE, 0 },
    { "-0", TRUE, 0 },
    { "007", TRUE, 7 },
    { "-3.5", TRUE, -3.5 },
    { "+2", TRUE, 2 },
    { "1e6", TRUE, 1e6 },
    { "1E6", TRUE, 1e6 },
    { "1e+6", TRUE, 1e6 },
    { "2.5e-3", TRUE, 0.0025 },
    { ".5", TRUE, 0.5 },
    { "5.", TRUE, 5 },
    { "0.1", TRUE, 0.1 },
    { "  7 ", TRUE, 7 },
    { "\t8\t", TRUE, 8 },
    { "849.8986252455585", TRUE, 849.8986252455585 },
    { "1523.7712091453386", TRUE, 1523.7712091453386 },
    { "12345678901234567890", TRUE, 12345678901234567890.0 },
    { "0.000001", TRUE, 0.000001 },
    { "1e22", TRUE, 1e22 },
    { "1e23", TRUE, 1e23 },
    { "1.7976931348623157e308", TRUE, 1.7976931348623157e308 },
    { "4.9e-324", TRUE, 4.9e-324 },
    { "1e-400", TRUE, 0 }, /* underflows to zero: still a finite number */
    { "", FALSE, 0 },
    { "   ", FALSE, 0 },
    { "-", FALSE, 0 },
    { "+", FALSE, 0 },
    { ".", FALSE, 0 },
    { "-.", FALSE, 0 },
    { "e5", FALSE, 0 },
    { "1e", FALSE, 0 },
    { "1e+", FALSE, 0 },
    { "1e5.5", FALSE, 0 },
    { "NaN", FALSE, 0 },
    { "nan", FALSE, 0 },
    { "inf", FALSE, 0 },
    { "-inf", FALSE, 0 },
    { "Infinity", FALSE, 0 },
    { "1e400", FALSE, 0 }, /* too large for a double */
    { "-1e400", FALSE, 0 },
    { "1,234", FALSE, 0 },
    { "12,5x", FALSE, 0 },
    { "₹500", FALSE, 0 },
    { "$5", FALSE, 0 },
    { "5%", FALSE, 0 },
    { "0x10", FALSE, 0 },
    { "1.2.3", FALSE, 0 },
    { "1 000", FALSE, 0 },
    { "1_000", FALSE, 0 },
    { "--1", FALSE, 0 },
    { "+-1", FALSE, 0 },
    { "1e5e5", FALSE, 0 },
    { "١٢", FALSE, 0 }, /* Arabic-Indic digits */
    { "12\n", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const NumberCase *c = &cases[i];
      double value = -12345;
      gboolean ok;

      g_test_message ("number \"%s\"", c->text);
      ok = hk_parse_double (c->text, strlen (c->text), &value);
      g_assert_cmpint (ok, ==, c->ok);
      if (ok)
        g_assert_cmpfloat (value, ==, c->value);
    }
}

/* The cell need not be NUL-terminated: only len bytes count. */
static void
test_numbers_length (void)
{
  double value;

  g_assert_true (hk_parse_double ("123456", 3, &value));
  g_assert_cmpfloat (value, ==, 123);
  g_assert_true (hk_parse_double ("1.5x", 3, &value));
  g_assert_cmpfloat (value, ==, 1.5);
  g_assert_false (hk_parse_double ("1.5", 0, &value));
}

/* Long numbers are still numbers: 300 digits is 1e299, a finite double. */
static void
test_numbers_long (void)
{
  g_autoptr(GString) text = g_string_new ("1");
  double value;

  for (guint i = 0; i < 299; i++)
    g_string_append_c (text, '0');
  g_assert_true (hk_parse_double (text->str, text->len, &value));
  g_assert_cmpfloat (value, ==, 1e299);

  g_string_assign (text, "0.");
  for (guint i = 0; i < 200; i++)
    g_string_append_c (text, '0');
  g_string_append (text, "25");
  g_assert_true (hk_parse_double (text->str, text->len, &value));
  g_assert_cmpfloat (value, ==, 25e-202);

  g_string_append (text, "x");
  g_assert_false (hk_parse_double (text->str, text->len, &value));
}

/* The fast path must round like strtod(): random values, written the ways
 * spreadsheets and Python write them. */
static void
test_numbers_random (void)
{
  static const char * const formats[] = { "%.17g", "%.15g", "%.2f", "%.6f", "%g", "%.3e", "%.0f" };
  GRand *rand = g_rand_new_with_seed (20240601);

  for (guint i = 0; i < 200000; i++)
    {
      char text[64];
      double x, expected, value;

      switch (i % 4)
        {
        case 0: x = g_rand_double_range (rand, 0, 5000); break;
        case 1: x = g_rand_double_range (rand, -1e6, 1e6); break;
        case 2: x = ldexp (g_rand_double (rand), g_rand_int_range (rand, -60, 60)); break;
        default: x = (double) g_rand_int_range (rand, 0, 1000000) / 100; break;
        }
      g_ascii_formatd (text, sizeof text, formats[i % G_N_ELEMENTS (formats)], x);
      expected = g_ascii_strtod (text, NULL);
      if (!hk_parse_double (text, strlen (text), &value) || value != expected)
        g_error ("\"%s\": expected %.17g, got %.17g", text, expected, value);
    }
  g_rand_free (rand);
}

typedef struct {
  const char *text;
  const char *id;
} IdCase;

static void
test_ids (void)
{
  static const IdCase cases[] = {
    { "7", "7" },
    { " 7 ", "7" },
    { "\t7", "7" },
    { "42.0", "42" },
    { "42.00", "42" },
    { " 42.0 ", "42" },
    { "0.0", "0" },
    { "42.", "42." },
    { "42.5", "42.5" },
    { "42.01", "42.01" },
    { "42.0x", "42.0x" },
    { ".0", ".0" },
    { "4.2e1", "4.2e1" },
    { "-42.0", "-42.0" },
    { "INF_001", "INF_001" },
    { "inf_001", "inf_001" },
    { "INF_001.0", "INF_001.0" },
    { "007", "007" },
    { "", "" },
    { "  ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      const char *id = hk_normalize_id (cases[i].text, strlen (cases[i].text), &len);

      g_test_message ("id \"%s\"", cases[i].text);
      g_assert_cmpmem (id, len, cases[i].id, strlen (cases[i].id));
    }
}

typedef struct {
  const char *text;
  gboolean    ok;
  HkBasis     basis;
} BasisCase;

static void
test_basis (void)
{
  static const BasisCase cases[] = {
    { "post", TRUE, HK_BASIS_POST },
    { "Post", TRUE, HK_BASIS_POST },
    { "POST", TRUE, HK_BASIS_POST },
    { "per_post", TRUE, HK_BASIS_POST },
    { "Per Post", TRUE, HK_BASIS_POST },
    { "PER_POST", TRUE, HK_BASIS_POST },
    { " post ", TRUE, HK_BASIS_POST },
    { "order", TRUE, HK_BASIS_ORDER },
    { "Order", TRUE, HK_BASIS_ORDER },
    { "per_order", TRUE, HK_BASIS_ORDER },
    { "Per Order", TRUE, HK_BASIS_ORDER },
    { "\tper order\t", TRUE, HK_BASIS_ORDER },
    { "hybrid", FALSE, 0 },
    { "", FALSE, 0 },
    { "per", FALSE, 0 },
    { "per_", FALSE, 0 },
    { "per ", FALSE, 0 },
    { "posts", FALSE, 0 },
    { "orders", FALSE, 0 },
    { "perpost", FALSE, 0 },
    { "per-post", FALSE, 0 },
    { "per  post", FALSE, 0 },
    { "per_per_post", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HkBasis basis = 99;
      gboolean ok;

      g_test_message ("basis \"%s\"", cases[i].text);
      ok = hk_parse_basis (cases[i].text, strlen (cases[i].text), &basis);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (basis, ==, cases[i].basis);
    }
}

static void
test_gender (void)
{
  static const struct {
    const char *text;
    const char *gender;
  } cases[] = {
    { "m", "Male" },
    { "M", "Male" },
    { "male", "Male" },
    { "MALE", "Male" },
    { " Male ", "Male" },
    { "f", "Female" },
    { "F", "Female" },
    { "female", "Female" },
    { "FeMale", "Female" },
    { "Other", NULL },
    { "Non-binary", NULL },
    { "", NULL },
    { "ma", NULL },
    { "fem", NULL },
    { "males", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("gender \"%s\"", cases[i].text);
      g_assert_cmpstr (hk_normalize_gender (cases[i].text, strlen (cases[i].text)), ==, cases[i].gender);
    }
}

static void
test_ab_groups (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    HkAbGroup   group;
  } cases[] = {
    { "", TRUE, HK_AB_NONE },
    { "  ", TRUE, HK_AB_NONE },
    { "exposed", TRUE, HK_AB_EXPOSED },
    { "Exposed", TRUE, HK_AB_EXPOSED },
    { "treatment", TRUE, HK_AB_EXPOSED },
    { "TEST", TRUE, HK_AB_EXPOSED },
    { " exposed ", TRUE, HK_AB_EXPOSED },
    { "holdout", TRUE, HK_AB_HOLDOUT },
    { "HOLDOUT", TRUE, HK_AB_HOLDOUT },
    { "control", TRUE, HK_AB_HOLDOUT },
    { "Control", TRUE, HK_AB_HOLDOUT },
    { "maybe", FALSE, 0 },
    { "exposed1", FALSE, 0 },
    { "hold out", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HkAbGroup group = 99;
      gboolean ok;

      g_test_message ("group \"%s\"", cases[i].text);
      ok = hk_parse_ab_group (cases[i].text, strlen (cases[i].text), &group);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (group, ==, cases[i].group);
    }
}

static void
test_headers (void)
{
  static const struct {
    const char *header;
    const char *normalized;
  } cases[] = {
    { "id", "id" },
    { "ID", "id" },
    { "Influencer ID", "influencer_id" },
    { "influencer-id", "influencer_id" },
    { "Follower Count", "follower_count" },
    { "  Follower Count  ", "follower_count" },
    { "\tName\t", "name" },
    { "\xEF\xBB\xBFid", "id" },
    { "\xEF\xBB\xBF Post Date", "post_date" },
    { "Post-Date", "post_date" },
    { "post.url", "post_url" },
    { "Total Payout", "total_payout" },
    { "URL", "url" },
    { "Posts Count", "posts_count" },
    { "AB Group", "ab_group" },
    { "Ville", "ville" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = hk_normalize_header (cases[i].header);

      g_test_message ("header \"%s\"", cases[i].header);
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
    }
}

static void
test_trim (void)
{
  static const struct {
    const char *text;
    const char *trimmed;
  } cases[] = {
    { "a", "a" },
    { " a ", "a" },
    { "\t a b \t", "a b" },
    { "   ", "" },
    { "", "" },
    { "\na\n", "\na\n" }, /* only spaces and tabs */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *s = cases[i].text;
      gsize len = strlen (s);

      hk_trim (&s, &len);
      g_assert_cmpmem (s, len, cases[i].trimmed, strlen (cases[i].trimmed));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/numbers", test_numbers);
  g_test_add_func ("/parse/numbers/length", test_numbers_length);
  g_test_add_func ("/parse/numbers/long", test_numbers_long);
  g_test_add_func ("/parse/numbers/random", test_numbers_random);
  g_test_add_func ("/parse/ids", test_ids);
  g_test_add_func ("/parse/basis", test_basis);
  g_test_add_func ("/parse/gender", test_gender);
  g_test_add_func ("/parse/ab-groups", test_ab_groups);
  g_test_add_func ("/parse/headers", test_headers);
  g_test_add_func ("/parse/trim", test_trim);

  return g_test_run ();
}
