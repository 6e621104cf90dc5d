/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GROUPING and ABMON for nl_langinfo_l(): the test reads glibc's data itself. */
#define _GNU_SOURCE 1

#include "config.h"

#include <float.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "hk-date.h"
#include "hk-format.h"
#include "hk-format-private.h"

/* Every expectation is written three times: Indian grouping (en_IN, hi_IN),
 * the locale's own thousands (en_US) and no grouping (C). */
typedef enum { INDIAN, WESTERN, PLAIN, N_STYLES } Style;

static const struct {
  const char *name;
  Style       style;
} locales[] = {
  { "en_IN.UTF-8", INDIAN },
  { "hi_IN.UTF-8", INDIAN },
  { "en_US.UTF-8", WESTERN },
  { "C", PLAIN },
};

typedef struct {
  double      value;
  int         decimals;
  const char *expected[N_STYLES];
} Case;

/* hk_format_number, 2 decimals unless said. */
static const Case number_cases[] = {
  { 0, 2, { "0.00", "0.00", "0.00" } },
  { 0.5, 2, { "0.50", "0.50", "0.50" } },
  { 0.5, 0, { "1", "1", "1" } },
  { 999, 2, { "999.00", "999.00", "999.00" } },
  { 1000, 2, { "1,000.00", "1,000.00", "1000.00" } },
  { 99999, 2, { "99,999.00", "99,999.00", "99999.00" } },
  { 100000, 2, { "1,00,000.00", "100,000.00", "100000.00" } },
  { 1234567.891, 2, { "12,34,567.89", "1,234,567.89", "1234567.89" } },
  { 1234567.891, 0, { "12,34,568", "1,234,568", "1234568" } },
  { 12345678.9, 2, { "1,23,45,678.90", "12,345,678.90", "12345678.90" } },
  { 1e12, 2, { "10,00,00,00,00,000.00", "1,000,000,000,000.00", "1000000000000.00" } },
  { 1e15, 0, { "1,00,00,00,00,00,00,000", "1,000,000,000,000,000", "1000000000000000" } },
  { -1500, 2, { "−1,500.00", "−1,500.00", "−1500.00" } },
  { -1500, 0, { "−1,500", "−1,500", "−1500" } },
  { NAN, 2, { "—", "—", "—" } },
  { INFINITY, 2, { "—", "—", "—" } },
  { -INFINITY, 0, { "—", "—", "—" } },
  { -0.0, 2, { "0.00", "0.00", "0.00" } },
  { -0.0, 0, { "0", "0", "0" } },
};

/* hk_format_money. */
static const Case money_cases[] = {
  { 12345678.9, 2, { "₹1,23,45,678.90", "₹12,345,678.90", "₹12345678.90" } },
  { 1234567.891, 0, { "₹12,34,568", "₹1,234,568", "₹1234568" } },
  { 100000, 2, { "₹1,00,000.00", "₹100,000.00", "₹100000.00" } },
  { 999, 2, { "₹999.00", "₹999.00", "₹999.00" } },
  { 0.5, 2, { "₹0.50", "₹0.50", "₹0.50" } },
  { -500, 2, { "−₹500.00", "−₹500.00", "−₹500.00" } },
  { -1500, 2, { "−₹1,500.00", "−₹1,500.00", "−₹1500.00" } },
  { 1e12, 0, { "₹10,00,00,00,00,000", "₹1,000,000,000,000", "₹1000000000000" } },
  { 0, 2, { "₹0.00", "₹0.00", "₹0.00" } },
  { -0.0, 2, { "₹0.00", "₹0.00", "₹0.00" } },
  { -0.001, 2, { "₹0.00", "₹0.00", "₹0.00" } },
  { NAN, 2, { "—", "—", "—" } },
  { -INFINITY, 2, { "—", "—", "—" } },
};

