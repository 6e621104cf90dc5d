/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window says when there is nothing to show: a table with no rows
 * under the search or the filters, a folder with no data files, a failed
 * export. Each says why and offers the way out. */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-dialogs.h"
#include "hk-export-advice.h"
#include "hk-import.h"
#include "hk-window-private.h"

/* ------------------------------------------------------------------------ */
/* Tables with no rows                                                      */

/* The status page a table shows with no rows; small on the Insights cards. */
static AdwStatusPage *
ensure_placeholder (HkDataTable *table,
                    gboolean     compact)
{
  GtkWidget *placeholder = NULL;
  GtkWidget *button;

  g_object_get (table, "placeholder", &placeholder, NULL);
  if (placeholder != NULL)
    {
      g_object_unref (placeholder); /* the table holds it */
      return ADW_STATUS_PAGE (placeholder);
    }
  placeholder = adw_status_page_new ();
  button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (placeholder), button);
  /* Opaque over the column headers. */
  gtk_widget_add_css_class (placeholder, "view");
  if (compact)
    gtk_widget_add_css_class (placeholder, "compact");
  g_object_set (table, "placeholder", placeholder, NULL);
  return ADW_STATUS_PAGE (placeholder);
}

/* Says why a table is empty: the name search (Clear Search), the filters
 * (Reset Filters), or a table's own search. Kept current whether shown or not:
 * the tables show it when their rows come out empty. */
void
_hk_window_update_placeholders (HkWindow *self)
{
  const HkFilter *filter = hk_session_get_filter (self->session);
  const char *search = filter ? hk_filter_get_search (filter) : NULL;
  g_autofree char *title = NULL;
  const char *icon, *description, *label, *action;

  if (search != NULL && *search != '\0')
    {
      title = g_strdup_printf (_("No influencer matches “%s”"), search);
      icon = "system-search-symbolic";
      description = _("Check the spelling, or search by part of the name or the ID.");
      label = _("_Clear Search");
      action = "win.clear-search";
    }
  else if (filter != NULL && !hk_filter_is_empty (filter))
    {
      title = g_strdup (_("No Rows Match the Filters"));
      icon = "edit-find-symbolic";
      description = _("Choose fewer values in the filters, or a wider date range.");
      label = _("_Reset Filters");
      action = "win.reset-filters";
    }
  else
    {
      title = g_strdup (_("No Matches"));
      icon = "system-search-symbolic";
      description = _("Nothing here matches the search.");
      label = _("_Clear Search");
      action = "win.clear-search";
    }

  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    {
      HkDataTable *table = _hk_window_get_table_at (self, i);
      gboolean compact = gtk_widget_is_ancestor (GTK_WIDGET (table), GTK_WIDGET (self->insights_page));
      AdwStatusPage *page = ensure_placeholder (table, compact);
      GtkWidget *button = adw_status_page_get_child (page);

      adw_status_page_set_title (page, title);
      /* The Insights cards are short: words and the button only. */
      adw_status_page_set_icon_name (page, compact ? NULL : icon);
      adw_status_page_set_description (page, compact ? NULL : description);
      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
    }
}

/* win.clear-search: the name search and every table's own search. */
void
_hk_window_clear_search (HkWindow *self)
{
  g_autoptr(HkFilter) filter = hk_filter_copy (hk_window_get_filter (self));

  for (guint i = 0; _hk_window_get_table_at (self, i) != NULL; i++)
    hk_data_table_set_search (_hk_window_get_table_at (self, i), "");
  if (hk_filter_get_search (filter) != NULL && *hk_filter_get_search (filter) != '\0')
    {
      hk_filter_set_search (filter, NULL);
      hk_window_set_filter (self, filter);
    }
}

/* ------------------------------------------------------------------------ */
/* A folder with no data                                                    */

/* A folder that could not be read, or holds no data files, shows a status
 * page in place of the data (which stays loaded behind it): FALSE for other
 * errors, left to a dialog. */
gboolean
_hk_window_show_folder_error (HkWindow     *self,
                              const char   *folder,
                              const GError *error)
{
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  if (folder == NULL ||
      !(g_error_matches (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_NOT_FOUND) ||
        g_error_matches (error, HK_IMPORT_ERROR, HK_IMPORT_ERROR_MISSING_TABLE)))
    return FALSE;

  display = g_filename_display_basename (folder);
  if (error->code == HK_IMPORT_ERROR_NOT_FOUND)
    title = g_strdup_printf (_("Could Not Open “%s”"), display);
  else
    title = g_strdup (_("No Data Files Found"));
  escaped = g_markup_escape_text (error->message, -1);
  /* The file names are the importer's (DESIGN.md §2), never translated. */
  description = g_strdup_printf (_("%s\n\nA data folder holds %s, %s, %s and %s; %s is optional."),
                                 escaped, "<tt>influencers.csv</tt>", "<tt>posts.csv</tt>",
                                 "<tt>tracking_data.csv</tt>", "<tt>payouts.csv</tt>",
                                 "<tt>holdout_groups.csv</tt>");
  adw_status_page_set_title (self->folder_status, title);
  adw_status_page_set_description (self->folder_status, description);
  gtk_widget_set_visible (GTK_WIDGET (self->flap), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_status), TRUE);
  return TRUE;
}

void
_hk_window_hide_folder_error (HkWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->folder_status), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->flap), TRUE);
}

gboolean
hk_window_get_folder_error_shown (HkWindow *self)
{
  g_return_val_if_fail (HK_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->folder_status));
}

/* ------------------------------------------------------------------------ */
/* Exports that failed                                                      */

/* What went wrong, in the writer's words (naming the file and saying what
 * became of it), then what to do about it. */
void
_hk_window_show_export_error (HkWindow     *self,
                              const char   *heading,
                              const GError *error)
{
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, hk_export_advice (error));

  hk_dialogs_show_error (GTK_WINDOW (self), heading, body, NULL);
}
