/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GROUPING for nl_langinfo_l() is a glibc extension. */
#define _GNU_SOURCE 1
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "hk-csv-writer.h"
#include "hk-date.h"
#include "hk-format.h"
#include "hk-format-private.h"

#define UNDEFINED   "—"        /* U+2014 EM DASH */
#define MINUS       "−"        /* U+2212 MINUS SIGN */
#define RUPEE       "₹"        /* U+20B9 INDIAN RUPEE SIGN */
#define TIMES       "×"        /* U+00D7 MULTIPLICATION SIGN */
#define MAX_DECIMALS 20

/* Short amounts: a value is written in the first unit whose rounded count
 * has at most max_digits digits before the point; the last unit takes any. */
#define UNIT_CONTEXT "compact amount unit"

typedef struct {
  int         exponent;    /* the unit is 10^exponent */
  const char *unit;        /* translated in UNIT_CONTEXT; NULL: none */
  guint       max_digits;
} CompactUnit;

static const CompactUnit indian_units[] = {
  { 0, NULL, 5 },          /* up to 99,999 in full */
  /* Translators: lakh (1,00,000), as in "₹45.6 L". */
  { 5, NC_ ("compact amount unit", "L"), 2 },
  /* Translators: crore (1,00,00,000), as in "₹1.2 Cr". */
  { 7, NC_ ("compact amount unit", "Cr"), G_MAXUINT },
};

static const CompactUnit western_units[] = {
  { 0, NULL, 3 },
  /* Translators: thousand, as in "₹45.6K". */
  { 3, NC_ ("compact amount unit", "K"), 3 },
  /* Translators: million, as in "₹1.2M". */
  { 6, NC_ ("compact amount unit", "M"), 3 },
  /* Translators: billion (thousand million), as in "₹1.2B". */
  { 9, NC_ ("compact amount unit", "B"), G_MAXUINT },
};

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || name[0] == '\0' ||
         g_str_equal (name, "C") || g_str_has_prefix (name, "C.") ||
         g_str_equal (name, "POSIX");
}

/* "en_IN.UTF-8", "hi_IN", "ta_IN@mod": the territory is IN. */
static gboolean
is_indian_locale (const char *name)
{
  const char *territory = name != NULL ? strchr (name, '_') : NULL;

  return territory != NULL && strncmp (territory + 1, "IN", 2) == 0 &&
         strchr (".@", territory[3]) != NULL; /* also matches the final NUL */
}

/* Groups of 3 then 2 (the last size repeats): lakh and crore. */
static gboolean
is_indian_grouping (const char *grouping)
{
  if (grouping[0] != 3 || grouping[1] != 2)
    return FALSE;
  for (const char *g = grouping + 2; *g != '\0'; g++)
    if (*g != 2)
      return FALSE;
  return TRUE;
}

static void
set_format (HkNumberFormat *format,
            const char     *decimal_point,
            const char     *thousands_sep,
            const char     *grouping)
{
  memset (format, 0, sizeof *format);
  g_strlcpy (format->decimal_point, decimal_point, sizeof format->decimal_point);
  g_strlcpy (format->thousands_sep, thousands_sep, sizeof format->thousands_sep);
  g_strlcpy (format->grouping, grouping, sizeof format->grouping);
  format->indian = is_indian_grouping (format->grouping);
}

void
hk_number_format_builtin (HkNumberFormat *format,
                          const char     *locale)
{
  g_return_if_fail (format != NULL);

  if (is_c_locale (locale))
    set_format (format, ".", "", "");
  else if (is_indian_locale (locale))
    set_format (format, ".", ",", "\3\2");
  else
    set_format (format, ".", ",", "\3");
}

/* Copies a string of the locale into field as UTF-8: FALSE when it does not
 * convert or does not fit. */