/* hk_format_money_compact; hk_format_count_compact is the same without "₹". */
static const Case compact_cases[] = {
  { 0, 0, { "₹0", "₹0", "₹0" } },
  { 0.5, 0, { "₹1", "₹1", "₹1" } },
  { 999, 0, { "₹999", "₹999", "₹999" } },
  { 999.5, 0, { "₹1,000", "₹1K", "₹1K" } },
  { 1000, 0, { "₹1,000", "₹1K", "₹1K" } },
  { 1234.5, 0, { "₹1,235", "₹1.2K", "₹1.2K" } },
  { 9500, 0, { "₹9,500", "₹9.5K", "₹9.5K" } },
  { 45600, 0, { "₹45,600", "₹45.6K", "₹45.6K" } },
  { 99999, 0, { "₹99,999", "₹100K", "₹100K" } },
  { 99999.5, 0, { "₹1 L", "₹100K", "₹100K" } },
  { 100000, 0, { "₹1 L", "₹100K", "₹100K" } },
  { 125000, 0, { "₹1.3 L", "₹125K", "₹125K" } },
  { 4560000, 0, { "₹45.6 L", "₹4.6M", "₹4.6M" } },
  { 9999999, 0, { "₹1 Cr", "₹10M", "₹10M" } },
  { 12345678, 0, { "₹1.2 Cr", "₹12.3M", "₹12.3M" } },
  { 999999999, 0, { "₹100 Cr", "₹1B", "₹1B" } },
  { 1.5e9, 0, { "₹150 Cr", "₹1.5B", "₹1.5B" } },
  { 3.45e9, 0, { "₹345 Cr", "₹3.5B", "₹3.5B" } },
  { 1e12, 0, { "₹1,00,000 Cr", "₹1,000B", "₹1000B" } },
  { -50000, 0, { "−₹50,000", "−₹50K", "−₹50K" } },
  { -1.5e7, 0, { "−₹1.5 Cr", "−₹15M", "−₹15M" } },
  { -0.0, 0, { "₹0", "₹0", "₹0" } },
  { -0.4, 0, { "₹0", "₹0", "₹0" } },
  { NAN, 0, { "—", "—", "—" } },
  { INFINITY, 0, { "—", "—", "—" } },
};

/* hk_format_money_short (cards, the compact money style): large amounts to
 * three significant figures, small ones exact to the paisa. */
static const Case short_cases[] = {
  { 0, 0, { "₹0.00", "₹0.00", "₹0.00" } },
  { 3.61, 0, { "₹3.61", "₹3.61", "₹3.61" } },
  { 3.605, 0, { "₹3.61", "₹3.61", "₹3.61" } },
  { 999.5, 0, { "₹999.50", "₹1K", "₹1K" } },
  { 1234.5, 0, { "₹1,234.50", "₹1.23K", "₹1.23K" } },
  { 45600, 0, { "₹45,600.00", "₹45.6K", "₹45.6K" } },
  { 99999.996, 0, { "₹1 L", "₹100K", "₹100K" } },
  { 125000, 0, { "₹1.25 L", "₹125K", "₹125K" } },
  { 4560000, 0, { "₹45.6 L", "₹4.56M", "₹4.56M" } },
  { 31112228, 0, { "₹3.11 Cr", "₹31.1M", "₹31.1M" } },
  { 15000000, 0, { "₹1.5 Cr", "₹15M", "₹15M" } },
  { 3.45e9, 0, { "₹345 Cr", "₹3.45B", "₹3.45B" } },
  { 9.996e7, 0, { "₹10 Cr", "₹100M", "₹100M" } },
  { -3.61, 0, { "−₹3.61", "−₹3.61", "−₹3.61" } },
  { -1.5e7, 0, { "−₹1.5 Cr", "−₹15M", "−₹15M" } },
  { NAN, 0, { "—", "—", "—" } },
};

/* hk_format_percent: value is a fraction. */
static const Case percent_cases[] = {
  { 0.0345, 2, { "3.45%", "3.45%", "3.45%" } },
  { 0.0345, 1, { "3.5%", "3.5%", "3.5%" } },
  { 0.005, 0, { "1%", "1%", "1%" } },
  { 0.5, 0, { "50%", "50%", "50%" } },
  { 1, 2, { "100.00%", "100.00%", "100.00%" } },
  { 12.5, 0, { "1,250%", "1,250%", "1250%" } },
  { 1000, 0, { "1,00,000%", "100,000%", "100000%" } },
  { -0.05, 1, { "−5.0%", "−5.0%", "−5.0%" } },
  { 0.00001, 2, { "0.00%", "0.00%", "0.00%" } },
  { -0.0, 2, { "0.00%", "0.00%", "0.00%" } },
  { NAN, 2, { "—", "—", "—" } },
};

