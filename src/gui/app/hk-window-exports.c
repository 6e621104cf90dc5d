/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-dialogs.h"
#include "hk-summary.h"
#include "hk-window-private.h"

/* The window's exports: Export Current View and Export All Summaries wait,
 * in a queue, until the page shows the latest filters, then run off the
 * main thread. */

typedef struct {
  HkWindow       *self;
  HkWindowExport  kind;
  char           *path;
  HkAnalysis     *analysis;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->self);
  g_free (export->path);
  g_clear_pointer (&export->analysis, hk_analysis_unref);
  g_free (export);
}

static void
export_finished (Export *export,
                 GError *error)
{
  HkWindow *self = export->self;

  self->n_exports--;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (error == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (export->path);
      g_autoptr(GFile) folder = export->kind == HK_WINDOW_EXPORT_VIEW ? g_file_get_parent (file) : g_object_ref (file);
      g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;
      g_autofree char *display = g_filename_display_name (export->path);
      g_autofree char *title = export->kind == HK_WINDOW_EXPORT_VIEW
        ? g_strdup_printf (_("Exported to %s"), display)
        : g_strdup_printf (_("Summaries written to %s"), display);

      _hk_window_toast (self, title, uri);
    }
  else
    {
      /* What to do; the writers' messages, naming the file, below. */
      _hk_window_show_export_error (self, _("Could Not Export"), error);
    }
  _hk_window_update_busy (self);
}

static void
on_view_exported (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;

  if (HK_IS_DATA_TABLE (object))
    hk_data_table_export_finish (HK_DATA_TABLE (object), result, &error);
  else
    hk_overview_page_export_finish (HK_OVERVIEW_PAGE (object), result, &error);
  export_finished (export, error);
  export_free (export);
}

static void
summaries_run (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;

  if (hk_summary_write (export->analysis, export->path, HK_SUMMARY_CSV, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_summaries_written (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  export_finished (export, error);
}

HkDataTable *
_hk_window_current_table (HkWindow *self)
{
  const char *page = hk_window_get_page (self);

  if (g_strcmp0 (page, "influencers") == 0)
    return self->influencers_table;
  if (g_strcmp0 (page, "posts") == 0)
    return self->posts_table;
  if (g_strcmp0 (page, "payouts") == 0)
    return self->payouts_table;
  if (g_strcmp0 (page, "campaigns") == 0)
    return self->campaigns_table;
  if (g_strcmp0 (page, "insights") == 0)
    return hk_insights_page_get_current_table (self->insights_page);
  return NULL;
}

/* The tables a page shows, in reading order. */
static void
collect_tables (GtkWidget *widget,
                GPtrArray *tables)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (HK_IS_DATA_TABLE (child))
        g_ptr_array_add (tables, child);
      else
        collect_tables (child, tables);
    }
}

static void
run_export (HkWindow *self,
            Export   *export)
{
  self->n_exports++;
  if (export->kind == HK_WINDOW_EXPORT_VIEW)
    {
      HkDataTable *table = _hk_window_current_table (self);
      g_autoptr(GPtrArray) page_tables = g_ptr_array_new ();

      /* Insights shows several tables: all of them, one section each. */
      if (g_strcmp0 (hk_window_get_page (self), "insights") == 0)
        collect_tables (GTK_WIDGET (self->insights_page), page_tables);
      if (page_tables->len > 1)
        hk_data_table_export_sections_async ((HkDataTable * const *) page_tables->pdata, page_tables->len,
                                             export->path, self->cancellable, on_view_exported, export);
      else if (table != NULL)
        hk_data_table_export_async (table, export->path, self->cancellable, on_view_exported, export);
      else
        hk_overview_page_export_async (self->overview_page, export->path, self->cancellable,
                                       on_view_exported, export);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_summaries_written, NULL);

      if (hk_session_get_analysis (self->session) == NULL)
        {
          g_task_set_task_data (task, export, (GDestroyNotify) export_free);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                   _("There is no data to export yet"));
          return;
        }
      export->analysis = hk_analysis_ref (hk_session_get_analysis (self->session));
      g_task_set_source_tag (task, run_export);
      g_task_set_task_data (task, export, (GDestroyNotify) export_free);
      g_task_run_in_thread (task, summaries_run);
    }
}

void
_hk_window_run_pending_exports (HkWindow *self)
{
  g_autoptr(GPtrArray) exports = g_steal_pointer (&self->pending_exports);

  self->pending_exports = g_ptr_array_new ();
  for (guint i = 0; i < exports->len; i++)
    run_export (self, exports->pdata[i]);
}

void
_hk_window_queue_export (HkWindow   *self,
              HkWindowExport  kind,
              const char *path)
{
  Export *export = g_new0 (Export, 1);

  export->self = g_object_ref (self);
  export->kind = kind;
  export->path = g_strdup (path);
  g_ptr_array_add (self->pending_exports, export);
  _hk_window_update_busy (self);
}