static gboolean
copy_locale_text (char       *field,
                  gsize       size,
                  const char *text,
                  const char *codeset)
{
  g_autofree char *converted = NULL;

  if (!g_str_is_ascii (text) && g_ascii_strcasecmp (codeset, "UTF-8") != 0)
    text = converted = g_convert (text, -1, "UTF-8", codeset, NULL, NULL, NULL);
  return text != NULL && g_utf8_validate (text, -1, NULL) &&
         g_strlcpy (field, text, size) < size;
}

/* The locale's own data; FALSE when it is not installed (or will not fit). */
static gboolean
format_from_installed (HkNumberFormat *format,
                       const char     *name)
{
  locale_t locale = newlocale (LC_NUMERIC_MASK | LC_CTYPE_MASK, name, (locale_t) 0);
  const char *codeset;
  gboolean ok;

  if (locale == (locale_t) 0)
    return FALSE;

  memset (format, 0, sizeof *format);
  codeset = nl_langinfo_l (CODESET, locale);
  ok = copy_locale_text (format->decimal_point, sizeof format->decimal_point,
                         nl_langinfo_l (RADIXCHAR, locale), codeset) &&
       copy_locale_text (format->thousands_sep, sizeof format->thousands_sep,
                         nl_langinfo_l (THOUSEP, locale), codeset) &&
       g_strlcpy (format->grouping, nl_langinfo_l (GROUPING, locale),
                  sizeof format->grouping) < sizeof format->grouping &&
       format->decimal_point[0] != '\0';
  freelocale (locale);
  if (!ok)
    return FALSE;

  /* Indian locales group in lakhs and crores (DESIGN.md §3), whatever their
   * LC_NUMERIC says: glibc's hi_IN, and the many locales copying it, have
   * "3" there and "3;2" only in LC_MONETARY. */
  if (is_indian_locale (name))
    {
      g_strlcpy (format->grouping, "\3\2", sizeof format->grouping);
      if (format->thousands_sep[0] == '\0')
        g_strlcpy (format->thousands_sep, ",", sizeof format->thousands_sep);
    }
  format->indian = is_indian_grouping (format->grouping);
  return TRUE;
}

void
hk_number_format_for_locale (HkNumberFormat *format,
                             const char     *locale)
{
  g_return_if_fail (format != NULL);

  /* newlocale() takes "" for the environment's locale: not a name. */
  if (locale == NULL || locale[0] == '\0' || !format_from_installed (format, locale))
    hk_number_format_builtin (format, locale);
}

/* The name of the current locale of a category. When that is C but the
 * environment asks for another (setlocale() failed because that locale is
 * not installed, or was never called), the environment's, so that the
 * built-in knowledge stands in for it. */
static const char *
current_locale_name (int         category,
                     const char *variable)
{
  const char *variables[] = { "LC_ALL", variable, "LANG" };
  const char *name = setlocale (category, NULL);

  if (!is_c_locale (name))
    return name;
  /* POSIX precedence: the first of these set and not empty. */
  for (gsize i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *wanted = g_getenv (variables[i]);

      if (wanted != NULL && wanted[0] != '\0')
        return wanted;
    }
  return "C";
}

const HkNumberFormat *
hk_number_format_get_default (void)
{
  static HkNumberFormat format;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      hk_number_format_for_locale (&format, current_locale_name (LC_NUMERIC, "LC_NUMERIC"));
      g_once_init_leave (&initialized, 1);
    }
  return &format;
}

/* |value| × 10^shift rounded half away from zero to `decimals` places, as
 * digits: integer gets the integer part ("0" below 1), fraction exactly
 * `decimals` digits. Rounds the shortest decimal that reads back as value,
 * the one the user typed or the CSV holds, so 1.005 gives 1.01 and 0.0345 as
 * a percentage 3.45, not what binary fractions would make of them. Returns
 * FALSE when the result is zero. value must be finite. */
