/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-cell.h"
#include "hk-column-sorter.h"
#include "hk-data-table.h"
#include "hk-table-row.h"

struct _HkDataTable
{
  GtkWidget            parent_instance;

  GtkWidget           *toolbar;
  GtkSearchEntry      *search_entry;
  GtkSpinner          *spinner;
  GtkWidget           *details_button;
  GtkMenuButton       *columns_button;
  GtkBox              *columns_box;     /* a check button per shown-able column */
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  int                  pending_influencer; /* to select once the rows are in */
  GtkLabel            *empty_label;
  GtkOverlay          *overlay;
  GtkWidget           *placeholder;     /* shown instead of empty_label, if set */
  GtkLabel            *totals_label;

  const HkTableSource *source;
  GArray              *columns;         /* ColumnData, one per source column */
  HkMoneyStyle         money_style;
  guint                influencer;

  /* What is shown: rows computed from analysis. */
  HkAnalysis          *analysis;
  GListModel          *model;
  guint               *rows;
  guint                n_rows;
  char                *totals;
  gboolean             model_stale;     /* rows not yet in the model: unmapped */
  gboolean             refresh_pending; /* a request waits for the table to be shown */
  gboolean             compute_hidden;  /* compute rows even while not shown */

  /* What was asked for. */
  HkAnalysis          *wanted_analysis;
  char                *search_folded;
  int                  sort_column;      /* -1: the rows' own order */
  gboolean             sort_descending;
  gboolean             sorting_by_code;  /* a sort set by the code, not a header click */

  guint64              serial;           /* of the latest request */
  gboolean             running;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HkDataTable, hk_data_table, GTK_TYPE_WIDGET)

static void update_toolbar (HkDataTable *self);

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_MONEY_STYLE,
  PROP_BUSY,
  PROP_SHOW_SEARCH,
  PROP_SORT,
  PROP_COMPUTE_HIDDEN,
  PROP_PLACEHOLDER,
  PROP_SCROLL_ROWS,
  PROP_COLUMNS,
  N_PROPS
};

enum {
  INFLUENCER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  HkDataTable *self;
  guint        column;
} ColumnData;

/* A request, computed in a worker thread. */
typedef struct {
  const HkTableSource *source;
  HkAnalysis          *analysis;
  guint                influencer;
  char                *search_folded;
  int                  sort_column;
  gboolean             sort_descending;
  HkMoneyStyle         money_style;
  guint64              serial;
  /* results */
  guint               *rows;
  guint                n_rows;
  char                *totals;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->analysis, hk_analysis_unref);
  g_free (job->search_folded);
  g_free (job->rows);
  g_free (job->totals);
  g_free (job);
}

static void start_job (HkDataTable *self);

static void
job_run (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;

  job->rows = job->source->spec->dup_rows (job->analysis, job->influencer, job->search_folded, &job->n_rows);
  if (job->sort_column >= 0)
    hk_table_spec_sort (job->source->spec, job->analysis, job->rows, job->n_rows,
                          job->sort_column, job->sort_descending);
  job->totals = job->source->dup_totals (job->source->spec, job->analysis, job->rows, job->n_rows, job->money_style);
  g_task_return_boolean (task, TRUE);
}

/* Busy while rows are computed, or wait to be computed when shown. */
static gboolean
compute_busy (HkDataTable *self)
{
  return self->running || self->refresh_pending;
}

static void
set_state (HkDataTable *self,
           gboolean     running,
           gboolean     refresh_pending)
{
  gboolean was_busy = compute_busy (self);

  if (self->running != running)
    {
      if (running)
        gtk_spinner_start (self->spinner);
      else
        gtk_spinner_stop (self->spinner);
    }
  self->running = running;
  self->refresh_pending = refresh_pending;
  if (was_busy != compute_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_running (HkDataTable *self,
             gboolean     running)
{
  set_state (self, running, self->refresh_pending);
}

static int
selected_influencer (HkDataTable *self)
{
  gpointer item;
  int influencer;

  if (self->source->spec->get_influencer == NULL || self->analysis == NULL)
    return -1;
  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL)
    return -1;
  influencer = self->source->spec->get_influencer (self->analysis, self->source->item_get_row (item));
  return influencer;
}

static void
update_details_action (HkDataTable *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.show-influencer",
                                 selected_influencer (self) >= 0);
}

/* Selects the row of the influencer asked for, once this table shows the
 * analysis it was asked in, and scrolls to it. */
