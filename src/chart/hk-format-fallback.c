/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A stand-in for src/core/hk-format.c while that file is written on its own
 * branch: src/chart/meson.build compiles this only when core has no
 * hk-format.c. Same API (hk-format.h), simpler rules. */
#define G_LOG_DOMAIN "HkFormat"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "hk-date.h"
#include "hk-format.h"

void
hk_number_format_for_locale (HkNumberFormat *format,
                             const char     *locale)
{
  gboolean indian = locale && strstr (locale, "_IN") != NULL;

  memset (format, 0, sizeof *format);
  g_strlcpy (format->decimal_point, ".", sizeof format->decimal_point);
  g_strlcpy (format->thousands_sep, ",", sizeof format->thousands_sep);
  if (indian)
    g_strlcpy (format->grouping, "\3\2", sizeof format->grouping);
  else
    g_strlcpy (format->grouping, "\3", sizeof format->grouping);
  format->indian = indian;
}

const HkNumberFormat *
hk_number_format_get_default (void)
{
  static HkNumberFormat format;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      hk_number_format_for_locale (&format, setlocale (LC_NUMERIC, NULL));
      g_once_init_leave (&once, 1);
    }
  return &format;
}

static char *
group_digits (const HkNumberFormat *f,
              const char           *digits)
{
  GString *out = g_string_new (NULL);
  int len = strlen (digits), first = f->indian ? 3 : 3, rest = f->indian ? 2 : 3;
  int pos = 0;

  /* positions (from the right) where separators go */
  for (int i = 0; i < len; i++)
    {
      int from_right = len - i;

      g_string_append_c (out, digits[i]);
      pos = from_right - 1;
      if (pos > 0 && (pos == first || (pos > first && (pos - first) % rest == 0)))
        g_string_append (out, f->thousands_sep);
    }
  return g_string_free (out, FALSE);
}

char *
hk_format_number (const HkNumberFormat *format,
                  double                value,
                  int                   decimals)
{
  g_autofree char *text = NULL, *grouped = NULL;
  char *dot;

  if (format == NULL)
    format = hk_number_format_get_default ();
  if (!isfinite (value))
    return g_strdup ("—");
  text = g_strdup_printf ("%.*f", decimals, fabs (value));
  dot = strchr (text, '.');
  if (dot)
    *dot = '\0';
  grouped = group_digits (format, text);
  return g_strdup_printf ("%s%s%s%s", value < 0 && round (value * pow (10, decimals)) != 0 ? "−" : "",
                          grouped, dot ? format->decimal_point : "", dot ? dot + 1 : "");
}

char *
hk_format_money (const HkNumberFormat *format,
                 double                value,
                 int                   decimals)
{
  g_autofree char *n = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  n = hk_format_number (format, fabs (value), decimals);
  return g_strdup_printf ("%s₹%s", value < 0 ? "−" : "", n);
}

static char *
compact (const HkNumberFormat *format,
         double                value,
         const char           *prefix)
{
  double a = fabs (value);
  const char *sign = value < 0 ? "−" : "";
  double div = 1;
  const char *suffix = "";
  g_autofree char *n = NULL;

  if (format == NULL)
    format = hk_number_format_get_default ();
  if (!isfinite (value))
    return g_strdup ("—");
  if (format->indian)
    {
      if (a >= 1e7)
        div = 1e7, suffix = " Cr";
      else if (a >= 1e5)
        div = 1e5, suffix = " L";
    }
  else if (a >= 1e9)
    div = 1e9, suffix = "B";
  else if (a >= 1e6)
    div = 1e6, suffix = "M";
  else if (a >= 1e3)
    div = 1e3, suffix = "K";

  if (div == 1)
    n = hk_format_number (format, a, a != floor (a) && a < 100 ? 1 : 0);
  else
    {
      double v = a / div;
      n = hk_format_number (format, v, v >= 100 || v == floor (v) ? 0 : 1);
    }
  return g_strdup_printf ("%s%s%s%s", sign, prefix, n, suffix);
}

char *
hk_format_money_compact (const HkNumberFormat *format,
                         double                value)
{
  return compact (format, value, "₹");
}

char *
hk_format_count_compact (const HkNumberFormat *format,
                         double                value)
{
  return compact (format, value, "");
}

char *
hk_format_percent (const HkNumberFormat *format,
                   double                fraction,
                   int                   decimals)
{
  g_autofree char *n = NULL;

  if (!isfinite (fraction))
    return g_strdup ("—");
  n = hk_format_number (format, fraction * 100, decimals);
  return g_strconcat (n, "%", NULL);
}

char *
hk_format_ratio (const HkNumberFormat *format,
                 double                value)
{
  g_autofree char *n = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  n = hk_format_number (format, value, 2);
  return g_strconcat (n, "×", NULL);
}

char *
hk_format_date (gint32 day)
{
  char iso[HK_DATE_ISO_LEN];

  hk_date_format_iso (day, iso);
  return g_strdup (iso);
}

char *
hk_format_date_long (gint32 day)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) dt = g_date_time_add_days (epoch, day);

  return g_date_time_format (dt, "%-d %b %Y");
}
