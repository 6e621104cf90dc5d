/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkChartView"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hk-chart-view.h"
#include "hk-export-advice.h"

typedef struct {
  HkChartSeries        *series;
  HkChartSeries        *painted;   /* what dup_painted_series made of series */
  HkChartPalette        palette;
  HkChartStyle          style;
  char                 *font;
  GtkWidget            *menu;
  GtkFileChooserNative *chooser;
  /* hk_chart_view_show() while not on screen: built when mapped or asked for */
  HkAnalysis           *pending;
  HkChartKind           pending_kind;
  guint                 pending_max_bars;
} HkChartViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HkChartView, hk_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERIES,
  PROP_TARGET_ROAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_WIDTH      160
#define MIN_HEIGHT     120
#define NAT_WIDTH      480
#define NAT_HEIGHT     300
#define BAR_ROW_HEIGHT 30   /* a comfortable row: the natural height */
#define BAR_ROW_MIN    24   /* the least a row gets: a label's line and air */
#define EXPORT_WIDTH   800
#define EXPORT_HEIGHT  500

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static void
color_from_rgba (HkChartColor  *color,
                 const GdkRGBA *rgba)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha;
}

/* A named colour of the theme (libadwaita's @define-color names); keeps the
 * current value when the theme has no such colour. */
static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              HkChartColor    *color)
{
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, name, &rgba))
    color_from_rgba (color, &rgba);
}

static void
update_palette (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  PangoFontDescription *font;
  GdkRGBA fg;

  /* Start from libadwaita's values so a theme lacking a name still looks
   * right, then take every colour the theme defines. */
  if (dark)
    hk_chart_palette_init_dark (&priv->palette);
  else
    hk_chart_palette_init_light (&priv->palette);

  gtk_style_context_get_color (context, &fg);
  color_from_rgba (&priv->palette.foreground, &fg);
  lookup_color (context, "window_bg_color", &priv->palette.background);
  lookup_color (context, "accent_bg_color", &priv->palette.revenue);
  lookup_color (context, "warning_color", &priv->palette.spend);
  lookup_color (context, "error_color", &priv->palette.below);
  lookup_color (context, "success_color", &priv->palette.good);
  lookup_color (context, dark ? "purple_1" : "purple_3", &priv->palette.target);
  priv->palette.high_contrast = adw_style_manager_get_high_contrast (manager);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  g_free (priv->font);
  priv->font = font ? pango_font_description_to_string (font) : NULL;
  priv->style.font = priv->font;
}

static void
update_accessible (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  g_autofree char *description = hk_chart_dup_description (priv->painted, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  priv->series ? priv->series->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_highlight (HkChartView *self,
               int          item)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  if (priv->style.highlight == item)
    return;
  priv->style.highlight = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* the tooltip follows the pointer from item to item */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static int
hit_test (HkChartView *self,
          double       x,
          double       y)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  return hk_chart_hit_test (priv->painted, &priv->style, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y);
}

static void
show_error (HkChartView  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_message ("Export Chart: %s", error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Could Not Export the Chart"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message, hk_export_advice (error));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static double
scale_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, "@2x.png") ? 2 : 1;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           HkChartView              *self)
{
  set_highlight (self, hit_test (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion,
          HkChartView              *self)
{
  set_highlight (self, -1);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  HkChartView     *self)
{
  int item = hit_test (self, x, y);

  if (item < 0 || n_press != 1)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (HK_CHART_VIEW_GET_CLASS (self)->item_activated)
    HK_CHART_VIEW_GET_CLASS (self)->item_activated (self, item);
}

static void
popup_menu (HkChartView *self,
            double       x,
            double       y)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (priv->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (priv->menu));
}

static void
on_menu_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 HkChartView     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

static gboolean
on_query_tooltip (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  g_autofree char *text = NULL;

  /* From the keyboard, the highlighted item's values. */
  if (keyboard && priv->style.highlight >= 0 && priv->painted != NULL)
    text = hk_chart_dup_item_text (priv->painted, priv->style.highlight, NULL);
  else if (!keyboard)
    text = hk_chart_view_dup_tooltip_at (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     HkChartView     *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL, *lower = NULL;
  g_autoptr(GError) error = NULL;
  const char *choice;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scale");
      if (path)
        {
          lower = g_ascii_strdown (path, -1);
          if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") &&
              !g_str_has_suffix (lower, ".pdf"))
            {
              char *with = g_strconcat (path, ".png", NULL);
              g_free (path);
              path = with;
            }
          if (!hk_chart_view_export (self, path, g_strcmp0 (choice, "2") == 0 ? 2 : scale_for_path (path), &error))
            show_error (self, error);
        }
    }
  g_clear_object (&priv->chooser);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  HkChartView *self = HK_CHART_VIEW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!hk_chart_view_export (self, path, scale_for_path (path), &error))
    show_error (self, error);
}