static void
select_pending (HkDataTable *self)
{
  GtkWidget *child;

  if (self->analysis == NULL || self->analysis != self->wanted_analysis || self->model_stale ||
      self->source->spec->get_influencer == NULL)
    return;
  for (guint p = 0; p < self->n_rows; p++)
    if (self->source->spec->get_influencer (self->analysis, self->rows[p]) == self->pending_influencer)
      {
        gtk_single_selection_set_selected (self->selection, p);
        /* GTK 4.8 has no gtk_column_view_scroll_to(): the list view inside has the action. */
        for (child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child;
             child = gtk_widget_get_next_sibling (child))
          if (GTK_IS_LIST_VIEW (child))
            gtk_widget_activate_action (child, "list.scroll-to-item", "u", p);
        break;
      }
  self->pending_influencer = -1;
}

/* Puts the rows in the column view's model. Tables on pages not shown wait
 * until they are mapped: a column view makes and binds row widgets as soon as
 * its model changes, shown or not. */
static void
update_model (HkDataTable *self)
{
  g_autoptr(GListModel) model = NULL;

  self->model_stale = FALSE;
  model = self->source->update_model (self->model, self->analysis, self->influencer,
                                      self->rows, self->n_rows);
  if (model != self->model)
    {
      g_set_object (&self->model, model);
      gtk_single_selection_set_model (self->selection, model);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n_rows == 0 && self->placeholder == NULL);
  if (self->placeholder != NULL)
    gtk_widget_set_visible (self->placeholder, self->n_rows == 0);
  update_details_action (self);
  if (self->pending_influencer >= 0)
    select_pending (self);
}

static void
apply_job (HkDataTable *self,
           Job         *job)
{
  if (self->analysis != job->analysis)
    {
      g_clear_pointer (&self->analysis, hk_analysis_unref);
      self->analysis = hk_analysis_ref (job->analysis);
    }
  g_free (self->rows);
  self->rows = g_steal_pointer (&job->rows);
  self->n_rows = job->n_rows;
  g_free (self->totals);
  self->totals = g_steal_pointer (&job->totals);

  gtk_label_set_text (self->totals_label, self->totals);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_model (self);
  else
    self->model_stale = TRUE;
}

static void
on_job_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HkDataTable *self = HK_DATA_TABLE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return; /* cancelled: the table is being destroyed */

  if (job->serial != self->serial)
    {
      /* Overtaken by a newer request while it ran. */
      start_job (self);
      return;
    }
  apply_job (self, job);
  set_running (self, FALSE);
}

static void
start_job (HkDataTable *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->wanted_analysis == NULL)
    {
      set_running (self, FALSE);
      return;
    }

  job = g_new0 (Job, 1);
  job->source = self->source;
  job->analysis = hk_analysis_ref (self->wanted_analysis);
  job->influencer = self->influencer;
  job->search_folded = g_strdup (self->search_folded);
  job->sort_column = self->sort_column;
  job->sort_descending = self->sort_descending;
  job->money_style = self->money_style;
  job->serial = self->serial;

  set_running (self, TRUE);
  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_run);
}

/* Asks for the rows again; a job already running finishes first and is then
 * dropped, so results never arrive out of order. A table not shown computes
 * nothing until it is: filter changes cost only the page in view. */
static void
refresh (HkDataTable *self)
{
  self->serial++;
  if (!self->compute_hidden && !gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      self->wanted_analysis != NULL)
    {
      set_state (self, self->running, TRUE);
      return;
    }
  if (!self->running)
    start_job (self);
}

static void
on_search_entry_search_changed (HkDataTable    *self,
                                GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = *text ? g_utf8_casefold (text, -1) : NULL;

  if (g_strcmp0 (folded, self->search_folded) == 0)
    return;
  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  refresh (self);
}

static void
on_view_sorter_changed (HkDataTable *self,
                        GtkSorterChange change,
                        GtkSorter   *sorter)
{
  guint column;
  gboolean descending;
  int sort_column = -1;

  if (hk_column_sorter_probe (sorter, &column, &descending))
    sort_column = (int) column;
  else
    descending = FALSE;
  if (sort_column == self->sort_column && descending == self->sort_descending)
    return;
  /* GTK sorts a newly clicked column ascending: numbers read best first,
   * largest first except for costs (hk_table_spec_sorts_descending_first).
   * Sorting again re-enters this handler with the new order. */
  if (!self->sorting_by_code && sort_column >= 0 && sort_column != self->sort_column && !descending &&
      hk_table_spec_sorts_descending_first (self->source->spec, (guint) sort_column))
    {
      GtkColumnViewColumn *view_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view),
                                                                (guint) sort_column);

      gtk_column_view_sort_by_column (self->column_view, view_column, GTK_SORT_DESCENDING);
      g_object_unref (view_column);
      return;
    }
  self->sort_column = sort_column;
  self->sort_descending = descending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  refresh (self);
}

