/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hk-file-writer.h"

/* The part of a target's name kept in its temporary's name: with the dot,
 * the infix and the six random characters it stays under NAME_MAX (255). */
#define MAX_STEM 200
/* As the kernel's own limit on links followed in a path. */
#define MAX_LINK_HOPS 40
#define RANDOM_LEN 6

struct _HkFileWriter {
  char      *path;      /* as given, for messages */
  char      *target;    /* path with symbolic links followed */
  char      *temp;      /* the temporary file; NULL once renamed or removed */
  int        fd;        /* temp's, locked until renamed or removed; else -1 */
  gboolean   existed;   /* the target was there: it is replaced, not created */
  HkFileSet *set;       /* NULL for a lone file */
  gboolean   closed;    /* written and synced: ready to be renamed */
  GError    *error;     /* the first error, sticky */
};

struct _HkFileSet {
  char      *folder;       /* as given, for messages */
  char      *target;       /* folder with symbolic links followed */
  char      *temp_folder;  /* for a new folder: where the members are written */
  int        lock_fd;      /* temp_folder's, locked; -1 without one */
  GMutex     mutex;        /* members are added from several threads */
  GPtrArray *members;      /* HkFileWriter */
  gboolean   committed;
};

/* ------------------------------------------------------------------------ */
/* Paths and temporaries                                                    */

/* path with every symbolic link of its last component followed, as open()
 * would, also when the last link points nowhere yet; NULL (errno ELOOP) on
 * a loop. A relative link is relative to the folder holding it. */
static char *
follow_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops <= MAX_LINK_HOPS; hops++)
    {
      g_autofree char *link = NULL;
      struct stat st;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *folder = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (folder, link, NULL);
        }
    }
  errno = ELOOP;
  return NULL;
}

/* "FOLDER/.NAME.hk-partial-XXXXXX" for path FOLDER/NAME, NAME cut short
 * (at a character boundary) if long. */
static char *
partial_template (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *leaf = NULL;

  if (strlen (name) > MAX_STEM)
    {
      const char *end = name + MAX_STEM;

      while (end > name && ((guchar) *end & 0xC0) == 0x80)
        end--;
      name[end - name] = '\0';
    }
  leaf = g_strconcat (".", name, HK_FILE_PARTIAL_INFIX "XXXXXX", NULL);
  return g_build_filename (folder, leaf, NULL);
}

static gboolean
is_partial_name (const char *name)
{
  gsize len = strlen (name), infix = strlen (HK_FILE_PARTIAL_INFIX);

  return name[0] == '.' && len >= 1 + infix + RANDOM_LEN &&
         memcmp (name + len - RANDOM_LEN - infix, HK_FILE_PARTIAL_INFIX, infix) == 0;
}

/* Creates the file or folder tmpl names (its XXXXXX replaced) and returns
 * its descriptor, locked: the lock tells hk_file_writer_remove_stale() it is in use. A
 * hk_file_writer_remove_stale() elsewhere may have taken it between its creation and our
 * lock; then it is gone, and a new name is tried. */
static int
create_locked (char     *tmpl,
               gboolean  folder)
{
  gsize len = strlen (tmpl);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      struct stat st;
      int fd;

      memcpy (tmpl + len - RANDOM_LEN, "XXXXXX", RANDOM_LEN);
      if (folder)
        fd = g_mkdtemp_full (tmpl, 0777) == NULL ? -1
             : open (tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      else
        fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0666);
      if (fd < 0)
        return -1;
      /* A file system without locks: the file is not removed as stale. */
      if (flock (fd, LOCK_EX) != 0)
        return fd;
      if (fstat (fd, &st) == 0 && st.st_nlink > 0)
        return fd;
      close (fd);
    }
  errno = EEXIST;
  return -1;
}

/* A folder of ours: its files, then itself. */
static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

void
hk_file_writer_remove_stale (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st, now;
      int fd;

      if (!is_partial_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
      if (fd < 0)
        continue;
      /* Locked by us: no one else holds it, and it is still what the name
       * points to. */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &st) == 0 &&
          lstat (path, &now) == 0 && st.st_ino == now.st_ino && st.st_dev == now.st_dev)
        {
          g_debug ("Removing %s, left by an earlier run", path);
          if (S_ISDIR (st.st_mode))
            remove_folder (path);
          else if (S_ISREG (st.st_mode))
            g_unlink (path);
        }
      close (fd);
    }
}

