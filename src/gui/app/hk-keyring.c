/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "hk-keyring.h"
#include "hk-pg-source.h"

static const char *const keys[] = { "host", "port", "dbname", "user" };

static const SecretSchema *
database_schema (void)
{
  static const SecretSchema schema = {
    "com.healthkart.InfluencerDashboard.Database", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Every key present, empty when the location leaves it to libpq's default,
 * so that a password kept for "localhost" is not found for another host. */
static GHashTable *
attributes_of (const char *location)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      char *value = hk_pg_location_get (location, keys[k]);

      g_hash_table_insert (attributes, (gpointer) keys[k], value ? value : g_strdup (""));
    }
  return attributes;
}

void
hk_keyring_store_async (const char          *location,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = attributes_of (location);
  g_autofree char *where = hk_pg_location_describe (location);
  /* Translators: the keyring item's label, e.g. "Influencer Dashboard: analyst@db:5432/marketing" */
  g_autofree char *label = g_strdup_printf (_("Influencer Dashboard: %s"), where);

  secret_password_storev (database_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, password,
                          cancellable, callback, user_data);
}

gboolean
hk_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return secret_password_store_finish (result, error);
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error)
    g_debug ("keyring: %s", error->message);
}

void
hk_keyring_forget (const char *location)
{
  g_autoptr(GHashTable) attributes = attributes_of (location);

  secret_password_clearv (database_schema (), attributes, NULL, on_forgotten, NULL);
}

void
hk_keyring_lookup_async (const char          *location,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = attributes_of (location);

  secret_password_lookupv (database_schema (), attributes, cancellable, callback, user_data);
}

char *
hk_keyring_lookup_finish (GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);
  char *password;

  if (secret == NULL)
    {
      if (error)
        g_debug ("keyring: %s", error->message);
      return NULL;
    }
  /* libsecret's copy is wiped when freed; ours joins a connection string. */
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}
