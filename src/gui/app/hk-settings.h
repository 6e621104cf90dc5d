/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The application's settings (schema APPLICATION_ID). With the schema
 * installed, the usual persistent settings (in_memory: FALSE) or default values
 * kept in memory (in_memory: TRUE). When the schema is not installed, or the
 * installed one lacks a key of this build, one line on stderr says so and the
 * settings use the schema built into the executable, in memory: they are
 * forgotten when the app quits, but the app runs. Never NULL. */
GSettings *hk_settings_new (gboolean in_memory);

G_END_DECLS
