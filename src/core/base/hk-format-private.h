/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-format.h"

G_BEGIN_DECLS

/* The built-in knowledge hk_number_format_for_locale() falls back on when a
 * locale is not installed: "*_IN" groups in lakhs and crores with ',' and
 * '.'; C and POSIX (NULL and "" too) do not group; anything else reads like
 * en_US. Separate so that tests can hold the installed path against it. */
void hk_number_format_builtin (HkNumberFormat *format,
                               const char     *locale);

G_END_DECLS