static void
on_selection_notify_selected (HkDataTable        *self,
                              GParamSpec         *pspec,
                              GtkSingleSelection *selection)
{
  update_details_action (self);
}

static void
on_column_view_activate (HkDataTable   *self,
                         guint          position,
                         GtkColumnView *view)
{
  int influencer;

  gtk_single_selection_set_selected (self->selection, position);
  influencer = selected_influencer (self);
  if (influencer >= 0)
    g_signal_emit (self, signals[INFLUENCER_ACTIVATED], 0, (guint) influencer);
}

static void
show_influencer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HkDataTable *self = HK_DATA_TABLE (widget);
  int influencer = selected_influencer (self);

  if (influencer >= 0)
    g_signal_emit (self, signals[INFLUENCER_ACTIVATED], 0, (guint) influencer);
}

/* Cells ------------------------------------------------------------------ */

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ColumnData               *data)
{
  HkCellKind kind = data->self->source->spec->columns[data->column].kind;

  if (kind == HK_CELL_FLAG)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (box, "payout-flag");
      gtk_list_item_set_child (list_item, box);
      return;
    }
  gtk_list_item_set_child (list_item, hk_cell_new (hk_cell_kind_is_number (kind)));
}

/* A decision cell: a badge coloured by the decision, the reason on hover. */
static void
set_decision_badge (HkDataTable *self,
                    GtkWidget   *cell,
                    guint        row,
                    const char  *label)
{
  static const char * const classes[] = { "error", "success", "warning", "accent" };
  const HkTableSpec *spec = self->source->spec;
  int influencer = spec->get_influencer ? spec->get_influencer (self->analysis, row) : -1;
  int group = influencer >= 0 ? hk_analysis_find_influencer (self->analysis, influencer) : -1;
  g_autofree char *reason = group >= 0 ? hk_analysis_dup_score_reason (self->analysis, group) : NULL;
  HkScore score = { .decision = HK_DECISION_NONE };

  if (group >= 0)
    hk_analysis_get_score (self->analysis, group, &score);
  gtk_widget_set_tooltip_text (cell, reason);
  gtk_widget_add_css_class (cell, "decision");
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (cell, classes[i]);
  switch (score.decision)
    {
    case HK_DECISION_DROP: gtk_widget_add_css_class (cell, "error"); break;
    case HK_DECISION_SCALE: gtk_widget_add_css_class (cell, "success"); break;
    case HK_DECISION_RENEGOTIATE: gtk_widget_add_css_class (cell, "warning"); break;
    case HK_DECISION_WATCH: gtk_widget_add_css_class (cell, "accent"); break;
    case HK_DECISION_NONE:
    case HK_DECISION_KEEP:
    case HK_N_DECISIONS:
    default:
      break;
    }
}

static void
refresh_cell (GtkListItem *list_item)
{
  ColumnData *data = g_object_get_data (G_OBJECT (list_item), "hk-column");
  HkDataTable *self = data->self;
  const HkTableColumn *column = &self->source->spec->columns[data->column];
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  guint row;

  if (item == NULL || self->analysis == NULL)
    return;
  row = self->source->item_get_row (item);
  text = hk_table_source_format_cell (self->source, self->analysis, row, data->column,
                                      self->money_style);
  if (column->kind == HK_CELL_FLAG)
    {
      gboolean flagged = *text != '\0';
      GtkWidget *icon = gtk_widget_get_first_child (child);

      gtk_widget_set_visible (icon, flagged);
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (child)), text);
      gtk_widget_set_tooltip_text (child, flagged ? text : NULL);
      if (flagged)
        gtk_widget_add_css_class (child, "warning");
      else
        gtk_widget_remove_css_class (child, "warning");
      return;
    }
  hk_cell_set_text (HK_CELL (child), text);
  if (column->kind == HK_CELL_DECISION)
    set_decision_badge (self, child, row, text);
}

/* Items of an HkTableModel stay at their position when the rows change and
 * say so: the cell follows without a new row widget. */
