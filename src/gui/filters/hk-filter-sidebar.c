/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-date.h"
#include "hk-filter-section.h"
#include "hk-filter-sidebar.h"
#include "hk-format.h"

struct _HkFilterSidebar
{
  GtkWidget        parent_instance;

  GtkSearchEntry  *name_entry;
  GtkMenuButton   *from_button;
  GtkMenuButton   *to_button;
  GtkLabel        *from_label;
  GtkLabel        *to_label;
  GtkCalendar     *from_calendar;
  GtkCalendar     *to_calendar;
  GtkWidget       *sections_box;
  GPtrArray       *sections;   /* HkFilterSection: every one the template holds */

  HkFilter        *filter;
  gint32           first_day;  /* of the dataset, HK_DAY_NONE if none */
  gint32           last_day;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (HkFilterSidebar, hk_filter_sidebar, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
date_time_for_day (gint32 day)
{
  int year, month, mday;

  hk_date_to_ymd (day, &year, &month, &mday);
  return g_date_time_new_local (year, month, mday, 12, 0, 0);
}

static gint32
day_of_calendar (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  int year, month, mday;

  g_date_time_get_ymd (date, &year, &month, &mday);
  return hk_date_from_ymd (year, month, mday);
}

/* The date buttons' names say the date they show. */
static void
name_date_buttons (HkFilterSidebar *self)
{
  g_autofree char *from = g_strdup_printf (_("First day: %s"), gtk_label_get_text (self->from_label));
  g_autofree char *to = g_strdup_printf (_("Last day: %s"), gtk_label_get_text (self->to_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_button), GTK_ACCESSIBLE_PROPERTY_LABEL, from, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_button), GTK_ACCESSIBLE_PROPERTY_LABEL, to, -1);
}

/* GTK 4.8's calendar leaves its arrow buttons unnamed: name them, in the
 * order it lays them out. */
static void
name_calendar_arrows (GtkWidget *widget,
                      guint     *n_named)
{
  static const char * const names[] = {
    N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year"),
  };

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && *n_named < G_N_ELEMENTS (names))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(names[(*n_named)++]), -1);
      name_calendar_arrows (child, n_named);
    }
}

static void
update_dates (HkFilterSidebar *self)
{
  gint32 first, last;

  hk_filter_get_date_range (self->filter, &first, &last);
  self->updating = TRUE;
  if (first != HK_DAY_NONE)
    {
      g_autofree char *text = hk_format_date_long (first);
      g_autoptr(GDateTime) date = date_time_for_day (first);

      gtk_label_set_text (self->from_label, text);
      gtk_calendar_select_day (self->from_calendar, date);
    }
  else
    {
      gtk_label_set_text (self->from_label, _("Any Start"));
      if (self->first_day != HK_DAY_NONE)
        {
          g_autoptr(GDateTime) date = date_time_for_day (self->first_day);
          gtk_calendar_select_day (self->from_calendar, date);
        }
    }
  if (last != HK_DAY_NONE)
    {
      g_autofree char *text = hk_format_date_long (last);
      g_autoptr(GDateTime) date = date_time_for_day (last);

      gtk_label_set_text (self->to_label, text);
      gtk_calendar_select_day (self->to_calendar, date);
    }
  else
    {
      gtk_label_set_text (self->to_label, _("Any End"));
      if (self->last_day != HK_DAY_NONE)
        {
          g_autoptr(GDateTime) date = date_time_for_day (self->last_day);
          gtk_calendar_select_day (self->to_calendar, date);
        }
    }
  self->updating = FALSE;
  name_date_buttons (self);
}

static void
set_range (HkFilterSidebar *self,
           gint32           first,
           gint32           last)
{
  hk_filter_set_date_range (self->filter, first, last);
  update_dates (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_from_calendar_day_selected (HkFilterSidebar *self,
                               GtkCalendar     *calendar)
{
  gint32 first, last, day;

  if (self->updating)
    return;
  day = day_of_calendar (calendar);
  hk_filter_get_date_range (self->filter, &first, &last);
  gtk_menu_button_popdown (self->from_button);
  set_range (self, day, last != HK_DAY_NONE && last < day ? day : last);
}

static void
on_to_calendar_day_selected (HkFilterSidebar *self,
                             GtkCalendar     *calendar)
{
  gint32 first, last, day;

  if (self->updating)
    return;
  day = day_of_calendar (calendar);
  hk_filter_get_date_range (self->filter, &first, &last);
  gtk_menu_button_popdown (self->to_button);
  set_range (self, first != HK_DAY_NONE && first > day ? day : first, day);
}

static void
on_from_clear_clicked (HkFilterSidebar *self,
                       GtkButton       *button)
{
  gint32 first, last;

  hk_filter_get_date_range (self->filter, &first, &last);
  gtk_menu_button_popdown (self->from_button);
  set_range (self, HK_DAY_NONE, last);
}

static void
on_to_clear_clicked (HkFilterSidebar *self,
                     GtkButton       *button)
{
  gint32 first, last;

  hk_filter_get_date_range (self->filter, &first, &last);
  gtk_menu_button_popdown (self->to_button);
  set_range (self, first, HK_DAY_NONE);
}

/* sidebar.date-preset ("7", "30", "90", "month", "quarter", "all"): a range
 * ending on the dataset's last day ("this month" is the month of that day). */
static void
date_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HkFilterSidebar *self = HK_FILTER_SIDEBAR (widget);
  const char *preset = g_variant_get_string (parameter, NULL);
  int year, month, mday;
  guint64 days;

  if (g_str_equal (preset, "all"))
    {
      set_range (self, HK_DAY_NONE, HK_DAY_NONE);
      return;
    }
  if (self->last_day == HK_DAY_NONE)
    return;
  hk_date_to_ymd (self->last_day, &year, &month, &mday);
  if (g_str_equal (preset, "month"))
    set_range (self, hk_date_from_ymd (year, month, 1), self->last_day);
  else if (g_str_equal (preset, "quarter"))
    set_range (self, hk_date_from_ymd (year, (month - 1) / 3 * 3 + 1, 1), self->last_day);
  else if (g_ascii_string_to_unsigned (preset, 10, 1, 3660, &days, NULL))
    set_range (self, self->last_day - (gint32) days + 1, self->last_day);
}

static void
on_name_entry_search_changed (HkFilterSidebar *self,
                              GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->updating || g_strcmp0 (text, hk_filter_get_search (self->filter) ?: "") == 0)
    return;
  hk_filter_set_search (self->filter, text);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_section_changed (HkFilterSidebar *self,
                    HkFilterSection *section)
{
  HkDimension dim = hk_filter_section_get_dimension (section);
  g_auto(GStrv) selected = hk_filter_section_dup_selected (section);

  hk_filter_clear (self->filter, dim);
  for (guint i = 0; selected[i]; i++)
    hk_filter_add (self->filter, dim, selected[i]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
hk_filter_sidebar_dispose (GObject *object)
{
  HkFilterSidebar *self = HK_FILTER_SIDEBAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_FILTER_SIDEBAR);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->filter, hk_filter_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (hk_filter_sidebar_parent_class)->dispose (object);
}

static void
hk_filter_sidebar_class_init (HkFilterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hk_filter_sidebar_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HK_TYPE_FILTER_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-filter-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, name_entry);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, from_button);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, to_button);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, from_label);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, to_label);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSidebar, sections_box);
  gtk_widget_class_bind_template_callback (widget_class, on_from_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_to_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_from_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_to_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed);
  gtk_widget_class_install_action (widget_class, "sidebar.date-preset", "s", date_preset_action);
}

