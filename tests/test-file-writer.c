/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one writer path (hk-file-writer.h): a file is replaced whole or not at
 * all, links are followed, a set is all or nothing, and what a killed run
 * leaves is removed by the next. A full disk is a file-size limit
 * (RLIMIT_FSIZE, SIGXFSZ ignored) in a forked child: no root needed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hk-file-writer.h"

static char *tmp_dir;

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmp_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

static void
put (const char *dir,
     const char *name,
     const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static char *
get (const char *dir,
     const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names in dir, sorted, space-separated; hidden ones too. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static guint
count_partials (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += strstr (name, HK_FILE_PARTIAL_INFIX) != NULL;
  return n;
}

static void
limit_file_size (rlim_t bytes)
{
  struct rlimit limit = { bytes, bytes };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* 1 MiB of text. */
static char *
big_text (void)
{
  char *text = g_malloc (1024 * 1024 + 1);

  memset (text, 'x', 1024 * 1024);
  text[1024 * 1024] = '\0';
  return text;
}

static void
test_replace (void)
{
  g_autofree char *dir = make_dir ("replace");
  g_autofree char *path = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *contents = NULL, *listing = NULL;
  g_autoptr(GError) error = NULL;
  HkFileWriter *writer;
  struct stat st;

  /* Created with 0666 less the umask, like any new file. */
  g_assert_true (hk_file_set_contents (path, "one\n", 4, &error));
  g_assert_no_error (error);
  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "one\n");
  g_assert_cmpint (g_chmod (path, 0604), ==, 0);

  /* Until it is closed, the old file is what the name shows. */
  writer = hk_file_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (hk_file_writer_write (writer, "two\n", 4, &error));
  g_clear_pointer (&contents, g_free);
  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "one\n");
  g_assert_cmpuint (count_partials (dir), ==, 1);
  g_assert_true (hk_file_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  hk_file_writer_free (writer);
  g_clear_pointer (&contents, g_free);
  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "two\n");
  /* The permissions stay. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0604);

  /* Freed unclosed: nothing changes, nothing is left. */
  writer = hk_file_writer_new (path, &error);
  hk_file_writer_write (writer, "three\n", 6, &error);
  hk_file_writer_free (writer);
  g_clear_pointer (&contents, g_free);
  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "two\n");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a.csv");

  /* A folder, or a missing one, is an error naming the file. */
  g_assert_false (hk_file_set_contents (dir, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  {
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "b.csv", NULL);

    g_assert_false (hk_file_set_contents (missing, "x", 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "no-such-folder/b.csv"));
    g_assert_nonnull (strstr (error->message, "No file was created"));
  }
}

/* out/a.csv -> ../victim.csv: victim.csv is replaced, the link stays a link. */
static void
test_symlink (void)
{
  g_autofree char *dir = make_dir ("symlink");
  g_autofree char *out = make_dir ("symlink/out");
  g_autofree char *link = g_build_filename (out, "a.csv", NULL);
  g_autofree char *dangling = g_build_filename (out, "b.csv", NULL);
  g_autofree char *chain = g_build_filename (out, "c.csv", NULL);
  g_autofree char *loop = g_build_filename (out, "loop.csv", NULL);
  g_autofree char *contents = NULL, *target = NULL, *listing = NULL;
  g_autoptr(GError) error = NULL;

  put (dir, "victim.csv", "old\n");
  g_assert_cmpint (symlink ("../victim.csv", link), ==, 0);
  g_assert_true (hk_file_set_contents (link, "new\n", 4, &error));
  g_assert_no_error (error);
  contents = get (dir, "victim.csv");
  g_assert_cmpstr (contents, ==, "new\n");
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "../victim.csv");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "out victim.csv");
  g_clear_pointer (&listing, g_free);

  /* A link to a link, relative to each one's folder. */
  g_assert_cmpint (symlink ("a.csv", chain), ==, 0);
  g_assert_true (hk_file_set_contents (chain, "chained\n", 8, &error));
  g_clear_pointer (&contents, g_free);
  contents = get (dir, "victim.csv");
  g_assert_cmpstr (contents, ==, "chained\n");

  /* A dangling link: its target is created. */
  g_assert_cmpint (symlink ("../made.csv", dangling), ==, 0);
  g_assert_true (hk_file_set_contents (dangling, "made\n", 5, &error));
  g_clear_pointer (&contents, g_free);
  contents = get (dir, "made.csv");
  g_assert_cmpstr (contents, ==, "made\n");
  g_clear_pointer (&target, g_free);
  target = g_file_read_link (dangling, NULL);
  g_assert_cmpstr (target, ==, "../made.csv");

  /* A loop is an error. */
  g_assert_cmpint (symlink ("loop.csv", loop), ==, 0);
  g_assert_false (hk_file_set_contents (loop, "x", 1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "loop.csv"));
  g_clear_error (&error);

  listing = list_dir (out);
  g_assert_cmpstr (listing, ==, "a.csv b.csv c.csv loop.csv");
}

