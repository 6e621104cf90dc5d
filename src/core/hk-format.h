/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How numbers read in a locale: decimal point, grouping separator and group
 * sizes as localeconv() gives them ("\3" for thousands; "\3\2" for the Indian
 * 1,23,45,678). Money is always rupees. */
typedef struct {
  char  decimal_point[8];
  char  thousands_sep[8];
  char  grouping[8];
  gboolean indian;        /* lakh/crore words in compact amounts */
} HkNumberFormat;

/* The format of a named locale ("en_IN.UTF-8", "hi_IN", "en_US.UTF-8", "C"):
 * from newlocale() when that locale is installed, else from built-in
 * knowledge of the Indian locales (any "*_IN") and "C". */
void  hk_number_format_for_locale (HkNumberFormat       *format,
                                   const char           *locale);
/* The format of the current LC_NUMERIC locale; cached, thread-safe. */
const HkNumberFormat *hk_number_format_get_default (void);

/* All return newly allocated UTF-8; NAN (undefined) gives "—". format NULL:
 * the default. */
/* 1234567.891 with 2 decimals: "12,34,567.89" (en_IN), "1,234,567.89" (en_US). */
char *hk_format_number        (const HkNumberFormat *format,
                               double                value,
                               int                   decimals);
/* "₹1,23,45,678.90"; negative "−₹500.00". */
char *hk_format_money         (const HkNumberFormat *format,
                               double                value,
                               int                   decimals);
/* Short amounts for axes and cards: "₹1.2 Cr", "₹45.6 L", "₹9,500" in Indian
 * locales; "₹1.2M", "₹45.6K" elsewhere. */
char *hk_format_money_compact (const HkNumberFormat *format,
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
/* A day number in the locale's date format (strftime %x), e.g. "25/11/26". */
char *hk_format_date          (gint32               day);
/* A day number as "25 Nov 2026" style, with the locale's month names. */
char *hk_format_date_long     (gint32               day);

G_END_DECLS
