/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What to do about a failed export, in words for the user: shown after the
 * writer's own message, which names the file and what became of it. */
const char *hk_export_advice (const GError *error);

G_END_DECLS
