/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hk-import-report.h"

G_BEGIN_DECLS

/* Every dialog the app shows, each behind one helper, so moving to the newer
 * GTK and libadwaita dialogs (GtkFileDialog, AdwAlertDialog) stays local. */

/* An error with optional details (file:line messages) in a scrolled list. */
AdwMessageDialog *hk_dialogs_show_error         (GtkWindow      *parent,
                                                 const char     *heading,
                                                 const char     *body,
                                                 GPtrArray      *details);
/* The import report of a dataset that opened with problems, and its holdout
 * tests in words (hk_engine_dup_holdout_report(); NULL for none). */
AdwMessageDialog *hk_dialogs_show_import_report (GtkWindow      *parent,
                                                 HkImportReport *report,
                                                 const char     *holdout_report);

typedef void (*HkChooseFunc) (GFile    *file,
                              gpointer  user_data);

/* A folder to open or to export into, starting in initial_folder (NULL:
 * the chooser's default); callback is not called on cancel. */
void              hk_dialogs_choose_folder      (GtkWindow      *parent,
                                                 const char     *title,
                                                 const char     *accept_label,
                                                 const char     *initial_folder,
                                                 HkChooseFunc    callback,
                                                 gpointer        user_data);
/* A CSV file to save, suggesting name. */
void              hk_dialogs_choose_csv_file    (GtkWindow      *parent,
                                                 const char     *title,
                                                 const char     *name,
                                                 HkChooseFunc    callback,
                                                 gpointer        user_data);

G_END_DECLS
