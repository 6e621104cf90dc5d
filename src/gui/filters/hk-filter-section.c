/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-dataset.h"
#include "hk-filter-section.h"
#include "hk-gui-format.h"

struct _HkFilterSection
{
  GtkWidget    parent_instance;

  GtkExpander *expander;
  GtkLabel    *title_label;
  GtkLabel    *status_label;
  GtkLabel    *count_caption;
  GtkListBox  *list_box;
  GtkWidget   *clear_button;

  HkDimension  dimension;
  GPtrArray   *checks;    /* GtkCheckButton, one per value */
  GPtrArray   *values;    /* char *, the values of the checks */
  GStrv        spellings; /* how values are written elsewhere (platforms), or NULL */
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (HkFilterSection, hk_filter_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DIMENSION,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* How a value reads in the sidebar. */
static char *
dup_display_value (HkFilterSection *self,
                   const char      *value)
{
  HkDimension dimension = self->dimension;
  HkTier tier;

  if (dimension == HK_DIM_SOURCE && value != NULL && *value != '\0')
    return g_strdup (hk_gui_format_source (value, (const char * const *) self->spellings));

  if (dimension == HK_DIM_TIER && hk_tier_from_name (value, &tier))
    {
      switch (tier)
        {
        case HK_TIER_NANO:
          return g_strdup (_("Nano (under 10k followers)"));
        case HK_TIER_MICRO:
          return g_strdup (_("Micro (10k to 100k)"));
        case HK_TIER_MACRO:
          return g_strdup (_("Macro (100k to 1M)"));
        case HK_TIER_MEGA:
          return g_strdup (_("Mega (1M and more)"));
        case HK_N_TIERS:
        default:
          break;
        }
    }
  return g_strdup (hk_gui_format_value (value));
}

/* What the numbers beside the values count. */
static const char *
count_noun (HkDimension dimension)
{
  if (!HK_DIM_IS_ROW (dimension))
    return _("Influencers");
  return _("Tracking rows");
}

static void
update_status (HkFilterSection *self)
{
  guint checked = 0;

  for (guint i = 0; i < self->checks->len; i++)
    checked += gtk_check_button_get_active (self->checks->pdata[i]);
  if (checked == 0)
    gtk_label_set_text (self->status_label, _("All"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("%u of %u"), checked, self->checks->len);
      gtk_label_set_text (self->status_label, text);
    }
  gtk_widget_set_sensitive (self->clear_button, checked > 0);
}

/* Nine buttons read "Clear": each says what it clears. */
static void
update_clear_name (HkFilterSection *self)
{
  /* Translators: a button that clears one filter, e.g. "Clear Brand". */
  g_autofree char *name = g_strdup_printf (_("Clear %s"), gtk_label_get_text (self->title_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
on_check_toggled (HkFilterSection *self,
                  GtkCheckButton  *check)
{
  update_status (self);
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_list_box_row_activated (HkFilterSection *self,
                           GtkListBoxRow   *row,
                           GtkListBox      *list_box)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
on_clear_button_clicked (HkFilterSection *self,
                         GtkButton       *button)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (self->checks->pdata[i], FALSE);
  self->updating = FALSE;
  update_status (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
hk_filter_section_dispose (GObject *object)
{
  HkFilterSection *self = HK_FILTER_SECTION (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_FILTER_SECTION);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->spellings, g_strfreev);

  G_OBJECT_CLASS (hk_filter_section_parent_class)->dispose (object);
}

static void
hk_filter_section_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HkFilterSection *self = HK_FILTER_SECTION (object);

  switch (prop_id)
    {
    case PROP_DIMENSION:
      g_value_set_string (value, hk_dimension_name (self->dimension));
      break;
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_filter_section_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HkFilterSection *self = HK_FILTER_SECTION (object);

  switch (prop_id)
    {
    case PROP_DIMENSION:
      if (!hk_dimension_from_name (g_value_get_string (value), &self->dimension))
        g_critical ("No dimension called “%s”", g_value_get_string (value));
      break;
    case PROP_TITLE:
      gtk_label_set_text (self->title_label, g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      /* Its label widget is not its name: without this, "GtkExpander". */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      update_clear_name (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_filter_section_class_init (HkFilterSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_filter_section_dispose;
  object_class->get_property = hk_filter_section_get_property;
  object_class->set_property = hk_filter_section_set_property;

  properties[PROP_DIMENSION] =
    g_param_spec_string ("dimension", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-filter-section.ui");
  gtk_widget_class_bind_template_child (widget_class, HkFilterSection, expander);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSection, title_label);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSection, status_label);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSection, count_caption);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSection, list_box);
  gtk_widget_class_bind_template_child (widget_class, HkFilterSection, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked);
}

static void
hk_filter_section_init (HkFilterSection *self)
{
  self->checks = g_ptr_array_new ();
  self->values = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_status (self);
}

HkDimension
hk_filter_section_get_dimension (HkFilterSection *self)
{
  g_return_val_if_fail (HK_IS_FILTER_SECTION (self), HK_DIM_BRAND);

  return self->dimension;
}

void
hk_filter_section_set_values (HkFilterSection    *self,
                              GPtrArray          *values,
                              const char * const *selected)
{
  GtkWidget *child;

  g_return_if_fail (HK_IS_FILTER_SECTION (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->values, 0);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const HkValueCount *value = values->pdata[i];
      g_autofree char *count = hk_gui_format_number (HK_CELL_COUNT, value->count, HK_MONEY_FULL);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *label = dup_display_value (self, value->value);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkWidget *count_label = gtk_label_new (count);

      gtk_widget_set_hexpand (check, TRUE);
      gtk_widget_add_css_class (count_label, "dim-label");
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_widget_add_css_class (count_label, "caption");
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), count_label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (self->list_box, row);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), self, G_CONNECT_SWAPPED);

      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->values, g_strdup (value->value));
    }
  gtk_label_set_text (self->count_caption, count_noun (self->dimension));
  gtk_widget_set_visible (GTK_WIDGET (self), self->checks->len > 0);
  hk_filter_section_set_selected (self, selected);
}

void
hk_filter_section_set_selected (HkFilterSection    *self,
                                const char * const *selected)
{
  g_return_if_fail (HK_IS_FILTER_SECTION (self));

  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (self->checks->pdata[i],
                                 selected != NULL && g_strv_contains (selected, self->values->pdata[i]));
  self->updating = FALSE;
  update_status (self);
}

GStrv
hk_filter_section_dup_selected (HkFilterSection *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HK_IS_FILTER_SECTION (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      g_strv_builder_add (builder, self->values->pdata[i]);
  return g_strv_builder_end (builder);
}

void
hk_filter_section_set_spellings (HkFilterSection *self,
                                 GPtrArray       *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (HK_IS_FILTER_SECTION (self));

  g_clear_pointer (&self->spellings, g_strfreev);
  for (guint i = 0; values != NULL && i < values->len; i++)
    g_strv_builder_add (builder, ((HkValueCount *) values->pdata[i])->value);
  self->spellings = g_strv_builder_end (builder);
}