/* A hard link is not followed: the name gets a new file, the other names
 * keep the old one (as documented). */
static void
test_hard_link (void)
{
  g_autofree char *dir = make_dir ("hard-link");
  g_autofree char *a = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *b = g_build_filename (dir, "b.csv", NULL);
  g_autofree char *ca = NULL, *cb = NULL;
  g_autoptr(GError) error = NULL;

  put (dir, "a.csv", "old\n");
  g_assert_cmpint (link (a, b), ==, 0);
  g_assert_true (hk_file_set_contents (a, "new\n", 4, &error));
  g_assert_no_error (error);
  ca = get (dir, "a.csv");
  cb = get (dir, "b.csv");
  g_assert_cmpstr (ca, ==, "new\n");
  g_assert_cmpstr (cb, ==, "old\n");
}

/* A full disk, as a file-size limit: the old file stays whole, a new one
 * never appears, no temporary is left, and the message says so. */
static void
test_full_disk (void)
{
  g_autofree char *dir = NULL, *old_path = NULL, *new_path = NULL, *link_path = NULL;
  g_autofree char *contents = NULL, *listing = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *text = big_text ();
      g_autoptr(GError) error = NULL;

      dir = g_strdup (g_getenv ("HK_TEST_DIR"));
      old_path = g_build_filename (dir, "old.json", NULL);
      new_path = g_build_filename (dir, "new.json", NULL);
      link_path = g_build_filename (dir, "link.json", NULL);
      limit_file_size (64 * 1024);

      g_assert_false (hk_file_set_contents (old_path, text, strlen (text), &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, old_path));
      g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
      g_assert_nonnull (strstr (error->message, "The file was left as it was"));
      g_clear_error (&error);
      g_assert_false (hk_file_set_contents (new_path, text, strlen (text), &error));
      g_assert_nonnull (strstr (error->message, "No file was created"));
      g_clear_error (&error);
      g_assert_false (hk_file_set_contents (link_path, text, strlen (text), &error));
      g_clear_error (&error);
      return;
    }

  dir = make_dir ("full-disk");
  put (dir, "old.json", "[\"old\"]\n");
  put (dir, "victim.json", "[\"victim\"]\n");
  link_path = g_build_filename (dir, "link.json", NULL);
  g_assert_cmpint (symlink ("victim.json", link_path), ==, 0);
  g_setenv ("HK_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  contents = get (dir, "old.json");
  g_assert_cmpstr (contents, ==, "[\"old\"]\n");
  g_clear_pointer (&contents, g_free);
  contents = get (dir, "victim.json");
  g_assert_cmpstr (contents, ==, "[\"victim\"]\n");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "link.json old.json victim.json");
}

/* Writes the set {a, b, c} into folder, c too big for the limit in the
 * child. */
static gboolean
write_set (const char  *folder,
           const char  *c_contents,
           GError     **error)
{
  g_autoptr(HkFileSet) set = hk_file_set_new (folder, error);
  const char *names[] = { "a.csv", "b.csv", "c.csv" };
  const char *contents[] = { "new a\n", "new b\n", c_contents };

  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      HkFileWriter *w = hk_file_set_add (set, names[i], error);

      if (w == NULL || !hk_file_writer_write (w, contents[i], strlen (contents[i]), error) ||
          !hk_file_writer_close (w, NULL, error))
        return FALSE;
    }
  return hk_file_set_commit (set, error);
}

