/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hk-types.h"

G_BEGIN_DECLS

/* Cell readers for the importer. Each takes a cell of len bytes (not
 * necessarily NUL-terminated) and ignores surrounding spaces and tabs. */

/* Moves *str and shrinks *len past leading and trailing spaces and tabs. */
static inline void
hk_trim (const char **str,
         gsize       *len)
{
  const char *s = *str;
  gsize n = *len;

  /* Most cells start and end with something else (both are below '!'). */
  if (n == 0 || ((guchar) s[0] > ' ' && (guchar) s[n - 1] > ' '))
    return;
  while (n > 0 && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  *str = s;
  *len = n;
}

/* The common case of hk_parse_double(), inline for the importer: an
 * untrimmed cell of digits with at most one point and at most 15 digits
 * ("42", "849.90", ".5"), which one IEEE operation converts exactly. FALSE
 * when the cell is anything else, valid or not. */
static inline gboolean
hk_parse_plain_number (const char *str,
                       gsize       len,
                       double     *value)
{
  static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
  guint64 m = 0;
  gsize i = 0, point = len;

  if (len == 0 || len > 16)
    return FALSE;
  for (; i < len; i++)
    {
      guint d = (guchar) str[i] - '0';

      if (d <= 9)
        m = m * 10 + d;
      else if (str[i] == '.' && point == len)
        point = i;
      else
        return FALSE;
    }
  /* At most 15 digits: m and the power of ten are exact, one division rounds.
   * A lone "." is not a number. */
  if (len - (point < len) > 15 || (point == 0 && len == 1))
    return FALSE;
  *value = point >= len - 1 ? (double) m : (double) m / pow10[len - 1 - point];
  return TRUE;
}

/* Plain decimal or exponent notation ("42", "-3.5", "1e6", ".5"). NaN, inf,
 * grouping ("1,234"), currency ("₹500"), hex and empty cells are not numbers,
 * nor are values too large for a double. */
gboolean hk_parse_double    (const char  *str,
                             gsize        len,
                             double      *value);

/* An id is trimmed text; "42.0" (digits, a point, only zeros) becomes "42".
 * Returns the id within str, without copying. Inline: the importer reads
 * one for every row. */
static inline const char *
hk_normalize_id (const char *str,
                 gsize       len,
                 gsize      *out_len)
{
  gsize int_len = 0;

  hk_trim (&str, &len);
  while (int_len < len && g_ascii_isdigit (str[int_len]))
    int_len++;
  if (int_len > 0 && int_len + 1 < len && str[int_len] == '.')
    {
      gsize i;

      for (i = int_len + 1; i < len && str[i] == '0'; i++)
        ;
      if (i == len)
        len = int_len;
    }
  *out_len = len;
  return str;
}

/* "post", "Post", "per_post", "Per Post", likewise order. */
gboolean hk_parse_basis     (const char  *str,
                             gsize        len,
                             HkBasis     *basis);

/* "m"/"male" -> "Male", "f"/"female" -> "Female" (any case); else NULL. */
const char *hk_normalize_gender (const char *str,
                                 gsize       len);

/* "exposed" (or "treatment", "test") and "holdout" (or "control"), any case;
 * an empty cell is HK_AB_NONE. */
gboolean hk_parse_ab_group  (const char  *str,
                             gsize        len,
                             HkAbGroup   *group);

/* Header matching: trimmed, lower-cased, spaces, dashes and dots turned into '_'. */
char    *hk_normalize_header (const char *header);

G_END_DECLS
