/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCli"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "hk-cli.h"
#include "hk-pg-source.h"

/* ------------------------------------------------------------------------ */
/* load-db                                                                  */

static void
print_progress (double   fraction,
                gpointer data)
{
  if (GPOINTER_TO_INT (data))
    g_printerr ("\r%3d%%", (int) (fraction * 100));
}

int
hk_cli_load_db (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR URI — load a CSV folder into a PostgreSQL database"));
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = NULL, *where = NULL;
  gboolean tty = isatty (2);
  GOptionEntry entries[] = {
    { "schema", 0, 0, G_OPTION_ARG_STRING, &schema, N_("Schema to create the tables in (default: public)"), N_("SCHEMA") },
    { NULL }
  };

  g_option_context_set_description (context, _("URI is a libpq connection string: postgresql://USER@HOST:PORT/DB "
                                                "or \"host=… dbname=…\". The tables influencers, posts, tracking, "
                                                "payouts and holdout_groups of the schema are replaced by the "
                                                "folder's (docs/postgresql.md).\n"
                                                "Exit status: 0 when loaded, 1 when the folder or the database "
                                                "failed, 2 on bad usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hk_cli_parse (context, &argc, &argv, "load-db"))
    return HK_CLI_USAGE;
  if (argc != 3 || !hk_pg_is_location (argv[2]))
    {
      g_printerr (_("influencer-report load-db: give a data folder and a database connection string\n"));
      return HK_CLI_USAGE;
    }
  if (!hk_pg_load_folder (argv[1], argv[2], schema, print_progress, GINT_TO_POINTER (tty), NULL, &error))
    {
      g_printerr ("%sinfluencer-report load-db: %s\n", tty ? "\n" : "", error->message);
      return HK_CLI_DATA_PROBLEM;
    }
  if (tty)
    g_printerr ("\r");
  where = hk_pg_location_describe (argv[2]);
  g_print (_("Loaded %s into %s\n"), argv[1], where);
  return HK_CLI_OK;
}