static gboolean
round_decimal (double   value,
               int      shift,
               int      decimals,
               GString *integer,
               GString *fraction)
{
  char shortest[32];
  g_autoptr(GString) digits = g_string_sized_new (32);
  gssize point = 0; /* how many of digits stand before the decimal point */
  gboolean after_point = FALSE;
  gssize keep;
  gsize zeros;
  const char *p;

  hk_format_double_roundtrip (fabs (value), shortest);
  for (p = shortest; *p != '\0' && *p != 'e'; p++)
    {
      if (*p == '.')
        after_point = TRUE;
      else
        {
          g_string_append_c (digits, *p);
          point += !after_point;
        }
    }
  if (*p == 'e')
    point += atoi (p + 1);
  point += shift;

  zeros = strspn (digits->str, "0");
  g_string_erase (digits, 0, zeros);
  point = digits->len > 0 ? point - (gssize) zeros : 0;

  keep = point + decimals;
  if (keep < (gssize) digits->len)
    {
      gboolean up = keep >= 0 && digits->str[keep] >= '5';
      gssize i;

      g_string_truncate (digits, MAX (keep, 0));
      for (i = (gssize) digits->len - 1; up && i >= 0 && digits->str[i] == '9'; i--)
        digits->str[i] = '0';
      if (up && i >= 0)
        digits->str[i]++;
      else if (up)
        {
          g_string_prepend_c (digits, '1');
          point++;
        }
    }

  g_string_truncate (integer, 0);
  g_string_truncate (fraction, 0);
  if (point <= 0)
    g_string_append_c (integer, '0');
  for (gssize i = 0; i < point; i++)
    g_string_append_c (integer, i < (gssize) digits->len ? digits->str[i] : '0');
  for (gssize i = point; i < point + decimals; i++)
    g_string_append_c (fraction, i >= 0 && i < (gssize) digits->len ? digits->str[i] : '0');

  /* Leading zeros are gone, so any digit left is a non-zero one. */
  return digits->len > 0;
}

/* The size of group j counted from the right (0 the rightmost), 0 when the
 * digits left of it are not grouped any more: the last size in grouping
 * repeats, CHAR_MAX (or any size of 127 and over) ends the grouping. */
static guint
group_size (const char *grouping,
            gsize       j)
{
  gsize i;

  for (i = 0; grouping[i] != '\0'; i++)
    {
      guchar size = (guchar) grouping[i];

      if (size >= CHAR_MAX)
        return 0;
      if (i == j || grouping[i + 1] == '\0')
        return size;
    }
  return 0;
}

static void
append_grouped (GString              *out,
                const HkNumberFormat *format,
                const GString        *integer)
{
  gsize first = integer->len;
  gsize n_groups = 0;
  gsize at;
  guint size;

  if (format->thousands_sep[0] != '\0')
    while ((size = group_size (format->grouping, n_groups)) > 0 && first > size)
      {
        first -= size;
        n_groups++;
      }

  g_string_append_len (out, integer->str, first);
  at = first;
  while (n_groups-- > 0)
    {
      size = group_size (format->grouping, n_groups);
      g_string_append (out, format->thousands_sep);
      g_string_append_len (out, integer->str + at, size);
      at += size;
    }
}

/* sign, currency, grouped integer part, fraction, suffix. */
static char *
compose (const HkNumberFormat *format,
         gboolean              negative,
         const char           *currency,
         const GString        *integer,
         const GString        *fraction,
         const char           *suffix)
{
  GString *out = g_string_sized_new (integer->len * 2 + fraction->len + 16);

  if (negative)
    g_string_append (out, MINUS);
  g_string_append (out, currency);
  append_grouped (out, format, integer);
  if (fraction->len > 0)
    {
      g_string_append (out, format->decimal_point);
      g_string_append_len (out, fraction->str, fraction->len);
    }
  g_string_append (out, suffix);
  return g_string_free (out, FALSE);
}

