/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date is a day number: days since 1970-01-01 (negative before). */
#define HK_DAY_NONE G_MININT32
#define HK_DATE_ISO_LEN 11 /* "YYYY-MM-DD" plus NUL */

/* How a date cell reads. Day-first and month-first only differ for D-M-YYYY
 * and D/M/YYYY, whose order is settled per column once the whole file is read. */
typedef enum {
  HK_DATE_INVALID = 0,
  HK_DATE_UNAMBIGUOUS,     /* ISO, or D/M with day == month: both readings agree */
  HK_DATE_AMBIGUOUS,       /* both readings valid and different */
  HK_DATE_DAY_FIRST_ONLY,  /* e.g. 25/12/2024 */
  HK_DATE_MONTH_FIRST_ONLY /* e.g. 12/25/2024 */
} HkDateReading;

gboolean      hk_date_valid_ymd   (int          year,
                                   int          month,
                                   int          day);
gint32        hk_date_from_ymd    (int          year,
                                   int          month,
                                   int          day);
void          hk_date_to_ymd      (gint32       day_number,
                                   int         *year,
                                   int         *month,
                                   int         *day);
void          hk_date_format_iso  (gint32       day_number,
                                   char         buf[HK_DATE_ISO_LEN]);
HkDateReading hk_date_parse       (const char  *text,
                                   gsize        len,
                                   gint32      *day_first,
                                   gint32      *month_first);
gboolean      hk_date_parse_iso   (const char  *text,
                                   gint32      *day_number);

G_END_DECLS
