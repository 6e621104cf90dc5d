/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HK_TYPE_TABLE_ROW (hk_table_row_get_type ())
G_DECLARE_FINAL_TYPE (HkTableRow, hk_table_row, HK, TABLE_ROW, GObject)

/* The item of an HkTableModel: a row index of an HkTableSource, made when a
 * list shows it. */
HkTableRow *hk_table_row_new     (guint       row);
guint       hk_table_row_get_row (HkTableRow *self);

G_END_DECLS
