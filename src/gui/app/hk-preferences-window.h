/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HK_TYPE_PREFERENCES_WINDOW (hk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (HkPreferencesWindow, hk_preferences_window, HK, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The iROAS method, its pre-period days and assumed organic share, and the
 * currency display, bound to settings. */
HkPreferencesWindow *hk_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);
/* A gross margin row for each brand (the brand-margins setting; the default
 * margin for brands not set). */
void                 hk_preferences_window_set_brands (HkPreferencesWindow *self,
                                                       GPtrArray           *brands);

G_END_DECLS
