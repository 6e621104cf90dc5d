/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-cli.h"
#include "hk-date.h"
#include "hk-import.h"
#include "hk-pg-source.h"
#include "hk-session.h"

GOptionGroup *
hk_cli_analysis_option_group (HkCliAnalysisArgs *args)
{
  GOptionEntry entries[] = {
    { "brand", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_BRAND], N_("Only this brand (repeatable)"), N_("BRAND") },
    { "product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_PRODUCT], N_("Only this product (repeatable)"), N_("PRODUCT") },
    { "campaign", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_CAMPAIGN], N_("Only this campaign (repeatable)"), N_("CAMPAIGN") },
    { "source", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_SOURCE], N_("Only this traffic source (repeatable)"), N_("SOURCE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args->from, N_("First day, inclusive (YYYY-MM-DD, or D-M-YYYY / D/M/YYYY day first)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &args->to, N_("Last day, inclusive"), N_("DATE") },
    { "platform", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_PLATFORM], N_("Only influencers on this platform (repeatable)"), N_("PLATFORM") },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_CATEGORY], N_("Only influencers of this category (repeatable)"), N_("CATEGORY") },
    { "persona", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_PERSONA], N_("Only influencers of this persona (repeatable)"), N_("PERSONA") },
    { "gender", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_GENDER], N_("Only influencers of this gender (repeatable)"), N_("GENDER") },
    { "city", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_CITY], N_("Only influencers from this city (repeatable)"), N_("CITY") },
    { "age-group", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_AGE_GROUP], N_("Only influencers of this age group (repeatable)"), N_("AGE_GROUP") },
    { "tier", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->values[HK_DIM_TIER], N_("Only this follower tier: nano, micro, macro, mega (repeatable)"), N_("TIER") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &args->search, N_("Only influencers whose name or id contains TEXT"), N_("TEXT") },
    { "iroas", 0, 0, G_OPTION_ARG_STRING, &args->iroas, N_("Incrementality method: auto[:SHARE], holdout, pre-period[:DAYS], assumed[:SHARE] (SHARE as 0.3 or 30%)"), N_("METHOD") },
    { "top", 0, 0, G_OPTION_ARG_INT, &args->top, N_("How many top influencers to list (default 10; 0: all)"), N_("N") },
    { "schema", 0, 0, G_OPTION_ARG_STRING, &args->schema, N_("For a database: the schema of its tables (default: public)"), N_("SCHEMA") },
    { "margin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->margins, N_("Gross margin of a brand, 0.4 or 40% (repeatable; *=M for the others; default 0.5): break-even ROAS is 1 ÷ margin"), N_("BRAND=M") },
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &args->target, N_("Target ROAS: what Scale asks for (default 3); chart draws its line"), N_("ROAS") },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &args->no_cache, N_("Read the folder's CSV files even when a snapshot of them is cached, and cache none"), NULL },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("analysis", _("Filters and analysis:"),
                                            _("Show filter and analysis options"), NULL, NULL);

  args->top = -1;
  args->target = NAN;
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

/* Any date the importer reads (DESIGN.md §2), day-first where both readings work. */
static gboolean
parse_day (const char  *text,
           const char  *option,
           gint32      *day,
           GError     **error)
{
  gint32 day_first, month_first;

  if (text == NULL)
    {
      *day = HK_DAY_NONE;
      return TRUE;
    }
  switch (hk_date_parse (text, strlen (text), &day_first, &month_first))
    {
    case HK_DATE_UNAMBIGUOUS:
    case HK_DATE_AMBIGUOUS:
    case HK_DATE_DAY_FIRST_ONLY:
      *day = day_first;
      return TRUE;
    case HK_DATE_MONTH_FIRST_ONLY:
      *day = month_first;
      return TRUE;
    case HK_DATE_INVALID:
    default:
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s: “%s” is not a date (YYYY-MM-DD, D-M-YYYY or D/M/YYYY)"), option, text);
      return FALSE;
    }
}

