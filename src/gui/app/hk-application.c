/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "data/hk-metainfo-about.h"
#include "hk-application.h"
#include "hk-db-dialog.h"
#include "hk-pg-source.h"
#include "hk-preferences-window.h"
#include "hk-snapshot-cache.h"
#include "hk-screenshot.h"
#include "hk-settings.h"
#include "hk-window-actions.h"
#include "hk-window.h"

struct _HkApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        settings_in_memory;
  int             exit_status;

  /* --screenshot */
  char           *screenshot_path;
  char           *screenshot_page;
  gboolean        screenshot_dark;
  gboolean        screenshot_no_banner;
  gboolean        screenshot_filters;
  int             screenshot_width;
  int             screenshot_height;
  guint           screenshot_frames;
  guint           screenshot_timeout;
};

G_DEFINE_FINAL_TYPE (HkApplication, hk_application, ADW_TYPE_APPLICATION)


static HkWindow *
get_window (HkApplication *self,
            gboolean       create)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); window == NULL && l; l = l->next)
    if (HK_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL && create)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  return HK_IS_WINDOW (window) ? HK_WINDOW (window) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Screenshot mode                                                          */

static gboolean
on_screenshot_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  HkApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  /* A few frames after the data is shown: AdwFlap and the column views lay
   * out their children a frame or two late. */
  if (self->screenshot_frames == 3 && self->screenshot_filters)
    g_action_group_change_action_state (G_ACTION_GROUP (widget), "show-sidebar",
                                        g_variant_new_boolean (TRUE));
  if (++self->screenshot_frames < 6)
    {
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }
  if (!hk_screenshot_save (widget, self->screenshot_path, &error))
    {
      /* Not drawn yet (a slow or busy display): try again a little later. */
      if (self->screenshot_frames < 120)
        {
          gtk_widget_queue_draw (widget);
          return G_SOURCE_CONTINUE;
        }
      g_printerr ("%s\n", error->message);
      self->exit_status = 1;
    }
  g_clear_handle_id (&self->screenshot_timeout, g_source_remove);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
on_screenshot_window_notify_busy (HkApplication *self,
                                  GParamSpec    *pspec,
                                  HkWindow      *window)
{
  if (hk_window_get_busy (window) || hk_window_get_analysis (window) == NULL ||
      self->screenshot_frames > 0)
    return;
  self->screenshot_frames = 1;
  g_signal_handlers_disconnect_by_func (window, on_screenshot_window_notify_busy, self);
  /* --no-banner: the store's screenshots show the app, not a note about its data. */
  if (self->screenshot_no_banner)
    {
      GObject *banner = gtk_widget_get_template_child (GTK_WIDGET (window), HK_TYPE_WINDOW,
                                                       "demo_revealer");
      if (GTK_IS_REVEALER (banner))
        gtk_revealer_set_reveal_child (GTK_REVEALER (banner), FALSE);
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_screenshot_tick, self, NULL);
}

static gboolean
on_screenshot_timeout (gpointer user_data)
{
  HkApplication *self = user_data;

  self->screenshot_timeout = 0;
  g_printerr ("%s\n", _("The data did not show within a minute; no screenshot taken"));
  self->exit_status = 1;
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
prepare_screenshot (HkApplication *self,
                    HkWindow      *window)
{
  if (self->screenshot_page != NULL)
    hk_window_show_page (window, self->screenshot_page);
  g_signal_connect_object (window, "notify::busy", G_CALLBACK (on_screenshot_window_notify_busy),
                           self, G_CONNECT_SWAPPED);
  self->screenshot_timeout = g_timeout_add_seconds (60, on_screenshot_timeout, self);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

static void
open_folder_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HkWindow *window = get_window (user_data, TRUE);
  const char *path = g_variant_get_string (parameter, NULL);

  if (*path == '\0')
    hk_window_choose_folder (window);
  else
    hk_window_open_folder (window, path);
}

static void
connect_db_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  hk_db_dialog_show (get_window (user_data, TRUE));
}

static void
open_demo_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  hk_window_open_demo (get_window (user_data, TRUE));
}

