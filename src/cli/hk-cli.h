/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hk-analysis.h"
#include "hk-dataset.h"
#include "hk-filter.h"

G_BEGIN_DECLS

/* Exit statuses of every command. */
enum {
  HK_CLI_OK = 0,
  HK_CLI_DATA_PROBLEM = 1, /* check: any problem; summary: a required table unreadable */
  HK_CLI_USAGE = 2,
};

/* The filter and analysis options `summary` and `chart` share. */
typedef struct {
  char  **values[HK_N_DIMS]; /* repeatable --brand, --city, … */
  char   *from;
  char   *to;
  char   *search;
  char   *iroas;
  char   *schema; /* of a database */
  int     top;
  char  **margins;           /* repeatable --margin BRAND=M */
  double  target;            /* --target; NAN when not given */
  gboolean no_cache;         /* --no-cache: parse the folder, write no snapshot */
} HkCliAnalysisArgs;

GOptionGroup *hk_cli_analysis_option_group (HkCliAnalysisArgs  *args);
/* Builds the filter and options; FALSE with a message on bad values. */
gboolean      hk_cli_analysis_args_apply   (HkCliAnalysisArgs  *args,
                                            HkFilter          **filter,
                                            HkAnalysisOptions  *options,
                                            GError            **error);
void          hk_cli_analysis_args_clear   (HkCliAnalysisArgs  *args);

/* Opens DIR in a session and analyses it for a command: import problems go to
 * stderr as one line each; NULL (with the report on stderr) when a required
 * table is unreadable. With use_cache, a folder is opened through the
 * snapshot cache, and a parsed one's snapshot is written on another thread
 * while the command goes on (hk_cli_finish() waits for it). */
HkAnalysis   *hk_cli_analyze               (const char              *folder,
                                            const HkFilter          *filter,
                                            const HkAnalysisOptions *options,
                                            gboolean                 use_cache);
/* Before exiting: waits for a snapshot being written. */
void          hk_cli_finish                (void);

/* The dataset location a command opens: DIR, or a database connection string
 * with --schema folded in; NULL (with a message) for --schema with a folder. */
char         *hk_cli_location              (const char         *arg,
                                            const char         *schema,
                                            const char         *command);

/* Parses a command's options; prints the error and usage hint and returns
 * FALSE on bad usage. */
gboolean      hk_cli_parse                 (GOptionContext     *context,
                                            int                *argc,
                                            char             ***argv,
                                            const char         *command);

int hk_cli_check    (int argc, char **argv);
int hk_cli_simulate (int argc, char **argv);
int hk_cli_summary  (int argc, char **argv);
int hk_cli_load_db  (int argc, char **argv);

G_END_DECLS
