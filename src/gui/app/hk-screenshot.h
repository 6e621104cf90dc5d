/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders a realized widget (a window) as it is drawn now into a PNG file,
 * through the window's own renderer. */
gboolean hk_screenshot_save (GtkWidget   *widget,
                             const char  *path,
                             GError     **error);

G_END_DECLS
