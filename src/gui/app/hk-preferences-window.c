/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-preferences-window.h"

struct _HkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *method_row;
  AdwActionRow         *days_row;
  AdwActionRow         *share_row;
  GtkAdjustment        *days_adjustment;
  GtkAdjustment        *share_adjustment;
  GtkAdjustment        *target_adjustment;
  AdwComboRow          *money_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (HkPreferencesWindow, hk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo rows list the enum's nicks in order. */
static const char * const method_nicks[] = { "auto", "holdout", "pre-period", "assumed", NULL };
static const char * const money_nicks[] = { "full", "whole", "compact", NULL };

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  nicks)
{
  const char * const *list = nicks;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; list[i]; i++)
    if (g_str_equal (list[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *type,
                  gpointer            nicks)
{
  const char * const *list = nicks;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) list))
    return NULL;
  return g_variant_new_string (list[selected]);
}

static gboolean
share_to_percent (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100);
  return TRUE;
}

static GVariant *
percent_to_share (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100, 0, 1));
}

static void
on_method_row_notify_selected (HkPreferencesWindow *self,
                               GParamSpec          *pspec,
                               AdwComboRow         *row)
{
  guint selected = adw_combo_row_get_selected (row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->days_row), selected == 2);
  gtk_widget_set_sensitive (GTK_WIDGET (self->share_row), selected == 0 || selected == 3);
}

static void
hk_preferences_window_dispose (GObject *object)
{
  HkPreferencesWindow *self = HK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hk_preferences_window_parent_class)->dispose (object);
}

static void
hk_preferences_window_class_init (HkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, method_row);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, days_row);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, share_row);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, days_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, share_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, target_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, money_row);
  gtk_widget_class_bind_template_callback (widget_class, on_method_row_notify_selected);
}

static void
hk_preferences_window_init (HkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HkPreferencesWindow *
hk_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  HkPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HK_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "iroas-method", self->method_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_selected, selected_to_nick,
                                (gpointer) method_nicks, NULL);
  g_settings_bind_with_mapping (settings, "money-style", self->money_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_selected, selected_to_nick,
                                (gpointer) money_nicks, NULL);
  g_settings_bind (settings, "pre-period-days", self->days_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "target-roas", self->target_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "organic-share", self->share_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, share_to_percent, percent_to_share, NULL, NULL);
  on_method_row_notify_selected (self, NULL, self->method_row);
  return self;
}
