/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Database passwords the user asked to remember, in the desktop keyring
 * (libsecret), keyed by host, port, database and user: never in settings.
 * Without a keyring (no Secret Service on the session bus) lookups find
 * nothing and storing fails with a message. */
void   hk_keyring_store_async    (const char          *location,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean hk_keyring_store_finish (GAsyncResult        *result,
                                  GError             **error);
void   hk_keyring_forget         (const char          *location);
void   hk_keyring_lookup_async   (const char          *location,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The password, or NULL when none is kept (or no keyring answers). */
char  *hk_keyring_lookup_finish  (GAsyncResult        *result);

G_END_DECLS