static void
export_dialog_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  HkChartView *self = HK_CHART_VIEW (widget);
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *formats[][3] = {
    { N_("PNG Image"), "image/png", "*.png" },
    { N_("SVG Image"), "image/svg+xml", "*.svg" },
    { N_("PDF Document"), "application/pdf", "*.pdf" },
  };
  const char *scale_ids[] = { "1", "2", NULL };
  const char *scale_labels[] = { N_("1× (as on screen)"), N_("2× (sharper)"), NULL };
  const char *labels[3] = { _(scale_labels[0]), _(scale_labels[1]), NULL };
  g_autofree char *name = NULL;

  if (priv->chooser)
    return;
  priv->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (priv->chooser), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i][0]));
      gtk_file_filter_add_mime_type (filter, formats[i][1]);
      gtk_file_filter_add_pattern (filter, formats[i][2]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (priv->chooser), filter);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (priv->chooser), "scale", _("PNG size"), scale_ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (priv->chooser), "scale", "1");
  name = g_strdup_printf ("%s.png", priv->series ? hk_chart_kind_name (priv->series->kind) : "chart");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (priv->chooser), name);
  g_signal_connect_object (priv->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (priv->chooser));
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  popup_menu (HK_CHART_VIEW (widget), gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

/* chart.move-highlight (i: +1 or -1): the keyboard's pointer, from item to
 * item (bars, days, points); its values show as a tooltip. */
static void
move_highlight_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  HkChartView *self = HK_CHART_VIEW (widget);
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  int n = priv->painted ? (int) hk_chart_series_get_n_items (priv->painted) : 0;
  int item;

  if (n == 0)
    return;
  item = priv->style.highlight < 0 ? (g_variant_get_int32 (parameter) > 0 ? 0 : n - 1)
                                   : CLAMP (priv->style.highlight + g_variant_get_int32 (parameter), 0, n - 1);
  set_highlight (self, item);
}

/* chart.activate-highlight: what a click on the highlighted item does. */
static void
activate_highlight_action (GtkWidget  *widget,
                           const char *action,
                           GVariant   *parameter)
{
  HkChartView *self = HK_CHART_VIEW (widget);
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  if (priv->style.highlight >= 0 && HK_CHART_VIEW_GET_CLASS (self)->item_activated)
    HK_CHART_VIEW_GET_CLASS (self)->item_activated (self, priv->style.highlight);
}

/* ------------------------------------------------------------------------ */
/* Overrides                                                                */

static void
hk_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HkChartView *self = HK_CHART_VIEW (widget);
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  priv->style.pixel_scale = gtk_widget_get_scale_factor (widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  hk_chart_paint (cr, width, height, &priv->palette, priv->painted, &priv->style);
  cairo_destroy (cr);
}

static void
hk_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (HK_CHART_VIEW (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NAT_WIDTH;
      return;
    }
  *minimum = MIN_HEIGHT;
  *natural = NAT_HEIGHT;
  if (priv->painted && priv->painted->shape == HK_CHART_SHAPE_BARS)
    {
      /* The chart grows with its bars, so 30 cities never squeeze into a
       * fixed height: every row at least BAR_ROW_MIN, a comfortable
       * BAR_ROW_HEIGHT when there is room. */
      const HkBarSeries *bars = HK_BAR_SERIES (priv->painted);
      double width = for_size > 0 ? for_size : NAT_WIDTH;

      *minimum = MAX (MIN_HEIGHT, (int) hk_chart_get_bars_height (bars, &priv->style, width, BAR_ROW_MIN));
      *natural = MAX (*minimum, (int) hk_chart_get_bars_height (bars, &priv->style, width, BAR_ROW_HEIGHT));
    }
}

static void
hk_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (HK_CHART_VIEW (widget));

  if (priv->menu)
    gtk_popover_present (GTK_POPOVER (priv->menu));
}

static void build_pending (HkChartView *self);

