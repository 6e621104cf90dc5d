/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-simulator-source.h"

struct _HkSimulatorSource
{
  GObject            parent_instance;

  HkSimulatorOptions options;
};

static void hk_simulator_source_iface_init (HkSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HkSimulatorSource, hk_simulator_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HK_TYPE_SOURCE, hk_simulator_source_iface_init))

static gboolean
hk_simulator_source_fill (HkSource          *source,
                          HkDatasetBuilder  *builder,
                          HkProgressFunc     progress,
                          gpointer           progress_data,
                          GCancellable      *cancellable,
                          GError           **error)
{
  HkSimulatorSource *self = HK_SIMULATOR_SOURCE (source);

  return hk_simulator_fill (&self->options, builder, NULL, progress, progress_data, cancellable, error);
}

static void
hk_simulator_source_iface_init (HkSourceInterface *iface)
{
  iface->fill = hk_simulator_source_fill;
}

static void
hk_simulator_source_class_init (HkSimulatorSourceClass *klass)
{
}

static void
hk_simulator_source_init (HkSimulatorSource *self)
{
  hk_simulator_options_init (&self->options);
}

HkSource *
hk_simulator_source_new (const HkSimulatorOptions *options)
{
  HkSimulatorSource *self = g_object_new (HK_TYPE_SIMULATOR_SOURCE, NULL);

  if (options)
    self->options = *options;
  return HK_SOURCE (self);
}
