/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <locale.h>
#include <signal.h>

#include <glib/gi18n.h>

#include "hk-application.h"
#include "hk-big.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HkApplication) app = NULL;
  int status;

  /* Before the application is made: its option texts are translated then. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  hk_big_tune_heap ();
  /* Over a file size limit (ulimit -f) a write fails with EFBIG, which every
   * writer reports, instead of killing the program before it has written
   * its results (a snapshot is large and written beside them). */
  signal (SIGXFSZ, SIG_IGN);

  app = hk_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : hk_application_get_exit_status (app);
}
