/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "hk-date.h"
#include "hk-file-writer.h"
#include "hk-influencer-rows.h"
#include "hk-dialogs.h"
#include "hk-window-actions.h"
#include "hk-window-private.h"

/* win.reset-filters: every filter off. */
static void
reset_filters_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  g_autoptr(HkFilter) filter = hk_filter_new ();

  hk_window_set_filter (HK_WINDOW (user_data), filter);
}

/* win.set-filter ("brand", ["MuscleBlaze", …]): the values of one dimension
 * (an empty list allows all); "search" takes one text, "from" and "to" one ISO
 * date or none. For scripts, tests and benchmarks. */
static void
set_filter_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  HkWindow *self = HK_WINDOW (user_data);
  g_autoptr(HkFilter) filter = hk_filter_copy (hk_window_get_filter (self));
  g_autofree const char **values = NULL;
  const char *name;
  HkDimension dim;

  g_variant_get (parameter, "(&s^a&s)", &name, &values);
  if (g_str_equal (name, "search"))
    hk_filter_set_search (filter, values[0]);
  else if (g_str_equal (name, "from") || g_str_equal (name, "to"))
    {
      gint32 first, last, day = HK_DAY_NONE;

      if (values[0] != NULL && !hk_date_parse_iso (values[0], &day))
        {
          g_warning ("win.set-filter: “%s” is not a YYYY-MM-DD date", values[0]);
          return;
        }
      hk_filter_get_date_range (filter, &first, &last);
      if (g_str_equal (name, "from"))
        first = day;
      else
        last = day;
      hk_filter_set_date_range (filter, first, last);
    }
  else if (hk_dimension_from_name (name, &dim) && dim != HK_DIM_INFLUENCER && dim != HK_DIM_DAY)
    {
      hk_filter_clear (filter, dim);
      for (guint i = 0; values[i]; i++)
        hk_filter_add (filter, dim, values[i]);
    }
  else
    {
      g_warning ("win.set-filter: no filter called “%s”", name);
      return;
    }
  hk_window_set_filter (self, filter);
}

static void
cancel_load_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  hk_window_cancel_load (HK_WINDOW (user_data));
}

/* win.show-influencer ("INF_001"): the posts and orders of an influencer by id. */
static void
show_influencer_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  HkWindow *self = HK_WINDOW (user_data);
  HkDataset *dataset = hk_window_get_dataset (self);
  const char *id = g_variant_get_string (parameter, NULL);

  if (dataset == NULL)
    return;
  for (guint i = 0; i < hk_dataset_get_n_influencers (dataset); i++)
    if (g_str_equal (hk_influencer_rows_get_text (dataset, i, HK_INFLUENCER_COLUMN_ID), id))
      {
        hk_window_show_influencer (self, i);
        return;
      }
  _hk_window_toast (self, _("No influencer has that ID"), NULL);
}

/* win.select-influencer (dataset index): its row in the Influencers table. */
static void
select_influencer_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  HkWindow *self = HK_WINDOW (user_data);

  hk_window_show_page (self, "influencers");
  hk_data_table_select_influencer (self->influencers_table, g_variant_get_uint32 (parameter));
}

/* win.search: the search entry of the page shown. */
static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  HkWindow *self = HK_WINDOW (user_data);
  const char *page = hk_window_get_page (self);
  HkDataTable *table = NULL;
  gboolean table_search = FALSE;

  if (g_strcmp0 (page, "insights") == 0)
    table = hk_insights_page_get_current_table (self->insights_page);
  else if (g_strcmp0 (page, "overview") != 0)
    table = hk_window_get_table (self, page);

  /* Tables searching influencers leave it to the sidebar's name search. */
  if (table != NULL)
    g_object_get (table, "show-search", &table_search, NULL);
  if (table_search)
    hk_data_table_focus_search (table);
  else
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      hk_filter_sidebar_focus_search (self->sidebar);
    }
}

/* win.show-uri: a toast's "Open Folder". */
static void
show_uri_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* win.retry-folder: the last folder again, when it was away at start. */
static void
retry_folder_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  hk_window_retry_folder (HK_WINDOW (user_data));
}

/* win.import-report: what the last import read, at any time. */
static void
import_report_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  HkWindow *self = HK_WINDOW (user_data);

  HkDataset *dataset = hk_session_get_dataset (self->session);

  if (dataset != NULL)
    {
      g_autofree char *holdout = hk_session_get_engine (self->session)
                                 ? hk_engine_dup_holdout_report (hk_session_get_engine (self->session)) : NULL;

      hk_dialogs_show_import_report (GTK_WINDOW (self), hk_dataset_get_report (dataset), holdout);
    }
}

/* win.clear-search: a status page's Clear Search. */
static void
clear_search_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  _hk_window_clear_search (HK_WINDOW (user_data));
}

/* win.dismiss-folder-error: back to the data shown before the folder failed. */
static void
dismiss_folder_error_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  _hk_window_hide_folder_error (HK_WINDOW (user_data));
}

/* win.help: the user guide, bundled in the GResource, written to the cache
 * (a browser cannot read resources) and opened there. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HkWindow *self = HK_WINDOW (user_data);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "influencer-dashboard", "help", NULL);
  g_autofree char *path = g_build_filename (dir, "index.html", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data ("/com/healthkart/InfluencerDashboard/help/index.html",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL && g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
  if (error == NULL)
    hk_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (error != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The user guide could not be opened: %s"), error->message);

      _hk_window_toast (self, title, NULL);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* In the window's action map, next to win.show-sidebar
 * and win.show-help-overlay: on GTK 4.8, class actions named "win.…" would
 * hide that map's actions. */
static const GActionEntry window_entries[] = {
  { "reset-filters", reset_filters_action },
  { "set-filter", set_filter_action, "(sas)" },
  { "cancel-load", cancel_load_action },
  { "show-influencer", show_influencer_action, "s" },
  { "select-influencer", select_influencer_action, "u" },
  { "search", search_action },
  { "show-uri", show_uri_action, "s" },
  { "import-report", import_report_action },
  { "retry-folder", retry_folder_action },
  { "clear-search", clear_search_action },
  { "help", help_action },
  { "dismiss-folder-error", dismiss_folder_error_action },
};

/* The window's actions, for the window made by hk_window_new (): its maker
 * installs them, so that the window itself knows nothing of them. */
void
hk_window_actions_install (HkWindow *self)
{
  /* The flap's reveal-flap is bound to the "sidebar-shown" setting. */
  g_autoptr(GPropertyAction) sidebar_action = g_property_action_new ("show-sidebar", self->flap, "reveal-flap");

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_entries, G_N_ELEMENTS (window_entries), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sidebar_action));
  g_object_bind_property (self->session, "loading",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-load"), "enabled",
                          G_BINDING_SYNC_CREATE);
}
