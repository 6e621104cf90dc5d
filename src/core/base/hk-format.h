/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How numbers read in a locale: decimal point, grouping separator and group
 * sizes as localeconv() gives them ("\3" for thousands; "\3\2" for the Indian
 * 1,23,45,678), all UTF-8. Money is always rupees. */
typedef struct {
  char  decimal_point[8];
  char  thousands_sep[8];
  char  grouping[8];
  gboolean indian;        /* lakh/crore words in compact amounts */
} HkNumberFormat;

/* The format of a named locale ("en_IN.UTF-8", "hi_IN", "en_US.UTF-8", "C"):
 * from newlocale() when that locale is installed, else from built-in
 * knowledge: any "*_IN" groups in lakhs and crores with ',' and '.'; "C" and
 * "POSIX" (and NULL) do not group; anything else reads like en_US. Indian
 * locales always get lakh/crore grouping, even where their LC_NUMERIC says
 * otherwise (glibc's hi_IN has "\3" there). Never calls setlocale(). */
void  hk_number_format_for_locale (HkNumberFormat       *format,
                                   const char           *locale);
/* The format of the LC_NUMERIC locale, worked out once, on first use, and
 * kept (thread-safe): the application calls setlocale (LC_ALL, "") at start-up,
 * before anything is formatted. When that locale is C but LC_ALL, LC_NUMERIC
 * or LANG names another (it is not installed), the built-in knowledge of
 * that one. The dates below take LC_TIME the same way. */
const HkNumberFormat *hk_number_format_get_default (void);

/* All return newly allocated UTF-8; NAN or an infinity (undefined) gives "—".
 * format NULL: the default. Values round half away from zero on the shown
 * decimals (0 to 20), starting from the shortest decimal that reads back as
 * the value (1.005 → "1.01"); a value that rounds to zero has no sign. Any
 * magnitude prints in full. Negative values take a minus sign, U+2212. */
/* 1234567.891 with 2 decimals: "12,34,567.89" (en_IN), "1,234,567.89" (en_US). */
char *hk_format_number        (const HkNumberFormat *format,
                               double                value,
                               int                   decimals);
/* "₹1,23,45,678.90"; negative "−₹500.00". */
char *hk_format_money         (const HkNumberFormat *format,
                               double                value,
                               int                   decimals);
/* Short amounts for axes and cards, one decimal, a ".0" dropped: "₹1.2 Cr",
 * "₹45.6 L", "₹1 L", and below a lakh whole rupees "₹9,500" in Indian
 * locales; "₹1.2B", "₹1.2M", "₹45.6K", "₹950" elsewhere. The unit follows the
 * rounded value: 99,999.6 → "₹1 L". */
char *hk_format_money_compact (const HkNumberFormat *format,
                               double                value);
/* Short amounts for KPI cards and the compact money style: large amounts
 * in units to three significant figures ("₹3.11 Cr", "₹45.6 L", "₹345 Cr";
 * "₹1.23M" elsewhere), smaller ones exact to the paisa ("₹3.61",
 * "₹45,600.00"): only large amounts are shortened. */
char *hk_format_money_short   (const HkNumberFormat *format,
                               double                value);
/* Counts the same way without the rupee sign: "1.2 Cr"/"1.2M", "12,500". */
char *hk_format_count_compact (const HkNumberFormat *format,
                               double                value);
/* A fraction as a percentage: 0.0345 → "3.45%" (decimals 2). */
char *hk_format_percent       (const HkNumberFormat *format,
                               double                fraction,
                               int                   decimals);
/* A ratio such as ROAS: "3.25×". */
char *hk_format_ratio         (const HkNumberFormat *format,
                               double                value);
/* A day number in the LC_TIME locale's date format (strftime %x), e.g.
 * "25/11/26"; HK_DAY_NONE gives "—". */
char *hk_format_date          (gint32               day);
/* A day number as "25 Nov 2026" style, with the LC_TIME locale's month names. */
char *hk_format_date_long     (gint32               day);
/* Inclusive days in words: "1 Apr – 30 Sep 2025", "1 Dec 2024 – 31 Jan 2025",
 * "4 May 2025" for one day; an open side (HK_DAY_NONE) reads "from 1 Apr
 * 2025" or "until 30 Sep 2025"; both open: NULL. */
char *hk_format_date_range    (gint32               first_day,
                               gint32               last_day);

G_END_DECLS
