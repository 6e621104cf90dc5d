/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-date.h"

gboolean
hk_date_valid_ymd (int year,
                   int month,
                   int day)
{
  static const int days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int max;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;
  max = days_in_month[month - 1];
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    max = 29;
  return day <= max;
}

/* Proleptic Gregorian day count (H. Hinnant's days_from_civil). */
gint32
hk_date_from_ymd (int year,
                  int month,
                  int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
hk_date_to_ymd (gint32  day_number,
                int    *year,
                int    *month,
                int    *day)
{
  int z = day_number + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
}

void
hk_date_format_iso (gint32 day_number,
                    char   buf[HK_DATE_ISO_LEN])
{
  int y, m, d;

  hk_date_to_ymd (day_number, &y, &m, &d);
  buf[0] = '0' + (y / 1000) % 10;
  buf[1] = '0' + (y / 100) % 10;
  buf[2] = '0' + (y / 10) % 10;
  buf[3] = '0' + y % 10;
  buf[4] = '-';
  buf[5] = '0' + m / 10;
  buf[6] = '0' + m % 10;
  buf[7] = '-';
  buf[8] = '0' + d / 10;
  buf[9] = '0' + d % 10;
  buf[10] = '\0';
}

static gboolean
read_digits (const char **p,
             const char  *end,
             int          min_digits,
             int          max_digits,
             int         *value)
{
  int n = 0, v = 0;

  while (*p < end && n < max_digits && g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *value = v;
  return n >= min_digits;
}

/* Accepts an optional time of day after a space or 'T': HH:MM[:SS[.ffffff]],
 * optionally followed by 'Z'. The time is dropped: metrics are per day. */
static gboolean
skip_time (const char *p,
           const char *end)
{
  int hh, mm, ss;

  if (p == end)
    return TRUE;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  p++;
  if (!read_digits (&p, end, 1, 2, &hh) || hh > 23)
    return FALSE;
  if (p == end || *p != ':')
    return FALSE;
  p++;
  if (!read_digits (&p, end, 2, 2, &mm) || mm > 59)
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (!read_digits (&p, end, 2, 2, &ss) || ss > 60)
        return FALSE;
      if (p < end && *p == '.')
        {
          int frac;
          p++;
          if (!read_digits (&p, end, 1, 9, &frac))
            return FALSE;
        }
    }
  if (p < end && *p == 'Z')
    p++;
  return p == end;
}

HkDateReading
hk_date_parse (const char *text,
               gsize       len,
               gint32     *day_first,
               gint32     *month_first)
{
  const char *p = text, *end = text + len;
  int a, b, y;
  gboolean df_ok, mf_ok;
  char sep;

  *day_first = *month_first = HK_DAY_NONE;

  if (len >= 10 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[3]) && text[4] == '-')
    {
      if (!read_digits (&p, end, 4, 4, &y) || p == end || *p++ != '-' ||
          !read_digits (&p, end, 2, 2, &a) || p == end || *p++ != '-' ||
          !read_digits (&p, end, 2, 2, &b) ||
          !hk_date_valid_ymd (y, a, b) || !skip_time (p, end))
        return HK_DATE_INVALID;
      *day_first = *month_first = hk_date_from_ymd (y, a, b);
      return HK_DATE_UNAMBIGUOUS;
    }

  if (!read_digits (&p, end, 1, 2, &a) || p == end || (*p != '-' && *p != '/'))
    return HK_DATE_INVALID;
  sep = *p++;
  if (!read_digits (&p, end, 1, 2, &b) || p == end || *p++ != sep ||
      !read_digits (&p, end, 4, 4, &y) || !skip_time (p, end))
    return HK_DATE_INVALID;

  df_ok = hk_date_valid_ymd (y, b, a);
  mf_ok = hk_date_valid_ymd (y, a, b);
  if (df_ok)
    *day_first = hk_date_from_ymd (y, b, a);
  if (mf_ok)
    *month_first = hk_date_from_ymd (y, a, b);

  if (df_ok && mf_ok)
    return a == b ? HK_DATE_UNAMBIGUOUS : HK_DATE_AMBIGUOUS;
  if (df_ok)
    return HK_DATE_DAY_FIRST_ONLY;
  if (mf_ok)
    return HK_DATE_MONTH_FIRST_ONLY;
  return HK_DATE_INVALID;
}

gboolean
hk_date_parse_iso (const char *text,
                   gint32     *day_number)
{
  gsize len = strlen (text);
  gint32 df, mf;

  if (len < 10 || text[4] != '-' ||
      hk_date_parse (text, len, &df, &mf) != HK_DATE_UNAMBIGUOUS)
    return FALSE;
  *day_number = df;
  return TRUE;
}
