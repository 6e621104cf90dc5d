/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hk-date.h"

static void
test_round_trip (void)
{
  char buf[HK_DATE_ISO_LEN];

  g_assert_cmpint (hk_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (hk_date_from_ymd (2000, 3, 1), ==, 11017);
  g_assert_cmpint (hk_date_from_ymd (1969, 12, 31), ==, -1);

  for (gint32 d = hk_date_from_ymd (1, 1, 1); d <= hk_date_from_ymd (9999, 12, 31); d += 37)
    {
      int y, m, dd;
      hk_date_to_ymd (d, &y, &m, &dd);
      g_assert_true (hk_date_valid_ymd (y, m, dd));
      g_assert_cmpint (hk_date_from_ymd (y, m, dd), ==, d);
    }

  hk_date_format_iso (hk_date_from_ymd (2024, 2, 29), buf);
  g_assert_cmpstr (buf, ==, "2024-02-29");
}

typedef struct {
  const char    *text;
  HkDateReading  reading;
  const char    *day_first;
  const char    *month_first;
} DateCase;

static void
test_parse (void)
{
  static const DateCase cases[] = {
    { "2024-03-05", HK_DATE_UNAMBIGUOUS, "2024-03-05", "2024-03-05" },
    { "2024-03-05 14:22", HK_DATE_UNAMBIGUOUS, "2024-03-05", "2024-03-05" },
    { "2024-03-05T14:22:01", HK_DATE_UNAMBIGUOUS, "2024-03-05", "2024-03-05" },
    { "2024-03-05 14:22:01.123456", HK_DATE_UNAMBIGUOUS, "2024-03-05", "2024-03-05" },
    { "2024-03-05T00:00:00Z", HK_DATE_UNAMBIGUOUS, "2024-03-05", "2024-03-05" },
    { "5-3-2024", HK_DATE_AMBIGUOUS, "2024-03-05", "2024-05-03" },
    { "05/03/2024", HK_DATE_AMBIGUOUS, "2024-03-05", "2024-05-03" },
    { "25/12/2024", HK_DATE_DAY_FIRST_ONLY, "2024-12-25", NULL },
    { "12/25/2024", HK_DATE_MONTH_FIRST_ONLY, NULL, "2024-12-25" },
    { "7/7/2024 10:00", HK_DATE_UNAMBIGUOUS, "2024-07-07", "2024-07-07" },
    { "2024-02-30", HK_DATE_INVALID, NULL, NULL },
    { "2023-02-29", HK_DATE_INVALID, NULL, NULL },
    { "31/31/2024", HK_DATE_INVALID, NULL, NULL },
    { "2024/03/05", HK_DATE_INVALID, NULL, NULL },
    { "5-3/2024", HK_DATE_INVALID, NULL, NULL },
    { "2024-03-05 25:00", HK_DATE_INVALID, NULL, NULL },
    { "2024-03-05x", HK_DATE_INVALID, NULL, NULL },
    { "", HK_DATE_INVALID, NULL, NULL },
    { "yesterday", HK_DATE_INVALID, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DateCase *c = &cases[i];
      gint32 df, mf;
      char buf[HK_DATE_ISO_LEN];
      HkDateReading r = hk_date_parse (c->text, strlen (c->text), &df, &mf);

      g_test_message ("case %s", c->text);
      g_assert_cmpint (r, ==, c->reading);
      if (c->day_first)
        {
          hk_date_format_iso (df, buf);
          g_assert_cmpstr (buf, ==, c->day_first);
        }
      else
        g_assert_cmpint (df, ==, HK_DAY_NONE);
      if (c->month_first)
        {
          hk_date_format_iso (mf, buf);
          g_assert_cmpstr (buf, ==, c->month_first);
        }
      else
        g_assert_cmpint (mf, ==, HK_DAY_NONE);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/round-trip", test_round_trip);
  g_test_add_func ("/date/parse", test_parse);
  return g_test_run ();
}
