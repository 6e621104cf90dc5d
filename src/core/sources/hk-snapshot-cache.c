/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hk-dataset-private.h"
#include "hk-file-writer.h"
#include "hk-import.h"
#include "hk-snapshot-cache.h"
#include "hk-snapshot.h"

#define APP_ID "com.healthkart.InfluencerDashboard"
#define SUFFIX ".hksnap"
/* The part of each file read into the key, at each end. */
#define KEY_BLOCK ((gsize) 64 << 10)
#define KEY_TYPE "(ssa(sttttttt))"

static guint64 cache_limit = HK_SNAPSHOT_CACHE_DEFAULT_LIMIT;
/* Stores and trims one at a time (the app's and a test's threads). */
static GMutex cache_lock;

char *
hk_snapshot_cache_get_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), APP_ID, NULL);
}

static char *
real_folder (const char *folder)
{
  char *real = realpath (folder, NULL);
  char *copy;

  if (real == NULL)
    return g_canonicalize_filename (folder, NULL);
  copy = g_strdup (real);
  free (real);
  return copy;
}

char *
hk_snapshot_cache_dup_path (const char *folder)
{
  g_autofree char *real = real_folder (folder);
  g_autofree char *dir = hk_snapshot_cache_get_dir ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, real, -1);
  g_autofree char *name = NULL;

  hash[32] = '\0';
  name = g_strconcat (hash, SUFFIX, NULL);
  return g_build_filename (dir, name, NULL);
}

/* A checksum of the first and last KEY_BLOCK bytes of an open file. */
static gboolean
end_blocks_checksum (int       fd,
                     goffset   size,
                     guint64  *sum,
                     GError  **error)
{
  g_autofree char *buf = g_malloc (2 * KEY_BLOCK);
  gsize first = MIN ((gsize) size, KEY_BLOCK);
  gsize last = MIN ((gsize) size - first, KEY_BLOCK);
  gsize got = 0;

  while (got < first + last)
    {
      off_t at = got < first ? (off_t) got : (off_t) (size - last + (got - first));
      gsize want = got < first ? first - got : first + last - got;
      ssize_t n = pread (fd, buf + got, want, at);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, G_IO_ERROR, n < 0 ? g_io_error_from_errno (errno) : G_IO_ERROR_FAILED,
                       "%s", n < 0 ? g_strerror (errno) : "file shrank");
          return FALSE;
        }
      got += n;
    }
  *sum = hk_snapshot_checksum (buf, got);
  return TRUE;
}

static gboolean
add_file_key (GVariantBuilder  *files,
              const char       *folder,
              const char       *name,
              GError          **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  struct stat st;
  guint64 sum = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return TRUE;
    }
  if (!end_blocks_checksum (fd, st.st_size, &sum, error))
    {
      close (fd);
      return FALSE;
    }
  close (fd);
  g_variant_builder_add (files, "(sttttttt)", name, (guint64) st.st_size, (guint64) st.st_mtim.tv_sec,
                         (guint64) st.st_mtim.tv_nsec, (guint64) st.st_ino, (guint64) st.st_dev,
                         (guint64) st.st_ctim.tv_sec, sum);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