static void
hk_chart_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hk_chart_view_parent_class)->map (widget);
  build_pending (HK_CHART_VIEW (widget));
}

/* A menu left open must not outlive the window that showed it. */
static void
hk_chart_view_unmap (GtkWidget *widget)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (HK_CHART_VIEW (widget));

  if (priv->menu)
    gtk_popover_popdown (GTK_POPOVER (priv->menu));
  GTK_WIDGET_CLASS (hk_chart_view_parent_class)->unmap (widget);
}

static void
hk_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (hk_chart_view_parent_class)->css_changed (widget, change);
  update_palette (HK_CHART_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
hk_chart_view_dispose (GObject *object)
{
  HkChartView *self = HK_CHART_VIEW (object);
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  if (priv->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (priv->chooser));
  g_clear_object (&priv->chooser);
  g_clear_pointer (&priv->menu, gtk_widget_unparent);
  g_clear_pointer (&priv->series, hk_chart_series_unref);
  g_clear_pointer (&priv->painted, hk_chart_series_unref);
  g_clear_pointer (&priv->pending, hk_analysis_unref);
  G_OBJECT_CLASS (hk_chart_view_parent_class)->dispose (object);
}

static void
hk_chart_view_finalize (GObject *object)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (HK_CHART_VIEW (object));

  g_free (priv->font);
  G_OBJECT_CLASS (hk_chart_view_parent_class)->finalize (object);
}

static void
hk_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HkChartView *self = HK_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      g_value_set_boxed (value, hk_chart_view_get_series (self));
      break;
    case PROP_TARGET_ROAS:
      /* 0 for none: a property cannot default to NAN */
      g_value_set_double (value, isnan (hk_chart_view_get_target_roas (self)) ? 0 : hk_chart_view_get_target_roas (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HkChartView *self = HK_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      hk_chart_view_set_series (self, g_value_get_boxed (value));
      break;
    case PROP_TARGET_ROAS:
      hk_chart_view_set_target_roas (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static HkChartSeries *
hk_chart_view_real_dup_painted_series (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  return priv->series ? hk_chart_series_ref (priv->series) : NULL;
}

static void
hk_chart_view_class_init (HkChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_chart_view_dispose;
  object_class->finalize = hk_chart_view_finalize;
  object_class->get_property = hk_chart_view_get_property;
  object_class->set_property = hk_chart_view_set_property;
  widget_class->snapshot = hk_chart_view_snapshot;
  widget_class->measure = hk_chart_view_measure;
  widget_class->size_allocate = hk_chart_view_size_allocate;
  widget_class->map = hk_chart_view_map;
  widget_class->unmap = hk_chart_view_unmap;
  widget_class->css_changed = hk_chart_view_css_changed;
  klass->dup_painted_series = hk_chart_view_real_dup_painted_series;

  properties[PROP_SERIES] =
    g_param_spec_boxed ("series", NULL, NULL, HK_TYPE_CHART_SERIES,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_ROAS] =
    g_param_spec_double ("target-roas", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart.export-dialog", NULL, export_dialog_action);
  gtk_widget_class_install_action (widget_class, "chart.context-menu", NULL, context_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "chart.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chart.context-menu", NULL);
  /* Keyboard users reach every bar, day and point, and click it with Enter. */
  gtk_widget_class_install_action (widget_class, "chart.move-highlight", "i", move_highlight_action);
  gtk_widget_class_install_action (widget_class, "chart.activate-highlight", NULL, activate_highlight_action);
  for (guint k = 0; k < 2; k++)
    {
      static const guint next[] = { GDK_KEY_Right, GDK_KEY_Down }, previous[] = { GDK_KEY_Left, GDK_KEY_Up };

      gtk_widget_class_add_binding_action (widget_class, next[k], 0, "chart.move-highlight", "i", 1);
      gtk_widget_class_add_binding_action (widget_class, previous[k], 0, "chart.move-highlight", "i", -1);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate-highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate-highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate-highlight", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hk_chart_view_init (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  hk_chart_style_init (&priv->style);
  hk_chart_palette_init_light (&priv->palette);

  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, 0);
  gtk_widget_add_controller (widget, motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (menu_click, "pressed", G_CALLBACK (on_menu_pressed), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (menu_click));

  g_menu_append (menu, _("Export Chart…"), "chart.export-dialog");
  priv->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (priv->menu), FALSE);
  gtk_widget_set_halign (priv->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (priv->menu, widget);

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self, 0);
  gtk_widget_set_focusable (widget, TRUE);
  update_accessible (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

void
hk_chart_view_invalidate (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_if_fail (HK_IS_CHART_VIEW (self));

  g_clear_pointer (&priv->painted, hk_chart_series_unref);
  priv->painted = HK_CHART_VIEW_GET_CLASS (self)->dup_painted_series (self);
  priv->style.highlight = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hk_chart_view_set_series (HkChartView   *self,
                          HkChartSeries *series)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_if_fail (HK_IS_CHART_VIEW (self));

  g_clear_pointer (&priv->pending, hk_analysis_unref);
  if (priv->series == series)
    return;
  if (series)
    hk_chart_series_ref (series);
  g_clear_pointer (&priv->series, hk_chart_series_unref);
  priv->series = series;
  hk_chart_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
}

static void
build_pending (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  g_autoptr(HkAnalysis) analysis = g_steal_pointer (&priv->pending);
  g_autoptr(HkChartSeries) series = NULL;
  HkChartSeriesOptions options;

  if (analysis == NULL)
    return;
  hk_chart_series_options_init (&options);
  if (priv->pending_max_bars > 0)
    options.max_items = priv->pending_max_bars;
  series = hk_chart_series_new_for_analysis (analysis, priv->pending_kind, &options);
  hk_chart_view_set_series (self, series);
}

/* Off screen (another page), nothing is built until shown or asked for:
 * the Insights scatter of 50,000 influencers is 20 ms of the UI thread. */
void
hk_chart_view_show (HkChartView *self,
                    HkAnalysis  *analysis,
                    HkChartKind  kind,
                    guint        max_bars)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_if_fail (HK_IS_CHART_VIEW (self));

  if (analysis == NULL)
    {
      hk_chart_view_set_series (self, NULL);
      return;
    }
  g_clear_pointer (&priv->pending, hk_analysis_unref);
  priv->pending = hk_analysis_ref (analysis);
  priv->pending_kind = kind;
  priv->pending_max_bars = max_bars;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_pending (self);
}

HkChartSeries *
hk_chart_view_get_series (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), NULL);
  build_pending (self);
  return priv->series;
}

HkChartSeries *
hk_chart_view_get_painted_series (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), NULL);
  build_pending (self);
  return priv->painted;
}

HkChartStyle *
hk_chart_view_get_style (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), NULL);
  return &priv->style;
}

