/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hk-parse.h"

/* Exact powers of ten that a double holds. */
static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

gboolean
hk_parse_double (const char *str,
                 gsize       len,
                 double     *value)
{
  const char *p, *end;
  guint64 mantissa = 0;
  int digits = 0, frac_digits = 0, exp10 = 0;
  gboolean negative = FALSE, any_digit = FALSE, exact = TRUE;
  char buf[128];
  char *copy, *endptr;
  gboolean ok;
  double v;

  hk_trim (&str, &len);

  /* Most cells are plain: digits, perhaps a point and more digits. */
  if (hk_parse_plain_number (str, len, value))
    return TRUE;

  p = str;
  end = str + len;
  if (p < end && (*p == '-' || *p == '+'))
    negative = (*p++ == '-');

  /* Validate the grammar and gather up to 19 significant digits on the way. */
  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      if (mantissa == 0 && *p == '0')
        continue;
      if (digits < 19)
        mantissa = mantissa * 10 + (*p - '0'), digits++;
      else
        exact = FALSE, exp10++;
    }
  if (p < end && *p == '.')
    {
      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          if (mantissa == 0 && *p == '0')
            {
              frac_digits++;
              continue;
            }
          if (digits < 19)
            mantissa = mantissa * 10 + (*p - '0'), digits++, frac_digits++;
          else if (*p != '0')
            exact = FALSE;
        }
    }
  if (!any_digit)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE;
      int e = 0, n = 0;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        exp_negative = (*p++ == '-');
      for (; p < end && g_ascii_isdigit (*p); p++, n++)
        if (e < 100000)
          e = e * 10 + (*p - '0');
      if (n == 0)
        return FALSE;
      exp10 += exp_negative ? -e : e;
    }
  if (p != end)
    return FALSE;

  exp10 -= frac_digits;
  if (exact && digits <= 15 && exp10 >= -22 && exp10 <= 22)
    {
      /* Both operands are exact, so one IEEE operation rounds correctly. */
      v = (double) mantissa;
      v = exp10 < 0 ? v / exact_pow10[-exp10] : v * exact_pow10[exp10];
      *value = negative ? -v : v;
      return TRUE;
    }

  /* The grammar is checked: strtod() reads the same text. Long cells (many
   * digits) are numbers too, and need a copy on the heap. */
  copy = len < sizeof buf ? buf : g_malloc (len + 1);
  memcpy (copy, str, len);
  copy[len] = '\0';
  v = g_ascii_strtod (copy, &endptr);
  ok = *endptr == '\0' && isfinite (v);
  if (copy != buf)
    g_free (copy);
  if (!ok)
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
equal_ci (const char *str,
          gsize       len,
          const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (str, word, len) == 0;
}

gboolean
hk_parse_basis (const char *str,
                gsize       len,
                HkBasis    *basis)
{
  hk_trim (&str, &len);
  if (len > 4 && g_ascii_strncasecmp (str, "per", 3) == 0 && (str[3] == '_' || str[3] == ' '))
    {
      str += 4;
      len -= 4;
    }
  if (equal_ci (str, len, "post"))
    *basis = HK_BASIS_POST;
  else if (equal_ci (str, len, "order"))
    *basis = HK_BASIS_ORDER;
  else
    return FALSE;
  return TRUE;
}

const char *
hk_normalize_gender (const char *str,
                     gsize       len)
{
  hk_trim (&str, &len);
  if (equal_ci (str, len, "m") || equal_ci (str, len, "male"))
    return "Male";
  if (equal_ci (str, len, "f") || equal_ci (str, len, "female"))
    return "Female";
  return NULL;
}

gboolean
hk_parse_ab_group (const char *str,
                   gsize       len,
                   HkAbGroup  *group)
{
  hk_trim (&str, &len);
  if (len == 0)
    *group = HK_AB_NONE;
  else if (equal_ci (str, len, "exposed") || equal_ci (str, len, "treatment") ||
           equal_ci (str, len, "test"))
    *group = HK_AB_EXPOSED;
  else if (equal_ci (str, len, "holdout") || equal_ci (str, len, "control"))
    *group = HK_AB_HOLDOUT;
  else
    return FALSE;
  return TRUE;
}

char *
hk_normalize_header (const char *header)
{
  gsize len = strlen (header);
  char *out;

  /* A UTF-8 BOM that survived in a header cell. */
  if (len >= 3 && memcmp (header, "\xEF\xBB\xBF", 3) == 0)
    header += 3, len -= 3;
  hk_trim (&header, &len);
  out = g_ascii_strdown (header, len);
  for (char *p = out; *p; p++)
    if (*p == ' ' || *p == '-' || *p == '.')
      *p = '_';
  return out;
}
