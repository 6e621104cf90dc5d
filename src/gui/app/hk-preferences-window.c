/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-preferences-window.h"
#include "hk-snapshot-cache.h"

struct _HkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *method_row;
  AdwActionRow         *days_row;
  AdwActionRow         *share_row;
  GtkAdjustment        *days_adjustment;
  GtkAdjustment        *share_adjustment;
  GtkAdjustment        *target_adjustment;
  GtkAdjustment        *margin_adjustment;
  AdwComboRow          *money_row;
  AdwPreferencesPage   *general_page;
  AdwPreferencesGroup  *brands_group;
  AdwActionRow         *cache_row;
  GtkButton            *clear_cache_button;
  GtkAdjustment        *cache_limit_adjustment;

  GSettings            *settings;
  GCancellable         *cancellable; /* the cache's size and clearing */
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

static GVariant *
percent_to_margin (const GValue       *value,
                   const GVariantType *type,
                   gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100, 0.01, 1));
}

/* The cache's limit: mebibytes in the setting, gigabytes in the row. */
static gboolean
mib_to_gb (GValue   *value,
           GVariant *variant,
           gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 1024.0);
  return TRUE;
}

static GVariant *
gb_to_mib (const GValue       *value,
           const GVariantType *type,
           gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value) * 1024 + 0.5, 64, 1048576));
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

/* The snapshot cache: its size is read and it is cleared on a worker
 * thread, never on the one that draws. */
static void
cache_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  guint64 *size = g_new (guint64, 1);

  if (GPOINTER_TO_INT (task_data))
    hk_snapshot_cache_clear (NULL);
  *size = hk_snapshot_cache_get_size ();
  g_task_return_pointer (task, size, g_free);
}

static void
on_cache_size (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HkPreferencesWindow *self;
  g_autofree guint64 *size = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *text = NULL, *subtitle = NULL;

  if (size == NULL)
    return; /* cancelled: the window went away */
  self = HK_PREFERENCES_WINDOW (user_data);
  text = g_format_size_full (*size, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: %s is a size, such as "1.2 GiB" */
  subtitle = *size == 0 ? g_strdup (_("Empty")) : g_strdup_printf (_("%s on disk"), text);
  adw_action_row_set_subtitle (self->cache_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_cache_button), *size > 0);
}

static void
update_cache (HkPreferencesWindow *self,
              gboolean             clear)
{
  /* The window is not the task's source: a task must not keep a window
   * alive past its destruction. Its dispose cancels the task instead. */
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_cache_size, self);

  g_task_set_task_data (task, GINT_TO_POINTER (clear), NULL);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, cache_thread);
}

static void
on_clear_cache_button_clicked (HkPreferencesWindow *self,
                               GtkButton           *button)
{
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  update_cache (self, TRUE);
}

static void
hk_preferences_window_dispose (GObject *object)
{
  HkPreferencesWindow *self = HK_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

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
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, margin_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, money_row);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, cache_row);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, clear_cache_button);
  gtk_widget_class_bind_template_child (widget_class, HkPreferencesWindow, cache_limit_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_method_row_notify_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_cache_button_clicked);
}

static void
hk_preferences_window_init (HkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_cache (self, FALSE);
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
  g_settings_bind_with_mapping (settings, "gross-margin", self->margin_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, share_to_percent, percent_to_margin, NULL, NULL);
  g_settings_bind_with_mapping (settings, "cache-size-limit", self->cache_limit_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, mib_to_gb, gb_to_mib, NULL, NULL);
  on_method_row_notify_selected (self, NULL, self->method_row);
  return self;
}

/* A brand's margin, in percent, written into brand-margins as a fraction. */
static void
on_brand_margin_changed (GtkAdjustment       *adjustment,
                         HkPreferencesWindow *self)
{
  const char *brand = g_object_get_data (G_OBJECT (adjustment), "hk-brand");
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "brand-margins");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  double margin;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &margin))
    if (!g_str_equal (key, brand))
      g_variant_builder_add (&builder, "{sd}", key, margin);
  g_variant_builder_add (&builder, "{sd}", brand, CLAMP (gtk_adjustment_get_value (adjustment) / 100, 0.01, 1));
  g_settings_set_value (self->settings, "brand-margins", g_variant_builder_end (&builder));
}

void
hk_preferences_window_set_brands (HkPreferencesWindow *self,
                                  GPtrArray           *brands)
{
  g_autoptr(GVariant) margins = NULL;

  g_return_if_fail (HK_IS_PREFERENCES_WINDOW (self));

  if (self->brands_group != NULL)
    adw_preferences_page_remove (self->general_page, self->brands_group);
  self->brands_group = NULL;
  if (brands == NULL || brands->len == 0)
    return;
  margins = g_settings_get_value (self->settings, "brand-margins");
  self->brands_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->brands_group, _("Gross Margin by Brand"));
  adw_preferences_group_set_description (self->brands_group,
                                         _("Break-even ROAS of each brand, 100 ÷ margin; an influencer's follows the brands of its revenue"));
  for (guint i = 0; i < brands->len; i++)
    {
      const char *brand = brands->pdata[i];
      double margin = g_settings_get_double (self->settings, "gross-margin");
      GtkAdjustment *adjustment;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin;

      if (*brand == '\0')
        continue;
      g_variant_lookup (margins, brand, "d", &margin);
      adjustment = gtk_adjustment_new (margin * 100, 1, 100, 1, 10, 0);
      spin = gtk_spin_button_new (adjustment, 1, 0);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      {
        /* Translators: the accessible name of a brand's margin, "MuscleBlaze gross margin (%)" */
        g_autofree char *name = g_strdup_printf (_("%s gross margin (%%)"), brand);

        gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), brand);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      g_object_set_data_full (G_OBJECT (adjustment), "hk-brand", g_strdup (brand), g_free);
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_brand_margin_changed), self, 0);
      adw_preferences_group_add (self->brands_group, row);
    }
  adw_preferences_page_add (self->general_page, self->brands_group);
}