void
hk_chart_view_set_target_roas (HkChartView *self,
                               double       target)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_if_fail (HK_IS_CHART_VIEW (self));

  if (!(target > 0))
    target = NAN;
  if ((isnan (target) && isnan (priv->style.target)) || target == priv->style.target)
    return;
  priv->style.target = target;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_ROAS]);
}

double
hk_chart_view_get_target_roas (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), NAN);
  return priv->style.target;
}

int
hk_chart_view_get_highlight (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), -1);
  return priv->style.highlight;
}

const HkChartPalette *
hk_chart_view_get_palette (HkChartView *self)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), NULL);
  return &priv->palette;
}

char *
hk_chart_view_dup_tooltip_at (HkChartView *self,
                              double       x,
                              double       y)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  int item;

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), NULL);

  item = hit_test (self, x, y);
  return item < 0 ? NULL : hk_chart_dup_item_text (priv->painted, item, NULL);
}

gboolean
hk_chart_view_export (HkChartView  *self,
                      const char   *path,
                      double        scale,
                      GError      **error)
{
  HkChartViewPrivate *priv = hk_chart_view_get_instance_private (self);
  int width, height;
  HkChartStyle style;

  g_return_val_if_fail (HK_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  build_pending (self);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width < MIN_WIDTH || height < MIN_HEIGHT)
    width = EXPORT_WIDTH, height = EXPORT_HEIGHT;
  style = priv->style;
  style.show_title = TRUE;
  /* with the title and subtitle above them, bars keep at least their
   * minimum rows */
  if (priv->painted && priv->painted->shape == HK_CHART_SHAPE_BARS)
    height = MAX (height, (int) hk_chart_get_bars_height (HK_BAR_SERIES (priv->painted), &style, width,
                                                          BAR_ROW_MIN));
  return hk_chart_export (priv->painted, &priv->palette, &style, width, height, path, scale, error);
}