static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnData               *data)
{
  gpointer item = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (list_item), "hk-column", data);
  refresh_cell (list_item);
  if (HK_IS_TABLE_ROW (item))
    {
      gulong handler = g_signal_connect_swapped (item, "changed", G_CALLBACK (refresh_cell), list_item);

      g_object_set_data (G_OBJECT (list_item), "hk-changed-handler", GSIZE_TO_POINTER (handler));
    }
}

static void
on_cell_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *data)
{
  gpointer item = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (list_item), "hk-changed-handler"));

  if (item != NULL && handler != 0)
    g_signal_handler_disconnect (item, handler);
}

static int
default_width (HkCellKind kind)
{
  switch (kind)
    {
    case HK_CELL_MONEY:
      return 140;
    case HK_CELL_COUNT:
    case HK_CELL_PERCENT:
    case HK_CELL_RATE:
      return 110;
    case HK_CELL_RATIO:
      return 80;
    case HK_CELL_DATE:
      return 110;
    case HK_CELL_FLAG:
      return 150;
    case HK_CELL_BASIS:
    case HK_CELL_TIER:
      return 60; /* measured: see width_sample() */
    case HK_CELL_TEXT:
    case HK_CELL_VALUE:
    case HK_CELL_METHOD:
    case HK_CELL_SOURCE:
    case HK_CELL_DECISION:
    default:
      return 140;
    }
}

/* The widest text a column usually holds, so that it shows whole: NULL for
 * free text, whose width the spec decides (its tooltip shows what is cut). */
static const char *
width_sample (const HkTableColumn *column,
              const char          *id)
{
  switch (column->kind)
    {
    case HK_CELL_MONEY:
      return "₹99,99,999.00";
    case HK_CELL_RATE:
      return "₹9,99,999.00";
    case HK_CELL_RATIO:
      return "1,234.56×";
    case HK_CELL_COUNT:
      return g_strcmp0 (id, "rank") == 0 ? "99" : "99,999";
    case HK_CELL_PERCENT:
      return "100.00%";
    case HK_CELL_DATE:
      return "30 Sept 2026";
    case HK_CELL_FLAG:
      return _("Below break-even");
    case HK_CELL_BASIS:
      return _("Per order");
    case HK_CELL_TEXT:
    case HK_CELL_VALUE:
    case HK_CELL_TIER:
    case HK_CELL_METHOD:
    case HK_CELL_SOURCE:
    default:
      /* Ids: "INF034786". */
      return g_str_has_suffix (id, "_id") ? "INF034786" : NULL;
    }
}

static int
text_width (GtkWidget  *widget,
            const char *text,
            gboolean    numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  if (numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);
  return width;
}

/* The spec's width, widened to fit the column's usual values and its title
 * with the sort arrow, in the UI's font and language. */
static int
column_width (HkDataTable *self,
              guint        c)
{
  const HkTableColumn *column = &self->source->spec->columns[c];
  const char *sample = width_sample (column, hk_table_spec_get_column_id (self->source->spec, c));
  int width = column->width > 0 ? column->width : default_width (column->kind);
  /* Cell padding (style.css), a little air for text; the flag's icon. */
  int padding = 20 + (column->kind == HK_CELL_FLAG ? 22 : 0);

  if (sample != NULL)
    width = MAX (width, text_width (GTK_WIDGET (self->column_view), sample, hk_cell_kind_is_number (column->kind)) + padding);
  /* Title, padding and the sort arrow. */
  return MAX (width, text_width (GTK_WIDGET (self->column_view), _(column->title), FALSE) + 36);
}

/* Column chooser ---------------------------------------------------------- */

static GtkColumnViewColumn *
get_view_column (HkDataTable *self,
                 guint        c)
{
  GtkColumnViewColumn *column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), c);

  g_object_unref (column); /* the view keeps it */
  return column;
}

static void
on_column_check_toggled (GtkCheckButton *check,
                         HkDataTable    *self)
{
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "hk-column"));
  GtkColumnViewColumn *column = get_view_column (self, c);
  gboolean active = gtk_check_button_get_active (check);

  g_auto(GStrv) shown = hk_data_table_dup_visible_columns (self);

  if (gtk_column_view_column_get_visible (column) == active)
    return;
  /* Not the last column: a table without columns shows nothing to click. */
  if (!active && g_strv_length (shown) <= 1)
    {
      g_signal_handlers_block_by_func (check, on_column_check_toggled, self);
      gtk_check_button_set_active (check, TRUE);
      g_signal_handlers_unblock_by_func (check, on_column_check_toggled, self);
      return;
    }
  gtk_column_view_column_set_visible (column, active);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMNS]);
}