GVariant *
hk_snapshot_cache_dup_key (const char  *folder,
                           GError     **error)
{
  g_autofree char *real = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GVariantBuilder files;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  real = real_folder (folder);
  dir = g_dir_open (real, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (hk_import_is_table_file (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_variant_builder_init (&files, G_VARIANT_TYPE ("a(sttttttt)"));
  for (guint i = 0; i < names->len; i++)
    if (!add_file_key (&files, real, names->pdata[i], error))
      {
        g_variant_builder_clear (&files);
        return NULL;
      }
  return g_variant_ref_sink (g_variant_new (KEY_TYPE, PACKAGE_VERSION, real, &files));
}

typedef struct {
  void  *mem;
  gsize  size;
} Mapping;

static void
unmap (gpointer data)
{
  Mapping *m = data;

  munmap (m->mem, m->size);
  g_free (m);
}

/* The file mapped read-only with its page table filled at once: the engine
 * and the checks read nearly all of it, and one call maps it faster than a
 * fault per page would. */
static GBytes *
map_file (const char  *path,
          GError     **error)
{
  struct stat st;
  Mapping *m;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0 || st.st_size == 0)
    {
      int saved = fd < 0 || st.st_size != 0 ? errno : EINVAL;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  m = g_new0 (Mapping, 1);
  m->size = st.st_size;
  m->mem = mmap (NULL, m->size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  close (fd);
  if (m->mem == MAP_FAILED)
    {
      int saved = errno;

      g_free (m);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  return g_bytes_new_with_free_func (m->mem, m->size, unmap, m);
}

HkDataset *
hk_snapshot_cache_open (const char  *folder,
                        GVariant    *key,
                        GError     **error)
{
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);
  g_autoptr(GBytes) bytes = NULL;
  HkDataset *ds;

  g_return_val_if_fail (key != NULL, NULL);

  bytes = map_file (path, error);
  if (bytes == NULL)
    return NULL;
  ds = hk_snapshot_load (bytes, key, NULL, error);
  if (ds == NULL)
    {
      /* Stale or damaged: never of use again (a store replaces a stale one
       * anyway). */
      g_unlink (path);
      return NULL;
    }
  /* The folder as this caller names it: the snapshot may have been made by
   * a run that named it another way (a relative path, a link). */
  g_free (ds->folder);
  ds->folder = g_strdup (folder);
  /* Most recently used: the trim goes by modification time. */
  utimensat (AT_FDCWD, path, NULL, 0);
  return ds;
}

void
hk_snapshot_cache_discard (const char *folder)
{
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);

  g_unlink (path);
}

typedef struct {
  char    *path;
  guint64  size;
  gint64   used; /* modification time, ns */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->path);
  g_free (e);
}

static int
compare_used (gconstpointer a,
              gconstpointer b)
{
  const Entry *x = *(Entry **) a, *y = *(Entry **) b;

  return x->used < y->used ? -1 : x->used > y->used;
}

/* The snapshots in the cache, least recently used first. */
static GPtrArray *
list_snapshots (guint64 *total)
{
  g_autofree char *dirname = hk_snapshot_cache_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  const char *name;

  *total = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      Entry *e;
      struct stat st;
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, SUFFIX) || name[0] == '.')
        continue;
      path = g_build_filename (dirname, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      e = g_new0 (Entry, 1);
      e->path = g_steal_pointer (&path);
      e->size = st.st_size;
      e->used = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      *total += e->size;
      g_ptr_array_add (entries, e);
    }
  g_ptr_array_sort (entries, compare_used);
  return entries;
}

static void
trim_locked (guint64 limit)
{
  guint64 total;
  g_autoptr(GPtrArray) entries = list_snapshots (&total);

  for (guint i = 0; i < entries->len && total > limit; i++)
    {
      Entry *e = entries->pdata[i];

      g_debug ("Snapshot cache over %" G_GUINT64_FORMAT " bytes: removing %s", limit, e->path);
      if (g_unlink (e->path) == 0)
        total -= e->size;
    }
}

void
hk_snapshot_cache_trim (guint64 limit)
{
  g_mutex_lock (&cache_lock);
  trim_locked (limit);
  g_mutex_unlock (&cache_lock);
}

gboolean
hk_snapshot_cache_store (HkDataset     *ds,
                         GBytes        *prepared,
                         const char    *folder,
                         GVariant      *key,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *dir = hk_snapshot_cache_get_dir ();
  g_autofree char *path = hk_snapshot_cache_dup_path (folder);
  gint64 start = g_get_monotonic_time ();
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (HK_IS_DATASET (ds) && folder != NULL && key != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  g_mutex_lock (&cache_lock);
  ok = hk_snapshot_write (ds, key, prepared, path, hk_snapshot_cache_get_limit (), cancellable, &local_error);
  /* Too large for the limit: none written, the others kept under it. */
  if (ok || g_error_matches (local_error, HK_SNAPSHOT_ERROR, HK_SNAPSHOT_ERROR_TOO_LARGE))
    trim_locked (hk_snapshot_cache_get_limit ());
  g_mutex_unlock (&cache_lock);
  if (local_error)
    g_propagate_error (error, local_error);
  if (ok)
    g_debug ("Snapshot of %s written in %.3f s", folder, (g_get_monotonic_time () - start) / 1e6);
  return ok;
}

guint64
hk_snapshot_cache_get_size (void)
{
  guint64 total;

  g_ptr_array_unref (list_snapshots (&total));
  return total;
}

gboolean
hk_snapshot_cache_clear (GError **error)
{
  g_autofree char *dir = NULL;
  guint64 total;
  g_autoptr(GPtrArray) entries = NULL;

  g_mutex_lock (&cache_lock);
  /* A snapshot whose writer was killed may be as large as a whole one. */
  dir = hk_snapshot_cache_get_dir ();
  hk_file_writer_remove_stale (dir);
  entries = list_snapshots (&total);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = entries->pdata[i];

      if (g_unlink (e->path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", e->path, g_strerror (saved));
          g_mutex_unlock (&cache_lock);
          return FALSE;
        }
    }
  g_mutex_unlock (&cache_lock);
  return TRUE;
}

void
hk_snapshot_cache_set_limit (guint64 bytes)
{
  __atomic_store_n (&cache_limit, bytes, __ATOMIC_RELAXED);
}

guint64
hk_snapshot_cache_get_limit (void)
{
  return __atomic_load_n (&cache_limit, __ATOMIC_RELAXED);
}