/* So that a rename survives a crash of the system, not only of the program. */
static void
sync_folder_of (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */

static char *
set_outcome (HkFileSet *set)
{
  g_autofree char *shown = g_filename_display_name (set->folder);

  if (set->temp_folder != NULL)
    return g_strdup_printf (_("The folder “%s” was not created."), shown);
  return g_strdup_printf (_("No file in “%s” was changed."), shown);
}

static char *
writer_outcome (HkFileWriter *self)
{
  if (self->set != NULL)
    return set_outcome (self->set);
  return g_strdup (self->existed ? _("The file was left as it was.") : _("No file was created."));
}

/* Keeps the first error as "Could not write “PATH”: REASON. OUTCOME." and
 * gives a copy to error. */
static void
writer_fail (HkFileWriter  *self,
             int            code,
             const char    *reason,
             GError       **error)
{
  if (self->error == NULL)
    {
      g_autofree char *shown = g_filename_display_name (self->path);
      g_autofree char *outcome = writer_outcome (self);

      self->error = g_error_new (G_IO_ERROR, code, _("Could not write “%s”: %s. %s"),
                                 shown, reason, outcome);
    }
  if (error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
}

static void
writer_fail_errno (HkFileWriter  *self,
                   int            saved_errno,
                   GError       **error)
{
  writer_fail (self, g_io_error_from_errno (saved_errno), g_strerror (saved_errno), error);
}

/* ------------------------------------------------------------------------ */
/* One file                                                                 */

static void
writer_discard (HkFileWriter *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  if (self->temp != NULL)
    g_unlink (self->temp);
  g_clear_pointer (&self->temp, g_free);
}

static void
writer_free (gpointer data)
{
  HkFileWriter *self = data;

  writer_discard (self);
  g_free (self->path);
  g_free (self->target);
  g_clear_error (&self->error);
  g_free (self);
}

/* The writer, or NULL with the error set. name is the member's name in a
 * new folder of a set. */
static HkFileWriter *
writer_new (const char  *path,
            HkFileSet   *set,
            const char  *name,
            GError     **error)
{
  HkFileWriter *self = g_new0 (HkFileWriter, 1);
  struct stat st;

  self->path = g_strdup (path);
  self->fd = -1;
  self->set = set;

  if (set != NULL && set->temp_folder != NULL)
    {
      /* The whole folder is temporary: members have their own names in it. */
      self->temp = g_build_filename (set->temp_folder, name, NULL);
      self->target = g_build_filename (set->target, name, NULL);
      self->fd = open (self->temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (self->fd < 0)
        {
          int saved = errno;

          g_clear_pointer (&self->temp, g_free);
          writer_fail_errno (self, saved, error);
          writer_free (self);
          return NULL;
        }
      return self;
    }

  self->target = follow_links (path);
  if (self->target == NULL)
    {
      writer_fail_errno (self, errno, error);
      writer_free (self);
      return NULL;
    }
  if (stat (self->target, &st) == 0)
    {
      self->existed = TRUE;
      if (S_ISDIR (st.st_mode))
        {
          writer_fail_errno (self, EISDIR, error);
          writer_free (self);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        {
          writer_fail (self, G_IO_ERROR_NOT_REGULAR_FILE, _("it is not a regular file"), error);
          writer_free (self);
          return NULL;
        }
    }

  if (set == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (self->target);

      hk_file_writer_remove_stale (folder);
    }
  self->temp = partial_template (self->target);
  self->fd = create_locked (self->temp, FALSE);
  if (self->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->temp, g_free);
      writer_fail_errno (self, saved, error);
      writer_free (self);
      return NULL;
    }
  if (self->existed)
    {
      fchmod (self->fd, st.st_mode & 07777);
      /* Only root may give a file away: otherwise it becomes ours. */
      if (fchown (self->fd, st.st_uid, st.st_gid) != 0)
        g_debug ("%s: keeping our own owner", path);
    }
  return self;
}

HkFileWriter *
hk_file_writer_new (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return writer_new (path, NULL, NULL, error);
}

gboolean
hk_file_writer_write (HkFileWriter  *writer,
                      const void    *data,
                      gsize          len,
                      GError       **error)
{
  const char *p = data;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->closed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer->error != NULL)
    {
      g_propagate_error (error, g_error_copy (writer->error));
      return FALSE;
    }
  while (len > 0)
    {
      gssize n = write (writer->fd, p, MIN (len, G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          writer_fail_errno (writer, n < 0 ? errno : ENOSPC, error);
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
hk_file_writer_close (HkFileWriter  *writer,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->closed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer->error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &writer->error);
  /* Synced before the rename: otherwise a crash of the system could leave
   * the new name on a file whose content never reached the disk. The file
   * stays open, and so locked, until renamed: closing it would let another
   * run take it for a killed run's. */
  if (writer->error == NULL && fsync (writer->fd) != 0)
    writer_fail_errno (writer, errno, NULL);

  if (writer->error == NULL && writer->set == NULL)
    {
      if (rename (writer->temp, writer->target) == 0)
        {
          g_clear_pointer (&writer->temp, g_free);
          close (writer->fd);
          writer->fd = -1;
          sync_folder_of (writer->target);
        }
      else
        writer_fail_errno (writer, errno, NULL);
    }

  if (writer->error != NULL)
    {
      writer_discard (writer);
      g_propagate_error (error, g_error_copy (writer->error));
      return FALSE;
    }
  writer->closed = TRUE;
  return TRUE;
}

const char *
hk_file_writer_get_path (HkFileWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);

  return writer->path;
}

void
hk_file_writer_free (HkFileWriter *writer)
{
  if (writer == NULL)
    return;
  g_return_if_fail (writer->set == NULL);

  writer_free (writer);
}

gboolean
hk_file_set_contents (const char  *path,
                      const void  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(HkFileWriter) writer = hk_file_writer_new (path, error);

  return writer != NULL &&
         hk_file_writer_write (writer, data, len, error) &&
         hk_file_writer_close (writer, NULL, error);
}

/* ------------------------------------------------------------------------ */
/* A set of files                                                           */

static void
set_fail_errno (GError     **error,
                const char  *format,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), format,
               shown, g_strerror (saved_errno));
}

HkFileSet *
hk_file_set_new (const char  *folder,
                 GError     **error)
{
  g_autoptr(HkFileSet) set = NULL;
  g_autofree char *parent = NULL;
  struct stat st;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  set = g_new0 (HkFileSet, 1);
  set->folder = g_strdup (folder);
  set->lock_fd = -1;
  g_mutex_init (&set->mutex);
  set->members = g_ptr_array_new_with_free_func (writer_free);

  /* "out/" names the folder "out", not something inside it. */
  {
    g_autofree char *trimmed = g_strdup (folder);
    gsize len = strlen (trimmed);

    while (len > 1 && G_IS_DIR_SEPARATOR (trimmed[len - 1]))
      trimmed[--len] = '\0';
    set->target = follow_links (trimmed);
  }
  if (set->target == NULL)
    {
      set_fail_errno (error, _("Could not write into the folder “%s”: %s"), folder, errno);
      return NULL;
    }
  if (stat (set->target, &st) == 0)
    {
      if (!S_ISDIR (st.st_mode))
        {
          set_fail_errno (error, _("Could not write into the folder “%s”: %s"), folder, ENOTDIR);
          return NULL;
        }
      hk_file_writer_remove_stale (set->target);
      return g_steal_pointer (&set);
    }

  /* A new folder appears whole: written as a temporary folder beside it. */
  parent = g_path_get_dirname (set->target);
  if (g_mkdir_with_parents (parent, 0777) != 0)
    {
      set_fail_errno (error, _("Cannot create the folder “%s”: %s"), parent, errno);
      return NULL;
    }
  hk_file_writer_remove_stale (parent);
  set->temp_folder = partial_template (set->target);
  set->lock_fd = create_locked (set->temp_folder, TRUE);
  if (set->lock_fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&set->temp_folder, g_free);
      set_fail_errno (error, _("Cannot create the folder “%s”: %s"), folder, saved);
      return NULL;
    }
  return g_steal_pointer (&set);
}

HkFileWriter *
hk_file_set_add (HkFileSet   *set,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *path = NULL;
  HkFileWriter *writer;

  g_return_val_if_fail (set != NULL && !set->committed, NULL);
  g_return_val_if_fail (name != NULL && strchr (name, G_DIR_SEPARATOR) == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (set->folder, name, NULL);
  g_mutex_lock (&set->mutex);
  writer = writer_new (path, set, name, error);
  if (writer != NULL)
    g_ptr_array_add (set->members, writer);
  g_mutex_unlock (&set->mutex);
  return writer;
}

/* A second name for the file at path, to put it back with should a later
 * rename fail; NULL where hard links cannot be made. Between the link and
 * its removal (one rename) a hk_file_writer_remove_stale() elsewhere could take it: then
 * only that putting back would fail, and the message would say so. */
static char *
link_backup (const char *path)
{
  g_autofree char *name = partial_template (path);
  gsize len = strlen (name);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

      for (guint i = 0; i < RANDOM_LEN; i++)
        name[len - RANDOM_LEN + i] = chars[g_random_int_range (0, sizeof chars - 1)];
      if (link (path, name) == 0)
        return g_steal_pointer (&name);
      if (errno != EEXIST)
        return NULL;
    }
  return NULL;
}

/* Renames the members one by one; on a failure puts back those already
 * renamed. */
static gboolean
commit_members (HkFileSet  *set,
                GError    **error)
{
  guint n = set->members->len, done;
  g_autofree char **backups = g_new0 (char *, n + 1);
  g_autoptr(GString) kept_new = NULL;
  g_autofree char *failed = NULL, *folder = NULL, *outcome = NULL;
  int saved = 0;

  for (done = 0; done < n; done++)
    {
      HkFileWriter *m = set->members->pdata[done];

      if (m->existed)
        backups[done] = link_backup (m->target);
      if (rename (m->temp, m->target) != 0)
        {
          saved = errno;
          break;
        }
      g_clear_pointer (&m->temp, g_free);
    }

  if (done == n)
    {
      g_autofree char *synced = NULL;

      for (guint i = 0; i < n; i++)
        {
          HkFileWriter *m = set->members->pdata[i];
          g_autofree char *parent = g_path_get_dirname (m->target);

          close (m->fd);
          m->fd = -1;
          /* Members are usually all in one folder: synced once. */
          if (g_strcmp0 (parent, synced) != 0)
            {
              sync_folder_of (m->target);
              g_free (synced);
              synced = g_steal_pointer (&parent);
            }
          if (backups[i] != NULL)
            g_unlink (backups[i]);
          g_free (backups[i]);
        }
      return TRUE;
    }

  /* Every file as it was, as far as possible. */
  kept_new = g_string_new (NULL);
  if (backups[done] != NULL)
    g_unlink (backups[done]);
  g_clear_pointer (&backups[done], g_free);
  for (guint i = 0; i < done; i++)
    {
      HkFileWriter *m = set->members->pdata[i];
      gboolean restored = backups[i] != NULL ? rename (backups[i], m->target) == 0
                                             : !m->existed && g_unlink (m->target) == 0;

      if (!restored)
        {
          g_autofree char *shown = g_filename_display_name (m->path);

          if (backups[i] != NULL)
            g_unlink (backups[i]);
          g_string_append_printf (kept_new, "%s“%s”", kept_new->len ? ", " : "", shown);
        }
      g_free (backups[i]);
    }
  sync_folder_of (((HkFileWriter *) set->members->pdata[0])->target);

  failed = g_filename_display_name (((HkFileWriter *) set->members->pdata[done])->path);
  folder = g_filename_display_name (set->folder);
  if (kept_new->len == 0)
    outcome = set_outcome (set);
  else
    outcome = g_strdup_printf (_("These files could not be put back and are new: %s; every other file in “%s” is as it was."),
                               kept_new->str, folder);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s. %s"),
               failed, g_strerror (saved), outcome);
  return FALSE;
}

