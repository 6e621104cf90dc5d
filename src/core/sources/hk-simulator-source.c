/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-simulator-source.h"

struct _HkSimulatorSource
{
  GObject            parent_instance;

  HkSimulatorOptions options;
  HkSimulationTruth *truth;
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
  HkSimulationTruth *truth = NULL;

  if (!hk_simulator_fill (&self->options, builder, &truth, progress, progress_data, cancellable, error))
    return FALSE;
  g_clear_pointer (&self->truth, hk_simulation_truth_free);
  self->truth = truth;
  return TRUE;
}

const HkSimulationTruth *
hk_simulator_source_get_truth (HkSimulatorSource *self)
{
  g_return_val_if_fail (HK_IS_SIMULATOR_SOURCE (self), NULL);

  return self->truth;
}

static void
hk_simulator_source_iface_init (HkSourceInterface *iface)
{
  iface->fill = hk_simulator_source_fill;
}

static void
hk_simulator_source_finalize (GObject *object)
{
  HkSimulatorSource *self = HK_SIMULATOR_SOURCE (object);

  g_clear_pointer (&self->truth, hk_simulation_truth_free);
  G_OBJECT_CLASS (hk_simulator_source_parent_class)->finalize (object);
}

static void
hk_simulator_source_class_init (HkSimulatorSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hk_simulator_source_finalize;
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
