/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include "hk-kpi-card.h"

struct _HkKpiCard
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *value_label;
  GtkLabel  *detail_label;
};

G_DEFINE_FINAL_TYPE (HkKpiCard, hk_kpi_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible_label (HkKpiCard *self)
{
  g_autofree char *label = g_strdup_printf ("%s: %s", gtk_label_get_text (self->title_label),
                                            gtk_label_get_text (self->value_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
hk_kpi_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), HK_TYPE_KPI_CARD);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hk_kpi_card_parent_class)->dispose (object);
}

static void
hk_kpi_card_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HkKpiCard *self = HK_KPI_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, hk_kpi_card_get_title (self));
      break;
    case PROP_VALUE:
      g_value_set_string (value, hk_kpi_card_get_value (self));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, hk_kpi_card_get_detail (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_kpi_card_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HkKpiCard *self = HK_KPI_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      hk_kpi_card_set_title (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      hk_kpi_card_set_value (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      hk_kpi_card_set_detail (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hk_kpi_card_class_init (HkKpiCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hk_kpi_card_dispose;
  object_class->get_property = hk_kpi_card_get_property;
  object_class->set_property = hk_kpi_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/healthkart/InfluencerDashboard/hk-kpi-card.ui");
  gtk_widget_class_bind_template_child (widget_class, HkKpiCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, HkKpiCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, HkKpiCard, detail_label);
  gtk_widget_class_set_css_name (widget_class, "kpicard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hk_kpi_card_init (HkKpiCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
hk_kpi_card_get_title (HkKpiCard *self)
{
  g_return_val_if_fail (HK_IS_KPI_CARD (self), NULL);

  return gtk_label_get_text (self->title_label);
}

void
hk_kpi_card_set_title (HkKpiCard  *self,
                       const char *title)
{
  g_return_if_fail (HK_IS_KPI_CARD (self));

  if (g_strcmp0 (title, gtk_label_get_text (self->title_label)) == 0)
    return;
  gtk_label_set_text (self->title_label, title ? title : "");
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
hk_kpi_card_get_value (HkKpiCard *self)
{
  g_return_val_if_fail (HK_IS_KPI_CARD (self), NULL);

  return gtk_label_get_text (self->value_label);
}

void
hk_kpi_card_set_value (HkKpiCard  *self,
                       const char *value)
{
  g_return_if_fail (HK_IS_KPI_CARD (self));

  if (g_strcmp0 (value, gtk_label_get_text (self->value_label)) == 0)
    return;
  gtk_label_set_text (self->value_label, value ? value : "");
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
hk_kpi_card_get_detail (HkKpiCard *self)
{
  g_return_val_if_fail (HK_IS_KPI_CARD (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

void
hk_kpi_card_set_detail (HkKpiCard  *self,
                        const char *detail)
{
  g_return_if_fail (HK_IS_KPI_CARD (self));

  if (g_strcmp0 (detail, gtk_label_get_text (self->detail_label)) == 0)
    return;
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && *detail != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}
