/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* influencer-report chart DIR --kind KIND --out FILE.png|svg|pdf
 *   [--width W --height H --scale S --dark --smooth N --target ROAS --log --top N] [filters]
 * Exit status: 0 written, 1 data unreadable or the file could not be written,
 * 2 bad usage. */
int hk_cli_chart (int argc, char **argv);

G_END_DECLS
