/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HK_TYPE_TABLE_MODEL (hk_table_model_get_type ())
G_DECLARE_FINAL_TYPE (HkTableModel, hk_table_model, HK, TABLE_MODEL, GObject)

/* A GListModel of HkTableRow items over an array of row indices. An item is
 * made only when a list asks for its position, so a table of half a million
 * rows holds objects only for what is on screen; the model remembers those
 * (weakly) to update them in place. */
HkTableModel *hk_table_model_new      (void);
/* Shows rows (copied) instead. Items alive keep their positions and are
 * pointed at their new rows ("changed"); items-changed covers only the
 * positions added or removed at the end, so the list keeps its row widgets. */
void          hk_table_model_set_rows (HkTableModel *self,
                                       const guint  *rows,
                                       guint         n_rows);
guint         hk_table_model_get_row  (HkTableModel *self,
                                       guint         position);

G_END_DECLS
