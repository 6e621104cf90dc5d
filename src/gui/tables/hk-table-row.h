/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HK_TYPE_TABLE_ROW (hk_table_row_get_type ())
G_DECLARE_FINAL_TYPE (HkTableRow, hk_table_row, HK, TABLE_ROW, GObject)

/* The item of an HkTableModel at one position: the row index of an
 * HkTableSource shown there. Made when a list shows the position, and kept
 * while it does: when the table's rows change, the model points the item at
 * its new row and emits "changed", so the list rebinds its cells instead of
 * making new row widgets. */
HkTableRow *hk_table_row_new     (guint       row);
guint       hk_table_row_get_row (HkTableRow *self);
/* For the model: shows another row (or the same row of a new analysis). */
void        hk_table_row_set_row (HkTableRow *self,
                                  guint       row);

G_END_DECLS
