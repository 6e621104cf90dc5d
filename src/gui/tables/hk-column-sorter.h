/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HK_TYPE_COLUMN_SORTER (hk_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (HkColumnSorter, hk_column_sorter, HK, COLUMN_SORTER, GtkSorter)

/* The sorter of one GtkColumnView column of an HkDataTable. The table's model
 * sorts itself in a worker thread (a GtkSortListModel would make an object for
 * every row), so these sorters only tell which column the view sorts by and
 * in which direction: GTK 4.8 has no API for that, and its view sorter
 * applies the direction by inverting the column sorter's answer. */
HkColumnSorter *hk_column_sorter_new        (guint           column);
guint           hk_column_sorter_get_column (HkColumnSorter *self);

/* The primary column of view_sorter (a GtkColumnView's sorter made of
 * HkColumnSorters) and whether it sorts descending; FALSE when it sorts by
 * nothing. Compares two probe items the column sorters recognise: the first
 * one asked is the primary, and the sign of the answer is the direction. */
gboolean        hk_column_sorter_probe      (GtkSorter      *view_sorter,
                                             guint          *column,
                                             gboolean       *descending);

G_END_DECLS
