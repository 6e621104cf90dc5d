/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <errno.h>
#include <stdlib.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hk-file-writer.h"
#include "hk-settings.h"

/* The schema compiled by data/meson.build, in the executable's GResource. */
#define BUNDLED_SCHEMA_RESOURCE "/com/healthkart/InfluencerDashboard/gschemas.compiled"

/* GSettings reads compiled schemas only from a directory: write the bundled
 * file into a private temporary one and map it from there. The mapping
 * outlives the file, so the directory is removed at once. */
static GSettingsSchemaSource *
load_bundled_source_in (const char  *parent,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *template = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GSettingsSchemaSource *source = NULL;

  bytes = g_resources_lookup_data (BUNDLED_SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  template = g_build_filename (parent, "influencer-dashboard-schema-XXXXXX", NULL);
  dir = g_mkdtemp (template) != NULL ? g_steal_pointer (&template) : NULL;
  if (dir == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", parent, g_strerror (saved_errno));
      return NULL;
    }
  file = g_build_filename (dir, "gschemas.compiled", NULL);
  if (hk_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, error);
  g_unlink (file);
  g_rmdir (dir);
  return source;
}

static GSettingsSchema *
lookup_bundled_schema (GError **error)
{
  const char *parents[] = { g_get_tmp_dir (), g_get_user_runtime_dir (), g_get_user_cache_dir () };
  g_autoptr(GSettingsSchemaSource) source = NULL;

  for (guint i = 0; source == NULL && i < G_N_ELEMENTS (parents); i++)
    {
      g_clear_error (error);
      source = load_bundled_source_in (parents[i], error);
    }
  if (source == NULL)
    return NULL;
  return g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
}

/* The first key of the bundled schema that the installed one lacks, if any:
 * a schema left by an older install would abort on that key's first use. */
static char *
find_missing_key (GSettingsSchema *installed,
                  GSettingsSchema *bundled)
{
  g_auto(GStrv) keys = g_settings_schema_list_keys (bundled);

  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_settings_schema_has_key (installed, keys[i]))
      return g_strdup (keys[i]);
  return NULL;
}

static GSettings *
new_in_memory (GSettingsSchema *schema)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_full (schema, backend, NULL);
}

GSettings *
hk_settings_new (gboolean in_memory)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) installed = NULL;
  g_autoptr(GSettingsSchema) bundled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_key = NULL;

  if (source != NULL)
    installed = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  bundled = lookup_bundled_schema (&error);

  if (installed != NULL && bundled != NULL)
    missing_key = find_missing_key (installed, bundled);
  if (installed != NULL && missing_key == NULL)
    return in_memory ? new_in_memory (installed) : g_settings_new_full (installed, NULL, NULL);

  if (installed == NULL)
    g_printerr (_("Settings schema %s is not installed: settings are kept in memory and forgotten on quit\n"),
                APPLICATION_ID);
  else
    g_printerr (_("The installed settings schema %s has no key “%s”: settings are kept in memory and forgotten on quit\n"),
                APPLICATION_ID, missing_key);

  if (bundled == NULL)
    {
      /* No folder to unpack it in: nothing left to run with. */
      g_printerr (_("The settings schema built into the app could not be read either: %s\n"), error->message);
      exit (EXIT_FAILURE);
    }
  return new_in_memory (bundled);
}