static void
reload_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  hk_window_reload (get_window (user_data, TRUE));
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *page = g_variant_get_string (parameter, NULL);

  if (!hk_window_show_page (get_window (user_data, TRUE), page))
    g_warning ("app.show-page: no page called “%s”", page);
}

static void
export_view_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HkWindow *window = get_window (user_data, TRUE);
  const char *path = g_variant_get_string (parameter, NULL);

  if (*path == '\0')
    hk_window_choose_export_view (window);
  else
    hk_window_export_view (window, path);
}

static void
export_summaries_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  HkWindow *window = get_window (user_data, TRUE);
  const char *path = g_variant_get_string (parameter, NULL);

  if (*path == '\0')
    hk_window_choose_summaries_folder (window);
  else
    hk_window_export_summaries (window, path);
}

static void
export_chart_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  HkWindow *window = get_window (user_data, TRUE);
  const char *path = g_variant_get_string (parameter, NULL);

  if (*path == '\0')
    hk_window_choose_export_chart (window);
  else
    hk_window_export_chart (window, path);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing saves each window's size; the application ends with the last. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (app));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HkApplication *self = user_data;
  HkPreferencesWindow *preferences;
  HkWindow *window = get_window (self, TRUE);
  HkDataset *dataset = hk_window_get_dataset (window);
  g_autoptr(GPtrArray) brands = dataset ? hk_dataset_dup_values (dataset, HK_DIM_BRAND) : NULL;

  preferences = hk_preferences_window_new (GTK_WINDOW (window), self->settings);
  /* The margins of the brands of the data on screen. */
  hk_preferences_window_set_brands (preferences, brands);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The metainfo's release notes of this version as AdwAboutWindow markup
 * (<p> and <ul><li>), each text translated through the msgid po/ has for it. */
static char *
release_notes_markup (void)
{
  GString *markup = g_string_new (NULL);
  gboolean in_list = FALSE;

  for (guint i = 0; hk_metainfo_release_notes[i] != NULL; i += 2)
    {
      gboolean item = g_str_equal (hk_metainfo_release_notes[i], "li");
      g_autofree char *text = g_markup_escape_text (_(hk_metainfo_release_notes[i + 1]), -1);

      if (item && !in_list)
        g_string_append (markup, "<ul>");
      else if (!item && in_list)
        g_string_append (markup, "</ul>");
      in_list = item;
      g_string_append_printf (markup, item ? "<li>%s</li>" : "<p>%s</p>", text);
    }
  if (in_list)
    g_string_append (markup, "</ul>");
  return g_string_free (markup, FALSE);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HkApplication *self = user_data;
  static const char *developers[] = { HK_METAINFO_DEVELOPER, NULL };
  g_autofree char *release_notes = release_notes_markup ();
  GtkWidget *about;

  /* Website, issue tracker and release notes come from the metainfo at build
   * time (data/hk-metainfo-about.h): adw_about_window_new_from_appdata() is
   * libadwaita 1.4, and would need the metainfo in the GResource. */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_window (self, FALSE),
                        "application-name", _("Influencer Dashboard"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", HK_METAINFO_DEVELOPER,
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("See which influencer campaigns earn back what they cost: "
                                      "ROAS, incremental ROAS and payouts by influencer, post, brand and city."),
                        "website", HK_METAINFO_URL_HOMEPAGE,
                        "issue-url", HK_METAINFO_URL_BUGTRACKER,
                        "release-notes-version", HK_METAINFO_RELEASE_VERSION,
                        "release-notes", release_notes,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2025 HealthKart",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "open-folder", open_folder_activated, "s" },
  { "connect-db", connect_db_activated },
  { "open-demo", open_demo_activated },
  { "reload", reload_activated },
  { "show-page", show_page_activated, "s" },
  { "export-view", export_view_activated, "s" },
  { "export-summaries", export_summaries_activated, "s" },
  { "export-chart", export_chart_activated, "s" },
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* ------------------------------------------------------------------------ */
/* GApplication                                                             */

static void
print_no_display (void)
{
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");
  const char *x11 = g_getenv ("DISPLAY");

  if ((wayland == NULL || *wayland == '\0') && (x11 == NULL || *x11 == '\0'))
    g_printerr ("%s\n", _("No display to show the window on: neither WAYLAND_DISPLAY nor DISPLAY is set"));
  else
    g_printerr (_("Could not open the display “%s”\n"), wayland != NULL && *wayland != '\0' ? wayland : x11);
}

static int
hk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  HkApplication *self = HK_APPLICATION (app);
  const char *size = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "influencer-dashboard", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path);
  g_variant_dict_lookup (options, "page", "s", &self->screenshot_page);
  self->screenshot_dark = g_variant_dict_contains (options, "dark");
  self->screenshot_no_banner = g_variant_dict_contains (options, "no-banner");
  self->screenshot_filters = g_variant_dict_contains (options, "filters");
  if (g_variant_dict_lookup (options, "size", "&s", &size) &&
      (sscanf (size, "%dx%d", &self->screenshot_width, &self->screenshot_height) != 2 ||
       self->screenshot_width < 360 || self->screenshot_height < 300))
    {
      g_printerr (_("“%s” is not a size: use WIDTHxHEIGHT, at least 360x300\n"), size);
      return 2;
    }
  if (self->screenshot_page != NULL && !g_strv_contains (hk_window_get_page_names (), self->screenshot_page))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) hk_window_get_page_names ());

      g_printerr (_("No page called “%s”: use one of %s\n"), self->screenshot_page, names);
      return 2;
    }
  if (self->screenshot_path != NULL)
    {
      /* A one-off run: its own process, default settings kept in memory. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
      self->settings_in_memory = TRUE;
    }
  /* Without a display GtkApplication's startup would print a warning and
   * exit: say why in one line instead. */
  if (!gtk_init_check ())
    {
      print_no_display ();
      return 1;
    }
  return G_APPLICATION_CLASS (hk_application_parent_class)->handle_local_options (app, options);
}

