/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-csv-writer.h"

void
hk_analysis_options_init (HkAnalysisOptions *options)
{
  /* Zeroed whole: sessions compare options byte for byte. */
  memset (options, 0, sizeof *options);
  options->method = HK_IROAS_AUTO;
  options->pre_period_days = 28;
  options->organic_share = 0.30;
  options->top_n = 10;
  options->row_dimensions = HK_ROW_DIMENSIONS_ALL;
  options->default_margin = 0.5;
  options->target_roas = 3;
}

gboolean
hk_analysis_options_set_margin (HkAnalysisOptions *options,
                                const char        *brand,
                                double             margin)
{
  guint i;

  g_return_val_if_fail (margin > 0 && margin <= 1, FALSE);
  if (brand == NULL || g_str_equal (brand, "*"))
    {
      options->default_margin = margin;
      return TRUE;
    }
  g_return_val_if_fail (strlen (brand) < HK_BRAND_NAME_MAX, FALSE);
  for (i = 0; i < options->n_margins; i++)
    if (g_str_equal (options->margins[i].brand, brand))
      break;
  if (i == HK_MAX_BRAND_MARGINS)
    return FALSE;
  if (i == options->n_margins)
    {
      memset (&options->margins[i], 0, sizeof options->margins[i]);
      g_strlcpy (options->margins[i].brand, brand, HK_BRAND_NAME_MAX);
      options->n_margins++;
    }
  options->margins[i].margin = margin;
  return TRUE;
}

double
hk_analysis_options_get_margin (const HkAnalysisOptions *options,
                                const char              *brand)
{
  for (guint i = 0; brand && i < options->n_margins; i++)
    if (g_str_equal (options->margins[i].brand, brand))
      return options->margins[i].margin;
  return options->default_margin;
}

/* A share as "0.3" or "30%", from 0 to 1. */
static gboolean
parse_share (const char *text,
             double     *share)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text)
    return FALSE;
  if (*end == '%')
    {
      value /= 100;
      end++;
    }
  if (*end != '\0' || !(value >= 0 && value <= 1))
    return FALSE;
  *share = value;
  return TRUE;
}

gboolean
hk_analysis_options_parse_margin (HkAnalysisOptions  *options,
                                  const char         *text,
                                  GError            **error)
{
  const char *eq = strrchr (text, '=');
  g_autofree char *brand = eq ? g_strstrip (g_strndup (text, eq - text)) : NULL;
  double margin;

  if (eq == NULL || brand[0] == '\0' || strlen (brand) >= HK_BRAND_NAME_MAX ||
      !parse_share (eq + 1, &margin) || !(margin > 0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a gross margin: use BRAND=M with M above 0 and at most 1 "
                     "(0.4 or 40%%), or *=M for every other brand"),
                   text);
      return FALSE;
    }
  if (!hk_analysis_options_set_margin (options, brand, margin))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Too many brand margins: at most %d"), HK_MAX_BRAND_MARGINS);
      return FALSE;
    }
  return TRUE;
}

gboolean
hk_analysis_options_parse_iroas (HkAnalysisOptions  *options,
                                 const char         *text,
                                 GError            **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *name = g_strndup (text, colon ? (gsize) (colon - text) : strlen (text));
  HkAnalysisOptions parsed = *options;
  char *end = NULL;

  if (g_str_equal (name, "holdout") && colon == NULL)
    parsed.method = HK_IROAS_HOLDOUT;
  else if (g_str_equal (name, "pre-period"))
    {
      parsed.method = HK_IROAS_PRE_PERIOD;
      if (colon)
        {
          guint64 days = g_ascii_strtoull (colon + 1, &end, 10);
          if (end == colon + 1 || *end != '\0' || days < 1 || days > 3650)
            goto bad;
          parsed.pre_period_days = days;
        }
    }
  else if (g_str_equal (name, "assumed") || g_str_equal (name, "auto"))
    {
      /* auto:SHARE is the share used where no holdout test covers a campaign. */
      parsed.method = g_str_equal (name, "auto") ? HK_IROAS_AUTO : HK_IROAS_ASSUMED;
      if (colon && !parse_share (colon + 1, &parsed.organic_share))
        goto bad;
    }
  else
    goto bad;
  *options = parsed;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not an iROAS method: use auto[:SHARE], holdout, pre-period[:DAYS] (1–3650) "
                 "or assumed[:SHARE] (SHARE from 0 to 1, or 0%% to 100%%)"),
               text);
  return FALSE;
}

char *
hk_analysis_options_format_iroas (const HkAnalysisOptions *options)
{
  char buf[32];

  switch (options->method)
    {
    case HK_IROAS_HOLDOUT: return g_strdup ("holdout");
    case HK_IROAS_PRE_PERIOD: return g_strdup_printf ("pre-period:%u", options->pre_period_days);
    case HK_IROAS_ASSUMED:
      hk_format_double_roundtrip (options->organic_share, buf);
      return g_strdup_printf ("assumed:%s", buf);
    case HK_IROAS_AUTO:
    default:
      if (options->organic_share == 0.30)
        return g_strdup ("auto");
      hk_format_double_roundtrip (options->organic_share, buf);
      return g_strdup_printf ("auto:%s", buf);
    }
}

char *
hk_iroas_methods_to_string (guint8 methods)
{
  GString *s = g_string_new (NULL);

  if (methods & HK_IROAS_USED_HOLDOUT)
    g_string_append (s, "holdout");
  if (methods & HK_IROAS_USED_PRE_PERIOD)
    g_string_append (s, s->len ? "+pre-period" : "pre-period");
  if (methods & HK_IROAS_USED_CALIBRATED)
    g_string_append (s, s->len ? "+calibrated" : "calibrated");
  if (methods & HK_IROAS_USED_ASSUMED)
    g_string_append (s, s->len ? "+assumed" : "assumed");
  return g_string_free (s, FALSE);
}
