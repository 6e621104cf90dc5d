/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-simulator.h"
#include "hk-source.h"

G_BEGIN_DECLS

/* The simulated dataset (DESIGN.md §4), generated straight into the builder. */
#define HK_TYPE_SIMULATOR_SOURCE (hk_simulator_source_get_type ())
G_DECLARE_FINAL_TYPE (HkSimulatorSource, hk_simulator_source, HK, SIMULATOR_SOURCE, GObject)

/* options: copied; NULL for the demo's (hk_simulator_options_init()). */
HkSource *hk_simulator_source_new (const HkSimulatorOptions *options);
/* The truth planted by the last successful fill; NULL before one. Not to be
 * called while a fill runs. */
const HkSimulationTruth *hk_simulator_source_get_truth (HkSimulatorSource *self);

G_END_DECLS
