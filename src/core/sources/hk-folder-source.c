/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-folder-source.h"
#include "hk-import.h"

struct _HkFolderSource
{
  GObject  parent_instance;

  char    *folder;
};

static void hk_folder_source_iface_init (HkSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HkFolderSource, hk_folder_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HK_TYPE_SOURCE, hk_folder_source_iface_init))

static HkDataset *
hk_folder_source_load (HkSource         *source,
                       HkProgressFunc    progress,
                       gpointer          progress_data,
                       GCancellable     *cancellable,
                       HkImportReport  **report,
                       GError          **error)
{
  HkFolderSource *self = HK_FOLDER_SOURCE (source);

  return hk_import_folder (self->folder, progress, progress_data, cancellable, report, error);
}

static void
hk_folder_source_iface_init (HkSourceInterface *iface)
{
  iface->load = hk_folder_source_load;
}

static void
hk_folder_source_finalize (GObject *object)
{
  HkFolderSource *self = HK_FOLDER_SOURCE (object);

  g_free (self->folder);

  G_OBJECT_CLASS (hk_folder_source_parent_class)->finalize (object);
}

static void
hk_folder_source_class_init (HkFolderSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hk_folder_source_finalize;
}

static void
hk_folder_source_init (HkFolderSource *self)
{
}

HkSource *
hk_folder_source_new (const char *folder)
{
  HkFolderSource *self;

  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (HK_TYPE_FOLDER_SOURCE, NULL);
  self->folder = g_strdup (folder);
  return HK_SOURCE (self);
}

const char *
hk_folder_source_get_folder (HkFolderSource *self)
{
  g_return_val_if_fail (HK_IS_FOLDER_SOURCE (self), NULL);
  return self->folder;
}