/* A check button per column: export-only columns (hidden at first) can be
 * shown too. */
static void
build_column_chooser (HkDataTable *self)
{
  for (guint c = 0; c < self->source->spec->n_columns; c++)
    {
      const HkTableColumn *column = &self->source->spec->columns[c];
      GtkWidget *check = gtk_check_button_new_with_label (_(column->title));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !(column->flags & HK_COLUMN_EXPORT_ONLY));
      g_object_set_data (G_OBJECT (check), "hk-column", GUINT_TO_POINTER (c));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_column_check_toggled), self, 0);
      gtk_box_append (self->columns_box, check);
    }
}

static void
build_columns (HkDataTable *self)
{
  GtkSorter *view_sorter;

  for (guint c = 0; c < self->source->spec->n_columns; c++)
    {
      const HkTableColumn *spec = &self->source->spec->columns[c];
      ColumnData data = { self, c };
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(HkColumnSorter) sorter = hk_column_sorter_new (c);

      g_array_append_val (self->columns, data);
      column = gtk_column_view_column_new (_(spec->title), g_object_ref (factory));
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_width (self, c));
      /* Export-only columns are in the view, hidden, so column numbers stay the spec's. */
      gtk_column_view_column_set_visible (column, !(spec->flags & HK_COLUMN_EXPORT_ONLY));
      gtk_column_view_append_column (self->column_view, column);
    }
  /* The array is complete: hand out pointers into it. */
  for (guint c = 0; c < self->source->spec->n_columns; c++)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), c);
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);
      ColumnData *data = &g_array_index (self->columns, ColumnData, c);

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), data);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), data);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind), data);
      g_object_unref (column);
    }

  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_view_sorter_changed), self,
                           G_CONNECT_SWAPPED);

  build_column_chooser (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_set (self->search_entry, "placeholder-text", _(self->source->spec->search_placeholder), NULL);
  gtk_widget_set_visible (self->details_button, self->source->spec->get_influencer != NULL);
  update_toolbar (self);
  if (self->source->spec->default_sort >= 0)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view),
                                                           self->source->spec->default_sort);

      self->sorting_by_code = TRUE;
      gtk_column_view_sort_by_column (self->column_view, column,
                                      self->source->spec->default_descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      self->sorting_by_code = FALSE;
      g_object_unref (column);
    }
}

/* GObject ---------------------------------------------------------------- */

static void
hk_data_table_map (GtkWidget *widget)
{
  HkDataTable *self = HK_DATA_TABLE (widget);

  GTK_WIDGET_CLASS (hk_data_table_parent_class)->map (widget);

  if (self->model_stale)
    update_model (self);
  if (self->refresh_pending)
    {
      set_state (self, self->running, FALSE);
      if (!self->running)
        start_job (self);
    }
}

static void
hk_data_table_constructed (GObject *object)
{
  HkDataTable *self = HK_DATA_TABLE (object);

  G_OBJECT_CLASS (hk_data_table_parent_class)->constructed (object);

  if (self->source == NULL)
    g_critical ("HkDataTable needs a source");
  else
    build_columns (self);
  update_details_action (self);
}

static void
hk_data_table_dispose (GObject *object)
{
  HkDataTable *self = HK_DATA_TABLE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  /* Removing the columns changes the view's sorter: not a request any more. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  self->placeholder = NULL; /* a child of the overlay, which goes with the template */
  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_DATA_TABLE);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (hk_data_table_parent_class)->dispose (object);
}

static void
hk_data_table_finalize (GObject *object)
{
  HkDataTable *self = HK_DATA_TABLE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->analysis, hk_analysis_unref);
  g_clear_pointer (&self->wanted_analysis, hk_analysis_unref);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->totals, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->columns, g_array_unref);

  G_OBJECT_CLASS (hk_data_table_parent_class)->finalize (object);
}

/* Without its search (the sidebar's serves), a details button or the
 * column chooser, the toolbar has nothing to offer. */
static void
update_toolbar (HkDataTable *self)
{
  gtk_widget_set_visible (self->toolbar,
                          gtk_widget_get_visible (GTK_WIDGET (self->search_entry)) ||
                          gtk_widget_get_visible (self->details_button) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->columns_button)));
}

