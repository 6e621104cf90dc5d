/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hk-window.h"

G_BEGIN_DECLS

/* Connect to Database…: host, port, database, user, schema (remembered in
 * the settings; a password only for this connection, never stored: libpq
 * finds it in ~/.pgpass or a service file otherwise), a Test Connection
 * button, and Connect, which loads the database through the window's
 * session. */
void hk_db_dialog_show (HkWindow *window);

G_END_DECLS