static char *
format_value (const HkNumberFormat *format,
              double                value,
              int                   shift,
              int                   decimals,
              const char           *currency,
              const char           *suffix)
{
  g_autoptr(GString) integer = g_string_new (NULL);
  g_autoptr(GString) fraction = g_string_new (NULL);
  gboolean nonzero;

  g_return_val_if_fail (decimals >= 0 && decimals <= MAX_DECIMALS, g_strdup (UNDEFINED));

  if (!isfinite (value))
    return g_strdup (UNDEFINED);
  if (format == NULL)
    format = hk_number_format_get_default ();

  nonzero = round_decimal (value, shift, decimals, integer, fraction);
  return compose (format, nonzero && value < 0, currency, integer, fraction, suffix);
}

/* Three significant figures in a unit ("1.23 Cr", "45.6 L", "345 Cr"),
 * trailing zeros dropped. */
static void
round_significant (double   value,
                   int      exponent,
                   GString *integer,
                   GString *fraction)
{
  int decimals = integer->len >= 3 ? 0 : 3 - (int) integer->len;

  round_decimal (value, -exponent, decimals, integer, fraction);
  while (fraction->len > 0 && fraction->str[fraction->len - 1] == '0')
    g_string_truncate (fraction, fraction->len - 1);
}

/* precise: three significant figures in a unit, and amounts below the
 * first unit to the paisa (cards and tables); else one decimal in a unit
 * and whole amounts below (axes). */
static char *
format_compact (const HkNumberFormat *format,
                double                value,
                const char           *currency,
                gboolean              precise)
{
  g_autoptr(GString) integer = g_string_new (NULL);
  g_autoptr(GString) fraction = g_string_new (NULL);
  g_autofree char *suffix = NULL;
  const CompactUnit *units;
  gsize n_units;
  gboolean nonzero = FALSE;
  gsize i;

  if (!isfinite (value))
    return g_strdup (UNDEFINED);
  if (format == NULL)
    format = hk_number_format_get_default ();

  units = format->indian ? indian_units : western_units;
  n_units = format->indian ? G_N_ELEMENTS (indian_units) : G_N_ELEMENTS (western_units);

  /* Chosen on the rounded count, so 99,999.6 reads "1 L", not "1,00,000". */
  for (i = 0; i < n_units; i++)
    {
      nonzero = round_decimal (value, -units[i].exponent, units[i].exponent > 0 ? 1 : 0,
                               integer, fraction);
      if (integer->len <= units[i].max_digits)
        break;
    }
  g_assert (i < n_units);

  if (precise && units[i].exponent == 0)
    nonzero = round_decimal (value, 0, 2, integer, fraction);
  else if (precise)
    {
      round_significant (value, units[i].exponent, integer, fraction);
      nonzero = TRUE;
    }

  /* "1 Cr", not "1.0 Cr". */
  if (g_str_equal (fraction->str, "0"))
    g_string_truncate (fraction, 0);
  /* Lakhs and crores are words, "45.6 L"; K, M and B stick, "45.6K". */
  if (units[i].unit != NULL)
    suffix = g_strconcat (format->indian ? " " : "",
                          g_dpgettext2 (NULL, UNIT_CONTEXT, units[i].unit), NULL);
  return compose (format, nonzero && value < 0, currency, integer, fraction,
                  suffix != NULL ? suffix : "");
}

char *
hk_format_number (const HkNumberFormat *format,
                  double                value,
                  int                   decimals)
{
  return format_value (format, value, 0, decimals, "", "");
}

char *
hk_format_money (const HkNumberFormat *format,
                 double                value,
                 int                   decimals)
{
  return format_value (format, value, 0, decimals, RUPEE, "");
}

char *
hk_format_money_compact (const HkNumberFormat *format,
                         double                value)
{
  return format_compact (format, value, RUPEE, FALSE);
}

char *
hk_format_money_short (const HkNumberFormat *format,
                       double                value)
{
  return format_compact (format, value, RUPEE, TRUE);
}