gboolean
hk_file_set_commit (HkFileSet  *set,
                    GError    **error)
{
  g_return_val_if_fail (set != NULL && !set->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < set->members->len; i++)
    g_return_val_if_fail (((HkFileWriter *) set->members->pdata[i])->closed, FALSE);

  if (set->temp_folder != NULL)
    {
      g_autofree char *shown = NULL;
      int saved;

      /* The members were synced; now their names in the folder. */
      fsync (set->lock_fd);
      if (rename (set->temp_folder, set->target) == 0)
        {
          for (guint i = 0; i < set->members->len; i++)
            {
              HkFileWriter *m = set->members->pdata[i];

              g_clear_pointer (&m->temp, g_free);
              close (m->fd);
              m->fd = -1;
            }
          g_clear_pointer (&set->temp_folder, g_free);
          sync_folder_of (set->target);
          set->committed = TRUE;
          return TRUE;
        }
      saved = errno;
      shown = g_filename_display_name (set->folder);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), shown, g_strerror (saved));
      return FALSE;
    }

  if (set->members->len == 0 || commit_members (set, error))
    {
      set->committed = TRUE;
      return TRUE;
    }
  return FALSE;
}

void
hk_file_set_free (HkFileSet *set)
{
  if (set == NULL)
    return;

  /* Members first: they may live in the temporary folder. */
  g_clear_pointer (&set->members, g_ptr_array_unref);
  if (set->temp_folder != NULL)
    remove_folder (set->temp_folder);
  if (set->lock_fd >= 0)
    close (set->lock_fd);
  g_mutex_clear (&set->mutex);
  g_free (set->folder);
  g_free (set->target);
  g_free (set->temp_folder);
  g_free (set);
}

int
hk_file_open_scratch (const char *folder)
{
  g_autofree char *path = NULL;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return -1;
#ifdef O_TMPFILE
  fd = open (folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0)
    return fd;
#endif
  /* A name removed at once where the file system has no O_TMPFILE. */
  path = g_build_filename (folder, "scratch-XXXXXX", NULL);
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0)
    g_unlink (path);
  return fd;
}
