/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include "hk-folder-source.h"
#include "hk-import.h"
#include "hk-snapshot-cache.h"
#include "hk-snapshot.h"

struct _HkFolderSource
{
  GObject             parent_instance;

  char               *folder;
  gboolean            use_cache;
  HkFolderCacheState  cache_state;
  GVariant           *key;   /* the files' key when they were parsed */
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
  g_autoptr(GError) cache_error = NULL;
  HkDataset *ds;

  self->cache_state = HK_FOLDER_CACHE_OFF;
  g_clear_pointer (&self->key, g_variant_unref);
  if (self->use_cache)
    {
      gint64 start = g_get_monotonic_time ();

      self->key = hk_snapshot_cache_dup_key (self->folder, &cache_error);
      ds = self->key ? hk_snapshot_cache_open (self->folder, self->key, &cache_error) : NULL;
      if (ds != NULL)
        {
          g_debug ("%s: opened its snapshot in %.3f s", self->folder, (g_get_monotonic_time () - start) / 1e6);
          self->cache_state = HK_FOLDER_CACHE_HIT;
          if (progress)
            progress (1.0, progress_data);
          return ds;
        }
      g_debug ("%s: no snapshot (%s)", self->folder, cache_error->message);
    }

  ds = hk_import_folder (self->folder, progress, progress_data, cancellable, report, error);
  if (ds != NULL && self->key != NULL)
    self->cache_state = HK_FOLDER_CACHE_MISS;
  return ds;
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
  g_clear_pointer (&self->key, g_variant_unref);

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

void
hk_folder_source_set_use_cache (HkFolderSource *self,
                                gboolean        use_cache)
{
  g_return_if_fail (HK_IS_FOLDER_SOURCE (self));
  self->use_cache = use_cache;
}

HkFolderCacheState
hk_folder_source_get_cache_state (HkFolderSource *self)
{
  g_return_val_if_fail (HK_IS_FOLDER_SOURCE (self), HK_FOLDER_CACHE_OFF);
  return self->cache_state;
}

gboolean
hk_folder_source_store_snapshot (HkFolderSource *self,
                                 HkDataset      *ds,
                                 GBytes         *prepared,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  g_autoptr(GVariant) now = NULL;

  g_return_val_if_fail (HK_IS_FOLDER_SOURCE (self), FALSE);
  g_return_val_if_fail (self->cache_state == HK_FOLDER_CACHE_MISS, FALSE);

  /* Files written while they were parsed: the dataset may hold a part of
   * each version, so it is not saved as either. */
  now = hk_snapshot_cache_dup_key (self->folder, NULL);
  if (now == NULL || !g_variant_equal (now, self->key))
    {
      g_debug ("%s changed while it was read: no snapshot", self->folder);
      return TRUE;
    }
  return hk_snapshot_cache_store (ds, prepared, self->folder, self->key, cancellable, error);
}
