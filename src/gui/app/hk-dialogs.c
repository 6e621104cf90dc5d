/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-dialogs.h"

AdwMessageDialog *
hk_dialogs_show_error (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       GPtrArray  *details)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");

  if (details != NULL && details->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label;

      for (guint i = 0; i < details->len; i++)
        {
          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, details->pdata[i]);
        }
      label = gtk_label_new (text->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "report-messages");
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_widget_add_css_class (scrolled, "card");
      adw_message_dialog_set_extra_child (dialog, scrolled);
      gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* After a load with problems, and from the menu at any time: a clean report
 * lists what each file gave. */
AdwMessageDialog *
hk_dialogs_show_import_report (GtkWindow      *parent,
                               HkImportReport *report,
                               const char     *holdout_report)
{
  gboolean problems = hk_import_report_has_problems (report);
  g_autoptr(GPtrArray) messages = NULL;
  guint64 skipped = 0;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  for (guint t = 0; t < HK_N_TABLES; t++)
    skipped += hk_import_report_get_rows_skipped (report, t);
  if (problems)
    messages = hk_import_report_dup_messages (report);
  else
    {
      messages = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (messages, g_strchomp (hk_import_report_to_text (report)));
    }
  if (holdout_report != NULL)
    g_ptr_array_add (messages, g_strchomp (g_strdup (holdout_report)));
  if (skipped > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, skipped);

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The data opened with what was valid; %s row was skipped. The files were not changed.",
                                           "The data opened with what was valid; %s rows were skipped. The files were not changed.",
                                           (gulong) MIN (skipped, G_MAXULONG)),
                              count);
    }
  else if (problems)
    body = g_strdup (_("The data opened with what was valid. The files were not changed."));
  else
    body = g_strdup (_("Every row of every file was read."));
  dialog = hk_dialogs_show_error (parent, problems ? _("Some Data Could Not Be Read") : _("Import Report"),
                                  body, messages);
  gtk_widget_set_name (GTK_WIDGET (dialog), "import-report-dialog");
  return dialog;
}

typedef struct {
  HkChooseFunc callback;
  gpointer     user_data;
} Choice;

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        choice->callback (file, choice->user_data);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_free (choice);
}

static void
run_chooser (GtkFileChooserNative *chooser,
             HkChooseFunc          callback,
             gpointer              user_data)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->callback = callback;
  choice->user_data = user_data;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hk_dialogs_choose_folder (GtkWindow    *parent,
                          const char   *title,
                          const char   *accept_label,
                          const char   *initial_folder,
                          HkChooseFunc  callback,
                          gpointer      user_data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         accept_label, _("_Cancel"));
  if (initial_folder != NULL && *initial_folder != '\0' && g_file_test (initial_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (initial_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  run_chooser (chooser, callback, user_data);
}

void
hk_dialogs_choose_csv_file (GtkWindow    *parent,
                            const char   *title,
                            const char   *name,
                            HkChooseFunc  callback,
                            gpointer      user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  run_chooser (chooser, callback, user_data);
}
