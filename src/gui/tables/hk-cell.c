/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include "hk-cell.h"

struct _HkCell
{
  GtkWidget    parent_instance;

  char        *text;
  gboolean     numeric;     /* right-aligned, tabular figures */
  PangoLayout *layout;      /* made when drawn, for the current width */
  int          layout_width;
  int          line_height; /* -1 until measured */
};

G_DEFINE_FINAL_TYPE (HkCell, hk_cell, GTK_TYPE_WIDGET)

static void
drop_layout (HkCell *self)
{
  g_clear_object (&self->layout);
}

static int
get_line_height (HkCell *self)
{
  if (self->line_height < 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      if (self->line_height <= 0)
        self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                               pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
    }
  return self->line_height;
}

static void
hk_cell_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  HkCell *self = HK_CELL (widget);

  /* Columns have fixed widths: the text never decides the size. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = get_line_height (self);
}

static void
hk_cell_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  HkCell *self = HK_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  float x = 0;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL || self->layout_width != width)
    {
      drop_layout (self);
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->numeric)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
      self->layout_width = width;
    }
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  if (self->numeric && logical.width < width)
    x = width - logical.width;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - logical.height) / 2.f));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* Cut text shows whole on hover. */
static gboolean
hk_cell_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip)
{
  HkCell *self = HK_CELL (widget);

  if (self->layout == NULL || !pango_layout_is_ellipsized (self->layout))
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
hk_cell_css_changed (GtkWidget         *widget,
                     GtkCssStyleChange *change)
{
  HkCell *self = HK_CELL (widget);

  GTK_WIDGET_CLASS (hk_cell_parent_class)->css_changed (widget, change);

  drop_layout (self);
  self->line_height = -1;
  gtk_widget_queue_resize (widget);
}

static void
hk_cell_finalize (GObject *object)
{
  HkCell *self = HK_CELL (object);

  drop_layout (self);
  g_free (self->text);

  G_OBJECT_CLASS (hk_cell_parent_class)->finalize (object);
}

static void
hk_cell_class_init (HkCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hk_cell_finalize;
  widget_class->measure = hk_cell_measure;
  widget_class->snapshot = hk_cell_snapshot;
  widget_class->css_changed = hk_cell_css_changed;
  widget_class->query_tooltip = hk_cell_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "cell-text");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
hk_cell_init (HkCell *self)
{
  self->line_height = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
hk_cell_new (gboolean numeric)
{
  HkCell *self = g_object_new (HK_TYPE_CELL, NULL);

  self->numeric = numeric;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  return GTK_WIDGET (self);
}

gboolean
hk_cell_get_ellipsized (HkCell *self)
{
  g_return_val_if_fail (HK_IS_CELL (self), FALSE);

  return self->layout != NULL && pango_layout_is_ellipsized (self->layout);
}

const char *
hk_cell_get_text (HkCell *self)
{
  g_return_val_if_fail (HK_IS_CELL (self), NULL);

  return self->text ? self->text : "";
}

void
hk_cell_set_text (HkCell     *self,
                  const char *text)
{
  g_return_if_fail (HK_IS_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  drop_layout (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
