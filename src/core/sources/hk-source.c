/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-source.h"

G_DEFINE_INTERFACE (HkSource, hk_source, G_TYPE_OBJECT)

static HkDataset *
hk_source_real_load (HkSource         *self,
                     HkProgressFunc    progress,
                     gpointer          progress_data,
                     GCancellable     *cancellable,
                     HkImportReport  **report,
                     GError          **error)
{
  g_autoptr(HkDatasetBuilder) builder = hk_dataset_builder_new ();

  if (!hk_source_fill (self, builder, progress, progress_data, cancellable, error))
    return NULL;
  return hk_dataset_builder_finish (builder, report, error);
}

static void
hk_source_default_init (HkSourceInterface *iface)
{
  iface->load = hk_source_real_load;
}

gboolean
hk_source_fill (HkSource          *self,
                HkDatasetBuilder  *builder,
                HkProgressFunc     progress,
                gpointer           progress_data,
                GCancellable      *cancellable,
                GError           **error)
{
  HkSourceInterface *iface;

  g_return_val_if_fail (HK_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = HK_SOURCE_GET_IFACE (self);
  /* A source without fill is only loaded (see HkSourceInterface). */
  g_return_val_if_fail (iface->fill != NULL, FALSE);
  return iface->fill (self, builder, progress, progress_data, cancellable, error);
}

HkDataset *
hk_source_load (HkSource          *self,
                HkProgressFunc     progress,
                gpointer           progress_data,
                GCancellable      *cancellable,
                HkImportReport   **report,
                GError           **error)
{
  g_return_val_if_fail (HK_IS_SOURCE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (report)
    *report = NULL;
  return HK_SOURCE_GET_IFACE (self)->load (self, progress, progress_data, cancellable, report, error);
}
