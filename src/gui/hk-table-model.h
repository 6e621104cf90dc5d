/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HK_TYPE_TABLE_MODEL (hk_table_model_get_type ())
G_DECLARE_FINAL_TYPE (HkTableModel, hk_table_model, HK, TABLE_MODEL, GObject)

/* A GListModel of HkTableRow items over an array of row indices: an item is
 * made only when a list asks for it, so a table of fifty thousand rows holds
 * objects only for what is on screen. */
HkTableModel *hk_table_model_new      (void);
/* Shows rows (copied) instead; one items-changed over the whole list. */
void          hk_table_model_set_rows (HkTableModel *self,
                                       const guint  *rows,
                                       guint         n_rows);
guint         hk_table_model_get_row  (HkTableModel *self,
                                       guint         position);

G_END_DECLS
