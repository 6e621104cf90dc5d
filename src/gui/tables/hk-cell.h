/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HK_TYPE_CELL (hk_cell_get_type ())
G_DECLARE_FINAL_TYPE (HkCell, hk_cell, HK, CELL, GtkWidget)

/* One line of text in a table cell, cheap to change: its height is the font's
 * line height whatever the text, so new text only redraws it, and the text is
 * laid out when the cell is drawn, ellipsized to its width. A GtkColumnView
 * keeps some two hundred rows alive on GTK 4.8; with GtkLabel cells every
 * filter change laid out thousands of labels before the next frame. */
GtkWidget  *hk_cell_new      (gboolean    numeric);
const char *hk_cell_get_text (HkCell     *self);
void        hk_cell_set_text (HkCell     *self,
                              const char *text);

/* Whether the text was cut when last drawn (its tooltip then shows it whole). */
gboolean    hk_cell_get_ellipsized (HkCell     *self);

G_END_DECLS