static void
set_placeholder (HkDataTable *self,
                 GtkWidget   *placeholder)
{
  if (self->placeholder == placeholder)
    return;
  if (self->placeholder != NULL)
    gtk_overlay_remove_overlay (self->overlay, self->placeholder);
  self->placeholder = placeholder;
  if (placeholder != NULL)
    {
      gtk_widget_set_visible (placeholder, self->n_rows == 0 && self->analysis != NULL);
      gtk_overlay_add_overlay (self->overlay, placeholder);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          self->n_rows == 0 && self->analysis != NULL && placeholder == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}

static void
hk_data_table_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HkDataTable *self = HK_DATA_TABLE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source ? self->source->name : NULL);
      break;
    case PROP_MONEY_STYLE:
      g_value_set_enum (value, self->money_style);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, compute_busy (self));
      break;
    case PROP_SHOW_SEARCH:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->search_entry)));
      break;
    case PROP_PLACEHOLDER:
      g_value_set_object (value, self->placeholder);
      break;
    case PROP_SCROLL_ROWS:
      {
        GtkPolicyType vpolicy;

        gtk_scrolled_window_get_policy (self->scrolled_window, NULL, &vpolicy);
        g_value_set_boolean (value, vpolicy != GTK_POLICY_NEVER);
      }
      break;
    case PROP_COMPUTE_HIDDEN:
      g_value_set_boolean (value, self->compute_hidden);
      break;
    case PROP_COLUMNS:
      g_value_take_boxed (value, hk_data_table_dup_visible_columns (self));
      break;
    case PROP_SORT:
      {
        const char *id;
        gboolean descending;

        if (hk_data_table_get_sort (self, &id, &descending))
          g_value_take_string (value, g_strdup_printf ("%s:%s", id, descending ? "descending" : "ascending"));
        else
          g_value_set_string (value, "");
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_data_table_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HkDataTable *self = HK_DATA_TABLE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = hk_table_source_lookup (g_value_get_string (value));
      if (self->source == NULL)
        g_critical ("No table source called “%s”", g_value_get_string (value));
      break;
    case PROP_MONEY_STYLE:
      hk_data_table_set_money_style (self, g_value_get_enum (value));
      break;
    case PROP_SHOW_SEARCH:
      gtk_widget_set_visible (GTK_WIDGET (self->search_entry), g_value_get_boolean (value));
      update_toolbar (self);
      break;
    case PROP_PLACEHOLDER:
      set_placeholder (self, g_value_get_object (value));
      break;
    case PROP_SCROLL_ROWS:
      /* Not scrolling: as tall as its rows, inside a page that scrolls. */
      gtk_scrolled_window_set_policy (self->scrolled_window, GTK_POLICY_AUTOMATIC,
                                      g_value_get_boolean (value) ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
      gtk_scrolled_window_set_propagate_natural_height (self->scrolled_window, !g_value_get_boolean (value));
      break;
    case PROP_COMPUTE_HIDDEN:
      self->compute_hidden = g_value_get_boolean (value);
      break;
    case PROP_COLUMNS:
      hk_data_table_set_visible_columns (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_data_table_class_init (HkDataTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hk_data_table_constructed;
  object_class->dispose = hk_data_table_dispose;
  object_class->finalize = hk_data_table_finalize;
  object_class->get_property = hk_data_table_get_property;
  object_class->set_property = hk_data_table_set_property;
  widget_class->map = hk_data_table_map;

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONEY_STYLE] =
    g_param_spec_enum ("money-style", NULL, NULL, HK_TYPE_MONEY_STYLE, HK_MONEY_FULL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SEARCH] =
    g_param_spec_boolean ("show-search", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Small tables a tab away (the influencer dialog's) are ready when shown. */
  properties[PROP_COMPUTE_HIDDEN] =
    g_param_spec_boolean ("compute-hidden", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What shows when there are no rows (an AdwStatusPage saying why, set by
   * the page), instead of the plain "Nothing matches" label. */
  properties[PROP_PLACEHOLDER] =
    g_param_spec_object ("placeholder", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* FALSE for a short table on a page that scrolls: no scrolling inside
   * scrolling. */
  properties[PROP_SCROLL_ROWS] =
    g_param_spec_boolean ("scroll-rows", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The ids of the columns shown, in the table's order (the column chooser). */
  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HkDataTable::influencer-activated:
   * @influencer: the dataset index of the influencer
   *
   * A row about an influencer was activated, or "Show Posts and Orders" clicked.
   */
  signals[INFLUENCER_ACTIVATED] =
    g_signal_new ("influencer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-data-table.ui");
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, toolbar);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, spinner);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, details_button);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, columns_button);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, columns_box);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, selection);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, empty_label);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, overlay);
  gtk_widget_class_bind_template_child (widget_class, HkDataTable, totals_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_notify_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_install_action (widget_class, "table.show-influencer", NULL, show_influencer_action);
  gtk_widget_class_set_css_name (widget_class, "datatable");
}

