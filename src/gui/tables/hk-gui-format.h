/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hk-table-spec.h"

G_BEGIN_DECLS

/* How money shows in the UI (Preferences → Currency display). Exports always
 * hold plain numbers. */
typedef enum {
  HK_MONEY_FULL,    /* ₹1,23,456.78 */
  HK_MONEY_WHOLE,   /* ₹1,23,457 */
  HK_MONEY_COMPACT, /* ₹1.2 L */
} HkMoneyStyle;


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
/* A source ("instagram") as the platform it names ("Instagram", "YouTube"),
 * else with a capital letter; "Unknown" when empty. platforms: how the
 * dataset writes its platforms, NULL-terminated, or NULL. Interned. Display
 * only: filters and exports keep the value as written. The sidebar and the
 * tables both show sources through it. */
const char *hk_gui_format_source    (const char   *value,
                                     const char * const *platforms);
/* The dataset's platforms as written (for hk_gui_format_source); borrowed,
 * kept with the dataset. */
const char * const *hk_gui_dataset_get_platforms (HkDataset *dataset);
/* A text cell as shown: "Unknown" for an empty value, bases in words. */
const char *hk_gui_format_text      (HkCellKind    kind,
                                     const char   *text);

G_END_DECLS
