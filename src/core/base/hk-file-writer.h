/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one way files are written (docs/summaries.md, "How files are written").
 *
 * Content goes to a temporary file ".NAME.hk-partial-XXXXXX" in the target's
 * folder, which is flushed, synced and then renamed over the target: a
 * failure, a cancellation or a kill never leaves part of a file under the
 * final name, and the previous file stays as it was until the rename. A
 * target that is a symbolic link is followed (a dangling one too): the file
 * it points to is replaced, and the link keeps pointing at the new file. A
 * hard link is not followed: the rename gives the name a new file, and the
 * other names of the old file keep the old content.
 *
 * A replaced file keeps its permissions (and its owner when we may set it);
 * a new one gets 0666 less the umask. A process holds a lock on its
 * temporaries while it lives; a write into a folder first removes the
 * temporaries there that no live process holds, left by a killed run. */
typedef struct _HkFileWriter HkFileWriter;

#define HK_FILE_PARTIAL_INFIX ".hk-partial-"

HkFileWriter *hk_file_writer_new      (const char    *path,
                                       GError       **error);
/* Errors are sticky: after one, writes fail at once with a copy of it. */
gboolean      hk_file_writer_write    (HkFileWriter  *writer,
                                       const void    *data,
                                       gsize          len,
                                       GError       **error);
/* Messages name the file and say what became of it ("… The file was left
 * as it was.", "… No file in “out” was changed.").
 *
 * Syncs the temporary file, then renames it over the target (for a member
 * of a set: only syncs it; the set renames it). On failure the target is as
 * it was and the temporary file is removed. */
gboolean      hk_file_writer_close    (HkFileWriter  *writer,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* The path as given, for messages. */
const char   *hk_file_writer_get_path (HkFileWriter  *writer);
/* A writer not closed successfully leaves the target as it was. Not for
 * members of a set, which the set frees. */
void          hk_file_writer_free     (HkFileWriter  *writer);
/* Removes the temporaries in folder that no live process holds: what a
 * killed run left. Every writer does this in its folder before it writes. */
void          hk_file_writer_remove_stale (const char *folder);
/* A file for scratch data, read and write, with no name in folder (made if
 * missing): it vanishes with its last descriptor or mapping, even after a
 * crash. -1 where the folder or its file system will not have one. */
int           hk_file_open_scratch    (const char    *folder);

/* Writes a whole file through a writer. */
gboolean      hk_file_set_contents    (const char    *path,
                                       const void    *data,
                                       gsize          len,
                                       GError       **error);

/* Files written into one folder as a whole: every member is written under a
 * temporary name, and only when all of them were closed successfully does
 * hk_file_set_commit() rename them into place. A folder that does not exist
 * is made as a temporary folder ".NAME.hk-partial-XXXXXX" next to it and
 * renamed into place in one step. Until the commit, a failure or a kill
 * changes no file; freeing an uncommitted set removes its temporaries. */
typedef struct _HkFileSet HkFileSet;

/* Makes the folder's parents if needed. */
HkFileSet    *hk_file_set_new         (const char    *folder,
                                       GError       **error);
/* A writer for folder/name, owned by the set; thread-safe. */
HkFileWriter *hk_file_set_add         (HkFileSet     *set,
                                       const char    *name,
                                       GError       **error);
/* Renames every member into place. Should a rename fail part way (a folder
 * where a file should be, a permission), the files already replaced are put
 * back and the message names the file, and any file it could not restore. */
gboolean      hk_file_set_commit      (HkFileSet     *set,
                                       GError       **error);
void          hk_file_set_free        (HkFileSet     *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkFileWriter, hk_file_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HkFileSet, hk_file_set_free)

G_END_DECLS
