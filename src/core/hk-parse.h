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

  while (n > 0 && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  *str = s;
  *len = n;
}

/* Plain decimal or exponent notation ("42", "-3.5", "1e6", ".5"). NaN, inf,
 * grouping ("1,234"), currency ("₹500"), hex and empty cells are not numbers,
 * nor are values too large for a double. */
gboolean hk_parse_double    (const char  *str,
                             gsize        len,
                             double      *value);

/* An id is trimmed text; "42.0" (digits, a point, only zeros) becomes "42".
 * Returns the id within str, without copying. */
const char *hk_normalize_id (const char  *str,
                             gsize        len,
                             gsize       *out_len);

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
