/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HK_TYPE_APPLICATION (hk_application_get_type ())
G_DECLARE_FINAL_TYPE (HkApplication, hk_application, HK, APPLICATION, AdwApplication)

/* The application: its actions (open-folder, open-demo, reload, show-page,
 * export-view, export-summaries, quit, preferences, about), accelerators,
 * settings, and the --screenshot mode. */
HkApplication *hk_application_new          (const char        *application_id,
                                            GApplicationFlags  flags);
GSettings     *hk_application_get_settings (HkApplication     *self);
/* What main () returns: non-zero when a screenshot failed. */
int            hk_application_get_exit_status (HkApplication  *self);

G_END_DECLS