static void
hk_filter_sidebar_init (HkFilterSidebar *self)
{
  self->filter = hk_filter_new ();
  self->first_day = self->last_day = HK_DAY_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
  name_date_buttons (self);
  for (guint i = 0; i < 2; i++)
    {
      guint n_named = 0;

      name_calendar_arrows (GTK_WIDGET (i == 0 ? self->from_calendar : self->to_calendar), &n_named);
    }

  /* A new filter dimension is a section in the template, nothing more. */
  self->sections = g_ptr_array_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (self->sections_box); child;
       child = gtk_widget_get_next_sibling (child))
    if (HK_IS_FILTER_SECTION (child))
      g_ptr_array_add (self->sections, child);
}

void
hk_filter_sidebar_set_dataset (HkFilterSidebar *self,
                               HkDataset       *dataset)
{
  g_return_if_fail (HK_IS_FILTER_SIDEBAR (self));
  g_return_if_fail (HK_IS_DATASET (dataset));

  if (!hk_dataset_get_date_range (dataset, &self->first_day, &self->last_day))
    self->first_day = self->last_day = HK_DAY_NONE;

  for (guint i = 0; i < self->sections->len; i++)
    {
      HkDimension dim = hk_filter_section_get_dimension (g_ptr_array_index (self->sections, i));
      g_autoptr(GPtrArray) values = hk_dataset_dup_values (dataset, dim);
      g_autoptr(GStrvBuilder) present = g_strv_builder_new ();
      g_auto(GStrv) kept = NULL;
      const char * const *selected = hk_filter_get_values (self->filter, dim);

      /* A value the data does not have would select nothing: drop it. */
      for (guint k = 0; selected[k]; k++)
        for (guint v = 0; v < values->len; v++)
          if (g_str_equal (((HkValueCount *) values->pdata[v])->value, selected[k]))
            {
              g_strv_builder_add (present, selected[k]);
              break;
            }
      kept = g_strv_builder_end (present);
      /* Sources that name a platform are shown as it is spelled. */
      if (dim == HK_DIM_SOURCE)
        {
          g_autoptr(GPtrArray) platforms = hk_dataset_dup_values (dataset, HK_DIM_PLATFORM);

          hk_filter_section_set_spellings (g_ptr_array_index (self->sections, i), platforms);
        }
      hk_filter_clear (self->filter, dim);
      for (guint k = 0; kept[k]; k++)
        hk_filter_add (self->filter, dim, kept[k]);
      hk_filter_section_set_values (g_ptr_array_index (self->sections, i), values, (const char * const *) kept);
    }
  update_dates (self);
}

const HkFilter *
hk_filter_sidebar_get_filter (HkFilterSidebar *self)
{
  g_return_val_if_fail (HK_IS_FILTER_SIDEBAR (self), NULL);

  return self->filter;
}

void
hk_filter_sidebar_set_filter (HkFilterSidebar *self,
                              const HkFilter  *filter)
{
  g_return_if_fail (HK_IS_FILTER_SIDEBAR (self));
  g_return_if_fail (filter != NULL);

  if (hk_filter_equal (filter, self->filter))
    return;
  hk_filter_free (self->filter);
  self->filter = hk_filter_copy (filter);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), hk_filter_get_search (filter) ?: "");
  self->updating = FALSE;
  for (guint i = 0; i < self->sections->len; i++)
    hk_filter_section_set_selected (g_ptr_array_index (self->sections, i),
                                    hk_filter_get_values (filter, hk_filter_section_get_dimension (g_ptr_array_index (self->sections, i))));
  update_dates (self);
}

void
hk_filter_sidebar_focus_search (HkFilterSidebar *self)
{
  g_return_if_fail (HK_IS_FILTER_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}
