/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-window.h"

G_BEGIN_DECLS

/* The window's "win." actions (filters, search, import report, retry, …). */
void hk_window_actions_install (HkWindow *window);

G_END_DECLS