static void
hk_data_table_init (HkDataTable *self)
{
  self->columns = g_array_new (FALSE, FALSE, sizeof (ColumnData));
  self->sort_column = -1;
  self->pending_influencer = -1;
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* On a phone the toolbar's buttons shorten rather than widen the window
   * (their tooltips say it whole). */
  if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (self->details_button))))
    gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->details_button))), PANGO_ELLIPSIZE_END);
}

/* Public API ------------------------------------------------------------- */

HkDataTable *
hk_data_table_new (const char *source)
{
  return g_object_new (HK_TYPE_DATA_TABLE, "source", source, NULL);
}

const HkTableSource *
hk_data_table_get_source (HkDataTable *self)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), NULL);

  return self->source;
}

HkAnalysis *
hk_data_table_get_analysis (HkDataTable *self)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), NULL);

  return self->analysis;
}

void
hk_data_table_set_analysis (HkDataTable *self,
                            HkAnalysis  *analysis)
{
  g_return_if_fail (HK_IS_DATA_TABLE (self));

  if (self->wanted_analysis == analysis)
    return;
  g_clear_pointer (&self->wanted_analysis, hk_analysis_unref);
  if (analysis)
    self->wanted_analysis = hk_analysis_ref (analysis);
  refresh (self);
}

void
hk_data_table_select_influencer (HkDataTable *self,
                                 guint        influencer)
{
  g_return_if_fail (HK_IS_DATA_TABLE (self));

  self->pending_influencer = influencer;
  select_pending (self);
}

void
hk_data_table_set_influencer (HkDataTable *self,
                              guint        influencer)
{
  g_return_if_fail (HK_IS_DATA_TABLE (self));

  if (self->influencer == influencer)
    return;
  self->influencer = influencer;
  refresh (self);
}

HkMoneyStyle
hk_data_table_get_money_style (HkDataTable *self)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), HK_MONEY_FULL);

  return self->money_style;
}

void
hk_data_table_set_money_style (HkDataTable  *self,
                               HkMoneyStyle  style)
{
  g_return_if_fail (HK_IS_DATA_TABLE (self));

  if (self->money_style == style)
    return;
  self->money_style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONEY_STYLE]);
  refresh (self);
}

gboolean
hk_data_table_get_busy (HkDataTable *self)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), FALSE);

  return compute_busy (self);
}

const guint *
hk_data_table_get_rows (HkDataTable *self,
                        guint       *n_rows)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), NULL);

  *n_rows = self->n_rows;
  return self->rows;
}

GtkColumnView *
hk_data_table_get_column_view (HkDataTable *self)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), NULL);

  return self->column_view;
}

const char *
hk_data_table_get_totals (HkDataTable *self)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), NULL);

  return self->totals;
}

void
hk_data_table_set_search (HkDataTable *self,
                          const char  *text)
{
  g_return_if_fail (HK_IS_DATA_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Without waiting for the entry's delay. */
  on_search_entry_search_changed (self, self->search_entry);
}

void
hk_data_table_focus_search (HkDataTable *self)
{
  g_return_if_fail (HK_IS_DATA_TABLE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
hk_data_table_set_sort (HkDataTable *self,
                        const char  *column_id,
                        gboolean     descending)
{
  int column = -1;

  g_return_if_fail (HK_IS_DATA_TABLE (self));

  if (column_id != NULL)
    column = hk_table_spec_find_column (self->source->spec, column_id);
  self->sorting_by_code = TRUE;
  if (column < 0)
    gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  else
    {
      GtkColumnViewColumn *view_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), column);

      gtk_column_view_sort_by_column (self->column_view, view_column,
                                      descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      g_object_unref (view_column);
    }  self->sorting_by_code = FALSE;
}

char **
hk_data_table_dup_visible_columns (HkDataTable *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HK_IS_DATA_TABLE (self), NULL);

  for (guint c = 0; self->source != NULL && c < self->source->spec->n_columns; c++)
    if (gtk_column_view_column_get_visible (get_view_column (self, c)))
      g_strv_builder_add (builder, hk_table_spec_get_column_id (self->source->spec, c));
  return g_strv_builder_end (builder);
}

void
hk_data_table_set_visible_columns (HkDataTable        *self,
                                   const char * const *ids)
{
  gboolean changed = FALSE;
  GtkWidget *check;
  guint c = 0;

  g_return_if_fail (HK_IS_DATA_TABLE (self));

  /* The check buttons are in column order. */
  for (check = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box)); check != NULL;
       check = gtk_widget_get_next_sibling (check), c++)
    {
      const HkTableColumn *column = &self->source->spec->columns[c];
      gboolean visible = ids == NULL ? !(column->flags & HK_COLUMN_EXPORT_ONLY)
                                     : g_strv_contains (ids, hk_table_spec_get_column_id (self->source->spec, c));

      changed |= gtk_column_view_column_get_visible (get_view_column (self, c)) != visible;
      gtk_column_view_column_set_visible (get_view_column (self, c), visible);
      g_signal_handlers_block_by_func (check, on_column_check_toggled, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), visible);
      g_signal_handlers_unblock_by_func (check, on_column_check_toggled, self);
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMNS]);
}