static void
hk_application_startup (GApplication *app)
{
  HkApplication *self = HK_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.open-folder('')", { "<Control>o", NULL } },
    { "app.reload", { "F5", "<Control>r", NULL } },
    { "app.export-view('')", { "<Control>e", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.show-page('overview')", { "<Alt>1", NULL } },
    { "app.show-page('influencers')", { "<Alt>2", NULL } },
    { "app.show-page('posts')", { "<Alt>3", NULL } },
    { "app.show-page('payouts')", { "<Alt>4", NULL } },
    { "app.show-page('insights')", { "<Alt>5", NULL } },
    { "win.show-sidebar", { "F9", NULL } },
    { "win.help", { "F1", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (hk_application_parent_class)->startup (app);

  /* Now rather than at the first window: a missing schema is reported first. */
  hk_application_get_settings (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  if (self->screenshot_dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  /* A screenshot shows the window at rest, not a revealer half open. */
  if (self->screenshot_path != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static HkWindow *
create_window (HkApplication *self)
{
  HkWindow *window;

  /* --size: the window starts at the size its settings (here in memory) say. */
  if (self->screenshot_path != NULL && self->screenshot_width > 0)
    {
      g_settings_set_int (hk_application_get_settings (self), "window-width", self->screenshot_width);
      g_settings_set_int (hk_application_get_settings (self), "window-height", self->screenshot_height);
    }
  window = hk_window_new (GTK_APPLICATION (self), hk_application_get_settings (self));

  hk_window_actions_install (window);

  if (self->screenshot_path != NULL)
    prepare_screenshot (self, window);
  return window;
}

static void
hk_application_activate (GApplication *app)
{
  HkApplication *self = HK_APPLICATION (app);
  HkWindow *window = get_window (self, FALSE);

  if (window == NULL)
    {
      window = create_window (self);
      hk_window_load_initial (window, NULL);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
hk_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  HkApplication *self = HK_APPLICATION (app);
  HkWindow *window = get_window (self, FALSE);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_if_fail (n_files > 0);

  path = g_file_get_path (files[0]);
  name = g_file_get_basename (files[0]);
  /* A database: postgresql://… (a URI GIO does not know), or "host=… dbname=…"
   * (which GIO took for a file in the current folder). */
  if (g_file_has_uri_scheme (files[0], "postgresql") || g_file_has_uri_scheme (files[0], "postgres"))
    {
      g_free (path);
      path = g_file_get_uri (files[0]);
      g_clear_pointer (&name, g_free);
    }
  else if (path && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *here = g_get_current_dir ();
      g_autoptr(GFile) cwd = g_file_new_for_path (here);
      g_autofree char *relative = g_file_get_relative_path (cwd, files[0]);

      if (relative && hk_pg_is_location (relative))
        {
          g_free (path);
          path = g_steal_pointer (&relative);
          g_clear_pointer (&name, g_free);
        }
    }
  lower = name ? g_ascii_strdown (name, -1) : NULL;
  /* A CSV file opens its folder. */
  if (path != NULL && lower != NULL && g_str_has_suffix (lower, ".csv"))
    {
      char *folder = g_path_get_dirname (path);
      g_free (path);
      path = folder;
    }

  if (window == NULL)
    {
      window = create_window (self);
      hk_window_load_initial (window, path);
    }
  else if (path != NULL)
    hk_window_open_folder (window, path);
  gtk_window_present (GTK_WINDOW (window));
}

static void
hk_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (hk_application_parent_class)->constructed (object);

  /* The same resources (style.css, gtk/help-overlay.ui) whatever the
   * profile's application id. */
  g_application_set_resource_base_path (G_APPLICATION (object), "/com/healthkart/InfluencerDashboard");
}

static void
hk_application_dispose (GObject *object)
{
  HkApplication *self = HK_APPLICATION (object);

  g_clear_handle_id (&self->screenshot_timeout, g_source_remove);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hk_application_parent_class)->dispose (object);
}

static void
hk_application_finalize (GObject *object)
{
  HkApplication *self = HK_APPLICATION (object);

  g_free (self->screenshot_path);
  g_free (self->screenshot_page);

  G_OBJECT_CLASS (hk_application_parent_class)->finalize (object);
}

static void
hk_application_class_init (HkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = hk_application_constructed;
  object_class->dispose = hk_application_dispose;
  object_class->finalize = hk_application_finalize;
  app_class->handle_local_options = hk_application_handle_local_options;
  app_class->startup = hk_application_startup;
  app_class->activate = hk_application_activate;
  app_class->open = hk_application_open;
}

static void
hk_application_init (HkApplication *self)
{
  static const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a PNG of the window once the data is shown, then quit"), N_("FILE") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --screenshot: use the dark style"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --screenshot: the page to show (overview, campaigns, influencers, posts, payouts, insights)"), N_("PAGE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --screenshot: the window size, e.g. 1280x1000 or 560x800"), N_("WIDTHxHEIGHT") },
    { "no-banner", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --screenshot: leave out the demo data banner"), NULL },
    { "filters", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --screenshot: show the filters panel"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FOLDER]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open a folder of influencer, post, tracking and payout CSV files."));
}

static void
on_cache_size_limit_changed (GSettings  *settings,
                             const char *key,
                             gpointer    user_data)
{
  hk_snapshot_cache_set_limit ((guint64) g_settings_get_uint (settings, key) << 20);
}

HkApplication *
hk_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  return g_object_new (HK_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       NULL);
}

GSettings *
hk_application_get_settings (HkApplication *self)
{
  g_return_val_if_fail (HK_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    {
      self->settings = hk_settings_new (self->settings_in_memory);
      /* The snapshot cache's limit follows the setting (issue 17). */
      g_signal_connect (self->settings, "changed::cache-size-limit", G_CALLBACK (on_cache_size_limit_changed), NULL);
      on_cache_size_limit_changed (self->settings, "cache-size-limit", NULL);
    }
  return self->settings;
}

int
hk_application_get_exit_status (HkApplication *self)
{
  g_return_val_if_fail (HK_IS_APPLICATION (self), 1);

  return self->exit_status;
}