gboolean
hk_cli_analysis_args_apply (HkCliAnalysisArgs  *args,
                            HkFilter          **filter,
                            HkAnalysisOptions  *options,
                            GError            **error)
{
  g_autoptr(HkFilter) f = hk_filter_new ();
  gint32 first, last;

  hk_analysis_options_init (options);
  if (args->iroas && !hk_analysis_options_parse_iroas (options, args->iroas, error))
    return FALSE;
  if (args->top >= 0)
    options->top_n = args->top;
  else if (args->top != -1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--top must be 0 or more"));
      return FALSE;
    }

  for (guint k = 0; args->margins && args->margins[k]; k++)
    if (!hk_analysis_options_parse_margin (options, args->margins[k], error))
      return FALSE;
  if (!isnan (args->target))
    {
      if (!(args->target > 0 && args->target < 1000))
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--target must be above 0 and below 1000"));
          return FALSE;
        }
      options->target_roas = args->target;
    }

  for (guint d = 0; d < HK_N_DIMS; d++)
    for (guint k = 0; args->values[d] && args->values[d][k]; k++)
      {
        HkTier tier;

        if (d == HK_DIM_TIER && !hk_tier_from_name (args->values[d][k], &tier))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--tier: “%s” is not nano, micro, macro or mega"), args->values[d][k]);
            return FALSE;
          }
        hk_filter_add (f, d, d == HK_DIM_TIER ? hk_tier_name (tier) : args->values[d][k]);
      }
  if (!parse_day (args->from, "from", &first, error) || !parse_day (args->to, "to", &last, error))
    return FALSE;
  if (first != HK_DAY_NONE && last != HK_DAY_NONE && last < first)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--to is before --from"));
      return FALSE;
    }
  hk_filter_set_date_range (f, first, last);
  hk_filter_set_search (f, args->search);
  *filter = g_steal_pointer (&f);
  return TRUE;
}

void
hk_cli_analysis_args_clear (HkCliAnalysisArgs *args)
{
  for (guint d = 0; d < HK_N_DIMS; d++)
    g_strfreev (args->values[d]);
  g_free (args->from);
  g_free (args->to);
  g_free (args->search);
  g_free (args->iroas);
  g_free (args->schema);
  g_strfreev (args->margins);
}

char *
hk_cli_location (const char *arg,
                 const char *schema,
                 const char *command)
{
  if (!hk_pg_is_location (arg))
    {
      if (schema)
        {
          g_printerr (_("influencer-report %s: --schema is for a database, not a folder\n"), command);
          return NULL;
        }
      return g_strdup (arg);
    }
  return hk_pg_location_with_schema (arg, schema);
}

/* The session whose snapshot may still be being written. */
static HkSession *cache_session;

void
hk_cli_finish (void)
{
  if (cache_session == NULL)
    return;
  hk_session_wait_cache (cache_session);
  g_clear_object (&cache_session);
}

HkAnalysis *
hk_cli_analyze (const char              *folder,
                const HkFilter          *filter,
                const HkAnalysisOptions *options,
                gboolean                 use_cache)
{
  g_autoptr(HkSession) session = hk_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HkImportReport) failed_report = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  hk_session_set_use_cache (session, use_cache);
  if (use_cache)
    g_set_object (&cache_session, session);
  if (!hk_session_load (session, folder, &failed_report, &error))
    {
      if (failed_report)
        {
          g_autofree char *text = hk_import_report_to_text (failed_report);
          g_printerr ("%s", text);
        }
      g_printerr ("influencer-report: %s\n", error->message);
      return NULL;
    }
  /* Skipped rows and other problems are worth knowing but do not stop the run. */
  messages = hk_import_report_dup_messages (hk_dataset_get_report (hk_session_get_dataset (session)));
  for (guint i = 0; i < messages->len; i++)
    g_printerr ("%s\n", (char *) messages->pdata[i]);
  hk_session_set_filter (session, filter);
  hk_session_set_options (session, options);
  return hk_analysis_ref (hk_session_analyze (session));
}

gboolean
hk_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              const char       *command)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("influencer-report %s: %s\n", command, error->message);
      g_printerr (_("Try “influencer-report %s --help”.\n"), command);
      return FALSE;
    }
  return TRUE;
}