gboolean
hk_data_table_get_sort (HkDataTable  *self,
                        const char  **column_id,
                        gboolean     *descending)
{
  g_return_val_if_fail (HK_IS_DATA_TABLE (self), FALSE);

  if (self->sort_column < 0)
    return FALSE;
  *column_id = hk_table_spec_get_column_id (self->source->spec, self->sort_column);
  *descending = self->sort_descending;
  return TRUE;
}

typedef struct {
  const HkTableSource *source;
  HkAnalysis          *analysis;
  guint               *rows;
  guint                n_rows;
  char                *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->analysis, hk_analysis_unref);
  g_free (job->rows);
  g_free (job->path);
  g_free (job);
}

static void
export_run (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (hk_table_source_write (job->source, job->analysis, job->rows, job->n_rows,
                                 job->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hk_data_table_export_async (HkDataTable         *self,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (HK_IS_DATA_TABLE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hk_data_table_export_async);
  if (self->analysis == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no data to export yet"));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->source = self->source;
  job->analysis = hk_analysis_ref (self->analysis);
  job->rows = self->n_rows ? g_memdup2 (self->rows, self->n_rows * sizeof (guint)) : NULL;
  job->n_rows = self->n_rows;
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_run);
}

gboolean
hk_data_table_export_finish (HkDataTable   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  HkAnalysis     *analysis;
  HkTableSection *sections;
  guint           n_sections;
  char           *path;
} SectionsJob;

static void
sections_job_free (SectionsJob *job)
{
  g_clear_pointer (&job->analysis, hk_analysis_unref);
  for (guint i = 0; i < job->n_sections; i++)
    g_free ((guint *) job->sections[i].rows);
  g_free (job->sections);
  g_free (job->path);
  g_free (job);
}

static void
sections_run (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SectionsJob *job = task_data;
  g_autoptr(HkFileWriter) out = NULL;
  GError *error = NULL;

  out = hk_file_writer_new (job->path, &error);
  if (out != NULL &&
      hk_table_spec_write_sections (job->sections, job->n_sections, job->analysis, out, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hk_data_table_export_sections_async (HkDataTable * const *tables,
                                     guint                n_tables,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SectionsJob *job;

  g_return_if_fail (n_tables > 0 && HK_IS_DATA_TABLE (tables[0]));
  g_return_if_fail (path != NULL);

  task = g_task_new (tables[0], cancellable, callback, user_data);
  g_task_set_source_tag (task, hk_data_table_export_async);
  if (tables[0]->analysis == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no data to export yet"));
      return;
    }
  job = g_new0 (SectionsJob, 1);
  job->analysis = hk_analysis_ref (tables[0]->analysis);
  job->sections = g_new0 (HkTableSection, n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      HkDataTable *table = tables[i];

      /* Tables not yet computed for this analysis (never shown) are left out
       * rather than written with another analysis's rows. */
      if (table->analysis != job->analysis)
        continue;
      job->sections[job->n_sections].spec = table->source->spec;
      job->sections[job->n_sections].rows = table->n_rows ? g_memdup2 (table->rows, table->n_rows * sizeof (guint)) : NULL;
      job->sections[job->n_sections].n_rows = table->n_rows;
      job->n_sections++;
    }
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) sections_job_free);
  g_task_run_in_thread (task, sections_run);
}
