/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How money shows in the UI (Preferences → Currency display). Exports always
 * hold plain numbers. */
typedef enum {
  HK_MONEY_FULL,    /* ₹1,23,456.78 */
  HK_MONEY_WHOLE,   /* ₹1,23,457 */
  HK_MONEY_COMPACT, /* ₹1.2 L */
} HkMoneyStyle;

/* What a table cell or a KPI holds, which decides how it is shown. */
typedef enum {
  HK_CELL_TEXT,     /* text as written */
  HK_CELL_VALUE,    /* an attribute value: the empty value shows "Unknown" */
  HK_CELL_COUNT,    /* a whole number with grouping */
  HK_CELL_MONEY,    /* rupees, in the money style */
  HK_CELL_RATIO,    /* ROAS and the like: "3.25×" */
  HK_CELL_PERCENT,  /* a fraction: 0.0345 → "3.45%" */
  HK_CELL_DATE,     /* a day number */
  HK_CELL_RATE,     /* a payout rate: rupees, or below 1 a commission shown as a percentage */
  HK_CELL_FLAG,     /* 1 when flagged, else 0 */
  HK_CELL_BASIS,    /* a payout basis: "post", "order", "mixed", shown "Per post"… */
  HK_CELL_TIER,     /* a follower tier: "nano"…, shown "Nano"… in the UI's language */
} HkCellKind;

#define HK_TYPE_MONEY_STYLE (hk_money_style_get_type ())
GType       hk_money_style_get_type (void) G_GNUC_CONST;

/* Newly allocated; "—" for NAN (undefined). Not for text kinds. */
char       *hk_gui_format_number    (HkCellKind    kind,
                                     double        value,
                                     HkMoneyStyle  style);
char       *hk_gui_format_money     (double        value,
                                     HkMoneyStyle  style);
/* The empty value of an attribute is shown "Unknown". */
const char *hk_gui_format_value     (const char   *value);
/* A text cell as shown: "Unknown" for an empty value, bases in words. */
const char *hk_gui_format_text      (HkCellKind    kind,
                                     const char   *text);
/* Whether a kind is a number (right-aligned, tabular figures). */
gboolean    hk_cell_kind_is_number  (HkCellKind    kind);

G_END_DECLS