/* hk_format_ratio: always 2 decimals (the decimals column is unused). */
static const Case ratio_cases[] = {
  { 3.25, 2, { "3.25×", "3.25×", "3.25×" } },
  { 3.254, 2, { "3.25×", "3.25×", "3.25×" } },
  { 3.255, 2, { "3.26×", "3.26×", "3.26×" } },
  { 0, 2, { "0.00×", "0.00×", "0.00×" } },
  { 12345.678, 2, { "12,345.68×", "12,345.68×", "12345.68×" } },
  { 1234567, 2, { "12,34,567.00×", "1,234,567.00×", "1234567.00×" } },
  { -0.5, 2, { "−0.50×", "−0.50×", "−0.50×" } },
  { NAN, 2, { "—", "—", "—" } },
  { INFINITY, 2, { "—", "—", "—" } },
};

typedef enum {
  KIND_NUMBER,
  KIND_MONEY,
  KIND_MONEY_COMPACT,
  KIND_COUNT_COMPACT,
  KIND_MONEY_SHORT,
  KIND_PERCENT,
  KIND_RATIO,
} Kind;

static char *
format_as (Kind                  kind,
           const HkNumberFormat *format,
           double                value,
           int                   decimals)
{
  switch (kind)
    {
    case KIND_NUMBER:
      return hk_format_number (format, value, decimals);
    case KIND_MONEY:
      return hk_format_money (format, value, decimals);
    case KIND_MONEY_COMPACT:
      return hk_format_money_compact (format, value);
    case KIND_COUNT_COMPACT:
      return hk_format_count_compact (format, value);
    case KIND_MONEY_SHORT:
      return hk_format_money_short (format, value);
    case KIND_PERCENT:
      return hk_format_percent (format, value, decimals);
    case KIND_RATIO:
      return hk_format_ratio (format, value);
    default:
      g_assert_not_reached ();
    }
}