/* A set is all or nothing: a full disk on its last member keeps every old
 * file, into an existing folder and into a new one. */
static void
test_set_full_disk (void)
{
  g_autofree char *dir = NULL, *existing = NULL, *fresh = NULL;
  g_autofree char *listing = NULL, *contents = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *text = big_text ();
      g_autoptr(GError) error = NULL;

      dir = g_strdup (g_getenv ("HK_TEST_DIR"));
      existing = g_build_filename (dir, "existing", NULL);
      fresh = g_build_filename (dir, "fresh", "out", NULL);
      limit_file_size (64 * 1024);

      g_assert_false (write_set (existing, text, &error));
      g_assert_nonnull (strstr (error->message, "existing/c.csv"));
      g_assert_nonnull (strstr (error->message, "No file in"));
      g_clear_error (&error);
      g_assert_false (write_set (fresh, text, &error));
      g_assert_nonnull (strstr (error->message, "out/c.csv"));
      g_assert_nonnull (strstr (error->message, "was not created"));
      return;
    }

  dir = make_dir ("set-full-disk");
  existing = make_dir ("set-full-disk/existing");
  put (existing, "a.csv", "old a\n");
  put (existing, "c.csv", "old c\n");
  g_setenv ("HK_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  listing = list_dir (existing);
  g_assert_cmpstr (listing, ==, "a.csv c.csv");
  contents = get (existing, "a.csv");
  g_assert_cmpstr (contents, ==, "old a\n");
  g_clear_pointer (&contents, g_free);
  contents = get (existing, "c.csv");
  g_assert_cmpstr (contents, ==, "old c\n");
  /* The new folder's parents were made; the folder itself never appeared. */
  g_clear_pointer (&listing, g_free);
  fresh = g_build_filename (dir, "fresh", NULL);
  listing = list_dir (fresh);
  g_assert_cmpstr (listing, ==, "");

  /* Without the limit, both sets are written whole. */
  g_clear_pointer (&fresh, g_free);
  fresh = g_build_filename (dir, "fresh", "out", NULL);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (write_set (existing, "new c\n", &error));
    g_assert_no_error (error);
    g_assert_true (write_set (fresh, "new c\n", &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&listing, g_free);
  listing = list_dir (fresh);
  g_assert_cmpstr (listing, ==, "a.csv b.csv c.csv");
  g_clear_pointer (&contents, g_free);
  contents = get (existing, "c.csv");
  g_assert_cmpstr (contents, ==, "new c\n");

  /* "slash/" names the folder "slash". */
  {
    g_autofree char *slash = g_build_filename (dir, "slash/", NULL);
    g_autofree char *folder = g_build_filename (dir, "slash", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_str_has_suffix (slash, "/"));
    g_assert_true (write_set (slash, "c\n", &error));
    g_assert_no_error (error);
    g_clear_pointer (&listing, g_free);
    listing = list_dir (folder);
    g_assert_cmpstr (listing, ==, "a.csv b.csv c.csv");
    g_clear_pointer (&listing, g_free);
    listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "existing fresh slash");
  }
}

/* A rename that fails part way (a folder took a member's name) puts back
 * the files already replaced and removes those already created. */
static void
test_set_rollback (void)
{
  g_autofree char *dir = make_dir ("set-rollback");
  g_autofree char *blocker = g_build_filename (dir, "c.csv", NULL);
  g_autoptr(HkFileSet) set = hk_file_set_new (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL, *contents = NULL;
  const char *names[] = { "a.csv", "b.csv", "c.csv" };

  put (dir, "a.csv", "old a\n");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      HkFileWriter *w = hk_file_set_add (set, names[i], &error);

      g_assert_no_error (error);
      g_assert_true (hk_file_writer_write (w, "new\n", 4, &error));
      g_assert_true (hk_file_writer_close (w, NULL, &error));
    }
  g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
  g_assert_false (hk_file_set_commit (set, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "c.csv"));
  g_assert_nonnull (strstr (error->message, "No file in"));
  g_clear_pointer (&set, hk_file_set_free);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a.csv c.csv");
  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "old a\n");
}