char *
hk_format_count_compact (const HkNumberFormat *format,
                         double                value)
{
  return format_compact (format, value, "", FALSE);
}

char *
hk_format_percent (const HkNumberFormat *format,
                   double                fraction,
                   int                   decimals)
{
  /* × 100 on the decimal digits, exactly. */
  return format_value (format, fraction, 2, decimals, "", "%");
}

char *
hk_format_ratio (const HkNumberFormat *format,
                 double                value)
{
  return format_value (format, value, 0, 2, "", TIMES);
}

/* Dates */

static locale_t
time_locale (void)
{
  static gsize initialized;
  static locale_t locale;

  if (g_once_init_enter (&initialized))
    {
      /* LC_CTYPE too: its codeset is the one the month names are in. */
      locale = newlocale (LC_TIME_MASK | LC_CTYPE_MASK,
                          current_locale_name (LC_TIME, "LC_TIME"), (locale_t) 0);
      if (locale == (locale_t) 0)
        locale = newlocale (LC_TIME_MASK | LC_CTYPE_MASK, "C", (locale_t) 0);
      if (locale == (locale_t) 0)
        g_error ("Cannot create the C locale");
      g_once_init_leave (&initialized, 1);
    }
  return locale;
}

static char *
format_day (gint32      day,
            const char *strftime_format)
{
  locale_t locale = time_locale ();
  const char *codeset;
  struct tm tm = { 0 };
  char buf[256];
  int year, month, mday;

  if (day == HK_DAY_NONE)
    return g_strdup (UNDEFINED);

  hk_date_to_ymd (day, &year, &month, &mday);
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = mday;
  tm.tm_wday = (day % 7 + 11) % 7; /* day 0 was a Thursday */
  tm.tm_yday = day - hk_date_from_ymd (year, 1, 1);

  if (strftime_l (buf, sizeof buf, strftime_format, &tm, locale) == 0)
    {
      hk_date_format_iso (day, buf);
      return g_strdup (buf);
    }

  codeset = nl_langinfo_l (CODESET, locale);
  if (!g_str_is_ascii (buf) && g_ascii_strcasecmp (codeset, "UTF-8") != 0)
    {
      char *converted = g_convert (buf, -1, "UTF-8", codeset, NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
      hk_date_format_iso (day, buf);
    }
  return g_utf8_make_valid (buf, -1);
}

char *
hk_format_date (gint32 day)
{
  return format_day (day, "%x");
}

char *
hk_format_date_long (gint32 day)
{
  /* "%-d": the day without a leading zero (glibc). */
  return format_day (day, "%-d %b %Y");
}

char *
hk_format_date_range (gint32 first_day,
                      gint32 last_day)
{
  g_autofree char *first = NULL, *last = NULL;
  int y0, y1, m, d;

  if (first_day == HK_DAY_NONE && last_day == HK_DAY_NONE)
    return NULL;
  if (last_day == HK_DAY_NONE)
    {
      first = hk_format_date_long (first_day);
      /* Translators: a date range open at its end, "from 1 Apr 2025" */
      return g_strdup_printf (_("from %s"), first);
    }
  if (first_day == HK_DAY_NONE)
    {
      last = hk_format_date_long (last_day);
      /* Translators: a date range open at its start, "until 30 Sep 2025" */
      return g_strdup_printf (_("until %s"), last);
    }
  if (first_day == last_day)
    return hk_format_date_long (first_day);
  hk_date_to_ymd (first_day, &y0, &m, &d);
  hk_date_to_ymd (last_day, &y1, &m, &d);
  /* the year once when both days share it */
  first = y0 == y1 ? format_day (first_day, "%-d %b") : hk_format_date_long (first_day);
  last = hk_format_date_long (last_day);
  /* Translators: a range of days, "1 Apr – 30 Sep 2025" */
  return g_strdup_printf (_("%s – %s"), first, last);
}