/* "₹1.2 Cr" → "1.2 Cr", "−₹500" → "−500". */
static char *
without_rupee (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "₹", "", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
check_cases (Kind        kind,
             const Case *cases,
             gsize       n_cases)
{
  for (gsize l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      HkNumberFormat format;

      hk_number_format_for_locale (&format, locales[l].name);
      for (gsize i = 0; i < n_cases; i++)
        {
          const Case *c = &cases[i];
          g_autofree char *got = format_as (kind, &format, c->value, c->decimals);
          g_autofree char *expected = kind == KIND_COUNT_COMPACT
            ? without_rupee (c->expected[locales[l].style])
            : g_strdup (c->expected[locales[l].style]);

          g_test_message ("%s: %.17g, %d decimals", locales[l].name, c->value, c->decimals);
          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_number (void)
{
  check_cases (KIND_NUMBER, number_cases, G_N_ELEMENTS (number_cases));
}

static void
test_money (void)
{
  check_cases (KIND_MONEY, money_cases, G_N_ELEMENTS (money_cases));
}

static void
test_money_compact (void)
{
  check_cases (KIND_MONEY_COMPACT, compact_cases, G_N_ELEMENTS (compact_cases));
}

static void
test_money_short (void)
{
  check_cases (KIND_MONEY_SHORT, short_cases, G_N_ELEMENTS (short_cases));
}

static void
test_count_compact (void)
{
  HkNumberFormat indian, western;

  check_cases (KIND_COUNT_COMPACT, compact_cases, G_N_ELEMENTS (compact_cases));

  hk_number_format_for_locale (&indian, "en_IN.UTF-8");
  hk_number_format_for_locale (&western, "en_US.UTF-8");
  {
    g_autofree char *a = hk_format_count_compact (&indian, 12500);
    g_autofree char *b = hk_format_count_compact (&indian, 1.2e7);
    g_autofree char *c = hk_format_count_compact (&western, 1.2e6);

    g_assert_cmpstr (a, ==, "12,500");
    g_assert_cmpstr (b, ==, "1.2 Cr");
    g_assert_cmpstr (c, ==, "1.2M");
  }
}

static void
test_percent (void)
{
  check_cases (KIND_PERCENT, percent_cases, G_N_ELEMENTS (percent_cases));
}

static void
test_ratio (void)
{
  check_cases (KIND_RATIO, ratio_cases, G_N_ELEMENTS (ratio_cases));
}

/* Half away from zero, on the decimal the value reads as. */
static void
test_rounding (void)
{
  static const struct {
    double      value;
    int         decimals;
    const char *expected;
  } cases[] = {
    { 0.5, 0, "1" },
    { 1.5, 0, "2" },
    { 2.5, 0, "3" },     /* printf's half-to-even gives "2" */
    { -2.5, 0, "−3" },
    { 0.125, 2, "0.13" },
    { 2.675, 2, "2.68" }, /* 2.67499999… in binary */
    { 1.005, 2, "1.01" },
    { -0.005, 2, "−0.01" },
    { -0.004, 2, "0.00" },
    { 0.0049, 2, "0.00" },
    { 9.995, 2, "10.00" },
    { 999.995, 2, "1,000.00" },
    { 999999.5, 0, "1,000,000" },
    { 123.456, 0, "123" },
    { 0.1 + 0.2, 2, "0.30" },
    { 0.1 + 0.2, 17, "0.30000000000000004" },
    { 0.1, 20, "0.10000000000000000000" },
    { 1e-300, 2, "0.00" },
    { 5e-324, 0, "0" },
    { -1e-300, 0, "0" },
    { 1.5e-7, 7, "0.0000002" },
  };
  HkNumberFormat format;

  hk_number_format_for_locale (&format, "en_US.UTF-8");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = hk_format_number (&format, cases[i].value, cases[i].decimals);

      g_test_message ("%.17g, %d decimals", cases[i].value, cases[i].decimals);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* The digits of text with every separator taken out, checking that the
 * groups have the sizes of the grouping: first_group at the right, then
 * other_groups, the leftmost one no longer than those. */
static char *
ungroup (const char *text,
         const char *separator,
         gsize       first_group,
         gsize       other_groups)
{
  g_auto(GStrv) groups = g_strsplit (text, separator, -1);
  guint n = g_strv_length (groups);

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (strlen (groups[i]), ==, i == n - 1 ? first_group : other_groups);
  g_assert_cmpuint (strlen (groups[0]), >=, 1);
  g_assert_cmpuint (strlen (groups[0]), <=, other_groups);
  return g_strjoinv ("", groups);
}

/* Magnitudes far past any buffer a fixed-size printf would use. */
static void
test_huge (void)
{
  HkNumberFormat indian, western;
  g_autofree char *zeros = g_strnfill (300, '0');
  g_autofree char *one_e300 = g_strconcat ("1", zeros, NULL);

  hk_number_format_for_locale (&indian, "en_IN.UTF-8");
  hk_number_format_for_locale (&western, "en_US.UTF-8");

  {
    g_autofree char *text = hk_format_number (&western, 1e300, 2);
    g_autofree char *integer = g_strndup (text, strlen (text) - 3);
    g_autofree char *digits = ungroup (integer, ",", 3, 3);

    g_assert_true (g_str_has_suffix (text, ".00"));
    g_assert_cmpstr (digits, ==, one_e300);
  }
  {
    g_autofree char *text = hk_format_money (&indian, -1e300, 0);
    g_autofree char *digits = NULL;

    g_assert_true (g_str_has_prefix (text, "−₹"));
    digits = ungroup (text + strlen ("−₹"), ",", 3, 2);
    g_assert_cmpstr (digits, ==, one_e300);
  }
  {
    /* DBL_MAX is 1.7976931348623157e308 to the fewest digits that read back. */
    g_autofree char *text = hk_format_number (&western, DBL_MAX, 0);
    g_autofree char *digits = ungroup (text, ",", 3, 3);

    g_assert_cmpuint (strlen (digits), ==, 309);
    g_assert_true (g_str_has_prefix (digits, "17976931348623157000"));
    g_assert_cmpuint (strspn (digits + 17, "0"), ==, 309 - 17);
  }
  {
    /* 302 digits of crores: a single digit, then pairs, then three. */
    g_autofree char *text = hk_format_money_compact (&indian, -DBL_MAX);
    g_autofree char *crores = NULL, *digits = NULL;
    g_autofree char *expected = g_strconcat ("17976931348623157", zeros + 300 - (302 - 17), NULL);

    g_assert_true (g_str_has_prefix (text, "−₹1,79,76,93,13,48,62,31,57,00,"));
    g_assert_true (g_str_has_suffix (text, " Cr"));
    crores = g_strndup (text + strlen ("−₹"), strlen (text) - strlen ("−₹ Cr"));
    digits = ungroup (crores, ",", 3, 2);
    g_assert_cmpstr (digits, ==, expected);
  }
  {
    g_autofree char *count = hk_format_count_compact (&western, DBL_MAX);
    g_autofree char *percent = hk_format_percent (&western, DBL_MAX, 2);

    g_assert_true (g_str_has_prefix (count, "179,769,313,486,231,570,000,"));
    g_assert_true (g_str_has_suffix (count, ",000B"));
    g_assert_cmpuint (strlen (count), ==, 300 + 99 + strlen ("B"));
    g_assert_true (g_str_has_prefix (percent, "17,976,931,348,623,157,000,"));
    g_assert_true (g_str_has_suffix (percent, ",000.00%"));
    g_assert_cmpuint (strlen (percent), ==, 311 + 103 + strlen (".00%"));
  }
}

/* Separators and group sizes as other locales have them. */
static void
test_separators (void)
{
  static const struct {
    const char *decimal_point;
    const char *thousands_sep;
    const char *grouping;
    double      value;
    const char *expected;
  } cases[] = {
    { ",", ".", "\3", 1234567.891, "1.234.567,89" },            /* de_DE */
    { ",", "\u202f", "\3", 1234567.891, "1\u202f234\u202f567,89" }, /* fr_FR */
    { ".", ",", "\3\3", 1234567.891, "1,234,567.89" },          /* en_US as glibc has it */
    { ".", ",", "\3\2\2", 12345678.9, "1,23,45,678.90" },
    { ".", ",", "\3\177", 1234567.891, "1234,567.89" },         /* CHAR_MAX: no more groups */
    { ".", ",", "\4", 123456789, "1,2345,6789.00" },
    { ".", "", "\3", 1234567.891, "1234567.89" },               /* no separator, no groups */
    { ".", ",", "", 1234567.891, "1234567.89" },
    { ".", ",", "\3", -999, "−999.00" },
    { ".", ",", "\3", -1000, "−1,000.00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HkNumberFormat format = { 0 };
      g_autofree char *got = NULL;

      g_strlcpy (format.decimal_point, cases[i].decimal_point, sizeof format.decimal_point);
      g_strlcpy (format.thousands_sep, cases[i].thousands_sep, sizeof format.thousands_sep);
      g_strlcpy (format.grouping, cases[i].grouping, sizeof format.grouping);
      got = hk_format_number (&format, cases[i].value, 2);
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* The built-in knowledge, whatever is installed. */
static void
test_builtin (void)
{
  static const struct {
    const char *locale;
    const char *thousands_sep;
    const char *grouping;
    gboolean    indian;
  } cases[] = {
    { "en_IN.UTF-8", ",", "\3\2", TRUE },
    { "hi_IN", ",", "\3\2", TRUE },
    { "ta_IN@latin", ",", "\3\2", TRUE },
    { "en_US.UTF-8", ",", "\3", FALSE },
    { "de_DE", ",", "\3", FALSE },
    { "en_INX", ",", "\3", FALSE },
    { "C", "", "", FALSE },
    { "C.UTF-8", "", "", FALSE },
    { "POSIX", "", "", FALSE },
    { "", "", "", FALSE },
    { NULL, "", "", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HkNumberFormat format;

      g_test_message ("locale %s", cases[i].locale ? cases[i].locale : "(null)");
      hk_number_format_builtin (&format, cases[i].locale);
      g_assert_cmpstr (format.decimal_point, ==, ".");
      g_assert_cmpstr (format.thousands_sep, ==, cases[i].thousands_sep);
      g_assert_cmpstr (format.grouping, ==, cases[i].grouping);
      g_assert_cmpint (format.indian, ==, cases[i].indian);
    }
}

/* Where the locale is installed, its own data gives what the built-in
 * knowledge gives. */
static void
test_installed (gconstpointer data)
{
  const char *name = data;
  locale_t locale = newlocale (LC_NUMERIC_MASK, name, (locale_t) 0);
  const Case *tables[] = { number_cases, money_cases, compact_cases, percent_cases, ratio_cases };
  const gsize sizes[] = {
    G_N_ELEMENTS (number_cases), G_N_ELEMENTS (money_cases), G_N_ELEMENTS (compact_cases),
    G_N_ELEMENTS (percent_cases), G_N_ELEMENTS (ratio_cases),
  };
  const Kind kinds[] = { KIND_NUMBER, KIND_MONEY, KIND_MONEY_COMPACT, KIND_PERCENT, KIND_RATIO };
  HkNumberFormat installed, builtin;

  if (locale == (locale_t) 0)
    {
      g_autofree char *why = g_strdup_printf ("%s is not installed (build-aux/dev.sh generates it)", name);
      g_test_skip (why);
      return;
    }

  hk_number_format_for_locale (&installed, name);
  hk_number_format_builtin (&builtin, name);

  /* Taken from the locale: glibc's en_US says "3;3", the built-in "3". */
  if (builtin.indian)
    g_assert_cmpstr (installed.grouping, ==, "\3\2");
  else
    g_assert_cmpstr (installed.grouping, ==, nl_langinfo_l (GROUPING, locale));
  g_assert_cmpstr (installed.decimal_point, ==, nl_langinfo_l (RADIXCHAR, locale));
  freelocale (locale);

  g_assert_cmpstr (installed.decimal_point, ==, builtin.decimal_point);
  g_assert_cmpstr (installed.thousands_sep, ==, builtin.thousands_sep);
  g_assert_cmpint (installed.indian, ==, builtin.indian);
  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    for (gsize i = 0; i < sizes[t]; i++)
      {
        g_autofree char *a = format_as (kinds[t], &installed, tables[t][i].value, tables[t][i].decimals);
        g_autofree char *b = format_as (kinds[t], &builtin, tables[t][i].value, tables[t][i].decimals);

        g_assert_cmpstr (a, ==, b);
      }
}

/* The default format and the dates, in a child process started with LC_ALL
 * set: the way the app meets them, setlocale (LC_ALL, "") first. The numbers
 * are the same whether or not the locale is installed (the built-in
 * knowledge stands in); the dates are the locale's when it is installed,
 * else the C locale's. */
typedef struct {
  const char *locale;
  const char *money;     /* 12345678.9 */
  const char *compact;   /* 12345678 */
  const char *date;      /* %x of 2026-11-25, 2024-03-05 when installed */
  const char *date_march;
  int         abmon;     /* 0: "Nov"/"Mar", else the month names from nl_langinfo */
} DefaultCase;

static const DefaultCase default_cases[] = {
  { "C.UTF-8", "₹12345678.90", "₹12.3M", "11/25/26", "03/05/24", 0 },
  { "en_IN.UTF-8", "₹1,23,45,678.90", "₹1.2 Cr", "25/11/26", "05/03/24", 0 },
  { "hi_IN.UTF-8", "₹1,23,45,678.90", "₹1.2 Cr", "25/11/26", "5/3/24", 1 },
  { "en_US.UTF-8", "₹12,345,678.90", "₹12.3M", "11/25/2026", "03/05/2024", 0 },
};

typedef struct {
  char *money;
  char *date;
} ThreadResult;

static gpointer
format_first_use (gpointer data)
{
  ThreadResult *result = data;

  result->money = hk_format_money (NULL, 12345678.9, 2);
  result->date = hk_format_date_long (hk_date_from_ymd (2026, 11, 25));
  return NULL;
}

static void
check_default (const DefaultCase *c)
{
  locale_t installed = newlocale (LC_ALL_MASK, c->locale, (locale_t) 0);
  gint32 november = hk_date_from_ymd (2026, 11, 25);
  gint32 march = hk_date_from_ymd (2024, 3, 5);
  g_autofree char *nov_long = NULL, *mar_long = NULL;
  ThreadResult results[4];
  GThread *threads[G_N_ELEMENTS (results)];

  if (installed != (locale_t) 0 && c->abmon)
    {
      nov_long = g_strdup_printf ("25 %s 2026", nl_langinfo_l (ABMON_11, installed));
      mar_long = g_strdup_printf ("5 %s 2024", nl_langinfo_l (ABMON_3, installed));
    }
  else
    {
      nov_long = g_strdup ("25 Nov 2026");
      mar_long = g_strdup ("5 Mar 2024");
    }

  /* First use from several threads at once. */
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("format", format_first_use, &results[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpstr (results[i].money, ==, c->money);
      g_assert_cmpstr (results[i].date, ==, nov_long);
      g_free (results[i].money);
      g_free (results[i].date);
    }

  {
    g_autofree char *compact = hk_format_money_compact (NULL, 12345678);
    g_autofree char *date = hk_format_date (november);
    g_autofree char *date_march = hk_format_date (march);
    g_autofree char *long_march = hk_format_date_long (march);
    g_autofree char *none = hk_format_date (HK_DAY_NONE);
    g_autofree char *none_long = hk_format_date_long (HK_DAY_NONE);

    g_assert_cmpstr (compact, ==, c->compact);
    g_assert_cmpstr (date, ==, installed != (locale_t) 0 ? c->date : "11/25/26");
    g_assert_cmpstr (date_march, ==, installed != (locale_t) 0 ? c->date_march : "03/05/24");
    g_assert_cmpstr (long_march, ==, mar_long);
    g_assert_cmpstr (none, ==, "—");
    g_assert_cmpstr (none_long, ==, "—");
    g_test_message ("%s (%s): %s, %s, %s", c->locale,
                    installed != (locale_t) 0 ? "installed" : "not installed",
                    date, nov_long, long_march);
  }

  if (installed != (locale_t) 0)
    freelocale (installed);
}

static void
test_default (gconstpointer data)
{
  const DefaultCase *c = data;
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));

  if (g_test_subprocess ())
    {
      check_default (c);
      return;
    }

  g_setenv ("LC_ALL", c->locale, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("LC_ALL", saved, TRUE);
  else
    g_unsetenv ("LC_ALL");
  g_test_trap_assert_passed ();
}

/* Dates across the calendar, in the C locale of the test itself. */
static void
test_dates (void)
{
  static const struct {
    int         year, month, day;
    const char *date;
    const char *date_long;
  } cases[] = {
    { 2026, 11, 25, "11/25/26", "25 Nov 2026" },
    { 2024, 2, 29, "02/29/24", "29 Feb 2024" },
    { 1970, 1, 1, "01/01/70", "1 Jan 1970" },
    { 1969, 7, 20, "07/20/69", "20 Jul 1969" },
    { 1999, 12, 31, "12/31/99", "31 Dec 1999" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 day = hk_date_from_ymd (cases[i].year, cases[i].month, cases[i].day);
      g_autofree char *date = hk_format_date (day);
      g_autofree char *date_long = hk_format_date_long (day);

      g_assert_cmpstr (date, ==, cases[i].date);
      g_assert_cmpstr (date_long, ==, cases[i].date_long);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* As the app does; meson runs tests under LC_ALL=C.UTF-8. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/number", test_number);
  g_test_add_func ("/format/money", test_money);
  g_test_add_func ("/format/money-compact", test_money_compact);
  g_test_add_func ("/format/count-compact", test_count_compact);
  g_test_add_func ("/format/money-short", test_money_short);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/ratio", test_ratio);
  g_test_add_func ("/format/rounding", test_rounding);
  g_test_add_func ("/format/huge", test_huge);
  g_test_add_func ("/format/separators", test_separators);
  g_test_add_func ("/format/builtin", test_builtin);
  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/installed/%s", locales[i].name);

      g_test_add_data_func (path, locales[i].name, test_installed);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (default_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/default/%s", default_cases[i].locale);

      g_test_add_data_func (path, &default_cases[i], test_default);
    }
  g_test_add_func ("/format/dates", test_dates);

  return g_test_run ();
}