/* Leftovers of a killed run carry the infix; the next write there removes
 * those that no live writer holds. */
static void
test_stale (void)
{
  g_autofree char *dir = make_dir ("stale");
  g_autofree char *stale_dir = g_build_filename (dir, ".out.hk-partial-AbC123", NULL);
  g_autofree char *live = g_build_filename (dir, ".b.csv.hk-partial-Live01", NULL);
  g_autofree char *path = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  put (dir, ".a.csv.hk-partial-x1y2z3", "cut off");
  put (dir, ".hidden", "not ours");
  put (dir, "a.csv.hk-partial-x1y2z3", "not ours: no leading dot");
  g_assert_cmpint (g_mkdir (stale_dir, 0755), ==, 0);
  put (stale_dir, "tracking_data.csv", "cut off");
  /* Held by a live writer (here: this process, through another open file). */
  put (dir, ".b.csv.hk-partial-Live01", "being written");
  fd = open (live, O_RDONLY);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (hk_file_set_contents (path, "a\n", 2, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, ".b.csv.hk-partial-Live01 .hidden a.csv a.csv.hk-partial-x1y2z3");
  close (fd);
}

/* A set's members wait, written, for the commit: another writer in the
 * folder meanwhile must not take them for a killed run's leftovers. */
static void
test_live_set (void)
{
  g_autofree char *dir = make_dir ("live-set");
  g_autofree char *other = g_build_filename (dir, "other.csv", NULL);
  g_autofree char *listing = NULL, *contents = NULL;
  g_autoptr(HkFileSet) set = hk_file_set_new (dir, NULL);
  g_autoptr(GError) error = NULL;
  HkFileWriter *w = hk_file_set_add (set, "a.csv", &error);

  g_assert_no_error (error);
  g_assert_true (hk_file_writer_write (w, "a\n", 2, &error));
  g_assert_true (hk_file_writer_close (w, NULL, &error));
  g_assert_true (hk_file_set_contents (other, "other\n", 6, &error));
  g_assert_no_error (error);
  g_assert_true (hk_file_set_commit (set, &error));
  g_assert_no_error (error);
  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "a\n");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a.csv other.csv");
}

/* kill -9 mid-write: the target and the folder are as they were, and the
 * next run removes the leftovers. */
static void
test_killed (void)
{
  g_autofree char *dir = make_dir ("killed");
  g_autofree char *path = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh", NULL);
  g_autofree char *listing = NULL, *contents = NULL;
  g_autoptr(GError) error = NULL;
  int ready[2];
  pid_t pid;
  int status;
  char c;

  put (dir, "a.csv", "old\n");
  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      HkFileWriter *w = hk_file_writer_new (path, NULL);
      HkFileSet *set = hk_file_set_new (fresh, NULL);
      HkFileWriter *member = hk_file_set_add (set, "tracking_data.csv", NULL);

      hk_file_writer_write (w, "half a ro", 9, NULL);
      hk_file_writer_write (member, "half a ro", 9, NULL);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      for (;;)
        pause ();
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  contents = get (dir, "a.csv");
  g_assert_cmpstr (contents, ==, "old\n");
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_partials (dir), ==, 2);

  g_assert_true (hk_file_set_contents (path, "new\n", 4, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a.csv");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_test_subprocess ())
    tmp_dir = g_strdup (g_getenv ("HK_TEST_DIR"));
  else
    {
      tmp_dir = g_dir_make_tmp ("hk-file-writer-XXXXXX", &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/file-writer/replace", test_replace);
  g_test_add_func ("/file-writer/symlink", test_symlink);
  g_test_add_func ("/file-writer/hard-link", test_hard_link);
  g_test_add_func ("/file-writer/full-disk", test_full_disk);
  g_test_add_func ("/file-writer/set-full-disk", test_set_full_disk);
  g_test_add_func ("/file-writer/set-rollback", test_set_rollback);
  g_test_add_func ("/file-writer/stale", test_stale);
  g_test_add_func ("/file-writer/live-set", test_live_set);
  g_test_add_func ("/file-writer/killed", test_killed);

  status = g_test_run ();
  if (!g_test_subprocess ())
    remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
